"""One oversized or slow check must not stall the server (issue 13, item 1).

A check over the source-text limit answers 413 at once; one under the limit but slower than
``--timeout`` answers 504 and its work stops (cooperative cancellation), so normal checks made
meanwhile and afterwards take no more than twice their usual time.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Sequence

import httpx
import numpy as np
from live_server import LiveServer
from numpy.typing import NDArray
from server_fakes import SOURCE_AR

from tabayyun.core import EMBED_CHUNK, Tabayyun
from tabayyun.server import create_app
from tabayyun.server.schemas import MAX_SOURCE_CHARS, MAX_TOTAL_SOURCE_CHARS
from tabayyun.testing import HashingEmbedder, OverlapStance

CLAIM = "وزّعت بلدية الواحة 450 خيمة على الأسر المتضررة"
#: seconds per sentence of a passage batch, and per query: the slow embedder stands in for a model that is
#: busy in native code (the GIL is free); a query costs about what one e5 query does (docs/benchmarks.md)
SECONDS_PER_PASSAGE = 0.002
SECONDS_PER_QUERY = 0.02


class SlowEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.passages = 0

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        time.sleep(SECONDS_PER_QUERY)
        return super().embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.passages += len(texts)
        time.sleep(SECONDS_PER_PASSAGE * len(texts))
        return super().embed(texts)


def long_source(chars: int) -> str:
    line = "قالت البلدية في بيانها إن فرق الإنقاذ عملت طوال الليل في الحي رقم {}.\n"
    out, i = [], 0
    while sum(map(len, out)) < chars:
        out.append(line.format(i))
        i += 1
    return "".join(out)[:chars]


def normal_check_seconds(client: httpx.Client, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.post("/api/check", json={"claim": CLAIM})
        times.append(time.perf_counter() - t)
        assert r.status_code == 200 and r.json()["verdict"] == "supported", r.text
    return statistics.median(times)


def test_over_the_limit_is_413_at_once_and_normal_checks_go_on() -> None:
    embedder = SlowEmbedder()
    with Tabayyun(embedder=embedder, stance_model=OverlapStance()) as tb:
        tb.add_text(SOURCE_AR)
        stored = embedder.passages
        with (
            LiveServer(create_app(tb, timeout_s=5.0)) as server,
            httpx.Client(base_url=server.url, timeout=30) as c,
        ):
            baseline = normal_check_seconds(c, 15)
            # the request: ~1 MB, ten sources of ~99k characters
            big = {"claim": CLAIM, "sources": [long_source(MAX_SOURCE_CHARS - 1000)] * 10}
            results: dict[str, float | int] = {}

            def oversized() -> None:
                t = time.perf_counter()
                results["status"] = httpx.post(f"{server.url}/api/check", json=big, timeout=30).status_code
                results["seconds"] = time.perf_counter() - t

            thread = threading.Thread(target=oversized)
            thread.start()
            during = normal_check_seconds(c, 15)
            thread.join()
    print(f"\n413 after {results['seconds']:.3f} s; normal check median {baseline * 1000:.1f} ms alone, "
          f"{during * 1000:.1f} ms meanwhile")
    assert results["status"] == 413
    assert results["seconds"] < 3.0
    assert embedder.passages == stored  # nothing of the oversized request was embedded
    assert during <= 2 * baseline, (during, baseline)


def test_a_check_past_its_timeout_answers_504_and_stops_working() -> None:
    embedder = SlowEmbedder()
    with Tabayyun(embedder=embedder, stance_model=OverlapStance()) as tb:
        tb.add_text(SOURCE_AR)
        stored = embedder.passages
        app = create_app(tb, timeout_s=1.0)
        with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=30) as c:
            baseline = normal_check_seconds(c, 15)
            source = long_source(min(MAX_SOURCE_CHARS, MAX_TOTAL_SOURCE_CHARS // 2) - 10)
            t = time.perf_counter()
            r = c.post("/api/check", json={"claim": CLAIM, "sources": [source, source + "."]})
            took = time.perf_counter() - t
            assert r.status_code == 504 and r.json()["error"] == "the request took too long"
            assert took < 3.0
            # uncancelled, the work would go on embedding for many seconds
            sentences = 2 * source.count("\n")
            assert sentences * SECONDS_PER_PASSAGE > 3 * took
            time.sleep(2 * EMBED_CHUNK * SECONDS_PER_PASSAGE + 0.1)  # one chunk may still finish
            seen = embedder.passages
            time.sleep(0.5)
            assert embedder.passages == seen, "the timed-out check is still embedding"
            assert seen - stored < sentences / 2
            after = normal_check_seconds(c, 15)
            print(f"\n504 after {took:.2f} s; {seen - stored} of {sentences} sentences embedded; "
                  f"normal check median {baseline * 1000:.1f} ms before, {after * 1000:.1f} ms after")
    assert after <= 2 * baseline, (after, baseline)
