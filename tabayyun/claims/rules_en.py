"""English decomposition rules that cut one clause into several (the frames are in
:mod:`.rules_en_frames`): the same cuts as the Arabic ones, on English word order.

* relative clauses: ", which/who …," always; "NP that/which/who …" after a definite or named
  head (not after "people who", "a man who", bare plurals: those restrict, not describe);
* coordinated predicates: "and"/"then"/"but" + a verb share the subject; gapping
  "exports rose 10% and imports 5%";
* participles with a number or date: "The treaty, signed in 2015, collapsed" → "The treaty was
  signed in 2015"; "Founded in 1945, the UN …".
"""

from __future__ import annotations

from collections.abc import Sequence

from . import rules_lexicon as lx
from .rules_ar import at, take
from .split_tokens import ClaimText, Clause, Element, content_words
from .text_en import (
    content,
    is_comma,
    is_word,
    key_at,
    np_back,
    np_forward,
    verb_at,
)

CLAUSE_PUNCT = ",;:"
_JOINERS = frozenset({"and", "but", "then"})
#: words after which a verb belongs to a subordinate clause, not to the main one
_SUBORDINATORS = frozenset(
    {"if", "when", "while", "as", "than", "to", "because", "unless", "once", "or", "and"}
)


def checkable(doc: ClaimText, c: Clause) -> bool:
    """Two content words and a verb or a number (English nominal sentences need a verb)."""
    e = c.elems
    own = [p for p, x in enumerate(e) if isinstance(x, int) and x not in c.borrowed]
    return content_words(doc, c) >= 2 and (
        any(verb_at(doc, e, p) or doc.toks[at(e, p)].numeric for p in own)
        or any(isinstance(x, str) for x in e)
    )


def has_verb(doc: ClaimText, c: Clause) -> bool:
    return any(verb_at(doc, c.elems, p) for p in range(len(c.elems)))


def _first_verb(doc: ClaimText, e: Sequence[Element]) -> int | None:
    return next((p for p in range(1, len(e)) if verb_at(doc, e, p)), None)


def open_sentence(doc: ClaimText, c: Clause, previous: Clause) -> Clause:
    """A sentence after the first whose subject is a pronoun ("It closed …") takes the subject of the
    sentence before ("The ministry opened … . It closed …")."""
    e = c.elems
    if not e or key_at(doc, e, 0) not in lx.EN_PRONOUNS or not verb_at(doc, e, 1):
        return c
    v = _first_verb(doc, previous.elems)
    subject = list(previous.elems[:v]) if v is not None else []
    if not any(isinstance(x, int) and content(doc, x) for x in subject):
        return c
    return take(c, [*subject, *e[1:]], borrowed=frozenset(x for x in subject if isinstance(x, int)))


# ------------------------------------------------------------------ relative clauses


def split_relative(doc: ClaimText, c: Clause) -> list[Clause] | None:
    """"The coalition, which includes 41 countries, calls …" → main clause and "The coalition includes …"."""
    e = c.elems
    for p in range(1, len(e) - 1):
        el = e[p]
        if not isinstance(el, int) or el in c.borrowed or key_at(doc, e, p) not in lx.EN_RELATIVE:
            continue
        comma = is_comma(doc, e, p - 1)
        head = np_back(doc, e, p - 1 - comma, restrictive=not comma)
        if head is None or not verb_at(doc, e, p + 1):
            continue
        q = _relative_end(doc, e, p + 1, comma)
        pred = list(e[p + 1 : q])
        after = list(e[q + 1 :] if is_comma(doc, e, q) else e[q:])
        if after and key_at(doc, after, 0) in {"and", "but"} and verb_at(doc, after, 1):
            after = after[1:]
        rel = take(c, [*e[head : p - comma], *pred])
        main = take(c, [*e[: p - comma], *after])
        if pred and checkable(doc, rel) and checkable(doc, main):
            return [main, rel]
    return None


def _relative_end(doc: ClaimText, e: Sequence[Element], k: int, comma: bool) -> int:
    seen = False
    for j in range(k, len(e)):
        el = e[j]
        if not isinstance(el, int):
            continue
        tok = doc.toks[el]
        if tok.kind == "punct":
            if tok.text in CLAUSE_PUNCT and key_at(doc, e, j + 1) not in lx.EN_RELATIVE:
                return j  # ", who …" right after the clause is nested in it (… and his brother, who is …)
            continue
        if comma:
            continue
        key = tok.key
        if key in lx.EN_RELATIVE and j > k:
            return j
        if key in {"and", "but"} and seen and verb_at(doc, e, j + 1):
            return j
        subordinate = key_at(doc, e, j - 1) in _SUBORDINATORS  # "useless if deployed": not the main verb
        if j > k and seen and not subordinate and (key in lx.EN_STILL or verb_at(doc, e, j)):
            return j
        if j > k and content(doc, el):
            seen = True
    return len(e)


# ------------------------------------------------------------------ participles with a number or date


def split_participle(doc: ClaimText, c: Clause) -> list[Clause] | None:
    """"The treaty, signed in 2015, collapsed" / "Signed in 2015, the treaty collapsed" → "The treaty was
    signed in 2015" and the clause without the participle."""
    e = c.elems
    for p in range(len(e) - 2):
        if not participle(doc, e, p) or (p > 0 and not is_comma(doc, e, p - 1)):
            continue
        q = next((k for k in range(p + 1, len(e)) if is_comma(doc, e, k)), len(e))
        mod = list(e[p:q])
        if not any(isinstance(x, int) and doc.toks[x].numeric for x in mod) or q - p > 8:
            continue
        if p == 0:
            if q >= len(e):
                continue
            np = np_forward(doc, e, q + 1)
            if np is None:
                continue
            subject, main_elems = list(e[q + 1 : np + 1]), list(e[q + 1 :])
        else:
            head = np_back(doc, e, p - 2, restrictive=False)
            if head is None:
                continue
            subject, main_elems = list(e[head : p - 1]), [*e[: p - 1], *e[q + 1 :]]
        if p == 0:  # "Founded in 1945, …": the participle is no longer the first word
            mod[0] = doc.toks[at(e, 0)].text.lower()
        part = take(c, [*subject, "was", *mod], borrowed=frozenset(x for x in subject if isinstance(x, int)))
        stretch = tuple(x for x in e[p:q] if isinstance(x, int))
        part = Clause(part.elems, part.skip, part.borrowed, span=stretch)
        main = take(c, main_elems)
        if checkable(doc, part) and checkable(doc, main):
            return [main, part]
    return None


def participle(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    if not is_word(doc, e, p):
        return False
    key = key_at(doc, e, p)
    return key in lx.EN_PARTICIPLE_IRREGULAR or (key.endswith("ed") and len(key) >= 5)


# ------------------------------------------------------------------ coordination


def split_coordination(doc: ClaimText, c: Clause) -> list[Clause] | None:
    """"The ministry opened 40 schools and closed 12 clinics" → two clauses sharing the subject; and
    gapping: "Exports rose 10% and imports 5%"."""
    e = c.elems
    v1 = _first_verb(doc, e)
    if v1 is None or not any(content(doc, x) for x in e[:v1] if isinstance(x, int)):
        return None
    for s in range(v1 + 1, len(e) - 1):
        key = key_at(doc, e, s)
        start = s + 1
        if is_comma(doc, e, s) and key_at(doc, e, s + 1) in _JOINERS:
            start = s + 2
        elif key not in _JOINERS:
            continue
        if key_at(doc, e, start) == "then":
            start += 1
        gap = _gapping(doc, c, v1, s)
        if gap is not None:
            return gap
        one = take(c, e[:s])
        two = _second_clause(doc, c, v1, s, start)
        if two is not None and checkable(doc, one) and checkable(doc, two):
            return [one, two]
    return None


def _second_clause(doc: ClaimText, c: Clause, v1: int, s: int, start: int) -> Clause | None:
    """What follows "and"/"but"/"then": a predicate that shares the first subject (and its auxiliary:
    "would cut taxes and raise wages"), or a clause with its own subject ("and wages fell"; a pronoun
    subject stands for the first one)."""
    e = c.elems
    if verb_at(doc, e, start):
        if not any(isinstance(x, int) and content(doc, x) for x in e[v1 + 1 : s]):
            return None
        aux = v1
        while aux < s and key_at(doc, e, aux) in lx.EN_AUXILIARIES | {"not"}:
            aux += 1
        # a modal or a perfect is shared (would cut … and raise; has opened … and closed), not "was":
        # "was … but noted" is no passive
        shares = key_at(doc, e, v1) in lx.EN_MODALS | {"has", "have", "had"}
        shared = aux if shares and key_at(doc, e, start) not in lx.EN_AUXILIARIES else v1
        subject = list(e[:shared])
        return take(c, [*subject, *e[start:]], borrowed=frozenset(x for x in subject if isinstance(x, int)))
    expletive = key_at(doc, e, start) == "it" and key_at(doc, e, start + 1) in {"is", "was", "'s"}
    if expletive:
        return take(c, e[start:])  # "… and it is illegal to …": its own clause, nothing to lend
    if key_at(doc, e, start) in lx.EN_PRONOUNS and verb_at(doc, e, start + 1):
        subject = list(e[:v1])
        lent = frozenset(x for x in subject if isinstance(x, int))
        return take(c, [*subject, *e[start + 1 :]], borrowed=lent)
    end = np_forward(doc, e, start)
    listed = any(is_comma(doc, e, k) for k in range(max(v1 + 1, s - 4), s))
    if end is not None and verb_at(doc, e, end + 1) and not listed:
        return take(c, e[start:])  # not the last item of a list: "houses, malls and hotels had collapsed"
    return None


def _gapping(doc: ClaimText, c: Clause, v1: int, s: int) -> list[Clause] | None:
    e = c.elems
    ends_in_number = _num(doc, e, s - 1) or (_pct(doc, e, s - 1) and _num(doc, e, s - 2))
    if key_at(doc, e, s) != "and" or not ends_in_number:
        return None
    rest = list(e[s + 1 :])
    if any(isinstance(x, int) and doc.is_punct(x, CLAUSE_PUNCT) for x in rest):
        return None
    n2 = next((k for k in range(len(rest)) if _num(doc, rest, k)), None)
    if n2 is None or n2 == 0 or n2 > 4:
        return None
    np2 = [k for k in range(n2) if isinstance(rest[k], int) and content(doc, at(rest, k))]
    if np2 and np2[0] == 1 and key_at(doc, rest, 0) in lx.EN_DETERMINERS:
        np2.insert(0, 0)
    if not np2 or np2[0] != 0 or any(verb_at(doc, rest, k) and not key_at(doc, rest, k).endswith("s")
                                     for k in np2):
        return None
    n1 = s - 1
    while n1 - 1 > v1 and (_num(doc, e, n1 - 1) or _pct(doc, e, n1 - 1)):
        n1 -= 1
    last = [p for p in range(v1 + 1, n1) if isinstance(e[p], int) and content(doc, at(e, p))]
    if last:
        b = last[-1] + 1
        a = b - 1
        while a - 1 > v1 and isinstance(e[a - 1], int) and content(doc, at(e, a - 1)):
            a -= 1
    else:
        a, b = 0, v1
    mid = list(e[b:n1])
    if np2[-1] + 1 < n2:
        while mid and isinstance(mid[-1], int) and key_at(doc, mid, len(mid) - 1) in lx.EN_PREPOSITIONS:
            mid.pop()
    second = [*e[:a], *rest[: np2[-1] + 1], *mid, *rest[np2[-1] + 1 :]]
    lent = frozenset(x for x in [*e[:a], *mid] if isinstance(x, int))
    one = take(c, e[:s])
    two = take(c, second, borrowed=lent)
    two = Clause(two.elems, two.skip, two.borrowed, span=tuple(x for x in rest if isinstance(x, int)))
    if checkable(doc, one) and content_words(doc, two) >= 2:
        return [one, two]
    return None


def _num(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    el = e[p] if 0 <= p < len(e) else None
    return isinstance(el, int) and doc.toks[el].numeric


def _pct(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    el = e[p] if 0 <= p < len(e) else None
    return isinstance(el, int) and doc.is_punct(el, "%")
