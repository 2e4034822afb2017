"""Storage: the embedded SQLite store (default) and, for a shared store, PostgreSQL with pgvector.

:func:`open_store` picks one from what ``--db`` (or ``TABAYYUN_DB``) says: a ``postgresql://`` or
``postgres://`` URL opens a :class:`~tabayyun.store.postgres.PostgresStore` (imported only then, so
psycopg and pgvector are never loaded for a SQLite store); anything else is a SQLite path.
"""

from __future__ import annotations

from pathlib import Path

from ..protocols import Store
from .sqlite import SQLiteStore, StoredSentence

#: the URL schemes that select the PostgreSQL store
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: str | Path) -> bool:
    """Whether ``db`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(db, str) and db.lower().startswith(POSTGRES_SCHEMES)


def shown(db: str | Path) -> str:
    """``db`` as messages and banners show it: a PostgreSQL URL without its password."""
    if is_postgres_url(db):
        from .postgres_schema import masked  # no driver import: the URL is only parsed

        return masked(str(db))
    return str(db)


def open_store(db: str | Path, *, dim: int, create: bool = True, read_only: bool = False) -> Store:
    """The store ``db`` names: PostgreSQL for a ``postgresql://`` URL, else the SQLite file (or ``:memory:``).

    ``create=False`` opens an existing store only; ``read_only=True`` never writes to it.
    """
    if is_postgres_url(db):
        from .postgres import PostgresStore

        return PostgresStore(str(db), dim=dim, create=create, read_only=read_only)
    return SQLiteStore(db, dim=dim, create=create, read_only=read_only)


__all__ = ["POSTGRES_SCHEMES", "SQLiteStore", "StoredSentence", "is_postgres_url", "open_store", "shown"]
