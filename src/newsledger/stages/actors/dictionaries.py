"""Dictionaries the actors stage codes with: countries, demonyms, capitals, titles, group words.

All facts come from data files (see their headers for sources); this module only
indexes them for lookups by the surface form found in text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ...data import read_tsv


@dataclass(frozen=True)
class CountryInfo:
    iso3: str
    name: str
    capital: str | None
    historical: bool


@dataclass
class ActorDictionaries:
    countries: dict[str, CountryInfo] = field(default_factory=dict)  # iso3 -> info
    # surface form -> iso3. Exact-case forms for short all-caps aliases ("US"), folded otherwise.
    country_names_exact: dict[str, str] = field(default_factory=dict)
    country_names_folded: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> iso3
    capitals: dict[str, str] = field(default_factory=dict)  # capital name -> iso3
    titles: dict[str, str | None] = field(default_factory=dict)  # folded title -> sector
    max_title_words: int = 1
    group_heads: dict[str, str] = field(default_factory=dict)  # folded head word(s) -> sector
    group_modifiers: dict[str, str] = field(default_factory=dict)  # folded modifier -> sector

    def country_of_name(self, text: str) -> str | None:
        """ISO alpha-3 of a country name or alias as written ("Türkiye", "the Soviet Union", "US")."""
        t = _strip_the(text.strip())
        if t in self.country_names_exact:
            return self.country_names_exact[t]
        if len(t) <= 4 and t.isupper():
            return None  # short capitals only match exactly: "US" yes, "us" never
        return self.country_names_folded.get(t.casefold())

    def country_of_demonym(self, text: str) -> str | None:
        return self.demonyms.get(text.strip().casefold())

    def country_of_capital(self, text: str) -> str | None:
        return self.capitals.get(text.strip())

    def title_sector(self, text: str) -> tuple[bool, str | None]:
        key = text.strip().casefold()
        if key in self.titles:
            return True, self.titles[key]
        return False, None


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


@lru_cache(maxsize=1)
def load_dictionaries() -> ActorDictionaries:
    d = ActorDictionaries()
    for row in read_tsv("countries.tsv"):
        iso3 = row["iso3"]
        d.countries[iso3] = CountryInfo(iso3, row["name"], row["capital"] or None, bool(row["until"]))
        for name in [row["name"], *row["aliases"].split("|")]:
            name = name.strip()
            if not name:
                continue
            name = _strip_the(name)
            if len(name) <= 4 and name.replace(".", "").isupper():
                d.country_names_exact.setdefault(name, iso3)
            else:
                d.country_names_folded.setdefault(name.casefold(), iso3)
                d.country_names_exact.setdefault(name, iso3)
        for dem in row["demonyms"].split("|"):
            if dem.strip():
                d.demonyms.setdefault(dem.strip().casefold(), iso3)
        if row["capital"] and not row["until"]:
            d.capitals.setdefault(row["capital"], iso3)
    for row in read_tsv("titles.tsv"):
        d.titles[row["title"].casefold()] = row["sector"] or None
        d.max_title_words = max(d.max_title_words, len(row["title"].split()))
    for row in read_tsv("org_words.tsv"):
        target = d.group_heads if row["kind"] == "head" else d.group_modifiers
        target[row["word"].casefold()] = row["sector"]
    return d
