"""Word and number tokens with exact offsets into the original text.

Tokens are found in the *normalized* text (so diacritics, tatweel and zero-width
characters inside a word never split it: "دا\u200bعـــش" is one token whose norm
is "داعش") and mapped back to the original, extended over trailing diacritics
and tatweel of the last letter.

* a word is a run of letters and combining marks; an apostrophe between letters
  stays inside (don't, O'Brien);
* a number is a run of digits (any script, folded to ASCII) with single "." or ","
  separators between digits kept whole: 3.5, ٣٫٥ (norm "3.5"), 3,5, 1,000,000,
  10٬000 (norm "10,000"); a separator list like "1,2,3" is one token as well;
* Latin letters followed by digits stay one token (g7, covid19, mp3); digits
  followed by letters split (10km → 10, km; ٢٠٢٠م → 2020, م);
* the percent sign and all other punctuation are not tokens ("50%" → "50").

``norm`` is the normalized token: it equals ``normalize(text)`` except in the rare
case of an original character that expands to several words (ﷺ → "صلي الله
عليه وسلم", ½ → "1⁄2"): each resulting token then spans that whole character in
``text`` and has its own word as ``norm`` (one of the words of ``normalize(text)``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from . import charsets as cs
from .normalize import normalize_with_offsets

_MARK = cs.combining_mark_ranges(0x10000)  # BMP only: sre compiles it to a fast bitmap
_LETTER = r"[^\W\d_]"
_APOS = re.escape(cs.APOSTROPHES)
_WORD_PART = rf"{_LETTER}(?:{_LETTER}|[{_MARK}])*"

TOKEN_RE = re.compile(
    rf"[a-z]+[0-9][a-z0-9]*"  # g7, covid19
    rf"|{_WORD_PART}(?:[{_APOS}]{_WORD_PART})*"  # words
    rf"|[0-9]+(?:[.,][0-9]+)*"  # numbers
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``original[start:end] == text``; ``norm`` is its normalized form."""

    text: str
    start: int
    end: int
    norm: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def tokens(text: str) -> list[Token]:
    """Word and number tokens of ``text``, in order, with offsets into ``text``."""
    normalized = normalize_with_offsets(text)
    origin = normalized.origin
    n = len(text)
    out: list[Token] = []
    for m in TOKEN_RE.finditer(normalized.text):
        ms, me = m.span()
        start, end = origin[ms], origin[me - 1] + 1
        if end < n and not text[end].isascii():
            start, end = normalized.to_original(ms, me)  # may extend over trailing diacritics
        out.append(Token(text[start:end], start, end, m.group()))
    return out


def words(text: str) -> list[str]:
    """The normalized tokens of ``text`` (``[t.norm for t in tokens(text)]``)."""
    return [t.norm for t in tokens(text)]
