"""The claim as the decomposition rules see it: cleaned tokens, clauses over them, parts out of them.

:func:`read_claim` cleans the claim (:func:`tabayyun.text.clean.clean_with_offsets`: no
tatweel, diacritics, zero-width or bidi marks, look-alike letters; ASCII digits) and cuts
the cleaned text into word, number and punctuation tokens; ``key`` is the token's
normalized form (أ/ا, ة/ه, ى/ي folded, case folded) for the word lists. The numbers and
dates the extractors find (:func:`tabayyun.extract.extract`) mark their tokens.

A :class:`Clause` is a reading of some tokens (in the order a part should read them,
with a clitic peeled here and there and an occasional literal word); :func:`to_part`
renders it as a :class:`~tabayyun.claims.decompose.ClaimPart` whose ``start``/``end``
index the *original* claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..extract import extract
from ..text import charsets as cs
from ..text.clean import Cleaned, clean_with_offsets
from ..text.normalize import normalize
from ..text.stopwords import STOPWORDS

if TYPE_CHECKING:
    from .decompose import ClaimPart, Naming, PartKind

_MARK = cs.combining_mark_ranges(0x10000)
_TOKEN_RE = re.compile(
    r"(?P<num>[0-9]+(?:[.,][0-9]+)*)"
    rf"|(?P<word>[^\W\d_](?:[^\W\d_]|[{_MARK}])*(?:[{re.escape(cs.APOSTROPHES)}][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)
_ARABIC_LETTER = re.compile(f"[{cs.ARABIC_LETTERS_RANGE}]")
_LATIN_LETTER = re.compile("[A-Za-z]")
#: characters trimmed from the ends of a part's text
_EDGE = " \t\n،,;؛:.-–—"
_SPACES = re.compile(r"\s+")
#: quote characters that open and close a quoted name
OPEN_QUOTES = "«“\"'‘"
CLOSE_QUOTES = "»”\"'’"


@dataclass(frozen=True, slots=True)
class Tok:
    """One token of the cleaned claim: ``text`` (cleaned), ``key`` (normalized), cleaned offsets."""

    kind: str  # word | num | punct
    text: str
    key: str
    start: int
    end: int
    #: inside a number or date the extractors found
    numeric: bool = False
    #: inside a person, place or organization the extractors found
    entity: bool = False


@dataclass(frozen=True, slots=True)
class ClaimText:
    """A claim read for decomposition."""

    original: str
    cleaned: Cleaned
    toks: tuple[Tok, ...]
    arabic: bool

    @property
    def text(self) -> str:
        return self.cleaned.text

    def key(self, i: int) -> str:
        return self.toks[i].key

    def is_punct(self, i: int, chars: str | None = None) -> bool:
        tok = self.toks[i]
        return tok.kind == "punct" and (chars is None or tok.text in chars)


#: one element of a clause: a token index, or a literal word the part says in its place
Element = int | str


@dataclass(frozen=True, slots=True)
class Clause:
    """Tokens read as one part.

    ``elems`` are token indices (or literal words) in reading order; ``skip`` peels
    that many characters off the start of a token (a clitic: بالإمارة → الإمارة);
    ``borrowed`` tokens come from elsewhere in the claim (a shared subject) and are not
    in the part's span; ``span`` (when given) are the tokens whose stretch the part
    asserts, instead of its own elements.
    """

    elems: tuple[Element, ...]
    skip: tuple[tuple[int, int], ...] = ()
    borrowed: frozenset[int] = frozenset()
    span: tuple[int, ...] = ()
    kind: PartKind = "statement"
    naming: Naming | None = field(default=None)

    def indices(self) -> list[int]:
        return [e for e in self.elems if isinstance(e, int)]

    def skip_of(self, i: int) -> int:
        return dict(self.skip).get(i, 0)


def read_claim(claim: str) -> ClaimText:
    """Clean and tokenize ``claim``; mark the tokens of the numbers and dates the extractors find."""
    cleaned = clean_with_offsets(claim)
    text = cleaned.text
    numeric, entities = _extracted_ranges(claim, cleaned)
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        s, e = m.span()
        is_num = kind == "num" or any(a < e and s < b for a, b in numeric)
        is_entity = any(a < e and s < b for a, b in entities)
        toks.append(Tok(kind, m.group(), normalize(m.group()), s, e, is_num, is_entity))
    arabic = len(_ARABIC_LETTER.findall(text)) >= len(_LATIN_LETTER.findall(text))
    return ClaimText(claim, cleaned, tuple(toks), arabic)


Spans = list[tuple[int, int]]


def _extracted_ranges(claim: str, cleaned: Cleaned) -> tuple[Spans, Spans]:
    """Cleaned spans of the quantities and dates, and of the entities, in ``claim``."""
    if len(claim) > 2000:  # a claim is a sentence or two; a pasted article is not read for them
        return [], []
    try:
        found = extract(claim)
    except Exception:
        return [], []
    # ordinals (المرتبة الرابعة، رابعة) and positions are not counts a part could be about
    counts = [q for q in found.quantities if q.kind not in ("ordinal", "implied")]
    spans = [(q.start, q.end) for q in counts] + [(d.start, d.end) for d in found.dates]
    # a nationality (أفريقية، المصري) describes a noun, it is no name a clause could be about
    names = [cleaned.to_cleaned(x.start, x.end) for x in found.entities if x.subtype != "nationality"]
    return [cleaned.to_cleaned(s, e) for s, e in spans], names


def content_words(doc: ClaimText, clause: Clause) -> int:
    """How many content words (not stopwords; numbers count) the clause's own tokens hold."""
    n = 0
    for i in clause.indices():
        tok = doc.toks[i]
        if tok.kind == "num":
            n += 1
        elif tok.kind == "word":
            key = tok.key[clause.skip_of(i):]
            if key not in STOPWORDS and not (key[:1] in "وف" and key[1:] in STOPWORDS):
                n += 1
    return n


def render(doc: ClaimText, clause: Clause) -> str:
    """The clause as text: runs of adjacent tokens as written (cleaned), joined by single spaces."""
    pieces: list[str] = []
    run: list[int] = []  # [start, end] of the current run in cleaned offsets
    prev = -2
    for e in clause.elems:
        if isinstance(e, str):
            if run:
                pieces.append(doc.text[run[0] : run[1]])
                run = []
            pieces.append(e)
            prev = -2
            continue
        tok = doc.toks[e]
        skip = clause.skip_of(e)
        if run and e == prev + 1 and not skip:
            run[1] = tok.end
        else:
            if run:
                pieces.append(doc.text[run[0] : run[1]])
            run = [tok.start + skip, tok.end]
        prev = e
    if run:
        pieces.append(doc.text[run[0] : run[1]])
    return _SPACES.sub(" ", " ".join(pieces)).strip(_EDGE)


def span_of(doc: ClaimText, clause: Clause) -> tuple[int, int] | None:
    """Original ``(start, end)`` of the stretch the clause asserts (its own tokens, first to last)."""
    own = list(clause.span) or [i for i in clause.indices() if i not in clause.borrowed]
    own = [i for i in own if doc.toks[i].kind != "punct" or doc.toks[i].text in CLOSE_QUOTES + "%"]
    if not own:
        return None
    first, last = min(own), max(own)
    skip = clause.skip_of(first) if not clause.span else 0
    start, end = doc.cleaned.to_original(doc.toks[first].start + skip, doc.toks[last].end)
    return (start, end) if end > start else None


def to_part(doc: ClaimText, clause: Clause) -> ClaimPart | None:
    """The clause as a part, or ``None`` when it has no text or no span."""
    from .decompose import ClaimPart

    text = render(doc, clause)
    span = span_of(doc, clause)
    if not text or span is None:
        return None
    return ClaimPart(text=text, start=span[0], end=span[1], kind=clause.kind, naming=clause.naming)


def last_word_key(text: str) -> str | None:
    """The normalized key of the last word or number of ``text`` (tokenized as claims are, without
    running the extractors), or ``None`` when it has none."""
    keys = [m.group() for m in _TOKEN_RE.finditer(clean_with_offsets(text).text) if m.lastgroup != "punct"]
    return normalize(keys[-1]) if keys else None


def whole_text(doc: ClaimText) -> str:
    """The cleaned claim with its whitespace collapsed: the text of a one-part claim."""
    return _SPACES.sub(" ", doc.text).strip()


def quoted(doc: ClaimText, i: int) -> int | None:
    """When token ``i`` opens a quote, the index of the token that closes it."""
    if not doc.is_punct(i, OPEN_QUOTES):
        return None
    close = CLOSE_QUOTES[OPEN_QUOTES.index(doc.toks[i].text)]
    for j in range(i + 1, min(len(doc.toks), i + 12)):
        if doc.is_punct(j, close):
            return j if j > i + 1 else None
    return None
