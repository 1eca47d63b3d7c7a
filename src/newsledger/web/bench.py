"""Page render times of the web app on a large ledger (`make bench`).

    python -m newsledger.web.bench [--events 100000] [--loads 20] [--json bench-web-report.json]

Builds a SQLite store of N synthetic ledger events with the store benchmark's generator
(`store.bench.build_events`: actors, participants, places, ten years of dates), adds the
bundled seed article through the real pipeline (so that the article view and the quotes
have real content), serves the app with uvicorn on 127.0.0.1 and measures every view:

- browser: headless Chromium (Playwright) from navigation until the page says it has
  drawn its data (body[data-ready]; for the map and network that includes their API
  requests and drawing), after warm-up loads, as a user moving between pages sees it;
- server: the time to answer the page's HTML and the API request its script makes.

The target is 300 ms per page. Without Chromium only server times are reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TARGET_MS = 300.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def _summary(values: list[float]) -> dict:
    return {"p50": round(_percentile(values, 50), 1), "p99": round(_percentile(values, 99), 1),
            "mean": round(statistics.fmean(values), 1), "max": round(max(values), 1)}


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read()


def _pages(base: str, store_path: str) -> list[tuple[str, str, str | None]]:
    """(name, page path, API path its script loads) for every view, with filters a user would use."""
    from ..store.backend import open_store

    store = open_store(store_path, migrate=False)
    try:
        article = store.scalar("SELECT article_key FROM articles ORDER BY id LIMIT 1")
        busy_actor = store.scalar("SELECT name FROM ledger_actors WHERE actor_id = (SELECT actor_id FROM ledger_actors "
                                  "WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1) LIMIT 1")
        event = store.scalar("SELECT key FROM ledger_events ORDER BY n_reports DESC, id LIMIT 1")
        quote = store.scalar("SELECT text FROM quotes ORDER BY id LIMIT 1") or ""
        last_year = (store.scalar("SELECT max(day_start) FROM ledger_events") or "2024")[:4]
    finally:
        store.close()
    word = max(quote.split(), key=len, default="").strip(".,;:!?\"'“”’") or "said"
    from urllib.parse import quote as q

    return [
        ("articles", "/", None),
        ("article", f"/articles/{article}", None),
        ("event", f"/events/{q(event)}", None),
        ("timeline", "/timeline", None),
        ("timeline, one actor", f"/timeline?actor={q(busy_actor)}", None),
        ("timeline, type and year", f"/timeline?type=PROTEST&date_from={last_year}&date_to={last_year}", None),
        ("map", "/map", "/api/map?"),
        ("map, one country", "/map?country=NOR", "/api/map?country=NOR"),
        ("network", "/network", "/api/network?"),
        ("network, one actor", f"/network?actor={q(busy_actor)}", f"/api/network?actor={q(busy_actor)}"),
        ("quotes", "/quotes", None),
        ("quotes, search", f"/quotes?q={q(word)}", None),
    ]


@contextmanager
def serve_process(db: str) -> Iterator[str]:
    """`newsledger serve --read-only` on `db` in a process of its own (as a user runs it:
    the browser's driver then takes no time from the server); yields its base URL."""
    from .browser import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsledger", "serve", "--db", db, "--port", str(port),
                             "--read-only"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/api/overview")
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"newsledger serve stopped: {proc.stderr.read().decode(errors='replace')}") from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def run(n_events: int = 100_000, loads: int = 20, log=lambda m: None) -> dict:
    from ..store import Ledger
    from ..store.backend import open_store
    from ..store.bench import build_events
    from .browser import chromium, chromium_available, wait_ready

    with tempfile.TemporaryDirectory(prefix="newsledger-web-bench-") as tmp:
        db = str(Path(tmp) / "ledger.db")
        store = open_store(db)
        try:
            log(f"building a store of {n_events:,} synthetic events...")
            build_events(store, n_events, log=log)
        finally:
            store.close()
        seed = Path(__file__).resolve().parents[1] / "examples" / "seed" / "article.txt"
        log("adding the seed article through the pipeline...")
        with Ledger.open(db) as ledger:
            ledger.ingest([str(seed)])
            events = ledger.stats()["ledger_events"]
        report: dict = {"events": events, "loads": loads, "target_ms": TARGET_MS, "pages": {}}
        with serve_process(db) as base:
            pages = _pages(base, db)
            for name, path, api in pages:
                for _ in range(3):  # warm the server: templates compiled, caches filled
                    _get(base + path)
                times = []
                for _ in range(loads):
                    t0 = time.perf_counter()
                    _get(base + path)
                    if api:
                        _get(base + api)
                    times.append((time.perf_counter() - t0) * 1000)
                report["pages"][name] = {"path": path, "server_ms": _summary(times)}
                log(f"  server  {name:24s} p50 {report['pages'][name]['server_ms']['p50']:7.1f} ms")
            if chromium_available():
                with chromium() as browser:
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    page = context.new_page()
                    for name, path, _ in pages:
                        times = []
                        for i in range(loads + 3):
                            t0 = time.perf_counter()
                            page.goto(base + path, wait_until="commit")
                            wait_ready(page, timeout_ms=60000)
                            if i >= 3:
                                times.append((time.perf_counter() - t0) * 1000)
                        report["pages"][name]["browser_ms"] = _summary(times)
                        log(f"  browser {name:24s} p50 {report['pages'][name]['browser_ms']['p50']:7.1f} ms")
                    context.close()
            else:
                report["browser"] = "no Chromium: server times only"
    worst = max((p.get("browser_ms") or p["server_ms"])["p99"] for p in report["pages"].values())
    report["worst_p99_ms"] = worst
    report["within_target"] = worst < TARGET_MS
    return report


def format_report(r: dict) -> str:
    lines = [f"web pages on a store of {r['events']:,} events ({r['loads']} loads each; target {r['target_ms']:.0f} ms)",
             f"{'view':26s} {'browser p50':>12s} {'p99':>8s} {'server p50':>11s} {'p99':>8s}"]
    for name, p in r["pages"].items():
        b = p.get("browser_ms")
        lines.append(f"{name:26s} {b['p50'] if b else float('nan'):12.1f} {b['p99'] if b else float('nan'):8.1f} "
                     f"{p['server_ms']['p50']:11.1f} {p['server_ms']['p99']:8.1f}")
    lines.append(f"slowest p99: {r['worst_p99_ms']:.1f} ms -> {'within' if r['within_target'] else 'OVER'} the target")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsledger.web.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--loads", type=int, default=20)
    parser.add_argument("--json", dest="json_out", default=None)
    args = parser.parse_args(argv)
    report = run(args.events, args.loads, log=lambda m: print(m, file=sys.stderr))
    print(format_report(report))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
