"""End to end on the sample corpus with the real models (e5 embeddings, default stance model).

Covers supported, refuted (changed number, negation, changed place), cross-lingual and
unrelated claims in Arabic and English. Slow-ish (model load + ~40 sentences + 15 claims).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tabayyun import Tabayyun

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = [
    json.loads(line) for line in (ROOT / "samples" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_tb() -> Iterator[Tabayyun]:
    with Tabayyun(":memory:") as tb:
        report = tb.add_files([ROOT / "samples" / "corpus"])
        assert report.errors == ()
        yield tb


#: known gaps of the default (gated) stance model, kept visible: strict, so a fix shows up
KNOWN_GAPS = {
    "en-refuted-deaths": "'several people died' against 'no deaths had been reported': died/deaths share no "
    "stem and the heuristic cannot see the contradiction; the learned model does not either",
}
CASES = [
    pytest.param(c, id=c["id"], marks=pytest.mark.xfail(reason=KNOWN_GAPS[c["id"]], strict=True))
    if c["id"] in KNOWN_GAPS
    else pytest.param(c, id=c["id"])
    for c in CLAIMS
]


@pytest.mark.parametrize("case", CASES)
def test_sample_claim_verdict(sample_tb: Tabayyun, case: dict[str, str]) -> None:
    result = sample_tb.check(case["claim"], id=case["id"])
    assert result.verdict == case["expected"], json.dumps(result.to_dict(), ensure_ascii=False, indent=1)
    assert result.id == case["id"]
    for ev in result.evidence:
        assert sample_tb.document(ev.document_id or 0).text[ev.start : ev.end] == ev.text


def test_changed_number_is_shown_as_a_quantity_mismatch(sample_tb: Tabayyun) -> None:
    result = sample_tb.check("تعهد التحالف بتقديم 436 مليون دولار لدعم الاستقرار")
    mismatches = [c for c in result.checks if c.kind == "quantity" and c.result == "mismatch"]
    assert any("600" in c.evidence_text for c in mismatches)
    c = next(c for c in mismatches if "600" in c.evidence_text)
    doc_text = next(d.text for d in sample_tb.documents() if c.source == d.source)
    assert c.evidence_start is not None and c.evidence_end is not None
    assert doc_text[c.evidence_start : c.evidence_end] == c.evidence_text


def test_obfuscation_does_not_change_the_verdict(sample_tb: Tabayyun) -> None:
    plain = sample_tb.check("أقر البرلمان موازنة 2024 بنفقات تبلغ 15 مليار دولار")
    tricked = sample_tb.check("أقـــرّ البرلمــان موازنة ٢٠٢٤ بنفقات تبلغ ١٥ مليار\u200b دولار")
    assert plain.verdict == tricked.verdict == "refuted"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("The coalition pledged 600 million dollars for stabilisation", "600 مليون دولار"),
        ("measles vaccination campaign for children", "حملة وطنية للتطعيم"),
        ("كم عائلة تم إجلاؤها بسبب الفيضانات؟", "1,200 families"),
        ("بلغ محصول القمح هذا العام 3.2 مليون طن", "wheat harvest"),
    ],
    ids=["en->ar-pledge", "en->ar-vaccination", "ar->en-families", "ar->en-wheat"],
)
def test_cross_lingual_search(sample_tb: Tabayyun, query: str, expected: str) -> None:
    hits = sample_tb.search(query, k=3)
    assert any(expected in h.text for h in hits), [h.text for h in hits]
