"""Places: how the article's other names decide a name's sense (votes, containers, lists, offices,
compass-word regions, names cut short, facilities in the paragraph's town)."""

from __future__ import annotations

from newsledger.gazetteer import GazPlace
from newsledger.stages.places.detect import NER, SCAN, Candidate
from newsledger.stages.places.resolve import Resolver

from .conftest import run_stages


def _places(d):
    return {p.name: p for p in d.places}


def _mentions(d):
    return {m.text: p for p in d.places for m in p.mentions}


class _Gaz:
    """A gazetteer of hand-made senses, by exact name."""

    def __init__(self, table: dict[str, tuple[GazPlace, ...]]) -> None:
        self.table = table

    def lookup(self, name):
        return self.table.get(name, ())

    def lookup_translit(self, name):
        return ()


def _cand(text: str, body: str, source: str = NER, doubt: int = 0, senses=()) -> Candidate:
    start = body.index(text)
    return Candidate(start, start + len(text), text, source, doubt=doubt, senses=senses)


def test_places_weak_match_does_not_vote_for_its_country(make_document):
    body = "BLUE skies over Norwick today, the mayor of Norwick said."
    usa_town = GazPlace(11, "Blue", 40.0, -90.0, "USA", "city", 3000, "US.IL")
    big = GazPlace(21, "Norwick", 52.6, 1.3, "GBR", "city", 200_000, "GB.ENG")
    small = GazPlace(22, "Norwick", 41.0, -91.0, "USA", "city", 2000, "US.IA")
    r = Resolver(_Gaz({"BLUE": (usa_town,), "Norwick": (big, small)}))
    d = make_document(body)
    cands = [_cand("BLUE", body, SCAN, doubt=2), _cand("Norwick", body, doubt=1)]
    chosen = {c.text: s for c, s in r.resolve(d, cands)}
    assert chosen["Norwick"].country == "GBR"


def test_places_embedded_match_does_not_narrow_the_name_elsewhere(make_document):
    body = "Fans of the Lorville Rovers cheered. The club moved to Lorville, Texas, last year."
    big = GazPlace(1, "Lorville", 48.8, 2.3, "FRA", "city", 2_000_000, "FR.11")
    texan = GazPlace(2, "Lorville", 33.6, -95.5, "USA", "city", 25_000, "US.TX")
    texas = GazPlace(3, "Texas", 31.0, -99.0, "USA", "region", 28_000_000, "US.TX", level=1)
    r = Resolver(_Gaz({"Lorville": (big, texan), "Texas": (texas,)}))
    d = make_document(body)
    # the first mention sits in a team's name: only its big sense was kept by detection
    first = _cand("Lorville", body, SCAN, doubt=1, senses=(big,))
    second = Candidate(body.index("Lorville,"), body.index("Lorville,") + 8, "Lorville", NER)
    cands = [first, second, _cand("Texas", body)]
    chosen = [(c.start, s) for c, s in r.resolve(d, cands)]
    assert all(s.geonameid == 2 for start, s in chosen if start in (first.start, second.start))


def test_places_list_of_towns_is_no_town_region_pattern(make_document):
    d = run_stages(make_document("The tour takes the band to Washington, New York and Miami this spring."),
                   "actors", "places")
    washington = _mentions(d)["Washington"]
    assert washington.name == "Washington" and washington.country == "USA"
    assert abs(washington.lat - 38.9) < 0.5 and abs(washington.lon + 77.0) < 0.5


def test_places_town_region_pattern_still_decides(make_document):
    d = run_stages(make_document("She grew up in Moscow, Idaho, and later moved to Boise."), "actors", "places")
    assert _mentions(d)["Moscow"].country == "USA"


def test_places_region_after_a_sure_town_is_kept(make_document):
    d = run_stages(make_document("Police in Sherbrooke, Que., arrested two men on Sunday."), "actors", "places")
    found = _mentions(d)
    assert found["Sherbrooke"].country == "CAN"
    assert any(p.kind == "region" and p.country == "CAN" for text, p in found.items() if text.startswith("Que"))


def test_places_state_office_and_container_mean_the_state(make_document):
    d = run_stages(make_document("New York Gov. Jane Doe visited a clinic in Queens on Monday."),
                   "actors", "places")
    assert _mentions(d)["New York"].kind == "region"
    d = run_stages(make_document("He studied at a college in Albany, New York, for two years."),
                   "actors", "places")
    assert _mentions(d)["New York"].kind == "region"


def test_places_adjective_votes_for_its_main_country(make_document):
    d = run_stages(make_document("A French chef opened a bistro in Houston before returning to Paris."),
                   "actors", "places")
    assert _mentions(d)["Paris"].country == "FRA"


def test_places_compass_word_region_needs_its_country_in_the_article(make_document):
    d = run_stages(make_document("Storms battered the West Coast, and Seattle and Portland lost power."),
                   "actors", "places")
    assert not any(p.country in ("NZL", "AUS") for p in d.places)


def test_places_entity_cut_short_of_a_known_name_is_extended(make_document):
    d = run_stages(make_document("Voters in Antigua and Barbuda went to the polls on Monday."), "actors", "places")
    found = _mentions(d)
    assert "Antigua and Barbuda" in found and found["Antigua and Barbuda"].kind == "country"


def test_places_frame_is_the_paragraphs_town(make_document):
    body = "A fire broke out in Dayton.\n\nIn Toledo, crews closed Elm Street.\n\nElm Street reopened."
    d = make_document(body)
    dayton = GazPlace(1, "Dayton", 39.76, -84.19, "USA", "city", 140_000, "US.OH")
    toledo = GazPlace(2, "Toledo", 41.66, -83.56, "USA", "city", 270_000, "US.OH")
    towns = [(body.index("Dayton"), dayton), (body.index("Toledo"), toledo)]
    assert Resolver._frame(d, towns, body.index("Elm Street")) is toledo
    assert Resolver._frame(d, towns, body.rindex("Elm Street")) is None  # no town in that paragraph


def test_places_site_named_like_a_far_hamlet_is_placed_in_the_articles_town(make_document):
    body = "Crowds filled Elm Square in Springwood on Saturday, and Springwood police closed roads."
    hamlet = GazPlace(1, "Elm Square", 40.0, -75.0, "USA", "city", 800, "US.PA")
    town = GazPlace(2, "Springwood", 30.0, -90.0, "USA", "city", 300_000, "US.LA")
    r = Resolver(_Gaz({"Elm Square": (hamlet,), "Springwood": (town,)}))
    d = make_document(body)
    square = Candidate(body.index("Elm Square"), body.index("Elm Square") + 10, "Elm Square", NER, label="FAC")
    cands = [square, _cand("Springwood", body)]
    chosen = {c.text: s for c, s in r.resolve(d, cands)}
    assert chosen["Elm Square"].kind == "feature"
    assert (chosen["Elm Square"].lat, chosen["Elm Square"].lon) == (town.lat, town.lon)


def test_places_state_in_a_facility_name_gives_way_to_the_paragraphs_town(make_document):
    body = "In Kelso, students at Ardmore State University marched on Friday."
    state = GazPlace(1, "Ardmore", 45.0, -100.0, "USA", "region", 3_000_000, "US.ZZ", level=1)
    town = GazPlace(2, "Kelso", 46.0, -98.0, "USA", "city", 60_000, "US.ZZ")
    r = Resolver(_Gaz({"Ardmore": (state,), "Kelso": (town,)}))
    d = make_document(body)
    w0 = body.index("Ardmore State University")
    embedded = Candidate(w0, w0 + 7, "Ardmore", SCAN, senses=(state,), within=(w0, w0 + len("Ardmore State University")))
    out = r.resolve(d, [_cand("Kelso", body), embedded])
    site = next((c, s) for c, s in out if c.start == w0)
    assert site[0].text == "Ardmore State University" and site[1].kind == "feature"
    assert (site[1].lat, site[1].lon) == (town.lat, town.lon)
    # with no town of that state in the paragraph, the name stays the state's
    out = r.resolve(make_document("Students at Ardmore State University marched on Friday."),
                    [Candidate(12, 19, "Ardmore", SCAN, senses=(state,), within=(12, 36))])
    assert out[0][1] is state
