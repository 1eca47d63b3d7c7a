"""What grouping costs per stored record, against the size of the ledger (`newsledger
bench-store --grouping-events N`).

A store holds N synthetic reports at a fixed density (`per_day` reports a day, so a larger
ledger covers more days, as a ledger grows with time): material happenings (a city, a victim
named or not, a date at day precision or only the report's) and statements between actors
drawn by popularity (a few actors in many statements), three reports an article, each report
with its grouping features, blocking keys and ledger event, bulk loaded. Then new articles of
the latest days, a third of them reporting a happening already stored, are written one by
one through `save_record` (article rows, knowledge base) and `link_article` (grouping), and
the time of each is kept. Grouping's cost per record should be the same at 10,000 and at
1,000,000 stored reports: a new report reads the reports of its blocking keys in its date
window, not the ledger.
"""

from __future__ import annotations

import functools
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from ..model import Article, DateInterval, Entity, Event, Place, Record, Span
from .backend import Store
from .dedup import FEATURES_VERSION, Participant, Report, _key_rows, link_article
from .keys import name_norm, now_iso, record_hash
from .opening import open_store
from .records import save_record
from .summaries import rebuild_summaries

_SYLLABLES = ("ka", "lo", "mir", "an", "ve", "dro", "sa", "ni", "tel", "bor", "ul", "ra", "zen", "fi", "gor",
              "me", "li", "tas", "ord", "ey", "vin", "ha", "qu", "ost", "ri", "pel", "am", "do", "ske", "nu")
_STATEMENTS = ("ACCUSE", "CONSULT", "REQUEST", "REJECT", "AGREE", "SUPPORT", "THREATEN")
_END = date(2030, 12, 31)
_norm = functools.lru_cache(maxsize=500_000)(name_norm)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class _World:
    """Synthetic cities, private people and public actors."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.cities = [(900_000 + i, f"{_word(rng)}ville", round(rng.uniform(26, 48), 4), round(rng.uniform(-122, -70), 4),
                        f"US.{rng.randrange(50):02d}") for i in range(3000)]
        self.actors = [f"{_word(rng)} {_word(rng)}" for _ in range(5000)]
        weights = [1.0 / (rank ** 1.1) for rank in range(1, len(self.actors) + 1)]
        total = sum(weights)
        self.cum, acc = [], 0.0
        for w in weights:
            acc += w / total
            self.cum.append(acc)

    def actor(self, rng: random.Random) -> str:
        return rng.choices(self.actors, cum_weights=self.cum)[0]

    @staticmethod
    def person(rng: random.Random) -> str:
        return f"{_word(rng)} {_word(rng)}"


def _happening(world: _World, rng: random.Random, day: date) -> dict:
    """One synthetic happening: its type, day, place and participants."""
    if rng.random() < 0.5:
        city = rng.choice(world.cities)
        victim = world.person(rng) if rng.random() < 0.6 else None
        return {"type": "ASSAULT", "day": day, "city": city, "actor": None, "recipient": victim}
    return {"type": rng.choice(_STATEMENTS), "day": day, "city": None, "actor": world.actor(rng),
            "recipient": world.actor(rng) if rng.random() < 0.7 else None}


def build_reports(store: Store, n_reports: int, *, per_day: int = 300, seed: int = 19,
                  log: Callable[[str], None] = lambda m: None) -> dict:
    """Fill an empty store with `n_reports` synthetic grouped reports ending on `_END`."""
    world = _World(seed)
    rng = random.Random(seed + 1)
    days = max(1, n_reports // per_day)
    first = _END - timedelta(days=days - 1)
    now = now_iso()
    t0 = time.perf_counter()
    articles, events, actors, people, entities, ledger, keys = [], [], [], [], [], [], []
    for i in range(n_reports):
        happening = _happening(world, rng, first + timedelta(days=rng.randrange(days)))
        article_id, local = i // 3 + 1, f"V{i % 3 + 1}"
        if i % 3 == 0:
            published = happening["day"] + timedelta(days=rng.randrange(3))
            key = hashlib.sha256(f"bench-grouping-{seed}-{article_id}".encode()).hexdigest()
            articles.append((article_id, key, f"bench-{article_id}", "synthetic", published.isoformat(),
                             f"Synthetic article {article_id}.", "{}", 0, 0, 0, 3, now))
        pub = articles[-1][4]
        report_dated = happening["type"] == "ASSAULT" and rng.random() < 0.4
        day = pub if report_dated else happening["day"].isoformat()
        city = happening["city"]
        report = Report(i + 1, article_id, happening["type"], day_start=day, day_end=day, published=pub,
                        date_text=None if report_dated else "Monday", date_type=None if report_dated else "DATE",
                        article_key=articles[-1][1], local_id=local)
        if city is not None:
            report.geonameid, report.place_name, report.lat, report.lon, report.place_admin1 = city
            report.place_country, report.place_kind = "USA", "city"
        for role in ("actor", "recipient"):
            if happening[role]:
                key = _norm(happening[role])
                report.participants.append(Participant(role, key, None, None, None, "PERSON"))
                actors.append((i + 1, role, f"E{role[0]}{i}", happening[role], key, "PERSON"))
                entities.append((article_id, f"E{role[0]}{i}", happening[role], key, "PERSON", 1))
        if report.material and report.participants:
            report.named = frozenset(p.name_norm for p in report.participants)
            people += [(i + 1, n, 1) for n in sorted(report.named)]
        events.append((i + 1, article_id, local, report.type, day, day, day, day, report.place_name, report.place_country,
                       report.place_kind, report.geonameid, report.lat, report.lon, 0, 0, 0, 0, 0.6, "said",
                       "Synthetic evidence.", i + 1, report.date_text, report.date_type, report.place_admin1,
                       FEATURES_VERSION))
        ledger.append((i + 1, f"LE-bench-{i + 1:012d}", report.type, 0, 0, 0, 0, day, day, day, day, report.place_name,
                       report.place_country, report.place_kind, report.geonameid, report.lat, report.lon, 1, 1, pub, pub,
                       0.6, "said", "Synthetic evidence."))
        keys += _key_rows(report)
    keys.sort()
    log(f"  {n_reports:,} synthetic reports over {days:,} days generated in {time.perf_counter() - t0:.1f} s")
    from ..bench.store import _secondary_indexes

    # Load first, index after: the very indexes the migrations made, built in one pass each.
    indexes = _secondary_indexes(store, ("articles", "events", "ledger_events", "event_actors", "entities",
                                         "event_people", "event_keys"))
    with store.transaction():
        for name, _ in indexes:
            store.execute(f"DROP INDEX {name}")
        store.bulk_insert("articles", ("id", "article_key", "input_id", "source", "published", "text", "record",
                                       "n_entities", "n_places", "n_quotes", "n_events", "ingested_at"), articles)
        store.bulk_insert("ledger_events", (
            "id", "key", "type", "negated", "hypothetical", "future", "historical", "date_start", "date_end",
            "day_start", "day_end", "place_name", "place_country", "place_kind", "geonameid", "lat", "lon",
            "n_reports", "n_mentions", "first_reported", "last_reported", "confidence", "trigger_text", "evidence"),
            ledger)
        store.bulk_insert("events", (
            "id", "article_id", "local_id", "type", "date_start", "date_end", "day_start", "day_end", "place_name",
            "place_country", "place_kind", "geonameid", "lat", "lon", "historical", "future", "hypothetical", "negated",
            "confidence", "trigger_text", "evidence", "ledger_event_id", "date_text", "date_type", "place_admin1",
            "features"), events)
        store.bulk_insert("event_actors", ("event_id", "role", "entity_local", "name", "name_norm", "type"), actors)
        store.bulk_insert("entities", ("article_id", "local_id", "name", "name_norm", "type", "n_mentions"), entities)
        store.bulk_insert("event_people", ("event_id", "name_norm", "named"), people)
        store.bulk_insert("event_keys", ("key", "win_start", "win_end", "event_id"), keys)
        for _, sql in indexes:
            store.execute(sql)
        rebuild_summaries(store)
        if store.dialect == "postgresql":
            for table in ("articles", "events", "ledger_events", "entities"):
                store.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    store.execute("VACUUM ANALYZE" if store.dialect == "postgresql" else "ANALYZE")
    seconds = time.perf_counter() - t0
    log(f"  loaded ({len(keys):,} blocking keys) in {seconds:.1f} s")
    return {"world": world, "days": days, "first": first, "key_rows": len(keys), "build_seconds": round(seconds, 1)}


def _record(world: _World, rng: random.Random, n: int, happenings: list[dict], published: date) -> Record:
    """A synthetic article reporting `happenings` (one sentence each), with valid spans."""
    text = ""
    entities: list[Entity] = []
    places: list[Place] = []
    events: list[Event] = []

    def add(s: str) -> Span:
        nonlocal text
        start = len(text)
        text += s
        return Span(start=start, end=len(text), text=s)

    for i, h in enumerate(happenings, start=1):
        sentence_start = len(text)
        parts = {}
        for role in ("actor", "recipient"):
            if h[role]:
                span = add(h[role])
                entities.append(Entity(id=f"E{len(entities) + 1}", name=h[role], type="PERSON", mentions=[span]))
                parts[role] = entities[-1].id
                add(" and " if role == "actor" and h["recipient"] else " ")
        trigger = add("shot" if h["type"] == "ASSAULT" else "spoke")
        place_id = None
        if h["city"]:
            add(" in ")
            gid, name, lat, lon, _ = h["city"]
            span = add(name)
            places.append(Place(id=f"P{len(places) + 1}", name=name, geonameid=gid, lat=lat, lon=lon, country="USA",
                                kind="city", mentions=[span]))
            place_id = places[-1].id
        add(f" on {h['day'].isoformat()} ({n}.{i}). ")
        evidence = Span(start=sentence_start, end=len(text) - 1, text=text[sentence_start:len(text) - 1])
        events.append(Event(id=f"V{i}", type=h["type"], actor=[parts["actor"]] if "actor" in parts else [],
                            recipient=[parts["recipient"]] if "recipient" in parts else [],
                            date=DateInterval(start=h["day"].isoformat(), end=h["day"].isoformat()), place=place_id,
                            trigger=trigger, evidence=evidence, confidence=0.6))
    article_id = hashlib.sha256(text.encode()).hexdigest()
    return Record(article=Article(id=article_id, source=f"https://bench.example/{n}", published=published.isoformat()),
                  text=text, text_offset=0, entities=entities, places=places, events=events)


def new_records(built: dict, n: int, seed: int = 23) -> list[Record]:
    """`n` articles of the latest days; a third report a happening like one stored (same
    city or actors, same day)."""
    world, rng = built["world"], random.Random(seed)
    out = []
    for k in range(n):
        day = _END - timedelta(days=rng.randrange(min(7, built["days"])))
        happenings = [_happening(world, rng, day) for _ in range(3)]
        if k % 3 == 0 and happenings[0]["type"] == "ASSAULT":
            happenings[0]["recipient"] = happenings[0]["recipient"] or world.person(rng)
        out.append(_record(world, rng, k, happenings, day + timedelta(days=1)))
    return out


def bench_grouping(n_reports: int, n_records: int = 200, *, per_day: int = 300, db: str | None = None,
                   log: Callable[[str], None] = lambda m: None) -> dict:
    with tempfile.TemporaryDirectory(prefix="newsledger-bench-grouping-") as tmp:
        store = open_store(db or Path(tmp) / "grouping.db")
        try:
            log(f"grouping: a store of {n_reports:,} synthetic reports ({store.dialect}, {per_day}/day)...")
            built = build_reports(store, n_reports, per_day=per_day, log=log)
            records = new_records(built, n_records)
            from . import dedup

            dedup._role_words()  # the word lists and the gazetteer load once per process, not per record
            dedup._gazetteer()
            write_ms, group_ms = [], []
            for r in records:
                t0 = time.perf_counter()
                saved = save_record(store, r, record_hash(r.article.id), dedup=False)
                t1 = time.perf_counter()
                assert saved.article_id is not None
                link_article(store, saved.article_id)
                t2 = time.perf_counter()
                write_ms.append((t1 - t0) * 1000)
                group_ms.append((t2 - t1) * 1000)
        finally:
            store.close()
    group_ms.sort()
    return {"reports": n_reports, "days": built["days"], "per_day": per_day, "key_rows": built["key_rows"],
            "build_seconds": built["build_seconds"], "records": n_records,
            "grouping_ms": {"mean": round(statistics.fmean(group_ms), 2), "p50": round(group_ms[len(group_ms) // 2], 2),
                            "p99": round(group_ms[min(len(group_ms) - 1, round(0.99 * (len(group_ms) - 1)))], 2)},
            "write_ms_mean": round(statistics.fmean(write_ms), 2)}


def format_report(r: dict) -> str:
    g = r["grouping_ms"]
    return (f"grouping ({r['reports']:,} reports, {r['days']:,} days): {g['mean']:.1f} ms a record "
            f"(p50 {g['p50']:.1f}, p99 {g['p99']:.1f}; {r['records']} records of 3 events; article rows and "
            f"knowledge base {r['write_ms_mean']:.1f} ms)")
