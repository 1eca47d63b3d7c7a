"""Summary tables of the ledger: what a timeline, the map, the actor network and the overview
read instead of every ledger event (schema migration 0005_ledger_summaries).

- `ledger_months` (month, type): events and reports per month of the first day ('' when
  undated) and PLOVER type.
- `ledger_actor_months` (ident, month): the same per participant (`ledger_actors.ident`);
  an event counts once per participant, whatever its roles in it.
- `ledger_places` (place_name, place_country, place_kind): located events per place: their
  number, reports, sums of coordinates (the mean is the place's point) and first and last day.
- `ledger_pairs` (ledger_event_id, source, target): the actor -> recipient pairs of every
  event (different participants), with its type and first day.

Only complete ledger events are summarised (`n_mentions > 0`; a placeholder row being
filled in is not). Every change of a ledger event or of its participants goes through
`dedup` (`refresh_ledger_event`, `refresh_ledger_actors`, `delete_ledger_event`), which
takes the event's `contribution` before the change and `apply`s the difference after it,
in the same transaction. `rebuild_summaries` recomputes everything from the ledger tables
(the migration's backfill and `newsledger ledger rebuild`); `summary_problems` compares the
tables with that recomputation (`newsledger ledger check`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .backend import Store

TABLES = ("ledger_months", "ledger_actor_months", "ledger_places", "ledger_pairs")


def has_summaries(store: Store) -> bool:
    """Whether the store's schema has the summary tables (cached per connection)."""
    known = getattr(store, "_has_summaries", None)
    if known is None:
        known = store.has_table("ledger_pairs")
        if known:  # a store is never migrated down: only a positive answer is remembered
            store._has_summaries = True  # type: ignore[attr-defined]  # a mark on the connection
    return bool(known)


def _month(day: str | None) -> str:
    return day[:7] if day else ""


@dataclass
class Contribution:
    """What one ledger event adds to the summary tables."""

    month: tuple[str, str] = ("", "")                        # (month, type)
    reports: int = 0
    idents: frozenset[str] = frozenset()                     # its distinct participants
    place: tuple[str, str, str] | None = None                # located events only
    lat: float = 0.0
    lon: float = 0.0
    day: str | None = None
    type: str = ""
    pairs: frozenset[tuple[str, str]] = field(default_factory=frozenset)


def contribution(store: Store, ledger_id: int) -> Contribution | None:
    """The event's contribution as it is stored now (None: it contributes nothing)."""
    row = store.one("SELECT type, day_start, n_reports, place_name, place_country, place_kind, lat, lon, n_mentions "
                    "FROM ledger_events WHERE id = ?", (ledger_id,))
    if row is None or not row[8]:
        return None
    etype, day, n_reports, name, country, kind, lat, lon, _ = row
    actors: set[str] = set()
    recipients: set[str] = set()
    idents: set[str] = set()
    for role, ident in store.rows("SELECT role, ident FROM ledger_actors WHERE ledger_event_id = ?", (ledger_id,)):
        idents.add(ident)
        (actors if role == "actor" else recipients).add(ident)
    located = lat is not None and lon is not None
    return Contribution(
        month=(_month(day), etype), reports=int(n_reports), idents=frozenset(idents),
        place=(name or "", country or "", kind or "") if located else None,
        lat=float(lat) if located else 0.0, lon=float(lon) if located else 0.0, day=day, type=etype,
        pairs=frozenset((a, r) for a in actors for r in recipients if a != r))


def apply(store: Store, ledger_id: int, old: Contribution | None, new: Contribution | None) -> None:
    """Change the summaries from the event's `old` contribution to its `new` one."""
    if old == new:
        return
    months: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    actor_months: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    places: dict[tuple[str, str, str], list[Any]] = defaultdict(lambda: [0, 0, 0.0, 0.0])  # events, reports, lat, lon
    for sign, c in ((-1, old), (1, new)):
        if c is None:
            continue
        m = months[c.month]
        m[0] += sign
        m[1] += sign * c.reports
        for ident in c.idents:
            a = actor_months[(ident, c.month[0])]
            a[0] += sign
            a[1] += sign * c.reports
        if c.place is not None:
            p = places[c.place]
            p[0] += sign
            p[1] += sign * c.reports
            p[2] += sign * c.lat
            p[3] += sign * c.lon
    for (month, etype), (events, reports) in months.items():
        _bump(store, "ledger_months", ("month", "type"), (month, etype), events, reports)
    for (ident, month), (events, reports) in actor_months.items():
        _bump(store, "ledger_actor_months", ("ident", "month"), (ident, month), events, reports)
    for key, (events, reports, lat, lon) in places.items():
        added = new.day if new is not None and new.place == key else None
        removed = old.day if old is not None and old.place == key else None
        if events or reports or lat or lon or added != removed:
            store.execute(
                "INSERT INTO ledger_places (place_name, place_country, place_kind, events, reports, sum_lat, sum_lon, "
                "first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (place_name, place_country, place_kind) DO UPDATE SET "
                "events = ledger_places.events + excluded.events, reports = ledger_places.reports + excluded.reports, "
                "sum_lat = ledger_places.sum_lat + excluded.sum_lat, sum_lon = ledger_places.sum_lon + excluded.sum_lon, "
                "first_day = CASE WHEN excluded.first_day IS NOT NULL AND (ledger_places.first_day IS NULL "
                "OR excluded.first_day < ledger_places.first_day) THEN excluded.first_day ELSE ledger_places.first_day END, "
                "last_day = CASE WHEN excluded.last_day IS NOT NULL AND (ledger_places.last_day IS NULL "
                "OR excluded.last_day > ledger_places.last_day) THEN excluded.last_day ELSE ledger_places.last_day END",
                (*key, int(events), int(reports), lat, lon, added, added))
        if events < 0:
            store.execute("DELETE FROM ledger_places WHERE place_name = ? AND place_country = ? AND place_kind = ? "
                          "AND events <= 0", key)
        if removed is not None and removed != added:
            _place_days(store, key, removed)
    old_pairs = (old.pairs, old.type, old.day) if old is not None and old.pairs else None
    new_pairs = (new.pairs, new.type, new.day) if new is not None and new.pairs else None
    if old_pairs != new_pairs:
        store.execute("DELETE FROM ledger_pairs WHERE ledger_event_id = ?", (ledger_id,))
        if new is not None and new.pairs:
            store.executemany("INSERT INTO ledger_pairs (ledger_event_id, source, target, type, day_start) "
                              "VALUES (?, ?, ?, ?, ?)",
                              [(ledger_id, a, r, new.type, new.day) for a, r in sorted(new.pairs)])


def _bump(store: Store, table: str, keys: tuple[str, str], values: tuple[str, str], events: int, reports: int) -> None:
    if not events and not reports:
        return
    store.execute(f"INSERT INTO {table} ({keys[0]}, {keys[1]}, events, reports) VALUES (?, ?, ?, ?) "
                  f"ON CONFLICT ({keys[0]}, {keys[1]}) DO UPDATE SET events = {table}.events + excluded.events, "
                  f"reports = {table}.reports + excluded.reports", (*values, events, reports))
    if events < 0:
        store.execute(f"DELETE FROM {table} WHERE {keys[0]} = ? AND {keys[1]} = ? AND events <= 0", values)


def _place_where(key: tuple[str, str, str]) -> tuple[str, list]:
    """The located, complete ledger events of a summary place (its '' stand for NULL)."""
    where, params = ["lat IS NOT NULL", "lon IS NOT NULL", "n_mentions > 0"], []
    for column, value in zip(("place_name", "place_country", "place_kind"), key, strict=True):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
        else:
            where.append(f"({column} IS NULL OR {column} = '')")
    return " AND ".join(where), params


def _place_days(store: Store, key: tuple[str, str, str], removed: str) -> None:
    """After an event on `removed` left the place: its first and last day again, if that was one."""
    row = store.one("SELECT first_day, last_day FROM ledger_places WHERE place_name = ? AND place_country = ? "
                    "AND place_kind = ?", key)
    if row is None or removed not in row:
        return
    where, params = _place_where(key)
    first = store.scalar(f"SELECT day_start FROM ledger_events WHERE {where} AND day_start IS NOT NULL "
                         "ORDER BY day_start LIMIT 1", params)
    last = store.scalar(f"SELECT day_start FROM ledger_events WHERE {where} AND day_start IS NOT NULL "
                        "ORDER BY day_start DESC LIMIT 1", params)
    store.execute("UPDATE ledger_places SET first_day = ?, last_day = ? WHERE place_name = ? AND place_country = ? "
                  "AND place_kind = ?", (first, last, *key))


# --- from scratch -------------------------------------------------------------------------------

_RECOMPUTE = {
    "ledger_months": (
        "SELECT coalesce(substr(day_start, 1, 7), '') AS month, type, count(*) AS events, "
        "sum(n_reports) AS reports FROM ledger_events WHERE n_mentions > 0 "
        "GROUP BY coalesce(substr(day_start, 1, 7), ''), type"),
    "ledger_actor_months": (
        "SELECT t.ident, t.month, count(*) AS events, sum(t.n_reports) AS reports FROM "
        "(SELECT DISTINCT la.ident, la.ledger_event_id, coalesce(substr(le.day_start, 1, 7), '') AS month, "
        "le.n_reports FROM ledger_actors la JOIN ledger_events le ON le.id = la.ledger_event_id "
        "WHERE le.n_mentions > 0) t GROUP BY t.ident, t.month"),
    "ledger_places": (
        "SELECT coalesce(place_name, '') AS place_name, coalesce(place_country, '') AS place_country, "
        "coalesce(place_kind, '') AS place_kind, count(*) AS events, sum(n_reports) AS reports, "
        "sum(lat) AS sum_lat, sum(lon) AS sum_lon, min(day_start) AS first_day, max(day_start) AS last_day "
        "FROM ledger_events WHERE lat IS NOT NULL AND lon IS NOT NULL AND n_mentions > 0 "
        "GROUP BY coalesce(place_name, ''), coalesce(place_country, ''), coalesce(place_kind, '')"),
    "ledger_pairs": (
        "SELECT a.ledger_event_id, a.ident AS source, r.ident AS target, le.type, le.day_start "
        "FROM ledger_actors a JOIN ledger_actors r ON r.ledger_event_id = a.ledger_event_id AND r.role = 'recipient' "
        "JOIN ledger_events le ON le.id = a.ledger_event_id "
        "WHERE a.role = 'actor' AND a.ident <> r.ident AND le.n_mentions > 0"),
}
_COLUMNS = {
    "ledger_months": ("month", "type", "events", "reports"),
    "ledger_actor_months": ("ident", "month", "events", "reports"),
    "ledger_places": ("place_name", "place_country", "place_kind", "events", "reports", "sum_lat", "sum_lon",
                      "first_day", "last_day"),
    "ledger_pairs": ("ledger_event_id", "source", "target", "type", "day_start"),
}


def clear_summaries(store: Store) -> None:
    with store.transaction():
        for table in TABLES:
            store.execute(f"DELETE FROM {table}")


def rebuild_summaries(store: Store) -> None:
    """Recompute every summary table from the ledger tables, in one transaction."""
    with store.transaction():
        for table in TABLES:
            store.execute(f"DELETE FROM {table}")
            columns = ", ".join(_COLUMNS[table])
            store.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM ({_RECOMPUTE[table]}) t")


def summary_problems(store: Store) -> list[str]:
    """How the summary tables differ from a recomputation (empty when they agree)."""
    problems = []
    for table in ("ledger_months", "ledger_actor_months", "ledger_places"):
        columns = _COLUMNS[table]
        n_keys = 3 if table == "ledger_places" else 2
        stored = {tuple(r[:n_keys]): r[n_keys:] for r in store.rows(f"SELECT {', '.join(columns)} FROM {table}")}
        fresh = {tuple(r[:n_keys]): r[n_keys:] for r in store.rows(
            f"SELECT {', '.join(columns)} FROM ({_RECOMPUTE[table]}) t")}
        wrong = {k for k in stored.keys() | fresh.keys() if not _same(stored.get(k), fresh.get(k))}
        if wrong:
            problems.append(f"{table}: {len(wrong)} row(s) differ from the ledger (e.g. {sorted(wrong, key=str)[0]}); "
                            "newsledger ledger rebuild recomputes them")
    cols = ", ".join(_COLUMNS["ledger_pairs"])
    extra = store.scalar(f"SELECT count(*) FROM (SELECT {cols} FROM ledger_pairs EXCEPT "
                         f"SELECT {cols} FROM ({_RECOMPUTE['ledger_pairs']}) f) t")
    missing = store.scalar(f"SELECT count(*) FROM (SELECT {cols} FROM ({_RECOMPUTE['ledger_pairs']}) f EXCEPT "
                           f"SELECT {cols} FROM ledger_pairs) t")
    if extra or missing:
        problems.append(f"ledger_pairs: {int(extra or 0)} row(s) too many, {int(missing or 0)} missing; "
                        "newsledger ledger rebuild recomputes them")
    return problems


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    for x, y in zip(a, b, strict=True):
        if isinstance(x, str) or isinstance(y, str) or x is None or y is None:
            if x != y:
                return False
        elif not math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-6):
            return False
    return True
