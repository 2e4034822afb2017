from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from tabayyun import Tabayyun
from tabayyun.errors import InputError
from tabayyun.evaluate import (
    ANS_LABELS,
    NLI_LABELS,
    article_stances,
    calibration_error,
    candidate_sentences,
    classification_report,
    confusion_matrix,
    evaluate_ans,
    evaluate_arastance,
    evaluate_nli,
    evaluate_pipeline,
    expected_calibration_error,
    format_report,
    outcomes,
    pipeline_items,
    pool_sentence_probs,
    read_ans,
    read_arastance,
    read_nli,
    run_pipeline,
)
from tabayyun.results import STANCES
from tabayyun.verdict import result_stance


def negated(text: str) -> bool:
    return any(w in text.split() for w in ("لم", "لا", "not"))


class RuleModel:
    """A transparent fake stance model: a negation on one side -> disagree, shared words -> agree."""

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(claims), 4))
        for i, (c, e) in enumerate(zip(claims, evidence, strict=True)):
            shared = len(set(c.split()) & set(e.split()))
            if negated(c) != negated(e):
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
    assert rep["per_class"]["agree"] == pytest.approx(
        {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2}
    )
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
    assert rep["macro_f1"] == pytest.approx(
        metrics.f1_score(gold, pred, labels=labels, average="macro", zero_division=0)
    )
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
        {"claim": "افتتاح ملعب جديد", "article": ["فاز الفريق بالكأس بعد مباراة صعبة."],
         "stance": ["Unrelated"]},
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


# ---------------------------------------------------------------- NLI
NLI_ROWS = [
    {"premise": "افتتحت البلدية حديقة عامة جديدة في وسط المدينة يوم السبت.",
     "hypothesis": "افتتحت البلدية حديقة عامة جديدة في وسط المدينة", "label": "entailment"},
    {"premise": "افتتحت البلدية حديقة عامة جديدة في وسط المدينة يوم السبت.",
     "hypothesis": "لم تفتتح البلدية حديقة عامة جديدة في وسط المدينة", "label": "contradiction"},
    {"premise": "افتتحت البلدية حديقة عامة جديدة في وسط المدينة يوم السبت.",
     "hypothesis": "فاز فريق الجامعة ببطولة الشطرنج الإقليمية", "label": "neutral"},
]  # fmt: skip


def _write_nli(tmp_path: Path, suffix: str) -> Path:
    p = tmp_path / f"nli{suffix}"
    if suffix == ".csv":
        lines = ["premise,hypothesis,label"] + [
            f"{r['premise']},{r['hypothesis']},{r['label']}" for r in NLI_ROWS
        ]
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in NLI_ROWS), encoding="utf-8")
    return p


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"], ids=["csv", "jsonl"])
def test_read_nli(tmp_path: Path, suffix: str) -> None:
    rows = read_nli(_write_nli(tmp_path, suffix))
    assert [r.label for r in rows] == ["entailment", "contradiction", "neutral"]
    assert rows[0].hypothesis.startswith("افتتحت") and rows[0].line == (2 if suffix == ".csv" else 1)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.jsonl", '{"premise": "a", "hypothesis": "b", "label": "maybe"}\n'),
        ("a.jsonl", '{"premise": "a", "label": "neutral"}\n'),
        ("a.jsonl", "[1, 2]\n"),
        ("a.csv", "premise,label\na,neutral\n"),
    ],
    ids=["unknown-label", "no-hypothesis", "not-an-object", "csv-missing-column"],
)
def test_read_nli_rejects(tmp_path: Path, name: str, content: str) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        read_nli(p)


def test_evaluate_nli_with_a_fake_model(tmp_path: Path) -> None:
    res = evaluate_nli(RuleModel(), _write_nli(tmp_path, ".jsonl"))
    assert [x["stance"] for x in res.predictions] == ["entailment", "contradiction", "neutral"]
    assert res.report["labels"] == list(NLI_LABELS)
    assert res.report["macro_f1"] == pytest.approx(1.0)
    assert 0.0 <= res.report["ece"] <= 1.0


# ---------------------------------------------------------------- the whole check (pipeline)
@pytest.mark.parametrize(
    ("conf", "correct", "ece"),
    [
        ([0.9] * 10, [True] * 9 + [False], 0.0),
        ([0.9] * 10, [True] * 5 + [False] * 5, 0.4),
        ([0.3, 0.3, 0.8, 0.8], [False, False, True, True], (0.3 + 0.2) / 2),
        ([], [], 0.0),
    ],
    ids=["calibrated", "overconfident", "two-bins", "empty"],
)
def test_calibration_error(conf: list[float], correct: list[bool], ece: float) -> None:
    assert calibration_error(conf, correct) == pytest.approx(ece)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("nli", ["entailment", "contradiction", "neutral"]), ("ans", ["agree", "disagree", "other"])],
    ids=["nli", "ans"],
)
def test_evaluate_pipeline_with_fake_models(
    tmp_path: Path, tb: Tabayyun, fmt: str, expected: list[str]
) -> None:
    path = _write_nli(tmp_path, ".jsonl") if fmt == "nli" else tmp_path / "a.csv"
    if fmt == "ans":
        path.write_text(ANS_CSV, encoding="utf-8")
    res = evaluate_pipeline(tb, path, fmt)
    assert [p["stance"] for p in res.predictions] == expected
    assert [p["verdict"] for p in res.predictions] == ["supported", "refuted", "not_enough_info"]
    rep = res.report
    assert rep["macro_f1"] == pytest.approx(1.0)
    assert rep["verdicts"] == {"not_enough_info": 1, "refuted": 1, "supported": 1}
    assert 0.0 < rep["mean_confidence"] <= 1.0 and 0.0 <= rep["ece"] <= 1.0
    assert "verdicts:" in format_report(rep) and "mean confidence=" in format_report(rep)


def test_pipeline_arastance_on_topic_is_discuss_off_topic_unrelated(tmp_path: Path, tb: Tabayyun) -> None:
    claim = "البلدية تفتتح حديقة عامة جديدة في وسط المدينة"
    on_topic = "ناقش المجلس خطط حديقة عامة في المدينة دون قرار."
    lines = [
        {"claim": claim, "article": [_article("البلدية تفتتح حديقة عامة جديدة في وسط المدينة رسميا.", 4),
                                     _article("البلدية لم تفتتح حديقة عامة جديدة في وسط المدينة.", 4),
                                     _article(on_topic, 4),
                                     _article("فاز فريق الشطرنج بالبطولة الإقليمية.", 4)],
         "stance": ["Agree", "Disagree", "Discuss", "Unrelated"]},
    ]  # fmt: skip
    p = tmp_path / "a.jsonl"
    p.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    items = pipeline_items(p, "arastance")
    assert [(i.source[:10], i.gold) for i in items] == [
        (a[:10], s) for a, s in zip(lines[0]["article"], lines[0]["stance"])
    ]
    res = evaluate_pipeline(tb, p, "arastance")
    (pred,) = res.predictions
    assert pred["stance"] == ["Agree", "Disagree", "Discuss", "Unrelated"]
    assert pred["verdict"] == ["supported", "refuted", "not_enough_info", "not_enough_info"]
    assert res.report["accuracy"] == pytest.approx(1.0)


def test_pipeline_shares_the_models_across_items(tmp_path: Path, tb: Tabayyun) -> None:
    model = tb.stance_model
    calls: list[int] = []
    original = model.predict_proba

    def counting(claims: Sequence[str], evidence: Sequence[str]) -> np.ndarray:
        calls.append(len(claims))
        return original(claims, evidence)

    model.predict_proba = counting  # type: ignore[method-assign]
    outs = outcomes(
        items := pipeline_items(_write_nli(tmp_path, ".csv"), "nli"), run_pipeline(tb, items), "nli"
    )
    assert len(outs) == 3 and len(calls) == 3  # one model, called once per check
    assert [o.correct for o in outs] == [True, True, True]


def test_nothing_on_topic_is_not_enough_info(tb: Tabayyun) -> None:
    res = tb.check(
        "البلدية تفتتح حديقة عامة جديدة", sources=["فاز فريق الشطرنج بالبطولة الإقليمية بعد مباراة طويلة."]
    )
    assert res.verdict == "not_enough_info"
    assert all(e.probabilities["unrelated"] >= 0.5 for e in res.evidence)
    assert result_stance(res) == "unrelated"
