"""Events stage: the recipient of an event and its country, from the parse. Invented sentences."""

from __future__ import annotations

from .conftest import run_stages

ALL = ("actors", "times", "places", "quotes", "amounts", "events")


def countries(d, ids):
    by_id = {e.id: e for e in d.entities}
    return {by_id[i].country for i in ids if by_id[i].country}


def event(d, trigger):
    found = [v for v in d.events if v.trigger.text == trigger]
    assert len(found) == 1, [(v.type, v.trigger.text) for v in d.events]
    return found[0]


def test_recipient_is_the_party_a_thing_acted_on_goes_to(make_document):
    # "halted aid to X", "cut off electricity to X", "closed its borders with X": the object is a
    # thing, the party it reaches is the recipient (the parser hangs the phrase on the verb)
    d = run_stages(make_document("Norway halted economic aid to Chile on Tuesday."), *ALL)
    assert countries(d, event(d, "halted").recipient) == {"CHL"}
    d = run_stages(make_document("Peru threatened to cut off electricity to Bolivia."), *ALL)
    assert countries(d, event(d, "threatened").recipient) == {"BOL"}
    d = run_stages(make_document("Russia closed its borders with Iran and Georgia."), *ALL)
    assert countries(d, event(d, "closed").recipient) == {"IRN", "GEO"}
    d = run_stages(make_document("Ministers agreed to provide 70 million dollars of aid for Romania and Poland."), *ALL)
    assert countries(d, event(d, "agreed").recipient) == {"ROU", "POL"}


def test_thing_goal_is_not_the_one_blamed_or_asked(make_document):
    # "condemned the shipments to X", "urged retaliation against X": X is where the thing goes,
    # not the one blamed or asked
    d = run_stages(make_document("Maria Lopez condemned the shipments of arms to Chile."), *ALL)
    assert not event(d, "condemned").recipient
    d = run_stages(make_document("Tom Hale urged retaliation against Chile."), *ALL)
    assert not event(d, "urged").recipient


def test_the_one_allowed_to_act_is_the_recipient(make_document):
    # "allowed X to hold a rally": the parser makes X the subject of the allowed act
    d = run_stages(make_document("The minister allowed opposition leader Carlos Vega to hold a rally."), *ALL)
    assert {e.name for e in d.entities if e.id in event(d, "allowed").recipient} == {"Carlos Vega"}
    d = run_stages(make_document("The court decided to allow candidate Maria Lopez to run in the election."), *ALL)
    assert {e.name for e in d.entities if e.id in event(d, "allow").recipient} == {"Maria Lopez"}


def test_protest_target_from_what_it_defies_or_demands(make_document):
    d = run_stages(make_document("Thousands of students blocked streets in Lima in defiance of Chilean authorities "
                                 "to demand reforms."), *ALL)
    assert countries(d, event(d, "blocked").recipient) == {"CHL"}  # not the town it happens in
    d = run_stages(make_document("Refugees are continuing a hunger strike in protest of the Peruvian government's "
                                 "refusal to accept the vote."), *ALL)
    assert countries(d, event(d, "strike").recipient) == {"PER"}
    d = run_stages(make_document("Farmers continued their hunger strike to demand the resignation of Chilean "
                                 "President Carlos Vega."), *ALL)
    assert {e.name for e in d.entities if e.id in event(d, "strike").recipient} == {"Carlos Vega"}


def test_protest_for_someones_release_is_not_against_them(make_document):
    d = run_stages(make_document("Workers marched in Lima to demand the release of Maria Lopez."), *ALL)
    assert "Maria Lopez" not in {e.name for e in d.entities if e.id in event(d, "marched").recipient}


def test_described_party_takes_the_country_of_any_word_before_its_head(make_document):
    # "Moroccan Berber refugees": the demonym modifies "Berber", not the head noun
    d = run_stages(make_document("Spain will allow 13,000 Moroccan Berber refugees to return home."), *ALL)
    assert countries(d, event(d, "allow").recipient) == {"MAR"}


def test_anti_and_pro_name_a_stance_not_a_country(make_document):
    d = run_stages(make_document("A prominent anti-Chile journalist was killed in Lima."), *ALL)
    assert not countries(d, event(d, "killed").recipient)
    d = run_stages(make_document("Pro-Russian rebels attacked Ukrainian troops near Donetsk."), *ALL)
    v = event(d, "attacked")
    assert not countries(d, v.actor) and countries(d, v.recipient) == {"UKR"}


def test_a_threat_to_do_something_is_not_addressed_to_another_clause(make_document):
    # "threatened to shell X": the threat is against X, not against the subject of a clause the
    # parser hung on the threat
    d = run_stages(make_document("Peru threatened to shell Chilean towns today in retaliation for an air raid on "
                                 "the northern city of Arica where, it said, 100 people were killed."), *ALL)
    assert countries(d, event(d, "threatened").recipient) == {"CHL"}


def test_attack_without_named_target_is_against_the_country_it_happens_in(make_document):
    # the CAMEO/PLOVER convention the protest rule already follows, for attacks and threatened
    # material acts: the place said of the act itself
    d = run_stages(make_document("Two bombs exploded in Lima on Monday."), *ALL)
    assert countries(d, event(d, "exploded").recipient) == {"PER"}
    d = run_stages(make_document("President Carlos Vega said he will extend the curfew in Arequipa."), *ALL)
    assert countries(d, event(d, "curfew").recipient) == {"PER"}
    d = run_stages(make_document("A car bomb exploded in a residential sector of Lima."), *ALL)
    assert countries(d, event(d, "exploded").recipient) == {"PER"}  # a place noun's "of" phrase


def test_place_of_a_statement_is_no_target(make_document):
    d = run_stages(make_document("Peru threatened in Geneva to resume attacks."), *ALL)
    assert not event(d, "threatened").recipient


def test_being_opposed_to_something_is_no_passive(make_document):
    d = run_stages(make_document("Peru is opposed to Chilean mediation in the talks, an aide said."), *ALL)
    v = event(d, "opposed")
    assert countries(d, v.actor) == {"PER"} and countries(d, v.recipient) == {"CHL"}


def test_protest_outside_an_institution_is_against_it(make_document):
    d = run_stages(make_document("Chilean farmers began a hunger strike outside Parliament to demand the return "
                                 "of land."), *ALL)
    assert {e.name for e in d.entities if e.id in event(d, "strike").recipient} == {"Parliament"}


def test_demand_noun_addresses_the_subject_of_its_that_clause(make_document):
    d = run_stages(make_document("The union reiterated its demand today that Peru ease restrictions on workers."), *ALL)
    assert countries(d, event(d, "demand").recipient) == {"PER"}


def test_forces_readied_for_an_attack_target_its_target(make_document):
    d = run_stages(make_document("Chile mobilized army reservists for a possible war against Peru on Tuesday."), *ALL)
    assert countries(d, event(d, "mobilized").recipient) == {"PER"}


def test_place_of_an_act_is_a_place_phrase(make_document):
    # "in a campaign conducted by X" names no place; "at targets in X" names one below the target
    d = run_stages(make_document("Thousands were expelled from those lands in a brutal campaign conducted by "
                                 "Peru."), *ALL)
    assert all("PER" not in countries(d, v.recipient) for v in d.events)
    d = run_stages(make_document("Tanks fired four shells at targets in Arica, witnesses said."), *ALL)
    assert countries(d, event(d, "fired").recipient) == {"CHL"}


def test_a_countrys_own_group_takes_the_country_its_sentence_names(make_document):
    # a group acted on, which nothing else places, is of the one country its sentence names
    d = run_stages(make_document("The Peruvian government on Thursday accepted demands from Quechua rebels that it "
                                 "hold elections."), *ALL)
    assert countries(d, event(d, "accepted").recipient) == {"PER"}
    d = run_stages(make_document("Chilean police arrested 30 members of the banned Free Coast Movement in "
                                 "Valparaiso."), *ALL)
    assert countries(d, event(d, "arrested").recipient) == {"CHL"}


def test_a_group_that_acts_does_not_take_the_country_of_its_target(make_document):
    # the doer of an attack is not of the country it attacks
    d = run_stages(make_document("Militants attacked Israeli soldiers near the border."), *ALL)
    assert not countries(d, event(d, "attacked").actor)
    d = run_stages(make_document("The Free Coast Movement attacked Chilean police in Valparaiso."), *ALL)
    assert not countries(d, event(d, "attacked").actor)


def test_an_attacked_place_in_a_region_stands_for_the_regions_country(make_document):
    # "Western Bolivia" is a region (no actor of the article): the place of the act is still its country's
    d = run_stages(make_document("Brazilian forces have retaken a strategic village in Western Bolivia after "
                                 "fierce fighting."), *ALL)
    assert countries(d, event(d, "retaken").recipient) == {"BOL"}


def test_an_act_with_no_target_reaches_the_place_of_what_it_sets_going(make_document):
    d = run_stages(make_document("The Nordic Council has agreed to set up a trade office in Lima to develop its "
                                 "regional projects, officials said Friday."), *ALL)
    assert countries(d, event(d, "agreed").recipient) == {"PER"}
    d = run_stages(make_document("Chile has established diplomatic ties with and opened an embassy in Lima, the "
                                 "foreign ministry said."), *ALL)
    assert countries(d, event(d, "established").recipient) == {"PER"}


def test_the_place_a_pledge_is_made_at_is_not_its_recipient(make_document):
    d = run_stages(make_document("The senator made the pledge at a veterans conference in Lima on Monday."), *ALL)
    assert not countries(d, event(d, "pledge").recipient)


def test_the_accused_is_the_doer_of_the_act_complained_of(make_document):
    # not the body the complaint is made to
    d = run_stages(make_document("Bolivia complained to the United Nations on Tuesday over two Chilean air raids "
                                 "last Friday."), *ALL)
    assert countries(d, event(d, "complained").recipient) == {"CHL"}
    d = run_stages(make_document("Peruvian police have launched an investigation into alleged crimes committed by "
                                 "Chilean forces against civilians."), *ALL)
    assert countries(d, event(d, "investigation").recipient) == {"CHL"}


def test_out_of_is_from_for_a_withdrawal(make_document):
    d = run_stages(make_document("Peru pulled its troops out of Bolivia."), *ALL)
    assert countries(d, event(d, "pulled").recipient) == {"BOL"}
    d = run_stages(make_document("Eighty UN monitors were shipped out of the northern town of Arica in Chile on "
                                 "Friday."), *ALL)
    assert countries(d, event(d, "shipped").recipient) == {"CHL"}


def test_a_protest_is_against_whom_it_shows_disapproval_of(make_document):
    d = run_stages(make_document("Farmers in Lima blocked a road to show their disapproval of Chile's trade policies, "
                                 "a newspaper reported."), *ALL)
    assert countries(d, event(d, "blocked").recipient) == {"CHL"}  # not the town it happens in
