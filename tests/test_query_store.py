"""`newsledger query` and the query API: every filter, every output, on both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from newsledger.store import FilterError, Ledger, StoreError
from newsledger.store.query import Filters, events, quotes, timeline
from tests.test_store_fixtures import (  # noqa: F401 - fixtures
    LINDQVIST,
    VARGA,
    make_record,
    meeting_reports,
    save_all,
    store,
    store_url,
)


def _corpus() -> list:
    protest = make_record(
        "Thousands protested in Budapest on Sunday against new taxes, the police said.",
        source="https://e.example/5", published="2024-02-26",
        places=["Budapest"],
        events=[{"type": "PROTEST", "trigger": "protested", "date": ("2024-02-25", "2024-02-25"), "place": "Budapest"}])
    threat = make_record(
        "“We will respond,” said Hungarian Prime Minister Tomas Varga, who threatened sanctions against Norway.",
        source="https://f.example/6", published="2024-04-02",
        entities=[VARGA, {"name": "Norway", "type": "GPE", "country": "NOR"}],
        quotes=[{"text": "We will respond", "speaker": "Tomas Varga"}],
        events=[{"type": "THREATEN", "trigger": "threatened", "actor": ["Tomas Varga"], "recipient": ["Norway"],
                 "date": ("2024-04-01", "2024-04-01"), "said_by": 1}])
    return [*meeting_reports(), protest, threat]


@pytest.fixture
def filled(store):
    save_all(store, _corpus())
    return store


def _keys(frame) -> list[str]:
    return [f"{t}@{'' if pd.isna(d) else d.strftime('%Y-%m-%d')}" for t, d in zip(frame["type"], frame["date_start"],
                                                                                  strict=True)]


def test_query_events_newest_first_with_counts_of_reports(filled):
    frame = events(filled)
    assert _keys(frame) == ["THREATEN@2024-04-01", "CONSULT@2024-03-11", "CONSULT@2024-03-04",
                            "PROTEST@2024-02-25"]
    assert list(frame["n_reports"]) == [1, 1, 3, 1]
    assert _keys(events(filled, newest_first=False))[0] == "PROTEST@2024-02-25"
    assert len(events(filled, limit=2)) == 2


def test_query_filters_each_narrow_the_events(filled):
    def q(**kw):
        return _keys(events(filled, Filters.parse(kw)))

    assert q(actor="Lindqvist") == ["CONSULT@2024-03-11", "CONSULT@2024-03-04"]  # alias via the knowledge base
    assert q(actor="person:tomas-varga") == ["THREATEN@2024-04-01", "CONSULT@2024-03-11", "CONSULT@2024-03-04"]
    assert q(actor="Norwegian officials") == ["CONSULT@2024-03-04"]  # not a known actor: the exact name
    assert q(actor="Nobody At All") == []
    assert q(country="nor") == ["THREATEN@2024-04-01", "CONSULT@2024-03-11", "CONSULT@2024-03-04"]
    assert q(type="protest,threaten") == ["THREATEN@2024-04-01", "PROTEST@2024-02-25"]
    assert q(date_from="2024-03", date_to="2024-03") == ["CONSULT@2024-03-11", "CONSULT@2024-03-04"]
    assert q(date_from="2024-03-05") == ["THREATEN@2024-04-01", "CONSULT@2024-03-11"]
    assert q(place="59.9,10.7", radius_km=20) == ["CONSULT@2024-03-11", "CONSULT@2024-03-04"]
    assert q(place="47.5,19.0", radius_km=20) == ["PROTEST@2024-02-25"]
    assert q(text="taxes") == ["PROTEST@2024-02-25"]
    assert q(text="talks Oslo") == ["CONSULT@2024-03-04"]  # every word must occur
    assert q(speaker="Varga") == ["THREATEN@2024-04-01"]
    assert q(min_reports=2) == ["CONSULT@2024-03-04"]
    assert q(actor="Varga", date_from="2024-03-10", type="CONSULT") == ["CONSULT@2024-03-11"]
    # the country may be another participant's: Lindqvist's events with a Hungarian in them
    assert q(actor="Lindqvist", country="HUN") == ["CONSULT@2024-03-11", "CONSULT@2024-03-04"]
    assert q(actor="Lindqvist", country="PER") == []
    with pytest.raises(StoreError, match="date_from must be a date"):
        q(date_from="March")


def test_query_place_by_gazetteer_name(filled):
    frame = events(filled, Filters(place="Oslo", radius_km=30))
    assert set(frame["place_name"]) == {"Oslo"}


def test_query_timeline_counts_events_and_reports(filled):
    frame = timeline(filled, by="month")
    assert list(frame["period"]) == ["2024-02", "2024-03", "2024-04"]
    assert list(frame["events"]) == [1, 2, 1]
    assert list(frame["reports"]) == [1, 4, 1]
    assert list(timeline(filled, Filters(actor="Lindqvist"), by="day")["period"]) == ["2024-03-04", "2024-03-11"]
    with pytest.raises(StoreError):
        timeline(filled, by="week")


def test_query_quotes_by_speaker_and_text(filled):
    frame = quotes(filled, Filters(speaker="Tomas Varga"))
    assert list(frame["text"]) == ["We will respond"] and list(frame["speaker"]) == ["Tomas Varga"]
    assert list(quotes(filled, Filters(text="respond"))["speaker_country"]) == ["HUN"]
    assert quotes(filled, Filters(speaker="Lindqvist")).empty


def test_query_same_answers_through_the_ledger_api(store_url):
    with Ledger.open(store_url) as ledger:
        ledger.add_records(_corpus())
        frame = ledger.events(actor="Lindqvist", date_from="2024-03-01")
        assert isinstance(frame, pd.DataFrame) and len(frame) == 2
        assert ledger.timeline(by="year").to_dict("records") == [{"period": "2024", "events": 4, "reports": 6}]
        assert [r.article.source for r in ledger.records(type="PROTEST")] == ["https://e.example/5"]
        assert ledger.stats()["ledger_events"] == 4
        with pytest.raises(FilterError, match="unknown filter 'colour'"):
            ledger.events(colour="red")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_cli_outputs(store_url, fmt, tmp_path):
    from newsledger.cli import main

    with Ledger.open(store_url) as ledger:
        ledger.add_records(_corpus())
    out_file = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["query", "--db", store_url, "--actor", "Lindqvist", "--format", fmt,
                                       "-o", str(out_file)])
    assert result.exit_code == 0, result.output
    text = out_file.read_text(encoding="utf-8")
    if fmt == "json":
        rows = json.loads(text)
        assert [r["date_start"] for r in rows] == ["2024-03-11", "2024-03-04"]
        assert rows[1]["n_reports"] == 3
    elif fmt == "csv":
        assert text.splitlines()[0].startswith("key,type,") and len(text.splitlines()) == 3
    else:
        assert "2024-03-04" in text and "CONSULT" in text and "2 of 2 event(s)" in text
    result = CliRunner().invoke(main, ["query", "--db", store_url, "--timeline", "month", "--format", "csv"])
    assert result.exit_code == 0 and result.output.splitlines()[0] == "period,events,reports"
    result = CliRunner().invoke(main, ["query", "--db", store_url, "--quotes", "--speaker", "Varga", "--format", "json"])
    assert json.loads(result.output)[0]["text"] == "We will respond"
    result = CliRunner().invoke(main, ["query", "--db", store_url, "--place", "Nowhere-at-all-xyz"])
    assert result.exit_code != 0 and "not in the gazetteer" in result.output
