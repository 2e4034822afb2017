from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter

import pytest

from tabayyun.results import STANCES
from tabayyun.stance import synth

DIGEST = (
    "import hashlib; from tabayyun.stance import synth; "
    "pairs = [(p.claim, p.evidence, p.stance) for p in synth.generate(400, seed=13)]; "
    "print(hashlib.sha256(repr(pairs).encode()).hexdigest())"
)


def test_generate_is_the_same_in_every_process() -> None:
    """String hashing differs per process (PYTHONHASHSEED): set order must never reach the generator's
    choices."""
    digests = set()
    for hash_seed in ("1", "2", "random"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", DIGEST], env=env, capture_output=True, text=True,
                             timeout=120, check=False)
        assert out.returncode == 0, out.stderr
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    here = [(p.claim, p.evidence, p.stance) for p in synth.generate(400, seed=13)]
    assert hashlib.sha256(repr(here).encode()).hexdigest() in digests


def test_generate_covers_every_stance_with_nonempty_texts() -> None:
    pairs = synth.generate(300, seed=5)
    assert len(pairs) == 300
    assert set(Counter(p.stance for p in pairs)) == set(STANCES)
    assert all(p.claim.strip() and p.evidence.strip() for p in pairs)


@pytest.mark.parametrize("seed", [1, 2], ids=["seed-1", "seed-2"])
def test_different_seeds_give_different_pairs(seed: int) -> None:
    assert synth.generate(50, seed=seed) != synth.generate(50, seed=seed + 100)
