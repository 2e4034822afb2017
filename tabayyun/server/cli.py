"""``tabayyun serve``: the HTTP API and the web page, in one process."""

from __future__ import annotations

import logging

import click

from ..cli_options import CommandError, db_option, stance_option, threads_option
from ..errors import TabayyunError
from ..store import shown
from .limits import DEFAULTS, Settings


@click.command()
@db_option("The store: a SQLite file (created when missing), or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
)
@click.option(
    "--timeout",
    "timeout_s",
    default=DEFAULTS.timeout_s,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a request may take before it answers 504.",
)
@click.option(
    "--max-upload",
    default=DEFAULTS.max_upload_bytes,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest document upload, in bytes (413 above).",
)
@click.option(
    "--max-body",
    default=DEFAULTS.max_json_bytes,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest body of the other requests, in bytes (413 above).",
)
@click.option(
    "--workers",
    default=DEFAULTS.workers,
    show_default=True,
    type=click.IntRange(min=1),
    help="Checks that run at once (in threads, off the event loop).",
)
@click.option(
    "--token",
    envvar="TABAYYUN_API_TOKEN",
    show_envvar=True,
    default=None,
    hidden=True,
    help="Require `Authorization: Bearer TOKEN` on the endpoints that add or delete documents.",
)
@stance_option("Stance model (default: gated).")
@threads_option
@click.option("--no-warm", is_flag=True, help="Load the models on the first check instead of at start-up.")
def serve(
    db: str, host: str, port: int, timeout_s: float, max_upload: int, max_body: int, workers: int,
    token: str | None, stance_name: str | None, threads: int | None, no_warm: bool,
) -> None:  # fmt: skip
    """Serve the HTTP API and the web page (open http://HOST:PORT/ in a browser).

    The API is described at /openapi.json. Set TABAYYUN_API_TOKEN to require
    `Authorization: Bearer TOKEN` on the endpoints that add or delete documents.

    \b
    Example:
      tabayyun serve --db news.db --port 8000
      curl -s localhost:8000/api/check -H 'content-type: application/json' \\
           -d '{"claim": "عقد التحالف اجتماعه في روما"}'
    """
    import uvicorn

    from ..core import Tabayyun
    from .app import create_app

    settings = Settings(token or None, timeout_s, max_upload, max_body, workers)
    try:
        tb = Tabayyun(db, stance_model=stance_name, threads=threads)
        if (
            not no_warm
        ):  # load the models now, so a model that cannot load is an error here, not a traceback later
            tb.warm_up()
    except TabayyunError as e:
        raise CommandError.of(e) from e
    app = create_app(tb, settings=settings)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    where = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(
        f"tabayyun: serving {shown(db)} on http://{where}:{port}/ (API schema: /openapi.json; "
        f"write token {'required' if settings.token else 'not set'})",
        err=True,
    )
    with tb:
        uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=5)
