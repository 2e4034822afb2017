"""Batch adding and checking on Ray Data: a pool of actors does the model work, the caller writes.

:func:`ray_add` — each actor loads the embedder once, then reads files, splits them into sentences
and embeds them (``map_batches`` over the file list, ``ActorPoolStrategy``). The caller's process
gets the files back in input order and writes each document to the store in one transaction, with
the same de-duplication as :meth:`~tabayyun.core.Tabayyun.add_documents` (by content hash, against
the store and against the files before it), so the store ends up as a single-process ``add`` of the
same paths leaves it: same documents, sentences, offsets and ids; vectors equal within float
tolerance (the embedder sees other batches). Documents the store already holds are not embedded: the
readers ask one lookup actor that opens the store read-only.

:func:`ray_check` — each actor opens the store read-only (``Tabayyun(db, create=False,
read_only=True)``, so SQLite files on a shared disk and PostgreSQL URLs both work) and checks
batches of claims; results come back in input order, equal to ``check_many``'s. A store the actors
cannot open — ``":memory:"``, or sources that are not in a store — is an :class:`InputError`: put the
sources in a store first (``ray_add``), then check against it.

Workers read files and stores by the paths the caller sees: on a cluster, the paths (and the
caller's working directory) must exist on every node (a shared disk), or use a PostgreSQL store.
``address=None`` starts a local Ray for the call (and stops it after); an address (``"auto"``,
``"ray://host:10001"``) connects to a running cluster. A Ray session already started in this process
is used as it is. Ray is imported only when one of these functions runs.
"""

from __future__ import annotations

import logging
import os
import pickle
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..core import EMBED_CHUNK, Tabayyun, prepare_sentences
from ..embed import E5Embedder
from ..errors import InputError, NoStore, ReadOnlyStore, TabayyunError
from ..ingest import RawDocument, content_hash, expand_paths, read_path
from ..progress import AddCallback, AddTally
from ..protocols import Embedder, StanceModel, passage_vectors
from ..results import AddReport, CheckResult
from ..store import is_postgres_url
from ..store.sqlite import NewSentence

#: how an actor builds its embedder / stance model (default: e5 / the default stance model)
EmbedderFactory = Callable[[], Embedder]
StanceChoice = str | Callable[[], StanceModel] | None
#: files per actor call while adding, claims per actor call while checking
ADD_BATCH = 4
CHECK_BATCH = 4

Batch = dict[str, NDArray[Any]]


@dataclass(frozen=True, slots=True)
class ClaimFailure:
    """A claim that could not be checked (empty, too long, no words): its id and the reason."""

    id: Any
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.error}


@dataclass(frozen=True, slots=True)
class _Prepared:
    raw: RawDocument
    hash: str
    sentences: list[NewSentence]
    vectors: NDArray[np.float32] | None  # None: stored already when it was read (not embedded)


@dataclass(frozen=True, slots=True)
class _Raised:
    """An error tabayyun raised on an actor, to be raised again in the caller."""

    error: TabayyunError


@dataclass(frozen=True, slots=True)
class _ReadFile:
    """One file as an actor sends it back: its documents ready to store, and what could not be read."""

    documents: list[_Prepared]
    errors: list[dict[str, Any]]


# -- the actors -------------------------------------------------------------------------


class _FileReader:
    """Reads, splits and embeds files; the embedder is built once per actor."""

    def __init__(self, cwd: str, max_bytes: int, embedder: EmbedderFactory | None, stored: Any) -> None:
        self.max_bytes = max_bytes
        self.stored = stored  # the _StoredHashes actor, or None
        self.failed: TabayyunError | None = None
        try:
            os.chdir(cwd)  # relative paths name the same files as in the caller (and in the stored sources)
        except OSError as e:
            self.failed = InputError(f"a Ray worker cannot enter {cwd} ({e.strerror}); the workers read the "
                                     "files, so they must see the same paths (a shared disk)")
        self.embedder: Embedder = embedder() if embedder is not None else E5Embedder()

    def __call__(self, batch: Batch) -> Batch:
        try:
            if self.failed is not None:
                raise self.failed
            out = [pickle.dumps(r) for r in self._read(batch["path"])]
        except TabayyunError as e:  # sent back as it is, not as a dead actor that Ray restarts
            out = [pickle.dumps(_Raised(e))] * len(batch["i"])
        return {"i": batch["i"], "payload": np.array(out, dtype=object)}

    def _read(self, paths: NDArray[Any]) -> list[_ReadFile]:
        read = [read_path(str(p), max_bytes=self.max_bytes) for p in paths]
        prepared = [[(raw, content_hash(raw.text), prepare_sentences(raw.text)) for raw in r.documents]
                    for r in read]
        skip = self._stored_already([h for docs in prepared for _, h, _ in docs])
        texts = [s.text for docs in prepared for _, h, ss in docs if h not in skip for s in ss]
        vectors = _embed(self.embedder, texts)
        out, at = [], 0
        for r, docs in zip(read, prepared):
            ready = []
            for raw, h, ss in docs:
                if h in skip:
                    ready.append(_Prepared(raw, h, ss, None))
                    continue
                ready.append(_Prepared(raw, h, ss, vectors[at : at + len(ss)]))
                at += len(ss)
            errors = [{"path": e.path, "line": e.line, "error": e.reason} for e in r.errors]
            out.append(_ReadFile(ready, errors))
        return out


    def _stored_already(self, hashes: list[str]) -> set[str]:
        if self.stored is None or not hashes:
            return set()
        import ray

        known: list[bool] = ray.get(self.stored.known.remote(hashes))
        return {h for h, k in zip(hashes, known) if k}


class _StoredHashes:
    """Which content hashes the store holds already: one read-only opening of the store, asked by every
    reader, so documents stored before the add are not embedded again. A store it cannot open answers
    "none" (the readers then embed everything and the writer still skips what is stored)."""

    def __init__(self, db: str, embedder: EmbedderFactory | None) -> None:
        self.tb: Tabayyun | None = None
        try:
            self.tb = Tabayyun(db, create=False, read_only=True, embedder=_built(embedder))
        except TabayyunError:
            pass

    def known(self, hashes: list[str]) -> list[bool]:
        if self.tb is None:
            return [False] * len(hashes)
        return [self.tb.store.document_id_for_hash(h) is not None for h in hashes]


def _embed(embedder: Embedder, texts: list[str]) -> NDArray[np.float32]:
    """Passage vectors in the chunks ``Tabayyun.add_documents`` uses."""
    parts = [np.zeros((0, embedder.dim), np.float32)]
    parts += [passage_vectors(embedder, texts[i : i + EMBED_CHUNK])
              for i in range(0, len(texts), EMBED_CHUNK)]
    return np.concatenate(parts)


class _Checker:
    """Checks claims against a store it opens read-only; the models load once per actor."""

    def __init__(self, db: str, stance: StanceChoice, embedder: EmbedderFactory | None,
                 threads: int) -> None:
        self.tb: Tabayyun | None = None
        self.failed: TabayyunError | None = None
        model = stance if stance is None or isinstance(stance, str) else stance()
        try:
            self.tb = Tabayyun(db, create=False, read_only=True, stance_model=model, threads=threads,
                               embedder=embedder() if embedder is not None else None)
        except TabayyunError as e:  # reported with the first batch, not as a dead actor that Ray restarts
            self.failed = e

    def __call__(self, batch: Batch) -> Batch:
        try:
            if self.tb is None:
                raise self.failed or InputError("the store could not be opened")
            out = [pickle.dumps(self._one(*pickle.loads(item))) for item in batch["claim"]]
        except TabayyunError as e:
            out = [pickle.dumps(_Raised(e))] * len(batch["i"])
        return {"i": batch["i"], "payload": np.array(out, dtype=object)}

    def _one(self, cid: Any, text: str) -> CheckResult | ClaimFailure:
        assert self.tb is not None
        try:
            return self.tb.check(text, id=cid)
        except InputError as e:
            return ClaimFailure(cid, str(e))


# -- the caller's side -------------------------------------------------------------------


def ray_add(
    tb_or_db: Tabayyun | str, paths: Sequence[str | Path], *, address: str | None = None, workers: int = 2,
    cpus_per_worker: int = 1, batch_size: int = ADD_BATCH, embedder: EmbedderFactory | None = None,
    progress: AddCallback | None = None, db: str | Path | None = None,
) -> AddReport:  # fmt: skip
    """Add files (directories expand) with reading, splitting and embedding on ``workers`` Ray actors.

    ``tb_or_db``: an open :class:`Tabayyun` (its store receives the documents and stays open) or a
    store (path or URL, created when missing, closed after). ``embedder`` builds each actor's embedder
    (default: e5). ``progress`` gets an :class:`~tabayyun.progress.AddProgress` as in
    :meth:`Tabayyun.add_files` (sentences count as done when their file is stored). Returns the same
    report as ``add_files``.

    The readers skip embedding the documents the store already holds, asking one actor that opens the
    store read-only: the store ``tb_or_db`` names, or ``db`` (its path or URL) when ``tb_or_db`` is a
    :class:`Tabayyun`. Without it (or for ``":memory:"``) they embed everything and the writer skips
    the stored documents.
    """
    files = expand_paths([str(p) for p in paths])
    tb = tb_or_db if isinstance(tb_or_db, Tabayyun) else Tabayyun(tb_or_db, embedder=_built(embedder))
    try:
        if tb.store.read_only:
            raise ReadOnlyStore("the store is open read-only: documents cannot be added")
        writer = _Writer(tb, AddTally(progress, files_total=len(files)))
        if files:
            lookup = _lookup(db if isinstance(tb_or_db, Tabayyun) else tb_or_db)
            with _ray_session(address, workers, cpus_per_worker) as ray:
                stored = None if lookup is None else _start_lookup(ray, lookup, embedder)
                items = [{"i": i, "path": p} for i, p in enumerate(files)]
                ds = _items(ray, items, batch_size).map_batches(
                    _FileReader, fn_constructor_kwargs={"cwd": os.getcwd(), "max_bytes": tb.max_file_bytes,
                                                        "embedder": embedder, "stored": stored},
                    compute=_pool(ray, workers, len(files), batch_size), batch_size=batch_size,
                    num_cpus=cpus_per_worker,
                )  # fmt: skip
                try:
                    for i, read in _in_order(_payloads(ds)):
                        writer.file(files[i], read)
                finally:
                    if stored is not None:
                        ray.kill(stored)
        tb.store.flush()
        return writer.report()
    finally:
        if tb is not tb_or_db:
            tb.close()


def _lookup(db: str | Path | None) -> str | None:
    """The store as an actor opens it to look hashes up (a file by its absolute path); None: no lookup."""
    if db is None or str(db) in ("", ":memory:"):
        return None
    return str(db) if is_postgres_url(str(db)) else str(Path(db).resolve())


def _start_lookup(ray: Any, lookup: str, embedder: EmbedderFactory | None) -> Any:
    """The :class:`_StoredHashes` actor (it takes no CPU from the readers: it only answers lookups)."""
    return ray.remote(num_cpus=0)(_StoredHashes).remote(lookup, embedder)


def _built(factory: EmbedderFactory | None) -> Embedder | None:
    return factory() if factory is not None else None


class _Writer:
    """Stores files as they come back, in order; keeps what ``add_files`` reports."""

    def __init__(self, tb: Tabayyun, tally: AddTally) -> None:
        self.store = tb.store
        self.embedder = tb.embedder
        self.tally = tally
        self.added: list[str] = []
        self.unchanged: list[str] = []
        self.errors: list[dict[str, Any]] = []
        self.seen: dict[str, int] = {}

    def file(self, path: str, read: _ReadFile) -> None:
        self.errors.extend(read.errors)
        self.tally.file()
        added = unchanged = 0
        for doc in read.documents:
            existing = self.seen.get(doc.hash) or self.store.document_id_for_hash(doc.hash)
            if existing is None:
                self.tally.plan(len(doc.sentences))
                vectors = doc.vectors
                if vectors is None:  # stored when it was read, deleted since (rare): embedded here
                    vectors = _embed(self.embedder, [s.text for s in doc.sentences])
                self.tally.embedded(len(doc.sentences))
                raw = doc.raw
                existing, created = self.store.add_document(
                    text=raw.text, content_hash=doc.hash, title=raw.title, source=raw.source,
                    sentences=doc.sentences, vectors=vectors, url=raw.url, date=raw.date,
                )  # fmt: skip
                added += created
                unchanged += not created
            else:
                unchanged += 1
            self.seen[doc.hash] = existing
            self.tally.document()
        if added:
            self.added.append(path)
        elif unchanged:
            self.unchanged.append(path)

    def report(self) -> AddReport:
        return AddReport(
            added=tuple(self.added), unchanged=tuple(self.unchanged), errors=tuple(self.errors),
            documents=self.store.count_documents(), sentences=self.store.count_sentences(),
        )  # fmt: skip


def ray_check(
    db: str | Path, claims: Iterable[tuple[Any, str]], *, address: str | None = None, workers: int = 2,
    cpus_per_worker: int = 1, batch_size: int = CHECK_BATCH, stance: StanceChoice = None,
    embedder: EmbedderFactory | None = None,
) -> Generator[CheckResult | ClaimFailure, None, None]:  # fmt: skip
    """Check ``(id, claim)`` pairs on ``workers`` Ray actors; one result per pair, in input order.

    Each actor opens the store at ``db`` read-only and loads the models once (``stance``: a stance
    model's name or a factory; ``embedder``: a factory; defaults as in :class:`Tabayyun`; the learned
    stance model runs ``cpus_per_worker`` threads). A claim that cannot be checked gives a
    :class:`ClaimFailure` in its place instead of stopping the batch.
    """
    where = _store_for_workers(str(db))
    items = [{"i": i, "claim": pickle.dumps((cid, text))} for i, (cid, text) in enumerate(claims)]
    if not items:
        return
    with _ray_session(address, workers, cpus_per_worker) as ray:
        ds = _items(ray, items, batch_size).map_batches(
            _Checker, fn_constructor_kwargs={"db": where, "stance": stance, "embedder": embedder,
                                             "threads": cpus_per_worker},
            compute=_pool(ray, workers, len(items), batch_size), batch_size=batch_size,
            num_cpus=cpus_per_worker,
        )  # fmt: skip
        for _, result in _in_order(_payloads(ds)):
            yield result


def _store_for_workers(db: str) -> str:
    """The store as the actors will open it: a URL as it is, a file by its absolute path."""
    if is_postgres_url(db):
        return db
    if db == ":memory:" or not db:
        raise InputError("checking on Ray needs a store the workers can open (a file or a URL), "
                         "not one in memory; add the sources to a store first")
    path = Path(db).resolve()
    if not path.exists():
        raise NoStore(f"no store at {db}; add documents first")
    return str(path)


def _payloads(ds: Any) -> Iterator[tuple[int, Any]]:
    """``(index, object)`` per row of the dataset as it streams back; an error tabayyun raised on an actor
    is raised here as itself."""
    for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
        for i, payload in zip(batch["i"], batch["payload"]):
            obj = pickle.loads(payload)
            if isinstance(obj, _Raised):
                raise obj.error
            yield int(i), obj


def _items(ray: Any, items: list[dict[str, Any]], batch_size: int) -> Any:
    """The work as a dataset of one block per batch (so every actor gets work from the start)."""
    return ray.data.from_items(items, override_num_blocks=_batches(len(items), batch_size))


def _batches(n: int, batch_size: int) -> int:
    return max(1, -(-n // batch_size))


def _pool(ray: Any, workers: int, n: int, batch_size: int) -> Any:
    """``workers`` actors, or fewer when there are fewer batches (an idle actor would only load models)."""
    return ray.data.ActorPoolStrategy(size=min(workers, _batches(n, batch_size)))


def _in_order(rows: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    """Rows numbered 0, 1, 2, ... yielded in that order whatever order they arrive in."""
    waiting: dict[int, Any] = {}
    nxt = 0
    for i, obj in rows:
        waiting[i] = obj
        while nxt in waiting:
            yield nxt, waiting.pop(nxt)
            nxt += 1
    if waiting:
        raise RuntimeError(f"Ray returned rows out of range: {sorted(waiting)[:5]}")


@contextmanager
def _ray_session(address: str | None, workers: int, cpus_per_worker: int) -> Iterator[Any]:
    """Ray, started locally (``address=None``) or connected; stopped after only if started here.

    Results stream back in input order (``preserve_order``); Ray Data's progress bars and
    informational log lines are off for the call (they would mix with the command's output).
    """
    if workers < 1 or cpus_per_worker < 1:
        raise InputError("workers and CPUs per worker must be at least 1")
    try:
        import ray
        import ray.data
    except ImportError as e:
        raise InputError("batch work on Ray needs Ray: pip install 'tabayyun[scale]'") from e
    need = workers * cpus_per_worker
    started = not ray.is_initialized()
    if started:
        _start(ray, address, need)
    try:
        have = _cluster_cpus(ray)
        if have < need:
            raise InputError(f"the Ray cluster has {have:g} CPUs; {workers} workers need {need}")
        with _quiet_data(ray):
            yield ray
    finally:
        if started:
            ray.shutdown()


def _cluster_cpus(ray: Any) -> float:
    resources: dict[str, float] = ray.cluster_resources()
    return float(resources.get("CPU", 0))


def _start(ray: Any, address: str | None, need: int) -> None:
    if address is None:
        # a private local Ray: this machine only, no dashboard, no token (nothing else can reach it)
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        ray.init(address="local", num_cpus=max(need, os.cpu_count() or 1), include_dashboard=False,
                 _node_ip_address="127.0.0.1", log_to_driver=False, configure_logging=False)
    else:
        ray.init(address=address, log_to_driver=False, configure_logging=False)


@contextmanager
def _quiet_data(ray: Any) -> Iterator[None]:
    with warnings.catch_warnings():  # Ray 2.60's default context sets a field that it deprecates itself
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx = ray.data.DataContext.get_current()
    saved = (ctx.execution_options.preserve_order, ctx.enable_progress_bars)
    logger = logging.getLogger("ray.data")
    level = logger.level
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        ctx.execution_options.preserve_order, ctx.enable_progress_bars = saved
        logger.setLevel(level)
