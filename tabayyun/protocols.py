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
    """Maps texts to L2-normalized float32 vectors of shape ``(len(texts), dim)``.

    ``embed`` is used for claims and queries. An embedder whose model embeds
    stored passages differently (e5's ``passage:`` prefix) also defines
    ``embed_passages(texts)``; :func:`passage_vectors` falls back to ``embed``.
    """

    dim: int

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


def passage_vectors(embedder: Embedder, texts: Sequence[str]) -> NDArray[np.float32]:
    """Vectors for stored sentences: ``embed_passages`` when the embedder has it, else ``embed``."""
    fn = getattr(embedder, "embed_passages", None)
    return fn(texts) if callable(fn) else embedder.embed(texts)  # type: ignore[no-any-return]


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
