"""Events coder: how wrapping words, tense and negation combine into one PLOVER type (manual rules)."""

from __future__ import annotations

import pytest

from .conftest import run_stages

ALL = ("actors", "times", "places", "quotes", "amounts", "events")


def main_event(d):
    assert d.events, "no event coded"
    return sorted(d.events, key=lambda v: (-v.confidence, v.trigger.start))[0]


def codes(d, ids):
    by_id = {e.id: e for e in d.entities}
    return {by_id[i].country or by_id[i].name for i in ids}


@pytest.mark.parametrize(("text", "type_", "mode"), [
    ("Norway agreed to withdraw its troops from the island.", "AGREE", None),
    ("Norway said it would withdraw its troops from the island.", "CONCEDE", None),
    ("Norway withdrew its troops from the island.", "RETREAT", "withdraw"),
    ("Norway refused to withdraw its troops from the island.", "REJECT", "yield"),
    ("Sweden demanded that Norway withdraw its troops from the island.", "REQUEST", "yield"),
    ("Sweden threatened to impose a curfew on the island.", "THREATEN", "restrict"),
    ("Sweden threatened to attack the island.", "THREATEN", "violence"),
    ("Norway will meet Swedish officials next week.", "AGREE", None),
    ("Norway refused to meet the Swedish envoy.", "REJECT", "meet"),
    ("Norway cancelled a planned visit to Sweden.", "REJECT", "meet"),
    ("Norway suspended aid to Sweden.", "SANCTION", "discontinue"),
    ("Norway lifted the curfew in the capital.", "CONCEDE", None),
    ("Norway said it will not accept the refugees.", "REJECT", None),
    ("Norway accused Sweden of shelling the border villages.", "ACCUSE", "allege"),
    ("Norway said Sweden must release the prisoners.", "REQUEST", "yield"),
    ("Norway declared a unilateral ceasefire.", "CONCEDE", None),
    ("Norway was preparing to resume shelling the town.", "MOBILIZE", "weapons"),
    ("Norway forced the UN food agency out of the country in May.", "SANCTION", "expel"),
    ("Norwegian soldiers forced out hundreds of villagers from their homes.", "COERCE", "deport"),
    ("Norway said it is ready to contribute 200 police officers to the mission.", "AGREE", None),
    ("Norwegian farmers blocked transport to the port with tractors on Monday.", "PROTEST", "obstruct"),
    ("Norwegian dockworkers stopped work on Monday.", "PROTEST", "strike"),
    ("Norway opened two bridges to Sweden on Monday.", "RETREAT", "access"),
    ("Norway and Sweden inked a fisheries agreement on Tuesday.", "SUPPORT", None),
    ("Norway and Sweden initialled a peace accord on Tuesday.", "AGREE", None),
    ("Norway and Sweden clinched an agreement on fishing rights on Tuesday.", "AGREE", None),
])
def test_events_coder_wrapping_words_combine(make_document, text, type_, mode):
    d = run_stages(make_document(text), *ALL)
    v = main_event(d)
    assert (v.type, v.mode) == (type_, mode), [(e.type, e.mode, e.trigger.text) for e in d.events]


def test_events_coder_actor_of_the_wrapped_event_is_the_one_who_wraps(make_document):
    d = run_stages(make_document("Sweden urged Norway to release the fishermen."), *ALL)
    v = main_event(d)
    assert v.type == "REQUEST" and codes(d, v.actor) == {"SWE"} and codes(d, v.recipient) == {"NOR"}


def test_events_coder_pronoun_in_reported_clause_is_the_speaker(make_document):
    d = run_stages(make_document("Finland said it would send food aid to Estonia."), *ALL)
    v = main_event(d)
    assert v.type == "AGREE" and codes(d, v.actor) == {"FIN"}


def test_events_coder_passive_agent_is_the_actor(make_document):
    d = run_stages(make_document("Two Estonian villages were shelled by Russian forces on Monday."), *ALL)
    v = main_event(d)
    assert v.type == "ASSAULT" and "RUS" in codes(d, v.actor)


def test_events_coder_protest_by_a_state_is_verbal(make_document):
    d = run_stages(make_document("Norway summoned the Swedish ambassador to protest the arrests."), *ALL)
    assert main_event(d).type == "ACCUSE"


def test_events_coder_single_country_exercise_is_mobilize(make_document):
    d = run_stages(make_document("Norway held a large military exercise near the border on Monday."), *ALL)
    assert main_event(d).type == "MOBILIZE"


def test_events_coder_mode_from_weapon_words(make_document):
    d = run_stages(make_document("Gunmen attacked a bus with rifles near the border on Monday."), *ALL)
    v = main_event(d)
    assert v.type == "ASSAULT" and v.mode == "firearms"
