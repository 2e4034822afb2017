"""The public API the edges use: ``check(documents=...)``, ``Check.document_id``, ``count_documents``,
``warm_up``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.core import Tabayyun
from tabayyun.errors import NotFound
from tabayyun.ingest import RawDocument
from tabayyun.testing import HashingEmbedder, OverlapStance

# written for these tests: the same report twice under one source name, with different numbers
FIRST = "قالت البلدية إنها وزعت 450 خيمة على الأسر في الواحة يوم الأحد."
SECOND = "قالت البلدية إنها وزعت 300 خيمة على الأسر في الواحة يوم الأحد."
OTHER = "افتتح المجلس ثلاثة ملاجئ جديدة في المدينة الساحلية."
CLAIM = "وزعت البلدية 450 خيمة على الأسر في الواحة"


@pytest.fixture
def tb() -> Iterator[Tabayyun]:
    with Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance()) as t:
        yield t


def _add(tb: Tabayyun, text: str, source: str = "same.txt") -> int:
    doc, _ = tb.add_text(text, source=source)
    return doc.id


def test_check_against_picked_documents_keeps_their_ids(tb: Tabayyun) -> None:
    first, second, other = _add(tb, FIRST), _add(tb, SECOND), _add(tb, OTHER, "other.txt")
    result = tb.check(CLAIM, documents=[second, first])
    assert result.evidence and {e.document_id for e in result.evidence} <= {first, second}
    assert other not in {e.document_id for e in result.evidence}
    texts = {first: FIRST, second: SECOND}
    for e in result.evidence:
        assert e.document_id is not None and texts[e.document_id][e.start : e.end] == e.text
        assert e.source == "same.txt"
    spans = [c for c in result.checks if c.evidence_start is not None and c.evidence_end is not None]
    assert spans and all(c.document_id in (first, second) for c in spans)
    for c in spans:
        assert c.document_id is not None and c.evidence_start is not None and c.evidence_end is not None
        assert texts[c.document_id][c.evidence_start : c.evidence_end] == c.evidence_text


def test_the_numbers_of_each_document_stay_with_it(tb: Tabayyun) -> None:
    first, second = _add(tb, FIRST), _add(tb, SECOND)
    result = tb.check(CLAIM, documents=[first, second])
    outcomes = {(c.document_id, c.result) for c in result.checks if c.kind == "quantity"}
    assert (first, "match") in outcomes  # 450 is stated by the first document only
    assert (first, "mismatch") not in outcomes and (second, "match") not in outcomes


@pytest.mark.parametrize(
    "sources",
    [[FIRST], [RawDocument(text=FIRST, title="t", source="pasted")]],
    ids=["text", "raw-document"],
)
def test_sources_that_are_not_stored_have_no_document_id(
    tb: Tabayyun, sources: Sequence[str | RawDocument]
) -> None:
    stored = _add(tb, SECOND)
    result = tb.check(CLAIM, sources=sources, documents=[stored])
    by_text = {e.text: e.document_id for e in result.evidence}
    assert by_text[FIRST] is None and by_text[SECOND] == stored


def test_check_many_against_picked_documents(tb: Tabayyun) -> None:
    first = _add(tb, FIRST)
    results = list(tb.check_many([("a", CLAIM), ("b", "وزعت البلدية 300 خيمة")], documents=[first]))
    assert [r.id for r in results] == ["a", "b"]
    assert all(e.document_id == first for r in results for e in r.evidence)


def test_a_missing_document_is_not_found(tb: Tabayyun) -> None:
    with pytest.raises(NotFound):
        tb.check(CLAIM, documents=[99])


def test_against_the_store_checks_carry_the_document_id(tb: Tabayyun) -> None:
    first = _add(tb, FIRST)
    _add(tb, OTHER, "other.txt")
    result = tb.check(CLAIM)
    assert any(c.document_id == first for c in result.checks)
    assert all(c.document_id == first for c in result.checks if c.kind == "quantity")


def test_count_documents(tb: Tabayyun) -> None:
    assert tb.count_documents() == 0
    _add(tb, FIRST)
    _add(tb, FIRST)  # unchanged
    _add(tb, OTHER)
    assert tb.count_documents() == 2


class _CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.calls += 1
        return super().embed(texts)


def test_warm_up_loads_the_models(tb: Tabayyun) -> None:
    embedder = _CountingEmbedder()
    with Tabayyun(embedder=embedder, stance_model="heuristic") as t:
        assert t._stance_model is None
        t.warm_up()
        assert embedder.calls == 1 and t._stance_model is not None


def test_threads_reach_the_learned_model_and_the_environment_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tabayyun.stance import learned

    calls: list[dict[str, object]] = []

    def load(cls: type, **kw: object) -> OverlapStance:
        calls.append(kw)
        return OverlapStance()

    monkeypatch.setattr(learned.CrossEncoderStance, "load", classmethod(load))
    monkeypatch.setenv("TABAYYUN_THREADS", "7")
    monkeypatch.setenv("TABAYYUN_STANCE", "heuristic")
    with Tabayyun(embedder=HashingEmbedder(), stance_model="learned", threads=2) as t:
        assert isinstance(t.stance_model, OverlapStance)
    with Tabayyun(embedder=HashingEmbedder()) as t:
        t.warm_up()  # the default (gated) model, whatever TABAYYUN_STANCE says
    assert calls == [{"threads": 2}, {"threads": None}]
