"""Data and scores of the stance training run (no torch here): the hand-written news pairs,
the corpus pairs of a :class:`~tabayyun.stance.train.TrainConfig`, macro-F1 on logits and
the temperature fit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..evaluate import STANCE_TO_ANS, classification_report
from ..results import STANCES

if TYPE_CHECKING:
    from .train import TrainConfig


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature minimizing dev NLL (grid search, deterministic)."""
    best_t, best_nll = 1.0, float("inf")
    for t in np.arange(0.5, 4.01, 0.05):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = float(-logp[np.arange(len(labels)), labels].mean())
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return round(best_t, 2)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def ans_macro_f1(probs: np.ndarray, gold_ans: Sequence[str]) -> float:
    """Macro-F1 over ANS's own labels (discuss and unrelated both count as ``other``)."""
    pred = [STANCE_TO_ANS[STANCES[i]] for i in probs.argmax(axis=1)]
    return float(classification_report(gold_ans, pred, labels=("agree", "disagree", "other"))["macro_f1"])


def stance_macro_f1(logits: np.ndarray, labels: np.ndarray) -> float:
    """Macro-F1 over the four stances."""
    gold = [STANCES[i] for i in labels]
    pred = [STANCES[i] for i in logits.argmax(axis=1)]
    return float(classification_report(gold, pred, labels=STANCES)["macro_f1"])


def corpus_sets(cfg: TrainConfig) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(train, dev) pairs generated from the shared corpora; both empty when ``cfg.corpus_pairs`` is 0."""
    if cfg.corpus_pairs <= 0:
        return [], []
    from . import corpus_pairs

    embed = corpus_pairs.neighbour_embed()
    cache = Path(cfg.e5_cache).expanduser() if cfg.e5_cache else None
    made = {
        split: corpus_pairs.generate(
            cfg.corpus_dir, split=split, cap=cap, seed=cfg.seed, embed=embed, cache_dir=cache
        )
        for split, cap in (("train", cfg.corpus_pairs), ("dev", cfg.corpus_dev))
    }  # fmt: skip
    train, dev = ([(p.claim, p.evidence, str(p.stance)) for p in made[k]] for k in ("train", "dev"))
    return train, dev


NewsPair = tuple[str, str, str, str]  # claim, evidence, stance, source document id


def read_news_pairs(paths: str) -> list[NewsPair]:
    """Rows ``{"doc", "claim", "evidence", "stance"}`` of comma-separated JSONL files."""
    out: list[NewsPair] = []
    for path in filter(None, (p.strip() for p in paths.split(","))):
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("stance") not in STANCES or not row.get("claim") or not row.get("evidence"):
                raise ValueError(f"{path}:{n}: bad row")
            out.append((row["claim"], row["evidence"], row["stance"],
                        f"{Path(path).stem}:{row.get('doc', n)}"))
    return out


def split_news(pairs: Sequence[NewsPair], every: int = 5) -> tuple[list[NewsPair], list[NewsPair]]:
    """Train / dev by source document: every ``every``-th document (sorted ids) is dev."""
    docs = sorted({p[3] for p in pairs})
    dev_docs = set(docs[::every])
    return [p for p in pairs if p[3] not in dev_docs], [p for p in pairs if p[3] in dev_docs]
