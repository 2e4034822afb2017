"""End to end, real models: negation scope, list membership and partial achievement (issue 9, item 3, part A).

Each case checks a claim against one source written for this test (``Tabayyun.check(claim,
sources=[...])`` with the default embedder and stance model, loaded once for the module).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tabayyun import Tabayyun

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
    ("انضمت تونس والأردن إلى المبادرة",
     "رحّبت اللجنة بالأعضاء الجدد في المبادرة، وهم المغرب والأردن وتونس والعراق.",
     "supported", "mem-join-in-list"),
    ("انضمت ليبيا إلى المبادرة",
     "رحّبت اللجنة بالأعضاء الجدد في المبادرة، وهم المغرب والأردن وتونس والعراق.",
     "refuted", "mem-missing-from-complete-list"),
    ("Kenya and Ghana joined the compact",
     "The compact welcomed its new members: Nigeria, Kenya, Ghana and Senegal.",
     "supported", "mem-en-join-in-list"),
    ("تم جمع كامل مبلغ 200 مليون دولار المستهدف للصندوق",
     "شرعنا في جمع 200 مليون دولار للصندوق، ونقترب الآن من 150 مليونا.",
     "refuted", "comp-ar-full-vs-started"),
    ("The fund has fully raised its 200 million dollar target",
     "The fund started raising 200 million dollars and is now approaching 150 million.",
     "refuted", "comp-en-fully-vs-started"),
    ("بدأت الوزارة جمع 200 مليون دولار للصندوق",
     "شرعنا في جمع 200 مليون دولار للصندوق، ونقترب الآن من 150 مليونا.",
     "supported", "comp-claim-of-start-holds"),
]


@pytest.fixture(scope="module")
def tb() -> Iterator[Tabayyun]:
    with Tabayyun(":memory:") as t:
        yield t


@pytest.mark.parametrize(("claim", "source", "expected"), [pytest.param(c, s, v, id=i) for c, s, v, i in CASES])
def test_failure_kind_verdict(tb: Tabayyun, claim: str, source: str, expected: str) -> None:
    result = tb.check(claim, sources=[source])
    assert result.verdict == expected, result.to_dict()
    for c in result.checks:
        if c.evidence_start is not None and c.evidence_end is not None:
            assert source[c.evidence_start : c.evidence_end] == c.evidence_text


def test_the_membership_and_completion_checks_are_shown(tb: Tabayyun) -> None:
    joined = tb.check(CASES[4][0], sources=[CASES[4][1]])
    assert [c.result for c in joined.checks if c.kind == "membership"] == ["match"]
    raised = tb.check(CASES[7][0], sources=[CASES[7][1]])
    (c,) = [c for c in raised.checks if c.kind == "completion"]
    assert c.result == "mismatch" and "150,000,000 of 200,000,000" in c.detail
