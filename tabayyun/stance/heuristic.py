"""A simple, honest first stance model: calibrated similarity plus negation cues.

It knows three things: how similar two sentences are (e5 cosine), how much of the
claim's vocabulary the sentence shares, and whether one side is negated. It
cannot tell a paraphrase from a contradiction beyond that; the learned model in
:mod:`tabayyun.stance.learned` replaces it by default. The quantity, date and
entity comparisons are applied on top of any stance model in :mod:`tabayyun.verdict`.

Both sides are read cleaned (:func:`tabayyun.text.clean.clean`): the embedder, the word
overlap and the negation cues never see tatweel, diacritics or zero-width marks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..protocols import Embedder, passage_vectors
from ..results import STANCES
from ..text import clean, terms, words
from ..text.lang import detect
from .negation import scoped_negation_differs

#: cosine between the claim (``query:``) and the sentence (``passage:``, as stored) at which
#: a pair is as likely related as not. First set to 0.86 for ``query:`` on both sides on the
#: project's sample pairs; shifted by the mean difference measured between the two
#: (-0.028 over 336 claim/candidate pairs of bench/claims_dev) when the model switched to
#: the stored passage vectors, so a check need not embed its candidates again.
RELATED_AT = 0.832
RELATED_SCALE = 0.02
#: the same threshold for an English claim about an Arabic sentence (or the reverse): e5 scores
#: the same content 0.048 lower across the two languages (mean over 1,200 NTREX-128 pairs of
#: training documents, neighbour and other-document sentences alike: ``bench/crosslingual_shift.py``)
RELATED_AT_CROSS = RELATED_AT - 0.048
#: word overlap cannot be seen across scripts; such pairs count as sharing half the claim's words
#: (no push either way), or what their shared digits and Latin names give when that is more
NEUTRAL_OVERLAP = 0.5
#: a polarity difference only counts in a sentence that repeats this share of the claim's words
NEGATION_OVERLAP = 0.4
REPORTING_CUES = frozenset({"قال", "قالت", "اكد", "اكدت", "اشار", "اشارت", "ذكر", "ذكرت", "نقلت", "بحسب",
                            "وفق",
                            "وفقا", "مصدر", "مصادر", "reportedly", "said", "according", "claimed", "sources"})


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def crosses_languages(claim: str, evidence: str) -> bool:
    """One side English, the other Arabic (by script): their words cannot overlap."""
    return {detect(claim), detect(evidence)} == {"ar", "en"}


def term_overlap(claim: str, evidence: str) -> float:
    """Share of the claim's distinct stemmed terms found in the evidence."""
    c = set(terms(claim))
    if not c:
        return 0.0
    return len(c & set(terms(evidence))) / len(c)


class HeuristicStance:
    """:class:`~tabayyun.protocols.VectorStanceModel` from similarity, overlap and negation."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        if len(claims) != len(evidence):
            raise ValueError("claims and evidence must have the same length")
        if not claims:
            return np.zeros((0, len(STANCES)))
        claims, evidence = [clean(c) for c in claims], [clean(e) for e in evidence]
        uniq_c = list(dict.fromkeys(claims))
        uniq_e = list(dict.fromkeys(evidence))
        cv = dict(zip(uniq_c, self.embedder.embed(uniq_c)))
        ev = dict(zip(uniq_e, passage_vectors(self.embedder, uniq_e)))
        return self.predict_proba_vectors(
            claims, evidence, np.stack([cv[c] for c in claims]), np.stack([ev[e] for e in evidence])
        )

    def predict_proba_vectors(
        self,
        claims: Sequence[str],
        evidence: Sequence[str],
        claim_vectors: NDArray[np.float32],
        evidence_vectors: NDArray[np.float32],
    ) -> NDArray[np.float64]:
        """As :meth:`predict_proba`, with the claims' query vectors and the sentences' passage
        vectors already at hand (the checker has them from retrieval and the store)."""
        out = np.zeros((len(claims), len(STANCES)))
        for i, (c, e) in enumerate(zip(map(clean, claims), map(clean, evidence))):
            sim = float(np.dot(claim_vectors[i], evidence_vectors[i]))
            overlap = term_overlap(c, e)
            threshold = RELATED_AT
            if crosses_languages(c, e):
                threshold, overlap = RELATED_AT_CROSS, max(overlap, NEUTRAL_OVERLAP)
            related = _sigmoid((sim - threshold) / RELATED_SCALE + 2.0 * (overlap - 0.5))
            reported = bool(set(words(e)) & REPORTING_CUES) and not bool(set(words(c)) & REPORTING_CUES)
            if overlap >= NEGATION_OVERLAP and scoped_negation_differs(c, e):
                agree, disagree, discuss = 0.1, 0.8, 0.1
            elif reported:
                agree, disagree, discuss = 0.45, 0.05, 0.5
            else:  # agreement grows with the share of the claim's words the sentence repeats
                agree = 0.3 + 0.6 * overlap
                disagree, discuss = 0.05, 0.95 - agree
            out[i] = [related * agree, related * disagree, related * discuss, 1.0 - related]
        return out
