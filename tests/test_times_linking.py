"""Event dating (times.linking): parse link, then sentence, then paragraph, then the publication date."""

from __future__ import annotations

import pytest

from newsledger.stages.times.linking import event_date, value_interval

from .conftest import run_stages


@pytest.mark.parametrize("value,interval", [
    ("2020", ("2020", "2020")),
    ("2023-09", ("2023-09", "2023-09")),
    ("2023-10-23", ("2023-10-23", "2023-10-23")),
    ("2024-02-19T14:30", ("2024-02-19T14:30", "2024-02-19T14:30")),
    ("2024-02-19TMO", ("2024-02-19", "2024-02-19")),
    ("2024-W07", ("2024-02-12", "2024-02-18")),
    ("2024-W07-WE", ("2024-02-17", "2024-02-18")),
    ("2023-Q3", ("2023-07", "2023-09")),
    ("2023-H2", ("2023-07", "2023-12")),
    ("2023-SU", ("2023-06", "2023-08")),
    ("2023-WI", ("2023-12", "2024-02")),
    ("199", ("1990", "1999")),
    ("19", ("1900", "1999")),
])
def test_times_linking_value_interval_keeps_precision(value, interval):
    assert value_interval(value) == interval


def test_times_linking_values_that_name_no_period():
    for value in ("PAST_REF", "FUTURE_REF", "XXXX-09", "P3Y", "XXXX-WXX-1", "2023-02-30", "2023-13"):
        assert value_interval(value) is None
    assert value_interval("PRESENT_REF", "2024-02-20") == ("2024-02-20", "2024-02-20")


def _date_of(document, word):
    doc = document.doc
    trigger = next(t for t in doc if t.text == word)
    time, interval = event_date(document, [trigger])
    return (time.text if time else None), (interval.start, interval.end) if interval else None


def test_times_linking_prefers_the_parse_over_position(make_document):
    d = run_stages(make_document(
        "In 2019 the rebels, who had signed a truce on March 3, 2018, attacked the town."), "times")
    assert _date_of(d, "attacked") == ("2019", ("2019", "2019"))
    assert _date_of(d, "signed") == ("March 3, 2018", ("2018-03-03", "2018-03-03"))


def test_times_linking_noun_trigger_takes_the_time_of_its_verb(make_document):
    d = run_stages(make_document("The attack took place in the third quarter of 2023."), "times")
    assert _date_of(d, "attack") == ("the third quarter of 2023", ("2023-07", "2023-09"))


def test_times_linking_range_makes_one_interval(make_document):
    d = run_stages(make_document("The two armies fought from October 23 to 25 last year."), "times")
    assert _date_of(d, "fought") == ("October 23", ("2023-10-23", "2023-10-25"))


def test_times_linking_sentence_then_paragraph_then_publication(make_document):
    d = run_stages(make_document(
        "In the 1990s, the region was poor. Factories closed.\n\nWorkers protested."), "times")
    # no time in the sentence: the paragraph's
    assert _date_of(d, "closed") == ("the 1990s", ("1990", "1999"))
    # nothing in the paragraph: the publication date
    assert _date_of(d, "protested") == (None, ("2024-02-20", "2024-02-20"))


def test_times_linking_report_time_does_not_date_the_reported_event(make_document):
    d = run_stages(make_document("Officials said on Monday that the two countries would sign a treaty."), "times")
    time, interval = _date_of(d, "sign")
    assert time is None and interval == ("2024-02-20", "2024-02-20")
    assert _date_of(d, "said") == ("Monday", ("2024-02-19", "2024-02-19"))


def test_times_linking_without_publication_date(make_document):
    d = run_stages(make_document("Workers protested.", published=None), "times")
    assert _date_of(d, "protested") == (None, None)


def test_times_linking_a_name_tagged_as_a_verb_is_no_clause_of_its_own(nlp):
    # the small model sometimes tags a surname that is also a verb as VERB; the date still
    # belongs to the clause's real verb
    from spacy.tokens import Doc

    from newsledger.document import Document
    from newsledger.ingest.dates import parse_iso
    from newsledger.model import Article

    words = ["Lopez", "on", "May", "9", "threatened", "to", "act", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, True, True, True, True, False, False],
              pos=["VERB", "ADP", "PROPN", "NUM", "VERB", "PART", "VERB", "PUNCT"],
              heads=[4, 0, 1, 2, 4, 6, 4, 4], deps=["nsubj", "prep", "pobj", "nummod", "ROOT", "aux", "xcomp", "punct"],
              ents=["B-PERSON", "O", "B-DATE", "I-DATE", "O", "O", "O", "O"])
    document = Document(text=doc.text, article=Article(published="2024-05-10"), text_offset=0,
                        anchor=parse_iso("2024-05-10"))
    document.doc = doc
    run_stages(document, "times")
    time, interval = event_date(document, [doc[4]])
    assert time is not None and interval.start == interval.end == "2024-05-09" and interval.source == "clause"
