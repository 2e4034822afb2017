"""Development sets built reproducibly from ``../shared/datasets/corpora`` (never committed).

    python3 bench/devsets.py --out /tmp/devsets

writes, from items that :func:`tabayyun.stance.splits.is_dev` holds out of training only
(the keys are those of :mod:`tabayyun.stance.corpus_read`: line/row ``i`` of a sentence
corpus, the ``id`` of an Arabic Wikipedia document; SNLI lines are ``dev:i``/``test:i``):

* ``nli_snli_en.jsonl`` — SNLI dev/test pairs as they are, a stratified sample.
* ``nli_ar.jsonl`` — Arabic premises (NTREX-128 news, UD Arabic PUD) with Arabic and
  English hypotheses (``kind`` ar / xling, ``edit`` says how each was made):
  entailment = the English translation, or the sentence with its trailing clause dropped;
  contradiction = one controlled edit (a number, a year, a place swapped for another of
  the same kind, or an explicit "not true that" negation), of the Arabic sentence or of
  its English translation; neutral = another sentence of the same document.
* ``arastance_arwiki.jsonl`` — claim–article items from Arabic Wikipedia documents, the
  article being a document's first sentences (at most ``ARTICLE_SENTENCES``):
  Agree = one of its sentences, trailing clause dropped when it has one; Disagree = one of
  its sentences with a controlled edit (as above); Discuss = a sentence of *another*
  document that names this document's title (the article is about that subject but was
  not written to state that sentence — our honest stand-in for "discusses without taking
  a side"); Unrelated = a claim made like Agree from another document, against the article
  that shares most of its terms among a sample of documents (a topically close one).

Everything is seeded; the same corpora give the same files in every process.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tabayyun.stance.splits import is_dev
from tabayyun.text import terms
from tabayyun.text.segment import sentences

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "datasets" / "corpora"
ARWIKI = "arwiki_comparable_motazsaad"
ARTICLE_SENTENCES = 10
NLI = ("entailment", "neutral", "contradiction")

_ARABIC = re.compile(r"[\u0621-\u064a]")
_NUMBER = re.compile(r"(?<![\d٠-٩.,/])([0-9]+|[٠-٩]+)(?![\d٠-٩/])")
_YEAR = re.compile(r"(?<![\d٠-٩])(1[0-9]{3}|20[0-2][0-9]|[١][٠-٩]{3}|٢٠[٠-٢][٠-٩])(?![\d٠-٩])")
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


# ------------------------------------------------------------------ edits
@dataclass(frozen=True, slots=True)
class Edited:
    text: str
    edit: str


def _to_int(digits: str) -> tuple[int, bool]:
    indic = bool(re.match(r"[٠-٩]", digits))
    return int(digits.translate(_WESTERN)), indic


def _digits(n: int, indic: bool) -> str:
    return str(n).translate(_INDIC) if indic else str(n)


def edit_year(text: str, rng: random.Random) -> Edited | None:
    found = list(_YEAR.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    year, indic = _to_int(m.group(1))
    new = year + rng.choice([-7, -5, -3, -2, 2, 3, 4, 6])
    return Edited(text[: m.start()] + _digits(new, indic) + text[m.end() :], f"year {year}->{new}")


def edit_number(text: str, rng: random.Random) -> Edited | None:
    found = [m for m in _NUMBER.finditer(text) if not _YEAR.fullmatch(m.group(1))]
    if not found:
        return None
    m = rng.choice(found)
    n, indic = _to_int(m.group(1))
    new = n * rng.choice([2, 3]) + rng.randint(1, 9) if n < 10 else n + max(1, n // rng.choice([3, 4, 5]))
    return Edited(text[: m.start()] + _digits(new, indic) + text[m.end() :], f"number {n}->{new}")


def _places() -> dict[str, list[tuple[str, str]]]:
    """subtype -> [(arabic name, english name)] from the package's place table."""
    out: dict[str, list[tuple[str, str]]] = {}
    for line in (ROOT / "tabayyun" / "data" / "places.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        names = [c for c in cols[2:] if c and not c.startswith("~")]
        ar = [c for c in names if _ARABIC.search(c)]
        en = [c for c in names if not _ARABIC.search(c)]
        if ar and en:
            out.setdefault(cols[1], []).append((ar[0], en[0]))
    return out


PLACES = _places()


def edit_place(text: str, rng: random.Random, lang: int) -> Edited | None:
    """Swap a place name (``lang`` 0 Arabic, 1 English) for another of the same subtype."""
    hits = []
    for subtype, names in sorted(PLACES.items()):
        for i, pair in enumerate(names):
            name = pair[lang]
            m = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text)
            if m and len(names) > 1:
                hits.append((m, subtype, i))
    if not hits:
        return None
    m, subtype, i = rng.choice(hits)
    other = rng.choice([p for j, p in enumerate(PLACES[subtype]) if j != i])[lang]
    return Edited(text[: m.start()] + other + text[m.end() :], f"place {m.group(0)}->{other}")


def edit_negation(text: str, lang: int) -> Edited:
    if lang == 0:
        return Edited("ليس صحيحاً أن " + text, "negation")
    return Edited("It is not true that " + text[:1].lower() + text[1:], "negation")


def contradiction(text: str, rng: random.Random, lang: int) -> Edited:
    """One controlled edit: a number, year or place when the sentence has one, else a negation."""
    edits: list[Callable[[], Edited | None]] = [
        lambda: edit_number(text, rng), lambda: edit_year(text, rng), lambda: edit_place(text, rng, lang),
    ]  # fmt: skip
    rng.shuffle(edits)
    for make in edits:
        e = make()
        if e is not None and rng.random() < 0.8:
            return e
    return edit_negation(text, lang)


def drop_clause(text: str) -> str | None:
    """The sentence up to its last comma, when what is left has at least 5 words."""
    for sep in ("،", ","):
        if sep in text:
            head = text[: text.rindex(sep)].strip()
            while sep in head and len(head.split()) > 12:
                head = head[: head.rindex(sep)].strip()
            if len(head.split()) >= 5:
                return head
    return None


# ------------------------------------------------------------------ readers
def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def parallel_dev(root: Path) -> list[tuple[str, str, str, str]]:
    """``(doc, key, arabic, english)`` of the dev items of NTREX-128 and UD Arabic PUD."""
    out = []
    d = root / "ntrex128_ar_en"
    docs = _lines(d / "DOCUMENT_IDS.tsv")
    ar, en = _lines(d / "newstest2019-ref.arb.txt"), _lines(d / "newstest2019-src.eng.txt")
    for i, (doc, a, e) in enumerate(zip(docs, ar, en, strict=True)):
        if is_dev("ntrex128_ar_en", str(i)):
            out.append((f"ntrex:{doc.strip()}", f"ntrex128_ar_en:{i}", a.strip(), e.strip()))
    for i, line in enumerate(_lines(root / "ud_arabic_pud" / "ar_en_pairs.tsv")):
        cols = line.split("\t")
        if len(cols) >= 3 and is_dev("ud_arabic_pud", str(i)):
            out.append((f"pud:{cols[0][:6]}", f"ud_arabic_pud:{i}", cols[1].strip(), cols[2].strip()))
    return [x for x in out if len(x[2].split()) >= 5 and x[3]]


def arwiki_dev(root: Path, max_docs: int) -> list[tuple[str, str, list[str]]]:
    """``(id, title, first sentences)`` of dev documents with at least 4 Arabic sentences."""
    out = []
    with gzip.open(root / ARWIKI / "arwiki_20170120_docs.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if not is_dev(ARWIKI, str(doc["id"])):
                continue
            sents: list[str] = []
            for para in doc.get("paragraphs", []):
                for sp in sentences(para):
                    s = para[sp.start : sp.end].strip()
                    if _ARABIC.search(s) and 5 <= len(s.split()) <= 60:
                        sents.append(s)
                if len(sents) >= ARTICLE_SENTENCES:
                    break
            if len(sents) >= 4:
                out.append((str(doc["id"]), str(doc.get("title", "")), sents[:ARTICLE_SENTENCES]))
            if len(out) >= max_docs:
                break
    return out


def snli_dev(root: Path) -> list[dict[str, str]]:
    out = []
    for split in ("dev", "test"):
        for i, line in enumerate(_lines(root / "esnli_snli_en_devtest" / f"snli_{split}.tsv")):
            cols = line.split("\t")
            if len(cols) >= 3 and cols[0] in NLI and is_dev("esnli_snli_en_devtest", f"{split}:{i}"):
                out.append({"premise": cols[1].strip(), "hypothesis": cols[2].strip(), "label": cols[0],
                            "id": f"snli:{split}:{i}"})  # fmt: skip
    return out


# ------------------------------------------------------------------ builders
def stratified(
    items: list[dict[str, str]], key: str, per_class: int, rng: random.Random
) -> list[dict[str, str]]:
    by: dict[str, list[dict[str, str]]] = {}
    for it in items:
        by.setdefault(it[key], []).append(it)
    out = []
    for lab in sorted(by):
        group = by[lab]
        rng.shuffle(group)
        out.extend(group[:per_class])
    rng.shuffle(out)
    return out


def build_nli_ar(rows: list[tuple[str, str, str, str]], rng: random.Random) -> list[dict[str, str]]:
    by_doc: dict[str, list[int]] = {}
    for i, (doc, *_rest) in enumerate(rows):
        by_doc.setdefault(doc, []).append(i)
    out: list[dict[str, str]] = []

    def add(premise: str, hyp: str, label: str, kind: str, edit: str, key: str) -> None:
        out.append(
            {"premise": premise, "hypothesis": hyp, "label": label, "kind": kind, "edit": edit, "id": key}
        )

    for i, (doc, key, ar, en) in enumerate(rows):
        add(ar, en, "entailment", "xling", "translation", key)
        head = drop_clause(ar)
        if head:
            add(ar, head, "entailment", "ar", "clause dropped", key)
        for lang, text in ((0, ar), (1, en)):
            e = contradiction(text, rng, lang)
            if e.edit != "negation" or rng.random() < 0.5:  # fewer negations: most sentences have no number
                add(ar, e.text, "contradiction", ("ar", "xling")[lang], e.edit, key)
        others = [j for j in by_doc[doc] if j != i]
        if others:
            j = rng.choice(others)
            add(ar, rows[j][2], "neutral", "ar", "same document", key)
            add(ar, rows[rng.choice(others)][3], "neutral", "xling", "same document", key)
    return out


def _claim_of(sent: str) -> str:
    return drop_clause(sent) or sent


def build_arastance(
    docs: list[tuple[str, str, list[str]]], per_class: int, rng: random.Random
) -> list[dict[str, object]]:
    items: dict[str, list[dict[str, object]]] = {"Agree": [], "Disagree": [], "Discuss": [], "Unrelated": []}
    order = list(range(len(docs)))
    rng.shuffle(order)
    doc_terms = [Counter(t for s in d[2] for t in terms(s)) for d in docs]

    def item(claim: str, d: int, stance: str, how: str) -> dict[str, object]:
        return {"claim": claim, "article": [" ".join(docs[d][2])], "stance": [stance], "construction": how,
                "id": f"{ARWIKI}:{docs[d][0]}"}  # fmt: skip

    for pos, d in enumerate(order):
        _, _, sents = docs[d]
        s_agree, s_dis = rng.sample(sents, 2)
        if pos % 4 == 0:
            items["Agree"].append(item(_claim_of(s_agree), d, "Agree", "sentence, clause dropped"))
        elif pos % 4 == 1:
            e = contradiction(_claim_of(s_dis), rng, 0)
            items["Disagree"].append(item(e.text, d, "Disagree", e.edit))
        elif pos % 4 == 2:
            claim = _claim_of(rng.choice(sents))
            ct = set(terms(claim))
            sample = rng.sample(range(len(docs)), min(200, len(docs)))
            best = max(
                (o for o in sample if o != d), key=lambda o: (sum(1 for t in ct if t in doc_terms[o]), -o)
            )
            items["Unrelated"].append(
                item(claim, best, "Unrelated", "claim of another document, closest of 200")
            )
    # Discuss: a sentence of another document naming this document's title
    titled = {
        t: i for i, (_, t, _) in enumerate(docs) if len(t) >= 4 and len(t.split()) <= 3 and "(" not in t
    }
    for name, d in sorted(titled.items(), key=lambda kv: docs[kv[1]][0]):
        pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
        for o in order:
            if o == d:
                continue
            hit = next((s for s in docs[o][2] if pattern.search(s) and not s.startswith(name)), None)
            if hit:
                items["Discuss"].append(
                    item(_claim_of(hit), d, "Discuss", "another document's sentence naming the title")
                )
                break
    out: list[dict[str, object]] = []
    for lab in sorted(items):
        group = items[lab]
        rng.shuffle(group)
        out.extend(group[:per_class])
    rng.shuffle(out)
    return out


def write_jsonl(path: Path, rows: Iterable[dict[str, object]] | Iterable[dict[str, str]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--out", required=True, type=Path, help="directory to write the dev sets to (outside the repo)"
    )
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--snli-per-class", type=int, default=333)
    ap.add_argument("--nli-ar-per-class", type=int, default=300)
    ap.add_argument("--arastance-per-class", type=int, default=120)
    ap.add_argument("--arwiki-docs", type=int, default=2000, help="dev documents read (file order)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, object] = {}
    rng = random.Random(args.seed)
    snli = stratified(snli_dev(args.corpora), "label", args.snli_per_class, rng)
    counts["nli_snli_en.jsonl"] = dict(Counter(r["label"] for r in snli))
    write_jsonl(args.out / "nli_snli_en.jsonl", snli)
    rng = random.Random(args.seed + 1)
    nli_ar = stratified(build_nli_ar(parallel_dev(args.corpora), rng), "label", args.nli_ar_per_class, rng)
    counts["nli_ar.jsonl"] = {
        f"{k[0]}/{k[1]}": v for k, v in sorted(Counter((r["label"], r["kind"]) for r in nli_ar).items())
    }
    write_jsonl(args.out / "nli_ar.jsonl", nli_ar)
    rng = random.Random(args.seed + 2)
    ara = build_arastance(arwiki_dev(args.corpora, args.arwiki_docs), args.arastance_per_class, rng)
    counts["arastance_arwiki.jsonl"] = dict(Counter(str(r["stance"][0]) for r in ara))  # type: ignore[index]
    write_jsonl(args.out / "arastance_arwiki.jsonl", ara)
    manifest = {"seed": args.seed, "corpora": str(args.corpora), "counts": counts}
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(manifest, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
