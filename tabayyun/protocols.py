"""The swap points: one protocol per replaceable part.

Tests plug in fakes; users plug in their own models or stores.

* :class:`Embedder` — sentence vectors (default: :class:`tabayyun.embed.E5Embedder`).
* :class:`StanceModel` — claim/evidence stance probabilities (default: the learned
  model in :mod:`tabayyun.stance`).
* :class:`Retriever` — finds candidate evidence sentences for a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from .results import SearchHit


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalized float32 vectors of shape ``(len(texts), dim)``."""

    dim: int

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


@runtime_checkable
class StanceModel(Protocol):
    """Stance probabilities for (claim, evidence) pairs.

    ``predict_proba`` returns shape ``(n, 4)``; columns follow
    :data:`tabayyun.results.STANCES` (agree, disagree, discuss, unrelated).
    """

    def predict_proba(
        self, claims: Sequence[str], evidence: Sequence[str]
    ) -> NDArray[np.float64]: ...


@runtime_checkable
class Retriever(Protocol):
    """Finds the ``k`` best candidate evidence sentences for a query."""

    def search(self, query: str, k: int = 10) -> list[SearchHit]: ...
