"""The embedded store: one SQLite file (WAL), no server.

Tables: ``documents`` (original text, title, source, content hash), ``sentences``
(offsets into the document text, the sentence text, its vector as float16, its normalized
and stemmed terms; stores of schema version 1 keep the terms in an FTS5 table, ``sentence_terms``).
One transaction per document, so a kill at any moment leaves only whole documents.
Sentence ids are never reused (``meta.sentence_hw``), so an id names one sentence forever.

Two derived indexes live beside the file: the HNSW vector index (``PATH.vectors``) and
the BM25 index that lexical search uses (tantivy, ``PATH.tantivy/``, see :mod:`.lexical`).
Several processes may share a store: SQLite serializes their writes; the vector file is
caught up, written to a unique temporary file and swapped in under ``PATH.lock``; and
before each search a store notices other processes' commits (``PRAGMA data_version``)
and catches its in-memory index up. The lexical index is synced from SQLite under the same
lock, lazily: before a lexical search, on flush and on close, when anything changed.
Opening refuses files that are not tabayyun stores (see :mod:`tabayyun.store.opening`)
and never writes to them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..errors import NotFound, ReadOnlyStore, StoreError
from ..results import Document
from .lexical import LexicalIndex, index_dir, sync
from .lock import file_lock, lock_path
from .opening import APPLICATION_ID, open_store
from .queries import rows_in
from .vectors import VectorIndex

#: a query term found in more sentences than this share of the store (and than COMMON_MIN)
#: is left out of the BM25 query: its idf is near zero, but its postings dominate the cost
#: (1M sentences: 2-7x faster, see docs/benchmarks.md). Small stores are never pruned.
COMMON_SHARE = 0.05
COMMON_MIN = 5000
#: at least this many of the rarest terms are kept even when all are common
KEEP_AT_LEAST = 3


#: vectors per catch-up query of the vector index
SYNC_BATCH = 5000


@dataclass(frozen=True, slots=True)
class StoredSentence:
    id: int
    document_id: int
    start: int
    end: int
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class NewSentence:
    """A sentence about to be stored: offsets into the document text and its FTS terms."""

    start: int
    end: int
    text: str
    terms: str


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 OR-query over ``terms``, each quoted so no term is read as syntax."""
    quoted = ['"' + t.replace('"', '""') + '"' for t in dict.fromkeys(terms) if t]
    return " OR ".join(quoted)


class SQLiteStore:
    """Documents, sentences, a lexical index and a vector index in one SQLite file.

    ``path=":memory:"`` keeps everything in memory (nothing is written to disk).
    ``create=False`` opens an existing store only (:class:`NoStore` when there is none)
    and creates nothing. ``read_only=True`` — or a file or directory this process may
    not write — opens the store read-only: reading and searching work, adding and
    deleting raise :class:`ReadOnlyStore`, and nothing is written beside the file.
    Anything at ``path`` that is not a tabayyun store raises :class:`NotAStore` untouched.
    Safe to share between threads (every call takes the store's lock) and between
    processes (see the module docstring).
    """

    def __init__(
        self, path: str | Path = ":memory:", dim: int = 384, *, create: bool = True, read_only: bool = False
    ) -> None:
        self.path = str(path)
        self.dim = dim
        self._lock = threading.RLock()
        self._memory = self.path == ":memory:"
        opened = open_store(self.path, dim, create=create, read_only=read_only)
        self._db, self.read_only, self._marked = opened.db, opened.read_only, opened.marked
        self._terms_in_fts = opened.version < 2
        # read before anything else, so whatever other processes commit from here on is caught up later
        self._data_version = self._pragma("data_version")
        self._deletions = self._meta_int("deletions")
        self._synced_max = 0
        self._own_deletions: dict[int, list[int]] = {}  # deletion counter -> the ids it removed
        self._lexical_stale = True
        try:
            self.lexical_index = self._open_lexical()
            self._sync_lexical()
            self.vectors = VectorIndex(dim, None if self._memory else Path(self.path + ".vectors"))
            self._reconcile_vectors()
        except BaseException:
            self._db.close()
            raise

    def _pragma(self, name: str) -> int:
        return int(self._db.execute(f"PRAGMA {name}").fetchone()[0])

    def _meta_int(self, key: str, default: int = 0) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else int(row[0])

    # -- life cycle -----------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            try:
                self.flush()
            finally:
                self._db.close()
                self.vectors.close()

    def flush(self) -> None:
        """Persist the derived indexes (SQLite commits as it goes): caught up and written under the lock."""
        with self._lock:
            if self._memory or self.read_only:
                return
            self._sync_lexical()
            if not self.vectors.dirty:
                return
            try:
                with file_lock(lock_path(self.path)):
                    self._catch_up()
                    self.vectors.remove_stale_temps()
                    self.vectors.save()
            except OSError as e:
                raise StoreError(f"{self.path}: cannot write the vector index ({e})") from e

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self.read_only:
                raise ReadOnlyStore(f"{self.path} is open read-only: documents cannot be added or deleted")
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                raise self._write_error(e) from e
            try:
                if not self._marked:
                    self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                yield self._db
            except BaseException as e:
                self._db.execute("ROLLBACK")
                if isinstance(e, sqlite3.OperationalError):
                    raise self._write_error(e) from e
                raise
            else:
                self._db.execute("COMMIT")
                self._marked = True

    def _write_error(self, e: sqlite3.OperationalError) -> StoreError:
        if "readonly" in str(e):
            return ReadOnlyStore(f"{self.path} is read-only: documents cannot be added or deleted ({e})")
        return StoreError(f"{self.path}: the write failed ({e})")

    # -- keeping the vector index in step with SQLite ---------------------------------

    def refresh(self) -> None:
        """Catch the vector index up with what other processes committed (searching does this itself)."""
        with self._lock:
            self._catch_up()

    def _catch_up(self) -> None:
        """Cheap when nothing changed: one ``PRAGMA data_version`` (moved by other connections' commits)."""
        version = self._pragma("data_version")
        if version == self._data_version:
            return
        self._data_version = version
        self._lexical_stale = True
        deletions = self._meta_int("deletions")
        if deletions != self._deletions:
            self._deletions = deletions
            self._reconcile_all()
        else:
            self._add_vectors_after(self._synced_max)

    def _add_vectors_after(self, after: int) -> None:
        """Add the stored vectors of the sentences with ids above ``after`` (ids are never reused)."""
        while True:
            rows = self._db.execute(
                "SELECT id, vector FROM sentences WHERE id > ? AND vector IS NOT NULL ORDER BY id LIMIT ?",
                (after, SYNC_BATCH),
            ).fetchall()
            if not rows:
                break
            self._add_rows(rows)
            after = int(rows[-1][0])
        self._synced_max = max(self._synced_max, after)

    def _add_rows(self, rows: Sequence[tuple[int, bytes]]) -> None:
        vecs = np.stack([np.frombuffer(v, dtype=np.float16).astype(np.float32) for _, v in rows])
        self.vectors.add([int(r[0]) for r in rows], vecs)

    def _reconcile_all(self) -> None:
        """Make the vector index hold exactly the sentences SQLite has vectors for (compares all ids)."""
        in_sql = {r[0] for r in self._db.execute("SELECT id FROM sentences WHERE vector IS NOT NULL")}
        in_index = self.vectors.keys()
        self.vectors.remove(in_index - in_sql)
        missing = sorted(in_sql - in_index)
        for i in range(0, len(missing), SYNC_BATCH):
            self._add_rows(rows_in(self._db, "SELECT id, vector FROM sentences WHERE id IN ({})",
                                   missing[i : i + SYNC_BATCH]))  # fmt: skip
        self._synced_max = max(in_sql, default=0)

    def _vector_extent(self) -> tuple[int, int]:
        """How many sentences have a vector, and the largest such id (0 when none), without reading every
        row when the store has the index of vectorless sentences (``opening.VECTORLESS_INDEX``)."""
        has_index = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'sentences_without_vector'"
        ).fetchone()
        if has_index is None:  # a store only read so far, made before the index
            sql = "SELECT count(*), max(id) FROM sentences WHERE vector IS NOT NULL"
            n, top = self._db.execute(sql).fetchone()
            return int(n), int(top or 0)
        total = int(self._db.execute("SELECT count(*) FROM sentences").fetchone()[0])
        without = int(self._db.execute("SELECT count(*) FROM sentences WHERE vector IS NULL").fetchone()[0])
        top = self._db.execute(
            "SELECT id FROM sentences WHERE vector IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return total - without, 0 if top is None else int(top[0])

    def _reconcile_vectors(self) -> None:
        """On open: the file is a snapshot of SQLite; add what came after it, compare all ids if still off."""
        n_sql, max_sql = self._vector_extent()
        self._synced_max = self.vectors.max_key()
        if n_sql == len(self.vectors) and max_sql == self._synced_max:
            return
        self._add_vectors_after(self._synced_max)
        if len(self.vectors) != n_sql:
            self._reconcile_all()
        if self.read_only:
            return
        try:
            self.flush()
        except StoreError:  # the index is derived data: the next writer saves it
            pass

    # -- keeping the lexical index in step with SQLite ---------------------------------

    def _open_lexical(self) -> LexicalIndex:
        """The index directory (rebuilt when unusable); in RAM for ``:memory:`` or when unreadable."""
        if self._memory:
            return LexicalIndex(None)
        path = index_dir(self.path)
        try:
            if self.read_only:
                return LexicalIndex(path, read_only=True)
            with file_lock(lock_path(self.path)):
                return LexicalIndex(path)
        except (OSError, ValueError):  # derived data: search an index built in RAM instead
            return LexicalIndex(None)

    def _sync_lexical(self) -> None:
        """Catch the lexical index up with SQLite when anything may have changed."""
        if not self._lexical_stale:
            return
        index = self.lexical_index
        try:
            if index.path is None:
                sync(index, self._db, self._own_deletions, self._terms_in_fts)
            elif index.read_only:
                index.reload()
                if not self._lexical_in_step(index):  # a writer has not synced it yet
                    self.lexical_index = LexicalIndex(None)
                    sync(self.lexical_index, self._db, {}, self._terms_in_fts)
            else:
                with file_lock(lock_path(self.path)):
                    index.reload()
                    sync(index, self._db, self._own_deletions, self._terms_in_fts)
        except (OSError, ValueError, RuntimeError) as e:  # tantivy's errors: ValueError, OSError
            if index.path is None:
                raise StoreError(f"{self.path}: cannot build the lexical index ({e})") from e
            self.lexical_index = LexicalIndex(None)  # a broken directory: search in RAM, rebuild on next open
            sync(self.lexical_index, self._db, {}, self._terms_in_fts)
        self._own_deletions = {
            k: v for k, v in self._own_deletions.items() if k > self.lexical_index.deletions
        }
        self._lexical_stale = False

    def _lexical_in_step(self, index: LexicalIndex) -> bool:
        n, top = self._db.execute("SELECT count(*), coalesce(max(id), 0) FROM sentences").fetchone()
        return index.deletions == self._meta_int("deletions") and len(index) == n and index.max_id() == top

    # -- writing --------------------------------------------------------------------

    def document_id_for_hash(self, content_hash: str) -> int | None:
        with self._lock:
            row = self._db.execute("SELECT id FROM documents WHERE hash = ?", (content_hash,)).fetchone()
        return None if row is None else int(row[0])

    def _sentence_high_water(self, db: sqlite3.Connection) -> int:
        """The largest sentence id ever given out (so deleting the newest document never frees its ids)."""
        top = db.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[0]
        return max(self._meta_int("sentence_hw"), int(top))

    @staticmethod
    def _set_meta(db: sqlite3.Connection, key: str, value: int) -> None:
        db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, str(value)),
        )

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
    ) -> tuple[int, bool]:
        """Store one document and its sentences in one transaction.

        Returns ``(document_id, created)``; an existing hash is a no-op (``created=False``).
        """
        if vectors is not None and len(vectors) != len(sentences):
            raise ValueError("one vector per sentence")
        with self._lock:
            self._catch_up()  # before SQLite's write lock: a long catch-up does not block other writers
            with self._transaction() as db:
                self._catch_up()
                row = db.execute("SELECT id FROM documents WHERE hash = ?", (content_hash,)).fetchone()
                if row is not None:
                    return int(row[0]), False
                cur = db.execute(
                    "INSERT INTO documents(hash, title, source, url, date, text) VALUES (?, ?, ?, ?, ?, ?)",
                    (content_hash, title, source, url, date, text),
                )
                doc_id = int(cur.lastrowid or 0)
                first = self._sentence_high_water(db) + 1
                ids = list(range(first, first + len(sentences)))
                for i, (sid, s) in enumerate(zip(ids, sentences, strict=True)):
                    blob = None if vectors is None else np.asarray(vectors[i], dtype=np.float16).tobytes()
                    self._insert_sentence(db, (sid, doc_id, s.start, s.end, s.text, blob), s.terms)
                if ids:
                    self._set_meta(db, "sentence_hw", ids[-1])
            self._lexical_stale = self._lexical_stale or bool(ids)
            if vectors is not None and ids:
                self.vectors.add(ids, vectors)
                self._synced_max = max(self._synced_max, ids[-1])
        return doc_id, True

    def _insert_sentence(self, db: sqlite3.Connection, row: tuple[object, ...], terms: str) -> None:
        if self._terms_in_fts:
            db.execute(
                "INSERT INTO sentences(id, document_id, start, end, text, vector) VALUES (?, ?, ?, ?, ?, ?)",
                row,
            )
            db.execute("INSERT INTO sentence_terms(rowid, terms) VALUES (?, ?)", (row[0], terms))
        else:
            db.execute(
                "INSERT INTO sentences(id, document_id, start, end, text, vector, terms) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*row, terms),
            )

    def delete_document(self, document_id: int) -> None:
        with self._lock:
            self._catch_up()
            with self._transaction() as db:
                self._catch_up()
                ids = [
                    r[0] for r in db.execute("SELECT id FROM sentences WHERE document_id = ?", (document_id,))
                ]
                self._set_meta(db, "sentence_hw", self._sentence_high_water(db))
                cur = db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
                if cur.rowcount == 0:
                    raise NotFound(f"no document with id {document_id}")
                if self._terms_in_fts:
                    db.executemany("DELETE FROM sentence_terms WHERE rowid = ?", [(i,) for i in ids])
                deletions = self._meta_int("deletions") + 1
                self._set_meta(db, "deletions", deletions)
            self._deletions = deletions
            self._own_deletions[deletions] = ids
            self._lexical_stale = True
            self.vectors.remove(ids)

    # -- reading --------------------------------------------------------------------

    def document(self, document_id: int) -> Document:
        with self._lock:
            row = self._db.execute(
                "SELECT id, title, source, text, hash, url, date FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
        if row is None:
            raise NotFound(f"no document with id {document_id}")
        return Document(*row)

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, source, text, hash, url, date FROM documents ORDER BY id LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [Document(*r) for r in rows]

    def count_documents(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def count_sentences(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM sentences").fetchone()[0])

    def sentences(self, ids: Sequence[int]) -> dict[int, StoredSentence]:
        out: dict[int, StoredSentence] = {}
        with self._lock:
            for r in rows_in(
                self._db,
                "SELECT s.id, s.document_id, s.start, s.end, s.text, d.source FROM sentences s "
                "JOIN documents d ON d.id = s.document_id WHERE s.id IN ({})",
                ids,
            ):
                out[r[0]] = StoredSentence(*r)
        return out

    def vectors_of(self, ids: Sequence[int]) -> dict[int, NDArray[np.float32]]:
        """The stored (float16) vectors of these sentences, as float32."""
        out: dict[int, NDArray[np.float32]] = {}
        with self._lock:
            for sid, blob in rows_in(
                self._db, "SELECT id, vector FROM sentences WHERE id IN ({}) AND vector IS NOT NULL", ids
            ):
                out[int(sid)] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        return out

    def query_terms(self, terms: Sequence[str]) -> list[str]:
        """The terms worth querying: very common ones are dropped in large stores."""
        uniq = list(dict.fromkeys(t for t in terms if t))
        with self._lock:
            n = self._db.execute("SELECT max(id) FROM sentences").fetchone()[0] or 0
            if n <= COMMON_MIN or len(uniq) <= KEEP_AT_LEAST:
                return uniq
            self._catch_up()
            self._sync_lexical()
            df = {t: self.lexical_index.doc_freq(t) for t in uniq}
        limit = max(COMMON_SHARE * n, COMMON_MIN)
        kept = [t for t in uniq if 0 < df[t] <= limit]
        if len(kept) < KEEP_AT_LEAST:
            kept = sorted((t for t in uniq if df[t] > 0), key=lambda t: df[t])[:KEEP_AT_LEAST]
        return kept

    def lexical(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        """BM25 over the stemmed terms: ``(sentence_id, score)`` best first (higher is better)."""
        with self._lock:
            kept = self.query_terms(terms)
            self._catch_up()
            self._sync_lexical()
            return self.lexical_index.search(kept, k)

    def dense(self, vector: NDArray[np.float32], k: int) -> list[tuple[int, float]]:
        """Nearest sentences by cosine similarity: ``(sentence_id, similarity)`` best first."""
        with self._lock:
            self._catch_up()
            return self.vectors.search(vector, k)
