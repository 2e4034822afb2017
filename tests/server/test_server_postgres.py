"""The server on a PostgreSQL store: two servers behind one database.

What one adds or deletes, the other sees at once: listing, fetching, searching and checking.
In process (two apps, two stores, two connections), and as two ``tabayyun serve`` processes;
both with the fast fake embedder. The store is a real PostgreSQL (tests/pg_fixture.py).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from server_fakes import SOURCE_AR, SOURCE_EN, fake_tabayyun

from tabayyun.server import create_app


@pytest.fixture
def two(pg_url: str) -> Iterator[tuple[TestClient, TestClient]]:
    with fake_tabayyun(pg_url) as a, fake_tabayyun(pg_url) as b, \
            TestClient(create_app(a)) as ca, TestClient(create_app(b)) as cb:  # fmt: skip
        yield ca, cb


def add(client: TestClient, text: str) -> int:
    r = client.post("/api/documents", json={"text": text, "title": "t"})
    assert r.status_code == 201, r.text
    return int(r.json()["documents"][0]["id"])


def test_two_servers_see_each_others_documents_at_once(two: tuple[TestClient, TestClient]) -> None:
    a, b = two
    ar = add(a, SOURCE_AR)
    assert [d["id"] for d in b.get("/api/documents").json()["documents"]] == [ar]
    assert b.get(f"/api/documents/{ar}").json()["text"] == SOURCE_AR
    check = b.post("/api/check", json={"claim": "وزعت البلدية 450 خيمة على الأسر"}).json()
    assert check["evidence"] and check["evidence"][0]["document_id"] == ar
    en = add(b, SOURCE_EN)
    hits = a.get("/api/search", params={"q": "volunteers joined the relief effort"}).json()["hits"]
    assert hits[0]["document_id"] == en
    r = b.post("/api/documents", json={"text": SOURCE_AR, "title": "again"})  # the same text: one document
    assert r.status_code == 200 and r.json()["unchanged"] == [ar] and r.json()["total"] == 2
    assert a.delete(f"/api/documents/{en}").status_code == 200
    assert b.get(f"/api/documents/{en}").status_code == 404
    assert [d["id"] for d in b.get("/api/documents").json()["documents"]] == [ar]


SERVE = textwrap.dedent(
    """
    import sys
    import tabayyun.core
    from tabayyun.testing import HashingEmbedder
    tabayyun.core.E5Embedder = HashingEmbedder  # `tabayyun serve` as it is, with the fast fake embedder
    from tabayyun.cli import main
    main(["serve", "--db", sys.argv[1], "--port", sys.argv[2], "--stance", "heuristic", "--no-warm"])
    """
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, "the server exited"
        try:
            if httpx.get(url + "/api/documents", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)


def test_two_serve_processes_share_one_database(pg_url: str) -> None:
    ports = [free_port(), free_port()]
    procs = [subprocess.Popen([sys.executable, "-c", SERVE, pg_url, str(p)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for p in ports]  # fmt: skip
    try:
        a, b = (f"http://127.0.0.1:{p}" for p in ports)
        for url, proc in zip((a, b), procs, strict=True):
            wait_up(url, proc)
        r = httpx.post(a + "/api/documents", json={"text": SOURCE_EN, "title": "report"}, timeout=30)
        assert r.status_code == 201, r.text
        doc = r.json()["documents"][0]["id"]
        assert [d["id"] for d in httpx.get(b + "/api/documents").json()["documents"]] == [doc]
        check = httpx.post(b + "/api/check", json={"claim": "300 volunteers joined the relief effort"},
                           timeout=30).json()  # fmt: skip
        assert check["evidence"][0]["document_id"] == doc
        assert httpx.delete(f"{b}/api/documents/{doc}").status_code == 200
        assert httpx.get(f"{a}/api/documents/{doc}").status_code == 404
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(20)
