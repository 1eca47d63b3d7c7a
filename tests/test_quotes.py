"""Quotes stage: pairing marks, speakers through names, roles and pronouns, reported speech."""

from __future__ import annotations

from newsledger.stages.quotes import find_quote_spans

from .conftest import run_stages


def test_quotes_pairs_curly_and_straight_marks():
    text = 'He said “we are ready.” Then: "Not yet," she said.'
    spans, warnings = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["we are ready.", "Not yet,"]
    assert warnings == []


def test_quotes_multi_paragraph_quote_reopens_each_paragraph():
    text = "“First part of the statement.\n\n“Second part ends here,” he said."
    spans, _ = find_quote_spans(text)
    assert len(spans) == 1 and text[spans[0].start:spans[0].end].endswith("ends here,")


def test_quotes_unbalanced_marks_warn_and_do_not_crash():
    spans, warnings = find_quote_spans('He said "this never closes.\n\nNext paragraph.')
    assert spans == [] and warnings
    spans, warnings = find_quote_spans('"""')
    assert warnings


def test_quotes_direct_with_role_speaker(make_document):
    d = run_stages(make_document(
        "President Maria Lindqvist met the press in Oslo.\n\n"
        "“Our talks were constructive and we will continue them soon,” the President of Norway said."),
        "actors", "quotes")
    q = next(q for q in d.quotes if q.kind == "direct")
    assert q.text == "Our talks were constructive and we will continue them soon"
    assert q.cue == "said" and q.speaker_text == "the President of Norway"
    person = next(e for e in d.entities if e.name == "Maria Lindqvist")
    assert q.speaker == person.id


def test_quotes_reported_speech_with_pronoun(make_document):
    d = run_stages(make_document("Maria Lindqvist spoke in Oslo. She added that the border would stay open."),
                   "actors", "quotes")
    q = next(q for q in d.quotes if q.cue == "added")
    assert q.kind == "indirect" and q.text == "the border would stay open"
    assert q.speaker == next(e.id for e in d.entities if e.name == "Maria Lindqvist")


def test_quotes_according_to(make_document):
    d = run_stages(make_document("Twelve people were injured, according to the Red Cross."), "actors", "quotes")
    q = next(q for q in d.quotes if q.cue == "according to")
    assert q.text == "Twelve people were injured"
    assert q.speaker_text == "the Red Cross"
