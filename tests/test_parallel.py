"""Worker processes: same records as in-process, input order, errors in place, crashes and
hangs cost only their documents, a worker that cannot start stops the run."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest
from click.testing import CliRunner

from newsledger import cli
from newsledger.config import Settings
from newsledger.errors import BadJsonLine
from newsledger.ingest import InputDocument
from newsledger.parallel import (
    WorkerPool,
    WorkerStartError,
    process_parallel,
    process_parallel_json,
)
from newsledger.stages.base import Stage
from newsledger.synthetic import generate

GERMAN = ("Die Regierung hat am Montag neue Maßnahmen beschlossen, die ab dem nächsten Monat gelten sollen. "
          "Der Minister erklärte, dass die Verhandlungen mit den Nachbarländern fortgesetzt werden.")
KILL = "The minister said the POISON-KILL talks would resume in the capital on Friday."
HANG = "The minister said the POISON-HANG talks would resume in the capital on Friday."


class _Poison(Stage):
    """Kills or hangs the worker process on a marked document (what a crash in native code,
    the OOM killer or a runaway regular expression would do)."""

    name = "poison"
    reads = ("doc",)
    writes = ()

    def __call__(self, document):
        if "POISON-KILL" in document.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "POISON-HANG" in document.text:
            time.sleep(3600)


def poisoned_pipeline(settings):
    from newsledger.pipeline import Pipeline
    from newsledger.stages import default_stages

    return Pipeline(settings=settings, stages=[*default_stages(settings), _Poison()])


def broken_pipeline(settings):
    raise OSError("no such spaCy pipeline: not-a-model")


def _corpus(n: int, seed: int = 5) -> list[InputDocument]:
    # short articles: the tests check machinery, not speed
    return [InputDocument(a.text, source=a.id, input_id=a.id, published=a.published)
            for a in generate(n, seed=seed, paragraphs=(1, 2))]


def _expected(pipeline, items):
    return [r.to_json() for r in pipeline.process(items)]


def test_parallel_same_records_in_input_order_with_errors_in_place(pipeline):
    docs = _corpus(9)
    items = [docs[0], InputDocument(b"", source="empty"), *docs[1:4],
             InputDocument(None, source="x.jsonl:3", error=BadJsonLine("line 3 is not valid JSON")),
             InputDocument(GERMAN, source="german"), *docs[4:]]
    results = list(process_parallel(items, workers=2, chunk_size=3))
    assert [r.to_json() for r in results] == _expected(pipeline, items)
    codes = [r.error.code if r.schema_ == "newsledger/error@1" else "ok" for r in results]
    assert codes[1] == "empty_input" and codes[5] == "bad_json" and codes[6] == "unsupported_language"
    assert codes.count("ok") == len(docs)


def test_parallel_pool_runs_several_batches_and_reports_workers(pipeline):
    docs = _corpus(6, seed=8)
    with WorkerPool(2, chunk_size=2) as pool:
        first = [t for _, t in pool.process_json(docs[:3])]
        second = [t for _, t in pool.process_json(docs[3:])]
        stats = pool.stats
    assert first + second == _expected(pipeline, docs)
    assert sum(w.documents for w in stats.workers.values()) == len(docs)
    assert 50 < stats.peak_rss_mb_per_worker < 1536
    assert stats.restarts == 0


def test_parallel_document_that_kills_its_worker_costs_only_itself(pipeline):
    docs = _corpus(7, seed=9)
    items = [*docs[:3], InputDocument(KILL, source="killer", input_id="killer", raw=True), *docs[3:]]
    with WorkerPool(1, chunk_size=4, pipeline_factory=poisoned_pipeline) as pool:
        results = list(pool.process(items))
        stats = pool.stats
    assert len(results) == len(items)
    assert results[3].schema_ == "newsledger/error@1"
    assert results[3].error.code == "worker_crash" and "SIGKILL" in results[3].error.message
    assert results[3].input_id == "killer"
    others = [r.to_json() for i, r in enumerate(results) if i != 3]
    assert others == _expected(pipeline, docs)
    # the chunk dies once, then its documents go one by one and the killer dies again
    assert stats.restarts == 2 and stats.crashed_documents == 1


def test_parallel_without_retry_a_crash_costs_its_chunk_as_error_records(pipeline):
    docs = _corpus(6, seed=10)
    items = [*docs[:4], InputDocument(KILL, source="killer", raw=True), *docs[4:]]
    with WorkerPool(1, chunk_size=4, pipeline_factory=poisoned_pipeline, retry_crashed=False) as pool:
        results = list(pool.process(items))
    # chunks: [0-3] fine, [4-6] holds the killer and dies as a whole
    assert [r.schema_ == "newsledger/error@1" for r in results] == [False] * 4 + [True] * 3
    assert {r.error.code for r in results[4:]} == {"worker_crash"}
    assert [r.source for r in results[4:]] == [i.source for i in items[4:]]
    assert [r.to_json() for r in results[:4]] == _expected(pipeline, docs[:4])


def test_parallel_worker_killed_from_outside_mid_run_loses_nothing(pipeline):
    docs = _corpus(16, seed=12)
    results = []
    with WorkerPool(2, chunk_size=2) as pool:
        for r in pool.process(docs):
            if not results:
                os.kill(pool.pids[0], signal.SIGKILL)
            results.append(r)
        stats = pool.stats
    assert [r.to_json() for r in results] == _expected(pipeline, docs)
    assert stats.restarts == 1
    assert any(w.exit == "signal SIGKILL" for w in stats.workers.values())


def test_parallel_hung_worker_is_killed_after_the_hard_limit(pipeline):
    docs = _corpus(3, seed=13)
    items = [docs[0], InputDocument(HANG, source="hang", raw=True), *docs[1:]]
    started = time.monotonic()
    with WorkerPool(1, chunk_size=1, pipeline_factory=poisoned_pipeline, hard_time_limit=5) as pool:
        results = list(pool.process(items))
    assert time.monotonic() - started < 60
    assert results[1].schema_ == "newsledger/error@1" and results[1].error.code == "timeout"
    assert [r.to_json() for i, r in enumerate(results) if i != 1] == _expected(pipeline, docs)


def test_parallel_worker_that_cannot_start_stops_the_run():
    with pytest.raises(WorkerStartError, match="not-a-model"):
        list(process_parallel(_corpus(2), workers=2, pipeline_factory=broken_pipeline))


def test_parallel_one_worker_runs_in_this_process(pipeline):
    docs = _corpus(2, seed=14)
    out = list(process_parallel_json(docs, workers=1, pipeline=pipeline))
    assert [t for _, t in out] == _expected(pipeline, docs)
    with pytest.raises(ValueError):
        WorkerPool(0)


def test_parallel_cli_extract_workers_gives_the_same_output(tmp_path):
    rows = [{"id": a.id, "text": a.text, "published": a.published} for a in generate(5, seed=15, paragraphs=(1, 2))]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows[:2]) + "\n{not json\n"
                   + "\n".join(json.dumps(r) for r in rows[2:]) + "\n", encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        r = CliRunner().invoke(cli.main, ["extract", str(src), "--workers", workers, "-o", str(out)],
                               catch_exceptions=False)
        assert r.exit_code == 0, r.output
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    lines = [json.loads(line) for line in outs[1].splitlines()]
    assert [x.get("input_id") or x.get("article", {}).get("input_id") for x in lines] == \
        [r["id"] for r in rows[:2]] + [None] + [r["id"] for r in rows[2:]]


def test_parallel_settings_reach_the_workers():
    # a tiny size limit set in the parent must apply in the workers
    settings = Settings(max_bytes=50)
    out = list(process_parallel(_corpus(2, seed=16), workers=2, settings=settings))
    assert {r.error.code for r in out} == {"too_large"}
