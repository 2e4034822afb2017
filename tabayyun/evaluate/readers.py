"""Readers of the evaluation formats, and their labels.

* ANS: CSV ``s1,s2,stance``, stance in agree / disagree / other.
* AraStance: JSONL, one claim per line with ``article`` (a list of article texts)
  and ``stance`` (one label per article: Agree / Disagree / Discuss / Unrelated).
* NLI: CSV or JSONL with ``premise``, ``hypothesis`` and ``label`` in entailment /
  neutral / contradiction; the hypothesis is checked as the claim, the premise is the source.

Label mapping. ANS's ``other`` pairs are headlines about different news (checked
by reading the training rows), so ``other`` maps to ``unrelated`` for training;
when scoring on ANS, both ``discuss`` and ``unrelated`` predictions map back to
``other`` and macro-F1 is computed over ANS's own three classes, as published.
NLI: agree is entailment, disagree contradiction, discuss and unrelated neutral.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jsonl import json_objects
from ..results import STANCES, Stance

ANS_LABELS: tuple[str, ...] = ("agree", "disagree", "other")
ANS_TO_STANCE: dict[str, Stance] = {"agree": "agree", "disagree": "disagree", "other": "unrelated"}
STANCE_TO_ANS: dict[str, str] = {
    "agree": "agree",
    "disagree": "disagree",
    "discuss": "other",
    "unrelated": "other",
}
ARASTANCE_LABELS: tuple[str, ...] = ("Agree", "Disagree", "Discuss", "Unrelated")
ARASTANCE_TO_STANCE: dict[str, Stance] = dict(zip(ARASTANCE_LABELS, STANCES, strict=True))
STANCE_TO_ARASTANCE: dict[str, str] = {s: a for a, s in ARASTANCE_TO_STANCE.items()}
NLI_LABELS: tuple[str, ...] = ("entailment", "neutral", "contradiction")
STANCE_TO_NLI: dict[str, str] = {
    "agree": "entailment", "disagree": "contradiction", "discuss": "neutral", "unrelated": "neutral",
}  # fmt: skip
#: a data set's labels and the map from the four stances onto them, by format name
FORMAT_LABELS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "ans": (ANS_LABELS, STANCE_TO_ANS),
    "arastance": (ARASTANCE_LABELS, STANCE_TO_ARASTANCE),
    "nli": (NLI_LABELS, STANCE_TO_NLI),
}


@dataclass(frozen=True, slots=True)
class AnsRow:
    s1: str
    s2: str
    stance: str
    line: int


@dataclass(frozen=True, slots=True)
class AraStanceRow:
    claim: str
    articles: tuple[str, ...]
    stances: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class NliRow:
    premise: str
    hypothesis: str
    label: str
    line: int


def read_ans(path: str | Path) -> list[AnsRow]:
    """ANS stance CSV: header ``s1,s2,stance``; stance in agree / disagree / other."""
    rows: list[AnsRow] = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"s1", "s2", "stance"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"{path}: not an ANS stance CSV (missing columns {sorted(missing)})")
        for i, r in enumerate(reader, start=2):
            stance = (r["stance"] or "").strip()
            if stance not in ANS_LABELS:
                raise InputError(f"{path}:{i}: unknown ANS stance {stance!r}")
            rows.append(AnsRow(r["s1"] or "", r["s2"] or "", stance, i))
    return rows


def read_arastance(path: str | Path) -> list[AraStanceRow]:
    """AraStance JSONL: one claim per line with its articles and one stance per article."""
    rows: list[AraStanceRow] = []
    with open(path, encoding="utf-8") as fh:
        for i, obj, error in json_objects(fh):
            if obj is None:
                raise InputError(f"{path}:{i}: {error}")
            claim, arts, stances = obj.get("claim"), obj.get("article"), obj.get("stance")
            if isinstance(arts, str):
                arts = [arts]
            if isinstance(stances, str):
                stances = [stances]
            if not isinstance(claim, str) or not isinstance(arts, list) or not isinstance(stances, list):
                raise InputError(f"{path}:{i}: needs 'claim' (text), 'article' and 'stance' (lists)")
            if len(arts) != len(stances):
                raise InputError(f"{path}:{i}: {len(arts)} articles but {len(stances)} stances")
            for s in stances:
                if s not in ARASTANCE_TO_STANCE:
                    raise InputError(f"{path}:{i}: unknown AraStance stance {s!r}")
            rows.append(AraStanceRow(claim, tuple(str(a) for a in arts), tuple(stances), i))
    return rows


def read_nli(path: str | Path) -> list[NliRow]:
    """NLI pairs from CSV (header row) or JSONL: ``premise``, ``hypothesis``, ``label``."""
    if Path(path).suffix.lower() == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = {"premise", "hypothesis", "label"} - set(reader.fieldnames or ())
            if missing:
                raise InputError(f"{path}: not an NLI CSV (missing columns {sorted(missing)})")
            return [_nli_row(path, i, r) for i, r in enumerate(reader, start=2)]
    rows: list[NliRow] = []
    with open(path, encoding="utf-8") as fh:
        for i, obj, error in json_objects(fh):
            if obj is None:
                raise InputError(f"{path}:{i}: {error}")
            rows.append(_nli_row(path, i, obj))
    return rows


def _nli_row(path: str | Path, line: int, obj: dict[str, Any]) -> NliRow:
    premise, hypothesis, label = obj.get("premise"), obj.get("hypothesis"), obj.get("label")
    if not isinstance(premise, str) or not isinstance(hypothesis, str) or not isinstance(label, str):
        raise InputError(f"{path}:{line}: needs 'premise', 'hypothesis' and 'label' (text)")
    label = label.strip().lower()
    if label not in NLI_LABELS:
        raise InputError(f"{path}:{line}: unknown NLI label {label!r} (entailment, neutral or contradiction)")
    return NliRow(premise, hypothesis, label, line)
