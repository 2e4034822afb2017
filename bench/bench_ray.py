"""Batch throughput on Ray beside the single process, one run: adding (sentences/s), checking (claims/s).

    python3 bench/bench_ray.py --sentences 1000 --claims 24 --workers 1 2

Corpus: the Arabic side of NTREX-128 (../shared/datasets/corpora/ntrex128_ar_en, news articles
translated by people; CC BY-SA 4.0, Federmann et al. 2022), whole articles in file order until
``--sentences`` lines, one ``.txt`` file per article written to a temporary directory (read at bench
time only; nothing is copied into the repository). Claims: the English originals of ``--claims``
lines of those articles (cross-lingual checks), chosen with a fixed seed.

Measured, each in the same run on the same files and claims:
* single process: ``Tabayyun(db).add_files(paths)`` (e5 with its default threads, all cores) and
  ``check`` claim by claim with the default stance model (``--threads`` default);
* Ray with N workers (one CPU each, ``OMP_NUM_THREADS=1`` set by Ray): ``ray_add`` into a fresh
  store, ``ray_check`` against the single process's store. A local Ray (``num_cpus`` = the
  machine's cores; workers at ``--niceness``, default 0 like the single process, where Ray's own
  default is 15) is started once before the timings; each call's wall time includes starting its
  actors and loading the models on them (~seconds), as a batch job pays it.
The Ray outputs are compared with the single process's (stores: documents, sentences, offsets;
checks: verdicts and evidence); the result names the claims whose checks differ.
Output: a JSON object on stdout (and ``--out FILE``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tabayyun import Tabayyun
from tabayyun.scale import ray_add, ray_check

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "corpora" / "ntrex128_ar_en"


def articles(n_sentences: int) -> list[tuple[str, list[int]]]:
    """``(article id, line numbers)`` of whole articles in file order, until ``n_sentences`` lines."""
    ids = (CORPUS / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    out: list[tuple[str, list[int]]] = []
    for i, doc in enumerate(ids):
        if not out or out[-1][0] != doc:
            if i >= n_sentences:
                break
            out.append((doc, []))
        out[-1][1].append(i)
    return out


def write_files(where: Path, docs: list[tuple[str, list[int]]], arabic: list[str]) -> list[str]:
    paths = []
    for k, (doc, lines) in enumerate(docs):
        path = where / f"{k:04d}_{doc.replace('/', '_')}.txt"
        path.write_text("\n".join(arabic[i].strip() for i in lines) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def store_rows(db: str) -> tuple[list[Any], list[Any]]:
    with Tabayyun(db, create=False, read_only=True) as tb:
        n = tb.store.count_sentences()
        sentences = sorted(tb.store.sentences(list(range(1, n + 1))).values(), key=lambda s: s.id)
        return [d.to_dict() for d in tb.documents(limit=100_000)], sentences


def essence(r: Any) -> Any:
    """What a check decides: verdict and evidence (text, offsets, stance)."""
    d = r.to_dict()
    evidence = [(e["document_id"], e["start"], e["end"], e["stance"]) for e in d["evidence"]]
    return d["id"], d["verdict"], evidence


def timed(fn: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def run(n_sentences: int, n_claims: int, workers: Sequence[int], seed: int, niceness: int) -> dict[str, Any]:
    import ray

    arabic = (CORPUS / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    english = (CORPUS / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    docs = articles(n_sentences)
    lines = [i for _, ls in docs for i in ls]
    picked = sorted(random.Random(seed).sample(lines, min(n_claims, len(lines))))
    claims = [(f"en-{i}", english[i].strip()) for i in picked]
    cores = os.cpu_count() or 1
    out: dict[str, Any] = {
        "corpus": "ntrex128_ar_en (Arabic side)", "documents": len(docs), "claims": len(claims),
        "cores": cores, "ray_worker_niceness": niceness, "load_average_at_start": os.getloadavg()[0],
        "runs": [],
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "files").mkdir()
        paths = write_files(root / "files", docs, arabic)
        one_db = str(root / "one.db")
        with Tabayyun(one_db) as tb:
            report, add_s = timed(lambda: tb.add_files(paths))
        with Tabayyun(one_db, read_only=True) as tb:  # as `tabayyun check --claims` opens it
            results, check_s = timed(lambda: [tb.check(c, id=i) for i, c in claims])
        sentences = report.sentences
        out["sentences"] = sentences
        out["runs"].append({"how": "single process", "add_s": round(add_s, 1),
                            "sentences_per_s": round(sentences / add_s, 1), "check_s": round(check_s, 1),
                            "claims_per_s": round(len(claims) / check_s, 2)})
        expected_store, expected_checks = store_rows(one_db), [essence(r) for r in results]
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        os.environ["RAY_worker_niceness"] = str(niceness)  # noqa: SIM112 (Ray's spelling; its default, 15, yields)
        (_, start_s) = timed(lambda: ray.init(num_cpus=cores, include_dashboard=False, log_to_driver=False,
                                              _node_ip_address="127.0.0.1", configure_logging=False))
        out["ray_start_s"] = round(start_s, 1)
        try:
            for n in workers:
                db = str(root / f"ray{n}.db")
                report, add_s = timed(lambda: ray_add(db, paths, workers=n))  # noqa: B023
                got, check_s = timed(lambda: list(ray_check(one_db, claims, workers=n)))  # noqa: B023
                out["runs"].append({
                    "how": f"ray, {n} worker(s)", "load_average": round(os.getloadavg()[0], 1),
                    "add_s": round(add_s, 1),
                    "sentences_per_s": round(report.sentences / add_s, 1), "check_s": round(check_s, 1),
                    "claims_per_s": round(len(claims) / check_s, 2),
                    "store_equal": store_rows(db) == expected_store,
                    "checks_differing": [e[0] for e, x in zip(map(essence, got), expected_checks) if e != x],
                })  # fmt: skip
        finally:
            ray.shutdown()
    out["load_average_at_end"] = os.getloadavg()[0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=1000, help="corpus lines (whole articles)")
    ap.add_argument("--claims", type=int, default=24)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--niceness", type=int, default=0,
                    help="of the Ray workers (Ray's own default is 15; 0 = as the single process)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS} (see ../shared/README.md)")
    result = run(args.sentences, args.claims, args.workers, args.seed, args.niceness)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
