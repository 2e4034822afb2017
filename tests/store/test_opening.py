"""Opening stores: the marker, foreign files left untouched, versions, create=False, read-only access."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import tabayyun.store.opening as opening
from tabayyun import Tabayyun
from tabayyun.errors import (
    NoStore,
    NotAStore,
    ReadOnlyStore,
    StoreError,
    StorePermissionError,
    StoreVersionError,
)
from tabayyun.store.opening import APPLICATION_ID, SCHEMA_VERSION, probe
from tabayyun.store.sqlite import SQLiteStore
from tabayyun.testing import HashingEmbedder, OverlapStance

DOC = "أعلنت البلدية افتتاح جسر جديد فوق النهر. ويربط الجسر الحيين الشرقي والغربي."
DOC_EN = "The council opened a new bridge over the river. It links the east and west quarters."


def open_tb(path: Path, **options: bool) -> Tabayyun:
    return Tabayyun(path, embedder=HashingEmbedder(), stance_model=OverlapStance(), **options)


def make_store(path: Path, *texts: str) -> None:
    with open_tb(path) as tb:
        for t in texts or (DOC, DOC_EN):
            tb.add_text(t)


def fingerprint(directory: Path, *, sqlite_side_files: bool = True) -> dict[str, tuple[str, int]]:
    """Every file in ``directory``: its content hash and modification time (ns).

    ``sqlite_side_files=False`` leaves out ``-wal``/``-shm``: SQLite creates them for any
    reader of a WAL database in a writable directory.
    """
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(directory.iterdir())
        if p.is_file() and (sqlite_side_files or not p.name.endswith(("-wal", "-shm")))
    }


# -- foreign files --------------------------------------------------------------------


def _documents_table(p: Path) -> None:  # another program's table named like ours
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE documents (name TEXT, body BLOB)")
    con.execute("INSERT INTO documents VALUES ('x', x'00')")
    con.commit()
    con.close()


def _other_tables_wal(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes(body) VALUES ('remember the milk')")
    con.commit()
    con.close()


def _other_application(p: Path) -> None:  # marked by another program, no tables at all
    con = sqlite3.connect(p)
    con.execute("PRAGMA application_id = 1234")
    con.execute("CREATE TABLE t (x)")
    con.execute("DROP TABLE t")
    con.commit()
    con.close()


def _other_user_version(p: Path) -> None:  # versioned by another program, no tables yet
    con = sqlite3.connect(p)
    con.execute("PRAGMA user_version = 5")
    con.commit()
    con.close()


def _not_sqlite(p: Path) -> None:
    p.write_bytes(b"%PDF-1.4 not a database at all\n" * 20)


def _tabayyun_tables_other_app(p: Path) -> None:  # our tables, but another program's marker
    SQLiteStore(p, dim=8).close()
    con = sqlite3.connect(p)
    con.execute("PRAGMA application_id = 77")
    con.commit()
    con.close()


FOREIGN: list[tuple[Callable[[Path], None], str]] = [
    (_documents_table, "other tables"),
    (_other_tables_wal, "other tables"),
    (_other_application, "another program"),
    (_other_user_version, "user_version 5"),
    (_not_sqlite, "not a SQLite database"),
    (_tabayyun_tables_other_app, "another program"),
]


@pytest.mark.parametrize("make", [m for m, _ in FOREIGN], ids=[m.__name__.strip("_") for m, _ in FOREIGN])
@pytest.mark.parametrize(
    ("create", "read_only"), [(True, False), (False, False), (False, True)], ids=["add", "read", "ro"]
)
def test_foreign_file_is_refused_untouched(
    tmp_path: Path, make: Callable[[Path], None], create: bool, read_only: bool
) -> None:
    p = tmp_path / "other.db"
    make(p)
    before = fingerprint(tmp_path)
    with pytest.raises(NotAStore, match=r"other\.db is not a tabayyun store") as info:
        SQLiteStore(p, dim=8, create=create, read_only=read_only)
    assert dict(FOREIGN)[make] in str(info.value)
    assert fingerprint(tmp_path) == before  # same bytes, same mtime, no -wal/-shm/.lock/.vectors files


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(NotAStore, match="a directory"):
        SQLiteStore(tmp_path, dim=8)


@pytest.mark.parametrize("create", [True, False], ids=["add", "read"])
def test_a_path_under_a_file_is_a_store_error(tmp_path: Path, create: bool) -> None:
    (tmp_path / "notes.txt").write_text("not a directory", encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.txt"):
        SQLiteStore(tmp_path / "notes.txt" / "s.db", dim=8, create=create)


# -- the marker, versions -------------------------------------------------------------


def test_new_store_carries_the_marker_and_version(tmp_path: Path) -> None:
    p = tmp_path / "s.db"
    SQLiteStore(p, dim=8).close()
    con = sqlite3.connect(p)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )
    con.close()
    assert probe(p).kind == "store"


def _unmark(p: Path) -> None:
    """Make ``p`` look like a store written before the marker existed."""
    con = sqlite3.connect(p)
    con.execute("PRAGMA application_id = 0")
    con.commit()
    con.close()


def test_store_from_before_the_marker_opens_and_is_marked_on_first_write_only(tmp_path: Path) -> None:
    p = tmp_path / "old.db"
    make_store(p)
    _unmark(p)
    assert probe(p).kind == "store"  # recognized by its tables
    with open_tb(p, create=False) as tb:
        assert [d.text for d in tb.documents()] == [DOC, DOC_EN]
        assert tb.search("bridge over the river")
    con = sqlite3.connect(p)
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0  # reading never marks
    con.close()
    with open_tb(p) as tb:
        tb.add_text("A third document about the new bridge toll.")
    con = sqlite3.connect(p)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()


@pytest.mark.parametrize(
    "version", [str(SCHEMA_VERSION + 1), "99", "two", ""], ids=["next", "far", "word", "empty"]
)
def test_newer_or_unknown_schema_version_is_refused(tmp_path: Path, version: str) -> None:
    p = tmp_path / "s.db"
    SQLiteStore(p, dim=8).close()
    con = sqlite3.connect(p)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
    con.commit()
    con.close()
    with pytest.raises(StoreVersionError, match="newer tabayyun"):
        SQLiteStore(p, dim=8)


def test_missing_schema_version_is_not_a_store(tmp_path: Path) -> None:
    p = tmp_path / "s.db"
    SQLiteStore(p, dim=8).close()
    con = sqlite3.connect(p)
    con.execute("DELETE FROM meta WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(NotAStore, match="no schema version"):
        SQLiteStore(p, dim=8)


# -- create=False ---------------------------------------------------------------------


def test_create_false_never_creates(tmp_path: Path) -> None:
    p = tmp_path / "sub" / "none.db"
    with pytest.raises(NoStore, match="no store at"):
        SQLiteStore(p, dim=8, create=False)
    assert not (tmp_path / "sub").exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(NotAStore, match="an empty file"):
        SQLiteStore(empty, dim=8, create=False)
    assert empty.stat().st_size == 0
    assert sorted(q.name for q in tmp_path.iterdir()) == ["empty.db"]


def _blank_sqlite(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("VACUUM")  # a valid database file with no tables and no marker
    con.close()


@pytest.mark.parametrize("make", [Path.touch, _blank_sqlite], ids=["zero-bytes", "blank-sqlite"])
def test_an_empty_file_becomes_a_store_when_adding(tmp_path: Path, make: Callable[[Path], None]) -> None:
    p = tmp_path / "empty.db"
    make(p)
    assert probe(p).kind == "empty"
    with open_tb(p) as tb:
        tb.add_text(DOC)
    assert probe(p).kind == "store"


# -- read-only ------------------------------------------------------------------------


def test_read_only_serves_documents_search_and_check_and_writes_nothing(tmp_path: Path) -> None:
    p = tmp_path / "s.db"
    make_store(p)
    before = fingerprint(tmp_path, sqlite_side_files=False)
    with open_tb(p, read_only=True) as tb:
        assert tb.store.read_only
        assert len(tb.documents()) == 2
        assert tb.search("bridge over the river")[0].text.startswith("The council opened")
        assert tb.check("The council opened a new bridge over the river").verdict == "supported"
        with pytest.raises(ReadOnlyStore, match="read-only"):
            tb.add_text("Something new.")
        with pytest.raises(ReadOnlyStore):
            tb.delete(1)
    assert fingerprint(tmp_path, sqlite_side_files=False) == before


def test_read_only_store_whose_vector_file_is_stale_catches_up_in_memory(tmp_path: Path) -> None:
    p = tmp_path / "s.db"
    make_store(p)
    Path(str(p) + ".vectors").unlink()
    before = fingerprint(tmp_path, sqlite_side_files=False)
    with open_tb(p, read_only=True) as tb:
        assert len(tb.store.vectors) == tb.store.count_sentences() == 4
    assert fingerprint(tmp_path, sqlite_side_files=False) == before


def test_unwritable_store_file_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only file or directory looks like to the store (simulated: tests may run as root)."""
    p = tmp_path / "s.db"
    make_store(p)
    monkeypatch.setattr(opening, "writable", lambda path: False)
    with open_tb(p) as tb:  # an `add` would open it like this, then refuse to write
        assert tb.store.read_only
        assert len(tb.documents()) == 2
        with pytest.raises(ReadOnlyStore):
            tb.add_text("Something new.")


def test_wal_store_without_side_files_opens_immutable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a read-only directory SQLite cannot create ``-shm``: the store is read as immutable."""
    p = tmp_path / "s.db"
    make_store(p)
    assert not Path(str(p) + "-shm").exists()
    real_connect = sqlite3.connect
    tried: list[str] = []

    def no_side_files(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        tried.append(database)
        if "immutable" not in database:  # what mode=ro does in a read-only directory
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(database, *args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(sqlite3, "connect", no_side_files)  # the one module object opening.py uses
    with open_tb(p, read_only=True) as tb:
        assert len(tb.documents()) == 2
        assert tb.search("الجسر فوق النهر")
    assert any("mode=ro" in u and "immutable=1" in u for u in tried)


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root ignores permission bits (the logic is tested with mocks above)"
)
def test_real_read_only_directory(tmp_path: Path) -> None:
    d = tmp_path / "ro"
    d.mkdir()
    make_store(d / "s.db")
    d.chmod(0o555)
    try:
        with open_tb(d / "s.db", create=False) as tb:
            assert tb.store.read_only and len(tb.documents()) == 2
            assert tb.search("bridge")
        with pytest.raises(StorePermissionError, match="permission denied"):
            open_tb(d / "new.db")
    finally:
        d.chmod(0o755)


def test_new_store_in_read_only_directory_is_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opening, "can_create_in", lambda directory: False)
    with pytest.raises(StorePermissionError, match="permission denied") as info:
        SQLiteStore(tmp_path / "new.db", dim=8)
    assert not isinstance(info.value, NotAStore)
    assert list(tmp_path.iterdir()) == []


def test_lock_file_that_cannot_be_created_is_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tabayyun.store.lock.os.open", refuse)
    with pytest.raises(StorePermissionError, match="permission denied"):
        SQLiteStore(tmp_path / "new.db", dim=8)


def test_every_refusal_is_a_store_error() -> None:
    for cls in (NoStore, NotAStore, StoreVersionError, StorePermissionError, ReadOnlyStore):
        assert issubclass(cls, StoreError)


KILLED_WRITER = """
import os, sys
from tabayyun import Tabayyun
from tabayyun.testing import HashingEmbedder
tb = Tabayyun(sys.argv[1], embedder=HashingEmbedder())
for text in sys.argv[2:]:
    tb.add_text(text)
os._exit(0)  # no close: the WAL and its index stay beside the file, as after a crash
"""


def _mount_tmpfs(directory: Path) -> bool:
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(directory)], capture_output=True,
                             check=False)
    return mounted.returncode == 0


@pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a file system needs root (see test_real_read_only_directory)"
)
@pytest.mark.parametrize("closed", [True, False], ids=["closed-cleanly", "writer-killed-wal-left"])
def test_store_on_a_read_only_file_system(tmp_path: Path, closed: bool) -> None:
    """A real read-only mount: what root cannot fake with permission bits."""
    d = tmp_path / "mnt"
    d.mkdir()
    if not _mount_tmpfs(d):
        pytest.skip("cannot mount a tmpfs here")
    try:
        if closed:
            make_store(d / "s.db")
        else:
            subprocess.run([sys.executable, "-c", KILLED_WRITER, str(d / "s.db"), DOC, DOC_EN], check=True)
            assert Path(str(d / "s.db") + "-wal").stat().st_size > 0
        subprocess.run(["mount", "-o", "remount,ro", str(d)], check=True)
        with open_tb(d / "s.db", create=False) as tb:
            assert tb.store.read_only
            assert [x.text for x in tb.documents()] == [DOC, DOC_EN]
            assert tb.search("bridge over the river")[0].text.startswith("The council opened")
            assert len(tb.store.vectors) == 4
            with pytest.raises(ReadOnlyStore):
                tb.add_text("Something new.")
        with pytest.raises(StorePermissionError, match="permission denied") as info:
            open_tb(d / "new.db")
        assert not isinstance(info.value, NotAStore)
    finally:
        subprocess.run(["umount", str(d)], check=True)
