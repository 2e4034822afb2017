"""Arabic decomposition rules that cut one clause into several: relative clauses, coordinated
predicates (and gapped subjects with their own number), participles carrying a number or date.

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


def _is(doc: ClaimText, e: Sequence[Element], p: int, chars: str) -> bool:
    el = e[p] if 0 <= p < len(e) else None
    return isinstance(el, int) and doc.is_punct(el, chars)


def _word(doc: ClaimText, e: Sequence[Element], p: int) -> int | None:
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
    i = _word(doc, e, p)
    if i is None or not content_word(doc, i):
        return None
    first = p
    key = doc.key(i)
    if article(key) is None and not doc.toks[i].entity:
        return None  # an indefinite head must be a name the extractors know (تونس التي …)
    if article(key) == 0 or article(key) is None:
        definite = article(key) == 0
        while first > 0 and p - first < 3:
            j = _word(doc, e, first - 1)
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
    before = _word(doc, e, first - 1)
    if noun in lx.AR_GENERIC_HEADS or (before is not None and doc.key(before) in lx.AR_QUANTIFIERS):
        return None
    elem, skip = head_text(doc, at(e, first))
    elems: list[Element] = [elem, *e[first + 1 : p + 1]]
    return first, elems, ([(elem, skip)] if isinstance(elem, int) and skip else [])


def _quote_open(doc: ClaimText, e: Sequence[Element], p: int) -> int | None:
    """When position ``p`` closes a quote of one to eight words, the position that opens it."""
    if not _is(doc, e, p, CLOSE_QUOTES):
        return None
    for k in range(p - 2, max(-1, p - 10), -1):
        if _is(doc, e, k, OPEN_QUOTES):
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
    i = _word(doc, e, p)
    if i is None or not content_word(doc, i) or has_preposition(doc.key(i)):
        return None
    out = [p]
    while len(out) < 4:
        j = _word(doc, e, out[-1] + 1)
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
        comma = _is(doc, e, p - 1, _COMMAS)
        head = head_back(doc, e, p - 1 - comma)
        if head is None:
            continue
        _, h_elems, h_skip = head
        q = _relative_end(doc, e, p + 1, comma)
        pred = list(e[p + 1 : q])
        after = list(e[q + 1 :] if _is(doc, e, q, _COMMAS) else e[q:])
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
    if k + 1 < len(e) and _is(doc, e, k + 1, OPEN_QUOTES):  # بـ«…»
        return _name_end(doc, e, k + 1, limit)
    end = k + 1
    while end < limit and (w := _word(doc, e, end)) is not None and is_definite(doc.key(w)) and (
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
        nxt = _word(doc, e, j + 1)
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
        elif tok.kind == "num" or (tok.kind == "word" and key not in lx.AR_PARTICLES and not verbal(doc, el)):
            seen_word = True
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
        numbers = [k for k in range(p + 1, q) if _num(doc, e[k])]
        if not numbers and not naming:
            continue
        if naming:
            q = _name_end(doc, e, p + 1, q)
        else:
            k = numbers[0]
            while k + 1 < q and (_num(doc, e[k + 1]) or _is(doc, e, k + 1, "%")):
                k += 1
            q = k + 1  # the modifier ends with its number or date; what follows is the main clause's
        mod = list(e[p + 1 : q])
        _, h_elems, h_skip = head
        after = list(e[q + 1 :] if _is(doc, e, q, _COMMAS) else e[q:])
        part = take(c, [*h_elems, verb, *mod], skip=h_skip)
        main = take(c, [*e[:p], *after])
        if checkable(doc, part) and checkable(doc, main) and first_verb(doc, main.elems) is not None:
            return [main, part]
    return None


# ------------------------------------------------------------------ coordination


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
    return _num(doc, x) or (isinstance(x, int) and (content_word(doc, x) or doc.is_punct(x, ".,،")))


def _content_at(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    el = e[p]
    return isinstance(el, int) and content_word(doc, el)


def _num(doc: ClaimText, x: Element) -> bool:
    return isinstance(x, int) and doc.toks[x].numeric


def _second_verb(doc: ClaimText, e: Sequence[Element], s: int) -> tuple[int, int] | None:
    """When a second predicate opens at position ``s``: (its first position, clitic chars to skip there)."""
    i = _word(doc, e, s)
    comma = _is(doc, e, s, _COMMAS)
    if comma:
        i = _word(doc, e, s + 1)
        s += 1
    if i is None:
        return None
    key = doc.key(i)
    nxt = _word(doc, e, s + 1)
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
    i = _word(doc, e, s - 1)
    return i is not None and doc.key(i) in lx.AR_PARTICLES


def _share_subject(doc: ClaimText, c: Clause, v1: int, s: int, start: int, skip: int) -> list[Clause] | None:
    e = c.elems
    first = list(e[:s])
    while first and _is(doc, first, len(first) - 1, _CLAUSE_PUNCT):
        first.pop()
    subject: list[Element] = []
    sub_skip: list[tuple[int, int]] = []
    colon = max((p for p in range(v1) if _is(doc, e, p, ":")), default=-1)
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
    nxt = _word(doc, rest, v + 1)
    if nxt is None or not is_definite(doc.key(nxt)) or has_preposition(doc.key(nxt)):
        return False
    ints = [x for x in rest if isinstance(x, int)]
    marker = any(continuing_at(doc, ints, p) for p in range(min(2, len(ints))))
    if marker or in_set(key, lx.AR_CONTINUING_WORDS):
        return True
    after = _word(doc, rest, v + 2)
    return peel_conj(key)[:2] in {"كا", "يك", "تك"} and after is not None and (
        doc.key(after) == "قد" or verbal(doc, after))


def _gapping(doc: ClaimText, c: Clause, v1: int, s: int) -> list[Clause] | None:
    """"ارتفعت الصادرات 10% والواردات 5%": a و-noun phrase with its own number after the first number."""
    e = c.elems
    i = _word(doc, e, s)
    if i is None or article(doc.key(i)) != 1 or doc.key(i)[:1] != "و" or doc.toks[i].numeric:
        return None
    if not (_num(doc, e[s - 1]) or (_is(doc, e, s - 1, "%") and _num(doc, e[s - 2]))):
        return None
    rest = e[s:]
    if any(isinstance(x, int) and (verbal(doc, x) or doc.is_punct(x, _CLAUSE_PUNCT)) for x in rest):
        return None
    n2 = next((k for k, x in enumerate(rest) if _num(doc, x)), None)
    if n2 is None or n2 == 0 or n2 > 4:
        return None
    np2 = [k for k in range(n2) if _content_at(doc, rest, k)]
    if not np2:
        return None
    n1 = s - 1
    while n1 - 1 > v1 and (_num(doc, e[n1 - 1]) or _is(doc, e, n1 - 1, "%")):
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
