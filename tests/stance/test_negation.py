from __future__ import annotations

import pytest

from tabayyun.stance.negation import (
    clause_spans,
    clauses,
    cue_scope,
    denies_whole,
    is_cue,
    is_privative,
    negated,
    negation_cues,
    negation_parity_differs,
    scoped_cues,
    scoped_negation_differs,
)
from tabayyun.text import words


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
         "ar-double", "en-not", "en-denied", "en-contraction", "en-no", "ar-tatweel", "ar-wa-nafat",
         "ar-fa-lam",
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
        ("About 1,200 families were evacuated",
         "About 1,200 families were evacuated and no deaths were reported", False),
        ("أجلت البلدية 1200 عائلة", "أجلت البلدية 1200 عائلة ولم تسجل أي وفيات", False),
        ("The minister resigned on Monday", "The minister did not resign on Monday", True),
        ("لم توقع الحكومة الاتفاق", "وقعت الحكومة الاتفاق أمس", True),
    ],
    ids=["ar-negates-shared-words", "en-negation-about-something-else", "ar-negation-about-something-else",
         "en-scoped", "ar-claim-side-negation"],
)
def test_scoped_negation(claim: str, evidence: str, differs: bool) -> None:
    assert scoped_negation_differs(claim, evidence) is differs


#: negation scope: a cue negates its own clause's predicate only; غير/non/بدون negate the word they govern
SCOPE_CASES = [
    ("أجرى الطرفان مناقشات حول تبادل الأسرى",
     "اجتمع الوفدان يوم الأحد، وأجرى الطرفان مناقشات غير رسمية حول تبادل الأسرى",
     False, "ar-ghair-informal-talks"),
    ("سجلت صادرات الفوسفات ارتفاعا هذا العام", "سجلت صادرات الفوسفات ارتفاعا غير مسبوق هذا العام", False,
     "ar-ghair-unprecedented"),
    ("وزعت المنظمات مساعدات على النازحين", "وزعت منظمات غير حكومية مساعدات على النازحين", False,
     "ar-ghair-ngo"),
    ("الاجتماع رسمي", "الاجتماع غير رسمي", True, "ar-ghair-negates-shared-adjective"),
    ("القرار قانوني بحسب المحكمة", "القرار غير قانوني بحسب المحكمة", True, "ar-ghair-illegal"),
    ("الحكومة قادرة على دفع الرواتب", "الحكومة غير قادرة على دفع الرواتب", True, "ar-ghair-unable"),
    ("منظمات حكومية تدير المخيم", "منظمات غير حكومية تدير المخيم", True, "ar-ghair-governmental-shared"),
    ("وصل الوفد إلى العاصمة صباح الاثنين", "وصل الوفد إلى العاصمة صباح الاثنين بدون وزير الخارجية", False,
     "ar-bidoon-governs-its-noun"),
    ("تسيطر الحركة على 12 قرية في ريف المدينة",
     "تسيطر الحركة على 12 قرية في ريف المدينة، لكنها لم تعد تسيطر على المدينة نفسها",
     False, "ar-lakin-other-clause"),
    ("استعاد الجيش 5 بلدات في الشمال",
     "استعاد الجيش 5 بلدات في الشمال، بينما لم يتمكن من استعادة الطريق الدولي",
     False, "ar-baynama-other-clause"),
    ("افتتحت الوزارة 40 مدرسة جديدة في الجنوب",
     "افتتحت الوزارة 40 مدرسة جديدة في الجنوب، في حين لم تفتتح أي مدرسة في الشمال",
     False, "ar-fi-hin-other-clause"),
    ("رفعت الحكومة سعر الخبز بنسبة 10 بالمئة",
     "رفعت الحكومة سعر الخبز بنسبة 10 بالمئة، غير أنها لم ترفع سعر الوقود",
     False, "ar-ghair-anna-is-however"),
    ("وقعت الحكومة الاتفاق مع النقابة", "وقعت الحكومة الاتفاق مع النقابة ولم تعلن تفاصيله بعد", False,
     "ar-wa-lam-joined-clause-other-topic"),
    ("أعلن المجلس موازنة العام المقبل", "أعلن المجلس موازنة العام المقبل؛ لا تغيير في الضرائب", False,
     "ar-semicolon-other-clause"),
    ("وقعت النقابة الاتفاق", "وقعت الحكومة الاتفاق، ولم توقع النقابة الاتفاق", True,
     "ar-negated-clause-carries-claim"),
    ("سربت الوزارة أسئلة الامتحان", "نفت الوزارة، في بيان رسمي، تسريب أسئلة الامتحان", True,
     "ar-denial-across-parenthesis"),
    ("قررت الحكومة رفع الأسعار", "لم تقرر الحكومة رفع الأسعار", True, "ar-plain-negation"),
    ("وقعت الحكومة الاتفاق", "لم توقع الحكومة الاتفاق حتى الآن", True, "ar-lam-predicate"),
    ("لن ترفع الوزارة تعرفة المياه هذا العام", "قالت الوزارة إنها سترفع تعرفة المياه هذا العام", True,
     "ar-claim-side-lan"),
    ("نفت الوزارة تسريب الأسئلة", "نفت الوزارة تسريب الأسئلة وقالت إن الامتحان سيجري في موعده", False,
     "ar-both-deny-then-clause"),
    ("The army retook 5 towns in the north",
     "The army retook 5 towns in the north, but it did not retake the highway",
     False, "en-but-other-clause"),
    ("The agency delivered 300 tonnes of flour",
     ("The agency delivered 300 tonnes of flour while the convoy could not "
     "reach the valley"), False, "en-while-other-clause"),
    ("The two sides held talks on prisoners",
     "The two sides held talks on prisoners and the mediator did not attend",
     False, "en-and-subject-other-clause"),
    ("Aid groups distributed food to displaced families",
     ("Non-governmental aid groups distributed food to displaced "
     "families"), False, "en-non-governmental"),
    ("The meeting was official", "The meeting was not official", True, "en-not-official"),
    ("The ministry leaked the exam questions",
     "The ministry, in a statement, denied leaking the exam questions", True,
     "en-denial-across-parenthesis"),
    ("The council approved funding for a second line",
     ("A second line is planned, but the council has not yet "
     "approved its funding"), True, "en-negated-clause-carries-claim"),
    ("The bill passed with amendments", "The bill passed without amendments", True, "en-without-shared-noun"),
    ("The bill passed on Monday", "The bill passed on Monday without a debate", False,
     "en-without-other-noun"),
    ("The minister resigned on Monday", "The minister did not resign on Monday", True, "en-plain-not"),
    ("The port did not reopen in March", "The port reopened in March after repairs", True,
     "en-claim-side-not"),
    ("Exports rose by 8 percent", "Exports rose by 8 percent, although imports did not fall", False,
     "en-although-other-clause"),
    ("Exports rose by 8 percent", "Exports rose by an unprecedented 8 percent, because demand did not slow",
     False,
     "en-because-other-clause"),
]


@pytest.mark.parametrize(
    ("claim", "evidence", "differs"),
    [pytest.param(c, e, d, id=i) for c, e, d, i in SCOPE_CASES],
)
def test_negation_scope(claim: str, evidence: str, differs: bool) -> None:
    assert scoped_negation_differs(claim, evidence) is differs


def test_the_scope_table_is_large_and_mixed() -> None:
    ids = [c[3] for c in SCOPE_CASES]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    assert sum(i.startswith("ar-") for i in ids) >= 15 and sum(i.startswith("en-") for i in ids) >= 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تسيطر الحركة على القرى، لكنها لم تعد تسيطر على المدينة",
         ["تسيطر الحركة على القرى", "لكنها لم تعد تسيطر على المدينة"]),
        ("اجتمع الوفدان وأجرى الطرفان مناقشات", ["اجتمع الوفدان", "وأجرى الطرفان مناقشات"]),
        ("ارتفعت الصادرات في حين تراجعت الواردات", ["ارتفعت الصادرات", "في حين تراجعت الواردات"]),
        ("ارتفع الإنتاج غير أن الأسعار تراجعت", ["ارتفع الإنتاج", "غير أن الأسعار تراجعت"]),
        ("وصلت المساعدات وتونس والأردن", ["وصلت المساعدات وتونس والأردن"]),
        ("Prices rose, and the bank did not act", ["Prices rose", "and the bank did not act"]),
        ("Prices and wages rose while rents fell", ["Prices and wages rose", "while rents fell"]),
        ("The 1,200 families left; none returned", ["The 1,200 families left", "none returned"]),
        ("أقـــرّ المجلس الموازنة ، ولم يناقش الضرائب", ["أقـــرّ المجلس الموازنة", "ولم يناقش الضرائب"]),
    ],
    ids=["ar-lakin", "ar-wa-verb", "ar-fi-hin", "ar-ghair-anna", "ar-wa-noun-not-a-boundary",
         "en-comma-and-subject",
         "en-and-noun-not-a-boundary", "en-number-comma-kept", "ar-tatweel-offsets"],
)
def test_clause_spans_index_the_original(text: str, expected: list[str]) -> None:
    spans = clause_spans(text)
    assert [s.of(text) for s in spans] == expected
    assert clauses(text) == [words(s.of(text)) for s in spans]


@pytest.mark.parametrize(
    ("word", "privative"),
    [("غير", True), ("وغير", True), ("بدون", True), ("without", True), ("non", True), ("لم", False),
     ("not", False), ("نفت", False), ("didn't", False)],
    ids=["ghair", "wa-ghair", "bidoon", "without", "non", "lam", "not", "nafat", "didnt"],
)
def test_privative_cues(word: str, privative: bool) -> None:
    assert is_cue(word)
    assert is_privative(word) is privative


def test_ghair_anna_is_not_a_cue_but_ghair_before_a_word_is() -> None:
    assert negation_cues("ارتفع الإنتاج غير أن الأسعار تراجعت") == []
    assert negation_cues("مناقشات غير رسمية") == ["غير"]


def test_privative_scope_is_the_governed_word_and_a_predicate_cue_stops_at_its_clause() -> None:
    assert list(cue_scope(["واجري", "الطرفان", "مناقشات", "غير", "رسميه", "حول", "الاسري"], 3)) == ["رسميه"]
    assert list(cue_scope(["المنظمات", "غير", "الحكوميه", "وزعت", "المساعدات"], 1)) == ["الحكوميه"]
    clause = ["لم", "تعد", "الحركه", "تسيطر", "علي", "المدينه"]
    assert list(cue_scope(clause, 0)) == ["تعد", "الحركه", "تسيطر", "علي"]
    assert list(cue_scope(["did", "not", "act"], 1)) == ["act"]


def test_negated_needs_a_shared_term_in_scope() -> None:
    assert negated("لم يحضر الوزير", {"وزير"}) is True
    assert negated("لم يحضر الوزير", {"مدين"}) is False
    assert scoped_cues("وصل الوفد ولم تسجل أي حوادث", {"وفد"}) == []


@pytest.mark.parametrize(
    ("claim", "evidence", "differs"),
    [
        ("أردوغان مكترث بإعلان نتائج التحقيق", "أردوغان غير مكترث بإعلان نتائج التحقيق", True),
        ("أعلنت المنظمة أن ليبيا جاهزة لإجراء الانتخابات",
         "أعلنت المنظمة أن ليبيا غير جاهزة لإجراء الانتخابات", True),
        ("الحكومة قادرة على دفع الرواتب هذا الشهر", "الحكومة غير قادرة على دفع الرواتب هذا الشهر", True),
        ("وزعت المنظمات المساعدات في المخيم", "وزعت المنظمات غير الحكومية المساعدات في المخيم", False),
        ("ظهرت النساء على غلاف المجلة", "ظهرت النساء في ظهور غير معتاد على غلاف المجلة", False),
    ],
    ids=["ar-subject-opens-clause", "ar-after-anna", "ar-definite-subject", "ar-definite-attribute",
         "ar-indefinite-attribute"],
)
def test_ghair_as_the_predicate_of_a_nominal_sentence(claim: str, evidence: str, differs: bool) -> None:
    assert scoped_negation_differs(claim, evidence) is differs


# (id, text, denies the whole proposition after it)
DENIAL_FRAMES = [
    ("en-not-true", "It is not true that the ministers met in Cairo", True),
    ("en-contracted", "It's not true that the bank raised its rates", True),
    ("en-false", "It is false that the port was closed", True),
    ("en-untrue", "It is untrue that 40 villages were flooded", True),
    ("en-not-the-case", "It is not the case that the talks failed", True),
    ("en-quoted", "\"It is not true that the minister resigned\"", True),
    ("ar-laysa", "ليس صحيحا أن الوزراء اجتمعوا في القاهرة", True),
    ("ar-tanwin", "ليس صحيحاً أن الحكومة رفعت الأسعار", True),
    ("ar-ghair", "غير صحيح أن الوزير استقال", True),
    ("ar-min-ghair", "من غير الصحيح أن المعبر أغلق", True),
    ("ar-la-sihha", "لا صحة لما تداولته المواقع عن إغلاق المطار", True),
    ("ar-tatweel", "ليـــس صحيحا أن الوزير استقال", True),
    ("en-true", "It is true that the ministers met in Cairo", False),
    ("en-plain", "The ministers did not meet in Cairo", False),
    ("en-later", "The minister said it is not true that he resigned", False),
    ("ar-laysa-plain", "ليس هناك أي وقت للانتظار", False),
    ("ar-plain-negation", "لم يجتمع الوزراء في القاهرة", False),
    ("ar-sahih-later", "قال الوزير إنه ليس صحيحا أن الميناء أغلق", False),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DENIAL_FRAMES],
                         ids=[c[0] for c in DENIAL_FRAMES])
def test_denial_frame(text: str, expected: bool) -> None:
    assert denies_whole(text) is expected


# (id, claim, evidence, polarity differs): across scripts no word is shared, a whole-claim denial still counts
CROSS_SCRIPT = [
    ("en-denial-vs-ar", "It is not true that the ministers met in Amman", "اجتمع الوزراء في عمان أمس", True),
    ("ar-denial-vs-en", "ليس صحيحا أن الوزراء اجتمعوا في عمان", "The ministers met in Amman on Monday", True),
    ("both-deny", "It is not true that the port closed", "ليس صحيحا أن الميناء أغلق", False),
    ("translation", "The ministers met in Amman", "اجتمع الوزراء في عمان", False),
    ("unbeaten-vs-lam-yuhzam", "They are the only unbeaten side", "هم الفريق الوحيد الذي لم يهزم", False),
    ("shared-digit-scoped", "The ministry did not report 300 deaths", "أعلنت الوزارة 300 وفاة", True),
]


@pytest.mark.parametrize(("claim", "evidence", "differs"), [c[1:] for c in CROSS_SCRIPT],
                         ids=[c[0] for c in CROSS_SCRIPT])
def test_cross_script_polarity(claim: str, evidence: str, differs: bool) -> None:
    assert scoped_negation_differs(claim, evidence) is differs
