"""The lexical index: BM25 (tantivy, k1=1.2, b=0.75) over the sentences' stemmed terms.

SQLite holds the terms of record (``sentences.terms``; in stores of schema version 1, the
FTS5 table ``sentence_terms``), written in the same transaction as the sentence. This
index is derived data, kept in a directory beside the store (``PATH.tantivy/``) or in RAM.
:func:`sync` makes it hold exactly what SQLite holds: the sentences with ids above the
largest one it has (ids are never reused), the deletions it has not seen (the store's
``deletions`` counter, recorded in ``tabayyun.json`` next to tantivy's own files after
each commit), and a full comparison of ids when the counts still differ. A tantivy
commit is atomic, and ``tabayyun.json`` is written only after it, so a kill at any moment
leaves an index that the next sync repairs. Writers sync under the store's lock file; a
directory that cannot be opened is rebuilt (or, read-only, replaced by an index in RAM).
"""

from __future__ import annotations

import json
import math
import os
import secrets
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import tantivy

from .queries import rows_in

#: bumped when the index layout changes: an index with another format is rebuilt
FORMAT = 1
STATE_FILE = "tabayyun.json"
WRITER_HEAP = 64_000_000
BATCH = 5000


def index_dir(db_path: str | Path) -> Path:
    """The lexical index directory of the store at ``db_path``."""
    return Path(str(db_path) + ".tantivy")


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("id", indexed=True, fast=True)
    sb.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    return sb.build()


SCHEMA = build_schema()


class LexicalIndex:
    """Sentence ids searchable by their terms; ``path=None`` keeps the index in RAM."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.deletions = -1  # the store's deletion counter this index reflects (-1: unknown)
        if path is None:
            self._index = tantivy.Index(SCHEMA)
            self.deletions = 0
        elif read_only:
            self._index = tantivy.Index.open(str(path))  # raises when missing or unreadable
            self.deletions = self._read_state()
        else:
            self._index = self._open_or_rebuild(path)
        # reloads happen where the store knows the index changed (after a commit, on another
        # process's commit); tantivy's default reader instead watches meta.json from a thread,
        # which reloads (creating its lock file) while the directory is being removed
        self._index.config_reader(reload_policy="Manual")
        self._writer: tantivy.IndexWriter | None = None

    def _open_or_rebuild(self, path: Path) -> tantivy.Index:
        """The index at ``path``; a missing, torn, foreign or older one is replaced by an empty one."""
        if path.is_dir() and self._state_format(path) == FORMAT:
            for tmp in path.glob(f"{STATE_FILE}.*.tmp"):  # left by a killed writer (we hold the lock)
                tmp.unlink(missing_ok=True)
            try:
                if tantivy.Index.exists(str(path)) and tantivy.Index.is_compatible(str(path)):
                    index = tantivy.Index.open(str(path))
                    index.searcher()
                    self.deletions = self._read_state()
                    return index
            except (OSError, ValueError):
                pass
        if path.exists() or path.is_symlink():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        path.mkdir()
        self._write_state(path, -1)
        return tantivy.Index(SCHEMA, path=str(path), reuse=False)

    # -- the state file -----------------------------------------------------------------

    @staticmethod
    def _state_format(path: Path) -> int | None:
        try:
            return int(json.loads((path / STATE_FILE).read_text())["format"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _read_state(self) -> int:
        assert self.path is not None
        try:
            state = json.loads((self.path / STATE_FILE).read_text())
            return int(state["deletions"]) if int(state["format"]) == FORMAT else -1
        except (OSError, ValueError, KeyError, TypeError):
            return -1

    @staticmethod
    def _write_state(path: Path, deletions: int) -> None:
        tmp = path / f"{STATE_FILE}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
        try:
            tmp.write_text(json.dumps({"format": FORMAT, "deletions": deletions}))
            os.replace(tmp, path / STATE_FILE)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    # -- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        """See other processes' commits (and, on disk, the deletions they recorded)."""
        self._index.reload()
        if self.path is not None:
            self.deletions = self._read_state()

    def __len__(self) -> int:
        return int(self._index.searcher().num_docs)

    def max_id(self) -> int:
        hits = self._index.searcher().search(tantivy.Query.all_query(), 1, order_by_field="id").hits
        return int(hits[0][0]) if hits else 0

    def ids(self) -> set[int]:
        searcher = self._index.searcher()
        n = searcher.num_docs
        if n == 0:
            return set()
        hits = searcher.search(tantivy.Query.all_query(), n, count=False).hits
        return {int(v) for v in searcher.fast_field_values("id", [a for _, a in hits]) if isinstance(v, int)}

    def doc_freq(self, term: str) -> int:
        """In how many sentences ``term`` occurs (deleted ones count until segments merge)."""
        return int(self._index.searcher().doc_freq("terms", term))

    def search(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        """BM25 over ``terms`` (OR): ``(sentence_id, score)`` best first, ties by id.

        Each term is boosted by :func:`idf_ratio`, so the scores are FTS5's ``bm25()``
        (up to tantivy's one-byte sentence lengths).
        """
        uniq = list(dict.fromkeys(t for t in terms if t))
        if not uniq or k <= 0:
            return []
        searcher = self._index.searcher()
        n_docs = int(searcher.num_docs)
        clauses = []
        for t in uniq:
            df = int(searcher.doc_freq("terms", t))
            if df:
                boosted = tantivy.Query.boost_query(
                    tantivy.Query.term_query(SCHEMA, "terms", t), idf_ratio(n_docs, df)
                )
                clauses.append((tantivy.Occur.Should, boosted))
        if not clauses:
            return []
        query = tantivy.Query.boolean_query(clauses)
        hits = searcher.search(query, k, count=False).hits
        ids = searcher.fast_field_values("id", [a for _, a in hits])
        ranked = [
            (int(i), float(score)) for (score, _), i in zip(hits, ids, strict=True) if isinstance(i, int)
        ]
        ranked.sort(key=lambda r: (-r[1], r[0]))
        return ranked

    # -- writing ------------------------------------------------------------------------

    def _write(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self._index.writer(WRITER_HEAP, 1)
        return self._writer

    def add(self, rows: Iterable[tuple[int, str]]) -> None:
        writer = self._write()
        for sid, terms in rows:
            doc = tantivy.Document()
            doc.add_unsigned("id", int(sid))
            doc.add_text("terms", terms or "")
            writer.add_document(doc)

    def remove(self, ids: Iterable[int]) -> None:
        chunk = sorted({int(i) for i in ids})
        for i in range(0, len(chunk), BATCH):
            query = tantivy.Query.term_set_query(SCHEMA, "id", chunk[i : i + BATCH])
            self._write().delete_documents_by_query(query)

    def commit(self, deletions: int) -> None:
        """Publish the changes; on disk, release the writer and record ``deletions`` after the commit."""
        if self._writer is not None:
            self._writer.commit()
            if self.path is not None:
                self._writer.wait_merging_threads()  # also releases tantivy's writer lock
                self._writer = None
            self._index.reload()
        if self.path is not None and deletions != self.deletions:
            self._write_state(self.path, deletions)
        self.deletions = deletions


def idf_ratio(n_docs: int, df: int) -> float:
    """FTS5's idf over tantivy's.

    FTS5: ``log((N - n + .5) / (n + .5))``, floored at 1e-6; tantivy: ``log(1 + (N - n + .5) / (n + .5))``.

    FTS5 gives a term in more than half of the sentences almost no weight; tantivy's
    idf never falls below ``log 2`` there. The boost makes the two rankings the same.
    """
    odds = (max(n_docs, df) - df + 0.5) / (df + 0.5)
    return max(math.log(odds), 1e-6) / math.log1p(odds)


def terms_sql(in_fts: bool) -> tuple[str, str]:
    """The queries for the terms of the sentences with ids above ``?`` (``LIMIT ?``) and with given ids."""
    if in_fts:
        return (
            "SELECT rowid, terms FROM sentence_terms WHERE rowid > ? ORDER BY rowid LIMIT ?",
            "SELECT rowid, terms FROM sentence_terms WHERE rowid IN ({})",
        )
    return (
        "SELECT id, terms FROM sentences WHERE id > ? ORDER BY id LIMIT ?",
        "SELECT id, terms FROM sentences WHERE id IN ({})",
    )


def sync(
    index: LexicalIndex, db: sqlite3.Connection, own: dict[int, list[int]], in_fts: bool = False
) -> None:
    """Make ``index`` hold exactly the sentences (and terms) SQLite holds, then commit.

    ``own`` maps a value of the store's deletion counter to the sentence ids this process
    deleted when it set it; those deletions are applied by id, any others by comparing ids.
    ``in_fts``: the terms are in the FTS5 table of a version-1 store.
    """
    deletions = int((db.execute("SELECT value FROM meta WHERE key = 'deletions'").fetchone() or (0,))[0])
    seen = index.deletions
    while seen >= 0 and seen < deletions and seen + 1 in own:
        index.remove(own[seen + 1])
        seen += 1
    if seen != deletions:
        reconcile_all(index, db, in_fts)
        index.commit(deletions)
        return
    add_after(index, db, index.max_id(), in_fts)
    n_sql = int(db.execute("SELECT count(*) FROM sentences").fetchone()[0])
    index.commit(deletions)
    if len(index) != n_sql:
        reconcile_all(index, db, in_fts)
        index.commit(deletions)


def add_after(index: LexicalIndex, db: sqlite3.Connection, after: int, in_fts: bool = False) -> None:
    """Index the sentences with ids above ``after``."""
    while True:
        rows = db.execute(terms_sql(in_fts)[0], (after, BATCH)).fetchall()
        if not rows:
            return
        index.add(rows)
        after = int(rows[-1][0])


def reconcile_all(index: LexicalIndex, db: sqlite3.Connection, in_fts: bool = False) -> None:
    """Compare all ids: remove what SQLite no longer has, add what the index lacks."""
    in_index = index.ids()
    if not in_index:
        add_after(index, db, 0, in_fts)
        return
    in_sql = {int(r[0]) for r in db.execute("SELECT id FROM sentences")}
    index.remove(in_index - in_sql)
    missing = sorted(in_sql - in_index)
    for i in range(0, len(missing), BATCH):
        index.add(rows_in(db, terms_sql(in_fts)[1], missing[i : i + BATCH], size=BATCH))
