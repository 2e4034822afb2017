"""``tabayyun.core.Tabayyun``: embedding in batches, duplicates stored once, offsets into the
document, the stance model's swap point, and ``check_many`` (fast fake models throughout)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun import Tabayyun
from tabayyun.core import EMBED_BATCH, EMBED_CHUNK, prepare_sentences
from tabayyun.ingest import RawDocument
from tabayyun.results import STANCES
from tabayyun.testing import HashingEmbedder, OverlapStance


class CountingEmbedder(HashingEmbedder):
    """Records the size of every ``embed`` call."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.calls.append(len(texts))
        return super().embed(texts)


class PassageRecorder(CountingEmbedder):
    """A :class:`~tabayyun.protocols.PassageEmbedder`: records which texts were embedded as passages."""

    def __init__(self) -> None:
        super().__init__()
        self.passages: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.passages.extend(texts)
        return -super().embed(texts)  # different from the query vectors, still unit length


class VectorRecorder(OverlapStance):
    """A :class:`~tabayyun.protocols.VectorStanceModel` that records the vectors it is given."""

    def __init__(self) -> None:
        self.vectors: list[tuple[NDArray[np.float32], NDArray[np.float32]]] = []

    def predict_proba_vectors(
        self,
        claims: Sequence[str],
        evidence: Sequence[str],
        claim_vectors: NDArray[np.float32],
        evidence_vectors: NDArray[np.float32],
    ) -> NDArray[np.float64]:
        self.vectors.append((claim_vectors, evidence_vectors))
        return self.predict_proba(claims, evidence)


def _doc(k: int, sentences: int = 3) -> RawDocument:
    body = " ".join(f"في الاجتماع رقم {k} ناقش المجلس البند {j} من جدول الأعمال." for j in range(sentences))
    return RawDocument(text=body, title=f"doc {k}", source=f"doc{k}.txt")


def test_sentences_are_embedded_in_chunks_across_documents() -> None:
    embedder = CountingEmbedder()
    docs = [_doc(k, sentences=10) for k in range(40)]  # 400 sentences
    with Tabayyun(embedder=embedder, stance_model=OverlapStance()) as tb:
        added, unchanged = tb.add_documents(docs)
        assert len(added) == 40 and unchanged == []
        assert tb.store.count_sentences() == 400
    assert max(embedder.calls) == EMBED_CHUNK
    assert sum(embedder.calls) == 400
    assert len(embedder.calls) > 400 // EMBED_BATCH  # flushed in batches, not once at the end


def test_chunked_vectors_equal_one_call() -> None:
    embedder = HashingEmbedder()
    docs = [_doc(k, sentences=10) for k in range(10)]
    with Tabayyun(embedder=embedder, stance_model=OverlapStance()) as tb:
        tb.add_documents(docs)
        ids = list(range(1, tb.store.count_sentences() + 1))
        rows = tb.store.sentences(ids)
        stored = tb.store.vectors_of(ids)
    texts = [rows[i].text for i in ids]
    # stored as float16
    np.testing.assert_allclose(np.stack([stored[i] for i in ids]), embedder.embed(texts), atol=1e-3)


def test_stored_sentences_get_passage_vectors() -> None:
    embedder = PassageRecorder()
    with Tabayyun(embedder=embedder, stance_model=OverlapStance()) as tb:
        tb.add_documents([_doc(1)])
    assert embedder.passages == [s.text for s in prepare_sentences(_doc(1).text)]


@pytest.mark.parametrize("same_call", [True, False], ids=["one-call", "two-calls"])
def test_a_duplicate_text_is_stored_once(tb: Tabayyun, same_call: bool) -> None:
    first, again = _doc(1), RawDocument(text=_doc(1).text, title="other title", source="copy.txt")
    if same_call:
        added, unchanged = tb.add_documents([first, again, _doc(2)])
        assert len(added) == 2 and unchanged == [added[0]]
    else:
        added, _ = tb.add_documents([first])
        added2, unchanged = tb.add_documents([again])
        assert added2 == [] and unchanged == added
    assert tb.store.count_documents() == (2 if same_call else 1)


def test_add_text_reports_whether_it_was_new(tb: Tabayyun) -> None:
    doc, new = tb.add_text("وافق المجلس على الميزانية.\nثم رفع الجلسة.", source="s")
    again, new_again = tb.add_text("وافق المجلس على الميزانية.\nثم رفع الجلسة.", source="s")
    assert new and not new_again and again.id == doc.id


def test_evidence_and_check_offsets_index_the_document(tb: Tabayyun) -> None:
    text = ("افتتح المعرض صباح اليوم. وبلغ عدد الزوار 25 ألفا في اليوم الأول. "
            "وقال المنظمون إن العدد فاق التوقعات.")
    tb.add_text(text, source="expo.txt")
    result = tb.check("بلغ عدد الزوار 40 ألفا في اليوم الأول")
    assert result.evidence
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.text
    quantity = [c for c in result.checks if c.kind == "quantity"]
    assert quantity and quantity[0].result == "mismatch"
    for c in quantity:
        assert c.evidence_start is not None and c.evidence_end is not None
        assert c.evidence_start > 0  # shifted past the first sentence
        assert text[c.evidence_start : c.evidence_end] == c.evidence_text
        assert c.source == "expo.txt"


def test_a_vector_stance_model_gets_the_stored_vectors() -> None:
    embedder, model = HashingEmbedder(), VectorRecorder()
    with Tabayyun(embedder=embedder, stance_model=model) as tb:
        tb.add_text("وافق المجلس على الميزانية الجديدة للمدارس.", source="s")
        result = tb.check("وافق المجلس على ميزانية المدارس")
    assert result.evidence and len(model.vectors) == 1
    claim_vectors, evidence_vectors = model.vectors[0]
    np.testing.assert_allclose(claim_vectors[0], embedder.embed(["وافق المجلس على ميزانية المدارس"])[0],
                               atol=1e-6)
    np.testing.assert_allclose(evidence_vectors[0], embedder.embed([result.evidence[0].text])[0], atol=1e-3)


def test_a_text_stance_model_reads_text_only(tb: Tabayyun) -> None:
    tb.add_text("وافق المجلس على الميزانية الجديدة للمدارس.", source="s")
    result = tb.check("وافق المجلس على ميزانية المدارس")
    assert result.verdict == "supported"
    assert set(result.evidence[0].probabilities) == set(STANCES)


def test_check_many_keeps_order_and_ids(tb: Tabayyun) -> None:
    tb.add_text("وافق المجلس على الميزانية الجديدة للمدارس. وبلغ عدد الزوار 25 ألفا.", source="s")
    claims = [("b", "بلغ عدد الزوار 25 ألفا"), ("a", "وافق المجلس على ميزانية المدارس"),
              (3, "بلغ عدد الزوار 40 ألفا")]
    results = list(tb.check_many(claims))
    assert [r.id for r in results] == ["b", "a", 3]
    assert [r.claim for r in results] == [c for _, c in claims]
    assert [r.to_dict() for r in results] == [tb.check(c, id=i).to_dict() for i, c in claims]


def test_check_many_reads_sources_once() -> None:
    embedder = CountingEmbedder()
    sources = ["وافق المجلس على الميزانية الجديدة للمدارس.", "بلغ عدد الزوار 25 ألفا."]
    with Tabayyun(embedder=embedder, stance_model=OverlapStance()) as tb:
        results = list(tb.check_many([(1, "وافق المجلس على ميزانية المدارس"), (2, "بلغ عدد الزوار 40 ألفا")],
                                     sources=sources))
        assert tb.store.count_documents() == 0  # the sources went to a scratch store
    assert [r.id for r in results] == [1, 2]
    assert [r.verdict for r in results] == ["supported", "refuted"]
    assert embedder.calls.count(2) == 1  # the two source sentences, embedded together once
    assert [r.evidence[0].source for r in results] == ["source 1", "source 2"]
