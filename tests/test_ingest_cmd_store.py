"""`newsledger ingest` with the real pipeline: idempotence, errors kept, duplicates, WARC and
feeds, and a `kill -9` in the middle of a run followed by a resume; on both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.config import Settings
from newsledger.errors import NewsledgerError
from newsledger.ingest import read_inputs, to_document
from newsledger.store import open_store
from newsledger.store.check import check_store
from newsledger.store.ingest import ingest_paths
from newsledger.synthetic import generate
from tests.test_store_fixtures import store, store_url  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[1]


def _corpus(folder: Path, n: int, seed: int = 21) -> Path:
    """Small synthetic articles: a folder of text files and a JSON Lines batch."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = list(generate(n, seed=seed, paragraphs=(1, 2)))
    half = len(articles) // 2
    for a in articles[:half]:
        (folder / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
    with (folder / "batch.jsonl").open("w", encoding="utf-8") as fh:
        for a in articles[half:]:
            fh.write(json.dumps({"id": a.id, "text": a.text, "published": a.published}) + "\n")
    return folder


def _expected_article_keys(paths: list[str]) -> set[str]:
    keys = set()
    for item in read_inputs(paths):
        with contextlib.suppress(NewsledgerError):  # inputs that fail are error documents, not articles
            keys.add(to_document(item, max_bytes=Settings().max_bytes).article.id)
    return keys


def _counts(s) -> dict[str, int]:
    return {status: int(n) for status, n in s.rows("SELECT status, count(*) FROM documents GROUP BY status")}


def test_ingest_cmd_is_idempotent_and_keeps_errors(store, nlp, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 6)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    with (corpus / "batch.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    first = sorted(corpus.glob("synthetic-*.txt"))[0]
    (corpus / "copy-of-first.txt").write_text(first.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")

    report = ingest_paths(store, [str(corpus)], nlp=nlp)
    assert (report.inputs, report.stored, report.duplicates, report.errors) == (9, 6, 1, 2)
    assert report.error_codes == {"empty_input": 1, "bad_json": 1}
    before = _counts(store)
    assert before == {"ok": 6, "duplicate": 1, "error": 2}
    events_before = store.scalar("SELECT count(*) FROM events")

    again = ingest_paths(store, [str(corpus)], nlp=nlp)
    assert (again.stored, again.duplicates, again.errors, again.skipped) == (0, 0, 0, 9)
    assert _counts(store) == before and store.scalar("SELECT count(*) FROM events") == events_before
    assert {r[0] for r in store.rows("SELECT article_key FROM articles")} == _expected_article_keys([str(corpus)])

    retried = ingest_paths(store, [str(corpus)], nlp=nlp, retry_errors=True)
    assert (retried.retried, retried.errors, retried.skipped) == (2, 2, 7)
    assert _counts(store) == before
    assert check_store(store, deep=True) == []


def test_ingest_cmd_reads_warc_and_feed_files(store, nlp, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><title>Talks in Oslo</title></head><body><article><h1>Talks in Oslo</h1>"
            "<p>Foreign Minister Maria Lindqvist of Norway met Prime Minister Tomas Varga of Hungary in Oslo on "
            "Monday to discuss energy cooperation and security in the region.</p></article></body></html>")
    with (tmp_path / "crawl.warc.gz").open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, status, ctype, body in (("https://news.example/oslo", "200 OK", "text/html; charset=utf-8", page),
                                         ("https://news.example/missing", "404 Not Found", "text/html", "<p>no</p>"),
                                         ("https://news.example/logo.png", "200 OK", "image/png", "PNG")):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body.encode()),
                                                          http_headers=headers))
    (tmp_path / "wire.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Protest in Budapest</title><link>https://wire.example/1</link><guid>w1</guid>"
        "<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Thousands protested in Budapest on Sunday against new taxes, the police said.&lt;/p&gt;"
        "</description></item>"
        "<item><title>Nothing</title><link>https://wire.example/2</link></item></channel></rss>", encoding="utf-8")
    report = ingest_paths(store, [str(tmp_path / "crawl.warc.gz"), str(tmp_path / "wire.rss")], nlp=nlp)
    assert (report.stored, report.errors) == (2, 1)  # the 404 and the image are not documents
    rows = dict(store.rows("SELECT url, published FROM articles"))
    assert set(rows) == {"https://news.example/oslo", "https://wire.example/1"}
    assert rows["https://wire.example/1"].startswith("2024-03-04")
    assert store.scalar("SELECT error_code FROM documents WHERE status = 'error'") == "empty_input"
    assert ingest_paths(store, [str(tmp_path)], nlp=nlp).skipped == 3


def _document_count(url: str) -> int:
    try:
        s = open_store(url, migrate=False)
    except Exception:  # noqa: BLE001 - not created yet
        return 0
    try:
        return int(s.scalar("SELECT count(*) FROM documents") or 0) if s.has_table("documents") else 0
    except Exception:  # noqa: BLE001 - tables being created
        return 0
    finally:
        s.close()


@pytest.mark.slow
def test_ingest_cmd_survives_kill_9_and_resumes_without_duplicate_or_loss(store_url, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 40, seed=33)
    expected = _expected_article_keys([str(corpus)])
    command = [sys.executable, "-m", "newsledger", "ingest", str(corpus), "--db", store_url,
               "--batch-size", "2", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180
        while _document_count(store_url) < 5 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the ingest finished before it could be killed: " + proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    s = open_store(store_url)
    try:
        stored = _document_count(store_url)
        assert 5 <= stored < 40
        assert check_store(s, deep=True) == []  # every committed article is whole, nothing half-written
    finally:
        s.close()

    resumed = subprocess.run(command + ["--json", str(tmp_path / "report.json")], env=env, capture_output=True,
                             text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["skipped"] == stored and report["stored"] + report["duplicates"] + report["errors"] == 40 - stored

    s = open_store(store_url)
    try:
        assert s.scalar("SELECT count(*) FROM documents") == 40
        keys = [r[0] for r in s.rows("SELECT article_key FROM articles")]
        assert len(keys) == len(set(keys)) and set(keys) == expected  # no duplicate, no loss
        assert check_store(s, deep=True) == []
        assert s.scalar("SELECT count(*) FROM events WHERE ledger_event_id IS NULL") == 0
    finally:
        s.close()


def test_ingest_cmd_cli_reports_and_exit_status(tmp_path):
    from newsledger.cli import main

    corpus = _corpus(tmp_path / "corpus", 2)
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db, "--no-progress",
                                       "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.output
    assert json.loads((tmp_path / "r.json").read_text())["stored"] == 2
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "bad"), "--db", db, "--no-progress"])
    assert result.exit_code == 1 and "1 error(s)" in result.output
    # records extracted elsewhere can be stored as they are
    records = tmp_path / "records.jsonl"
    result = CliRunner().invoke(main, ["export", "records", "-o", str(records), "--db", db])
    assert result.exit_code == 0
    result = CliRunner().invoke(main, ["ingest", "--records", str(records), "--db", str(tmp_path / "copy.db"),
                                       "--no-progress"])
    assert result.exit_code == 0 and "2 stored" in result.output
    result = CliRunner().invoke(main, ["ledger", "check", "--db", str(tmp_path / "copy.db"), "--deep"])
    assert result.exit_code == 0 and "ok" in result.output
    result = CliRunner().invoke(main, ["ledger", "status", "--db", db])
    assert json.loads(result.stdout)["documents_by_status"] == {"ok": 2, "error": 1}


def test_ingest_cmd_two_writers_at_once_store_each_article_once(store_url):
    import threading

    from newsledger.store.ingest import ingest_records
    from tests.test_query_store import _corpus

    records = _corpus()
    open_store(store_url).close()  # migrate once, before the writers start
    reports, failures = [], []

    def writer(order):
        try:
            s = open_store(store_url)
            try:
                reports.append(ingest_records(s, order))
            finally:
                s.close()
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(order,)) for order in (records, records[::-1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert failures == []
    assert sum(r.stored for r in reports) == len(records)
    assert sum(r.skipped for r in reports) == len(records)
    s = open_store(store_url)
    try:
        assert s.scalar("SELECT count(*) FROM articles") == len(records)
        assert s.scalar("SELECT max(n_reports) FROM ledger_events") == 3  # writers took turns: same grouping
        assert check_store(s) == []
    finally:
        s.close()


@pytest.mark.slow
def test_ingest_cmd_workers_store_what_one_process_stores(store_url, tmp_path):
    """`--workers 2` extracts in worker processes; the stored articles, error documents and
    ledger events are those of a one-process run (the parent writes, in input order)."""
    corpus = _corpus(tmp_path / "corpus", 12, seed=33)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    single = open_store(tmp_path / "single.db")
    try:
        ingest_paths(single, [str(corpus)])
        expected = (_counts(single),
                    sorted(r[0] for r in single.rows("SELECT article_key FROM articles")),
                    sorted(tuple(r) for r in single.rows("SELECT type, day_start, day_end FROM ledger_events")))
    finally:
        single.close()
    s = open_store(store_url)
    try:
        report = ingest_paths(s, [str(corpus)], workers=2)
        assert report.errors == 1 and report.stored == 12
        got = (_counts(s),
               sorted(r[0] for r in s.rows("SELECT article_key FROM articles")),
               sorted(tuple(r) for r in s.rows("SELECT type, day_start, day_end FROM ledger_events")))
        assert got == expected
        assert check_store(s) == []
        again = ingest_paths(s, [str(corpus)], workers=2)  # resumable as ever: nothing new
        assert again.skipped == 13 and again.stored == 0
    finally:
        s.close()
