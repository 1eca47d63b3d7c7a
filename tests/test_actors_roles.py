"""Actors stage: roles at the article's date, gender in coreference, countries from context, and
what is not an actor (datelines, addresses, names across line breaks). Hand-written inputs."""

from __future__ import annotations

from datetime import date

from newsledger.knowledge import KnownActor, MemoryKnowledge, at_date, choose
from newsledger.stages.actors import ActorsStage

from .conftest import run_stages

HOLM = KnownActor(key="person:anders-holm", name="Anders Holm", type="PERSON", aliases=("Holm",), country="SWE",
                  sector="GOV", role="Prime Minister", since="2010-01-01", until="2014-12-31", source="test")


def by_name(document, name):
    return next((e for e in document.entities if e.name == name), None)


def entity_of(document, text):
    return next((e for e in document.entities if any(m.text == text for m in e.mentions)), None)


def test_knowledge_at_date_names_former_and_future_office_holders():
    assert at_date(HOLM, date(2012, 5, 1)) == HOLM
    former = at_date(HOLM, date(2016, 5, 1))
    assert (former.role, former.sector, former.country) == ("former Prime Minister", "ELI", "SWE")
    before = at_date(HOLM, date(2008, 5, 1))
    assert (before.role, before.sector, before.country) == (None, None, "SWE")
    assert choose([HOLM], date(2008, 5, 1)).role is None  # a candidate is not yet head of government


def test_actors_known_person_is_former_after_the_tenure(make_document):
    stage = ActorsStage(knowledge=MemoryKnowledge([HOLM]))
    d = make_document("Holm spoke in Uppsala on Monday about the economy.", published="2019-03-04")
    stage(d)
    holm = entity_of(d, "Holm")
    assert holm.role == "former Prime Minister" and holm.sector == "ELI" and holm.country == "SWE"


def test_actors_former_and_candidate_titles(make_document):
    d = run_stages(make_document("Former President Karin Dahl of Norway met presidential candidate Ola Berg, "
                                 "and Press Secretary Eva Lund said the talks went well."), "actors")
    dahl, berg, lund = entity_of(d, "Karin Dahl"), entity_of(d, "Ola Berg"), entity_of(d, "Eva Lund")
    assert dahl.role.startswith("former President") and dahl.sector == "ELI" and dahl.country == "NOR"
    assert berg.role.casefold() == "presidential candidate" and berg.sector == "PTY"
    assert lund.sector == "GOV" and "Press Secretary" in lund.role


def test_actors_honorific_is_no_role(make_document):
    d = run_stages(make_document("Mr. Tomas Varga said the plan was ready."), "actors")
    assert entity_of(d, "Tomas Varga").role is None


def test_actors_official_of_a_known_organisation_takes_its_country(make_document):
    d = run_stages(make_document("FBI Director Karl Moen said the inquiry was over."), "actors")
    moen = entity_of(d, "Karl Moen")
    assert moen.country == "USA" and moen.sector == "COP"


def test_actors_pronouns_respect_gender(make_document):
    d = run_stages(make_document("Mrs. Anna Lund met Mr. Peter Varga in Oslo. She said the talks were useful, "
                                 "and he agreed."), "actors")
    lund, varga = entity_of(d, "Anna Lund"), entity_of(d, "Peter Varga")
    assert "She" in [m.text for m in lund.mentions] and "She" not in [m.text for m in varga.mentions]
    assert "he" in [m.text for m in varga.mentions] and "he" not in [m.text for m in lund.mentions]


def test_actors_pronoun_is_not_a_person_named_inside_the_quote(make_document):
    d = run_stages(make_document("Mr. Tom Clark spoke last. “I told Peter Lind it was over,” he said."), "actors")
    lind = entity_of(d, "Peter Lind")
    assert lind is None or "he" not in [m.text for m in lind.mentions]


def test_actors_dateline_is_a_place_and_addresses_are_no_actors(make_document):
    d = run_stages(make_document("BERGEN -- Police said a man was arrested outside 1915 Birch St. on Monday.\n\n"
                                 "The Bergen police said he lived on Lakeview Drive."), "actors")
    bergen = entity_of(d, "BERGEN")
    assert bergen is not None and bergen.type == "GPE" and bergen.sector is None
    # an address is no actor (a FAC, a place, at most)
    assert all(e.type == "FAC" for e in d.entities if any("Birch" in m.text or "Lakeview" in m.text
                                                          for m in e.mentions))
    # the town in "the Bergen police" stays a place (the places stage reads it as a toponym)
    assert all(e.type != "PERSON" for e in d.entities if any(m.text == "Bergen" for m in e.mentions))


def test_actors_no_name_runs_across_a_line_break(make_document):
    d = run_stages(make_document("Police\n\nIncident Location\n\nAddress\n\nMaria Holm said the road was closed.\n"),
                   "actors")
    for e in d.entities:
        assert all("\n" not in m.text for m in e.mentions), e


def test_actors_state_institution_takes_the_country_of_its_sentence_or_the_dateline(make_document):
    d = run_stages(make_document("NAIROBI -- The Supreme Court ruled on Monday that the vote must be held again.\n\n"
                                 "Parliament will meet in May, officials in Kenya and Uganda said."), "actors")
    court = entity_of(d, "Supreme Court")
    assert court is not None and court.country == "KEN" and court.sector == "JUD"


def test_actors_headline_words_are_not_part_of_a_name(make_document):
    d = run_stages(make_document("Lindqvist Says Talks Will Resume\n\nPrime Minister Maria Lindqvist said on "
                                 "Monday that talks would resume. Lindqvist spoke in Oslo.\n"), "actors")
    assert by_name(d, "Maria Lindqvist") is not None
    assert not any(e.name.endswith("Says") for e in d.entities)


def test_actors_surname_written_after_a_title_elsewhere_is_a_person(make_document):
    # a surname that is also a town's name stays a person when the article gives it a title
    d = run_stages(make_document("Deputy Governor Hiroshi Nakamura spoke in Tokyo on Monday.\n\n"
                                 "Nakamura rejected suggestions that the bank had waited too long."), "actors")
    assert all(e.type == "PERSON" for e in d.entities if any(m.text == "Nakamura" for m in e.mentions))
