"""Fixtures for the server tests: the app over a Tabayyun with fake models, in process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from server_fakes import fake_tabayyun

from tabayyun.core import Tabayyun
from tabayyun.server import create_app


@pytest.fixture
def tb() -> Iterator[Tabayyun]:
    with fake_tabayyun() as t:
        yield t


@pytest.fixture
def client(tb: Tabayyun) -> Iterator[TestClient]:
    with TestClient(create_app(tb), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def token_client(tb: Tabayyun) -> Iterator[TestClient]:
    with TestClient(create_app(tb, token="s3cret-token"), raise_server_exceptions=False) as c:
        yield c
