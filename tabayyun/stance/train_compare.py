"""Stance weights compared on the training run's development sets (``train_stance.py --compare``).

Every weight folder is scored in the same process on the same pairs: ANS dev (macro-F1
over ANS's three labels), the held-out documents of the hand-written news pairs (the
same three-label macro-F1 the training run selects on, and the four-stance one) and
the pairs :mod:`.corpus_pairs` generates from the held-out corpus items (four-stance
macro-F1 and accuracy per kind). ANS test is not read here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..evaluate import ANS_TO_STANCE, read_ans
from ..results import STANCES
from .learned import CrossEncoderStance
from .train import TrainConfig
from .train_data import ans_macro_f1, read_news_pairs, split_news, stance_macro_f1


def _logits(model: CrossEncoderStance, pairs: Sequence[tuple[str, str, str]]) -> np.ndarray:
    out = [model.logits([c for c, _, _ in pairs[i : i + 64]], [e for _, e, _ in pairs[i : i + 64]])
           for i in range(0, len(pairs), 64)]  # fmt: skip
    return np.concatenate(out) if out else np.zeros((0, len(STANCES)), np.float32)


def _labels(pairs: Sequence[tuple[str, str, str]]) -> np.ndarray:
    return np.array([STANCES.index(s) for _, _, s in pairs], dtype=np.int64)


def compare(cfg: TrainConfig, folders: Sequence[str]) -> dict[str, dict[str, Any]]:
    """{folder: figures} for each weight folder (``"shipped"`` = the package's weights)."""
    from . import corpus_pairs

    ans_dev = read_ans(Path(cfg.ans_dir) / "stance" / "dev.csv")
    ans_pairs = [(r.s1, r.s2, ANS_TO_STANCE[r.stance]) for r in ans_dev]
    _, news = split_news(read_news_pairs(cfg.news_pairs)) if cfg.news_pairs else ([], [])
    news_pairs = [(c, e, s) for c, e, s, _ in news]
    cache = Path(cfg.e5_cache).expanduser() if cfg.e5_cache else None
    gen = corpus_pairs.generate(
        cfg.corpus_dir, split="dev", cap=cfg.corpus_dev, seed=cfg.seed, embed=corpus_pairs.neighbour_embed(),
        cache_dir=cache,
    )  # fmt: skip
    gen_pairs = [(p.claim, p.evidence, str(p.stance)) for p in gen]
    out: dict[str, dict[str, Any]] = {}
    for folder in folders:
        model = CrossEncoderStance.load(None if folder == "shipped" else folder)
        la, ln, lg = _logits(model, ans_pairs), _logits(model, news_pairs), _logits(model, gen_pairs)
        right: dict[str, list[bool]] = defaultdict(list)
        for p, row in zip(gen, lg, strict=True):
            right[p.kind].append(STANCES[int(row.argmax())] == p.stance)
        out[folder] = {
            "ans_dev_macro_f1": round(ans_macro_f1(la, [r.stance for r in ans_dev]), 4),
            "news_dev_ans3_macro_f1": round(ans_macro_f1(ln, [_ans(s) for _, _, s in news_pairs]), 4),
            "news_dev_macro_f1": round(stance_macro_f1(ln, _labels(news_pairs)), 4),
            "generated_dev_macro_f1": round(stance_macro_f1(lg, _labels(gen_pairs)), 4),
            "generated_dev_by_kind": {k: round(sum(v) / len(v), 3) for k, v in sorted(right.items())},
            "pairs": {
                "ans_dev": len(ans_pairs),
                "news_dev": len(news_pairs),
                "generated_dev": len(gen_pairs),
            },
        }
    return out


def _ans(stance: str) -> str:
    from ..evaluate import STANCE_TO_ANS

    return STANCE_TO_ANS[stance]
