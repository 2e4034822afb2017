"""The contract every store keeps (see :class:`tabayyun.protocols.Store`), run over each store.

``sqlite`` is the embedded store (a file in a temporary directory); ``postgres`` is the shared
store on a real PostgreSQL (the embedded server of ``tests/pg_fixture.py``, a fresh database
per test). A new store joins by adding one entry to ``BACKENDS``. Every check opens its stores
through :func:`tabayyun.store.open_store`, as ``Tabayyun``, the CLI and the server do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.core import prepare_sentences
from tabayyun.errors import NoStore, NotFound, ReadOnlyStore, StoreError
from tabayyun.ingest import content_hash
from tabayyun.protocols import Store
from tabayyun.store import open_store
from tabayyun.store.sqlite import NewSentence
from tabayyun.testing import HashingEmbedder
from tabayyun.text import terms

DIM = 384
EMBEDDER = HashingEmbedder(DIM)

# texts written for this suite: Arabic and English, numbers, several sentences each
TEXTS = [
    "افتتحت البلدية جسرا جديدا فوق النهر يوم الأحد. بلغت كلفة الجسر 40 مليون دينار. "
    "قال رئيس البلدية إن العمل استمر عامين.",
    "The council approved the school budget on Tuesday. The budget grows by 7 percent. "
    "Teachers welcomed the vote.",
    "أعلنت الوزارة خطة لزراعة مليون شجرة. تبدأ الزراعة في الخريف المقبل.",
    "Flooding closed the river road for two days. Engineers inspected the old bridge afterwards.",
]


class Backend:
    """Opens stores at one location (a file, a database) and closes them all at the end."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.opened: list[Store] = []

    def open(self, *, dim: int = DIM, create: bool = True, read_only: bool = False) -> Store:
        store = open_store(self.where, dim=dim, create=create, read_only=read_only)
        self.opened.append(store)
        return store

    def close_all(self) -> None:
        for store in self.opened:
            try:
                store.close()
            except StoreError:
                pass


def _sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


def _postgres(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return str(request.getfixturevalue("pg_url"))


BACKENDS: dict[str, Callable[[pytest.FixtureRequest, Path], str]] = {"sqlite": _sqlite, "postgres": _postgres}


@pytest.fixture(params=list(BACKENDS), ids=list(BACKENDS))
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    b = Backend(BACKENDS[request.param](request, tmp_path))
    yield b
    b.close_all()


@pytest.fixture
def store(backend: Backend) -> Store:
    return backend.open()


def vectors_for(sentences: list[NewSentence]) -> NDArray[np.float32]:
    return EMBEDDER.embed([s.text for s in sentences])


def add(store: Store, text: str, *, vectors: bool = True, title: str = "t") -> tuple[int, bool]:
    ss = prepare_sentences(text)
    return store.add_document(
        text=text, content_hash=content_hash(text), title=title, source=f"{title}.txt", sentences=ss,
        vectors=vectors_for(ss) if vectors else None, url="https://example.org/a", date="2026-11-30",
    )  # fmt: skip


def ids_of(store: Store, document_id: int) -> list[int]:
    """The ids of a document's sentences (found through the stores' own read methods)."""
    top = 10 * sum(len(prepare_sentences(t)) for t in TEXTS) + 100
    return sorted(i for i, s in store.sentences(range(1, top)).items() if s.document_id == document_id)


# -- adding and reading documents ----------------------------------------------------


def test_add_returns_a_new_id_and_reads_back(store: Store) -> None:
    doc_id, created = add(store, TEXTS[0], title="bridge")
    assert created
    doc = store.document(doc_id)
    assert (doc.id, doc.title, doc.source, doc.text) == (doc_id, "bridge", "bridge.txt", TEXTS[0])
    assert (doc.hash, doc.url, doc.date) == (content_hash(TEXTS[0]), "https://example.org/a", "2026-11-30")
    assert store.document_id_for_hash(content_hash(TEXTS[0])) == doc_id
    assert store.document_id_for_hash("no-such-hash") is None


def test_same_text_is_one_document(store: Store) -> None:
    first = add(store, TEXTS[1])
    again = add(store, TEXTS[1], title="another title")
    assert again == (first[0], False)
    assert store.count_documents() == 1
    assert store.count_sentences() == len(prepare_sentences(TEXTS[1]))
    assert store.document(first[0]).title == "t"


def test_sentences_keep_offsets_and_their_document(store: Store) -> None:
    doc_id, _ = add(store, TEXTS[0])
    ids = ids_of(store, doc_id)
    expected = prepare_sentences(TEXTS[0])
    got = store.sentences(ids)
    assert [(got[i].start, got[i].end, got[i].text) for i in ids] == [
        (s.start, s.end, s.text) for s in expected
    ]
    for i in ids:
        assert TEXTS[0][got[i].start : got[i].end] == got[i].text
        assert (got[i].id, got[i].document_id, got[i].source) == (i, doc_id, "t.txt")


def test_sentence_ids_are_consecutive_within_a_document(store: Store) -> None:
    for text in TEXTS:
        doc_id, _ = add(store, text)
        ids = ids_of(store, doc_id)
        assert ids == list(range(ids[0], ids[0] + len(prepare_sentences(text))))


def test_sentence_ids_are_never_reused_after_a_delete(store: Store) -> None:
    add(store, TEXTS[0])
    newest, _ = add(store, TEXTS[1])
    gone = ids_of(store, newest)
    store.delete_document(newest)
    later, _ = add(store, TEXTS[2])
    assert min(ids_of(store, later)) > max(gone)
    assert store.sentences(gone) == {}


def test_unknown_and_empty_id_lists_read_as_nothing(store: Store) -> None:
    add(store, TEXTS[0])
    assert store.sentences([]) == {}
    assert store.sentences([10**9]) == {}
    assert store.vectors_of([]) == {}
    assert store.vectors_of([10**9]) == {}


def test_a_document_without_sentences(store: Store) -> None:
    doc_id, created = store.add_document(
        text="", content_hash=content_hash(""), title="empty", source="empty.txt", sentences=[], vectors=None
    )
    assert created
    assert store.document(doc_id).text == ""
    assert store.count_sentences() == 0


def test_one_vector_per_sentence_is_required(store: Store) -> None:
    ss = prepare_sentences(TEXTS[0])
    with pytest.raises(ValueError, match="one vector per sentence"):
        store.add_document(text=TEXTS[0], content_hash="h", title="t", source="s", sentences=ss,
                           vectors=vectors_for(ss)[:1])  # fmt: skip
    assert store.count_documents() == 0


# -- listing, counting, deleting ------------------------------------------------------


def test_documents_page_in_id_order(store: Store) -> None:
    ids = [add(store, t)[0] for t in TEXTS]
    assert [d.id for d in store.documents()] == sorted(ids)
    assert [d.id for d in store.documents(limit=2)] == sorted(ids)[:2]
    assert [d.id for d in store.documents(limit=2, offset=2)] == sorted(ids)[2:]
    assert store.documents(limit=10, offset=len(ids)) == []


def test_counts_follow_adds_and_deletes(store: Store) -> None:
    assert (store.count_documents(), store.count_sentences()) == (0, 0)
    ids = [add(store, t)[0] for t in TEXTS]
    assert store.count_documents() == len(TEXTS)
    assert store.count_sentences() == sum(len(prepare_sentences(t)) for t in TEXTS)
    store.delete_document(ids[0])
    assert store.count_documents() == len(TEXTS) - 1
    assert store.count_sentences() == sum(len(prepare_sentences(t)) for t in TEXTS[1:])


def test_delete_removes_the_document_its_sentences_vectors_and_hits(store: Store) -> None:
    keep, _ = add(store, TEXTS[1])
    gone, _ = add(store, TEXTS[0])
    gone_ids = ids_of(store, gone)
    store.delete_document(gone)
    with pytest.raises(NotFound):
        store.document(gone)
    assert store.document_id_for_hash(content_hash(TEXTS[0])) is None
    assert store.sentences(gone_ids) == {} and store.vectors_of(gone_ids) == {}
    hits = store.lexical(terms(TEXTS[0]), 50) + store.dense(vectors_for(prepare_sentences(TEXTS[0]))[0], 50)
    assert not {i for i, _ in hits} & set(gone_ids)
    assert store.document(keep).text == TEXTS[1]
    assert add(store, TEXTS[0])[1], "a deleted text can be added again"


@pytest.mark.parametrize("call", ["document", "delete_document"], ids=["document", "delete"])
def test_unknown_document_id_is_not_found(store: Store, call: str) -> None:
    add(store, TEXTS[0])
    with pytest.raises(NotFound):
        getattr(store, call)(10**9)


def test_deleting_twice_is_not_found(store: Store) -> None:
    doc_id, _ = add(store, TEXTS[0])
    store.delete_document(doc_id)
    with pytest.raises(NotFound):
        store.delete_document(doc_id)


# -- vectors and dense search ----------------------------------------------------------


def test_vectors_of_gives_float32_of_what_was_stored(store: Store) -> None:
    doc_id, _ = add(store, TEXTS[0])
    ids = ids_of(store, doc_id)
    given = vectors_for(prepare_sentences(TEXTS[0]))
    got = store.vectors_of(ids)
    assert sorted(got) == ids
    for i, sid in enumerate(ids):
        assert got[sid].dtype == np.float32 and got[sid].shape == (DIM,)
        np.testing.assert_allclose(got[sid], given[i], atol=1e-3)  # stored as float16


def test_sentences_stored_without_vectors_have_none(store: Store) -> None:
    doc_id, _ = add(store, TEXTS[0], vectors=False)
    ids = ids_of(store, doc_id)
    assert len(ids) == len(prepare_sentences(TEXTS[0]))
    assert store.vectors_of(ids) == {}
    assert store.dense(EMBEDDER.embed([TEXTS[0]])[0], 10) == []


def test_dense_finds_the_same_sentence_first(store: Store) -> None:
    for text in TEXTS:
        add(store, text)
    ss = prepare_sentences(TEXTS[2])
    target = ids_of(store, store.document_id_for_hash(content_hash(TEXTS[2])) or -1)[1]
    hits = store.dense(vectors_for(ss)[1], 5)
    assert len(hits) == 5
    assert hits[0][0] == target and hits[0][1] == pytest.approx(1.0, abs=0.02)
    sims = [s for _, s in hits]
    assert sims == sorted(sims, reverse=True)
    assert all(-1.0 - 1e-6 <= s <= 1.0 + 1e-6 for s in sims)


@pytest.mark.parametrize("k", [0, 1, 3], ids=["k0", "k1", "k3"])
def test_dense_returns_at_most_k(store: Store, k: int) -> None:
    for text in TEXTS:
        add(store, text)
    assert len(store.dense(EMBEDDER.embed(["bridge"])[0], k)) == k


# -- lexical search --------------------------------------------------------------------


def test_lexical_finds_sentences_by_their_terms_best_first(store: Store) -> None:
    for text in TEXTS:
        add(store, text)
    hits = store.lexical(terms("the old bridge over the river"), 10)
    assert hits, "no lexical hit"
    texts = store.sentences([i for i, _ in hits])
    assert "bridge" in texts[hits[0][0]].text
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    for i, _ in hits:
        assert set(terms(texts[i].text)) & set(terms("the old bridge over the river"))


def test_lexical_matches_arabic_across_spelling_variants(store: Store) -> None:
    add(store, TEXTS[0])
    # alef with hamza and ta marbuta written plainly: the stored terms are normalized the same way
    hits = store.lexical(terms("البلديه افتتحت جسرا"), 5)
    assert hits and "البلدية" in store.sentences([hits[0][0]])[hits[0][0]].text


@pytest.mark.parametrize(
    "query", [[], ["nothing-like-this"], [""]], ids=["no-terms", "unknown-term", "empty-term"]
)
def test_lexical_without_a_matching_term_is_empty(store: Store, query: list[str]) -> None:
    add(store, TEXTS[1])
    assert store.lexical(query, 10) == []


def test_lexical_returns_at_most_k_ties_by_id(store: Store) -> None:
    for i in range(6):  # six sentences that score the same: one term, same length
        text = f"Harbour notice {i}."
        ss = [NewSentence(0, len(text), text, "harbour")]
        store.add_document(text=text, content_hash=f"h{i}", title="t", source="s", sentences=ss,
                           vectors=vectors_for(ss))  # fmt: skip
    hits = store.lexical(["harbour"], 4)
    assert len(hits) == 4
    assert [i for i, _ in hits] == sorted(i for i, _ in hits)
    assert store.lexical(["harbour"], 0) == []


@pytest.mark.parametrize(
    "term",
    ["it's", "back\\slash", "a|b", "a&b", "!not", "colon:ab", "(paren)", "star:*", "quote\"d"],
    ids=["apostrophe", "backslash", "pipe", "ampersand", "bang", "colon", "parens", "prefix", "dquote"],
)
def test_lexical_terms_are_literal(store: Store, term: str) -> None:
    text = f"A sentence with an odd term {term}."
    ss = [NewSentence(0, len(text), text, f"sentenc {term} odd")]
    doc_id, _ = store.add_document(text=text, content_hash="odd", title="t", source="s", sentences=ss,
                                   vectors=vectors_for(ss))  # fmt: skip
    other = "A sentence about nothing odd."
    so = [NewSentence(0, len(other), other, "sentenc noth odd")]
    store.add_document(text=other, content_hash="other", title="t", source="s", sentences=so, vectors=None)
    hits = store.lexical([term], 5)
    assert [store.sentences([i])[i].document_id for i, _ in hits] == [doc_id]


def test_rarer_terms_weigh_more(store: Store) -> None:
    for i in range(5):
        text = f"Common word {i}."
        ss = [NewSentence(0, len(text), text, "common")]
        store.add_document(text=text, content_hash=f"c{i}", title="t", source="s", sentences=ss, vectors=None)
    text = "Rare word."
    ss = [NewSentence(0, len(text), text, "rare")]
    rare, _ = store.add_document(
        text=text, content_hash="rare", title="t", source="s", sentences=ss, vectors=None
    )
    hits = store.lexical(["common", "rare"], 10)
    assert store.sentences([hits[0][0]])[hits[0][0]].document_id == rare
    assert len(hits) == 6


# -- opening: read-only, missing, sizes, other clients ---------------------------------


def test_read_only_reads_and_refuses_writes(backend: Backend) -> None:
    writer = backend.open()
    doc_id, _ = add(writer, TEXTS[0])
    reader = backend.open(read_only=True, create=False)
    assert reader.read_only and not writer.read_only
    assert reader.document(doc_id).text == TEXTS[0]
    assert reader.lexical(terms(TEXTS[0]), 5) and reader.dense(vectors_for(prepare_sentences(TEXTS[0]))[0], 5)
    with pytest.raises(ReadOnlyStore):
        add(reader, TEXTS[1])
    with pytest.raises(ReadOnlyStore):
        reader.delete_document(doc_id)
    assert writer.count_documents() == 1


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_create_false_without_a_store_is_no_store(backend: Backend, read_only: bool) -> None:
    with pytest.raises(NoStore):
        backend.open(create=False, read_only=read_only)


def test_another_vector_size_is_refused(backend: Backend) -> None:
    add(backend.open(), TEXTS[0])
    with pytest.raises(StoreError, match="384"):
        backend.open(dim=64)


def test_reopened_store_keeps_everything(backend: Backend) -> None:
    first = backend.open()
    ids = [add(first, t)[0] for t in TEXTS]
    first.flush()
    first.close()
    again = backend.open(create=False)
    assert [d.id for d in again.documents()] == ids
    assert again.lexical(terms("budget"), 3)
    assert again.dense(vectors_for(prepare_sentences(TEXTS[3]))[0], 1)


def test_another_client_sees_documents_at_once(backend: Backend) -> None:
    one, two = backend.open(), backend.open()
    assert two.count_documents() == 0
    doc_id, _ = add(one, TEXTS[3])
    assert two.count_documents() == 1
    assert two.document(doc_id).text == TEXTS[3]
    assert doc_id in {two.sentences([i])[i].document_id for i, _ in two.lexical(terms("bridge engineers"), 5)}
    assert two.dense(vectors_for(prepare_sentences(TEXTS[3]))[0], 1)
    assert add(two, TEXTS[3]) == (doc_id, False)
    two.delete_document(doc_id)
    with pytest.raises(NotFound):
        one.document(doc_id)
    assert one.lexical(terms("bridge engineers"), 5) == []
