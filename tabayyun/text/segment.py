"""Sentence spans into the original text (Arabic and English), in linear time.

``sentences(text)`` returns :class:`~tabayyun.results.Span` objects, in order,
non-overlapping, never empty, trimmed of whitespace and invisible characters,
and together covering every other character of ``text``.

Rules:

* a sentence ends after a run of . ! ? ؟ … ۔ (plus the closing quotes and
  brackets right after it: «قال: "نعم."» keeps its quotes) when whitespace or the
  end follows; ! ? ؟ also end a sentence directly before a letter, and "." before
  an Arabic letter when the word before it has two letters or more (a missing
  space: "انتهى.وبدأ");
* the Arabic comma ، is never an end; the semicolons ؛ ; are clause breaks, not
  ends (they are the preferred cut points of over-long sentences);
* no end inside numbers (3.5, ٣٫٥, 3,5, 1.000.000 — no space follows the
  separator), before a lower-case Latin word, after an English abbreviation
  (Dr. Mr. U.S. e.g. — "etc." and "Inc." end a sentence only before a capital;
  "No." and "p." only stay open before a digit), after a single capital initial
  (J. Smith), or after a one-letter Arabic abbreviation (د. م. أ. أ.د. ص.ب.);
* after a number, a one-letter Arabic era mark ("1442 هـ." "2021 م." "300 ق.م.")
  ends the sentence unless a number or a continuation (الموافق، إلى، حتى، / - ( ،)
  follows;
* a blank line (or U+2029, form feed) always ends a sentence; a single newline
  ends one before a list item (- * • 1. 1) (1) ١- أ- ...: each item is a sentence,
  marker included) and after a heading ("# ..." or a short first line of a block
  with no end punctuation, at most 60 characters and 8 words); in a document whose lines are mostly long (one
  paragraph per line, as extracted from HTML) every newline ends a sentence;
* punctuation-only fragments join the sentence before them (or after them when
  they open a block);
* a sentence longer than ``max_chars`` is cut at its last clause mark (؛ ; ، , :)
  in the second half of the window, else at its last whitespace, else hard.
"""

from __future__ import annotations

import re

from ..results import Span
from . import charsets as cs
from .normalize import normalize

MAX_CHARS = 1000
#: a line longer than this (stripped) counts as a "long" line for line-mode detection
_LONG_LINE = 100
#: a heading is at most this long
_HEADING_MAX = 60
_HEADING_WORDS = 8

_END_RE = re.compile(f"[{re.escape(cs.SENTENCE_END)}]+[{re.escape(cs.CLOSING)}]*")
_LINE_BREAK_RE = re.compile("\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
_HARD_BREAKS = "\u2029\x0c"
_DIGITS = "0-9" + cs.ARABIC_INDIC_DIGITS + cs.PERSIAN_DIGITS
_LIST_RE = re.compile(
    rf"[ \t\u00a0]*(?:[{re.escape(cs.BULLETS)}]"
    rf"|\(?[{_DIGITS}]{{1,3}}[.)\-–]"
    rf"|\([{_DIGITS}]{{1,3}}\)"
    rf"|[\u0621-\u064a][)\-–]"
    r"|[a-zA-Z]\))(?=[ \t\u00a0])"
)
_STRONG_END = frozenset("!?؟‼⁇⁈⁉！？۔。")
_TRIM = frozenset(cs.INVISIBLE)
_ARABIC_ABBREV_RE = re.compile(r"^(?:[\u0621-\u064a]\u0640*\.)*[\u0621-\u064a]\u0640*$")
_LATIN_DOTTED_RE = re.compile(r"^(?:[a-z]\.)+[a-z]$")
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "vol", "p", "pp", "ch", "art", "sec", "fig", "figs"})
_YEAR_FOLLOWERS = frozenset("/-–(،,)" + "0123456789" + cs.ARABIC_INDIC_DIGITS + cs.PERSIAN_DIGITS)


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _TRIM


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return start, end


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, hard_break_after) of every line, line breaks excluded."""
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for m in _LINE_BREAK_RE.finditer(text):
        out.append((pos, m.start(), m.group() in _HARD_BREAKS))
        pos = m.end()
    out.append((pos, len(text), False))
    return out


def _is_blank(text: str, start: int, end: int) -> bool:
    s, e = _trim(text, start, end)
    return s == e


def _list_marker_end(text: str, start: int, end: int) -> int:
    """Index after the list marker that opens the line, or -1."""
    m = _LIST_RE.match(text, start, end)
    return m.end() if m else -1


def _ends_sentence_line(stripped: str) -> bool:
    tail = stripped.rstrip(cs.CLOSING)
    return bool(tail) and tail[-1] in cs.SENTENCE_END


def _units(text: str) -> list[tuple[int, int, int]]:
    """Blocks of lines that sentences never cross: (start, end, list_marker_end or -1)."""
    lines = _lines(text)
    info: list[tuple[int, int, bool, bool, int]] = []  # start, end, hard, blank, marker_end
    nonblank = long = 0
    for start, end, hard in lines:
        blank = _is_blank(text, start, end)
        if not blank:
            nonblank += 1
            s, e = _trim(text, start, end)
            if e - s > _LONG_LINE:
                long += 1
        info.append((start, end, hard, blank, -1 if blank else _list_marker_end(text, start, end)))
    line_mode = long > 0 and long * 10 >= nonblank

    units: list[tuple[int, int, int]] = []
    cur_start = -1
    cur_end = -1
    cur_marker = -1
    block_start = True  # the next line opens a block (after a blank line, a heading, an ended sentence)
    for i, (start, end, hard, blank, marker) in enumerate(info):
        if blank:
            if cur_start >= 0:
                units.append((cur_start, cur_end, cur_marker))
                cur_start = -1
            block_start = True
            continue
        s, e = _trim(text, start, end)
        stripped = text[s:e]
        indented = s > start
        continues = (
            cur_start >= 0
            and not line_mode
            and marker < 0
            and (cur_marker < 0 or indented)
        )
        if not continues and cur_start >= 0:
            units.append((cur_start, cur_end, cur_marker))
            cur_start = -1
        if cur_start < 0:
            cur_start, cur_marker = start, marker
        cur_end = end
        nxt_blank = i + 1 >= len(info) or info[i + 1][3]
        heading = marker < 0 and (
            stripped.startswith("#")
            or (
                block_start
                and not nxt_blank
                and len(stripped) <= _HEADING_MAX
                and len(stripped.split()) <= _HEADING_WORDS
                and stripped[-1] not in cs.SENTENCE_END + cs.CLOSING + cs.CLAUSE + "-–"
                and any(c.isalpha() for c in stripped)
            )
        )
        if hard or heading or line_mode:
            units.append((cur_start, cur_end, cur_marker))
            cur_start = -1
        block_start = hard or heading or marker >= 0 or _ends_sentence_line(stripped)
    if cur_start >= 0:
        units.append((cur_start, cur_end, cur_marker))
    return units


def _word_before(text: str, pos: int, floor: int) -> tuple[str, int]:
    """The word (letters, dots, tatweel, apostrophes) ending at ``pos`` and where it starts."""
    i = pos
    limit = max(floor, pos - 24)
    while i > limit:
        c = text[i - 1]
        if c.isalpha() or c in ".\u0640'’" or (not c.isascii() and normalize(c) == ""):
            i -= 1
        else:
            break
    while i < pos and text[i] == ".":
        i += 1
    return text[i:pos], i


def _next_word(text: str, pos: int, limit: int) -> str:
    end = pos
    while end < limit and end - pos < 24 and not text[end].isspace():
        end += 1
    return text[pos:end]


def _period_ends(text: str, dot: int, nxt: int, floor: int, limit: int) -> bool:
    """Does the single "." at ``dot`` end a sentence, given the next non-space char at ``nxt``?"""
    word, word_start = _word_before(text, dot, floor)
    if not word:
        return True
    low = word.lower()
    d = text[nxt] if nxt < limit else ""
    if low.isascii():
        if low in _NUMBER_ABBREVIATIONS:
            return not d.isdigit()
        if low in cs.ABBREVIATIONS_EN_FINAL:
            return d.isupper() or (d.isalpha() and not d.isascii())
        if low in cs.ABBREVIATIONS_EN or _LATIN_DOTTED_RE.match(low):
            return False
        if len(word) == 1 and word.isupper():
            return False  # an initial: J. Smith
        return True
    if _ARABIC_ABBREV_RE.match(word):
        j = word_start
        while j > floor and text[j - 1].isspace():
            j -= 1
        if j > floor and (text[j - 1].isdigit()):
            # an era mark after a year: 1442 هـ. / 2021 م. / 300 ق.م.
            if not d or d in _YEAR_FOLLOWERS:
                return not d
            return normalize(_next_word(text, nxt, limit)) not in cs.YEAR_CONTINUATIONS
        return False  # a title: د. م. أ.د.
    return True


def _boundaries(text: str, start: int, end: int, marker_end: int) -> list[int]:
    """Positions inside ``[start, end)`` right after a sentence end."""
    out: list[int] = []
    for m in _END_RE.finditer(text, start, end):
        if m.start() < marker_end:
            continue  # the "1." of a list marker
        p = m.end()
        q = p
        while q < end and text[q] in _TRIM:
            q += 1  # invisible marks after the punctuation do not hide what follows
        if q >= end:
            continue
        c = text[q]
        punct = m.group().rstrip(cs.CLOSING)
        if any(ch in _STRONG_END for ch in punct):
            if c.isspace() or c.isalpha() or c in cs.OPENING:
                out.append(p)
            continue
        if c.isspace():
            nxt = q
            while nxt < end and text[nxt].isspace():
                nxt += 1
            d = text[nxt] if nxt < end else ""
            if d.isascii() and d.islower():
                continue
            if punct == "." and not _period_ends(text, m.start(), nxt, start, end):
                continue
            out.append(p)
        elif punct == "." and c.isalpha() and cs.is_arabic_char(c):
            word, _ = _word_before(text, m.start(), start)
            if sum(ch.isalpha() for ch in word) >= 2 and "." not in word and cs.is_arabic_char(word[-1]):
                out.append(p)
        elif c in "«“‘":
            out.append(p)
    return out


_ALNUM_RE = re.compile(r"[^\W_]")


def _has_content(text: str, start: int, end: int) -> bool:
    return _ALNUM_RE.search(text, start, end) is not None


def _cap(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``[start, end)`` into pieces of at most ``max_chars`` characters."""
    out: list[tuple[int, int]] = []
    pos = start
    while end - pos > max_chars:
        window_end = pos + max_chars
        half = pos + max_chars // 2
        cut = -1
        for i in range(window_end - 1, half, -1):
            if text[i] in cs.CLAUSE and text[i + 1].isspace():
                cut = i + 1
                break
        if cut < 0:
            for i in range(window_end, pos, -1):
                if text[i].isspace():
                    cut = i
                    break
        if cut < 0:
            cut = window_end
        s, e = _trim(text, pos, cut)
        if s < e:
            out.append((s, e))
        pos, _ = _trim(text, cut, end)
    s, e = _trim(text, pos, end)
    if s < e:
        out.append((s, e))
    return out


def sentences(text: str, max_chars: int = MAX_CHARS) -> list[Span]:
    """Sentence spans of ``text``: ``text[span.start:span.end]`` is each sentence, trimmed."""
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    spans: list[Span] = []
    for ustart, uend, marker_end in _units(text):
        pieces: list[list[int]] = []
        prev = ustart
        for b in [*_boundaries(text, ustart, uend, marker_end), uend]:
            s, e = _trim(text, prev, b)
            prev = b
            if s >= e:
                continue
            if not _has_content(text, s, e) and pieces:
                pieces[-1][1] = e  # punctuation-only: joins the sentence before
            elif pieces and not _has_content(text, pieces[-1][0], pieces[-1][1]):
                pieces[-1][1] = e  # the block opened with punctuation only: join the next
            else:
                pieces.append([s, e])
        for s, e in pieces:
            for cs_, ce in _cap(text, s, e, max_chars):
                spans.append(Span(cs_, ce))
    return spans
