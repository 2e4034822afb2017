"""English frames around a claim's content: appositives, attributions, naming and continuing states.

* :func:`split_appositive` — "Maria Lopez, the health minister, said …" → "Maria Lopez is the health
  minister"; ", (also) known as Z," → "X is known as Z".
* :func:`attribution` — "X said (that) C", "C, X said", "C, said X", "X, he added, …", "according to
  X, C": the content goes on; a speaker part only for a named speaker (as in Arabic).
* :func:`naming_of` — "X calls Y Z / 'Z'", "describes/labels/brands/dubs Y (as) Z", "refers to Y as
  Z", "Y is called Z (by X)", "Y is known as Z".
* :func:`is_continuing` — still, no longer, remains, continues to.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from . import rules_lexicon as lx
from .decompose import Naming
from .rules_ar import at, take
from .rules_en import CLAUSE_PUNCT, checkable, participle
from .split_tokens import CLOSE_QUOTES, OPEN_QUOTES, ClaimText, Clause, Element, content_words, quoted, render
from .text_en import content, is_aux, is_comma, is_word, key_at, name_run_back, punct_at, verb_at

#: verbs of saying that may follow their content inverted: "C, said X"
_INVERTED_SAY = frozenset({"said", "says", "added", "adds"})
#: adverbs between a subject and its naming verb ("still calls", "officially refers to")
_ADVERBS = frozenset({"still", "also", "often", "now", "officially", "routinely"})
#: object pronouns a naming verb may take instead of the entity ("calls it the emirate")
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her", "this", "that"})
#: words inside one name ("Bank of Egypt", "Trinidad and Tobago")
_LINKS = frozenset({"of", "and"})


# ------------------------------------------------------------------ appositives


def split_appositive(doc: ClaimText, c: Clause) -> list[Clause] | None:
    """"Maria Lopez, the health minister, said …" → "Maria Lopez is the health minister" and the rest."""
    e = c.elems
    for p in range(1, len(e) - 2):
        if not is_comma(doc, e, p):
            continue
        opener = key_at(doc, e, p + 1)
        titled = is_word(doc, e, p + 1) and doc.toks[at(e, p + 1)].text[:1].isupper()
        known = opener in lx.EN_KNOWN_AS or (opener == "also" and key_at(doc, e, p + 2) in lx.EN_KNOWN_AS)
        if opener not in lx.EN_ROLE_OPENERS and not (titled and key_at(doc, e, p + 2) == "of") and not known:
            continue
        q = next((k for k in range(p + 1, len(e)) if is_comma(doc, e, k)), len(e))
        app = list(e[p + 1 : q])
        if not 2 <= len(app) <= 8 or (not known and any(verb_at(doc, e, k) or participle(doc, e, k)
                                                         for k in range(p + 2, q))):
            continue
        name = name_run_back(doc, e, p - 1)
        if name is None:
            continue
        part = take(c, [*e[name:p], "is", *app])
        main = take(c, [*e[:p], *e[q + 1 :]])
        if content_words(doc, part) >= 2 and checkable(doc, main):
            return [main, part]
    return None


# ------------------------------------------------------------------ attributions


def attribution(doc: ClaimText, c: Clause) -> tuple[Clause | None, Clause] | None:
    """``(speaker part or None, content)`` for "X said (that) C", "C, X said", "according to X, C"."""
    e = c.elems
    sourced = _sourcing(doc, c)
    if sourced is not None:
        return None, sourced
    says = [v for v in range(1, len(e)) if key_at(doc, e, v) in lx.EN_SAY_VERBS and verb_at(doc, e, v)
            and key_at(doc, e, v - 1) not in lx.EN_NEGATIONS]  # "did not say that C" reports no C
    for v in reversed(says):  # the outermost frame: '"He said X," she said' is hers
        found = _trailing(doc, c, v) or _parenthetical(doc, c, v)
        if found is not None:
            return found
    for v in says:
        speaker = [p for p in range(v) if isinstance(e[p], int) and doc.toks[at(e, p)].kind == "word"]
        if not speaker or len(speaker) > 8 or any(verb_at(doc, e, p) for p in range(1, v)):
            continue
        k = v + 1
        if key_at(doc, e, v) in {"told", "tells"}:
            k = next((j for j in range(v + 1, min(len(e), v + 6)) if key_at(doc, e, j) == "that"), len(e))
        else:
            k = next((j for j in range(v + 1, min(len(e), v + 5)) if key_at(doc, e, j) == "that"), v)
        body_elems: list[Element] = list(e[k + 1 :])
        while body_elems and isinstance(body_elems[0], int) and doc.is_punct(body_elems[0], ",:"):
            body_elems.pop(0)
        if len(body_elems) > 2 and punct_at(doc, body_elems, 0, OPEN_QUOTES) and punct_at(
                doc, body_elems, len(body_elems) - 1, CLOSE_QUOTES):
            body_elems = body_elems[1:-1]  # said: "C."
        while body_elems and punct_at(doc, body_elems, len(body_elems) - 1, ".!?"):
            body_elems.pop()
        lent: frozenset[int] = frozenset()
        resumed = key_at(doc, body_elems, 0) in lx.EN_PRONOUNS and key_at(doc, e, 0) not in lx.EN_PRONOUNS
        if body_elems and resumed:
            subject = list(e[:v])
            body_elems = [*subject, *body_elems[1:]]
            lent = frozenset(x for x in subject if isinstance(x, int))
        body = take(c, body_elems, borrowed=lent)
        has_verb = any(verb_at(doc, body.elems, j) for j in range(1, len(body.elems)))
        if not checkable(doc, body) or not has_verb:
            continue  # the content is a clause with its verb ("confirmed 12 deaths" reports no clause)
        first = next(p for p in speaker if key_at(doc, e, p) not in lx.EN_DETERMINERS) if any(
            key_at(doc, e, p) not in lx.EN_DETERMINERS for p in speaker) else speaker[0]
        if key_at(doc, e, first) in lx.EN_VAGUE_SPEAKERS:
            return None, body
        frame = tuple(x for x in e[: k + 1] if isinstance(x, int))
        return Clause(tuple(e), c.skip, c.borrowed, span=frame, kind="attribution"), body
    return None


def _trailing(doc: ClaimText, c: Clause, v: int) -> tuple[Clause | None, Clause] | None:
    """"C, X said" / "C, said X"."""
    e = c.elems
    quoted_end = is_comma(doc, e, v - 2) and punct_at(doc, e, v - 1, CLOSE_QUOTES)  # "C," said X
    if (is_comma(doc, e, v - 1) or quoted_end) and key_at(doc, e, v) in _INVERTED_SAY:  # C, said X
        comma, speaker = v - 1 - quoted_end, list(range(v + 1, len(e)))
    else:
        found = next((p for p in range(v - 1, max(0, v - 6), -1) if is_comma(doc, e, p)), None)
        if found is None or v != len(e) - 1:
            return None
        comma, speaker = found, list(range(found + 1, v))
    start = 0
    closing = e[comma + 1] if comma + 1 < len(e) else None
    # "C," X said: the quotes are not the content's
    if isinstance(closing, int) and doc.is_punct(closing, CLOSE_QUOTES) and punct_at(doc, e, 0, OPEN_QUOTES):
        start, speaker = 1, [p for p in speaker if p != comma + 1]
    if not speaker or len(speaker) > 6 or any(verb_at(doc, e, p) for p in speaker):
        return None
    body = take(c, e[start:comma])
    if not checkable(doc, body):
        return None
    first = next((p for p in speaker if key_at(doc, e, p) not in lx.EN_DETERMINERS), speaker[0])
    if key_at(doc, e, first) in lx.EN_VAGUE_SPEAKERS:
        return None, body
    frame = tuple(at(e, p) for p in speaker) + (tuple(at(e, p) for p in range(v, v + 1)))
    return Clause(tuple(e), c.skip, c.borrowed, span=frame, kind="attribution"), body


def _parenthetical(doc: ClaimText, c: Clause, v: int) -> tuple[Clause | None, Clause] | None:
    """"C1, X added, C2": the content is C1 and C2 around the speaker."""
    e = c.elems
    if not is_comma(doc, e, v + 1):
        return None
    comma = next((p for p in range(v - 1, max(0, v - 6), -1) if is_comma(doc, e, p)), None)
    if comma is None or comma == 0:
        return None
    speaker = list(range(comma + 1, v))
    if not speaker or any(verb_at(doc, e, p) for p in speaker):
        return None
    body = take(c, [*e[:comma], *e[v + 2 :]])
    if not checkable(doc, body):
        return None
    first = next((p for p in speaker if key_at(doc, e, p) not in lx.EN_DETERMINERS), speaker[0])
    if key_at(doc, e, first) in lx.EN_VAGUE_SPEAKERS:
        return None, body
    frame = tuple(at(e, p) for p in [*speaker, v])
    return Clause(tuple(e), c.skip, c.borrowed, span=frame, kind="attribution"), body


def _sourcing(doc: ClaimText, c: Clause) -> Clause | None:
    e = c.elems
    for p in range(len(e) - 1):
        if key_at(doc, e, p) not in lx.EN_SOURCING or key_at(doc, e, p + 1) != "to":
            continue
        if p == 0:
            k = next((j for j in range(2, min(len(e), 10)) if is_comma(doc, e, j)), None)
            body = take(c, e[k + 1 :]) if k is not None else None
        elif is_comma(doc, e, p - 1):
            body = take(c, e[: p - 1])
        else:
            body = None
        return body if body is not None and checkable(doc, body) else None
    return None


# ------------------------------------------------------------------ naming


def naming_of(doc: ClaimText, c: Clause) -> Naming | None:
    """Who calls what by which name, for "X calls Y Z", "X describes Y as Z", "Y is known as Z" …"""
    e = c.elems
    for p in range(len(e)):
        key = key_at(doc, e, p)
        if not is_word(doc, e, p):
            continue
        if key in lx.EN_KNOWN_AS and key_at(doc, e, p + 1) == "as":
            entity = _text(doc, c, _before(doc, e, p))
            rest = list(e[p + 2 :])
            cut = next((k for k in range(len(rest)) if punct_at(doc, rest, k, CLAUSE_PUNCT)), len(rest))
            name = _text(doc, c, _name(doc, rest[:cut]))
            if entity and name:
                return Naming(namer="", entity=entity, name=name)
        refer = key in lx.EN_REFER_VERBS and key_at(doc, e, p + 1) == "to"
        if not refer and (key not in lx.EN_NAMING_VERBS or key_at(doc, e, p + 1) in lx.EN_CALL_NOT_NAMING):
            continue
        if not verb_at(doc, e, p):
            continue  # "film brands like …": a noun
        found = _named(doc, c, p, refer=refer)
        if found is not None:
            return found
    return None


def _before(doc: ClaimText, e: Sequence[Element], p: int) -> list[Element]:
    """The noun phrase before position ``p`` (past auxiliaries, "still", commas)."""
    k = p
    while k > 0 and (is_aux(key_at(doc, e, k - 1)) or key_at(doc, e, k - 1) in _ADVERBS
                     or is_comma(doc, e, k - 1)):
        k -= 1
    start = k
    while start > 0 and isinstance(e[start - 1], int) and (content(doc, at(e, start - 1))
                                                           or key_at(doc, e, start - 1) in lx.EN_DETERMINERS):
        start -= 1
    return list(e[start:k])


def _named(doc: ClaimText, c: Clause, p: int, *, refer: bool) -> Naming | None:
    e = c.elems
    passive = p > 0 and key_at(doc, e, p - 1) in {"is", "are", "was", "were", "been", "be"}
    before = _before(doc, e, p)
    after = list(e[p + 2 :] if refer else e[p + 1 :])
    stop = next((k for k in range(len(after)) if punct_at(doc, after, k, CLAUSE_PUNCT)), len(after))
    after = after[:stop]
    if passive:
        entity, namer = before, []
        if "by" in [key_at(doc, after, k) for k in range(len(after))]:
            by = [key_at(doc, after, k) for k in range(len(after))].index("by")
            after, namer = after[:by], after[by + 1 :]
        name = _name(doc, after)
        return _naming(doc, c, namer, entity, name)
    as_at = next((k for k in range(len(after)) if key_at(doc, after, k) == "as"), None)
    quote = next((k for k in range(len(after)) if punct_at(doc, after, k, OPEN_QUOTES)), None)
    if as_at is not None:
        entity, name = after[:as_at], _name(doc, after[as_at + 1 :])
    elif quote is not None:
        entity, name = after[:quote], _name(doc, after[quote:])
    else:
        cut = _second_np(doc, after)
        if cut is None:
            return None
        entity, name = after[:cut], after[cut:]
    return _naming(doc, c, before, entity, name)


def _naming(doc: ClaimText, c: Clause, namer: Sequence[Element], entity: Sequence[Element],
            name: Sequence[Element]) -> Naming | None:
    entity_text, name_text = _text(doc, c, entity), _text(doc, c, name)
    if len(entity) == 1 and key_at(doc, entity, 0) in _OBJECT_PRONOUNS:
        entity_text = ""  # "calls it the emirate": what "it" stands for is not in the claim
    elif not entity_text or key_at(doc, entity, 0) in lx.EN_PREPOSITIONS:
        return None
    if not name_text:
        return None
    if any(verb_at(doc, name, k) for k in range(1, len(name))):
        return None  # a name holds no verb: "brands like Acme raised prices" names nothing
    return Naming(namer=_text(doc, c, namer), entity=entity_text, name=name_text)


def _name(doc: ClaimText, elems: Sequence[Element]) -> list[Element]:
    """The quoted words when the name opens with a quote, else all of it."""
    if elems and isinstance(elems[0], int) and doc.is_punct(elems[0], OPEN_QUOTES):
        close = quoted(doc, elems[0])
        if close is not None:
            return list(range(elems[0] + 1, close))
    return list(elems)


def _second_np(doc: ClaimText, after: Sequence[Element]) -> int | None:
    """Where the second of two noun phrases starts: at a determiner after a word, or after a capitalized
    name (calls Hamas a group; calls the group the emirate)."""
    for k in range(1, len(after)):
        if key_at(doc, after, k) in {"the", "a", "an"} and is_word(doc, after, k - 1):
            return k
        prev_cap = is_word(doc, after, k - 1) and doc.toks[at(after, k - 1)].text[:1].isupper()
        cap = is_word(doc, after, k) and doc.toks[at(after, k)].text[:1].isupper()
        if is_word(doc, after, k) and is_word(doc, after, k - 1) and prev_cap != cap and (
                key_at(doc, after, k) not in _LINKS and key_at(doc, after, k - 1) not in _LINKS):
            return k  # Hamas | a terrorist group; the storm | Hurricane Lina
    return None


def _text(doc: ClaimText, c: Clause, elems: Sequence[Element]) -> str:
    return render(doc, take(c, list(elems))).strip(OPEN_QUOTES + CLOSE_QUOTES + " ") if elems else ""


def is_continuing(doc: ClaimText, c: Clause) -> bool:
    e = c.elems
    keys = [key_at(doc, e, p) for p in range(len(e))]
    return (
        any(k in lx.EN_STILL for k in keys)
        or any(a == "no" and b == "longer" for a, b in pairwise(keys))
        or any(a in {"continues", "continue", "continued"} and b == "to" for a, b in pairwise(keys))
        or any(k in {"remains", "remained"} for k in keys)
    )
