"""A verdict per part (tabayyun.claims.parts): the pure assembly over a given judge, then through
``Tabayyun.check`` with the fake models and, ``slow``, with the real ones.

The compound claim and its source are written for these tests, in the shape of issue 10's
headline: one part the source supports (41 members), one it contradicts (3000 people evacuated,
where the source says 1200). The splitter is fixed here so the test does not depend on the
decomposition rules; ``split_claim`` itself is tested in its own file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

import tabayyun.claims.parts as parts_mod
from tabayyun.claims.decompose import ClaimPart
from tabayyun.claims.parts import check_parts, merged_evidence, renumbered
from tabayyun.core import Tabayyun
from tabayyun.results import CHECK_RESULT_KEYS, Check, CheckResult, Correction, Evidence, PartResult
from tabayyun.testing import HashingEmbedder, OverlapStance

SOURCE = (
    "بيان التحالف عن الاجتماع السنوي\n\n"
    "أعلن التحالف انضمام البلدين عضوين جديدين رقم 40 و41، فأصبح يضم 41 دولة. "
    "وقال المتحدث إن فرق الإغاثة التابعة للتحالف أجلت 1200 شخص من المدينة.\n"
)
CLAIM = "التحالف الذي يضم 41 دولة أجلت فرقه 3000 شخص"
SECOND = CLAIM.index("أجلت")


def split_two(claim: str) -> list[ClaimPart]:
    if claim != CLAIM:
        return [ClaimPart(claim.strip(), 0, len(claim))]
    return [ClaimPart("التحالف يضم 41 دولة", 0, SECOND - 1),
            ClaimPart("أجلت فرق التحالف 3000 شخص", SECOND, len(CLAIM))]


def ev(text: str, stance: str = "agree", start: int = 0, doc: int | None = 1) -> Evidence:
    probs = {"agree": 0.02, "disagree": 0.02, "discuss": 0.06, "unrelated": 0.02} | {stance: 0.9}
    return Evidence(text, stance, 0.9, "s.txt", start, start + len(text), doc, probs)  # type: ignore[arg-type]


MISMATCH = Check("quantity", "90 عضوا", "41 عضوا", "mismatch", "90 is not 41", "exact", 5, 12, "s.txt", 1)
MATCH = Check("quantity", "41 دولة", "41 دولة", "match", "41 = 41", "exact", 30, 37, "s.txt", 1)


def fixed_judge(by_text: dict[str, CheckResult]) -> Any:
    calls: list[str] = []

    def judge(text: str, part: ClaimPart) -> CheckResult:
        calls.append(text)
        if text == CLAIM and text not in by_text:  # the whole compound claim, unless a test says otherwise:
            return plain(text, "not_enough_info", 0.5)  # an anchor that decides nothing
        return by_text[text]

    judge.calls = calls  # type: ignore[attr-defined]
    return judge


def plain(claim: str, verdict: str, conf: float, evidence: tuple[Evidence, ...] = (),
          checks: tuple[Check, ...] = ()) -> CheckResult:
    return CheckResult(claim, verdict, conf, evidence, checks)  # type: ignore[arg-type]


# -- the assembly, over a given judge --------------------------------------------------------------


def test_one_part_is_todays_result_plus_a_mirroring_part() -> None:
    claim = "  يضم التحالف 90 عضوا "
    judged = plain(claim, "refuted", 0.8, (ev("يضم التحالف 41 عضوا", "disagree"),), (MISMATCH,))
    judge = fixed_judge({claim: judged})
    r = check_parts(claim, "id-1", judge)
    assert judge.calls == [claim]  # the whole claim text, as before parts existed
    assert (r.id, r.claim, r.verdict, r.confidence, r.evidence, r.checks) == (
        "id-1", claim, "refuted", 0.8, judged.evidence, judged.checks)
    assert r.reason is not None and "41 عضوا" in r.reason.ar and "41 عضوا" in r.reason.en
    assert r.correction == Correction("يقول المصدر 41 عضوا لا 90 عضوا",
                                      "The source says 41 عضوا, not 90 عضوا", "41 عضوا", "s.txt", 1, 5, 12)
    (part,) = r.parts
    assert (part.text, part.start, part.end, part.kind) == ("يضم التحالف 90 عضوا", 2, 21, "statement")
    assert claim[part.start : part.end] == part.text
    assert (part.verdict, part.confidence, part.evidence, part.checks, part.reason, part.correction) == (
        r.verdict, r.confidence, r.evidence, r.checks, r.reason, r.correction)


def test_a_supported_result_has_a_reason_and_no_correction() -> None:
    r = check_parts("x", None, fixed_judge({"x": plain("x", "supported", 0.7, (ev("y"),), (MATCH,))}))
    assert r.reason is not None and r.correction is None
    assert r.parts[0].reason == r.reason and r.parts[0].correction is None


def test_two_parts_each_judged_on_its_text_and_combined() -> None:
    a, b = split_two(CLAIM)
    ev_a, ev_b = ev("يضم 41 دولة", start=30), ev("أجلت 1200 شخص", "disagree", start=80)
    fix = Check("quantity", "3000 شخص", "1200 شخص", "mismatch", "", "exact", 85, 93, "s.txt", 1)
    judge = fixed_judge({a.text: plain(a.text, "supported", 0.9, (ev_a,), (MATCH,)),
                         b.text: plain(b.text, "refuted", 0.7, (ev_b,), (fix,))})
    r = check_parts(CLAIM, 7, judge, split_two)
    assert judge.calls == [a.text, b.text, CLAIM]  # the parts, then the whole claim (the anchor)
    assert (r.claim, r.id, r.verdict, r.confidence) == (CLAIM, 7, "mixed", 0.7)
    assert [p.verdict for p in r.parts] == ["supported", "refuted"]
    assert [(p.start, p.end) for p in r.parts] == [(a.start, a.end), (b.start, b.end)]
    assert r.evidence == (ev_a, ev_b) and r.checks == (MATCH, fix)
    assert r.correction is None  # the whole is mixed; the refuted part carries its correction
    assert r.parts[1].correction is not None and r.parts[1].correction.evidence_text == "1200 شخص"
    assert r.parts[0].correction is None
    assert r.reason is not None and "«التحالف يضم 41 دولة» تؤيّده المصادر" in r.reason.ar
    assert "“أجلت فرق التحالف 3000 شخص” refuted" in r.reason.en and "1200 شخص" in r.reason.en


def test_every_part_refuted_gives_the_first_refuted_parts_correction() -> None:
    a, b = split_two(CLAIM)
    judge = fixed_judge({a.text: plain(a.text, "refuted", 0.6, (ev("لا", "disagree", 3),), (MISMATCH,)),
                         b.text: plain(b.text, "not_enough_info", 0.9)})
    r = check_parts(CLAIM, None, judge, split_two)
    assert (r.verdict, r.confidence) == ("refuted", 0.6)
    assert r.correction is not None and r.correction == r.parts[0].correction
    assert r.parts[1].correction is None and r.parts[1].reason is not None


def test_no_parts_from_the_splitter_is_the_whole_claim() -> None:
    judge = fixed_judge({"c": plain("c", "not_enough_info", 0.5)})
    r = check_parts("c", None, judge, lambda _c: [])
    assert judge.calls == ["c"] and len(r.parts) == 1 and r.parts[0].text == "c"


@pytest.mark.parametrize(
    ("per_part", "merged"),
    [
        ([["a1", "a2"], ["b1"]], ["a1", "b1", "a2"]),
        ([["a1"], ["a1", "b2"]], ["a1", "b2"]),
        ([[], ["b1", "b2"]], ["b1", "b2"]),
        ([["a1", "a2", "a3"], ["b1", "b2"], ["c1"]], ["a1", "b1", "c1", "a2", "b2", "a3"]),
    ],
    ids=["in-turns", "shared-sentence-once", "a-part-without-evidence", "three-parts"],
)
def test_merged_evidence(per_part: list[list[str]], merged: list[str]) -> None:
    starts = {t: i * 10 for i, t in enumerate(sorted({t for p in per_part for t in p}))}
    prs = [PartResult("p", 0, 1, "statement", "supported", 0.5,
                      tuple(ev(t, start=starts[t]) for t in texts), ()) for texts in per_part]
    assert [e.text for e in merged_evidence(prs)] == merged


def test_renumbered_reaches_parts_corrections_and_naming_forms() -> None:
    from tabayyun.results import FormSpan, NameForm

    naming = Check("naming", "الإمارة", "الحركة", "mismatch", "", None, 3, 9, "s.txt", 4,
                   forms=(NameForm("الحركة", 2, 0, (FormSpan(4, 3, 9, "الحركة"),)),))
    a, b = split_two(CLAIM)
    judge = fixed_judge({a.text: plain(a.text, "supported", 0.9, (ev("x", doc=4),), (MATCH,)),
                         b.text: plain(b.text, "refuted", 0.9, (ev("y", "disagree", 5, doc=4),), (naming,))})
    r = renumbered(check_parts(CLAIM, None, judge, split_two), lambda i: None if i is None else i * 100)
    assert r.parts[1].correction is not None and r.parts[1].correction.document_id == 400
    assert r.parts[1].checks[0].forms[0].spans[0].document_id == 400
    assert {e.document_id for p in r.parts for e in p.evidence} == {400}
    assert {c.document_id for c in r.checks} == {100, 400}  # MATCH was document 1


def test_json_keys_in_the_documented_order() -> None:
    r = check_parts("x", None, fixed_judge({"x": plain("x", "supported", 0.7)}))
    d = r.to_dict()
    assert tuple(d) == CHECK_RESULT_KEYS
    assert list(d["parts"][0]) == ["text", "start", "end", "kind", "verdict", "confidence", "evidence",
                                   "checks", "reason", "correction"]
    assert d["reason"] == {"ar": r.reason.ar, "en": r.reason.en}  # type: ignore[union-attr]


# -- through Tabayyun.check ---------------------------------------------------------------------------


@pytest.fixture
def split_in_two(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(parts_mod, "split_claim", split_two)
    yield


def _assert_worked_example(r: CheckResult, stored: int | None) -> None:
    assert r.verdict == "mixed"
    first, second = r.parts
    assert (first.verdict, second.verdict) == ("supported", "refuted")
    assert CLAIM[first.start : first.end] == "التحالف الذي يضم 41 دولة"
    fix = second.correction
    assert fix is not None and SOURCE[fix.start : fix.end] == fix.evidence_text == "1200 شخص"
    assert fix.text_ar == "يقول المصدر 1200 شخص لا 3000 شخص" and fix.document_id == stored
    assert first.correction is None and r.correction is None
    for p in r.parts:
        assert p.reason is not None and p.reason.ar and p.reason.en
        for e in p.evidence:
            assert SOURCE[e.start : e.end] == e.text and e.document_id == stored
    assert "41 دولة" in first.evidence[0].text and first.evidence[0].stance == "agree"
    assert "1200 شخص" in second.evidence[0].text and second.evidence[0].stance == "disagree"
    assert r.confidence == min(first.confidence, second.confidence)


def test_check_gives_a_verdict_per_part_with_fake_models(split_in_two: None) -> None:
    with Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        _assert_worked_example(tb.check(CLAIM, sources=[SOURCE]), None)
        doc, _ = tb.add_text(SOURCE, source="بيان.txt")
        _assert_worked_example(tb.check(CLAIM), doc.id)
        _assert_worked_example(tb.check(CLAIM, documents=[doc.id]), doc.id)
        (many,) = tb.check_many([("k", CLAIM)], sources=[SOURCE])
        assert many.id == "k"
        _assert_worked_example(many, None)


def test_a_claim_of_one_part_through_check_mirrors_itself() -> None:
    with Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        r = tb.check("أجلت فرق الإغاثة 3000 شخص من المدينة", sources=[SOURCE])
    assert r.verdict == "refuted" and len(r.parts) == 1
    assert r.parts[0].verdict == r.verdict and r.parts[0].evidence == r.evidence
    assert r.correction is not None and SOURCE[r.correction.start : r.correction.end] == "1200 شخص"


@pytest.mark.slow
def test_check_gives_a_verdict_per_part_with_the_real_models(split_in_two: None) -> None:
    with Tabayyun() as tb:
        _assert_worked_example(tb.check(CLAIM, sources=[SOURCE]), None)


NAMING_SOURCE = (
    "بيان التحالف الدولي\n\n"
    "قال التحالف إن الحركة فقدت السيطرة على آخر معاقلها. "
    "وأضاف أن الحركة ما زالت تشكل تهديدا في المنطقة. "
    "ودعا الدول الأعضاء إلى مواصلة الضغط على الحركة. "
    "وأشار البيان إلى كتاب بعنوان «سقوط الإمارة» صدر حديثا.\n"
)
NAMING_CLAIM = "يسمي التحالف الحركة بالإمارة"


def test_a_naming_part_is_judged_by_the_name_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    from tabayyun.claims.decompose import Naming

    part = ClaimPart(NAMING_CLAIM, 0, len(NAMING_CLAIM), "naming", Naming("التحالف", "الحركة", "الإمارة"))
    monkeypatch.setattr(parts_mod, "split_claim", lambda c: [part])
    with Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        r = tb.check(NAMING_CLAIM, sources=[NAMING_SOURCE])
        doc, _ = tb.add_text(NAMING_SOURCE, source="بيان.txt")
        stored = tb.check(NAMING_CLAIM)
    for result, doc_id in ((r, None), (stored, doc.id)):
        assert result.verdict == "refuted" and result.parts[0].kind == "naming"
        naming = result.checks[0]
        assert naming.kind == "naming" and naming.result == "mismatch"
        counts = [(f.form, f.count, f.quoted_count) for f in naming.forms]
        assert counts == [("الحركة", 3, 0), ("الإمارة", 1, 1)]
        assert {s.document_id for f in naming.forms for s in f.spans} == {doc_id}
        fix = result.correction
        assert fix is not None and NAMING_SOURCE[fix.start : fix.end] == fix.evidence_text == "الحركة"
        assert fix.document_id == doc_id
        assert result.reason is not None and "الحركة 3 مرات" in result.reason.ar


def test_without_a_store_a_naming_part_is_judged_as_a_statement() -> None:
    from tabayyun.claims.decompose import Naming

    part = ClaimPart("x", 0, 1, "naming", Naming("", "الحركة", "الإمارة"))
    judge = fixed_judge({"x": plain("x", "supported", 0.7)})
    r = check_parts("x", None, judge, lambda c: [part])
    assert r.verdict == "supported" and r.checks == ()


# -- issue 10's headline shape, end to end with the real decomposition ---------------------------------

HEADLINE_SOURCE = (
    "بيان التحالف الدولي بعد اجتماعه السنوي\n\n"
    "رحّب التحالف بانضمام البلدين عضوين جديدين رقم 40 و41، فأصبح يضم 41 دولة. "
    "وقال المتحدث إن الحركة لم تعد تسيطر على أي أرض، لكن التهديد قائم. "
    "وأكد أن الحركة ما زالت تجند مقاتلين عبر الإنترنت. "
    "ودعا الأعضاء إلى مواصلة الضغط على الحركة وتجفيف مصادر تمويلها. "
    "ووزع المشاركون كتاب «نهاية الإمارة» الصادر هذا العام.\n"
)
HEADLINE = "لا يزال التحالف الذي يضم 41 دولة يسمي الحركة بالإمارة التي سقطت"


def _headline_parts(r: CheckResult) -> tuple[PartResult, PartResult, PartResult]:
    assert len(r.parts) == 3
    naming = next(p for p in r.parts if p.kind == "naming")
    members = next(p for p in r.parts if "41 دولة" in p.text)
    fell = next(p for p in r.parts if "سقطت" in p.text and p.kind != "naming")
    return naming, members, fell


def _assert_headline(r: CheckResult) -> tuple[PartResult, PartResult, PartResult]:
    naming, members, fell = _headline_parts(r)
    assert (r.verdict, naming.verdict, members.verdict) == ("mixed", "refuted", "supported")
    check = naming.checks[0]
    assert check.kind == "naming"
    assert [(f.form, f.count, f.quoted_count) for f in check.forms] == [("الحركة", 3, 0), ("الإمارة", 1, 1)]
    fix = naming.correction
    assert fix is not None and HEADLINE_SOURCE[fix.start : fix.end] == fix.evidence_text == "الحركة"
    assert fix.text_ar.startswith("يسمّيه المصدر الحركة لا الإمارة")
    assert "41" in members.evidence[0].text and members.evidence[0].stance == "agree"
    for p in r.parts:
        assert HEADLINE[p.start : p.end] and p.reason is not None
    return naming, members, fell


def test_the_headline_with_the_fake_models() -> None:
    with Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        _assert_headline(tb.check(HEADLINE, sources=[HEADLINE_SOURCE]))


@pytest.mark.slow
def test_the_headline_with_the_real_models() -> None:
    with Tabayyun() as tb:
        r = tb.check(HEADLINE, sources=[HEADLINE_SOURCE])
    _naming, _members, fell = _assert_headline(r)
    assert fell.verdict == "not_enough_info"  # the source says the group holds no land, not that it "fell"
    assert any("لم تعد تسيطر" in e.text for e in fell.evidence)


@pytest.mark.parametrize(
    ("part_a", "part_b", "whole", "verdict", "anchor_judged"),
    [
        ("not_enough_info", "not_enough_info", "supported", "supported", True),
        ("supported", "not_enough_info", "refuted", "refuted", True),
        ("refuted", "not_enough_info", "supported", "mixed", True),
        ("refuted", "supported", "not_enough_info", "mixed", True),
        # combine_parts does not read the anchor when every part is supported: it is not judged
        ("supported", "supported", "not_enough_info", "supported", False),
    ],
    ids=["parts-unsure-whole-supported", "whole-refuted-stands", "refuted-part-under-supported-whole",
         "refuted-and-supported-parts", "every-part-supported"],
)
def test_the_whole_claim_is_judged_once_more_as_the_anchor(part_a: str, part_b: str, whole: str,
                                                            verdict: str, anchor_judged: bool) -> None:
    a, b = split_two(CLAIM)
    judge = fixed_judge({a.text: plain(a.text, part_a, 0.7), b.text: plain(b.text, part_b, 0.7),
                         CLAIM: plain(CLAIM, whole, 0.8)})
    r = check_parts(CLAIM, None, judge, split_two)
    assert judge.calls == [a.text, b.text, *([CLAIM] if anchor_judged else [])]
    assert r.verdict == verdict
    assert [p.verdict for p in r.parts] == [part_a, part_b]  # the parts keep their own verdicts


@pytest.mark.parametrize(
    ("namer", "counted"), [("التحالف", True), ("", False), ("  ", False)],
    ids=["namer-counts-names", "no-namer-is-a-statement", "blank-namer-is-a-statement"],
)
def test_only_a_naming_that_says_who_names_is_judged_by_the_counts(
    monkeypatch: pytest.MonkeyPatch, namer: str, counted: bool
) -> None:
    from tabayyun.claims import naming
    from tabayyun.claims.decompose import Naming

    claim = "التحالف يسمي الحركة بالإمارة"
    part = ClaimPart(claim, 0, len(claim), "naming", Naming(namer, "الحركة", "الإمارة"))
    statement = plain(claim, "supported", 0.8)
    monkeypatch.setattr(naming, "naming_documents", lambda store, ids: [])
    monkeypatch.setattr(naming, "judged_naming", lambda r, n, docs: replace(r, verdict="refuted"))
    judge = fixed_judge({claim: statement})
    r = check_parts(claim, None, judge, lambda c: [part], store=object())  # type: ignore[arg-type]
    assert r.verdict == ("refuted" if counted else "supported")


def test_a_sentence_longer_than_a_headline_is_no_naming_claim() -> None:
    from tabayyun.claims.decompose import split_claim

    short = "The statement refers to the group as Daesh"
    long = ("There are also languages derived from Finnish that evolved separately over the centuries "
            "and are known as Meankieli in Sweden and Kven in Norway")
    assert split_claim(short)[0].kind == "naming"
    (part,) = split_claim(long)
    assert part.kind == "statement" and part.naming is None


@pytest.mark.parametrize("whole", ["supported", "refuted", "conflicting", "not_enough_info", "mixed"])
def test_combine_parts_does_not_read_the_anchor_when_every_part_is_supported(whole: str) -> None:
    # why check_parts may leave the anchor unjudged then (it skips that work)
    from tabayyun.verdict import combine_parts

    parts = [("supported", 0.8), ("supported", 0.6)]
    assert combine_parts(parts, (whole, 0.95)) == combine_parts(parts) == ("supported", 0.6)  # type: ignore[arg-type]


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def embed(self, texts: Any) -> Any:
        self.calls.append(list(texts))
        return super().embed(texts)


def test_check_embeds_the_parts_and_the_whole_claim_in_one_call(split_in_two: None) -> None:
    counting = CountingEmbedder()
    with Tabayyun(embedder=counting, stance_model=OverlapStance()) as tb:
        tb.add_text(SOURCE, source="بيان.txt")
        counting.calls.clear()
        r = tb.check(CLAIM)
        a, b = split_two(CLAIM)
        assert counting.calls == [[a.text, b.text, CLAIM]]
        # the same result as embedding each text on its own (HashingEmbedder's vectors do not depend on
        # their batch)
        one_by_one = HashingEmbedder()
        tb.embedder = one_by_one
        tb.retriever.embedder = one_by_one  # type: ignore[attr-defined]
        assert tb.check(CLAIM) == r
    _assert_worked_example(r, r.evidence[0].document_id)
