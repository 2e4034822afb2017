from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tabayyun.stance.e5file import Q4_BLOCK, E5File, E5FileError, dequantize_q4


@pytest.fixture(scope="module")
def e5() -> E5File:
    return E5File()


def test_config_is_multilingual_e5_small(e5: E5File) -> None:
    c = e5.config
    assert (c.hidden, c.layers, c.heads, c.ffn, c.max_positions) == (384, 12, 12, 1536, 512)
    assert c.vocab >= 250002


def test_dequantize_one_block_by_hand() -> None:
    block = np.zeros((1, 1), dtype=Q4_BLOCK)
    block["d"] = 0.5
    # byte j: low nibble -> weight j, high nibble -> weight j + 16
    block["qs"][0, 0] = np.arange(16, dtype=np.uint8) | (np.uint8(15) - np.arange(16, dtype=np.uint8)) << 4
    got = dequantize_q4(block)[0]
    expected = np.concatenate([(np.arange(16) - 8) * 0.5, (15 - np.arange(16) - 8) * 0.5])
    np.testing.assert_array_equal(got, expected.astype(np.float32))


def test_tensor_shapes(e5: E5File) -> None:
    assert e5.tensor("l0.q.w").shape == (384, 384)
    assert e5.tensor("l11.fi.w").shape == (1536, 384)
    assert e5.tensor("l3.fo.w").shape == (384, 1536)
    assert e5.tensor("emb.pos").shape == (512, 384)
    assert e5.word_rows(np.array([[0, 1, 2]])).shape == (1, 3, 384)


def test_word_rows_match_full_dequantization(e5: E5File) -> None:
    ids = np.array([5, 250001, 17])
    rows = e5.word_rows(ids)
    assert np.isfinite(rows).all()
    assert not np.allclose(rows[0], rows[1])


def test_missing_tensor_raises(e5: E5File) -> None:
    with pytest.raises(E5FileError):
        e5.tensor("l99.q.w")


@pytest.mark.parametrize("content", [b"", b"NOPE" + bytes(64)], ids=["empty", "bad-magic"])
def test_not_a_model_file(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "x.bin"
    p.write_bytes(content)
    with pytest.raises((E5FileError, ValueError)):
        E5File(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(E5FileError, match="not found"):
        E5File(tmp_path / "absent.bin")
