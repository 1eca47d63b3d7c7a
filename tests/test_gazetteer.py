"""Gazetteer: keys, the compiled index (regions, abbreviations, adjectives, transliterations), opening cost."""

from __future__ import annotations

import time

from newsledger.gazetteer import (
    Gazetteer,
    abbreviation_key,
    bare_region_name,
    name_key,
    translit_key,
)


def test_gazetteer_name_key_folds_diacritics_and_punctuation():
    assert name_key("Türkiye") == name_key("turkiye")
    assert name_key("Laçın") == "lacin"
    assert name_key("Saint-Étienne") == "saint etienne"


def test_gazetteer_translit_key_meets_romanisation_variants():
    assert translit_key("Qazvin") == translit_key("Ghazvin")
    assert translit_key("Khachmaz") == translit_key("Xachmaz")
    assert translit_key("Shamakhi") == translit_key("Şamaxı")
    assert translit_key("Paris") != translit_key("Perth")


def test_gazetteer_abbreviation_key_is_case_sensitive_for_capitals():
    assert abbreviation_key("US") == abbreviation_key("U.S.") == "^US"
    assert abbreviation_key("us") is None
    assert abbreviation_key("Calif.") == "^Calif."
    assert abbreviation_key("London") is None


def test_gazetteer_bare_region_name_drops_administrative_words():
    assert bare_region_name("Tavush Province") == "tavush"
    assert bare_region_name("Governorate of Homs") == "homs"
    assert bare_region_name("Lori") == "lori"


def test_gazetteer_opens_fast():
    gaz = Gazetteer.open()
    t0 = time.monotonic()
    fresh = Gazetteer(gaz.path)
    fresh.lookup("Lyon")
    assert time.monotonic() - t0 < 0.5
    fresh.close()


def test_gazetteer_finds_cities_countries_and_continents():
    gaz = Gazetteer.open()
    lyon = gaz.lookup("Lyon")[0]
    assert lyon.country == "FRA" and lyon.kind == "city" and abs(lyon.lat - 45.75) < 0.2
    assert gaz.lookup("Türkiye")[0].kind == "country"
    assert gaz.lookup("Turkey")[0].country == "TUR"
    assert gaz.lookup("Africa")[0].kind == "continent"
    assert gaz.lookup("zzqx no such place") == ()


def test_gazetteer_regions_are_placed_inside_their_country():
    gaz = Gazetteer.open()
    bavaria = [p for p in gaz.lookup("Bavaria") if p.kind == "region"][0]
    assert bavaria.country == "DEU" and bavaria.level == 1
    assert 47 < bavaria.lat < 51 and 9 < bavaria.lon < 14
    munich = gaz.lookup("Munich")[0]
    assert munich.admin1 == bavaria.admin1
    assert gaz.admin1_region(munich.admin1).name == bavaria.name


def test_gazetteer_abbreviations_do_not_meet_words():
    gaz = Gazetteer.open()
    assert gaz.lookup("US")[0].country == "USA"
    assert gaz.lookup("Calif.")[0].name == "California"
    assert not any(p.kind == "country" for p in gaz.lookup("us"))


def test_gazetteer_adjectives_and_transliterations():
    gaz = Gazetteer.open()
    assert gaz.lookup_adjective("Polish")[0].country == "POL"
    assert gaz.lookup_adjective("European")[0].kind == "continent"
    variants = gaz.lookup_translit("Ghazvin")
    assert any(p.country == "IRN" for p in variants)
