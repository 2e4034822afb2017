"""The main object: :class:`Tabayyun` — a store of sources and the claim checker over it.

    >>> tb = Tabayyun("news.db")              # or Tabayyun() for memory only
    >>> tb.add_files(["statement.txt"])
    >>> tb.check("التحالف يضم 83 دولة").verdict
    'supported'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from . import resume
from .cancel import CancelToken, checkpoint
from .claims.parts import check_parts, renumbered
from .embed import E5Embedder
from .errors import ClaimError
from .ingest import DEFAULT_MAX_BYTES, RawDocument, content_hash, expand_paths, read_path, title_from_text
from .progress import AddCallback, AddTally
from .protocols import Embedder, Retriever, StanceModel, Store, VectorStanceModel, passage_vectors
from .results import STANCES, A, AddReport, Check, CheckResult, D, Document, Evidence, SearchHit, U
from .retrieve import HybridRetriever, neighbours, window
from .stance import DEFAULT as DEFAULT_STANCE
from .stance import load_stance_model
from .stance.gated import GatedStance
from .store import open_store
from .store.sqlite import NewSentence
from .text import sentences, terms
from .verdict import (
    apply_checks,
    decide,
    is_on_topic,
    is_specific,
    resolve_checks,
    stance_of,
)

if TYPE_CHECKING:
    from .extract.types import Extraction

MAX_CLAIM_CHARS = 2000
#: sentences embedded together while adding (across documents)
EMBED_BATCH = 256
#: sentences per embedding call inside a batch (a multiple of the e5 embedder's batch, so vectors are the
#: same);
#: cancellation is checked between these
EMBED_CHUNK = 64
#: candidates the stance model reads per claim, and evidence sentences reported
CANDIDATES = 8
EVIDENCE = 5

def prepare_sentences(text: str) -> list[NewSentence]:
    """Split a document into sentences with offsets and their lexical terms."""
    out = []
    for span in sentences(text):
        s = text[span.start : span.end]
        out.append(NewSentence(span.start, span.end, s, " ".join(terms(s))))
    return out


class Tabayyun:
    """Sources in one store, and checks of claims against them.

    ``db`` is a SQLite path, ``":memory:"`` (the default) to keep nothing on disk, or a
    ``postgresql://`` URL (a shared store, see :func:`tabayyun.store.open_store`); ``store``, when
    given, is a store of the caller's own (``db``, ``create`` and ``read_only`` are then unused; the
    caller's store is closed with this object).
    ``embedder`` and ``stance_model`` are the swap points (see :mod:`tabayyun.protocols`);
    by default the e5 embedder and the default stance model (see :mod:`tabayyun.stance`),
    loaded on first use. ``stance_model`` may also name one: ``"gated"``, ``"learned"`` or ``"heuristic"``.
    ``create=False`` opens an existing store only; ``read_only=True`` never writes to it
    (see :class:`~tabayyun.store.sqlite.SQLiteStore`). ``threads``: the learned stance model's
    runtime threads (default: one per usable core, at most 8).
    """

    def __init__(
        self,
        db: str | Path = ":memory:",
        *,
        embedder: Embedder | None = None,
        stance_model: StanceModel | str | None = None,
        max_file_bytes: int = DEFAULT_MAX_BYTES,
        create: bool = True,
        read_only: bool = False,
        threads: int | None = None,
        store: Store | None = None,
    ) -> None:
        self.embedder: Embedder = embedder if embedder is not None else E5Embedder()
        self.store: Store = (
            store if store is not None
            else open_store(db, dim=self.embedder.dim, create=create, read_only=read_only)
        )  # fmt: skip
        # where a big document's embedding checkpoints go (tabayyun.resume); none for a caller's own store
        self._db = db if store is None else ":memory:"
        self.retriever: Retriever = HybridRetriever(self.store, self.embedder)
        self._stance_name = stance_model if isinstance(stance_model, str) else None
        self._stance_model = None if isinstance(stance_model, str) else stance_model
        self.max_file_bytes = max_file_bytes
        self.threads = threads

    @property
    def stance_model(self) -> StanceModel:
        if self._stance_model is None:
            self._stance_model = load_stance_model(self._stance_name or DEFAULT_STANCE, self.embedder,
                                                   threads=self.threads)
        return self._stance_model

    # -- life cycle -----------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def warm_up(self) -> None:
        """Load the models now (a model that cannot load raises here, not at the first check)."""
        self.embedder.embed(["warm up"])
        _ = self.stance_model

    def __enter__(self) -> Tabayyun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- adding ---------------------------------------------------------------------

    def add_documents(
        self, docs: Iterable[RawDocument], progress: AddCallback | None = None, *,
        cancel: CancelToken | None = None
    ) -> tuple[list[int], list[int]]:
        """Store documents (one transaction each); returns ``(added_ids, unchanged_ids)``.

        Sentences of several documents are embedded together for throughput. ``progress`` is
        called with an :class:`~tabayyun.progress.AddProgress` (counted in sentences) as the work
        advances. A document stored already (same text) is skipped, so adding again after an
        interruption resumes at the first document not stored; a big document's vectors are also
        checkpointed while it is embedded (see :mod:`tabayyun.resume`), so it resumes mid-way.
        With ``cancel``, stops with :class:`~tabayyun.cancel.Cancelled` between embedding chunks
        once it is set (the documents stored before that stay stored, each whole).
        """
        return self._add(docs, AddTally(progress), cancel)

    def _add(self, docs: Iterable[RawDocument], tally: AddTally,
             cancel: CancelToken | None) -> tuple[list[int], list[int]]:
        added: list[int] = []
        unchanged: list[int] = []
        pending: list[tuple[RawDocument, str, list[NewSentence]]] = []
        seen: dict[str, int | None] = {}

        def store(raw: RawDocument, h: str, ss: list[NewSentence], vecs: NDArray[np.float32]) -> None:
            doc_id, created = self.store.add_document(
                text=raw.text, content_hash=h, title=raw.title, source=raw.source,
                sentences=ss, vectors=vecs, url=raw.url, date=raw.date,
            )  # fmt: skip
            (added if created else unchanged).append(doc_id)
            seen[h] = doc_id
            tally.document()

        def flush() -> None:
            if not pending:
                return
            texts = [s.text for _, _, ss in pending for s in ss]
            vectors = self._embed_passages(texts, cancel, tally)
            at = 0
            for raw, h, ss in pending:
                store(raw, h, ss, vectors[at : at + len(ss)])
                at += len(ss)
            pending.clear()

        for raw in docs:
            checkpoint(cancel)
            h = content_hash(raw.text)
            if h in seen and seen[h] is None:  # a duplicate of a document still pending: store that first
                flush()
            existing = seen.get(h) or self.store.document_id_for_hash(h)
            if existing is not None:
                unchanged.append(existing)
                self._drop_checkpoint(h)  # left by an add killed between storing the document and this
                tally.document()
                continue
            seen[h] = None
            ss = prepare_sentences(raw.text)
            tally.plan(len(ss))
            if len(ss) >= resume.MIN_SENTENCES and self._resume_root() is not None:
                flush()
                store(raw, h, ss, self._embed_resumable(h, [s.text for s in ss], cancel, tally))
                self._drop_checkpoint(h)
                continue
            pending.append((raw, h, ss))
            if sum(len(ss) for _, _, ss in pending) >= EMBED_BATCH:
                flush()
        flush()
        self.store.flush()
        return added, unchanged

    def _embed_passages(self, texts: list[str], cancel: CancelToken | None,
                        tally: AddTally | None = None) -> NDArray[np.float32]:
        parts = [np.zeros((0, self.embedder.dim), np.float32)]
        for i in range(0, len(texts), EMBED_CHUNK):
            checkpoint(cancel)
            parts.append(passage_vectors(self.embedder, texts[i : i + EMBED_CHUNK]))
            if tally is not None:
                tally.embedded(len(parts[-1]))
        return np.concatenate(parts)

    # -- resuming a big document (see tabayyun.resume) ---------------------------------

    def _resume_root(self) -> Path | None:
        return None if self.store.read_only else resume.root_for(self._db)

    def _embed_resumable(self, h: str, texts: list[str], cancel: CancelToken | None,
                         tally: AddTally) -> NDArray[np.float32]:
        """The vectors of one big document, chunk by chunk: a chunk checkpointed by an interrupted add is
        read back, the others are embedded and checkpointed as they are done."""
        root = self._resume_root()
        assert root is not None
        resume.sweep(root)
        probe = passage_vectors(self.embedder, [resume.PROBE])[0]
        saved = resume.Checkpoint(root, h, texts, probe)
        parts = [np.zeros((0, self.embedder.dim), np.float32)]
        for i in range(0, len(texts), resume.CHUNK):
            checkpoint(cancel)
            got = saved.load(i // resume.CHUNK)
            if got is not None:
                tally.embedded(len(got), resumed=True)
            else:
                got = self._embed_passages(texts[i : i + resume.CHUNK], cancel, tally)
                saved.save(i // resume.CHUNK, got)
            parts.append(got)
        return np.concatenate(parts)

    def _drop_checkpoint(self, h: str) -> None:
        root = self._resume_root()
        if root is not None and (root / h).exists():
            resume.remove(root, h)

    def add_text(
        self, text: str, *, title: str | None = None, source: str = "text", url: str | None = None,
        date: str | None = None,
    ) -> tuple[Document, bool]:  # fmt: skip
        """Store one text; returns the document and whether it was new."""
        raw = RawDocument(text=text, title=title or title_from_text(text), source=source, url=url, date=date)
        added, unchanged = self.add_documents([raw])
        doc_id = (added or unchanged)[0]
        return self.store.document(doc_id), bool(added)

    def add_files(self, paths: Sequence[str | Path], progress: AddCallback | None = None, *,
                  cancel: CancelToken | None = None) -> AddReport:
        """Read and store files (directories expand); bad files are reported, the rest go in.

        ``progress`` as in :meth:`add_documents`, with the files read so far and their number.
        """
        added_src: list[str] = []
        unchanged_src: list[str] = []
        errors: list[dict[str, Any]] = []
        expanded = expand_paths([str(p) for p in paths])
        tally = AddTally(progress, files_total=len(expanded))
        for path in expanded:
            result = read_path(path, max_bytes=self.max_file_bytes)
            for e in result.errors:
                errors.append({"path": e.path, "line": e.line, "error": e.reason})
            tally.file()
            added, unchanged = self._add(result.documents, tally, cancel)
            if added:
                added_src.append(path)
            elif unchanged and not added:
                unchanged_src.append(path)
        return AddReport(
            added=tuple(added_src), unchanged=tuple(unchanged_src), errors=tuple(errors),
            documents=self.store.count_documents(), sentences=self.store.count_sentences(),
        )  # fmt: skip

    # -- reading --------------------------------------------------------------------

    def document(self, document_id: int) -> Document:
        return self.store.document(document_id)

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        return self.store.documents(limit, offset)

    def count_documents(self) -> int:
        return self.store.count_documents()

    def delete(self, document_id: int) -> None:
        self.store.delete_document(document_id)
        self.store.flush()

    def search(self, query: str, k: int = 10) -> list[SearchHit]:
        """The ``k`` best sentences for ``query`` (hybrid: lexical + dense, fused)."""
        _validate_claim(query)
        return self.retriever.search(query, k)

    # -- checking -------------------------------------------------------------------

    def check(
        self, claim: str, *, sources: Sequence[str | RawDocument] | None = None,
        documents: Sequence[int] | None = None, id: Any = None, cancel: CancelToken | None = None,
    ) -> CheckResult:  # fmt: skip
        """Check one claim against the store, or only against ``sources`` and/or the stored ``documents``.

        ``documents`` are stored document ids (a missing one raises :class:`~tabayyun.errors.NotFound`);
        their evidence and checks keep those ids, while evidence from ``sources`` (not stored) has
        ``document_id=None``. With ``cancel`` (see :mod:`tabayyun.cancel`) the check stops between
        stages once it is set. A claim of several parts gets each part checked the same way and the
        verdict from the parts' (see :mod:`tabayyun.claims.parts`); every result has its reason.
        """
        _validate_claim(claim)
        if sources is not None or documents is not None:
            with self._picked(sources or (), documents or (), cancel) as (scratch, back):
                return back(scratch.check(claim, id=id, cancel=cancel))

        vectors: dict[str, NDArray[np.float32]] = {}

        def prepare(texts: list[str]) -> None:
            # every text judge may read (each part, and the whole claim) embedded in one call: the same
            # vectors as one call each (the e5 engines batch by length), in less time
            checkpoint(cancel)
            vectors.update(zip(texts, self.embedder.embed(texts), strict=True))

        def judge(text: str, _part: object) -> CheckResult:
            checkpoint(cancel)
            vector = vectors[text] if text in vectors else self.embedder.embed([text])[0]
            checkpoint(cancel)
            hits = self.retriever.search(text, CANDIDATES, query_vector=vector)
            checkpoint(cancel)
            return self._judge(text, hits, id, vector)

        # the store: where a naming part counts names
        return check_parts(claim, id, judge, store=self.store, prepare=prepare)

    def check_many(
        self, claims: Iterable[tuple[Any, str]], *, sources: Sequence[str | RawDocument] | None = None,
        documents: Sequence[int] | None = None, cancel: CancelToken | None = None,
    ) -> Iterator[CheckResult]:  # fmt: skip
        """Check ``(id, claim)`` pairs in order (``sources`` and ``documents``, when given, are read once)."""
        if sources is not None or documents is not None:
            with self._picked(sources or (), documents or (), cancel) as (scratch, back):
                yield from map(back, scratch.check_many(claims, cancel=cancel))
            return
        for cid, claim in claims:
            yield self.check(claim, id=cid, cancel=cancel)

    def with_sources(self, sources: Sequence[str | RawDocument], *,
                     cancel: CancelToken | None = None) -> Tabayyun:
        """A new in-memory Tabayyun holding only ``sources``, sharing this one's models (close it after
        use)."""
        scratch = Tabayyun(":memory:", embedder=self.embedder, stance_model=self.stance_model)
        docs = [
            s
            if isinstance(s, RawDocument)
            else RawDocument(text=s, title=title_from_text(s), source=f"source {i + 1}")
            for i, s in enumerate(sources)
        ]
        try:
            scratch.add_documents([d for d in docs if d.text.strip()], cancel=cancel)
        except BaseException:
            scratch.close()
            raise
        return scratch

    @contextmanager
    def _picked(
        self, sources: Sequence[str | RawDocument], documents: Sequence[int], cancel: CancelToken | None
    ) -> Iterator[tuple[Tabayyun, Callable[[CheckResult], CheckResult]]]:
        """A scratch Tabayyun over ``sources`` and copies of the stored ``documents``, and how to map its
        results back: evidence and checks of a stored document get its id, those of a source ``None``."""
        picked = [self.document(i) for i in dict.fromkeys(documents)]  # NotFound before any work
        copies = [RawDocument(text=d.text, title=d.title, source=d.source, url=d.url,
                              date=d.date) for d in picked]
        with self.with_sources([*sources, *copies], cancel=cancel) as scratch:
            stored = {content_hash(d.text): d.id for d in picked}
            back: dict[int, int | None] = {}
            hashes = {content_hash(s.text if isinstance(s, RawDocument) else s) for s in sources}
            for h in hashes | set(stored):
                scratch_id = scratch.store.document_id_for_hash(h)
                if scratch_id is not None:
                    back[scratch_id] = stored.get(h)
            yield scratch, partial(_renumbered, back)

    def _stance(self, claim: str, hits: list[SearchHit], claim_vector: NDArray[np.float32],
                checks: list[list[Check]]) -> NDArray[np.float64]:
        """Stance probabilities; a model that can use vectors gets the stored ones (no re-embedding), and
        the gated model reads only the rows that can change the verdict (``checks``, each hit's explicit
        checks, tell which may be or are on topic whatever the gate says, see
        :meth:`~tabayyun.stance.gated.GatedStance.predict_for_verdict`)."""
        model = self.stance_model
        claims, texts = [claim] * len(hits), [h.text for h in hits]
        if isinstance(model, VectorStanceModel):
            stored = self.store.vectors_of([h.sentence_id for h in hits])
            if len(stored) == len(hits):
                ev = np.stack([stored[h.sentence_id] for h in hits])
                cv = np.stack([claim_vector] * len(hits))
                if isinstance(model, GatedStance):
                    maybe = np.array([_specific_match(c) for c in checks], dtype=bool)
                    surely = np.array([_confirmed(c) for c in checks], dtype=bool)
                    return model.predict_for_verdict(claims, texts, cv, ev, maybe, surely)
                return model.predict_proba_vectors(claims, texts, cv, ev)
        return model.predict_proba(claims, texts)

    def _judge(self, claim: str, hits: list[SearchHit], cid: Any,
               claim_vector: NDArray[np.float32]) -> CheckResult:
        if not hits:
            none = decide([])  # nothing retrieved: not_enough_info, at its calibrated confidence
            return CheckResult(
                claim=claim, verdict=none.verdict, confidence=none.confidence, evidence=(), checks=(), id=cid
            )
        from .extract import extract  # lazily: the alias table (pycountry) loads on first use
        from .extract.document_date import document_date

        claim_x = extract(claim)
        docs = {h.document_id: self.store.document(h.document_id) for h in hits}
        dates = {i: document_date(d.date, d.text) for i, d in docs.items()}
        checks = [self._checks_for(claim, claim_x, hit, dates[hit.document_id]) for hit in hits]
        probs = self._stance(claim, hits, claim_vector, checks)
        per_sentence = [_on_topic(p, c) for p, c in zip(probs, checks)]
        wider, wider_checks = self._windows(claim, claim_x, hits, per_sentence,
                                            {i: d.text for i, d in docs.items()},
                                            dates)
        if wider:
            wider_probs = self.stance_model.predict_proba([claim] * len(wider), [w.text for w in wider])
            hits, probs = [*hits, *wider], np.vstack([probs, wider_probs])
            per_sentence += [_on_topic(p, c) for p, c in zip(wider_probs, wider_checks)]
        per_sentence = resolve_checks(per_sentence)
        adjusted = [apply_checks(p, checks) for p, checks in zip(probs, per_sentence)]
        all_checks = list(dict.fromkeys(c for checks in per_sentence for c in checks))
        decision = decide(adjusted, contradicted=any(c.result == "mismatch" for c in all_checks))
        # on-topic sentences first: an off-topic one's agree/disagree mass is noise (and, from the gated
        # model, the gate's split: see GatedStance.predict_for_verdict), it must not outrank them
        order = sorted(
            range(len(hits)),
            key=lambda i: (not is_on_topic(adjusted[i]), -max(adjusted[i][A], adjusted[i][D]), adjusted[i][U],
                           -hits[i].score)
        )[:EVIDENCE]
        evidence = tuple(
            Evidence(
                text=hits[i].text, stance=stance_of(adjusted[i]), score=round(float(adjusted[i].max()), 4),
                source=hits[i].source, start=hits[i].start, end=hits[i].end, document_id=hits[i].document_id,
                probabilities={s: round(float(v), 4) for s, v in zip(STANCES, adjusted[i])},
            )
            for i in order
        )
        return CheckResult(
            claim=claim, verdict=decision.verdict, confidence=decision.confidence,
            evidence=evidence, checks=tuple(all_checks), id=cid,
        )  # fmt: skip

    @staticmethod
    def _checks_for(claim: str, claim_x: Extraction, hit: SearchHit,
                    evidence_date: date | None) -> list[Check]:
        """The explicit comparisons of ``claim`` with one hit, offsets into its document."""
        from .extract import compare

        return [
            replace(
                c, source=hit.source, document_id=hit.document_id,
                evidence_start=None if c.evidence_start is None else hit.start + c.evidence_start,
                evidence_end=None if c.evidence_end is None else hit.start + c.evidence_end,
            )
            for c in compare(claim, hit.text, claim_extraction=claim_x, evidence_date=evidence_date)
        ]

    def _windows(
        self, claim: str, claim_x: Extraction, hits: list[SearchHit], per_sentence: list[list[Check]],
        texts: dict[int, str], dates: dict[int, date | None],
    ) -> tuple[list[SearchHit], list[list[Check]]]:  # fmt: skip
        """Two adjacent sentences judged together when each states a fact of the claim the other does not.

        "التقى الوزراء يوم 3 أيار" then "وعقد الاجتماع في عمّان": neither sentence alone
        holds both the date and the place of "met in Amman on May 3"; the pair does.
        Only on-topic hits (with checks) are widened, and only when the claim has two
        facts or more; the window's offsets index the document.
        """
        facts = len(claim_x.quantities) + len(claim_x.dates) + len({e.canonical for e in claim_x.entities})
        if facts < 2:
            return [], []
        out: dict[tuple[int, int, int], tuple[SearchHit, list[Check]]] = {}
        for hit, checks in zip(hits, per_sentence):
            own = _addressed(checks)
            if not own or len(own) >= facts:
                continue
            text = texts[hit.document_id]
            for s, e in neighbours(text, hit.start, hit.end, self._spans_around(hit)):
                other = _addressed(self._checks_for(claim, claim_x,
                                                    replace(hit, text=text[s:e], start=s, end=e),
                                                    dates[hit.document_id]))
                if not (other - own) or not (own - other):
                    continue  # the pair covers no more of the claim than one of its sentences
                w = window(hit, text, (s, e))
                key = (w.document_id, w.start, w.end)
                if key not in out:
                    out[key] = (w, self._checks_for(claim, claim_x, w, dates[hit.document_id]))
        return [w for w, _ in out.values()], [c for _, c in out.values()]


    def _spans_around(self, hit: SearchHit) -> list[tuple[int, int]]:
        """The stored sentence spans of ``hit`` and its two neighbours (a document's sentences are
        stored in order under consecutive ids), so no document is split again per check."""
        around = self.store.sentences([hit.sentence_id - 1, hit.sentence_id + 1])
        spans = [(x.start, x.end) for x in around.values() if x.document_id == hit.document_id]
        return sorted([*spans, (hit.start, hit.end)])

def _renumbered(back: dict[int, int | None], result: CheckResult) -> CheckResult:
    """``result`` with the document ids of a scratch store replaced by ``back``'s (``None``: not stored)."""

    def new(i: int | None) -> int | None:
        return None if i is None else back.get(i)

    return renumbered(result, new)  # evidence, checks, correction and parts


def _on_topic(p: NDArray[np.float64], checks: list[Check]) -> list[Check]:
    """The checks of a sentence, or none when the stance model calls it unrelated.

    A sentence called unrelated is on topic after all when it states the claim's number
    of the same thing or its day or month (across languages the model misses that).
    """
    if p[U] >= 0.5 and not _specific_match(checks):
        return []
    return checks


def _specific_match(checks: list[Check]) -> bool:
    """Some check matches the claim's number of the same thing, or its day or month."""
    return any(c.result == "match" and is_specific(c) for c in checks)


def _confirmed(checks: list[Check]) -> bool:
    """The sentence is on topic whatever its stance: :func:`~tabayyun.verdict.apply_checks` will lower its
    unrelated probability (a specific match — a quantity or a dated match, both confirming kinds — and no
    mismatch to undo it)."""
    return _specific_match(checks) and not any(c.result == "mismatch" for c in checks)


def _addressed(checks: list[Check]) -> set[tuple[str, str]]:
    """The claim mentions that some check of a sentence matches or contradicts."""
    return {(c.kind, c.claim_text) for c in checks if c.result in ("match", "mismatch")}


def _validate_claim(claim: str) -> None:
    if not isinstance(claim, str) or not claim.strip():
        raise ClaimError("the claim is empty")
    if len(claim) > MAX_CLAIM_CHARS:
        raise ClaimError(f"the claim is too long ({len(claim)} characters > {MAX_CLAIM_CHARS})")
    if not terms(claim) and not any(ch.isalnum() for ch in claim):
        raise ClaimError("the claim has no words")
