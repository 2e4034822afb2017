"""End to end, real models: negation scope, list membership and partial achievement (issue 9, item 3, part A).

Each case checks a claim against one source written for this test (``Tabayyun.check(claim,
sources=[...])`` with the default embedder and stance model, loaded once for the module).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tabayyun import Tabayyun
from tabayyun.results import CheckResult

pytestmark = pytest.mark.slow

#: (claim, source, expected verdict, id)
CASES = [
    ("أجرى الطرفان مناقشات حول تبادل الأسرى في الدوحة",
     "اجتمع الوفدان في الدوحة يوم الأحد، وأجرى الطرفان مناقشات غير رسمية حول تبادل الأسرى.",
     "supported", "neg-ghair-informal"),
    ("سجلت صادرات الفوسفات ارتفاعا هذا العام", "سجلت صادرات الفوسفات ارتفاعا غير مسبوق هذا العام.",
     "supported", "neg-ghair-unprecedented"),
    ("تسيطر الحركة على 12 قرية في ريف المدينة",
     "تسيطر الحركة على 12 قرية في ريف المدينة، لكنها لم تعد تسيطر على المدينة نفسها.",
     "supported", "neg-other-clause"),
    ("وقعت الحكومة اتفاق الشراكة مع النقابة", "لم توقع الحكومة اتفاق الشراكة مع النقابة حتى الآن.",
     "refuted", "neg-in-scope-still-refutes"),
    ("The army retook 5 towns in the north",
     "The army retook 5 towns in the north, but it did not retake the highway.",
     "supported", "neg-en-other-clause"),
    ("Aid groups distributed food to the displaced families",
     "Non-governmental aid groups distributed food to the displaced families.", "supported",
     "neg-en-non-governmental"),
    ("The minister resigned on Monday", "The minister did not resign on Monday.", "refuted",
     "neg-en-in-scope"),
    ("انضمت تونس والأردن إلى المبادرة",
     "رحّبت اللجنة بالأعضاء الجدد في المبادرة، وهم المغرب والأردن وتونس والعراق.",
     "supported", "mem-join-in-list"),
    ("انضمت ليبيا إلى المبادرة",
     "رحّبت اللجنة بالأعضاء الجدد في المبادرة، وهم المغرب والأردن وتونس والعراق.",
     "refuted", "mem-missing-from-complete-list"),
    ("Kenya and Ghana joined the compact",
     "The compact welcomed its new members: Nigeria, Kenya, Ghana and Senegal.",
     "supported", "mem-en-join-in-list"),
    ("Spain is a member of the forum",
     "Members of the forum include France, Germany and Italy, among others.",
     "not_enough_info", "mem-partial-list-says-nothing"),
    ("تم جمع كامل مبلغ 200 مليون دولار المستهدف للصندوق",
     "شرعنا في جمع 200 مليون دولار للصندوق، ونقترب الآن من 150 مليونا.",
     "refuted", "comp-ar-full-vs-started"),
    ("The fund has fully raised its 200 million dollar target",
     "The fund started raising 200 million dollars and is now approaching 150 million.",
     "refuted", "comp-en-fully-vs-started"),
    ("أنجزت الشركة بناء الجسر الجديد", "تعتزم الشركة بناء الجسر الجديد خلال عامين.", "refuted",
     "comp-done-vs-intends"),
    ("أغلقت السلطات جميع المدارس في المدينة", "أغلقت السلطات بعض المدارس في المدينة بسبب العاصفة.", "refuted",
     "quant-all-vs-some"),
    ("بدأت الوزارة جمع 200 مليون دولار للصندوق",
     "شرعنا في جمع 200 مليون دولار للصندوق، ونقترب الآن من 150 مليونا.",
     "supported", "comp-claim-of-start-holds"),
]


@pytest.fixture(scope="module")
def tb() -> Iterator[Tabayyun]:
    with Tabayyun(":memory:") as t:
        yield t


@pytest.mark.parametrize(("claim", "source", "expected"),
                         [pytest.param(c, s, v, id=i) for c, s, v, i in CASES])
def test_failure_kind_verdict(tb: Tabayyun, claim: str, source: str, expected: str) -> None:
    result = tb.check(claim, sources=[source])
    assert result.verdict == expected, result.to_dict()
    for c in result.checks:
        if c.evidence_start is not None and c.evidence_end is not None:
            assert source[c.evidence_start : c.evidence_end] == c.evidence_text


def _check(tb: Tabayyun, case_id: str) -> CheckResult:
    claim, source = next((c, s) for c, s, _, i in CASES if i == case_id)
    return tb.check(claim, sources=[source])


def test_the_membership_and_completion_checks_are_shown(tb: Tabayyun) -> None:
    joined = _check(tb, "mem-join-in-list")
    assert [c.result for c in joined.checks if c.kind == "membership"] == ["match"]
    raised = _check(tb, "comp-ar-full-vs-started")
    (c,) = [c for c in raised.checks if c.kind == "completion"]
    assert c.result == "mismatch" and "150,000,000 of 200,000,000" in c.detail
