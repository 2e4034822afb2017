"""Naming claims (tabayyun/claims/naming.py): the forms of a name, where each occurs in a source, the
check's outcome by the documented rule, the verdict and its confidence, the one-line summary.

Every source text here was written for these tests, in the shape of official statements.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tabayyun.claims import naming as nm
from tabayyun.claims.decompose import Naming
from tabayyun.claims.naming import (
    clean_name,
    find_forms,
    heading_span,
    is_still,
    name_forms,
    naming_check,
    naming_outcome,
    naming_summary,
    naming_verdict,
    quote_spans,
)
from tabayyun.core import Tabayyun
from tabayyun.results import Check, CheckResult, Document, NameForm
from tabayyun.testing import HashingEmbedder, OverlapStance

ISIS_FORMS = name_forms("ISIS")


def _doc(text: str, i: int = 1, *, title: str = "", source: str = "", date: str | None = None) -> Document:
    return Document(id=i, title=title or f"doc {i}", source=source or f"doc{i}.txt", text=text, hash=str(i),
                    date=date)


def _counts(check: Check) -> dict[str, tuple[int, int]]:
    return {f.form: (f.count, f.quoted_count) for f in check.forms if f.count}


# -- the forms --------------------------------------------------------------------------------------

FORMS_CASES = [
    pytest.param("داعش", "الدولة الإسلامية", ISIS_FORMS, id="ar-entity-known-all-aliases"),
    pytest.param("ISIS", "Islamic State", ISIS_FORMS, id="en-entity-known-all-aliases"),
    pytest.param("لداعش", "", ISIS_FORMS, id="entity-with-clitic-found"),
    pytest.param("الحركة", "الإمارة", ("الحركة", "الإمارة"), id="unknown-entity-own-wording-and-name"),
    pytest.param("الحركة", "«بالإمارة»", ("الحركة", "الإمارة"), id="name-quotes-and-bi-stripped"),
    pytest.param("the movement", "'the emirate'", ("the movement", "the emirate"), id="en-unknown-entity"),
    pytest.param("الجماعة", "الدولة الاسلامية", ("ISIS", *ISIS_FORMS[1:], "الجماعة"),
                 id="unknown-entity-known-name-gives-its-aliases"),
    pytest.param("داعش", "دولة الخلافة", (*ISIS_FORMS, "دولة الخلافة"), id="name-not-in-table-added"),
    pytest.param("ISIS", "the Islamic State", ISIS_FORMS, id="en-article-before-a-table-form"),
]


@pytest.mark.parametrize(("entity", "name", "expected"), FORMS_CASES)
def test_name_forms(entity: str, name: str, expected: tuple[str, ...]) -> None:
    assert name_forms(entity, name) == expected


def test_isis_forms_are_the_table_row() -> None:
    assert {"داعش", "تنظيم الدولة الإسلامية", "الدولة الإسلامية", "Islamic State", "Daesh", "ISIL"} <= set(
        ISIS_FORMS)
    assert len(ISIS_FORMS) == len(set(ISIS_FORMS))


@pytest.mark.parametrize(("raw", "clean"), [
    pytest.param("«الدولة الإسلامية»", "الدولة الإسلامية", id="guillemets"),
    pytest.param("بالإمارة", "الإمارة", id="bi-before-article"),
    pytest.param("بـالإمارة", "الإمارة", id="bi-tatweel"),
    pytest.param("بغداد", "بغداد", id="ba-of-the-word-kept"),
    pytest.param('"Islamic State".', "Islamic State", id="en-quotes-and-stop"),
])
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


@pytest.mark.parametrize(("name", "form"), [
    pytest.param("الدولة الاسلامية", "الدولة الإسلامية", id="folded-spelling"),
    pytest.param("«بالدولة الإسلامية»", "الدولة الإسلامية", id="quotes-and-bi"),
    pytest.param("the Islamic State", "Islamic State", id="en-article-dropped"),
    pytest.param("Islamic State", "Islamic State", id="en-same"),
    pytest.param("the caliphate", None, id="not-a-form"),
])
def test_claimed_form(name: str, form: str | None) -> None:
    assert nm.claimed_form(name, ISIS_FORMS) == form


# -- finding the forms in a text --------------------------------------------------------------------

#: (text, entity, name, [(surface, form, quoted), ...] in text order)
FIND_CASES = [
    pytest.param("قال التحالف إن داعش خسر آخر مواقعه.", "داعش", "",
                 [("داعش", "داعش", False)], id="ar-plain"),
    pytest.param("أكد البيان أن تنظيم الدولة الإسلامية فقد قدرته.", "داعش", "",
                 [("تنظيم الدولة الإسلامية", "تنظيم الدولة الإسلامية", False)], id="ar-longest-form-wins"),
    pytest.param("أكد البيان أن تنظيم الدولة الإسلامية الإرهابي فقد قدرته.", "داعش", "",
                 [("تنظيم الدولة الإسلامية", "تنظيم الدولة الإسلامية", False)],
                 id="ar-descriptor-after-name"),
    pytest.param("وتواصل القوات ملاحقة خلايا داعش وداعش يتراجع.", "داعش", "",
                 [("داعش", "داعش", False), ("داعش", "داعش", False)], id="ar-waw-clitic-peeled"),
    pytest.param("ولا مكان للدولة الإسلامية في المنطقة.", "داعش", "",
                 [("للدولة الإسلامية", "الدولة الإسلامية", False)], id="ar-lil-clitic"),
    pytest.param("تمت ملاحقة داعـــش في الصحراء.", "داعش", "",
                 [("داعـــش", "داعش", False)], id="ar-tatweel"),
    pytest.param("تمت ملاحقة دَاعِشٍ في الصحراء.", "داعش", "",
                 [("دَاعِشٍ", "داعش", False)], id="ar-diacritics"),
    pytest.param("تمت ملاحقة دا\u200cعش في الصحراء.", "داعش", "",
                 [("دا\u200cعش", "داعش", False)], id="ar-zwnj"),
    pytest.param("خسر تنظیم الدولة الاسلامیه مواقعه.", "داعش", "",
                 [("تنظیم الدولة الاسلامیه", "تنظيم الدولة الإسلامية", False)], id="ar-persian-ya-hamza-ta"),
    pytest.param("وصف البيان ما يسمى «الدولة الإسلامية» بالعصابة.", "داعش", "",
                 [("الدولة الإسلامية", "الدولة الإسلامية", True)], id="ar-guillemets-quoted"),
    pytest.param('ما يسمى "الدولة الإسلامية" انتهى، وداعش يتراجع.', "داعش", "",
                 [("الدولة الإسلامية", "الدولة الإسلامية", True), ("داعش", "داعش", False)],
                 id="ar-straight-quotes-then-unquoted"),
    pytest.param("بيان التحالف بشأن داعش\nواصل التحالف عملياته ضد داعش.", "داعش", "",
                 [("داعش", "داعش", True), ("داعش", "داعش", False)], id="ar-heading-line-quoted"),
    pytest.param("شارك التحالف الدولي ضد داعش في الاجتماع، وقال إن داعش ضعيف.", "داعش", "",
                 [("داعش", "داعش", True), ("داعش", "داعش", False)], id="ar-inside-another-entity-name"),
    pytest.param("قالت الحركة إنها تحكم البلاد، وتسمي نفسها «الإمارة».", "الحركة", "الإمارة",
                 [("الحركة", "الحركة", False), ("الإمارة", "الإمارة", True)], id="ar-unknown-entity"),
    pytest.param("وللحركة مكتب في العاصمة.", "الحركة", "الإمارة",
                 [("للحركة", "الحركة", False)], id="ar-unknown-entity-clitics"),
    pytest.param("Coalition partners continued to pursue Daesh remnants.", "ISIS", "",
                 [("Daesh", "Daesh", False)], id="en-plain"),
    pytest.param("ISIS and ISIL are two names; isis in lower case is a goddess.", "ISIS", "",
                 [("ISIS", "ISIS", False), ("ISIL", "ISIL", False)], id="en-capitals-only"),
    pytest.param("The so-called “Islamic State” lost, said the Islamic State expert.", "ISIS", "",
                 [("Islamic State", "Islamic State", True), ("Islamic State", "Islamic State", False)],
                 id="en-curly-quotes"),
    pytest.param("The coalition’s fight against ‘Islamic State’ cells goes on.", "ISIS", "",
                 [("Islamic State", "Islamic State", True)], id="en-apostrophe-is-no-quote"),
    pytest.param("The Global Coalition against Daesh met; Daesh cells remain.", "ISIS", "",
                 [("Daesh", "Daesh", True), ("Daesh", "Daesh", False)], id="en-inside-another-entity-name"),
    pytest.param("The movement says the emirate is back.", "the movement", "the emirate",
                 [("The movement", "the movement", False), ("the emirate", "the emirate", False)],
                 id="en-unknown-entity-any-case"),
    pytest.param("The ministry published its annual budget today.", "ISIS", "", [], id="not-mentioned"),
]


@pytest.mark.parametrize(("text", "entity", "name", "expected"), FIND_CASES)
def test_find_forms(text: str, entity: str, name: str, expected: list[tuple[str, str, bool]]) -> None:
    forms = name_forms(entity, name)
    found = find_forms(text, forms)
    assert [(text[o.start : o.end], forms[o.form], o.quoted) for o in found] == expected


@pytest.mark.parametrize(("text", "spans"), [
    pytest.param("قال «نعم» ثم «لا».", ["«نعم»", "«لا»"], id="two-guillemets"),
    pytest.param('He said "yes" and left.', ['"yes"'], id="straight"),
    pytest.param("«لم يغلق\nهنا»", [], id="no-quote-across-lines"),
    pytest.param("it’s the coalition’s", [], id="apostrophes"),
    pytest.param("”نص“", ["”نص“"], id="reversed-arabic-style"),
])
def test_quote_spans(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in quote_spans(text)] == spans


@pytest.mark.parametrize(("text", "heading"), [
    pytest.param("بيان صحفي\nقال التحالف كذا.", "بيان صحفي", id="short-first-line"),
    pytest.param("قال التحالف كذا.\nوأضاف كذا.", None, id="first-line-is-a-sentence"),
    pytest.param("بيان صحفي", None, id="one-line-only"),
    pytest.param("  Press release  \nThe coalition said so.", "Press release", id="stripped"),
])
def test_heading_span(text: str, heading: str | None) -> None:
    span = heading_span(text)
    assert (text[span[0] : span[1]] if span else None) == heading


# -- the check --------------------------------------------------------------------------------------

# an official-statement-shaped text: the group is "داعش" six times, "تنظيم الدولة الإسلامية" once in a
# quoted report title and once in the writer's own words
STATEMENT_AR = (
    "بيان مشترك لوزراء التحالف\n"
    "اجتمع وزراء التحالف الدولي اليوم وأكدوا التزامهم بهزيمة داعش هزيمة دائمة. "
    "وقال الوزراء إن داعش فقد السيطرة على الأرض لكن خلايا داعش ما زالت تشكل تهديدا. "
    "ورحب الوزراء بتقرير «مستقبل ما بعد تنظيم الدولة الإسلامية» الصادر عن الأمانة. "
    "وتعهد الوزراء بمواصلة دعم الشركاء في مواجهة داعش، وبمنع عودة تنظيم الدولة الإسلامية. "
    "وشددوا على محاسبة مقاتلي داعش وقطع تمويل داعش."
)
STATEMENT_EN = (
    "Joint statement of the coalition ministers\n"
    "Ministers met today and reaffirmed their resolve to defeat Daesh. Daesh no longer holds territory, "
    "but Daesh cells remain a threat. Ministers welcomed the report \"After ISIS\". They pledged to keep "
    "supporting partners against Daesh and to stop the return of ISIS."
)

#: (documents, naming, claim text, outcome, expected counts {form: (count, quoted)})
CHECK_CASES = [
    pytest.param([STATEMENT_AR], Naming("التحالف", "داعش", "الدولة الإسلامية"),
                 "لا يزال التحالف يسمي داعش بالدولة الإسلامية", "mismatch",
                 {"داعش": (6, 0), "تنظيم الدولة الإسلامية": (2, 1)}, id="ar-claimed-form-never-used"),
    pytest.param([STATEMENT_AR], Naming("التحالف", "داعش", "تنظيم الدولة الإسلامية"),
                 "التحالف يسمي داعش تنظيم الدولة الإسلامية", "not_comparable",
                 {"داعش": (6, 0), "تنظيم الدولة الإسلامية": (2, 1)}, id="ar-claimed-in-regular-use-not-main"),
    pytest.param([STATEMENT_AR], Naming("التحالف", "الدولة الإسلامية", "داعش"),
                 "التحالف يسمي التنظيم داعش", "match",
                 {"داعش": (6, 0), "تنظيم الدولة الإسلامية": (2, 1)}, id="ar-claimed-is-the-main-form"),
    pytest.param([STATEMENT_EN], Naming("the coalition", "ISIS", "the Islamic State"),
                 "The coalition still calls ISIS 'the Islamic State'", "mismatch",
                 {"Daesh": (4, 0), "ISIS": (2, 1)}, id="en-claimed-form-never-used"),
    pytest.param([STATEMENT_EN], Naming("the coalition", "ISIS", "Daesh"),
                 "The coalition calls ISIS Daesh", "match", {"Daesh": (4, 0), "ISIS": (2, 1)},
                 id="en-claimed-is-the-main-form"),
    pytest.param(["قال البيان إن داعش يتراجع " * 12 + "وإن الدولة الإسلامية انتهت."],
                 Naming("", "داعش", "الدولة الإسلامية"), "", "mismatch",
                 {"داعش": (12, 0), "الدولة الإسلامية": (1, 0)}, id="rare-one-in-thirteen"),
    pytest.param(["داعش خسر. داعش تراجع. داعش انتهى. الدولة الإسلامية هزمت. الدولة الإسلامية انهارت."],
                 Naming("", "داعش", "الدولة الإسلامية"), "", "not_comparable",
                 {"داعش": (3, 0), "الدولة الإسلامية": (2, 0)}, id="minority-but-regular"),
    pytest.param(["Daesh lost ground. Daesh fled. ISIS cells hid. ISIS cells moved."],
                 Naming("", "ISIS", "ISIS"), "", "match", {"Daesh": (2, 0), "ISIS": (2, 0)},
                 id="tie-is-a-main-form"),
    pytest.param(["وصف المتحدث «الدولة الإسلامية» و«الدولة الإسلامية» و«الدولة الإسلامية» بالوهم، "
                  "وداعش يتراجع."],
                 Naming("", "داعش", "الدولة الإسلامية"), "", "mismatch",
                 {"الدولة الإسلامية": (3, 3), "داعش": (1, 0)}, id="claimed-only-quoted"),
    pytest.param(["نشرت الأمانة تقرير «نهاية داعش» أمس."], Naming("", "داعش", "داعش"), "",
                 "not_comparable", {"داعش": (1, 1)}, id="entity-only-quoted"),
    pytest.param(["ناقش الوزراء الموازنة العامة والطرق."], Naming("", "داعش", "الدولة الإسلامية"), "",
                 "not_comparable", {}, id="entity-not-mentioned"),
    pytest.param(["قالت الحركة إنها ستشكل حكومة. وأكدت الحركة أن الحركة لن تتراجع. "
                  "ونشرت الحركة بيانا بعنوان «بيان الإمارة»."], Naming("التحالف", "الحركة", "الإمارة"),
                 "لا يزال التحالف يسمي الحركة بالإمارة", "mismatch", {"الحركة": (4, 0), "الإمارة": (1, 1)},
                 id="unknown-entity-issue-shape"),
    pytest.param(["The movement said the emirate would rule. The emirate, the movement added, is back. "
                  "The emirate issued decrees."], Naming("", "the movement", "the emirate"), "", "match",
                 {"the emirate": (3, 0), "the movement": (2, 0)}, id="en-unknown-entity-match"),
    pytest.param([STATEMENT_AR, "Daesh cells moved. Daesh leaders fled."], Naming("", "داعش", "داعش"), "",
                 "match", {"داعش": (6, 0), "Daesh": (2, 0), "تنظيم الدولة الإسلامية": (2, 1)},
                 id="two-documents-two-languages"),
]


@pytest.mark.parametrize(("texts", "naming", "claim", "outcome", "counts"), CHECK_CASES)
def test_naming_check(texts: list[str], naming: Naming, claim: str, outcome: str,
                      counts: dict[str, tuple[int, int]]) -> None:
    docs = [_doc(t, i) for i, t in enumerate(texts, start=1)]
    check = naming_check(naming, docs, claim_text=claim)
    assert check.kind == "naming"
    assert (check.result, _counts(check)) == (outcome, counts)
    by_id = {d.id: d.text for d in docs}
    for form in check.forms:
        assert len(form.spans) == form.count and sum(s.quoted for s in form.spans) == form.quoted_count
        for s in form.spans:
            assert by_id[s.document_id][s.start : s.end] == s.text
    if check.evidence_start is not None and check.evidence_end is not None:
        assert by_id[check.document_id or 0][check.evidence_start : check.evidence_end] == check.evidence_text
    assert [f.claimed for f in check.forms].count(True) == (1 if clean_name(naming.name) else 0)


def test_counts_are_most_used_first() -> None:
    check = naming_check(Naming("", "داعش", "الدولة الإسلامية"), [_doc(STATEMENT_AR)])
    counts = [f.count for f in check.forms]
    assert counts == sorted(counts, reverse=True)


def test_evidence_shows_the_deciding_form() -> None:
    check = naming_check(Naming("", "داعش", "الدولة الإسلامية"), [_doc(STATEMENT_AR)])
    assert (check.result, check.claim_text, check.evidence_text) == ("mismatch", "الدولة الإسلامية", "داعش")
    assert check.document_id == 1 and check.source == "doc1.txt"


OBFUSCATIONS = [
    pytest.param(lambda t: t.replace("داعش", "داعــش"), id="tatweel"),
    pytest.param(lambda t: t.replace("داعش", "دَاعِش").replace("الدولة", "الدَّوْلَة"), id="diacritics"),
    pytest.param(lambda t: t.replace("داعش", "داع\u200cش").replace("تنظيم", "تن\u200dظيم"), id="zero-width"),
    pytest.param(lambda t: t.replace("الإسلامية", "الاسلامیه"), id="persian-ya-hamza-ta-marbuta"),
]


@pytest.mark.parametrize("obfuscate", OBFUSCATIONS)
def test_obfuscated_source_counts_the_same(obfuscate: object) -> None:
    assert callable(obfuscate)
    naming = Naming("التحالف", "داعش", "الدولة الإسلامية")
    plain = naming_check(naming, [_doc(STATEMENT_AR)])
    text = obfuscate(STATEMENT_AR)
    assert text != STATEMENT_AR
    dirty = naming_check(naming, [_doc(text)])
    assert (dirty.result, _counts(dirty)) == (plain.result, _counts(plain))
    for form in dirty.forms:
        for s in form.spans:
            assert text[s.start : s.end] == s.text


def test_still_counts_the_latest_documents() -> None:
    old = _doc("أعلن التحالف أن الدولة الإسلامية خسرت، وأن الدولة الإسلامية تتراجع، "
               "والدولة الإسلامية تنهار.", 1, date="2019-03-01")
    new = _doc("أكد التحالف أن داعش يتراجع، وأن خلايا داعش مطاردة.", 2, date="2024-05-02")
    naming = Naming("التحالف", "داعش", "الدولة الإسلامية")
    ever = naming_check(naming, [old, new], claim_text="التحالف يسمي داعش الدولة الإسلامية")
    still = naming_check(naming, [old, new], claim_text="لا يزال التحالف يسمي داعش الدولة الإسلامية")
    assert ever.result == "match" and _counts(ever) == {"الدولة الإسلامية": (3, 0), "داعش": (2, 0)}
    assert still.result == "mismatch" and _counts(still) == {"داعش": (2, 0)}
    assert "2024-05-02" in still.detail


def test_documents_of_the_namer_are_preferred() -> None:
    coalition = _doc("أكد التحالف أن داعش يتراجع وأن داعش مهزوم.", 1, title="بيان التحالف الدولي")
    paper = _doc("قالت الصحيفة إن الدولة الإسلامية تتراجع، وإن الدولة الإسلامية تخسر، "
                 "والدولة الإسلامية تنهار.", 2, title="صحيفة المساء")
    naming = Naming("التحالف الدولي", "داعش", "الدولة الإسلامية")
    assert naming_check(naming, [coalition, paper]).result == "mismatch"
    anyone = Naming("", "داعش", "الدولة الإسلامية")
    assert naming_check(anyone, [coalition, paper]).result == "match"


def test_work_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nm, "MAX_DOCUMENTS", 2)
    monkeypatch.setattr(nm, "MAX_SPANS", 1)
    docs = [_doc("داعش يتراجع. داعش يخسر.", i) for i in range(1, 6)]
    check = naming_check(Naming("", "داعش", "داعش"), docs)
    (form,) = [f for f in check.forms if f.count]
    assert (form.count, len(form.spans)) == (4, 1)


# -- the outcome rule and the verdict ----------------------------------------------------------------


def _forms(*rows: tuple[str, int, int, bool]) -> tuple[NameForm, ...]:
    return tuple(NameForm(form, count, quoted, (), claimed) for form, count, quoted, claimed in rows)


#: (forms as (form, count, quoted, claimed), outcome, verdict, confidence)
RULE_CASES = [
    pytest.param(_forms(("Daesh", 30, 0, False), ("Islamic State", 1, 1, True)), "mismatch", "refuted",
                 31 / 32, id="thirty-to-one-quoted"),
    pytest.param(_forms(("Daesh", 30, 0, False), ("Islamic State", 1, 0, True)), "mismatch", "refuted",
                 31 / 33, id="thirty-to-one-own"),
    pytest.param(_forms(("Daesh", 9, 0, False), ("ISIS", 1, 0, True)), "not_comparable", "not_enough_info",
                 0.5, id="one-in-ten-is-not-rare"),
    pytest.param(_forms(("Daesh", 1, 0, False), ("ISIS", 0, 0, True)), "mismatch", "refuted", 2 / 3,
                 id="one-mention-other-form"),
    pytest.param(_forms(("ISIS", 1, 0, True)), "match", "supported", 2 / 3, id="one-mention-claimed"),
    pytest.param(_forms(("ISIS", 30, 0, True), ("Daesh", 1, 0, False)), "match", "supported", 31 / 33,
                 id="thirty-to-one-claimed"),
    pytest.param(_forms(("ISIS", 5, 0, True), ("Daesh", 5, 0, False)), "match", "supported", 0.5,
                 id="tie"),
    pytest.param(_forms(("ISIS", 6, 0, True), ("Daesh", 10, 8, False)), "match", "supported", 7 / 10,
                 id="rival-mostly-quoted"),
    pytest.param(_forms(("ISIS", 0, 0, True), ("Daesh", 0, 0, False)), "not_comparable", "not_enough_info",
                 0.5, id="not-mentioned"),
    pytest.param(_forms(("ISIS", 2, 2, True), ("Daesh", 3, 3, False)), "not_comparable", "not_enough_info",
                 0.5, id="only-quoted"),
    pytest.param(_forms(("ISIS", 4, 0, False), ("Daesh", 2, 0, False)), "not_comparable", "not_enough_info",
                 0.5, id="no-claimed-form"),
]


@pytest.mark.parametrize(("forms", "outcome", "verdict", "confidence"), RULE_CASES)
def test_outcome_and_verdict(forms: tuple[NameForm, ...], outcome: str, verdict: str,
                             confidence: float) -> None:
    assert naming_outcome(forms) == outcome
    check = Check(kind="naming", claim_text="x", evidence_text="", result=naming_outcome(forms), forms=forms)
    assert naming_verdict(check) == (verdict, pytest.approx(confidence, abs=1e-4))


@pytest.mark.parametrize(("text", "still"), [
    pytest.param("لا يزال التحالف يسمي داعش", True, id="la-yazal"),
    pytest.param("ولا تزال الحكومة تصف الحركة", True, id="wa-la-tazal"),
    pytest.param("ما زالت الوزارة تسميها", True, id="ma-zalat"),
    pytest.param("مازال البيان يصفها", True, id="mazal-joined"),
    pytest.param("لا يـزال التحالف", True, id="tatweel"),
    pytest.param("The coalition still calls ISIS", True, id="en-still"),
    pytest.param("The ministry continues to call it", True, id="en-continues-to"),
    pytest.param("زال الخطر عن المدينة", False, id="zal-alone"),
    pytest.param("The coalition calls ISIS Daesh", False, id="en-plain"),
])
def test_is_still(text: str, still: bool) -> None:
    assert is_still(text) is still


@pytest.mark.parametrize(("text", "negated", "present"), [
    pytest.param("لا يزال التحالف يسمي داعش بالدولة الإسلامية", False, True,
                 id="la-yazal-is-still-not-negation"),
    pytest.param("لم يعد التحالف يسمي داعش بالدولة الإسلامية", True, True, id="lam-yaud"),
    pytest.param("التحالف لا يسمي داعش بالدولة الإسلامية", True, False, id="la-yusammi"),
    pytest.param("لا يزال التحالف لا يسمي داعش بالدولة الإسلامية", True, True, id="still-not"),
    pytest.param("ما زال التحالف يسمي داعش", False, True, id="ma-zal"),
    pytest.param("The coalition does not call ISIS Daesh", True, False, id="en-does-not"),
    pytest.param("The coalition no longer calls ISIS the Islamic State", True, True, id="en-no-longer"),
    pytest.param("The coalition still calls ISIS the Islamic State", False, True, id="en-still"),
    pytest.param("The coalition calls ISIS Daesh", False, False, id="en-plain"),
])
def test_negated_and_present(text: str, negated: bool, present: bool) -> None:
    assert (nm.is_negated(text), nm.is_present(text)) == (negated, present)


@pytest.mark.parametrize(("claim", "name", "outcome", "evidence"), [
    pytest.param("لم يعد التحالف يسمي داعش بالدولة الإسلامية", "الدولة الإسلامية", "match", "داعش",
                 id="denied-rare-name-is-a-match"),
    pytest.param("التحالف لا يسمي التنظيم داعش", "داعش", "mismatch", "داعش",
                 id="denied-main-name-is-a-mismatch"),
    pytest.param("التحالف لا يسمي التنظيم تنظيم الدولة الإسلامية", "تنظيم الدولة الإسلامية", "not_comparable",
                 "داعش", id="denied-regular-name-undecided"),
])
def test_a_denied_name_flips_the_outcome(claim: str, name: str, outcome: str, evidence: str) -> None:
    naming = Naming("التحالف", "داعش", name)
    denied = naming_check(naming, [_doc(STATEMENT_AR)], claim_text=claim)
    plain = naming_check(naming, [_doc(STATEMENT_AR)])
    assert (denied.result, denied.evidence_text) == (outcome, evidence)
    assert _counts(denied) == _counts(plain)
    assert naming_verdict(denied)[1] == naming_verdict(plain)[1]
    assert "do not use" in denied.detail


# -- the summary --------------------------------------------------------------------------------------

SUMMARY_CASES = [
    pytest.param(_forms(("داعش", 30, 0, False), ("تنظيم الدولة الإسلامية", 1, 1, False),
                        ("الدولة الإسلامية", 0, 0, True)), "ar",
                 "داعش 30 مرة، تنظيم الدولة الإسلامية مرة واحدة (بين علامتي تنصيص)، الدولة الإسلامية لا ترد",
                 id="ar-issue-shape"),
    pytest.param(_forms(("Daesh", 30, 0, False), ("the Islamic State organisation", 1, 1, True)), "en",
                 "Daesh 30×, the Islamic State organisation 1× (quoted)", id="en-issue-shape"),
    pytest.param(_forms(("داعش", 2, 0, True), ("ISIS", 5, 1, False)), "ar",
                 "داعش مرتين، ISIS 5 مرات (منها مرة واحدة بين علامتي تنصيص)", id="ar-two-and-some-quoted"),
    pytest.param(_forms(("ISIS", 5, 2, False), ("Daesh", 0, 0, False)), "en", "ISIS 5× (2 quoted)",
                 id="en-unused-unclaimed-left-out"),
    pytest.param(_forms(("داعش", 0, 0, True)), "ar", "لا تذكر المصادر x بأي من أسمائه", id="ar-none"),
    pytest.param(_forms(("ISIS", 0, 0, True)), "en", "the sources name x in none of its forms", id="en-none"),
]


@pytest.mark.parametrize(("forms", "lang", "line"), SUMMARY_CASES)
def test_naming_summary(forms: tuple[NameForm, ...], lang: str, line: str) -> None:
    check = Check(kind="naming", claim_text="x", evidence_text="", result="match", forms=forms)
    assert naming_summary(check, lang) == line


def test_detail_is_the_english_summary() -> None:
    check = naming_check(Naming("", "داعش", "الدولة الإسلامية"), [_doc(STATEMENT_AR)])
    assert check.detail == naming_summary(check, "en")
    assert check.to_dict()["forms"][0]["form"] == "داعش"


# -- which documents ---------------------------------------------------------------------------------


def _store_with(texts: Sequence[str]) -> Tabayyun:
    tb = Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance())
    for i, t in enumerate(texts):
        tb.add_text(t, source=f"s{i}.txt")
    return tb


def test_small_store_is_counted_whole() -> None:
    with _store_with(["داعش يتراجع.", "الوزارة تنشر الموازنة.", "الدولة الإسلامية تنهار."]) as tb:
        docs = nm.naming_documents(tb.store, [1])
        assert len(docs) == 3


def test_big_store_counts_the_retrieved_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nm, "SMALL_STORE", 2)
    with _store_with(["داعش يتراجع.", "الوزارة تنشر الموازنة.", "الدولة الإسلامية تنهار."]) as tb:
        docs = nm.naming_documents(tb.store, [3, 1, 3])
        assert [d.id for d in docs] == [3, 1]


# -- a naming part's result --------------------------------------------------------------------------


def test_judged_naming_takes_the_counts_verdict() -> None:
    other = Check(kind="entity", claim_text="التحالف", evidence_text="التحالف", result="match")
    judged = CheckResult(claim="لا يزال التحالف يسمي داعش بالدولة الإسلامية", verdict="supported",
                         confidence=0.61, evidence=(), checks=(other,))
    out = nm.judged_naming(judged, Naming("التحالف", "داعش", "الدولة الإسلامية"), [_doc(STATEMENT_AR)])
    assert (out.verdict, out.confidence) == ("refuted", pytest.approx(8 / 9, abs=1e-4))
    assert [c.kind for c in out.checks] == ["naming", "entity"]
    assert out.claim == judged.claim


def test_renumbered_forms_maps_every_occurrence() -> None:
    check = naming_check(Naming("", "داعش", "داعش"), [_doc(STATEMENT_AR, 7), _doc("داعش يتراجع.", 9)])
    back = nm.renumbered_forms(check, {7: 70, 9: None}.get)
    ids = {s.document_id for f in back.forms for s in f.spans}
    assert ids == {70, None}
    assert [f.count for f in back.forms] == [f.count for f in check.forms]
    plain = Check(kind="quantity", claim_text="41", evidence_text="41", result="match")
    assert nm.renumbered_forms(plain, {7: 70}.get) is plain


# -- end to end: through Tabayyun.check, the real decomposition, fake models ---------------------------

# a statement in the shape of the example, written for this test: the movement is "الحركة" four
# times in the writer's words and once in the heading, "الإمارة" once, inside a quoted report title
MOVEMENT_STATEMENT = (
    "بيان التحالف بشأن الحركة\n"
    "رحب التحالف بانضمام البلدين عضوين جديدين رقم 40 و41. وقال التحالف إن الحركة لم تعد تسيطر على أي أرض، "
    "لكن التهديد قائم. وأكد أن الحركة ما زالت تجند المقاتلين، وأن قادة الحركة مطلوبون. "
    "ونشر التحالف تقرير «نهاية الإمارة» عن الحركة."
)
# a newspaper that does call it "the emirate": not the coalition's wording
NEWSPAPER = "صحيفة الأنباء\nقالت مصادر إن الإمارة أعلنت حكومة جديدة، وإن الإمارة تسيطر على العاصمة."
HEADLINE = "لا يزال التحالف الذي يضم 41 دولة يسمي الحركة بالإمارة التي سقطت"


def _naming_part(result: CheckResult) -> tuple[str, float, Check]:
    (part,) = [p for p in result.parts if p.kind == "naming"]
    assert 0 <= part.start < part.end <= len(HEADLINE)
    return part.verdict, part.confidence, part.checks[0]


def test_end_to_end_compound_headline(tb: Tabayyun) -> None:
    statement, _ = tb.add_text(MOVEMENT_STATEMENT, source="coalition.txt")
    tb.add_text(NEWSPAPER, source="paper.txt")
    result = tb.check(HEADLINE)
    assert len(result.parts) >= 2
    verdict, confidence, check = _naming_part(result)
    assert (verdict, confidence) == ("refuted", pytest.approx(5 / 6, abs=1e-4))
    assert check.kind == "naming" and check.result == "mismatch"
    assert _counts(check) == {"الحركة": (5, 1), "الإمارة": (1, 1)}
    for form in check.forms:
        for s in form.spans:
            assert s.document_id == statement.id
            assert MOVEMENT_STATEMENT[s.start : s.end] == s.text
    assert check in result.checks


def test_end_to_end_ids_of_picked_documents_and_sources(tb: Tabayyun) -> None:
    statement, _ = tb.add_text(MOVEMENT_STATEMENT, source="coalition.txt")
    claim = "لا يزال التحالف يسمي الحركة بالإمارة"
    picked = tb.check(claim, documents=[statement.id])
    from_sources = tb.check(claim, sources=[MOVEMENT_STATEMENT])
    for result, doc_id in ((picked, statement.id), (from_sources, None)):
        (naming,) = [c for c in result.checks if c.kind == "naming"]
        assert result.verdict == "refuted" and naming.result == "mismatch"
        assert {s.document_id for f in naming.forms for s in f.spans} == {doc_id}
