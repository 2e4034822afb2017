"""Exceptions raised by tabayyun.

The whole tree::

    TabayyunError               base of everything tabayyun raises on purpose
    ├── InputError              bad user input (maps to exit code 2 / HTTP 400)
    │   ├── IngestError         a file (or a line of it) could not be read as a document;
    │   │                       carries ``path`` and, where known, ``line``
    │   └── ClaimError          an empty or over-long claim
    ├── StoreError              the store could not be opened, read or written
    │   ├── NotFound            a document id that does not exist (HTTP 404)
    │   ├── NoStore             no store at the path, and the caller asked not to create one
    │   ├── NotAStore           the file exists but is not a tabayyun store (left untouched)
    │   ├── StoreVersionError   a store written by a newer (or unknown) schema version
    │   └── StorePermissionError the file system refuses: a new store in a read-only directory
    │       └── ReadOnlyStore   a write (add, delete) to a store opened read-only
    └── ModelError              a model could not be loaded or run
"""

from __future__ import annotations


class TabayyunError(Exception):
    """Base class of every error tabayyun raises on purpose."""


class InputError(TabayyunError):
    """Bad user input."""


class IngestError(InputError):
    """A file could not be turned into a document."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        where = path or ""
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = message


class ClaimError(InputError):
    """An empty or over-long claim."""


class StoreError(TabayyunError):
    """The store failed."""


class NotFound(StoreError):
    """Something asked for by id does not exist."""


class NoStore(StoreError):
    """There is no store at the path, and the caller asked not to create one."""


class NotAStore(StoreError):
    """The path holds a file that is not a tabayyun store; it is never modified."""


class StoreVersionError(StoreError):
    """The store was written by a newer or unknown version of the schema."""


class StorePermissionError(StoreError):
    """The file system refuses what the store needs (e.g. creating a store in a read-only directory)."""


class ReadOnlyStore(StorePermissionError):
    """A write to a store that is open read-only (a read-only file or directory, or ``read_only=True``)."""


class ModelError(TabayyunError):
    """A model could not be loaded or run."""
