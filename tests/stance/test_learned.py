from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from stance_tiny import TINY, tiny_arrays, tiny_meta

from tabayyun.errors import ModelError
from tabayyun.protocols import StanceModel
from tabayyun.results import STANCES
from tabayyun.stance.learned import CrossEncoderStance, save_weights

CLAIMS = [
    "أعادت إيطاليا 40 من مواطنيها العالقين",
    "Italy repatriated its nationals",
    "ارتفع سعر الخبز في المدينة إلى ثلاثة دنانير يوم الأحد الماضي بعد قرار الحكومة",
    "x",
]
EVIDENCE = [
    "رفضت إيطاليا إعادة مواطنيها",
    "إيطاليا تعيد رعاياها من الخارج",
    "Bread prices went up",
    "",
]


@pytest.fixture(scope="module")
def tiny(tiny_model_dir: Path) -> CrossEncoderStance:
    # float32 (onnxruntime): the exact arithmetic these tests compare with numpy and torch; the default int8
    # graph is checked against it in test_learned_int8.py
    return CrossEncoderStance.load(tiny_model_dir, runtime="onnx")


def test_tiny_model_is_a_stance_model(tiny: CrossEncoderStance) -> None:
    assert isinstance(tiny, StanceModel)


def test_probabilities_shape_and_sum(tiny: CrossEncoderStance) -> None:
    p = tiny.predict_proba(CLAIMS, EVIDENCE)
    assert p.shape == (len(CLAIMS), len(STANCES))
    assert p.dtype == np.float64
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-9)
    assert (p > 0).all()


def test_empty_input(tiny: CrossEncoderStance) -> None:
    assert tiny.predict_proba([], []).shape == (0, len(STANCES))


def test_deterministic_and_batch_independent(tiny: CrossEncoderStance) -> None:
    together = tiny.predict_proba(CLAIMS, EVIDENCE)
    again = tiny.predict_proba(CLAIMS, EVIDENCE)
    np.testing.assert_array_equal(together, again)
    one_by_one = np.concatenate([tiny.predict_proba([c], [e]) for c, e in zip(CLAIMS, EVIDENCE, strict=True)])
    # padding in a mixed-length batch must not change any pair's result
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)


def test_long_inputs_are_truncated_to_max_len(tiny: CrossEncoderStance) -> None:
    long = " ".join(["كلمة"] * 500)
    seqs = tiny.encode([long], [long])
    assert len(seqs[0]) == TINY["max_len"]
    assert tiny.predict_proba([long], [long]).shape == (1, 4)


# (id, obfuscated claim, obfuscated evidence): CLAIMS[0] and EVIDENCE[0] in disguise
OBFUSCATED_PAIRS = [
    ("tatweel", "أعــادت إيطاليــا 40 من مواطنيها العالقيـن", "رفضــت إيطاليا إعادة مواطنيها"),
    ("diacritics", "أَعَادَتْ إِيطَالِيَا ٤٠ مِنْ مُوَاطِنِيهَا العَالِقِينَ",
     "رَفَضَتْ إِيطَالِيَا إِعَادَةَ مُوَاطِنِيهَا"),
    ("zero-width-bidi", "أعا\u200cدت إيطا\u200bليا \u200e40\u200e من مواطنيها العالقين",
     "\u200fرفضت إيطاليا إعادة مواطنيها"),
    ("persian-digits", "أعادت إيطاليا ۴۰ من مواطنیها العالقین", "رفضت إیطالیا إعادة مواطنیها"),
]


@pytest.mark.parametrize(
    ("claim", "evidence"), [c[1:] for c in OBFUSCATED_PAIRS], ids=[c[0] for c in OBFUSCATED_PAIRS]
)
def test_model_reads_cleaned_text(tiny: CrossEncoderStance, claim: str, evidence: str) -> None:
    assert tiny.encode([claim], [evidence]) == tiny.encode(CLAIMS[:1], EVIDENCE[:1])
    np.testing.assert_array_equal(tiny.logits([claim], [evidence]), tiny.logits(CLAIMS[:1], EVIDENCE[:1]))


def test_temperature_is_applied(tiny: CrossEncoderStance) -> None:
    z = tiny.logits(CLAIMS[:2], EVIDENCE[:2]).astype(np.float64) / 1.5
    expected = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(tiny.predict_proba(CLAIMS[:2], EVIDENCE[:2]), expected, atol=1e-9)


def test_predict_returns_the_argmax(tiny: CrossEncoderStance) -> None:
    pred = tiny.predict(CLAIMS[0], EVIDENCE[0])
    assert pred.stance == max(pred.probabilities, key=pred.probabilities.__getitem__)
    assert pred.score == pred.probabilities[pred.stance]


def test_mismatched_lengths_raise(tiny: CrossEncoderStance) -> None:
    with pytest.raises(ValueError):
        tiny.predict_proba(["a", "b"], ["c"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"labels": ["agree", "disagree", "other"]}, "labels"),
        ({"format": 99}, "format"),
    ],
    ids=["wrong-labels", "wrong-format"],
)
def test_bad_metadata_raises_model_error(tmp_path: Path, change: dict[str, object], message: str) -> None:
    folder = save_weights(tmp_path, tiny_arrays(), tiny_meta())
    meta = json.loads((folder / "stance.json").read_text())
    meta.update(change)
    (folder / "stance.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=message):
        CrossEncoderStance.load(folder)


def test_missing_weights_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no stance weights"):
        CrossEncoderStance.load(tmp_path)


def test_missing_head_raises_model_error(tmp_path: Path) -> None:
    arrays = {k: v for k, v in tiny_arrays().items() if not k.startswith("head.out")}
    with pytest.raises(ModelError, match=r"head\.out"):
        CrossEncoderStance.load(save_weights(tmp_path, arrays, tiny_meta()))


def test_numpy_matches_torch_training_graph(tiny: CrossEncoderStance) -> None:
    """The numpy inference path and the torch training modules compute the same logits."""
    torch = pytest.importorskip("torch")
    from tabayyun.stance.train import Head, TorchLayer

    arrays = {k: v.astype(np.float32) for k, v in tiny_arrays().items()}
    layers = [
        TorchLayer({k[3:]: v for k, v in arrays.items() if k.startswith(f"l{i}.")}, TINY["heads"], 1e-12,
                   0.0).eval()
        for i in range(TINY["layers"])
    ]
    head = Head(TINY["hidden"], len(STANCES), 0.0).eval()
    head.dense.weight.data = torch.from_numpy(arrays["head.dense.w"])
    head.dense.bias.data = torch.from_numpy(arrays["head.dense.b"])
    head.out.weight.data = torch.from_numpy(arrays["head.out.w"])
    head.out.bias.data = torch.from_numpy(arrays["head.out.b"])
    seqs = tiny.encode(CLAIMS, EVIDENCE)
    n = max(len(s) for s in seqs)
    ids = np.full((len(seqs), n), tiny.tokenizer.pad)
    for j, s in enumerate(seqs):
        ids[j, : len(s)] = s
    mask = torch.from_numpy(ids != tiny.tokenizer.pad)
    x = torch.from_numpy(arrays["emb.word"][ids] + arrays["emb.pos"][:n] + arrays["emb.type"][0])
    x = torch.nn.functional.layer_norm(x, (TINY["hidden"],), eps=1e-12)
    bias = ((~mask).float() * -1e9)[:, None, None, :]
    with torch.no_grad():
        for layer in layers:
            x = layer(x, bias)
        expected = head(x, mask).numpy()
    np.testing.assert_allclose(tiny.logits(CLAIMS, EVIDENCE), expected, atol=1e-4)


def test_int8_packing_round_trips_within_half_a_step() -> None:
    from tabayyun.stance.learned import SCALE, pack_int8, unpack_int8

    arrays = {k: v.astype(np.float32) for k, v in tiny_arrays().items() if not k.startswith("emb.word")}
    packed = pack_int8(arrays)
    assert packed["l0.q.w"].dtype == np.int8 and packed["l0.q.b"].dtype == np.float16
    back = unpack_int8(packed)
    assert set(back) == set(arrays) and not any(k.endswith(SCALE) for k in back)
    w, scale = arrays["l0.fi.w"], packed["l0.fi.w" + SCALE]
    assert np.all(np.abs(back["l0.fi.w"] - w) <= scale[:, None] / 2 + 1e-6)


def test_int8_weights_load_and_predict_close_to_float(tmp_path: Path, tiny: CrossEncoderStance) -> None:
    from tabayyun.stance.learned import pack_int8

    arrays = tiny_arrays()
    small = {k: v for k, v in arrays.items() if k != "emb.word"}
    folder = save_weights(tmp_path, {**pack_int8(small), "emb.word": arrays["emb.word"]}, tiny_meta())
    packed = CrossEncoderStance.load(folder, runtime="onnx")
    a, b = packed.logits(CLAIMS, EVIDENCE), tiny.logits(CLAIMS, EVIDENCE)
    assert np.abs(a - b).max() <= 0.05 * np.abs(b).max()  # a random 16-wide model; see the shipped-model test


def _numpy_blas_threads() -> list[int]:
    """The thread counts of the BLAS libraries numpy's wheel ships (others, e.g. torch's, are not used)."""
    from threadpoolctl import ThreadpoolController

    return [lib["num_threads"] for lib in ThreadpoolController().info()
            if lib["user_api"] == "blas" and "numpy" in lib["filepath"]]


def test_the_head_runs_on_one_blas_thread_and_the_setting_comes_back() -> None:
    from tabayyun.stance.learned import one_blas_thread

    before = _numpy_blas_threads()
    rng = np.random.default_rng(0)
    feats, w = rng.normal(size=(5, 768)).astype(np.float32), rng.normal(size=(384, 768)).astype(np.float32)
    with one_blas_thread():
        inside = _numpy_blas_threads()
        single = feats @ w.T
    assert inside == [1] * len(before)
    assert _numpy_blas_threads() == before
    np.testing.assert_allclose(single, feats @ w.T, rtol=1e-5, atol=1e-4)  # threading moves only rounding


def test_the_onnx_runtime_threads_do_not_spin(tiny_model_dir: Path) -> None:
    # idle threads that spin starve the check's other work on a busy 2-core machine; the logits are the same
    from tabayyun.stance.onnx_bert import available

    if not available():
        pytest.skip("onnxruntime is not installed")
    model = CrossEncoderStance.load(tiny_model_dir, runtime="onnx")
    options = model.encoder.session.get_session_options()  # type: ignore[union-attr]
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    numpy_model = CrossEncoderStance.load(tiny_model_dir, runtime="numpy")
    np.testing.assert_allclose(model.predict_proba(CLAIMS, EVIDENCE),
                               numpy_model.predict_proba(CLAIMS, EVIDENCE), atol=1e-5)
