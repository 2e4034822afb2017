"""Normalization for matching (never for display), with a map back to the original.

``normalize(text)`` folds the Arabic orthographic variants and obfuscations that
must not change a match: NFKC (presentation forms, ligatures), diacritics and
tatweel removed, alef/hamza/ya/ta-marbuta folded, Persian look-alikes mapped,
Arabic-Indic and Persian digits to ASCII, invisible characters removed, case folded.

``normalize_with_offsets(text)`` returns the same string together with, for every
normalized character, the index of the original character it came from, so any
span found in normalized text maps back to exact original offsets.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import charsets as cs


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ch in cs.DIACRITICS + cs.TATWEEL + cs.INVISIBLE:
        table[ord(ch)] = None
    for src, dst in (cs.ALEF_FORMS, cs.ALEF_MAQSURA, cs.TA_MARBUTA, cs.HAMZA_ON_WAW, cs.HAMZA_ON_YA):
        for ch in src:
            table[ord(ch)] = dst
    for src, dst in cs.LOOKALIKES.items():
        table[ord(src)] = dst
    for digits in (cs.ARABIC_INDIC_DIGITS, cs.PERSIAN_DIGITS):
        for i, ch in enumerate(digits):
            table[ord(ch)] = cs.ASCII_DIGITS[i]
    table[ord(cs.ARABIC_DECIMAL_SEPARATOR)] = "."
    table[ord(cs.ARABIC_THOUSANDS_SEPARATOR)] = ","
    return table


FOLD_TABLE = _build_fold_table()


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Normalize one original character to zero or more matching characters."""
    if ch.isascii():
        return ch.lower()
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        mapped = FOLD_TABLE.get(ord(c), c)
        if mapped is None:
            continue
        # NFKC can leave combining marks from decomposed presentation forms
        if mapped and unicodedata.category(mapped[0]) == "Mn" and "\u0600" <= mapped[0] <= "\u08FF":
            continue
        out.append(mapped)
    return "".join(out).casefold()


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized string and, per normalized character, its original index."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span ``[start, end)`` to the original text's span."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> str:
    """Fold ``text`` for matching. Idempotent: ``normalize(normalize(t)) == normalize(t)``."""
    return "".join(_fold_char(ch) for ch in text)


def normalize_with_offsets(text: str) -> Normalized:
    """Fold ``text`` for matching and keep where each output character came from."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if folded:
            chars.append(folded)
            origin.extend([i] * len(folded))
    return Normalized("".join(chars), tuple(origin), len(text))
