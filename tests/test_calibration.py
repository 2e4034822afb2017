from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import numpy as np
import pytest

from tabayyun.calibration import (
    CALIBRATION_FILE,
    CEILING,
    FLOOR,
    Calibration,
    Map,
    active,
    calibrate,
    calibrated,
    fit,
    isotonic,
    load,
    using,
)
from tabayyun.evaluate import calibration_error
from tabayyun.results import VERDICTS


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        ([0.1, 0.2, 0.3], [0.0, 0.5, 1.0], [(0.1, 0.0), (0.2, 0.5), (0.3, 1.0)]),
        ([0.1, 0.2, 0.3], [1.0, 0.0, 1.0], [(0.1, 0.5), (0.2, 0.5), (0.3, 1.0)]),
        ([0.1, 0.2, 0.3], [1.0, 1.0, 0.0], [(0.1, 2 / 3), (0.3, 2 / 3)]),
        ([0.5, 0.5, 0.9], [0.0, 1.0, 1.0], [(0.5, 0.5), (0.9, 1.0)]),
        ([0.7], [1.0], [(0.7, 1.0)]),
    ],
    ids=["already-monotone", "pool-first-two", "pool-all", "ties-pooled-first", "one-point"],
)
def test_isotonic_by_hand(x: list[float], y: list[float], expected: list[tuple[float, float]]) -> None:
    m = isotonic(x, y)
    assert len(m.x) == len(m.y) == len(expected)
    assert [*m.x, *m.y] == pytest.approx([x for x, _ in expected] + [y for _, y in expected])


@pytest.mark.parametrize("seed", [0, 1, 2], ids=["seed0", "seed1", "seed2"])
def test_isotonic_matches_scikit_learn(seed: int) -> None:
    iso = pytest.importorskip("sklearn.isotonic")
    rng = random.Random(seed)
    x = [round(rng.random(), 2) for _ in range(300)]
    y = [float(rng.random() < xi * 0.8) for xi in x]
    ours = isotonic(x, y)
    theirs = iso.IsotonicRegression(out_of_bounds="clip").fit(x, y)
    grid = np.linspace(0.0, 1.0, 101)
    np.testing.assert_allclose([ours(g) for g in grid], theirs.predict(grid), atol=1e-9)


def test_isotonic_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        isotonic([], [])
    with pytest.raises(ValueError):
        isotonic([0.1, 0.2], [1.0])


def test_fit_lowers_the_ece_of_an_overconfident_verdict() -> None:
    rng = random.Random(7)
    records = []
    for _ in range(2000):
        raw = rng.uniform(0.6, 1.0)
        records.append(
            ("supported", raw, rng.random() < raw - 0.3)
        )  # right 30 points less often than it says
    train, test = records[::2], records[1::2]
    cal = fit(train)
    ok = [r[2] for r in test]
    before = calibration_error([r[1] for r in test], ok)
    after = calibration_error(calibrated(cal, [r[0] for r in test], [r[1] for r in test]), ok)
    assert before > 0.25
    assert after < 0.05


def test_fit_rare_verdict_gets_a_smoothed_constant_and_unseen_keeps_raw() -> None:
    cal = fit([("conflicting", 0.9, True), ("conflicting", 0.2, False), ("conflicting", 0.6, False)])
    assert cal.apply("conflicting", 0.0) == pytest.approx(2 / 5)
    assert cal.apply("conflicting", 1.0) == pytest.approx(2 / 5)
    assert cal.apply("refuted", 0.73) == 0.73
    assert cal.meta["records"] == {"conflicting": 3}


def test_fitted_values_stay_off_certainty() -> None:
    cal = fit([("supported", 0.1 * i, True) for i in range(40)] + [("refuted", 0.1, False)] * 40)
    assert cal.apply("supported", 1.0) == CEILING
    assert cal.apply("refuted", 0.1) == FLOOR


def test_json_round_trip(tmp_path: Path) -> None:
    cal = Calibration({"supported": Map((0.2, 0.8), (0.3, 0.7))}, {"note": "x"})
    again = Calibration.from_json(json.loads(json.dumps(cal.to_json())))
    assert again.maps == cal.maps and again.meta == {"note": "x"}
    assert again.apply("supported", 0.5) == pytest.approx(0.5)


def test_from_json_rejects_a_non_monotone_map() -> None:
    with pytest.raises(ValueError):
        Calibration.from_json({"maps": {"supported": {"x": [0.5, 0.2], "y": [0.1, 0.2]}}})


def test_the_shipped_calibration_is_monotone_and_within_bounds() -> None:
    cal = Calibration.from_json(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")))
    assert set(cal.maps) <= set(VERDICTS)
    grid = np.linspace(0.0, 1.0, 51)
    for m in cal.maps.values():
        ys = [m(g) for g in grid]
        assert all(b >= a for a, b in itertools.pairwise(ys))
        assert FLOOR <= min(ys) and max(ys) <= CEILING


def test_using_turns_calibration_off_or_points_elsewhere(tmp_path: Path) -> None:
    shipped = active()
    assert shipped is not None and shipped is load()
    with using(None):
        assert active() is None
        assert calibrate("supported", 0.93) == 0.93
        other = tmp_path / "cal.json"
        other.write_text(
            json.dumps({"maps": {"supported": {"x": [0.0, 1.0], "y": [0.5, 0.5]}}}), encoding="utf-8"
        )
        with using(load(other)):
            assert calibrate("supported", 0.93) == pytest.approx(0.5)
        assert active() is None
    assert active() is shipped
    assert load(tmp_path / "missing.json") is None
