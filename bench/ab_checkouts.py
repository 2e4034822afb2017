"""Two checkouts of tabayyun side by side in one run: the same checks, alternating, answers compared.

    git worktree add /tmp/h1-base HEAD       # then undo the change under test there
    python3 bench/ab_checkouts.py --base /tmp/h1-base dev /tmp/devsets/*.jsonl --every 3
    python3 bench/ab_checkouts.py --base /tmp/h1-base store bench/out/store-10000/bench.db --queries 40

Two worker processes, each importing ``tabayyun`` from its checkout (``PYTHONPATH``), load the default
models once (the base checkout reads the stance weights of this one, so only the code differs); the
parent hands each check to both, in turns (the base first on even items, the new code first on odd
ones), so the machine's load falls on both alike. Each answer is the whole ``CheckResult`` as JSON.

* ``dev FILES``: the dev items (``tabayyun eval --system pipeline``'s reading: the claim against its
  source alone); reports the verdicts, confidences, related evidence (not called unrelated) and whole
  results that differ, with examples.
* ``store DB``: claim-shaped queries (``bench/corpus.py``, as ``bench/bench_core.py`` times them) and,
  with ``--pairs``, the planted claims of ``bench/bulk_store.py``, against an existing store opened
  read-only; reports check p50/p95 of each side and the answers that differ.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def worker(db: str | None) -> None:
    """Answer one JSON request a line: ``{"claim", "source"?}`` -> ``{"ms", "result"}``."""
    from tabayyun import Tabayyun

    tb = Tabayyun(db, create=False, read_only=True) if db else Tabayyun()
    tb.warm_up()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        sources = [req["source"]] if req.get("source") is not None else None
        t = time.perf_counter()
        r = tb.check(req["claim"], sources=sources)
        ms = 1000 * (time.perf_counter() - t)
        print(json.dumps({"ms": ms, "result": r.to_dict()}, ensure_ascii=False), flush=True)


class Side:
    def __init__(self, checkout: Path, db: str | None) -> None:
        env = dict(os.environ, PYTHONPATH=str(checkout), PYTHONUNBUFFERED="1")
        cmd = [sys.executable, str(HERE / "ab_checkouts.py"), "worker"] + (["--db", db] if db else [])
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                                     cwd=str(checkout))
        self.ask_line()

    def ask_line(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit("a worker stopped")
        out: dict[str, Any] = json.loads(line)
        return out

    def check(self, claim: str, source: str | None) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"claim": claim, "source": source}, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        return self.ask_line()

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def related(result: dict[str, Any]) -> list[Any]:
    return [(e["text"], e["stance"], e["probabilities"])
            for e in result["evidence"] if e["stance"] != "unrelated"]


def compare(items: Sequence[tuple[str, str | None]], base: Side, new: Side) -> dict[str, Any]:
    ms: dict[str, list[float]] = {"base": [], "new": []}
    diff = {"verdict": 0, "confidence": 0, "related_evidence": 0, "whole_result": 0}
    examples: list[dict[str, Any]] = []
    for i, (claim, source) in enumerate(items):
        got: dict[str, dict[str, Any]] = {}
        for name in (("base", "new") if i % 2 == 0 else ("new", "base")):
            got[name] = (base if name == "base" else new).check(claim, source)
            ms[name].append(got[name]["ms"])
        a, b = got["base"]["result"], got["new"]["result"]
        diff["verdict"] += a["verdict"] != b["verdict"]
        diff["confidence"] += a["confidence"] != b["confidence"]
        diff["related_evidence"] += related(a) != related(b)
        diff["whole_result"] += a != b
        if a != b and len(examples) < 8:
            examples.append({"item": i, "claim": claim[:80], "base": [a["verdict"], a["confidence"]],
                             "new": [b["verdict"], b["confidence"]],
                             "same_related_evidence": related(a) == related(b)})
    times = {f"{k}_check_p{q}_ms": round(float(np.percentile(v, q)), 1)
             for k, v in ms.items() for q in (50, 95)}
    means = {f"{k}_check_mean_ms": round(float(np.mean(v)), 1) for k, v in ms.items()}
    return {"checks": len(items), "differ": diff, "examples": examples, **times, **means}


def dev_items(files: Sequence[str], every: int) -> dict[str, list[tuple[str, str | None]]]:
    from tabayyun.evaluate.pipeline import pipeline_items

    out = {}
    for path in files:
        fmt = "arastance" if "arastance" in Path(path).name else "nli"
        out[Path(path).name] = [(it.claim, it.source) for it in pipeline_items(path, fmt)[::every]]
    return out


def store_items(n: int, pairs: str | None) -> dict[str, list[tuple[str, str | None]]]:
    sys.path.insert(0, str(HERE))
    import corpus

    out: dict[str, list[tuple[str, str | None]]] = {"corpus_claims": [(c, None) for c in corpus.claims(n)]}
    if pairs:
        with open(pairs, encoding="utf-8") as f:
            rows = [json.loads(x) for x in f]
        out["planted_claims"] = [(r["claim"], None) for r in rows[:n]]
    return out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        db = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--db" else None
        worker(db)
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True, help="the checkout to compare with")
    ap.add_argument("--new", type=Path, default=ROOT, help="the checkout under test (default: this one)")
    sub = ap.add_subparsers(dest="mode", required=True)
    d = sub.add_parser("dev")
    d.add_argument("files", nargs="+")
    d.add_argument("--every", type=int, default=1)
    s = sub.add_parser("store")
    s.add_argument("db")
    s.add_argument("--queries", type=int, default=40)
    s.add_argument("--pairs", help="the planted pairs of bench/bulk_store.py (PATH.pairs.jsonl)")
    args = ap.parse_args()
    db = str(Path(args.db).resolve()) if args.mode == "store" else None
    if args.mode == "dev":
        groups = dev_items(args.files, args.every)
    else:
        groups = store_items(args.queries, args.pairs)
    load = os.getloadavg()
    base, new = Side(args.base.resolve(), db), Side(args.new.resolve(), db)
    try:
        for name, items in groups.items():
            row = {"group": name, **compare(items, base, new), "load_before": [round(x, 1) for x in load],
                   "load_after": [round(x, 1) for x in os.getloadavg()]}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            load = os.getloadavg()
    finally:
        base.close()
        new.close()


if __name__ == "__main__":
    main()
