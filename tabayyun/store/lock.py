"""An inter-process lock: ``flock`` on a small file beside the store (``PATH.lock``).

Held while a store is created and while the vector file is caught up, written and
swapped, so two processes never interleave those steps. SQLite's own locking covers
the database itself. On systems without ``fcntl`` the lock is a no-op.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


def lock_path(db_path: str | Path) -> Path:
    """The lock file of the store at ``db_path``."""
    return Path(str(db_path) + ".lock")


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created when missing) for the ``with`` block.

    Raises ``PermissionError`` (an ``OSError``) when the lock file cannot be created.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
