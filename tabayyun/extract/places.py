"""Places compared by the role they play, across scripts: "met in Cairo" against "اجتمعوا في عمّان".

A place mention plays a role in its sentence, read from the preposition before it
(past head words such as مدينة، العاصمة، the capital, and nationality adjectives):
``in`` (في، ب…، in, at: where something happened), ``from`` (من، from) or ``to``
(إلى، ل…، to, towards). Places joined by و/and share the role of the first.

Two mentions name the same place when one of their *readings* has the same
canonical name (the alias table holds Arabic and English names; a homograph such
as عمان reads as Oman or Amman, see :data:`~tabayyun.extract.aliases.HOMOGRAPHS`),
or, for names outside the table, when their transliteration skeletons agree.

The rules, and why:

* a claim place matches an evidence place that names the same place, or a city
  lying in the claimed country ("met in Jordan" ← "في عمّان"), in a role that does
  not conflict (a known role on both sides must be the same: Cairo as the place
  people came *from* is not Cairo as the place they met *in*);
* a mismatch needs a clean substitution: exactly one unmatched claim place in a
  role and exactly one unmatched evidence place in that role. When both roles are
  known and equal, a city and a country compare through the city's country
  (``@in=`` in ``places.tsv``): Cairo against Oman is a mismatch, Muscat against
  Oman is not. Without a known role only places of the same class (city, country,
  region) are compared. A homograph mismatches only when every reading does.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..results import Check
from .aliases import AliasTable, readings
from .tokens import norm_key, norm_word
from .types import Entity

_ROLE_WORDS = {norm_word(w): r for ws, r in (
    (("في", "in", "at", "inside", "داخل"), "in"),
    (("من", "from"), "from"),
    (("إلى", "الى", "to", "towards", "toward", "into", "نحو"), "to"),
) for w in ws}
_COORD = frozenset(norm_word(w) for w in ("و", "and", "or", "أو", ","))
#: words between a preposition and the place name: في العاصمة الأردنية عمّان, in the capital city of
_SKIP = frozenset(norm_word(w) for w in (
    "مدينة", "العاصمة", "عاصمة", "بلدة", "قرية", "محافظة", "منطقة", "ولاية", "إقليم", "the", "capital",
    "city",
    "town", "village", "province", "region", "of", ",", "،"))
_GLUED = {"ب": "in", "وب": "in", "فب": "in", "ل": "to", "ول": "to", "فل": "to", "و": "and", "ف": "and"}
_BACK = 5
_CONTEXT_CHARS = 80


def is_place(e: Entity) -> bool:
    """A place mention (a nationality adjective is not one: it says who, not where)."""
    return e.type == "place" and e.subtype != "nationality"


def _is_nationality(word: str, table: AliasTable) -> bool:
    for key in ((word,), (word[2:],) if word.startswith("ال") else ()):
        entry = table.index.get(key) if key else None
        if entry is not None and entry.adjective:
            return True
    return False


def place_role(text: str, e: Entity, table: AliasTable | None = None) -> str | None:
    """``in``, ``from``, ``to``, ``and`` (joined to the place before) or ``None``, from the words before
    ``e``."""
    t = table if table is not None else AliasTable.default()
    if norm_word(e.text).startswith("لل"):
        return "to"  # للقاهرة
    toks = list(norm_key(text[max(0, e.start - _CONTEXT_CHARS) : e.start]))
    if e.start > 0 and text[e.start - 1].isalpha() and toks:
        return _GLUED.get(toks[-1])  # بالقاهرة، لعمّان، وعمّان
    k = len(toks) - 1
    while k >= 0 and len(toks) - k <= _BACK and (toks[k] in _SKIP or _is_nationality(toks[k], t)):
        k -= 1
    if k < 0:
        return None
    w = toks[k]
    if w in _COORD:
        return "and"
    if w in _ROLE_WORDS:
        return _ROLE_WORDS[w]
    if w[:1] in ("و", "ف") and w[1:] in _ROLE_WORDS:
        return _ROLE_WORDS[w[1:]]  # وفي، ومن
    return None


def _roles(text: str, places: Sequence[Entity], table: AliasTable) -> list[str | None]:
    out: list[str | None] = []
    for k, e in enumerate(places):
        r = place_role(text, e, table)
        if r == "and":
            r = out[k - 1] if k > 0 else None
        out.append(r)
    return out


_Reading = tuple[str, str, str | None]  # canonical, class, the country it lies in


def _class(subtype: str | None) -> str:
    return "country" if subtype in ("country", "nationality") else (subtype or "place")


def place_readings(e: Entity, table: AliasTable | None = None) -> tuple[_Reading, ...]:
    """Every ``(canonical, class, parent)`` the mention may name (two for a homograph)."""
    t = table if table is not None else AliasTable.default()
    entries = [r for r in readings(e.text, t) if r.type == "place"] or [
        r for r in (t.lookup(e.canonical),) if r is not None and r.type == "place"
    ]
    if not entries:
        return ((e.canonical, _class(e.subtype), None),)
    out = []
    for r in entries:
        parent = None
        if r.parent is not None:
            p = t.lookup(r.parent)
            parent = p.canonical if p is not None else r.parent
        out.append((r.canonical, _class(r.subtype), parent))
    return tuple(out)


def _relation(c: _Reading, e: _Reading, cross_class: bool) -> str | None:
    """same | within (the evidence place lies in the claim's) | contains | different | None (unknown)."""
    if c[0] == e[0]:
        return "same"
    if c[1] == e[1]:
        return "different"
    if not cross_class:
        return None
    if c[1] == "country" and e[1] == "city" and e[2] is not None:
        return "within" if e[2] == c[0] else "different"
    if c[1] == "city" and e[1] == "country" and c[2] is not None:
        return "contains" if c[2] == e[0] else "different"
    return None


def relation(c: Entity, e: Entity, *, cross_class: bool = False,
             table: AliasTable | None = None) -> str | None:
    """How claim place ``c`` stands to evidence place ``e`` over all their readings.

    ``same`` or ``within`` when some reading says so; ``different`` only when every
    pair of readings is different; ``None`` when it cannot be told.
    """
    rels = [_relation(a, b, cross_class) for a in place_readings(c, table) for b in place_readings(e, table)]
    for best in ("same", "within"):
        if best in rels:
            return best
    if rels and all(r == "different" for r in rels):
        return "different"
    if "contains" in rels:
        return "contains"
    return None


def _same(c: Entity, e: Entity, table: AliasTable) -> str | None:
    from .compare import same_entity

    rel = relation(c, e, table=table)
    if rel == "same":
        return "canonical" if c.canonical == e.canonical else "homograph"
    how = same_entity(c, e)
    return how


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def place_checks(
    ce: Sequence[Entity], ee: Sequence[Entity], claim: str, evidence: str, table: AliasTable | None = None
) -> list[Check]:
    """Match and mismatch checks between the places of a claim and of an evidence sentence."""
    t = table if table is not None else AliasTable.default()
    cp = [c for c in ce if is_place(c)]
    ep = [e for e in ee if is_place(e)]
    if not cp or not ep:
        return []
    croles, eroles = _roles(claim, cp, t), _roles(evidence, ep, t)
    checks: list[Check] = []
    unmatched: list[tuple[Entity, str | None]] = []
    used: set[int] = set()
    seen: set[str] = set()
    for c, rc in zip(cp, croles):
        hit = None
        for k, (e, re_) in enumerate(zip(ep, eroles)):
            if not _compatible(rc, re_):
                continue
            how = _same(c, e, t)
            if (how is None and rc is not None and rc == re_
                    and relation(c, e, cross_class=True, table=t) == "within"):
                how = "within"
            if how is not None:
                hit = (k, e, how)
                break
        if hit is None:
            unmatched.append((c, rc))
            continue
        k, e, how = hit
        used.add(k)
        if c.canonical not in seen:
            seen.add(c.canonical)
            detail = (
                f"{_names(e, t, inside=c.canonical)} lies in {c.canonical}"
                if how == "within"
                else f"both name {c.canonical if how != 'homograph' else e.text + ' = ' + c.canonical} "
                     f"({how})"
            )
            checks.append(Check("entity", c.text, e.text, "match", detail,
                                None if how == "canonical" else how, e.start, e.end))
    used |= {k for k, e in enumerate(ep) if any(_same(c, e, t) for c in cp)}
    free = [(e, r) for k, (e, r) in enumerate(zip(ep, eroles)) if k not in used]
    for c, rc in unmatched:
        peers = {x.canonical for x, rx in unmatched if _compatible(rx, rc)}
        cands = {}
        for e, re_ in free:
            if not _compatible(rc, re_):
                continue
            rel = relation(c, e, cross_class=rc is not None and rc == re_, table=t)
            if rel is not None:
                cands[e.canonical] = (e, re_, rel)
        if len(peers) != 1 or len(cands) != 1:
            continue
        e, re_, rel = next(iter(cands.values()))
        if rel == "different" and not _nested(c, e):
            role = rc or re_
            where = f"the place {_ROLE_NAMES[role]}" if role else "its place"
            checks.append(Check("entity", c.text, e.text, "mismatch",
                                f"claim names {_names(c, t)}, evidence names {_names(e, t)} as {where}",
                                "one-to-one substitution", e.start, e.end))
    return checks


def _names(e: Entity, table: AliasTable, inside: str | None = None) -> str:
    """The place(s) a mention names: "Cairo", "Oman or Amman"; with ``inside``, the reading lying there."""
    rs = place_readings(e, table)
    if inside is not None:
        rs = tuple(r for r in rs if r[2] == inside) or rs
    return " or ".join(dict.fromkeys(r[0] for r in rs))


_ROLE_NAMES = {"in": "where it happened", "from": "it came from", "to": "it went to"}


def _nested(c: Entity, e: Entity) -> bool:
    from .compare import _contains

    return _contains(c, e)
