"""What the web app asks the ledger: read-only queries, plain dicts out (JSON-ready).

Built on the store's public query layer (`store.query.select_events`, `timeline_rows`,
`event_conditions`; the filters of `store.filters`, the event rows of `store.schema`, the
same as the CLI, the exports and `Ledger.events()` give) where it answers the question, and on the backend
interface (`Store.rows`) with bound parameters where the app needs another shape
(articles, one event with its reports, map and network aggregates). No SQL here is
assembled from a user's value: user values only ever travel as parameters.
"""

from __future__ import annotations

import heapq
import json
import math
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..data import read_tsv
from ..store.aliases import current_key
from ..store.backend import Store
from ..store.filters import Filters
from ..store.keys import name_norm
from ..store.query import (
    EVENT_COLUMNS,
    EVENT_FIELDS,
    derived_conditions,
    event_conditions,
    select_events,
)
from ..store.query import timeline_rows as query_timeline_rows
from ..store.schema import json_row, ledger_rows


class BadRequest(ValueError):
    """A request parameter that cannot be used; its message says why (HTTP 400)."""


class NotFound(LookupError):
    """An id that names nothing in the ledger (HTTP 404)."""


class Moved(LookupError):
    """A ledger event key that was given before the event was regrouped: `key` is the ledger
    event that holds its report now (HTTP 307 to it)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"this event is now {key}")
        self.key = key


# --- PLOVER: the cooperation-conflict scale -----------------------------------------------------

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@lru_cache(maxsize=1)
def plover_scale() -> dict[str, dict[str, Any]]:
    """PLOVER type -> CAMEO root, quad class and Goldstein value (data/plover_cameo.tsv)."""
    out = {}
    for row in read_tsv("plover_cameo.tsv"):
        quad = int(row["quad_class"])
        out[row["plover"]] = {"type": row["plover"], "cameo_root": row["cameo_root"], "quad_class": quad,
                              "quad_name": QUAD_NAMES[quad], "goldstein": float(row["goldstein"])}
    return out


def goldstein(event_type: str | None) -> float | None:
    info = plover_scale().get(event_type or "")
    return info["goldstein"] if info else None


def quad_class(event_type: str | None) -> int | None:
    info = plover_scale().get(event_type or "")
    return info["quad_class"] if info else None


# --- filters ------------------------------------------------------------------------------------

def _clean(value: str | None, name: str, max_len: int = 200) -> str | None:
    """A free-text parameter (search words, a speaker's name): stripped, bounded, printable."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > max_len:
        raise BadRequest(f"{name} is longer than {max_len} characters")
    if any(ord(c) < 32 for c in value):
        raise BadRequest(f"{name} contains control characters")
    return value


# --- overview and articles ------------------------------------------------------------------------

def overview(store: Store) -> dict[str, Any]:
    counts = {}
    for table in ("articles", "quotes", "actors"):
        counts[table] = int(store.scalar(f"SELECT count(*) FROM {table}") or 0)
    # Every complete ledger event is in one row of the monthly summary (undated ones under '').
    counts["ledger_events"] = int(store.scalar("SELECT sum(events) FROM ledger_months") or 0)
    errors = int(store.scalar("SELECT count(*) FROM documents WHERE status = 'error'") or 0)
    # Two queries: each is one seek in the day index, which one query asking both is not.
    lo = store.scalar("SELECT min(day_start) FROM ledger_events")
    hi = store.scalar("SELECT max(day_start) FROM ledger_events")
    return {"articles": counts["articles"], "events": counts["ledger_events"], "quotes": counts["quotes"],
            "actors": counts["actors"], "error_documents": errors, "first_event_day": lo, "last_event_day": hi,
            "backend": store.dialect}


_ARTICLE_COLUMNS = "a.article_key, a.title, a.published, a.source, a.url, a.n_entities, a.n_places, a.n_quotes, a.n_events, a.ingested_at"


def _article_row(r: tuple) -> dict[str, Any]:
    keys = [c.strip().removeprefix("a.") for c in _ARTICLE_COLUMNS.split(",")]
    out = dict(zip(keys, r, strict=True))
    out["id"] = out.pop("article_key")
    return out


def articles(store: Store, *, text: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stored articles, most recently ingested first; `text`: words that must all occur."""
    where = ""
    params: list[Any] = []
    text = _clean(text, "q")
    if text:
        sql, params = store.text_match_articles(text)
        where = f"WHERE a.id IN ({sql})"
    total = int(store.scalar(f"SELECT count(*) FROM articles a {where}", params) or 0)
    rows = store.rows(f"SELECT {_ARTICLE_COLUMNS} FROM articles a {where} ORDER BY a.id DESC LIMIT ? OFFSET ?",
                      [*params, int(limit), int(offset)])
    return {"total": total, "limit": limit, "offset": offset, "articles": [_article_row(r) for r in rows]}


def article(store: Store, key: str) -> dict[str, Any]:
    """One article: its record as extracted, and where it came from (the documents that gave it)."""
    row = store.one(f"SELECT a.id, a.record, {_ARTICLE_COLUMNS} FROM articles a WHERE a.article_key = ?", (key,))
    if row is None:
        raise NotFound(f"no article {key!r}")
    article_id, record_json = row[0], row[1]
    info = _article_row(row[2:])
    documents = [
        {"content_hash": h, "status": s, "source": src, "input_id": iid, "ingested_at": at}
        for h, s, src, iid, at in store.rows(
            "SELECT content_hash, status, source, input_id, ingested_at FROM documents WHERE article_id = ? "
            "ORDER BY id", (article_id,))]
    ledger = dict(store.rows(
        "SELECT e.local_id, le.key FROM events e JOIN ledger_events le ON le.id = e.ledger_event_id "
        "WHERE e.article_id = ?", (article_id,)))
    return {"article": info, "record": json.loads(record_json), "documents": documents, "ledger_events": ledger}


# --- events ------------------------------------------------------------------------------------------

def event_list(store: Store, filters: Filters, *, limit: int = 200, newest_first: bool = False) -> list[dict[str, Any]]:
    """Ledger events matching `filters` as event rows (`store.schema`, JSON-ready: dates ISO),
    dated ones by day, then undated ones."""
    return [json_row(r) for r in ledger_rows(store, select_events(store, filters, limit=limit,
                                                                  newest_first=newest_first))]


def ledger_event(store: Store, key: str) -> dict[str, Any]:
    """One ledger event: its event row, its participants and every article report behind it."""
    row = store.one(f"SELECT {EVENT_COLUMNS} FROM ledger_events le WHERE le.key = ?", (key,))
    if row is None:
        now = current_key(store, key)
        if now is not None and now != key:
            raise Moved(now)
        raise NotFound(f"no event {key!r}")
    r = dict(zip(EVENT_FIELDS, row, strict=True))
    out = json_row(ledger_rows(store, [r])[0])
    participants = store.rows(
        "SELECT role, name, country, sector, ident FROM ledger_actors WHERE ledger_event_id = ? ORDER BY role, name",
        (r["id"],))
    out["participants"] = [{"role": p[0], "name": p[1], "country": p[2], "sector": p[3], "ident": p[4]}
                           for p in participants]
    reports = store.rows(
        "SELECT a.article_key, a.title, a.published, coalesce(a.url, a.source), e.local_id, e.type, e.date_start, "
        "e.date_end, e.place_name, e.trigger_text, e.evidence, e.confidence FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.ledger_event_id = ? "
        "ORDER BY a.published, a.article_key, e.local_id", (r["id"],))
    out["reports"] = [{"article": x[0], "title": x[1], "published": x[2], "source": x[3], "event": x[4], "type": x[5],
                       "date_start": x[6], "date_end": x[7], "place": x[8], "trigger": x[9], "evidence": x[10],
                       "confidence": _float(x[11])} for x in reports]
    return out


def _float(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


# --- timeline ----------------------------------------------------------------------------------------

def timeline(store: Store, filters: Filters, *, by: str | None = None, limit: int = 200) -> dict[str, Any]:
    """Events per period by the day they happened, and the first `limit` of them in order.
    Without `by`: months, or years when the events span more than 15 years, or days when
    they fall within three months."""
    if by not in (None, "day", "month", "year"):
        raise BadRequest("by must be day, month or year")
    periods = _periods(store, filters, by or "month")
    if by is None and periods:
        first, last = periods[0]["period"], periods[-1]["period"]
        months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
        if months > 15 * 12:
            by = "year"
            years: dict[str, dict[str, Any]] = {}
            for p in periods:
                y = years.setdefault(p["period"][:4], {"period": p["period"][:4], "events": 0, "reports": 0})
                y["events"] += p["events"]
                y["reports"] += p["reports"]
            periods = list(years.values())
        elif months <= 3:
            by = "day"
            periods = _periods(store, filters, "day")
    by = by or "month"
    total = sum(p["events"] for p in periods)
    events = event_list(store, filters, limit=limit, newest_first=False) if limit else []
    return {"by": by, "periods": periods, "dated_events": total, "events": events, "limit": limit}


def _periods(store: Store, filters: Filters, by: str) -> list[dict[str, Any]]:
    return [{"period": p, "events": int(e), "reports": int(r or 0)}
            for p, e, r in query_timeline_rows(store, filters, by=by)]


# --- map -----------------------------------------------------------------------------------------------

def map_data(store: Store, filters: Filters, *, limit: int = 1000) -> dict[str, Any]:
    """Where the events happened (grouped by place) and how many per country. Without
    filters, from the summary of places (`ledger_places`) rather than every event."""
    if not filters:  # no filter narrows anything
        rows = [(name, country or None, kind or None, sum_lat / n, sum_lon / n, n, reports, first, last)
                for name, country, kind, n, reports, sum_lat, sum_lon, first, last in store.rows(
                    "SELECT place_name, place_country, place_kind, events, reports, sum_lat, sum_lon, first_day, "
                    "last_day FROM ledger_places WHERE events > 0")]
    else:
        where, params = event_conditions(store, filters)
        where += ["le.lat IS NOT NULL", "le.lon IS NOT NULL"]
        rows = store.rows(
            "SELECT le.place_name, le.place_country, le.place_kind, avg(le.lat), avg(le.lon), count(*), "
            f"sum(le.n_reports), min(le.day_start), max(le.day_start) FROM ledger_events le WHERE {' AND '.join(where)} "
            "GROUP BY le.place_name, le.place_country, le.place_kind", params)
    # Busiest first; ties by name, country and kind, the same on every backend.
    rows.sort(key=lambda r: (-int(r[5]), r[0] or "", r[1] or "", r[2] or ""))
    countries: dict[str, int] = {}
    for r in rows:
        if r[1]:
            countries[r[1]] = countries.get(r[1], 0) + int(r[5])
    places = [{"name": r[0], "country": r[1], "kind": r[2], "lat": round(float(r[3]), 4), "lon": round(float(r[4]), 4),
               "events": int(r[5]), "reports": int(r[6] or 0), "first_day": r[7], "last_day": r[8]}
              for r in rows[:limit]]
    return {"places": places, "n_places": len(rows), "countries": countries}


def mentioned_places(store: Store, *, country: str | None = None, limit: int = 1000) -> dict[str, Any]:
    """The places the stored articles mention, by how many articles mention them."""
    where, params = ["p.lat IS NOT NULL"], []
    if country:
        where.append("p.country = ?")
        params.append(country.upper())
    rows = store.rows(
        "SELECT p.name, p.country, p.kind, avg(p.lat), avg(p.lon), count(DISTINCT p.article_id) FROM places p "
        f"WHERE {' AND '.join(where)} GROUP BY p.geonameid, p.name, p.country, p.kind "
        "ORDER BY count(DISTINCT p.article_id) DESC, p.name LIMIT ?", [*params, int(limit)])
    return {"places": [{"name": r[0], "country": r[1], "kind": r[2], "lat": round(float(r[3]), 4),
                        "lon": round(float(r[4]), 4), "articles": int(r[5])} for r in rows]}


# --- actor network --------------------------------------------------------------------------------------

def default_window(store: Store, filters: Filters, days: int = 365) -> Filters:
    """The filters with a date range of the `days` up to the latest event, when none is given:
    a whole-store network is a hairball and slow to draw."""
    if filters.date_from or filters.date_to:
        return filters
    hi = store.scalar("SELECT max(day_start) FROM ledger_events")
    if not hi:
        return filters
    lo = (date.fromisoformat(hi) - timedelta(days=days - 1)).isoformat()
    return filters.replace(date_from=lo, date_to=hi)


def network(store: Store, filters: Filters, *, max_edges: int = 80) -> dict[str, Any]:
    """Who acts on whom: actor -> recipient edges weighted by the number of events, with
    the events' mix of PLOVER quad classes and their mean Goldstein value (-10 conflict .. +10
    cooperation). Read from the pairs of participants of every event (`ledger_pairs`)."""
    where, params = derived_conditions(store, filters, id_column="p.ledger_event_id", day_column="p.day_start",
                                       type_column="p.type")
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    # The heaviest edges first (ties by source and target, the same on every backend), then
    # the types of those edges only.
    pairs = store.rows(f"SELECT p.source, p.target, count(*) FROM ledger_pairs p {clause} GROUP BY p.source, p.target",
                       params)
    top = heapq.nsmallest(max_edges, ((-int(n), a, r) for a, r, n in pairs))
    kept = [{"source": a, "target": r, "events": -n, "quad": [0, 0, 0, 0], "types": {}, "_g": 0.0, "_gn": 0}
            for n, a, r in top]
    by_pair = {(e["source"], e["target"]): e for e in kept}
    for i in range(0, len(kept), 200):
        chunk = kept[i:i + 200]
        values = ", ".join("(?, ?)" for _ in chunk)
        for a, r, etype, n in store.rows(
                f"SELECT p.source, p.target, p.type, count(*) FROM ledger_pairs p {clause}{' AND' if where else 'WHERE'} "
                f"(p.source, p.target) IN (VALUES {values}) GROUP BY p.source, p.target, p.type",
                [*params, *(x for e in chunk for x in (e["source"], e["target"]))]):
            edge, n = by_pair[(a, r)], int(n)
            edge["types"][etype] = n
            q, g = quad_class(etype), goldstein(etype)
            if q:
                edge["quad"][q - 1] += n
            if g is not None:
                edge["_g"] += g * n
                edge["_gn"] += n
    names = participant_names(store, {end for e in kept for end in (e["source"], e["target"])})
    degree: dict[str, int] = {}
    for e in kept:
        e["goldstein"] = round(e.pop("_g") / e["_gn"], 2) if e["_gn"] else None
        e.pop("_gn")
        for end in (e["source"], e["target"]):
            degree[end] = degree.get(end, 0) + e["events"]
    nodes = [{"id": ident, "name": names.get(ident, (ident[2:], None))[0], "country": names.get(ident, (None, None))[1],
              "events": n} for ident, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": kept, "n_edges": len(pairs),
            "date_from": filters.date_from, "date_to": filters.date_to}


def participant_names(store: Store, idents: set[str]) -> dict[str, tuple[str, str | None]]:
    """Name and country of participants (`ledger_actors.ident`): a canonical actor's from the
    knowledge base, another participant's as the ledger names it."""
    out: dict[str, tuple[str, str | None]] = {}
    chunk: list[Any]
    ids = sorted(int(i[2:]) for i in idents if i.startswith("a:") and i[2:].isdigit())
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for aid, name, country in store.rows(
                f"SELECT id, name, country FROM actors WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            out[f"a:{aid}"] = (name, country)
    norms = sorted(i[2:] for i in idents if i.startswith("n:"))
    for i in range(0, len(norms), 500):
        chunk = norms[i:i + 500]
        for ident, name, country in store.rows(
                "SELECT ident, max(name), max(country) FROM ledger_actors "
                f"WHERE name_norm IN ({', '.join('?' * len(chunk))}) AND actor_id IS NULL GROUP BY ident", chunk):
            if ident in idents:
                out[ident] = (name, country)
    return out


# --- quotes ----------------------------------------------------------------------------------------------

def quotes(store: Store, *, speaker: str | None = None, text: str | None = None, country: str | None = None,
           limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Who said what: quotes with their speakers, newest article first; `speaker` means the
    canonical actor through the knowledge base (all its aliases) or that exact name; `text`
    are words that must all occur in the quote or the words naming its speaker."""
    from ..store.knowledge import find_actor

    where: list[str] = []
    params: list[Any] = []
    speaker = _clean(speaker, "speaker")
    if speaker:
        ids = find_actor(store, speaker) if store.has_table("actors") else []
        norm = name_norm(speaker)
        if ids:
            where.append(f"(q.speaker_norm = ? OR en.actor_id IN ({', '.join('?' * len(ids))}))")
            params += [norm, *ids]
        else:
            where.append("(q.speaker_norm = ? OR lower(q.speaker_text) = lower(?))")
            params += [norm, speaker]
    if country:
        where.append("en.country = ?")
        params.append(country.upper())
    text = _clean(text, "q")
    if text:
        sql, p = store.text_match_quotes(text)
        where.append(f"q.id IN ({sql})")
        params += p
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    base = ("FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN entities en ON en.article_id = q.article_id AND en.local_id = q.speaker_local ")
    total = int(store.scalar(f"SELECT count(*) {base}{clause}", params) or 0)
    rows = store.rows(
        "SELECT a.article_key, q.local_id, coalesce(en.name, q.speaker_text), en.country, en.sector, q.speaker_text, "
        "q.kind, q.text, q.cue, a.published, a.title, coalesce(a.url, a.source), q.start_char, q.end_char "
        f"{base}{clause} ORDER BY a.published IS NULL, a.published DESC, q.id LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)])
    return {"total": total, "limit": limit, "offset": offset, "quotes": [
        {"article": r[0], "quote": r[1], "speaker": r[2], "speaker_country": r[3], "speaker_sector": r[4],
         "speaker_text": r[5], "kind": r[6], "text": r[7], "cue": r[8], "published": r[9], "title": r[10],
         "source": r[11], "start": int(r[12]), "end": int(r[13])} for r in rows]}


# --- actors ------------------------------------------------------------------------------------------------

def actor_names(store: Store, prefix: str | None = None, limit: int = 20) -> list[str]:
    """Names of canonical actors: those with a name or alias beginning with `prefix`, by name
    (the filter form's suggestions); without a prefix, the actors most articles name first."""
    if prefix is None or not prefix.strip():
        rows = store.rows("SELECT name FROM actors WHERE merged_into IS NULL ORDER BY n_articles DESC, name LIMIT ?",
                          (int(limit),))
        return [r[0] for r in rows]
    norm = name_norm(prefix)
    if not norm:
        return []
    rows = store.rows("SELECT DISTINCT a.name FROM actor_aliases al JOIN actors a ON a.id = al.actor_id "
                      "WHERE al.alias_norm >= ? AND al.alias_norm < ? AND al.source <> 'removed' "
                      "AND a.merged_into IS NULL ORDER BY a.name LIMIT ?", (norm, norm + "\uffff", int(limit)))
    return [r[0] for r in rows]
