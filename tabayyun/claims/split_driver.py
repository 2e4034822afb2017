"""The order the decomposition rules run in, for one claim.

0. A question (ends with ? or ؟) asserts nothing to split: one part. Nor is a claim longer than a
   headline (more than :data:`MAX_SPLIT_WORDS` words: the rules were written for headline- and
   post-length claims, and on news prose they cut sentences into parts that cannot be checked
   alone), nor a denial ("ليس صحيحا أن …", "it is not true that …": the denial scopes over all of
   the content).
1. The claim is cut at ``؛``/``;`` and at single sentence ends (not ``..``, ``…`` or ``Dr.``)
   when every sentence is checkable and has a verb; a later sentence loses its joining و, an
   English one opening with a pronoun takes the subject of the one before.
2. Appositives are taken out (their own part), then an attribution frame (a speaker part
   when the claim names who said it; the content goes on).
3. The content is split by the clause rules until none applies: relative clauses,
   participles with a number or date, coordinated predicates and gapped subjects.
4. Each final clause is annotated: ``naming`` (with its :class:`Naming`) before
   ``continuing`` before ``statement``.
5. One clause left → one part covering the whole claim (kind ``attribution`` when the
   claim reports someone's words); several → one part each, in the order of their spans —
   unless a part ends on a word that needs a continuation (أن، الذي، في، that, of, ...): a
   sign of a wrong cut, and the claim stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from ..text import charsets as cs
from ..text.normalize import normalize
from . import rules_ar, rules_ar_coord, rules_ar_frames, rules_en, rules_en_frames
from .decompose import ClaimPart, Naming, PartKind
from .split_tokens import ClaimText, Clause, last_word_key, read_claim, to_part, whole_text

Rule = Callable[[ClaimText, Clause], "list[Clause] | None"]
#: longer claims are not split: a long headline is about 20 words (the rules' tables go to 13)
MAX_SPLIT_WORDS = 20
#: a claim that opens by denying what follows (broader than :data:`tabayyun.stance.negation.DENIAL_FRAME`,
#: which must govern a clause to negate a side)
_DENIAL = re.compile(
    r"^\W*(?:(?:ليس|غير|من غير)\s+(?:ال)?صحيح|لا\s+صحة|(?:it\s+is|it's)\s+(?:not\s+true|false|untrue)"
    r"|contrary\s+to)",
    re.IGNORECASE,
)
#: words a clause cannot end on (normalized keys): a part ending on one was cut in the wrong place
_DANGLING = frozenset(normalize(w) for w in (
    "أن", "إن", "أنه", "الذي", "التي", "الذين", "في", "من", "على", "إلى", "عن", "مع", "و", "أو", "ثم", "لكن",
    "ب", "ل", "بين", "حول", "منذ", "ضد", "لدى", "قد", "لم", "لن", "لا", "ما",
    "that", "which", "who", "whom", "whose", "the", "a", "an", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "and", "or", "but", "as", "not", "than",
))
#: how many rule applications one claim may take (a guard: real claims need a handful)
_MAX_STEPS = 60
_SENTENCE_END = ".!?؟…"
_SENTENCE_SPLIT = "؛;"


@dataclass(frozen=True, slots=True)
class Language:
    appositive: Rule
    attribution: Callable[[ClaimText, Clause], tuple[Clause | None, Clause] | None]
    clause_rules: tuple[Rule, ...]
    naming: Callable[[ClaimText, Clause], Naming | None]
    continuing: Callable[[ClaimText, Clause], bool]
    checkable: Callable[[ClaimText, Clause], bool]
    #: a sentence after the first, read on its own (its joining و dropped, a pronoun subject resolved)
    open_sentence: Callable[[ClaimText, Clause, Clause], Clause]
    #: the clause has a verb (each sentence of a split claim must)
    has_verb: Callable[[ClaimText, Clause], bool]


ARABIC = Language(
    appositive=rules_ar_frames.split_appositive,
    attribution=rules_ar_frames.attribution,
    clause_rules=(rules_ar.split_relative, rules_ar.split_participle, rules_ar_coord.split_coordination),
    naming=rules_ar_frames.naming_of,
    continuing=rules_ar_frames.is_continuing,
    checkable=rules_ar.checkable,
    open_sentence=rules_ar.open_sentence,
    has_verb=rules_ar.has_verb,
)
ENGLISH = Language(
    appositive=rules_en_frames.split_appositive,
    attribution=rules_en_frames.attribution,
    clause_rules=(rules_en.split_relative, rules_en.split_participle, rules_en.split_coordination),
    naming=rules_en_frames.naming_of,
    continuing=rules_en_frames.is_continuing,
    checkable=rules_en.checkable,
    open_sentence=rules_en.open_sentence,
    has_verb=rules_en.has_verb,
)


def split(claim: str) -> list[ClaimPart]:
    """The parts of ``claim``; any failure of a rule falls back to one part."""
    try:
        doc = read_claim(claim)
        clauses, reported = _clauses(doc) if doc.toks else ([], False)
        parts = _parts(doc, clauses)
    except Exception:
        return [_whole(claim, "statement", None)]
    if len(parts) >= 2 and not _keep_whole(claim, doc, parts):
        return parts
    if len(parts) >= 2:
        parts = []  # one part after all, an ordinary statement
    kind: PartKind = parts[0].kind if parts else "statement"
    if parts and _too_long(doc):  # nor is a long sentence read as a naming or a continuing claim
        parts, kind = [], "statement"
    if reported and kind == "statement":
        kind = "attribution"
    return [_whole(claim, kind, parts[0].naming if parts else None, doc)]


def _too_long(doc: ClaimText) -> bool:
    """More words than a long headline (:data:`MAX_SPLIT_WORDS`)."""
    return sum(1 for t in doc.toks if t.kind != "punct") > MAX_SPLIT_WORDS


def _keep_whole(claim: str, doc: ClaimText, parts: list[ClaimPart]) -> bool:
    """Whether a claim the rules split should stay one part (see the module docstring, 0 and 5)."""
    if _too_long(doc) or _DENIAL.match(doc.text):
        return True
    return any(last_word_key(part.text) in _DANGLING | {None} for part in parts)


def _whole(claim: str, kind: PartKind, naming: Naming | None, doc: ClaimText | None = None) -> ClaimPart:
    stripped = claim.strip()
    start = claim.find(stripped) if stripped else 0
    text = whole_text(doc) if doc is not None else stripped
    return ClaimPart(text=text or stripped or claim, start=start, end=start + len(stripped), kind=kind,
                     naming=naming)


def _clauses(doc: ClaimText) -> tuple[list[Clause], bool]:
    lang = ARABIC if doc.arabic else ENGLISH
    if _question(doc):
        return [Clause(tuple(range(len(doc.toks))))], False
    out: list[Clause] = []
    reported = False
    for sentence in _sentences(doc, lang):
        extra: list[Clause] = []
        current = sentence
        for _ in range(4):
            split_off = lang.appositive(doc, current)
            if split_off is None:
                break
            current, appositive = split_off
            extra.append(appositive)
        framed = lang.attribution(doc, current)
        if framed is not None:
            reported = True
            speaker, current = framed
            if speaker is not None:
                extra.append(speaker)
        out.extend(_apply(doc, current, lang))
        out.extend(extra)
    return [_annotate(doc, c, lang) for c in out], reported


def _sentences(doc: ClaimText, lang: Language) -> list[Clause]:
    idx = list(range(len(doc.toks)))
    while idx and doc.is_punct(idx[-1], _SENTENCE_END):
        idx.pop()
    pieces: list[list[int]] = [[]]
    for i in idx:
        tok = doc.toks[i]
        if tok.kind == "punct" and (tok.text in _SENTENCE_SPLIT or _sentence_end(doc, i)):
            pieces.append([])
        else:
            pieces[-1].append(i)
    clauses = [Clause(tuple(p)) for p in pieces if p]
    clauses = clauses[:1] + [lang.open_sentence(doc, c, prev) for prev, c in pairwise(clauses)]
    if len(clauses) > 1 and all(lang.checkable(doc, c) and lang.has_verb(doc, c) for c in clauses):
        return clauses
    return [Clause(tuple(idx))] if idx else []


def _question(doc: ClaimText) -> bool:
    """A claim that ends with a question mark asserts nothing to split (ما هو … الذي …؟)."""
    last = next((t for t in reversed(doc.toks) if t.kind != "punct" or t.text not in "\"'»”)"), None)
    return last is not None and last.kind == "punct" and last.text in "?؟"


def _sentence_end(doc: ClaimText, i: int) -> bool:
    """A sentence end between words: one ``.!?؟`` after a word of two letters or more, or a number (not
    the ".." or "…" that joins the halves of a headline)."""
    if doc.toks[i].text not in _SENTENCE_END or i == 0 or i + 1 >= len(doc.toks):
        return False
    if doc.toks[i].text == "…" or doc.is_punct(i - 1, _SENTENCE_END) or doc.is_punct(i + 1, _SENTENCE_END):
        return False
    prev = doc.toks[i - 1]
    glued = prev.end == doc.toks[i].start
    if prev.kind == "word" and prev.key in cs.ABBREVIATIONS_EN:
        return False  # Dr. Ford, Ms. Maurice, U.S.
    return glued and (prev.kind == "num" or (prev.kind == "word" and len(prev.text) >= 2))


def _apply(doc: ClaimText, clause: Clause, lang: Language) -> list[Clause]:
    work, done = [clause], []
    steps = 0
    while work:
        c = work.pop(0)
        steps += 1
        replaced = None
        if steps <= _MAX_STEPS:
            for rule in lang.clause_rules:
                replaced = rule(doc, c)
                if replaced:
                    break
        if replaced:
            work = replaced + work
        else:
            done.append(c)
    return done


def _annotate(doc: ClaimText, c: Clause, lang: Language) -> Clause:
    if c.kind != "statement":
        return c
    naming = lang.naming(doc, c)
    if naming is not None:
        return replace(c, kind="naming", naming=naming)
    if lang.continuing(doc, c):
        return replace(c, kind="continuing")
    return c


def _parts(doc: ClaimText, clauses: list[Clause]) -> list[ClaimPart]:
    parts: list[ClaimPart] = []
    seen: set[tuple[str, int, int]] = set()
    for c in clauses:
        part = to_part(doc, c)
        if part is None or (part.text, part.start, part.end) in seen:
            continue
        seen.add((part.text, part.start, part.end))
        parts.append(part)
    parts.sort(key=lambda p: (p.start, p.end))
    return parts
