"""Times stage: detection grammar, TimeML values, tense direction, and words that are not times."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.stages.times.grammar import find_expressions
from newsledger.stages.times.normalize import Normalizer

from .conftest import run_stages

ANCHOR = date(2024, 2, 20)  # a Tuesday


def values(text: str, tense: str = "past", anchor=ANCHOR) -> list[tuple[str, str, str]]:
    n = Normalizer(anchor)
    out = []
    for e in find_expressions(text):
        r = n.normalize(e, tense)
        if r:
            out.append((text[e.start:e.end], *r))
    return out


@pytest.mark.parametrize("text,expected", [
    ("on September 27, 2020, fighting began", [("September 27, 2020", "DATE", "2020-09-27")]),
    ("in 12 March 2021", [("12 March 2021", "DATE", "2021-03-12")]),
    ("in September 2023", [("September 2023", "DATE", "2023-09")]),
    ("from 1991 until later", [("1991", "DATE", "1991")]),
    ("a 44-day war", [("44-day", "DURATION", "P44D")]),
    ("which lasted 44 days", [("44 days", "DURATION", "P44D")]),
    ("a 30-year-long occupation", [("30-year-long", "DURATION", "P30Y")]),
    ("weeks-long courses", [("weeks-long", "DURATION", "PXW")]),
    ("Every year they meet", [("Every year", "SET", "P1Y")]),
    ("their annual plan", [("annual", "SET", "P1Y")]),
    ("in the early 1990s", [("the early 1990s", "DATE", "199")]),
])
def test_times_explicit_values(text, expected):
    assert values(text) == expected


def test_times_relative_to_publication_date():
    assert values("It happened exactly five months ago.") == [("exactly five months ago", "DATE", "2023-09")]
    assert values("They met last September.") == [("last September", "DATE", "2023-09")]
    assert values("It grew last year.") == [("last year", "DATE", "2023")]
    assert values("It was quiet yesterday.") == [("yesterday", "DATE", "2024-02-19")]
    assert values("Three days ago it ended.") == [("Three days ago", "DATE", "2024-02-17")]


def test_times_range_is_split_into_two_ends():
    assert values("It occurred from October 23 to 25 last year.") == [
        ("October 23", "DATE", "2023-10-23"), ("25 last year", "DATE", "2023-10-25")]


def test_times_weekday_direction_follows_tense():
    assert values("They met on Monday.", "past") == [("Monday", "DATE", "2024-02-19")]
    assert values("They will meet on Monday.", "future") == [("Monday", "DATE", "2024-02-26")]
    assert values("They met on Friday.", "past") == [("Friday", "DATE", "2024-02-16")]


def test_times_month_day_without_year_by_tense():
    assert values("elections on February 7", "past") == [("February 7", "DATE", "2024-02-07")]
    assert values("talks on March 3", "future") == [("March 3", "DATE", "2024-03-03")]
    assert values("talks on December 3", "past") == [("December 3", "DATE", "2023-12-03")]


def test_times_without_anchor_keep_unknowns():
    assert values("They met on Monday.", anchor=None) == [("Monday", "DATE", "XXXX-WXX-1")]
    assert values("They met last September.", anchor=None) == [("last September", "DATE", "XXXX-09")]


@pytest.mark.parametrize("sentence", [
    "Officials may announce the results soon.",
    "Thousands march through the capital to protest.",
    "We set the agenda for the second round.",
    "One of the delegates asked for a second opinion.",
    "Prices spring back when supply recovers.",
    "We will set up one committee.",
    "The may be a problem, we said.",
])
def test_times_ordinary_words_are_not_times(sentence):
    assert values(sentence) == []


def test_times_stage_uses_sentence_tense(make_document):
    d = run_stages(make_document("The ministers met on Monday. They will meet again on Friday."), "times")
    got = {t.text: t.value for t in d.times}
    assert got == {"Monday": "2024-02-19", "Friday": "2024-02-23"}
    assert all(d.text[t.start:t.end] == t.text for t in d.times)
