"""Hybrid retrieval: BM25 over normalized, stemmed terms plus dense e5 vectors, fused.

``reciprocal_rank_fusion`` is the one fusion rule; :class:`HybridRetriever` is the
default :class:`~tabayyun.protocols.Retriever` over a :class:`SQLiteStore`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .protocols import Embedder
from .results import SearchHit
from .store.sqlite import SQLiteStore
from .text.stem import terms

RRF_K = 60


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> dict[int, float]:
    """RRF (Cormack et al. 2009): ``score(d) = sum over rankings of 1 / (k + rank(d))``, rank from 1."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


class HybridRetriever:
    """Lexical + dense candidates from the store, fused with RRF."""

    def __init__(self, store: SQLiteStore, embedder: Embedder | None, depth: int = 50) -> None:
        self.store = store
        self.embedder = embedder
        self.depth = depth

    def search(self, query: str, k: int = 10, query_vector: NDArray[np.float32] | None = None) -> list[SearchHit]:
        lexical = self.store.lexical(terms(query), self.depth)
        dense: list[tuple[int, float]] = []
        if self.embedder is not None:
            if query_vector is None:
                query_vector = self.embedder.embed([query])[0]
            dense = self.store.dense(query_vector, self.depth)
        fused = reciprocal_rank_fusion([[i for i, _ in lexical], [i for i, _ in dense]])
        best = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        rows = self.store.sentences(best)
        lex_rank = {sid: r for r, (sid, _) in enumerate(lexical, start=1)}
        dense_rank = {sid: r for r, (sid, _) in enumerate(dense, start=1)}
        sims = dict(dense)
        hits = []
        for sid in best:
            row = rows.get(sid)
            if row is None:  # deleted meanwhile
                continue
            hits.append(
                SearchHit(
                    text=row.text,
                    source=row.source,
                    document_id=row.document_id,
                    sentence_id=sid,
                    start=row.start,
                    end=row.end,
                    score=round(fused[sid], 6),
                    lexical_rank=lex_rank.get(sid),
                    dense_rank=dense_rank.get(sid),
                    similarity=None if sid not in sims else round(sims[sid], 4),
                )
            )
        return hits
