from __future__ import annotations

import numpy as np
import pytest

from tabayyun.results import Check, CheckResult, Evidence
from tabayyun.verdict import A, D, U, apply_checks, decide, resolve_checks, stance_of


def chk(result: str, claim_text: str = "90 دولة", kind: str = "quantity") -> Check:
    return Check(kind=kind, claim_text=claim_text, evidence_text="x", result=result)  # type: ignore[arg-type]


AGREE = np.array([0.8, 0.05, 0.1, 0.05])
DISAGREE = np.array([0.05, 0.8, 0.1, 0.05])
DISCUSS = np.array([0.2, 0.05, 0.7, 0.05])
UNRELATED = np.array([0.02, 0.02, 0.06, 0.9])
WEAK = np.array([0.35, 0.3, 0.2, 0.15])


@pytest.mark.parametrize(
    ("probs", "verdict"),
    [
        ([], "not_enough_info"),
        ([AGREE], "supported"),
        ([DISAGREE], "refuted"),
        ([UNRELATED, UNRELATED], "not_enough_info"),
        ([DISCUSS], "not_enough_info"),
        ([WEAK, WEAK], "not_enough_info"),
        ([AGREE, UNRELATED, DISCUSS], "supported"),
        ([AGREE, DISAGREE], "conflicting"),
        ([np.array([0.95, 0.0, 0.05, 0.0]), np.array([0.0, 0.55, 0.4, 0.05])], "supported"),
        ([np.array([0.0, 0.95, 0.05, 0.0]), np.array([0.55, 0.0, 0.4, 0.05])], "refuted"),
    ],
    ids=[
        "none",
        "agree",
        "disagree",
        "all-unrelated",
        "discuss-only",
        "weak",
        "agree-among-noise",
        "both-strong",
        "agree-dominates",
        "disagree-dominates",
    ],
)
def test_decide(probs: list[np.ndarray], verdict: str) -> None:
    d = decide(probs)
    assert d.verdict == verdict
    assert 0.0 <= d.confidence <= 1.0


def test_mismatch_turns_a_related_agreeing_sentence_into_disagree() -> None:
    p = apply_checks(AGREE, [chk("mismatch")])
    assert stance_of(p) == "disagree"
    assert p.sum() == pytest.approx(1.0)
    assert p[U] == pytest.approx(AGREE[U])


def test_mismatch_does_not_make_an_unrelated_sentence_disagree() -> None:
    p = apply_checks(UNRELATED, [chk("mismatch")])
    assert stance_of(p) == "unrelated"


def test_match_moves_discuss_towards_agree() -> None:
    p = apply_checks(DISCUSS, [chk("match")])
    assert p[A] > DISCUSS[A]
    assert p.sum() == pytest.approx(1.0)


def test_not_comparable_changes_nothing() -> None:
    np.testing.assert_allclose(apply_checks(DISCUSS, [chk("not_comparable")]), DISCUSS)


def test_mismatch_wins_over_match_in_the_same_sentence() -> None:
    p = apply_checks(AGREE, [chk("match", "2024", "date"), chk("mismatch")])
    assert p[D] > p[A]


def test_resolve_drops_mismatches_of_a_mention_matched_elsewhere() -> None:
    per = [[chk("match")], [chk("mismatch"), chk("mismatch", "روما", "entity")]]
    out = resolve_checks(per)
    assert out[0] == [chk("match")]
    assert out[1] == [chk("mismatch", "روما", "entity")]


def test_entity_match_alone_does_not_confirm() -> None:
    np.testing.assert_allclose(apply_checks(DISCUSS, [chk("match", "روما", "entity")]), DISCUSS)


def test_a_contradicted_specific_beats_general_agreement() -> None:
    assert decide([AGREE, DISAGREE]).verdict == "conflicting"
    assert decide([AGREE, DISAGREE], contradicted=True).verdict == "refuted"
    assert decide([AGREE, DISCUSS], contradicted=True).verdict == "supported"  # no decisive disagreement


def test_a_matching_quantity_pulls_a_half_related_sentence_to_agree() -> None:
    half = np.array([0.37, 0.03, 0.13, 0.47])
    p = apply_checks(half, [chk("match", "1,200 families", "quantity")])
    assert stance_of(p) == "agree"
    assert p[U] < half[U]
    assert p.sum() == pytest.approx(1.0)
    # a matching year alone does not
    q = apply_checks(half, [chk("match", "2024", "date")])
    assert q[U] == pytest.approx(half[U])


@pytest.mark.parametrize(
    ("kind", "text", "specific"),
    [
        ("quantity", "83 عضواً", True),
        ("date", "March 2023", True),
        ("date", "14 آذار 2023", True),
        ("date", "2024", False),
        ("date", "عام 2024", False),
        ("date", "in 2019", False),
        ("entity", "روما", False),
    ],
    ids=["quantity", "en-month", "ar-day-month", "bare-year", "ar-year", "en-year", "entity"],
)
def test_is_specific(kind: str, text: str, specific: bool) -> None:
    from tabayyun.verdict import is_specific

    assert is_specific(Check(kind=kind, claim_text=text, evidence_text="x", result="match")) is specific


# ---------------------------------------------------------------- on topic, result stance, calibration
HALF_UNRELATED = np.array([0.5, 0.0, 0.0, 0.5])  # agree reaches DECISIVE, but the sentence is not on topic
LEANING = np.array([0.45, 0.45, 0.0, 0.1])


@pytest.mark.parametrize(
    ("probs", "verdict"),
    [
        ([HALF_UNRELATED], "not_enough_info"),
        ([np.array([0.0, 0.5, 0.0, 0.5])], "not_enough_info"),
        ([UNRELATED, HALF_UNRELATED, UNRELATED], "not_enough_info"),
        ([HALF_UNRELATED, AGREE], "supported"),
        ([LEANING], "not_enough_info"),
    ],
    ids=[
        "agree-but-off-topic",
        "disagree-but-off-topic",
        "nothing-on-topic",
        "one-on-topic-agrees",
        "on-topic-weak",
    ],
)
def test_only_on_topic_sentences_decide(probs: list[np.ndarray], verdict: str) -> None:
    assert decide(probs).verdict == verdict
    assert decide(probs, contradicted=True).verdict == verdict


@pytest.mark.parametrize(
    ("probs", "on_topic"),
    [(AGREE, True), (DISCUSS, True), (UNRELATED, False), (HALF_UNRELATED, False), (WEAK, True)],
    ids=["agree", "discuss", "unrelated", "half", "weak"],
)
def test_is_on_topic(probs: np.ndarray, on_topic: bool) -> None:
    from tabayyun.verdict import is_on_topic

    assert is_on_topic(probs) is on_topic


def _result(verdict: str, unrelated: list[float]) -> CheckResult:
    ev = tuple(
        Evidence(text="x", stance="discuss", score=0.5, source="s", start=0, end=1,
                 probabilities={"agree": 0.1, "disagree": 0.1, "discuss": 0.8 - u, "unrelated": u})
        for u in unrelated
    )  # fmt: skip
    return CheckResult(claim="c", verdict=verdict, confidence=0.5, evidence=ev, checks=())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("verdict", "unrelated", "stance"),
    [
        ("supported", [0.05], "agree"),
        ("refuted", [0.05], "disagree"),
        ("conflicting", [0.05, 0.1], "discuss"),
        ("not_enough_info", [0.9, 0.3], "discuss"),
        ("not_enough_info", [0.9, 0.5], "unrelated"),
        ("not_enough_info", [], "unrelated"),
        ("mixed", [0.05, 0.1], "disagree"),
        ("mixed", [0.9], "disagree"),
    ],
    ids=["supported", "refuted", "conflicting", "nei-on-topic", "nei-off-topic", "nei-no-evidence",
         "mixed", "mixed-even-off-topic"],
)
def test_result_stance(verdict: str, unrelated: list[float], stance: str) -> None:
    from tabayyun.verdict import result_stance

    assert result_stance(_result(verdict, unrelated)) == stance


def test_decide_applies_the_active_calibration() -> None:
    from tabayyun.calibration import Calibration, using

    cal = Calibration.from_json({"maps": {"supported": {"x": [0.5, 1.0], "y": [0.4, 0.6]}}})
    with using(cal):
        d = decide([np.array([0.75, 0.05, 0.15, 0.05])])
        assert (d.verdict, d.raw_confidence, d.confidence) == ("supported", 0.75, pytest.approx(0.5))
        r = decide([DISAGREE])  # no map for refuted: the raw value
        assert r.confidence == r.raw_confidence == pytest.approx(0.8)
    with using(None):
        assert decide([np.array([0.75, 0.05, 0.15, 0.05])]).confidence == pytest.approx(0.75)


S_, R_, N_, C_, M_ = "supported", "refuted", "not_enough_info", "conflicting", "mixed"


@pytest.mark.parametrize(
    ("parts", "verdict", "confidence"),
    [
        ([(S_, 0.8)], S_, 0.8),
        ([(R_, 0.7)], R_, 0.7),
        ([(N_, 0.6)], N_, 0.6),
        ([(C_, 0.4)], C_, 0.4),
        ([(S_, 0.9), (S_, 0.7)], S_, 0.7),
        ([(S_, 0.9), (S_, 0.7), (S_, 0.95)], S_, 0.7),
        ([(S_, 0.9), (R_, 0.6)], M_, 0.6),
        ([(R_, 0.9), (S_, 0.6)], M_, 0.6),
        ([(S_, 0.5), (R_, 0.8), (R_, 0.3)], M_, 0.5),
        ([(S_, 0.9), (R_, 0.8), (N_, 0.7)], M_, 0.8),
        ([(S_, 0.9), (R_, 0.8), (C_, 0.7)], M_, 0.8),
        ([(R_, 0.6), (R_, 0.8)], R_, 0.8),
        ([(R_, 0.6), (N_, 0.9)], R_, 0.6),
        ([(R_, 0.6), (C_, 0.9)], R_, 0.6),
        ([(C_, 0.4), (S_, 0.9)], C_, 0.4),
        ([(C_, 0.4), (N_, 0.9)], C_, 0.4),
        ([(C_, 0.4), (C_, 0.5)], C_, 0.5),
        ([(N_, 0.6), (S_, 0.9)], N_, 0.6),
        ([(N_, 0.6), (N_, 0.8)], N_, 0.8),
        ([(M_, 0.5), (S_, 0.9)], M_, 0.5),
        ([(M_, 0.5), (N_, 0.9)], M_, 0.5),
    ],
    ids=[
        "one-supported", "one-refuted", "one-nei", "one-conflicting",
        "all-supported-weakest", "three-supported-weakest",
        "supported-and-refuted-mixed", "refuted-then-supported-mixed", "mixed-best-of-each-then-weaker",
        "mixed-despite-nei", "mixed-despite-conflicting",
        "refuted-best", "refuted-beats-nei", "refuted-beats-conflicting",
        "conflicting-beats-supported", "conflicting-beats-nei", "conflicting-best",
        "nei-beats-supported", "nei-best",
        "mixed-part-is-supported-and-refuted", "mixed-part-with-nei",
    ],
)
def test_combine_parts(parts: list[tuple[str, float]], verdict: str, confidence: float) -> None:
    from tabayyun.verdict import combine_parts

    got = combine_parts(parts)  # type: ignore[arg-type]
    assert got == (verdict, pytest.approx(confidence))


def test_combine_no_parts_is_decides_no_evidence() -> None:
    from tabayyun.verdict import combine_parts

    none = decide([])
    assert combine_parts([]) == (none.verdict, none.confidence) == ("not_enough_info", none.confidence)


def test_combine_parts_is_order_free() -> None:
    from itertools import permutations

    from tabayyun.verdict import combine_parts

    parts = [(S_, 0.9), (R_, 0.55), (N_, 0.7), (C_, 0.3)]
    assert {combine_parts(list(p)) for p in permutations(parts)} == {(M_, 0.55)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("parts", "whole", "verdict", "confidence"),
    [
        ([(N_, 0.6), (N_, 0.7)], (S_, 0.8), S_, 0.8),
        ([(S_, 0.9), (N_, 0.7)], (S_, 0.8), S_, 0.8),
        ([(N_, 0.6), (N_, 0.7)], (R_, 0.75), R_, 0.75),
        ([(S_, 0.9), (N_, 0.7)], (N_, 0.65), N_, 0.65),
        ([(C_, 0.4), (N_, 0.7)], (S_, 0.8), S_, 0.8),
        ([(R_, 0.7), (N_, 0.6)], (S_, 0.8), M_, 0.7),
        ([(R_, 0.9), (N_, 0.6)], (S_, 0.6), M_, 0.6),
        ([(R_, 0.7), (N_, 0.6)], (N_, 0.8), R_, 0.7),
        ([(R_, 0.7), (S_, 0.9)], (N_, 0.8), M_, 0.7),
        ([(S_, 0.9), (S_, 0.7)], (N_, 0.6), S_, 0.7),
        ([(S_, 0.9), (S_, 0.7)], (R_, 0.6), S_, 0.7),
        ([(S_, 0.9)], (R_, 0.6), S_, 0.9),
    ],
    ids=[
        "nei-parts-keep-whole-supported", "supported-and-nei-parts-keep-whole-supported",
        "nei-parts-keep-whole-refuted", "supported-and-nei-parts-keep-whole-nei",
        "conflicting-part-keeps-whole", "refuted-part-and-whole-supported-mixed",
        "mixed-takes-weaker-of-best-each", "refuted-part-whole-nei-refuted",
        "refuted-and-supported-parts-mixed", "all-parts-supported-over-whole-nei",
        "all-parts-supported-over-whole-refuted", "one-part-ignores-whole",
    ],
)
def test_combine_parts_with_the_whole_claims_verdict(
    parts: list[tuple[str, float]], whole: tuple[str, float], verdict: str, confidence: float
) -> None:
    from tabayyun.verdict import combine_parts

    got = combine_parts(parts, whole)  # type: ignore[arg-type]
    assert got == (verdict, pytest.approx(confidence))
