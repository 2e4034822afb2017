"""The cross-encoder alone on near-copies: does it agree with a sentence quoted from its source?

    python3 bench/stance_sanity.py shipped /tmp/stance-candidate [--devsets /tmp/devsets]

For every "Agree" item of the Wikipedia claim–article dev set (``bench/devsets.py``), the
article sentence that shares most words with the claim is scored twice: against the claim (a
clause of it) and against itself. Prints, per weights folder, how many of each the model calls
agree / disagree / discuss / unrelated. A model trained on near-copies that are all edits
learns to call any near-copy "disagree"; no dev macro-F1 shows that as plainly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from compare_pipeline import items

from tabayyun.results import STANCES
from tabayyun.stance.learned import CrossEncoderStance
from tabayyun.text import sentences


def pairs(devsets: Path) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {"clause": [], "itself": []}
    for claim, article, label in items(devsets / "arastance_arwiki.jsonl", "arastance"):
        if label != "Agree":
            continue
        sents = [article[s.start : s.end] for s in sentences(article)]
        words = set(claim.split())
        best = max(sents, key=lambda s: len(words & set(s.split())))
        out["clause"].append((claim, best))
        out["itself"].append((best, best))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", help="weights folders ('shipped' = the package's)")
    ap.add_argument("--devsets", type=Path, default=Path("/tmp/devsets"))
    args = ap.parse_args()
    made = pairs(args.devsets)
    for folder in args.folders:
        model = CrossEncoderStance.load(None if folder == "shipped" else folder)
        for kind, rows in made.items():
            probs = model.predict_proba([c for c, _ in rows], [e for _, e in rows])
            counts = Counter(STANCES[int(i)] for i in probs.argmax(axis=1))
            print(json.dumps({"weights": folder, "pairs": kind, "n": len(rows), **counts}))


if __name__ == "__main__":
    main()
