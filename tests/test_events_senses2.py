"""Word senses and statements an independent judge found coded wrongly on whole news articles,
as classes: a conjunction, a fall in numbers, a quoted question, an effort ("fight to keep"), a
reception ("met with outrage"), a protest's demand, one statement said twice."""

from __future__ import annotations

from .conftest import run_stages
from .test_events import ALL, names, no_events, only


def test_provided_as_a_conjunction_is_no_aid(make_document):
    d = run_stages(make_document("The minister told reporters on Sunday that his country was willing to withdraw "
                                 "from the border region provided its northern towns could be secured."), *ALL)
    assert not [v for v in d.events if v.type == "AID"]
    d = run_stages(make_document("The government provided food to the refugees in Gaza on Monday."), *ALL)
    assert only(d, "AID").trigger.text == "provided"


def test_a_falling_amount_declines_without_refusing(make_document):
    no_events(make_document, "The number of clinics in the state declined sharply last year.",
              "Exports to Russia declined by 5 percent.")
    d = run_stages(make_document("Senator Elizabeth Warren declined the offer of a meeting with the president."),
                   *ALL)
    assert "Elizabeth Warren" in names(d, only(d, "REJECT").actor)


def test_a_quoted_question_asked_is_no_request(make_document):
    d = run_stages(make_document('Troops attacked the town on Monday. "Why did they attack us?" '
                                 'asked a resident, Maria Lopez.'), *ALL)
    assert [v.type for v in d.events] == ["ASSAULT"]
    no_events(make_document, '"Why have a war?" asked Carlos Vega, a teacher in Cairo.',
              '"Why should we pay for their mistakes?" asked Maria Lopez, a trader in the market.')
    d = run_stages(make_document("The minister asked the rebels to lay down their arms."), *ALL)
    assert only(d, "REQUEST").trigger.text == "asked"


def test_fighting_to_keep_something_or_fighting_stereotypes_is_no_attack(make_document):
    no_events(make_document, "Relatives of the boy have fought to keep him in Miami.",
              "Maria Lopez has spent her career fighting gender stereotypes.")
    d = run_stages(make_document("Rebels fought government troops near the border on Sunday."), *ALL)
    assert only(d, "ASSAULT").trigger.text == "fought"


def test_met_with_a_reaction_is_no_meeting(make_document):
    no_events(make_document, "The plan was met with outrage by lawmakers.")
    d = run_stages(make_document("The foreign minister met with his Russian counterpart in Geneva on Tuesday."), *ALL)
    assert only(d, "CONSULT").trigger.text == "met"


def test_what_protesters_demand_in_the_next_sentence_is_the_protest(make_document):
    d = run_stages(make_document("Protesters gathered in the square. They demanded the release of political "
                                 "prisoners."), *ALL)
    v = only(d, "PROTEST")
    assert not v.recipient and [m.trigger.text for m in v.mentions] == ["demanded"]
    # someone else's demand stays a demand
    d = run_stages(make_document("Protesters gathered in the square on Monday. On Tuesday the opposition leader "
                                 "Tom Hale demanded the release of political prisoners."), *ALL)
    assert "Tom Hale" in names(d, only(d, "REQUEST").actor)


def test_a_statement_typed_by_its_words_next_to_the_same_speakers_statement_is_one(make_document):
    d = run_stages(make_document('Lawyer Tom Hale complained that the agency had ignored the family. '
                                 '"That is deeply unfair and untrue," Hale said.'), *ALL)
    assert len(d.events) == 1 and d.events[0].type == "ACCUSE"


def test_where_an_act_or_a_weapon_was_is_not_who_acted(make_document):
    # "officials in X" are X's; "a bombing in X" or "a car bomb in X" was not done by X
    d = run_stages(make_document("In January, a clinic bombing in Springfield, Ohio, killed a security guard and "
                                 "wounded a nurse."), *ALL)
    v = only(d, "ASSAULT")
    assert not v.actor and "security guard" in names(d, v.recipient)
    d = run_stages(make_document("A car bomb in Kabul killed five soldiers on Monday."), *ALL)
    assert not only(d, "ASSAULT").actor
    d = run_stages(make_document("Heavy fighting in the Georgian region of Abkhazia killed 12 people."), *ALL)
    assert not only(d, "ASSAULT").actor
    d = run_stages(make_document("Police in Lima arrested three men on Friday."), *ALL)
    assert names(d, only(d, "COERCE").actor) == {"Police"}


def test_what_no_one_did_what_is_perceived_and_what_is_pending_are_no_happenings(make_document):
    no_events(make_document, "No one attacked the convoy, the army said.",
              "The perception that the United States wants to destroy Iran may strengthen the regime.",
              "Sanctions will remain in effect until Iraq pays reparations to Kuwait.")
    # a past "until" clause did happen
    d = run_stages(make_document("The talks continued until the army attacked the town on Monday."), *ALL)
    assert only(d, "ASSAULT").trigger.text == "attacked"


def test_an_act_under_a_negated_frame_is_not_asserted(make_document):
    no_events(make_document, 'President Carlos Vega insisted, "The purpose isn\'t to invade their territory."',
              "The minister said he did not think the army attacked the village.")
    d = run_stages(make_document("The minister said the army attacked the village."), *ALL)
    assert only(d, "ASSAULT").trigger.text == "attacked"


def test_the_modifier_of_hostages_names_the_victims(make_document):
    d = run_stages(make_document("Rebels are holding three French hostages, the ministry said."), *ALL)
    v = only(d, "ASSAULT")
    assert names(d, v.actor) == {"Rebels"} and "French" in names(d, v.recipient)


def test_attacks_in_two_places_are_two_happenings(make_document):
    d = run_stages(make_document("Gunmen attacked a police station in Lagos. In a separate incident, gunmen "
                                 "attacked a bank in Abuja."), *ALL)
    assert sorted(names(d, v.recipient).pop() for v in d.events if v.type == "ASSAULT") == ["Abuja", "Lagos"]
    d = run_stages(make_document("A bomb exploded at a market in Kabul on Monday, killing five people. Police said "
                                 "the attack was similar to the bombing in Peshawar that killed 12 people."), *ALL)
    attacks = [v for v in d.events if v.type == "ASSAULT"]
    assert len(attacks) == 2 and not any(v.actor for v in attacks)


def test_neither_nor_and_if_and_when(make_document):
    no_events(make_document, "The court neither approves nor disapproves the agency's decision.",
              "If and when the relatives' appeal goes to federal court, chances of a favorable ruling are slim.")
    d = run_stages(make_document("The court approved the agency's decision on Monday."), *ALL)
    assert only(d, "SUPPORT").trigger.text == "approved"


def test_whom_a_request_is_made_of(make_document):
    d = run_stages(make_document("President Tom Hale has requested 50 million dollars in emergency aid from Congress."),
                   *ALL)
    assert names(d, only(d, "REQUEST").recipient) == {"Congress"}
    d = run_stages(make_document("On Monday, Carlos Vega called for the governor to revive the unit immediately."), *ALL)
    assert "governor" in names(d, only(d, "REQUEST").recipient)
    # where troops are to leave from is not whom the demand is made of
    d = run_stages(make_document("The minister demanded the withdrawal of Russian troops from Ukraine."), *ALL)
    assert "Ukraine" not in names(d, only(d, "REQUEST").recipient)


def test_attacked_someone_for_doing_something_is_blame(make_document):
    d = run_stages(make_document("On Monday, Carlos Vega attacked the governor for failing to protect the clinics."),
                   *ALL)
    v = only(d, "ACCUSE")
    assert names(d, v.actor) == {"Carlos Vega"} and "governor" in names(d, v.recipient)
    d = run_stages(make_document("Rebels attacked the town for three days."), *ALL)
    assert only(d, "ASSAULT").trigger.text == "attacked"


def test_strikes_against_military_targets_are_attacks(make_document):
    d = run_stages(make_document("President Tom Hale ordered the strikes against terrorist camps in Sudan."), *ALL)
    assert only(d, "ASSAULT").trigger.text == "strikes"
    d = run_stages(make_document("Teachers began a strike against the pay cuts on Monday."), *ALL)
    assert only(d, "PROTEST").trigger.text == "strike"


def test_a_hedged_word_is_a_manner_of_speaking(make_document):
    no_events(make_document, "Castro said the girl had been practically kidnapped by her boyfriend.")
    d = run_stages(make_document("Rebels nearly killed the governor in an ambush on Monday."), *ALL)
    assert only(d, "ASSAULT").trigger.text == "killed"
    d = run_stages(make_document("The government has effectively banned the opposition party."), *ALL)
    assert only(d, "COERCE").trigger.text == "banned"
