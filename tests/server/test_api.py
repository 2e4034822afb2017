"""The HTTP API, in process (no socket): every endpoint, every error, one error shape."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from typing import Any

import httpx
import numpy as np
import pytest
from fastapi.testclient import TestClient
from numpy.typing import NDArray
from server_fakes import HOSTILE, SOURCE_AR, SOURCE_EN

from tabayyun.core import MAX_CLAIM_CHARS, Tabayyun
from tabayyun.errors import ModelError
from tabayyun.results import (
    VERDICTS,
    CheckResult,
    Correction,
    Document,
    Evidence,
    PartResult,
    Reason,
    SearchHit,
)
from tabayyun.server import create_app
from tabayyun.server.schemas import MAX_SOURCES
from tabayyun.testing import HashingEmbedder, OverlapStance

CLAIM_OK = "وزّعت بلدية الواحة 450 خيمة على الأسر المتضررة"
CLAIM_WRONG_NUMBER = "وزّعت بلدية الواحة 900 خيمة على الأسر المتضررة"
TOKEN = "s3cret-token"


def assert_error(r: httpx.Response, status: int, *needles: str) -> dict[str, Any]:
    """The one error shape, with this status, and no stack trace."""
    assert r.status_code == status, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert set(body) <= {"ok", "error", "status", "details"}
    assert "Traceback" not in r.text and 'File "' not in r.text
    for n in needles:
        assert n in body["error"], body
    return dict(body)


def add(client: TestClient, text: str, **extra: Any) -> int:
    r = client.post("/api/documents", json={"text": text, **extra})
    assert r.status_code in (200, 201), r.text
    return int(r.json()["documents"][0]["id"])


# -- /api/check ----------------------------------------------------------------------------
# written for this test: one statement worded twice (the number at other offsets), under the same source name
SAME_NAME_A = "وزّعت بلدية الواحة 450 خيمة على الأسر المتضررة يوم الأحد."
SAME_NAME_B = "قالت البلدية في بيانها إنها وزّعت 450 خيمة على الأسر المتضررة في الواحة."


@pytest.mark.parametrize("picked", [True, False], ids=["picked-documents", "whole-store"])
def test_documents_with_one_source_name_keep_their_own_marks(client: TestClient, picked: bool) -> None:
    """Context and marks are matched by document id: two documents named alike never share marks."""
    ids = [add(client, text, source="same.txt") for text in (SAME_NAME_A, SAME_NAME_B)]
    texts = dict(zip(ids, (SAME_NAME_A, SAME_NAME_B)))
    body = {"claim": CLAIM_OK, "context": True} | ({"documents": ids} if picked else {})
    out = client.post("/api/check", json=body).json()
    assert {e["document_id"] for e in out["evidence"]} <= set(ids) and out["evidence"]
    for ev, ctx in zip(out["evidence"], out["context"], strict=True):
        assert ctx is not None and ctx["document_id"] == ev["document_id"] and ctx["source"] == "same.txt"
        text = texts[ev["document_id"]]
        assert text[ctx["offset"] : ctx["offset"] + len(ctx["paragraph"])] == ctx["paragraph"]
        own = {(c["evidence_start"], c["evidence_end"], c["result"]) for c in out["checks"]
               if c["document_id"] == ev["document_id"] and c["evidence_start"] is not None}
        assert {(m["start"], m["end"], m["result"]) for m in ctx["marks"]} <= own
    assert all(c["document_id"] in ids for c in out["checks"] if c["evidence_start"] is not None)
    marked = {c["document_id"] for c in out["checks"] if c["evidence_start"] is not None}
    assert marked == set(ids)  # both have marks




def test_check_against_pasted_source_is_the_library_result(client: TestClient, tb: Tabayyun) -> None:
    r = client.post("/api/check", json={"claim": CLAIM_OK, "sources": [SOURCE_AR]})
    assert r.status_code == 200
    body = r.json()
    direct = tb.check(CLAIM_OK, sources=[SOURCE_AR]).to_dict()
    for ev in direct["evidence"]:
        ev["document_id"] = None  # a pasted source is not stored: the API does not pretend it has an id
    assert body == direct
    assert list(body) == ["id", "claim", "verdict", "confidence", "evidence", "checks", "reason",
                          "correction", "parts"]
    assert body["verdict"] == "supported"
    for ev in body["evidence"]:
        assert SOURCE_AR[ev["start"] : ev["end"]] == ev["text"]
        assert ev["source"] == "source 1" and ev["document_id"] is None
    assert any(c["kind"] == "quantity" and c["result"] == "match" for c in body["checks"])


def test_check_number_mismatch_is_refuted(client: TestClient) -> None:
    body = client.post("/api/check", json={"claim": CLAIM_WRONG_NUMBER, "sources": [SOURCE_AR]}).json()
    assert body["verdict"] == "refuted"
    mismatch = [c for c in body["checks"] if c["result"] == "mismatch"]
    assert mismatch
    first = mismatch[0]
    assert SOURCE_AR[first["evidence_start"] : first["evidence_end"]] == first["evidence_text"]


def test_check_context_gives_the_paragraph_with_exact_offsets(client: TestClient) -> None:
    sources = [SOURCE_EN, SOURCE_AR]
    body = client.post("/api/check", json={"claim": CLAIM_OK, "sources": sources, "context": True}).json()
    assert len(body["context"]) == len(body["evidence"])
    for ev, ctx in zip(body["evidence"], body["context"]):
        text = sources[int(ev["source"].split()[-1]) - 1]
        para = ctx["paragraph"]
        assert text[ctx["offset"] : ctx["offset"] + len(para)] == para
        assert ctx["offset"] <= ev["start"] < ev["end"] <= ctx["offset"] + len(para)
        assert "\n" not in para
        for m in ctx["marks"]:
            assert ctx["offset"] <= m["start"] < m["end"] <= ctx["offset"] + len(para)
    top = body["context"][0]
    assert top["source"] == "source 2" and top["document_id"] is None
    assert any(text_of(top, m) == "450 خيمة" for m in top["marks"])


def text_of(ctx: dict[str, Any], mark: dict[str, Any]) -> str:
    return str(ctx["paragraph"][mark["start"] - ctx["offset"] : mark["end"] - ctx["offset"]])


def test_check_against_the_store(client: TestClient) -> None:
    doc_id = add(client, SOURCE_AR, title="بيان البلدية", url="https://example.org/bayan")
    add(client, SOURCE_EN)
    body = client.post("/api/check", json={"claim": CLAIM_OK, "context": True, "id": "c-7"}).json()
    assert body["id"] == "c-7" and body["verdict"] == "supported"
    top, ctx = body["evidence"][0], body["context"][0]
    assert top["document_id"] == doc_id
    assert ctx["title"] == "بيان البلدية" and ctx["url"] == "https://example.org/bayan"
    assert SOURCE_AR[top["start"] : top["end"]] == top["text"]


def test_check_against_picked_documents_maps_back_ids_and_sources(client: TestClient) -> None:
    ar = add(client, SOURCE_AR, source="statements/oasis.txt")
    add(client, SOURCE_EN)
    body = client.post("/api/check", json={"claim": CLAIM_OK, "documents": [ar], "context": True}).json()
    assert body["verdict"] == "supported"
    assert {e["document_id"] for e in body["evidence"]} == {ar}
    assert {e["source"] for e in body["evidence"]} == {"statements/oasis.txt"}
    assert {c["source"] for c in body["checks"]} == {"statements/oasis.txt"}
    assert body["context"][0]["document_id"] == ar


def test_check_with_no_evidence_is_not_enough_info(client: TestClient) -> None:
    body = client.post("/api/check", json={"claim": "The moon is made of cheese"}).json()
    assert body["verdict"] == "not_enough_info" and body["evidence"] == []


@pytest.mark.parametrize(
    ("payload", "status", "needle"),
    [
        ({"claim": ""}, 422, "claim"),
        ({"claim": "   "}, 422, "claim: needs a letter or a digit"),
        ({"claim": "x" * (MAX_CLAIM_CHARS + 1)}, 422, "claim"),
        ({}, 422, "claim"),
        ({"claim": 5}, 422, "claim"),
        ({"claim": "a claim", "bogus": 1}, 422, "bogus"),
        ({"claim": "a claim", "sources": "not a list"}, 422, "sources"),
        ({"claim": "a claim", "sources": ["text"] * (MAX_SOURCES + 1)}, 422, "sources"),
        ({"claim": "a claim", "sources": ["  ", "\n"]}, 422, "sources.0: is blank"),
        ({"claim": "a claim", "sources": []}, 422, "sources"),
        ({"claim": "a claim", "documents": []}, 422, "documents"),
        ({"claim": "a claim", "documents": [2**64]}, 422, "documents.0"),
        ({"claim": "a claim", "documents": [0]}, 422, "documents.0"),
        ({"claim": "a claim", "id": False}, 422, "id"),
        ({"claim": "a claim", "id": 1.5}, 422, "id"),
        ({"claim": "a claim", "context": 0}, 422, "context"),
        ({"claim": "a claim", "documents": [999]}, 404, "999"),
        ({"claim": "a claim", "documents": ["x"]}, 422, "documents"),
        ([1, 2], 422, "body"),
    ],
    ids=["empty", "blank", "too-long", "missing", "not-a-string", "unknown-field", "sources-not-list",
         "too-many-sources", "blank-sources", "no-sources", "no-documents", "document-id-2^64",
         "document-id-0",
         "id-bool", "id-float", "context-int", "unknown-document", "document-not-int", "array-body"],
)  # fmt: skip
def test_check_errors(client: TestClient, payload: Any, status: int, needle: str) -> None:
    assert_error(client.post("/api/check", json=payload), status, needle)


def test_check_broken_json(client: TestClient) -> None:
    r = client.post("/api/check", content=b'{"claim": ', headers={"content-type": "application/json"})
    assert_error(r, 422, "not valid JSON")


# -- /api/claimreview ----------------------------------------------------------------------


def test_claimreview_endpoint(client: TestClient) -> None:
    r = client.post("/api/claimreview", json={
        "claim": CLAIM_WRONG_NUMBER, "sources": [SOURCE_AR], "url": "https://factcheck.example/r/12",
        "author": "صفحة أخبار الواحة", "appearance": ["https://social.example/p/1"],
        "date_published": "2024-05-02",
        "reviewer": "مرصد التحقق",
    })  # fmt: skip
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    cr = r.json()
    assert cr["@type"] == "ClaimReview" and cr["claimReviewed"] == CLAIM_WRONG_NUMBER
    assert cr["reviewRating"]["ratingValue"] == 1 and cr["reviewRating"]["alternateName"] == "تنفيه المصادر"
    assert cr["itemReviewed"]["author"]["name"] == "صفحة أخبار الواحة"
    assert cr["itemReviewed"]["appearance"][0]["url"] == "https://social.example/p/1"
    assert cr["datePublished"] == "2024-05-02" and cr["url"] == "https://factcheck.example/r/12"
    assert cr["author"]["name"] == "مرصد التحقق"


def test_claimreview_errors(client: TestClient) -> None:
    assert_error(client.post("/api/claimreview", json={"claim": "x", "date_published": "yesterday"}), 422,
                 "date")
    assert_error(client.post("/api/claimreview", json={"claim": "x", "documents": [5]}), 404)


# -- /api/search ---------------------------------------------------------------------------


def test_search(client: TestClient) -> None:
    doc_id = add(client, SOURCE_AR)
    body = client.get("/api/search", params={"q": "خيمة الأسر المتضررة", "k": 2}).json()
    assert body["query"] == "خيمة الأسر المتضررة" and 1 <= len(body["hits"]) <= 2
    hit = body["hits"][0]
    assert hit["document_id"] == doc_id and SOURCE_AR[hit["start"] : hit["end"]] == hit["text"]
    assert "خيمة" in hit["text"]


@pytest.mark.parametrize(
    ("params", "status"),
    [({}, 422), ({"q": ""}, 422), ({"q": "x", "k": 0}, 422), ({"q": "x", "k": "many"}, 422),
     ({"q": "!!!"}, 422)],
    ids=["missing", "empty", "k-zero", "k-not-int", "no-words"],
)
def test_search_errors(client: TestClient, params: dict[str, Any], status: int) -> None:
    assert_error(client.get("/api/search", params=params), status)


# -- /api/documents ------------------------------------------------------------------------


JSONL = (
    '{"text": "نشرت الوزارة جدول الامتحانات يوم الخميس.", "title": "جدول", "url": "https://edu.example/t"}\n'
    "{broken\n"
    '{"title": "no text"}\n'
)


@pytest.mark.parametrize(
    ("content", "headers", "params", "added", "errors"),
    [
        (SOURCE_AR.encode(), {"content-type": "text/plain"}, {}, 1, 0),
        (SOURCE_AR.encode(), {"content-type": "text/plain; charset=utf-8"}, {"name": "bayan.md"}, 1, 0),
        (b"<html><head><title>t</title><script>alert(1)</script></head><body><article><p>"
         + "أعلنت الوزارة افتتاح ثلاث مدارس جديدة في الواحة هذا الأسبوع بعد أعمال ترميم استمرت عاماً.".encode()
         + b"</p></article></body></html>", {"content-type": "text/html"}, {}, 1, 0),
        (JSONL.encode(), {"content-type": "application/x-ndjson"}, {}, 1, 2),
        (JSONL.encode(), {"content-type": "text/plain"}, {"name": "feed.jsonl"}, 1, 2),
        ("text,title\nافتُتح الجسر الجديد صباح السبت.,جسر\n".encode(), {"content-type": "text/csv"}, {}, 1, 0),
    ],
    ids=["text", "markdown-by-name", "html", "jsonl", "jsonl-by-name", "csv"],
)  # fmt: skip
def test_upload_formats(
    client: TestClient, content: bytes, headers: dict[str, str], params: dict[str, str], added: int,
    errors: int
) -> None:
    r = client.post("/api/documents", content=content, headers=headers, params=params)
    assert r.status_code == 201, r.text
    body = r.json()
    assert len(body["added"]) == added and len(body["errors"]) == errors and body["total"] == added
    doc = client.get(f"/api/documents/{body['added'][0]}").json()
    assert "alert(1)" not in doc["text"] and doc["text"].strip()
    if errors:
        assert {e["line"] for e in body["errors"]} == {2, 3}


def test_upload_multipart_and_json_list(client: TestClient) -> None:
    r = client.post("/api/documents", files=[("file", ("a.txt", SOURCE_AR.encode(), "text/plain")),
                                             ("file",
                                              ("b.txt", SOURCE_EN.encode(), "text/plain"))])  # fmt: skip
    assert r.status_code == 201 and len(r.json()["added"]) == 2
    assert {d["source"] for d in r.json()["documents"]} == {"a.txt", "b.txt"}
    r = client.post("/api/documents",
                    json=[{"text": "نص أول للتجربة."}, {"text": "نص ثانٍ للتجربة.", "title": "ثانٍ"}])
    assert r.status_code == 201 and len(r.json()["added"]) == 2 and r.json()["total"] == 4


def test_upload_same_content_twice_is_unchanged(client: TestClient) -> None:
    first = client.post("/api/documents", json={"text": SOURCE_AR})
    again = client.post("/api/documents", content=SOURCE_AR.encode(), headers={"content-type": "text/plain"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["added"] == [] and again.json()["unchanged"] == first.json()["added"]


@pytest.mark.parametrize(
    ("kwargs", "status", "needle"),
    [
        ({"content": b"", "headers": {"content-type": "text/plain"}}, 400, "empty"),
        ({"content": b"\x00\x01\x02binary", "headers": {"content-type": "text/plain"}}, 400, "binary"),
        ({"content": b"{broken\n", "headers": {"content-type": "application/x-ndjson"}}, 400, "JSON"),
        ({"content": b"abc", "headers": {"content-type": "image/png"}}, 415, "image/png"),
        ({"content": b"abc"}, 415, "content type"),
        ({"json": {"title": "no text"}}, 422, "text"),
        ({"json": {"text": ""}}, 422, "text"),
        ({"content": b"{nope", "headers": {"content-type": "application/json"}}, 422, "JSON"),
        ({"data": {"note": "no file"}}, 415, "content type"),
        ({"files": {"other": ("x.bin", b"\x00\x00\x00", "application/octet-stream")}}, 400, "binary"),
    ],
    ids=["empty", "binary", "all-bad-jsonl", "unsupported-type", "no-type", "json-no-text", "json-empty-text",
         "json-broken", "form-without-file", "multipart-binary"],
)  # fmt: skip
def test_upload_errors(client: TestClient, kwargs: dict[str, Any], status: int, needle: str) -> None:
    body = assert_error(client.post("/api/documents", **kwargs), status, needle)
    assert client.get("/api/documents").json()["total"] == 0
    if status == 400 and "details" in body:
        assert all({"path", "line", "error"} <= set(d) for d in body["details"])


def test_list_get_delete(client: TestClient) -> None:
    ids = [add(client, f"الوثيقة رقم {n} عن موضوع مختلف {n * 7}.") for n in range(1, 6)]
    listing = client.get("/api/documents", params={"limit": 2, "offset": 1}).json()
    assert listing["total"] == 5 and listing["limit"] == 2 and listing["offset"] == 1
    assert [d["id"] for d in listing["documents"]] == ids[1:3]
    assert all("text" not in d and d["chars"] > 0 for d in listing["documents"])
    doc = client.get(f"/api/documents/{ids[0]}").json()
    assert set(doc) == {f.name for f in dataclasses.fields(Document)}
    assert doc["text"].startswith("الوثيقة رقم 1")
    r = client.delete(f"/api/documents/{ids[0]}")
    assert r.status_code == 200 and r.json() == {"deleted": ids[0]}
    assert_error(client.get(f"/api/documents/{ids[0]}"), 404, str(ids[0]))
    assert_error(client.delete(f"/api/documents/{ids[0]}"), 404)
    assert client.get("/api/documents").json()["total"] == 4


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/documents/abc", 422),
        ("DELETE", "/api/documents/abc", 422),
        ("GET", "/api/documents?limit=0", 422),
        ("GET", "/api/documents?offset=-1", 422),
        ("GET", "/api/documents/12345", 404),
        ("GET", "/api/nothing-here", 404),
        ("GET", "/static/missing.js", 404),
        ("PUT", "/api/documents", 405),
        ("GET", "/api/check", 405),
        ("PATCH", "/api/documents/1", 405),
    ],
    ids=["id-not-int", "delete-id-not-int", "limit-zero", "offset-negative", "unknown-id", "unknown-route",
         "unknown-static", "put-documents", "get-check", "patch-document"],
)  # fmt: skip
def test_route_errors(client: TestClient, method: str, path: str, status: int) -> None:
    assert_error(client.request(method, path), status)


# -- token ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"authorization": "Bearer wrong"}, 401),
        ({"authorization": f"Basic {TOKEN}"}, 401),
        ({"x-api-token": "wrong"}, 401),
        ({"authorization": f"Bearer {TOKEN}"}, 201),
        ({"x-api-token": TOKEN}, 201),
    ],
    ids=["missing", "wrong-bearer", "wrong-scheme", "wrong-header", "bearer", "header"],
)
def test_token_guards_writes(token_client: TestClient, headers: dict[str, str], status: int) -> None:
    r = token_client.post("/api/documents", json={"text": SOURCE_AR}, headers=headers)
    if status == 401:
        assert_error(r, 401, "token")
        assert r.headers["www-authenticate"] == "Bearer"
    else:
        assert r.status_code == 201


def test_token_guards_delete_but_not_reads(token_client: TestClient) -> None:
    r = token_client.post("/api/documents", json={"text": SOURCE_AR},
                          headers={"authorization": f"Bearer {TOKEN}"})
    doc_id = r.json()["added"][0]
    assert_error(token_client.delete(f"/api/documents/{doc_id}"), 401)
    assert token_client.get(f"/api/documents/{doc_id}").status_code == 200
    assert token_client.get("/api/documents").status_code == 200
    assert token_client.get("/api/search", params={"q": "خيمة"}).status_code == 200
    assert token_client.post("/api/check", json={"claim": CLAIM_OK}).json()["verdict"] == "supported"
    r = token_client.delete(f"/api/documents/{doc_id}", headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200


# -- limits --------------------------------------------------------------------------------


def test_body_limit_on_json_endpoints(tb: Tabayyun) -> None:
    with TestClient(create_app(tb, max_json_bytes=2000), raise_server_exceptions=False) as c:
        assert_error(c.post("/api/check", json={"claim": "x", "sources": ["ن" * 2000]}), 413, "2000")
        assert c.post("/api/check", json={"claim": CLAIM_OK, "sources": [SOURCE_AR]}).status_code == 200


def test_body_limit_on_uploads_with_and_without_content_length(tb: Tabayyun) -> None:
    with TestClient(create_app(tb, max_upload_bytes=1000), raise_server_exceptions=False) as c:
        big = ("سطر من نص طويل للتجربة.\n" * 100).encode()
        assert_error(c.post("/api/documents", content=big, headers={"content-type": "text/plain"}), 413)

        def chunks() -> Iterator[bytes]:
            for i in range(0, len(big), 256):
                yield big[i : i + 256]

        r = c.post("/api/documents", content=chunks(), headers={"content-type": "text/plain"})
        assert "content-length" not in r.request.headers
        assert_error(r, 413, "1000")
        assert c.get("/api/documents").json()["total"] == 0
        assert c.post("/api/documents", content=SOURCE_AR.encode(),
                      headers={"content-type": "text/plain"}).status_code == 201


class SlowStance(OverlapStance):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        time.sleep(self.seconds)
        return super().predict_proba(claims, evidence)


class BrokenStance(OverlapStance):
    def __init__(self, error: Exception) -> None:
        self.error = error

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        raise self.error


def test_timeout_answers_504_without_waiting_for_the_model() -> None:
    with (
        Tabayyun(embedder=HashingEmbedder(), stance_model=SlowStance(2.0)) as slow,
        TestClient(create_app(slow, timeout_s=0.3), raise_server_exceptions=False) as c,
    ):
        t0 = time.perf_counter()
        r = c.post("/api/check", json={"claim": CLAIM_OK, "sources": [SOURCE_AR]})
        assert time.perf_counter() - t0 < 1.5
        assert_error(r, 504, "too long")


@pytest.mark.parametrize(
    ("error", "status", "needle"),
    [
        (RuntimeError("secret internal detail"), 500, "internal server error"),
        (ModelError("the stance weights are corrupt"), 503, "stance weights"),
    ],
    ids=["unexpected", "model"],
)
def test_model_failures(error: Exception, status: int, needle: str, caplog: pytest.LogCaptureFixture) -> None:
    with (
        Tabayyun(embedder=HashingEmbedder(), stance_model=BrokenStance(error)) as broken,
        TestClient(create_app(broken), raise_server_exceptions=False) as c,
    ):
        r = c.post("/api/check", json={"claim": CLAIM_OK, "sources": [SOURCE_AR]})
    body = assert_error(r, status, needle)
    if status == 500:
        assert "secret" not in json.dumps(body) and "RuntimeError" not in r.text
        assert "secret internal detail" in caplog.text  # the operator sees it in the log


def test_checks_run_off_the_event_loop() -> None:
    """While slow checks run in worker threads, other requests are answered at once, and checks overlap."""
    delay = 0.6

    async def scenario(app: Any) -> tuple[float, float, list[int]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as ac:
            payload = {"claim": CLAIM_OK, "sources": [SOURCE_AR]}
            t0 = time.perf_counter()
            checks = [asyncio.create_task(ac.post("/api/check", json=payload)) for _ in range(3)]
            await asyncio.sleep(0.05)
            health = await ac.get("/api/health")
            t_health = time.perf_counter() - t0
            done = await asyncio.gather(*checks)
            t_all = time.perf_counter() - t0
            return t_health, t_all, [health.status_code] + [d.status_code for d in done]

    with Tabayyun(embedder=HashingEmbedder(), stance_model=SlowStance(delay)) as slow:
        t_health, t_all, statuses = asyncio.run(scenario(create_app(slow, workers=4)))
    assert statuses == [200, 200, 200, 200]
    assert t_health < delay / 2
    assert t_all < 3 * delay * 0.8  # the three checks overlapped instead of queueing


# -- the page, static files, schema --------------------------------------------------------


def test_page_is_arabic_rtl_with_security_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/static/app.js", "javascript"), ("/static/app.css", "text/css"),
     ("/static/NotoNaskhArabic-Regular.ttf", "font"),
     ("/static/OFL-NotoNaskhArabic.txt", "text/plain")],
    ids=["js", "css", "font", "font-licence"],
)  # fmt: skip
def test_static_files(client: TestClient, path: str, kind: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and len(r.content) > 1000
    assert kind in r.headers["content-type"]


def test_page_loads_nothing_from_elsewhere(client: TestClient) -> None:
    """No CDN: every script, style, font and image the page names is served by this process."""
    html = client.get("/").text
    css = client.get("/static/app.css").text
    js = client.get("/static/app.js").text

    refs = re.findall(r'(?:src|href)="([^"#]+)"', html) + re.findall(r'url\("?([^")]+)"?\)', css)
    assert refs
    for ref in refs:
        assert not re.match(r"^(https?:)?//", ref), ref
        path = ref if ref.startswith("/") else "/static/" + ref
        assert client.get(path).status_code == 200, ref
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


def test_openapi_documents_every_endpoint_and_the_shapes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert set(paths) == {"/api/check", "/api/claimreview", "/api/search", "/api/documents",
                          "/api/documents/{document_id}", "/api/health", "/api/claims"}  # fmt: skip
    assert set(paths["/api/documents"]) == {"get", "post"}
    assert set(paths["/api/documents/{document_id}"]) == {"get", "delete"}
    schemas = spec["components"]["schemas"]
    for cls in (CheckResult, Evidence, Document, SearchHit, PartResult, Reason, Correction):
        assert set(schemas[cls.__name__]["properties"]) == {f.name for f in dataclasses.fields(cls)}
    for shape in ("CheckResult", "PartResult"):
        assert schemas[shape]["properties"]["verdict"]["enum"] == list(VERDICTS)  # mixed included
    assert schemas["ErrorOut"]["required"] == ["error", "status"]
    for path, ops in paths.items():
        for method, op in ops.items():
            errs = [s for s in op["responses"] if s.startswith(("4", "5"))]
            assert errs, f"{method} {path} documents no error"
            for s in errs:
                schema = op["responses"][s]["content"]["application/json"]["schema"]
                assert schema["$ref"].endswith("/ErrorOut")
    assert "security" not in paths["/api/documents"]["post"]  # no token set: none asked for
    assert "multipart/form-data" in paths["/api/documents"]["post"]["requestBody"]["content"]


def test_health(client: TestClient) -> None:
    add(client, SOURCE_AR)
    assert client.get("/api/health").json() == {
        "ok": True,
        "version": client.get("/openapi.json").json()["info"]["version"],
        "documents": 1,
    }


def test_app_owns_the_store_it_opens(tmp_path: Any) -> None:
    db = tmp_path / "api.db"
    app = create_app(db=db)
    app.state.tabayyun.embedder = HashingEmbedder()  # never load the real model in this test
    with TestClient(app) as c:
        assert c.get("/api/documents").json()["total"] == 0
    assert db.exists()
    with pytest.raises(sqlite3.ProgrammingError):  # closed on shutdown
        app.state.tabayyun.store.count_documents()


def test_hostile_text_comes_back_verbatim(client: TestClient) -> None:
    """The API returns document text as data; escaping is the page's job (see the browser test)."""
    doc_id = add(client, HOSTILE)
    assert client.get(f"/api/documents/{doc_id}").json()["text"] == HOSTILE
    assert client.get(f"/api/documents/{doc_id}").headers["content-type"] == "application/json"
