"""Reproduce the shipped stance weights: ``python3 scripts/train_stance.py``.

Needs the ``train`` extra (torch) and ANS at ``../shared/datasets/ans``. Writes
``tabayyun/stance/weights/stance.{npz,json}`` and ``train_report.json``.
Seeded; on 2 CPU cores it takes about 30-40 minutes.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields

from tabayyun.stance.train import TrainConfig, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    defaults = TrainConfig()
    for f in fields(TrainConfig):
        if f.name == "log":
            continue
        value = getattr(defaults, f.name)
        kind = (lambda v: v.lower() in ("1", "true", "yes")) if isinstance(value, bool) else type(value)
        ap.add_argument("--" + f.name.replace("_", "-"), type=kind, default=value)
    args = ap.parse_args(argv)
    cfg = TrainConfig(**{k: v for k, v in vars(args).items()}, log=lambda s: print(s, flush=True))
    run(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
