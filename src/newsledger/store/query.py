"""Questions to the ledger: events (deduplicated), quotes, timelines; pandas DataFrames out.

The filters are `filters.Filters` (one set of names and one validation for the CLI, the
Python API and the HTTP API); the event rows are `schema.EVENT_COLUMNS`. Nothing here
cuts an answer short unless asked: `limit=None` is every row.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Any

from .backend import Store, StoreError
from .filters import Filters
from .keys import day_bounds, name_norm

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


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
    assert f.place is not None
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
    where, params = _type_and_day_terms(f, type_column="le.type", day_column="le.day_start")
    lo, hi = _date_range(f)
    if f.min_reports:
        where.append("le.n_reports >= ?")
        params.append(int(f.min_reports))
    conditions = [_actor_condition(store, f), _country_condition(f)]
    if driven:
        conditions.remove(participant_condition(store, f))
    # A participant row carries its event's first day (check_store verifies it), so the
    # date range also narrows the participants read, in the same index.
    days, day_params = [], []
    if lo:
        days.append("la.day_start >= ?")
        day_params.append(lo)
    if hi:
        days.append("la.day_start <= ?")
        day_params.append(hi)
    for cond in conditions:
        if cond is not None:  # each may be met by a different participant
            where.append(f"le.id IN (SELECT la.ledger_event_id FROM ledger_actors la WHERE "
                         f"{' AND '.join([cond[0], *days])})")
            params += cond[1] + day_params
    if f.place:
        geo, geo_params = _geo_terms(f, "le.lat", "le.lon")
        where += geo
        params += geo_params
    if f.text:
        sql, text_params = store.text_match_articles(f.text)
        where.append(f"le.id IN (SELECT e.ledger_event_id FROM events e WHERE e.article_id IN ({sql}))")
        params += text_params
    if f.speaker:
        where_sql, speaker_params = _speaker_condition(store, f.speaker)
        where.append("le.id IN (SELECT e.ledger_event_id FROM events e JOIN quotes q "
                     "ON q.article_id = e.article_id AND q.local_id = e.said_by "
                     f"LEFT JOIN entities en ON en.article_id = q.article_id AND en.local_id = q.speaker_local "
                     f"WHERE {where_sql})")
        params += speaker_params
    return where, params


def derived_conditions(store: Store, f: Filters, *, id_column: str, day_column: str,
                       type_column: str) -> tuple[list[str], list[Any]]:
    """WHERE terms for the filters over a table derived from the ledger whose rows carry their
    ledger event's id, first day and type (such as `ledger_pairs`): what those columns
    answer is asked of them, the rest of the ledger event itself."""
    where, params = _type_and_day_terms(f, type_column=type_column, day_column=day_column)
    lo, hi = _date_range(f)
    days = [t for t, v in (("la.day_start >= ?", lo), ("la.day_start <= ?", hi)) if v]
    for cond in (_actor_condition(store, f), _country_condition(f)):
        if cond is not None:  # each may be met by a different participant
            where.append(f"{id_column} IN (SELECT la.ledger_event_id FROM ledger_actors la WHERE "
                         f"{' AND '.join([cond[0], *days])})")
            params += [*cond[1], *(v for v in (lo, hi) if v)]
    rest = Filters(place=f.place, radius_km=f.radius_km, text=f.text, speaker=f.speaker, min_reports=f.min_reports)
    if rest.place or rest.text or rest.speaker or rest.min_reports:
        sub, sub_params = event_conditions(store, rest)
        where.append(f"{id_column} IN (SELECT le.id FROM ledger_events le WHERE {' AND '.join(sub)})")
        params += sub_params
    return where, params


def _type_and_day_terms(f: Filters, *, type_column: str, day_column: str) -> tuple[list[str], list[Any]]:
    """The event-type and date-range terms, over the columns that hold an event's type and first day."""
    where: list[str] = []
    params: list[Any] = []
    types = list(f.types)
    if types:
        where.append(f"{type_column} IN ({_marks(types)})")
        params += types
    lo, hi = _date_range(f)
    if lo:
        where.append(f"{day_column} >= ?")
        params.append(lo)
    if hi:
        where.append(f"{day_column} <= ?")
        params.append(hi)
    return where, params


def _speaker_condition(store: Store, speaker: str) -> tuple[str, list[Any]]:
    ids, norm = _actor_terms(store, speaker)
    if ids:
        return f"(q.speaker_norm = ? OR en.actor_id IN ({_marks(ids)}))", [norm, *ids]
    return "q.speaker_norm = ?", [norm]


EVENT_COLUMNS = ("le.id, le.key, le.type, le.mode, le.context, le.date_start, le.date_end, le.day_start, le.day_end, "
                 "le.place_name, le.place_country, le.place_kind, le.geonameid, le.lat, le.lon, le.n_reports, le.n_mentions, le.confidence, le.negated, "
                 "le.hypothetical, le.future, le.historical, le.first_reported, le.last_reported, le.source_url, "
                 "le.trigger_text, le.evidence")


EVENT_FIELDS = tuple(c.strip().removeprefix("le.") for c in EVENT_COLUMNS.split(","))
PARTICIPANT_FIELDS = ("actors", "actor_codes", "recipients", "recipient_codes")
_FLAGS = ("negated", "hypothetical", "future", "historical")


def events(store: Store, filters: Filters | None = None, *, limit: int | None = None, newest_first: bool = True):
    """Ledger events matching `filters` as a DataFrame of event rows (`schema.EVENT_COLUMNS`:
    real date columns, lists of actors, recipients and their countries and sectors); dated
    events by date (newest first by default), then undated ones. Every event unless `limit`."""
    from .schema import frame, ledger_rows

    return frame(ledger_rows(store, select_events(store, filters, limit=limit, newest_first=newest_first)))


def count_events(store: Store, filters: Filters | None = None) -> int:
    """How many ledger events match `filters` (what `events` gives without a limit)."""
    where, params = event_conditions(store, filters or Filters())
    return int(store.scalar(f"SELECT count(*) FROM ledger_events le {'WHERE ' + ' AND '.join(where) if where else ''}",
                            params) or 0)


def event_rows(store: Store, filters: Filters | None = None, *, limit: int | None = 100,
               newest_first: bool = True) -> list[dict[str, Any]]:
    """Ledger events as plain dicts of the `ledger_events` columns (with `id`), their
    participants "; "-joined in `actors`, `actor_codes`, `recipients`, `recipient_codes`."""
    out = select_events(store, filters, limit=limit, newest_first=newest_first)
    _add_participants(store, out)
    return out


def select_events(store: Store, filters: Filters | None = None, *, limit: int | None = None,
                  newest_first: bool = True) -> list[dict[str, Any]]:
    """The `ledger_events` rows (dicts, with `id`) matching `filters`, dated ones by date
    (newest first by default), then undated ones."""
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
    return [dict(zip(EVENT_FIELDS, r, strict=True)) for r in rows]


def _add_participants(store: Store, rows: list[dict[str, Any]]) -> None:
    names: dict[tuple[int, str], list[str]] = defaultdict(list)
    codes: dict[tuple[int, str], list[str]] = defaultdict(list)
    ids = [int(r["id"]) for r in rows]
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for lid, role, name, country, sector in store.rows(
                "SELECT ledger_event_id, role, name, country, sector FROM ledger_actors "
                f"WHERE ledger_event_id IN ({_marks(chunk)}) ORDER BY ledger_event_id, role, name", chunk):
            names[(lid, role)].append(name)
            codes[(lid, role)].append("".join(filter(None, (country, sector))) or "")
    for r in rows:
        i = int(r["id"])
        for role, column in (("actor", "actors"), ("recipient", "recipients")):
            r[column] = "; ".join(names.get((i, role), []))
            r[column[:-1] + "_codes"] = "; ".join(codes.get((i, role), []))
        for flag in _FLAGS:
            r[flag] = bool(r[flag])


def timeline(store: Store, filters: Filters | None = None, *, by: str = "month"):
    """Events per day, month or year (by their first day), with the reports behind them.

    An event whose date is less precise than the period (known only to the year, on a
    timeline by month; to the month or year, on one by day) is in no period: it would
    otherwise land on the first month or day. `frame.attrs["unplaced_events"]` and
    `["unplaced_reports"]` count those."""
    import pandas as pd

    rows, unplaced = timeline_parts(store, filters, by=by)
    out = pd.DataFrame(rows, columns=["period", "events", "reports"])
    out.attrs["unplaced_events"], out.attrs["unplaced_reports"] = unplaced
    return out


def timeline_rows(store: Store, filters: Filters | None = None, *, by: str = "month") -> list[tuple[str, int, int]]:
    """What `timeline` returns, as (period, events, reports) tuples in order."""
    return timeline_parts(store, filters, by=by)[0]


def timeline_parts(store: Store, filters: Filters | None = None, *,
                   by: str = "month") -> tuple[list[tuple[str, int, int]], tuple[int, int]]:
    """(period, events, reports) tuples in order, and the (events, reports) whose dates are
    less precise than the period, which no period counts."""
    width = {"day": 10, "month": 7, "year": 4}.get(by)
    if width is None:
        raise StoreError("a timeline is by day, month or year")
    f = filters or Filters()
    totals = _timeline_totals(store, f, width)
    unplaced = [0, 0]
    for period, events, reports in _imprecise(store, f, width, totals):
        t = totals.get(period)
        if t is None:
            continue
        t[0] -= events
        t[1] -= reports
        unplaced[0] += events
        unplaced[1] += reports
    rows = [(p, e, r) for p, (e, r) in sorted(totals.items()) if e > 0]
    return rows, (unplaced[0], unplaced[1])


def _imprecise(store: Store, f: Filters, width: int, totals: dict[str, list[int]]) -> list[tuple[str, int, int]]:
    """Events (and their reports) per period of `totals` whose date is less precise than the
    period. Such an event's first day is the first of a month or of a year, so only those
    days of the periods counted are read (in the day index), not every event of the range."""
    if width <= 4 or not totals:
        return []
    lo, hi = _date_range(f)
    if lo is None or hi is None:
        first = store.scalar("SELECT min(day_start) FROM ledger_events")
        last = store.scalar("SELECT max(day_start) FROM ledger_events")
        if first is None:
            return []
        lo, hi = lo or first, hi or last
    if lo > hi:
        return []
    y0, y1 = int(lo[:4]), int(hi[:4])
    if width == 7:
        days = [f"{y:04d}-01-01" for y in range(y0, y1 + 1)]
    else:
        days = [f"{y:04d}-{m:02d}-01" for y in range(y0, y1 + 1) for m in range(1, 13)]
    days = [d for d in days if lo <= d <= hi and d[:width] in totals]
    out: dict[str, list[int]] = {}
    where, params = event_conditions(store, f)
    for i in range(0, len(days), 400):
        chunk = days[i:i + 400]
        for period, events, reports in store.rows(
                f"SELECT substr(le.day_start, 1, {width}), count(*), sum(le.n_reports) FROM ledger_events le "
                f"WHERE {' AND '.join([*where, f'le.day_start IN ({_marks(chunk)})', f'length(le.date_start) < {width}'])} "
                f"GROUP BY substr(le.day_start, 1, {width})", [*params, *chunk]):
            t = out.setdefault(period, [0, 0])
            t[0] += int(events)
            t[1] += int(reports or 0)
    return [(p, e, r) for p, (e, r) in sorted(out.items())]


def _timeline_totals(store: Store, f: Filters, width: int) -> dict[str, list[int]]:
    """Events and reports per period of `width` characters of the first day (summary tables
    where they answer: whole months of the range from `ledger_months` or, for one canonical
    actor, `ledger_actor_months`, and only the days of a partial first or last month from
    the events themselves)."""
    source = _summary_source(store, f) if width < 10 else None
    if source is None:
        return {p: [e, r] for p, e, r in _timeline_direct(store, f, width)}
    table, where, params = source
    lo, hi = _date_range(f)
    if lo and hi and lo > hi:
        return {}
    first = lo[:7] if lo and lo.endswith("-01") else (_next_month(lo[:7]) if lo else None)
    last = hi[:7] if hi and hi == day_bounds(hi[:7], hi[:7])[1] else (_previous_month(hi[:7]) if hi else None)
    totals: dict[str, list[int]] = {}

    def add(period: str, events: int, reports: int) -> None:
        t = totals.setdefault(period, [0, 0])
        t[0] += int(events)
        t[1] += int(reports or 0)

    if first is None or last is None or first <= last:
        where = [*where, "month <> ''"]
        params = list(params)
        if first:
            where.append("month >= ?")
            params.append(first)
        if last:
            where.append("month <= ?")
            params.append(last)
        for period, events, reports in store.rows(
                f"SELECT substr(month, 1, {width}), sum(events), sum(reports) FROM {table} "
                f"WHERE {' AND '.join(where)} GROUP BY substr(month, 1, {width})", params):
            if events:
                add(period, events, reports)
    # The days before the first whole month and after the last, from the events.
    edges: list[tuple[str, str]] = []
    if lo and (first is None or lo[:7] < first):
        month_end = _month_bounds(lo[:7])[1]
        edges.append((lo, min(hi, month_end) if hi else month_end))
    if hi and (last is None or hi[:7] > last) and not (edges and edges[0][1] >= hi):
        start = _month_bounds(hi[:7])[0]
        edges.append((max(lo, start) if lo else start, hi))
    for edge_lo, edge_hi in edges:
        part = f.replace(date_from=edge_lo, date_to=edge_hi)
        for period, events, reports in _timeline_direct(store, part, width):
            add(period, events, reports)
    return totals


def _timeline_direct(store: Store, f: Filters, width: int) -> list[tuple[str, int, int]]:
    where, params = event_conditions(store, f)
    where.append("le.day_start IS NOT NULL")
    return [(p, int(e), int(r or 0)) for p, e, r in store.rows(
        f"SELECT substr(le.day_start, 1, {width}) AS period, count(*) AS events, sum(le.n_reports) AS reports "
        f"FROM ledger_events le WHERE {' AND '.join(where)} GROUP BY substr(le.day_start, 1, {width}) "
        "ORDER BY period", params)]


def _summary_source(store: Store, f: Filters) -> tuple[str, list[str], list[Any]] | None:
    """The summary table (and its WHERE terms) that answers a timeline of `f` by month, if one does:
    no filter but types and dates (ledger_months), or one canonical actor and dates
    (ledger_actor_months)."""
    from .summaries import has_summaries

    if f.country or f.place or f.text or f.speaker or f.min_reports or not has_summaries(store):
        return None
    if not f.actor:
        if not f.types:
            return "ledger_months", [], []
        types = list(f.types)
        return "ledger_months", [f"type IN ({_marks(types)})"], types
    if f.types:
        return None
    ids, _ = _actor_terms(store, f.actor)
    if len(ids) != 1:  # a name the knowledge base does not know, or one naming several actors
        return None
    return "ledger_actor_months", ["ident = ?"], [f"a:{ids[0]}"]


def _month_bounds(month: str) -> tuple[str, str]:
    """The first and last day of a month 'YYYY-MM'."""
    first, last = day_bounds(month, month)
    assert first is not None and last is not None, month
    return first, last


def _next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def _previous_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y - (m == 1):04d}-{(m - 2) % 12 + 1:02d}"


def quotes(store: Store, filters: Filters | None = None, *, limit: int | None = None):
    """Quotes with their speakers, newest article first; `speaker`, `text`, `actor` (the
    speaker), `country` (of the speaker) and the date range (the article's publication)
    apply. `published` is a date column (the article's publication day). Every quote unless
    `limit`."""
    import pandas as pd

    clause, params = _quote_query(store, filters or Filters())
    sql = ("SELECT coalesce(en.name, q.speaker_text) AS speaker, en.country AS speaker_country, "
           "en.sector AS speaker_sector, q.kind, q.text, q.cue, a.published, a.url, a.source, "
           f"a.title, a.article_key AS article_id, q.start_char, q.end_char {clause} "
           "ORDER BY a.published IS NULL, a.published DESC, q.id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    out = store.frame(sql, params)
    out["published"] = pd.to_datetime(out["published"].map(lambda v: v[:10] if isinstance(v, str) else None),
                                      format="%Y-%m-%d", errors="coerce").astype("datetime64[s]")
    return out


def count_quotes(store: Store, filters: Filters | None = None) -> int:
    clause, params = _quote_query(store, filters or Filters())
    return int(store.scalar(f"SELECT count(*) {clause}", params) or 0)


def _quote_query(store: Store, f: Filters) -> tuple[str, list[Any]]:
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
    body = ("FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN entities en ON en.article_id = q.article_id AND en.local_id = q.speaker_local "
            f"{'WHERE ' + ' AND '.join(where) if where else ''}")
    return body, params


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
