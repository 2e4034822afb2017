"""Stance models: agree / disagree / discuss / unrelated for a (claim, evidence) pair.

* :class:`~tabayyun.stance.learned.CrossEncoderStance` — the learned cross-encoder (default
  when its weights are installed).
* :class:`~tabayyun.stance.heuristic.HeuristicStance` — calibrated similarity plus negation cues.

Both implement :class:`tabayyun.protocols.StanceModel`.
"""

from __future__ import annotations

import logging

from ..errors import ModelError
from ..protocols import Embedder, StanceModel
from .heuristic import HeuristicStance

log = logging.getLogger(__name__)

__all__ = ["HeuristicStance", "default_stance_model"]


def default_stance_model(embedder: Embedder) -> StanceModel:
    """The learned model if its weights are installed, else the heuristic one (logged)."""
    try:
        from .learned import CrossEncoderStance

        return CrossEncoderStance.load()
    except (ImportError, FileNotFoundError, ModelError) as e:
        log.info("learned stance model unavailable (%s); using the heuristic model", e)
        return HeuristicStance(embedder)
