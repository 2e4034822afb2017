"""Fixtures for the stance tests: a tiny random model the tests build themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from stance_tiny import tiny_arrays, tiny_meta

from tabayyun.stance.learned import save_weights


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_weights(tmp_path_factory.mktemp("tiny_stance"), tiny_arrays(), tiny_meta())
