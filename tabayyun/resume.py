"""Checkpoints of the vectors of a big document being added, so an interrupted add resumes its embedding.

A document is stored in one transaction, after all its sentences are embedded: a 50 MB text
(~600k sentences, hours of embedding) would lose everything to a Ctrl-C or a kill. While
such a document is embedded, every :data:`CHUNK` sentences' vectors are written (float16,
as the store keeps them, so a resumed document stores the same bytes) to
``ROOT/<content hash>/<i>.npy``; a later add of the same text reads the chunks that are
there and embeds only the rest; the directory goes once the document is stored.

``ROOT`` is ``PATH.resume`` beside a SQLite store, and a directory under the user's cache
(``$XDG_CACHE_HOME/tabayyun/resume/<hash of the URL>``) for a store named by URL
(``postgresql://...``); an in-memory store has none. A chunk that cannot be read or has the
wrong shape, or a directory written for other sentences, another chunk size or by an
embedder whose vector of :data:`PROBE` differs (``meta.json``), is removed and embedded
again; directories untouched for :data:`STALE_DAYS` are swept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

#: sentences per checkpoint file (64 embedding calls' worth at most is lost to an interrupt)
CHUNK = 1024
#: documents with fewer sentences are not checkpointed (they are embedded in well under a minute)
MIN_SENTENCES = 2 * CHUNK
#: embedded to tell embedders apart: chunks are used only when this text's vector is the same
PROBE = "tabayyun: checkpoint probe — فحص نقطة الاستئناف 2024"
#: largest difference, per coordinate, between two probe vectors of the same model (threads, runtimes)
PROBE_TOLERANCE = 2e-3
#: checkpoint directories not written for this long are removed by the next add that checkpoints
STALE_DAYS = 7.0


def root_for(db: str | Path) -> Path | None:
    """Where the checkpoints of the store ``db`` go (``None``: an in-memory store keeps none)."""
    name = str(db)
    if name == ":memory:":
        return None
    if "://" in name:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cache / "tabayyun" / "resume" / hashlib.sha256(name.encode()).hexdigest()[:24]
    return Path(name + ".resume")


def fingerprint(texts: Sequence[str]) -> str:
    """Identifies the sentences (a change of segmentation between versions makes old chunks useless)."""
    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class Checkpoint:
    """The chunks written so far for one document: ``load(i)``, ``save(i, vectors)``, ``remove()``."""

    def __init__(self, root: Path, content_hash: str, texts: Sequence[str],
                 probe: NDArray[np.float32]) -> None:
        self.root = root
        self.dir = root / content_hash
        self.n, self.dim = len(texts), len(probe)
        self.meta = {"sentences": self.n, "fingerprint": fingerprint(texts), "chunk": CHUNK,
                     "probe": [round(float(x), 6) for x in probe]}
        self._open()

    def _same(self, meta: object) -> bool:
        """``meta`` was written for these sentences, this chunk size and an embedder giving the same probe
        vector (the same model: a class name would not tell two backends or weights apart)."""
        if not isinstance(meta, dict) or meta.keys() != self.meta.keys():
            return False
        if any(meta[k] != v for k, v in self.meta.items() if k != "probe"):
            return False
        theirs = np.asarray(meta["probe"], dtype=np.float64)
        ours = np.asarray(self.meta["probe"], dtype=np.float64)
        return theirs.shape == ours.shape and bool(np.allclose(theirs, ours, atol=PROBE_TOLERANCE))

    def _open(self) -> None:
        meta_path = self.dir / "meta.json"
        try:
            ok = self._same(json.loads(meta_path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            ok = False
        if not ok:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir.mkdir(parents=True, exist_ok=True)
            _atomic_write(meta_path, json.dumps(self.meta).encode())

    def rows(self, i: int) -> int:
        """How many sentences chunk ``i`` holds."""
        return max(0, min(CHUNK, self.n - i * CHUNK))

    def load(self, i: int) -> NDArray[np.float32] | None:
        """Chunk ``i`` as float32 when it was written whole, else ``None`` (a bad file is removed)."""
        path = self.dir / f"{i}.npy"
        try:
            v = np.load(path, allow_pickle=False)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError):
            path.unlink(missing_ok=True)
            return None
        if v.dtype != np.float16 or v.shape != (self.rows(i), self.dim) or not np.isfinite(v).all():
            path.unlink(missing_ok=True)
            return None
        out: NDArray[np.float32] = v.astype(np.float32)
        return out

    def save(self, i: int, vectors: NDArray[np.float32]) -> None:
        """Write chunk ``i`` (a crash mid-write leaves no file under the chunk's name)."""
        buf = _npy_bytes(np.asarray(vectors, dtype=np.float16))
        # again: another process adding the same text may have stored it and removed the directory
        self.dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.dir / f"{i}.npy", buf)

    def remove(self) -> None:
        remove(self.root, self.dir.name)


def remove(root: Path, content_hash: str) -> None:
    """Drop the checkpoint of one document, and the root when nothing else is in it."""
    shutil.rmtree(root / content_hash, ignore_errors=True)
    with contextlib.suppress(OSError):
        root.rmdir()


def sweep(root: Path, *, days: float = STALE_DAYS, now: float | None = None) -> list[str]:
    """Remove checkpoint directories not written for ``days``; returns their names."""
    cut = (time.time() if now is None else now) - days * 86400
    gone = []
    with contextlib.suppress(OSError):
        for d in root.iterdir():
            try:
                newest = max([d.stat().st_mtime, *(f.stat().st_mtime for f in d.iterdir())])
            except OSError:
                continue
            if newest < cut:
                shutil.rmtree(d, ignore_errors=True)
                gone.append(d.name)
    return gone


def _npy_bytes(a: NDArray[np.float16]) -> bytes:
    import io

    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=False)
    return buf.getvalue()


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
