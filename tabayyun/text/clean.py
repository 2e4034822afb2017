"""Cleaning for the models and extractors: the text as written, without its obfuscations.

``clean(text)`` is what e5, the stance models and the extractors read. Unlike
:func:`tabayyun.text.normalize.normalize` (which folds letters for *matching*), it
keeps real Arabic spelling — أ stays أ, ة stays ة, ى stays ى, case and punctuation
are kept — and only undoes what hides the text from a model. Rules, applied to every
code point on its own (so the output keeps a per-character map to the input):

* removed: tatweel; Arabic diacritics (harakat, tanween, shadda, sukun, dagger alef,
  Quranic marks, the isolated presentation forms of harakat) — but not the maddah and
  hamza marks that make a letter: a decomposed ا + ٓ, ا + ٔ, ا + ٕ, و + ٔ, ي + ٔ is
  composed into آ أ إ ؤ ئ (the one step that reads two characters); zero-width characters (ZWSP, ZWNJ, ZWJ,
  word joiner, BOM, soft hyphen), bidi marks and controls (LRM, RLM, ALM, LRE … PDI),
  variation selectors and tag characters (:data:`~tabayyun.text.charsets.INVISIBLE`);
* Arabic presentation forms and ligatures → their letters (NFKC: ﻻ → لا, ﺑ → ب);
* Persian/Urdu look-alike letters → the Arabic letter they imitate (ی → ي, ک → ك,
  ہ ە ھ → ه, ۃ → ة, ٶ → ؤ); letters Arabic borrows for foreign sounds (ڤ پ چ گ ژ)
  are kept;
* every decimal digit (Arabic-Indic ٠-٩, Persian ۰-۹ …) → ASCII, the Arabic decimal
  and thousands separators ٫ ٬ → ``.`` ``,``.

``clean`` is idempotent. :func:`clean_with_offsets` returns a :class:`Cleaned`, whose
:meth:`~Cleaned.to_original` maps any span of the cleaned text to exact offsets in
the original, and :meth:`~Cleaned.to_cleaned` the other way.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np

from . import charsets as cs
from .char_tables import LengthTable, TranslateTable, fixed_point

#: characters removed that belong to the letter before them (a span ending at the letter takes them)
_ATTACHED = frozenset((set(cs.DIACRITICS) - set(cs.LETTER_MARKS)) | {cs.TATWEEL})
#: characters removed outright
_DROP = _ATTACHED | frozenset(cs.INVISIBLE + cs.DIACRITIC_PRESENTATION_FORMS)
#: a letter and the maddah / hamza mark that NFC composes with it (ا + ٔ → أ)
_COMPOSABLE = re.compile(f"[اوي][{cs.LETTER_MARKS}]")


def _build_table() -> dict[str, str]:
    table = {k: v for k, v in cs.LOOKALIKES.items() if k not in cs.BORROWED_LETTERS}
    table.update(cs.CLEAN_LOOKALIKES)
    table.update(cs.LIGATURE_EXPANSIONS)
    table[cs.ARABIC_DECIMAL_SEPARATOR] = "."
    table[cs.ARABIC_THOUSANDS_SEPARATOR] = ","
    return table


CLEAN_TABLE = _build_table()


def _is_presentation_form(ch: str) -> bool:
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in cs.PRESENTATION_FORMS)


def _clean_once(ch: str) -> str:
    if ch in _DROP:
        return ""
    mapped = CLEAN_TABLE.get(ch)
    if mapped is not None:
        return mapped
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return cs.ASCII_DIGITS[digit]
    if _is_presentation_form(ch):
        return "".join(c for c in unicodedata.normalize("NFKC", ch) if c not in _DROP)
    return ch


#: Clean one original character to zero or more characters (a fixed point).
_clean_char = fixed_point(_clean_once)
_TABLE = TranslateTable(_clean_char)
_LENGTHS = LengthTable(_clean_char)
#: how far ``to_original`` looks past a span for removed diacritics/tatweel to include
_MAX_TRAILING = 32


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaned string and, per cleaned character, the index of the original character it came from.

    ``origin`` is non-decreasing (a ligature like ﻻ gives two cleaned characters
    with the same origin).
    """

    text: str
    origin: tuple[int, ...]
    original: str = field(repr=False)
    #: original indices of the letter marks composed into the letter before them (ا + ٔ → أ)
    absorbed: frozenset[int] = field(default=frozenset(), repr=False)

    @property
    def changed(self) -> bool:
        """True when cleaning changed anything."""
        return self.text != self.original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span ``[start, end)`` to the original text's span.

        The span runs from the first contributing character to the last one,
        extended over the diacritics and tatweel right after it (they belong to its
        last letter); removed invisible characters around it are left out. An empty
        span maps to an empty span.
        """
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        begin = self.origin[start]
        stop = self.origin[end - 1] + 1
        j, limit = stop, min(len(self.original), stop + _MAX_TRAILING)
        while j < limit and (j in self.absorbed or not _clean_char(self.original[j])):
            if self.original[j] in _ATTACHED or j in self.absorbed:
                stop = j + 1
            j += 1
        return begin, stop

    def to_cleaned(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span ``[start, end)`` to the cleaned characters it produced."""
        return bisect_left(self.origin, start), bisect_left(self.origin, end)

    def original_text(self, start: int, end: int) -> tuple[int, int, str]:
        """``(start, end, text)`` of the original span behind the cleaned span ``[start, end)``."""
        s, e = self.to_original(start, end)
        return s, e, self.original[s:e]


def _compose(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", m.group())


def clean(text: str) -> str:
    """Remove the obfuscations of ``text`` (see the module docstring). Idempotent."""
    out = text.translate(_TABLE)
    return _COMPOSABLE.sub(_compose, out) if _has_letter_mark(out) else out


def _has_letter_mark(text: str) -> bool:
    return any(m in text for m in cs.LETTER_MARKS)


def clean_with_offsets(text: str) -> Cleaned:
    """Clean ``text`` and keep where each output character came from."""
    out = text.translate(_TABLE)
    # nothing changed (a changed character never yields itself first, so out == text means none was)
    if out == text and not _has_letter_mark(text):
        return Cleaned(text, tuple(range(len(text))), text)
    # one byte per original character: how many cleaned characters it became (at most ~20)
    lengths = np.frombuffer(text.translate(_LENGTHS).encode("latin-1"), dtype=np.uint8)
    origin = np.repeat(np.arange(len(text), dtype=np.int64), lengths).tolist()
    if not _has_letter_mark(out):
        return Cleaned(out, tuple(origin), text)
    return _composed(out, origin, text)


def _composed(out: str, origin: list[int], text: str) -> Cleaned:
    """Compose each letter + maddah/hamza mark pair into one letter, dropping the mark's origin."""
    parts: list[str] = []
    kept: list[int] = []
    absorbed: set[int] = set()
    at = 0
    for m in _COMPOSABLE.finditer(out):
        composed = _compose(m)
        if len(composed) != 1:
            continue
        parts.append(out[at : m.start()] + composed)
        kept.extend(origin[at : m.start() + 1])
        absorbed.add(origin[m.start() + 1])
        at = m.end()
    parts.append(out[at:])
    kept.extend(origin[at:])
    return Cleaned("".join(parts), tuple(kept), text, frozenset(absorbed))
