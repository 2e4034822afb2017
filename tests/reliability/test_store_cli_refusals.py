"""`tabayyun` on foreign, missing, newer and read-only stores: one line, exit 2, the file untouched."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import tabayyun.core
from tabayyun.cli import main
from tabayyun.testing import HashingEmbedder

BRIDGE = "The council opened a new bridge over the river. It links the east and west quarters."


@pytest.fixture(autouse=True)
def fast_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands as they are, with the fast fake embedder in place of e5."""
    monkeypatch.setattr(tabayyun.core, "E5Embedder", HashingEmbedder)


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


def fingerprint(directory: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


def other_program_db(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE documents (name TEXT, size INTEGER)")  # the case that used to give a traceback
    con.execute("INSERT INTO documents VALUES ('a.txt', 3)")
    con.commit()
    con.close()


COMMANDS = [
    ("documents",),
    ("search", "bridge"),
    ("check", "The council opened a bridge", "--stance", "heuristic"),
    ("rm", "1"),
    ("add", "{file}"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_foreign_database_one_line_and_untouched(tmp_path: Path, command: tuple[str, ...]) -> None:
    d = tmp_path / "data"
    d.mkdir()
    db = d / "app.db"
    other_program_db(db)
    source = tmp_path / "bridge.txt"
    source.write_text(BRIDGE, encoding="utf-8")
    before = fingerprint(d)
    code, out, err = run(*(a.replace("{file}", str(source)) for a in command), "--db", str(db))
    assert code == 2
    expected = (
        f"error: {db} is not a tabayyun store (a SQLite database with other tables); it was left untouched"
    )
    assert err.strip().splitlines() == [expected]
    assert "Traceback" not in err + out
    assert fingerprint(d) == before  # no tables, no WAL switch, no side files


def test_newer_store_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    source = tmp_path / "bridge.txt"
    source.write_text(BRIDGE, encoding="utf-8")
    assert run("add", str(source), "--db", str(db))[0] == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    code, _, err = run("documents", "--db", str(db))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "schema version 7" in err and "newer tabayyun" in err


def test_read_commands_create_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    for command in (("documents",), ("search", "bridge"), ("rm", "1")):
        code, _, err = run(*command, "--db", str(db))
        assert code == 2 and "no store at" in err
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A directory on a read-only file system (a tmpfs remounted read-only) holding a store."""
    if os.geteuid() != 0:
        pytest.skip("mounting needs root; tests/store/test_opening.py covers a chmod-ed directory")
    d = tmp_path / "mnt"
    d.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(d)], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        source = tmp_path / "bridge.txt"
        source.write_text(BRIDGE, encoding="utf-8")
        assert run("add", str(source), "--db", str(d / "s.db"))[0] == 0
        subprocess.run(["mount", "-o", "remount,ro", str(d)], check=True)
        yield d
    finally:
        subprocess.run(["umount", str(d)], check=True)


def test_read_only_store_serves_documents_search_and_check(read_only_mount: Path) -> None:
    db = str(read_only_mount / "s.db")
    code, out, _ = run("documents", "--db", db, "--json")
    assert code == 0 and [d["title"] for d in json.loads(out)] == [BRIDGE.split("\n")[0][:120]]
    code, out, _ = run("search", "bridge over the river", "--db", db, "--json")
    assert code == 0 and "The council opened" in out
    code, out, _ = run("check", "The council opened a new bridge over the river", "--db", db, "--json",
                       "--stance", "heuristic")  # fmt: skip
    assert code == 0 and json.loads(out)["evidence"]


def test_read_only_store_refuses_writes_in_one_line(read_only_mount: Path, tmp_path: Path) -> None:
    db = str(read_only_mount / "s.db")
    more = tmp_path / "more.txt"
    more.write_text("Another text about the harbour.", encoding="utf-8")
    code, _, err = run("add", str(more), "--db", db)
    assert code == 2 and err.strip() == f"error: {db}: permission denied (the store is read-only)"
    code, _, err = run("rm", "1", "--db", db)
    assert code != 0 and len(err.strip().splitlines()) == 1 and "read-only" in err
    code, _, err = run("add", str(more), "--db", str(read_only_mount / "new.db"))
    assert code == 2 and "permission denied" in err and "not a tabayyun store" not in err
