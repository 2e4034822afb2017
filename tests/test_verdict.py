from __future__ import annotations

import numpy as np
import pytest

from tabayyun.results import Check
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
    ids=["none", "agree", "disagree", "all-unrelated", "discuss-only", "weak", "agree-among-noise",
         "both-strong", "agree-dominates", "disagree-dominates"],
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
    [("quantity", "83 عضواً", True), ("date", "March 2023", True), ("date", "14 آذار 2023", True),
     ("date", "2024", False), ("date", "عام 2024", False), ("date", "in 2019", False), ("entity", "روما", False)],
    ids=["quantity", "en-month", "ar-day-month", "bare-year", "ar-year", "en-year", "entity"],
)
def test_is_specific(kind: str, text: str, specific: bool) -> None:
    from tabayyun.verdict import is_specific

    assert is_specific(Check(kind=kind, claim_text=text, evidence_text="x", result="match")) is specific
