"""``tabayyun eval`` (and ``tabayyun train-stance``): thin click commands over
:mod:`tabayyun.evaluate` and :mod:`tabayyun.stance.train`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from ..errors import TabayyunError
from ..evaluate import EvalResult, evaluate_ans, evaluate_arastance, format_report


def _guess_format(path: Path) -> str:
    if path.suffix.lower() == ".csv":
        return "ans"
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        return "arastance"
    raise click.UsageError(f"cannot tell the format of {path.name}; pass --format arastance|ans")


@click.command("eval")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["arastance", "ans"]), default=None,
    help="arastance: JSONL with claim, article (list), stance (list); ans: CSV s1,s2,stance. "
    "Default: from the file extension.",
)  # fmt: skip
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write one JSON line per input line with the predicted stance(s).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A stance weights directory (default: the shipped model).")  # fmt: skip
def eval_command(data: Path, fmt: str | None, predictions: Path | None, as_json: bool, model_dir: Path | None) -> None:
    """Score the stance model on DATA: accuracy, macro-F1, per-class P/R/F1, confusion, ECE.

    \b
    Examples:
      tabayyun eval ../shared/datasets/ans/stance/test.csv --format ans
      tabayyun eval arastance_test.jsonl --format arastance --predictions out.jsonl --json
    """
    from .learned import CrossEncoderStance

    fmt = fmt or _guess_format(data)
    try:
        t0 = time.perf_counter()
        model = CrossEncoderStance.load(model_dir)
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        result: EvalResult = evaluate_ans(model, data) if fmt == "ans" else evaluate_arastance(model, data)
        run_s = time.perf_counter() - t0
    except TabayyunError as exc:
        raise click.ClickException(str(exc)) from exc
    if predictions is not None:
        with open(predictions, "w", encoding="utf-8") as fh:
            for p in result.predictions:
                fh.write(json.dumps({"stance": p["stance"]}, ensure_ascii=False) + "\n")
    rep = {"data": str(data), "format": fmt, **result.report, "load_seconds": round(load_s, 3),
           "seconds": round(run_s, 2)}  # fmt: skip
    if as_json:
        click.echo(json.dumps(rep, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{data} ({fmt}), model loaded in {load_s:.2f}s, scored in {run_s:.1f}s")
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
        raise click.ClickException("training needs torch: pip install 'tabayyun[train]'") from exc
    from .learned import WEIGHTS_DIR

    cfg = TrainConfig(ans_dir=ans_dir, out_dir=out_dir or str(WEIGHTS_DIR), seed=seed,
                      log=lambda s: print(s, file=sys.stderr, flush=True))  # fmt: skip
    if epochs is not None:
        cfg.epochs = epochs
    run(cfg)
