"""Obfuscation invariance, end to end with the real default models.

Every sample claim (``samples/claims.jsonl``) is rewritten with each obfuscation used
to dodge matching — tatweel, full diacritics, zero-width characters, bidi marks,
presentation forms, Persian letters and digits, soft hyphens, BOMs, decomposed (NFD)
hamza letters, and mixtures — and must keep the verdict of the plain claim against
``samples/corpus``. A few
obfuscations are also applied to the *sources*: the plain claims must keep their
verdicts, and evidence and check offsets must index the obfuscated documents exactly.

The obfuscations are written here (not taken from the library) so that they do not
share a blind spot with the cleaning they test.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest

from tabayyun import Tabayyun
from tabayyun.ingest import RawDocument, expand_paths, read_path
from tabayyun.results import CheckResult

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = [json.loads(line) for line in (ROOT / "samples" / "claims.jsonl").read_text("utf-8").splitlines()]

pytestmark = pytest.mark.slow

_AR_LETTER = re.compile(r"[\u0621-\u063A\u0641-\u064A]")
_AR_WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A]+")
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
#: letters that join the next one (the rest — ا أ إ آ د ذ ر ز و ؤ ة ى ء — do not)
_JOINING = frozenset("بتثجحخسشصضطظعغفقكلمنهيئ")
#: fatha, kasra, damma, sukun, shadda + fatha
_HARAKAT = ("\u064E", "\u0650", "\u064F", "\u0652", "\u0651\u064E")


# ------------------------------------------------------------------ obfuscations
def tatweel(text: str) -> str:
    """A run of tatweel after every other joining letter that is followed by a letter."""
    out: list[str] = []
    for i, ch in enumerate(text):
        out.append(ch)
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in _JOINING and _AR_LETTER.match(nxt) and i % 2 == 0:
            out.append("\u0640" * (1 + i % 3))
    return "".join(out)


def diacritics(text: str) -> str:
    """A haraka on every Arabic letter, tanween on a word's last letter."""
    def word(m: re.Match[str]) -> str:
        w = m.group()
        marks = [_HARAKAT[(m.start() + k) % len(_HARAKAT)] for k in range(len(w) - 1)] + ["\u064B"]
        return "".join(ch + mark for ch, mark in zip(w, marks, strict=True))

    return _AR_WORD.sub(word, text)


def _inside_words(mark: str, every: int = 2) -> Callable[[str], str]:
    """Put ``mark`` after every ``every``-th character inside each word (letters only)."""
    def word(m: re.Match[str]) -> str:
        w = m.group()
        cut = [k % every == every - 1 and k < len(w) - 1 for k in range(len(w))]
        return "".join(ch + (mark if c else "") for ch, c in zip(w, cut, strict=True))

    def apply(text: str) -> str:
        return _WORD.sub(word, text)

    return apply


def bidi_marks(text: str) -> str:
    """RLM before every word, LRM around every number."""
    text = _NUMBER.sub(lambda m: "\u200E" + m.group() + "\u200E", text)
    return re.sub(r"(?<!\S)(?=\S)", "\u200F", text)


def bidi_isolates(text: str) -> str:
    """The claim in an RLE … PDF embedding, numbers in LRI … PDI isolates, an ALM before each."""
    text = _NUMBER.sub(lambda m: "\u061C\u2066" + m.group() + "\u2069", text)
    return "\u202B" + text + "\u202C"


@cache
def _forms() -> dict[str, dict[str, str]]:
    """Base letter (or لا) → {isolated|initial|medial|final: presentation form}."""
    table: dict[str, dict[str, str]] = {}
    for cp in range(0xFE70, 0xFEFD):
        name = unicodedata.name(chr(cp), "")
        form = next((f for f in ("ISOLATED", "INITIAL", "MEDIAL", "FINAL") if f"{f} FORM" in name), None)
        if form and ("LETTER" in name or "LIGATURE LAM WITH ALEF " in name + " "):
            base = unicodedata.normalize("NFKC", chr(cp))
            table.setdefault(base, {})[form.lower()] = chr(cp)
    return table


def presentation_forms(text: str) -> str:
    """Arabic letters as their contextual presentation forms (لا as its ligature)."""
    forms = _forms()
    out: list[str] = []
    i = 0
    while i < len(text):
        two = text[i : i + 2]
        base = two if two == "لا" else text[i]
        f = forms.get(base)
        if f is None:
            out.append(text[i])
            i += 1
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + len(base)] if i + len(base) < len(text) else ""
        joins_prev = prev in _JOINING
        joins_next = base[-1] in _JOINING and bool(_AR_LETTER.match(nxt))
        shape = {(True, True): "medial", (False, True): "initial", (True, False): "final"}.get(
            (joins_prev, joins_next), "isolated"
        )
        out.append(f.get(shape) or f.get("final" if joins_prev else "isolated") or base)
        i += len(base)
    return "".join(out)


_PERSIAN = str.maketrans("يكه", "یکہ")


def persian_letters(text: str) -> str:
    """ي → ی, ك → ک, ه → ہ (Persian and Urdu look-alikes)."""
    return text.translate(_PERSIAN)


def _digits(zero: int) -> Callable[[str], str]:
    table = str.maketrans("0123456789", "".join(chr(zero + d) for d in range(10)))
    return lambda text: text.translate(table)


arabic_indic_digits = _digits(0x0660)
persian_digits = _digits(0x06F0)


def decomposed(text: str) -> str:
    """Unicode NFD: أ إ آ ؤ ئ as a letter plus a combining hamza or maddah (text copied from some systems)."""
    return unicodedata.normalize("NFD", text)


def mixed(text: str) -> str:
    """Tatweel, diacritics, Persian letters, ZWNJ and Arabic-Indic digits at once."""
    return _inside_words("\u200C", 3)(persian_letters(diacritics(tatweel(arabic_indic_digits(text)))))


OBFUSCATIONS: dict[str, Callable[[str], str]] = {
    "tatweel": tatweel,
    "diacritics": diacritics,
    "zwnj": _inside_words("\u200C"),
    "zwsp": _inside_words("\u200B", 3),
    "zwj": _inside_words("\u200D", 3),
    "bidi-marks": bidi_marks,
    "bidi-isolates": bidi_isolates,
    "presentation-forms": presentation_forms,
    "persian-letters": persian_letters,
    "arabic-indic-digits": arabic_indic_digits,
    "persian-digits": persian_digits,
    "soft-hyphen": _inside_words("\u00AD", 3),
    "bom-word-joiner": _inside_words("\uFEFF\u2060", 4),
    "decomposed": decomposed,
    "mixed": mixed,
}
#: obfuscations also applied to the sources (the claims stay plain)
SOURCE_OBFUSCATIONS = ("tatweel", "diacritics", "zwnj", "mixed")


def _variants() -> list[tuple[str, str, str]]:
    """``(claim id, obfuscation, obfuscated claim)`` for each pair where the obfuscation changes the claim."""
    out = []
    for case, (name, fn) in itertools.product(CLAIMS, OBFUSCATIONS.items()):
        tricked = fn(case["claim"])
        if tricked != case["claim"]:
            out.append((case["id"], name, tricked))
    return out


VARIANTS = _variants()


# ------------------------------------------------------------------ fixtures
def _documents() -> list[RawDocument]:
    docs: list[RawDocument] = []
    for path in expand_paths([str(ROOT / "samples" / "corpus")]):
        result = read_path(path)
        assert result.errors == []
        docs.extend(result.documents)
    return docs


@pytest.fixture(scope="module")
def plain_tb() -> Iterator[Tabayyun]:
    with Tabayyun(":memory:") as tb:
        tb.add_documents(_documents())
        yield tb


@pytest.fixture(scope="module")
def plain_verdicts(plain_tb: Tabayyun) -> dict[str, CheckResult]:
    return {c["id"]: plain_tb.check(c["claim"], id=c["id"]) for c in CLAIMS}


def _assert_offsets(tb: Tabayyun, result: CheckResult) -> None:
    docs = tb.documents()
    texts = {d.id: d.text for d in docs}
    by_source = {d.source: d.text for d in docs}
    for ev in result.evidence:
        assert texts[ev.document_id or 0][ev.start : ev.end] == ev.text
    for c in result.checks:
        if c.evidence_start is not None and c.evidence_end is not None and c.source in by_source:
            assert by_source[c.source][c.evidence_start : c.evidence_end] == c.evidence_text, c


def _explain(plain: CheckResult, tricked: CheckResult) -> str:
    both = {"plain": plain.to_dict(), "obfuscated": tricked.to_dict()}
    return json.dumps(both, ensure_ascii=False, indent=1)


# ------------------------------------------------------------------ tests
def test_every_obfuscation_changes_some_claim() -> None:
    changed = {name for _, name, _ in VARIANTS}
    assert changed == set(OBFUSCATIONS)
    assert len(VARIANTS) >= 10 * 5


@pytest.mark.parametrize(("cid", "name", "claim"), VARIANTS, ids=[f"{c}-{n}" for c, n, _ in VARIANTS])
def test_obfuscated_claim_keeps_its_verdict(
    plain_tb: Tabayyun, plain_verdicts: dict[str, CheckResult], cid: str, name: str, claim: str
) -> None:
    tricked = plain_tb.check(claim, id=cid)
    plain = plain_verdicts[cid]
    assert tricked.verdict == plain.verdict, _explain(plain, tricked)
    _assert_offsets(plain_tb, tricked)


@pytest.fixture(scope="module", params=SOURCE_OBFUSCATIONS)
def tricked_tb(request: pytest.FixtureRequest, plain_tb: Tabayyun) -> Iterator[Tabayyun]:
    fn = OBFUSCATIONS[request.param]
    docs = [RawDocument(fn(d.text), d.title, d.source, d.url, d.date) for d in _documents()]
    with Tabayyun(":memory:", embedder=plain_tb.embedder, stance_model=plain_tb.stance_model) as tb:
        tb.add_documents(docs)
        yield tb


@pytest.mark.parametrize("case", CLAIMS, ids=[c["id"] for c in CLAIMS])
def test_claim_keeps_its_verdict_against_obfuscated_sources(
    tricked_tb: Tabayyun, plain_verdicts: dict[str, CheckResult], case: dict[str, str]
) -> None:
    tricked = tricked_tb.check(case["claim"], id=case["id"])
    plain = plain_verdicts[case["id"]]
    assert tricked.verdict == plain.verdict, _explain(plain, tricked)
    _assert_offsets(tricked_tb, tricked)
