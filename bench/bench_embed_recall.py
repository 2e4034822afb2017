"""Retrieval quality of the e5 engines: planted evidence among real corpus sentences, one run.

    python3 bench/bench_embed_recall.py --per-kind 150 --distractors 20000 --cache /tmp/embed-recall

Built here, from ``../shared/datasets/corpora`` (read at run time, never written out):

* claim/evidence pairs of four kinds, ``--per-kind`` each (seeded):

  - ``en>ar``: an English sentence of the parallel corpora (ntrex128, tico19, ud_arabic_pud,
    mt_geneval) is the claim, its human Arabic translation the evidence;
  - ``ar>en``: the other way round;
  - ``ar>ar cut``: an Arabic Wikipedia sentence (arwiki, 10-45 words) is the evidence; the claim
    is the sentence with a contiguous quarter to two fifths of its words dropped (not the first);
  - ``ar>ar edit``: another arwiki sentence; the claim is its first 55-80 % of words with one
    word replaced by a word of an unrelated sentence (a headline that says a bit less, and
    differs in a word);

* ``--distractors`` other real sentences: arwiki sentences of other documents (4-60 words) and
  both sides of the parallel items not used for pairs, deduplicated, none equal to an evidence.

Every engine embeds the claims as queries and evidence + distractors as passages (all of them in
one call: the onnxruntime engines bucket by length themselves); a claim's rank is the rank of its
evidence among all passages by cosine (ties count against it). Reported per engine: recall@1,
recall@8 and MRR, overall and per kind; with ``--stored B``, also each engine's claims against B's
passages (a store written by B, queried by another engine: the store does not record the engine);
against the ``--baseline`` engine (float32 onnx), the
difference with a 95 % paired bootstrap interval over the pairs (``--boot`` resamples) — the noise
of the pair sample. ``--seeds 11 12`` repeats the whole measure on a second pair sample.

``--cache DIR`` keeps each engine's vectors (keyed by the engine, the texts and the engine's vectors
of two probe sentences), so a rerun embeds only what changed; speed is ``bench/bench_embed.py``'s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabayyun.embed import BACKENDS, E5Embedder  # noqa: E402
from tabayyun.stance.corpus_read import ARWIKI, PARALLEL, read  # noqa: E402

CORPORA = ROOT.parent / "shared" / "datasets" / "corpora"
KINDS = ("en>ar", "ar>en", "ar>ar cut", "ar>ar edit")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str
    claim: str
    evidence: str


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _words(text: str) -> list[str]:
    return text.split()


def cut(sentence: str, rng: random.Random) -> str:
    """``sentence`` without a contiguous run of 25-40 % of its words (never the first word)."""
    w = _words(sentence)
    n = max(1, round(len(w) * rng.uniform(0.25, 0.4)))
    start = rng.randrange(1, len(w) - n + 1)
    return " ".join(w[:start] + w[start + n :])


def edit(sentence: str, other: str, rng: random.Random) -> str:
    """The first 55-80 % of ``sentence`` 's words, one (not the first) replaced by a word of ``other``."""
    w = _words(sentence)
    w = w[: max(4, round(len(w) * rng.uniform(0.55, 0.8)))]
    w[rng.randrange(1, len(w))] = rng.choice(_words(other))
    return " ".join(w)


def build(per_kind: int, n_distractors: int, seed: int) -> tuple[list[Pair], list[str]]:
    """The pairs and the distractor sentences (see the module docstring)."""
    rng = random.Random(seed)
    parallel = [(it.ar[0], it.en) for c in PARALLEL for it in read(CORPORA, c) if it.ar[0] and it.en]
    rng.shuffle(parallel)
    docs = read(CORPORA, ARWIKI)
    rng.shuffle(docs)
    seen: set[str] = set()
    pairs: list[Pair] = []

    def fresh(*texts: str) -> bool:
        keys = [_key(t) for t in texts]
        if any(k in seen for k in keys):
            return False
        seen.update(keys)
        return True

    rest_parallel: list[str] = []
    for ar, en in parallel:
        counts = {k: sum(p.kind == k for p in pairs) for k in ("en>ar", "ar>en")}
        if not fresh(ar, en):
            continue
        if counts["en>ar"] < per_kind:
            pairs.append(Pair("en>ar", en, ar))
        elif counts["ar>en"] < per_kind:
            pairs.append(Pair("ar>en", ar, en))
        else:
            rest_parallel += [ar, en]
    used_docs = 0
    for doc in docs:
        done = {k: sum(p.kind == k for p in pairs) for k in ("ar>ar cut", "ar>ar edit")}
        if min(done.values()) >= per_kind:
            break
        used_docs += 1
        good = [s for s in doc.ar if 10 <= len(_words(s)) <= 45]
        if not good:
            continue
        s = rng.choice(good)
        if not fresh(s):
            continue
        if done["ar>ar cut"] < per_kind:
            pairs.append(Pair("ar>ar cut", cut(s, rng), s))
        else:
            other = rng.choice(docs[-1 - rng.randrange(1000)].ar)  # a sentence of an unrelated document
            pairs.append(Pair("ar>ar edit", edit(s, other, rng), s))
    pool = [s for doc in docs[used_docs:] for s in doc.ar if 4 <= len(_words(s)) <= 60]
    rng.shuffle(pool)
    distractors: list[str] = []
    for s in rest_parallel[: n_distractors // 4] + pool:
        if len(distractors) >= n_distractors:
            break
        if fresh(s):
            distractors.append(s)
    return pairs, distractors


#: texts whose vectors identify an engine's behaviour (the cache key), written for this bench
PROBE = ("The council met on Tuesday to discuss the water budget.",
         "اجتمع المجلس يوم الثلاثاء لمناقشة الميزانية")


def fingerprint(e: E5Embedder) -> str:
    """A hash of ``e`` 's vectors of :data:`PROBE`: the same engine on the same machine gives the same."""
    return hashlib.sha1(np.round(e.embed_passages(PROBE), 5).tobytes()).hexdigest()[:12]


def vectors(
    backend: str, texts: Sequence[str], is_query: bool, cache: Path | None, threads: int | None
) -> NDArray[np.float32]:
    """``backend`` 's vectors of ``texts`` (from ``cache`` when an engine that embeds :data:`PROBE` alike
    made them)."""
    e = E5Embedder(backend=backend, threads=threads)
    digest = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:12]
    name = f"{backend}-{'q' if is_query else 'p'}-{digest}-{fingerprint(e)}.npy"
    path = cache / name if cache else None
    if path is not None and path.exists():
        out: NDArray[np.float32] = np.load(path)
        return out
    t = time.perf_counter()
    out = e.embed(texts) if is_query else e.embed_passages(texts)
    print(f"  {backend}: {len(texts)} {'claims' if is_query else 'passages'} in "
          f"{time.perf_counter() - t:.0f} s (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, out)
    return out


def ranks(claims: NDArray[np.float32], passages: NDArray[np.float32]) -> NDArray[np.int64]:
    """1-based rank of passage ``i`` for claim ``i`` (the evidence comes first); ties count against it."""
    out = np.empty(len(claims), dtype=np.int64)
    for a in range(0, len(claims), 256):
        scores = claims[a : a + 256] @ passages.T
        own = scores[np.arange(len(scores)), np.arange(a, a + len(scores))]
        out[a : a + len(scores)] = np.sum(scores >= own[:, None], axis=1)
    return out


def metrics(r: NDArray[np.int64]) -> dict[str, float]:
    return {"recall@1": float(np.mean(r <= 1)), "recall@8": float(np.mean(r <= 8)),
            "mrr": float(np.mean(1.0 / r))}


def paired_bootstrap(
    r: NDArray[np.int64], base: NDArray[np.int64], boot: int, seed: int
) -> dict[str, list[float]]:
    """Mean difference (engine - baseline) and its 95 % bootstrap interval, per metric."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(r), size=(boot, len(r)))
    out: dict[str, list[float]] = {}
    per_pair = {"recall@1": lambda x: (x <= 1).astype(float), "recall@8": lambda x: (x <= 8).astype(float),
                "mrr": lambda x: 1.0 / x}
    for name, f in per_pair.items():
        d = f(r) - f(base)
        means = d[idx].mean(axis=1)
        out[name] = [float(d.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))]
    return out


def run(args: argparse.Namespace, seed: int) -> dict[str, object]:
    pairs, distractors = build(args.per_kind, args.distractors, seed)
    claims = [p.claim for p in pairs]
    passages = [p.evidence for p in pairs] + distractors
    kinds = np.array([p.kind for p in pairs])
    load_before = os.getloadavg()
    result: dict[str, dict[str, object]] = {}
    all_ranks: dict[str, NDArray[np.int64]] = {}
    q = {b: vectors(b, claims, True, args.cache, args.threads) for b in args.backends}
    p = {b: vectors(b, passages, False, args.cache, args.threads) for b in args.backends}
    runs = [(b, b) for b in args.backends]
    # a store written by one engine, queried by another: claims by b, stored passages by `stored`
    runs += [(b, stored) for stored in args.stored if stored in p for b in args.backends if b != stored]
    for b, stored in runs:
        name = b if b == stored else f"{b} on {stored} store"
        r = ranks(q[b], p[stored])
        all_ranks[name] = r
        result[name] = {"all": metrics(r)} | {k: metrics(r[kinds == k]) for k in KINDS}
    if args.baseline in all_ranks:
        for b, r in all_ranks.items():
            if b != args.baseline:
                base = all_ranks[args.baseline]
                result[b]["vs_" + args.baseline] = paired_bootstrap(r, base, args.boot, seed)
    return {"seed": seed, "pairs": len(pairs), "per_kind": args.per_kind, "passages": len(passages),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()], "engines": result}


def table(result: dict[str, object], baseline: str) -> str:
    engines = result["engines"]
    assert isinstance(engines, dict)
    lines = [f"seed {result['seed']}: {result['pairs']} pairs, {result['passages']} passages",
             f"| engine | recall@1 | recall@8 | MRR | Δ recall@8 vs {baseline} (95 % CI) | Δ MRR (95 % CI) | "
             + " | ".join(f"{k} r@1 / MRR" for k in KINDS) + " |",
             "|---|---:|---:|---:|---:|---:|" + "---:|" * len(KINDS)]
    for name, r in engines.items():
        a = r["all"]
        vs = r.get("vs_" + baseline)
        d8 = f"{vs['recall@8'][0]:+.3f} ({vs['recall@8'][1]:+.3f}, {vs['recall@8'][2]:+.3f})" if vs else "—"
        dm = f"{vs['mrr'][0]:+.3f} ({vs['mrr'][1]:+.3f}, {vs['mrr'][2]:+.3f})" if vs else "—"
        per = [f"{r[k]['recall@1']:.3f} / {r[k]['mrr']:.3f}" for k in KINDS]
        lines.append(f"| {name} | {a['recall@1']:.3f} | {a['recall@8']:.3f} | {a['mrr']:.3f} | {d8} | {dm} | "
                     + " | ".join(per) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-kind", type=int, default=150)
    ap.add_argument("--distractors", type=int, default=20000)
    ap.add_argument("--seeds", type=int, nargs="+", default=[11])
    ap.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=BACKENDS)
    ap.add_argument("--baseline", default="onnx")
    ap.add_argument("--stored", nargs="*", default=[], choices=BACKENDS,
                    help="also: each other engine's claims against this engine's passages (a store it wrote)")
    ap.add_argument("--boot", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    results = [run(args, s) for s in args.seeds]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    for res in results:
        print(json.dumps({k: v for k, v in res.items() if k != "engines"}))
        print(table(res, args.baseline))


if __name__ == "__main__":
    main()
