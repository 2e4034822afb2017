"""Small, fast, deterministic stand-ins for the models, for tests and experiments.

* :class:`HashingEmbedder` — character-trigram feature hashing on normalized text:
  texts sharing words get similar vectors; no model file, microseconds per text.
* :class:`OverlapStance` — stance from word overlap and negation parity.

Both implement the protocols in :mod:`tabayyun.protocols`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .results import STANCES
from .stance.heuristic import term_overlap
from .stance.negation import negation_parity_differs
from .text import normalize, terms


class HashingEmbedder:
    dim = 384

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def _one(self, text: str) -> NDArray[np.float32]:
        v = np.zeros(self.dim, dtype=np.float32)
        feats = list(terms(text))
        norm = " " + normalize(text) + " "
        feats += [norm[i : i + 3] for i in range(len(norm) - 2)]
        for f in feats:
            h = int.from_bytes(hashlib.blake2b(f.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        n = float(np.linalg.norm(v))
        return v / n if n else v

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._one(t) for t in texts])


class OverlapStance:
    """agree when most claim words are in the sentence, disagree when polarity also flips."""

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        if len(claims) != len(evidence):
            raise ValueError("claims and evidence must have the same length")
        out = np.zeros((len(claims), len(STANCES)))
        for i, (c, e) in enumerate(zip(claims, evidence)):
            ov = term_overlap(c, e)
            if ov < 0.3:
                out[i] = [0.02, 0.02, 0.06, 0.9]
            elif negation_parity_differs(c, e):
                out[i] = [0.1, 0.75, 0.1, 0.05]
            else:
                out[i] = [0.2 + 0.6 * ov, 0.05, 0.7 - 0.6 * ov, 0.05]
        return out
