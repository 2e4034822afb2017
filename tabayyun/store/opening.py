"""Opening a store: telling stores from other files, creating them, connecting read-write or read-only.

Every store carries ``PRAGMA application_id = APPLICATION_ID``; stores made before the
marker existed are recognized by their tables and get the marker on their first write.
:func:`probe` looks at a file without changing it (the header bytes, then the schema
through an ``immutable`` read-only connection), so a foreign database is refused
untouched: no tables, no journal-mode switch, no side files.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import NoStore, NotAStore, StoreError, StorePermissionError, StoreVersionError
from .lock import file_lock, lock_path

#: 2: each sentence's terms in ``sentences.terms`` (the lexical index is tantivy, beside the file).
#: 1: the terms in an FTS5 table ``sentence_terms``; such stores are read and written as they are.
SCHEMA_VERSION = 2

#: the sentences that have no vector (usually none): counting the ones that do is then a count of the
#: whole table (read from ``sentences_document``) less this index's, instead of a scan of every row
#: and its vector (1 s at 1M sentences, ~10 s at 10M, on every open). Stores made before it get it on
#: their first writable open; older code ignores it.
VECTORLESS_INDEX = "CREATE INDEX IF NOT EXISTS sentences_without_vector ON sentences(id) WHERE vector IS NULL"

SCHEMA = f"""
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
    vector BLOB,
    terms TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sentences_document ON sentences(document_id);
{VECTORLESS_INDEX};
"""

#: ``PRAGMA application_id`` of every tabayyun store ("Taby" in ASCII)
APPLICATION_ID = 0x54616279
SQLITE_MAGIC = b"SQLite format 3\x00"
#: the tables (and the columns of ``documents``) that make a store, marked or not
STORE_TABLES = frozenset({"meta", "documents", "sentences"})
DOCUMENT_COLUMNS = frozenset({"id", "hash", "title", "source", "text"})
#: seconds a connection waits for another process's write lock before failing
BUSY_TIMEOUT = 60.0

Kind = Literal["missing", "empty", "store", "foreign"]


@dataclass(frozen=True, slots=True)
class Probe:
    """What is at a path: nothing, an empty file or database, a tabayyun store, or something else."""

    kind: Kind
    reason: str = ""


def not_a_store(path: str, reason: str) -> NotAStore:
    return NotAStore(f"{path} is not a tabayyun store ({reason}); it was left untouched")


def permission_denied(path: str, what: str) -> StorePermissionError:
    return StorePermissionError(f"{path}: permission denied ({what})")


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(100)
    except PermissionError as e:
        raise permission_denied(str(path), "cannot read the file") from e


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def looks_like_store(db: sqlite3.Connection) -> bool:
    """Whether the schema seen through ``db`` has tabayyun's tables (a store made before the marker)."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not STORE_TABLES <= tables:
        return False
    columns = {r[1] for r in db.execute("PRAGMA table_info(documents)")}
    return DOCUMENT_COLUMNS <= columns


def schema_objects(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])


def probe(path: Path) -> Probe:
    """Classify what is at ``path`` without writing anything there."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Probe("missing")
    except PermissionError as e:
        raise permission_denied(str(path), "cannot look at the file") from e
    except OSError as e:  # e.g. a parent that is a file
        raise StoreError(f"{path}: cannot open the store ({e.strerror})") from e
    if path.is_dir():
        return Probe("foreign", "a directory")
    if size == 0:
        return Probe("empty")
    header = _header(path)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return Probe("foreign", "not a SQLite database")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id == APPLICATION_ID:
        return Probe("store")
    if app_id != 0:
        return Probe("foreign", f"a SQLite database of another program, application id {app_id:#010x}")
    user_version = int.from_bytes(header[60:64], "big")  # tabayyun never sets it; other programs do
    if user_version != 0:
        return Probe("foreign", f"a SQLite database of another program, user_version {user_version}")
    return _probe_schema(path)


def _probe_schema(path: Path) -> Probe:
    """An unmarked SQLite file: a store made before the marker, an empty database, or foreign."""
    wal = Path(str(path) + "-wal")
    live_wal = wal.exists() and wal.stat().st_size > 0  # recent commits may be in the WAL only
    try:
        db = sqlite3.connect(_uri(path, mode="ro") if live_wal else _uri(path, immutable="1"), uri=True)
    except sqlite3.Error as e:
        return Probe("foreign", f"cannot be read as SQLite: {e}")
    try:
        if looks_like_store(db):
            return Probe("store")
        if schema_objects(db) == 0:
            return Probe("empty")
        return Probe("foreign", "a SQLite database with other tables")
    except sqlite3.DatabaseError as e:
        return Probe("foreign", f"cannot be read as SQLite: {e}")
    finally:
        db.close()


def writable(path: Path) -> bool:
    """Whether this process may write the store file and create its side files (WAL, index, lock)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def can_create_in(directory: Path) -> bool:
    return os.access(directory, os.W_OK | os.X_OK)


def connect_rw(path: str) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level=None)


def connect_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` when SQLite cannot open the WAL side files (read-only dir)."""
    failure: sqlite3.OperationalError | None = None
    for params in ({"mode": "ro"}, {"mode": "ro", "immutable": "1"}):
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(
                _uri(path, **params),
                uri=True,
                timeout=BUSY_TIMEOUT,
                check_same_thread=False,
                isolation_level=None,
            )
            schema_objects(db)  # a WAL store in a read-only directory fails here, not on connect
            return db
        except sqlite3.OperationalError as e:
            failure = e
            if db is not None:
                db.close()
    raise permission_denied(str(path), f"cannot open it read-only: {failure}")


@dataclass(frozen=True, slots=True)
class Opened:
    """A connection to a checked store: read-only or not, marked yet or not, and its schema version."""

    db: sqlite3.Connection
    read_only: bool
    marked: bool
    version: int


def open_store(path: str, dim: int, *, create: bool, read_only: bool) -> Opened:
    """Open (or, with ``create``, make) the store at ``path``; see :class:`.sqlite.SQLiteStore`."""
    try:
        db, read_only = _connect(path, dim, create=create, read_only=read_only)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: cannot open the store ({e})") from e
    try:
        marked, version = check_store(db, path, dim)
        db.execute("PRAGMA foreign_keys = ON")
        if not read_only and path != ":memory:":
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute(VECTORLESS_INDEX)
    except BaseException as e:
        db.close()
        if isinstance(e, sqlite3.DatabaseError):
            raise StoreError(f"{path}: cannot read the store ({e})") from e
        raise
    return Opened(db, read_only, marked, version)


def _connect(path: str, dim: int, *, create: bool, read_only: bool) -> tuple[sqlite3.Connection, bool]:
    if path == ":memory:":
        db = connect_rw(path)
        init_schema(db, path, dim)
        return db, False
    p = Path(path)
    found = probe(p)
    if found.kind == "foreign":
        raise not_a_store(path, found.reason)
    if found.kind == "store":
        read_only = read_only or not writable(p)
        return (connect_ro(p) if read_only else connect_rw(path)), read_only
    if not create or read_only:
        if found.kind == "missing":
            raise NoStore(f"no store at {path}")
        raise not_a_store(path, "an empty file")
    return create_store(p, dim), False


def create_store(p: Path, dim: int) -> sqlite3.Connection:
    """A new store at ``p`` (or the one another process made meanwhile), under the lock file."""
    refused = permission_denied(str(p), f"cannot create a store in {p.parent}")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except PermissionError as e:
        raise refused from e
    except OSError as e:  # e.g. a parent that is a file
        raise StoreError(f"{p}: cannot create the store ({e.strerror})") from e
    if not can_create_in(p.parent):
        raise refused
    try:
        with file_lock(lock_path(p)):
            found = probe(p)  # again, under the lock: another process may have made it meanwhile
            if found.kind == "foreign":
                raise not_a_store(str(p), found.reason)
            db = connect_rw(str(p))
            try:
                if found.kind != "store":
                    init_schema(db, str(p), dim)
                    switch_to_wal(db)
            except BaseException:
                db.close()
                raise
            return db
    except PermissionError as e:
        raise refused from e


def switch_to_wal(db: sqlite3.Connection, tries: int = 50) -> None:
    """WAL mode (persistent); SQLite keeps the old mode while another connection reads, so retry a little."""
    for _ in range(tries):
        if str(db.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower() == "wal":
            return
        time.sleep(0.1)
    # still not WAL after 5 s: the store works all the same (rollback journal: readers briefly block writers)


def init_schema(db: sqlite3.Connection, path: str, dim: int) -> None:
    """Tables, marker and meta in one transaction; refuses a database that has other tables."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if schema_objects(db) and not looks_like_store(db):
            raise not_a_store(path, "a SQLite database with other tables")
        for statement in SCHEMA.split(";\n"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?), ('dim', ?)",
            (str(SCHEMA_VERSION), str(dim)),
        )
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def check_store(db: sqlite3.Connection, path: str, dim: int) -> tuple[bool, int]:
    """The marker (or a store's tables), the schema version, the vector size; returns (marked, version)."""
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    if app_id != APPLICATION_ID and (app_id != 0 or not looks_like_store(db)):
        raise not_a_store(path, "another program's SQLite database")
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise not_a_store(path, "it has no schema version")
    version = int(row[0]) if str(row[0]).isdigit() else None
    if version is None or version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{path}: the store has schema version {row[0]}, "
            f"this tabayyun reads up to version {SCHEMA_VERSION} "
            "(it was made by a newer tabayyun)"
        )
    stored = db.execute("SELECT value FROM meta WHERE key = 'dim'").fetchone()
    stored_dim = None if stored is None else int(stored[0])
    if stored_dim != dim:
        raise StoreError(f"{path}: store holds {stored_dim}-d vectors, the embedder gives {dim}-d")
    return app_id == APPLICATION_ID, version
