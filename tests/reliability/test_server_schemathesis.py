"""The OpenAPI schema matches the API: ``schemathesis run`` against a server on 127.0.0.1 (issue 13, item 6).

The server runs the real app over the fast fake models, with a write token (so the auth checks run too),
in a subprocess; schemathesis runs every default check (server errors, response schemas, status codes,
content types, positive and negative data, auth, Allow headers) with bounded examples and a fixed seed.
The few settings a JSON Schema cannot state are in ``schemathesis.toml`` beside this file, each with its
reason.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live_server import free_port

pytest.importorskip("schemathesis")

HERE = Path(__file__).resolve().parent
TOKEN = "schemathesis-token"
#: examples per operation and phase; the run takes about half a minute on a quiet 2-core machine
MAX_EXAMPLES = 10
SEED = 13

SERVE = f"""
import sys
sys.path.insert(0, {str(HERE.parent / "server")!r})
import uvicorn
from server_fakes import SOURCE_AR, SOURCE_EN, fake_tabayyun
from tabayyun.server import create_app
tb = fake_tabayyun()
tb.add_text(SOURCE_AR)
tb.add_text(SOURCE_EN)
uvicorn.run(create_app(tb, token={TOKEN!r}), host="127.0.0.1", port=int(sys.argv[1]), log_level="error")
"""


@pytest.fixture
def server_url() -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
        assert "Traceback" not in err, err


def test_schemathesis_finds_no_failure(server_url: str) -> None:
    cmd = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(HERE / "schemathesis.toml"), "run",
        f"{server_url}/openapi.json", "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED),
        "--header", f"Authorization: Bearer {TOKEN}", "--no-color",
    ]  # fmt: skip
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, cwd=HERE, check=False)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-6000:]
    assert not re.search(r"\d+ (unique )?failures?\b",
                         out), out[-6000:]  # warnings (e.g. many 400s on uploads) may show
    generated = re.search(r"(\d+) generated, (\d+) passed", out)
    assert generated is not None and int(generated.group(1)) >= 150, out[-2000:]
    assert int(generated.group(1)) == int(generated.group(2))
    print(out[out.rfind("SUMMARY") :])  # the figures for docs/reliability.md (pytest -s shows them)
