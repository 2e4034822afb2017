"""What the browser tests share: Debian's Chromium, a real uvicorn server in a thread, a browser.

The pages are tested in real headless Chromium (``/usr/bin/chromium``, driven by Playwright for
Python); :func:`serving` runs the app on a free port of 127.0.0.1 for the length of a ``with``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tabayyun.core import Tabayyun
from tabayyun.server import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(os.environ.get("TABAYYUN_ARTIFACTS", Path(__file__).parent / "artifacts"))
NO_CHROMIUM = "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium; .ci/run does)"


@contextmanager
def serving(tb: Tabayyun) -> Iterator[str]:
    """The app over ``tb`` served by uvicorn in a thread; yields its base URL, closes ``tb`` after."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(tb), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()
        tb.close()


@contextmanager
def chromium(playwright: Any) -> Iterator[Any]:
    """A headless Chromium launched through ``playwright.sync_api``."""
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
