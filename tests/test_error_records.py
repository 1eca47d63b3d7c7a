"""One way to make an error record (`ErrorRecord.for_input`), one "batch, then one by one"
fallback (`pipeline.process_isolated`) and one warm-up per pipeline, for the pipeline,
the worker processes and the Spark worker alike (issue 18)."""

from __future__ import annotations

import signal
from multiprocessing import Pipe

import pytest

from newsledger.errors import EmptyInput, NewsledgerError, TimeBudgetExceeded
from newsledger.ingest import InputDocument
from newsledger.model import ERROR_SCHEMA, ErrorRecord
from newsledger.stages.base import Stage

# --- ErrorRecord.for_input -------------------------------------------------------------------


@pytest.mark.parametrize(("input_id", "source", "expected"), [
    ("a-1", "feed.jsonl", ("a-1", "feed.jsonl")),
    (12, "feed.jsonl", ("12", "feed.jsonl")),
    (None, None, (None, None)),
    ([1, 2], {"path": "x"}, ("[1, 2]", "{'path': 'x'}")),
])
def test_error_record_for_input_writes_ids_as_text(input_id, source, expected):
    item = InputDocument("", input_id=input_id, source=source)
    record = ErrorRecord.for_input(item, EmptyInput("the document is empty"))
    assert (record.input_id, record.source) == expected
    assert record.error.code == "empty_input" and record.error.message == "the document is empty"
    assert ErrorRecord.model_validate_json(record.to_json()) == record
    assert record.to_dict()["schema"] == ERROR_SCHEMA


def test_error_record_for_input_keeps_codes_and_names_bugs():
    item = InputDocument("text", input_id="x")
    assert ErrorRecord.for_input(item, TimeBudgetExceeded("too slow")).error.code == "timeout"
    assert ErrorRecord.for_input(item, NewsledgerError("odd", code="bad_input")).error.code == "bad_input"
    bug = ErrorRecord.for_input(item, KeyError("E9")).error
    assert bug.code == "stage_error" and bug.message == "unexpected failure: KeyError: 'E9'"


def test_pipeline_error_records_come_from_for_input(pipeline):
    items = [InputDocument("", input_id=7, source=3), InputDocument(b"\x00\x01\x02" * 50, input_id=8.5)]
    results = list(pipeline.process(items))
    assert [(r.input_id, r.source, r.error.code) for r in results] == \
        [("7", "3", "empty_input"), ("8.5", None, "binary_input")]


# --- one fallback --------------------------------------------------------------------------------

class _Flaky:
    """A stand-in pipeline: a bug escapes it for any batch holding a document that says BOOM."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def process(self, items):
        items = list(items)
        self.calls.append(len(items))
        if any("BOOM" in (i.content or "") for i in items):
            raise RuntimeError("a bug")
        return iter([ErrorRecord.for_input(i, NewsledgerError(f"done {i.content}", code="done")) for i in items])


def _items():
    return [InputDocument("one", input_id=1), InputDocument("BOOM", input_id=2), InputDocument("three", input_id=3)]


def test_process_isolated_costs_only_the_failing_document():
    from newsledger.pipeline import process_isolated

    flaky = _Flaky()
    results = process_isolated(flaky, _items())
    assert flaky.calls == [3, 1, 1, 1]  # the batch, then one by one
    assert [(r.input_id, r.error.code) for r in results] == [("1", "done"), ("2", "stage_error"), ("3", "done")]
    assert results[1].error.message == "unexpected failure: RuntimeError: a bug"
    clean = _Flaky()
    assert len(process_isolated(clean, [InputDocument("a"), InputDocument("b")])) == 2 and clean.calls == [2]


def test_worker_processes_and_spark_use_the_one_fallback():
    from newsledger.parallel import _process_chunk
    from newsledger.pipeline import process_isolated
    from newsledger.spark.worker import process_items

    expected = [r.to_json() for r in process_isolated(_Flaky(), _items())]
    assert [text for _, text in _process_chunk(_Flaky(), _items())] == expected
    assert [is_error for is_error, _ in _process_chunk(_Flaky(), _items())] == [True, True, True]
    assert [r.to_json() for r in process_items(_items(), _Flaky())] == expected


# --- one warm-up ------------------------------------------------------------------------------

class _Seen(Stage):
    """Remembers the text of every document that reaches the stages after the parse."""

    name = "seen"
    reads = ("doc",)

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, document) -> None:
        self.texts.append(document.text)


def _watched_pipeline(nlp, settings):
    from newsledger.pipeline import Pipeline

    pipeline = Pipeline(nlp=nlp, settings=settings)  # the default stages: they warm up by themselves
    seen = _Seen()
    pipeline.post_parse.append(seen)
    return pipeline, seen


def test_pipeline_warms_up_once(nlp, settings):
    from newsledger.pipeline import _WARM_UP

    pipeline, seen = _watched_pipeline(nlp, settings)
    pipeline.warm_up()
    pipeline.warm_up()
    list(pipeline.process([InputDocument("The minister met officials in the capital on Monday.", raw=True)]))
    assert seen.texts.count(_WARM_UP) == 1 and len(seen.texts) == 2
    assert set(pipeline.timings) >= {"parse", "ingest"}


def test_a_worker_process_warms_its_pipeline_up_once(nlp, settings):
    """What `_worker_main` does in a worker process, run here with a pipe: ready, one chunk, stop."""
    from newsledger.parallel import _worker_main
    from newsledger.pipeline import _WARM_UP

    made = []

    def factory(s):
        made.append(_watched_pipeline(nlp, s))
        return made[-1][0]

    parent, child = Pipe(duplex=True)
    parent.send((1, [InputDocument("Officials said the talks would resume on Friday in the capital.", raw=True)]))
    parent.send(None)
    saved = signal.getsignal(signal.SIGINT)
    try:
        _worker_main(child, settings, factory)
    finally:
        signal.signal(signal.SIGINT, saved)
    assert parent.recv()[0] == "ready"
    kind, task_id, results, *_ = parent.recv()
    assert (kind, task_id, len(results)) == ("done", 1, 1)
    seen = made[0][1]
    assert seen.texts.count(_WARM_UP) == 1 and len(seen.texts) == 2


def test_the_spark_worker_warms_its_pipeline_up_once(nlp, settings):
    from newsledger.pipeline import _WARM_UP
    from newsledger.spark import worker

    made = []

    def factory(s):
        made.append(_watched_pipeline(nlp, s))
        return made[-1][0]

    pipeline = worker.worker_pipeline(settings, factory)
    try:
        assert worker.worker_pipeline(settings, factory) is pipeline
        worker.process_items([InputDocument("Officials met in the capital on Friday.", raw=True)], pipeline)
        assert made[0][1].texts.count(_WARM_UP) == 1 and len(made) == 1
    finally:
        worker._PIPELINES.pop((settings, factory), None)
