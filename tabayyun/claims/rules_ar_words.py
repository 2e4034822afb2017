"""What one Arabic token is, for the decomposition rules: a verb, a definite noun, a clitic to peel.

Every test reads the token's normalized ``key`` (:mod:`tabayyun.claims.split_tokens`).
The conjunctions و/ف and the prepositions ب/ك/ل glue to the next word; the functions
here say how many characters of the cleaned token they take, so a part can read the
word without them (بالإمارة → الإمارة).
"""

from __future__ import annotations

from ..text.stopwords import STOPWORDS
from . import rules_lexicon as lx
from .split_tokens import ClaimText

#: auxiliaries that take a second verb right after them (كان يسيطر، لم يعد يحكم، بدأ يعمل)
_AUX = frozenset(
    k
    for k in lx.AR_VERBS
    if k[:3] in {"كان", "يكو", "تكو", "اصب", "يصب", "تصب", "يظل", "تظل", "عاد", "يعد", "تعد", "بدا", "يبد"}
    or k in {"ظل", "ظلت", "بات", "باتت", "يعد", "تعد", "يزال", "تزال", "زال", "زالت"}
)
#: "وليس X" negates a noun ("يستهدف الإرهاب وليس إسرائيل"), it does not open a clause
_NEGATED_NOUN = frozenset({"ليس", "ليست"})
_NISBA_ENDINGS = ("ي", "يه", "ية", "يين", "يون", "يتين", "يان")


def peel_conj(key: str) -> str:
    """``key`` without a leading conjunction و/ف (when what is left is still a word)."""
    return key[1:] if len(key) > 3 and key[0] in "وف" and key not in lx.AR_VERBS else key


def in_set(key: str, words: frozenset[str]) -> bool:
    """``key`` or ``key`` without a leading conjunction is one of ``words`` (وفقا، ووزير، وزير)."""
    return key in words or peel_conj(key) in words


def is_verb(key: str, ta_marbuta: bool = False) -> bool:
    """A verb: a listed form, or a shape — يفعل، سيفعل، ستفعل، افتعل، انفعل، استفعل — after a conjunction
    و/ف. ``ta_marbuta``: the written word ends in ة (the key folds it to ه), so it is a noun."""
    if key in lx.AR_NOT_VERBS:
        return False
    if key in lx.AR_VERBS or (not ta_marbuta and (_imperfect(key) or _conj_shape(key))):
        return True
    k = peel_conj(key)
    # after و/ف only listed verbs and the derived / future shapes: و + يفعل is as often a name (ويدودو)
    return k != key and (k in lx.AR_VERBS or (not ta_marbuta and _conj_shape(k)))


def _future_t(k: str) -> bool:
    """تفعل after the future س (ستواجه): four letters or more, not a plural or dual ending."""
    return len(k) >= 4 and k[0] == "ت" and not k.endswith(("ات", "ين", "ون", "يه"))


def _conj_shape(k: str) -> bool:
    """The shapes that also count after و: the derived past (انسحب، استقبل, with ت / وا) and the future
    (سيزور، ستواجه); not the bare يفعل — foreign names write و for W (ويدودو، ويليامز)."""
    if _derived_past(k) or (k.endswith(("ت", "وا")) and _derived_past(k[:-1] if k.endswith("ت") else k[:-2])):
        return True
    return len(k) >= 5 and k[0] == "س" and (k[1:] in lx.AR_VERBS or _imperfect(k[1:]) or _future_t(k[1:]))


def _derived_past(k: str) -> bool:
    """The past of the derived forms that nouns do not share: افتعل / انفعل (اجتمع، انسحب) and
    استفعل (استقبل)."""
    if len(k) == 5 and k[0] == "ا" and (k[2] == "ت" or k[1] == "ن") and k[3] != "ا" and not k.endswith("ه"):
        return True
    return len(k) == 6 and k.startswith("است") and not k.endswith(("ه", "ات"))


def _imperfect(k: str) -> bool:
    """The shape يفعل; a final ه only as an object pronoun of a listed verb (يقوده), since ة folds to ه."""
    if len(k) < 4 or k[0] != "ي" or k in lx.AR_NOT_VERBS or k in STOPWORDS or k.endswith(("يه", "ات", "يين")):
        return False
    if k.endswith("ه") and not k.endswith(("ها", "هم", "هما", "هن")):
        return k[:-1] in lx.AR_VERBS
    return True


def is_aux(key: str) -> bool:
    return in_set(key, _AUX)


def conj_verb(key: str) -> bool:
    """و/ف + a verb (وأعلن، ويسمي), but not a verb that itself starts with و (وقع، وصف). After ف the
    verb must be a listed form: many names start with ف (فيسبوك، فيلادلفيا) and would look like يفعل."""
    if len(key) <= 3 or key[0] not in "وف" or key in lx.AR_VERBS or key[1:] in _NEGATED_NOUN:
        return False
    return key[1:] in lx.AR_VERBS or (key[0] == "و" and _conj_shape(key[1:]))


def article(key: str) -> int | None:
    """How many clitic characters stand before the article ال of a definite word; ``None`` if indefinite.

    والحركة → 1, بالإمارة → 1, وبالإمارة → 2, الحركة → 0; للتحالف (ل + ال) → -1 (the
    article's alef is dropped: see :func:`head_text`).
    """
    for pre in ("", "و", "ف"):
        if pre and not key.startswith(pre):
            continue
        rest = key[len(pre) :]
        for prep in ("", "ب", "ك"):
            if rest.startswith(prep + "ال") and len(rest) >= len(prep) + 4:
                return len(pre) + len(prep)
        if rest.startswith("لل") and len(rest) >= 5:
            return -1
    return None


def is_definite(key: str) -> bool:
    return article(key) is not None and key not in lx.AR_RELATIVE and key not in STOPWORDS


def has_preposition(key: str) -> bool:
    """A definite word with a preposition glued on (بالإمارة، للتحالف، كالحركة)."""
    n = article(key)
    if n == -1:
        return True
    k = peel_conj(key) if n == 2 else key
    return bool(n) and k[0] in "بك" and k[1:3] == "ال"


def is_adjective(key: str, text: str = "") -> bool:
    """A definite adjective: listed, or a nisba (المصري، الدولية) — read on the written ``text`` when
    given, so that ى (المستشفى) is not taken for the nisba ي."""
    k = peel_conj(key)
    ending = peel_conj(text) if text else k
    return k in lx.AR_ADJECTIVES or (k.startswith("ال") and ending.endswith(_NISBA_ENDINGS) and len(k) >= 5)


def is_function_word(key: str) -> bool:
    k = peel_conj(key)
    return key in STOPWORDS or k in STOPWORDS or key in lx.AR_PARTICLES or key in lx.AR_RELATIVE


def content_word(doc: ClaimText, i: int) -> bool:
    """A word that may belong to a noun phrase: not a verb, a function word or punctuation."""
    tok = doc.toks[i]
    if tok.kind != "word" or is_function_word(tok.key):
        return False
    return not is_verb(tok.key, tok.text.endswith("ة"))


def continuing_at(doc: ClaimText, idx: list[int], p: int) -> int:
    """How many tokens of a continuing marker (لا يزال، ما زال، لم يعد، مازال) start at ``idx[p]``."""
    key = doc.key(idx[p])
    for k in (key, key[1:]) if key[:1] in "وف" and len(key) > 2 else (key,):
        if k in lx.AR_CONTINUING_WORDS:
            return 1
        if p + 1 < len(idx) and (k, doc.key(idx[p + 1])) in lx.AR_CONTINUING_PAIRS:
            return 2
    return 0


def head_text(doc: ClaimText, i: int) -> tuple[int | str, int]:
    """A noun read without its clitics: ``(element, skip)`` — the token with a skip, or a literal word."""
    tok = doc.toks[i]
    n = article(tok.key)
    if n == -1:
        body = tok.text[tok.text.index("لل") + 2 :] if "لل" in tok.text else tok.text[2:]
        return "ال" + body, 0
    if n:
        return i, n
    return i, 0
