"""Stance models: agree / disagree / discuss / unrelated for a (claim, evidence) pair.

* ``gated`` — :class:`~tabayyun.stance.gated.GatedStance`, **the default**: the learned
  cross-encoder splits each related sentence into agree / disagree / discuss; whether a
  sentence is related at all comes from e5 similarity and word overlap (the heuristic
  model), and where one side is negated the heuristic's scoped negation rule decides.
  Held-out claims (bench/claims_dev) 0.881 against 0.857 for the heuristic alone.
* ``learned`` — :class:`~tabayyun.stance.learned.CrossEncoderStance`: the fine-tuned
  cross-encoder alone (ANS stance test macro-F1 0.7999, see docs/benchmarks.md). On
  headline pairs it is the best of the three; against long real evidence sentences it
  still says "disagree" too readily (held-out claims 0.595), which is why the default
  gates it.
* ``heuristic`` — :class:`~tabayyun.stance.heuristic.HeuristicStance`: calibrated e5
  similarity, word overlap and negation cues; no learned weights.

All three implement :class:`tabayyun.protocols.StanceModel`. Choose with
``Tabayyun(stance_model="learned")``, the CLI's
``--stance``, or ``TABAYYUN_STANCE=learned`` in the environment.
"""

from __future__ import annotations

import os
from typing import Literal

from ..errors import ModelError
from ..protocols import Embedder, StanceModel
from .heuristic import HeuristicStance

__all__ = ["STANCE_MODELS", "HeuristicStance", "configured_stance_name", "default_stance_model", "load_stance_model"]

StanceName = Literal["heuristic", "learned", "gated"]
STANCE_MODELS: tuple[StanceName, ...] = ("heuristic", "learned", "gated")
DEFAULT: StanceName = "gated"


def load_stance_model(name: str, embedder: Embedder) -> StanceModel:
    """A stance model by name (see :data:`STANCE_MODELS`)."""
    if name == "heuristic":
        return HeuristicStance(embedder)
    if name == "learned":
        from .learned import CrossEncoderStance

        try:
            return CrossEncoderStance.load()
        except FileNotFoundError as e:
            raise ModelError(f"the learned stance model's weights are not installed ({e})") from e
    if name == "gated":  # relatedness from the heuristic, agree/disagree/discuss from the learned model
        from .gated import GatedStance

        return GatedStance(HeuristicStance(embedder), load_stance_model("learned", embedder))
    raise ModelError(f"unknown stance model {name!r}; choose one of {', '.join(STANCE_MODELS)}")


def configured_stance_name() -> str:
    """``$TABAYYUN_STANCE`` if set, else :data:`DEFAULT`; a :class:`ModelError` naming the variable if it is not a model."""
    name = os.environ.get("TABAYYUN_STANCE") or DEFAULT
    if name not in STANCE_MODELS:
        raise ModelError(f"TABAYYUN_STANCE={name!r} is not a stance model; choose one of {', '.join(STANCE_MODELS)}")
    return name


def default_stance_model(embedder: Embedder) -> StanceModel:
    """``$TABAYYUN_STANCE`` if set, else :data:`DEFAULT` (the gated learned model)."""
    return load_stance_model(configured_stance_name(), embedder)
