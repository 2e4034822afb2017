"""The API's limits and edges from issue 13: big integers, content types, bodies, methods, source size."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from server_fakes import SOURCE_AR, fake_tabayyun

from tabayyun.server import create_app
from tabayyun.server.schemas import MAX_SOURCE_CHARS, MAX_TOTAL_SOURCE_CHARS

BIG = "99999999999999999999"  # > 2**64


@pytest.fixture
def client() -> Iterator[TestClient]:
    with fake_tabayyun() as tb, TestClient(create_app(tb), raise_server_exceptions=False) as c:
        yield c


def error(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == status and "\n" not in body["error"]
    return dict(body)


@pytest.mark.parametrize(
    ("method", "url"),
    [("GET", f"/api/documents/{BIG}"), ("DELETE", f"/api/documents/{BIG}"),
     ("GET", f"/api/documents?offset={BIG}"),
     ("GET", f"/api/documents/{2**53}"), ("GET", "/api/documents/0"), ("GET", "/api/documents?offset=-1")],
    ids=["get-2^66", "delete-2^66", "offset-2^66", "get-2^53", "get-0", "offset-negative"],
)  # fmt: skip
def test_big_or_bad_integers_are_422_not_500(client: TestClient, method: str, url: str) -> None:
    error(client.request(method, url), 422)


def test_big_document_ids_in_a_check_are_422(client: TestClient) -> None:
    error(client.post("/api/check", json={"claim": "a claim", "documents": [int(BIG)]}), 422)


@pytest.mark.parametrize(
    ("path", "body"),
    [("/api/check", {"claim": "a claim"}), ("/api/claimreview", {"claim": "a claim"})],
    ids=["check", "claimreview"],
)
@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", ""],
                         ids=["text", "form", "none"])
def test_json_endpoints_answer_415_to_another_content_type(
    client: TestClient, path: str, body: dict[str, Any], ctype: str
) -> None:
    r = client.post(path, content=json.dumps(body).encode(), headers={"content-type": ctype} if ctype else {})
    assert "application/json" in error(r, 415)["error"]


def test_a_body_that_is_not_utf8_is_422_like_other_bad_json(client: TestClient) -> None:
    r = client.post("/api/check", content=b'{"claim": "\xff\xfe"}',
                    headers={"content-type": "application/json"})
    assert "not valid JSON" in error(r, 422)["error"]


@pytest.mark.parametrize(
    ("path", "allowed"),
    [("/api/documents/1", "DELETE, GET"), ("/api/documents", "GET, POST"), ("/api/check", "POST")],
    ids=["document", "documents", "check"],
)
def test_405_names_every_allowed_method(client: TestClient, path: str, allowed: str) -> None:
    for method in ("OPTIONS", "PUT"):
        r = client.request(method, path)
        error(r, 405)
        assert r.headers["allow"] == allowed


def test_a_blank_document_is_422_as_the_cli_refuses_it(client: TestClient) -> None:
    assert "is blank" in error(client.post("/api/documents", json={"text": " \n\t "}), 422)["error"]
    assert client.get("/api/documents").json()["total"] == 0


def test_claimreview_documents_its_json_ld_and_search_its_object(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()["paths"]
    assert "application/ld+json" in spec["/api/claimreview"]["post"]["responses"]["200"]["content"]
    ref = spec["/api/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/SearchOut")


def test_source_text_over_the_total_limit_is_413(client: TestClient) -> None:
    big = "جملة عن الطقس في المدينة اليوم. " * (MAX_SOURCE_CHARS // 33)
    n = MAX_TOTAL_SOURCE_CHARS // len(big) + 1
    r = client.post("/api/check", json={"claim": "الطقس في المدينة", "sources": [big] * n})
    assert str(MAX_TOTAL_SOURCE_CHARS) in error(r, 413)["error"]


def test_picked_documents_count_toward_the_total(client: TestClient) -> None:
    big = "جملة عن الطقس في المدينة اليوم رقم {}. "
    ids = []
    for k in range(3):
        text = "".join(big.format(k * 10_000 + i) for i in range(MAX_TOTAL_SOURCE_CHARS // 3 // 30 + 100))
        ids.append(client.post("/api/documents", json={"text": text}).json()["documents"][0]["id"])
    error(client.post("/api/check", json={"claim": "الطقس في المدينة", "documents": ids}), 413)
    ok = client.post("/api/check",
                     json={"claim": "الطقس في المدينة", "documents": ids[:1], "sources": [SOURCE_AR]})
    assert ok.status_code == 200, ok.text
