"""One event row: the columns every table of events has, whoever writes it.

`newsledger query`, the CSV and Parquet exports, `Ledger.events()` (a pandas DataFrame),
the HTTP API and the Spark job's `events/` table give an event as the same columns
(`EVENT_COLUMNS`), with the same names and meanings; the README's event table is
`column_table()`. The ledger writes one row per ledger event (reports of one happening
grouped); Spark, which has no ledger, one row per event of a record, keyed as that event
would be as a ledger event of one report.

Types: dates are real dates (a pandas datetime64 column, a Parquet timestamp, a Spark
date; ISO `YYYY-MM-DD` in CSV and JSON) with `date_precision` beside them, so a month or a
year is never mistaken for its first day; lists (names, countries, sectors, contexts) are
lists in Parquet, JSON and DataFrames and `; `-joined in CSV, aligned item by item.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..data import read_tsv
from ..model import iso_first_day, iso_last_day

if TYPE_CHECKING:
    from ..model import Event, Record
    from .backend import Store


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str int float bool date list
    meaning: str


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("key", "str", "the event's key: stable across `ledger rebuild` (hash of its earliest report)"),
    Column("type", "str", "PLOVER event type (AGREE ... ASSAULT)"),
    Column("mode", "str", "PLOVER mode (how), if any"),
    Column("context", "list", "PLOVER contexts (why)"),
    Column("date_start", "date", "first day the event may have happened"),
    Column("date_end", "date", "last day the event may have happened"),
    Column("date_precision", "str", "day, month, year (the date is known only to that) or range"),
    Column("actor_names", "list", "actors (who did it)"),
    Column("actor_countries", "list", "ISO 3166 alpha-3 country of each actor (null when unknown)"),
    Column("actor_sectors", "list", "PLOVER sector of each actor (GOV, MIL, ...; null when unknown)"),
    Column("recipient_names", "list", "recipients (to whom)"),
    Column("recipient_countries", "list", "ISO 3166 alpha-3 country of each recipient"),
    Column("recipient_sectors", "list", "PLOVER sector of each recipient"),
    Column("place_name", "str", "where it happened"),
    Column("place_country", "str", "ISO 3166 alpha-3 country of the place"),
    Column("place_kind", "str", "city, region, country, continent or feature"),
    Column("geonameid", "int", "GeoNames id of the place"),
    Column("lat", "float", "latitude of the place"),
    Column("lon", "float", "longitude of the place"),
    Column("quad_class", "int", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    Column("goldstein", "float", "Goldstein value of the type's CAMEO root code (-10 conflict .. +10 cooperation)"),
    Column("n_reports", "int", "articles that report it"),
    Column("n_mentions", "int", "record events grouped into it"),
    Column("confidence", "float", "chance that at least one report is right"),
    Column("negated", "bool", "reported as not having happened"),
    Column("hypothetical", "bool", "reported as possible, not as having happened"),
    Column("future", "bool", "reported as planned or expected"),
    Column("historical", "bool", "background: ended more than a year before publication"),
    Column("trigger", "str", "the words that name the happening (earliest report)"),
    Column("evidence", "str", "the sentence(s) that report it (earliest report)"),
    Column("article_id", "str", "sha256 of the earliest report's article text (its record's article.id)"),
    Column("article_title", "str", "headline of that article"),
    Column("article_url", "str", "URL of that article (never a local file path; null when unknown)"),
    Column("article_published", "date", "publication date of that article"),
    Column("first_reported", "date", "publication date of the first report"),
    Column("last_reported", "date", "publication date of the last report"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in EVENT_COLUMNS)
DATE_COLUMNS = tuple(c.name for c in EVENT_COLUMNS if c.kind == "date")
LIST_COLUMNS = tuple(c.name for c in EVENT_COLUMNS if c.kind == "list")
BOOL_COLUMNS = tuple(c.name for c in EVENT_COLUMNS if c.kind == "bool")
LIST_SEPARATOR = "; "


def column_table() -> str:
    """The event row as a Markdown table (the README's)."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.kind} | {c.meaning} |" for c in EVENT_COLUMNS]
    return "\n".join(lines)


# --- values ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def plover_scale() -> dict[str, tuple[int, float]]:
    """PLOVER type -> (quad class, Goldstein value of its CAMEO root), from data/plover_cameo.tsv."""
    return {r["plover"]: (int(r["quad_class"]), float(r["goldstein"])) for r in read_tsv("plover_cameo.tsv")}


def date_precision(start: str | None, end: str | None) -> str | None:
    """day, month or year when start and end are the same ISO prefix of that length; else range."""
    if not start or not end:
        return None
    if start != end:
        return "range"
    return {4: "year", 7: "month"}.get(len(start), "day")


@lru_cache(maxsize=8192)
def first_day(value: str | None) -> date | None:
    """The first day of an ISO prefix or timestamp ('2024' -> 2024-01-01), or None."""
    if not value:
        return None
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return date(int(value[:4]), int(value[5:7]), int(value[8:10]))
        except ValueError:
            return None
    try:
        return iso_first_day(value)
    except (ValueError, IndexError):
        return None


@lru_cache(maxsize=8192)
def last_day(value: str | None) -> date | None:
    """The last day of an ISO prefix or timestamp ('2023-02' -> 2023-02-28), or None."""
    if not value:
        return None
    try:
        return iso_last_day(value)
    except (ValueError, IndexError):
        return None


def web_url(*candidates: str | None) -> str | None:
    """The first candidate that is an http(s) URL: a source that is a local path is never one."""
    for value in candidates:
        if value and value.strip().lower().startswith(("http://", "https://")):
            return value.strip()
    return None


def event_key(article_id: str, event_id: str) -> str:
    """The key of a ledger event whose earliest report is `event_id` of article `article_id`
    (the same formula as the ledger's grouping: see store/dedup.py)."""
    return "LE-" + hashlib.sha256(f"{article_id}#{event_id}".encode()).hexdigest()[:24]


def _participants(entities: Sequence[Any]) -> tuple[list, list, list]:
    return ([e.name for e in entities], [e.country for e in entities], [e.sector for e in entities])


# --- rows of the ledger --------------------------------------------------------------------------

def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def ledger_rows(store: Store, raw: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows for ledger events read from `ledger_events` (dicts with `id` and the table's
    columns), with their participants and their earliest report's article, in `raw`'s order.
    Each row also carries, for the exports: `_id` (the ledger event's row id), `_added`
    (when its first report was stored), `_start` (its date's start as the record wrote it),
    `_local` (the earliest report's event id in its record), `_outlet` and `_language` (of
    that article), `_sources` (every report's URL, else article id) and `_n_outlets`."""
    ids = [int(r["id"]) for r in raw]
    people: dict[tuple[int, str], list[tuple]] = defaultdict(list)
    articles: dict[int, tuple] = {}
    added: dict[int, str] = {}
    sources: dict[int, set[str]] = defaultdict(set)
    outlets: dict[int, set[str]] = defaultdict(set)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for lid, role, name, country, sector in store.rows(
                "SELECT ledger_event_id, role, name, country, sector FROM ledger_actors "
                f"WHERE ledger_event_id IN ({_marks(chunk)}) ORDER BY ledger_event_id, role, name", chunk):
            people[(lid, role)].append((name, country, sector))
        for lid, key, title, url, source, published, ingested, local, outlet, language in store.rows(
                "SELECT e.ledger_event_id, a.article_key, a.title, a.url, a.source, a.published, a.ingested_at, "
                "e.local_id, a.outlet, a.language FROM events e JOIN articles a ON a.id = e.article_id "
                f"WHERE e.ledger_event_id IN ({_marks(chunk)})", chunk):
            link = web_url(url, source)
            rank = (published is None, published or "", key, local)
            if lid not in articles or rank < articles[lid][0]:
                articles[lid] = (rank, key, title, link, published, local, outlet, language)
            if ingested and (lid not in added or ingested < added[lid]):
                added[lid] = ingested
            sources[lid].add(link or key)
            outlets[lid].add(outlet or (urlsplit(link).hostname if link else None) or key)
    scale = plover_scale()
    out = []
    for r in raw:
        lid = int(r["id"])
        actors = people.get((lid, "actor"), [])
        recipients = people.get((lid, "recipient"), [])
        quad, goldstein = scale.get(r["type"], (None, None))
        _, article_key, title, url, published, local, outlet, language = articles.get(lid, (None,) * 8)
        out.append({
            "key": r["key"], "type": r["type"], "mode": r["mode"],
            "context": (r["context"] or "").split("|") if r["context"] else [],
            "date_start": first_day(r["day_start"]), "date_end": last_day(r["day_end"] or r["day_start"]),
            "date_precision": date_precision(r["date_start"], r["date_end"]),
            "actor_names": [p[0] for p in actors], "actor_countries": [p[1] for p in actors],
            "actor_sectors": [p[2] for p in actors],
            "recipient_names": [p[0] for p in recipients], "recipient_countries": [p[1] for p in recipients],
            "recipient_sectors": [p[2] for p in recipients],
            "place_name": r["place_name"], "place_country": r["place_country"], "place_kind": r["place_kind"],
            "geonameid": int(r["geonameid"]) if r["geonameid"] is not None else None,
            "lat": r["lat"], "lon": r["lon"], "quad_class": quad, "goldstein": goldstein,
            "n_reports": int(r["n_reports"]), "n_mentions": int(r["n_mentions"]),
            "confidence": float(r["confidence"]) if r["confidence"] is not None else None,
            "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]), "future": bool(r["future"]),
            "historical": bool(r["historical"]),
            "trigger": r["trigger_text"], "evidence": r["evidence"],
            "article_id": article_key, "article_title": title, "article_url": url,
            "article_published": first_day(published),
            "first_reported": first_day(r["first_reported"]), "last_reported": first_day(r["last_reported"]),
            "_id": lid, "_added": added.get(lid), "_start": r["date_start"], "_local": local,
            "_outlet": outlet, "_language": language, "_sources": sorted(sources.get(lid, ())),
            "_n_outlets": len(outlets.get(lid, ())),
        })
    return out


# --- rows of a record (Spark, or a record outside any ledger) -------------------------------------

def event_row(record: Record, event: Event) -> dict[str, Any]:
    """The event row of one event of a record, as a ledger event of that one report would be."""
    entities = {e.id: e for e in record.entities}
    place = next((p for p in record.places if p.id == event.place), None) if event.place else None
    actors = [entities[i] for i in event.actor if i in entities]
    recipients = [entities[i] for i in event.recipient if i in entities]
    a_names, a_countries, a_sectors = _participants(actors)
    r_names, r_countries, r_sectors = _participants(recipients)
    quad, goldstein = plover_scale().get(event.type, (None, None))
    start, end = (event.date.start, event.date.end) if event.date else (None, None)
    published = first_day(record.article.published)
    return {
        "key": event_key(record.article.id, event.id), "type": event.type, "mode": event.mode,
        "context": list(event.context),
        "date_start": first_day(start), "date_end": last_day(end), "date_precision": date_precision(start, end),
        "actor_names": a_names, "actor_countries": a_countries, "actor_sectors": a_sectors,
        "recipient_names": r_names, "recipient_countries": r_countries, "recipient_sectors": r_sectors,
        "place_name": place.name if place else None, "place_country": place.country if place else None,
        "place_kind": place.kind if place else None, "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "quad_class": quad, "goldstein": goldstein, "n_reports": 1, "n_mentions": 1,
        "confidence": event.confidence, "negated": event.negated, "hypothetical": event.hypothetical,
        "future": event.future, "historical": event.historical,
        "trigger": event.trigger.text, "evidence": event.evidence.text,
        "article_id": record.article.id, "article_title": record.article.title,
        "article_url": web_url(record.article.url, record.article.source),
        "article_published": published, "first_reported": published, "last_reported": published,
    }


def record_rows(record: Record) -> list[dict[str, Any]]:
    return [event_row(record, v) for v in record.events]


# --- tables ------------------------------------------------------------------------------------

def frame(rows: Iterable[dict[str, Any]]):
    """Event rows as a pandas DataFrame with the schema's dtypes: dates datetime64, integers
    that may be missing `Int64`, flags bool, lists as Python lists."""
    import numpy as np
    import pandas as pd

    rows = list(rows)
    data: dict[str, Any] = {}
    for c in EVENT_COLUMNS:
        values = [row.get(c.name) for row in rows]
        if c.kind == "date":
            data[c.name] = np.array(values, dtype="datetime64[s]")
        elif c.kind == "int":
            mask = np.array([v is None for v in values], dtype=bool)
            data[c.name] = pd.arrays.IntegerArray(np.array([0 if v is None else v for v in values], dtype="int64"),
                                                  mask)
        elif c.kind == "float":
            data[c.name] = np.array([np.nan if v is None else v for v in values], dtype="float64")
        elif c.kind == "bool":
            data[c.name] = np.array([bool(v) for v in values], dtype=bool)
        else:
            column = np.empty(len(values), dtype=object)
            if c.kind == "list":  # item by item: numpy would read equal-length lists as a 2-D array
                for i, v in enumerate(values):
                    column[i] = v if v is not None else []
            else:
                column[:] = values
            data[c.name] = column
    return pd.DataFrame(data, columns=list(COLUMN_NAMES), copy=False)


def arrow_schema():
    """The Parquet schema of an event table (lists as list<string>, dates as timestamps that
    pandas reads back as datetime64)."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "date": pa.timestamp("ms"), "list": pa.list_(pa.string())}
    return pa.schema([pa.field(c.name, types[c.kind]) for c in EVENT_COLUMNS])


def arrow_table(rows: Sequence[dict[str, Any]]):
    import pyarrow as pa

    return pa.Table.from_pandas(frame(rows), schema=arrow_schema(), preserve_index=False)


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row for CSV/TSV: lists joined with '; ', dates ISO, missing values empty."""
    out = {}
    for name in COLUMN_NAMES:
        value = row.get(name)
        if isinstance(value, list):
            value = LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
        elif isinstance(value, date):
            value = value.isoformat()
        elif value is None:
            value = ""
        out[name] = value
    return out


def json_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row for JSON: dates ISO, lists as arrays."""
    out = {}
    for name in COLUMN_NAMES:
        value = row.get(name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def iter_json(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield json_row(row)


__all__ = ["COLUMN_NAMES", "EVENT_COLUMNS", "Column", "arrow_schema", "arrow_table", "column_table",
           "date_precision", "event_key", "event_row", "flat", "frame", "json_row", "ledger_rows", "record_rows",
           "web_url"]
