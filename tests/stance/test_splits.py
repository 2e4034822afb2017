from __future__ import annotations

import pytest

from tabayyun.stance.splits import DEV_EVERY, bucket, is_dev


@pytest.mark.parametrize("key", ["doc-1", 17, "ntrex:0042"], ids=["str", "int", "prefixed"])
def test_bucket_is_stable_and_in_range(key: str | int) -> None:
    assert bucket("corpus", key) == bucket("corpus", key)
    assert 0 <= bucket("corpus", key) < DEV_EVERY


def test_about_one_in_five_items_is_dev() -> None:
    share = sum(is_dev("arwiki", i) for i in range(5000)) / 5000
    assert 0.17 < share < 0.23


def test_corpus_name_changes_the_split() -> None:
    a = [is_dev("a", i) for i in range(200)]
    b = [is_dev("b", i) for i in range(200)]
    assert a != b
