"""The shared store: documents, sentences and their vectors in PostgreSQL with pgvector.

Selected by a ``postgresql://`` (or ``postgres://``) URL wherever a store is named
(:func:`tabayyun.store.open_store`): ``postgresql://USER@/DB?host=SOCKETDIR`` or
``postgresql://user:pass@host:port/db``. Same semantics as :class:`~tabayyun.store.sqlite.SQLiteStore`:

* one transaction per document: a document is stored whole or not at all, even if the
  process is killed (the server rolls back a transaction whose connection is gone);
* the content hash is UNIQUE: two clients adding the same text get one document; the
  second's :meth:`PostgresStore.add_document` returns the first one's id with ``created=False``;
* sentence ids are consecutive within a document and never reused: a document's block is
  taken from the sequence ``tabayyun_sentence_ids`` under a transaction-scoped advisory lock
  held only while the sequence moves (not while the document is written);
* vectors are ``halfvec(dim)`` (float16, the precision the SQLite store keeps) under an HNSW
  index with cosine distance; lexical search is BM25 (FTS5's formula, k1=1.2, b=0.75) over the
  stored terms: the GIN index on ``array_to_tsvector`` of them (the terms are normalized and
  stemmed already, so PostgreSQL does not parse or stem them again) finds every sentence holding
  a query term, and :func:`bm25` scores them here (faster than the same sums in SQL, measured:
  docs/postgres.md).

Every process sees what the others committed at once (each read is its own snapshot). One
connection per store, used under a lock, so a store is safe to share between threads; a
connection that broke (a server restart) is opened again on the next call. psycopg and pgvector
are imported only when a store is opened. The schema and its migrations: :mod:`.postgres_schema`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ..errors import NoStore, NotFound, ReadOnlyStore, StoreError
from ..results import Document
from .postgres_schema import IDS_LOCK, STAT_SLOTS, TSV, masked, prepare
from .sqlite import COMMON_MIN, COMMON_SHARE, KEEP_AT_LEAST, NewSentence, StoredSentence

if TYPE_CHECKING:
    import psycopg

#: BM25 parameters (those of the SQLite store's tantivy index and of FTS5)
K1 = 1.2
B = 0.75
#: up to this many stored vectors, dense search is exact (as the SQLite store's); above, the HNSW index
EXACT_BELOW = 20000
#: the HNSW candidate list of a search (``hnsw.ef_search``), raised to ``k`` when asked for more
EF_SEARCH = 96
#: connection parameters used unless the URL sets them
CONNECT_DEFAULTS = {"connect_timeout": "10", "application_name": "tabayyun"}
#: tries of a document's transaction that the server aborted to break a deadlock
WRITE_TRIES = 3

_DOCUMENT = "SELECT id, title, source, text, hash, url, date FROM tabayyun_documents"
_INSERT_SENTENCE = (
    'INSERT INTO tabayyun_sentences(id, document_id, start, "end", text, vector, terms, n_terms) '
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)
_COUNT_STATS = (
    "INSERT INTO tabayyun_stats(slot, documents, sentences, terms) "
    f"VALUES (pg_backend_pid() %% {STAT_SLOTS}, %s, %s, %s) "
    "ON CONFLICT (slot) DO UPDATE SET documents = tabayyun_stats.documents + excluded.documents, "
    "sentences = tabayyun_stats.sentences + excluded.sentences, terms = tabayyun_stats.terms + excluded.terms"
)
#: the sentences holding any of the query terms, found through the GIN index (BM25 is computed from these)
_HITS = f"SELECT id, n_terms, terms FROM tabayyun_sentences WHERE {TSV} @@ %s::tsquery"
#: each term's document frequency, counted up to ``LIMIT %s`` (past the pruning limit counts do not matter)
_DF = (
    "SELECT t, (SELECT count(*) FROM "
    f"(SELECT 1 FROM tabayyun_sentences WHERE {TSV} @@ t::tsquery LIMIT %s) x) FROM unnest(%s::text[]) t"
)
#: a counted document frequency is reused until the store's sentence count moves by more than this share
DF_STALE = 0.1
#: at most this many terms' counts are kept (then the cache starts again)
DF_CACHE = 100_000


def count_terms(terms: str) -> int:
    """How many terms a sentence has (its length for BM25), split as the index splits them."""
    return sum(1 for t in terms.split(" ") if t)


def lexeme(term: str) -> str:
    """``term`` quoted as one tsquery/tsvector lexeme, whatever characters it holds."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def or_query(terms: Sequence[str]) -> str:
    """A tsquery matching any of ``terms`` (each taken literally)."""
    return " | ".join(lexeme(t) for t in terms)


class PostgresStore:
    """Documents, sentences, their vectors and terms in one PostgreSQL database (see the module docstring).

    ``create=False`` opens an existing store only (:class:`NoStore` when the database has none);
    ``create=True`` also creates the database itself when the server lets this user.
    ``read_only=True`` — or a user without the right to write, or a standby server — opens
    a read-only session: reading and searching work, adding and deleting raise :class:`ReadOnlyStore`.
    A database that holds tables of our names but is not a store raises :class:`NotAStore`, untouched.
    """

    def __init__(self, url: str, dim: int = 384, *, create: bool = True, read_only: bool = False) -> None:
        try:
            import pgvector.psycopg  # noqa: F401  (checked here: the session needs it)
            import psycopg
        except ImportError as e:
            raise StoreError(
                f"{masked(url)}: a PostgreSQL store needs the scale extra "
                f"(pip install 'tabayyun[scale]'): {e}"
            ) from e
        self.url = url
        self.path = masked(url)  # what messages show: never the password
        self.dim = dim
        self._lock = threading.RLock()
        self._closed = False
        self._ef_search = EF_SEARCH
        self._df: dict[str, tuple[int, int]] = {}  # term -> (document frequency, sentence count then)
        self._db = self._connect(create=create and not read_only)
        try:
            prepare(self._db, self.path, dim, create=create, read_only=read_only)
            self.read_only = read_only or not self._may_write()
            self._setup_session()
        except psycopg.Error as e:
            self._db.close()
            raise StoreError(f"{self.path}: cannot open the store ({_first_line(e)})") from e
        except BaseException:
            self._db.close()
            raise

    # -- connecting -----------------------------------------------------------------

    def _connect(self, *, create: bool = False) -> psycopg.Connection[Any]:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        try:
            given = conninfo_to_dict(self.url)
        except psycopg.ProgrammingError as e:
            raise StoreError(f"{self.path}: not a valid PostgreSQL URL ({_first_line(e)})") from e
        conninfo = make_conninfo(self.url, **{k: v for k, v in CONNECT_DEFAULTS.items() if k not in given})
        try:
            return psycopg.connect(conninfo, autocommit=True)
        except psycopg.OperationalError as e:
            if "does not exist" not in str(e) or "database" not in str(e):
                raise StoreError(f"{self.path}: cannot connect to PostgreSQL ({_first_line(e)})") from e
            if not create:
                raise NoStore(f"no store at {self.path} (the database does not exist)") from e
            self._create_database()
            return psycopg.connect(conninfo, autocommit=True)
        except psycopg.Error as e:
            raise StoreError(f"{self.path}: cannot connect to PostgreSQL ({_first_line(e)})") from e

    def _create_database(self) -> None:
        """``CREATE DATABASE`` for the URL's database, through the server's ``postgres`` database."""
        import psycopg
        from psycopg import sql
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        name = str(conninfo_to_dict(self.url).get("dbname") or "")
        try:
            with psycopg.connect(make_conninfo(self.url, dbname="postgres"), autocommit=True) as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.errors.DuplicateDatabase:
            pass  # another client made it meanwhile
        except psycopg.Error as e:
            why = _first_line(e)
            raise StoreError(f"{self.path}: the database does not exist and cannot be created ({why})") from e

    def _may_write(self) -> bool:
        row = self._db.execute(
            "SELECT NOT pg_is_in_recovery() AND has_table_privilege('tabayyun_documents', 'INSERT') "
            "AND has_table_privilege('tabayyun_sentences', 'INSERT, DELETE') "
            "AND has_sequence_privilege('tabayyun_sentence_ids', 'UPDATE')"
        ).fetchone()
        return bool(row and row[0])

    def _setup_session(self) -> None:
        from pgvector.psycopg import register_vector

        if self.read_only:
            self._db.execute("SET default_transaction_read_only = on")
        self._db.execute("SELECT set_config('hnsw.ef_search', %s, false)", (str(self._ef_search),))
        register_vector(self._db)

    @contextmanager
    def _session(self) -> Iterator[psycopg.Connection[Any]]:
        """The connection under the store's lock (opened again if it broke); driver errors as StoreError."""
        import psycopg

        with self._lock:
            if self._closed:
                raise StoreError(f"{self.path}: the store is closed")
            if self._db.broken or self._db.closed:
                self._db = self._connect()
                self._setup_session()
            try:
                yield self._db
            except (psycopg.errors.ReadOnlySqlTransaction, psycopg.errors.InsufficientPrivilege) as e:
                raise ReadOnlyStore(f"{self.path}: permission denied ({_first_line(e)})") from e
            except psycopg.Error as e:
                raise StoreError(f"{self.path}: {_first_line(e)}") from e

    @contextmanager
    def _writing(self) -> Iterator[psycopg.Connection[Any]]:
        with self._session() as db:
            if self.read_only:
                raise ReadOnlyStore(f"{self.path} is open read-only: documents cannot be added or deleted")
            yield db

    # -- life cycle -----------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._db.close()

    def flush(self) -> None:
        """Nothing to do: every document is committed when it is added."""

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------

    def document_id_for_hash(self, content_hash: str) -> int | None:
        with self._session() as db:
            row = db.execute("SELECT id FROM tabayyun_documents WHERE hash = %s", (content_hash,)).fetchone()
        return None if row is None else int(row[0])

    def _reserve_ids(self, db: psycopg.Connection[Any], n: int) -> int:
        """The first of ``n`` consecutive sentence ids no one else will ever get (committed at once)."""
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (IDS_LOCK,))
            row = db.execute(
                "SELECT setval('tabayyun_sentence_ids', nextval('tabayyun_sentence_ids') + %s - 1)", (n,)
            ).fetchone()
        assert row is not None
        return int(row[0]) - n + 1

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

        Returns ``(document_id, created)``; an existing hash is a no-op (``created=False``),
        also when another client stores the same text at the same moment.
        """
        if vectors is not None and len(vectors) != len(sentences):
            raise ValueError("one vector per sentence")
        import psycopg
        from pgvector import HalfVector

        with self._writing() as db:
            row = db.execute("SELECT id FROM tabayyun_documents WHERE hash = %s", (content_hash,)).fetchone()
            if row is not None:
                return int(row[0]), False
            first = self._reserve_ids(db, len(sentences)) if sentences else 0
            rows = [
                (first + i, s.start, s.end, s.text, None if vectors is None else HalfVector(vectors[i]),
                 s.terms, count_terms(s.terms))
                for i, s in enumerate(sentences)
            ]  # fmt: skip
            for attempt in range(WRITE_TRIES):
                try:
                    return self._insert(db, (content_hash, title, source, url, date, text), rows)
                except psycopg.errors.DeadlockDetected:
                    if attempt == WRITE_TRIES - 1:
                        raise
        raise AssertionError("unreachable")

    def _insert(
        self, db: psycopg.Connection[Any], document: tuple[object, ...], rows: Sequence[tuple[Any, ...]]
    ) -> tuple[int, bool]:
        with db.transaction(), db.cursor() as cur:
            got = cur.execute(
                "INSERT INTO tabayyun_documents(hash, title, source, url, date, text) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (hash) DO NOTHING RETURNING id",
                document,
            ).fetchone()
            if got is None:  # another client stored this text since we looked: theirs is the document
                found = cur.execute(
                    "SELECT id FROM tabayyun_documents WHERE hash = %s", (document[0],)
                ).fetchone()
                assert found is not None
                return int(found[0]), False
            doc_id = int(got[0])
            cur.executemany(_INSERT_SENTENCE, [(r[0], doc_id, *r[1:]) for r in rows])
            cur.execute(_COUNT_STATS, (1, len(rows), sum(r[-1] for r in rows)))
        return doc_id, True

    def delete_document(self, document_id: int) -> None:
        with self._writing() as db, db.transaction():
            if db.execute(
                "SELECT id FROM tabayyun_documents WHERE id = %s FOR UPDATE", (document_id,)
            ).fetchone() is None:
                raise NotFound(f"no document with id {document_id}")
            n, terms = db.execute(
                "SELECT count(*), coalesce(sum(n_terms), 0) FROM tabayyun_sentences WHERE document_id = %s",
                (document_id,),
            ).fetchone() or (0, 0)
            db.execute("DELETE FROM tabayyun_documents WHERE id = %s", (document_id,))
            db.execute(_COUNT_STATS, (-1, -int(n), -int(terms)))

    # -- reading --------------------------------------------------------------------

    def document(self, document_id: int) -> Document:
        with self._session() as db:
            row = db.execute(_DOCUMENT + " WHERE id = %s", (document_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with id {document_id}")
        return Document(*row)

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        with self._session() as db:
            rows = db.execute(_DOCUMENT + " ORDER BY id LIMIT %s OFFSET %s", (limit, offset)).fetchall()
        return [Document(*r) for r in rows]

    def _stats(self) -> tuple[int, int, int]:
        """(documents, sentences, terms) from the spread counters: exact, and cheap at any size."""
        with self._session() as db:
            row = db.execute(
                "SELECT coalesce(sum(documents), 0), coalesce(sum(sentences), 0), coalesce(sum(terms), 0) "
                "FROM tabayyun_stats"
            ).fetchone()
        assert row is not None
        return int(row[0]), int(row[1]), int(row[2])

    def count_documents(self) -> int:
        return self._stats()[0]

    def count_sentences(self) -> int:
        return self._stats()[1]

    def sentences(self, ids: Sequence[int]) -> dict[int, StoredSentence]:
        with self._session() as db:
            rows = db.execute(
                'SELECT s.id, s.document_id, s.start, s."end", s.text, d.source FROM tabayyun_sentences s '
                "JOIN tabayyun_documents d ON d.id = s.document_id WHERE s.id = ANY(%s::bigint[])",
                ([int(i) for i in ids],),
            ).fetchall()
        return {int(r[0]): StoredSentence(int(r[0]), int(r[1]), r[2], r[3], r[4], r[5]) for r in rows}

    def vectors_of(self, ids: Sequence[int]) -> dict[int, NDArray[np.float32]]:
        """The stored (float16) vectors of these sentences, as float32."""
        with self._session() as db, db.cursor(binary=True) as cur:
            rows = cur.execute(
                "SELECT id, vector FROM tabayyun_sentences "
                "WHERE id = ANY(%s::bigint[]) AND vector IS NOT NULL",
                ([int(i) for i in ids],),
            ).fetchall()
        return {int(sid): np.asarray(v.to_numpy(), dtype=np.float32) for sid, v in rows}

    def query_terms(self, terms: Sequence[str]) -> list[str]:
        """The terms worth querying: very common ones are dropped in large stores (as in the SQLite store).

        Document frequencies come from the GIN index, counted only up to the limit and cached
        (see :data:`DF_STALE`): a term's count costs at most the limit's rows, once.
        """
        uniq = list(dict.fromkeys(t for t in terms if t))
        n = self.count_sentences()
        if n <= COMMON_MIN or len(uniq) <= KEEP_AT_LEAST:
            return uniq
        limit = max(COMMON_SHARE * n, COMMON_MIN)
        df = self._doc_freqs(uniq, n, int(limit) + 1)
        kept = [t for t in uniq if 0 < df[t] <= limit]
        if len(kept) < KEEP_AT_LEAST:
            kept = sorted((t for t in uniq if df[t] > 0), key=lambda t: df[t])[:KEEP_AT_LEAST]
        return kept

    def _doc_freqs(self, terms: list[str], n: int, cap: int) -> dict[str, int]:
        """In how many sentences each term occurs (counted up to ``cap``); from the cache while fresh."""
        out = {}
        for t in terms:
            cached = self._df.get(t)
            if cached is not None and abs(n - cached[1]) <= DF_STALE * cached[1]:
                out[t] = cached[0]
        missing = [t for t in terms if t not in out]
        if missing:
            with self._session() as db:
                counted = dict(db.execute(_DF.encode(), (cap, [lexeme(t) for t in missing])).fetchall())
            if len(self._df) > DF_CACHE:
                self._df.clear()
            for t in missing:
                out[t] = int(counted.get(lexeme(t), 0))
                self._df[t] = (out[t], n)
        return out

    def lexical(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        """BM25 over the stemmed terms: ``(sentence_id, score)`` best first (higher is better), ties by id."""
        if k <= 0:
            return []
        kept = self.query_terms(terms)
        _, n, total = self._stats()
        if not kept or n == 0:
            return []
        with self._session() as db:
            rows = db.execute(_HITS.encode(), (or_query(kept),)).fetchall()
        return bm25(rows, kept, n, total / n, k)

    def dense(self, vector: NDArray[np.float32], k: int) -> list[tuple[int, float]]:
        """Nearest sentences by cosine similarity: ``(sentence_id, similarity)`` best first.

        Exact up to :data:`EXACT_BELOW` sentences; above, through the HNSW index.
        """
        if k <= 0:
            return []
        from pgvector import HalfVector

        query = HalfVector(np.asarray(vector, dtype=np.float32))
        exact = self.count_sentences() <= EXACT_BELOW
        with self._session() as db:
            if exact:  # ordered by the similarity itself, which the index cannot serve: a full scan
                rows = db.execute(
                    "SELECT id, 1 - (vector <=> %s) AS sim FROM tabayyun_sentences WHERE vector IS NOT NULL "
                    "ORDER BY sim DESC, id LIMIT %s",
                    (query, k),
                ).fetchall()
            else:
                if k > self._ef_search:
                    self._ef_search = k
                    db.execute("SELECT set_config('hnsw.ef_search', %s, false)", (str(k),))
                rows = db.execute(
                    "SELECT id, 1 - (vector <=> %s) FROM tabayyun_sentences WHERE vector IS NOT NULL "
                    "ORDER BY vector <=> %s LIMIT %s",
                    (query, query, k),
                ).fetchall()
        return [(int(i), float(s)) for i, s in rows]


def bm25(rows: Sequence[tuple[int, int, str]], terms: Sequence[str], n: int, avgdl: float,
         k: int) -> list[tuple[int, float]]:  # fmt: skip
    """FTS5's BM25 of ``terms`` over ``rows`` (id, number of terms, terms): the ``k`` best, ties by id.

    ``rows`` must be every stored sentence holding any of ``terms`` (so each term's document
    frequency is counted among them); ``n`` and ``avgdl`` describe the whole store.
    """
    if not rows or k <= 0:
        return []
    column = {t: j for j, t in enumerate(dict.fromkeys(terms))}
    tf = np.zeros((len(rows), len(column)))
    for i, (_, _, text) in enumerate(rows):
        for token in text.split(" "):  # as the index splits them (TERMS_ARRAY)
            j = column.get(token)
            if j is not None:
                tf[i, j] += 1
    ids = np.fromiter((r[0] for r in rows), np.int64, len(rows))
    length = np.fromiter((r[1] for r in rows), np.float64, len(rows))
    df = (tf > 0).sum(axis=0)
    idf = np.maximum(np.log((np.maximum(n, df) - df + 0.5) / (df + 0.5)), 1e-6)
    norm = K1 * (1 - B + B * length / max(avgdl, 1e-9))
    score = (idf * tf * (K1 + 1) / (tf + norm[:, None])).sum(axis=1)
    best = np.lexsort((ids, -score))[:k]
    return [(int(ids[i]), float(score[i])) for i in best if score[i] > 0]


def _first_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]
