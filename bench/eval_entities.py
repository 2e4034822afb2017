"""Precision and recall of entity extraction on the hand-labelled sentences.

    python3 bench/eval_entities.py [--gold tests/extract/entities_gold.jsonl] [--errors]

A predicted entity counts as correct when its text and type equal a labelled
one (each label used once). Nationality adjectives are labelled as places.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tabayyun.extract import extract
from tabayyun.text.normalize import normalize


def evaluate(gold_path: Path, show_errors: bool = False) -> dict[str, float]:
    tp = fp = fn = 0
    per_type: dict[str, Counter[str]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        gold = Counter((normalize(t), typ) for t, typ in item["entities"])
        pred = Counter((normalize(e.text), e.type) for e in extract(item["text"]).entities)
        hit = gold & pred
        tp += sum(hit.values())
        fp += sum((pred - gold).values())
        fn += sum((gold - pred).values())
        for (_, typ), k in hit.items():
            per_type.setdefault(typ, Counter())["tp"] += k
        for (_, typ), k in (pred - gold).items():
            per_type.setdefault(typ, Counter())["fp"] += k
        for (_, typ), k in (gold - pred).items():
            per_type.setdefault(typ, Counter())["fn"] += k
        if show_errors and (pred - gold or gold - pred):
            print(f"#{item['id']}: extra {sorted(pred - gold)} missed {sorted(gold - pred)}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"entities: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (tp={tp} fp={fp} fn={fn})")
    for typ, c in sorted(per_type.items()):
        tp_, fp_, fn_ = c["tp"], c["fp"], c["fn"]
        print(f"  {typ:<7} precision {tp_ / max(1, tp_ + fp_):.3f}  recall {tp_ / max(1, tp_ + fn_):.3f}"
              f"  (tp={tp_} fp={fp_} fn={fn_})")
    return {"precision": p, "recall": r, "f1": f}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path,
                    default=Path(__file__).resolve().parent.parent / "tests/extract/entities_gold.jsonl")
    ap.add_argument("--errors", action="store_true", help="print each sentence's extra and missed entities")
    args = ap.parse_args()
    evaluate(args.gold, args.errors)


if __name__ == "__main__":
    main()
