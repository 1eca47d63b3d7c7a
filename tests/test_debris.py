"""Page debris lines inside an article body (related headlines, calls to subscribe or watch)."""

from __future__ import annotations

from newsledger.ingest.debris import debris_ranges

from .conftest import run_stages

TEXT = """Police said the man was shot.
READ: Mayor slams police over arrest
Read or Share this story: http://example.com/1
Watch crews worked through the night.
Sign up for our daily newsletter
Related stories
Two held after protest
Gunman kills three in mall

The mayor said more would be done.
More than 20 people were hurt.
Advertisement
Watch this report on your mobile device"""


def _lines(text):
    return [text[a:b] for a, b in debris_ranges(text)]


def test_debris_lines_by_their_lead_words_and_a_related_list():
    assert _lines(TEXT) == [
        "READ: Mayor slams police over arrest",
        "Read or Share this story: http://example.com/1",
        "Sign up for our daily newsletter",
        "Related stories",
        "Two held after protest",
        "Gunman kills three in mall",
        "Advertisement",
        "Watch this report on your mobile device",
    ]


def test_story_sentences_that_start_with_the_same_words_are_not_debris():
    text = "More than 20 people were hurt.\nWatch crews worked through the night.\nRead the statement, he said."
    assert _lines(text) == []


def test_events_not_coded_on_related_headlines(make_document):
    d = run_stages(make_document("Police arrested three men in Lima on Friday.\n"
                                 "READ: Mayor slams police over arrest of protesters\n"
                                 "Related stories\nGunman kills three in mall"),
                   "actors", "times", "places", "quotes", "amounts", "events")
    assert [v.trigger.text for v in d.events] == ["arrested"]


def test_wiki_and_markdown_back_matter_headings_and_their_lists():
    text = ('The council met on Monday. "We will rebuild," the mayor said. ==See also==\n'
            "* 2009 harbour bombing\n* 2011 market attack\n"
            "==References==\n"
            "## Background\nRebels attacked the town in 2009.\n"
            "## Further reading\n- Siege of the old town")
    assert _lines(text) == ["==See also==", "* 2009 harbour bombing", "* 2011 market attack",
                            "==References==", "## Further reading", "- Siege of the old town"]


def test_a_story_section_heading_is_not_back_matter():
    text = "==The attack==\nGunmen attacked the convoy.\n## Reactions\n* Leaders condemned the attack"
    assert _lines(text) == []
