from __future__ import annotations

import pytest

from tabayyun.stance.negation import negation_cues, negation_parity_differs, scoped_negation_differs


@pytest.mark.parametrize(
    ("claim", "evidence", "differs"),
    [
        ("قررت الحكومة رفع الأسعار", "لم تقرر الحكومة رفع الأسعار", True),
        ("قررت الحكومة رفع الأسعار", "قررت الحكومة رفع الأسعار", False),
        ("الوزير ليس مسؤولاً عن القرار", "الوزير مسؤول عن القرار", True),
        ("نفت الوزارة الخبر", "نفت الوزارة الخبر", False),
        ("الحملة تستهدف الأطفال دون سن الخامسة", "الحملة تستهدف الأطفال", False),
        ("لن تُرفع الأسعار", "لن ترفع الأسعار", False),
        ("الاجتماع لم يتخذ أي قرار", "لم يرفض الاجتماع القرار", True),  # two cues: double negation
        ("The minister resigned", "The minister did not resign", True),
        ("The minister resigned", "The minister denied resigning", True),
        ("The minister didn't resign", "The minister did not resign", False),
        ("No deaths were reported", "Several people died", True),
        ("وقــّع الطرفان الاتفاق", "لــم يوقّع الطرفان الاتفاق", True),
        ("سربت الوزارة الأسئلة", "ونفت الوزارة تسريب الأسئلة", True),
        ("الوزارة سربت الأسئلة", "فلم تسرب الوزارة الأسئلة", True),
        ("وصل الوفد", "وصل الوفد ونفذ الاتفاق", False),
    ],
    ids=["ar-lam", "ar-same", "ar-laysa", "ar-both-deny", "ar-doon-is-not-negation", "ar-diacritics",
         "ar-double", "en-not", "en-denied", "en-contraction", "en-no", "ar-tatweel", "ar-wa-nafat", "ar-fa-lam",
         "ar-wa-not-a-cue"],
)
def test_negation_parity(claim: str, evidence: str, differs: bool) -> None:
    assert negation_parity_differs(claim, evidence) is differs


def test_cues_are_normalized_words() -> None:
    assert negation_cues("لـم تَعُد الحكومة، ولن ترجع") == ["لم", "ولن"]
    assert negation_cues("They weren't there and never came") == ["weren't", "never"]


@pytest.mark.parametrize(
    ("claim", "evidence", "differs"),
    [
        ("قرر الاجتماع إرسال قوات برية", "ولم يتخذ الاجتماع أي قرار بإرسال قوات برية", True),
        ("About 1,200 families were evacuated", "About 1,200 families were evacuated and no deaths were reported", False),
        ("أجلت البلدية 1200 عائلة", "أجلت البلدية 1200 عائلة ولم تسجل أي وفيات", False),
        ("The minister resigned on Monday", "The minister did not resign on Monday", True),
        ("لم توقع الحكومة الاتفاق", "وقعت الحكومة الاتفاق أمس", True),
    ],
    ids=["ar-negates-shared-words", "en-negation-about-something-else", "ar-negation-about-something-else",
         "en-scoped", "ar-claim-side-negation"],
)
def test_scoped_negation(claim: str, evidence: str, differs: bool) -> None:
    assert scoped_negation_differs(claim, evidence) is differs
