"""Tokens over normalized text, with the way back to original offsets.

Extraction works on :func:`tabayyun.text.normalize.normalize_with_offsets` output so
that tatweel, diacritics, Persian letters, Arabic-Indic digits and zero-width marks
never change a result. One compiled regex cuts the normalized text into tokens in
linear time: digit runs (with ``.``/``,`` separators between digits), Arabic words,
Latin words, and single other characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..text import charsets as cs
from ..text.normalize import Normalized, normalize, normalize_with_offsets

_TOKEN_RE = re.compile(
    r"(?P<num>[0-9]+(?:[.,][0-9]+)*)"
    rf"|(?P<ar>[{cs.ARABIC_LETTERS_RANGE}]+)"
    r"|(?P<en>[a-z]+(?:['’][a-z]+)?)"
    r"|(?P<sym>\S)"
)


class Token(NamedTuple):
    kind: str  # num | ar | en | sym
    text: str  # normalized
    start: int  # normalized offsets
    end: int


@dataclass(frozen=True, slots=True)
class Doc:
    """A text prepared for extraction: original, normalized, tokens."""

    original: str
    norm: Normalized
    tokens: tuple[Token, ...]

    def span(self, nstart: int, nend: int) -> tuple[int, int]:
        """Original offsets of a normalized span."""
        return self.norm.to_original(nstart, nend)

    def tok_span(self, i: int, j: int, *, skip: int = 0) -> tuple[int, int, str]:
        """Original ``(start, end, text)`` covering tokens ``i..j`` inclusive.

        ``skip`` drops that many normalized characters at the start of token ``i``
        (a clitic such as the conjunction و).
        """
        a = self.tokens[i].start + skip
        b = self.tokens[j].end
        s, e = self.span(a, b)
        return s, e, self.original[s:e]

    def adjacent(self, i: int) -> bool:
        """True when token ``i`` starts right where token ``i - 1`` ends (no space)."""
        return i > 0 and self.tokens[i - 1].end == self.tokens[i].start

    def is_upper(self, i: int) -> bool:
        """True when token ``i`` is a Latin word that starts with a capital in the original."""
        tok = self.tokens[i]
        if tok.kind != "en":
            return False
        s, _ = self.span(tok.start, tok.start + 1)
        return self.original[s : s + 1].isupper()


def tokenize(norm_text: str) -> tuple[Token, ...]:
    return tuple(
        Token(m.lastgroup or "sym", m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(norm_text)
    )


def prepare(text: str) -> Doc:
    norm = normalize_with_offsets(text)
    return Doc(text, norm, tokenize(norm.text))


def norm_key(phrase: str) -> tuple[str, ...]:
    """The token texts of a lexicon phrase, normalized like the input."""
    return tuple(t.text for t in tokenize(normalize(phrase)))


def norm_word(word: str) -> str:
    return normalize(word)
