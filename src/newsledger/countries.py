"""The countries newsledger knows: the one reader of `data/countries.tsv`.

The file (built by scripts/build_country_data.py from pycountry, GeoNames and countryinfo,
plus data/countries_extra.tsv; sources in its header and `source` column) has one row per
country or historical state: ISO alpha-3 and alpha-2 codes, English name, aliases and
demonyms ("|"-separated), capital, a point, GeoNames id, population, and `until` for a
state that no longer exists (the Soviet Union). Every part of newsledger that needs a
country reads it through this module: the actors stage's dictionaries, the knowledge
layers' code check, the gazetteer, the store's exports, the web app.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .data import read_tsv

if TYPE_CHECKING:
    from spacy.tokens import Token

COUNTRIES_FILE = "countries.tsv"


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str | None
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    until: str | None  # a historical state: the year it ended

    @property
    def current(self) -> bool:
        return not self.until


def country_rows() -> list[dict[str, str]]:
    """The rows of data/countries.tsv as read (column -> text), for code that reads columns."""
    return read_tsv(COUNTRIES_FILE)


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country and historical state, in file order."""
    return tuple(Country(
        iso3=r["iso3"], iso2=r["iso2"] or None, name=r["name"], aliases=_split(r["aliases"]),
        demonyms=_split(r["demonyms"]), capital=r["capital"] or None,
        lat=float(r["lat"]) if r["lat"] else None, lon=float(r["lon"]) if r["lon"] else None,
        geonameid=int(r["geonameid"]) if r["geonameid"] else None, population=int(r["population"] or 0),
        until=r["until"] or None,
    ) for r in country_rows() if r["iso3"])


@lru_cache(maxsize=1)
def by_iso3() -> dict[str, Country]:
    return {c.iso3: c for c in countries()}


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO alpha-3 codes and historical codes ("SUN")."""
    return frozenset(by_iso3())


def country_names() -> dict[str, str]:
    """ISO alpha-3 -> English name."""
    return {c.iso3: c.name for c in countries()}


def iso2_to_iso3() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 of the countries that exist today."""
    return {c.iso2: c.iso3 for c in countries() if c.iso2 and c.current}


# Prefixes that turn a country word into a stance: "anti-American protesters", "a pro-Russian
# party", "an anti-Syria journalist" are not of that country.
STANCE_PREFIXES = frozenset({"anti", "pro"})


def stance_prefixed(token: Token) -> bool:
    """Is this word (a spaCy token) a country word after "anti-" or "pro-"?"""
    low = token.lower_
    if any(low.startswith(p + "-") for p in STANCE_PREFIXES):
        return True
    i = token.i
    return i >= 2 and token.doc[i - 1].text in ("-", "\u2013") and token.doc[i - 2].lower_ in STANCE_PREFIXES
