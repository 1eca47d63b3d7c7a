"""Places stage: gazetteer lookup, administrative phrases, and choice by article focus."""

from __future__ import annotations

from newsledger.gazetteer import Gazetteer, name_key
from newsledger.stages.places import PlacesStage

from .conftest import run_stages


def test_places_name_key_folds_diacritics_and_punctuation():
    assert name_key("Türkiye") == name_key("turkiye")
    assert name_key("Laçın") == "lacin"
    assert name_key("Saint-Étienne") == "saint etienne"


def test_places_gazetteer_finds_cities_and_countries():
    gaz = Gazetteer.open()
    baku = gaz.lookup("Baku")[0]
    assert baku.country == "AZE" and baku.kind == "city" and abs(baku.lat - 40.38) < 0.1
    assert gaz.lookup("Türkiye")[0].kind == "country"
    assert gaz.lookup("Turkey")[0].country == "TUR"
    assert gaz.lookup("zzqx no such place") == ()


def test_places_resolves_and_shortens_admin_phrases(make_document):
    d = run_stages(make_document("Troops moved from Baku to the Nakhchivan Autonomous Republic, in Azerbaijan."),
                   "actors", "places")
    names = {p.name: p for p in d.places}
    assert "Baku" in names and names["Baku"].country == "AZE"
    assert any(p.country == "AZE" and p.kind in ("city", "region") and 39 < p.lat < 40 for p in d.places)
    assert names["Azerbaijan"].kind == "country"
    for p in d.places:
        for m in p.mentions:
            assert d.text[m.start:m.end] == m.text


def test_places_focus_country_wins_over_population():
    class FakeGaz:
        def lookup(self, name):
            from newsledger.gazetteer import GazPlace

            return (GazPlace(1, "Springfield", 39.8, -89.6, "USA", "city", 116000),
                    GazPlace(2, "Springfield", -43.3, 172.2, "NZL", "city", 1000))

    stage = PlacesStage(gazetteer=FakeGaz())
    from collections import Counter

    assert stage._resolve("Springfield", Counter({"NZL": 3})).country == "NZL"
    assert stage._resolve("Springfield", Counter()).country == "USA"
