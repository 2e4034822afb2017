"""``tabayyun.display``: control characters escaped, the terminal mode chosen, and the readable reports."""

from __future__ import annotations

import io

import arabic_reshaper
import click
import pytest
from bidi import get_display

from tabayyun.display import check_report, escape_controls, for_terminal, resolve_mode, search_report
from tabayyun.results import Check, CheckResult, Evidence, SearchHit


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text", "plain text"),
        ("نص عربي عادي", "نص عربي عادي"),
        ("a\tb\nc", "a\tb\nc"),
        ("x\u202ey", "x\\u202ey"),
        ("x\u2066y\u2069", "x\\u2066y\\u2069"),
        ("x\u200fy\u200e", "x\\u200fy\\u200e"),
        ("x\u061cy", "x\\u061cy"),
        ("\x1b[31mred", "\\u001b[31mred"),
        ("nul\x00", "nul\\u0000"),
        ("del\x7f", "del\\u007f"),
        ("c1\x85", "c1\\u0085"),
        ("line\u2028sep", "line\\u2028sep"),
    ],
    ids=["ascii", "arabic", "tab-newline-kept", "rlo", "isolates", "marks", "alm", "esc", "nul", "del", "c1",
         "lsep"],
)
def test_escape_controls(text: str, shown: str) -> None:
    assert escape_controls(text) == shown


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("mode", "tty", "env", "resolved"),
    [
        ("logical", True, {}, "logical"),
        ("visual", False, {}, "visual"),
        ("auto", False, {}, "logical"),
        ("auto", True, {}, "visual"),
        ("auto", True, {"VTE_VERSION": "7200"}, "logical"),
        ("auto", True, {"KONSOLE_VERSION": "230400"}, "logical"),
        ("auto", True, {"MLTERM": "3.9"}, "logical"),
    ],
    ids=["logical", "visual", "auto-pipe", "auto-tty", "auto-vte", "auto-konsole", "auto-mlterm"],
)
def test_resolve_mode(
    monkeypatch: pytest.MonkeyPatch, mode: str, tty: bool, env: dict[str, str], resolved: str
) -> None:
    for var in ("VTE_VERSION", "KONSOLE_VERSION", "MLTERM"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert resolve_mode(mode, _Stream(tty)) == resolved  # type: ignore[arg-type]


def test_a_stream_without_isatty_is_not_a_terminal() -> None:
    assert resolve_mode("auto", object()) == "logical"


def test_logical_mode_keeps_the_text() -> None:
    assert for_terminal("وافق المجلس على الميزانية", "logical") == "وافق المجلس على الميزانية"


def test_visual_mode_leaves_latin_text_alone() -> None:
    assert for_terminal("The council met\u202e", "visual") == "The council met\\u202e"


def test_visual_mode_shapes_and_reorders_arabic_line_by_line() -> None:
    shown = for_terminal("وافق المجلس\nعلى الميزانية", "visual")
    lines = shown.split("\n")
    assert len(lines) == 2
    assert lines != ["وافق المجلس", "على الميزانية"]
    # presentation forms (U+FE70-U+FEFF) replace the letters, and the line reads right to left
    assert all("\ufe70" <= ch <= "\ufeff" or ch == " " for ch in lines[0])
    assert lines[0] == str(get_display(arabic_reshaper.reshape("وافق المجلس")))
    assert lines[1] == str(get_display(arabic_reshaper.reshape("على الميزانية")))


def _result() -> CheckResult:
    evidence = Evidence(
        text="بلغ عدد الزوار 25 ألفا", stance="disagree", score=0.81, source="report.txt", start=10, end=32,
        probabilities={"agree": 0.05, "disagree": 0.81, "discuss": 0.1, "unrelated": 0.04},
    )  # fmt: skip
    check = Check(
        kind="quantity", claim_text="40 ألفا", evidence_text="25 ألفا", result="mismatch",
        detail="40000 is not 25000", evidence_start=25, evidence_end=32, source="report.txt",
    )  # fmt: skip
    return CheckResult(
        claim="بلغ عدد الزوار 40 ألفا", verdict="refuted", confidence=0.87, evidence=(evidence,),
        checks=(check,)
    )


def test_check_report_lists_verdict_evidence_and_checks() -> None:
    report = check_report(_result(), "logical")
    lines = click.unstyle(report).split("\n")
    assert lines[0] == "REFUTED  (confidence 0.87)"
    assert lines[1] == "claim: بلغ عدد الزوار 40 ألفا"
    assert "  1. [-disagree 0.81] report.txt [10:32]" in lines
    assert "     بلغ عدد الزوار 25 ألفا" in lines
    assert "  quantity  40 ألفا  ≠  25 ألفا   (mismatch; 40000 is not 25000)" in lines
    assert "\x1b[" in report  # the verdict is coloured


def test_check_report_without_evidence_has_no_sections() -> None:
    result = CheckResult(claim="x\u202e", verdict="not_enough_info", confidence=0.5, evidence=(), checks=())
    lines = click.unstyle(check_report(result, "logical")).split("\n")
    assert lines == ["NOT ENOUGH INFO  (confidence 0.50)", "claim: x\\u202e"]


def test_search_report() -> None:
    hit = SearchHit(
        text="وافق المجلس\u202e", source="a.txt", document_id=1, sentence_id=3, start=0, end=12, score=0.0325,
        lexical_rank=1, dense_rank=2, similarity=0.9,
    )  # fmt: skip
    lines = search_report([hit], "logical").split("\n")
    assert lines == [" 1. 0.0325  a.txt [0:12]", "    وافق المجلس\\u202e"]


def test_search_report_without_hits() -> None:
    assert search_report([], "logical") == "no matching sentences"


def _explained_result() -> CheckResult:
    from tabayyun.claims.decompose import ClaimPart
    from tabayyun.claims.parts import check_parts

    claim = "يضم التحالف 41 دولة وبلغ عدد الزوار 40 ألفا"
    cut = claim.index("وبلغ")
    base = _result()
    supported = CheckResult(claim="يضم التحالف 41 دولة", verdict="supported", confidence=0.9,
                            evidence=(), checks=())
    anchor = CheckResult(claim=claim, verdict="not_enough_info", confidence=0.5, evidence=(), checks=())
    by_text = {"يضم التحالف 41 دولة": supported, base.claim: base, claim: anchor}  # anchor: the whole claim
    return check_parts(
        claim, None, lambda text, _p: by_text[text],
        lambda c: [ClaimPart("يضم التحالف 41 دولة", 0, cut - 1), ClaimPart(base.claim, cut, len(c))],
    )


def test_check_report_shows_the_overall_verdict_then_each_part_with_why_and_instead() -> None:
    lines = click.unstyle(check_report(_explained_result(), "logical")).split("\n")
    assert lines[0] == "MIXED  (confidence 0.87)"
    assert lines[2].startswith("why: أجزاء الادعاء: «يضم التحالف 41 دولة» تؤيّده المصادر؛ ")
    parts = lines.index("parts:")
    assert lines[parts + 1] == "  1. SUPPORTED 0.90  [0:19] يضم التحالف 41 دولة"
    assert lines[parts + 2] == "     why: تؤيّده جملة من المصادر."
    assert lines[parts + 3] == "  2. REFUTED 0.87  [20:43] بلغ عدد الزوار 40 ألفا"
    assert lines[parts + 4] == "     why: تنفيه المصادر: يقول المصدر 25 ألفا لا 40 ألفا."
    assert lines[parts + 5] == "     instead: يقول المصدر 25 ألفا لا 40 ألفا  (report.txt [25:32])"
    assert lines[parts + 6] == "     evidence: [-disagree 0.81] report.txt [10:32] بلغ عدد الزوار 25 ألفا"
    assert lines.index("evidence:") > parts and lines.index("checks:") > parts


def test_check_report_of_one_part_has_why_and_instead_but_no_parts_section() -> None:
    from tabayyun.claims.parts import explained

    result = explained(_result())
    lines = click.unstyle(check_report(result, "logical")).split("\n")
    assert lines[:4] == [
        "REFUTED  (confidence 0.87)", "claim: بلغ عدد الزوار 40 ألفا",
        "why: تنفيه المصادر: يقول المصدر 25 ألفا لا 40 ألفا.",
        "instead: يقول المصدر 25 ألفا لا 40 ألفا  (report.txt [25:32])",
    ]
    assert "parts:" not in lines


def test_check_report_explains_an_english_claim_in_english() -> None:
    from tabayyun.claims.parts import explained

    result = explained(CheckResult(claim="Visitors reached 40,000", verdict="not_enough_info", confidence=0.6,
                                   evidence=(), checks=()))
    lines = click.unstyle(check_report(result, "logical")).split("\n")
    assert lines[2] == "why: Nothing in the sources is about this claim."


def test_every_verdict_has_a_colour() -> None:
    from tabayyun.display import VERDICT_COLORS
    from tabayyun.results import VERDICTS

    assert set(VERDICT_COLORS) == set(VERDICTS)
