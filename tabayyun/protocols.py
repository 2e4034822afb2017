"""The swap points: one protocol per replaceable part.

Tests plug in fakes; users plug in their own models or stores.

* :class:`Embedder` — sentence vectors (default: :class:`tabayyun.embed.E5Embedder`);
  :class:`PassageEmbedder` — one that embeds stored sentences differently from queries.
* :class:`StanceModel` — claim/evidence stance probabilities (default: the model named
  in :mod:`tabayyun.stance`); :class:`VectorStanceModel` — one that can also use the
  vectors the checker already has (no re-embedding).
* :class:`Retriever` — finds candidate evidence sentences for a claim
  (default: :class:`tabayyun.retrieve.HybridRetriever`).
* :class:`Store` — documents, sentences and their lexical and vector indexes
  (default: :class:`tabayyun.store.sqlite.SQLiteStore`; for a ``postgresql://`` URL,
  :class:`tabayyun.store.postgres.PostgresStore`; :func:`tabayyun.store.open_store` picks one).
  Both pass the contract suite in ``tests/contracts/test_store_contract.py``.

The optional capabilities (passage vectors, stance from vectors) are told apart with
``isinstance`` against the ``runtime_checkable`` protocols, never by attribute lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from .results import Document, SearchHit

if TYPE_CHECKING:
    from .store.sqlite import NewSentence, StoredSentence


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalized float32 vectors of shape ``(len(texts), dim)``; used for claims and
    queries."""

    dim: int

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


@runtime_checkable
class PassageEmbedder(Embedder, Protocol):
    """An :class:`Embedder` whose model embeds stored passages differently (e5's ``passage:`` prefix)."""

    def embed_passages(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


def passage_vectors(embedder: Embedder, texts: Sequence[str]) -> NDArray[np.float32]:
    """Vectors for stored sentences: ``embed_passages`` of a :class:`PassageEmbedder`, else ``embed``."""
    if isinstance(embedder, PassageEmbedder):
        return embedder.embed_passages(texts)
    return embedder.embed(texts)


@runtime_checkable
class StanceModel(Protocol):
    """Stance probabilities for (claim, evidence) pairs.

    ``predict_proba`` returns shape ``(n, 4)``; columns follow
    :data:`tabayyun.results.STANCES` (agree, disagree, discuss, unrelated). Every model
    passes the contract suite in ``tests/contracts/test_stance_contract.py``.
    """

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]: ...


@runtime_checkable
class VectorStanceModel(StanceModel, Protocol):
    """A :class:`StanceModel` that can also read the claim and evidence vectors the checker already has.

    ``predict_proba_vectors`` returns what ``predict_proba`` would for the same pairs; the
    vectors (one row per pair, from the checker's :class:`Embedder`) only save re-embedding.
    """

    def predict_proba_vectors(
        self,
        claims: Sequence[str],
        evidence: Sequence[str],
        claim_vectors: NDArray[np.float32],
        evidence_vectors: NDArray[np.float32],
    ) -> NDArray[np.float64]: ...


@runtime_checkable
class Retriever(Protocol):
    """Finds the ``k`` best candidate evidence sentences for a query.

    ``query_vector``, when given, is the query's vector from the checker's embedder
    (so a dense retriever does not embed the query again).
    """

    def search(
        self, query: str, k: int = 10, query_vector: NDArray[np.float32] | None = None
    ) -> list[SearchHit]: ...


class Store(Protocol):
    """What the retriever, :class:`~tabayyun.core.Tabayyun`, the CLI and the server use of a store.

    Documents with their sentences (offsets into the document text) and one vector per
    sentence; a lexical search over the sentences' terms and a dense search over their
    vectors. ``add_document`` stores a document, its sentences and vectors at once and
    returns ``(id, created)`` (``created`` is false for a text already stored, found by
    ``content_hash``). Writes on a read-only store raise
    :class:`~tabayyun.errors.ReadOnlyStore`; unknown ids raise :class:`~tabayyun.errors.NotFound`.
    """

    read_only: bool

    def close(self) -> None: ...

    def flush(self) -> None: ...

    def document_id_for_hash(self, content_hash: str) -> int | None: ...

    def add_document(
        self,
        *,
        text: str,
        content_hash: str,
        title: str,
        source: str,
        sentences: Sequence[NewSentence],
        vectors: NDArray[np.float32] | None,
        url: str | None = None,
        date: str | None = None,
    ) -> tuple[int, bool]: ...

    def delete_document(self, document_id: int) -> None: ...

    def document(self, document_id: int) -> Document: ...

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]: ...

    def count_documents(self) -> int: ...

    def count_sentences(self) -> int: ...

    def sentences(self, ids: Sequence[int]) -> dict[int, StoredSentence]: ...

    def vectors_of(self, ids: Sequence[int]) -> dict[int, NDArray[np.float32]]: ...

    def lexical(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]: ...

    def dense(self, vector: NDArray[np.float32], k: int) -> list[tuple[int, float]]: ...
