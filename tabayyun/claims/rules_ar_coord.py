"""Arabic coordination: two predicates that share a subject, two clauses, and gapped subjects.

* "X فعل A وفعل B" / "… ثم فعل" / "…، كما فعل" / "ولم يفعل" → "X فعل A" and "X فعل B": the second
  borrows the subject (and a continuing marker); in a verb-first clause, the noun after the first
  verb, unless the first clause is only a verb and its subject (ارتفعت الأسعار وانخفضت الأجور) or
  the second opens with ما زال / كان + a definite noun (its own subject).
* Gapping: "ارتفعت الصادرات 12% والواردات 3%" → "ارتفعت الواردات 3%": a و + definite noun phrase
  with its own number or date after the first clause's number. A plain list of names is never split.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import rules_lexicon as lx
from .rules_ar import at, checkable, first_verb, is_num, np_forward, punct_is, take, verbal, word_at
from .rules_ar_words import (
    article,
    conj_verb,
    content_word,
    continuing_at,
    has_preposition,
    head_text,
    in_set,
    is_definite,
    peel_conj,
)
from .split_tokens import ClaimText, Clause, Element, content_words

_COMMAS = ",،"
_CLAUSE_PUNCT = ",،؛;:"


def split_coordination(doc: ClaimText, c: Clause) -> list[Clause] | None:
    """"X فعل A وفعل B" / "… ثم فعل" / "…، كما فعل" → two clauses sharing X; and gapping:
    "الصادرات 10% والواردات 5%"."""
    e = c.elems
    v1 = first_verb(doc, e)
    if v1 is None:
        return None
    for s in range(v1 + 1, len(e)):
        opened = _second_verb(doc, e, s)
        if opened is not None:
            start, skip = opened
            # a complement, or a pause (الليرة تهبط.. وتسجل), between the two verbs
            if not any(_complement(doc, x) for x in e[v1 + 1 : s]):
                continue
            out = _share_subject(doc, c, v1, s, start, skip)
            if out is not None:
                return out
        gap = _gapping(doc, c, v1, s)
        if gap is not None:
            return gap
    return None


def _complement(doc: ClaimText, x: Element) -> bool:
    return is_num(doc, x) or (isinstance(x, int) and (content_word(doc, x) or doc.is_punct(x, ".,،")))


def _content_at(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    el = e[p]
    return isinstance(el, int) and content_word(doc, el)


def _second_verb(doc: ClaimText, e: Sequence[Element], s: int) -> tuple[int, int] | None:
    """When a second predicate opens at position ``s``: (its first position, clitic chars to skip there)."""
    i = word_at(doc, e, s)
    comma = punct_is(doc, e, s, _COMMAS)
    if comma:
        i = word_at(doc, e, s + 1)
        s += 1
    if i is None:
        return None
    key = doc.key(i)
    nxt = word_at(doc, e, s + 1)
    if conj_verb(key) and not _particle_before(doc, e, s):
        return s, 1
    glued = len(key) > 2 and key[0] in "وف"
    if glued and (key[1:] in lx.AR_CONTINUING_WORDS or (
            key[1:] in lx.AR_PARTICLES and nxt is not None and verbal(doc, nxt))):
        return s, 1  # ولم يعلن، وما زال، ومازال
    opener = key in {"و", "ف"} | lx.AR_THEN or in_set(key, lx.AR_THEN) or (comma and in_set(key, lx.AR_ALSO))
    if opener and nxt is not None and (verbal(doc, nxt) or doc.key(nxt) in lx.AR_PARTICLES):
        return s + 1, 0
    if comma and in_set(key, lx.AR_ALSO) and nxt is not None and content_word(doc, nxt) and not is_definite(
            doc.key(nxt)):
        return s + 1, 0  # "، كما دشن": after كما at a clause start comes a verb
    return None


def _particle_before(doc: ClaimText, e: Sequence[Element], s: int) -> bool:
    i = word_at(doc, e, s - 1)
    return i is not None and doc.key(i) in lx.AR_PARTICLES


def _share_subject(doc: ClaimText, c: Clause, v1: int, s: int, start: int, skip: int) -> list[Clause] | None:
    e = c.elems
    first = list(e[:s])
    while first and punct_is(doc, first, len(first) - 1, _CLAUSE_PUNCT):
        first.pop()
    subject: list[Element] = []
    sub_skip: list[tuple[int, int]] = []
    colon = max((p for p in range(v1) if punct_is(doc, e, p, ":")), default=-1)
    prefix = [x for x in e[colon + 1 : v1] if isinstance(x, int)]
    if _own_subject(doc, e[start:]):
        pass
    elif any(content_word(doc, x) for x in prefix):
        subject = list(e[colon + 1 : v1])  # "السعودية وكندا: المملكة تطرد … وتجمد …" → المملكة
    else:
        np = np_forward(doc, e, v1 + 1)
        if np is None:
            return None
        if np[-1] + 1 < s:  # the first predicate has more than its subject: the second shares it
            elem, sk = head_text(doc, at(e, np[0]))
            subject = [elem, *e[np[0] + 1 : np[-1] + 1]]
            if isinstance(elem, int) and sk:
                sub_skip.append((elem, sk))
    rest = list(e[start:])
    skips = list(sub_skip)
    if skip and isinstance(rest[0], int):
        skips.append((rest[0], skip + c.skip_of(rest[0])))
    one = take(c, first)
    two = take(c, [*subject, *rest], skip=skips, borrowed=frozenset(x for x in subject if isinstance(x, int)))
    if checkable(doc, one) and checkable(doc, two):
        return [one, two]
    return None


def _own_subject(doc: ClaimText, rest: Sequence[Element]) -> bool:
    """The second clause has its own subject: ما زال / لم يعد + a definite noun (وما زال الطلاب …), or
    كان + a definite noun + قد or a verb (وكان الرئيس قد وصل). After أصبح the noun is the predicate."""
    v = first_verb(doc, rest)
    if v is None:
        return False
    key = doc.key(at(rest, v))
    nxt = word_at(doc, rest, v + 1)
    if nxt is None or not is_definite(doc.key(nxt)) or has_preposition(doc.key(nxt)):
        return False
    ints = [x for x in rest if isinstance(x, int)]
    marker = any(continuing_at(doc, ints, p) for p in range(min(2, len(ints))))
    if marker or in_set(key, lx.AR_CONTINUING_WORDS):
        return True
    after = word_at(doc, rest, v + 2)
    return peel_conj(key)[:2] in {"كا", "يك", "تك"} and after is not None and (
        doc.key(after) == "قد" or verbal(doc, after))


def _gapping(doc: ClaimText, c: Clause, v1: int, s: int) -> list[Clause] | None:
    """"ارتفعت الصادرات 10% والواردات 5%": a و-noun phrase with its own number after the first number."""
    e = c.elems
    i = word_at(doc, e, s)
    if i is None or article(doc.key(i)) != 1 or doc.key(i)[:1] != "و" or doc.toks[i].numeric:
        return None
    if not (is_num(doc, e[s - 1]) or (punct_is(doc, e, s - 1, "%") and is_num(doc, e[s - 2]))):
        return None
    rest = e[s:]
    if any(isinstance(x, int) and (verbal(doc, x) or doc.is_punct(x, _CLAUSE_PUNCT)) for x in rest):
        return None
    n2 = next((k for k, x in enumerate(rest) if is_num(doc, x)), None)
    if n2 is None or n2 == 0 or n2 > 4:
        return None
    np2 = [k for k in range(n2) if _content_at(doc, rest, k)]
    if not np2:
        return None
    n1 = s - 1
    while n1 - 1 > v1 and (is_num(doc, e[n1 - 1]) or punct_is(doc, e, n1 - 1, "%")):
        n1 -= 1
    a, b = _parallel(doc, e, v1, n1)
    if a is None:
        return None
    own_prep = np2[-1] + 1 < n2
    mid = list(e[b:n1])
    if own_prep:
        while mid and isinstance(mid[-1], int) and not content_word(doc, mid[-1]):
            mid.pop()
    second = [*e[:a], *rest[: np2[-1] + 1], *mid, *rest[np2[-1] + 1 :]]
    lent = frozenset(x for x in [*e[:a], *mid] if isinstance(x, int))
    one = take(c, e[:s])
    two = take(c, second, skip=[(i, 1 + c.skip_of(i))], borrowed=lent)
    two = Clause(two.elems, two.skip, two.borrowed, span=tuple(x for x in rest if isinstance(x, int)))
    if checkable(doc, one) and content_words(doc, two) >= 2:
        return [one, two]
    return None


def _parallel(doc: ClaimText, e: Sequence[Element], v1: int, n1: int) -> tuple[int | None, int]:
    """The noun phrase of the first clause that a gapped conjunct replaces: the last noun before the
    number when one stands between the subject and it, else the subject."""
    prefix = [p for p in range(v1) if _content_at(doc, e, p)]
    if prefix:
        subj: tuple[int | None, int] = (prefix[0], prefix[-1] + 1)
        start = v1 + 1
    else:
        np = np_forward(doc, e, v1 + 1)
        if np is None:
            return None, 0
        subj, start = (np[0], np[-1] + 1), np[-1] + 1
    last = [p for p in range(start, n1) if _content_at(doc, e, p)
            and not has_preposition(doc.key(at(e, p))) and doc.key(at(e, p)) not in lx.AR_NUMBER_LEADS]
    if last:
        return last[-1], last[-1] + 1
    return subj
