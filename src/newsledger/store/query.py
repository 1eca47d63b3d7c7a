"""Questions to the ledger: events (deduplicated), quotes, timelines; pandas DataFrames out.

Filters (all optional, combined with AND):
- `actor`: a name or actor key. Through the knowledge base it means the canonical actor(s)
  that name denotes, with all their aliases; a name the knowledge base does not know
  matches participants of that exact name.
- `country`: ISO alpha-3 of a participant (actor or recipient).
- `event_type`: a PLOVER type, or several separated by commas.
- `date_from`, `date_to`: ISO dates or prefixes ('2024', '2024-02'); an event is in the
  range when its first day is (as in GDELT, where an event has one date).
- `place` (a gazetteer name, or 'lat,lon') and `radius_km`: events located within the radius.
- `text`: words that must all occur in a reporting article (full-text index).
- `speaker`: events asserted in a quote of that speaker (for `quotes()`: quotes of the speaker).
- `min_reports`: only events reported by at least that many articles.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import Any

from .backend import Store, StoreError
from .keys import day_bounds, name_norm

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass
class Filters:
    actor: str | None = None
    country: str | None = None
    event_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    radius_km: float = 50.0
    text: str | None = None
    speaker: str | None = None
    min_reports: int | None = None

    @classmethod
    def of(cls, **kwargs: Any) -> Filters:
        names = {f.name for f in fields(cls)}
        unknown = set(kwargs) - names
        if unknown:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        return cls(**{k: v for k, v in kwargs.items() if v is not None})


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _actor_terms(store: Store, name: str) -> tuple[list[int], str]:
    """Canonical actor ids a name denotes, and the name's own key."""
    from .knowledge import find_actor

    if not store.has_table("actors"):
        return [], name_norm(name)
    return find_actor(store, name), name_norm(name)


def resolve_place(place: str) -> tuple[float, float, str]:
    m = _LATLON.match(place)
    if m:
        return float(m.group(1)), float(m.group(2)), place
    from ..gazetteer import Gazetteer

    hits = Gazetteer.open().lookup(place)
    if not hits:
        raise StoreError(f"place {place!r} is not in the gazetteer; give 'lat,lon' instead")
    best = hits[0]
    return best.lat, best.lon, best.name


def _date_range(f: Filters) -> tuple[str | None, str | None]:
    lo = day_bounds(f.date_from, f.date_from)[0] if f.date_from else None
    hi = day_bounds(f.date_to, f.date_to)[1] if f.date_to else None
    if (f.date_from and lo is None) or (f.date_to and hi is None):
        raise StoreError("dates must be ISO dates or prefixes: 2024, 2024-02, 2024-02-20")
    return lo, hi


def _geo_terms(f: Filters, lat_col: str, lon_col: str) -> tuple[list[str], list[Any]]:
    lat, lon, _ = resolve_place(f.place)
    r = float(f.radius_km)
    dlat = r / 110.574
    dlon = r / max(1e-6, 111.320 * math.cos(math.radians(min(89.9, abs(lat)))))
    where = [f"{lat_col} BETWEEN ? AND ?", f"haversine_km({lat_col}, {lon_col}, ?, ?) <= ?"]
    params: list[Any] = [lat - dlat, lat + dlat, lat, lon, r]
    if dlon < 180:
        where.insert(1, f"{lon_col} BETWEEN ? AND ?")
        params[2:2] = [lon - dlon, lon + dlon]
    return where, params


def _actor_condition(store: Store, f: Filters) -> tuple[str, list[Any]] | None:
    """The condition on `ledger_actors la` for the actor filter: a name the knowledge base
    knows means its canonical actor(s); any other name means participants called exactly that."""
    if not f.actor:
        return None
    ids, norm = _actor_terms(store, f.actor)
    if ids:
        return f"la.actor_id IN ({_marks(ids)})", list(ids)
    return "la.name_norm = ?", [norm]


def _country_condition(f: Filters) -> tuple[str, list[Any]] | None:
    return ("la.country = ?", [f.country.upper()]) if f.country else None


def participant_condition(store: Store, f: Filters) -> tuple[str, list[Any]] | None:
    """The participant condition that can drive an events query (the actor's, else the
    country's): its rows are read newest first from one index."""
    return _actor_condition(store, f) or _country_condition(f)


def event_conditions(store: Store, f: Filters, *, driven: bool = False) -> tuple[list[str], list[Any]]:
    """WHERE terms over `ledger_events le` for the filters. With `driven`, the caller reads
    `ledger_actors la` under `participant_condition` itself, and that term is left out."""
    where: list[str] = []
    params: list[Any] = []
    if f.event_type:
        types = [t.strip().upper() for t in f.event_type.split(",") if t.strip()]
        where.append(f"le.type IN ({_marks(types)})")
        params += types
    lo, hi = _date_range(f)
    if lo:
        where.append("le.day_start >= ?")
        params.append(lo)
    if hi:
        where.append("le.day_start <= ?")
        params.append(hi)
    if f.min_reports:
        where.append("le.n_reports >= ?")
        params.append(int(f.min_reports))
    conditions = [_actor_condition(store, f), _country_condition(f)]
    if driven:
        conditions.remove(participant_condition(store, f))
    for cond in conditions:
        if cond is not None:  # each may be met by a different participant
            where.append(f"le.id IN (SELECT la.ledger_event_id FROM ledger_actors la WHERE {cond[0]})")
            params += cond[1]
    if f.place:
        geo, geo_params = _geo_terms(f, "le.lat", "le.lon")
        where += geo
        params += geo_params
    if f.text:
        sql, text_params = store.text_match_articles(f.text)
        where.append(f"le.id IN (SELECT e.ledger_event_id FROM events e WHERE e.article_id IN ({sql}))")
        params += text_params
    if f.speaker:
        cond, speaker_params = _speaker_condition(store, f.speaker)
        where.append("le.id IN (SELECT e.ledger_event_id FROM events e JOIN quotes q "
                     "ON q.article_id = e.article_id AND q.local_id = e.said_by "
                     f"LEFT JOIN entities en ON en.article_id = q.article_id AND en.local_id = q.speaker_local "
                     f"WHERE {cond})")
        params += speaker_params
    return where, params


def _speaker_condition(store: Store, speaker: str) -> tuple[str, list[Any]]:
    ids, norm = _actor_terms(store, speaker)
    if ids:
        return f"(q.speaker_norm = ? OR en.actor_id IN ({_marks(ids)}))", [norm, *ids]
    return "q.speaker_norm = ?", [norm]


EVENT_COLUMNS = ("le.id, le.key, le.type, le.mode, le.context, le.date_start, le.date_end, le.day_start, "
                 "le.place_name, le.place_country, le.place_kind, le.geonameid, le.lat, le.lon, le.n_reports, le.n_mentions, le.confidence, le.negated, "
                 "le.hypothetical, le.future, le.historical, le.first_reported, le.last_reported, le.source_url, "
                 "le.trigger_text, le.evidence")


def events(store: Store, filters: Filters | None = None, *, limit: int | None = 100, newest_first: bool = True):
    """Ledger events matching `filters` as a DataFrame, with their actors and recipients;
    dated events by date (newest first by default), then undated ones."""
    f = filters or Filters()
    order = "DESC" if newest_first else "ASC"
    driver = participant_condition(store, f)
    rows: list[tuple] = []
    for dated in (True, False):
        if limit and len(rows) >= limit:
            break
        room = f" LIMIT {int(limit) - len(rows)}" if limit else ""
        if driver is not None:
            # Walk the actor's (or country's) participations newest first in their index
            # and stop at the limit, instead of collecting every event of a busy actor.
            where, params = event_conditions(store, f, driven=True)
            where = [driver[0], "la.day_start IS NOT NULL" if dated else "la.day_start IS NULL", *where]
            sql = (f"SELECT {EVENT_COLUMNS} FROM ledger_actors la JOIN ledger_events le ON le.id = la.ledger_event_id "
                   f"WHERE {' AND '.join(where)} "
                   f"ORDER BY la.day_start {order}, la.ledger_event_id {order}{room}")
            params = [*driver[1], *params]
        else:
            where, params = event_conditions(store, f)
            where.append("le.day_start IS NOT NULL" if dated else "le.day_start IS NULL")
            sql = (f"SELECT {EVENT_COLUMNS} FROM ledger_events le WHERE {' AND '.join(where)} "
                   f"ORDER BY le.day_start {order}, le.id {order}{room}")
        seen = {r[0] for r in rows}
        for row in store.rows(sql, params):
            if row[0] not in seen:  # one event once, though it has the actor in both roles
                seen.add(row[0])
                rows.append(row)
    import pandas as pd

    frame = pd.DataFrame(rows, columns=[c.strip().removeprefix("le.") for c in EVENT_COLUMNS.split(",")])
    _add_participants(store, frame)
    for flag in ("negated", "hypothetical", "future", "historical"):
        frame[flag] = frame[flag].astype(bool)
    return frame.drop(columns=["id"])


def _add_participants(store: Store, frame) -> None:
    names: dict[tuple[int, str], list[str]] = defaultdict(list)
    codes: dict[tuple[int, str], list[str]] = defaultdict(list)
    ids = [int(i) for i in frame["id"]] if len(frame) else []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for lid, role, name, country, sector in store.rows(
                "SELECT ledger_event_id, role, name, country, sector FROM ledger_actors "
                f"WHERE ledger_event_id IN ({_marks(chunk)}) ORDER BY ledger_event_id, role, name", chunk):
            names[(lid, role)].append(name)
            codes[(lid, role)].append("".join(filter(None, (country, sector))) or "")
    for role, column in (("actor", "actors"), ("recipient", "recipients")):
        frame[column] = ["; ".join(names.get((int(i), role), [])) for i in frame["id"]]
        frame[column[:-1] + "_codes"] = ["; ".join(codes.get((int(i), role), [])) for i in frame["id"]]


def timeline(store: Store, filters: Filters | None = None, *, by: str = "month"):
    """Events per day, month or year (by their first day), with the reports behind them."""
    width = {"day": 10, "month": 7, "year": 4}.get(by)
    if width is None:
        raise StoreError("a timeline is by day, month or year")
    where, params = event_conditions(store, filters or Filters())
    where.append("le.day_start IS NOT NULL")
    return store.frame(
        f"SELECT substr(le.day_start, 1, {width}) AS period, count(*) AS events, CAST(sum(le.n_reports) AS BIGINT) AS reports "
        f"FROM ledger_events le WHERE {' AND '.join(where)} GROUP BY substr(le.day_start, 1, {width}) "
        "ORDER BY period", params)


def quotes(store: Store, filters: Filters | None = None, *, limit: int | None = 100):
    """Quotes with their speakers; `speaker`, `text`, `actor` (the speaker), `country` (of
    the speaker) and the date range (the article's publication) apply."""
    f = filters or Filters()
    where: list[str] = []
    params: list[Any] = []
    for who in (f.speaker, f.actor):
        if who:
            cond, p = _speaker_condition(store, who)
            where.append(cond)
            params += p
    if f.country:
        where.append("en.country = ?")
        params.append(f.country.upper())
    if f.text:
        sql, p = store.text_match_quotes(f.text)
        where.append(f"q.id IN ({sql})")
        params += p
    lo, hi = _date_range(f)
    if lo:
        where.append("a.published >= ?")
        params.append(lo)
    if hi:
        where.append("a.published <= ?")
        params.append(hi + "T99")
    sql = ("SELECT coalesce(en.name, q.speaker_text) AS speaker, en.country AS speaker_country, "
           "en.sector AS speaker_sector, q.kind, q.text, q.cue, a.published, coalesce(a.url, a.source) AS source, "
           "a.title, q.start_char, q.end_char "
           "FROM quotes q JOIN articles a ON a.id = q.article_id "
           "LEFT JOIN entities en ON en.article_id = q.article_id AND en.local_id = q.speaker_local "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY a.published IS NULL, a.published DESC, q.id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.frame(sql, params)


def reports(store: Store, ledger_key: str):
    """The article reports grouped into one ledger event."""
    return store.frame(
        "SELECT a.article_key, a.published, coalesce(a.url, a.source) AS source, a.title, e.local_id AS event, "
        "e.type, e.date_start, e.date_end, e.place_name, e.trigger_text, e.evidence, e.confidence "
        "FROM ledger_events le JOIN events e ON e.ledger_event_id = le.id JOIN articles a ON a.id = e.article_id "
        "WHERE le.key = ? ORDER BY a.published, a.article_key, e.local_id", (ledger_key,))


def stats(store: Store) -> dict[str, Any]:
    from .migrations import version

    counts = {}
    for table in ("documents", "articles", "events", "ledger_events", "quotes", "entities", "actors"):
        counts[table] = int(store.scalar(f"SELECT count(*) FROM {table}") or 0) if store.has_table(table) else 0
    by_status = dict(store.rows("SELECT status, count(*) FROM documents GROUP BY status")) if counts["documents"] else {}
    return {"store": store.url if store.dialect == "sqlite" else _redact(store.url), "backend": store.dialect,
            "schema_version": version(store), **counts,
            "documents_by_status": {k: int(v) for k, v in by_status.items()}}


def _redact(url: str) -> str:
    return re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", url)
