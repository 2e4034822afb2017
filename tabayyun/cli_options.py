"""What every ``tabayyun`` command shares: the one error style, and the options read from the environment.

* :class:`CommandError` — a :class:`click.ClickException` that prints ``error: ...`` (one line) and exits
  with a code of the table in :mod:`tabayyun.exitcodes`; :func:`fail` raises it (typed ``NoReturn``).
* :data:`DEFAULT_DB`, :func:`db_option` (``$TABAYYUN_DB``), :func:`stance_option` (``$TABAYYUN_STANCE``),
  :data:`threads_option` (``$TABAYYUN_THREADS``): configuration is read here, at the edge, and passed
  down to the library as plain values (the library never reads the environment).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any, NoReturn, TypeVar

import click

from .exitcodes import MODEL, USER, exit_code, one_line
from .stance import STANCE_MODELS

DEFAULT_DB = "tabayyun.db"

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(click.ClickException):
    """An error that ends a command: one line on stderr, ``error: ...``, and its exit code."""

    def __init__(self, message: str, code: int = USER) -> None:
        super().__init__(" ".join(message.split()))
        # click >= 8.5 types exit_code as a class variable, yet its own code sets it per instance too
        setattr(self, "exit_code", code)  # noqa: B010

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.message}", err=True, file=file)

    @classmethod
    def of(cls, error: BaseException) -> CommandError:
        """The command error for an exception tabayyun (or the OS) raised on purpose."""
        return cls(one_line(error).removeprefix("error: "), exit_code(error))


def fail(message: str, code: int = USER) -> NoReturn:
    """End the command with ``error: MESSAGE`` on stderr and exit ``code``."""
    raise CommandError(message, code)


def db_option(
    help: str = "The store: a SQLite file, or a postgresql:// URL for a shared PostgreSQL store.",
) -> Callable[[F], F]:
    return click.option(
        "--db", type=click.Path(dir_okay=False), envvar="TABAYYUN_DB", default=DEFAULT_DB, show_envvar=True,
        show_default=True, help=help,
    )  # fmt: skip


def _stance_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if not value or value in STANCE_MODELS:
        return value or None
    choices = ", ".join(STANCE_MODELS)
    if (
        isinstance(param, click.Option) and param.resolve_envvar_value(ctx) == value
    ):  # (its source is not set yet)
        fail(f"TABAYYUN_STANCE={value!r} is not a stance model; choose one of {choices}", MODEL)
    raise click.BadParameter(f"{value!r} is not one of {choices}")


def stance_option(help: str) -> Callable[[F], F]:
    """``--stance NAME`` (or ``$TABAYYUN_STANCE``); ``None`` when neither is set (the library's default)."""
    return click.option(
        "--stance", "stance_name", envvar="TABAYYUN_STANCE", show_envvar=True, default=None,
        metavar="[" + "|".join(STANCE_MODELS) + "]", callback=_stance_name, help=help,
    )  # fmt: skip


threads_option = click.option(
    "--threads", type=click.IntRange(min=1), envvar="TABAYYUN_THREADS", show_envvar=True, default=None,
    help="Threads of the learned stance model's runtime (default: one per core, at most 8).",
)  # fmt: skip
