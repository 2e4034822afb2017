"""split_claim: the issue's worked example, obfuscated claims, and properties over any string.

The rule tables are in test_decompose_ar.py and test_decompose_en.py (every claim in them is
written for these tests); the table helpers they share are here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.claims import split_driver
from tabayyun.claims.decompose import ClaimPart, Naming, split_claim
from tabayyun.claims.split_tokens import read_claim
from tabayyun.text.clean import clean


@dataclass(frozen=True)
class Part:
    """One expected part: its text, the claim's stretch its offsets cover, its kind and naming."""

    text: str
    covers: str
    kind: str
    naming: tuple[str, str, str] | None


@dataclass(frozen=True)
class Case:
    id: str
    claim: str
    parts: tuple[Part, ...]


def part(text: str, covers: str | None = None, *, kind: str = "statement",
         naming: tuple[str, str, str] | None = None) -> Part:
    return Part(text, text if covers is None else covers, kind, naming)


def case(case_id: str, claim: str, *parts: Part) -> Case:
    return Case(case_id, claim, parts)


def one(
    case_id: str, claim: str, *, kind: str = "statement", naming: tuple[str, str, str] | None = None
) -> Case:
    """A claim that asserts one thing: one part, its text and span the whole claim."""
    return Case(case_id, claim, (part(claim, kind=kind, naming=naming),))


def assert_case(c: Case) -> None:
    got = split_claim(c.claim)
    assert [(p.text, c.claim[p.start : p.end], p.kind) for p in got] == [
        (p.text, p.covers, p.kind) for p in c.parts
    ]
    assert [(p.naming.namer, p.naming.entity, p.naming.name) if p.naming else None for p in got] == [
        p.naming for p in c.parts
    ]


WORKED = "لا يزال التحالف الذي يضم 41 دولة يسمي الحركة بالإمارة التي سقطت"


def test_worked_example_gives_the_three_parts() -> None:
    parts = split_claim(WORKED)
    assert [(p.text, p.kind) for p in parts] == [
        ("لا يزال التحالف يسمي الحركة بالإمارة", "naming"),
        ("التحالف يضم 41 دولة", "statement"),
        ("الإمارة سقطت", "statement"),
    ]
    assert parts[0].naming == Naming(namer="التحالف", entity="الحركة", name="الإمارة")
    assert [WORKED[p.start : p.end] for p in parts] == [
        "لا يزال التحالف الذي يضم 41 دولة يسمي الحركة بالإمارة",
        "التحالف الذي يضم 41 دولة",
        "الإمارة التي سقطت",
    ]


def _tatweel(text: str) -> str:
    """Stretch every Arabic letter that joins to the next with a tatweel (obfuscation)."""
    out = []
    for a, b in zip(text, text[1:] + " ", strict=True):
        out.append(a)
        if "\u0628" <= a <= "\u064a" and a not in "اأإآدذرزوؤةى" and "\u0621" <= b <= "\u064a":
            out.append("\u0640")
    return "".join(out)


def _diacritics(text: str) -> str:
    """A fatha after every second Arabic letter."""
    out, n = [], 0
    for ch in text:
        out.append(ch)
        if "\u0621" <= ch <= "\u064a":
            n += 1
            if n % 2 == 0:
                out.append("\u064e")
    return "".join(out)


def _zwnj(text: str) -> str:
    """A zero-width non-joiner inside every word of four letters or more."""
    return " ".join(w[:2] + "\u200c" + w[2:] if len(w) >= 4 else w for w in text.split(" "))


def _indic(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def _persian(text: str) -> str:
    """Persian yeh and keheh for the Arabic letters they imitate."""
    return text.translate(str.maketrans("يك", "یک"))


OBFUSCATIONS = {
    "tatweel": _tatweel,
    "diacritics": _diacritics,
    "zwnj": _zwnj,
    "indic-digits": _indic,
    "persian": _persian,
}
OBFUSCATED_CLAIMS = {
    "worked": WORKED,
    "relative": "افتتح الرئيس الجسر الذي يربط ضفتي النهر في 2023",
    "naming": "تصف الحكومة الاحتجاجات بأنها أعمال شغب",
    "attribution": "قال وزير المالية إن العجز انخفض إلى 4% هذا العام",
    "coordination": "أعلنت الوزارة افتتاح 40 مدرسة وأغلقت 12 عيادة",
    "appositive": "أكدت سلمى حداد، المتحدثة باسم البلدية، أن الطريق سيفتح في يونيو",
    "continuing": "ما زالت الشركة التي تأسست عام 1990 توظف 800 عامل",
    "gapping": "ارتفعت الصادرات 12% والواردات 3% في الربع الأول",
    "participle": "انهار الاتفاق الموقع عام 2015 بعد ثلاث سنوات",
    "single": "بلغت نسبة البطالة في البلاد 9% خلال العام الماضي",
}


#: every claim under every obfuscation that changes it (Indic digits only where the claim has digits)
OBFUSCATED = [
    pytest.param(claim, how, id=f"{name}-{how}")
    for name, claim in OBFUSCATED_CLAIMS.items()
    for how in OBFUSCATIONS
    if OBFUSCATIONS[how](claim) != claim
]


@pytest.mark.parametrize(("claim", "how"), OBFUSCATED)
def test_obfuscation_gives_the_same_parts_with_offsets_into_the_original(claim: str, how: str) -> None:
    plain = split_claim(claim)
    obfuscated = OBFUSCATIONS[how](claim)
    assert obfuscated != claim
    parts = split_claim(obfuscated)
    assert [(p.text, p.kind, p.naming) for p in parts] == [(p.text, p.kind, p.naming) for p in plain]
    for got, want in zip(parts, plain, strict=True):
        assert clean(obfuscated[got.start : got.end]) == clean(claim[want.start : want.end])


def test_a_blank_claim_is_one_empty_part() -> None:
    assert split_claim("   ") == [ClaimPart(text="   ", start=0, end=0)]


_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهوية ءأإآىؤئ") + list("،,.؛;:«»\"'") + ["\u0640", "\u064e", "\u200c", " "]
    + ["الذي ", "التي ", " و", "قال ", " إن ", "يسمي ", "بـ", "لا يزال ", "41 ", "2015 ", "، رئيس "]
    + list("abcdefghij ,.'\"") + [" which ", " who ", " said ", " calls ", " and ", " still ", "The "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_parts_are_ordered_non_empty_spans_of_the_claim(claim: str) -> None:
    parts = split_claim(claim)
    assert parts
    if not claim.strip():
        return
    starts = [p.start for p in parts]
    assert starts == sorted(starts)
    for p in parts:
        assert 0 <= p.start < p.end <= len(claim)
        assert claim[p.start : p.end].strip()
        assert p.text.strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_no_rule_raises_even_without_the_fallback(claim: str) -> None:
    """split_claim keeps the whole claim when a rule raises; the rules themselves must not raise."""
    doc = read_claim(claim)
    clauses, _ = split_driver._clauses(doc) if doc.toks else ([], False)
    for p in split_driver._parts(doc, clauses):
        assert 0 <= p.start < p.end <= len(claim)
        assert p.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_string_splits_without_raising(claim: str) -> None:
    parts = split_claim(claim)
    assert len(parts) >= 1
    assert all(0 <= p.start <= p.end <= len(claim) for p in parts)


# -- claims the rules could split but that stay whole (split_driver._keep_whole) -------------------
KEPT_WHOLE = [
    ("denial-ar", "ليس صحيحا أن التحالف الذي يضم 41 دولة أجلت فرقه 3000 شخص"),
    ("denial-ar-tanwin", "ليس صحيحاً أن الوزير الذي استقال أمس غادر البلاد"),
    ("denial-ar-ghayr", "غير صحيح أن البرلمان الذي انتخب في 2021 أقر الموازنة الجديدة"),
    ("denial-ar-no-truth", "لا صحة لأن الوزير الذي استقال أمس غادر البلاد"),
    ("denial-en", "It is not true that the minister, who resigned on Monday, left the country"),
    ("denial-en-false",
     "It is false that the bridge, which links the two banks, was opened by the president"),
    ("long-ar",
     "افتتح الرئيس صباح اليوم في العاصمة بحضور عدد كبير من الوزراء والسفراء وممثلي المنظمات الدولية "
     "والصحفيين الجسر الجديد الذي يربط ضفتي النهر"),
    ("long-en",
     "The president opened on Monday morning in the capital, before a crowd of ministers, ambassadors, "
     "journalists and residents, the new bridge which links the two banks of the river"),
]


@pytest.mark.parametrize("claim", [c for _, c in KEPT_WHOLE], ids=[i for i, _ in KEPT_WHOLE])
def test_denials_and_claims_longer_than_a_headline_stay_whole(claim: str) -> None:
    (part,) = split_claim(claim)
    assert (part.start, part.end) == (0, len(claim))


def test_the_same_clauses_split_when_short_and_not_denied() -> None:
    assert len(split_claim("الوزير الذي استقال أمس غادر البلاد")) == 2
    assert len(split_claim("افتتح الرئيس الجسر الذي يربط ضفتي النهر")) == 2


@pytest.mark.parametrize(
    "word", ["أن", "الذي", "في", "that", "of", "the"], ids=["an", "alladhi", "fi", "that", "of", "the"]
)
def test_a_part_ending_on_a_word_that_needs_more_keeps_the_claim_whole(word: str) -> None:
    doc = read_claim("x")
    fake = [ClaimPart(text=f"الوزير قال {word}", start=0, end=1),
            ClaimPart(text="الوزير غادر البلاد", start=1, end=2)]
    assert split_driver._keep_whole("x", doc, fake)
    fine = [ClaimPart(text="الوزير استقال أمس", start=0, end=1),
            ClaimPart(text="الوزير غادر البلاد", start=1, end=2)]
    assert not split_driver._keep_whole("x", doc, fine)
