"""Corpus pair generation: the recorded edits, the dev rule, the kinds, reproducibility.

Every corpus here is a tiny file in the shape of a shared corpus, with sentences written
for these tests (tmp_path); the shared data itself is never read.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.extract import extract
from tabayyun.stance import corpus_edits as ed
from tabayyun.stance import corpus_pairs as cp
from tabayyun.stance.corpus_read import read
from tabayyun.stance.splits import is_dev

AR = [
    "أعلنت وزارة الصحة في القاهرة يوم 3 مايو 2022 أن 150 شخصا أصيبوا، وقال الوزير إن الوضع مستقر",
    "ارتفعت أسعار الوقود في عمّان بنسبة 12 بالمئة، وأكدت الحكومة أن كل المحطات تعمل",
    "انضمت المغرب والأردن وتونس والعراق إلى المبادرة في عام 2021، وكان الاجتماع في الرباط",
    "تم جمع كامل مبلغ 200 مليون دولار المستهدف، وقال سليم إن بعض المانحين تأخروا",
    "فاز المنتخب المغربي على نظيره بثلاثة أهداف، وكانت المباراة في الدار البيضاء يوم 4 يونيو",
    "افتتح الوزير مستشفى جديدا في بغداد يضم 300 سرير، وحضر الافتتاح عدد من النواب",
    "وافقت اللجنة على الميزانية الجديدة في 15 مارس 2020، وقالت إن جميع البنود نوقشت",
    "وصل 3500 لاجئ إلى بيروت خلال أسبوع، وقالت الأمم المتحدة إن الأعداد ارتفعت",
]
EN = [
    "The health ministry in Cairo said on 3 May 2022 that 150 people were injured",
    "Fuel prices in Amman rose by 12 percent",
    "Morocco, Jordan, Tunisia and Iraq joined the initiative in 2021",
    "The full 200 million dollar target was raised",
    "Morocco's team won by three goals",
    "The minister opened a new hospital in Baghdad with 300 beds",
    "The committee approved the new budget on 15 March 2020",
    "3500 refugees arrived in Beirut within a week",
]


def write_corpora(root: Path, copies: int = 3) -> None:
    d = root / "ntrex128_ar_en"
    d.mkdir(parents=True)
    (d / "newstest2019-ref.arb.txt").write_text("\n".join(AR * copies) + "\n", encoding="utf-8")
    (d / "newstest2019-src.eng.txt").write_text("\n".join(EN * copies) + "\n", encoding="utf-8")
    docs = [f"story-{i // 4}" for i in range(len(AR) * copies)]  # documents of four lines
    (d / "DOCUMENT_IDS.tsv").write_text("\n".join(docs) + "\n", encoding="utf-8")
    d = root / "ud_arabic_pud"
    d.mkdir()
    rows = [f"n{i}\t{a}\t{e}" for i, (a, e) in enumerate(zip(AR, EN, strict=True))]
    (d / "ar_en_pairs.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    d = root / "arwiki_comparable_motazsaad"
    d.mkdir()
    with gzip.open(d / "arwiki_20170120_docs.jsonl.gz", "wt", encoding="utf-8") as f:
        for i in range(12):
            paras = [AR[i % len(AR)] + ".", AR[(i + 3) % len(AR)] + ".", AR[(i + 5) % len(AR)] + "."]
            f.write(
                json.dumps({"id": str(1000 + i), "title": "t", "paragraphs": paras}, ensure_ascii=False)
                + "\n"
            )


CORPORA = ("arwiki_comparable_motazsaad", "ntrex128_ar_en", "ud_arabic_pud")
LATIN = re.compile(r"[A-Za-z]{3}")


def fake_embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Normalized character-bigram counts: similar sentences are neighbours, no model needed."""
    out = np.zeros((len(texts), 256), np.float32)
    for i, t in enumerate(texts):
        for a, b in itertools.pairwise(t):
            out[i, int(hashlib.md5((a + b).encode()).hexdigest()[:4], 16) % 256] += 1
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpora")
    write_corpora(root)
    return root


def _edit(fn_name: str, text: str) -> ed.Edit | None:
    rng = random.Random(3)
    fn = getattr(ed, fn_name)
    if fn_name in ("number", "date", "place", "actor", "membership"):
        result = fn(text, extract(text), rng)
    else:
        result = fn(text, rng)
    return result[0] if isinstance(result, tuple) else result


EDIT_CASES = [
    ("number", "وصل 3500 لاجئ إلى بيروت خلال أسبوع", "3500"),
    ("number", "أصيب ١٥٠ شخصا في الحادث", "١٥٠"),
    ("date", "وافقت اللجنة على الميزانية في 15 مارس 2020", None),
    ("place", "اجتمع الوزراء في عمّان لبحث الأزمة", "عمّان"),
    ("actor", "قال وزير الخارجية أيمن الصفدي إن الاجتماع كان مثمرا", None),
    ("antonym", "ارتفعت أسعار الوقود في الأسواق", "ارتفعت"),
    ("antonym", "Fuel prices rose sharply this week", "rose"),
    ("negation", "أعلنت الوزارة عن خطة جديدة للنقل", "أعلنت"),
    ("negation", "The bridge was open to traffic", "was"),
    ("quantifier", "أكدت الحكومة أن كل المحطات تعمل", "كل"),
    ("completion", "تم جمع كامل المبلغ المستهدف", "تم"),
    ("membership", "انضمت المغرب والأردن وتونس إلى المبادرة", None),
]


@pytest.mark.parametrize(
    ("fn", "text", "old"), EDIT_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(EDIT_CASES)]
)
def test_edit_is_recorded_at_its_offset_and_changes_the_text(fn: str, text: str, old: str | None) -> None:
    edit = _edit(fn, text)
    assert edit is not None
    assert edit.kind == fn
    assert text[edit.start : edit.start + len(edit.old)] == edit.old
    if old is not None:
        assert edit.old == old
    changed = edit.apply(text)
    assert changed != text and edit.new in changed


NO_EDIT = [
    ("number", "لا أرقام في هذه الجملة على الإطلاق"),
    ("quantifier", "اجتمع الوزراء في القاعة الكبرى"),
    ("completion", "اجتمع الوزراء في القاعة الكبرى"),
    ("membership", "اجتمع الوزراء في عمّان"),
]


@pytest.mark.parametrize(("fn", "text"), NO_EDIT, ids=[c[0] for c in NO_EDIT])
def test_nothing_to_edit_gives_none(fn: str, text: str) -> None:
    assert _edit(fn, text) is None


def test_place_swap_never_picks_a_place_already_named() -> None:
    text = "اجتمع الوزراء في القاهرة ثم سافروا إلى الرياض"
    for seed in range(20):
        edit = ed.place(text, extract(text), random.Random(seed))
        assert edit is not None and edit.new not in text


def test_negation_stays_inside_the_given_clause() -> None:
    text = "أعلنت الوزارة خطة جديدة، وقال الوزير إن التنفيذ سيبدأ"
    _, (c, d) = cp.clauses(text)
    edit = ed.negation(text, random.Random(1), within=(c, d))
    assert edit is not None and c <= edit.start < d


def test_readers_keep_file_order_and_keys(corpora: Path) -> None:
    items = read(corpora, "ntrex128_ar_en")
    assert [it.key for it in items[:3]] == ["0", "1", "2"]
    assert items[1].ar[0] == AR[1] and items[1].en == EN[1]
    docs = read(corpora, "arwiki_comparable_motazsaad")
    assert docs[0].key == "1000" and len(docs[0].ar) == 3


@pytest.mark.parametrize("split", ["train", "dev"], ids=["train", "dev"])
def test_only_the_split_s_items_are_used(corpora: Path, split: str) -> None:
    pairs = cp.generate(corpora, split=split, corpora=CORPORA, embed=fake_embed)
    assert pairs
    assert all(is_dev(p.corpus, p.key) == (split == "dev") for p in pairs)


def test_every_stance_and_the_main_kinds_occur(corpora: Path) -> None:
    pairs = cp.generate(corpora, corpora=CORPORA, embed=fake_embed)
    assert set(Counter(p.stance for p in pairs)) == {"agree", "disagree", "discuss", "unrelated"}
    kinds = {p.kind for p in pairs}
    assert {"translation", "clause_drop", "number", "date", "place", "negation", "added_detail",
            "same_document", "neighbour"} <= kinds  # fmt: skip
    for p in pairs:
        assert p.claim.strip() and p.evidence.strip()
        assert p.claim != p.evidence or p.kind == "restated"  # a sentence agrees with itself, too
        if p.stance == "disagree":
            assert p.edit is not None and p.edit.kind == p.kind


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_restated_says_the_same(seed: int) -> None:
    s = "أعلنت الوزارة إغلاق 12 مدرسة في المدينة."
    out = cp.restated(s, random.Random(seed))
    fold = str.maketrans("٠١٢٣٤٥٦٧٨٩أإةى", "0123456789ااهي")
    assert out.translate(fold).rstrip(".") == s.translate(fold).rstrip(".")


def test_cross_lingual_pairs_are_not_all_agreements(corpora: Path) -> None:
    pairs = cp.generate(corpora, corpora=CORPORA, embed=fake_embed)
    xling = [p for p in pairs if bool(LATIN.search(p.claim)) != bool(LATIN.search(p.evidence))]
    assert {"agree", "disagree", "discuss", "unrelated"} <= {p.stance for p in xling}
    items = {(it.corpus, it.key): it for it in read(corpora, "ntrex128_ar_en")}
    same_doc = [p for p in pairs if p.kind == "same_document_xling"]
    assert same_doc
    for p in same_doc:
        mine = items[(p.corpus, p.key)]
        # the fixture repeats its lines, so a text may stand on several lines: one of them is the other one
        others = [it for it in items.values() if p.evidence in (it.ar[0], it.en) and it.key != mine.key]
        assert p.stance == "discuss"
        assert any(o.doc == mine.doc and not is_dev(p.corpus, o.key) for o in others)
        assert p.claim in (mine.en, mine.ar[0]) and p.evidence not in (mine.en, mine.ar[0])
        assert not is_dev(p.corpus, mine.key)


def test_neighbours_come_from_another_item(corpora: Path) -> None:
    pairs = [p for p in cp.generate(corpora, corpora=CORPORA, embed=fake_embed) if p.kind == "neighbour"]
    assert pairs
    items = {(it.corpus, it.key): it for c in CORPORA for it in read(corpora, c)}
    for p in pairs:
        assert p.evidence not in items[(p.corpus, p.key)].ar


def test_cap_spreads_over_kinds(corpora: Path) -> None:
    pairs = cp.generate(corpora, corpora=CORPORA, embed=fake_embed, cap=40)
    assert 20 <= len(pairs) <= 60
    assert len({p.kind for p in pairs}) >= 8


def test_vectors_are_cached(corpora: Path, tmp_path: Path) -> None:
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> NDArray[np.float32]:
        calls.append(len(texts))
        return fake_embed(texts)

    first = cp.generate(corpora, corpora=CORPORA, embed=counting, cache_dir=tmp_path)
    second = cp.generate(corpora, corpora=CORPORA, embed=counting, cache_dir=tmp_path)
    assert first == second and len(calls) == 1 and list(tmp_path.glob("e5-*.npy"))


DIGEST = (
    "import hashlib, sys; from pathlib import Path; sys.path.insert(0, {here!r}); "
    "import test_corpus_pairs as t; from tabayyun.stance import corpus_pairs as cp; "
    "ps = cp.generate(Path({root!r}), corpora=t.CORPORA, embed=t.fake_embed, cap=60); "
    "print(hashlib.sha256(repr(ps).encode()).hexdigest())"
)


def test_generate_is_the_same_in_every_process(corpora: Path) -> None:
    code = DIGEST.format(here=str(Path(__file__).parent), root=str(corpora))
    digests = set()
    for hash_seed in ("1", "2", "random"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert out.returncode == 0, out.stderr
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    here = cp.generate(corpora, corpora=CORPORA, embed=fake_embed, cap=60)
    assert hashlib.sha256(repr(here).encode()).hexdigest() in digests
