"""A tiny random stance model (2 layers, hidden 16) in the shipped weights format."""

from __future__ import annotations

from typing import Any

import numpy as np

from tabayyun.results import STANCES
from tabayyun.stance.e5file import LAYER_TENSORS

TINY = {"hidden": 16, "heads": 2, "layers": 2, "ffn": 32, "vocab": 250037, "max_len": 40}


def tiny_arrays(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    h, ff = TINY["hidden"], TINY["ffn"]
    shapes = {
        "q.w": (h, h), "k.w": (h, h), "v.w": (h, h), "ao.w": (h, h), "fi.w": (ff, h), "fo.w": (h, ff),
        "q.b": (h,), "k.b": (h,), "v.b": (h,), "ao.b": (h,), "fi.b": (ff,), "fo.b": (h,),
    }  # fmt: skip
    arrays: dict[str, np.ndarray] = {
        "emb.word": rng.standard_normal((TINY["vocab"], h)).astype(np.float16),
        "emb.pos": (0.1 * rng.standard_normal((64, h))).astype(np.float32),
        "emb.type": (0.1 * rng.standard_normal((2, h))).astype(np.float32),
        "emb.ln.w": np.ones(h, np.float32),
        "emb.ln.b": np.zeros(h, np.float32),
        "head.dense.w": (0.3 * rng.standard_normal((h, 2 * h))).astype(np.float32),
        "head.dense.b": np.zeros(h, np.float32),
        "head.out.w": (0.5 * rng.standard_normal((len(STANCES), h))).astype(np.float32),
        "head.out.b": np.zeros(len(STANCES), np.float32),
    }
    for i in range(TINY["layers"]):
        for k in LAYER_TENSORS:
            if k.endswith("ln.w"):
                arrays[f"l{i}.{k}"] = np.ones(h, np.float32)
            elif k.endswith("ln.b"):
                arrays[f"l{i}.{k}"] = np.zeros(h, np.float32)
            else:
                arrays[f"l{i}.{k}"] = (0.3 * rng.standard_normal(shapes[k])).astype(np.float16)
    return arrays


def tiny_meta(**over: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "hidden": TINY["hidden"], "heads": TINY["heads"], "layers": TINY["layers"], "ffn": TINY["ffn"],
        "eps": 1e-12, "max_len": TINY["max_len"], "labels": list(STANCES), "temperature": 1.5,
    }  # fmt: skip
    meta.update(over)
    return meta
