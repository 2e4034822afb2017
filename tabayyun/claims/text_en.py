"""What one English token is, for the decomposition rules: a verb in its place, a content word,
the noun phrase before or after a position.

English plurals and third-person verbs share their ``-s``; a listed form counts as a verb
unless a determiner or preposition stands before it or a verb right after it ("the imports
rose": a noun). Positions index a clause's elements (:class:`~.split_tokens.Clause`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text.stopwords import ENGLISH
from . import rules_lexicon as lx
from .split_tokens import CLOSE_QUOTES, OPEN_QUOTES, ClaimText, Element

#: -ed words that are not verbs
_NOT_ED = frozenset({"hundred", "indeed", "red", "bed", "seed", "speed", "need", "feed", "greed", "shed"})


def key_at(doc: ClaimText, e: Sequence[Element], p: int) -> str:
    el = e[p] if 0 <= p < len(e) else None
    if isinstance(el, str):
        return el.lower()  # a literal word a part says ("is", "was")
    return doc.key(el) if isinstance(el, int) else ""


def is_word(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    el = e[p] if 0 <= p < len(e) else None
    return isinstance(el, int) and doc.toks[el].kind == "word"


def is_comma(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    el = e[p] if 0 <= p < len(e) else None
    return isinstance(el, int) and doc.is_punct(el, ",،")


def punct_at(doc: ClaimText, e: Sequence[Element], p: int, chars: str) -> bool:
    el = e[p] if 0 <= p < len(e) else None
    return isinstance(el, int) and doc.is_punct(el, chars)


def is_aux(key: str) -> bool:
    return key in lx.EN_AUXILIARIES


def content(doc: ClaimText, i: int) -> bool:
    """A word that carries meaning (not a stopword), or a number."""
    tok = doc.toks[i]
    return tok.kind == "num" or (tok.kind == "word" and tok.key not in ENGLISH and tok.key not in lx.EN_STILL)


def _verb_form(key: str) -> bool:
    return key in lx.EN_VERBS or (key.endswith("ed") and len(key) >= 5 and key not in _NOT_ED)


def verb_at(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    """A verb (or an auxiliary, or "still" opening a predicate) at position ``p``."""
    if not is_word(doc, e, p):
        return False
    key = key_at(doc, e, p)
    if key in lx.EN_AUXILIARIES or key in lx.EN_STILL:
        return True
    if not _verb_form(key):
        return False
    if p > 0 and doc.toks[_int(e, p)].text[:1].isupper() and not punct_at(doc, e, p - 1, OPEN_QUOTES + ".:"):
        return False  # a capital inside a sentence is a name (the United States, Acme Builds)
    prev = key_at(doc, e, p - 1)
    if prev in lx.EN_DETERMINERS or prev in lx.EN_PREPOSITIONS or (prev == "" and p > 0):
        return False
    before = e[p - 1] if p > 0 else None
    hyphen = isinstance(before, int) and doc.toks[before].text in "-–"
    if hyphen and doc.toks[_int(e, p - 1)].end == doc.toks[_int(e, p)].start:
        return False  # over-sized, long-awaited: the second half of a hyphenated word
    nxt = key_at(doc, e, p + 1)
    if key.endswith("s") and not key.endswith("ss") and (nxt in lx.EN_AUXILIARIES or (
            _verb_form(nxt) and not nxt.endswith("s") and nxt not in lx.EN_PREPOSITIONS)):
        return False  # "imports rose": a plural noun before its verb
    return True


def np_back(doc: ClaimText, e: Sequence[Element], p: int, *, restrictive: bool) -> int | None:
    """Where the noun phrase ending at ``p`` starts (its determiner included); ``None`` when there is
    none, it is generic (people, those, countries …), or — for a restrictive clause — it is neither
    definite nor a name."""
    opened = _quote_start(doc, e, p)
    if opened is not None:
        return opened - 1 if key_at(doc, e, opened - 1) in lx.EN_DETERMINERS else opened
    if not is_word(doc, e, p) or not content(doc, _int(e, p)) or verb_at(doc, e, p):
        return None
    if key_at(doc, e, p) in lx.EN_GENERIC_HEADS:
        return None
    k = p
    while k > 0 and p - k < 7:
        prev = key_at(doc, e, k - 1)
        if prev in lx.EN_DETERMINERS:
            k -= 1
            break
        el = e[k - 1]
        if not isinstance(el, int) or verb_at(doc, e, k - 1):
            break
        if not (content(doc, el) or prev == "of"):
            break
        k -= 1
    first = key_at(doc, e, k)
    named = doc.toks[_int(e, p)].text[:1].isupper() and first not in {"a", "an"}
    if restrictive and not (first in lx.EN_DETERMINERS - {"a", "an"} or named):
        return None
    if k > 0 and key_at(doc, e, k - 1) in {"all", "every", "any", "each", "some", "many", "most"}:
        return None
    return k


def np_forward(doc: ClaimText, e: Sequence[Element], p: int) -> int | None:
    """The last position of the noun phrase that starts at ``p``."""
    k = p
    while key_at(doc, e, k) in lx.EN_DETERMINERS:
        k += 1
    last = None
    while k < len(e) and is_word(doc, e, k) and not verb_at(doc, e, k) and (
            content(doc, _int(e, k)) or key_at(doc, e, k) == "of"):
        last = k
        k += 1
    return last


def name_run_back(doc: ClaimText, e: Sequence[Element], p: int) -> int | None:
    """Where the name before an appositive starts: a run of capitalized words, or a definite noun phrase."""
    if not is_word(doc, e, p):
        return None
    if doc.toks[_int(e, p)].text[:1].isupper():
        k = p
        while k > 0 and is_word(doc, e, k - 1) and doc.toks[_int(e, k - 1)].text[:1].isupper() and (
                key_at(doc, e, k - 1) not in lx.EN_PREPOSITIONS):
            k -= 1
        return k
    return np_back(doc, e, p, restrictive=True)


def _quote_start(doc: ClaimText, e: Sequence[Element], p: int) -> int | None:
    """When position ``p`` closes a quote, the position that opens it."""
    el = e[p] if 0 <= p < len(e) else None
    if not isinstance(el, int) or not doc.is_punct(el, CLOSE_QUOTES):
        return None
    for k in range(p - 1, max(-1, p - 12), -1):
        x = e[k]
        if isinstance(x, int) and doc.is_punct(x, OPEN_QUOTES) and k < p - 1:
            return k
    return None


def _int(e: Sequence[Element], p: int) -> int:
    el = e[p]
    if not isinstance(el, int):
        raise TypeError(f"position {p} holds a literal word")
    return el
