"""Arabic decomposition rules that cut one clause into several: relative clauses and participles
carrying a number or date (coordinated predicates and gapped subjects: :mod:`.rules_ar_coord`); and
the clause helpers the other Arabic rule modules share.

Each rule is one function ``(doc, clause) -> list[Clause] | None``: ``None`` when it does
not apply, otherwise the clauses that replace the input (each with at least two content
words and a predicate; a split that would leave a fragment is not made).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import rules_lexicon as lx
from .rules_ar_words import (
    article,
    conj_verb,
    content_word,
    continuing_at,
    has_preposition,
    head_text,
    in_set,
    is_adjective,
    is_aux,
    is_definite,
    is_verb,
    peel_conj,
)
from .split_tokens import CLOSE_QUOTES, OPEN_QUOTES, ClaimText, Clause, Element, content_words, quoted

_COMMAS = ",،"
_CLAUSE_PUNCT = ",،؛;:"


def take(c: Clause, elems: Sequence[Element], *, skip: Sequence[tuple[int, int]] = (),
         borrowed: frozenset[int] = frozenset()) -> Clause:
    """A clause of ``elems`` that keeps ``c``'s clitic skips and borrowed tokens, plus new ones."""
    ints = {e for e in elems if isinstance(e, int)}
    skips = {i: n for i, n in c.skip if i in ints}
    skips.update(dict(skip))
    return Clause(
        tuple(elems),
        skip=tuple(sorted((i, n) for i, n in skips.items() if n)),
        borrowed=frozenset((c.borrowed & ints) | borrowed),
    )


def checkable(doc: ClaimText, c: Clause) -> bool:
    """At least two content words of its own and something that predicates: a verb, a number, or a
    third content word."""
    if content_words(doc, c) < 2:
        return False
    own = [i for i in c.indices() if doc.toks[i].kind != "punct"]
    inserted_verb = any(isinstance(x, str) for x in c.elems)  # a participle read as its verb
    predicate = any(doc.toks[i].numeric or verbal(doc, i) for i in own) or inserted_verb
    return predicate or content_words(doc, c) >= 3


def verbal(doc: ClaimText, i: int) -> bool:
    tok = doc.toks[i]
    ta_marbuta = tok.text.endswith("ة")
    return tok.kind == "word" and (is_verb(tok.key, ta_marbuta) or in_set(tok.key, lx.AR_CONTINUING_WORDS))


def punct_is(doc: ClaimText, e: Sequence[Element], p: int, chars: str) -> bool:
    el = e[p] if 0 <= p < len(e) else None
    return isinstance(el, int) and doc.is_punct(el, chars)


def word_at(doc: ClaimText, e: Sequence[Element], p: int) -> int | None:
    """The token index at position ``p`` when it is a word."""
    if 0 <= p < len(e):
        el = e[p]
        if isinstance(el, int) and doc.toks[el].kind == "word":
            return el
    return None


def first_verb(doc: ClaimText, e: Sequence[Element]) -> int | None:
    """Position of the clause's first verb, past particles and a continuing marker (لا يزال); the
    marker's own verb when no other follows (لا تزال المدارس مغلقة)."""
    p = 0
    marker = None
    while p < len(e):
        el = e[p]
        if isinstance(el, int):
            n = continuing_at(doc, [x for x in e if isinstance(x, int)], _int_pos(e, p))
            if n:
                marker = p + n - 1 if marker is None else marker
                p += n
                continue
            if verbal(doc, el):
                return p
        p += 1
    return marker


def has_verb(doc: ClaimText, c: Clause) -> bool:
    return first_verb(doc, c.elems) is not None


def _int_pos(e: Sequence[Element], p: int) -> int:
    return sum(1 for x in e[:p] if isinstance(x, int))


def open_sentence(doc: ClaimText, c: Clause, previous: Clause) -> Clause:
    """A sentence after the first, without the conjunction that joins it to the one before (وأغلقت …)."""
    first = c.elems[0] if c.elems else None
    if not isinstance(first, int) or doc.toks[first].kind != "word":
        return c
    key = doc.key(first)
    if key in {"و", "ف"} | lx.AR_THEN and len(c.elems) > 1:
        return take(c, c.elems[1:])
    if conj_verb(key) or (len(key) > 3 and key[0] in "وف" and is_definite(key) and article(key) == 1):
        return take(c, c.elems, skip=[(first, 1)])
    return c


# ------------------------------------------------------------------ noun phrases


Head = tuple[int, list[Element], list[tuple[int, int]]]


def at(e: Sequence[Element], p: int) -> int:
    """The token index at position ``p`` of a clause (a position the caller knows holds a token)."""
    el = e[p]
    if not isinstance(el, int):
        raise TypeError(f"position {p} holds a literal word")
    return el


def head_back(doc: ClaimText, e: Sequence[Element], p: int) -> Head | None:
    """The noun phrase ending at position ``p`` that a relative clause or participle describes.

    Returns ``(first position, elements, skips)`` with the first word's clitics peeled, or
    ``None`` when the word there is no noun, is too generic (الدول التي …) or follows a
    quantifier (كل، أول …).
    """
    opened = _quote_open(doc, e, p)
    if opened is not None:  # «الإمارة» التي …: the quoted name is the head
        return opened, list(e[opened + 1 : p]), []
    i = word_at(doc, e, p)
    if i is None or not content_word(doc, i):
        return None
    first = p
    key = doc.key(i)
    if article(key) is None and not doc.toks[i].entity:
        return None  # an indefinite head must be a name the extractors know (تونس التي …)
    if article(key) == 0 or article(key) is None:
        definite = article(key) == 0
        while first > 0 and p - first < 3:
            j = word_at(doc, e, first - 1)
            if j is None or not content_word(doc, j):
                break
            kj, kf = doc.key(j), doc.key(at(e, first))
            if definite and is_adjective(kf, doc.toks[at(e, first)].text) and is_definite(kj):
                first -= 1
                if article(kj) != 0:
                    break
            elif definite and article(kj) is None and is_definite(kf) and _construct_head(kj):
                first -= 1  # idafa: وزير الصحة، فكر الإخوان
            elif not definite and article(kj) is None and doc.toks[j].entity:
                first -= 1  # a name of several words
            else:
                break
    noun = peel_conj(doc.key(at(e, first)))
    before = word_at(doc, e, first - 1)
    if noun in lx.AR_GENERIC_HEADS or (before is not None and doc.key(before) in lx.AR_QUANTIFIERS):
        return None
    elem, skip = head_text(doc, at(e, first))
    elems: list[Element] = [elem, *e[first + 1 : p + 1]]
    return first, elems, ([(elem, skip)] if isinstance(elem, int) and skip else [])


def _quote_open(doc: ClaimText, e: Sequence[Element], p: int) -> int | None:
    """When position ``p`` closes a quote of one to eight words, the position that opens it."""
    if not punct_is(doc, e, p, CLOSE_QUOTES):
        return None
    for k in range(p - 2, max(-1, p - 10), -1):
        if punct_is(doc, e, k, OPEN_QUOTES):
            return k
    return None


def _construct_head(key: str) -> bool:
    """An indefinite word that can head an idafa: not a preposition-like word (بسبب، خلال), not a word
    with a preposition glued on (بمقر), and — when it starts with و — not the conjunction (ووزير)."""
    if key in lx.AR_PREPOSITION_NOUNS or in_set(key, lx.AR_PREPOSITION_NOUNS) or key[:1] in "بلك":
        return False
    return not (key[:1] == "و" and len(key) > 4 and peel_conj(key) in lx.AR_ROLES)


def np_forward(doc: ClaimText, e: Sequence[Element], p: int) -> list[int] | None:
    """Positions of the noun phrase starting at ``p`` (a subject after its verb): a noun, its idafa,
    adjectives."""
    i = word_at(doc, e, p)
    if i is None or not content_word(doc, i) or has_preposition(doc.key(i)):
        return None
    out = [p]
    while len(out) < 4:
        j = word_at(doc, e, out[-1] + 1)
        if j is None or not content_word(doc, j):
            break
        prev, kj = doc.key(at(e, out[-1])), doc.key(j)
        if (article(prev) is None and is_definite(kj) and not has_preposition(kj)) or (
            is_definite(prev) and is_adjective(kj, doc.toks[j].text)
        ):
            out.append(out[-1] + 1)
        else:
            break
    return out


# ------------------------------------------------------------------ relative clauses


def split_relative(doc: ClaimText, c: Clause) -> list[Clause] | None:
    """"X الذي يفعل Y …" → the main clause without the relative clause, and "X يفعل Y"."""
    e = c.elems
    for p, el in enumerate(e):
        if not isinstance(el, int) or el in c.borrowed or doc.key(el) not in lx.AR_RELATIVE:
            continue
        comma = punct_is(doc, e, p - 1, _COMMAS)
        head = head_back(doc, e, p - 1 - comma)
        if head is None:
            continue
        _, h_elems, h_skip = head
        q = _relative_end(doc, e, p + 1, comma)
        pred = list(e[p + 1 : q])
        after = list(e[q + 1 :] if punct_is(doc, e, q, _COMMAS) else e[q:])
        main_skip: list[tuple[int, int]] = []
        if after and isinstance(after[0], int) and conj_verb(doc.key(after[0])):
            main_skip.append((after[0], 1 + c.skip_of(after[0])))
        rel = take(c, [*h_elems, *pred], skip=h_skip)
        main = take(c, [*e[: p - comma], *after], skip=main_skip)
        # a relative clause that ends the claim may have taken the main verb's object: a main clause
        # left with its verb and one noun (أعلنت الشركة …) is not split off
        bare = q >= len(e) and content_words(doc, main) < 3
        # the main clause needs its own verb: headline fragments (جدلا واسعا بسبب القس الذي …) stay whole
        main_verb = first_verb(doc, main.elems) is not None
        if pred and not bare and main_verb and checkable(doc, rel) and checkable(doc, main):
            return [main, rel]
    return None


def _name_end(doc: ClaimText, e: Sequence[Element], k: int, limit: int) -> int:
    """Where a name that starts at position ``k`` ends: its closing quote, or its word and the
    adjectives or idafa after it (بعروس البحر، بالدولة الإسلامية)."""
    opened = e[k] if k < len(e) else None
    if isinstance(opened, int) and doc.is_punct(opened, OPEN_QUOTES):
        close = quoted(doc, opened)
        return min(limit, e.index(close) + 1) if close is not None and close in e else limit
    if k + 1 < len(e) and punct_is(doc, e, k + 1, OPEN_QUOTES):  # بـ«…»
        return _name_end(doc, e, k + 1, limit)
    end = k + 1
    while end < limit and (w := word_at(doc, e, end)) is not None and is_definite(doc.key(w)) and (
            is_adjective(doc.key(w), doc.toks[w].text) or article(doc.key(at(e, end - 1))) is None):
        end += 1
    return end


def _relative_end(doc: ClaimText, e: Sequence[Element], k: int, comma: bool) -> int:
    """Where the relative clause opened at position ``k`` ends: a comma, another relative pronoun, or
    the main clause's verb (a verb after the clause's own words, not after an auxiliary or particle)."""
    seen_word = after_comp = False
    for j in range(k, len(e)):
        el = e[j]
        if not isinstance(el, int):
            continue
        tok = doc.toks[el]
        if tok.kind == "punct":
            if tok.text in _CLAUSE_PUNCT:
                return j
            continue
        if comma:
            continue
        key = tok.key
        if key in lx.AR_RELATIVE:
            return j
        if key in lx.AR_COMPLEMENTIZERS or key in lx.AR_COMPLEMENTIZERS_PRONOUN:
            after_comp, seen_word = True, False
            continue
        nxt = word_at(doc, e, j + 1)
        if key in lx.AR_PARTICLES and seen_word and nxt is not None and verbal(doc, nxt) and not after_comp:
            return j
        if verbal(doc, el) and j > k:
            prev = e[j - 1]
            prev_verb = isinstance(prev, int) and verbal(doc, prev)
            if seen_word and not after_comp:
                return j
            # two verbs in a row end the clause (الذي استقال غادر), unless the second is a bare
            # three-letter word, which is as often a verbal noun (تشكو سحب الجنسية)
            bare = len(key) <= 3 and key[0] not in "يتن"
            chained = isinstance(prev, int) and prev_verb and not is_aux(doc.key(prev))
            if chained and not after_comp and not bare:
                return j
        elif j > k and (tok.kind == "num" or (tok.kind == "word" and key not in lx.AR_PARTICLES)):
            seen_word = True  # the word right after the pronoun is the clause's verb, listed or not
    return len(e)


# ------------------------------------------------------------------ participles with a number or date


def split_participle(doc: ClaimText, c: Clause) -> list[Clause] | None:
    """"الجسر البالغ طوله 3 كيلومترات" → "الجسر يبلغ طوله 3 كيلومترات" and the main clause without it;
    a naming participle needs no number: "الحركة المعروفة بالإمارة" → "الحركة تعرف بالإمارة"."""
    e = c.elems
    for p, el in enumerate(e):
        if not isinstance(el, int) or el in c.borrowed:
            continue
        naming = lx.AR_NAMING_PARTICIPLES.get(doc.key(el))
        verb = naming or lx.AR_PARTICIPLES.get(doc.key(el))
        if verb is None or p == 0:
            continue
        head = head_back(doc, e, p - 1)
        if head is None:
            continue
        q = _relative_end(doc, e, p + 1, False)
        numbers = [k for k in range(p + 1, q) if is_num(doc, e[k])]
        if not numbers and not naming:
            continue
        if naming:
            q = _name_end(doc, e, p + 1, q)
        else:
            k = numbers[0]
            while k + 1 < q and (is_num(doc, e[k + 1]) or punct_is(doc, e, k + 1, "%")):
                k += 1
            q = k + 1  # the modifier ends with its number or date; what follows is the main clause's
        mod = list(e[p + 1 : q])
        _, h_elems, h_skip = head
        after = list(e[q + 1 :] if punct_is(doc, e, q, _COMMAS) else e[q:])
        part = take(c, [*h_elems, verb, *mod], skip=h_skip)
        main = take(c, [*e[:p], *after])
        if checkable(doc, part) and checkable(doc, main) and first_verb(doc, main.elems) is not None:
            return [main, part]
    return None


def is_num(doc: ClaimText, x: Element) -> bool:
    return isinstance(x, int) and doc.toks[x].numeric
