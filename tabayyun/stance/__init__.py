"""Stance models: agree / disagree / discuss / unrelated for a (claim, evidence) pair.

* ``heuristic`` — :class:`~tabayyun.stance.heuristic.HeuristicStance`: calibrated e5
  similarity, word overlap and negation cues. The default.
* ``learned`` — :class:`~tabayyun.stance.learned.CrossEncoderStance`: the fine-tuned
  cross-encoder (ANS stance test macro-F1 0.700, see docs/benchmarks.md). Not the
  default yet: on the project's end-to-end sample claims it calls topical but
  unrelated sentences "disagree" (it learned ANS's notion of disagreement), which
  turns supported and unrelated claims into refuted or conflicting ones.
* ``gated`` — :class:`~tabayyun.stance.gated.GatedStance`: the heuristic model's
  unrelated probability, the related mass split by the learned model.

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
