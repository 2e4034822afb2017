"""One check through the API with the real models (e5 embedder and the default stance model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tabayyun.core import Tabayyun
from tabayyun.server import create_app

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "corpus" / "coalition_statement.md"


@pytest.mark.slow
def test_real_models_support_a_claim_from_the_sample_statement() -> None:
    source = SAMPLE.read_text(encoding="utf-8")
    with Tabayyun() as tb, TestClient(create_app(tb)) as client:
        r = client.post("/api/check",
                        json={"claim": "أصبح عدد أعضاء التحالف ضد داعش 83 عضواً", "sources": [source],
                                            "context": True})  # fmt: skip
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["verdict"] == "supported"
        top = body["evidence"][0]
        assert source[top["start"] : top["end"]] == top["text"] and "83" in top["text"]
        assert any(c["kind"] == "quantity" and c["result"] == "match" for c in body["checks"])
        assert body["context"][0]["paragraph"] in source
