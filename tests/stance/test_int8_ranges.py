"""The cross-encoder's int8 calibration ranges (:mod:`tabayyun.stance.int8_ranges`): shipped, stale."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from tabayyun.stance import int8_ranges
from tabayyun.stance.int8_ranges import (
    PAIRS,
    RANGES_NAME,
    calibration_inputs,
    compute,
    fingerprint,
    for_model,
)
from tabayyun.stance.learned import WEIGHTS_DIR, CrossEncoderStance
from tabayyun.stance.numpy_bert import Encoder
from tabayyun.stance.onnx_int8 import MATRICES

pytest.importorskip("onnxruntime")

ARABIC = re.compile("[\u0600-\u06ff]")


def _parts(model: CrossEncoderStance) -> tuple[Encoder, int8_ranges.WordRows]:
    assert isinstance(model.encoder, Encoder)
    return model.encoder, model.word_rows


@pytest.fixture(scope="module")
def tiny_numpy(tiny_model_dir: Path) -> CrossEncoderStance:
    return CrossEncoderStance.load(tiny_model_dir, runtime="numpy")


def test_pairs_are_arabic_english_and_across() -> None:
    sides = [(bool(ARABIC.search(c)), bool(ARABIC.search(e))) for c, e in PAIRS]
    assert (True, True) in sides and (False, False) in sides and (True, False) in sides
    assert len(set(PAIRS)) == len(PAIRS) >= 20


def test_shipped_file_fits_the_shipped_weights() -> None:
    """The file beside the weights was computed from them (else every load would compute the ranges)."""
    model = CrossEncoderStance.load(runtime="numpy")
    encoder, word_rows = _parts(model)
    ids, _ = calibration_inputs(model.tokenizer, model.config.max_len)
    stored = int8_ranges.read(WEIGHTS_DIR / RANGES_NAME, len(encoder.layers))
    assert stored is not None
    assert stored[0] == fingerprint(encoder, word_rows, ids)
    assert len(stored[1]) == model.config.layers
    assert all(np.all(np.isfinite(r[m])) and np.all(r[m] >= 0) for r in stored[1] for m in MATRICES)


def test_missing_file_computes_the_ranges(tiny_numpy: CrossEncoderStance, tmp_path: Path,
                                          caplog: pytest.LogCaptureFixture) -> None:
    encoder, word_rows = _parts(tiny_numpy)
    ids, mask = calibration_inputs(tiny_numpy.tokenizer, tiny_numpy.config.max_len)
    with caplog.at_level(logging.WARNING):
        got = for_model(tmp_path, encoder, word_rows, tiny_numpy.tokenizer, tiny_numpy.config.max_len)
    assert not caplog.records
    want = compute(encoder, word_rows, ids, mask)
    for g, w in zip(got, want, strict=True):
        for m in MATRICES:
            np.testing.assert_array_equal(g[m], w[m])


def test_a_fitting_file_is_used(tiny_numpy: CrossEncoderStance, tmp_path: Path) -> None:
    encoder, word_rows = _parts(tiny_numpy)
    ids, _ = calibration_inputs(tiny_numpy.tokenizer, tiny_numpy.config.max_len)
    marked = [{m: np.full(16 if m != "fo" else 32, 0.25 + i, np.float32) for m in MATRICES} for i in range(2)]
    int8_ranges.write(tmp_path / RANGES_NAME, marked, fingerprint(encoder, word_rows, ids))
    got = for_model(tmp_path, encoder, word_rows, tiny_numpy.tokenizer, tiny_numpy.config.max_len)
    np.testing.assert_array_equal(got[1]["fo"], marked[1]["fo"])


def test_a_stale_file_is_detected_and_not_used(tiny_model_dir: Path, tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    """Ranges written for the tiny model, then the weights change (one layer's bias): the file is not
    used, the ranges are computed for the new weights, and a warning says so."""
    folder = tmp_path / "weights"
    shutil.copytree(tiny_model_dir, folder)
    old = CrossEncoderStance.load(folder, runtime="numpy")
    encoder, word_rows = _parts(old)
    ids, mask = calibration_inputs(old.tokenizer, old.config.max_len)
    int8_ranges.write(folder / RANGES_NAME, compute(encoder, word_rows, ids, mask),
                      fingerprint(encoder, word_rows, ids))
    encoder.layers[0].fi_b[0] += 1.0  # the weights after "retraining"
    with caplog.at_level(logging.WARNING, logger="tabayyun.stance.int8_ranges"):
        got = for_model(folder, encoder, word_rows, old.tokenizer, old.config.max_len)
    assert any("other weights" in r.getMessage() for r in caplog.records)
    want = compute(encoder, word_rows, ids, mask)
    np.testing.assert_array_equal(got[0]["fo"], want[0]["fo"])


def test_fingerprint_changes_with_any_weight(tiny_numpy: CrossEncoderStance) -> None:
    encoder, word_rows = _parts(tiny_numpy)
    ids, _ = calibration_inputs(tiny_numpy.tokenizer, tiny_numpy.config.max_len)
    before = fingerprint(encoder, word_rows, ids)
    assert fingerprint(encoder, word_rows, ids) == before
    w = encoder.layers[1].oln_w
    saved = float(w[5])
    w[5] = np.nextafter(w[5], np.float32(10))  # one ulp
    try:
        assert fingerprint(encoder, word_rows, ids) != before
    finally:
        w[5] = saved


def test_unreadable_file_reads_as_none(tmp_path: Path) -> None:
    (tmp_path / RANGES_NAME).write_bytes(b"not a zip")
    assert int8_ranges.read(tmp_path / RANGES_NAME, 2) is None
    assert int8_ranges.read(tmp_path / "missing.npz", 2) is None
