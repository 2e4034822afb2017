"""How much lower e5 cosine is across languages than within one, for the heuristic's relatedness.

The heuristic stance model calls a claim/sentence pair related at cosine
``RELATED_AT`` (query vector of the claim, passage vector of the sentence), a
threshold set on same-language pairs. An English claim about an Arabic sentence
scores lower for the same content. This script measures by how much, on NTREX-128
(English news sentences with human Arabic translations, line-aligned, grouped into
documents): for sentence i and its document neighbour i+1 it compares

    same language:  cos(query: ar_i, passage: ar_{i+1})
    cross-lingual:  cos(query: en_i, passage: ar_{i+1})

(the same content pair, only the claim's language differs), and the same for a
random sentence of another document. The mean difference over related and
unrelated pairs is the shift; ``RELATED_AT_CROSS = RELATED_AT - shift``. Only
documents that :func:`tabayyun.stance.splits.is_dev` leaves for training are used.

    python3 bench/crosslingual_shift.py [--corpora ../shared/datasets/corpora] [--max 600]
"""

from __future__ import annotations

import argparse
import random
import statistics
from pathlib import Path

import numpy as np

from tabayyun.embed import E5Embedder
from tabayyun.stance.splits import is_dev


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default="../shared/datasets/corpora")
    ap.add_argument("--max", type=int, default=600, help="neighbour pairs to use")
    args = ap.parse_args()
    root = Path(args.corpora) / "ntrex128_ar_en"
    ar = (root / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    en = (root / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    docs = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    pairs = [i for i in range(len(docs) - 1)
             if docs[i] == docs[i + 1] and not is_dev("ntrex128_ar_en", docs[i])]
    rng = random.Random(13)
    pairs = sorted(rng.sample(pairs, min(args.max, len(pairs))))
    others = []
    for i in pairs:
        j = rng.randrange(len(docs))
        while docs[j] == docs[i]:
            j = rng.randrange(len(docs))
        others.append(j)
    emb = E5Embedder()
    q_ar = emb.embed([ar[i] for i in pairs])
    q_en = emb.embed([en[i] for i in pairs])
    p_next = emb.embed_passages([ar[i + 1] for i in pairs])
    p_other = emb.embed_passages([ar[j] for j in others])
    out = {}
    for name, p in (("neighbour", p_next), ("other document", p_other)):
        same = np.sum(q_ar * p, axis=1)
        cross = np.sum(q_en * p, axis=1)
        out[name] = same - cross
        print(f"{name:15s} same-language cos median {statistics.median(same):.4f}  "
              f"cross-lingual {statistics.median(cross):.4f}  shift mean {float(np.mean(same - cross)):.4f} "
              f"median {float(np.median(same - cross)):.4f}  (n={len(pairs)})")
    both = np.concatenate(list(out.values()))
    print(f"shift over both kinds: mean {float(np.mean(both)):.4f}, median {float(np.median(both)):.4f}")


if __name__ == "__main__":
    main()
