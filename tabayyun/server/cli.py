"""``tabayyun serve``: the HTTP API and the web page, in one process."""

from __future__ import annotations

import logging
import os
import sys

import click

from ..errors import TabayyunError
from ..exitcodes import exit_code, one_line
from ..stance import configured_stance_name
from .limits import MAX_JSON_BYTES, MAX_UPLOAD_BYTES, TIMEOUT_S, WORKERS

DEFAULT_DB = "tabayyun.db"


@click.command()
@click.option(
    "--db", type=click.Path(dir_okay=False), default=lambda: os.environ.get("TABAYYUN_DB", DEFAULT_DB),
    show_default=f"$TABAYYUN_DB or {DEFAULT_DB}", help="The SQLite store (created when missing).",
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--timeout", "timeout_s", default=TIMEOUT_S, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a request may take before it answers 504.")
@click.option("--max-upload", default=MAX_UPLOAD_BYTES, show_default=True, type=click.IntRange(min=1),
              help="Largest document upload, in bytes (413 above).")
@click.option("--max-body", default=MAX_JSON_BYTES, show_default=True, type=click.IntRange(min=1),
              help="Largest body of the other requests, in bytes (413 above).")
@click.option("--workers", default=WORKERS, show_default=True, type=click.IntRange(min=1),
              help="Checks that run at once (in threads, off the event loop).")
@click.option("--no-warm", is_flag=True, help="Load the models on the first check instead of at start-up.")
def serve(
    db: str, host: str, port: int, timeout_s: float, max_upload: int, max_body: int, workers: int, no_warm: bool
) -> None:
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

    from .app import create_app

    token = os.environ.get("TABAYYUN_API_TOKEN") or None
    try:
        configured_stance_name()  # a bad $TABAYYUN_STANCE stops here, in one line, not at the first check
        app = create_app(
            db=db, token=token, timeout_s=timeout_s, max_upload_bytes=max_upload, max_json_bytes=max_body,
            workers=workers,
        )  # fmt: skip
        if not no_warm:  # load the models now, so a model that cannot load is an error here, not a traceback later
            tb = app.state.tabayyun
            tb.embedder.embed(["warm up"])
            _ = tb.stance_model
    except TabayyunError as e:
        click.echo(one_line(e), err=True)
        sys.exit(exit_code(e))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(
        f"tabayyun: serving {db} on http://{shown}:{port}/ (API schema: /openapi.json; "
        f"write token {'required' if token else 'not set'})",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=5)
