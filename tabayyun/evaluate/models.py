"""Evaluate a stance model on ANS (CSV) or AraStance-format (JSONL) data.

* Metrics: accuracy, macro-F1, per-class precision/recall/F1, confusion matrix,
  expected calibration error — implemented here, no scikit-learn needed.
* Readers: ANS ``s1,s2,stance`` CSV; AraStance JSONL (``claim``, ``article`` — a
  list of article texts — and ``stance``, one label per article).
* Articles: a whole article's stance comes from its best evidence sentences
  (:func:`article_stance`), so articles of thousands of words work.

Label mapping. ANS's ``other`` pairs are headlines about different news (checked
by reading the training rows), so ``other`` maps to ``unrelated`` for training;
when scoring on ANS, both ``discuss`` and ``unrelated`` predictions map back to
``other`` and macro-F1 is computed over ANS's own three classes, as published.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .errors import InputError
from .jsonl import json_objects
from .protocols import StanceModel
from .results import STANCES, Stance

ANS_LABELS: tuple[str, ...] = ("agree", "disagree", "other")
ANS_TO_STANCE: dict[str, Stance] = {"agree": "agree", "disagree": "disagree", "other": "unrelated"}
STANCE_TO_ANS: dict[str, str] = {"agree": "agree", "disagree": "disagree", "discuss": "other", "unrelated": "other"}
ARASTANCE_LABELS: tuple[str, ...] = ("Agree", "Disagree", "Discuss", "Unrelated")
ARASTANCE_TO_STANCE: dict[str, Stance] = {a: s for a, s in zip(ARASTANCE_LABELS, STANCES, strict=True)}
STANCE_TO_ARASTANCE: dict[str, str] = {s: a for a, s in ARASTANCE_TO_STANCE.items()}


# ------------------------------------------------------------------ metrics
def confusion_matrix(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """``m[i][j]`` = number of items of gold label ``labels[i]`` predicted as ``labels[j]``."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    index = {lab: i for i, lab in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred, strict=True):
        m[index[g]][index[p]] += 1
    return m


def classification_report(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 (mean over ``labels``), per-class P/R/F1/support, confusion matrix.

    A class never predicted has precision 0; a class absent from gold has recall 0
    (scikit-learn's ``zero_division=0``).
    """
    m = confusion_matrix(gold, pred, labels)
    per: dict[str, dict[str, float]] = {}
    for i, lab in enumerate(labels):
        tp = m[i][i]
        predicted = sum(m[r][i] for r in range(len(labels)))
        support = sum(m[i])
        p = tp / predicted if predicted else 0.0
        r = tp / support if support else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = {"precision": p, "recall": r, "f1": f, "support": support}
    n = len(gold)
    return {
        "n": n,
        "accuracy": sum(m[i][i] for i in range(len(labels))) / n if n else 0.0,
        "macro_f1": sum(v["f1"] for v in per.values()) / len(labels) if labels else 0.0,
        "per_class": per,
        "labels": list(labels),
        "confusion": m,
    }


def expected_calibration_error(probs: NDArray[np.floating], gold: Sequence[int], bins: int = 10) -> float:
    """ECE of the top-class confidence, equal-width bins."""
    p = np.asarray(probs, dtype=np.float64)
    if len(p) == 0:
        return 0.0
    conf = p.max(axis=1)
    correct = p.argmax(axis=1) == np.asarray(gold)
    ece = 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        sel = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
        if sel.any():
            ece += sel.mean() * abs(float(correct[sel].mean()) - float(conf[sel].mean()))
    return float(ece)


def format_report(rep: dict[str, Any]) -> str:
    """The human-readable table ``tabayyun eval`` prints."""
    labels = rep["labels"]
    w = max(10, *(len(x) for x in labels))
    lines = [f"n={rep['n']}  accuracy={rep['accuracy']:.4f}  macro-F1={rep['macro_f1']:.4f}"]
    if "ece" in rep:
        lines[0] += f"  ECE={rep['ece']:.4f}"
    lines.append("")
    lines.append(f"{'class':<{w}} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}")
    for lab in labels:
        c = rep["per_class"][lab]
        lines.append(f"{lab:<{w}} {c['precision']:>9.4f} {c['recall']:>7.4f} {c['f1']:>7.4f} {c['support']:>8d}")
    lines.append("")
    lines.append("confusion (rows gold, columns predicted)")
    lines.append(" " * w + " " + " ".join(f"{lab[:9]:>9}" for lab in labels))
    for lab, row in zip(labels, rep["confusion"], strict=True):
        lines.append(f"{lab:<{w}} " + " ".join(f"{v:>9d}" for v in row))
    return "\n".join(lines)


# ------------------------------------------------------------------ readers
@dataclass(frozen=True, slots=True)
class AnsRow:
    s1: str
    s2: str
    stance: str
    line: int


@dataclass(frozen=True, slots=True)
class AraStanceRow:
    claim: str
    articles: tuple[str, ...]
    stances: tuple[str, ...]
    line: int


def read_ans(path: str | Path) -> list[AnsRow]:
    """ANS stance CSV: header ``s1,s2,stance``; stance in agree / disagree / other."""
    rows: list[AnsRow] = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"s1", "s2", "stance"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"{path}: not an ANS stance CSV (missing columns {sorted(missing)})")
        for i, r in enumerate(reader, start=2):
            stance = (r["stance"] or "").strip()
            if stance not in ANS_LABELS:
                raise InputError(f"{path}:{i}: unknown ANS stance {stance!r}")
            rows.append(AnsRow(r["s1"] or "", r["s2"] or "", stance, i))
    return rows


def read_arastance(path: str | Path) -> list[AraStanceRow]:
    """AraStance JSONL: one claim per line with its articles and one stance per article."""
    rows: list[AraStanceRow] = []
    with open(path, encoding="utf-8") as fh:
        for i, obj, error in json_objects(fh):
            if obj is None:
                raise InputError(f"{path}:{i}: {error}")
            claim, arts, stances = obj.get("claim"), obj.get("article"), obj.get("stance")
            if isinstance(arts, str):
                arts = [arts]
            if isinstance(stances, str):
                stances = [stances]
            if not isinstance(claim, str) or not isinstance(arts, list) or not isinstance(stances, list):
                raise InputError(f"{path}:{i}: needs 'claim' (text), 'article' and 'stance' (lists)")
            if len(arts) != len(stances):
                raise InputError(f"{path}:{i}: {len(arts)} articles but {len(stances)} stances")
            for s in stances:
                if s not in ARASTANCE_TO_STANCE:
                    raise InputError(f"{path}:{i}: unknown AraStance stance {s!r}")
            rows.append(AraStanceRow(claim, tuple(str(a) for a in arts), tuple(stances), i))
    return rows


def batched(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for s in range(0, len(items), size):
        yield items[s : s + size]


def predict_pairs(model: StanceModel, pairs: Iterable[tuple[str, str]], batch: int = 256) -> NDArray[np.float64]:
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
    from .text.segment import sentences
    from .text.stem import terms

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
    pooled = probs.max(axis=0).copy()
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
        order = np.argsort(-(1.0 - p[:, STANCES.index("unrelated")]), kind="stable") if len(p) else []
        out.append(ArticleStance(STANCES[int(pooled.argmax())], pooled, tuple(spans[int(i)] for i in order)))
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
    p3 = np.stack([probs[:, 0], probs[:, 1], probs[:, 2] + probs[:, 3]], axis=1) if len(rows) else probs[:, :3]
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
        rep["ece"] = expected_calibration_error(np.stack(all_probs), [ARASTANCE_LABELS.index(g) for g in gold])
    return EvalResult(rep, preds_out)
