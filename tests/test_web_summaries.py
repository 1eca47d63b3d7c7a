"""The web app's fast paths give what the events themselves give: the map from the summary of
places, the network from the pairs of participants, the overview from the monthly summary;
HTTP validators follow the store's generation; bundled files are versioned. Both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import math

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from newsledger.store.query import Filters, event_conditions
from newsledger.web import WebConfig, create_app
from newsledger.web import queries as q
from tests.test_store_fixtures import meeting_reports, save_all, store, store_url  # noqa: F401 - fixtures

LOCAL = "http://127.0.0.1:8000"  # the app answers only for the hosts it was started for


@pytest.fixture
def synthetic(store):
    from newsledger.bench.store import build_events

    build_events(store, 3000, n_actors=40, seed=7)
    save_all(store, meeting_reports())  # and real articles through the write path
    return store


def _reference_map(store, f: Filters) -> list[tuple]:
    """The map's places straight from the ledger events."""
    where, params = event_conditions(store, f)
    where += ["le.lat IS NOT NULL", "le.lon IS NOT NULL"]
    rows = store.rows(
        "SELECT le.place_name, le.place_country, le.place_kind, avg(le.lat), avg(le.lon), count(*), sum(le.n_reports), "
        f"min(le.day_start), max(le.day_start) FROM ledger_events le WHERE {' AND '.join(where)} "
        "GROUP BY le.place_name, le.place_country, le.place_kind", params)
    rows.sort(key=lambda r: (-int(r[5]), r[0] or "", r[1] or "", r[2] or ""))
    return [(r[0], r[1], r[2], round(float(r[3]), 4), round(float(r[4]), 4), int(r[5]), int(r[6]), r[7], r[8])
            for r in rows]


def _reference_network(store, f: Filters, max_edges: int) -> list[tuple]:
    """Actor -> recipient edges straight from the ledger's participants."""
    where, params = event_conditions(store, f)
    rows = store.rows(
        "SELECT a.ident, r.ident, le.type, count(*) FROM ledger_events le "
        "JOIN ledger_actors a ON a.ledger_event_id = le.id AND a.role = 'actor' "
        "JOIN ledger_actors r ON r.ledger_event_id = le.id AND r.role = 'recipient' "
        f"WHERE a.ident <> r.ident {'AND ' + ' AND '.join(where) if where else ''} "
        "GROUP BY a.ident, r.ident, le.type", params)
    edges: dict[tuple[str, str], dict[str, int]] = {}
    for a, r, etype, n in rows:
        edges.setdefault((a, r), {})[etype] = int(n)
    ranked = sorted(edges.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    return [(a, r, sum(types.values()), types) for (a, r), types in ranked[:max_edges]], len(edges)


def test_web_map_and_network_fast_paths_equal_the_events(synthetic):
    store = synthetic
    actor = store.scalar("SELECT name FROM actors WHERE key LIKE 'person:%' ORDER BY id LIMIT 1")
    cases = [Filters(), Filters(date_from="2019", date_to="2020-06"), Filters(event_type="PROTEST,CONSULT"),
             Filters(actor=actor), Filters(country="NOR"), Filters(actor=actor, date_from="2018-03-15"),
             Filters(date_to="2016-02-10"), Filters(min_reports=2), Filters(text="Oslo")]
    for f in cases:
        got = q.map_data(store, f, limit=5000)
        expected = _reference_map(store, f)
        assert got["n_places"] == len(expected), f
        assert [(p["name"], p["country"], p["kind"], p["events"], p["reports"], p["first_day"], p["last_day"])
                for p in got["places"]] == [(r[0], r[1], r[2], r[5], r[6], r[7], r[8]) for r in expected], f
        for p, r in zip(got["places"], expected, strict=True):
            assert math.isclose(p["lat"], r[3], abs_tol=2e-4) and math.isclose(p["lon"], r[4], abs_tol=2e-4)
        for max_edges in (5, 80):
            net = q.network(store, f, max_edges=max_edges)
            edges, n_edges = _reference_network(store, f, max_edges)
            assert net["n_edges"] == n_edges, f
            assert [(e["source"], e["target"], e["events"], e["types"]) for e in net["edges"]] == edges, f
            ends = {x for e in net["edges"] for x in (e["source"], e["target"])}
            assert {n["id"] for n in net["nodes"]} == ends
            assert all(n["name"] for n in net["nodes"])
    assert q.overview(store)["events"] == store.scalar("SELECT count(*) FROM ledger_events")


@pytest.fixture
def app_client(store_url):
    from newsledger.store import open_store

    s = open_store(store_url)
    try:
        save_all(s, meeting_reports()[:2])
    finally:
        s.close()
    with TestClient(create_app(config=WebConfig(db=store_url)), base_url=LOCAL) as client:
        yield client


def test_web_validators_follow_the_store_generation(app_client, store_url):
    client = app_client
    for path in ("/", "/timeline", "/map", "/network", "/api/timeline", "/api/map", "/api/network"):
        first = client.get(path)
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache", path
        etag = first.headers["etag"]
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag, path
    # A write (an article added) makes every cached answer stale: full answers again.
    old = client.get("/api/timeline").headers["etag"]
    from newsledger.store import open_store

    s = open_store(store_url)
    try:
        save_all(s, meeting_reports()[2:])
    finally:
        s.close()
    fresh = client.get("/api/timeline", headers={"If-None-Match": old})
    assert fresh.status_code == 200 and fresh.headers["etag"] != old
    assert sum(p["reports"] for p in fresh.json()["periods"]) == 4
    # Errors and writes carry no validators.
    assert "etag" not in client.get("/api/timeline", params={"by": "week"}).headers
    assert "etag" not in client.get("/api/events/nope").headers


def test_web_bundled_files_are_versioned_and_kept(app_client):
    client = app_client
    page = client.get("/map").text
    import re

    urls = re.findall(r'(?:src|href|data-shapes)="(/static/[^"]+)"', page)
    assert any(u.startswith("/static/map.js?v=") for u in urls) and any("world-110m.json?v=" in u for u in urls)
    for url in urls:
        r = client.get(url.replace("&amp;", "&"))
        assert r.status_code == 200 and "immutable" in r.headers["cache-control"], url
    assert client.get("/static/map.js").headers["cache-control"] == "no-cache"  # unversioned: revalidated
    assert client.get("/static/map.js?v=old").headers["cache-control"] == "no-cache"
    # The map and the network carry their data: no second request before drawing.
    assert 'id="map-data"' in page and 'id="network-data"' in client.get("/network").text
