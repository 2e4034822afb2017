"""Tables for ``stem.stem`` and ``stem.terms``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.text.normalize import normalize
from tabayyun.text.stem import canonical_number, stem, strip_prefix, terms
from tabayyun.text.stopwords import STOPWORDS

# groups of related forms: every word of a group must get the same stem
RELATED = [
    ("government",
     ["الحكومة", "حكومة", "والحكومة", "بالحكومة", "للحكومة", "فالحكومة", "كالحكومة", "وبالحكومة", "حكومات",
      "الحكومات"]),
    ("teachers", ["المعلمون", "معلمين", "المعلمين", "معلم", "للمعلمين", "والمعلمون", "المعلم"]),
    ("minister", ["وزير", "الوزير", "للوزير", "والوزير", "وزيرة", "الوزيرة"]),
    ("cars", ["سيارة", "السيارة", "سيارات", "السيارات", "بالسيارات"]),
    ("school", ["مدرسة", "المدرسة", "بالمدرسة", "للمدرسة", "مدرستها"]),
    ("said", ["قال", "وقال", "فقال"]),
    ("economy", ["الاقتصاد", "اقتصاد", "الاقتصادي", "الاقتصادية", "اقتصادية", "والاقتصاد"]),
    ("book-pronouns", ["كتاب", "الكتاب", "كتابه", "كتابها", "كتابهم", "وكتاب"]),
    ("police", ["الشرطة", "شرطة", "للشرطة", "والشرطة"]),
    ("elections", ["الانتخابات", "انتخابات", "للانتخابات", "بالانتخابات"]),
    ("country", ["دولة", "الدولة", "للدولة", "دولتين"]),
    ("vaccine", ["اللقاح", "لقاح", "باللقاح", "واللقاح"]),
    ("company", ["شركة", "الشركة", "شركات", "الشركات", "للشركات"]),
    ("employees", ["الموظفون", "موظفين", "الموظفين", "موظف"]),
    ("hospital", ["المستشفى", "مستشفى", "بالمستشفى"]),
    ("obfuscated-government", ["الحـكـومـة", "الحکومة", "ا\u200bلحكومة", "اَلْحُكُومَةُ"]),
    ("en-government", ["government", "governments", "Government's"]),
    ("en-running", ["run", "running", "runs"]),
    ("en-elections", ["election", "elections"]),
    ("en-increase", ["increase", "increased", "increases", "increasing"]),
]

# pairs of unrelated words that must keep different stems
UNRELATED = [
    ("minister-vs-jar", "وزير", "زير"),
    ("weight-vs-minister", "وزن", "وزير"),
    ("cars-vs-sara", "سيارات", "يارا"),
    ("water-vs-what", "ماء", "ما"),
    ("team-vs-band", "فريق", "ريق"),
    ("time-vs-stop", "وقت", "قت"),
    ("allah-vs-to-him", "الله", "له"),
    ("government-vs-rule", "حكومة", "حكم"),
    ("school-vs-teacher", "مدرسة", "معلم"),
    ("book-vs-office", "كتاب", "مكتب"),
    ("state-vs-boy", "دولة", "ولد"),
    ("not-vs-no", "ليس", "لا"),
    ("en-state-vs-status", "state", "statue"),
    ("en-policy-vs-police", "policy", "police"),
    ("en-general-vs-generous", "general", "generous"),
    ("news-vs-bread", "أخبار", "خبز"),
    ("year-vs-tooth", "سنة", "سن"),
    ("city-vs-debt", "مدينة", "دين"),
    ("war-vs-freedom", "حرب", "حرية"),
    ("virus-vs-rose", "فيروس", "يروس"),
]


def test_table_sizes() -> None:
    assert sum(len(g) for _, g in RELATED) + len(UNRELATED) >= 40


KNOWN_MISSES = [
    # ل + ال before a word starting with ل is written with two lams (للقاح = ل + اللقاح)
    pytest.param(["اللقاح", "للقاح"], id="lil-before-lam", marks=pytest.mark.xfail(strict=True)),
]


@pytest.mark.parametrize("forms", [*[pytest.param(g, id=i) for i, g in RELATED], *KNOWN_MISSES])
def test_related_forms_collide(forms: list[str]) -> None:
    stems = {stem(normalize(w)) for w in forms}
    assert len(stems) == 1, stems


@pytest.mark.parametrize(("a", "b"), [c[1:] for c in UNRELATED], ids=[c[0] for c in UNRELATED])
def test_unrelated_words_differ(a: str, b: str) -> None:
    assert stem(normalize(a)) != stem(normalize(b))


PREFIXES = [
    ("al", "الكتاب", "كتاب"),
    ("wal", "والكتاب", "كتاب"),
    ("fal", "فالكتاب", "كتاب"),
    ("bal", "بالكتاب", "كتاب"),
    ("kal", "كالكتاب", "كتاب"),
    ("lil", "للكتاب", "كتاب"),
    ("wabal", "وبالكتاب", "كتاب"),
    ("walil", "وللكتاب", "كتاب"),
    ("waw", "وكتاب", "كتاب"),
    ("fa", "فكتاب", "كتاب"),
    ("allah-protected", "الله", "الله"),
    ("short-kept", "الي", "الي"),
    ("root-waw-kept", "وزير", "وزير"),
    ("root-fa-kept", "فريق", "فريق"),
    ("too-short-for-waw", "وقت", "وقت"),
]


@pytest.mark.parametrize(("word", "expected"), [c[1:] for c in PREFIXES], ids=[c[0] for c in PREFIXES])
def test_strip_prefix(word: str, expected: str) -> None:
    assert strip_prefix(normalize(word)) == expected


NUMBERS = [
    ("thousands", "1,000,000", "1000000"),
    ("thousands-decimal", "1,234.5", "1234.5"),
    ("decimal-comma", "3,5", "3.5"),
    ("decimal-dot", "3.5", "3.5"),
    ("plain", "2024", "2024"),
    ("european", "1.000.000", "1.000.000"),
]


@pytest.mark.parametrize(("norm", "expected"), [c[1:] for c in NUMBERS], ids=[c[0] for c in NUMBERS])
def test_canonical_number(norm: str, expected: str) -> None:
    assert canonical_number(norm) == expected


TERMS = [
    ("negation-kept-lam", "لم يعلن الوزير", ["لم"]),
    ("negation-kept-la", "لا توجد زيادة", ["لا"]),
    ("negation-kept-lan", "لن ترتفع الأسعار", ["لن"]),
    ("negation-kept-laysa", "ليس صحيحا", ["ليس"]),
    ("negation-kept-ghayr", "غير صحيح", ["غير"]),
    ("negation-kept-en", "did not rise and never will, no", ["not", "never", "no"]),
    ("number-canonical", "حضر ١٬٠٠٠٬٠٠٠ شخص", ["1000000"]),
    ("decimal-kept", "بنسبة ٣٫٥٪", ["3.5"]),
    ("arabic-comma-decimal", "بنسبة ٣،٥٪", ["3.5"]),
]


@pytest.mark.parametrize(("text", "must"), [c[1:] for c in TERMS], ids=[c[0] for c in TERMS])
def test_terms_keep(text: str, must: list[str]) -> None:
    out = terms(text)
    for m in must:
        assert m in out


STOP = [
    ("ar-fi", "في المدينة", "في"),
    ("ar-min", "من المدينة", "من"),
    ("ar-ila", "إلى المدينة", "الي"),
    ("ar-ala", "على الطاولة", "علي"),
    ("ar-hatha", "هذا القرار", "هذا"),
    ("ar-alladhi", "القرار الذي صدر", "الذي"),
    ("en-the", "the decision", "the"),
    ("en-of", "rate of growth", "of"),
]


@pytest.mark.parametrize(("text", "stop"), [c[1:] for c in STOP], ids=[c[0] for c in STOP])
def test_terms_drop_stopwords(text: str, stop: str) -> None:
    assert stop in STOPWORDS
    assert stop not in terms(text)
    assert terms(text)


def test_negations_are_not_stopwords() -> None:
    for w in ("لا", "لم", "لن", "ليس", "ليست", "غير", "ما", "بدون", "دون", "not", "no", "never", "without"):
        assert w not in STOPWORDS


def test_stem_of_number_and_empty() -> None:
    assert stem("2024") == "2024"
    assert stem("") == ""


_SOUP = st.text(
    alphabet=st.sampled_from(list("ابتجدرسعلمنهويءأىةؤئ abcXY0123٠١٢.,٫٬%!؟،'’\"*:()-_^+{}[]~\n")),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_SOUP, st.text(max_size=40)))
def test_property_terms_fts5_safe(text: str) -> None:
    for t in terms(text):
        assert t
        assert not set(t) & set("\"'*:()^+-{}[]~,;?!%_ \t\n")
        assert all(c.isalnum() or c == "." for c in t)
