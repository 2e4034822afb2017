"""Completion (done vs under way) and quantifier (all vs some) checks (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tabayyun.extract import extract
from tabayyun.extract.completion import completion_checks, partial_amount, quantifier_checks

FUND_AR = "شرعنا في جمع 200 مليون دولار للصندوق، ونقترب الآن من 150 مليونا"
FUND_EN = "The fund started raising 200 million dollars and is now approaching 150 million"

#: (claim, evidence, expected result or None for no check, id)
COMPLETION = [
    ("تم جمع كامل مبلغ 200 مليون دولار المستهدف للصندوق", FUND_AR, "mismatch", "ar-full-amount-vs-started"),
    ("اكتمل جمع 200 مليون دولار للصندوق", FUND_AR, "mismatch", "ar-iktamal-vs-started"),
    ("جمع الصندوق مبلغ 200 مليون دولار بالكامل", FUND_AR, "mismatch", "ar-bilkamil-vs-started"),
    ("The fund has fully raised its 200 million dollar target", FUND_EN, "mismatch", "en-fully-vs-started"),
    ("The fund completed raising 200 million dollars", FUND_EN, "mismatch", "en-completed-vs-started"),
    ("The fund reached 200 million dollars", FUND_EN, "mismatch", "en-reached-vs-approaching"),
    ("أنجزت الشركة بناء الجسر الجديد", "تعتزم الشركة بناء الجسر الجديد خلال عامين", "mismatch",
     "ar-anjazat-vs-intends"),
    ("أتمت الوزارة ترميم المدارس الـ40", "بدأت الوزارة ترميم المدارس الـ40 في آذار", "mismatch",
     "ar-atammat-vs-began"),
    ("استكملت البلدية تعبيد طريق المطار", "تسعى البلدية إلى تعبيد طريق المطار قبل الشتاء", "mismatch",
     "ar-vs-yasaa"),
    ("تم توزيع اللقاح على جميع المراكز الصحية", "تهدف الوزارة إلى توزيع اللقاح على المراكز الصحية",
     "mismatch",
     "ar-tamma-vs-aims"),
    ("The new runway has been completed", "Work on the new runway is under way", "mismatch",
     "en-vs-under-way"),
    ("The ministry finished repairing the dam", "The ministry plans to finish repairing the dam next year",
     "match",
     "en-finish-in-evidence-reads-as-done"),
    ("The council fully repaid the loan", "The council has so far repaid half of the loan", "mismatch",
     "en-so-far"),
    ("The agency completed the census", "The agency is still counting households for the census", "mismatch",
     "en-still"),
    ("اكتمل بناء المستشفى الميداني", "لا يزال بناء المستشفى الميداني جاريا", None,
     "ar-negation-cue-left-to-stance"),
    ("اكتمل جمع المبلغ المستهدف للصندوق", "اكتمل جمع المبلغ المستهدف للصندوق يوم الأحد", "match",
     "ar-both-done-target-word-too"),
    ("The fund fully raised its target", "The fund completed raising its target in May", "match",
     "en-both-done"),
    ("تم افتتاح الجسر", "افتتح الجسر أمام السيارات أمس", None, "ar-no-progress-word"),
    ("بدأت الوزارة جمع 200 مليون دولار للصندوق", FUND_AR, None, "ar-claim-of-start-is-no-completion"),
    ("The fund aims to raise 200 million dollars", FUND_EN, None, "en-claim-of-aim"),
    ("تم جمع كامل مبلغ 200 مليون دولار", "بدأ الموسم الزراعي في الجنوب", None, "ar-unrelated-shares-nothing"),
    ("لم يكتمل جمع المبلغ", FUND_AR, None, "ar-negated-claim"),
    ("The bridge was fully completed", "The bridge was not completed", None, "en-negated-evidence"),
    ("تم افتتاح المدرسة الجديدة", "بدأ بناء المدرسة الجديدة قبل عامين، وافتتحت المدرسة أمس رسميا", None,
     "ar-progress-of-another-action"),
    ("The fund reached 200 million dollars", "The fund is now approaching 150 million dollars", "mismatch",
     "en-approaching-a-smaller-amount"),
    ("تم تسليم جميع الوحدات السكنية", "تخطط الوزارة لتسليم الوحدات السكنية", "mismatch", "ar-attached-lam"),
    ("أنجز المقاول الطريق بالكامل", "أنجز المقاول نصف الطريق ويخطط لإنهاء الباقي", "match",
     "ar-done-word-in-evidence-is-match-known-coarse"),
]

#: (claim, evidence, mismatch expected, id)
QUANTIFIERS = [
    ("أغلقت السلطات جميع المدارس في المدينة", "أغلقت السلطات بعض المدارس في المدينة", True,
     "ar-jamee-vs-baad"),
    ("أغلقت السلطات كل المدارس", "أغلقت السلطات عددا من المدارس", False, "ar-adadan-tanween-not-read"),
    ("أغلقت السلطات كل المدارس", "أغلقت السلطات عدد من المدارس", True, "ar-kull-vs-adad-min"),
    ("وصلت المساعدات إلى كافة المخيمات", "وصلت المساعدات إلى معظم المخيمات", True, "ar-kaffa-vs-muazam"),
    ("All schools were closed", "Several schools were closed on Monday", True, "en-all-vs-several"),
    ("All of the schools were closed", "Some of the schools were closed", True, "en-all-of-vs-some-of"),
    ("Every village received aid", "Most villages received aid", True, "en-every-vs-most"),
    ("All villages received aid", "Most villages received aid", True, "en-all-vs-most"),
    ("All schools were closed", "Some teachers were absent", False, "en-different-nouns"),
    ("أغلقت جميع المدارس", "أغلقت جميع المدارس", False, "ar-same-quantifier"),
    ("أغلقت جميع المدارس", "لم تغلق بعض المدارس", False, "ar-negated-left-to-stance"),
    ("Each school will teach two languages", "A number of schools will teach two languages", False,
     "en-each-is-distributive"),
    ("تلقت كل مدرسة منحة من الوزارة", "تلقت بعض المدارس منحة من الوزارة", False,
     "ar-kull-before-indefinite-is-each"),
]


@pytest.mark.parametrize(
    ("claim", "evidence", "expected"), [pytest.param(c, e, r, id=i) for c, e, r, i in COMPLETION]
)
def test_completion(claim: str, evidence: str, expected: str | None) -> None:
    checks = completion_checks(claim, evidence, extract(claim).quantities, extract(evidence).quantities)
    if expected is None:
        assert checks == []
        return
    assert [c.result for c in checks] == [expected]
    c = checks[0]
    assert c.kind == "completion"
    assert c.evidence_start is not None and c.evidence_end is not None
    assert evidence[c.evidence_start : c.evidence_end] == c.evidence_text
    assert c.claim_text in claim


@pytest.mark.parametrize(("claim", "evidence", "mismatch"),
                         [pytest.param(c, e, m, id=i) for c, e, m, i in QUANTIFIERS])
def test_quantifiers(claim: str, evidence: str, mismatch: bool) -> None:
    checks = quantifier_checks(claim, evidence)
    assert bool(checks) is mismatch
    for c in checks:
        assert c.result == "mismatch" and c.kind == "quantifier"
        assert evidence[c.evidence_start or 0 : c.evidence_end or 0] == c.evidence_text


def test_the_tables_are_large_and_mixed() -> None:
    ids = [c[3] for c in COMPLETION] + [c[3] for c in QUANTIFIERS]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    assert sum(i.startswith("ar-") for i in ids) >= 15 and sum(i.startswith("en-") for i in ids) >= 10


def test_the_mismatch_notes_the_part_reached() -> None:
    claim = "تم جمع كامل مبلغ 200 مليون دولار المستهدف للصندوق"
    (c,) = completion_checks(claim, FUND_AR, extract(claim).quantities, extract(FUND_AR).quantities)
    assert c.evidence_text == "شرعنا"
    assert "150,000,000 of 200,000,000 (75%)" in c.detail


def test_partial_amount_needs_the_target_and_a_smaller_amount() -> None:
    target = extract("جمع 200 مليون دولار").quantities
    assert partial_amount(target, extract("جمعنا 150 مليونا").quantities) == ""
    assert "75%" in partial_amount(target, extract(FUND_AR).quantities)
