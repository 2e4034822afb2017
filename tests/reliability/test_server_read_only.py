"""A server over a read-only store reads and checks; writes answer 403 in the one error shape."""

from __future__ import annotations

import sys
from pathlib import Path

from fastapi.testclient import TestClient

from tabayyun.core import Tabayyun
from tabayyun.server import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))
from server_fakes import SOURCE_AR

from tabayyun.testing import HashingEmbedder, OverlapStance


def test_read_only_store_serves_reads_and_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    with Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance()) as writer:
        writer.add_text(SOURCE_AR, source="statement")
    with (
        Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance(), read_only=True) as tb,
        TestClient(create_app(tb), raise_server_exceptions=False) as client,
    ):
        listed = client.get("/api/documents")
        assert listed.status_code == 200 and len(listed.json()["documents"]) == 1
        checked = client.post("/api/check", json={"claim": "وزعت البلدية 450 خيمة"})
        assert checked.status_code == 200 and checked.json()["evidence"]
        posted = client.post("/api/documents", json={"text": "نص جديد عن الأمطار."})
        assert posted.status_code == 403
        assert posted.json()["ok"] is False and "read-only" in posted.json()["error"]
        deleted = client.delete("/api/documents/1")
        assert deleted.status_code == 403
