"""The whole check on the dev sets, for any checkout of tabayyun: before/after figures in one run.

``tabayyun eval --system pipeline`` exists only in new code; this script uses nothing
but ``Tabayyun.check(claim, sources=[source])``, which every version has, so an older
checkout can be measured beside the current one on the same machine and the same files:

    git archive 96856b1 | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old python3 bench/compare_pipeline.py --devsets /tmp/devsets --label old
    python3 bench/compare_pipeline.py --devsets /tmp/devsets --label new

(``python3 bench/devsets.py --out /tmp/devsets`` writes the dev sets.) The verdict is read
as a label the way :func:`tabayyun.verdict.result_stance` does (supported -> agree /
entailment, refuted -> disagree / contradiction, conflicting or on-topic evidence ->
discuss / neutral, otherwise unrelated / neutral), restated here so old code needs none of it.
Prints one JSON line per file: macro-F1, accuracy, per-class F1, ECE of the confidence.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import tabayyun
from tabayyun import Tabayyun

FILES = {"nli_ar.jsonl": "nli", "arastance_arwiki.jsonl": "arastance", "nli_snli_en.jsonl": "nli"}
NLI = {"agree": "entailment", "disagree": "contradiction", "discuss": "neutral", "unrelated": "neutral"}
ARASTANCE = {"agree": "Agree", "disagree": "Disagree", "discuss": "Discuss", "unrelated": "Unrelated"}


def stance(result: tabayyun.CheckResult) -> str:
    verdict = result.verdict
    if verdict in ("supported", "refuted", "conflicting", "mixed"):  # mixed: a refuted part (new code)
        return {"supported": "agree", "refuted": "disagree", "conflicting": "discuss",
                "mixed": "disagree"}[verdict]
    on_topic = any(e.probabilities.get("unrelated", 1.0) < 0.5 for e in result.evidence)
    return "discuss" if on_topic else "unrelated"


def items(path: Path, fmt: str) -> list[tuple[str, str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if fmt == "nli":
            out.append((row["hypothesis"], row["premise"], row["label"]))
        else:
            out.extend((row["claim"], a, s) for a, s in zip(row["article"], row["stance"]))
    return out


def report(gold: list[str], pred: list[str], conf: list[float], labels: list[str]) -> dict[str, object]:
    f1 = {}
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        npred, ngold = pred.count(lab), gold.count(lab)
        prec, rec = (tp / npred if npred else 0.0), (tp / ngold if ngold else 0.0)
        f1[lab] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
    correct = [g == p for g, p in zip(gold, pred)]
    ece = 0.0
    for b in range(10):
        idx = [i for i, c in enumerate(conf) if (b / 10 < c <= (b + 1) / 10) or (b == 0 and c == 0)]
        if idx:
            acc = sum(correct[i] for i in idx) / len(idx)
            ece += len(idx) / len(conf) * abs(acc - sum(conf[i] for i in idx) / len(idx))
    return {"macro_f1": round(sum(f1.values()) / len(labels), 4),
            "accuracy": round(sum(correct) / len(gold), 4),
            "f1": f1, "ece": round(ece, 4), "mean_confidence": round(sum(conf) / len(conf), 4),
            "n": len(gold)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devsets", default="/tmp/devsets")
    ap.add_argument("--label", default="current")
    ap.add_argument("--files", nargs="*", default=list(FILES))
    args = ap.parse_args()
    tb = Tabayyun()
    for name in args.files:
        fmt = FILES[name]
        rows = items(Path(args.devsets) / name, fmt)
        t0 = time.perf_counter()
        results = [tb.check(c, sources=[s]) for c, s, _ in rows]
        mapping = NLI if fmt == "nli" else ARASTANCE
        pred = [mapping[stance(r)] for r in results]
        labels = sorted(set(mapping.values()))
        rep = report([g for *_, g in rows], pred, [r.confidence for r in results], labels)
        code = str(Path(tabayyun.__file__).parent)
        print(json.dumps({"label": args.label, "code": code, "file": name, **rep,
                          "seconds": round(time.perf_counter() - t0, 1)}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
