"""The contract every stance model keeps (see :class:`tabayyun.protocols.StanceModel`).

Like scikit-learn's ``parametrize_with_checks``: each check below runs over every model
the library ships (heuristic, learned, gated) and the fakes of :mod:`tabayyun.testing`.
A new model joins by adding one entry to ``MODELS``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from tabayyun.protocols import StanceModel, VectorStanceModel
from tabayyun.results import STANCES
from tabayyun.stance.gated import GatedStance
from tabayyun.stance.heuristic import HeuristicStance
from tabayyun.stance.learned import CrossEncoderStance
from tabayyun.testing import HashingEmbedder, OverlapStance

# pairs written for this test: agreement, a negation, a changed number, another topic,
# English, across languages, empty-looking and repeated text
CLAIMS = [
    "افتتحت البلدية جسرا جديدا فوق النهر",
    "افتتحت البلدية جسرا جديدا فوق النهر",
    "بلغ عدد الزوار 40 ألفا في الأسبوع الأول",
    "ارتفعت أسعار الخبز في المدينة",
    "The council approved the new school budget",
    "The council approved the new school budget",
    "...",
    "افتتحت البلدية جسرا جديدا فوق النهر",
]
EVIDENCE = [
    "قالت البلدية إنها افتتحت الجسر الجديد فوق النهر صباح أمس",
    "نفت البلدية أنها افتتحت جسرا جديدا فوق النهر",
    "بلغ عدد الزوار 25 ألفا في الأسبوع الأول للمعرض",
    "فاز الفريق المحلي بالمباراة النهائية",
    "Councillors voted on Tuesday to approve the school budget",
    "وافق المجلس على ميزانية المدارس الجديدة",
    "...",
    "افتتحت البلدية جسرا جديدا فوق النهر",
]


@pytest.fixture(scope="module")
def learned() -> CrossEncoderStance:
    """The shipped cross-encoder, loaded once for the module (about a second)."""
    return CrossEncoderStance.load()


def _heuristic(_: CrossEncoderStance) -> StanceModel:
    return HeuristicStance(HashingEmbedder())


def _learned(model: CrossEncoderStance) -> StanceModel:
    return model


def _gated(model: CrossEncoderStance) -> StanceModel:
    return GatedStance(HeuristicStance(HashingEmbedder()), model)


def _gated_fakes(_: CrossEncoderStance) -> StanceModel:
    return GatedStance(HeuristicStance(HashingEmbedder()), OverlapStance(), skip_at=1.0)


def _overlap(_: CrossEncoderStance) -> StanceModel:
    return OverlapStance()


MODELS: dict[str, Callable[[CrossEncoderStance], StanceModel]] = {
    "heuristic": _heuristic,
    "learned": _learned,
    "gated": _gated,
    "gated-fakes": _gated_fakes,
    "overlap-fake": _overlap,
}


@pytest.fixture(params=list(MODELS), ids=list(MODELS))
def model(request: pytest.FixtureRequest, learned: CrossEncoderStance) -> StanceModel:
    return MODELS[request.param](learned)


def test_is_a_stance_model(model: StanceModel) -> None:
    assert isinstance(model, StanceModel)


def test_shape_and_dtype(model: StanceModel) -> None:
    p = model.predict_proba(CLAIMS, EVIDENCE)
    assert p.shape == (len(CLAIMS), len(STANCES))
    assert np.issubdtype(p.dtype, np.floating)


def test_rows_are_probabilities(model: StanceModel) -> None:
    p = model.predict_proba(CLAIMS, EVIDENCE)
    assert np.all(np.isfinite(p))
    assert np.all(p >= 0.0)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-6)


def test_empty_input(model: StanceModel) -> None:
    assert model.predict_proba([], []).shape == (0, len(STANCES))


@pytest.mark.parametrize(
    ("claims", "evidence"),
    [(CLAIMS[:2], EVIDENCE[:1]), (CLAIMS[:1], []), ([], EVIDENCE[:1])],
    ids=["two-one", "one-none", "none-one"],
)
def test_mismatched_lengths_raise(model: StanceModel, claims: list[str], evidence: list[str]) -> None:
    with pytest.raises(ValueError):
        model.predict_proba(claims, evidence)


def test_deterministic(model: StanceModel) -> None:
    np.testing.assert_array_equal(
        model.predict_proba(CLAIMS, EVIDENCE), model.predict_proba(CLAIMS, EVIDENCE)
    )


def test_rows_do_not_depend_on_their_batch(model: StanceModel) -> None:
    """A pair gets the same probabilities alone and among others (batching changes nothing)."""
    together = model.predict_proba(CLAIMS, EVIDENCE)
    for i in (0, 4, len(CLAIMS) - 1):
        np.testing.assert_allclose(model.predict_proba([CLAIMS[i]], [EVIDENCE[i]])[0], together[i], atol=1e-5)


#: the models that can also read the checker's vectors
VECTOR_MODELS = ["heuristic", "gated", "gated-fakes"]


@pytest.mark.parametrize("name", VECTOR_MODELS)
def test_vectors_give_the_same_probabilities(name: str, learned: CrossEncoderStance) -> None:
    """A :class:`VectorStanceModel` answers from the checker's vectors as it does from text."""
    model = MODELS[name](learned)
    assert isinstance(model, VectorStanceModel)
    embedder = HashingEmbedder()
    from_vectors = model.predict_proba_vectors(
        CLAIMS, EVIDENCE, embedder.embed(CLAIMS), embedder.embed(EVIDENCE)
    )
    np.testing.assert_allclose(from_vectors, model.predict_proba(CLAIMS, EVIDENCE), atol=1e-9)
