"""GatedStance: unrelated from the gate, the related split from the splitter (fake models, no weights)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.protocols import StanceModel
from tabayyun.stance import load_stance_model
from tabayyun.stance.gated import GatedStance, combine, polarity_differs, related_split
from tabayyun.testing import HashingEmbedder


class Fixed:
    """A fake stance model returning the same row for every pair, and counting its calls."""

    def __init__(self, row: Sequence[float]) -> None:
        self.row = np.asarray(row, dtype=np.float64)
        self.calls = 0

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        self.calls += 1
        return np.tile(self.row, (len(claims), 1))


GATE = [0.3, 0.1, 0.2, 0.4]  # unrelated 0.4 -> related mass 0.6
SPLITTER = [0.2, 0.6, 0.0, 0.2]  # related split (1/4, 3/4, 0) once its unrelated column is dropped


def test_gated_stance_is_a_stance_model() -> None:
    assert isinstance(GatedStance(Fixed(GATE), Fixed(SPLITTER)), StanceModel)


@pytest.mark.parametrize(
    ("gate", "splitter", "expected"),
    [
        (GATE, SPLITTER, [0.6 * 0.25, 0.6 * 0.75, 0.0, 0.4]),
        ([0.0, 0.0, 0.0, 1.0], SPLITTER, [0.0, 0.0, 0.0, 1.0]),
        ([0.5, 0.0, 0.5, 0.0], [0.0, 0.0, 0.0, 1.0], [1 / 3, 1 / 3, 1 / 3, 0.0]),
        ([0.1, 0.1, 0.1, 0.7], [0.1, 0.1, 0.8, 0.0], [0.03, 0.03, 0.24, 0.7]),
    ],
    ids=[
        "split-by-splitter",
        "gate-says-unrelated",
        "splitter-all-unrelated-gives-uniform",
        "splitter-discuss",
    ],
)
def test_combine_takes_unrelated_from_the_gate_and_the_split_from_the_splitter(
    gate: list[float], splitter: list[float], expected: list[float]
) -> None:
    out = combine(np.array([gate]), np.array([splitter]), 0.0)
    np.testing.assert_allclose(out[0], expected, atol=1e-12)
    assert out.sum() == pytest.approx(1.0)


def test_gate_weight_mixes_the_gate_split_in() -> None:
    out = combine(np.array([GATE]), np.array([SPLITTER]), 0.5)
    gate_split = np.array([0.3, 0.1, 0.2]) / 0.6
    learned_split = np.array([0.25, 0.75, 0.0])
    np.testing.assert_allclose(out[0, :3], 0.6 * (0.5 * gate_split + 0.5 * learned_split))
    assert out[0, 3] == pytest.approx(0.4)
    np.testing.assert_allclose(combine(np.array([GATE]), np.array([SPLITTER]), 1.0)[0], GATE)


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [(False, [0.15, 0.45 * 0.25, 0.45 * 0.75, 0.4]), (True, GATE)],
    ids=["same-polarity-tempered", "polarity-differs-gate-split"],
)
def test_temper_without_a_polarity_difference_and_the_gate_split_with_one(
    polarity: bool, expected: list[float]
) -> None:
    out = combine(np.array([GATE]), np.array([SPLITTER]), 0.0, temper=0.75, polarity=np.array([polarity]))
    np.testing.assert_allclose(out[0], expected, atol=1e-12)


def test_rows_sum_to_one_on_random_inputs() -> None:
    rng = np.random.default_rng(7)
    gate = rng.dirichlet(np.ones(4), size=200)
    splitter = rng.dirichlet(np.ones(4), size=200)
    polarity = rng.random(200) < 0.3
    for w, t in [(0.0, 0.0), (0.3, 0.75), (1.0, 1.0)]:
        out = combine(gate, splitter, w, temper=t, polarity=polarity)
        np.testing.assert_allclose(out.sum(axis=1), 1.0)
        np.testing.assert_allclose(out[:, 3], gate[:, 3])
        assert (out >= 0).all()


def test_related_split_renormalizes_without_unrelated() -> None:
    np.testing.assert_allclose(related_split(np.array([[0.1, 0.3, 0.0, 0.6]])), [[0.25, 0.75, 0.0]])


def test_predict_proba_calls_both_models_once_per_batch() -> None:
    gate, splitter = Fixed(GATE), Fixed(SPLITTER)
    model = GatedStance(gate, splitter, gate_weight=0.0, temper=0.0)
    out = model.predict_proba(["a", "b", "c"], ["x", "y", "z"])
    assert out.shape == (3, 4)
    assert (gate.calls, splitter.calls) == (1, 1)
    np.testing.assert_allclose(out, np.tile([0.15, 0.45, 0.0, 0.4], (3, 1)))


def test_predict_proba_tempers_by_the_pairs_polarity() -> None:
    model = GatedStance(Fixed(GATE), Fixed(SPLITTER), gate_weight=0.0, temper=1.0)
    claims = ["قررت الوزارة رفع تعرفة المياه", "قررت الوزارة رفع تعرفة المياه"]
    evidence = ["الوزارة لا تنوي رفع تعرفة المياه", "قررت الوزارة رفع تعرفة الكهرباء"]
    assert [polarity_differs(c, e) for c, e in zip(claims, evidence)] == [True, False]
    out = model.predict_proba(claims, evidence)
    np.testing.assert_allclose(out[0], GATE)  # negated on one side: the gate's (negation rule's) split
    assert out[1, 1] == pytest.approx(0.0)  # same polarity: all of it moves to discuss
    assert out[1, 2] == pytest.approx(0.45)


def test_empty_and_mismatched_inputs() -> None:
    model = GatedStance(Fixed(GATE), Fixed(SPLITTER))
    assert model.predict_proba([], []).shape == (0, 4)
    with pytest.raises(ValueError, match="same length"):
        model.predict_proba(["a"], [])


@pytest.mark.parametrize(
    "kwargs", [{"gate_weight": -0.1}, {"gate_weight": 1.5}, {"temper": 2.0}], ids=["w<0", "w>1", "temper>1"]
)
def test_bad_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="within"):
        GatedStance(Fixed(GATE), Fixed(SPLITTER), **kwargs)


def test_combine_refuses_bad_shapes_and_missing_polarity() -> None:
    with pytest.raises(ValueError, match="must both be"):
        combine(np.zeros((2, 4)), np.zeros((3, 4)))
    with pytest.raises(ValueError, match="one flag per row"):
        combine(np.array([GATE]), np.array([SPLITTER]), polarity=np.array([True, False]))
    with pytest.raises(ValueError, match="polarity"):
        combine(np.array([GATE]), np.array([SPLITTER]), temper=0.5)


def test_load_stance_model_builds_the_gated_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from tabayyun.stance import learned

    fake = Fixed(SPLITTER)
    monkeypatch.setattr(learned.CrossEncoderStance, "load", classmethod(lambda cls, **_: fake))

    class NoEmbedder:
        dim = 4

        def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
            raise AssertionError("not called when building the model")

    model = load_stance_model("gated", NoEmbedder())
    assert isinstance(model, GatedStance)
    assert model.splitter is fake


class WithVectors(Fixed):
    def __init__(self, row: list[float]) -> None:
        super().__init__(row)
        self.vector_calls = 0

    def predict_proba_vectors(self, claims: Sequence[str], evidence: Sequence[str], cv: object,
                              ev: object) -> NDArray[np.float64]:
        self.vector_calls += 1
        return self.predict_proba(claims, evidence)


def test_predict_proba_vectors_hands_the_vectors_to_a_gate_that_can_use_them() -> None:
    gate = WithVectors(GATE)
    model = GatedStance(gate, Fixed(SPLITTER), gate_weight=0.0, temper=0.0)
    vectors = np.zeros((2, 3), dtype=np.float32)
    out = model.predict_proba_vectors(["a", "b"], ["x", "y"], vectors, vectors)
    assert gate.vector_calls == 1
    np.testing.assert_allclose(out, model.predict_proba(["a", "b"], ["x", "y"]))


def test_predict_proba_vectors_falls_back_without_gate_support() -> None:
    gate = Fixed(GATE)
    model = GatedStance(gate, Fixed(SPLITTER), gate_weight=0.0, temper=0.0)
    vectors = np.zeros((1, 3), dtype=np.float32)
    out = model.predict_proba_vectors(["a"], ["x"], vectors, vectors)
    np.testing.assert_allclose(out, [[0.15, 0.45, 0.0, 0.4]])
    assert gate.calls == 1


class ByEvidence:
    """A fake gate: the row for each pair is looked up by its evidence text."""

    def __init__(self, rows: dict[str, list[float]]) -> None:
        self.rows = rows

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        return np.array([self.rows[e] for e in evidence], dtype=np.float64)


class Recording(Fixed):
    def __init__(self, row: Sequence[float]) -> None:
        super().__init__(row)
        self.seen: list[str] = []

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        self.seen.extend(evidence)
        return super().predict_proba(claims, evidence)


def test_the_splitter_skips_pairs_the_gate_calls_clearly_unrelated() -> None:
    far = [0.02, 0.01, 0.02, 0.95]
    gate = ByEvidence({"near": GATE, "far": far})
    splitter = Recording(SPLITTER)
    model = GatedStance(gate, splitter, gate_weight=0.0, temper=0.0)
    out = model.predict_proba(["c", "c", "c"], ["near", "far", "near"])
    assert splitter.seen == ["near", "near"]
    np.testing.assert_allclose(out[1], far)  # the gate's own split of its small related mass
    np.testing.assert_allclose(out[0], [0.15, 0.45, 0.0, 0.4])


def test_nothing_related_means_no_splitter_call() -> None:
    splitter = Recording(SPLITTER)
    model = GatedStance(ByEvidence({"far": [0.0, 0.0, 0.05, 0.95]}), splitter)
    out = model.predict_proba(["c"], ["far"])
    assert splitter.calls == 0
    assert out[0, 3] == pytest.approx(0.95)


@pytest.mark.parametrize("env", [None, "heuristic"], ids=["unset", "set"])
def test_the_default_stance_model_is_gated_whatever_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: str | None
) -> None:
    """``$TABAYYUN_STANCE`` is read by the command line (``--stance``), never by the library."""
    from tabayyun.stance import default_stance_model, learned

    monkeypatch.setattr(learned.CrossEncoderStance, "load", classmethod(lambda cls, **_: Fixed(SPLITTER)))
    if env is None:
        monkeypatch.delenv("TABAYYUN_STANCE", raising=False)
    else:
        monkeypatch.setenv("TABAYYUN_STANCE", env)
    assert isinstance(default_stance_model(HashingEmbedder()), GatedStance)


def test_the_splitter_skips_pairs_whose_polarity_differs_and_the_answer_is_the_same() -> None:
    claims = ["قررت الوزارة رفع تعرفة المياه"] * 2
    evidence = ["الوزارة لا تنوي رفع تعرفة المياه", "قررت الوزارة رفع تعرفة الكهرباء"]
    splitter = Recording(SPLITTER)
    model = GatedStance(Fixed(GATE), splitter, gate_weight=0.0, temper=0.75)
    out = model.predict_proba(claims, evidence)
    assert splitter.seen == [evidence[1]], "the negated pair takes the gate's split: not read"
    polarity = np.array([True, False])
    every_row_read = combine(np.tile(GATE, (2, 1)), np.tile(SPLITTER, (2, 1)), 0.0, temper=0.75,
                             polarity=polarity)
    np.testing.assert_allclose(out, every_row_read)


class VectorGate(ByEvidence):
    """A fake gate that takes the checker's vectors (and ignores them)."""

    def predict_proba_vectors(self, claims: Sequence[str], evidence: Sequence[str],
                              claim_vectors: NDArray[np.float32],
                              evidence_vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        return self.predict_proba(claims, evidence)


ON = [0.3, 0.1, 0.2, 0.4]  # on topic: unrelated under 0.5
OFF = [0.2, 0.05, 0.05, 0.7]  # off topic, but under SKIP_AT: read by predict_proba


@pytest.mark.parametrize(
    ("evidence", "maybe", "surely", "read"),
    [
        (["on", "off", "off"], [False, False, False], [False, False, False], [0]),
        (["on", "off", "off"], [False, True, False], [False, False, False], [0, 1]),
        (["off", "off"], [False, False], [False, False], [0, 1]),
        (["off", "off"], [True, False], [True, False], [0]),
        (["off", "off"], [True, False], [False, False], [0, 1]),
        (["on", "far"], [False, True], [False, True], [0]),
    ],
    ids=["off-topic-rows-skipped", "a-specific-match-is-read", "nothing-on-topic-reads-as-before",
         "a-confirmed-match-alone-is-on-topic", "a-match-that-may-be-undone-reads-as-before",
         "clearly-unrelated-stays-skipped"],
)
def test_predict_for_verdict_reads_only_rows_that_can_change_the_verdict(
    evidence: list[str], maybe: list[bool], surely: list[bool], read: list[int]
) -> None:
    splitter = Recording(SPLITTER)
    gate = VectorGate({"on": ON, "off": OFF, "far": [0.02, 0.01, 0.02, 0.95]})
    model = GatedStance(gate, splitter, temper=0.0)
    claims = ["c"] * len(evidence)
    vecs = np.zeros((len(evidence), 4), np.float32)
    out = model.predict_for_verdict(claims, evidence, vecs, vecs, np.array(maybe), np.array(surely))
    assert splitter.seen == [evidence[i] for i in read]
    every = model.predict_proba(claims, evidence)
    np.testing.assert_allclose(out[:, 3], every[:, 3])  # unrelated is the gate's either way
    for i, e in enumerate(evidence):
        if i in read or e == "far":  # rows read, and rows skipped either way, are as predict_proba gives
            np.testing.assert_allclose(out[i], every[i])
        else:  # a skipped off-topic row: the gate's own split of its related mass
            np.testing.assert_allclose(out[i], gate.rows[e])


def test_predict_for_verdict_checks_its_inputs() -> None:
    model = GatedStance(VectorGate({}), Fixed(SPLITTER))
    v = np.zeros((0, 4), np.float32)
    none = np.zeros(0, bool)
    assert model.predict_for_verdict([], [], v, v, none, none).shape == (0, 4)
    with pytest.raises(ValueError, match="same length"):
        model.predict_for_verdict(["c"], ["e"], v, v, none, none)


# (id, claim, evidence, the gate's negation rule judges): across scripts only the scoped rule counts
CROSS_SCRIPT_POLARITY = [
    ("en-denial-vs-ar", "It is not true that the ministers met in Amman", "اجتمع الوزراء في عمان أمس", True),
    ("ar-denial-vs-en", "ليس صحيحا أن الوزراء اجتمعوا في عمان", "The ministers met in Amman on Monday", True),
    ("translation", "The ministers met in Amman", "اجتمع الوزراء في عمان أمس", False),
    ("unbeaten", "They are the only unbeaten side", "هم الفريق الوحيد الذي لم يهزم", False),
    ("shared-digit", "The ministry did not report 300 deaths", "أعلنت الوزارة 300 وفاة", True),
]


@pytest.mark.parametrize(("claim", "evidence", "expected"), [c[1:] for c in CROSS_SCRIPT_POLARITY],
                         ids=[c[0] for c in CROSS_SCRIPT_POLARITY])
def test_cross_script_polarity(claim: str, evidence: str, expected: bool) -> None:
    assert polarity_differs(claim, evidence) is expected
