"""tabayyun.claims.worth: cue features, the two shipped models, ranking a text, the hand-labelled set.

The sentences in the tables are written for these tests. The dev figures stored in the shipped model
file are recomputed here through the library (cue model: fast; e5 model: the real embedder, slow), so
the file, the script and the library cannot drift apart silently.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from tabayyun.claims.worth import (
    DATA_PATH,
    FEATURES,
    MODEL_PATH,
    cue_matrix,
    cues,
    load_model,
    model_from_dict,
    rank_text,
    score_sentences,
    score_texts,
    threshold,
)
from tabayyun.errors import ModelError
from tabayyun.testing import HashingEmbedder

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fit_checkworthy.py"


def _script() -> ModuleType:
    pytest.importorskip("sklearn", reason="the fitting script needs scikit-learn (the test extra)")
    spec = importlib.util.spec_from_file_location("fit_checkworthy", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fit_checkworthy", module)
    spec.loader.exec_module(module)
    return module


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- cue features -------------------------------------------------------------------------------------

CUE_CASES = [
    ("ar-official", "أعلنت وزارة النقل إغلاق 4 جسور في المدينة.", {"quantities", "digit", "attribution"},
     set()),
    ("ar-question", "هل ستفتح المدارس غدا؟", {"question"}, {"attribution", "quantities"}),
    ("ar-question-no-mark", "متى يبدأ الامتحان", {"question"}, set()),
    ("ar-prayer", "اللهم ارحم والدينا", {"wish", "short"}, {"question"}),
    ("ar-greeting", "كل عام وأنتم بخير", {"wish"}, set()),
    ("ar-promo", "خصم 30% على كل المنتجات، اطلب الآن", {"promotion", "digit"}, set()),
    ("ar-opinion", "أعتقد أن المدرب يجب أن يرحل", {"opinion"}, {"digit"}),
    ("ar-hearsay", "يقال إن الوزير سيستقيل", {"hearsay"}, set()),
    ("ar-comparison", "ارتفعت الأسعار بسبب الجفاف", {"comparison"}, set()),
    ("ar-dialect-laugh", "هههه والله ما بصدق 😂", {"exclaim"}, set()),
    ("ar-joined-waw", "وأعلنت الشركة خسائرها", {"attribution"}, set()),
    ("en-news", "The ministry said 40 schools closed on 3 March 2025.", {"attribution", "dates", "digit"},
     {"question"}),
    ("en-question", "Why did the prices go up?", {"question"}, set()),
    ("en-opinion", "I think the plan is a mistake", {"opinion"}, set()),
    ("en-promo", "Order now and get free delivery!", {"promotion", "exclaim"}, set()),
    ("en-greeting", "Happy new year, everyone", {"wish", "short"}, set()),
    ("en-hearsay", "Apparently the bridge will close", {"hearsay"}, set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "present", "absent"), [c[1:] for c in CUE_CASES],
                         ids=[c[0] for c in CUE_CASES])
def test_cues_fire_on_what_the_sentence_holds(text: str, present: set[str], absent: set[str]) -> None:
    fired = set(cues(text).fired())
    assert present <= fired, fired
    assert not (absent & fired), fired


SAME_CUES = [
    ("tatweel-diacritics-digits", "أعلنت الوزارة تسجيل 312 إصابة", "أعلـــنتْ الوزارةُ تسجيل ٣١٢ إصابة"),
    ("hamza-variants", "أكدت الشركة أن الأسعار ارتفعت", "اكدت الشركة ان الاسعار ارتفعت"),
    ("zero-width", "قالت الشرطة إن 6 أشخاص أصيبوا", "قا\u200cلت الشرطة إن 6 أشخاص أصيبوا"),
    ("case", "THE MINISTRY SAID PRICES ROSE", "the ministry said prices rose"),
]


@pytest.mark.parametrize(("plain", "variant"), [c[1:] for c in SAME_CUES], ids=[c[0] for c in SAME_CUES])
def test_obfuscations_do_not_change_the_cues(plain: str, variant: str) -> None:
    assert cues(plain).counts == cues(variant).counts


def test_counts_are_capped_and_length_is_log_words() -> None:
    from tabayyun.extract import extract

    text = "قتل 5 أشخاص وأصيب 12 آخرون ونزح 300 شخص وتضرر 40 منزلا"
    assert len(extract(text).quantities) > 3
    c = cues(text).counts
    assert c["quantities"] == 3.0
    assert c["length"] == pytest.approx(np.log1p(12))
    assert cue_matrix([]).shape == (0, len(FEATURES))
    assert cue_matrix(["a b", "c"]).shape == (2, len(FEATURES))


# -- scores ---------------------------------------------------------------------------------------------

TEXTS = [
    "أعلنت وزارة الصحة تسجيل 120 إصابة جديدة بالحصبة في محافظة الشمال خلال أسبوع.",
    "صباح الورد يا أحلى ناس",
    "هل ستنخفض أسعار الوقود؟",
    "The central bank raised its main rate to 7% on Thursday, the highest since 2008.",
    "Merry Christmas to all of you!",
    "",
    "؟؟؟",
]


@pytest.mark.parametrize("embedder", [None, HashingEmbedder()], ids=["cues", "e5-shape-fake"])
def test_scores_are_probabilities_deterministic_and_batch_independent(embedder: Any) -> None:
    scores = score_sentences(TEXTS, embedder)
    assert len(scores) == len(TEXTS)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert score_sentences(TEXTS, embedder) == scores
    one_by_one = [score_sentences([t], embedder)[0] for t in TEXTS]
    assert one_by_one == pytest.approx(scores, abs=1e-12)
    assert score_sentences([], embedder) == []


RULE_ORDER = [
    ("ar-fact-over-greeting", "قتل 4 أشخاص في انفجار بمصنع الإسمنت جنوب المدينة صباح الاثنين.",
     "مساء الخير على أحلى متابعين"),
    ("ar-fact-over-prayer", "قررت الحكومة رفع سعر الكهرباء بنسبة 15% اعتبارا من يوليو.",
     "اللهم اشف مرضانا ومرضى المسلمين"),
    ("ar-fact-over-question", "أغلقت السلطات الميناء الجنوبي بعد تسرب نفطي أمس.", "لماذا أغلقوا الميناء؟"),
    ("ar-fact-over-ad", "انهار مبنى من خمسة طوابق في حي الشاطئ وأصيب 9 أشخاص.",
     "عروض نهاية الموسم، تابعونا لتصلكم الخصومات"),
    ("en-fact-over-opinion", "The court sentenced the former minister to six years for fraud.",
     "I believe we should all be kinder to each other"),
    ("en-fact-over-promo", "Floods killed 12 people in the northern valley on Sunday, officials said.",
     "Use code SPRING for 15% off, this week only!"),
]  # fmt: skip


@pytest.mark.parametrize(("worthy", "other"), [c[1:] for c in RULE_ORDER], ids=[c[0] for c in RULE_ORDER])
def test_the_rule_fallback_ranks_facts_above_the_rest(worthy: str, other: str) -> None:
    high, low = score_sentences([worthy, other])
    assert high > low
    assert low < threshold()


def test_thresholds_come_from_the_model_file() -> None:
    m = load_model()
    assert threshold() == m.cue_model.threshold
    assert threshold(HashingEmbedder()) == m.e5.threshold
    assert 0.0 < threshold() < 1.0 and 0.0 < threshold(HashingEmbedder()) < 1.0


def test_an_embedder_of_another_dimension_is_refused() -> None:
    with pytest.raises(ModelError, match="384"):
        score_sentences(["x"], HashingEmbedder(dim=16))


def test_a_model_file_fitted_on_other_features_or_broken_is_refused(tmp_path: Path) -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    with pytest.raises(ModelError, match="refit"):
        model_from_dict(raw | {"features": list(FEATURES[:-1])})
    bad = tmp_path / "model.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match="could not read"):
        load_model(bad)


# -- ranking a text, scoring short texts ----------------------------------------------------------------

ARTICLE = (
    "أهلا بكم في نشرتنا الأسبوعية! "
    "وزّعت البلدية 300 طن من القمح على المخابز يوم الأحد. "
    "هل تكفي الكمية؟ "
    "وقال رئيس البلدية إن المخزون يكفي حتى نهاية مارس.\n\n"
    "اللهم احفظ بلادنا."
)


@pytest.mark.parametrize("embedder", [None, HashingEmbedder()], ids=["cues", "e5-shape-fake"])
def test_rank_text_keeps_offsets_and_sorts_best_first(embedder: Any) -> None:
    ranked = rank_text(ARTICLE, embedder)
    assert sorted(w.index for w in ranked) == list(range(5))
    for w in ranked:
        assert ARTICLE[w.start : w.end] == w.text
        assert w.checkworthy == (w.score >= threshold(embedder))
        assert w.to_dict()["cues"] == w.cues
    assert [w.score for w in ranked] == sorted((w.score for w in ranked), reverse=True)
    assert rank_text("", embedder) == [] and rank_text("   \n", embedder) == []


def test_rank_text_with_the_cue_model_puts_the_facts_first() -> None:
    top_two = {w.index for w in rank_text(ARTICLE)[:2]}
    assert top_two == {1, 3}


def test_score_texts_keeps_input_order_and_gives_parts_with_offsets() -> None:
    texts = ["صباح الخير", "أعلنت الوزارة أن التحالف الذي يضم 41 دولة اجتمع في عمّان", "Is it true?"]
    out = score_texts(texts)
    assert [w.index for w in out] == [0, 1, 2]
    assert out[1].score > out[0].score and out[1].score > out[2].score
    for w, text in zip(out, texts, strict=True):
        assert w.parts and all(0 <= p.start < p.end <= len(text) for p in w.parts)
        assert set(w.to_dict()) == {"index", "score", "checkworthy", "cues", "parts"}
        assert all(set(p) == {"text", "start", "end", "kind"} for p in w.to_dict()["parts"])


# -- the hand-labelled set and the shipped model ----------------------------------------------------------


def test_the_labelled_set_is_big_varied_and_clean() -> None:
    rows = _rows()
    assert len(rows) >= 400
    assert all(set(r) == {"id", "text", "lang", "genre", "label"} for r in rows)
    assert len({r["id"] for r in rows}) == len(rows) and len({r["text"] for r in rows}) == len(rows)
    langs = Counter(r["lang"] for r in rows)
    assert set(langs) == {"ar", "en"} and 0.6 <= langs["ar"] / len(rows) <= 0.75
    genres = {r["genre"] for r in rows}
    assert genres == {"official", "news", "speech", "social", "opinion", "greeting", "religious", "question",
                      "promo", "sports", "rumour"}  # fmt: skip
    assert {r["label"] for r in rows} == {0, 1}
    for lang in ("ar", "en"):
        assert Counter(r["label"] for r in rows if r["lang"] == lang).keys() == {0, 1}


def test_the_dev_split_is_a_hash_of_the_id() -> None:
    fit = _script()
    rows = _rows()
    dev = [r for r in rows if fit.is_dev(r["id"])]
    assert 0.18 <= len(dev) / len(rows) <= 0.32
    assert [fit.is_dev(r["id"]) for r in rows] == [fit.is_dev(r["id"]) for r in rows]
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert raw["data"]["dev"] == len(dev) and raw["data"]["train"] == len(rows) - len(dev)
    assert raw["data"]["sha256"] == fit._key(DATA_PATH.read_text(encoding="utf-8")), (
        "the labelled set changed since the model was fitted: run scripts/fit_checkworthy.py"
    )


def _dev_figures(model_key: str, probs: Any, cut: float) -> dict[str, float]:
    fit = _script()
    dev = [r for r in _rows() if fit.is_dev(r["id"])]
    y = np.array([r["label"] for r in dev])
    out: dict[str, float] = fit.figures(y, np.asarray(probs), cut, [r["id"] for r in dev])
    return out


def test_the_shipped_cue_model_reproduces_its_dev_figures() -> None:
    fit = _script()
    dev = [r["text"] for r in _rows() if fit.is_dev(r["id"])]
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    got = _dev_figures("cues", score_sentences(dev), threshold())
    for name, value in raw["dev"]["cues"].items():
        assert abs(got[name] - value) <= 1e-9, name
    assert raw["dev"]["cues"]["roc_auc"] > raw["dev"]["digit_rule"]["roc_auc"]
    assert raw["dev"]["cues"]["macro_f1"] > raw["dev"]["majority"]["macro_f1"]


@pytest.mark.slow
def test_the_shipped_e5_model_reproduces_its_dev_figures() -> None:
    from tabayyun.embed import E5Embedder

    fit = _script()
    dev = [r["text"] for r in _rows() if fit.is_dev(r["id"])]
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    embedder = E5Embedder()
    got = _dev_figures("e5", score_sentences(dev, embedder), threshold(embedder))
    for name, value in raw["dev"]["e5"].items():
        assert abs(got[name] - value) <= 1e-9, name
    assert raw["dev"]["e5"]["roc_auc"] >= raw["dev"]["cues"]["roc_auc"]
