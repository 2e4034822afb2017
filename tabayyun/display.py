"""Showing Arabic in a terminal, and the readable (non-JSON) reports.

Terminals differ: some (VTE, Konsole, mlterm) apply the bidi algorithm and shape
Arabic themselves, most (xterm, Windows Terminal, VS Code, tmux) do neither. In
``auto`` mode a terminal that is not known to do bidi gets text already shaped
(arabic-reshaper) and in visual order (python-bidi); pipes and files always get
the logical UTF-8 text, unchanged.

Text from claims and documents is shown with its control characters escaped
(``\\u202e``): bidi overrides and isolates would reorder the rest of the line, and
C0/C1 controls (ESC above all) would drive the terminal. The JSON output keeps the text as is.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import Literal

import click

from .results import CheckResult, Correction, PartResult, Reason, SearchHit, Verdict
from .text.lang import detect, script_ratio

Mode = Literal["auto", "logical", "visual"]

VERDICT_COLORS = {"supported": "green", "refuted": "red", "conflicting": "yellow", "not_enough_info": "blue",
                  "mixed": "magenta"}
STANCE_MARKS = {"agree": "+", "disagree": "-", "discuss": "~", "unrelated": " "}


#: bidi embeddings, overrides, isolates and marks (U+061C, U+200E/F, U+202A-E, U+2066-9), C0 and C1
#: controls but tab and newline, DEL, and the line and paragraph separators
_HOSTILE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every bidi control and terminal control shown as ``\\uXXXX`` (offsets are not kept)."""
    return _HOSTILE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def resolve_mode(mode: Mode, stream: object = None) -> Literal["logical", "visual"]:
    if mode != "auto":
        return mode
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", lambda: False)()
    bidi_terminal = any(os.environ.get(v) for v in ("VTE_VERSION", "KONSOLE_VERSION", "MLTERM"))
    return "visual" if isatty and not bidi_terminal else "logical"


def for_terminal(text: str, mode: Literal["logical", "visual"]) -> str:
    """``text`` as the terminal should receive it: controls escaped, shaped and reordered in visual mode."""
    text = escape_controls(text)
    if mode == "logical" or script_ratio(text) == 0.0:
        return text
    import arabic_reshaper
    from bidi import get_display

    return "\n".join(str(get_display(arabic_reshaper.reshape(line))) for line in text.split("\n"))


def verdict_label(verdict: Verdict) -> str:
    """The verdict as the report shows it: upper case, coloured."""
    return click.style(verdict.upper().replace("_", " "), fg=VERDICT_COLORS[verdict], bold=True)


def _explained(reason: Reason | None, correction: Correction | None, lang: str, indent: str,
               t: Callable[[str], str]) -> list[str]:
    """The ``why:`` and ``instead:`` lines of a verdict, in the claim's language."""
    lines = []
    if reason is not None:
        lines.append(f"{indent}why: {t(reason.ar if lang == 'ar' else reason.en)}")
    if correction is not None:
        said = correction.text_ar if lang == "ar" else correction.text_en
        where = f"{t(correction.source)} [{correction.start}:{correction.end}]"
        lines.append(f"{indent}instead: {t(said)}  ({where})")
    return lines


def _parts(parts: tuple[PartResult, ...], lang: str, t: Callable[[str], str]) -> list[str]:
    lines = ["", "parts:"]
    for i, p in enumerate(parts, start=1):
        lines.append(f"  {i}. {verdict_label(p.verdict)} {p.confidence:.2f}  [{p.start}:{p.end}] {t(p.text)}")
        lines.extend(_explained(p.reason, p.correction, lang, "     ", t))
        if p.evidence:
            best = p.evidence[0]
            lines.append(f"     evidence: [{STANCE_MARKS[best.stance]}{best.stance} {best.score:.2f}] "
                         f"{t(best.source)} [{best.start}:{best.end}] {t(best.text)}")
    return lines


def check_report(result: CheckResult, mode: Literal["logical", "visual"]) -> str:
    """A readable report: the overall verdict first with why (and, refuted, what the source says
    instead), then each part of a claim of several parts, then the evidence and the comparisons.
    Reasons and corrections are shown in the claim's language (Arabic for an Arabic claim)."""

    def t(s: str) -> str:
        return for_terminal(s, mode)

    lang = "ar" if detect(result.claim) == "ar" else "en"
    lines = [f"{verdict_label(result.verdict)}  (confidence {result.confidence:.2f})"]
    lines.append(f"claim: {t(result.claim)}")
    lines.extend(_explained(result.reason, result.correction, lang, "", t))
    if len(result.parts) > 1:
        lines.extend(_parts(result.parts, lang, t))
    if result.evidence:
        lines.append("")
        lines.append("evidence:")
        for i, ev in enumerate(result.evidence, start=1):
            mark = f"{STANCE_MARKS[ev.stance]}{ev.stance} {ev.score:.2f}"
            lines.append(f"  {i}. [{mark}] {t(ev.source)} [{ev.start}:{ev.end}]")
            lines.append(f"     {t(ev.text)}")
    if result.checks:
        lines.append("")
        lines.append("checks:")
        for c in result.checks:
            mark = {"match": "=", "mismatch": "≠", "not_comparable": "?"}[c.result]
            detail = "; " + t(c.detail) if c.detail else ""
            pair = f"{t(c.claim_text)}  {mark}  {t(c.evidence_text)}"
            lines.append(f"  {c.kind:<9} {pair}   ({c.result}{detail})")
    return "\n".join(lines)


def search_report(hits: list[SearchHit], mode: Literal["logical", "visual"]) -> str:
    if not hits:
        return "no matching sentences"
    out = []
    for i, h in enumerate(hits, start=1):
        out.append(f"{i:>2}. {h.score:.4f}  {for_terminal(h.source, mode)} [{h.start}:{h.end}]")
        out.append(f"    {for_terminal(h.text, mode)}")
    return "\n".join(out)


#: how much of a claim or an evidence sentence one table row shows
_ROW_CHARS = 90


def _short(text: str, limit: int = _ROW_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def claim_row(n: int, cid: object, result: CheckResult, mode: Literal["logical", "visual"]) -> str:
    """One claim of a batch as a readable row (``check --claims`` on a terminal): the verdict, the
    confidence, the id and the claim; the parts' verdicts when there are several; the best evidence
    sentence with its source and offsets."""

    def t(s: str) -> str:
        return for_terminal(s, mode)

    name = "" if cid is None else f"{cid}  "
    lines = [f"{n:>3}. {verdict_label(result.verdict)} {result.confidence:.2f}  {t(str(name))}"
             f"{t(_short(result.claim))}"]
    if len(result.parts) > 1:
        parts = " · ".join(f"{verdict_label(p.verdict)} «{t(_short(p.text, 40))}»" for p in result.parts)
        lines.append(f"     parts: {parts}")
    if result.evidence:
        ev = result.evidence[0]
        lines.append(f"     {STANCE_MARKS[ev.stance]}{ev.stance} {t(ev.source)} [{ev.start}:{ev.end}] "
                     f"{t(_short(ev.text, 70))}")
    return "\n".join(lines)


def claims_summary(verdicts: list[str], failed: int) -> str:
    """The last line of a batch: how many claims got each verdict (and how many could not be checked)."""
    kinds = ("supported", "refuted", "mixed", "conflicting", "not_enough_info")
    counts = {v: verdicts.count(v) for v in kinds}
    shown = ", ".join(f"{k} {v.replace('_', ' ')}" for v, k in counts.items() if k)
    tail = f"; {failed} could not be checked" if failed else ""
    return f"{len(verdicts) + failed} claims: {shown or 'none checked'}{tail}"
