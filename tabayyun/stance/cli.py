"""``tabayyun eval`` (and ``tabayyun train-stance``): thin click commands over
:mod:`tabayyun.evaluate` and :mod:`tabayyun.stance.train`.

``eval`` scores a *system*: ``pipeline`` (the whole check, what users get) or one
stance model (``learned``, ``heuristic``, ``gated``) on the pairs."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..cli_options import CommandError, threads_option
from ..errors import TabayyunError
from ..evaluate import (
    EvalResult,
    evaluate_ans,
    evaluate_arastance,
    evaluate_nli,
    evaluate_pipeline,
    format_report,
)
from ..exitcodes import MODEL
from ..jsonl import json_objects
from ..protocols import StanceModel
from . import STANCE_MODELS

if TYPE_CHECKING:
    from ..core import Tabayyun

SYSTEMS = ("pipeline", *STANCE_MODELS)


def _guess_format(path: Path) -> str:
    """ans or nli for CSV (by the header), arastance or nli for JSONL (by the first object)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open(path, encoding="utf-8") as fh:
            return "nli" if "premise" in fh.readline() else "ans"
    if suffix in (".jsonl", ".json", ".ndjson"):
        with open(path, encoding="utf-8") as fh:
            first = next((obj for _, obj, _ in json_objects(fh) if obj is not None), {})
        return "nli" if "premise" in first else "arastance"
    raise click.UsageError(f"cannot tell the format of {path.name}; pass --format arastance|ans|nli")


def _stance_model(system: str, model_dir: Path | None, threads: int | None) -> StanceModel:
    """One stance model, for the single-model systems (learned and gated read ``model_dir``)."""
    from .learned import CrossEncoderStance

    if system == "learned":
        return CrossEncoderStance.load(model_dir, threads=threads)
    from ..embed import E5Embedder
    from .heuristic import HeuristicStance

    if system == "heuristic":
        return HeuristicStance(E5Embedder())
    from .gated import GatedStance

    return GatedStance(HeuristicStance(E5Embedder()), CrossEncoderStance.load(model_dir, threads=threads))


def _pipeline_tabayyun(threads: int | None) -> Tabayyun:
    """The checker the pipeline system runs: the default models, nothing stored."""
    from ..core import Tabayyun

    return Tabayyun(threads=threads)


def _run(
    system: str, fmt: str, data: Path, model_dir: Path | None, threads: int | None
) -> tuple[EvalResult, float]:
    t0 = time.perf_counter()
    if system == "pipeline":
        tb = _pipeline_tabayyun(threads)
        tb.stance_model  # noqa: B018 - load the models now, so load time is reported apart
        load_s = time.perf_counter() - t0
        with tb:
            return evaluate_pipeline(tb, data, fmt), load_s
    model = _stance_model(system, model_dir, threads)
    load_s = time.perf_counter() - t0
    run = {"ans": evaluate_ans, "arastance": evaluate_arastance, "nli": evaluate_nli}[fmt]
    return run(model, data), load_s


@click.command("eval")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["arastance", "ans", "nli"]), default=None,
    help="arastance: JSONL with claim, article (list), stance (list); ans: CSV s1,s2,stance; "
    "nli: CSV or JSONL with premise, hypothesis, label. Default: from the file.",
)  # fmt: skip
@click.option(
    "--system", type=click.Choice(SYSTEMS), default=None,
    help="pipeline: the whole check, the item's source/article as its only source, the verdict read as a "
    "label; learned/heuristic/gated: one stance model on the pairs. Default: learned for ans (and with "
    "--model), pipeline otherwise.",
)  # fmt: skip
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write one JSON line per input line with the predicted label(s) "
                   "(and verdicts).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A stance weights directory for learned or gated "
                   "(default: the shipped model).")  # fmt: skip
@threads_option
def eval_command(
    data: Path,
    fmt: str | None,
    system: str | None,
    predictions: Path | None,
    as_json: bool,
    model_dir: Path | None,
    threads: int | None,
) -> None:
    """Score tabayyun on DATA: accuracy, macro-F1, per-class P/R/F1, confusion, ECE.

    \b
    Examples:
      tabayyun eval ../shared/datasets/ans/stance/test.csv --format ans
      tabayyun eval pairs.jsonl --format nli                  # the whole check (pipeline)
      tabayyun eval arastance_dev.jsonl --system gated --predictions out.jsonl --json
    """
    fmt = fmt or _guess_format(data)
    system = system or ("learned" if fmt == "ans" or model_dir is not None else "pipeline")
    if system in ("pipeline", "heuristic") and model_dir is not None:
        raise click.UsageError(f"--model does not apply to --system {system}")
    try:
        t0 = time.perf_counter()
        result, load_s = _run(system, fmt, data, model_dir, threads)
        run_s = time.perf_counter() - t0 - load_s
    except TabayyunError as exc:
        raise CommandError.of(exc) from exc
    if predictions is not None:
        with open(predictions, "w", encoding="utf-8") as fh:
            rows = ({k: v for k, v in p.items() if k != "line"} for p in result.predictions)
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    rep = {"data": str(data), "format": fmt, "system": system, **result.report,
           "load_seconds": round(load_s, 3),
           "seconds": round(run_s, 2)}  # fmt: skip
    if as_json:
        click.echo(json.dumps(rep, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{data} ({fmt}, {system}), models loaded in {load_s:.2f}s, scored in {run_s:.1f}s")
        click.echo(format_report(result.report))


@click.command("train-stance")
@click.option("--ans-dir", default="../shared/datasets/ans", show_default=True)
@click.option("--out-dir", default=None, help="Default: the package's stance/weights directory.")
@click.option("--seed", default=13, show_default=True)
@click.option("--epochs", default=None, type=int)
def train_command(ans_dir: str, out_dir: str | None, seed: int, epochs: int | None) -> None:
    """Reproduce the shipped stance weights (needs torch: the train extra).

    \b
    Example:
      pip install -e ".[train]" && tabayyun train-stance --out-dir /tmp/stance
    """
    try:
        from .train import TrainConfig, run
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise CommandError("training needs torch: pip install 'tabayyun[train]'", MODEL) from exc
    from .learned import WEIGHTS_DIR

    cfg = TrainConfig(ans_dir=ans_dir, out_dir=out_dir or str(WEIGHTS_DIR), seed=seed,
                      log=lambda s: print(s, file=sys.stderr, flush=True))  # fmt: skip
    if epochs is not None:
        cfg.epochs = epochs
    run(cfg)
