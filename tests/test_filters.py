"""One validation of the ledger's filters (`store.filters.Filters.parse`), as the CLI, the
Python API and the HTTP API use it: table-driven, values in and normalised values or a
message naming the filter out."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsledger.store.filters import FILTER_NAMES, FilterError, Filters, filter_table, parse_country


@pytest.mark.parametrize(("given", "expected"), [
    ({}, {}),
    ({"type": "consult, agree"}, {"type": "CONSULT,AGREE"}),
    ({"type": ["protest", "PROTEST", "assault"]}, {"type": "PROTEST,ASSAULT"}),
    ({"country": "NOR"}, {"country": "NOR"}),
    ({"country": "nor"}, {"country": "NOR"}),
    ({"country": "Norway"}, {"country": "NOR"}),
    ({"country": "norwegian"}, {"country": "NOR"}),
    ({"country": "NO"}, {"country": "NOR"}),
    ({"country": "United States of America"}, {"country": "USA"}),
    ({"country": "Soviet Union"}, {"country": "SUN"}),  # a former country keeps its code
    ({"date_from": "2024"}, {"date_from": "2024"}),
    ({"date_from": "2024-02", "date_to": "2024-02-29"}, {"date_from": "2024-02", "date_to": "2024-02-29"}),
    ({"date_from": date(2024, 2, 20)}, {"date_from": "2024-02-20"}),
    ({"date_to": datetime(2024, 2, 20, 13, 5)}, {"date_to": "2024-02-20"}),
    ({"date_from": 2023}, {"date_from": "2023"}),
    ({"place": "59.9,10.7", "radius_km": "25"}, {"place": "59.9,10.7", "radius_km": 25.0}),
    ({"min_reports": "2"}, {"min_reports": 2}),
    ({"actor": "  Maria Lindqvist  ", "text": "", "speaker": None}, {"actor": "Maria Lindqvist"}),
])
def test_filters_parse_normalises(given, expected):
    f = Filters.parse(given)
    assert f.given() == expected
    assert Filters.parse(**given) == f  # keywords or a mapping, the same


@pytest.mark.parametrize(("given", "name", "message"), [
    ({"type": "FOO"}, "type", "unknown event type FOO; PLOVER types are AGREE"),
    ({"type": "CONSLUT"}, "type", "did you mean CONSULT?"),
    ({"country": "Norwy"}, "country", "did you mean Norway (NOR)?"),
    ({"country": "Atlantis"}, "country", "is not a country name or ISO 3166 code"),
    ({"date_from": "2024-13"}, "date_from", "there is no month 13"),
    ({"date_to": "2024-02-30"}, "date_to", "day is out of range for month"),
    ({"date_from": "March"}, "date_from", "date_from must be a date such as 2024, 2024-02 or 2024-02-20"),
    ({"date_from": "2024-03", "date_to": "2024-02"}, "date_from", "date_from 2024-03 is after date_to 2024-02"),
    ({"radius_km": "far"}, "radius_km", "radius_km must be a number of kilometres"),
    ({"radius_km": 0}, "radius_km", "more than 0"),
    ({"radius_km": 30000}, "radius_km", "at most 20000"),
    ({"place": "95,10"}, "place", "lat in -90..90"),
    ({"place": "Nowhere-at-all-xyz"}, "place", "is not in the gazetteer"),
    ({"min_reports": "1.5"}, "min_reports", "whole number"),
    ({"min_reports": 0}, "min_reports", "at least 1"),
    ({"actor": "x" * 201}, "actor", "longer than 200"),
    ({"text": "a\x00b"}, "text", "control characters"),
    ({"from": "2024"}, "from", "unknown filter 'from'"),
    ({"colour": "red"}, "colour", "filters are actor, country, type"),
    ({"event_type": "PROTEST"}, "event_type", "is called 'type'"),
])
def test_filters_parse_refuses_with_a_message(given, name, message):
    with pytest.raises(FilterError) as err:
        Filters.parse(given)
    assert err.value.name == name and message in err.value.message, err.value.message
    assert err.value.code == "bad_filter"


def test_filters_names_are_one_set_documented_in_one_table():
    assert FILTER_NAMES == ("actor", "country", "type", "date_from", "date_to", "place", "radius_km", "text",
                            "speaker", "min_reports")
    table = filter_table()
    for name in FILTER_NAMES:
        assert f"| `{name}` | `--{name.replace('_', '-')}` |" in table


def test_filters_a_name_two_countries_share_asks_for_the_code_unless_one_dominates():
    # a demonym shared by two countries of comparable size names both, and the message lists
    # them; one shared with a territory a tenth its size or less names the larger
    from newsledger.data import read_tsv
    from newsledger.store.keys import name_norm

    people, names, seen = {}, {}, {}
    for row in read_tsv("countries.tsv"):
        people[row["iso3"]] = int(row["population"] or 0)
        names.update({name_norm(n): row["iso3"] for n in [row["name"], *row["aliases"].split("|")] if n})
        for name in row["demonyms"].split("|"):
            if name:
                seen.setdefault(name_norm(name), set()).add(row["iso3"])
    shared = {k: sorted(v, key=lambda c: -people[c]) for k, v in seen.items() if len(v) > 1 and k not in names}
    close = [k for k, (a, b, *_) in shared.items() if people[a] <= 10 * people[b]]
    dominant = [(k, v[0]) for k, v in shared.items() if people[v[0]] > 10 * people[v[1]]]
    if not close or not dominant:
        pytest.skip("countries.tsv has no shared demonym of each kind")
    with pytest.raises(FilterError, match="names several countries"):
        parse_country(close[0])
    assert parse_country(dominant[0][0]) == dominant[0][1]


def test_filters_unchecked_constructor_keeps_the_former_type_name():
    # the store's own code (and the web app, until it moves to `type`) may still say event_type
    f = Filters(event_type="PROTEST,ASSAULT")
    assert f.type == f.event_type == "PROTEST,ASSAULT" and f.types == ("PROTEST", "ASSAULT")
    assert f.replace(type=None).types == ()
    assert not Filters() and Filters(actor="x")
