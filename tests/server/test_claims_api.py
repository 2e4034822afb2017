"""POST /api/claims in process (fake models): the ranking is the library's; errors in the API's one shape."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tabayyun.claims.worth import rank_text, score_texts, threshold
from tabayyun.core import Tabayyun
from tabayyun.server.claims_schemas import MAX_TEXTS

ARTICLE = "أهلا بكم! أعلنت الشركة تسريح 800 عامل في مصنع الشمال. اللهم لطفك. Is this legal?"
POSTS = ["جمعة مباركة", "رفعت البلدية رسوم النفايات 20% دون إعلان",
         "The bridge on Route 9 collapsed on Monday."]


@pytest.mark.parametrize("model", ["e5", "cues"])
def test_a_text_comes_back_as_its_sentences_ranked_with_offsets(
    client: TestClient, tb: Tabayyun, model: str
) -> None:
    r = client.post("/api/claims", json={"text": ARTICLE, "model": model})
    assert r.status_code == 200, r.text
    body = r.json()
    embedder = tb.embedder if model == "e5" else None
    assert body["model"] == model and body["threshold"] == threshold(embedder)
    assert "texts" not in body
    assert body["sentences"] == [w.to_dict() for w in rank_text(ARTICLE, embedder)]
    assert [s["score"] for s in body["sentences"]] == sorted((s["score"] for s in body["sentences"]),
                                                             reverse=True)
    for s in body["sentences"]:
        assert ARTICLE[s["start"] : s["end"]] == s["text"]


def test_the_default_model_is_e5(client: TestClient, tb: Tabayyun) -> None:
    body = client.post("/api/claims", json={"text": ARTICLE}).json()
    assert body["model"] == "e5" and body["threshold"] == threshold(tb.embedder)


def test_short_texts_are_scored_whole_and_ranked_with_their_input_index(client: TestClient) -> None:
    r = client.post("/api/claims", json={"texts": POSTS, "model": "cues"})
    assert r.status_code == 200, r.text
    got = r.json()["texts"]
    expected = sorted(score_texts(POSTS), key=lambda w: (-w.score, w.index))
    assert got == [w.to_dict() for w in expected]
    assert sorted(t["index"] for t in got) == [0, 1, 2]
    for t in got:
        for p in t["parts"]:
            assert 0 <= p["start"] < p["end"] <= len(POSTS[t["index"]])


BAD: list[tuple[str, Any, str]] = [
    ("neither", {}, "Field required"),
    ("both", {"text": "a b", "texts": ["a"]}, "Extra inputs are not permitted"),
    ("blank-text", {"text": "  \n "}, ""),
    ("blank-item", {"texts": ["fine", "   "]}, ""),
    ("no-items", {"texts": []}, ""),
    ("too-many", {"texts": ["x"] * (MAX_TEXTS + 1)}, ""),
    ("unknown-model", {"text": "a b", "model": "bert"}, ""),
    ("extra-field", {"text": "a b", "k": 3}, "Extra inputs are not permitted"),
    ("text-not-string", {"text": 12}, ""),
]


@pytest.mark.parametrize(("body", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_requests_answer_422_in_the_error_shape(client: TestClient, body: Any, words: str) -> None:
    r = client.post("/api/claims", json=body)
    assert r.status_code == 422, r.text
    out = r.json()
    assert out["ok"] is False and out["status"] == 422 and words in out["error"]


def test_only_json_bodies(client: TestClient) -> None:
    form = {"content-type": "application/x-www-form-urlencoded"}
    r = client.post("/api/claims", content=b"text=abc", headers=form)
    assert r.status_code == 415 and r.json()["ok"] is False


def test_the_page_and_the_schema(client: TestClient) -> None:
    page = client.get("/claims")
    assert page.status_code == 200 and "/static/claims.js" in page.text
    assert client.get("/static/claims.js").status_code == 200
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/api/claims"]["post"]
    assert op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/ClaimsOut")
    schemas = spec["components"]["schemas"]
    assert set(schemas["WorthySentence"]["properties"]) == {"index", "text", "start", "end", "score",
                                                            "checkworthy", "cues"}  # fmt: skip
    assert set(schemas["ClaimsTextsIn"]["properties"]) == {"texts", "model"}
