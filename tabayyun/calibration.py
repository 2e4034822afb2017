"""Calibrated verdict confidence: one monotone map per verdict, from the raw confidence
:func:`tabayyun.verdict.decide` computes to the share of such verdicts that were right.

The maps are isotonic regressions (pool-adjacent-violators, :func:`isotonic`) fitted by
``scripts/fit_calibration.py`` on development pairs built from the shared corpora
(``bench/devsets.py``), stored as breakpoints in ``tabayyun/data/calibration.json`` and
applied by linear interpolation between them (flat beyond the ends). A verdict seen too
rarely to fit gets a constant (its smoothed accuracy); one never seen keeps its raw value.

``mixed`` has no map and gets none: :func:`tabayyun.verdict.decide` never gives it, it is
derived from a compound claim's parts (:func:`tabayyun.verdict.combine_parts`), whose
confidences are already calibrated by their own verdicts' maps.

``with using(None):`` turns calibration off (raw confidences: the fitting script needs
them), ``with using(load(path)):`` applies another map. The setting is process-wide, for
scripts and tests; the library reads no environment variable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

CALIBRATION_FILE = Path(__file__).parent / "data" / "calibration.json"
#: fewer records than this for a verdict: a constant map instead of an isotonic one
MIN_RECORDS = 30
#: a calibrated confidence never claims certainty
FLOOR, CEILING = 0.01, 0.99


@dataclass(frozen=True, slots=True)
class Map:
    """A monotone non-decreasing piecewise-linear map on [0, 1]."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, raw: float) -> float:
        return float(np.interp(raw, self.x, self.y))


@dataclass(frozen=True, slots=True)
class Calibration:
    """One :class:`Map` per verdict; verdicts without one keep their raw confidence."""

    maps: Mapping[str, Map]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def apply(self, verdict: str, raw: float) -> float:
        m = self.maps.get(verdict)
        return raw if m is None else m(raw)

    def to_json(self) -> dict[str, Any]:
        return {
            "maps": {
                v: {"x": list(m.x), "y": [round(y, 4) for y in m.y]} for v, m in sorted(self.maps.items())
            },
            "meta": dict(self.meta),
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Calibration:
        maps = {
            v: Map(tuple(float(a) for a in m["x"]), tuple(float(b) for b in m["y"]))
            for v, m in obj["maps"].items()
        }
        for v, m in maps.items():
            if len(m.x) != len(m.y) or not m.x or any(b < a for a, b in zip(m.x, m.x[1:])):
                raise ValueError(f"calibration map for {v!r} is not a monotone breakpoint list")
        return cls(maps, obj.get("meta", {}))


def isotonic(x: Iterable[float], y: Iterable[float]) -> Map:
    """The least-squares non-decreasing fit of ``y`` on ``x`` (pool adjacent violators).

    Equal ``x`` values are pooled first. The map's breakpoints are each block's
    smallest and largest ``x`` at the block's mean ``y``.
    """
    xs = np.asarray(list(x), dtype=np.float64)
    ys = np.asarray(list(y), dtype=np.float64)
    if len(xs) == 0 or len(xs) != len(ys):
        raise ValueError("isotonic needs as many y as x, at least one")
    ux, inv = np.unique(xs, return_inverse=True)
    w = np.bincount(inv).astype(np.float64)
    mean = np.bincount(inv, weights=ys) / w
    # blocks: [value, weight, first x, last x]
    blocks: list[list[float]] = []
    for xi, yi, wi in zip(ux, mean, w, strict=True):
        blocks.append([float(yi), float(wi), float(xi), float(xi)])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, _, hi = blocks.pop()
            v1, w1, lo, _ = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, lo, hi])
    px: list[float] = []
    py: list[float] = []
    for v, _, lo, hi in blocks:
        for xv in (lo, hi) if hi > lo else (lo,):
            px.append(xv)
            py.append(v)
    return Map(tuple(px), tuple(py))


def clip(m: Map) -> Map:
    return Map(m.x, tuple(min(CEILING, max(FLOOR, v)) for v in m.y))


def fit(records: Iterable[tuple[str, float, bool]], min_records: int = MIN_RECORDS) -> Calibration:
    """Per-verdict maps from ``(verdict, raw confidence, was it right)`` records."""
    by: dict[str, list[tuple[float, bool]]] = {}
    for verdict, raw, ok in records:
        by.setdefault(verdict, []).append((float(raw), bool(ok)))
    maps: dict[str, Map] = {}
    counts: dict[str, int] = {}
    for verdict, rs in sorted(by.items()):
        counts[verdict] = len(rs)
        if len(rs) >= min_records:
            maps[verdict] = clip(isotonic([r for r, _ in rs], [float(ok) for _, ok in rs]))
        else:  # too few to trust a shape: the smoothed accuracy, whatever the raw value
            acc = (sum(ok for _, ok in rs) + 1) / (len(rs) + 2)
            maps[verdict] = clip(Map((0.0, 1.0), (acc, acc)))
    return Calibration(maps, {"records": counts})


def calibrated(
    calibration: Calibration | None, verdicts: Iterable[str], raw: Iterable[float]
) -> NDArray[np.float64]:
    """The calibrated confidences of many verdicts (raw ones when ``calibration`` is None)."""
    pairs = list(zip(verdicts, raw, strict=True))
    if calibration is None:
        return np.asarray([r for _, r in pairs], dtype=np.float64)
    return np.asarray([calibration.apply(v, r) for v, r in pairs], dtype=np.float64)


@lru_cache(maxsize=4)
def load(path: str | Path = CALIBRATION_FILE) -> Calibration | None:
    """The calibration stored at ``path`` (None when there is no file)."""
    p = Path(path)
    if not p.exists():
        return None
    return Calibration.from_json(json.loads(p.read_text(encoding="utf-8")))


#: the calibrations set by :func:`using`, innermost last
_USING: list[Calibration | None] = []


@contextmanager
def using(calibration: Calibration | None) -> Iterator[None]:
    """Use ``calibration`` (None: raw confidences) instead of the shipped one inside the block."""
    _USING.append(calibration)
    try:
        yield
    finally:
        _USING.pop()


def active() -> Calibration | None:
    """The calibration in use: the innermost :func:`using`, else the shipped one."""
    return _USING[-1] if _USING else load()


def calibrate(verdict: str, raw: float) -> float:
    """``raw`` through the active calibration's map for ``verdict``."""
    cal = active()
    return raw if cal is None else cal.apply(verdict, raw)
