"""Factuality of event words: only what a text states as having happened (or as planned) is an event."""

from __future__ import annotations

import pytest

from newsledger.stages.events.factuality import asserted, factuality

from .conftest import run_stages

ALL = ("actors", "times", "places", "quotes", "amounts", "events")


def status_of(nlp, text: str, word: str) -> str:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return factuality(token)[0]


@pytest.mark.parametrize("text, word, expected", [
    ("Norway attacked the border post on Monday.", "attacked", "realis"),
    ("Officials said Norway attacked the border post.", "attacked", "reported"),
    ("Norway will attack the border post.", "attack", "future"),
    ("Norway could attack the border post.", "attack", "hypothetical"),
    ("Norway did not attack the border post.", "attack", "negated"),
    ("If Norway attacks the border post, Sweden will respond.", "attacks", "conditional"),
    ("Norway wants to attack the border post.", "attack", "irrealis"),
    ("The soldiers were sent to destroy the depot.", "destroy", "irrealis"),
    ("Norway denied attacking the border post.", "attacking", "negated"),
    ("Norway failed to reach an agreement.", "reach", "negated"),
    ("Norway managed to reach an agreement.", "reach", "realis"),
    ("The efforts to stop the fighting continued.", "stop", "irrealis"),
    ("Did Norway attack the border post?", "attack", "question"),
    ("Stop the killing!", "Stop", "irrealis"),
    ("This is an attack on our country.", "attack", "generic"),
    ("Protests spread after the shooting of a student.", "shooting", "realis"),
    ("Workers walked off the job to protest the pension reform.", "protest", "realis"),
    ("Ukraine used drones to attack a refinery.", "attack", "realis"),
])
def test_events_factuality_by_construction(nlp, text, word, expected):
    assert status_of(nlp, text, word) == expected


def test_events_factuality_asserted_statuses():
    assert asserted("realis") and asserted("reported") and asserted("future")
    assert not any(asserted(s) for s in ("hypothetical", "negated", "conditional", "irrealis", "question", "generic"))


def test_events_stage_leaves_out_what_did_not_happen(make_document):
    d = run_stages(make_document(
        "Norway could impose sanctions on Sweden. Denmark did not attack Finland. "
        "Soldiers were sent to Estonia to destroy a Latvian depot."), *ALL)
    assert d.events == [], [(v.type, v.trigger.text) for v in d.events]


def test_events_stage_keeps_planned_events_with_the_future_flag(make_document):
    d = run_stages(make_document("Norway will hold talks with Sweden next week."), *ALL)
    assert d.events and all(v.type == "AGREE" for v in d.events)  # manual: a future meeting is AGREE


def test_factuality_an_event_noun_in_an_embedded_question_is_presupposed(nlp):
    from newsledger.stages.events.factuality import factuality

    for text, word in [("Police have not said what caused the shooting.", "shooting"),
                       ("Officers want to know more about what caused a shooting near the station.", "shooting")]:
        doc = nlp(text)
        token = next(t for t in doc if t.lower_ == word)
        assert factuality(token)[0] == "realis", text
    # the embedded question's own verb is not presupposed
    doc = nlp("Police want to know who would attack the mall.")
    token = next(t for t in doc if t.lower_ == "attack")
    assert factuality(token)[0] != "realis"


def test_factuality_what_a_thing_or_group_does_or_is_is_no_happening(nlp):
    from newsledger.stages.events.factuality import factuality

    def status(text, word):
        doc = nlp(text)
        return factuality(next(t for t in doc if t.lower_ == word))[0]

    assert status("The visa law allows foreign investors to buy land.", "allows") == "generic"
    assert status("The council, which bans street rallies, met on Monday.", "bans") == "generic"
    assert status("Party members who say they support the mayor left the hall.", "support") == "generic"
    # reports and presupposed happenings inside relative clauses stay facts
    assert status("Mourners buried a boy who police say was shot by a neighbour.", "shot") in ("realis", "reported")
    assert status("It follows a violent month that includes a shooting at a bar.", "shooting") == "realis"
    assert status("The council allowed the rally on Monday.", "allowed") == "realis"


def test_factuality_an_act_only_hoped_for_under_a_report_is_no_event(make_document):
    from .conftest import run_stages

    d = run_stages(make_document("A spokesman, Tom Hale, said the mayor hopes that her successor will push for a new budget."),
                   "actors", "times", "places", "quotes", "amounts", "events")
    assert not [v for v in d.events if v.type == "REQUEST"]


def test_factuality_a_word_between_a_report_and_its_event_counts(make_document):
    from .conftest import run_stages

    d = run_stages(make_document("The minister said the army is contemplating an attack on the rebels."),
                   "actors", "times", "places", "quotes", "amounts", "events")
    assert not [v for v in d.events if v.type == "ASSAULT"]
