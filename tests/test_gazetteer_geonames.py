"""Gazetteer: countries and first-level divisions carry GeoNames' own ids and points
(data/geonames_admin.tsv, built by scripts/build_geonames_admin.py from GeoNames data)."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from newsledger.data import data_path, read_tsv
from newsledger.gazetteer import Gazetteer
from newsledger.gazetteer.build import _geonames_admin

ROOT = Path(__file__).resolve().parents[1]


def test_geonames_admin_file_carries_attribution_and_valid_rows():
    head = "".join(line for line in data_path("geonames_admin.tsv").open(encoding="utf-8") if line.startswith("#"))
    assert "Contains data from GeoNames (www.geonames.org), licensed under CC BY 4.0." in head
    assert "scripts/build_geonames_admin.py" in head
    rows = read_tsv("geonames_admin.tsv")
    ids = [int(r["geonameid"]) for r in rows]
    assert len(ids) == len(set(ids)) and all(i > 0 for i in ids)
    assert {r["feature_code"] for r in rows} == {"PCLI", "ADM1"}
    assert all(-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180 for r in rows)
    assert all(r["admin1"] for r in rows if r["feature_code"] == "ADM1")


def test_geonames_admin_build_script_reproduces_the_shipped_file(tmp_path, monkeypatch):
    source = ROOT.parent / "shared" / "geo" / "geonames_country_adm1.tsv"
    if not source.exists():
        pytest.skip("the shared GeoNames extract is not present")
    spec = importlib.util.spec_from_file_location("build_geonames_admin", ROOT / "scripts" / "build_geonames_admin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUTPUT", tmp_path / "out.tsv")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    assert module.main(["build", str(source)]) == 0
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == data_path("geonames_admin.tsv").read_text(
        encoding="utf-8")


def _km(lat1, lon1, lat2, lon2):
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def test_gazetteer_countries_take_the_geonames_feature_id_and_point():
    countries, _ = _geonames_admin()
    gaz = Gazetteer.open()
    iso3 = {r["iso2"]: r["iso3"] for r in read_tsv("countries.tsv") if r["iso2"] and not r["until"]}
    checked = 0
    for iso2, feature in countries.items():
        if iso2 not in iso3:
            continue
        place = gaz.country(iso3[iso2])
        assert place is not None, iso2
        assert place.geonameid == feature.gid
        assert (place.lat, place.lon) == (feature.lat, feature.lon)
        checked += 1
    assert checked >= 190


def test_gazetteer_first_level_divisions_take_the_geonames_feature_id_and_point():
    _, divisions = _geonames_admin()
    gaz = Gazetteer.open()
    found = {f.gid: gaz.get(f.gid) for f in divisions.values()}
    for code, feature in divisions.items():
        place = found[feature.gid]
        if place is None:
            continue
        assert place.kind == "region" and place.level == 1 and place.admin1 == code
        assert _km(place.lat, place.lon, feature.lat, feature.lon) < 1
    # every division GeoNames has is in the gazetteer under its own id (a few codes are shared
    # by an older division with a listed city, which keeps its own)
    assert sum(p is not None for p in found.values()) >= 0.98 * len(divisions)


def test_gazetteer_division_without_a_listed_city_is_found_by_name():
    _, divisions = _geonames_admin()
    gaz = Gazetteer.open()
    lonely = [f for f in divisions.values() if (p := gaz.get(f.gid)) is not None and p.population == 0][:50]
    assert lonely
    for feature in lonely:
        assert any(p.geonameid == feature.gid for p in gaz.lookup(feature.names[0])), feature


def test_gazetteer_indexes_names_without_parentheses_and_arabic_article():
    from newsledger.gazetteer.build import _spellings

    assert ("Holy See", True) in _spellings(["Holy See (Vatican City State)", "Vatican"])
    assert ("Qamishli", True) in _spellings(["Al Qamishli"]) and ("Raqqah", False) in _spellings(["Tell", "Ar-Raqqah"])
    assert _spellings(["El Paso"]) == [("El Paso", True)]  # a Spanish article stays
    gaz = Gazetteer.open()
    assert any(p.kind == "country" and p.country == "VAT" for p in gaz.lookup("Holy See"))
