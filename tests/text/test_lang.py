"""Tables for ``lang.script_ratio`` and ``lang.detect``."""

from __future__ import annotations

import pytest

from tabayyun.text.lang import detect, script_ratio

DETECT = [
    ("ar-sentence", "أعلنت الحكومة عن خطة جديدة", "ar"),
    ("ar-with-digits", "بلغ العدد ١٢٣٤ شخصا عام 2024", "ar"),
    ("ar-persian-letters", "حکومی ایران", "ar"),
    ("ar-presentation-forms", "\ufea3\ufee4\ufe8e\ufeb1", "ar"),
    ("ar-one-english-word", "قالت منظمة الصحة العالمية في تقريرها السنوي إن WHO", "ar"),
    ("en-sentence", "The government announced a new plan", "en"),
    ("en-with-arabic-name", "The minister Ahmed said the plan is ready, أحمد", "en"),
    ("en-accented", "Café Élysée", "en"),
    ("mixed-half", "الحكومة government", "mixed"),
    ("mixed-balanced", "قالت الوزارة the ministry said", "mixed"),
    ("unknown-empty", "", "unknown"),
    ("unknown-digits", "123 ٤٥٦ 7.8", "unknown"),
    ("unknown-punct", "!!! ؟؟ ...", "unknown"),
    ("unknown-cjk", "中华人民共和国", "unknown"),
    ("unknown-cyrillic", "Москва столица", "unknown"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DETECT], ids=[c[0] for c in DETECT])
def test_detect(text: str, expected: str) -> None:
    assert detect(text) == expected


RATIO = [
    ("all-arabic", "نص عربي", 1.0),
    ("all-latin", "latin", 0.0),
    ("half", "ab بت", 0.5),
    ("no-letters", "123 !", 0.0),
    ("diacritics-not-letters", "بَ a", 0.5),
    ("quarter", "abc ب", 0.25),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in RATIO], ids=[c[0] for c in RATIO])
def test_script_ratio(text: str, expected: float) -> None:
    assert script_ratio(text) == pytest.approx(expected)
