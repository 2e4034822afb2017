"""Hybrid retrieval: BM25 over normalized, stemmed terms plus dense e5 vectors, fused.

``reciprocal_rank_fusion`` is the one fusion rule; :class:`HybridRetriever` is the
default :class:`~tabayyun.protocols.Retriever`, over any :class:`~tabayyun.protocols.Store`.

The lexical query (:func:`query_terms`) is the query's index terms plus the digits of
every number it states, however written: "eighty-three members", "ثلاثة وثمانين عضوا"
and "the 83rd member" also look for "83", "10 آلاف" for "10000", so a sentence that
writes the number in digits ("العضوين رقم 82 و83") is found by the number alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from .protocols import Embedder, Store
from .results import SearchHit
from .text.segment import sentences
from .text.stem import terms

RRF_K = 60
#: numbers are looked up by their digits up to this size (larger ones are amounts, written many ways)
_MAX_NUMBER_TERM = 10**12


def _number_term(x: float) -> str | None:
    if not (0 < abs(x) < _MAX_NUMBER_TERM):
        return None
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def number_terms(query: str) -> list[str]:
    """The digits of every number ``query`` states (values of its quantities, lists and ordinals)."""
    from .extract import extract  # lazily: the alias table loads on first use

    out: list[str] = []
    for q in extract(query).quantities:
        for v in (q.value, *q.values):
            t = None if v is None else _number_term(v)
            if t is not None and t not in out:
                out.append(t)
    return out


def query_terms(query: str) -> list[str]:
    """Index terms of ``query`` and the digits of the numbers it states (each once, in order)."""
    return list(dict.fromkeys([*terms(query), *number_terms(query)]))


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> dict[int, float]:
    """RRF (Cormack et al. 2009): ``score(d) = sum over rankings of 1 / (k + rank(d))``, rank from 1."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


def neighbours(text: str, start: int, end: int,
               spans: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences right before and after ``text[start:end]`` in ``text`` (none when it is not
    one).

    ``spans`` are the sentence spans of ``text`` when already known (the store splits
    documents with :func:`~tabayyun.text.segment.sentences`, so the stored sentences are these).
    """
    found = spans if spans is not None else [(x.start, x.end) for x in sentences(text)]
    for k, span in enumerate(found):
        if span == (start, end):
            return [found[j] for j in (k - 1, k + 1) if 0 <= j < len(found)]
    return []


def window(hit: SearchHit, text: str, other: tuple[int, int]) -> SearchHit:
    """``hit`` widened to cover an adjacent sentence ``other`` of its document ``text`` (offsets into
    ``text``)."""
    start, end = min(hit.start, other[0]), max(hit.end, other[1])
    return replace(hit, text=text[start:end], start=start, end=end)


class HybridRetriever:
    """Lexical + dense candidates from the store, fused with RRF."""

    def __init__(self, store: Store, embedder: Embedder | None, depth: int = 50) -> None:
        self.store = store
        self.embedder = embedder
        self.depth = depth

    def search(self, query: str, k: int = 10,
               query_vector: NDArray[np.float32] | None = None) -> list[SearchHit]:
        lexical = self.store.lexical(query_terms(query), self.depth)
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
