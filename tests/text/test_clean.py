"""Tables and properties for ``clean`` and ``clean_with_offsets``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.text import clean, clean_with_offsets, normalize
from tabayyun.text.clean import Cleaned

# (id, input, expected)
REMOVED = [
    ("tatweel", "حمــــلة", "حملة"),
    ("tatweel-alone", "ـ", ""),
    ("fatha-kasra-damma", "كَتِبُ", "كتب"),
    ("tanween", "كتاباً وكتابٌ وكتابٍ", "كتابا وكتاب وكتاب"),
    ("shadda-sukun", "عمّان مْ", "عمان م"),
    ("dagger-alef", "هٰذا", "هذا"),
    ("quranic-small-high-mark", "قال\u06D6", "قال"),
    ("honorific-mark", "محمد\u0610", "محمد"),
    ("full-vocalization", "أَصْبَحَ عَدَدُ الأَعْضَاءِ", "أصبح عدد الأعضاء"),
    ("zwsp", "مل\u200bيون", "مليون"),
    ("zwnj", "مل\u200cيون", "مليون"),
    ("zwj", "مل\u200dيون", "مليون"),
    ("word-joiner", "مل\u2060يون", "مليون"),
    ("bom", "\ufeffمليون", "مليون"),
    ("soft-hyphen", "mil\u00adlion", "million"),
    ("lrm-rlm", "\u200e90\u200f", "90"),
    ("arabic-letter-mark", "\u061c90", "90"),
    ("bidi-embeddings", "\u202a\u202bنص\u202c\u202d\u202e", "نص"),
    ("bidi-isolates", "\u2066\u2067\u2068نص\u2069", "نص"),
    ("variation-selector", "نص\ufe0f", "نص"),
    ("combining-grapheme-joiner", "ن\u034fص", "نص"),
    ("isolated-haraka-form", "ب\ufe76", "ب"),
    ("tatweel-with-haraka-form", "ب\ufe71", "ب"),
]

FOLDED = [
    ("presentation-isolated", "\ufe8f", "ب"),
    ("presentation-initial-medial-final", "\ufe97\ufea4\ufeae", "تحر"),
    ("presentation-word", "\ufe83\ufebb\ufe92\ufea2", "أصبح"),
    ("lam-alef-ligature", "\ufefb", "لا"),
    ("lam-alef-hamza-ligature", "\ufef7", "لأ"),
    ("allah-ligature", "\ufdf2", "الله"),
    ("salla-ligature", "\ufdfa", "صلى الله عليه وسلم"),
    ("basmala-ligature", "\ufdfd", "بسم الله الرحمن الرحيم"),
    ("shadda-ligature-form", "\ufc60", ""),
    ("farsi-yeh", "علی", "علي"),
    ("keheh", "کتاب", "كتاب"),
    ("swash-kaf", "ڪتاب", "كتاب"),
    ("heh-goal", "ہذا", "هذا"),
    ("heh-ae", "ەذا", "هذا"),
    ("heh-doachashmee", "ھذا", "هذا"),
    ("yeh-barree", "سے", "سي"),
    ("teh-marbuta-goal", "مدرسۃ", "مدرسة"),
    ("alef-high-hamza", "ٵمن", "أمن"),
    ("waw-high-hamza", "مٶتمر", "مؤتمر"),
    ("yeh-high-hamza", "رٸيس", "رئيس"),
    ("arabic-indic-digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"),
    ("persian-digits", "۰۱۲۳۴۵۶۷۸۹", "0123456789"),
    ("devanagari-digits", "२०२४", "2024"),
    ("fullwidth-digits", "２０２４", "2024"),
    ("arabic-decimal-separator", "٣٫٥", "3.5"),
    ("arabic-thousands-separator", "١٬٢٠٠", "1,200"),
    ("decomposed-hamza-above", "ا\u0654حمد", "أحمد"),
    ("decomposed-hamza-below", "ا\u0655سلام", "إسلام"),
    ("decomposed-madda", "ا\u0653مال", "آمال"),
    ("decomposed-hamza-on-waw", "مو\u0654تمر", "مؤتمر"),
    ("decomposed-hamza-on-yeh", "ري\u0654يس", "رئيس"),
    ("decomposed-after-a-haraka", "ا\u064e\u0654حمد", "أحمد"),
]

KEPT = [
    ("alef-hamza-forms", "أحمد إسلام آمال ٱلكتاب", "أحمد إسلام آمال ٱلكتاب"),
    ("alef-maqsura", "على مستشفى", "على مستشفى"),
    ("ta-marbuta", "مدرسة", "مدرسة"),
    ("hamza-seats", "مؤتمر رئيس سماء", "مؤتمر رئيس سماء"),
    ("veh", "ڤيروس", "ڤيروس"),
    ("peh-tcheh-gaf-jeh", "پاريس چاد گوغل ژان", "پاريس چاد گوغل ژان"),
    ("maghrebi-qaf", "ڨالمة", "ڨالمة"),
    ("hamza-mark-after-a-letter-it-does-not-compose-with", "ل\u0654", "ل\u0654"),
    ("latin-accents", "Café résumé", "Café résumé"),
    ("english-case", "The Coalition MET", "The Coalition MET"),
    ("arabic-punctuation", "نعم، لا؛ لماذا؟ ٥٪", "نعم، لا؛ لماذا؟ 5٪"),
    ("guillemets", "«نص»", "«نص»"),
    ("no-break-space", "10\u00a0آلاف", "10\u00a0آلاف"),
    ("emoji", "حسنا 👍", "حسنا 👍"),
    ("ascii", "About 1,200 families", "About 1,200 families"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in REMOVED], ids=[c[0] for c in REMOVED])
def test_removed(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FOLDED], ids=[c[0] for c in FOLDED])
def test_folded(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in KEPT], ids=[c[0] for c in KEPT])
def test_kept(text: str, expected: str) -> None:
    assert clean(text) == expected


_FORMS = "\ufe8d\ufedf\ufe98\ufea4\ufe8e\ufedf\ufed2"  # التحالف in presentation forms
# (id, original, cleaned span as a substring of the cleaned text, expected original slice)
SPANS = [
    ("shadda-inside", "في عمّان اليوم", "عمان", "عمّان"),
    ("trailing-tanween-taken", "بلغ 90 عضواً فقط", "عضوا", "عضواً"),
    ("trailing-tatweel-taken", "حملــ ة", "حمل", "حملــ"),
    ("tatweel-inside", "حمــلة التطعيم", "حملة", "حمــلة"),
    ("zwnj-inside", "90 عض\u200cواً", "90 عضوا", "90 عض\u200cواً"),
    ("invisible-around-left-out", "\u200f\u200e90\u200e\u200f مليون", "90", "90"),
    ("digits", "تعهد بـ ٦٠٠ مليون", "600", "٦٠٠"),
    ("persian-digits-and-letters", "۹۰ عضو در ایران", "ايران", "ایران"),
    ("lam-alef-ligature", "\ufefbجئون", "لاجئون", "\ufefbجئون"),
    ("presentation-forms", _FORMS, "التحالف", _FORMS),
    ("bom-at-start", "\ufeffThe coalition", "The", "The"),
    ("decomposed-hamza-taken", "في مو\u0654تمر", "مؤ", "مو\u0654"),
    ("decomposed-hamza-with-haraka-taken", "ا\u064e\u0654حمد", "أحمد", "ا\u064e\u0654حمد"),
]


@pytest.mark.parametrize(("text", "piece", "expected"), [c[1:] for c in SPANS], ids=[c[0] for c in SPANS])
def test_span_maps_to_the_original(text: str, piece: str, expected: str) -> None:
    c = clean_with_offsets(text)
    at = c.text.index(piece)
    start, end = c.to_original(at, at + len(piece))
    assert text[start:end] == expected
    assert c.original_text(at, at + len(piece)) == (start, end, expected)
    assert c.to_cleaned(start, end) == (at, at + len(piece))


def test_unchanged_text_maps_to_itself() -> None:
    c = clean_with_offsets("plain text, نص عادي")
    assert not c.changed
    assert c.origin == tuple(range(len(c.text)))
    assert c.to_original(3, 7) == (3, 7)


def test_empty_span_maps_to_a_point() -> None:
    c = clean_with_offsets("\u200bنـص")
    assert c.text == "نص"
    assert c.to_original(1, 1) == (3, 3)
    assert c.to_original(2, 2) == (4, 4)


def test_result_is_frozen() -> None:
    c = clean_with_offsets("نص")
    assert isinstance(c, Cleaned)
    with pytest.raises(AttributeError):
        c.text = "x"  # type: ignore[misc]


_SOUP = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱىةؤئ ٠١٢٣٤٥٦٧٨٩۰۴۵٫٬،؛؟.!ـ")
        + ["\u064e", "\u064b", "\u0651", "\u0652", "\u0670", "\u0654", "\u200b", "\u200c", "\u200d", "\u200e",
           "\u200f", "\u061c", "\u2066", "\u2069", "\u00ad", "\ufeff", "\ufefb", "\ufe8f", "\ufe92", "\ufdf2",
           "\ufdfa", "\ufe71", "\ufc60", "ی", "ک", "ۀ", "ہ", "ۃ", "ٶ", "ڤ", "A", "é", "e", "\u0301",
           "\u0653", "\u0655", "ا", "و", "ي"]
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), _SOUP))
def test_property_idempotent_and_context_free(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    if not any(m in text for m in "\u0653\u0654\u0655"):  # composing ا + ٔ → أ reads two characters
        assert once == "".join(clean(ch) for ch in text)
    assert normalize(once) == normalize(text)  # cleaning never changes what matching sees


def _boundaries(c: Cleaned) -> list[int]:
    """Cleaned positions where one original character's output starts (and the end)."""
    return [i for i in range(len(c.text)) if i == 0 or c.origin[i] != c.origin[i - 1]] + [len(c.text)]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), _SOUP), st.data())
def test_property_offsets_map_spans_back(text: str, data: st.DataObject) -> None:
    c = clean_with_offsets(text)
    assert c.text == clean(text)
    assert len(c.origin) == len(c.text)
    assert all(a <= b for a, b in zip(c.origin, c.origin[1:]))
    assert all(0 <= i < len(text) for i in c.origin)
    cuts = _boundaries(c)
    s = data.draw(st.sampled_from(cuts))
    e = data.draw(st.sampled_from([x for x in cuts if x >= s]))
    start, end = c.to_original(s, e)
    assert 0 <= start <= end <= len(text)
    assert clean(text[start:end]) == c.text[s:e]
    assert c.to_cleaned(start, end) == (s, e)
    # any span, even inside one character's output (ﻻ → لا), lies within its original's cleaning
    a = data.draw(st.integers(0, len(c.text)))
    b = data.draw(st.integers(a, len(c.text)))
    start, end = c.to_original(a, b)
    assert c.text[a:b] in clean(text[start:end])
