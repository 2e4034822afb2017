"""The PostgreSQL store's schema: its tables, versioned migrations, and the checks made on open.

Every table carries the ``tabayyun_`` prefix, so a store can live in a database (and schema)
that holds other things. ``tabayyun_meta`` records the schema version and the vector size;
:data:`MIGRATIONS` holds one list of statements per version, applied in order, each in one
transaction under an advisory lock (two clients opening an old store at once migrate it once).
Opening checks before it writes anything: a database with tables of our names but not our
columns, a store of a newer schema, or one whose vectors have another size is refused with a
:class:`~tabayyun.errors.StoreError` and left as it was.

Nothing here imports psycopg at module level beyond type checking: the caller passes the
connection (see :mod:`tabayyun.store.postgres`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import NoStore, NotAStore, ReadOnlyStore, StoreError, StoreVersionError

if TYPE_CHECKING:
    import psycopg

#: the schema this code writes; a store of a higher version is refused
SCHEMA_VERSION = 1
#: the advisory-lock keys (``pg_advisory_xact_lock``) of schema changes and of sentence-id blocks
SCHEMA_LOCK = 0x54616279_0001
IDS_LOCK = 0x54616279_0002
#: the counters of documents, sentences and terms are spread over this many rows (fewer lock waits)
STAT_SLOTS = 16

#: the terms of a sentence as text[] (no empty strings); the lexical index and queries use this one expression
TERMS_ARRAY = "array_remove(string_to_array(terms, ' '), '')"
TSV = f"array_to_tsvector({TERMS_ARRAY})"


def _v1(dim: int) -> list[str]:
    return [
        "CREATE TABLE tabayyun_meta (key text PRIMARY KEY, value text NOT NULL)",
        """CREATE TABLE tabayyun_documents (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            hash text NOT NULL UNIQUE,
            title text NOT NULL,
            source text NOT NULL,
            url text,
            date text,
            text text NOT NULL,
            added_at timestamptz NOT NULL DEFAULT now()
        )""",
        f"""CREATE TABLE tabayyun_sentences (
            id bigint PRIMARY KEY,
            document_id bigint NOT NULL REFERENCES tabayyun_documents(id) ON DELETE CASCADE,
            start integer NOT NULL,
            "end" integer NOT NULL,
            text text NOT NULL,
            vector halfvec({int(dim)}),
            terms text NOT NULL DEFAULT '',
            n_terms integer NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX tabayyun_sentences_document ON tabayyun_sentences (document_id)",
        f"CREATE INDEX tabayyun_sentences_terms ON tabayyun_sentences USING gin (({TSV}))",
        "CREATE INDEX tabayyun_sentences_vector ON tabayyun_sentences USING hnsw (vector halfvec_cosine_ops)",
        "CREATE SEQUENCE tabayyun_sentence_ids AS bigint",
        """CREATE TABLE tabayyun_stats (
            slot integer PRIMARY KEY,
            documents bigint NOT NULL DEFAULT 0,
            sentences bigint NOT NULL DEFAULT 0,
            terms bigint NOT NULL DEFAULT 0
        )""",
    ]


def migrations(dim: int) -> list[list[str]]:
    """``migrations(dim)[v - 1]`` takes a store from version ``v - 1`` to ``v`` (0: an empty database)."""
    return [_v1(dim)]


#: the columns a store's tables must have (more are allowed: a later version may add some)
TABLES: dict[str, frozenset[str]] = {
    "tabayyun_meta": frozenset({"key", "value"}),
    "tabayyun_documents": frozenset({"id", "hash", "title", "source", "url", "date", "text"}),
    "tabayyun_sentences": frozenset(
        {"id", "document_id", "start", "end", "text", "vector", "terms", "n_terms"}
    ),
    "tabayyun_stats": frozenset({"slot", "documents", "sentences", "terms"}),
}


def masked(url: str) -> str:
    """``url`` without its password, for messages (``postgresql://user:***@host/db``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://…"
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def not_ours(where: str, reason: str) -> NotAStore:
    return NotAStore(f"{where} is not a tabayyun store ({reason}); it was left untouched")


def _columns(db: psycopg.Connection[Any]) -> dict[str, set[str]]:
    """Our tables that exist in the current schema, with their columns."""
    rows = db.execute(
        "SELECT c.relname, a.attname FROM pg_class c "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relname = ANY(%s)",
        (list(TABLES),),
    ).fetchall()
    out: dict[str, set[str]] = {}
    for table, column in rows:
        out.setdefault(str(table), set()).add(str(column))
    return out


def _meta(db: psycopg.Connection[Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in db.execute("SELECT key, value FROM tabayyun_meta").fetchall()}


def inspect(db: psycopg.Connection[Any], where: str) -> int:
    """The store's schema version (0: none here); refuses what is not a store of ours, changing nothing."""
    found = _columns(db)
    if not found:
        return 0
    if "tabayyun_meta" not in found:
        raise not_ours(where, f"it has tables named {', '.join(sorted(found))} but no tabayyun_meta")
    if not TABLES["tabayyun_meta"] <= found["tabayyun_meta"]:
        raise not_ours(where, "its tabayyun_meta has other columns")
    raw = _meta(db).get("schema_version", "")
    if not raw.isdigit():
        raise not_ours(where, "tabayyun_meta has no schema version")
    version = int(raw)
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{where}: the store has schema version {version}, this tabayyun reads up to version "
            f"{SCHEMA_VERSION} (it was made by a newer tabayyun)"
        )
    for table, columns in TABLES.items():
        missing = columns - found.get(table, set())
        if missing:
            raise not_ours(where, f"{table} lacks {', '.join(sorted(missing))}")
    return version


def check_dim(db: psycopg.Connection[Any], where: str, dim: int) -> None:
    stored = _meta(db).get("dim")
    if stored != str(dim):
        raise StoreError(f"{where}: store holds {stored}-d vectors, the embedder gives {dim}-d")


def prepare(db: psycopg.Connection[Any], where: str, dim: int, *, create: bool, read_only: bool) -> None:
    """Check the store on ``db`` (autocommit); create or migrate it when allowed. See the module docstring."""
    version = inspect(db, where)
    if version == SCHEMA_VERSION:
        check_dim(db, where, dim)
        return
    if version == 0 and (not create or read_only):
        raise NoStore(f"no store at {where} (no tabayyun tables in the database)")
    if read_only:
        raise ReadOnlyStore(
            f"{where}: the store has schema version {version} and must be upgraded to {SCHEMA_VERSION}; "
            "open it once read-write"
        )
    _migrate(db, where, dim)


def _migrate(db: psycopg.Connection[Any], where: str, dim: int) -> None:
    """Apply the missing migrations, one transaction each, under the schema lock (checked again under it)."""
    import psycopg

    steps = migrations(dim)
    try:
        while True:
            with db.transaction():
                db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                version = inspect(db, where)
                if version >= len(steps):
                    break
                if version == 0:
                    _ensure_vector_extension(db, where)
                _run(db, steps[version])
                if version == 0:
                    db.execute("INSERT INTO tabayyun_meta(key, value) VALUES ('dim', %s)", (str(dim),))
                db.execute(
                    "INSERT INTO tabayyun_meta(key, value) VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(version + 1),),
                )
    except psycopg.errors.InsufficientPrivilege as e:
        raise ReadOnlyStore(f"{where}: permission denied: cannot create or upgrade the store ({e})") from e
    check_dim(db, where, dim)


def _run(db: psycopg.Connection[Any], statements: Sequence[str]) -> None:
    for statement in statements:
        db.execute(statement.encode())


def _ensure_vector_extension(db: psycopg.Connection[Any], where: str) -> None:
    import psycopg

    if db.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone():
        return
    try:
        with db.transaction():
            db.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except psycopg.errors.FeatureNotSupported as e:
        raise StoreError(f"{where}: the pgvector extension is not installed on the server ({e})") from e
    except psycopg.errors.UndefinedFile as e:
        raise StoreError(f"{where}: the pgvector extension is not installed on the server ({e})") from e
    except psycopg.errors.InsufficientPrivilege as e:
        raise StoreError(
            f"{where}: the pgvector extension is missing and this user may not create it; "
            f"a superuser can run CREATE EXTENSION vector in this database ({e})"
        ) from e
