"""Places: the role a place plays (in/from/to), homograph readings, a city's country."""

from __future__ import annotations

import pytest

from tabayyun.extract import extract
from tabayyun.extract.aliases import AliasTable, readings
from tabayyun.extract.places import place_readings, place_role, relation

# (id, text, place as written, role)
ROLES: list[tuple[str, str, str, str | None]] = [
    ("fi", "اجتمع الوزراء في عمّان", "عمّان", "in"),
    ("glued-ba", "اجتمع الوزراء بالقاهرة", "القاهرة", "in"),
    ("min", "وصل الوفد من القاهرة", "القاهرة", "from"),
    ("ila", "توجه الوفد إلى الرياض", "الرياض", "to"),
    ("glued-lam", "وصل الوفد لعمّان", "عمّان", "to"),
    ("capital-adjective", "اجتمعوا في العاصمة الأردنية عمّان", "عمّان", "in"),
    ("madina", "انفجار في مدينة حلب", "حلب", "in"),
    ("wa-fi", "وفي دمشق قال الوزير", "دمشق", "in"),
    ("en-in", "The ministers met in Cairo.", "Cairo", "in"),
    ("en-at", "They gathered at Geneva", "Geneva", "in"),
    ("en-from", "The delegation came from Cairo", "Cairo", "from"),
    ("en-to", "The delegation flew to Amman", "Amman", "to"),
    ("en-the-capital", "They met in the Jordanian capital, Amman", "Amman", "in"),
    ("subject", "أعلنت القاهرة أمس", "القاهرة", None),
    ("en-subject", "Paris announced new measures", "Paris", None),
]


@pytest.mark.parametrize(("text", "name", "role"), [r[1:] for r in ROLES], ids=[r[0] for r in ROLES])
def test_place_role(text: str, name: str, role: str | None) -> None:
    place = next(e for e in extract(text).entities if e.text == name)
    assert place_role(text, place) == role


@pytest.mark.parametrize(
    ("name", "canonicals"),
    [("عمان", {"Oman", "Amman"}), ("تونس", {"Tunisia", "Tunis"}), ("الجزائر", {"Algeria", "Algiers"}),
     ("الكويت", {"Kuwait", "Kuwait City"}), ("Amman", {"Amman"}), ("القاهرة", {"Cairo"}),
     ("سلطنة عمان", {"Oman"})],
    ids=["oman-amman", "tunisia-tunis", "algeria-algiers", "kuwait", "en-amman", "cairo", "sultanate"],
)
def test_homograph_readings(name: str, canonicals: set[str]) -> None:
    assert {r.canonical for r in readings(name)} == canonicals


def test_city_lines_name_their_country() -> None:
    table = AliasTable.default()
    pairs = [("Amman", "Jordan"), ("Cairo", "Egypt"), ("Muscat", "Oman"), ("Tbilisi", "Georgia")]
    for city, country in pairs:
        entry = table.lookup(city)
        assert entry is not None and entry.parent == country
        assert table.lookup(country) is not None, country


def test_parent_column_is_read_from_a_user_file() -> None:
    table = AliasTable.from_text("Springfield\t@place/city\t@in=United States\tسبرنغفيلد")
    entry = table.lookup("سبرنغفيلد")
    assert entry is not None and (entry.canonical, entry.subtype, entry.parent) == (
        "Springfield", "city", "United States")


# (id, claim place text, evidence place text, cross_class, relation)
RELATIONS: list[tuple[str, str, str, bool, str | None]] = [
    ("same", "met in Cairo", "في القاهرة", False, "same"),
    ("homograph-city", "met in Amman", "في عمان", False, "same"),
    ("homograph-country", "met in Oman", "في عمان", False, "same"),
    ("two-cities", "met in Cairo", "في الرياض", False, "different"),
    ("city-in-country", "met in Jordan", "في عمّان", True, "within"),
    ("city-not-in-country", "met in Paris", "في ألمانيا", True, "different"),
    ("claim-city-evidence-its-country", "met in Paris", "في فرنسا", True, "contains"),
    ("classes-without-role", "met in Paris", "في ألمانيا", False, None),
    ("homograph-some-reading-contains", "met in Muscat", "في عمان", True, "contains"),
    ("homograph-all-different", "met in Cairo", "في عمان", True, "different"),
]


@pytest.mark.parametrize(("claim", "evidence", "cross", "expected"), [r[1:] for r in RELATIONS],
                         ids=[r[0] for r in RELATIONS])
def test_relation(claim: str, evidence: str, cross: bool, expected: str | None) -> None:
    (c,) = [e for e in extract(claim).entities if e.type == "place"]
    (e,) = [e for e in extract(evidence).entities if e.type == "place"]
    assert relation(c, e, cross_class=cross) == expected


def test_unknown_place_reads_as_itself() -> None:
    (e,) = extract("انفجار في مدينة زرنوق").entities
    assert place_readings(e) == ((e.canonical, "city", None),)
