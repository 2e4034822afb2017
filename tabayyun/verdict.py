"""The verdict logic, all of it: from evidence stances and explicit checks to one verdict.

1. Each evidence sentence comes with stance probabilities from the stance model
   (agree, disagree, discuss, unrelated).
2. :func:`apply_checks` moves them by the explicit comparisons of that sentence:
   a quantity, date or entity *mismatch* in a related sentence turns it towards
   disagree; matches (and no mismatch) towards agree. Explicit numbers beat
   similarity: "600 million" against "436 million" is a contradiction however
   alike the sentences read.
   Before that, :func:`resolve_checks` settles each claim mention across all the
   evidence: a claim number (or date, or name) that some related sentence
   *matches* is not contradicted by another sentence that merely mentions a
   different number of the same unit — that sentence is about something else.
3. :func:`decide` aggregates: the strongest agreeing and disagreeing *on-topic*
   sentences decide between supported, refuted and conflicting; when neither is
   strong enough — and always when no sentence is on topic — the answer is
   not_enough_info, never a guess. A sentence is on topic when its unrelated
   probability is below :data:`ON_TOPIC` (:func:`is_on_topic`).
4. The confidence: a raw score from the deciding probabilities, then the
   calibrated map for that verdict (:mod:`tabayyun.calibration`), so that a
   confidence of 0.7 means about 70 % of such verdicts are right.

5. A claim of several parts (:mod:`tabayyun.claims.decompose`) gets steps 1-4 per part, then
   one overall verdict and confidence from the parts' by :func:`combine_parts` (its docstring
   has the rule, case by case); that is where ``mixed`` comes from.

:func:`result_stance` reads a whole check as one stance towards its sources
(supported agree, refuted disagree, conflicting, mixed, or not_enough_info with on-topic
evidence discuss, otherwise unrelated); ``tabayyun eval --system pipeline`` scores it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .calibration import calibrate
from .results import STANCES, A, Check, CheckResult, D, S, Stance, U, Verdict

#: a stance probability at or above this makes a sentence count as evidence for the verdict
DECISIVE = 0.5
#: when both sides are decisive, a lead this large still picks one side
MARGIN = 0.25
#: how far a mismatch check moves a related sentence towards disagree (and a match towards agree)
MISMATCH_WEIGHT = 0.9
MATCH_WEIGHT = 0.7
#: a sentence whose unrelated probability is below this is on topic (it may count as evidence)
ON_TOPIC = 0.5
CONFIRMING_KINDS = frozenset({"quantity", "date", "membership"})


_YEAR_WORDS = re.compile(r"\b(?:عام|العام|سنة|السنة|لعام|year|in|the)\b|[\d\s.,/-]", re.IGNORECASE)


def is_specific(check: Check) -> bool:
    """A quantity, or a date finer than a bare year ("March 2023", "14 آذار", not "عام 2024")."""
    if check.kind == "quantity":
        return True
    return check.kind == "date" and bool(_YEAR_WORDS.sub("", check.claim_text).strip())


def apply_checks(probs: NDArray[np.float64], checks: Sequence[Check]) -> NDArray[np.float64]:
    """Stance probabilities of one sentence moved by its explicit comparisons (sums stay 1)."""
    p = np.asarray(probs, dtype=np.float64).copy()
    related = 1.0 - p[U]
    mismatches = sum(1 for c in checks if c.result == "mismatch")
    # a matching name says the sentence is on topic, not that it agrees: only numbers and dates confirm
    matches_specific = sum(1 for c in checks if c.result == "match" and c.kind in CONFIRMING_KINDS)
    if mismatches:
        move = MISMATCH_WEIGHT * related
        shift = move - p[D]
        if shift > 0:
            # take the mass from agree first, then discuss
            take_a = min(p[A], shift)
            p[A] -= take_a
            p[S] -= min(p[S], shift - take_a)
            p[D] = 1.0 - p[A] - p[S] - p[U]
    elif matches_specific:
        if any(c.result == "match" and is_specific(c) for c in checks):
            # the same number of the same thing, or the same month, is no coincidence: on topic
            take_u = MATCH_WEIGHT * p[U]
            p[U] -= take_u
            p[A] += take_u
            related = 1.0 - p[U]
        move = MATCH_WEIGHT * related
        shift = move - p[A]
        if shift > 0:
            take_s = min(p[S], shift)
            p[S] -= take_s
            p[A] += take_s
    return np.clip(p, 0.0, 1.0) / max(float(np.clip(p, 0.0, 1.0).sum()), 1e-12)


def resolve_checks(per_sentence: Sequence[Sequence[Check]]) -> list[list[Check]]:
    """Drop the mismatches of claim mentions that another evidence sentence matches.

    A claim mention is identified by ``(kind, claim_text)``. Matches and
    not-comparable results are kept as they are.
    """
    matched = {(c.kind, c.claim_text) for checks in per_sentence for c in checks if c.result == "match"}
    return [
        [c for c in checks if not (c.result == "mismatch" and (c.kind, c.claim_text) in matched)]
        for checks in per_sentence
    ]


def stance_of(probs: NDArray[np.float64]) -> Stance:
    return STANCES[int(np.argmax(probs))]


def is_on_topic(probs: NDArray[np.float64]) -> bool:
    """Whether a sentence with these (check-adjusted) stance probabilities is on topic."""
    return float(probs[U]) < ON_TOPIC


def result_stance(result: CheckResult) -> Stance:
    """A whole check as one stance towards its sources.

    supported -> agree, refuted -> disagree, conflicting -> discuss; mixed -> disagree (the sources
    contradict one part of the claim: the claim as stated cannot hold, which is what NLI's
    contradiction and the stance corpora's disagree mean; "partly true" is the nuance ClaimReview
    keeps); not_enough_info -> discuss when some reported evidence sentence is on topic, else
    unrelated.
    """
    if result.verdict == "supported":
        return "agree"
    if result.verdict in ("refuted", "mixed"):
        return "disagree"
    if result.verdict == "conflicting":
        return "discuss"
    on_topic = any(e.probabilities.get("unrelated", 1.0) < ON_TOPIC for e in result.evidence)
    return "discuss" if on_topic else "unrelated"


@dataclass(frozen=True, slots=True)
class Decision:
    """A verdict, its calibrated confidence and the raw score it was calibrated from."""

    verdict: Verdict
    confidence: float
    raw_confidence: float


def decide(probs: Sequence[NDArray[np.float64]], *, contradicted: bool = False) -> Decision:
    """One verdict from the (check-adjusted) stance probabilities of the evidence sentences.

    Only on-topic sentences (:func:`is_on_topic`) count; with none the verdict is
    not_enough_info. ``contradicted``: some number, date or name of the claim is
    contradicted by a related sentence and confirmed by none. Then sentences that
    agree in general cannot make the claim supported: the specific it asserts is wrong.
    """
    verdict, raw = _raw_decision(probs, contradicted)
    raw = _round(raw)
    return Decision(verdict, _round(calibrate(verdict, raw)), raw)


def _raw_decision(probs: Sequence[NDArray[np.float64]], contradicted: bool) -> tuple[Verdict, float]:
    if len(probs) == 0:
        return "not_enough_info", 1.0
    m = np.asarray(probs, dtype=np.float64)
    on_topic = m[m[:, U] < ON_TOPIC]
    if len(on_topic) == 0:  # nothing on topic: no verdict but not_enough_info, however close
        return "not_enough_info", 1.0 - float(max(m[:, A].max(), m[:, D].max()))
    m = on_topic
    best_agree = float(m[:, A].max())
    best_disagree = float(m[:, D].max())
    if contradicted and best_disagree >= DECISIVE:
        return "refuted", best_disagree
    agree_decisive = best_agree >= DECISIVE
    disagree_decisive = best_disagree >= DECISIVE
    if agree_decisive and disagree_decisive:
        if best_agree - best_disagree >= MARGIN:
            return "supported", best_agree - best_disagree / 2
        if best_disagree - best_agree >= MARGIN:
            return "refuted", best_disagree - best_agree / 2
        return "conflicting", min(best_agree, best_disagree)
    if agree_decisive:
        return "supported", best_agree
    if disagree_decisive:
        return "refuted", best_disagree
    return "not_enough_info", 1.0 - max(best_agree, best_disagree)


def combine_parts(
    parts: Sequence[tuple[Verdict, float]], whole: tuple[Verdict, float] | None = None
) -> tuple[Verdict, float]:
    """The overall verdict and confidence of a claim from its parts' ``(verdict, confidence)``.

    ``whole`` is the verdict of checking the claim's whole text as one assertion. A part is a
    rewritten piece of the claim ("the coalition has 41 members" out of "the coalition of 41
    countries still calls ..."); checked alone it can lose the context that made its evidence
    relevant, so a part that finds nothing decisive does not undo what the whole claim's check
    found. The parts decide where they say something the whole check cannot: a refuted part, or
    every part supported. Case by case (first that applies):

    1. one part: that part's verdict and confidence, unchanged.
    2. some part refuted, and some part (or the whole claim) supported -> ``mixed`` ("partly
       true"): the sources confirm one assertion and contradict another. Confidence: that both
       are right, so the weaker of the best refuted and the best supported one's.
    3. some part refuted, nothing supported -> ``refuted``: one false part makes the claim as
       asserted false. Confidence: the best refuted part's (one right refutation is enough).
    4. every part supported -> ``supported``. Confidence: the weakest part's (each part must be
       right for the whole to be).
    5. no part refuted and not every part supported -> the whole claim's verdict and confidence
       (conflicting, not_enough_info, or what the whole check found). Without ``whole``: conflicting
       if some part is (the best conflicting part's confidence), else not_enough_info (the best
       not_enough_info part's): the claim as a whole is then not shown.

    A ``mixed`` part (which :func:`decide` never gives) counts as one supported and one refuted part.
    No part at all is not_enough_info at :func:`decide`'s confidence for no evidence. The confidences
    are already calibrated (each went through :func:`decide`), so the result is not calibrated again:
    ``mixed`` has no map of its own.
    """
    if not parts:
        none = decide([])
        return none.verdict, none.confidence
    if len(parts) == 1:
        return parts[0][0], _round(parts[0][1])
    by: dict[str, list[float]] = {}
    for verdict, conf in parts:
        for v in (("supported", "refuted") if verdict == "mixed" else (verdict,)):
            by.setdefault(v, []).append(float(conf))
    supported = list(by.get("supported", []))
    if whole is not None and whole[0] in ("supported", "mixed"):
        supported.append(float(whole[1]))
    if "refuted" in by and supported:
        return "mixed", _round(min(max(by["refuted"]), max(supported)))
    if "refuted" in by:
        return "refuted", _round(max(by["refuted"]))
    if all(v == "supported" for v, _ in parts):
        return "supported", _round(min(by["supported"]))
    if whole is not None:
        return whole[0], _round(whole[1])
    # no part refuted or mixed, not all supported: some part is conflicting or not_enough_info
    undecided: Verdict = "conflicting" if "conflicting" in by else "not_enough_info"
    return undecided, _round(max(by[undecided]))


def _round(x: float) -> float:
    return round(min(1.0, max(0.0, x)), 4)
