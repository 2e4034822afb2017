"""Implied counts: the position of a member that joins is the number of members right after it.

"انضمام البلدين عضوين جديدين رقم 40 و41" says the initiative has 41 members; "the
83rd country to join" says 83; "الدولة رقم 83 التي تنضم" says 83. A position counts the
members only for a member or a country (a state joins as a member) and only when the
sentence speaks of joining or of newness (انضم، جديد، join, new; "became" with a member):
"the third member of the panel" says nothing about how many members there are. The
quantity has kind ``implied`` and the highest position as its value.
"""

from __future__ import annotations

from decimal import Decimal

from .tokens import Doc, norm_word
from .types import Quantity
from .units import noun_lemma, strip_article

#: the cue words of a position are looked for in its own sentence only (as in :mod:`.quantities`)
_SENTENCE_PUNCT = frozenset(".!?;:\n")

#: words that make the number after them a position, not a count: "العضو رقم 41", "member No. 41"
_POSITION_MARKERS = frozenset(norm_word(w) for w in (
    "رقم", "الرقم", "برقم", "الرقمين", "رقمي", "الرقمان", "رقما", "الأرقام", "أرقام", "number", "numbers",
    "no", "nos",
    "#"))
#: adjectives between a counted noun and its position marker: "عضوين جديدين رقم 40 و41"
NEW_WORDS = frozenset(norm_word(w) for w in (
    "جديد", "جديدة", "جديدين", "جديدان", "جديدا", "الجديد", "الجديدة", "الجديدين", "الجديدان", "جدد", "الجدد",
    "new", "newest", "latest"))
#: a member or a country whose position counts the members only when the sentence speaks of joining
_JOIN_STEMS = tuple(norm_word(w) for w in (
    "انضم", "ينضم", "تنضم", "انتساب", "ينتسب", "join", "accession", "accede", "admitted", "admission"))
_BECOME_WORDS = frozenset(norm_word(w) for w in (
    "أصبح", "أصبحت", "يصبح", "تصبح", "ليصبح", "لتصبح", "وأصبح", "وأصبحت", "صار", "صارت", "became", "becomes",
    "become", "becoming", "بات", "باتت", "بوصفها", "بوصفه", "كونها"))
_IMPLIED_NOUNS = frozenset({"member", "country"})
_CUE_WINDOW = 12


def _position_marker(doc: Doc, first: int) -> int | None:
    """The token of "رقم"/"number"/"No."/"#" right before token ``first``, or ``None``."""
    toks = doc.tokens
    k = first - 1
    if k >= 1 and toks[k].text == "." and toks[k - 1].text in ("no", "nos") and doc.adjacent(k):
        k -= 1
    if k >= 0 and toks[k].text in _POSITION_MARKERS:
        return k
    return None


def _noun_before_marker(doc: Doc, marker: int) -> str | None:
    """The counted noun before a position marker, past "new" adjectives: "العضوان الجديدان الرقمين"."""
    toks = doc.tokens
    k = marker - 1
    while k >= 0 and marker - k <= 3 and (toks[k].text in NEW_WORDS or toks[k].text in (",", "،")):
        k -= 1
    if k < 0 or toks[k].kind not in ("ar", "en"):
        return None
    return noun_lemma(strip_article(toks[k].text) if toks[k].kind == "ar" else toks[k].text)


def _sentence_words(doc: Doc, a: int, b: int) -> list[str]:
    """The word tokens around ``a..b`` within the same sentence (at most ``_CUE_WINDOW`` each side)."""
    toks = doc.tokens
    out: list[str] = []
    for rng in (range(a - 1, max(-1, a - 1 - _CUE_WINDOW), -1),
                range(b + 1, min(len(toks), b + 1 + _CUE_WINDOW))):
        for k in rng:
            if toks[k].kind == "sym" and toks[k].text in _SENTENCE_PUNCT:
                break
            out.append(toks[k].text)
    return out


def implies_count(doc: Doc, a: int, b: int, noun: str | None) -> bool:
    """A position (tokens ``a..b``) of a member or a country that joins is a count of the members."""
    if noun not in _IMPLIED_NOUNS:
        return False
    words = _sentence_words(doc, a, b)
    if any(w in NEW_WORDS or any(st in w for st in _JOIN_STEMS) for w in words):
        return True
    return noun == "member" and any(w in _BECOME_WORDS for w in words)


def positional(doc: Doc, first: int, last: int, values: list[Decimal | None]) -> Quantity | None:
    """"عضوين جديدين رقم 40 و41": positions of joining members → the implied count (the highest)."""
    marker = _position_marker(doc, first)
    if marker is None or any(v is None or v != int(v) or v <= 0 for v in values):
        return None
    noun = _noun_before_marker(doc, marker)
    if not implies_count(doc, marker, last, noun):
        return None
    nums = tuple(float(v) for v in values if v is not None)
    top = max(nums)
    s, e, text = doc.tok_span(marker, last)
    return Quantity(
        text=text, start=s, end=e, value=top, low=top, high=top, noun=noun, kind="implied",
        values=nums if len(nums) > 1 else (), precision=1.0,
    )  # fmt: skip
