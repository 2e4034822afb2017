"""The command line's side of batch work on Ray: the ``--ray`` options of ``add`` and ``check``, and
``check --claims`` written out from :func:`~tabayyun.scale.ray_batch.ray_check`.

``--ray`` alone starts a private local Ray for the command; ``--ray-address ADDRESS`` (``auto``,
``ray://host:10001``) connects to a running cluster and implies ``--ray``; ``--workers N`` actors
(default 2). Ray is imported only when one of them is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

#: a claims file's rows as the CLI reads them: ``(id, claim, error)``, one of claim and error set
Row = tuple[Any, str | None, str | None]


@dataclass(frozen=True, slots=True)
class RayChoice:
    """Where to run: ``address`` ``None`` = a local Ray started for the command."""

    address: str | None
    workers: int


def ray_options(f: F) -> F:
    """``--ray``, ``--ray-address ADDRESS`` and ``--workers N`` (read with :func:`ray_choice`)."""
    f = click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
                     help="With --ray: how many Ray workers (actors, the models loaded once each; one "
                          "CPU each, or --threads CPUs with check).")(f)
    f = click.option("--ray-address", metavar="ADDRESS", default=None,
                     help="With --ray: connect to this Ray cluster (auto, ray://HOST:10001) instead of "
                          "starting a local one; implies --ray. Workers read the same paths, so use a "
                          "shared disk or a postgresql:// store.")(f)
    return click.option("--ray", "use_ray", is_flag=True,
                        help="Batch work on Ray (a local Ray unless --ray-address): see docs/scaling.md.")(f)


def ray_choice(use_ray: bool, address: str | None, workers: int) -> RayChoice | None:
    """The Ray run asked for, or ``None`` for the single-process path."""
    if not use_ray and address is None:
        return None
    return RayChoice(address=address or None, workers=workers)


def check_rows_on_ray(
    rows: Iterable[Row], db: str, ray: RayChoice, *, stance: str | None, threads: int | None,
    as_dict: Callable[[Any], Any], echo: Callable[[Any], None],
) -> int:  # fmt: skip
    """Check the good rows on Ray and ``echo`` one object per row in input order (``{"id", "error"}`` for a
    row that could not be read or checked); returns how many failed."""
    from .ray_batch import ClaimFailure, ray_check

    rows = list(rows)
    good = [(cid, text) for cid, text, error in rows if error is None and text is not None]
    results = ray_check(db, good, address=ray.address, workers=ray.workers, cpus_per_worker=threads or 1,
                        stance=stance)
    failed = 0
    try:
        for cid, text, error in rows:
            if error is None and text is not None:
                result = next(results)
                if not isinstance(result, ClaimFailure):
                    echo(as_dict(result))
                    continue
                error = result.error
            failed += 1
            echo({"id": cid, "error": error})
    finally:
        results.close()  # ends the Ray session now (a local Ray stops)
    return failed
