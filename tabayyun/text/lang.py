"""Which script a text is written in: Arabic, Latin (English), both, or neither."""

from __future__ import annotations

from typing import Literal

from .charsets import is_arabic_char

Language = Literal["ar", "en", "mixed", "unknown"]

#: share of Arabic letters (among Arabic + Latin letters) at or above which a text is "ar"
ARABIC_THRESHOLD = 0.8
#: at or below which it is "en"
LATIN_THRESHOLD = 0.2


def _is_latin(ch: str) -> bool:
    c = ord(ch)
    return c < 0x0250 or 0x1E00 <= c <= 0x1EFF or 0xFF21 <= c <= 0xFF5A


def _counts(text: str) -> tuple[int, int, int]:
    """(Arabic letters, Latin letters, all letters)."""
    arabic = latin = letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if is_arabic_char(ch):
                arabic += 1
            elif _is_latin(ch):
                latin += 1
    return arabic, latin, letters


def script_ratio(text: str) -> float:
    """Fraction of Arabic-script letters among all letters (0.0 when there are none)."""
    arabic, _, letters = _counts(text)
    return arabic / letters if letters else 0.0


def detect(text: str) -> Language:
    """'ar', 'en' (Latin script), 'mixed', or 'unknown' (no letters, or mostly another script)."""
    arabic, latin, letters = _counts(text)
    if not letters or (arabic + latin) * 2 < letters:
        return "unknown"
    share = arabic / (arabic + latin)
    if share >= ARABIC_THRESHOLD:
        return "ar"
    if share <= LATIN_THRESHOLD:
        return "en"
    return "mixed"
