"""``extract`` and ``compare`` read cleaned text and report offsets and texts of the original."""

from __future__ import annotations

from datetime import date

import pytest

from tabayyun.extract import compare, extract
from tabayyun.extract.types import Extraction
from tabayyun.results import Check

# (id, plain text, obfuscated text)
TEXTS = [
    ("tatweel", "أصبح عدد أعضاء التحالف ضد داعش 83 عضواً في روما",
     "أصبــح عدد أعضـاء التحالــف ضد داعــش 83 عضــواً في رومــا"),
    ("diacritics", "تعهد التحالف بتقديم 600 مليون دولار في 28 حزيران 2023",
     "تَعَهَّدَ التَّحَالُفُ بِتَقْدِيمِ 600 مَلْيُونِ دُولَارٍ فِي 28 حَزِيرَانَ 2023"),
    ("zwnj", "أصبح عدد أعضاء التحالف 90 عضوا",
     "أص\u200cبح عد\u200cد أع\u200cضاء التح\u200cالف 90 عض\u200cوا"),
    ("zwsp-digits", "بلغت النفقات 13.5 مليار دولار عام 2024",
     "بلغت النف\u200bقات ١٣٫٥ مليار\u200b دولار عام ٢٠٢٤"),
    ("bidi", "اجتمع الوزراء في عمان يوم 3 أيار 2022",
     "\u202bاجتمع الوزراء في \u200fعمان يوم \u2066\u200e3\u200e\u2069 أيار ۲۰۲۲\u202c"),
    ("persian", "قتل 12 شخصا في مدينة حلب", "قتل ۱۲ شخصا فی مدینة حلب"),
    ("zero-width-inside-numbers", "قتل 90 شخصا وتعهدوا بتقديم 600 مليون دولار",
     "قتل 9\u200c0 شخصا وتعهدوا بتقديم ٦\u200f٠\u200b٠ مليون دولار"),
    ("presentation-forms", "وصل 40 لاجئا إلى روما", "ﻭﺻﻞ 40 ﻻﺟﺌﺎ ﺇﻟﻰ ﺭﻭﻣﺎ"),
    ("english-bidi-zero-width", "About 1,200 families left Rome in May 2023",
     "About \u200e1,200\u200e fam\u200bilies left Ro\u00adme in May \u2066٢٠٢٣\u2069"),
]


def _mentions(x: Extraction) -> list[object]:
    return [*x.quantities, *x.dates, *x.entities]


def _essence(x: Extraction) -> list[tuple[object, ...]]:
    """What was found, without where and how it was written."""
    return (
        [(q.value, q.low, q.high, q.unit, q.noun, q.kind) for q in x.quantities]
        + [(d.value, d.low, d.high, d.precision) for d in x.dates]
        + [(e.type, e.canonical) for e in x.entities]
    )


@pytest.mark.parametrize(("plain", "tricked"), [c[1:] for c in TEXTS], ids=[c[0] for c in TEXTS])
def test_obfuscated_text_extracts_the_same_with_original_offsets(plain: str, tricked: str) -> None:
    want, got = extract(plain), extract(tricked)
    assert _mentions(want), "the plain text must have something to extract"
    assert _essence(got) == _essence(want)
    for m in _mentions(got):
        assert tricked[m.start : m.end] == m.text  # type: ignore[attr-defined]


def test_relative_dates_resolve_through_obfuscation() -> None:
    x = extract("اجتمعــوا أَمْسِ في عمّان", document_date=date(2022, 5, 3))
    assert [(d.value, d.text) for d in x.dates] == [("2022-05-02", "أَمْسِ")]


def _check_offsets(checks: list[Check], claim: str, evidence: str) -> None:
    for c in checks:
        assert c.claim_text in claim
        if c.evidence_start is not None and c.evidence_end is not None:
            assert evidence[c.evidence_start : c.evidence_end] == c.evidence_text


# (id, claim, evidence, obfuscated claim, obfuscated evidence)
PAIRS = [
    ("number", "أصبح عدد أعضاء التحالف 90 عضوا",
     "أصبح عدد أعضاء التحالف الدولي ضد داعش 83 عضوا",
     "أصبـــح عدد أعضاء التحالف ٩٠ عضــوا", "أَصْبَحَ عَدَدُ أعضاء التحالف الدولي ضد داعش 83 عُضْواً"),
    ("money", "تعهد التحالف بتقديم 436 مليون دولار",
     "تعهد المانحون بتقديم 600 مليون دولار لدعم الاستقرار",
     "تعهد التحالف بتقديم ۴۳۶ ملي\u200cون دولار",
     "تعهد المانحو\u200bن بتقديم \u200e600\u200e مليون دولار لدعم الاستقرار"),
    ("place", "اجتمع وزراء التحالف في باريس", "اجتمع وزراء التحالف في روما يوم 28 حزيران 2023",
     "اجتمع وزراء التحالف في بارىــس", "اجتمع وزراء التحالف في ﺭﻭﻣﺎ يوم ٢٨ حزيران ٢٠٢٣"),
    ("date", "The coalition met in Rome in May 2023", "اجتمع وزراء التحالف في روما يوم 28 حزيران 2023",
     "The coalition met in Ro\u200bme in May \u200e٢٠٢٣\u200e",
     "اجتمع وزراء التحالــف في روما يوم ٢٨ حَزِيرَانَ 2023"),
]


def _outcomes(checks: list[Check]) -> list[tuple[str, str]]:
    return sorted((c.kind, c.result) for c in checks)


@pytest.mark.parametrize(("claim", "evidence", "t_claim", "t_evidence"), [c[1:] for c in PAIRS],
                         ids=[c[0] for c in PAIRS])
def test_compare_through_obfuscation(claim: str, evidence: str, t_claim: str, t_evidence: str) -> None:
    plain = compare(claim, evidence)
    assert any(c.result == "mismatch" for c in plain)
    for cl, ev in ((t_claim, evidence), (claim, t_evidence), (t_claim, t_evidence)):
        got = compare(cl, ev)
        assert _outcomes(got) == _outcomes(plain), (cl, ev, got)
        _check_offsets(got, cl, ev)
        # extractions given (offsets into the originals, as extract returns them) give the same checks
        given = compare(cl, ev, claim_extraction=extract(cl), evidence_extraction=extract(ev))
        assert given == got
