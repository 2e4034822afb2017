"""The embedded store: one SQLite file (WAL), no server.

Tables: ``documents`` (original text, title, source, content hash), ``sentences``
(offsets into the document text, the sentence text, its vector as float16),
``sentence_terms`` (an FTS5 index over normalized, stemmed terms; rowid = sentence id).
One transaction per document, so a kill at any moment leaves only whole documents.
The HNSW vector index lives beside the file (``PATH.vectors``) and is reconciled
with SQLite on open (see :mod:`tabayyun.store.vectors`).
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

from ..errors import NotFound, StoreError
from ..results import Document
from .vectors import VectorIndex

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT,
    date TEXT,
    text TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BLOB
);
CREATE INDEX IF NOT EXISTS sentences_document ON sentences(document_id);
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_terms USING fts5(terms, tokenize = "unicode61 tokenchars '.'");
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_terms_vocab USING fts5vocab(sentence_terms, 'row');
"""

#: a query term found in more sentences than this share of the store (and than COMMON_MIN)
#: is left out of the BM25 query: its idf is near zero, but its postings dominate the cost
#: (1M sentences: 2-7x faster, see docs/benchmarks.md). Small stores are never pruned.
COMMON_SHARE = 0.05
COMMON_MIN = 5000
#: at least this many of the rarest terms are kept even when all are common
KEEP_AT_LEAST = 3


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
    Safe to share between threads: every call takes the store's lock.
    """

    def __init__(self, path: str | Path = ":memory:", dim: int = 384) -> None:
        self.path = str(path)
        self.dim = dim
        self._lock = threading.RLock()
        memory = self.path == ":memory:"
        try:
            if not memory:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            if not memory:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.executescript(SCHEMA)
            self._db.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?), ('dim', ?)",
                (str(SCHEMA_VERSION), str(dim)),
            )
            stored_dim = int(self._db.execute("SELECT value FROM meta WHERE key = 'dim'").fetchone()[0])
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a tabayyun store ({e})") from e
        if stored_dim != dim:
            raise StoreError(f"{self.path}: store holds {stored_dim}-d vectors, the embedder gives {dim}-d")
        self.vectors = VectorIndex(dim, None if memory else Path(self.path + ".vectors"))
        self._reconcile_vectors()

    # -- life cycle -----------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self.flush()
            self._db.close()

    def flush(self) -> None:
        """Persist the vector index (SQLite commits as it goes)."""
        with self._lock:
            self.vectors.save()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")

    def _reconcile_vectors(self) -> None:
        """Make the vector index hold exactly the sentences SQLite has vectors for."""
        n_sql = self._db.execute("SELECT count(*) FROM sentences WHERE vector IS NOT NULL").fetchone()[0]
        if n_sql == len(self.vectors):
            return
        in_sql = {r[0] for r in self._db.execute("SELECT id FROM sentences WHERE vector IS NOT NULL")}
        in_index = self.vectors.keys()
        self.vectors.remove(in_index - in_sql)
        missing = sorted(in_sql - in_index)
        for i in range(0, len(missing), 5000):
            chunk = missing[i : i + 5000]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id, vector FROM sentences WHERE id IN ({marks})", chunk).fetchall()
            vecs = np.stack([np.frombuffer(v, dtype=np.float16).astype(np.float32) for _, v in rows])
            self.vectors.add([r[0] for r in rows], vecs)
        self.vectors.save()

    # -- writing --------------------------------------------------------------------

    def document_id_for_hash(self, content_hash: str) -> int | None:
        with self._lock:
            row = self._db.execute("SELECT id FROM documents WHERE hash = ?", (content_hash,)).fetchone()
        return None if row is None else int(row[0])

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
        with self._transaction() as db:
            row = db.execute("SELECT id FROM documents WHERE hash = ?", (content_hash,)).fetchone()
            if row is not None:
                return int(row[0]), False
            cur = db.execute(
                "INSERT INTO documents(hash, title, source, url, date, text) VALUES (?, ?, ?, ?, ?, ?)",
                (content_hash, title, source, url, date, text),
            )
            doc_id = int(cur.lastrowid or 0)
            ids: list[int] = []
            for i, s in enumerate(sentences):
                blob = None if vectors is None else np.asarray(vectors[i], dtype=np.float16).tobytes()
                c = db.execute(
                    "INSERT INTO sentences(document_id, start, end, text, vector) VALUES (?, ?, ?, ?, ?)",
                    (doc_id, s.start, s.end, s.text, blob),
                )
                sid = int(c.lastrowid or 0)
                ids.append(sid)
                db.execute("INSERT INTO sentence_terms(rowid, terms) VALUES (?, ?)", (sid, s.terms))
        if vectors is not None and len(ids):
            with self._lock:
                self.vectors.add(ids, vectors)
        return doc_id, True

    def delete_document(self, document_id: int) -> None:
        with self._transaction() as db:
            ids = [r[0] for r in db.execute("SELECT id FROM sentences WHERE document_id = ?", (document_id,))]
            cur = db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            if cur.rowcount == 0:
                raise NotFound(f"no document with id {document_id}")
            db.executemany("DELETE FROM sentence_terms WHERE rowid = ?", [(i,) for i in ids])
        with self._lock:
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
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                marks = ",".join("?" * len(chunk))
                for r in self._db.execute(
                    "SELECT s.id, s.document_id, s.start, s.end, s.text, d.source FROM sentences s "
                    f"JOIN documents d ON d.id = s.document_id WHERE s.id IN ({marks})",
                    chunk,
                ):
                    out[r[0]] = StoredSentence(*r)
        return out

    def vectors_of(self, ids: Sequence[int]) -> dict[int, NDArray[np.float32]]:
        """The stored (float16) vectors of these sentences, as float32."""
        out: dict[int, NDArray[np.float32]] = {}
        with self._lock:
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                marks = ",".join("?" * len(chunk))
                for sid, blob in self._db.execute(
                    f"SELECT id, vector FROM sentences WHERE id IN ({marks}) AND vector IS NOT NULL", chunk
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
            df = {t: 0 for t in uniq}
            for t in uniq:
                row = self._db.execute("SELECT doc FROM sentence_terms_vocab WHERE term = ?", (t,)).fetchone()
                df[t] = 0 if row is None else int(row[0])
        limit = max(COMMON_SHARE * n, COMMON_MIN)
        kept = [t for t in uniq if 0 < df[t] <= limit]
        if len(kept) < KEEP_AT_LEAST:
            kept = sorted((t for t in uniq if df[t] > 0), key=lambda t: df[t])[:KEEP_AT_LEAST]
        return kept

    def lexical(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        """BM25 over the stemmed terms: ``(sentence_id, score)`` best first (higher is better)."""
        q = fts_query(self.query_terms(terms))
        if not q:
            return []
        with self._lock:
            rows = self._db.execute(
                "SELECT rowid, bm25(sentence_terms) FROM sentence_terms WHERE sentence_terms MATCH ? "
                "ORDER BY rank LIMIT ?",
                (q, k),
            ).fetchall()
        return [(int(r[0]), -float(r[1])) for r in rows]

    def dense(self, vector: NDArray[np.float32], k: int) -> list[tuple[int, float]]:
        """Nearest sentences by cosine similarity: ``(sentence_id, similarity)`` best first."""
        with self._lock:
            return self.vectors.search(vector, k)
