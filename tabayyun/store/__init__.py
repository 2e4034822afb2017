"""Storage: the embedded SQLite store (default) with its vector index."""

from .sqlite import SQLiteStore, StoredSentence

__all__ = ["SQLiteStore", "StoredSentence"]
