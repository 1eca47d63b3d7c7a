"""Places stage: detection beyond NER, disambiguation by context, event places."""

from __future__ import annotations

from collections import Counter

from newsledger.gazetteer import GazPlace
from newsledger.stages.places import PlacesStage
from newsledger.stages.places.detect import CONTEXT, Candidate
from newsledger.stages.places.linking import event_place
from newsledger.stages.places.resolve import Resolver

from .conftest import run_stages


def _places(d):
    return {p.name: p for p in d.places}


def _check_spans(d):
    for p in d.places:
        for m in p.mentions:
            assert d.text[m.start:m.end] == m.text


def test_places_resolves_and_shortens_admin_phrases(make_document):
    d = run_stages(make_document("Troops moved from Lyon to the Auvergne-Rhône-Alpes region, in France."),
                   "actors", "places")
    names = _places(d)
    assert names["Lyon"].country == "FRA" and names["Lyon"].kind == "city"
    assert names["France"].kind == "country"
    assert any(p.kind == "region" and p.country == "FRA" for p in d.places)
    _check_spans(d)


def test_places_list_items_after_places_are_places(make_document):
    text = ("The floods reached the towns of Tartu, Viljandi, Rakvere, and Paide in Estonia, "
            "officials said on Monday.")
    d = run_stages(make_document(text), "actors", "places")
    found = {m.text for p in d.places for m in p.mentions}
    assert {"Tartu", "Viljandi", "Rakvere", "Paide"} <= found
    assert all(p.country == "EST" for p in d.places)
    _check_spans(d)


def test_places_adjectives_as_modifiers_but_not_people(make_document):
    d = run_stages(make_document("Polish troops crossed the border. Many Poles welcomed them; "
                                 "they spoke Polish."), "actors", "places")
    mentions = [m.text for p in d.places for m in p.mentions]
    assert mentions.count("Polish") == 1 and "Poles" not in mentions
    assert _places(d)["Poland"].kind == "country"


def test_places_transliteration_variant_found_when_context_says_place(make_document):
    text = "Shelling hit the villages of Ghazvin and Hamadan in Iran overnight."
    d = run_stages(make_document(text), "actors", "places")
    assert any(m.text == "Ghazvin" and p.country == "IRN" for p in d.places for m in p.mentions)


def test_places_city_region_pattern_and_focus_country(make_document):
    d = run_stages(make_document("The mill in London, Ontario, closed. Workers in Ontario and across Canada "
                                 "protested outside the plant in London."), "actors", "places")
    london = [p for p in d.places if p.name == "London"]
    assert len(london) == 1 and london[0].country == "CAN"  # one sense per name per article


def test_places_person_names_are_not_places(make_document):
    d = run_stages(make_document("Florence Pugh met Jordan Peterson in Berlin."), "actors", "places")
    mentions = {m.text for p in d.places for m in p.mentions}
    assert "Berlin" in mentions and "Florence" not in mentions and "Jordan" not in mentions


def _fake(places):
    class FakeGaz:
        def lookup(self, name):
            return places

        def lookup_translit(self, name):
            return ()

    return FakeGaz()


def test_places_focus_country_wins_over_population():
    senses = (GazPlace(1, "Springfield", 39.8, -89.6, "USA", "city", 116000),
              GazPlace(2, "Springfield", -43.3, 172.2, "NZL", "city", 1000))
    r = Resolver(_fake(senses))
    assert r._choose(senses, Counter({"NZL": 3}), set(), [], None, None).country == "NZL"
    assert r._choose(senses, Counter(), set(), [], None, None).country == "USA"


def test_places_nearby_places_and_containers_decide():
    senses = (GazPlace(1, "Avon", 52.0, -1.7, "GBR", "city", 9000, "GB.ENG"),
              GazPlace(2, "Avon", 41.5, -82.0, "USA", "city", 22000, "US.OH"))
    anchor = GazPlace(3, "Cleveland", 41.5, -81.7, "USA", "city", 380000, "US.OH")
    r = Resolver(_fake(senses))
    assert r._choose(senses, Counter(), set(), [("x", anchor)], None, None).geonameid == 2
    ohio = GazPlace(4, "Ohio", 40.3, -82.8, "USA", "region", 11_000_000, "US.OH", level=1)
    england = GazPlace(5, "England", 52.5, -1.5, "GBR", "region", 50_000_000, "GB.ENG", level=1)
    assert r._choose(senses, Counter(), set(), [], [england], None).geonameid == 1
    assert r._choose(senses, Counter(), set(), [], [ohio], None).geonameid == 2


def test_places_region_loses_to_big_namesake_city():
    region = GazPlace(1, "Homs", 34.5, 37.9, "SYR", "region", 1_500_000, "SY.11", level=1)
    city = GazPlace(2, "Homs", 34.73, 36.72, "SYR", "city", 775_000, "SY.11")
    r = Resolver(_fake((region, city)))
    assert r._choose((region, city), Counter(), set(), [], None, None).kind == "city"
    assert r._choose((region, city), Counter(), set(), [], None, "region").kind == "region"


def test_places_weak_candidate_needs_support():
    far = GazPlace(1, "Eden", -37.1, 149.9, "AUS", "city", 3000, "AU.02")
    r = Resolver(_fake((far,)))
    weak = Candidate(0, 4, "Eden", CONTEXT, doubt=2)
    near_anchor = GazPlace(2, "Merimbula", -36.9, 149.9, "AUS", "city", 4000, "AU.02")
    assert not r._supported(weak, "eden", far, [], set(), set(), None)
    assert r._supported(weak, "eden", far, [("merimbula", near_anchor)], set(), set(), None)


def test_places_event_place_prefers_clause_and_never_guesses_among_several(make_document):
    d = run_stages(make_document("Protesters gathered in Lyon on Monday. Police in Marseille watched. "
                                 "The government met again. Lyon stayed calm."), "actors", "places")
    doc = d.doc
    gathered = next(t for t in doc if t.text == "gathered")
    watched = next(t for t in doc if t.text == "watched")
    met = next(t for t in doc if t.text == "met")
    ids = {p.name: p.id for p in d.places}
    assert event_place(d, [gathered]) == (ids["Lyon"], "clause")
    assert event_place(d, [watched]) == (ids["Marseille"], "clause")
    # the article names two towns: an event whose sentence names none gets no place
    assert event_place(d, [met]) == (None, None)


def test_places_event_place_skips_the_place_of_another_happening(make_document):
    d = run_stages(make_document("Organizers of a rally for the victims of the war in Mosul thanked the mayor."),
                   "actors", "places")
    rally = next(t for t in d.doc if t.text == "rally")
    ids = {p.name: p.id for p in d.places}
    # without knowing which nouns name happenings, the place in the rally's clause wins
    assert event_place(d, [rally]) == (ids["Mosul"], "clause")
    # "the war in Mosul" is where the war is, not where the rally was
    assert event_place(d, [rally], other_event=lambda t: t.lemma_ == "war") == (None, None)


def test_places_here_is_the_datelines_place(make_document):
    d = run_stages(make_document("LYON - Nearly a week after the police shooting of a man here sparked violent "
                                 "protests, the city remains tense. Protesters gathered in Paris."), "actors", "places")
    shooting = next(t for t in d.doc if t.text == "shooting")
    gathered = next(t for t in d.doc if t.text == "gathered")
    ids = {p.name: p.id for p in d.places}
    assert event_place(d, [shooting]) == (ids["Lyon"], "clause")
    assert event_place(d, [gathered]) == (ids["Paris"], "clause")
    d = run_stages(make_document("Police arrested two men here on Monday. Protesters gathered in Paris."),
                   "actors", "places")
    arrested = next(t for t in d.doc if t.text == "arrested")
    assert event_place(d, [arrested]) == (None, None)  # no dateline: "here" says nothing


def test_places_event_place_falls_back_to_the_articles_only_town(make_document):
    d = run_stages(make_document("Protesters gathered in Lyon on Monday. The government met again. "
                                 "Lyon stayed calm."), "actors", "places")
    met = next(t for t in d.doc if t.text == "met")
    assert event_place(d, [met]) == (_places(d)["Lyon"].id, "article")


def test_places_stage_output_is_deterministic(make_document):
    text = "Floods hit Porto and Braga in Portugal; Porto's mayor asked Lisbon for help."
    a = run_stages(make_document(text), "actors", "places").places
    b = run_stages(make_document(text), "actors", "places").places
    assert [(p.name, [m.start for m in p.mentions]) for p in a] == [(p.name, [m.start for m in p.mentions]) for p in b]
    assert isinstance(PlacesStage().gazetteer.lookup("Porto"), tuple)


def test_places_event_place_for_a_trigger_without_a_verb(make_document):
    d = run_stages(make_document("Floods in Lyon. More rain near Lyon."), "actors", "places")
    floods = next(t for t in d.doc if t.text == "Floods")
    assert event_place(d, [floods]) == (_places(d)["Lyon"].id, "clause")


def test_places_coordinated_names_agree_in_kind(make_document):
    d = run_stages(make_document("Wildfires spread across Oregon and Washington on Tuesday."), "actors", "places")
    washington = [p for p in d.places if any(m.text == "Washington" for m in p.mentions)]
    assert washington and washington[0].kind == "region" and washington[0].country == "USA"


def test_places_coordination_with_a_country_prefers_the_country_sense():
    state = GazPlace(1, "Nordia", 10.0, 6.0, "AAA", "region", 4_000_000, "AA.01", level=1)
    country = GazPlace(2, "Nordia", 18.0, 9.0, "BBB", "country", 20_000_000)
    r = Resolver(_fake((state, country)))
    focus = Counter({"AAA": 5})
    regions = Counter({"AA.01": 1})
    assert r._choose((state, country), focus, regions, [], None, None).kind == "region"
    assert r._choose((state, country), focus, regions, [], None, "country").kind == "country"


def test_places_site_without_a_town_is_placed_at_the_place_it_is_named_after():
    lima = GazPlace(1, "Lima", -12.05, -77.04, "PER", "city", 7_700_000, "PE.15")
    r = Resolver(_fake((lima,)))
    assert r._place_in_name("Lima Cathedral", Counter()) == lima
    assert r._place_in_name("Lake Lima", Counter()) == lima


def test_places_a_site_name_ends_at_a_comma():
    from newsledger.stages.places.detect import _strip

    assert _strip("the Lima Cathedral, Bishop Soto", 10, "FAC") == ("Lima Cathedral", 14)
    assert _strip("Washington, D.C.", 0, "GPE") == ("Washington, D.C.", 0)


def test_places_an_ocean_named_by_its_short_name_is_the_ocean_not_a_town(make_document):
    d = run_stages(make_document("Storms that form over the warm Atlantic this summer may reach the coast of Florida."),
                   "actors", "places")
    names = _places(d)
    assert "Atlantic Ocean" in names and names["Atlantic Ocean"].kind == "feature"
    d = run_stages(make_document("Shipping lanes across the western Pacific were closed, the navy said."),
                   "actors", "places")
    assert [p.name for p in d.places] == ["Pacific Ocean"]
    # a magazine's title is no ocean
    d = run_stages(make_document("An essay published by The Atlantic last week drew many replies."),
                   "actors", "places")
    assert not d.places


def test_places_a_side_of_a_country_named_by_a_compass_word_is_that_country(make_document):
    d = run_stages(make_document("Storms brought heavy rain to Western Norway and Eastern Finland this week."),
                   "actors", "places")
    found = {m.text: p.name for p in d.places for m in p.mentions}
    assert found == {"Western Norway": "Norway", "Eastern Finland": "Finland"}
    # a name the gazetteer knows whole keeps its own sense
    d = run_stages(make_document("He moved to North Dakota last year."), "actors", "places")
    assert [p.name for p in d.places] == ["North Dakota"]


def test_places_a_country_name_the_parse_calls_a_person_is_the_country(make_document):
    from newsledger.model import Entity

    text = "The envoy met officials of Sierra Leone on Monday, the ministry said."
    d = run_stages(make_document(text), "actors")
    start = text.index("Sierra Leone")
    # as if the actors stage had read the country's name as a person's
    d.entities = [e for e in d.entities if not any(m.start < start + 12 and start < m.end for m in e.mentions)]
    d.entities.append(Entity(id="E99", name="Sierra Leone", type="PERSON", mentions=[d.span(start, start + 12)]))
    run_stages(d, "places")
    assert [(m.text, p.kind) for p in d.places for m in p.mentions] == [("Sierra Leone", "country")]


def test_places_two_countries_run_together_by_a_missing_comma_are_two_places():
    from newsledger.gazetteer import Gazetteer
    from newsledger.stages.places.detect import Detector

    det = Detector(Gazetteer.open())
    parts = det._run_together("Spain Portugal", 10, "GPE")
    assert [(c.text, c.start, c.end) for c in parts] == [("Spain", 10, 15), ("Portugal", 16, 24)]
    # a name the gazetteer knows whole stays whole
    assert [c.text for c in det._run_together("New Zealand", 0, "GPE")] == ["New Zealand"]


def test_places_a_name_ner_only_calls_a_facility_is_not_the_articles_town(make_document):
    from newsledger.gazetteer import Gazetteer
    from newsledger.stages.places.detect import NER

    text = ("DENVER — Clemson won 80-70 on Saturday. Clemson coach Ann Lee said the team played well, "
            "and Clemson will play again in Denver on Monday.")
    d = make_document(text)
    cands = [Candidate(0, 6, "DENVER", CONTEXT, dateline=True)]
    cands += [Candidate(i, i + 7, "Clemson", NER, label="FAC") for i in (9, 41, 94)]
    cands.append(Candidate(text.rindex("Denver"), text.rindex("Denver") + 6, "Denver", NER, label="GPE"))
    out = Resolver(Gazetteer.open()).resolve(d, cands)
    # the team's name, three times, does not make the small town of that name the article's town;
    # the facility, far from the town the article is about, is no place
    assert {c.text for c, _ in out} == {"DENVER", "Denver"}


def test_places_an_adjective_in_a_peoples_name_is_no_place(make_document):
    d = run_stages(make_document("Italian Americans and Polish workers gathered on Sunday."), "actors", "places")
    assert [(m.text, p.name) for p in d.places for m in p.mentions] == [("Polish", "Poland")]


def test_places_a_doubtful_small_town_needs_more_than_its_country():
    town = GazPlace(1, "Elmwood", 40.0, -88.0, "USA", "city", 6000, "US.IL")
    r = Resolver(_fake((town,)))
    doubtful = Candidate(0, 7, "Elmwood", CONTEXT, doubt=1)
    # the article being about the town's country does not make a name NER doubts a small town
    assert not r._supported(doubtful, "elmwood", town, [], set(), {"USA"}, None)
    bigger = GazPlace(2, "Elmwood", 40.0, -88.0, "USA", "city", 60_000, "US.IL")
    assert r._supported(doubtful, "elmwood", bigger, [], set(), {"USA"}, None)
    near = GazPlace(3, "Peoria", 40.7, -89.6, "USA", "city", 110_000, "US.IL")
    assert r._supported(doubtful, "elmwood", town, [("peoria", near)], set(), {"USA"}, None)


def test_places_a_place_entity_that_runs_on_past_a_place_name_is_the_place():
    from newsledger.gazetteer import Gazetteer
    from newsledger.stages.places.detect import Detector

    det = Detector(Gazetteer.open())
    assert [c.text for c in det._run_together("Kent County Democrats", 0, "GPE")] == ["Kent County"]
    # the next word names another place (a smaller division, a landform, a street), or the name is compass words
    for whole in ("Ohio Township", "Danube Delta", "Boston Way", "North West England"):
        assert [c.text for c in det._run_together(whole, 0, "GPE")] == [whole]
    # a facility's name is left to the sites
    assert [c.text for c in det._run_together("Kent County Arena", 0, "FAC")] == ["Kent County Arena"]
    # a first name and a surname the recogniser called a place is a person, not a place
    for person in ("Georgia Bell", "Virginia Wade"):
        assert [c.text for c in det._run_together(person, 0, "GPE")] == [person]
    # an ocean's short name is a generic word, but a location entity that opens with it is the ocean
    assert [c.text for c in det._run_together("Atlantic subtropical", 0, "LOC")] == ["Atlantic"]


def test_places_one_word_after_at_is_a_place_though_the_parse_says_organisation(make_document):
    text = "A lorry crashed on the bypass at Witham on Tuesday, on the road between Chelmsford and Colchester."
    d = run_stages(make_document(text), "actors", "places")
    assert {m.text for p in d.places for m in p.mentions} == {"Witham", "Chelmsford", "Colchester"}


def test_places_a_side_of_a_region_is_placed_on_that_side(make_document):
    d = run_stages(make_document("Wildfires spread across Southern Oregon and Eastern Finland this week."),
                   "actors", "places")
    found = {m.text: p for p in d.places for m in p.mentions}
    oregon = next(p for p in run_stages(make_document("He moved to Oregon."), "actors", "places").places)
    side = found["Southern Oregon"]
    assert side.kind == "region" and side.country == "USA" and side.lat < oregon.lat - 0.5
    assert found["Eastern Finland"].name == "Finland"  # a side of a country is the country


def test_an_ordinary_word_of_the_article_with_a_capital_is_no_bare_place(make_document):
    # "Man" (a town of several countries) opens a headline over a story that says "a man"
    d = run_stages(make_document("Man held over stabbing near stadium\n\n"
                                 "Police in Denver said a man was held on Sunday."), "actors", "places")
    assert [p.name for p in d.places] == ["Denver"]


def test_a_name_the_text_says_is_a_persons_is_no_place(make_document):
    # town names as surnames: an apposition of one person says whose name it is
    for text, place in (("The envoy was shot in Ankara on Monday. Preston, the gunman, also fired shots in the air.",
                         "Ankara"),
                        ("Police said Lincoln, the suspect, fled the scene in Boston.", "Boston")):
        d = run_stages(make_document(text), "actors", "places")
        assert [p.name for p in d.places] == [place], text
    # a state called by a word it shares with people, or a list, keeps its place
    d = run_stages(make_document("Turkey, a NATO member, closed the border."), "actors", "places")
    assert "Türkiye" in [p.name for p in d.places]
