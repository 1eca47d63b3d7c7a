"""Events over a whole article: statements typed by their content, participants named by
description, one event per happening, the main event, where dates and places come from."""

from __future__ import annotations

from newsledger.model import DateInterval, Event, Mention, Span
from newsledger.stages.events import main_event
from newsledger.stages.events.statements import valence

from .conftest import run_stages

ALL = ("actors", "times", "places", "quotes", "amounts", "events")


def names(d, ids):
    by_id = {e.id: e for e in d.entities}
    return {by_id[i].name for i in ids}


def test_events_statement_that_blames_is_an_accusation(make_document):
    d = run_stages(make_document(
        "Peru's foreign minister Ana Torres said on Monday that Chile's new border law was "
        "a disgraceful violation of the treaty."), *ALL)
    accuse = [v for v in d.events if v.type == "ACCUSE"]
    assert accuse, [(v.type, v.trigger.text) for v in d.events]
    v = accuse[0]
    assert "Ana Torres" in names(d, v.actor)
    assert any("Chile" in n for n in names(d, v.recipient))


def test_events_neutral_speech_is_no_event(make_document):
    d = run_stages(make_document("Peru's foreign minister Ana Torres said the meeting would start at noon "
                                 "and that the delegates had arrived."), *ALL)
    assert not [v for v in d.events if v.type in ("ACCUSE", "SUPPORT", "REJECT")]


def test_events_denial_is_a_rejection(make_document):
    d = run_stages(make_document("The Chilean government called the accusations baseless and fabricated."), *ALL)
    assert any(v.type == "REJECT" for v in d.events), [(v.type, v.trigger.text) for v in d.events]


def test_events_statement_valence_counts_judgements_not_names_or_reported_acts(nlp):
    doc = nlp("The anti-terrorist operation ended the war.")
    events = {t.i for t in doc if t.lower_ in ("operation", "war")}  # what the stage passes as reported acts
    assert valence(list(doc), events).negative == 0
    doc = nlp("It was a disgraceful and reckless decision.")
    v = valence(list(doc))
    assert v.negative > 2 and v.positive == 0


def test_events_participants_named_by_description_become_entities(make_document):
    d = run_stages(make_document("Provincial police arrested two protesters in Cusco on Friday."), *ALL)
    v = next(v for v in d.events if v.type == "COERCE")
    assert names(d, v.actor) == {"Provincial police"}
    assert any("protesters" in n for n in names(d, v.recipient))
    police = next(e for e in d.entities if e.name == "Provincial police")
    assert police.sector == "COP"
    assert all(d.text[m.start:m.end] == m.text for m in police.mentions)


def test_events_one_happening_reported_twice_is_one_event_with_its_mentions(make_document):
    d = run_stages(make_document(
        "Gunmen attacked a police station in Cusco on Friday, killing two officers.\n\n"
        "The mayor condemned the killings.\n\n"
        "Witnesses said the attack lasted an hour."), *ALL)
    assaults = [v for v in d.events if v.type == "ASSAULT"]
    assert len(assaults) == 1, [(v.trigger.text, v.date) for v in assaults]
    v = assaults[0]
    assert v.mentions and all(m.trigger is not None for m in v.mentions)
    for m in v.mentions:
        assert d.text[m.trigger.start:m.trigger.end] == m.trigger.text
        assert m.start <= m.trigger.start and m.trigger.end <= m.end


def test_events_two_attacks_on_different_days_stay_apart(make_document):
    d = run_stages(make_document(
        "Gunmen attacked a police station in Cusco on March 3, 2024.\n\n"
        "In 2019, rebels attacked an army base near Lima."), *ALL)
    assert len([v for v in d.events if v.type == "ASSAULT"]) == 2


def test_events_date_from_the_clause_else_the_publication_day(make_document):
    d = run_stages(make_document(
        "Peru recalled its ambassador from Chile on Monday.\n\n"
        "Last year the two countries signed a trade pact.\n\nPeru has also expelled a Chilean diplomat."),
        *ALL)
    recall = next(v for v in d.events if v.trigger.text == "recalled")
    assert recall.date.source == "clause" and recall.date.start == "2024-02-19"
    expel = next(v for v in d.events if v.trigger.text == "expelled")
    # "Last year" dates another sentence's pact, never this expulsion
    assert expel.date.source == "published" and expel.date.start == "2024-02-20"


def test_events_place_from_the_clause_and_no_guess_among_several(make_document):
    d = run_stages(make_document(
        "Protesters rallied in Cusco on Monday. Police arrested ten of them.\n\n"
        "In Lima, the minister praised the police."), *ALL)
    rally = next(v for v in d.events if v.type == "PROTEST")
    place = next(p for p in d.places if p.id == rally.place)
    assert place.name == "Cusco" and rally.place_source == "clause"


def _event(i: str, start: int, confidence: float, mentions=()) -> Event:
    return Event(id=i, type="ASSAULT", trigger=Span(start=start, end=start + 3, text="x" * 3),
                 evidence=Span(start=start, end=start + 10, text="y" * 10), confidence=confidence,
                 mentions=list(mentions), date=DateInterval(start="2024", end="2024"))


def test_events_main_event_is_the_surest_of_the_earliest_report():
    early_unsure = _event("V1", 0, 0.3)
    later = _event("V2", 50, 0.8, [Mention(start=5, end=20, text="z" * 15, trigger=Span(start=6, end=9, text="w" * 3))])
    last = _event("V3", 100, 0.9)
    # V2 is first reported in the lead (its mention); V1 is too unsure to stand for the article
    assert main_event([early_unsure, later, last]) == "V2"
    assert main_event([early_unsure]) == "V1"  # nothing surer: the only event stands
    # a lead's event of middling confidence is still the lead's: a surer later one is not the story
    lead = _event("V1", 0, 0.45)
    assert main_event([lead, _event("V2", 200, 0.7)]) == "V1"
    assert main_event([]) is None


def test_events_stage_skips_no_sentence_on_ordinary_news(make_document):
    # a sentence is skipped only when the stage fails on it: that must not happen on plain news
    d = run_stages(make_document(
        "The ministry approved a contract to sell Peru 40 trucks. Prosecutors filed a complaint on Monday, "
        "claiming that the mayor had taken bribes. The president said he had warned the rebels of "
        "consequences. One of their commanders said the army would take the city within weeks."), *ALL)
    assert not [w for w in d.warnings if w.code == "event_sentence_skipped"], d.warnings


def test_events_happenings_on_the_ground_take_the_dateline_place(make_document):
    d = run_stages(make_document("NAPLES, Fla. — A man was shot outside a bar on Saturday night, police said.\n\n"
                                 "Officers arrested a suspect on Sunday."), *ALL)
    by_id = {p.id: p for p in d.places}
    shot = next(v for v in d.events if v.type == "ASSAULT")
    assert by_id[shot.place].name == "Naples" and shot.place_source == "article"
    assert shot.recipient and not shot.actor  # "police said": the police report it, they did not shoot


def test_events_investigated_shooting_is_an_event_of_its_own(make_document):
    d = run_stages(make_document("Police are investigating a shooting at a nightclub in Cusco."), *ALL)
    assert {v.type for v in d.events} >= {"ACCUSE", "ASSAULT"}


def test_events_described_participants_take_the_country_of_a_region_adjective(make_document):
    d = run_stages(make_document("Dozens of Catalan activists blocked a highway near the border on Monday."), *ALL)
    activists = next(e for e in d.entities if e.name.endswith("activists"))
    assert activists.country == "ESP"


def test_events_two_word_descriptions_name_organisations(make_document):
    d = run_stages(make_document("A human rights group accused the Arvonian army on Monday of torturing "
                                 "prisoners in the capital."), *ALL)
    group = next(e for e in d.entities if e.name.endswith("rights group"))
    assert group.sector == "NGO"
    assert any(group.id in v.actor for v in d.events), [(v.type, v.actor) for v in d.events]


def test_events_a_visit_is_to_its_host_place(make_document):
    d = run_stages(make_document("Peru's President Ana Torres arrived in Santiago on Monday for a two-day visit."), *ALL)
    visit = next(v for v in d.events if v.type == "CONSULT")
    assert visit.mode == "visit"
    assert any("Santiago" in n or "Chile" in n for n in names(d, visit.recipient))


def test_events_a_coercive_act_on_a_condition_is_a_threat(make_document):
    d = run_stages(make_document("Peru will expel the Chilean ambassador unless Chile apologises, the foreign "
                                 "minister said on Monday."), *ALL)
    assert not [v for v in d.events if v.type == "SANCTION"]
    threat = next(v for v in d.events if v.type == "THREATEN")
    assert threat.mode == "expel"
    assert "Peru" in names(d, threat.actor)
    # the condition itself ("if they attack") is no threat and no event
    d = run_stages(make_document("If the rebels attack the town, the army will respond."), *ALL)
    assert not [v for v in d.events if v.type in ("ASSAULT", "THREATEN")]


def test_events_withdrawn_forces_are_withdrawn_by_their_own_side(make_document):
    d = run_stages(make_document("Sixty Peruvian soldiers were pulled out of the border town on Friday."), *ALL)
    v = next(v for v in d.events if v.mode == "withdraw")
    assert v.actor


def test_events_measured_event_nouns(make_document):
    d = run_stages(make_document("The Peruvian navy joined Chilean warships for a week of joint exercises "
                                 "off the coast on Monday."), *ALL)
    v = next(v for v in d.events if v.type == "COOPERATE")
    assert any("Peru" in n or "navy" in n for n in names(d, v.actor))
    # "a series of bombings" counts many happenings: it licenses no single event
    from newsledger.stages.events.coder import MEASURE_NOUNS
    assert "series" not in MEASURE_NOUNS


def test_events_a_description_of_a_body_is_not_a_named_person_as_a_doer(make_document):
    d = run_stages(make_document(
        "Peru's President Ana Torres on Monday described the bombing as a cowardly attempt to damage the country.\n\n"
        "The rebels seized two towns in the north.\n\n"
        "The government accuses an exiled general of staging a failed coup."), *ALL)
    accusations = [v for v in d.events if v.type == "ACCUSE"]
    assert len(accusations) == 2, [(v.trigger.text, names(d, v.actor)) for v in accusations]


def test_events_a_group_pronoun_opening_a_sentence_is_the_previous_subject(make_document):
    text = "Arvonian rebels stormed an army base near Lima on Monday. They killed 23 soldiers."
    d = run_stages(make_document(text), *ALL)
    v = next(v for v in d.events if v.type == "ASSAULT")
    assert any("rebels" in n for n in names(d, v.actor))
    rebels = next(e for e in d.entities if e.id in v.actor and "rebels" in e.name)
    they = text.index("They")
    assert any(m.start == they and m.text == "They" for m in rebels.mentions)
    # a person is not "they", and a passive "they" (the ones acted on) is not the doer
    d = run_stages(make_document("Police arrested two men in Lima on Monday. They were released on Tuesday."), *ALL)
    police = {e.id for e in d.entities if e.name == "Police"}
    assert not [v for v in d.events if v.type != "COERCE" and set(v.recipient) & police]


def test_events_date_is_the_act_s_most_precise_date(make_document):
    d = run_stages(make_document(
        "Gunmen shot a taxi driver in Cusco on Nov. 2, 2023.\n\n"
        "The driver died of his wounds on Nov. 20, 2023.\n\n"
        "The shooting was the fifth attack on drivers this year.", published="2023-11-28"), *ALL)
    v = next(v for v in d.events if v.type == "ASSAULT")
    assert v.date is not None and v.date.start == "2023-11-02", v.date


def test_events_an_article_about_one_town_places_its_attack_there(make_document):
    text = ("A man was shot and wounded early Sunday.\n\n"
            "Allegheny County police said the victim was taken to a hospital in Pittsburgh.\n\n"
            "Police in Pittsburgh have made no arrests.")
    d = run_stages(make_document(text), *ALL)
    v = next(v for v in d.events if v.type == "ASSAULT")
    place = next((p for p in d.places if p.id == v.place), None)
    assert place is not None and place.name == "Pittsburgh" and v.place_source == "article"
    # a second, distant town: the article is not about one locality, no guess
    d = run_stages(make_document(text + "\n\nA similar attack happened in Philadelphia last year."), *ALL)
    v = next(v for v in d.events if v.type == "ASSAULT" and "wounded" in v.evidence.text)
    assert v.place is None or v.place_source != "article"


def test_events_a_generic_obligation_in_a_statement_is_no_request(make_document):
    d = run_stages(make_document('"This country has to find new ways to heal," Senator Ana Ruiz said on Monday. '
                                 'She said every child should have a good school.'), *ALL)
    assert not [v for v in d.events if v.type == "REQUEST"], [(v.type, v.trigger.text) for v in d.events]
    # a named party that must act is addressed
    d = run_stages(make_document("Peru's foreign minister Ana Torres said on Monday that Chile must release "
                                 "the fishermen."), *ALL)
    assert any(v.type == "REQUEST" for v in d.events), [(v.type, v.trigger.text) for v in d.events]


def test_events_what_a_programme_does_is_no_happening(make_document):
    d = run_stages(make_document("The visa programme, which allows foreign investors to gain residence, "
                                 "was created by the Peruvian government in 1990."), *ALL)
    assert not [v for v in d.events if v.type == "CONCEDE"], [(v.type, v.trigger.text) for v in d.events]


def _place_name(d, v):
    return next((p.name for p in d.places if p.id == v.place), None)


def test_events_a_statement_is_placed_only_where_it_was_said(make_document):
    d = run_stages(make_document("Senator Maria Lopez accused Mexico of flooding Texas with cheap steel on Monday.\n\n"
                                 "Senator Maria Lopez accused Mexico of dumping steel in a speech in Chicago on Tuesday."),
                   *ALL)
    accusations = sorted((v for v in d.events if v.type == "ACCUSE"), key=lambda v: v.trigger.start)
    assert accusations and _place_name(d, accusations[0]) is None
    assert _place_name(d, accusations[-1]) in (None, "Chicago")


def test_events_a_participants_home_is_not_where_it_happened(make_document):
    d = run_stages(make_document("State prosecutors charged two Oregon builders with fraud on Monday.\n\n"
                                 "Police in Boston and Denver were told."), *ALL)
    v = next(v for v in d.events if v.type == "ACCUSE")
    assert _place_name(d, v) != "Oregon"


def test_events_where_goods_come_from_is_not_where_it_happened(make_document):
    d = run_stages(make_document("The minister threatened on Monday to raise duties on wine imports from Peru.\n\n"
                                 "Officials in Lima and Cusco said nothing."), *ALL)
    v = next(v for v in d.events if v.type == "THREATEN")
    assert _place_name(d, v) != "Peru"


def test_events_a_statement_about_a_title_phrase_targets_the_person(make_document):
    d = run_stages(make_document("Peruvian President Ana Ruiz met Senator Tom Hale in May. Senator Tom Hale said the Peruvian "
                                 "president had approved corrupt and illegal contracts."),
                   *ALL)
    accusations = [v for v in d.events if v.type == "ACCUSE"]
    assert accusations and all(names(d, v.recipient) <= {"Ana Ruiz"} for v in accusations)
    assert any(names(d, v.recipient) == {"Ana Ruiz"} for v in accusations)
