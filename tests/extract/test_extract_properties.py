"""Property tests: no input crashes or hangs the extractors; digits and words compare equal."""

from __future__ import annotations

import time

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from tabayyun.extract import compare, extract

_UNITS = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_TEENS = ["عشرة", "أحد عشر", "اثنا عشر", "ثلاثة عشر", "أربعة عشر", "خمسة عشر", "ستة عشر", "سبعة عشر",
          "ثمانية عشر", "تسعة عشر"]
_HUNDREDS = ["", "مائة", "مائتان", "ثلاثمائة", "أربعمائة", "خمسمائة", "ستمائة", "سبعمائة", "ثمانمائة",
             "تسعمائة"]


def below_thousand(n: int) -> str:
    """Arabic words for 1 ≤ n ≤ 999 (nominative), hundreds first, then units before tens."""
    h, rest = divmod(n, 100)
    parts = [_HUNDREDS[h]] if h else []
    if 10 <= rest <= 19:
        parts.append(_TEENS[rest - 10])
    elif rest:
        t, u = divmod(rest, 10)
        if u and t:
            parts.append(f"{_UNITS[u]} و{_TENS[t]}")
        else:
            parts.append(_UNITS[u] or _TENS[t])
    return " و".join(parts)


def arabic_words(n: int) -> str:
    """Arabic words for 1 ≤ n < 10**9."""
    groups = []
    millions, rest = divmod(n, 10**6)
    thousands, units = divmod(rest, 1000)
    if millions:
        groups.append({1: "مليون", 2: "مليونان"}.get(millions) or
                      (f"{below_thousand(millions)} ملايين" if 3 <= millions <= 10 else
                       f"{below_thousand(millions)} مليون"))
    if thousands:
        groups.append({1: "ألف", 2: "ألفان"}.get(thousands) or
                      (f"{below_thousand(thousands)} آلاف" if 3 <= thousands <= 10 else
                       f"{below_thousand(thousands)} ألف"))
    if units:
        groups.append(below_thousand(units))
    return " و".join(groups)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=999_999_999))
def test_words_and_digits_compare_equal(n: int) -> None:
    words = arabic_words(n)
    (qw,) = extract(words).quantities
    (qd,) = extract(f"{n:,}").quantities
    assert qw.value == qd.value == n, (words, qw)
    checks = compare(f"قتل {words} شخص", f"قتل {n} شخص")
    assert [c.result for c in checks if c.kind == "quantity"] == ["match"]


_ALPHABET = st.sampled_from(
    list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹.,٫٬،%٪$€ -/()") + ["\u200f", "\u200e", "\u200c", "\u0640", "\u064b"]
    + list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءةىأإآ") + list("abcdefghijklmnopqrstuvwxyzAQJ")
    + ["ألف", "آلاف", "مليون", "مليار", "نحو", "أكثر من", "بين", "و", "عام", "حزيران", "رمضان", "هـ",
       "الرئيس",
       "منظمة", "million", "about", "June", " "]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_arbitrary_text_never_crashes(text: str) -> None:
    x = extract(text)
    for m in (*x.quantities, *x.dates, *x.entities):
        assert text[m.start : m.end] == m.text
    x.to_dict()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_never_crashes(text: str) -> None:
    x = extract(text)
    for m in (*x.quantities, *x.dates, *x.entities):
        assert text[m.start : m.end] == m.text


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_compare_never_crashes(a: str, b: str) -> None:
    for c in compare(a, b):
        assert c.result in ("match", "mismatch", "not_comparable")


def test_long_digit_run_is_fast() -> None:
    text = "1" * 100_000 + " مليون " + "٣" * 50_000
    t = time.perf_counter()
    extract(text)
    assert time.perf_counter() - t < 2.0


_PROSE = ("وتواصل الحكومة مشاوراتها مع الأحزاب السياسية حول تشكيل لجنة جديدة لمراجعة القوانين الانتخابية، "
          "في حين يرى مراقبون أن الخلافات ما زالت عميقة بين الأطراف. وقال الرئيس جو بايدن إن الاجتماع المقبل "
          "سيعقد بعد أسبوعين في باريس، وإن نحو 40 نائبا أبدوا تحفظهم على مسودة كلفتها 436 مليون دولار "
          "نشرت في آذار 2023. ")


def test_two_megabytes_is_linear() -> None:
    small = _PROSE * 100
    big = _PROSE * (2_000_000 // len(_PROSE.encode()))
    assert len(big.encode()) > 1_900_000
    t = time.perf_counter()
    extract(small)
    t_small = time.perf_counter() - t
    t = time.perf_counter()
    x = extract(big)
    t_big = time.perf_counter() - t
    assert len(x.quantities) == 2 * (len(big) // len(_PROSE))
    assert t_big < 20.0
    ratio = len(big) / len(small)
    assert t_big < 4 * ratio * max(t_small, 1e-3), (t_small, t_big)


_DENSE = ("قتل نحو 10 آلاف مقاتل في الموصل في حزيران/يونيو 2014، وقال الرئيس الأمريكي جو بايدن إن واشنطن "
          "قدمت 436 مليون دولار. About 1,200 families fled Aleppo on June 28, 2021, the WHO said. ")


def test_dense_text_is_linear() -> None:
    """Every clause holds a mention: the scan must stay linear (a quadratic step once hid here)."""
    small, big = _DENSE * 100, _DENSE * 400
    extract(small)

    def fastest(text: str) -> float:  # the best of three: one pause of a busy machine is no trend
        times = []
        for _ in range(3):
            t = time.perf_counter()
            extract(text)
            times.append(time.perf_counter() - t)
        return min(times)

    t_small, t_big = fastest(small), fastest(big)
    assert t_big < 8 * max(t_small, 1e-3), (t_small, t_big)


def test_pathological_repetition() -> None:
    for text in ["و" * 20000, "ألف " * 5000, "نحو " * 5000 + "5", "1,000," * 5000, "- " * 10000,
                 "مائة و" * 3000, "الرئيس " * 3000, "حزيران " * 3000]:
        t = time.perf_counter()
        extract(text)
        assert time.perf_counter() - t < 3.0, text[:20]
