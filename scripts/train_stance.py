"""Reproduce the shipped stance weights: ``python3 scripts/train_stance.py``.

``--compare shipped,/tmp/stance-x`` trains nothing: it scores weight folders on the
development sets (ANS dev, news dev, generated corpus dev) in one run and prints JSON.

Needs the ``train`` extra (torch) and ANS at ``../shared/datasets/ans``. Writes
``tabayyun/stance/weights/stance.{npz,json}`` and ``train_report.json``.
Seeded; on 2 CPU cores it takes about 30-40 minutes.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from pathlib import Path

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
    ap.add_argument("--compare", default="",
                    help="comma-separated weight folders to score ('shipped' = the package's)")
    args = vars(ap.parse_args(argv))
    compare = args.pop("compare")
    cfg = TrainConfig(**args, log=lambda s: print(s, flush=True))
    if compare:
        from tabayyun.stance.train_compare import compare as run_compare

        print(json.dumps(run_compare(cfg, compare.split(",")), indent=2, ensure_ascii=False))
        return 0
    run(cfg)
    from tabayyun.stance.int8_ranges import write_for  # the int8 runtime's ranges belong to the new weights

    print(f"wrote {write_for(Path(cfg.out_dir))}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
