"""The alias table: every name an entity goes by, mapped to one canonical name.

File format (UTF-8, one entity per line, ``#`` comments)::

    canonical<TAB>@type[/subtype]<TAB>variant<TAB>variant …

``@type`` is optional (``person``, ``place``, ``org``; a ``place`` may carry a
subtype: ``@place/city``). ``@in=<name>`` says where a place lies (a city's
country: ``Amman  @place/city  @in=Jordan``). A variant starting with ``~`` is a nationality
adjective (Arabic in the masculine without the article: ``~أمريكي`` also
matches الأمريكية، الأمريكيون). Lines may also be written ``a = b = c``
(the first name is canonical). Matching is on normalized text, so spelling
variants that normalization folds (أ/ا، ة/ه، ى/ي، diacritics) need no entry.
English variants match only when capitalized as written; all-capital short
forms (US, UN, WHO) only in capitals.

:data:`HOMOGRAPHS` lists the Arabic names one spelling gives to two places
(عمان: عُمان Oman and عَمّان Amman — only the vowels, which news text leaves out,
tell them apart); :func:`readings` gives every place a mention may be.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .tokens import norm_key
from .units import DATA_DIR

_AR_ADJ_ENDINGS = ("", "ه", "ين", "ون")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    canonical: str
    type: str
    subtype: str | None
    variant: str  # as written in the table
    adjective: bool
    case_sensitive: bool
    parent: str | None = None  # the place it lies in, as written after @in=


@dataclass(frozen=True)
class AliasTable:
    """Normalized name (token tuple) → entries; longest names matched first."""

    index: dict[tuple[str, ...], AliasEntry] = field(default_factory=dict)
    max_len: int = 1

    @staticmethod
    def _parse(text: str, origin: str) -> list[tuple[str, str | None, str | None, str | None, list[str]]]:
        rows = []
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in (line.split("\t") if "\t" in line else line.split("="))]
            parts = [p for p in parts if p]
            if not parts:
                continue
            canonical, rest = parts[0], parts[1:]
            typ = sub = parent = None
            names = []
            for p in rest:
                if p.startswith("@in="):
                    parent = p[4:].strip() or None
                elif p.startswith("@"):
                    typ, _, s = p[1:].partition("/")
                    sub = s or None
                    if typ not in ("person", "place", "org"):
                        raise InputError(f"{origin}:{lineno}: unknown type {p!r} (person, place or org)")
                else:
                    names.append(p)
            rows.append((canonical, typ, sub, parent, [canonical, *names]))
        return rows

    @classmethod
    def from_text(cls, text: str, origin: str = "<aliases>", *, base: AliasTable | None = None) -> AliasTable:
        index: dict[tuple[str, ...], AliasEntry] = dict(base.index) if base else {}
        for canonical, typ, sub, parent, names in cls._parse(text, origin):
            if typ is None:  # inherit the type of a name the base table knows, else org
                known = [index[k] for n in names if (k := norm_key(n.lstrip("~"))) in index]
                typ = known[0].type if known else "org"
                sub = known[0].subtype if known else None
            for name in names:
                adjective = name.startswith("~")
                name = name.lstrip("~")
                key = norm_key(name)
                if not key:
                    continue
                cs = name.isascii() and name.replace(".", "").isupper() and len(name.replace(".", "")) <= 5
                entry = AliasEntry(canonical, typ, "nationality" if adjective else sub, name, adjective, cs,
                                   None if adjective else parent)
                if adjective:  # an adjective never hides a name
                    endings = _AR_ADJ_ENDINGS if not name.isascii() else ("",)
                    for ending in endings:
                        k = (*key[:-1], key[-1] + ending)
                        if k not in index or index[k].adjective:
                            index[k] = entry
                else:
                    index[key] = entry
        max_len = max((len(k) for k in index), default=1)
        return cls(index, max_len)

    @classmethod
    def from_file(cls, path: str | Path, *, base: AliasTable | None = None) -> AliasTable:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{p}: cannot read alias file: {exc}") from exc
        return cls.from_text(text, str(p), base=base)

    @classmethod
    def default(cls) -> AliasTable:
        return _default_table()

    def merged(self, other: AliasTable) -> AliasTable:
        """This table with ``other``'s names added; ``other`` wins where both name the same string."""
        index = {**self.index, **other.index}
        return AliasTable(index, max(self.max_len, other.max_len))

    @property
    def first_words(self) -> frozenset[str]:
        """The first token of every name (a quick filter before a lookup)."""
        cached = self.__dict__.get("_first_words")
        if cached is None:
            cached = frozenset(k[0] for k in self.index)
            object.__setattr__(self, "_first_words", cached)
        return cached

    def lookup(self, name: str) -> AliasEntry | None:
        return self.index.get(norm_key(name))

    def canonical(self, name: str) -> str:
        entry = self.lookup(name)
        return entry.canonical if entry else " ".join(norm_key(name))

    def __len__(self) -> int:
        return len(self.index)


#: one Arabic spelling, two places: a country and its capital written alike without vowels
HOMOGRAPHS: dict[tuple[str, ...], tuple[str, ...]] = {norm_key(k): v for k, v in (
    ("عمان", ("Oman", "Amman")), ("تونس", ("Tunisia", "Tunis")), ("الجزائر", ("Algeria", "Algiers")),
    ("الكويت", ("Kuwait", "Kuwait City")), ("بنما", ("Panama", "Panama City")),
)}


def readings(text: str, table: AliasTable | None = None) -> tuple[AliasEntry, ...]:
    """Every place a mention's text may name: two for a homograph (عمان → Oman, Amman), else its one entry."""
    t = table if table is not None else AliasTable.default()
    key = norm_key(text)
    names = HOMOGRAPHS.get(key)
    if names is not None:
        found = tuple(e for n in names if (e := t.lookup(n)) is not None)
        if found:
            return found
    entry = t.index.get(key)
    return (entry,) if entry is not None else ()


def _pycountry_rows(known: AliasTable) -> str:
    """Countries the hand-written table lacks, from pycountry's English names and Arabic translations."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return ""
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"]).gettext
    except OSError:  # pragma: no cover
        tr = gettext.NullTranslations().gettext
    lines = []
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", None), tr(c.name)]
        clean = [n for n in names if n and "," not in n and "(" not in n]
        if not clean or any(norm_key(n) in known.index for n in clean):
            continue
        lines.append("\t".join([clean[0], "@place/country", *clean[1:]]))
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _default_table() -> AliasTable:
    data = DATA_DIR
    table = AliasTable.from_text(data.joinpath("places.tsv").read_text(encoding="utf-8"), "places.tsv")
    table = AliasTable.from_text(data.joinpath("aliases.tsv").read_text(encoding="utf-8"), "aliases.tsv",
                                 base=table)
    return AliasTable.from_text(_pycountry_rows(table), "pycountry", base=table)
