"""Fixtures and hand-made records shared by the store tests (test_store*, test_kb*,
test_query*, test_export*, test_ingest_cmd*).

`store_url` is parametrised over both backends: every test that uses it runs on SQLite
and on PostgreSQL. PostgreSQL needs a server URL in $NEWSLEDGER_TEST_PG (`.ci/run` starts
one); without it the PostgreSQL cases are skipped, and only then. Each PostgreSQL case
gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from newsledger.model import (
    Article,
    DateInterval,
    Entity,
    Event,
    Place,
    Quote,
    Record,
    Span,
)

PG_ENV = "NEWSLEDGER_TEST_PG"


def _pg_url_with_schema(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty store location on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need a server URL in ${PG_ENV} (.ci/run starts one)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_url_with_schema(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_url):
    from newsledger.store import open_store

    s = open_store(store_url)
    yield s
    s.close()


# --- hand-made records ------------------------------------------------------------------------

def _spans(text: str, needle: str) -> list[Span]:
    out, start = [], 0
    while True:
        i = text.find(needle, start)
        if i < 0:
            return out
        out.append(Span(start=i, end=i + len(needle), text=needle))
        start = i + len(needle)


def _span(text: str, needle: str) -> Span:
    spans = _spans(text, needle)
    assert spans, f"{needle!r} not in {text!r}"
    return spans[0]


PLACES = {
    # name: (geonameid, lat, lon, country, kind) — GeoNames facts for the test places.
    "Oslo": (3143244, 59.91273, 10.74609, "NOR", "city"),
    "Bergen": (3161732, 60.39299, 5.32415, "NOR", "city"),
    "Lima": (3936456, -12.04318, -77.02824, "PER", "city"),
    "Budapest": (3054643, 47.49835, 19.04045, "HUN", "city"),
    "Norway": (3144096, 62.0, 10.0, "NOR", "country"),
    "Hungary": (719819, 47.0, 20.0, "HUN", "country"),
}


def make_record(text: str, *, published: str | None = "2024-03-05", source: str | None = None,
                entities: list[dict] = (), places: list[str] = (), events: list[dict] = (),
                quotes: list[dict] = (), title: str | None = None) -> Record:
    """A valid record written by hand. Entities: {name, type, country?, sector?, role?,
    mentions? (texts, default [name]), aliases?}. Places: names from PLACES. Events:
    {type, trigger, actor? (names), recipient? (names), date? (start, end), place?, negated?,
    hypothetical?, future?, said_by? (quote index), evidence? (text, default: all)}.
    Quotes: {text, speaker? (name)}."""
    ents, by_name = [], {}
    for i, e in enumerate(entities, start=1):
        mentions = [s for m in e.get("mentions", [e["name"]]) for s in _spans(text, m)]
        ent = Entity(id=f"E{i}", name=e["name"], type=e["type"], country=e.get("country"), sector=e.get("sector"),
                     role=e.get("role"), mentions=mentions, aliases=e.get("aliases", []))
        ents.append(ent)
        by_name[e["name"]] = ent.id
    pls, place_ids = [], {}
    for i, name in enumerate(places, start=1):
        gid, lat, lon, country, kind = PLACES[name]
        pls.append(Place(id=f"P{i}", name=name, geonameid=gid, lat=lat, lon=lon, country=country, kind=kind,
                         mentions=_spans(text, name)))
        place_ids[name] = f"P{i}"
    qts = []
    for i, q in enumerate(quotes, start=1):
        s = _span(text, q["text"])
        qts.append(Quote(id=f"Q{i}", start=s.start, end=s.end, text=s.text, kind=q.get("kind", "direct"),
                         speaker=by_name.get(q.get("speaker")), speaker_text=q.get("speaker"), cue="said"))
    evs = []
    for i, v in enumerate(events, start=1):
        evidence = _span(text, v["evidence"]) if v.get("evidence") else Span(start=0, end=len(text), text=text)
        date = v.get("date")
        evs.append(Event(
            id=f"V{i}", type=v["type"], mode=v.get("mode"), actor=[by_name[n] for n in v.get("actor", [])],
            recipient=[by_name[n] for n in v.get("recipient", [])],
            date=DateInterval(start=date[0], end=date[1]) if date else None,
            place=place_ids[v["place"]] if v.get("place") else None, negated=v.get("negated", False),
            hypothetical=v.get("hypothetical", False), future=v.get("future", False),
            said_by=f"Q{v['said_by']}" if v.get("said_by") else None,
            trigger=_span(text, v["trigger"]), evidence=evidence, confidence=v.get("confidence", 0.8)))
    import hashlib

    record = Record(article=Article(id=hashlib.sha256(text.encode()).hexdigest(), source=source, title=title,
                                    published=published, url=source),
                    text=text, text_offset=0, entities=ents, places=pls, quotes=qts, events=evs)
    return record.check()


LINDQVIST = {"name": "Maria Lindqvist", "type": "PERSON", "country": "NOR", "sector": "GOV", "role": "Foreign Minister",
             "mentions": ["Foreign Minister Maria Lindqvist", "Lindqvist"]}
VARGA = {"name": "Tomas Varga", "type": "PERSON", "country": "HUN", "sector": "GOV", "role": "Prime Minister",
         "mentions": ["Prime Minister Tomas Varga", "Varga"]}


def meeting_reports() -> list[Record]:
    """Three articles about one meeting, worded differently, plus one about another meeting."""
    a = make_record(
        "Foreign Minister Maria Lindqvist of Norway met Hungarian Prime Minister Tomas Varga in Oslo on Monday.",
        source="https://a.example/1", entities=[LINDQVIST, VARGA], places=["Oslo"],
        events=[{"type": "CONSULT", "trigger": "met", "actor": ["Maria Lindqvist"], "recipient": ["Tomas Varga"],
                 "date": ("2024-03-04", "2024-03-04"), "place": "Oslo"}])
    b = make_record(
        "Norwegian officials held talks with Hungary's Tomas Varga in Oslo.",
        source="https://b.example/2", published="2024-03-05",
        entities=[{"name": "Norwegian officials", "type": "ORG", "country": "NOR", "sector": "GOV"},
                  {"name": "Tomas Varga", "type": "PERSON", "country": "HUN", "sector": "GOV"}],
        places=["Oslo"],
        events=[{"type": "CONSULT", "trigger": "talks", "actor": ["Norwegian officials"],
                 "recipient": ["Tomas Varga"], "date": ("2024-03-04", "2024-03-05"), "place": "Oslo"}])
    c = make_record(
        "Varga and Lindqvist met on March 4, officials said.",
        source="https://c.example/3", published="2024-03-06",
        entities=[{"name": "Tomas Varga", "type": "PERSON", "country": "HUN", "mentions": ["Varga"]},
                  {"name": "Maria Lindqvist", "type": "PERSON", "country": "NOR", "mentions": ["Lindqvist"]}],
        events=[{"type": "CONSULT", "trigger": "met", "actor": ["Tomas Varga"], "recipient": ["Maria Lindqvist"],
                 "date": ("2024-03-04", "2024-03-04")}])
    later = make_record(
        "Foreign Minister Maria Lindqvist met Prime Minister Tomas Varga again in Oslo a week later.",
        source="https://d.example/4", published="2024-03-12", entities=[LINDQVIST, VARGA], places=["Oslo"],
        events=[{"type": "CONSULT", "trigger": "met", "actor": ["Maria Lindqvist"], "recipient": ["Tomas Varga"],
                 "date": ("2024-03-11", "2024-03-11"), "place": "Oslo"}])
    return [a, b, c, later]


def ledger_groups(store) -> set[frozenset[str]]:
    """The ledger's grouping as sets of article sources: independent of ids and order."""
    groups: dict[int, set[str]] = {}
    for ledger_id, source in store.rows(
            "SELECT e.ledger_event_id, coalesce(a.source, a.article_key) || '#' || e.local_id FROM events e "
            "JOIN articles a ON a.id = e.article_id"):
        groups.setdefault(ledger_id, set()).add(source)
    return {frozenset(g) for g in groups.values()}


def save_all(store, records) -> None:
    from newsledger.store.keys import record_hash
    from newsledger.store.records import save_record

    for r in records:
        save_record(store, r, record_hash(r.article.id))
