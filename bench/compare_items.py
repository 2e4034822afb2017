"""Which verdicts two checkouts of tabayyun give differently, item by item, on one dev file.

    PYTHONPATH=/tmp/old python3 bench/compare_items.py run /tmp/devsets/nli_ar.jsonl /tmp/old_items.jsonl
    python3 bench/compare_items.py run /tmp/devsets/nli_ar.jsonl /tmp/new_items.jsonl
    python3 bench/compare_items.py diff /tmp/old_items.jsonl /tmp/new_items.jsonl
    python3 bench/compare_items.py score /tmp/new_items.jsonl

``run`` reads the items as ``compare_pipeline.py`` does (NLI: hypothesis against premise; claim–article:
the claim against each of its articles), checks each with its source as the only source using nothing
but ``Tabayyun.check``, so an older checkout runs it too, and writes one ``{label, verdict, stance,
confidence, parts}`` line per item, in order (``stance``: the verdict read as ``compare_pipeline.stance``
reads it).
``diff`` counts the items whose verdict changed, by (gold label, old verdict, new verdict, parts).
``score`` prints ``compare_pipeline.py``'s figures for one run file.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from compare_pipeline import ARASTANCE, FILES, NLI, items, report, stance


def run(data: str, out: str) -> None:
    from tabayyun import Tabayyun

    path = Path(data)
    with Tabayyun() as tb, open(out, "w", encoding="utf-8") as o:
        for claim, src, label in items(path, FILES.get(path.name, "nli")):
            res = tb.check(claim, sources=[src])
            o.write(json.dumps({"label": label, "verdict": res.verdict, "stance": stance(res),
                                "confidence": res.confidence, "parts": len(getattr(res, "parts", ()) or ())},
                               ensure_ascii=False) + "\n")


def diff(a: str, b: str) -> None:
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        old = [json.loads(x) for x in fa]
        new = [json.loads(x) for x in fb]
    changed = Counter((o["label"], o["verdict"], n["verdict"], n["parts"])
                      for o, n in zip(old, new, strict=True) if o["verdict"] != n["verdict"])
    print(json.dumps({"items": len(old), "changed": sum(changed.values()),
                      "by": [{"label": k[0], "old": k[1], "new": k[2], "parts": k[3], "n": v}
                             for k, v in changed.most_common()]}, ensure_ascii=False))


def score(path: str) -> None:
    """The figures of ``compare_pipeline.py`` from one ``run`` file (its rows hold the read stance)."""
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(x) for x in f]
    nli = rows[0]["label"] in NLI.values()
    names = NLI if nli else ARASTANCE
    labels = sorted(set(names.values()))
    pred = [names[r["stance"]] for r in rows]
    print(json.dumps(report([r["label"] for r in rows], pred, [r["confidence"] for r in rows], labels)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("data")
    r.add_argument("out")
    d = sub.add_parser("diff")
    d.add_argument("old")
    d.add_argument("new")
    sc = sub.add_parser("score", help="macro-F1, per-class F1 and ECE of one run file")
    sc.add_argument("items")
    args = ap.parse_args()
    if args.cmd == "run":
        run(args.data, args.out)
    elif args.cmd == "score":
        score(args.items)
    else:
        diff(args.old, args.new)


if __name__ == "__main__":
    main()
