"""The web app's HTTP API and server-rendered pages, through FastAPI's test client, on stores
filled with hand-made records (no spaCy here; the browser tests run the real pipeline).

Covers: what each endpoint returns, bad parameters (400 with a message), unknown ids
(404), an article whose text holds HTML and script (escaped on every page, never markup),
upload limits (size, type, cross-site posts, read-only) and the OpenAPI description."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from newsledger.store import Ledger
from newsledger.web import WebConfig, create_app
from newsledger.web.highlight import segments
from tests.test_store_fixtures import (  # noqa: F401 - fixtures
    LINDQVIST,
    VARGA,
    make_record,
    meeting_reports,
    store_url,
)

LOCAL = "http://127.0.0.1:8000"  # the app answers only for the hosts it was started for
HOSTILE = ('Officials said <script>window.__pwned = 1;</script> and <img src=x onerror="window.__pwned=2"> '
           'that Foreign Minister Maria Lindqvist met Prime Minister Tomas Varga in Oslo. '
           '"We reject </script><b>any</b> threat," Lindqvist said.')


def hostile_record():
    return make_record(
        HOSTILE, source="https://hostile.example/x", title="<i>Title</i> with <script>alert(1)</script>",
        entities=[LINDQVIST, VARGA], places=["Oslo"],
        quotes=[{"text": "We reject </script><b>any</b> threat,", "speaker": "Maria Lindqvist"}],
        events=[{"type": "CONSULT", "trigger": "met", "actor": ["Maria Lindqvist"], "recipient": ["Tomas Varga"],
                 "date": ("2024-02-01", "2024-02-01"), "place": "Oslo",
                 "evidence": "Foreign Minister Maria Lindqvist met Prime Minister Tomas Varga in Oslo."}])


def conflict_records():
    """Events by the day they happened in another order than the articles were published."""
    late_report = make_record(
        "Prime Minister Tomas Varga accused Foreign Minister Maria Lindqvist of lying, and Varga threatened sanctions.",
        source="https://e.example/5", published="2024-06-01", entities=[LINDQVIST, VARGA],
        events=[{"type": "ACCUSE", "trigger": "accused", "actor": ["Tomas Varga"], "recipient": ["Maria Lindqvist"],
                 "date": ("2023-05-02", "2023-05-02")},
                {"type": "THREATEN", "trigger": "threatened", "actor": ["Tomas Varga"],
                 "recipient": ["Maria Lindqvist"], "date": ("2023-05-03", "2023-05-03")}])
    protest = make_record(
        "Protesters marched in Lima against Prime Minister Tomas Varga, organisers said.",
        source="https://f.example/6", published="2024-01-10",
        entities=[{"name": "Protesters", "type": "NORP", "country": "PER", "sector": "CVL"}, VARGA],
        places=["Lima"],
        quotes=[{"text": "Protesters marched in Lima against Prime Minister Tomas Varga", "kind": "indirect"}],
        events=[{"type": "PROTEST", "trigger": "marched", "actor": ["Protesters"], "recipient": ["Tomas Varga"],
                 "date": ("2024-01-09", "2024-01-09"), "place": "Lima"}])
    return [late_report, protest]


@pytest.fixture
def filled(store_url):  # noqa: F811 - the fixture
    with Ledger.open(store_url) as ledger:
        ledger.add_records([*meeting_reports(), *conflict_records(), hostile_record()])
    return store_url


@pytest.fixture
def client(filled):
    app = create_app(config=WebConfig(db=filled, max_upload_bytes=64 * 1024))
    with TestClient(app, base_url=LOCAL) as c:
        yield c


def form_token(client) -> str:
    """The Add page's per-session form token (its cookie stays in the client)."""
    page = client.get("/add").text
    return re.search(r'name="form_token" value="([0-9a-f]+)"', page).group(1)


def _article_id(client, source: str) -> str:
    found = [a["id"] for a in client.get("/api/articles").json()["articles"] if a["source"] == source]
    assert found, source
    return found[0]


# --- what the endpoints return ---------------------------------------------------------------

def test_web_api_overview_counts_the_store(client):
    body = client.get("/api/overview").json()
    assert body["articles"] == 7
    assert body["events"] >= 5  # the three reports of one meeting are one ledger event
    assert body["first_event_day"] == "2023-05-02"


def test_web_api_article_has_record_and_provenance(client):
    aid = _article_id(client, "https://f.example/6")
    body = client.get(f"/api/articles/{aid}").json()
    record = body["record"]
    assert record["article"]["id"] == aid
    for v in record["events"]:
        assert record["text"][v["evidence"]["start"]:v["evidence"]["end"]] == v["evidence"]["text"]
    assert body["documents"] and re.fullmatch(r"[0-9a-f]{64}", body["documents"][0]["content_hash"])
    assert body["documents"][0]["status"] == "ok"
    assert set(body["ledger_events"]) == {v["id"] for v in record["events"]}


def test_web_api_event_lists_every_report(client):
    events = client.get("/api/events", params={"actor": "Maria Lindqvist", "type": "CONSULT"}).json()["events"]
    grouped = [e for e in events if e["n_reports"] == 3]
    assert len(grouped) == 1
    detail = client.get(f"/api/events/{grouped[0]['key']}").json()
    assert len(detail["reports"]) == 3
    assert {r["source"] for r in detail["reports"]} == {"https://a.example/1", "https://b.example/2",
                                                        "https://c.example/3"}
    assert detail["quad_class"] == 1 and detail["goldstein"] == 1.0


def test_web_api_timeline_orders_by_day_of_happening(client):
    body = client.get("/api/timeline", params={"by": "month"}).json()
    days = [e["date_start"] for e in body["events"]]
    assert days == sorted(days)
    # Reported in June 2024, happened in May 2023: first on the timeline.
    assert body["events"][0]["type"] == "ACCUSE"
    assert body["periods"][0] == {"period": "2023-05", "events": 2, "reports": 2}
    assert sum(p["events"] for p in body["periods"]) == body["dated_events"]


@pytest.mark.parametrize(("params", "types"), [
    ({"actor": "Tomas Varga", "type": "PROTEST"}, {"PROTEST"}),
    ({"country": "per"}, {"PROTEST"}),
    ({"date_from": "2023", "date_to": "2023-12"}, {"ACCUSE", "THREATEN"}),
    ({"type": "ACCUSE,THREATEN", "date_from": "2023-05-03"}, {"THREATEN"}),
])
def test_web_api_timeline_filters(client, params, types):
    body = client.get("/api/timeline", params=params).json()
    assert {e["type"] for e in body["events"]} == types


def test_web_api_map_groups_events_by_place_and_country(client):
    body = client.get("/api/map").json()
    by_name = {p["name"]: p for p in body["places"]}
    assert by_name["Oslo"]["events"] == 3  # the grouped meeting, the later one, the hostile article's
    assert by_name["Lima"]["country"] == "PER"
    assert body["countries"]["NOR"] == 3 and body["countries"]["PER"] == 1
    mentioned = client.get("/api/places").json()["places"]
    assert {m["name"] for m in mentioned} >= {"Oslo", "Lima"}
    assert {m["name"] for m in client.get("/api/places", params={"country": "PER"}).json()["places"]} == {"Lima"}


def test_web_api_network_weights_and_colours_edges(client):
    body = client.get("/api/network", params={"all_time": "true"}).json()
    names = {n["id"]: n["name"] for n in body["nodes"]}
    edges = {(names[e["source"]], names[e["target"]]): e for e in body["edges"]}
    hostile = edges[("Tomas Varga", "Maria Lindqvist")]
    assert hostile["types"] == {"ACCUSE": 1, "THREATEN": 1, "CONSULT": 1}
    assert hostile["quad"] == [1, 0, 2, 0]
    assert hostile["goldstein"] == pytest.approx((-2.0 - 6.0 + 1.0) / 3, abs=0.01)
    friendly = edges[("Maria Lindqvist", "Tomas Varga")]
    assert friendly["goldstein"] == 1.0 and friendly["events"] >= 2


def test_web_api_network_defaults_to_the_last_year(client):
    body = client.get("/api/network").json()
    assert body["date_to"] == "2024-03-11" and body["date_from"] == "2023-03-13"
    assert client.get("/api/network", params={"date_from": "2024-01"}).json()["date_from"] == "2024-01"


def test_web_api_quotes_search_and_speaker(client):
    body = client.get("/api/quotes", params={"q": "threat"}).json()
    assert body["total"] == 1
    assert body["quotes"][0]["speaker"] == "Maria Lindqvist"
    assert client.get("/api/quotes", params={"speaker": "Lindqvist"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"q": "nonexistentword"}).json()["total"] == 0


# --- bad parameters and unknown ids --------------------------------------------------------------

@pytest.mark.parametrize(("path", "params", "needle"), [
    ("/api/events", {"type": "PARTY"}, "unknown event type"),
    ("/api/events", {"country": "Narnia"}, "not a country name or ISO 3166 code"),
    ("/api/events", {"country": "N0R"}, "not a country name or ISO 3166 code"),
    ("/api/events", {"min_reports": "0"}, "min_reports"),
    ("/api/events", {"actor": "x" * 300}, "longer than"),
    ("/api/timeline", {"date_from": "2024-13"}, "there is no month 13"),
    ("/api/timeline", {"date_from": "March 2024"}, "must be a date such as 2024"),
    ("/api/timeline", {"date_from": "2024-05", "date_to": "2024-01"}, "after"),
    ("/api/timeline", {"by": "week"}, "by"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "many"}, "limit"),
    ("/api/events", {"order": "sideways"}, "order"),
    ("/api/map", {"place": "91,10"}, "coordinates"),
    ("/api/map", {"place": "Qqqxyzzy Nowhere"}, "gazetteer"),
    ("/api/map", {"place": "Oslo", "radius_km": "-5"}, "radius_km"),
    ("/api/articles/not-a-sha", {}, "64 hexadecimal"),
    ("/api/quotes", {"country": "12"}, "country"),
    ("/api/places", {"country": "Atlantis"}, "not a country name"),
    ("/api/actors", {"limit": "0"}, "limit"),
])
def test_web_api_bad_parameters_give_400_with_a_message(client, path, params, needle):
    r = client.get(path, params=params)
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["code"] == "bad_request"
    assert needle in error["message"]


@pytest.mark.parametrize("path", [
    "/api/articles/" + "0" * 64, "/api/events/LE-does-not-exist", "/api/no-such-endpoint"])
def test_web_api_unknown_ids_give_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_web_pages_unknown_ids_give_404_pages(client):
    r = client.get("/articles/" + "f" * 64)
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert client.get("/events/nope").status_code == 404
    r = client.get("/timeline", params={"country": "XXXX"})
    assert r.status_code == 400 and "not a country name or ISO 3166 code" in r.text


def test_web_filters_travel_as_bound_parameters(client):
    for value in ("' OR 1=1 --", "x'); DROP TABLE articles; --", '"; SELECT * FROM documents'):
        assert client.get("/api/events", params={"actor": value}).json()["events"] == []
        assert client.get("/api/quotes", params={"speaker": value, "q": value}).status_code == 200
        assert client.get("/api/articles", params={"q": value}).status_code == 200
    assert client.get("/api/overview").json()["articles"] == 7


# --- hostile content -------------------------------------------------------------------------

def test_web_article_with_html_and_script_is_shown_as_text(client):
    aid = _article_id(client, "https://hostile.example/x")
    r = client.get(f"/articles/{aid}")
    assert r.status_code == 200
    page = r.text
    # The only script elements are the page's own, by src, and the JSON data block.
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert all('src="/static/' in s or 'type="application/json"' in s for s in scripts), scripts
    assert "<script>window.__pwned" not in page and "<img src=x" not in page and "<b>any</b>" not in page
    assert "&lt;script&gt;window.__pwned = 1;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    # The JSON block holds the text, with < escaped so that it can never close the block.
    block = re.search(r'<script type="application/json" id="record-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and "\\u003c/script\\u003e" in block
    assert json.loads(block)["quotes"][0]["text"] == "We reject </script><b>any</b> threat,"
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/timeline", "/quotes", "/", "/events/{key}"])
def test_web_pages_escape_article_text(client, path):
    if "{key}" in path:
        events = client.get("/api/events", params={"date_from": "2024-02-01", "date_to": "2024-02-01"}).json()
        path = path.format(key=events["events"][0]["key"])
    page = client.get(path).text
    assert "<script>window" not in page and "<script>alert" not in page and "<b>any</b>" not in page


def test_web_highlight_segments_cover_text_and_spans():
    record = hostile_record().to_dict()
    segs = segments(record)
    assert "".join(s.text for s in segs) == record["text"]
    assert all(s.text == record["text"][s.start:s.end] for s in segs)
    event = record["events"][0]
    inside = [s for s in segs if s.start >= event["evidence"]["start"] and s.end <= event["evidence"]["end"]]
    assert "".join(s.text for s in inside) == event["evidence"]["text"]
    trigger = [s for s in segs if "V1" in s.refs.get("event", [])]
    assert [s.text for s in trigger] == ["met"] and "trigger" in trigger[0].classes
    quote = [s for s in segs if "Q1" in s.refs.get("quote", [])]
    assert "".join(s.text for s in quote) == record["quotes"][0]["text"]
    # A name inside the quote is both: its segment carries the quote and the entity.
    both = [s for s in quote if s.refs.get("entity")]
    assert not both or all("quote" in s.classes and "ent" in s.classes for s in both)


# --- adding articles: limits -------------------------------------------------------------------

def test_web_upload_refuses_too_large(client):
    big = "word " * 20000
    r = client.post("/api/articles", json={"text": big})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    r = client.post("/api/upload", files={"files": ("big.txt", big.encode(), "text/plain")})
    assert r.status_code == 413
    r = client.post("/add", data={"text": big})
    assert r.status_code == 413 and "limit" in r.text


@pytest.mark.parametrize(("name", "data", "ctype"), [
    ("report.pdf", b"%PDF-1.7 ...", "application/pdf"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n....", "text/plain"),
    ("archive.zip", b"PK\x03\x04....", "application/zip"),
    ("notes.docx", b"hello", "application/octet-stream"),
    ("page.html", b"<p>hello</p>", "image/png"),
])
def test_web_upload_refuses_other_types(client, name, data, ctype):
    r = client.post("/api/upload", files={"files": (name, data, ctype)})
    assert r.status_code == 415, r.text
    assert r.json()["error"]["code"] == "unsupported_type"


def test_web_upload_refuses_empty_and_cross_site_posts(client):
    r = client.post("/api/articles", json={"text": "   "})
    assert r.status_code == 400 and "empty" in r.json()["error"]["message"]
    r = client.post("/api/articles", json={"text": "x", "format": "pdf"})
    assert r.status_code == 400
    r = client.post("/add", data={"text": "", "form_token": form_token(client)})
    assert r.status_code == 400 and "nothing to add" in r.text
    r = client.post("/api/articles", json={"text": "Some text."}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403


def test_web_read_only_server_refuses_adding(filled):
    app = create_app(config=WebConfig(db=filled, read_only=True))
    with TestClient(app, base_url=LOCAL) as c:
        r = c.post("/api/articles", json={"text": "Officials met in Oslo on Monday."})
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        assert "Add articles" not in c.get("/").text


def test_web_tile_url_must_be_http_template(filled):
    with pytest.raises(ValueError, match="tile URL"):
        create_app(config=WebConfig(db=filled, tile_url="file:///etc/{z}/{x}/{y}"))
    app = create_app(config=WebConfig(db=filled, tile_url="https://tiles.example.org/{z}/{x}/{y}.png"))
    with TestClient(app, base_url=LOCAL) as c:
        r = c.get("/map")
        assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in r.text
        assert "img-src 'self' data: https://tiles.example.org" in r.headers["content-security-policy"]
        assert "tiles.example.org" not in c.get("/timeline").text


# --- pages and documentation ---------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/timeline", "/map", "/network", "/quotes", "/add", "/api/docs",
                                  "/timeline?type=CONSULT&country=NOR&date_from=2024", "/network?all_time=1",
                                  "/quotes?q=threat"])
def test_web_pages_render(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.text.startswith("<!doctype html>")


def test_web_openapi_documents_every_api_route(client):
    spec = client.get("/api/openapi.json").json()
    from newsledger.web import api, pages

    routes = {(m.lower(), r.path) for router in (api.router, pages.router) for r in router.routes
              if r.path.startswith("/api/") and r.path != "/api/docs" for m in r.methods if m != "HEAD"}
    documented = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert routes == documented
    for path, ops in spec["paths"].items():
        for op in ops.values():
            assert op.get("summary"), path
            assert "200" in op["responses"] or "201" in op["responses"]
    docs = client.get("/api/docs").text
    for path in spec["paths"]:
        assert path in docs


def test_web_bundled_base_map_is_natural_earth_with_iso_codes():
    from newsledger.web.app import STATIC

    data = json.loads((STATIC / "world-110m.json").read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"] and "world-atlas" in data["source"]
    codes = [c["iso3"] for c in data["countries"]]
    assert len(codes) > 170 and all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert {"NOR", "PER", "HUN", "BRA", "JPN"} <= set(codes)
    assert all(c["d"].startswith("M") for c in data["countries"])


def test_web_serve_command_is_registered():
    from click.testing import CliRunner

    from newsledger.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--max-upload-mb" in result.output and "--tile-url" in result.output
