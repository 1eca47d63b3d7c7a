"""Cross-article event deduplication: reports of the same happening become one ledger event.

Two event reports (rows of `events`, one per article event) describe the same happening
when all of these hold (`same_happening`):
- they come from different articles;
- same PLOVER type and the same polarity (negated, hypothetical, future);
- both are dated, each to at most `MAX_SPAN_DAYS` (an event dated only to a year does not
  identify a happening), and their day intervals overlap, give or take `TOLERANCE_DAYS`;
- their places do not contradict: same gazetteer place, or within `RADIUS_KM`, or one is the
  country (or region) the other lies in; an unknown place contradicts nothing;
- their actors overlap: some participant of one matches a participant of the other in the
  same role (either role for types that read both ways, such as CONSULT or ASSAULT).
  Participants match by canonical actor (the knowledge base) when both have one, else
  by name, else by country and sector (a missing sector matches any). Reports with no
  participant at all group only when they share a precise place (a city or a site).

Ledger events are the connected components of that relation. The relation looks at two
reports only, never at a group, so the grouping of a set of articles does not depend on
the order in which they were ingested: `rebuild_ledger` recomputes it from scratch and
gives the same groups as incremental `link_article` calls. A ledger event keeps every
report (events.ledger_event_id), the count of distinct reporting articles, and a
summary (most precise date and place, actors of all reports).
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .aliases import remember_key
from .backend import Store, haversine_km
from .keys import shift_day, span_days
from .summaries import apply as apply_summary
from .summaries import clear_summaries, contribution, has_summaries, rebuild_summaries

MAX_SPAN_DAYS = 31
TOLERANCE_DAYS = 1
RADIUS_KM = 50.0
# Types whose two sides are often reported the other way round ("A met B" / "B met A").
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})
_PRECISE_PLACES = frozenset({"city", "feature"})
_BROAD_PLACES = frozenset({"country", "region", "continent"})
_PLACE_RANK = {"feature": 0, "city": 1, "region": 2, "country": 3, "continent": 4}


@dataclass(frozen=True)
class Participant:
    role: str
    name_norm: str
    actor_id: int | None = None
    country: str | None = None
    sector: str | None = None


@dataclass
class Report:
    id: int
    article_id: int
    type: str
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    day_start: str | None = None
    day_end: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    place_country: str | None = None
    place_kind: str | None = None
    participants: list[Participant] = field(default_factory=list)
    ledger_event_id: int | None = None

    @property
    def polarity(self) -> tuple:
        return (self.type, self.negated, self.hypothetical, self.future)

    @property
    def has_place(self) -> bool:
        return self.place_kind is not None

    def groupable(self) -> bool:
        return (self.day_start is not None and self.day_end is not None
                and span_days(self.day_start, self.day_end) <= MAX_SPAN_DAYS)


# --- the relation ---------------------------------------------------------------------------

def dates_overlap(a: Report, b: Report, tolerance: int = TOLERANCE_DAYS) -> bool:
    return (a.day_start <= shift_day(b.day_end, tolerance)
            and b.day_start <= shift_day(a.day_end, tolerance))


def places_compatible(a: Report, b: Report, radius_km: float = RADIUS_KM) -> bool:
    if not a.has_place or not b.has_place:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.place_kind in _BROAD_PLACES or b.place_kind in _BROAD_PLACES:
        # A country (or region) contains the other place when they share the country.
        return a.place_country is not None and a.place_country == b.place_country
    distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
    return distance is not None and distance <= radius_km


def precise_same_place(a: Report, b: Report, radius_km: float = RADIUS_KM) -> bool:
    if a.place_kind not in _PRECISE_PLACES or b.place_kind not in _PRECISE_PLACES:
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
    return distance is not None and distance <= radius_km


def participants_match(p: Participant, q: Participant) -> bool:
    if p.actor_id is not None and q.actor_id is not None:
        return p.actor_id == q.actor_id
    if p.name_norm and p.name_norm == q.name_norm:
        return True
    if p.country is not None and p.country == q.country:
        return p.sector is None or q.sector is None or p.sector == q.sector
    return False


def actors_overlap(a: Report, b: Report) -> bool:
    symmetric = a.type in SYMMETRIC_TYPES
    return any((p.role == q.role or symmetric) and participants_match(p, q)
               for p in a.participants for q in b.participants)


def same_happening(a: Report, b: Report) -> bool:
    if a.article_id == b.article_id or a.polarity != b.polarity:
        return False
    if not (a.groupable() and b.groupable() and dates_overlap(a, b)):
        return False
    if not places_compatible(a, b):
        return False
    if a.participants and b.participants:
        return actors_overlap(a, b)
    return precise_same_place(a, b)


# --- loading reports ------------------------------------------------------------------------

_REPORT_COLUMNS = ("e.id, e.article_id, e.type, e.negated, e.hypothetical, e.future, e.day_start, e.day_end, "
                   "e.geonameid, e.lat, e.lon, e.place_country, e.place_kind, e.ledger_event_id")


def _reports(store: Store, where: str, params: Sequence) -> list[Report]:
    reports = [Report(r[0], r[1], r[2], bool(r[3]), bool(r[4]), bool(r[5]), r[6], r[7], r[8], r[9], r[10],
                      r[11], r[12], ledger_event_id=r[13])
               for r in store.rows(f"SELECT {_REPORT_COLUMNS} FROM events e WHERE {where}", params)]
    _attach_participants(store, reports)
    return reports


def _attach_participants(store: Store, reports: list[Report]) -> None:
    by_id = {r.id: r for r in reports}
    ids = list(by_id)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        for event_id, role, name_norm, actor_id, country, sector in store.rows(
                "SELECT event_id, role, name_norm, actor_id, country, sector FROM event_actors "
                f"WHERE event_id IN ({marks}) ORDER BY event_id, role, entity_local", chunk):
            by_id[event_id].participants.append(Participant(role, name_norm, actor_id, country, sector))


# --- incremental grouping -------------------------------------------------------------------

def link_article(store: Store, article_id: int) -> list[int]:
    """Give every event of a newly stored article its ledger event; returns their ids."""
    touched: list[int] = []
    with store.transaction():
        for report in _reports(store, "e.article_id = ? ORDER BY e.id", (article_id,)):
            touched.append(_link(store, report))
    return sorted(set(touched))


def _candidates(store: Store, report: Report) -> list[Report]:
    lower = shift_day(report.day_start, -(MAX_SPAN_DAYS + TOLERANCE_DAYS))
    upper = shift_day(report.day_end, TOLERANCE_DAYS)
    return _reports(store, "e.type = ? AND e.negated = ? AND e.hypothetical = ? AND e.future = ? "
                           "AND e.day_start >= ? AND e.day_start <= ? AND e.article_id <> ? "
                           "AND e.ledger_event_id IS NOT NULL",
                    (report.type, int(report.negated), int(report.hypothetical), int(report.future),
                     lower, upper, report.article_id))


def _link(store: Store, report: Report) -> int:
    matched: set[int] = set()
    if report.groupable():
        matched = {c.ledger_event_id for c in _candidates(store, report) if same_happening(report, c)}
    if not matched:
        ledger_id = _new_ledger_event(store)
    else:
        ledger_id = min(matched)
        others = sorted(matched - {ledger_id})
        for other in others:
            store.execute("UPDATE events SET ledger_event_id = ? WHERE ledger_event_id = ?", (ledger_id, other))
            delete_ledger_event(store, other)
    store.execute("UPDATE events SET ledger_event_id = ? WHERE id = ?", (ledger_id, report.id))
    refresh_ledger_event(store, ledger_id)
    return ledger_id


def delete_ledger_event(store: Store, ledger_id: int) -> None:
    """Delete a ledger event (its participants go with it), taking it out of the summaries."""
    old = contribution(store, ledger_id) if has_summaries(store) else None
    store.execute("DELETE FROM ledger_events WHERE id = ?", (ledger_id,))
    if old is not None:
        apply_summary(store, ledger_id, old, None)


def _new_ledger_event(store: Store) -> int:
    # A placeholder row; refresh_ledger_event fills it in from its reports.
    return store.insert(
        "INSERT INTO ledger_events (key, type, negated, hypothetical, future, historical, n_reports, "
        "n_mentions, confidence) VALUES (?, '', 0, 0, 0, 0, 0, 0, 0)", (f"pending-{uuid.uuid4().hex}",))


# --- rebuilding from scratch ----------------------------------------------------------------

class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat), math.floor(lon))


def _blocking_keys(report: Report, *, lookup: bool) -> set[tuple]:
    """Keys two matching reports always share (the one stored, the other looked up), so
    only reports sharing one are compared."""
    keys: set[tuple] = set()
    for p in report.participants:
        if p.actor_id is not None:
            keys.add(("actor", p.actor_id))
        keys.add(("name", p.name_norm))
        if p.country is not None:
            keys.add(("country", p.country))
    if report.place_kind in _PRECISE_PLACES:
        if report.geonameid is not None:
            keys.add(("place", report.geonameid))
        if report.lat is not None and report.lon is not None:
            la, lo = _cell(report.lat, report.lon)
            if not lookup:
                keys.add(("cell", la, lo))
            else:
                # Cells are one degree; reach as many as RADIUS_KM spans at this latitude.
                dlat = math.ceil(RADIUS_KM / 110.0)
                dlon = math.ceil(RADIUS_KM / max(1.0, 111.3 * math.cos(math.radians(min(abs(report.lat) + 1, 89.0)))))
                keys.update(("cell", la + i, (lo + j + 180) % 360 - 180)
                            for i in range(-dlat, dlat + 1) for j in range(-dlon, dlon + 1))
    return keys


def group_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """The connected components of `same_happening` over `reports` (each sorted by id)."""
    reports = list(reports)
    uf = _UnionFind()
    buckets: dict[tuple, list[Report]] = defaultdict(list)
    for r in reports:
        uf.find(r.id)
        if r.groupable():
            buckets[r.polarity].append(r)
    window = MAX_SPAN_DAYS + 2 * TOLERANCE_DAYS
    for bucket in buckets.values():
        bucket.sort(key=lambda r: (r.day_start, r.id))
        recent: dict[tuple, list[Report]] = defaultdict(list)
        for r in bucket:
            lower = shift_day(r.day_start, -window)
            seen: set[int] = set()
            for key in _blocking_keys(r, lookup=True):
                kept = recent.get(key)
                if not kept:
                    continue
                kept = recent[key] = [c for c in kept if c.day_start >= lower]
                for c in kept:
                    if c.id not in seen and same_happening(r, c):
                        uf.union(r.id, c.id)
                    seen.add(c.id)
            for key in _blocking_keys(r, lookup=False):
                recent[key].append(r)
    groups: dict[int, list[Report]] = defaultdict(list)
    for r in reports:
        groups[uf.find(r.id)].append(r)
    return [sorted(g, key=lambda r: r.id) for g in groups.values()]


def rebuild_ledger(store: Store) -> int:
    """Regroup every stored event from scratch; returns the number of ledger events."""
    summarised = has_summaries(store)
    with store.transaction():
        if summarised:
            clear_summaries(store)
        store.execute("UPDATE events SET ledger_event_id = NULL")
        store.execute("DELETE FROM ledger_actors")
        store.execute("DELETE FROM ledger_events")
        groups = group_reports(_reports(store, "1 = 1", ()))
        for group in groups:
            ledger_id = _new_ledger_event(store)
            store.executemany("UPDATE events SET ledger_event_id = ? WHERE id = ?",
                              [(ledger_id, r.id) for r in group])
            refresh_ledger_event(store, ledger_id, summarise=False)
        if summarised:  # in one pass at the end rather than event by event
            rebuild_summaries(store)
    return len(groups)


# --- the summary of a ledger event -----------------------------------------------------------

_MEMBER_COLUMNS = (
    "e.id, e.local_id, a.article_key, a.published, coalesce(a.url, a.source), e.type, e.mode, e.context, "
    "e.negated, e.hypothetical, e.future, e.historical, e.date_start, e.date_end, e.day_start, e.day_end, "
    "e.place_name, e.place_country, e.place_kind, e.geonameid, e.lat, e.lon, e.confidence, e.trigger_text, "
    "e.evidence, e.article_id")


def _most_common(values: Iterable, default=None):
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return default
    return min(counts, key=lambda v: (-counts[v], str(v)))


def refresh_ledger_event(store: Store, ledger_id: int, *, summarise: bool = True) -> None:
    """Recompute a ledger event's summary and actors from its reports (deleting it if none),
    and its part of the summary tables (unless `summarise` is false: the caller rebuilds them)."""
    members = store.rows(f"SELECT {_MEMBER_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
                         "WHERE e.ledger_event_id = ? ORDER BY e.id", (ledger_id,))
    summarise = summarise and has_summaries(store)
    if not members:
        if summarise:
            delete_ledger_event(store, ledger_id)
        else:
            store.execute("DELETE FROM ledger_events WHERE id = ?", (ledger_id,))
        return
    old = contribution(store, ledger_id) if summarise else None
    first = min(f"{m[2]}#{m[1]}" for m in members)
    key = "LE-" + hashlib.sha256(first.encode()).hexdigest()[:24]
    remember_key(store, key, first)  # old keys keep leading here (aliases.py)
    # The representative report: from the earliest article (unknown dates last).
    rep = min(members, key=lambda m: (m[3] is None, m[3] or "", m[2], m[1]))
    dated = [m for m in members if m[14] is not None]
    if dated:
        date_counts = Counter((m[12], m[13], m[14], m[15]) for m in dated)
        best_date = min(date_counts, key=lambda d: (span_days(d[2], d[3]), -date_counts[d], d[2], d[0]))
    else:
        best_date = (None, None, None, None)
    placed = [m for m in members if m[18] is not None]
    if placed:
        place_counts = Counter((m[16], m[17], m[18], m[19], m[20], m[21]) for m in placed)
        best_place = min(place_counts, key=lambda p: (_PLACE_RANK.get(p[2], 9), -place_counts[p], p[0] or ""))
    else:
        best_place = (None,) * 6
    contexts = sorted({c for m in members if m[7] for c in m[7].split("|")})
    not_confident = 1.0
    for m in members:
        not_confident *= 1.0 - float(m[22])
    published = [m[3] for m in members if m[3]]
    store.execute(
        "UPDATE ledger_events SET key = ?, type = ?, mode = ?, context = ?, negated = ?, hypothetical = ?, "
        "future = ?, historical = ?, date_start = ?, date_end = ?, day_start = ?, day_end = ?, place_name = ?, "
        "place_country = ?, place_kind = ?, geonameid = ?, lat = ?, lon = ?, n_reports = ?, n_mentions = ?, "
        "first_reported = ?, last_reported = ?, confidence = ?, trigger_text = ?, evidence = ?, source_url = ? "
        "WHERE id = ?",
        (key, rep[5], _most_common(m[6] for m in members), "|".join(contexts) or None, rep[8], rep[9], rep[10],
         int(Counter(bool(m[11]) for m in members).most_common(1)[0][0]), *best_date, *best_place,
         len({m[25] for m in members}), len(members), min(published) if published else None,
         max(published) if published else None, round(1.0 - not_confident, 4), rep[23], rep[24], rep[4],
         ledger_id))
    _replace_ledger_actors(store, ledger_id, best_date[2])
    if summarise:
        apply_summary(store, ledger_id, old, contribution(store, ledger_id))


def refresh_ledger_actors(store: Store, ledger_id: int, day_start: str | None = None) -> None:
    """The participants of a ledger event: one row per role and canonical actor (or, for a
    participant the knowledge base does not know, per name) over all its reports."""
    summarise = has_summaries(store)
    old = contribution(store, ledger_id) if summarise else None
    _replace_ledger_actors(store, ledger_id, day_start)
    if summarise:
        apply_summary(store, ledger_id, old, contribution(store, ledger_id))


def _replace_ledger_actors(store: Store, ledger_id: int, day_start: str | None = None) -> None:
    if day_start is None:
        day_start = store.scalar("SELECT day_start FROM ledger_events WHERE id = ?", (ledger_id,))
    store.execute("DELETE FROM ledger_actors WHERE ledger_event_id = ?", (ledger_id,))
    rows = store.rows(
        "SELECT ea.role, ea.name_norm, ea.name, ea.country, ea.sector, ea.actor_id FROM event_actors ea "
        "JOIN events e ON e.id = ea.event_id WHERE e.ledger_event_id = ? ORDER BY ea.event_id, ea.entity_local",
        (ledger_id,))
    grouped: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in rows:
        ident = f"a:{row[5]}" if row[5] is not None else f"n:{row[1]}"
        grouped[(row[0], ident)].append(row)
    store.executemany(
        "INSERT INTO ledger_actors (ledger_event_id, role, ident, name, name_norm, country, sector, day_start, "
        "actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(ledger_id, role, ident, _most_common(r[2] for r in group), _most_common(r[1] for r in group),
          _most_common(r[3] for r in group), _most_common(r[4] for r in group), day_start,
          _most_common(r[5] for r in group))
         for (role, ident), group in sorted(grouped.items())])
