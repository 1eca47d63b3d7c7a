"""Actors within one article: names, titles, role descriptions and pronouns across paragraphs;
actor coding from context (title chains, appositives, possessives, capitals that act)."""

from __future__ import annotations

from .conftest import run_stages


def by_name(document, name):
    return next((e for e in document.entities if e.name == name), None)


def entity_at(document, needle, occurrence=0):
    """The entity the token at the n-th occurrence of `needle` is mapped to in document.mentions."""
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(needle, start + 1)
    span = document.doc.char_span(start, start + len(needle))
    eid = document.mentions.get(span.start)
    return document.entity(eid) if eid else None


def test_actors_coref_names_across_paragraphs(make_document):
    d = run_stages(make_document(
        "President Maria Lindqvist of Norway opened the summit in Bergen.\n\n"
        "Delegates arrived from twelve countries.\n\n"
        "Lindqvist later met the delegates.\n\n"
        "Maria Lindqvist closed the summit on Friday."), "actors")
    person = by_name(d, "Maria Lindqvist")
    assert person is not None and person.type == "PERSON"
    assert (person.country, person.sector) == ("NOR", "GOV")
    assert person.role == "President of Norway"
    assert [m.text for m in person.mentions] == ["Maria Lindqvist", "Lindqvist", "Maria Lindqvist"]
    assert entity_at(d, "Lindqvist", 1) is person


def test_actors_coref_role_description_and_pronoun_across_paragraphs(make_document):
    d = run_stages(make_document(
        "Prime Minister Jonas Berg arrived in Stockholm on Monday.\n\n"
        "Talks lasted six hours.\n\n"
        "“We have a deal,” the Swedish prime minister told reporters.\n\n"
        "He added that the details would follow."), "actors")
    person = by_name(d, "Jonas Berg")
    texts = [m.text for m in person.mentions]
    assert "the Swedish prime minister" in texts and "He" in texts
    assert person.country == "SWE" and person.sector == "GOV"
    assert entity_at(d, "He") is person
    assert entity_at(d, "prime minister told") is person


def test_actors_coref_role_with_country_picks_the_right_person(make_document):
    d = run_stages(make_document(
        "President Maria Lindqvist of Norway met Prime Minister Jonas Berg of Sweden in Oslo.\n\n"
        "The President of Norway said the talks were useful.\n\n"
        "The Swedish prime minister disagreed."), "actors")
    lindqvist, berg = by_name(d, "Maria Lindqvist"), by_name(d, "Jonas Berg")
    assert lindqvist.country == "NOR" and berg.country == "SWE"
    assert entity_at(d, "President of Norway") is lindqvist
    assert entity_at(d, "prime minister disagreed") is berg


def test_actors_coref_bare_role_only_when_one_person_fits(make_document):
    d = run_stages(make_document(
        "President Maria Lindqvist visited the port.\n\nThe president praised the workers."), "actors")
    person = by_name(d, "Maria Lindqvist")
    assert any(m.text == "The president" for m in person.mentions)
    two = run_stages(make_document(
        "President Maria Lindqvist met President Karl Dahl.\n\nThe president praised the workers."), "actors")
    assert not any(m.text == "The president" for e in two.entities for m in e.mentions)


def test_actors_coref_pronoun_goes_to_the_last_person_named(make_document):
    d = run_stages(make_document(
        "Maria Lindqvist spoke first. Jonas Berg answered the questions.\n\nHe said the plan would work."),
        "actors")
    assert entity_at(d, "He") is by_name(d, "Jonas Berg")


def test_actors_title_chains_and_appositives_give_country(make_document):
    d = run_stages(make_document(
        "Sweden's new Foreign Minister Karin Dahl met Irish Defence Minister Tom Marsh. "
        "Olav Haugen, the Norwegian finance minister, joined them."), "actors")
    dahl, marsh, haugen = by_name(d, "Karin Dahl"), by_name(d, "Tom Marsh"), by_name(d, "Olav Haugen")
    assert (dahl.country, dahl.sector) == ("SWE", "GOV") and "Foreign Minister" in dahl.role
    assert (marsh.country, marsh.sector) == ("IRL", "GOV")
    assert (haugen.country, haugen.sector) == ("NOR", "GOV")


def test_actors_capitals_acting_stand_for_governments(make_document):
    d = run_stages(make_document(
        "The targets set by Oslo and Stockholm were ambitious. Delegates later arrived in Helsinki."), "actors")
    oslo, stockholm, helsinki = by_name(d, "Oslo"), by_name(d, "Stockholm"), by_name(d, "Helsinki")
    assert oslo.type == "GPE" and (oslo.country, oslo.sector) == ("NOR", "GOV")
    assert (stockholm.country, stockholm.sector) == ("SWE", "GOV")
    assert helsinki.type == "GPE" and helsinki.country == "FIN" and helsinki.sector is None


def test_actors_groups_split_coordinated_countries(make_document):
    d = run_stages(make_document("Danish and Dutch troops entered the town. The Swedish Army stayed."), "actors")
    codes = {(e.country, e.sector) for e in d.entities if e.type == "ORG"}
    assert ("NLD", "MIL") in codes and ("SWE", "MIL") in codes
    dutch = next(e for e in d.entities if e.type == "ORG" and e.country == "NLD")
    assert dutch.mentions[0].text == "Dutch troops"


def test_actors_organisation_country_from_possessive(make_document):
    d = run_stages(make_document("Norway's Constitutional Court ruled against the plan."), "actors")
    court = next(e for e in d.entities if e.type == "ORG")
    assert (court.country, court.sector) == ("NOR", "JUD")


def test_actors_countries_and_cities_are_never_people(make_document):
    d = run_stages(make_document(
        "Finland and Estonia signed the treaty. Tallinn welcomed it, and Helsinki said little."), "actors")
    for e in d.entities:
        if e.name in ("Finland", "Estonia", "Tallinn", "Helsinki"):
            assert e.type == "GPE", e
    assert by_name(d, "Finland").country == "FIN"


def test_actors_ambiguous_country_name_gets_no_guess(make_document):
    d = run_stages(make_document("Congo rejected the proposal on Monday."), "actors")
    congo = by_name(d, "Congo")
    assert congo is not None and congo.type == "GPE" and congo.country is None


def test_actors_mentions_map_every_token(make_document):
    d = run_stages(make_document("President Maria Lindqvist of Norway spoke. She left."), "actors")
    person = by_name(d, "Maria Lindqvist")
    for m in person.mentions:
        span = d.doc.char_span(m.start, m.end)
        assert all(d.mentions[t.i] == person.id for t in span)


def test_role_description_counts_from_the_last_mention_in_text_order():
    """'the president' late in an article refers to the president named just before, even when an
    earlier 'the president' (resolved first, so listed last) lies far back."""
    from newsledger import extract

    text = ("President Arvo Kask opened a new bridge in Tallinn on Monday. The president thanked the workers. "
            "The bridge cost 10 million euros. Engineers worked on it for three years. Traffic will start in May. "
            "The city council approved the plan in 2019. Residents had waited for a decade. "
            "A second bridge is planned. Kask praised the engineers. The president then left for the airport.")
    rec = extract(text, published="2024-05-06")
    kask = next(e for e in rec.entities if e.name.endswith("Kask"))
    late = text.rindex("The president")
    assert any(m.start == late for m in kask.mentions), [m.text for m in kask.mentions]
