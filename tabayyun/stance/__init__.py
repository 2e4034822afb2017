"""Stance models: agree / disagree / discuss / unrelated for a (claim, evidence) pair.

* ``heuristic`` — :class:`~tabayyun.stance.heuristic.HeuristicStance`: calibrated e5
  similarity, word overlap and negation cues. The default.
* ``learned`` — :class:`~tabayyun.stance.learned.CrossEncoderStance`: the fine-tuned
  cross-encoder (ANS stance test macro-F1 0.775, see docs/benchmarks.md). Not the
  default yet: against real evidence sentences (longer and reworded, unlike ANS's
  headline pairs) it says "disagree" to paraphrases and topical sentences alike,
  which turns supported and unrelated claims into refuted or conflicting ones
  (held-out claims 0.476 against the heuristic's 0.857).
* ``gated`` — :class:`~tabayyun.stance.gated.GatedStance`: the heuristic model's
  unrelated probability, the related mass split by the learned model (by the
  heuristic's negation rule where one side is negated).

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

__all__ = ["STANCE_MODELS", "HeuristicStance", "default_stance_model", "load_stance_model"]

StanceName = Literal["heuristic", "learned", "gated"]
STANCE_MODELS: tuple[StanceName, ...] = ("heuristic", "learned", "gated")
DEFAULT: StanceName = "heuristic"


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


def default_stance_model(embedder: Embedder) -> StanceModel:
    """``$TABAYYUN_STANCE`` if set, else the heuristic model."""
    return load_stance_model(os.environ.get("TABAYYUN_STANCE", DEFAULT), embedder)
