"""The gazetteer as the pipeline reads it: name keys and the compiled SQLite index, opened in
milliseconds (see `newsledger.gazetteer` for what the index holds, and `build.py` for how it is made).

Names are indexed by a folded key (`name_key`: no diacritics, case-folded) and by a looser
transliteration key (`translit_key`: "Qazvin" and "Ghazvin" meet) for names that match nothing
exactly. Short all-capital abbreviations ("US", "UAE") are indexed case-sensitively so that they do
not meet ordinary words ("us").
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import Settings
from ..names import abbreviation_key, name_key, translit_key

_ADMIN_SUFFIX = re.compile(
    r"(?<!\s)\s+(?:autonomous republic|autonomous region|autonomous oblast|autonomous okrug|autonomous community|"
    r"republic|region|province|provincia|district|governorate|oblast|oblast'|krai|kray|state|county|prefecture|"
    r"municipality|rayon|rayonu|voivodeship|department|departement|parish|emirate|canton|kanton|division|"
    r"territory|capital territory|land|estado|regione|muhafazah|wilayah|ili)$"
)
_ADMIN_PREFIX = re.compile(r"^(?:province of|provincia de|provincia di|region of|state of|county of|district of|"
                           r"municipality of|town of|village of|departamento de|"
                           r"departement de|governorate of|muhafazat|wilayat|republic of|city of)\s+")

def bare_region_name(name: str) -> str:
    """A region's name without its administrative word ("Aleppo Governorate" -> "aleppo")."""
    key = name_key(name)
    key = _ADMIN_PREFIX.sub("", key)
    return _ADMIN_SUFFIX.sub("", key).strip() or key


@dataclass(frozen=True)
class GazPlace:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-3
    kind: str  # city region country continent feature
    population: int
    admin1: str | None = None  # "AZ.43": ISO alpha-2 of the country and GeoNames admin1 code
    # how the looked-up name relates to this place: main name (True) or alternate (False)
    main_name: bool = True
    capital: bool = False  # a national capital
    level: int = 0  # regions: 1 first-level, 2 second-level administrative; 0 otherwise


_COLUMNS = "p.id, p.name, p.lat, p.lon, p.country, p.kind, p.population, p.admin1"


def _place(r: tuple, main: bool = True) -> GazPlace:
    return GazPlace(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7], main, bool(r[8]), r[9] or 0)


class Gazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path
        # check_same_thread=False: read-only use from worker threads is safe in SQLite.
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._conn.execute("PRAGMA query_only = 1")
        self._cache: dict[tuple[str, str], tuple[GazPlace, ...]] = {}
        # the same, by the name as written: the stages look the same words up many times, and a name's
        # key costs more to compute than a dictionary lookup
        self._by_name: dict[tuple[str, str], tuple[GazPlace, ...]] = {}
        self._sides: dict[tuple[str, str], tuple[float, float] | None] = {}

    @classmethod
    def open(cls, settings: Settings | None = None) -> Gazetteer:
        return _open_cached(str((settings or Settings()).cache_dir))

    def _query(self, table: str, key: str) -> tuple[GazPlace, ...]:
        hit = self._cache.get((table, key))
        if hit is not None:
            return hit
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, p.capital, p.level, MAX(n.main) FROM {table} n JOIN place p ON p.id = n.id "
            "WHERE n.key = ? GROUP BY p.id ORDER BY p.population DESC LIMIT 60",
            (key,),
        ).fetchall()
        result = tuple(_place(r, bool(r[10])) for r in rows)
        if len(self._cache) < 20_000:  # bounded: a long run must not grow without end
            self._cache[(table, key)] = result
        return result

    def _remember(self, kind: str, name: str, found: tuple[GazPlace, ...]) -> tuple[GazPlace, ...]:
        if len(self._by_name) < 50_000:  # bounded: a long run must not grow without end
            self._by_name[(kind, name)] = found
        return found

    def lookup(self, name: str) -> tuple[GazPlace, ...]:
        """Places called `name` (main or alternate name), most populous first. An all-capital
        abbreviation ("US") finds only what is abbreviated so, not the word ("us")."""
        hit = self._by_name.get(("name", name))
        return hit if hit is not None else self._remember("name", name, self._lookup(name))

    def _lookup(self, name: str) -> tuple[GazPlace, ...]:
        abbreviation = abbreviation_key(name)
        if abbreviation:
            found = self._query("name", abbreviation)
            if found or "." in name:
                return found
            # a short word in capitals ("IRAN" in a headline) is the name only of a well-known place,
            # never of a village that shares an organisation's acronym ("NATO")
            return tuple(p for p in self._query("name", name_key(name))
                         if p.kind != "city" or p.population >= 100_000)
        key = name_key(name)
        return self._query("name", key) if key else ()

    def lookup_translit(self, name: str) -> tuple[GazPlace, ...]:
        """Places whose name is a transliteration variant of `name` ("Ghazvin" -> Qazvin)."""
        key = translit_key(name)
        return self._query("translit", key) if len(key) >= 4 else ()

    def lookup_adjective(self, word: str) -> tuple[GazPlace, ...]:
        """Places whose adjective `word` is ("Polish" -> Poland, "European" -> Europe)."""
        hit = self._by_name.get(("adjective", word))
        if hit is not None:
            return hit
        key = name_key(word)
        return self._remember("adjective", word, self._query("adjective", key) if key else ())

    def get(self, geonameid: int) -> GazPlace | None:
        r = self._conn.execute(f"SELECT {_COLUMNS}, p.capital, p.level FROM place p WHERE p.id = ?",
                               (geonameid,)).fetchone()
        return _place(r) if r else None

    def country(self, iso3: str) -> GazPlace | None:
        r = self._conn.execute(
            f"SELECT {_COLUMNS}, p.capital, p.level FROM place p WHERE p.kind = 'country' AND p.country = ? "
            "ORDER BY p.population DESC LIMIT 1", (iso3,)
        ).fetchone()
        return _place(r) if r else None

    def admin1_region(self, admin1: str) -> GazPlace | None:
        """The first-level region with this admin1 code ("AZ.43")."""
        r = self._conn.execute(
            f"SELECT {_COLUMNS}, p.capital, p.level FROM place p WHERE p.kind = 'region' AND p.level = 1 "
            "AND p.admin1 = ? ORDER BY p.population DESC LIMIT 1", (admin1,)
        ).fetchone()
        return _place(r) if r else None

    def side(self, admin1: str, lat: float, lon: float, compass: str) -> tuple[float, float] | None:
        """A point for one side ("north", "south-west") of the first-level region `admin1` whose own point
        is (lat, lon): the population-weighted mean of its towns on that side; None when it has none."""
        key = (admin1, compass)
        if key not in self._sides:
            rows = self._conn.execute("SELECT lat, lon, population FROM place WHERE kind = 'city' AND admin1 = ? "
                                      "AND population > 0", (admin1,)).fetchall()
            keep = [(la, lo, pop) for la, lo, pop in rows
                    if ("north" not in compass or la > lat) and ("south" not in compass or la < lat)
                    and ("east" not in compass or lo > lon) and ("west" not in compass or lo < lon)]
            total = sum(pop for _, _, pop in keep)
            point = (sum(la * pop for la, _, pop in keep) / total,
                     sum(lo * pop for _, lo, pop in keep) / total) if total else None
            if len(self._sides) >= 1_000:  # bounded: a long run must not grow without end
                self._sides.clear()
            self._sides[key] = point
        return self._sides[key]

    def close(self) -> None:
        self._conn.close()


@lru_cache(maxsize=4)
def _open_cached(cache_dir: str) -> Gazetteer:
    from .build import ensure_built

    path = ensure_built(Path(cache_dir))
    return Gazetteer(path)
