from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from tabayyun.errors import InputError
from tabayyun.evaluate import (
    ANS_LABELS,
    article_stances,
    candidate_sentences,
    classification_report,
    confusion_matrix,
    evaluate_ans,
    evaluate_arastance,
    expected_calibration_error,
    format_report,
    pool_sentence_probs,
    read_ans,
    read_arastance,
)
from tabayyun.results import STANCES


class RuleModel:
    """A transparent fake stance model: negation words -> disagree, shared words -> agree."""

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(claims), 4))
        for i, (c, e) in enumerate(zip(claims, evidence, strict=True)):
            shared = len(set(c.split()) & set(e.split()))
            if any(w in e.split() for w in ("لم", "لا", "not")):
                out[i] = [0.1, 0.7, 0.1, 0.1]
            elif shared >= 2:
                out[i] = [0.7, 0.1, 0.1, 0.1]
            elif shared == 1:
                out[i] = [0.1, 0.1, 0.6, 0.2]
            else:
                out[i] = [0.05, 0.05, 0.1, 0.8]
        return out


def test_report_by_hand() -> None:
    gold = ["agree", "agree", "disagree", "other", "disagree"]
    pred = ["agree", "disagree", "disagree", "disagree", "disagree"]
    rep = classification_report(gold, pred, ANS_LABELS)
    assert rep["confusion"] == [[1, 1, 0], [0, 2, 0], [0, 1, 0]]
    assert rep["accuracy"] == pytest.approx(3 / 5)
    assert rep["per_class"]["agree"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2})
    assert rep["per_class"]["disagree"]["precision"] == pytest.approx(2 / 4)
    assert rep["per_class"]["disagree"]["f1"] == pytest.approx(2 * 0.5 * 1 / 1.5)
    assert rep["per_class"]["other"]["f1"] == 0.0
    assert rep["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    text = format_report(rep)
    assert "macro-F1=0.4444" in text and "confusion" in text


def test_confusion_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError):
        confusion_matrix(["agree"], [], ANS_LABELS)


@pytest.mark.parametrize("seed", [0, 1, 2], ids=["seed0", "seed1", "seed2"])
def test_report_matches_scikit_learn(seed: int) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rng = random.Random(seed)
    labels = list(STANCES)
    gold = [rng.choice(labels) for _ in range(200)]
    pred = [g if rng.random() < 0.6 else rng.choice(labels[:3]) for g in gold]
    rep = classification_report(gold, pred, labels)
    assert rep["accuracy"] == pytest.approx(metrics.accuracy_score(gold, pred))
    assert rep["macro_f1"] == pytest.approx(metrics.f1_score(gold, pred, labels=labels, average="macro", zero_division=0))
    p, r, f, s = metrics.precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    for i, lab in enumerate(labels):
        c = rep["per_class"][lab]
        assert (c["precision"], c["recall"], c["f1"], c["support"]) == pytest.approx((p[i], r[i], f[i], s[i]))
    assert rep["confusion"] == metrics.confusion_matrix(gold, pred, labels=labels).tolist()


def test_ece_zero_when_confidence_equals_accuracy() -> None:
    probs = np.array([[0.75, 0.25]] * 4)
    assert expected_calibration_error(probs, [0, 0, 0, 1]) == pytest.approx(0.0)


def test_ece_of_an_overconfident_model() -> None:
    probs = np.array([[0.9, 0.1]] * 10)
    gold = [0] * 5 + [1] * 5
    assert expected_calibration_error(probs, gold) == pytest.approx(0.4)


ANS_CSV = """s1,s2,stance
ارتفاع أسعار الخبز في المدينة,أسعار الخبز ترتفع في المدينة,agree
ارتفاع أسعار الخبز في المدينة,لم ترتفع أسعار الخبز,disagree
افتتاح مكتبة عامة جديدة,فريق الكرة يخسر المباراة,other
"""


def test_read_ans(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(ANS_CSV, encoding="utf-8")
    rows = read_ans(p)
    assert [r.stance for r in rows] == ["agree", "disagree", "other"]
    assert rows[0].line == 2


@pytest.mark.parametrize(
    "content",
    ["s1,s2,stance\nأ,ب,maybe\n", "a,b\nx,y\n"],
    ids=["unknown-label", "wrong-columns"],
)
def test_read_ans_rejects(tmp_path: Path, content: str) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        read_ans(p)


def test_evaluate_ans_with_a_fake_model(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(ANS_CSV, encoding="utf-8")
    res = evaluate_ans(RuleModel(), p)
    assert [x["stance"] for x in res.predictions] == ["agree", "disagree", "other"]
    assert res.report["macro_f1"] == pytest.approx(1.0)
    assert 0.0 <= res.report["ece"] <= 1.0


FILLER = "وفي سياق آخر تحدث السكان عن حالة الطقس المعتدلة خلال الأسبوع. "


def _article(key_sentence: str, filler_count: int) -> str:
    return FILLER * (filler_count // 2) + key_sentence + " " + FILLER * (filler_count - filler_count // 2)


def test_candidate_sentences_find_the_relevant_one_in_a_long_article() -> None:
    claim = "الحكومة ترفع سعر الخبز إلى ثلاثة دنانير"
    key = "وقالت الحكومة إنها قررت رفع سعر الخبز إلى ثلاثة دنانير."
    article = _article(key, 600)  # several thousand words
    assert len(article.split()) > 5000
    spans = candidate_sentences(claim, article, k=3)
    assert len(spans) == 3
    s, e = spans[0]
    assert article[s:e] == key


def test_pooling_properties() -> None:
    probs = np.array([[0.05, 0.05, 0.1, 0.8], [0.7, 0.1, 0.1, 0.1]])
    pooled = pool_sentence_probs(probs)
    assert pooled.sum() == pytest.approx(1.0)
    assert STANCES[int(pooled.argmax())] == "agree"  # one clear sentence is enough
    assert STANCES[int(pool_sentence_probs(np.zeros((0, 4))).argmax())] == "unrelated"
    all_unrelated = np.array([[0.05, 0.05, 0.1, 0.8]] * 5)
    assert STANCES[int(pool_sentence_probs(all_unrelated).argmax())] == "unrelated"


def test_article_stances_keep_offsets() -> None:
    claim = "الحكومة ترفع سعر الخبز"
    article = _article("الحكومة لم ترفع سعر الخبز هذا العام.", 10)
    (res,) = article_stances(RuleModel(), claim, [article])
    assert res.stance == "disagree"
    s, e = res.evidence[0]
    assert article[s:e] == "الحكومة لم ترفع سعر الخبز هذا العام."


def test_evaluate_arastance_format(tmp_path: Path) -> None:
    claim = "الحكومة ترفع سعر الخبز"
    lines = [
        {"claim": claim, "article": [_article("الحكومة ترفع سعر الخبز رسميا.", 6),
                                     _article("الحكومة لم ترفع سعر الخبز.", 6)],
         "stance": ["Agree", "Disagree"]},
        {"claim": "افتتاح ملعب جديد", "article": ["فاز الفريق بالكأس بعد مباراة صعبة."], "stance": ["Unrelated"]},
    ]  # fmt: skip
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    assert len(read_arastance(p)) == 2
    res = evaluate_arastance(RuleModel(), p)
    assert [x["stance"] for x in res.predictions] == [["Agree", "Disagree"], ["Unrelated"]]
    assert res.report["labels"] == ["Agree", "Disagree", "Discuss", "Unrelated"]
    assert res.report["accuracy"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    "line",
    [
        '{"claim": "x", "article": ["a", "b"], "stance": ["Agree"]}',
        '{"claim": "x", "article": ["a"], "stance": ["Yes"]}',
        "not json",
        '{"article": ["a"], "stance": ["Agree"]}',
    ],
    ids=["length-mismatch", "unknown-label", "not-json", "no-claim"],
)
def test_read_arastance_rejects(tmp_path: Path, line: str) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_arastance(p)
