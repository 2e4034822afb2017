"""The server on a PostgreSQL store: two apps (as two server processes would) behind one database.

What one adds or deletes, the other sees at once: listing, fetching, searching and checking.
In process (two ``TestClient``s, two stores, two connections) with the fast fake models; the
store is a real PostgreSQL (tests/pg_fixture.py).
"""

from __future__ import annotations

from collections.abc import Iterator

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
