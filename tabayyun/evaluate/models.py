"""Evaluate one stance model on (claim, evidence) pairs: ANS, AraStance-format, NLI.

* Pairs go to the model in batches; ANS and NLI score its argmax mapped onto the
  data set's labels (see :mod:`tabayyun.evaluate.readers`).
* Articles: a whole article's stance comes from its best evidence sentences
  (:func:`article_stance`), so articles of thousands of words work.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..protocols import StanceModel
from ..results import STANCES, Stance
from .metrics import classification_report, expected_calibration_error
from .readers import (
    ANS_LABELS,
    ARASTANCE_LABELS,
    NLI_LABELS,
    STANCE_TO_ANS,
    STANCE_TO_ARASTANCE,
    STANCE_TO_NLI,
    read_ans,
    read_arastance,
    read_nli,
)


def batched(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for s in range(0, len(items), size):
        yield items[s : s + size]


def predict_pairs(
    model: StanceModel, pairs: Iterable[tuple[str, str]], batch: int = 256
) -> NDArray[np.float64]:
    items = list(pairs)
    if not items:
        return np.zeros((0, len(STANCES)))
    out = [model.predict_proba([c for c, _ in b], [e for _, e in b]) for b in batched(items, batch)]
    return np.concatenate(out, axis=0)


# ---------------------------------------------------------------- articles
#: sentences of an article sent to the model (the best by term overlap with the claim)
ARTICLE_CANDIDATES = 8


@dataclass(frozen=True, slots=True)
class ArticleStance:
    """A whole article's stance and the evidence sentences it came from."""

    stance: Stance
    probabilities: NDArray[np.float64]
    evidence: tuple[tuple[int, int], ...]  # (start, end) into the article, best first


def candidate_sentences(claim: str, article: str, k: int = ARTICLE_CANDIDATES) -> list[tuple[int, int]]:
    """The ``k`` sentences of ``article`` sharing the most claim terms (ties: earlier first).

    Overlap is the share of the claim's distinct terms found in the sentence, so a
    long noisy article costs ``k`` model calls, not one per sentence.
    """
    from ..text.segment import sentences
    from ..text.stem import terms

    spans = sentences(article)
    if not spans:
        return []
    claim_terms = set(terms(claim))
    scored = []
    for i, sp in enumerate(spans):
        sent_terms = set(terms(article[sp.start : sp.end]))
        overlap = len(claim_terms & sent_terms) / max(1, len(claim_terms))
        scored.append((-overlap, i, (sp.start, sp.end)))
    scored.sort()
    return [span for _, _, span in scored[:k]]


def pool_sentence_probs(probs: NDArray[np.float64]) -> NDArray[np.float64]:
    """An article's stance distribution from its candidate sentences' distributions.

    Agree, disagree and discuss take their maximum over the sentences (one clear
    sentence is enough), unrelated its minimum (one related sentence makes the
    article related); the four are renormalized to sum to 1.
    """
    if len(probs) == 0:
        out = np.zeros(len(STANCES))
        out[STANCES.index("unrelated")] = 1.0
        return out
    u = STANCES.index("unrelated")
    pooled: NDArray[np.float64] = probs.max(axis=0).astype(np.float64)
    pooled[u] = probs[:, u].min()
    pooled /= pooled.sum()
    return pooled


def article_stances(
    model: StanceModel, claim: str, articles: Sequence[str], k: int = ARTICLE_CANDIDATES
) -> list[ArticleStance]:
    """The stance of each article towards ``claim`` (one batched model call)."""
    cands = [candidate_sentences(claim, a, k) for a in articles]
    pairs = [(claim, a[s:e]) for a, spans in zip(articles, cands, strict=True) for s, e in spans]
    probs = predict_pairs(model, pairs)
    out: list[ArticleStance] = []
    pos = 0
    for spans in cands:
        p = probs[pos : pos + len(spans)]
        pos += len(spans)
        pooled = pool_sentence_probs(p)
        order: list[int] = (
            np.argsort(-(1.0 - p[:, STANCES.index("unrelated")]), kind="stable").tolist() if len(p) else []
        )
        out.append(ArticleStance(STANCES[int(pooled.argmax())], pooled, tuple(spans[i] for i in order)))
    return out


# ---------------------------------------------------------------- runners
@dataclass(frozen=True, slots=True)
class EvalResult:
    report: dict[str, Any]
    predictions: list[dict[str, Any]]


def evaluate_ans(model: StanceModel, path: str | Path) -> EvalResult:
    """Score ``model`` on an ANS stance CSV, over ANS's own three labels."""
    rows = read_ans(path)
    probs = predict_pairs(model, [(r.s1, r.s2) for r in rows])
    pred = [STANCE_TO_ANS[STANCES[int(i)]] for i in probs.argmax(axis=1)] if len(rows) else []
    rep = classification_report([r.stance for r in rows], pred, ANS_LABELS)
    # calibration of the 3-way distribution ANS scores (discuss + unrelated = other)
    p3 = (
        np.stack([probs[:, 0], probs[:, 1], probs[:, 2] + probs[:, 3]], axis=1) if len(rows) else probs[:, :3]
    )
    rep["ece"] = expected_calibration_error(p3, [ANS_LABELS.index(r.stance) for r in rows])
    return EvalResult(rep, [{"line": r.line, "stance": p} for r, p in zip(rows, pred, strict=True)])


def evaluate_arastance(model: StanceModel, path: str | Path, k: int = ARTICLE_CANDIDATES) -> EvalResult:
    """Score ``model`` on AraStance-format JSONL: one stance per (claim, article)."""
    rows = read_arastance(path)
    gold: list[str] = []
    pred: list[str] = []
    all_probs: list[NDArray[np.float64]] = []
    preds_out: list[dict[str, Any]] = []
    for r in rows:
        res = article_stances(model, r.claim, r.articles, k)
        labels = [STANCE_TO_ARASTANCE[a.stance] for a in res]
        gold.extend(r.stances)
        pred.extend(labels)
        all_probs.extend(a.probabilities for a in res)
        preds_out.append({"line": r.line, "stance": labels})
    rep = classification_report(gold, pred, ARASTANCE_LABELS)
    if all_probs:
        rep["ece"] = expected_calibration_error(
            np.stack(all_probs), [ARASTANCE_LABELS.index(g) for g in gold]
        )
    return EvalResult(rep, preds_out)


def evaluate_nli(model: StanceModel, path: str | Path) -> EvalResult:
    """Score ``model`` on NLI pairs (claim = hypothesis, evidence = premise), over the NLI labels."""
    rows = read_nli(path)
    probs = predict_pairs(model, [(r.hypothesis, r.premise) for r in rows])
    pred = [STANCE_TO_NLI[STANCES[int(i)]] for i in probs.argmax(axis=1)] if len(rows) else []
    rep = classification_report([r.label for r in rows], pred, NLI_LABELS)
    # entailment = agree, neutral = discuss + unrelated, contradiction = disagree
    p3 = (
        np.stack([probs[:, 0], probs[:, 2] + probs[:, 3], probs[:, 1]], axis=1) if len(rows) else probs[:, :3]
    )
    rep["ece"] = expected_calibration_error(p3, [NLI_LABELS.index(r.label) for r in rows])
    return EvalResult(rep, [{"line": r.line, "stance": p} for r, p in zip(rows, pred, strict=True)])
