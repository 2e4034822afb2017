"""JSON Lines, read one way everywhere (sources, claim batches, extract batches, eval data)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any


def json_objects(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """``(line_number, object, None)`` or ``(line_number, None, why)`` for each non-blank line.

    Line numbers count from 1 and include blank lines, so they match an editor's.
    """
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield n, None, f"broken JSON ({e.msg})"
            continue
        if not isinstance(obj, dict):
            yield n, None, "a JSON line must be an object"
            continue
        yield n, obj, None
