"""Classification metrics, implemented here (no scikit-learn needed).

Accuracy, macro-F1, per-class precision/recall/F1, confusion matrix, expected
calibration error (of a probability matrix or of any confidence against
right/wrong), and the table ``tabayyun eval`` prints.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: equal-width bins of the expected calibration error
ECE_BINS = 10


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


def calibration_error(
    confidence: Sequence[float] | NDArray[np.floating], correct: Sequence[bool], bins: int = ECE_BINS
) -> float:
    """ECE: the bin-weighted gap between mean confidence and accuracy, equal-width bins.

    A confidence of exactly 0 falls in the first bin; every other bin is ``(lo, hi]``.
    """
    conf = np.asarray(confidence, dtype=np.float64)
    ok = np.asarray(correct, dtype=np.float64)
    if len(conf) != len(ok):
        raise ValueError("confidence and correct differ in length")
    if len(conf) == 0:
        return 0.0
    ece = 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    for lo, hi in itertools.pairwise(edges):
        sel = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
        if sel.any():
            ece += float(sel.mean()) * abs(float(ok[sel].mean()) - float(conf[sel].mean()))
    return float(ece)


def expected_calibration_error(
    probs: NDArray[np.floating], gold: Sequence[int], bins: int = ECE_BINS
) -> float:
    """ECE of the top-class confidence of a probability matrix (rows: items)."""
    p = np.asarray(probs, dtype=np.float64)
    if len(p) == 0:
        return 0.0
    return calibration_error(p.max(axis=1), list(p.argmax(axis=1) == np.asarray(gold)), bins)


def format_report(rep: dict[str, Any]) -> str:
    """The human-readable table ``tabayyun eval`` prints."""
    labels = rep["labels"]
    w = max(10, *(len(x) for x in labels))
    lines = [f"n={rep['n']}  accuracy={rep['accuracy']:.4f}  macro-F1={rep['macro_f1']:.4f}"]
    if "ece" in rep:
        lines[0] += f"  ECE={rep['ece']:.4f}"
    if "mean_confidence" in rep:
        lines[0] += f"  mean confidence={rep['mean_confidence']:.4f}"
    if "verdicts" in rep:
        lines.append("verdicts: " + ", ".join(f"{k} {v}" for k, v in rep["verdicts"].items()))
    lines.append("")
    lines.append(f"{'class':<{w}} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}")
    for lab in labels:
        c = rep["per_class"][lab]
        lines.append(
            f"{lab:<{w}} {c['precision']:>9.4f} {c['recall']:>7.4f} {c['f1']:>7.4f} {c['support']:>8d}"
        )
    lines.append("")
    lines.append("confusion (rows gold, columns predicted)")
    lines.append(" " * w + " " + " ".join(f"{lab[:9]:>9}" for lab in labels))
    for lab, row in zip(labels, rep["confusion"], strict=True):
        lines.append(f"{lab:<{w}} " + " ".join(f"{v:>9d}" for v in row))
    return "\n".join(lines)
