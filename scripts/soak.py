"""Soak test: ingest synthetic articles while the ingest process is killed (SIGKILL) at random
points and resumed, then check that nothing was lost or stored twice and that the store
passes its integrity check.

    .venv/bin/python scripts/soak.py                       # 10,000 articles, 20 kills (make soak)
    .venv/bin/python scripts/soak.py --articles 200 --kills 3 --json r.json
    .venv/bin/python scripts/soak.py --db postgresql://...  # the same on PostgreSQL

The articles come from newsledger.synthetic (short ones: one to three paragraphs), as one
JSON Lines file. Each run is `newsledger ingest FILE --db DB` in a child process. A kill
lands at a random point: most runs are killed when the store has grown by a random number
of documents (so during extraction or in the middle of storing an article), about one in
six at a random moment of its first four seconds (loading the model, the first batch). After the last kill a run goes
to the end. Then, from the store itself:

- lost: inputs with no document row (every input must have one: its article, a note that
  its text is already stored, or its error);
- duplicates: inputs with more than one document row, and articles stored more than once
  (more article rows than distinct article texts among the inputs);
- integrity: `check_store(deep=True)`, which also re-validates every stored record.

The report (text on stdout, JSON with --json) gives inputs, kills, records stored,
duplicates, lost and the integrity problems; the exit status is 1 if any is not as it
must be, or if fewer kills than asked landed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def write_articles(path: Path, n: int, seed: int) -> None:
    from newsledger.synthetic import generate

    with path.open("w", encoding="utf-8") as fh:
        for article in generate(n, seed=seed, paragraphs=(1, 3)):
            fh.write(json.dumps({"id": article.id, "text": article.text, "published": article.published}) + "\n")


def expected_inputs(path: Path) -> tuple[set[str], int]:
    """The input hashes of the file's documents, and how many distinct article texts they hold."""
    from newsledger.config import Settings
    from newsledger.errors import NewsledgerError
    from newsledger.ingest import read_inputs, to_document
    from newsledger.store.keys import input_hash

    hashes, bodies = set(), set()
    max_bytes = Settings().max_bytes
    for item in read_inputs([str(path)]):
        hashes.add(input_hash(item))
        with contextlib.suppress(NewsledgerError):
            bodies.add(to_document(item, max_bytes=max_bytes).article.id)
    return hashes, len(bodies)


class Counter_:  # noqa: N801 - beside collections.Counter
    """Documents stored so far, read from the store while the ingest writes it."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.store = None

    def __call__(self) -> int:
        from newsledger.store.opening import open_store

        try:
            if self.store is None:
                if "://" not in self.db and not Path(self.db).exists():
                    return 0
                self.store = open_store(self.db, migrate=False)
            if not self.store.has_table("documents"):
                return 0
            return int(self.store.scalar("SELECT count(*) FROM documents") or 0)
        except Exception:  # noqa: BLE001 - the store is being created or migrated
            self.close()
            return 0

    def close(self) -> None:
        if self.store is not None:
            with contextlib.suppress(Exception):
                self.store.close()
            self.store = None


def run_once(command: list[str], env: dict, count: Counter_, *, kill_at_count: int | None,
             kill_after: float | None, log) -> dict:
    """One ingest run; killed when the store holds `kill_at_count` documents or after
    `kill_after` seconds (whichever is set), else left to finish."""
    started = time.monotonic()
    before = count()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    killed = False
    while proc.poll() is None:
        now = time.monotonic() - started
        if (kill_after is not None and now >= kill_after) or \
                (kill_at_count is not None and count() >= kill_at_count):
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.02)
    proc.wait()
    return {"killed": killed and proc.returncode == -signal.SIGKILL, "returncode": proc.returncode,
            "seconds": round(time.monotonic() - started, 2), "documents_before": before,
            "documents_after": count()}


def verify(db: str, hashes: set[str], distinct_bodies: int) -> dict:
    from newsledger.store.check import check_store
    from newsledger.store.opening import open_store

    store = open_store(db, migrate=False)
    try:
        rows = store.rows("SELECT content_hash, status, error_code FROM documents")
        per_hash = Counter(h for h, _, _ in rows)
        status = Counter(s for _, s, _ in rows)
        codes = Counter(c for _, s, c in rows if s == "error")
        articles = int(store.scalar("SELECT count(*) FROM articles") or 0)
        keys = int(store.scalar("SELECT count(DISTINCT article_key) FROM articles") or 0)
        t0 = time.monotonic()
        problems = check_store(store, deep=True)
        check_seconds = time.monotonic() - t0
    finally:
        store.close()
    lost = sorted(hashes - set(per_hash))
    stored_twice = sum(n - 1 for n in per_hash.values() if n > 1)
    return {
        "documents": len(rows),
        "records_stored": articles,
        "same_text_inputs": status.get("duplicate", 0),  # inputs whose text another input already gave
        "errors": status.get("error", 0),
        "error_codes": dict(codes),
        "lost": len(lost),
        "unexpected_documents": len(set(per_hash) - hashes),
        "duplicates": stored_twice + (articles - keys) + max(0, articles - distinct_bodies),
        "distinct_article_texts": distinct_bodies,
        "integrity": problems,
        "integrity_check_seconds": round(check_seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="the store (default: a new SQLite file in the work folder)")
    parser.add_argument("--workdir", help="where the articles, store and logs go (default: a temporary folder)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", dest="json_path", help="write the report as JSON here")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="newsledger-soak-"))
    workdir.mkdir(parents=True, exist_ok=True)
    articles = workdir / "articles.jsonl"
    db = args.db or str(workdir / "soak.db")
    if "://" not in db and Path(db).exists():
        sys.exit(f"{db} exists: a soak starts from an empty store")

    t0 = time.monotonic()
    write_articles(articles, args.articles, args.seed)
    hashes, distinct = expected_inputs(articles)
    command = [sys.executable, "-m", "newsledger", "ingest", str(articles), "--db", db, "--no-progress",
               "--batch-size", str(args.batch_size)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    count = Counter_(db)
    runs: list[dict] = []
    with (workdir / "ingest.log").open("ab") as log:
        kills = 0
        while kills < args.kills:
            done = count()
            remaining = len(hashes) - done
            if remaining <= 0:
                break
            if rng.random() < 1 / 6:  # early: while the model loads or on the first batch
                run = run_once(command, env, count, kill_at_count=None, kill_after=rng.uniform(0.2, 4.0), log=log)
                run["kill_point"] = "early"
            else:
                share = remaining / (args.kills - kills + 1)
                target = done + max(1, int(rng.uniform(0.2, 1.8) * share))
                run = run_once(command, env, count, kill_at_count=target, kill_after=None, log=log)
                run["kill_point"] = "ingesting"
            runs.append(run)
            kills += run["killed"]
            if not run["killed"] and run["returncode"] == 0:
                break  # it finished before the kill: nothing left to interrupt
        final = run_once(command + ["--json", str(workdir / "last-run.json")], env, count,
                         kill_at_count=None, kill_after=None, log=log)
        final["kill_point"] = None
        runs.append(final)
    count.close()

    result = verify(db, hashes, distinct)
    report = {
        "inputs": len(hashes),
        "articles_generated": args.articles,
        "kills": sum(r["killed"] for r in runs),
        "kills_asked": args.kills,
        "kills_early": sum(r["killed"] and r["kill_point"] == "early" for r in runs),
        "kills_while_ingesting": sum(r["killed"] and r["kill_point"] == "ingesting" for r in runs),
        "runs": len(runs),
        "last_run_exit": final["returncode"],
        **result,
        "seconds": round(time.monotonic() - t0, 1),
        "db": "postgresql" if "://" in db else "sqlite",
        "seed": args.seed,
        "run_log": runs,
    }
    ok = (report["lost"] == 0 and report["duplicates"] == 0 and not report["integrity"]
          and report["unexpected_documents"] == 0 and report["kills"] >= args.kills and final["returncode"] == 0)
    report["ok"] = ok
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(format_report(report))
    return 0 if ok else 1


def format_report(r: dict) -> str:
    integrity = "clean" if not r["integrity"] else f"{len(r['integrity'])} problem(s): " + "; ".join(r["integrity"][:5])
    return "\n".join([
        f"soak ({r['db']}, seed {r['seed']}): {'OK' if r['ok'] else 'FAILED'} in {r['seconds']} s",
        f"  inputs            {r['inputs']:>8,}  ({r['distinct_article_texts']:,} distinct article texts)",
        f"  kills (SIGKILL)   {r['kills']:>8}  ({r['kills_early']} in a run's first seconds, "
        f"{r['kills_while_ingesting']} while ingesting; {r['runs']} runs)",
        f"  records stored    {r['records_stored']:>8,}",
        f"  same-text inputs  {r['same_text_inputs']:>8,}  (stored once, noted as duplicates of the first)",
        f"  error documents   {r['errors']:>8,}  {r['error_codes'] or ''}",
        f"  duplicates        {r['duplicates']:>8}",
        f"  lost              {r['lost']:>8}",
        f"  integrity         {integrity}",
    ])


if __name__ == "__main__":
    sys.exit(main())
