"""Readers for the shared corpora that :mod:`.corpus_pairs` builds stance pairs from.

Each reader yields :class:`Item` s in file order: one sentence (with its human
translation when the corpus has one) or one document (a list of sentences). The
``key`` of an item is what :func:`tabayyun.stance.splits.is_dev` is asked about:

=====================  ==========================================  =================
corpus (folder)        item                                        key
=====================  ==========================================  =================
ntrex128_ar_en         line i of the Arabic/English files          ``i`` (0-based)
tico19_en_ar           row i of ``tico19_en_ar.tsv``               ``i`` (0-based)
ud_arabic_pud          row i of ``ar_en_pairs.tsv``                ``i`` (0-based)
mt_geneval_ar_en       line i of the masculine sentence files      ``"dev:i"``/``"test:i"``
catt_news_wikinews     line i of ``CATT_data_gt_no_tashkeel.txt``  ``i`` (0-based)
xquad_ar_en            paragraph row i of ``paragraphs_ar_en.tsv``  ``i`` (0-based)
arwiki_comparable_...  one JSON document                            its ``id`` field
=====================  ==========================================  =================

Nothing here is written into the repository; the text is read at training time only.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..text.segment import sentences

#: the sentence corpora with a human translation (cross-lingual agree pairs)
PARALLEL = ("ntrex128_ar_en", "tico19_en_ar", "ud_arabic_pud", "mt_geneval_ar_en")
#: the corpora whose items are documents (several sentences on one topic)
DOCUMENTS = ("xquad_ar_en", "arwiki_comparable_motazsaad")
ARWIKI = "arwiki_comparable_motazsaad"

_ARABIC = re.compile(r"[\u0621-\u064a]")
_TAG = re.compile(r"</?M>")


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of a corpus: ``ar`` sentences (one for a sentence corpus), ``en`` their translation."""

    corpus: str
    key: str
    ar: tuple[str, ...]
    en: str = ""
    #: the document a sentence item comes from, where the corpus says (NTREX-128, TICO-19); "" otherwise
    doc: str = ""


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _split(text: str) -> tuple[str, ...]:
    return tuple(text[s.start : s.end].strip() for s in sentences(text) if s.end - s.start > 1)


def read_ntrex(root: Path) -> Iterator[Item]:
    d = root / "ntrex128_ar_en"
    ar, en = _lines(d / "newstest2019-ref.arb.txt"), _lines(d / "newstest2019-src.eng.txt")
    ids = d / "DOCUMENT_IDS.tsv"
    docs = [x.strip() for x in _lines(ids)] if ids.exists() else [""] * len(ar)
    for i, (a, e, doc) in enumerate(zip(ar, en, docs, strict=True)):
        yield Item("ntrex128_ar_en", str(i), (a.strip(),), e.strip(), doc)


def read_tico(root: Path) -> Iterator[Item]:
    for i, line in enumerate(_lines(root / "tico19_en_ar" / "tico19_en_ar.tsv")):
        cols = line.split("\t")
        if len(cols) >= 4:
            yield Item("tico19_en_ar", str(i), (cols[3].strip(),), cols[2].strip(), cols[0].split(":")[0])


def read_pud(root: Path) -> Iterator[Item]:
    for i, line in enumerate(_lines(root / "ud_arabic_pud" / "ar_en_pairs.tsv")):
        cols = line.split("\t")
        if len(cols) >= 3:
            yield Item("ud_arabic_pud", str(i), (cols[1].strip(),), cols[2].strip())


def read_geneval(root: Path) -> Iterator[Item]:
    d = root / "mt_geneval_ar_en" / "data" / "sentences"
    for split in ("dev", "test"):
        stem = f"geneval-sentences-masculine-{split}.en_ar"
        ar, en = _lines(d / split / f"{stem}.ar"), _lines(d / split / f"{stem}.en")
        for i, (a, e) in enumerate(zip(ar, en, strict=True)):
            yield Item(
                "mt_geneval_ar_en", f"{split}:{i}", (_TAG.sub("", a).strip(),), _TAG.sub("", e).strip()
            )


def read_catt(root: Path) -> Iterator[Item]:
    for i, line in enumerate(_lines(root / "catt_news_wikinews" / "CATT_data_gt_no_tashkeel.txt")):
        if line.strip():
            yield Item("catt_news_wikinews", str(i), (line.strip(),))


def read_xquad(root: Path) -> Iterator[Item]:
    for i, line in enumerate(_lines(root / "xquad_ar_en" / "paragraphs_ar_en.tsv")):
        ar = line.split("\t")[0]
        yield Item("xquad_ar_en", str(i), _split(ar))


def read_arwiki(root: Path, max_sentences: int = 12) -> Iterator[Item]:
    """Documents with at least two Arabic sentences; the first ``max_sentences`` of each."""
    with gzip.open(root / ARWIKI / "arwiki_20170120_docs.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            sents: list[str] = []
            for para in doc.get("paragraphs", []):
                sents.extend(s for s in _split(para) if _ARABIC.search(s))
                if len(sents) >= max_sentences:
                    break
            if len(sents) >= 2:
                yield Item(ARWIKI, str(doc["id"]), tuple(sents[:max_sentences]))


READERS = {
    "ntrex128_ar_en": read_ntrex,
    "tico19_en_ar": read_tico,
    "ud_arabic_pud": read_pud,
    "mt_geneval_ar_en": read_geneval,
    "catt_news_wikinews": read_catt,
    "xquad_ar_en": read_xquad,
    ARWIKI: read_arwiki,
}


def read(root: str | Path, corpus: str) -> list[Item]:
    """All items of ``corpus`` under ``root`` (``../shared/datasets/corpora``), in file order."""
    return list(READERS[corpus](Path(root)))
