"""``tabayyun extract``, run through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tabayyun.extract.cli import extract_command


def test_text_json_shape() -> None:
    text = "قتل نحو 10 آلاف مقاتل في الموصل في حزيران 2014"
    r = CliRunner().invoke(extract_command, [text, "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert set(d) == {"quantities", "dates", "entities"}
    q = d["quantities"][0]
    assert {"text", "start", "end", "value", "low", "high", "unit"} <= set(q)
    assert (q["value"], q["low"], q["high"]) == (10000, 9000, 11000)
    assert text[q["start"] : q["end"]] == q["text"]
    dt = d["dates"][0]
    assert {"text", "start", "end", "value", "low", "high"} <= set(dt)
    assert (dt["value"], dt["low"], dt["high"]) == ("2014-06", "2014-06-01", "2014-06-30")
    e = d["entities"][0]
    assert {"text", "start", "end", "type", "canonical"} <= set(e)
    assert (e["text"], e["type"], e["canonical"]) == ("الموصل", "place", "Mosul")


def test_text_table_prints_arabic_as_is() -> None:
    r = CliRunner().invoke(extract_command, ["بلغت المساعدات 436 مليون دولار"])
    assert r.exit_code == 0
    assert "436 مليون دولار" in r.output and "USD" in r.output


def test_empty_result_table() -> None:
    r = CliRunner().invoke(extract_command, ["nothing here"])
    assert r.exit_code == 0 and "nothing found" in r.output


def test_texts_jsonl_echoes_ids(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    lines = [{"id": "a1", "text": "قتل 30 شخصا"}, {"id": 7, "text": "in June 2021"},
             {"id": "r", "text": "قال أمس", "date": "2021-07-01"}]
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    r = CliRunner().invoke(extract_command, ["--texts", str(f), "--json"])
    assert r.exit_code == 0, r.output
    out = [json.loads(x) for x in r.output.splitlines()]
    assert [o["id"] for o in out] == ["a1", 7, "r"]
    assert out[0]["quantities"][0]["value"] == 30
    assert out[1]["dates"][0]["value"] == "2021-06"
    assert out[2]["dates"][0]["value"] == "2021-06-30"


def test_texts_broken_json_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": 1, "text": "ok"}\n{"id": 2, "text": \n', encoding="utf-8")
    r = CliRunner().invoke(extract_command, ["--texts", str(f)])
    assert r.exit_code == 2
    assert "bad.jsonl:2" in r.output


def test_texts_missing_text_field(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": 1}\n', encoding="utf-8")
    r = CliRunner().invoke(extract_command, ["--texts", str(f)])
    assert r.exit_code == 2 and "bad.jsonl:1" in r.output


def test_no_input_is_an_error() -> None:
    r = CliRunner().invoke(extract_command, [])
    assert r.exit_code == 2


def test_relative_date_option() -> None:
    r = CliRunner().invoke(extract_command, ["العام الماضي", "--json", "--date", "2021-07-01"])
    assert json.loads(r.output)["dates"][0]["value"] == "2020"
    bad = CliRunner().invoke(extract_command, ["x", "--date", "yesterday"])
    assert bad.exit_code == 2


def test_alias_option(tmp_path: Path) -> None:
    f = tmp_path / "a.tsv"
    f.write_text("Blue Front\t@org\tالجبهة الزرقاء\n", encoding="utf-8")
    r = CliRunner().invoke(extract_command, ["قالت الجبهة الزرقاء", "--json", "--aliases", str(f)])
    assert json.loads(r.output)["entities"][0]["canonical"] == "Blue Front"
