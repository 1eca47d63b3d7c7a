"""Integrity of the actor dictionaries (data files of general facts, each with its sources)."""

from __future__ import annotations

import re
from collections import Counter

import pycountry
import pytest

from newsledger.data import data_path, read_tsv
from newsledger.knowledge import SECTORS, valid_country_codes
from newsledger.stages.actors.dictionaries import ambiguity_rows, country_forms, load_dictionaries

ACTOR_FILES = ("countries.tsv", "countries_extra.tsv", "country_ambiguous.tsv", "titles.tsv", "org_words.tsv",
               "leaders.tsv", "organisations.tsv", "cameo_countries.tsv")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _iso_codes() -> set[str]:
    current = {c.alpha_3 for c in pycountry.countries}
    historic = {c.alpha_3 for c in pycountry.historic_countries}
    return current | historic | {"XKX"}  # Kosovo: the user-assigned code in common use


def test_dictionaries_every_country_code_is_valid():
    iso = _iso_codes()
    rows = read_tsv("countries.tsv")
    assert len(rows) >= 249
    bad = [r["iso3"] for r in rows if r["iso3"] not in iso]
    assert bad == []
    assert Counter(r["iso3"] for r in rows).most_common(1)[0][1] == 1  # one row per code
    assert {r["iso3"] for r in read_tsv("countries_extra.tsv")} <= iso


@pytest.mark.parametrize("name, column", [("leaders.tsv", "country"), ("organisations.tsv", "country"),
                                          ("cameo_countries.tsv", "iso3")])
def test_dictionaries_codes_in_other_files_are_known_countries(name, column):
    valid = valid_country_codes()
    bad = [(r.get("name") or r.get("cameo"), r[column]) for r in read_tsv(name) if r[column] and r[column] not in valid]
    assert bad == []


def test_dictionaries_no_form_names_two_countries_unless_marked_ambiguous():
    listed = {(r["kind"], r["form"].casefold()): r for r in ambiguity_rows()}
    problems = []
    for (kind, form), codes in country_forms().items():
        if len(codes) < 2:
            continue
        row = listed.get((kind, form))
        if row is None:
            problems.append(f"{kind} {form!r} names {sorted(codes)} and is not in country_ambiguous.tsv")
        elif set(row["codes"].split("|")) != codes:
            problems.append(f"{kind} {form!r}: country_ambiguous.tsv lists {row['codes']}, data has {sorted(codes)}")
    for row in ambiguity_rows():
        codes = row["codes"].split("|")
        assert len(codes) >= 2, row
        assert not row["prefer"] or row["prefer"] in codes, row
        assert set(codes) <= valid_country_codes(), row
    assert problems == []


def test_dictionaries_ambiguous_forms_resolve_to_the_preferred_code_only():
    d = load_dictionaries()
    assert d.country_of_demonym("French") == "FRA"
    assert d.country_of_demonym("American") == "USA"
    assert d.country_of_capital("Kingston") == "JAM"
    assert d.country_of_name("Congo") is None and d.is_ambiguous("Congo")
    assert d.country_of_demonym("Korean") is None


def test_dictionaries_forms_of_different_kinds_do_not_disagree():
    by_form: dict[str, set[str]] = {}
    for (_kind, form), codes in country_forms().items():
        by_form.setdefault(form, set()).update(codes)
    ambiguous = {r["form"].casefold() for r in ambiguity_rows()}
    clash = {f: c for f, c in by_form.items() if len(c) > 1 and f not in ambiguous}
    assert clash == {}


def test_dictionaries_historical_states_and_former_names():
    d = load_dictionaries()
    assert d.country_of_name("Soviet Union") == "SUN" and d.countries["SUN"].historical
    assert d.country_of_name("USSR") == "SUN"
    assert d.country_of_name("Burma") == "MMR"
    assert d.country_of_name("Swaziland") == "SWZ"
    assert d.country_of_name("Turkey") == d.country_of_name("Türkiye") == "TUR"
    assert d.country_of_capital("Moscow") == "RUS"  # a historical state does not take the capital


def test_dictionaries_sectors_are_plover_codes():
    for row in read_tsv("titles.tsv"):
        assert not row["sector"] or row["sector"] in SECTORS, row
    for row in read_tsv("org_words.tsv"):
        assert row["kind"] in ("head", "modifier", "name", "qualifier", "past"), row
        assert row["kind"] in ("name", "qualifier", "past") or row["sector"] in SECTORS, row
    for name in ("leaders.tsv", "organisations.tsv"):
        for row in read_tsv(name):
            assert row["sector"] in SECTORS, (name, row)


def test_dictionaries_leaders_have_consistent_tenure():
    rows = read_tsv("leaders.tsv")
    assert len(rows) > 400
    for row in rows:
        assert row["name"] and row["role"], row
        for key in ("since", "until"):
            assert not row[key] or _ISO_DATE.match(row[key]), row
        assert not (row["since"] and row["until"]) or row["since"] <= row["until"], row
    # no duplicate rows
    assert len({tuple(r.values()) for r in rows}) == len(rows)


def test_dictionaries_cameo_codes():
    rows = read_tsv("cameo_countries.tsv")
    codes = [r["cameo"] for r in rows]
    assert len(codes) == len(set(codes))
    for r in rows:
        assert re.fullmatch(r"[A-Z]{3}", r["cameo"]), r
        assert (r["kind"] == "country") == bool(r["iso3"]), r
        assert r["kind"] in ("country", "region", "nonstate"), r


@pytest.mark.parametrize("name", ACTOR_FILES)
def test_dictionaries_every_file_cites_its_sources(name):
    with data_path(name).open(encoding="utf-8") as fh:
        header = "".join(line for line in fh if line.startswith("#"))
    rows = read_tsv(name)
    has_column = rows and "source" in rows[0] and all(r["source"] for r in rows)
    assert "source" in header.casefold() or has_column, name
