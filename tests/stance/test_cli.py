from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tabayyun import Tabayyun
from tabayyun.stance.cli import eval_command
from tabayyun.testing import HashingEmbedder, OverlapStance

ANS_CSV = """s1,s2,stance
ارتفاع أسعار الخبز في المدينة,أسعار الخبز ترتفع في المدينة,agree
ارتفاع أسعار الخبز في المدينة,لم ترتفع أسعار الخبز,disagree
افتتاح مكتبة عامة جديدة,فريق الكرة يخسر المباراة,other
"""


def test_eval_ans_prints_report_and_writes_predictions(tmp_path: Path, tiny_model_dir: Path) -> None:
    data = tmp_path / "a.csv"
    data.write_text(ANS_CSV, encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    res = CliRunner().invoke(
        eval_command, [str(data), "--model", str(tiny_model_dir), "--predictions", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "macro-F1=" in res.output and "confusion" in res.output
    preds = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(preds) == 3
    assert all(p["stance"] in ("agree", "disagree", "other") for p in preds)


def test_eval_arastance_json(tmp_path: Path, tiny_model_dir: Path) -> None:
    data = tmp_path / "a.jsonl"
    line = {"claim": "الحكومة ترفع سعر الخبز",
            "article": ["قالت الحكومة إنها رفعت سعر الخبز. ثم تحدثت عن الطقس.", "خبر آخر."],
            "stance": ["Agree", "Unrelated"]}  # fmt: skip
    data.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    args = [
        str(data),
        "--format",
        "arastance",
        "--json",
        "--model",
        str(tiny_model_dir),
        "--predictions",
        str(out),
    ]
    res = CliRunner().invoke(eval_command, args)
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert rep["n"] == 2 and rep["labels"] == ["Agree", "Disagree", "Discuss", "Unrelated"]
    (pred,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(pred["stance"]) == 2
    assert set(pred["stance"]) <= {"Agree", "Disagree", "Discuss", "Unrelated"}


def test_eval_bad_input_is_a_clean_error(tmp_path: Path, tiny_model_dir: Path) -> None:
    data = tmp_path / "a.csv"
    data.write_text("s1,s2,stance\nا,ب,unknown\n", encoding="utf-8")
    res = CliRunner().invoke(eval_command, [str(data), "--model", str(tiny_model_dir)])
    assert res.exit_code == 2  # the input needs fixing (tabayyun.exitcodes)
    assert res.stderr.splitlines() == [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(res.stderr.splitlines()) == 1 and "unknown ANS stance" in res.stderr


def test_eval_unknown_extension_needs_format(tmp_path: Path, tiny_model_dir: Path) -> None:
    data = tmp_path / "a.txt"
    data.write_text("x", encoding="utf-8")
    res = CliRunner().invoke(eval_command, [str(data), "--model", str(tiny_model_dir)])
    assert res.exit_code == 2
    assert "--format" in res.output


NLI_JSONL = [
    {"premise": "افتتحت البلدية حديقة عامة جديدة في وسط المدينة.",
     "hypothesis": "افتتحت البلدية حديقة عامة جديدة",
     "label": "entailment"},
    {"premise": "افتتحت البلدية حديقة عامة جديدة في وسط المدينة.",
     "hypothesis": "فاز فريق الجامعة ببطولة الشطرنج",
     "label": "neutral"},
]  # fmt: skip


def _nli_file(tmp_path: Path) -> Path:
    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in NLI_JSONL), encoding="utf-8")
    return data


def test_eval_nli_with_the_learned_model(tmp_path: Path, tiny_model_dir: Path) -> None:
    res = CliRunner().invoke(
        eval_command, [str(_nli_file(tmp_path)), "--model", str(tiny_model_dir), "--json"]
    )
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert (rep["format"], rep["system"], rep["n"]) == ("nli", "learned", 2)
    assert rep["labels"] == ["entailment", "neutral", "contradiction"]


def test_eval_pipeline_is_the_default_for_nli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tabayyun.stance import cli

    monkeypatch.setattr(
        cli, "_pipeline_tabayyun",
        lambda threads: Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance())
    )
    out = tmp_path / "pred.jsonl"
    res = CliRunner().invoke(eval_command, [str(_nli_file(tmp_path)), "--predictions", str(out)])
    assert res.exit_code == 0, res.output
    assert "(nli, pipeline)" in res.output and "ECE=" in res.output and "verdicts:" in res.output
    preds = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [p["stance"] for p in preds] == ["entailment", "neutral"]
    assert [p["verdict"] for p in preds] == ["supported", "not_enough_info"]
    assert all(0.0 <= p["confidence"] <= 1.0 for p in preds)


def test_eval_model_dir_does_not_apply_to_the_pipeline(tmp_path: Path, tiny_model_dir: Path) -> None:
    args = [str(_nli_file(tmp_path)), "--system", "pipeline", "--model", str(tiny_model_dir)]
    res = CliRunner().invoke(eval_command, args)
    assert res.exit_code == 2
    assert "--model does not apply" in res.output
