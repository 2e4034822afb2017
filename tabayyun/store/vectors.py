"""The sentence-vector index: an HNSW graph (usearch, int8) kept beside the SQLite file.

SQLite holds the vectors of record (one float16 blob per sentence, written in the
same transaction as the sentence). The index file is derived data: on open it is
reconciled with SQLite (missing keys added, stale keys removed), so a kill at any
moment never loses or corrupts anything; at worst the next open re-adds vectors.
The file is written to a temporary file of its own (``PATH.<pid>.<random>.tmp``) and
renamed over ``PATH``, so a reader loads either the old file or the new one, whole.
The store calls :meth:`VectorIndex.save` under its lock file.

Opening maps the file into memory (usearch's ``view``) instead of reading it: a 10M-sentence store's
5.3 GB graph took 12-23 s to load on every open, a map takes a fraction of a second and searching reads
only the pages it visits. A mapped index cannot change; the first add or removal copies it into memory
(the snapshot it maps, whatever another process has written to the path since), so only writers pay.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

try:  # onnxruntime must be loaded before usearch: the other order segfaults when
    import onnxruntime  # noqa: F401  # onnxruntime is imported later (usearch 2.26, onnxruntime 1.32)
except ImportError:  # pragma: no cover - onnxruntime is a dependency; only the stance model needs it
    pass
from usearch.index import Index

#: the HNSW settings of every vector index (int8 cosine; measured in docs/benchmarks.md,
#: "Choosing the vector store")
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 96


def _new_index(dim: int) -> Index:
    return Index(ndim=dim, metric="cos", dtype="i8", connectivity=CONNECTIVITY, expansion_add=EXPANSION_ADD,
                 expansion_search=EXPANSION_SEARCH)  # fmt: skip


class VectorIndex:
    """Cosine-similarity nearest-neighbour search over sentence ids."""

    def __init__(self, dim: int, path: Path | None = None) -> None:
        self.dim = dim
        self.path = path
        self._index = _new_index(dim)
        self._mapped = False
        if path is not None and path.exists():
            try:
                self._index.view(str(path))
                self._mapped = True
            except Exception:  # a torn or foreign file: rebuild from SQLite
                self._index = _new_index(dim)
        self._dirty = False

    @property
    def mapped(self) -> bool:
        """Whether the index is the saved file mapped into memory (read-only until the first change)."""
        return self._mapped

    def close(self) -> None:
        """Release a mapped file (a mount holding it cannot be unmounted); the store saves changes first."""
        if self._mapped:
            self._index.reset()  # type: ignore[no-untyped-call]
            self._index = _new_index(self.dim)
            self._mapped = False

    def _changeable(self) -> Index:
        """The index, copied into memory first if it is a mapped file."""
        if self._mapped:
            self._index = self._index.copy()
            self._mapped = False
        return self._index

    def __len__(self) -> int:
        return len(self._index)

    @property
    def dirty(self) -> bool:
        """Whether the index changed since it was loaded or saved."""
        return self._dirty

    def max_key(self) -> int:
        """The largest key (0 when empty)."""
        if len(self._index) == 0:
            return 0
        return int(np.asarray(self._index.keys).max())

    def keys(self) -> set[int]:
        if len(self._index) == 0:
            return set()
        return {int(k) for k in np.asarray(self._index.keys)}

    def add(self, keys: Sequence[int], vectors: NDArray[np.float32]) -> None:
        if len(keys) == 0:
            return
        self._changeable().add(np.asarray(keys, dtype=np.uint64), np.asarray(vectors, dtype=np.float32),
                               threads=2)  # fmt: skip
        self._dirty = True

    def remove(self, keys: Iterable[int]) -> None:
        ks = np.asarray(list(keys), dtype=np.uint64)
        if len(ks):
            self._changeable().remove(ks)
            self._dirty = True

    def search(self, vector: NDArray[np.float32], k: int) -> list[tuple[int, float]]:
        """The ``k`` nearest sentence ids with cosine similarity, best first."""
        if len(self._index) == 0 or k <= 0:
            return []
        exact = len(self._index) <= 20000
        m = self._index.search(np.asarray(vector, dtype=np.float32), min(k, len(self._index)), exact=exact)
        return [(int(key), 1.0 - float(dist)) for key, dist in zip(m.keys, m.distances)]

    def save(self) -> None:
        """Write the index atomically: a temporary file of this process, then a rename over ``path``."""
        if self.path is None or not self._dirty:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
        try:
            self._index.save(str(tmp))
            os.replace(tmp, self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._dirty = False

    def remove_stale_temps(self) -> None:
        """Delete temporary files left by killed writers (call only under the store's lock file)."""
        if self.path is None:
            return
        for tmp in self.path.parent.glob(f"{glob_escape(self.path.name)}.*tmp"):
            tmp.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters taken literally."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
