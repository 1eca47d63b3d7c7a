"""The web app speaks the ledger's one vocabulary (issue 19): the filters are `Filters.parse`'s
(the same names, values and messages as the CLI and `Ledger.events()`), `/api/events` gives
the one event row of `store.schema`, and `/api/actors` answers without a prefix.

Stores are ledger_url with the hand-made records of test_web_api / test_store_fixtures."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("fastapi")

from newsledger.store import Ledger
from newsledger.store.filters import FILTER_NAMES, FilterError, Filters
from newsledger.store.schema import COLUMN_NAMES, json_row
from tests.test_store_fixtures import meeting_reports, store_url  # noqa: F401 - the fixture
from tests.test_web_api import LOCAL, conflict_records, hostile_record


@pytest.fixture
def ledger_url(store_url):  # noqa: F811 - the fixture
    with Ledger.open(store_url) as ledger:
        ledger.add_records([*meeting_reports(), *conflict_records(), hostile_record()])
    return store_url


@pytest.fixture
def api(ledger_url):
    from fastapi.testclient import TestClient

    from newsledger.web import WebConfig, create_app

    with TestClient(create_app(config=WebConfig(db=ledger_url)), base_url=LOCAL) as c:
        yield c


def _api_events(api, **params) -> list[dict]:
    r = api.get("/api/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()["events"]


def _ledger_rows(url: str, **filters) -> list[dict]:
    """What Ledger.events() gives, as JSON (dates ISO, missing values None)."""
    with Ledger.open(url, read_only=True) as ledger:
        frame = ledger.events(**filters)
    rows = []
    for record in frame.to_dict("records"):
        row = {}
        for name, value in record.items():
            if hasattr(value, "date") and not isinstance(value, str):
                value = None if value != value else value.date()  # NaT != NaT
            elif (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType":
                value = None
            row[name] = value
        rows.append(json_row(row))
    return rows


# --- one event row -------------------------------------------------------------------------------

def test_web_api_events_are_the_event_rows_of_the_ledger(api, ledger_url):
    events = _api_events(api)
    assert events and all(list(e) == list(COLUMN_NAMES) for e in events)
    expected = {r["key"]: r for r in _ledger_rows(ledger_url)}
    assert {e["key"] for e in events} == set(expected)
    for e in events:
        row = expected[e["key"]]
        for name in COLUMN_NAMES:
            if isinstance(row[name], float):
                assert e[name] == pytest.approx(row[name]), name
            else:
                assert e[name] == row[name], (name, e[name], row[name])


def test_web_api_event_rows_carry_dates_precision_and_participants(api):
    grouped = [e for e in _api_events(api, type="CONSULT") if e["n_reports"] == 3]
    assert len(grouped) == 1
    e = grouped[0]
    assert (e["date_start"], e["date_end"], e["date_precision"]) == ("2024-03-04", "2024-03-04", "day")
    assert e["place_name"] == "Oslo" and e["place_country"] == "NOR"
    assert len(e["actor_names"]) == len(e["actor_countries"]) == len(e["actor_sectors"])
    assert e["quad_class"] == 1 and e["goldstein"] == 1.0
    assert e["article_url"].startswith("https://")
    detail = api.get(f"/api/events/{e['key']}").json()
    assert {k: detail[k] for k in COLUMN_NAMES} == e
    assert len(detail["reports"]) == 3 and {p["role"] for p in detail["participants"]} == {"actor", "recipient"}


def test_web_api_openapi_describes_the_event_row_and_every_filter():
    from newsledger.web.params import event_filters
    from newsledger.web.schemas import EventDetail, EventRow

    assert list(EventRow.model_fields) == list(COLUMN_NAMES)
    assert set(COLUMN_NAMES) < set(EventDetail.model_fields)
    import inspect

    assert list(inspect.signature(event_filters).parameters) == list(FILTER_NAMES)


def test_web_openapi_lists_the_filter_names_for_every_event_endpoint(api):
    spec = api.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/timeline", "/api/map", "/api/network"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert set(FILTER_NAMES) <= names, path
    row = spec["components"]["schemas"]["EventRow"]["properties"]
    assert list(row) == list(COLUMN_NAMES)


# --- one validation ---------------------------------------------------------------------------

@pytest.mark.parametrize("params", [
    {"type": "PARTY"}, {"type": "consult,protset"}, {"country": "Narnia"}, {"country": "N0R"},
    {"date_from": "2024-13"}, {"date_from": "2024-02-30"}, {"date_from": "March 2024"},
    {"date_from": "2024-05", "date_to": "2024-01"}, {"place": "91,10"}, {"place": "Oslo", "radius_km": "-5"},
    {"place": "Oslo", "radius_km": "nan"}, {"min_reports": "0"}, {"min_reports": "1.5"}, {"actor": "x" * 300},
])
def test_web_filters_are_refused_with_the_message_of_filters_parse(api, params):
    """The API's 400 says exactly what `Filters.parse` (the CLI's and Python's check) says."""
    with pytest.raises(FilterError) as caught:
        Filters.parse(params)
    for path in ("/api/events", "/api/timeline", "/api/map", "/api/network"):
        r = api.get(path, params=params)
        assert r.status_code == 400, (path, r.text)
        assert r.json()["error"] == {"code": "bad_request", "message": str(caught.value)}
    page = api.get("/timeline", params=params)
    assert page.status_code == 400


@pytest.mark.parametrize(("params", "types"), [
    ({"country": "Peru"}, {"PROTEST"}),                   # a name, as the CLI takes it
    ({"country": "PE"}, {"PROTEST"}),                     # an alpha-2 code
    ({"country": "peruvian"}, {"PROTEST"}),               # a demonym
    ({"type": "accuse, threaten"}, {"ACCUSE", "THREATEN"}),
    ({"min_reports": "3"}, {"CONSULT"}),
    ({"date_from": "2023", "date_to": "2023"}, {"ACCUSE", "THREATEN"}),
])
def test_web_filters_take_the_values_the_cli_takes(api, ledger_url, params, types):
    events = _api_events(api, **params)
    assert {e["type"] for e in events} == types
    assert [e["key"] for e in events] == [r["key"] for r in _ledger_rows(ledger_url, **params)]


def test_web_filters_by_speaker(api, ledger_url):
    with Ledger.open(ledger_url, read_only=True) as ledger:
        expected = list(ledger.events(speaker="Maria Lindqvist")["key"])
    assert [e["key"] for e in _api_events(api, speaker="Maria Lindqvist")] == expected


def test_web_pages_show_the_filters_as_typed_and_apply_them(api):
    page = api.get("/timeline", params={"country": "Peru", "type": "protest", "min_reports": "1"})
    assert page.status_code == 200
    assert 'value="Peru"' in page.text and 'value="1"' in page.text
    assert "PROTEST" in page.text and "ACCUSE" not in page.text.split('class="timeline"', 1)[1]
    bad = api.get("/map", params={"country": "Narnia", "actor": "Someone"})
    assert bad.status_code == 400 and 'value="Someone"' in bad.text
    assert "not a country name" in bad.text


def test_web_timeline_page_writes_dates_as_precisely_as_known(api):
    from newsledger.web.render import when

    assert when({"date_start": "2024-02-01", "date_end": "2024-02-29", "date_precision": "month"}) == "2024-02"
    assert when({"date_start": "2024-01-01", "date_end": "2024-12-31", "date_precision": "year"}) == "2024"
    assert when({"date_start": "2024-03-04", "date_end": "2024-03-05", "date_precision": "range"}) == \
        "2024-03-04 – 2024-03-05"
    assert when({"date_start": None}) == "undated"
    page = api.get("/timeline", params={"date_from": "2024-03-04", "date_to": "2024-03-04"}).text
    assert "2024-03-04" in page


# --- actors ----------------------------------------------------------------------------------

def test_web_api_actors_without_prefix_lists_the_most_reported(api, ledger_url):
    names = api.get("/api/actors").json()
    assert names and len(names) == len(set(names))
    with Ledger.open(ledger_url, read_only=True) as ledger:
        listed = ledger.actors()
    assert set(names) <= set(listed["name"])
    assert api.get("/api/actors", params={"limit": 1}).json() == names[:1]
    assert api.get("/api/actors", params={"prefix": "lindq"}).json() == ["Maria Lindqvist"]
    assert api.get("/api/actors", params={"prefix": "  "}).json() == names


def test_web_a_filter_refused_deeper_than_the_parameters_is_a_400(api):
    """A FilterError (a StoreError too) raised by the store's own code is the user's 400, not a 503."""
    def refuse():
        raise FilterError("type", "unknown event type PARTY")

    api.app.add_api_route("/api/test-filter-error", refuse)
    r = api.get("/api/test-filter-error")
    assert r.status_code == 400
    assert r.json()["error"] == {"code": "bad_request", "message": "unknown event type PARTY"}
