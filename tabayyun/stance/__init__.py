"""Stance models: agree / disagree / discuss / unrelated for a (claim, evidence) pair.

* ``gated`` — :class:`~tabayyun.stance.gated.GatedStance`, **the default**: the learned
  cross-encoder splits each related sentence into agree / disagree / discuss; whether a
  sentence is related at all comes from e5 similarity and word overlap (the heuristic
  model), and where one side is negated the heuristic's scoped negation rule decides.
  Held-out claims (bench/claims_dev) 0.881 against 0.857 for the heuristic alone.
* ``learned`` — :class:`~tabayyun.stance.learned.CrossEncoderStance`: the fine-tuned
  cross-encoder alone (ANS stance test macro-F1 0.857, see docs/benchmarks.md). On
  headline pairs it is the best of the three; against long real evidence sentences it
  still says "disagree" too readily (held-out claims 0.667, 0.595 with the weights before the
  fifth session), which is why the default
  gates it.
* ``heuristic`` — :class:`~tabayyun.stance.heuristic.HeuristicStance`: calibrated e5
  similarity, word overlap and negation cues; no learned weights.

All three implement :class:`tabayyun.protocols.StanceModel`. Choose with
``Tabayyun(stance_model="learned")``, or the CLI's ``--stance`` (``TABAYYUN_STANCE=learned`` in the
environment: read by the command line, never here).
"""

from __future__ import annotations

from typing import Literal

from ..errors import ModelError
from ..protocols import Embedder, StanceModel
from .heuristic import HeuristicStance

__all__ = ["DEFAULT", "STANCE_MODELS", "HeuristicStance", "default_stance_model", "load_stance_model"]

StanceName = Literal["heuristic", "learned", "gated"]
STANCE_MODELS: tuple[StanceName, ...] = ("heuristic", "learned", "gated")
DEFAULT: StanceName = "gated"


def load_stance_model(
    name: str, embedder: Embedder, *, threads: int | None = None, runtime: str | None = None
) -> StanceModel:
    """A stance model by name (see :data:`STANCE_MODELS`); ``threads`` and ``runtime`` for the learned
    cross-encoder (:meth:`~.learned.CrossEncoderStance.load`; ``None``: its default, the int8 onnxruntime
    graph; ``"onnx"``: float32)."""
    if name == "heuristic":
        return HeuristicStance(embedder)
    if name == "learned":
        from .learned import CrossEncoderStance

        try:
            if runtime is None:
                return CrossEncoderStance.load(threads=threads)
            return CrossEncoderStance.load(threads=threads, runtime=runtime)
        except FileNotFoundError as e:
            raise ModelError(f"the learned stance model's weights are not installed ({e})") from e
    if name == "gated":  # relatedness from the heuristic, agree/disagree/discuss from the learned model
        from .gated import GatedStance

        learned = load_stance_model("learned", embedder, threads=threads, runtime=runtime)
        return GatedStance(HeuristicStance(embedder), learned)
    raise ModelError(f"unknown stance model {name!r}; choose one of {', '.join(STANCE_MODELS)}")


def default_stance_model(embedder: Embedder, *, threads: int | None = None) -> StanceModel:
    """The :data:`DEFAULT` model (the gated learned model)."""
    return load_stance_model(DEFAULT, embedder, threads=threads)
