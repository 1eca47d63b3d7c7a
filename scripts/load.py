"""Load test of `newsledger serve`: concurrent clients on 127.0.0.1 against the timeline and
search endpoints for a bounded time; requests/second, latency percentiles, errors.

    .venv/bin/python scripts/load.py                                 # make load
    .venv/bin/python scripts/load.py --events 2000 --articles 20 --seconds 5 --json r.json

Builds a SQLite store: `--events` synthetic ledger events (the store benchmark's generator:
actors, places, ten years of dates) plus `--articles` synthetic articles through the real
pipeline (so that articles, quotes and their full-text indexes have content). Starts
`newsledger serve --read-only` on it in a process of its own, then `--clients` threads,
each with its own keep-alive connection, send requests drawn from a fixed mix for
`--seconds`:

- timeline: /api/timeline unfiltered, by actor, by type and year, by country, by day
  over one month, and the /timeline page;
- search: /api/articles?q=, /api/events?text=, /api/quotes?q=, /api/actors?prefix=.

An error is any status other than 200, or a failed request. The exit status is 1 if there
was an error. Latencies are per request, from sending it to reading the whole answer.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

SEARCH_WORDS = ["ceasefire", "sanctions", "protesters", "agreement", "troops", "refugees", "talks",
                "parliament", "border", "cooperation", "minister", "exercises"]


def build_store(db: str, events: int, articles: int, log) -> None:
    from newsledger.bench.store import build_events
    from newsledger.store import Ledger
    from newsledger.store.opening import open_store
    from newsledger.synthetic import generate

    store = open_store(db)
    try:
        log(f"building {events:,} synthetic ledger events...")
        build_events(store, events, log=lambda m: None)
    finally:
        store.close()
    if articles:
        log(f"ingesting {articles} synthetic articles through the pipeline...")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "articles.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for a in generate(articles, seed=5, paragraphs=(3, 6)):
                    fh.write(json.dumps({"id": a.id, "text": a.text, "published": a.published}) + "\n")
            with Ledger.open(db) as ledger:
                ledger.ingest([str(path)])


def request_mix(db: str) -> list[tuple[str, str]]:
    """(endpoint group, path) of the requests the clients draw from."""
    from newsledger.store.opening import open_store

    store = open_store(db, migrate=False)
    try:
        actors = [r[0] for r in store.rows(
            "SELECT name FROM ledger_actors WHERE actor_id IS NOT NULL GROUP BY name ORDER BY count(*) DESC LIMIT 20")]
        countries = [r[0] for r in store.rows(
            "SELECT place_country FROM ledger_events WHERE place_country IS NOT NULL GROUP BY place_country "
            "ORDER BY count(*) DESC LIMIT 10")]
        last = (store.scalar("SELECT max(day_start) FROM ledger_events") or "2024-06-01")[:10]
        speakers = [r[0] for r in store.rows("SELECT speaker_name FROM quotes WHERE speaker_name IS NOT NULL "
                                             "GROUP BY speaker_name ORDER BY count(*) DESC LIMIT 5")]
    finally:
        store.close()
    year, month = last[:4], last[:7]
    mix: list[tuple[str, str]] = [("timeline", "/api/timeline"), ("timeline", "/timeline"),
                                  ("timeline", f"/api/timeline?type=PROTEST&date_from={year}&date_to={year}"),
                                  ("timeline", f"/api/timeline?by=day&date_from={month}&date_to={month}")]
    mix += [("timeline", f"/api/timeline?actor={quote(a)}") for a in actors[:8]]
    mix += [("timeline", f"/api/timeline?country={c}") for c in countries[:4]]
    mix += [("search", f"/api/articles?q={quote(w)}") for w in SEARCH_WORDS[:6]]
    mix += [("search", f"/api/events?text={quote(w)}&limit=50") for w in SEARCH_WORDS[6:10]]
    mix += [("search", f"/api/quotes?q={quote(w)}") for w in SEARCH_WORDS[:4]]
    mix += [("search", f"/api/quotes?speaker={quote(s)}") for s in speakers[:2]]
    mix += [("search", f"/api/actors?prefix={quote(a[:3])}") for a in actors[:4]]
    return mix


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def _stats(ms: list[float]) -> dict:
    if not ms:
        return {"requests": 0}
    return {"requests": len(ms), "p50_ms": round(_percentile(ms, 50), 1), "p90_ms": round(_percentile(ms, 90), 1),
            "p99_ms": round(_percentile(ms, 99), 1), "max_ms": round(max(ms), 1),
            "mean_ms": round(statistics.fmean(ms), 1)}


def load(base: str, mix: list[tuple[str, str]], *, clients: int, seconds: float, seed: int = 3) -> dict:
    """`clients` threads sending requests from `mix` for `seconds`; latencies and errors."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[str] = Counter()
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = 0.0  # set when the warm-up is over

    def client(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        conn = http.client.HTTPConnection(host, port, timeout=60)
        mine: dict[str, list[float]] = defaultdict(list)
        try:
            while time.monotonic() < stop_at:
                group, path = rng.choice(mix)
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path)
                    resp = conn.getresponse()
                    resp.read()
                    status = resp.status
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=60)
                    with lock:
                        errors.append(f"{path}: {type(exc).__name__}: {exc}")
                    continue
                ms = (time.perf_counter() - t0) * 1000
                mine[group].append(ms)
                with lock:
                    statuses[str(status)] += 1
                    if status != 200:
                        errors.append(f"{path}: HTTP {status}")
        finally:
            conn.close()
            with lock:
                for g, values in mine.items():
                    latencies[g].extend(values)

    for _ in range(2):  # warm up: every request once (templates, caches, first queries)
        for _, path in mix:
            conn = http.client.HTTPConnection(host, port, timeout=60)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
    t0 = time.monotonic()
    stop_at = t0 + seconds
    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    every = [ms for values in latencies.values() for ms in values]
    return {
        "clients": clients, "seconds": round(elapsed, 2), "requests": len(every) + len(errors),
        "requests_per_s": round((len(every)) / elapsed, 1) if elapsed else 0.0,
        "errors": len(errors), "error_samples": errors[:10], "statuses": dict(statuses),
        "all": _stats(every), "by_group": {g: _stats(v) for g, v in sorted(latencies.items())},
        "distinct_requests": len(mix),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", help="serve this existing store instead of building one")
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args(argv)

    from newsledger.bench.web import serve_process

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="newsledger-load-") as tmp:
        db = args.db or str(Path(tmp) / "ledger.db")
        t0 = time.monotonic()
        if not args.db:
            build_store(db, args.events, args.articles, log)
        build_seconds = time.monotonic() - t0
        mix = request_mix(db)
        log(f"serving {db} on 127.0.0.1; {args.clients} clients for {args.seconds:g} s...")
        with serve_process(db) as base:
            report = load(base, mix, clients=args.clients, seconds=args.seconds)
    report.update({"events": args.events if not args.db else None, "articles": args.articles if not args.db else None,
                   "build_seconds": round(build_seconds, 1), "host": "127.0.0.1"})
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    a = report["all"]
    print(f"load: {report['requests']:,} requests in {report['seconds']} s from {report['clients']} clients: "
          f"{report['requests_per_s']} requests/s, p50 {a.get('p50_ms')} ms, p99 {a.get('p99_ms')} ms, "
          f"max {a.get('max_ms')} ms; errors {report['errors']}")
    for group, s in report["by_group"].items():
        print(f"  {group:9s} {s['requests']:>7,} requests  p50 {s['p50_ms']} ms  p99 {s['p99_ms']} ms")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
