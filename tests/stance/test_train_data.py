from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")

import numpy as np

from tabayyun.stance.train import TrainConfig
from tabayyun.stance.train_data import corpus_sets, read_news_pairs, split_news, stance_macro_f1

ROWS = [
    {"doc": "d1", "claim": "ارتفاع أسعار الخبز", "evidence": "أعلنت الوزارة أن سعر الخبز ارتفع.",
     "stance": "agree"},
    {"doc": "d1", "claim": "انخفاض أسعار الخبز", "evidence": "أعلنت الوزارة أن سعر الخبز ارتفع.",
     "stance": "disagree"},
    {"doc": "d2", "claim": "Flights resume in Tunis", "evidence": "وقال المطار إن الرحلات ستُستأنف.",
     "stance": "agree"},
    {"doc": "d3", "claim": "افتتاح معرض الكتاب", "evidence": "تدرس البلدية إقامة معرض.", "stance": "discuss"},
    {"doc": "d4", "claim": "فوز المنتخب", "evidence": "ارتفعت درجات الحرارة.", "stance": "unrelated"},
    {"doc": "d5", "claim": "تراجع البطالة", "evidence": "قال التقرير إن البطالة تراجعت.", "stance": "agree"},
]


def _write(path: Path, rows: list[dict[str, str]]) -> str:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    return str(path)


def test_read_news_pairs_reads_every_file_and_keys_documents_by_file(tmp_path: Path) -> None:
    a, b = _write(tmp_path / "a.jsonl", ROWS[:3]), _write(tmp_path / "b.jsonl", ROWS[3:])
    pairs = read_news_pairs(f"{a}, {b}")
    assert len(pairs) == len(ROWS)
    assert pairs[0] == (ROWS[0]["claim"], ROWS[0]["evidence"], "agree", "a:d1")
    assert pairs[-1][3] == "b:d5"


@pytest.mark.parametrize(
    "bad",
    [{"doc": "x", "claim": "a", "evidence": "b", "stance": "support"},
     {"doc": "x", "claim": "", "evidence": "b", "stance": "agree"}],
    ids=["unknown-stance", "empty-claim"],
)
def test_read_news_pairs_refuses_bad_rows(tmp_path: Path, bad: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="bad row"):
        read_news_pairs(_write(tmp_path / "bad.jsonl", [*ROWS[:1], bad]))


def test_split_news_keeps_documents_whole_and_is_deterministic(tmp_path: Path) -> None:
    pairs = read_news_pairs(_write(tmp_path / "a.jsonl", ROWS))
    train, dev = split_news(pairs, every=2)
    assert {p[3] for p in train}.isdisjoint({p[3] for p in dev})
    assert sorted(train + dev) == sorted(pairs)
    assert {p[3] for p in dev} == {"a:d1", "a:d3", "a:d5"}
    assert split_news(pairs, every=2) == (train, dev)


def test_no_corpus_pairs_unless_asked() -> None:
    assert corpus_sets(TrainConfig(corpus_pairs=0, corpus_dir="/nonexistent")) == ([], [])


@pytest.mark.parametrize(
    ("pred", "expected"),
    [([0, 1, 2, 3], 1.0), ([0, 0, 0, 0], 0.1), ([1, 0, 3, 2], 0.0)],
    ids=["all-right", "one-class", "all-wrong"],
)
def test_stance_macro_f1_is_over_the_four_stances(pred: list[int], expected: float) -> None:
    logits = np.eye(4, dtype=np.float32)[pred]
    assert stance_macro_f1(logits, np.array([0, 1, 2, 3])) == pytest.approx(expected)


def test_init_from_starts_the_trained_layers_and_head_from_a_weights_folder() -> None:
    from tabayyun.stance.learned import WEIGHTS_DIR, unpack_int8
    from tabayyun.stance.train import Trainer

    trainer = Trainer(TrainConfig(init_from=str(WEIGHTS_DIR), log=lambda _: None))
    with np.load(WEIGHTS_DIR / "stance.npz") as npz:
        arrays = unpack_int8({k: npz[k] for k in npz.files})
    top = trainer.top[0].tensors()
    np.testing.assert_allclose(top["q.w"], arrays[f"l{trainer.cfg.train_from}.q.w"].astype(np.float32))
    np.testing.assert_allclose(trainer.head.tensors()["head.out.w"], arrays["head.out.w"].astype(np.float32))
    fresh = Trainer(TrainConfig(log=lambda _: None))
    assert not np.allclose(fresh.top[0].tensors()["q.w"], top["q.w"])


@pytest.mark.parametrize(
    ("dtype", "stored"), [("int8", np.int8), ("float16", np.float16)], ids=["int8", "float16"]
)
def test_write_weights_stores_matrices_as_asked(tmp_path: Path, dtype: str, stored: type) -> None:
    from types import SimpleNamespace

    from tabayyun.stance.e5file import LAYER_TENSORS
    from tabayyun.stance.learned import SCALE
    from tabayyun.stance.train import write_weights

    rng = np.random.default_rng(0)
    top = {k: rng.standard_normal((4, 4) if k.endswith(".w") and "ln" not in k else 4).astype(np.float32)
           for k in LAYER_TENSORS}  # fmt: skip
    head = {"head.dense.w": rng.standard_normal((4, 8)).astype(np.float32),
            "head.out.w": np.ones((4, 4), np.float32)}
    e5 = SimpleNamespace(config=SimpleNamespace(hidden=4, heads=1, ffn=4, eps=1e-12))
    cfg = TrainConfig(train_from=11, weights_dtype=dtype, log=lambda _: None)
    write_weights(tmp_path, None, {"top": [top], "head": head}, cfg, 1.0, e5)  # type: ignore[arg-type]
    with np.load(tmp_path / "stance.npz") as npz:
        assert npz["l11.q.w"].dtype == stored
        assert (f"l11.q.w{SCALE}" in npz.files) == (dtype == "int8")


def test_write_weights_refuses_an_unknown_dtype(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from tabayyun.stance.train import write_weights

    e5 = SimpleNamespace(config=SimpleNamespace(hidden=4, heads=1, ffn=4, eps=1e-12))
    cfg = TrainConfig(train_from=12, weights_dtype="int4", log=lambda _: None)
    with pytest.raises(ValueError, match="weights_dtype"):
        write_weights(tmp_path, None, {"top": [], "head": {}}, cfg, 1.0, e5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("ارتفـــاع أسعار الخبز", "ارتفاع أسعار الخبز"),
        ("ارتفاعُ أسعارِ الخبزِ", "ارتفاع أسعار الخبز"),
        ("ارتفاع\u200c أسعار الخبز\u200f", "ارتفاع أسعار الخبز"),
    ],
    ids=["tatweel", "diacritics", "zwnj-rlm"],
)
def test_encode_pairs_reads_cleaned_text_when_asked(raw: str, plain: str) -> None:
    from tabayyun.stance.tokenizer import Tokenizer
    from tabayyun.stance.train import encode_pairs

    tok = Tokenizer.from_e5()
    pair = [(raw, "قال التقرير إن الأسعار ارتفعت.", "agree")]
    cleaned = encode_pairs(tok, pair, 64, "ans", clean_text=True)
    assert cleaned.ids == [tok.encode_pair(plain, pair[0][1], 64)]
    # the default keeps the raw text: the shipped weights were trained that way
    assert encode_pairs(tok, pair, 64, "ans").ids == [tok.encode_pair(raw, pair[0][1], 64)]
    assert cleaned.ids != encode_pairs(tok, pair, 64, "ans").ids
