from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# a real PostgreSQL for the store tests (tests/pg_fixture.py): pg_server, pg_url, pg_database
from pg_fixture import pg_database, pg_server, pg_url  # noqa: F401

from tabayyun import Tabayyun
from tabayyun.testing import HashingEmbedder, OverlapStance

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "corpus"


@pytest.fixture
def tb() -> Iterator[Tabayyun]:
    """An in-memory Tabayyun with the fast fake models."""
    with Tabayyun(":memory:", embedder=HashingEmbedder(), stance_model=OverlapStance()) as t:
        yield t


@pytest.fixture
def fake_models() -> dict[str, object]:
    return {"embedder": HashingEmbedder(), "stance_model": OverlapStance()}
