"""Amounts stage: values, qualifiers and units; times and names are not amounts."""

from __future__ import annotations

from .conftest import run_stages


def amounts(make_document, text):
    d = run_stages(make_document(text), "actors", "times", "amounts")
    return [(a.text, a.value, a.qualifier, a.unit) for a in d.amounts]


def test_amounts_qualifiers_and_units(make_document):
    got = amounts(make_document, "Approximately 3,000 personnel took part. Over 30,000 people were killed, "
                                 "nearly 4,000 went missing and one million fled. At least 10 drills and 20 percent of land.")
    assert (["Approximately 3,000", ""][0], 3000, "approx", "personnel") in got
    assert ("Over 30,000", 30000, "over", "people") in got
    assert ("nearly 4,000", 4000, "approx", None) in got
    assert ("one million", 1000000, "exact", None) in got
    assert ("At least 10", 10, "at_least", "drill") in got
    assert ("20 percent", 20, "exact", "percent") in got


def test_amounts_money_and_scale(make_document):
    got = amounts(make_document, "The bank lent $5.5 billion to the government.")
    assert got == [("$5.5 billion", 5_500_000_000, "exact", "USD")]


def test_amounts_skip_years_durations_and_small_words(make_document):
    got = amounts(make_document, "In 2020 a 44-day war and a one-day operation involved two countries.")
    assert got == []


def test_amounts_huge_digit_runs_are_not_amounts(make_document):
    got = amounts(make_document, "The file number was " + "9" * 400 + " and 12 troops left.")
    assert got == [("12", 12, "exact", "troop")]


def test_amounts_number_words_are_whole_words(make_document):
    got = amounts(make_document, "Her tenure began when twenty officers and a fourteenth-century tower were "
                                 "inspected; the often-quoted report was tentative.")
    assert got == [("twenty", 20, "exact", "officer")]


def test_amounts_store_names_and_house_numbers_are_not_amounts(make_document):
    got = amounts(make_document, "Police said 40 people were at the 7-Eleven store near 1915 Birch St. and "
                                 "at 42 Lakeview Drive, and 12 more on Elm Street.")
    assert ("40", 40, "exact", "people") in got and ("12", 12, "exact", None) in got
    assert not any(v in (7, 11, 1915, 42) for _, v, _, _ in got)


def test_amounts_numbers_inside_names_and_ordinals_are_not_amounts(make_document):
    got = amounts(make_document, "Funds stolen from 1MDB reached 300 million, the 5th report said.")
    assert [v for _, v, _, _ in got] == [300_000_000]
