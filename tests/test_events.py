"""Events stage: triggers, participants from the parse, dates, places, flags and attribution."""

from __future__ import annotations

from .conftest import run_stages

ALL = ("actors", "times", "places", "quotes", "amounts", "events")


def codes(d, ids):
    by_id = {e.id: e for e in d.entities}
    return {by_id[i].country or by_id[i].name for i in ids}


def only(d, type_):
    found = [v for v in d.events if v.type == type_]
    assert len(found) == 1, [(v.type, v.trigger.text) for v in d.events]
    return found[0]


def test_events_subject_object_and_date(make_document):
    d = run_stages(make_document("On September 27, 2020, Armenia attacked Azerbaijan."), *ALL)
    v = only(d, "ASSAULT")
    assert codes(d, v.actor) == {"ARM"} and codes(d, v.recipient) == {"AZE"}
    assert v.date.start == v.date.end == "2020-09-27"
    assert v.trigger.text == "attacked" and v.historical


def test_events_noun_trigger_takes_light_verb_subject(make_document):
    d = run_stages(make_document("In 1991, Armenia launched a military aggression against Azerbaijan."), *ALL)
    v = only(d, "ASSAULT")
    assert codes(d, v.actor) == {"ARM"} and codes(d, v.recipient) == {"AZE"}
    assert v.date.start == "1991"


def test_events_signing_a_treaty_is_support_and_a_ceasefire_agreement(make_document):
    # manual: SUPPORT covers "ratify, sign, or finalize an agreement"; agreeing to end fighting is AGREE
    d = run_stages(make_document("Norway and Sweden signed an agreement on fishing rights on Monday."), *ALL)
    v = only(d, "SUPPORT")
    assert codes(d, v.actor) == {"NOR", "SWE"}
    d = run_stages(make_document("Norway and Sweden signed a ceasefire agreement on Monday."), *ALL)
    assert only(d, "AGREE")


def test_events_unknown_actor_stays_empty(make_document):
    d = run_stages(make_document("The town was shelled overnight."), *ALL)
    v = only(d, "ASSAULT")
    assert v.actor == []


def test_events_negated_acts_are_left_out_future_ones_coded_and_quotes_attributed(make_document):
    d = run_stages(make_document(
        "Norway did not attack Sweden. Norway will impose sanctions on Finland.\n\n"
        "“Sweden attacked our ships yesterday,” the Norwegian minister said."), *ALL)
    # precision first: an attack the text says did not happen is no event
    assert not any(v.trigger.text == "attack" for v in d.events)
    threat = next(v for v in d.events if v.trigger.text == "sanctions")
    assert threat.type == "THREATEN"  # manual: a future sanction is coded as a threat
    quoted = next(v for v in d.events if v.trigger.text == "attacked")
    assert quoted.said_by is not None
    assert not threat.said_by


def test_events_evidence_and_trigger_are_exact_spans(make_document):
    d = run_stages(make_document("Protesters rallied in Paris. Police arrested 40 people."), *ALL)
    assert {v.type for v in d.events} >= {"COERCE", "PROTEST"}
    for v in d.events:
        assert d.text[v.trigger.start:v.trigger.end] == v.trigger.text
        assert d.text[v.evidence.start:v.evidence.end] == v.evidence.text
        assert v.trigger.start >= v.evidence.start and v.trigger.end <= v.evidence.end
        assert 0 < v.confidence < 1


def test_events_one_event_for_an_exercise_over_three_paragraphs(make_document):
    d = run_stages(make_document(
        "The armies of Norway and Sweden conducted a joint military exercise near the border.\n\n"
        "The exercise took place from March 3 to 5, 2023, and about 2,000 personnel took part.\n\n"
        "The exercise also tested air defence units, the ministry said."), *ALL)
    v = only(d, "COOPERATE")
    assert codes(d, v.actor) == {"NOR", "SWE"}
    assert v.date.start == "2023-03-03" and v.date.end == "2023-03-05"
    assert len(v.mentions) == 2  # the other paragraphs are its evidence too
    assert any(d.amounts[i].value == 2000 for i in v.amounts)


def test_events_visit_has_visitor_as_actor_and_host_as_recipient(make_document):
    d = run_stages(make_document(
        "President Emmanuel Macron made a state visit to Germany.\n\n"
        "On Monday, Macron and Chancellor Olaf Scholz held talks in Berlin."), *ALL)
    v = only(d, "CONSULT")
    assert v.mode == "visit"
    assert "Emmanuel Macron" in {e.name for e in d.entities if e.id in v.actor}
    assert "DEU" in codes(d, v.recipient)
    assert v.date.start == "2024-02-19"


def test_events_reciprocal_meeting_codes_all_participants_as_actors(make_document):
    d = run_stages(make_document("Norway and Sweden held talks in Oslo on Monday."), *ALL)
    v = only(d, "CONSULT")
    assert codes(d, v.actor) == {"NOR", "SWE"} and v.recipient == []


def test_events_named_topics_are_not_events(make_document):
    d = run_stages(make_document("The minister stressed the military cooperation between Norway and Sweden."), *ALL)
    assert d.events == []


def test_events_habitual_statements_are_not_happenings(make_document):
    d = run_stages(make_document("Every year, joint exercises are held in Norway."), *ALL)
    assert d.events == []


def test_events_ceasefire_takes_the_parties_of_the_war_it_ends(make_document):
    d = run_stages(make_document(
        "In 1991, Armenia launched a war against Azerbaijan. The war ended with a ceasefire in 1994."), *ALL)
    war = only(d, "ASSAULT")
    assert war.date.start == "1991" and war.date.end == "1994" and len(war.mentions) == 1
    truce = only(d, "AGREE")
    assert codes(d, truce.actor) | codes(d, truce.recipient) == {"ARM", "AZE"}


def test_events_protest_topic_is_not_coded_apart(make_document):
    d = run_stages(make_document("Thousands of farmers marched through Paris, demanding higher prices."), *ALL)
    assert [v.type for v in d.events] == ["PROTEST"]


def test_events_force_moves_within_an_attack_are_not_coded_apart(make_document):
    d = run_stages(make_document("Rebel forces deployed near the town and shelled the market."), *ALL)
    assert [v.type for v in d.events] == ["ASSAULT"]


def test_events_we_in_a_quote_is_the_speaker(make_document):
    d = run_stages(make_document(
        "“We launched the operation against the militants last month,” Norwegian Prime Minister Jonas Gahr Store said."),
        *ALL)
    v = only(d, "ASSAULT")
    assert v.said_by is not None
    assert "NOR" in codes(d, v.actor)


def test_events_contexts_from_the_evidence_and_the_mode(make_document):
    d = run_stages(make_document("Hackers hacked into the Norwegian parliament's computer network on Monday."), *ALL)
    v = only(d, "COERCE")
    assert v.mode == "cyber" and "cyber" in v.context and "legislative" in v.context


def test_events_quoted_then_narrated_happening_is_the_narrators(make_document):
    d = run_stages(make_document(
        "“We carried out the military operation against the militants in May,” Norwegian Prime Minister "
        "Jonas Gahr Store said.\n\nThe military operation in May was criticised by rights groups."), *ALL)
    v = only(d, "ASSAULT")
    assert len(v.mentions) == 1 and v.said_by is None  # the narrator asserts it too
    assert "NOR" in codes(d, v.actor)


def test_events_definite_noun_joins_the_event_whose_dates_overlap(make_document):
    d = run_stages(make_document(
        "In 2020, Norway launched a military operation against the rebels. "
        "In May 2023, Norway launched a military operation against the smugglers.\n\n"
        "The operation in May 2023 lasted two weeks."), *ALL)
    ops = sorted((v for v in d.events if v.type == "ASSAULT"), key=lambda v: v.trigger.start)
    assert len(ops) == 2
    assert ops[0].mentions == [] and len(ops[1].mentions) == 1


def no_events(make_document, *texts):
    """Each text, run through every stage, yields no event."""
    for text in texts:
        d = run_stages(make_document(text), *ALL)
        assert not d.events, text


def names(d, ids):
    by_id = {e.id: e for e in d.entities}
    return {by_id[i].name for i in ids}


def test_events_headline_past_form_is_a_passive(make_document):
    # a headline drops the passive's auxiliary: its subject suffered the act
    d = run_stages(make_document("Opposition leader Carlo Bruni arrested\n\nPolice detained him at his home on Friday."),
                   *ALL)
    v = only(d, "COERCE")
    assert "Carlo Bruni" in names(d, v.recipient)
    assert "Carlo Bruni" not in names(d, v.actor)


def test_events_past_form_in_a_sentence_keeps_its_subject_as_doer(make_document):
    d = run_stages(make_document("Soldiers attacked at dawn, officials said.\n\nThe town was quiet later."), *ALL)
    v = only(d, "ASSAULT")
    assert "Soldiers" in names(d, v.actor)


def test_events_possessor_of_an_arrest_is_who_was_arrested(make_document):
    d = run_stages(make_document("Maria Lopez's arrest on Friday shocked the town."), *ALL)
    v = only(d, "COERCE")
    assert names(d, v.recipient) == {"Maria Lopez"} and not v.actor


def test_events_possessor_of_an_invasion_is_its_doer(make_document):
    d = run_stages(make_document("Russia's invasion of Ukraine began in 2022."), *ALL)
    v = only(d, "ASSAULT")
    assert codes(d, v.actor) == {"RUS"} and codes(d, v.recipient) == {"UKR"}


def test_events_nationality_adjective_is_its_countrys_side(make_document):
    d = run_stages(make_document("Senator Maria Lopez blamed Peruvian hacking for her loss in the primary. Peru denied it."), *ALL)
    v = only(d, "ACCUSE")
    by_id = {e.id: e for e in d.entities}
    assert [by_id[r].type for r in v.recipient] == ["GPE"] and codes(d, v.recipient) == {"PER"}


def test_events_nationality_adjective_on_people_stays_people(make_document):
    d = run_stages(make_document("Thousands of Peruvian protesters marched in Lima on Monday. Peru said it would listen."),
                   *ALL)
    v = only(d, "PROTEST")
    by_id = {e.id: e for e in d.entities}
    assert v.actor and all(by_id[a].type != "GPE" for a in v.actor)


def test_events_the_two_sides_continue_the_meeting_just_reported(make_document):
    d = run_stages(make_document(
        "Foreign Minister Ana Ruiz of Peru met Foreign Minister Carlos Vega of Chile in Lima on Monday. "
        "The two sides discussed fishing rights, said Ruiz, who is hosting Vega for three days."), *ALL)
    assert len([v for v in d.events if v.type == "CONSULT"]) == 1, [(v.type, v.trigger.text) for v in d.events]


def test_events_a_position_held_for_long_is_no_happening(make_document):
    d = run_stages(make_document("In a radio interview, Tom Hale noted that Senator Elizabeth Warren has long called for lower rents."),
                   *ALL)
    assert not [v for v in d.events if v.type == "REQUEST"]


def test_events_reported_clause_with_its_own_subject_is_not_the_reporters_act(make_document):
    # the reported clause names its own doer: the reporter never stands in for it
    d = run_stages(make_document("Tom Hale told the radio station that Governor Ana Ruiz has called for lower rents."), *ALL)
    hale = {e.id for e in d.entities if e.name == "Tom Hale"}
    assert all(not (set(v.actor) & hale) for v in d.events if v.type == "REQUEST")


def test_events_backing_received_from_someone_is_their_support(make_document):
    d = run_stages(make_document("Prime Minister Ana Ruiz got firm backing from Brazil on Monday."), *ALL)
    v = only(d, "SUPPORT")
    assert codes(d, v.actor) == {"BRA"} and names(d, v.recipient) == {"Ana Ruiz"}
    assert not [v for v in d.events if v.type == "CONSULT"]  # receiving support is no visit


def test_events_criticism_faced_from_someone_is_their_accusation(make_document):
    # the one who faces or draws criticism is its target; the one it comes from makes it
    d = run_stages(make_document("Tom Hale faced sharp criticism from Maria Lopez over the budget."), *ALL)
    v = only(d, "ACCUSE")
    assert names(d, v.actor) == {"Maria Lopez"} and names(d, v.recipient) == {"Tom Hale"}


def test_events_investigation_of_someone_names_its_target_not_a_second_investigator(make_document):
    d = run_stages(make_document("The FBI investigation of Maria Lopez's email server ended in July. "
                                 "Later the FBI investigated her role in the affair."), *ALL)
    v = only(d, "ACCUSE")  # one inquiry by one side into one person, reported twice
    assert names(d, v.actor) == {"FBI"} and names(d, v.recipient) == {"Maria Lopez"}


def test_events_who_answers_a_request_was_asked(make_document):
    d = run_stages(make_document("The court granted the prosecutor's request for a delay."), *ALL)
    v = only(d, "REQUEST")
    assert names(d, v.actor) == {"prosecutor"} and names(d, v.recipient) == {"court"}
    d = run_stages(make_document("The president rejected Italy's request for more aid."), *ALL)
    v = only(d, "REJECT")  # the refusal is addressed to the one who asked
    assert names(d, v.actor) == {"president"} and codes(d, v.recipient) == {"ITA"}


def test_events_clause_headed_by_a_word_read_as_noun_is_not_the_reporters(make_document):
    # the tagger may read "demands" as a plural noun; it still heads a clause with its own subject
    d = run_stages(make_document("Tom Hale said the recent spate of police shootings and protests demands "
                                 "that all citizens engage in more listening."), *ALL)
    assert not [v for v in d.events if v.type == "REQUEST"]


def test_events_firing_a_person_is_a_dismissal_not_a_shooting(make_document):
    for text in ("The company fired Maria Lopez last week.", "I did not think they would fire me, she said.",
                 "Maria Lopez was fired from her job."):
        d = run_stages(make_document(text), *ALL)
        assert not [v for v in d.events if v.type == "ASSAULT"], text
    for text in ("Gunmen fired at workers near the mine.", "Police fired tear gas at the protesters."):
        d = run_stages(make_document(text), *ALL)
        assert [v for v in d.events if v.type == "ASSAULT"], text


def test_events_definite_blast_refers_back_to_the_bombing(make_document):
    # "the explosion", "the blast", "the bombings" name the attack already reported, whatever word
    d = run_stages(make_document("A bomb exploded at the market on Friday, killing two soldiers. The worst "
                                 "explosion was at the bus station. Police said the blast caused severe damage."),
                   *ALL)
    v = only(d, "ASSAULT")
    assert {m.trigger.text for m in v.mentions} >= {"explosion", "blast"}


def test_events_word_senses_that_are_no_political_event(make_document):
    no_events(make_document, "The man, who declined to give his last name, said the vote was unfair.",
              "The ministry declined to comment on the report.",
              "The president told a campaign rally in Ohio that he would win.",
              "The State Department issued a travel warning for citizens visiting the country.")
    d = run_stages(make_document("The army issued a warning to the rebels."), *ALL)
    assert only(d, "THREATEN")


def test_events_those_who_witness_an_event_are_not_its_parties(make_document):
    d = run_stages(make_document("The police raided the homes of three suspects on Monday. Residents heard "
                                 "gunshots during the raids."), *ALL)
    v = only(d, "COERCE")
    assert names(d, v.actor) == {"police"}
    d = run_stages(make_document("The minister resigned amid protests by farmers."), *ALL)
    assert names(d, only(d, "PROTEST").actor) == {"farmers"}


def test_events_two_demands_for_different_things_are_two_events(make_document):
    d = run_stages(make_document("Italy urged Germany to cut its tariffs on Monday. The German government is "
                                 "considering Italy's request for access to the prisoners."), *ALL)
    assert len([v for v in d.events if v.type == "REQUEST"]) == 2
    d = run_stages(make_document("Italy asked Germany for access to the prisoners on Monday. Germany is considering "
                                 "the request."), *ALL)
    assert len([v for v in d.events if v.type == "REQUEST"]) == 1  # the request, reported again


def test_events_a_chanted_slogan_is_no_act(make_document):
    d = run_stages(make_document('Protesters marched through the city, chanting "stop the killing" and '
                                 '"free the prisoners".'), *ALL)
    assert [v.type for v in d.events] == ["PROTEST"]
    d = run_stages(make_document('Hundreds rallied in the park on Saturday, chanting "free the prisoners" and '
                                 '"stop the killing." Cars honked in support.'), *ALL)
    assert [v.type for v in d.events] == ["PROTEST"]
    d = run_stages(make_document('"We will free the prisoners," the rebel leader said.'), *ALL)
    assert d.events  # a quoted statement is no slogan


def test_events_where_a_pledge_was_made_is_not_whom_it_was_made_to(make_document):
    d = run_stages(make_document("Tom Hale said he will expand the army. Tom Hale made the pledge at a veterans "
                                 "conference in Herndon, Virginia."), *ALL)
    assert all(not codes(d, v.recipient) and not names(d, v.recipient) for v in d.events)


def test_events_an_accident_is_no_attack(make_document):
    no_events(make_document, "Seven militants were killed in two accidental explosions in the province on Friday.",
              "The bomb exploded prematurely, killing the bomber.")
    d = run_stages(make_document("A bomb exploded at the market, killing two soldiers."), *ALL)
    assert only(d, "ASSAULT")


def test_events_a_question_asked_is_no_demand_and_a_plea_of_not_guilty_no_concession(make_document):
    no_events(make_document, "The senator asked the minister whether the troops would stay.",
              "The senator asked the minister about the troops.",
              "Carlos Vega pleaded not guilty to charges of fraud on Monday.")
    d = run_stages(make_document("The senator asked the minister to withdraw the troops."), *ALL)
    assert only(d, "REQUEST")
    d = run_stages(make_document("Tom Hale pleaded guilty to fraud on Monday."), *ALL)
    assert only(d, "CONCEDE")


def test_events_having_nowhere_to_go_is_no_obligation_and_a_right_is_no_act(make_document):
    no_events(make_document, "Now they have nowhere to stay because the area is overwhelmed with people, Tom Hale said.",
              "Iraq has no right to attack its neighbours, Tom Hale said.")
    d = run_stages(make_document("Iraq really has to withdraw its troops, Tom Hale said."), *ALL)
    v = only(d, "REQUEST")
    assert names(d, v.actor) == {"Tom Hale"} and codes(d, v.recipient) == {"IRQ"}


def test_events_a_time_closing_a_reported_clause_dates_that_clause(make_document):
    # "..., prosecutors announced": the parse may hang "Thursday" from the report; it is the
    # sentence's day, not the announcement's
    d = run_stages(make_document("The former mayor was sentenced to ten years in prison Thursday, prosecutors "
                                 "announced.", published="2020-05-06"), *ALL)
    v = only(d, "SANCTION")
    assert (v.date.start, v.date.source) == ("2020-04-30", "clause")


def test_events_blame_for_a_harm_and_failing_a_duty_are_accusations(make_document):
    for text in ("Senator Tom Hale said Russia was responsible for the attack.",
                 "Senator Tom Hale said Germany had failed to protect the children."):
        d = run_stages(make_document(text), *ALL)
        v = only(d, "ACCUSE")
        assert names(d, v.actor) == {"Tom Hale"}, text
    for text in ("Senator Tom Hale said Germany was responsible for security at the border.",
                 "Senator Tom Hale said Germany had failed to win the vote."):
        d = run_stages(make_document(text), *ALL)
        assert not [v for v in d.events if v.type == "ACCUSE"], text


def test_events_agreeing_to_plead_guilty_is_the_concession_and_a_hometown_no_party(make_document):
    d = run_stages(make_document("Tom Hale, 48, of Boston, on Thursday agreed to plead guilty to the conspiracy "
                                 "charge."), *ALL)
    v = only(d, "CONCEDE")
    assert names(d, v.actor) == {"Tom Hale"}  # "of Boston" is where he lives


def test_events_coming_under_gunfire_a_suicide_crash_and_a_slaying(make_document):
    d = run_stages(make_document("Their posts came under intense gunfire from Hamas after midnight."), *ALL)
    assert names(d, only(d, "ASSAULT").actor) == {"Hamas"}
    d = run_stages(make_document("A suicide bomber riding a motorcycle loaded with explosives crashed into a "
                                 "NATO foot patrol on Monday."), *ALL)
    assert [v.type for v in d.events] == ["ASSAULT"]
    d = run_stages(make_document("The plane crashed into a mountain on Friday."), *ALL)
    assert not d.events  # an accident: nobody acted on anybody
    d = run_stages(make_document("Tom Hale was slain by gunmen on Monday."), *ALL)
    v = only(d, "ASSAULT")
    assert names(d, v.actor) == {"gunmen"} and names(d, v.recipient) == {"Tom Hale"}


def test_events_a_leads_delayed_identification(make_document):
    # "A Boston man ... Tom Hale, 56, of Boston, ...": the lead's description is the person named next
    d = run_stages(make_document("A Boston man has been charged with murder in the stabbing death of a doctor. "
                                 "Tom Hale, 56, of Boston, is charged with first degree murder, police said."), *ALL)
    v = only(d, "ACCUSE")  # one case, against one person
    assert names(d, v.recipient) == {"Tom Hale"}
    hale = next(e for e in d.entities if e.name == "Tom Hale")
    assert any(m.text == "Boston man" for m in hale.mentions)  # the description is a mention of him
    # the person named next is someone else when the sentence does not open with them and their age
    d = run_stages(make_document("A man was shot dead in Boston on Monday. Police arrested Tom Hale, 34, the "
                                 "victim's neighbour."), *ALL)
    assert names(d, only(d, "ASSAULT").recipient) == {"man"}


def test_events_ordering_a_review_is_no_demand_and_an_ordered_inquiry_is_the_inquiry(make_document):
    no_events(make_document, "Tom Hale said he would order a thorough review of the nation's computer defenses.",
              "The governor ordered an evacuation of the town.")
    d = run_stages(make_document("The president ordered an investigation into the leak."), *ALL)
    v = only(d, "ACCUSE")
    assert v.mode == "investigate" and names(d, v.actor) == {"president"}
    d = run_stages(make_document("The president ordered the army to withdraw."), *ALL)
    assert names(d, only(d, "REQUEST").recipient) == {"army"}


def test_events_recognising_a_fact_is_no_recognition_of_a_party(make_document):
    for text in ('"Even though we recognize this is happening half a world away, we are saying no," Tom Hale said.',
                 "Maria Lopez recognized the need for reform."):
        d = run_stages(make_document(text), *ALL)
        assert not [v for v in d.events if v.type == "SUPPORT"], text
    d = run_stages(make_document("Germany recognized Kosovo as an independent state in 2008."), *ALL)
    assert codes(d, only(d, "SUPPORT").recipient) == {"XKX"} or only(d, "SUPPORT").recipient


def test_events_the_city_as_its_government_and_a_time_that_describes_a_noun(make_document):
    d = run_stages(make_document("Late Sunday night, the city lifted a midnight curfew it put in place Thursday "
                                 "after several days of protests.", published="2020-05-06"), *ALL)
    v = only(d, "CONCEDE")
    assert names(d, v.actor) == {"city"}
    assert v.date.start == "2020-05-03"  # Sunday: "a midnight curfew" does not date the lifting
    d = run_stages(make_document("Protesters marched through the city on Sunday."), *ALL)
    assert names(d, only(d, "PROTEST").actor) == {"Protesters"}


def test_events_everyday_happenings_in_crime_news_are_no_political_events(make_document):
    for text in ("The man shot himself after the standoff, police said.",
                 "Deputies arrived at the house shortly after 9 p.m.",
                 "She talked with investigators for two hours.",
                 "He was sitting in the passenger seat of the car on Monday.",
                 "Surveillance cameras captured the shooting.",
                 "Hundreds attended a candlelight vigil for the victims on Sunday."):
        d = run_stages(make_document(text), *ALL)
        assert not [v for v in d.events if v.type in ("CONSULT", "PROTEST", "COERCE")] and not (
            "himself" in text and d.events), text
    d = run_stages(make_document("A suicide bomber blew himself up in the market, killing six soldiers."), *ALL)
    assert only(d, "ASSAULT")
    d = run_stages(make_document("President Maria Lopez arrived in Paris for talks with French leaders."), *ALL)
    assert only(d, "CONSULT")


def test_events_a_death_reported_blames_no_one_and_a_dateline_is_no_party(make_document):
    no_events(make_document, "The boy died in his home at about 5:30 p.m. Friday, Sheriff Tom Hale said.",
              "When authorities arrived on scene, they found the victim.")
    d = run_stages(make_document("INDIANAPOLIS, Ind. (April 20, 2016) – The Indianapolis Metropolitan Police "
                                 "Department is investigating after a child died Wednesday."), *ALL)
    v = only(d, "ACCUSE")
    assert names(d, v.actor) == {"Indianapolis Metropolitan Police Department"}


def test_events_an_act_a_reported_clause_only_names_is_not_the_reporters(make_document):
    d = run_stages(make_document("Superintendent Tom Hale said the boy was the intended target of the attack."),
                   *ALL)
    assert all(not names(d, v.actor) & {"Tom Hale"} for v in d.events)
    d = run_stages(make_document("Tom Hale announced sanctions against Russia."), *ALL)
    assert names(d, only(d, "SANCTION").actor) == {"Tom Hale"}  # the object of the announcement is his


def test_events_a_relative_is_the_participant_not_whose_relative(make_document):
    d = run_stages(make_document("A 13-year-old boy shot his 6-year-old brother to death on Wednesday, Sheriff Tom "
                                 "Hale said."), *ALL)
    v = only(d, "ASSAULT")
    assert names(d, v.recipient) == {"his 6-year-old brother"} and "Tom Hale" not in names(d, v.actor)
    d = run_stages(make_document("Tom Hale's wife was arrested on Monday."), *ALL)
    assert names(d, only(d, "COERCE").recipient) == {"Tom Hale's wife"}


def test_events_warm_words_about_a_private_person_are_no_support_and_a_fired_round_strikes_its_target(
        make_document):
    d = run_stages(make_document('"He was a loving father and a great friend," his neighbour Tom Hale said.'), *ALL)
    assert not d.events
    d = run_stages(make_document("Senator Tom Hale said Governor Maria Lopez had done a wonderful, excellent job."),
                   *ALL)
    assert names(d, only(d, "SUPPORT").recipient) == {"Maria Lopez"}
    d = run_stages(make_document("Tom Hale was holding the gun when a round was fired, striking Carlos Vega in the "
                                 "chest."), *ALL)
    assert all("Tom Hale" not in names(d, v.recipient) for v in d.events)


def test_events_an_obligation_to_oneself_is_no_demand(make_document):
    d = run_stages(make_document('"I need to process this," Superintendent Tom Hale said.'), *ALL)
    assert not d.events
    d = run_stages(make_document('"Russia needs to withdraw its troops," Senator Tom Hale said.'), *ALL)
    assert codes(d, only(d, "REQUEST").recipient) == {"RUS"}


def test_events_an_accidental_shooting_of_another_stays_an_attack(make_document):
    # only a thing's accident is no event; one person shooting another by accident is still an act
    for text in ("Tom Hale accidentally shot Carlos Vega on Friday.",
                 "A boy was accidentally shot by his brother on Friday."):
        d = run_stages(make_document(text), *ALL)
        assert only(d, "ASSAULT"), text


def test_events_a_slammed_door_and_ruling_out_foul_play_are_no_events(make_document):
    no_events(make_document, "The man slammed the door on a reporter.", "Police ruled out foul play in the death.")
    d = run_stages(make_document("The senator slammed the governor for the delay."), *ALL)
    assert only(d, "ACCUSE")
    d = run_stages(make_document("The government ruled out talks with the rebels."), *ALL)
    assert only(d, "REJECT")


def test_events_arriving_in_a_town_kept_in_hospital_and_allowed_home_are_no_events(make_document):
    no_events(make_document, "Tom Hale arrived in Junction City on Monday.", "The boy was detained in hospital for observation.",
              "She was allowed home on Friday.")
    d = run_stages(make_document("Police detained two protesters on Monday."), *ALL)
    assert only(d, "COERCE")


def test_events_a_named_sides_body_calls_charges_false(make_document):
    d = run_stages(make_document("Maria Lopez's campaign called the allegations baseless."), *ALL)
    v = only(d, "REJECT")
    assert names(d, v.actor) == {"Maria Lopez"}


def test_events_forcing_someone_to_resign_is_coercion_by_who_forces(make_document):
    d = run_stages(make_document("The army forced President Ana Ruiz to resign on Monday."), *ALL)
    v = only(d, "COERCE")
    assert v.trigger.text == "forced" and names(d, v.recipient) == {"Ana Ruiz"}
    assert not [v for v in d.events if v.type == "RETREAT"]


def test_events_forced_to_resign_in_the_passive_is_the_resignation(make_document):
    d = run_stages(make_document("President Elizabeth Warren was forced to resign on Monday."), *ALL)
    v = only(d, "RETREAT")
    assert v.trigger.text == "resign" and names(d, v.actor) == {"Elizabeth Warren"}
    assert not [v for v in d.events if v.type == "COERCE"]


def test_events_what_an_accusation_attributes_is_its_content(make_document):
    d = run_stages(make_document("Senator Maria Lopez attributed her narrow loss to Russian interference. Russia denied it."),
                   *ALL)
    v = only(d, "ACCUSE")
    assert codes(d, v.recipient) == {"RUS"}
    assert not [v for v in d.events if v.type == "COERCE"]  # the interference is what she alleges


def test_events_a_newspaper_reporting_blame_accuses_no_one(make_document):
    text = "The Springfield Herald said Senator Elizabeth Warren's plan was a corrupt and illegal fraud."
    assert not [v for v in run_stages(make_document(text), *ALL).events if v.type == "ACCUSE"]
    text = "Senator Maria Lopez said Senator Elizabeth Warren's plan was a corrupt and illegal fraud."
    v = only(run_stages(make_document(text), *ALL), "ACCUSE")
    assert v.trigger.text == "said"


def test_events_a_threat_or_agreement_is_dated_when_it_was_made(make_document):
    d = run_stages(make_document("Peru and Chile agreed on Monday to resume talks next month."), *ALL)
    v = only(d, "AGREE")
    assert v.date.start == v.date.end == "2024-02-19"
    d = run_stages(make_document("Peru on February 5 threatened to impose tariffs on Chile in March."), *ALL)
    v = only(d, "THREATEN")
    assert v.date.start == v.date.end == "2024-02-05"


def test_events_word_senses_of_courts_press_and_figurative_fights(make_document):
    def types(text):
        return {(v.type, v.trigger.text) for v in run_stages(make_document(text), *ALL).events}

    # a court that dismisses charges relieves the accused; a person who dismisses them rejects them
    assert ("CONCEDE", "dismissed") in types("A high court on Monday dismissed the fraud charges against Ana Ruiz.")
    assert ("REJECT", "dismissed") in types("Senator Maria Lopez dismissed the charges as lies.")
    # a press conference is talking to reporters; a court fight and a rescued deal are figurative
    assert not types("The union held a news conference on Tuesday.")
    assert not types("The teachers' union joined the legal fight in March.")
    assert not {t for t, _ in types("Quick diplomacy rescued the deal on Monday.")} & {"AID"}
    # a promised veto is a refusal made now
    assert ("REJECT", "promised") in types("The governor has promised a veto of the budget bill, aides said on Monday.")


def test_events_a_deadly_raid_is_an_attack(make_document):
    d = run_stages(make_document("Soldiers raided the village on Monday and killed five people."), *ALL)
    assert [v.type for v in d.events] == ["ASSAULT"]
    d = run_stages(make_document("A police raid on the farm left two guards dead."), *ALL)
    assert [v.type for v in d.events] == ["ASSAULT"]
    d = run_stages(make_document("Police raided the offices of the party on Monday."), *ALL)
    assert [v.type for v in d.events] == ["COERCE"]


def test_events_a_phone_call_an_agreement_was_made_in_happened_between_its_parties(make_document):
    d = run_stages(make_document("Peru and Chile agreed in a phone call on Monday to reopen the border."), *ALL)
    v = only(d, "CONSULT")
    assert codes(d, v.actor) == {"PER", "CHL"} and v.mode == "phone"
    assert only(d, "AGREE")


def test_events_a_charge_reported_again_is_one_case(make_document):
    d = run_stages(make_document("Carlos Vega, 41, has been charged with robbery. Vega is accused of "
                                 "beating a shopkeeper on March 3, police said."), *ALL)
    assert len([v for v in d.events if v.type == "ACCUSE"]) == 1, [(v.type, v.trigger.text) for v in d.events]
    d = run_stages(make_document("Prosecutors charged Ana Ruiz with fraud on Monday. Separately, police accused "
                                 "Carlos Vega of theft."), *ALL)
    assert len([v for v in d.events if v.type == "ACCUSE"]) == 2


def test_events_a_noun_the_tagger_called_an_adverb_and_its_idiom_verb(make_document):
    # "scorn" is tagged as an adverb by the small model; "pour" is the verb its lexicon row names
    d = run_stages(make_document("On Monday, Senator Maria Lopez poured scorn on the union's claims that "
                                 "the budget was rigged."), *ALL)
    v = only(d, "ACCUSE")
    assert v.trigger.text == "scorn" and names(d, v.actor) == {"Maria Lopez"}


def test_events_figurative_destruction_is_no_attack(make_document):
    def types(text):
        return [v.type for v in run_stages(make_document(text), *ALL).events]

    assert "ASSAULT" not in types("This is a farce. It is destroying the credibility of this council, said Senator "
                                  "Maria Lopez.")
    assert "ASSAULT" not in types("The clerk destroyed the ballots on Monday, the mayor said.")
    assert types("Rebels destroyed three army tanks near the town on Monday.") == ["ASSAULT"]


def test_events_a_vote_to_hold_someone_in_contempt_is_the_accusation(make_document):
    d = run_stages(make_document("A Senate panel voted Tuesday to hold Tom Hale, a former aide to the governor, "
                                 "in contempt of Congress."), *ALL)
    v = only(d, "ACCUSE")
    assert v.trigger.text == "hold" and names(d, v.recipient) == {"Tom Hale"}
    assert not [v for v in d.events if v.type == "AGREE"]
