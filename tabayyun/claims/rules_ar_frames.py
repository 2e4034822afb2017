"""Arabic frames around a claim's content: appositives, attributions, naming and continuing states.

* :func:`split_appositive` — "X، رئيس Y، فعل …": "X رئيس Y" is a part, and the clause without it.
* :func:`attribution` — "قال/أعلن/أكد X إن C", "X أكد أن C", "C، قال X", "بحسب X، C": the
  content C is decomposed on its own; "X said C" is a part (kind ``attribution``, its span the
  verb and the speaker) only when the claim names who said it — not for vague speakers
  (مصادر، تقارير، مسؤولون), passive verbs (قيل، أفيد) or sourcing (بحسب، وفقا لـ).
* :func:`naming_of` — "X يسمي/يصف/يلقب Y بـZ", "X يسمي Y Z", "يسميها X Z", "X يطلق على Y اسم Z",
  "Y يعرف بـZ", with the name in «…» or "…" or not: the :class:`Naming` of a clause.
* :func:`is_continuing` — لا يزال، لا تزال، ما زال، مازالت، لم يعد.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text.normalize import normalize
from . import rules_lexicon as lx
from .decompose import Naming
from .rules_ar import at, checkable, take, verbal
from .rules_ar_words import (
    article,
    content_word,
    continuing_at,
    has_preposition,
    head_text,
    in_set,
    is_adjective,
    is_definite,
    peel_conj,
)
from .split_tokens import CLOSE_QUOTES, OPEN_QUOTES, ClaimText, Clause, Element, content_words, quoted, render

_COMMAS = ",،"


def _comma(doc: ClaimText, e: Sequence[Element], p: int) -> bool:
    x = _int(e, p)
    return x is not None and doc.is_punct(x, _COMMAS)


def _int(e: Sequence[Element], p: int) -> int | None:
    if 0 <= p < len(e):
        el = e[p]
        return el if isinstance(el, int) else None
    return None


# ------------------------------------------------------------------ appositives


def split_appositive(doc: ClaimText, c: Clause) -> list[Clause] | None:
    """"محمد علي، وزير الصحة، قال …" → "محمد علي وزير الصحة" and "محمد علي قال …"."""
    e = c.elems
    for p in range(1, len(e) - 2):
        i = _int(e, p)
        r = _int(e, p + 1)
        if i is None or r is None or not doc.is_punct(i, _COMMAS) or not in_set(doc.key(r), lx.AR_ROLES):
            continue
        q = next((k for k in range(p + 1, len(e)) if _comma(doc, e, k)), len(e))
        app = [x for x in e[p + 1 : q] if isinstance(x, int)]
        if not 2 <= len(app) <= 8 or any(verbal(doc, x) or doc.key(x) in lx.AR_RELATIVE for x in app):
            continue
        name = _name_back(doc, e, p - 1)
        if not name:
            continue
        elem, skip = head_text(doc, at(e, name[0]))
        skips = [(elem, skip)] if isinstance(elem, int) else []
        part = take(c, [elem, *e[name[0] + 1 : p], *e[p + 1 : q]], skip=skips)
        main = take(c, [*e[:p], *e[q + 1 :]])
        if content_words(doc, part) >= 2 and checkable(doc, main):
            return [main, part]
    return None


def _name_back(doc: ClaimText, e: Sequence[Element], p: int) -> list[int]:
    """Positions of the name (up to three words) that ends at ``p``."""
    out: list[int] = []
    while p >= 0 and len(out) < 3:
        prev = _int(e, p)
        name_first = doc.key(at(e, out[0])) if out else ""
        if out and prev is not None and is_definite(doc.key(prev)) and not is_definite(name_first):
            break  # a definite word before a name is another noun phrase: التقى الرئيس سامي يوسف
        i = _int(e, p)
        # على folds to علي: the name علي may end a name before a comma
        name_like = content_word(doc, i) or (not out and doc.key(i) == "علي") if i is not None else False
        if i is None or doc.toks[i].numeric or not name_like:
            break
        out.insert(0, p)
        if has_preposition(doc.key(i)):
            break
        p -= 1
    return out


# ------------------------------------------------------------------ attributions


def attribution(doc: ClaimText, c: Clause) -> tuple[Clause | None, Clause] | None:
    """``(speaker part or None, content)`` when the clause reports what someone said."""
    e = c.elems
    if len(e) < 3:
        return None
    sourced = _sourcing(doc, c)
    if sourced is not None:
        return None, sourced
    for v, el in enumerate(e):
        if not isinstance(el, int):
            continue
        key = peel_conj(doc.key(el))
        if key in lx.AR_SAY_VERBS or key in lx.AR_PASSIVE_SAY:
            found = _frame(doc, c, v, passive=key in lx.AR_PASSIVE_SAY)
            if found is not None:
                return found
            trailing = _trailing(doc, c, v)
            if trailing is not None:
                return trailing
    return None


def _frame(doc: ClaimText, c: Clause, v: int, *, passive: bool) -> tuple[Clause | None, Clause] | None:
    e = c.elems
    k = next((j for j in range(v + 1, min(len(e), v + 9)) if (x := _int(e, j)) is not None
              and (doc.key(x) in lx.AR_COMPLEMENTIZERS or doc.key(x) in lx.AR_COMPLEMENTIZERS_PRONOUN
                   or doc.is_punct(x, ":"))), None)
    if k is None:
        return None
    between = [p for p in range(v + 1, k) if (x := _int(e, p)) is not None and doc.toks[x].kind != "punct"]
    if between and doc.key(at(e, between[-1])) in lx.AR_SAY_PREPOSITIONS:
        between.pop()
    before = [p for p in range(v) if (x := _int(e, p)) is not None and content_word(doc, x)]
    if before and between:
        return None
    if any(verbal(doc, at(e, p)) for p in between):
        return None
    speaker = before or between
    content: list[Element] = list(e[k + 1 :])
    if len(content) > 2 and _quote_pair(doc, content[0], content[-1]):
        content = content[1:-1]  # قال الوزير: «…»
        while content and isinstance(content[-1], int) and doc.is_punct(content[-1], ".!؟?"):
            content.pop()
    skip: list[tuple[int, int]] = []
    comp = doc.key(at(e, k))
    lent: frozenset[int] = frozenset()
    if comp in lx.AR_COMPLEMENTIZERS_PRONOUN and speaker and _verb_first(doc, content):
        elem, sk = head_text(doc, at(e, speaker[0]))
        subject = [elem, *e[speaker[0] + 1 : speaker[-1] + 1]]
        content = [*subject, *content]
        skip = [(elem, sk)] if isinstance(elem, int) and sk else []
        lent = frozenset(x for x in subject if isinstance(x, int))
    body = take(c, content, skip=skip, borrowed=lent)
    if not checkable(doc, body):
        return None
    if passive or not speaker or in_set(doc.key(at(e, speaker[0])), lx.AR_VAGUE_SPEAKERS):
        return None, body
    frame = tuple(x for x in e[: k + 1] if isinstance(x, int))
    return Clause(tuple(e), c.skip, c.borrowed, span=frame, kind="attribution"), body


def _quote_pair(doc: ClaimText, first: Element, last: Element) -> bool:
    return isinstance(first, int) and isinstance(last, int) and doc.is_punct(first, OPEN_QUOTES) and (
        doc.is_punct(last, CLOSE_QUOTES))


def _verb_first(doc: ClaimText, content: Sequence[Element]) -> bool:
    """The content after أنه/أنها opens with a verb whose subject the pronoun is (أنه سيستقيل), not with
    a noun or an existential (بأنه لن تكون هناك حرب، أنه لا يوجد اتفاق: the pronoun is impersonal)."""
    keys = [doc.key(x) for x in content[:4] if isinstance(x, int)]
    if not keys or "هناك" in keys or any(k in {"يوجد", "توجد"} for k in keys):
        return False
    first = content[0]
    if isinstance(first, int) and doc.key(first) in lx.AR_PARTICLES and len(content) > 1:
        first = content[1]
    return isinstance(first, int) and verbal(doc, first)


def _trailing(doc: ClaimText, c: Clause, v: int) -> tuple[Clause | None, Clause] | None:
    """"C، قال X": content before a comma, a verb of saying and its speaker at the end."""
    e = c.elems
    comma = _int(e, v - 1)
    if comma is None or not doc.is_punct(comma, _COMMAS):
        return None
    speaker = [x for x in e[v + 1 :] if isinstance(x, int) and doc.toks[x].kind != "punct"]
    if not 1 <= len(speaker) <= 6 or any(verbal(doc, x) for x in speaker):
        return None
    body = take(c, e[: v - 1])
    if not checkable(doc, body):
        return None
    if in_set(doc.key(speaker[0]), lx.AR_VAGUE_SPEAKERS):
        return None, body
    said = Clause(tuple(e), c.skip, c.borrowed, span=tuple(x for x in e[v:] if isinstance(x, int)),
                  kind="attribution")
    return said, body


def _sourcing(doc: ClaimText, c: Clause) -> Clause | None:
    """"بحسب X، C" or "C، وفقا لـ X": the content, with no speaker part."""
    e = c.elems
    first = _int(e, 0)
    if first is not None and in_set(doc.key(first), lx.AR_SOURCING):
        k = next((p for p in range(1, min(len(e), 10)) if (x := _int(e, p)) is not None
                  and doc.is_punct(x, _COMMAS)), None)
        if k is not None:
            body = take(c, e[k + 1 :])
            return body if checkable(doc, body) else None
    for p in range(2, len(e)):
        x = _int(e, p)
        if x is not None and _comma(doc, e, p - 1) and doc.key(x) in lx.AR_SOURCING:
            body = take(c, e[: p - 1])
            return body if checkable(doc, body) else None
    return None


# ------------------------------------------------------------------ naming


def naming_of(doc: ClaimText, c: Clause) -> Naming | None:
    """The naming a clause asserts: who (``namer``) calls what (``entity``) by which ``name``."""
    e = c.elems
    for p, el in enumerate(e):
        if isinstance(el, str):
            key = normalize(el)  # a participle read as its verb (المعروفة → تعرف)
        elif doc.toks[el].kind == "word":
            key = doc.key(el)
        else:
            continue
        after = list(e[p + 1 :])
        before = [x for x in e[:p] if isinstance(x, int) and content_word(doc, x)]
        found = None
        suffix = _naming_suffix(key)
        if suffix is None and peel_conj(key) != key:
            suffix = _naming_suffix(peel_conj(key))
        on = next((k for k in range(min(4, len(after))) if _on(doc, after[k])), None)
        if in_set(key, lx.AR_NAMING_CALL) and on is not None:
            found = _call(doc, c, before, [x for x in after[:on] if isinstance(x, int)], after[on:])
        elif suffix is not None:
            stem = peel_conj(key)[: len(peel_conj(key)) - len(suffix)] if suffix else key
            describe = in_set(stem, lx.AR_DESCRIBE_VERBS)
            found = _named(doc, c, before, after, pronoun=bool(suffix), double=not describe)
        if found is None and in_set(key, lx.AR_KNOWN_AS) and after and _named_by(doc, after) is not None:
            found = _known(doc, c, before, after)
        if found is not None:
            return found
    return None


def _naming_suffix(key: str) -> str | None:
    """``""`` for a naming verb, the object pronoun for one with a suffix (يسميها → "ها"), else ``None``."""
    if key in lx.AR_NAMING_VERBS:
        return ""
    for suffix in lx.AR_OBJECT_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in lx.AR_NAMING_VERBS:
            return suffix
    return None


def _on(doc: ClaimText, x: Element) -> bool:
    return isinstance(x, int) and doc.key(x) in {"علي", "عليه", "عليها", "عليهم"}


def _named_by(doc: ClaimText, after: Sequence[Element]) -> int | None:
    """Position in ``after`` where the name starts: a quote, a بـ word (بالإمارة، بـ«…»، بأنها)."""
    for k, x in enumerate(after):
        if not isinstance(x, int):
            continue
        tok = doc.toks[x]
        if tok.kind == "punct" and tok.text in OPEN_QUOTES:
            return k
        if tok.kind == "word" and (tok.key in {"ب", "بان", "بانه", "بانها", "بانهم"} or (
                tok.key[:1] == "ب" and article(tok.key) == 1)):
            return k
        nxt = after[k + 1] if k + 1 < len(after) else None
        if tok.kind == "word" and tok.key[:1] == "ب" and article(tok.key) is None and len(tok.key) > 3 and (
                isinstance(nxt, int) and article(doc.key(nxt)) == 0):
            return k  # بعروس البحر: a بـ noun in idafa
    return None


def _text(doc: ClaimText, c: Clause, elems: Sequence[Element]) -> str:
    if not elems:
        return ""
    first = elems[0]
    skips: list[tuple[int, int]] = []
    lead: list[Element] = list(elems)
    if isinstance(first, int) and doc.toks[first].kind == "word":
        key = doc.key(first)
        if key in {"ب", "بان", "بانه", "بانها", "بانهم"}:
            lead = lead[1:]
        else:
            elem, sk = head_text(doc, first)
            lead[0] = elem
            if isinstance(elem, int) and sk:
                skips.append((elem, sk))
    if not lead:
        return ""
    if isinstance(lead[0], int) and doc.key(lead[0])[:1] == "ب" and article(doc.key(lead[0])) is None and (
            doc.toks[lead[0]].kind == "word" and len(doc.key(lead[0])) > 3 and len(lead) > 1):
        skips.append((lead[0], 1))  # بعروس البحر → عروس البحر
    return render(doc, take(c, lead, skip=skips)).strip(OPEN_QUOTES + CLOSE_QUOTES + " ")


def _name_at(doc: ClaimText, after: Sequence[Element], k: int) -> list[Element]:
    """The name starting at ``after[k]``: the quoted words when a quote opens there, else the rest."""
    x = after[k]
    q = x if isinstance(x, int) and doc.is_punct(x, OPEN_QUOTES) else None
    if q is None and isinstance(x, int) and k + 1 < len(after) and doc.key(x) == "ب":
        nxt = after[k + 1]
        q = nxt if isinstance(nxt, int) and doc.is_punct(nxt, OPEN_QUOTES) else None
    if q is not None:
        close = quoted(doc, q)
        if close is not None:
            return list(range(q + 1, close))
    return list(after[k:])


def _named(
    doc: ClaimText, c: Clause, before: list[int], after: list[Element], *, pronoun: bool, double: bool
) -> Naming | None:
    """"X يسمي Y بـZ / Y Z / Y «Z»"; ``double``: the verb takes two objects (يسمي، يلقب; not يصف)."""
    k = _named_by(doc, after)
    if k is not None:
        between, name = after[:k], _name_at(doc, after, k)
    elif not double:
        return None
    else:
        chunks = _chunks(doc, after)
        if pronoun and len(chunks) == 1:
            chunks = [[], *chunks]  # X يسميها Z: nothing between the verb and the name
        if len(chunks) < 2:
            return None
        cut = 2 if len(chunks) >= 3 and not before and not pronoun else 1
        between = [x for ch in chunks[:cut] for x in ch]
        name = [x for ch in chunks[cut:] for x in ch]
    parts = _chunks(doc, between)
    if pronoun and between:  # (الحركة التي) يسميها التحالف الإمارة: the namer follows, the topic is named
        namer, entity = _text(doc, c, between), _text(doc, c, before)
    elif pronoun:  # X يسميها Z: X names; what ها stands for is a noun before X, if the clause has one
        topics = _chunks(doc, before)
        namer = _text(doc, c, topics[-1]) if topics else ""
        entity = _text(doc, c, topics[0]) if len(topics) >= 2 else ""
    elif before:
        namer, entity = _text(doc, c, before), _text(doc, c, between)
    elif len(parts) >= 2:
        namer, entity = _text(doc, c, parts[0]), _text(doc, c, [x for ch in parts[1:] for x in ch])
    else:
        namer, entity = "", _text(doc, c, between)
    name_text = _text(doc, c, name)
    if not name_text or not (entity or pronoun):
        return None
    return Naming(namer=namer, entity=entity, name=name_text)


def _call(doc: ClaimText, c: Clause, before: list[int], namer_after: list[int], after: list[Element]
          ) -> Naming | None:
    """"X يطلق على Y اسم Z" / "يطلق X على Y اسم Z" / "X أطلق عليها Z"."""
    rest = after[1:]
    k = next((j for j, x in enumerate(rest) if isinstance(x, int) and doc.key(x) in lx.AR_NAME_WORDS), None)
    if k is None:
        k = _named_by(doc, rest)
    if doc.key(at(after, 0)) != "علي":
        entity_elems: list[Element] = list(before)
        namer = _text(doc, c, namer_after)
        worded = k is not None and isinstance(rest[k], int) and doc.key(at(rest, k)) in lx.AR_NAME_WORDS
        name = rest[k + 1 :] if worded and k is not None else rest
    else:
        if k is None:
            return None
        entity_elems, namer = rest[:k], _text(doc, c, before or namer_after)
        name = rest[k + 1 :] if doc.key(at(rest, k)) in lx.AR_NAME_WORDS else _name_at(doc, rest, k)
    if name and isinstance(name[0], int) and doc.is_punct(name[0], OPEN_QUOTES):
        name = _name_at(doc, name, 0)
    entity, name_text = _text(doc, c, entity_elems), _text(doc, c, name)
    return Naming(namer=namer, entity=entity, name=name_text) if entity and name_text else None


def _known(doc: ClaimText, c: Clause, before: list[int], after: list[Element]) -> Naming | None:
    """"Y يعرف بـZ" / "Y المعروفة بـZ": no namer."""
    k = _named_by(doc, after)
    if k is None or not (before or k > 0):
        return None
    name = _text(doc, c, _name_at(doc, after, k))
    entity = _text(doc, c, before or after[:k])  # تعرف المدينة بعروس البحر
    return Naming(namer="", entity=entity, name=name) if name and entity else None


def _chunks(doc: ClaimText, elems: Sequence[Element]) -> list[list[Element]]:
    """Noun phrases one after another: a new one starts at a definite noun after a definite word
    (not an adjective), or at an indefinite word after a definite one."""
    out: list[list[Element]] = []
    for x in elems:
        if not isinstance(x, int) or doc.toks[x].kind != "word":
            if out:
                out[-1].append(x)
            continue
        key = doc.key(x)
        words = [y for y in out[-1] if isinstance(y, int) and doc.toks[y].kind == "word"] if out else []
        prev = words[-1] if words else None
        if prev is None:
            if not out:
                out.append([x])
            else:
                out[-1].append(x)
            continue
        pk = doc.key(prev)
        new = is_definite(pk) and (
            (is_definite(key) and not is_adjective(key, doc.toks[x].text)) or article(key) is None
        )
        if new:
            out.append([x])
        else:
            out[-1].append(x)
    if len(out) == 1 and len([x for x in out[0] if isinstance(x, int)]) == 2 and all(
        isinstance(x, int) and article(doc.key(x)) is None for x in out[0]
    ):
        out = [[out[0][0]], [out[0][1]]]  # two indefinite names: حماس منظمة
    return out


def is_continuing(doc: ClaimText, c: Clause) -> bool:
    idx = c.indices()
    return any(continuing_at(doc, idx, p) for p in range(len(idx)))
