"""Numbers in digits and words, Arabic and English: the value of the single quantity read."""

from __future__ import annotations

import pytest

from tabayyun.extract import extract
from tabayyun.extract.numbers import parse_digits

# (text, value)
NUMBERS: list[tuple[str, str, float]] = [
    # digits, separators, scripts
    ("d-ascii", "600", 600),
    ("d-arabic-indic", "٦٠٠", 600),
    ("d-persian", "۶۰۰", 600),
    ("d-thousands-comma", "10,000", 10000),
    ("d-thousands-millions", "1,234,567", 1234567),
    ("d-decimal", "13.5", 13.5),
    ("d-arabic-decimal", "١٣٫٥", 13.5),
    ("d-arabic-thousands", "١٬٢٣٤", 1234),
    ("d-arabic-both", "١٬٢٣٤٫٥", 1234.5),
    ("d-decimal-comma", "13,5 مليار", 13.5e9),
    ("d-dot-thousands", "1.234.567", 1234567),
    ("d-zero", "0", 0),
    ("d-small-decimal", "0.25", 0.25),
    ("d-mixed-digits", "1٢3", 123),
    # digits with a scale word
    ("ds-670-million", "670 مليون", 670e6),
    ("ds-13.5-billion", "13.5 مليار", 13.5e9),
    ("ds-10-thousand-indic", "١٠ آلاف", 10000),
    ("ds-20-alf", "20 ألف", 20000),
    ("ds-5-alaf-hamza", "5 ألاف", 5000),
    ("ds-2.3-million", "2.3 مليون", 2.3e6),
    ("ds-1.5-trillion", "1.5 تريليون", 1.5e12),
    ("ds-glued", "670مليون", 670e6),
    ("ds-bilion", "3 بليون", 3e9),
    ("ds-malayin", "3 ملايين", 3e6),
    ("ds-miliarat", "4 مليارات", 4e9),
    ("ds-alaf-w-500", "3 آلاف و500", 3500),
    ("ds-million-w-200-alf", "مليون و200 ألف", 1.2e6),
    ("ds-3-million-half", "3 ملايين ونصف", 3.5e6),
    ("ds-en-million", "436 million", 436e6),
    ("ds-en-billion", "13.5 billion", 13.5e9),
    ("ds-en-bn", "5bn", 5e9),
    ("ds-en-k", "10k", 10000),
    ("ds-en-thousand", "20 thousand", 20000),
    ("ds-en-trillion", "1.2 trillion", 1.2e12),
    # Arabic units and teens
    ("w-wahid", "واحد", 1),
    ("w-ithnan", "اثنان", 2),
    ("w-ithnayn", "اثنين", 2),
    ("w-thalatha", "ثلاثة", 3),
    ("w-thalath", "ثلاث", 3),
    ("w-arbaa", "أربعة", 4),
    ("w-arbaa-nohamza", "اربعة", 4),
    ("w-khamsa", "خمسة", 5),
    ("w-sitta", "ستة", 6),
    ("w-sabaa", "سبعة", 7),
    ("w-thamaniya", "ثمانية", 8),
    ("w-thamani", "ثماني", 8),
    ("w-tisaa", "تسعة", 9),
    ("w-ashara", "عشرة", 10),
    ("w-ahad-ashar", "أحد عشر", 11),
    ("w-ihda-ashra", "إحدى عشرة", 11),
    ("w-ithna-ashar", "اثنا عشر", 12),
    ("w-ithnay-ashar", "اثني عشر", 12),
    ("w-thalatha-ashar", "ثلاثة عشر", 13),
    ("w-khamsa-ashar", "خمسة عشر", 15),
    ("w-tisaa-ashar", "تسعة عشر", 19),
    # tens, with units and the conjunction
    ("w-ishrun", "عشرون", 20),
    ("w-ishrin", "عشرين", 20),
    ("w-thalathun", "ثلاثون", 30),
    ("w-arbain", "أربعين", 40),
    ("w-khamsun", "خمسون", 50),
    ("w-tisun", "تسعون", 90),
    ("w-26", "ستة وعشرون", 26),
    ("w-26-spaced-wa", "ستة و عشرون", 26),
    ("w-45-oblique", "خمسة وأربعين", 45),
    ("w-99", "تسعة وتسعون", 99),
    ("w-21", "واحد وعشرون", 21),
    # hundreds
    ("w-mia", "مائة", 100),
    ("w-mia-new", "مئة", 100),
    ("w-miatan", "مائتان", 200),
    ("w-miatayn", "مائتين", 200),
    ("w-miatayn-new", "مئتين", 200),
    ("w-300", "ثلاثمائة", 300),
    ("w-300-new", "ثلاثمئة", 300),
    ("w-300-spaced", "ثلاث مئة", 300),
    ("w-500", "خمسمائة", 500),
    ("w-800", "ثمانمائة", 800),
    ("w-900", "تسعمئة", 900),
    ("w-125", "مائة وخمسة وعشرون", 125),
    ("w-670", "ستمائة وسبعون", 670),
    ("w-436", "أربعمائة وستة وثلاثون", 436),
    # thousands and up
    ("w-alf", "ألف", 1000),
    ("w-alfan", "ألفان", 2000),
    ("w-alfayn", "ألفين", 2000),
    ("w-3000", "ثلاثة آلاف", 3000),
    ("w-10000", "عشرة آلاف", 10000),
    ("w-20000-acc", "عشرون ألفاً", 20000),
    ("w-20000-acc-plain", "عشرين ألفا", 20000),
    ("w-3526", "ثلاثة آلاف وخمسمائة وستة وعشرون", 3526),
    ("w-325600", "ثلاثمائة وخمسة وعشرون ألفا وستمائة", 325600),
    ("w-million", "مليون", 1e6),
    ("w-millionan", "مليونان", 2e6),
    ("w-millionayn", "مليونين", 2e6),
    ("w-3-malayin", "ثلاثة ملايين", 3e6),
    ("w-milyar", "مليار", 1e9),
    ("w-milyarayn", "مليارين", 2e9),
    ("w-5-milyarat", "خمسة مليارات", 5e9),
    ("w-trillion", "تريليون", 1e12),
    ("w-1.5m", "مليون ونصف", 1.5e6),
    ("w-million-500k", "مليون وخمسمائة ألف", 1.5e6),
    ("w-2.5m", "مليونين ونصف", 2.5e6),
    ("w-2.5m-repeated-scale", "مليونين ونصف مليون", 2.5e6),
    ("w-million-and-thousand", "مليون وألف", 1_001_000),
    ("w-teen-after-scale", "ألف واثنا عشر", 1012),
    ("w-prefix-bi", "بعشرة آلاف", 10000),
    ("w-prefix-wa", "وثلاثة آلاف", 3000),
    # fractions
    ("f-nisf", "نصف", 0.5),
    ("f-rub", "ربع", 0.25),
    ("f-thulth", "ثلث", 1 / 3),
    ("f-thuluthay", "ثلثي", 2 / 3),
    ("f-3-arbaa", "ثلاثة أرباع", 0.75),
    ("f-half-million", "نصف مليون", 5e5),
    ("f-quarter-million", "ربع مليون", 2.5e5),
    ("f-third-billion", "ثلث مليار", 1e9 / 3),
    # orthographic noise: diacritics, tatweel, zero-width, bidi marks
    ("n-diacritics", "ثَلاثَةُ آلافٍ", 3000),
    ("n-tatweel", "ثلاثـــة آلاف", 3000),
    ("n-zwnj-in-digits", "6\u200c00", 600),
    ("n-rlm-in-digits", "1\u200f0,000", 10000),
    ("n-persian-yeh", "ثمانی", 8),
    # English words
    ("e-one", "one", 1),
    ("e-twelve", "twelve", 12),
    ("e-twenty-five-hyphen", "twenty-five", 25),
    ("e-twenty-five", "twenty five", 25),
    ("e-hundred", "a hundred", 100),
    ("e-325", "three hundred and twenty-five", 325),
    ("e-325000", "three hundred and twenty-five thousand", 325000),
    ("e-a-million", "a million", 1e6),
    ("e-half-million", "half a million", 5e5),
    ("e-two-million", "two million", 2e6),
    ("e-1.2m", "one million two hundred thousand", 1.2e6),
    ("e-dozen", "a dozen", 12),
    ("e-ninety-nine", "ninety-nine", 99),
    ("e-seventeen", "seventeen", 17),
]


@pytest.mark.parametrize(("text", "value"), [(t, v) for _, t, v in NUMBERS], ids=[i for i, _, _ in NUMBERS])
def test_number_value(text: str, value: float) -> None:
    qs = extract(text).quantities
    assert len(qs) == 1, qs
    assert qs[0].value == pytest.approx(value, rel=1e-12)
    q = qs[0]
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("token", "expected"),
    [("1,234", 1234.0), ("1.5", 1.5), ("1.234.567", 1234567.0), ("13,5", 13.5), ("1,2,3", None),
     ("9" * 200, None)],
    ids=["thousands", "decimal", "dot-thousands", "decimal-comma", "bad-groups", "too-long"],
)
def test_parse_digits(token: str, expected: float | None) -> None:
    got = parse_digits(token)
    assert (None if got is None else float(got[0])) == expected
