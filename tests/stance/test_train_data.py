from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")

import numpy as np  # noqa: E402

from tabayyun.stance.train import (  # noqa: E402
    TrainConfig,
    corpus_sets,
    read_news_pairs,
    split_news,
    stance_macro_f1,
)

ROWS = [
    {"doc": "d1", "claim": "ارتفاع أسعار الخبز", "evidence": "أعلنت الوزارة أن سعر الخبز ارتفع.", "stance": "agree"},
    {"doc": "d1", "claim": "انخفاض أسعار الخبز", "evidence": "أعلنت الوزارة أن سعر الخبز ارتفع.", "stance": "disagree"},
    {"doc": "d2", "claim": "Flights resume in Tunis", "evidence": "وقال المطار إن الرحلات ستُستأنف.", "stance": "agree"},
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
    [{"doc": "x", "claim": "a", "evidence": "b", "stance": "support"}, {"doc": "x", "claim": "", "evidence": "b", "stance": "agree"}],
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
