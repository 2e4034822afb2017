"""The result shapes shared by the library, the CLI, the API and the web page.

Every public result is a frozen dataclass; ``to_dict`` gives the JSON contract.
Offsets (``start``/``end``) always index the *original* text of the source, so
``source_text[start:end] == text`` holds exactly.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Stance = Literal["agree", "disagree", "discuss", "unrelated"]
#: ``mixed``: a claim of several parts, some supported and some refuted ("partly true"); see
#: :func:`tabayyun.verdict.combine_parts`
Verdict = Literal["supported", "refuted", "not_enough_info", "conflicting", "mixed"]
CheckOutcome = Literal["match", "mismatch", "not_comparable"]
#: what a check compares: a number, a date, a name (people, organizations, places by role), membership
#: in a stated list, done vs under way, a quantifier word (all / some / none), and how the sources name
#: something (a naming/wording claim)
CheckKind = Literal["quantity", "date", "entity", "membership", "completion", "quantifier", "naming"]

STANCES: tuple[Stance, ...] = ("agree", "disagree", "discuss", "unrelated")
VERDICTS: tuple[Verdict, ...] = ("supported", "refuted", "not_enough_info", "conflicting", "mixed")
#: the column of each stance in every ``(n, len(STANCES))`` probability array
A, D, S, U = (STANCES.index(s) for s in ("agree", "disagree", "discuss", "unrelated"))


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, tuples and lists to plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


class _JSON:
    def to_dict(self) -> dict[str, Any]:
        out = to_jsonable(self)
        assert isinstance(out, dict)
        return out


@dataclass(frozen=True, slots=True)
class Span(_JSON):
    """A half-open character range ``[start, end)`` into some original text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Document(_JSON):
    """A stored source document. ``text`` is the original (display) text."""

    id: int
    title: str
    source: str
    text: str
    hash: str
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit(_JSON):
    """One retrieved sentence with its fused score and the ranks that made it."""

    text: str
    source: str
    document_id: int
    sentence_id: int
    start: int
    end: int
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class FormSpan(_JSON):
    """One occurrence of a name form: ``document.text[start:end] == text``, the surface as written;
    ``quoted``: inside quotation marks or the document's heading line (someone else's wording, a title)."""

    document_id: int | None
    start: int
    end: int
    text: str
    quoted: bool = False
    source: str | None = None


@dataclass(frozen=True, slots=True)
class NameForm(_JSON):
    """How often the sources use one form of a name (:mod:`tabayyun.claims.naming`)."""

    form: str
    count: int
    quoted_count: int
    spans: tuple[FormSpan, ...] = ()
    claimed: bool = False


@dataclass(frozen=True, slots=True)
class Check(_JSON):
    """One explicit comparison between claim and evidence (a quantity, a date, an entity, a negation)."""

    kind: CheckKind
    claim_text: str
    evidence_text: str
    result: CheckOutcome
    detail: str = ""
    tolerance: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    source: str | None = None
    #: the stored document the evidence offsets index (``None``: a source not in the store)
    document_id: int | None = None
    #: a ``naming`` check: each form of the name with its counts and occurrences, most used first
    forms: tuple[NameForm, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence(_JSON):
    text: str
    stance: Stance
    score: float
    source: str
    start: int
    end: int
    document_id: int | None = None
    probabilities: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reason(_JSON):
    """Why a verdict is what it is, in one or two short sentences, in Arabic and in English (built from
    templates over the checks and the evidence: :mod:`tabayyun.claims.explain`)."""

    ar: str
    en: str


@dataclass(frozen=True, slots=True)
class Correction(_JSON):
    """What the source says instead of a refuted claim: the sentence to show (``text_ar``/``text_en``)
    and the exact stretch of the source it rests on, ``source_text[start:end] == evidence_text``
    (``document_id``: the stored document those offsets index, ``None`` for a source not in the store)."""

    text_ar: str
    text_en: str
    evidence_text: str
    source: str
    document_id: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PartResult(_JSON):
    """The answer for one part of a claim (see :mod:`tabayyun.claims.decompose`).

    ``text`` is the part as a standalone claim; ``start``/``end`` index the stretch of the *claim* it
    asserts. ``evidence`` and ``checks`` have the shapes (and source offsets) of the whole result's.
    """

    text: str
    start: int
    end: int
    kind: str
    verdict: Verdict
    confidence: float
    evidence: tuple[Evidence, ...]
    checks: tuple[Check, ...]
    reason: Reason | None = None
    correction: Correction | None = None


#: the keys of ``CheckResult.to_dict()``, in their documented order
CHECK_RESULT_KEYS = ("id", "claim", "verdict", "confidence", "evidence", "checks", "reason", "correction",
                     "parts")


@dataclass(frozen=True, slots=True)
class CheckResult(_JSON):
    """The answer for one claim: the JSON contract of ``tabayyun check``.

    ``verdict`` and ``confidence`` are the whole claim's; with several ``parts`` they come from the
    parts' (:func:`tabayyun.verdict.combine_parts`), and ``evidence`` and ``checks`` are the parts'
    together. ``reason`` says why (every verdict has one); ``correction`` is what the source says
    instead (refuted only, else ``None``). A claim of one part has ``parts`` of length 1 mirroring
    the whole result. JSON keys in the order of :data:`CHECK_RESULT_KEYS`: id, claim, verdict,
    confidence, evidence, checks, reason, correction, parts.
    """

    claim: str
    verdict: Verdict
    confidence: float
    evidence: tuple[Evidence, ...]
    checks: tuple[Check, ...]
    id: Any = None
    reason: Reason | None = None
    correction: Correction | None = None
    parts: tuple[PartResult, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = to_jsonable(self)
        # stable key order: id first, as documented
        return {k: d[k] for k in CHECK_RESULT_KEYS}


@dataclass(frozen=True, slots=True)
class StancePrediction(_JSON):
    """What a stance model says of one (claim, evidence) pair."""

    stance: Stance
    probabilities: dict[str, float]

    @property
    def score(self) -> float:
        return self.probabilities.get(self.stance, 0.0)


@dataclass(frozen=True, slots=True)
class AddReport(_JSON):
    """What ``add`` did to each input: added, unchanged (duplicate) or failed (with why)."""

    added: tuple[str, ...]
    unchanged: tuple[str, ...]
    errors: tuple[dict[str, Any], ...]
    documents: int
    sentences: int
