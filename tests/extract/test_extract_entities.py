"""Entities: gazetteer, clitics, adjectives, titles, org and place rules, alias files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tabayyun.errors import InputError
from tabayyun.extract import AliasTable, extract

GOLD = Path(__file__).parent / "entities_gold.jsonl"

# (id, text, mention, type, canonical)
ENTITIES: list[tuple[str, str, str, str, str]] = [
    ("g-country-ar", "زار الوفد مصر", "مصر", "place", "Egypt"),
    ("g-country-en", "the delegation visited Egypt", "Egypt", "place", "Egypt"),
    ("g-country-long", "قالت الولايات المتحدة الأمريكية", "الولايات المتحدة الأمريكية", "place",
     "United States"),
    ("g-city-ar", "في باريس", "باريس", "place", "Paris"),
    ("g-city-en", "in Rome", "Rome", "place", "Rome"),
    ("g-clitic-wa", "وبغداد", "بغداد", "place", "Baghdad"),
    ("g-clitic-li", "لمصر", "مصر", "place", "Egypt"),
    ("g-clitic-lil", "قدمت للأمم المتحدة تقريرا", "للأمم المتحدة", "org", "United Nations"),
    ("g-adj-masc", "قال المسؤول الأمريكي", "الأمريكي", "place", "United States"),
    ("g-adj-fem", "السلطات الفرنسية", "الفرنسية", "place", "France"),
    ("g-adj-plural", "المواطنين السوريين", "السوريين", "place", "Syria"),
    ("g-adj-en", "French officials", "French", "place", "France"),
    ("g-pycountry-en", "a ship from New Zealand", "New Zealand", "place", "New Zealand"),
    ("a-daesh", "هاجم داعش القرية", "داعش", "org", "ISIS"),
    ("a-tanzim-aldawla", "قال تنظيم الدولة الإسلامية", "تنظيم الدولة الإسلامية", "org", "ISIS"),
    ("a-isil", "ISIL fighters", "ISIL", "org", "ISIS"),
    ("a-nato", "قال حلف الناتو", "حلف الناتو", "org", "NATO"),
    ("a-blinken-ar", "قال بلينكن", "بلينكن", "person", "Antony Blinken"),
    ("a-blinken-en", "Blinken said", "Blinken", "person", "Antony Blinken"),
    ("a-trump-variant", "قال ترمب", "ترمب", "person", "Donald Trump"),
    ("a-trump", "قال ترامب", "ترامب", "person", "Donald Trump"),
    ("t-president", "قال الرئيس الفنزويلي نيكولاس مادورو إن", "نيكولاس مادورو", "person", "نيكولاس مادورو"),
    ("t-minister", "صرح وزير الداخلية سامي الخطيب بأن", "سامي الخطيب", "person", "سامي الخطيب"),
    ("t-en-president", "President Emmanuel Macron said", "Emmanuel Macron", "person", "Emmanuel Macron"),
    ("t-en-mr", "Mr. Sultan Haddad said", "Sultan Haddad", "person", "sultan haddad"),
    ("o-ministry", "قالت وزارة الصحة الفلسطينية", "وزارة الصحة الفلسطينية", "org", "وزاره الصحه الفلسطينيه"),
    ("o-party", "فاز حزب العدالة والتنمية", "حزب العدالة", "org", "حزب العداله"),
    ("o-en-ministry", "the Ministry of Health said", "Ministry of Health", "org", "ministry of health"),
    ("p-town", "في بلدة كفرنبل", "كفرنبل", "place", "كفرنبل"),
    ("p-camp", "في مخيم الزعتري", "الزعتري", "place", "الزعتري"),
    ("x-case-us", "the US army", "US", "place", "United States"),
]


@pytest.mark.parametrize(("text", "mention", "typ", "canonical"), [e[1:] for e in ENTITIES],
                         ids=[e[0] for e in ENTITIES])
def test_entity(text: str, mention: str, typ: str, canonical: str) -> None:
    found = [e for e in extract(text).entities if e.text == mention]
    assert found, extract(text).entities
    e = found[0]
    assert text[e.start : e.end] == mention
    assert (e.type, e.canonical) == (typ, canonical)


@pytest.mark.parametrize("text", ["tell us about it", "who said that", "he may turn to chad later"],
                         ids=["us-pronoun", "who-pronoun", "lowercase"])
def test_not_an_entity(text: str) -> None:
    assert extract(text).entities == ()


def test_user_alias_file(tmp_path: Path) -> None:
    f = tmp_path / "aliases.tsv"
    f.write_text("Tahrir Group\t@org\tجماعة التحرير الوطني\tهيئة التحرير\n", encoding="utf-8")
    table = AliasTable.default().merged(AliasTable.from_file(f))
    ents = extract("أعلنت هيئة التحرير مسؤوليتها", aliases=table).entities
    assert [(e.text, e.canonical) for e in ents] == [("هيئة التحرير", "Tahrir Group")]


def test_alias_file_equals_form(tmp_path: Path) -> None:
    f = tmp_path / "aliases.txt"
    f.write_text("# comment\nداعش = Tanzim X\n", encoding="utf-8")
    table = AliasTable.from_file(f, base=AliasTable.default())
    assert table.lookup("Tanzim X") is not None and table.lookup("Tanzim X").canonical == "داعش"  # type: ignore[union-attr]
    assert table.lookup("Tanzim X").type == "org"  # type: ignore[union-attr]


def test_alias_file_bad_type(tmp_path: Path) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("X\t@planet\tY\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:1"):
        AliasTable.from_file(f)


def test_gold_file_is_labelled_on_substrings() -> None:
    lines = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(lines) >= 50
    for item in lines:
        for text, typ in item["entities"]:
            assert text in item["text"] and typ in ("person", "place", "org"), item["id"]


def test_precision_recall_floor() -> None:
    """Guards against regressions on the labelled sentences (see bench/eval_entities.py for the figures)."""
    tp = fp = fn = 0
    from collections import Counter

    from tabayyun.text.normalize import normalize

    for line in GOLD.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gold = Counter((normalize(t), typ) for t, typ in item["entities"])
        pred = Counter((normalize(e.text), e.type) for e in extract(item["text"]).entities)
        tp += sum((gold & pred).values())
        fp += sum((pred - gold).values())
        fn += sum((gold - pred).values())
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9
