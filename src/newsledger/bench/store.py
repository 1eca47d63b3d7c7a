"""`newsledger bench-store`: how fast the ledger takes articles in and answers questions.

1. Ingest: deterministic synthetic articles (`newsledger.synthetic`) through the whole
   `ingest` path (pipeline + store) into a fresh SQLite store: documents/s.
2. Store writes alone: the same records, made distinct, written again with
   `ingest_records` (article rows, knowledge-base learning, event grouping): records/s.
3. Queries: a store holding N synthetic ledger events (default 1,000,000) with their
   participants and a knowledge base of synthetic actors, bulk loaded; then p50/p99
   latency of
   - a timeline: events and reports per month over a random one-year window
     (`query.timeline`), and
   - an actor filter: the 100 most recent events of a random actor, drawn by how often
     actors occur, with their participants (`query.events(actor=...)`),
   each through the same library calls the CLI makes.
4. Grouping (`bench_grouping`, `newsledger bench-store --grouping-events`): the cost of
   grouping one stored record on stores of 10,000 and 1,000,000 synthetic reports at the
   same density per day.
The synthetic events are generated, not extracted (extracting 1M events would take days
on this machine): the query benchmark measures the store, not the pipeline.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from ..countries import country_rows
from ..model import PLOVER_TYPES, Record
from ..store.backend import Store, StoreError
from ..store.keys import name_norm, now_iso
from ..store.opening import is_postgres_url, open_store
from ..store.query import Filters, events, timeline
from ..store.summaries import rebuild_summaries

_SYLLABLES = ("ka", "lo", "mir", "an", "ve", "dro", "sa", "ni", "tel", "bor", "ul", "ra", "zen", "fi", "gor",
              "me", "li", "tas", "ord", "ey", "vin", "ha", "qu", "ost", "ri", "pel", "am", "do", "ske", "nu")
_SECTORS = ("GOV", "MIL", "REB", "OPP", "PTY", "JUD", "LEG", "POL", "BUS", "MED", "CVL", "IGO", "NGO")
_START = date(2015, 1, 1)
_DAYS = 3653  # ten years


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


# --- 1 + 2: ingest ----------------------------------------------------------------------------

def bench_ingest(n_docs: int, workdir: Path, log: Callable[[str], None]) -> dict:
    from ..store.ingest import ingest_paths, ingest_records
    from ..synthetic import generate

    corpus = workdir / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for a in generate(n_docs, seed=11):
            fh.write(json.dumps({"id": a.id, "text": a.text, "published": a.published}) + "\n")
    store = open_store(workdir / "ingest.db")
    try:
        log(f"ingest: {n_docs} synthetic articles through the pipeline into SQLite...")
        list(_warm_pipeline())
        report = ingest_paths(store, [str(corpus)])
        records = [Record.from_dict(json.loads(r[0])) for r in store.rows("SELECT record FROM articles ORDER BY id")]
        resumed = ingest_paths(store, [str(corpus)])
    finally:
        store.close()
    copies = _distinct_copies(records, target=max(1000, len(records)))
    store = open_store(workdir / "records.db")
    try:
        log(f"store writes: {len(copies)} records (knowledge base + event grouping)...")
        t0 = time.perf_counter()
        written = ingest_records(store, copies)
        write_seconds = time.perf_counter() - t0
    finally:
        store.close()
    return {
        "documents": report.inputs,
        "errors": report.errors,
        "ingest_docs_per_s": round(report.docs_per_s, 2),
        "resume_skip_seconds": round(resumed.seconds, 3),
        "records_written": written.stored,
        "store_records_per_s": round(written.stored / write_seconds, 1) if write_seconds else None,
    }


def _warm_pipeline() -> Iterator:
    # Load spaCy and the gazetteer before the clock starts, as a long ingest would have.
    from ..ingest import InputDocument
    from ..pipeline import default_pipeline

    return default_pipeline().process([InputDocument("Officials met in Paris on Monday.", raw=True)])


def _shift_year(value: str, years: int) -> str:
    return f"{int(value[:4]) + years:04d}{value[4:]}"


def _distinct_copies(records: list[Record], target: int) -> list[Record]:
    """`target` records made from `records`: each copy's text gets a distinct last line
    (offsets before it stay valid), hence a distinct article id, and each round of copies
    happens in another year, so that every happening has a realistic handful of reports
    rather than hundreds."""
    out: list[Record] = []
    i = 0
    while len(out) < target and records:
        base = records[i % len(records)]
        years = i // len(records)
        data = base.to_dict()
        data["text"] = base.text + f"\n(copy {i})"
        data["article"]["id"] = hashlib.sha256(data["text"].encode()).hexdigest()
        for event in data["events"]:
            if event["date"]:
                event["date"]["start"] = _shift_year(event["date"]["start"], years)
                event["date"]["end"] = _shift_year(event["date"]["end"], years)
        out.append(Record.from_dict(data))
        i += 1
    return out


# --- 3: queries on N events --------------------------------------------------------------------

def _open_bench_store(db: str | None, workdir: Path) -> Store:
    if db is None:
        return open_store(workdir / "events.db")
    if is_postgres_url(db):
        # Its own schema, dropped and made anew: nothing else in that database is touched.
        sep = "&" if "?" in db else "?"
        admin = open_store(db, migrate=False)
        try:
            admin.execute("DROP SCHEMA IF EXISTS newsledger_bench CASCADE")
            admin.execute("CREATE SCHEMA newsledger_bench")
        finally:
            admin.close()
        return open_store(f"{db}{sep}options=-csearch_path%3Dnewsledger_bench")
    if Path(db).exists():
        raise StoreError(f"{db} exists; the benchmark writes a new store")
    return open_store(db)


def _secondary_indexes(store: Store, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes on `tables` that are not constraints."""
    marks = ", ".join("?" * len(tables))
    if store.dialect == "sqlite":
        return store.rows(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks}) "
                          "AND sql IS NOT NULL ORDER BY name", tables)
    return store.rows(f"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                      f"AND tablename IN ({marks}) AND indexname NOT IN (SELECT conname FROM pg_constraint) "
                      "ORDER BY indexname", tables)


def build_events(store: Store, n_events: int, *, n_actors: int = 5000, seed: int = 13,
                 log: Callable[[str], None] = lambda m: None) -> dict:
    """Fill an empty store with `n_events` synthetic ledger events; returns actor weights."""
    rng = random.Random(seed)
    countries = [r for r in country_rows() if not r["until"] and r["lat"] and r["lon"]]
    now = now_iso()
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n_actors:
        n = _name(rng)
        if name_norm(n) not in seen:
            seen.add(name_norm(n))
            names.append(n)
    actors = []
    for i, n in enumerate(names, start=1):
        c = rng.choice(countries)
        actors.append((i, f"person:{name_norm(n).replace(' ', '-')}", n, "PERSON", c["iso3"], rng.choice(_SECTORS)))
    # Zipf-like popularity: a few actors are in many events, most in few.
    weights = [1.0 / (rank ** 1.1) for rank in range(1, n_actors + 1)]
    cumulative = list(itertools.accumulate(weights))
    t0 = time.perf_counter()
    # Load first, index after: the very indexes the migrations made, built in one pass each.
    indexes = _secondary_indexes(store, ("ledger_events", "ledger_actors"))
    with store.transaction():
        for name, _ in indexes:
            store.execute(f"DROP INDEX {name}")
        store.bulk_insert("actors", ("id", "key", "name", "type", "country", "sector", "n_articles", "created_at",
                                     "updated_at"),
                          ((a[0], a[1], a[2], a[3], a[4], a[5], 0, now, now) for a in actors))
        store.bulk_insert("actor_aliases", ("actor_id", "alias", "alias_norm", "source", "n"),
                          ((a[0], a[2], name_norm(a[2]), "learned", 1) for a in actors))
        type_weights = [1.0 / (i + 1) for i in range(len(PLOVER_TYPES))]

        def ledger_rows():
            for i in range(1, n_events + 1):
                day = (_START + timedelta(days=rng.randrange(_DAYS))).isoformat()
                c = rng.choice(countries)
                lat = float(c["lat"]) + rng.uniform(-1, 1)
                lon = float(c["lon"]) + rng.uniform(-1, 1)
                n_reports = 1 + int(rng.expovariate(1.0))
                yield (i, f"LE-{i:012d}", rng.choices(PLOVER_TYPES, type_weights)[0], 0, 0, 0, 0, day, day, day, day,
                       c["name"], c["iso3"], "country", int(c["geonameid"] or 0) or None, lat, lon, n_reports,
                       n_reports, day, day, 0.6, "met", "Synthetic evidence.", f"https://example.org/{i}")

        days: dict[int, str] = {}
        norms = {a[0]: name_norm(a[2]) for a in actors}

        def remember(rows):
            for r in rows:
                days[r[0]] = r[9]
                yield r

        store.bulk_insert("ledger_events", (
            "id", "key", "type", "negated", "hypothetical", "future", "historical", "date_start", "date_end",
            "day_start", "day_end", "place_name", "place_country", "place_kind", "geonameid", "lat", "lon",
            "n_reports", "n_mentions", "first_reported", "last_reported", "confidence", "trigger_text", "evidence",
            "source_url"), remember(ledger_rows()))
        log(f"  {n_events:,} ledger events in {time.perf_counter() - t0:.1f} s")

        def actor_rows():
            for lid in range(1, n_events + 1):
                picked = rng.choices(actors, cum_weights=cumulative, k=rng.choice((1, 2, 2, 3)))
                used = set()
                for j, a in enumerate(picked):
                    if a[0] in used:
                        continue
                    used.add(a[0])
                    yield (lid, "actor" if j == 0 or j == 1 and len(picked) == 3 else "recipient", f"a:{a[0]}",
                           a[2], norms[a[0]], a[4], a[5], days[lid], a[0])

        n_rows = store.bulk_insert("ledger_actors", ("ledger_event_id", "role", "ident", "name", "name_norm",
                                                     "country", "sector", "day_start", "actor_id"), actor_rows())
        log(f"  {n_rows:,} participant rows in {time.perf_counter() - t0:.1f} s")
        for _, sql in indexes:
            store.execute(sql)
        # The summary tables, in one pass each, as `newsledger ledger rebuild` makes them.
        rebuild_summaries(store)
        log(f"  summary tables in {time.perf_counter() - t0:.1f} s")
        if store.dialect == "postgresql":
            for table in ("actors", "ledger_events"):
                store.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    # Statistics for the planner; on PostgreSQL also the visibility map that lets the
    # timeline read its covering index only (autovacuum does this on a live server).
    store.execute("VACUUM ANALYZE" if store.dialect == "postgresql" else "ANALYZE")
    seconds = time.perf_counter() - t0
    log(f"  indexed; store built in {seconds:.1f} s")
    return {"actors": actors, "weights": weights, "build_seconds": round(seconds, 1),
            "participant_rows": n_rows}


def _time(fn, args_list) -> list[float]:
    out = []
    for args in args_list:
        t0 = time.perf_counter()
        fn(*args)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def bench_queries(store: Store, built: dict, n_queries: int, seed: int = 17) -> dict:
    rng = random.Random(seed)
    last_start = _DAYS - 366
    windows = []
    for _ in range(n_queries + 10):
        start = _START + timedelta(days=rng.randrange(last_start))
        windows.append((start.isoformat(), (start + timedelta(days=364)).isoformat()))
    picked = rng.choices(built["actors"], built["weights"], k=n_queries + 10)

    def run_timeline(lo, hi):
        return timeline(store, Filters(date_from=lo, date_to=hi), by="month")

    def run_actor(name):
        return events(store, Filters(actor=name), limit=100)

    sample_timeline = run_timeline(*windows[0])
    sample_actor = run_actor(picked[0][2])
    _time(run_timeline, windows[:10])  # warm caches, as a running store has them
    _time(run_actor, [(a[2],) for a in picked[:10]])
    t = _time(run_timeline, windows[10:])
    a = _time(run_actor, [(p[2],) for p in picked[10:]])
    return {
        "timeline_ms": {"p50": round(_percentile(t, 50), 2), "p99": round(_percentile(t, 99), 2),
                        "mean": round(statistics.fmean(t), 2)},
        "actor_filter_ms": {"p50": round(_percentile(a, 50), 2), "p99": round(_percentile(a, 99), 2),
                            "mean": round(statistics.fmean(a), 2)},
        "queries_per_kind": n_queries,
        "timeline_sample_rows": len(sample_timeline),
        "timeline_sample_events": int(sample_timeline["events"].sum()) if len(sample_timeline) else 0,
        "actor_sample_rows": len(sample_actor),
    }


def run(n_events: int = 1_000_000, n_queries: int = 200, ingest_docs: int = 40, db: str | None = None,
        log: Callable[[str], None] = lambda m: None) -> dict:
    with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as tmp:
        workdir = Path(tmp)
        report: dict = {"ingest": bench_ingest(ingest_docs, workdir, log) if ingest_docs else None}
        store = _open_bench_store(db, workdir)
        try:
            log(f"queries: building a store of {n_events:,} synthetic events ({store.dialect})...")
            built = build_events(store, n_events, log=log)
            size = None
            if store.dialect == "sqlite":
                store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                size = round(Path(store.url).stat().st_size / 1e6, 1)
            report["queries"] = {"backend": store.dialect, "events": n_events, "build_seconds": built["build_seconds"],
                                 "participant_rows": built["participant_rows"], "store_mb": size,
                                 **bench_queries(store, built, n_queries)}
        finally:
            store.close()
    return report


def format_report(r: dict) -> str:
    lines = []
    i = r.get("ingest")
    if i:
        lines += [
            f"ingest              : {i['documents']} synthetic articles, {i['ingest_docs_per_s']:.2f} documents/s "
            f"(pipeline + store, SQLite; {i['errors']} errors); a re-run skips them all in {i['resume_skip_seconds']:.3f} s",
            f"store writes        : {i['store_records_per_s']:.1f} records/s ({i['records_written']} records, with "
            "knowledge-base learning and event grouping)",
        ]
    q = r["queries"]
    lines += [
        f"query store         : {q['events']:,} events, {q['participant_rows']:,} participant rows ({q['backend']}"
        f"{', {:.1f} MB'.format(q['store_mb']) if q['store_mb'] else ''}); bulk loaded in {q['build_seconds']:.1f} s",
        f"timeline (month/yr) : p50 {q['timeline_ms']['p50']:.1f} ms, p99 {q['timeline_ms']['p99']:.1f} ms "
        f"({q['queries_per_kind']} queries; ~{q['timeline_sample_events']:,} events per window)",
        f"actor filter (100)  : p50 {q['actor_filter_ms']['p50']:.1f} ms, p99 {q['actor_filter_ms']['p99']:.1f} ms",
    ]
    return "\n".join(lines)
