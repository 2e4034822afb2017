"""The one way the store reads rows for a list of ids: ``IN (...)`` queries in chunks."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

#: ids per ``IN (...)`` query, well under SQLite's limit of 32,766 host parameters
IN_CHUNK = 500


def rows_in(db: sqlite3.Connection, sql: str, ids: Sequence[int], size: int = IN_CHUNK) -> list[Any]:
    """The rows of ``sql`` (with one ``IN ({})`` slot) for all ``ids``, queried ``size`` at a time."""
    rows: list[Any] = []
    for i in range(0, len(ids), size):
        chunk = list(ids[i : i + size])
        rows.extend(db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall())
    return rows
