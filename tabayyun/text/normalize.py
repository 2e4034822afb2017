"""Normalization for matching (never for display), with a map back to the original.

``normalize(text)`` folds the Arabic orthographic variants and obfuscations that
must not change a match. Rules, applied to every code point on its own (so the
output keeps a per-character map to the input):

* compatibility folding (NFKC): Arabic presentation forms and ligatures
  (ﻻ → لا, ﷲ → الله, ﷺ → صلى الله عليه وسلم), fullwidth and styled Latin letters
  and digits, non-breaking and thin spaces → a plain space;
* Arabic diacritics removed: harakat, tanween, shadda, sukun, dagger alef, the
  combining hamza above/below, Quranic annotation marks, small waw/yeh, and the
  isolated presentation forms of harakat (which NFKC would turn into a space);
* tatweel (ـ) removed; Latin/Greek/Cyrillic combining accents removed (é → e,
  "zalgo" stacks) so that accents cannot be used to dodge a match;
* letters folded: أ إ آ ٱ ٲ ٳ ٵ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي; the hamza on the
  line ء is **kept** (it is a letter: ماء ≠ ما);
* Persian/Urdu/Kurdish/Maghrebi look-alikes → the Arabic letter they imitate or
  transcribe: ی ې ے → ي, ک گ ڭ → ك, ہ ۀ ە ھ → ه, ۆ ۋ → و, ڤ → ف, ڨ → ق, پ → ب,
  چ → ج, ژ → ز;
* all decimal digits (Arabic-Indic ٠-٩, Persian ۰-۹, and any other script) → ASCII
  0-9; the Arabic decimal separator ٫ → "." and thousands separator ٬ → ",";
* Arabic punctuation → its ASCII counterpart, one character for one: ، → ",",
  ؛ → ";", ؟ → "?", ٪ → "%", ۔ → "." (so "٣،٥" and "3,5" normalize alike);
  guillemets « » and other quotes are kept;
* zero-width and bidi control characters, soft hyphens, variation selectors and
  tag characters removed;
* case folded (``str.casefold``).

``normalize`` is idempotent. ``normalize_with_offsets(text)`` returns the same
string together with, for every normalized character, the index of the original
character it came from, so any span found in normalized text maps back to exact
original offsets with :meth:`Normalized.to_original`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import charsets as cs
from .char_tables import LengthTable, TranslateTable, fixed_point

#: characters removed outright (before any decomposition)
_DROP = frozenset(cs.INVISIBLE + cs.DIACRITIC_PRESENTATION_FORMS)
#: characters removed when they appear after decomposition (marks attach to the previous letter)
_MARKS = frozenset(cs.DIACRITICS + cs.TATWEEL + cs.COMBINING_ACCENTS)


def _build_fold_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for src, dst in (cs.ALEF_FORMS, cs.ALEF_MAQSURA, cs.TA_MARBUTA, cs.HAMZA_ON_WAW, cs.HAMZA_ON_YA):
        for ch in src:
            table[ch] = dst
    table.update(cs.LOOKALIKES)
    table.update(cs.ARABIC_PUNCT)
    table.update(cs.LIGATURE_EXPANSIONS)
    table[cs.ARABIC_DECIMAL_SEPARATOR] = "."
    table[cs.ARABIC_THOUSANDS_SEPARATOR] = ","
    return table


FOLD_TABLE = _build_fold_table()


def _fold_code_point(c: str) -> str:
    """Fold one already-decomposed code point (no NFKD here)."""
    if c in _MARKS or c in _DROP:
        return ""
    mapped = FOLD_TABLE.get(c)
    if mapped is not None:
        return mapped
    digit = unicodedata.decimal(c, None)
    if digit is not None:
        return cs.ASCII_DIGITS[digit]
    return c


@lru_cache(maxsize=8192)
def _fold_once(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if ch in _DROP:
        return ""
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(_fold_code_point(c) for c in decomposed)
    return unicodedata.normalize("NFC", kept).casefold()


#: Normalize one original character to zero or more matching characters (a fixed point).
_fold_char = fixed_point(_fold_once)
_TABLE = TranslateTable(_fold_char)
_LENGTHS = LengthTable(_fold_char)
#: how far ``to_original`` looks past a span for trailing diacritics/tatweel to include
_MAX_TRAILING = 32


def is_attached_mark(ch: str) -> bool:
    """True for a character that folds away but belongs to the letter before it (harakat, tatweel)."""
    return ch in _MARKS or (not ch.isascii() and unicodedata.category(ch) == "Mn" and not _fold_char(ch))


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized string and, per normalized character, its original index.

    ``origin`` is non-decreasing; ``origin[i]`` is the index in the original text
    of the character that produced ``text[i]`` (a ligature like ﻻ gives two
    normalized characters with the same origin).
    """

    text: str
    origin: tuple[int, ...]
    original_length: int
    original: str = field(default="", repr=False, compare=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span ``[start, end)`` to the original text's span.

        The original span starts at the first contributing character and ends
        after the last one, extended over diacritics and tatweel that follow it
        (they belong to the last letter); invisible characters around the span
        are left out. An empty span maps to an empty original span.
        """
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        begin = self.origin[start]
        stop = self.origin[end - 1] + 1
        if self.original:
            limit = min(len(self.original), stop + _MAX_TRAILING)
            j = stop
            while j < limit and not _fold_char(self.original[j]):
                if is_attached_mark(self.original[j]):
                    stop = j + 1
                j += 1
        return begin, stop


def normalize(text: str) -> str:
    """Fold ``text`` for matching. Idempotent: ``normalize(normalize(t)) == normalize(t)``."""
    return text.translate(_TABLE)


def normalize_with_offsets(text: str) -> Normalized:
    """Fold ``text`` for matching and keep where each output character came from."""
    out = text.translate(_TABLE)
    # one byte per original character: how many normalized characters it became (at most ~20)
    lengths = np.frombuffer(text.translate(_LENGTHS).encode("latin-1"), dtype=np.uint8)
    if len(out) == len(text) and bool(np.all(lengths == 1)):
        origin: tuple[int, ...] = tuple(range(len(text)))
    else:
        origin = tuple(np.repeat(np.arange(len(text), dtype=np.int64), lengths).tolist())
    return Normalized(out, origin, len(text), text)
