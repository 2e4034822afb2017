"""Showing Arabic in a terminal, and the readable (non-JSON) reports.

Terminals differ: some (VTE, Konsole, mlterm) apply the bidi algorithm and shape
Arabic themselves, most (xterm, Windows Terminal, VS Code, tmux) do neither. In
``auto`` mode a terminal that is not known to do bidi gets text already shaped
(arabic-reshaper) and in visual order (python-bidi); pipes and files always get
the logical UTF-8 text, unchanged.
"""

from __future__ import annotations

import os
import sys
from typing import Literal

import click

from .results import CheckResult, SearchHit
from .text.lang import script_ratio

Mode = Literal["auto", "logical", "visual"]

VERDICT_COLORS = {"supported": "green", "refuted": "red", "conflicting": "yellow", "not_enough_info": "blue"}
STANCE_MARKS = {"agree": "+", "disagree": "-", "discuss": "~", "unrelated": " "}


def resolve_mode(mode: Mode, stream: object = None) -> Literal["logical", "visual"]:
    if mode != "auto":
        return mode
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", lambda: False)()
    bidi_terminal = any(os.environ.get(v) for v in ("VTE_VERSION", "KONSOLE_VERSION", "MLTERM"))
    return "visual" if isatty and not bidi_terminal else "logical"


def for_terminal(text: str, mode: Literal["logical", "visual"]) -> str:
    """``text`` as the terminal should receive it (shaped and reordered in visual mode)."""
    if mode == "logical" or script_ratio(text) == 0.0:
        return text
    import arabic_reshaper
    from bidi import get_display

    return "\n".join(str(get_display(arabic_reshaper.reshape(line))) for line in text.split("\n"))


def check_report(result: CheckResult, mode: Literal["logical", "visual"]) -> str:
    """A readable report: the verdict first, then the evidence and the comparisons."""

    def t(s: str) -> str:
        return for_terminal(s, mode)

    lines = []
    head = click.style(result.verdict.upper().replace("_", " "), fg=VERDICT_COLORS[result.verdict], bold=True)
    lines.append(f"{head}  (confidence {result.confidence:.2f})")
    lines.append(f"claim: {t(result.claim)}")
    if result.evidence:
        lines.append("")
        lines.append("evidence:")
        for i, ev in enumerate(result.evidence, start=1):
            lines.append(f"  {i}. [{STANCE_MARKS[ev.stance]}{ev.stance} {ev.score:.2f}] {ev.source} [{ev.start}:{ev.end}]")
            lines.append(f"     {t(ev.text)}")
    if result.checks:
        lines.append("")
        lines.append("checks:")
        for c in result.checks:
            mark = {"match": "=", "mismatch": "≠", "not_comparable": "?"}[c.result]
            lines.append(f"  {c.kind:<9} {t(c.claim_text)}  {mark}  {t(c.evidence_text)}   ({c.result}{'; ' + c.detail if c.detail else ''})")
    return "\n".join(lines)


def search_report(hits: list[SearchHit], mode: Literal["logical", "visual"]) -> str:
    if not hits:
        return "no matching sentences"
    out = []
    for i, h in enumerate(hits, start=1):
        out.append(f"{i:>2}. {h.score:.4f}  {h.source} [{h.start}:{h.end}]")
        out.append(f"    {for_terminal(h.text, mode)}")
    return "\n".join(out)
