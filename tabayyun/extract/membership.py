"""List membership: names a claim says joined or belong to a group, against a list of members in the evidence.

"انضمت تونس والأردن إلى المبادرة" against "رحّبت اللجنة بالأعضاء الجدد، وهم المغرب
والأردن وتونس والعراق" is supported: every name the claim puts in the group is in
the evidence's list of that group. The rules, one function each:

* **A list** is two or more entities of one class (country, city, person, org ...)
  written one after another with only commas, و, "and" or "&" between them.
* **Membership context**: a word of joining or membership (انضم، عضو، الأعضاء، تضم،
  join, member, include ...; "new" beside a membership word makes joiners) in the list's clause, or in the
  clause before it when
  the list is introduced by a pointer ("، وهم ...", ": ..."). The claim needs such
  a word too; a list without one (ministers of Egypt, Jordan and Iraq attended)
  says nothing about membership. A negated side ("لم تنضم") is left to the stance
  model's negation rule.
* **Complete**: the list is pointed at as the whole group ("وهم", "هي", "namely",
  "are", a colon) and nothing marks it as a selection (منها، من بينها، مثل، أبرزها،
  وغيرها، including, such as, among others ...).
* **Outcome**: every claim name of the list's class in the list → ``match``. A
  claim name missing from a *complete* list → ``mismatch``, when the list can
  hold it: a list of members holds whoever joined, a list of joiners (new
  members, "انضمت") holds only joiners, so "ليبيا عضو" against the complete list
  of *new* members is not comparable (Libya may be an old member). Otherwise →
  ``not_comparable``: a partial list omits members without saying they are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..results import Check
from ..stance.negation import clause_spans, is_cue, is_privative
from ..text import normalize, words
from .types import Entity

#: what may stand between two names of one list (normalized): commas, و, and, &
_SEPARATOR = re.compile(r"^[\s،,]*(?:(?:و|and|&)\s*)?$")
_COLON = re.compile(r"[:：]\s*$")
#: prefixes stripped before looking a word up in the cue lists (normalized): conjunction, preposition, article
_CLITICS = re.compile(r"^(?:[وف])?(?:بال|لل|ال|ب|ل)?")
#: joining: the name became a member (normalized, without clitics)
JOIN_WORDS = frozenset(
    [
        "انضم", "انضمت", "انضما", "انضمتا", "انضموا", "ينضم", "تنضم", "ينضمان", "تنضمان", "انضمام", "منضمه",
        "منضمين", "join", "joins", "joined", "joining",
    ]
)
#: "new": with a membership word it makes joiners (الأعضاء الجدد، new members); alone it says nothing of
#: membership (عقوبات جديدة، the new technology)
NEW_WORDS = frozenset(["جدد", "جديد", "جديده", "جديدان", "جديدين", "new", "newly"])
#: being a member or included (normalized, without clitics)
MEMBER_WORDS = frozenset(
    ["عضو", "عضوا", "عضوان", "عضوين", "اعضاء", "اعضاوها", "اعضاءها", "عضويه", "تضم", "يضم", "ضمت", "ضم",
     "تشمل", "يشمل", "شملت", "شمل", "member", "members", "membership", "include", "includes", "included",
     "comprise", "comprises", "comprising", "consist", "consists"]
)
#: words right before a list that point at it as the whole group
POINTERS = frozenset({"وهم", "هم", "وهي", "هي", "وهما", "هما", "وهن", "هن", "namely", "are", "were", "is",
                      "was"})
#: words before a list that make it a selection
PARTIAL_BEFORE = frozenset({"منها", "ومنها", "بينها", "بينهم", "مثل", "ابرزها", "ابرزهم", "فيها", "فيهم",
                            "سيما",
                            "خاصه", "including", "such", "among", "like", "notably", "especially"})
#: words right after a list that make it a selection
PARTIAL_AFTER = frozenset({"وغيرها", "وغيرهم", "وسواها", "واخرين", "واخرون", "others", "etc", "among",
                           "وغير"})
#: how many words before and after a list are read for pointers and selection markers
_LOOK = 3


@dataclass(frozen=True, slots=True)
class MemberList:
    """A list of names in a text: ``text[start:end]`` spans it; ``complete`` when pointed at as the whole
    group."""

    members: tuple[Entity, ...]
    start: int
    end: int
    cls: str
    complete: bool
    joining: bool


def entity_class(e: Entity) -> str:
    """Country (nationalities too), city, region, person or org: names of one class make one list."""
    if e.type == "place":
        return "country" if e.subtype in ("country", "nationality") else (e.subtype or "place")
    return e.type


def _base(word: str) -> str:
    return _CLITICS.sub("", word) if len(word) > 4 else word


def _cue_kinds(ws: Sequence[str]) -> set[str]:
    """``join`` and/or ``member`` for the membership words among ``ws`` (normalized)."""
    kinds = set()
    new = False
    for w in ws:
        for form in (w, _base(w)):
            if form in JOIN_WORDS:
                kinds.add("join")
            if form in MEMBER_WORDS:
                kinds.add("member")
            new = new or form in NEW_WORDS
    if new and "member" in kinds:
        kinds.add("join")
    return kinds


def _negated(ws: Sequence[str]) -> bool:
    """A predicate negation among ``ws`` (غير and the other privative cues do not count)."""
    return any(is_cue(w) and not is_privative(w) for w in ws)


def _joined(text: str, a: Entity, b: Entity) -> bool:
    """``b`` follows ``a`` in the same list: same class, only separators between."""
    return entity_class(a) == entity_class(b) and bool(_SEPARATOR.match(normalize(text[a.end : b.start])))


def _runs(text: str, entities: Sequence[Entity]) -> list[list[Entity]]:
    """Maximal runs of listed names (two or more), in order of appearance."""
    runs: list[list[Entity]] = []
    for e in sorted(entities, key=lambda x: x.start):
        if runs and runs[-1][-1].end <= e.start and _joined(text, runs[-1][-1], e):
            runs[-1].append(e)
        else:
            runs.append([e])
    return [r for r in runs if len({x.canonical for x in r}) >= 2]


def _pointed(text: str, start: int) -> bool:
    """The list is pointed at as the whole group: a pointer word or a colon right before it."""
    before = text[:start]
    return bool(_COLON.search(before)) or any(w in POINTERS for w in words(before)[-_LOOK:])


def _selection(text: str, start: int, end: int) -> bool:
    """Something marks the list as a selection of the group (منها، مثل، وغيرها, including, among others)."""
    before, after = words(text[:start])[-_LOOK - 1 :], words(text[end:])[:_LOOK]
    return any(w in PARTIAL_BEFORE for w in before) or any(w in PARTIAL_AFTER for w in after)


def _context(text: str, start: int, end: int) -> list[str]:
    """The words of the list's clause, and of the clause before when the list is pointed at."""
    spans = clause_spans(text)
    k = next((i for i, s in enumerate(spans) if s.start <= start < max(s.end, s.start + 1)), 0)
    first = k - 1 if k > 0 and _pointed(text, start) else k
    last = max(k, next((i for i, s in enumerate(spans) if s.start <= end - 1 < s.end), k))
    return words(text[spans[first].start : spans[last].end]) if spans else []


def member_lists(text: str, entities: Sequence[Entity]) -> list[MemberList]:
    """The lists of names of ``text`` that stand in a membership context (see the module's rules)."""
    out = []
    for run in _runs(text, entities):
        start, end = run[0].start, run[-1].end
        ctx = _context(text, start, end)
        kinds = _cue_kinds(ctx)
        if not kinds or _negated(ctx):
            continue
        complete = _pointed(text, start) and not _selection(text, start, end)
        out.append(MemberList(tuple(run), start, end, entity_class(run[0]), complete, "join" in kinds))
    return out


def _found(name: Entity, members: Sequence[Entity]) -> bool:
    from .compare import same_entity  # compare calls this module

    return any(same_entity(name, m) for m in members)


def _claim_names(claim_entities: Sequence[Entity], cls: str) -> list[Entity]:
    names: dict[str, Entity] = {}
    for e in claim_entities:
        if entity_class(e) == cls:
            names.setdefault(e.canonical, e)
    return list(names.values())


def _names(es: Sequence[Entity]) -> str:
    return ", ".join(e.canonical for e in es)


def membership_check(claim: str, claim_entities: Sequence[Entity], lst: MemberList,
                     evidence: str) -> Check | None:
    """The claim's names of the list's class against one list; ``None`` when the claim names none."""
    names = _claim_names(claim_entities, lst.cls)
    if not names:
        return None
    claim_text = claim[min(e.start for e in names) : max(e.end for e in names)]
    listed = evidence[lst.start : lst.end]
    missing = [e for e in names if not _found(e, lst.members)]
    tolerance = "complete list" if lst.complete else "partial list"
    if not missing:
        detail = f"{_names(names)} among the listed {_names(lst.members)}"
        return Check("membership", claim_text, listed, "match", detail, tolerance, lst.start, lst.end)
    claim_joins = "join" in _cue_kinds(words(claim))
    if lst.complete and (claim_joins or not lst.joining):
        detail = (f"{_names(missing)} not among {_names(lst.members)}, "
                  "which the evidence gives as the whole group")
        return Check("membership", claim_text, listed, "mismatch", detail, tolerance, lst.start, lst.end)
    why = ("the list is not given as complete" if not lst.complete
           else "a list of new members need not hold every member")
    detail = f"{_names(missing)} not among {_names(lst.members)}; {why}"
    return Check("membership", claim_text, listed, "not_comparable", detail, tolerance, lst.start, lst.end)


def membership_checks(
    claim: str, claim_entities: Sequence[Entity], evidence: str, evidence_entities: Sequence[Entity]
) -> list[Check]:
    """At most one membership check: the claim's names against the evidence list that holds most of them."""
    claim_words = words(claim)
    if not _cue_kinds(claim_words) or _negated(claim_words):
        return []
    checks = [c for lst in member_lists(evidence, evidence_entities)
              if (c := membership_check(claim, claim_entities, lst, evidence)) is not None]
    order = {"match": 0, "mismatch": 1, "not_comparable": 2}
    return sorted(checks, key=lambda c: order[c.result])[:1]
