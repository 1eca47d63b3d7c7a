"""Events stage: triggers, participants from the parse, dates, places, flags and attribution."""

from __future__ import annotations

from .conftest import run_stages

ALL = ("actors", "times", "places", "quotes", "amounts", "events")


def codes(d, ids):
    by_id = {e.id: e for e in d.entities}
    return {by_id[i].country or by_id[i].name for i in ids}


def test_events_subject_object_and_date(make_document):
    d = run_stages(make_document("On September 27, 2020, Armenia attacked Azerbaijan."), *ALL)
    v = next(v for v in d.events if v.type == "ASSAULT")
    assert codes(d, v.actor) == {"ARM"} and codes(d, v.recipient) == {"AZE"}
    assert v.date.start == v.date.end == "2020-09-27"
    assert v.trigger.text == "attacked" and v.historical


def test_events_noun_trigger_takes_light_verb_subject(make_document):
    d = run_stages(make_document("In 1991, Armenia launched a military aggression against Azerbaijan."), *ALL)
    v = next(v for v in d.events if v.type == "ASSAULT")
    assert codes(d, v.actor) == {"ARM"} and codes(d, v.recipient) == {"AZE"}
    assert v.date.start == "1991"


def test_events_compound_actor(make_document):
    d = run_stages(make_document("Norway and Sweden signed an agreement on fishing rights on Monday."), *ALL)
    v = next(v for v in d.events if v.type == "AGREE")
    assert codes(d, v.actor) == {"NOR", "SWE"}


def test_events_unknown_actor_stays_empty(make_document):
    d = run_stages(make_document("The town was shelled overnight."), *ALL)
    v = next(v for v in d.events if v.type == "ASSAULT")
    assert v.actor == []


def test_events_flags_negation_future_and_quotes(make_document):
    d = run_stages(make_document(
        "Norway did not attack Sweden. Norway will sign a treaty with Finland.\n\n"
        "“Sweden attacked our ships yesterday,” the Norwegian minister said."), *ALL)
    negated = next(v for v in d.events if v.trigger.text == "attack")
    assert negated.negated
    future = next(v for v in d.events if v.trigger.text == "sign")
    assert future.future
    quoted = next(v for v in d.events if v.trigger.text == "attacked")
    assert quoted.said_by is not None
    assert not negated.said_by


def test_events_evidence_and_trigger_are_exact_spans(make_document):
    d = run_stages(make_document("Protesters rallied in Paris. Police arrested 40 people."), *ALL)
    assert {v.type for v in d.events} >= {"COERCE"}
    for v in d.events:
        assert d.text[v.trigger.start:v.trigger.end] == v.trigger.text
        assert d.text[v.evidence.start:v.evidence.end] == v.evidence.text
        assert v.trigger.start >= v.evidence.start and v.trigger.end <= v.evidence.end
        assert 0 < v.confidence < 1
