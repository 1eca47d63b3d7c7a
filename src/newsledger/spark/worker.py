"""What runs inside Spark's Python workers: Arrow batches of documents in, Arrow batches of
results out, one row per document, through the same `Pipeline.process` as everywhere else.

Imports only pyarrow and newsledger (never pyspark.sql), so it is cheap to load in a worker.
The pipeline (and so the spaCy model) is built once per Python worker process and kept
for every later task that process runs (Spark reuses Python workers by default).
"""

from __future__ import annotations

import resource
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, cast

import pyarrow as pa

from ..config import Settings
from ..errors import BadJsonLine
from ..ingest import InputDocument, input_from_json
from ..model import ErrorRecord, Record

if TYPE_CHECKING:
    from ..pipeline import Pipeline

# Documents handed to the pipeline at a time: a Spark Arrow batch can hold thousands.
SLICE = 32

# The columns the job passes in (names are fixed by the job, whatever the input called them).
INPUT_COLUMNS = ("id", "text", "html", "published", "url", "raw", "source", "corrupt", "input_order")

def _event_struct() -> pa.DataType:
    """One event: the event row of `store.schema` (dates as Arrow dates, which Spark reads as
    its date type), then the record's own event id, the partition value and the event JSON."""
    from ..store.schema import EVENT_COLUMNS

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32(),
             "list": pa.list_(pa.string())}
    return pa.struct([("event_id", pa.string()), *((c.name, types[c.kind]) for c in EVENT_COLUMNS),
                      ("event_month", pa.string()),
                      ("event", pa.string())])  # the event object as JSON, exactly as in the record


_EVENT = _event_struct()

# One row per input document; `record` is the record JSON (or the error record JSON).
OUTPUT_SCHEMA = pa.schema([
    ("input_order", pa.int64()),
    ("is_error", pa.bool_()),
    ("input_id", pa.string()),
    ("source", pa.string()),
    ("url", pa.string()),
    ("article_id", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("n_entities", pa.int32()),
    ("n_times", pa.int32()),
    ("n_places", pa.int32()),
    ("n_quotes", pa.int32()),
    ("n_amounts", pa.int32()),
    ("n_events", pa.int32()),
    ("n_warnings", pa.int32()),
    ("error_code", pa.string()),
    ("error_message", pa.string()),
    ("record", pa.string()),
    ("events", pa.list_(_EVENT)),
    ("worker_pid", pa.int32()),
    ("worker_peak_rss_mb", pa.float64()),
])

_LOCK = threading.Lock()
_PIPELINES: dict[Any, Pipeline] = {}


def settings_overrides(settings: Settings) -> dict[str, Any]:
    """The fields of `settings` that differ from what the environment here gives: what a job
    must carry to its workers. The rest (the cache folder, NEWSLEDGER_* variables) each
    worker reads from its own environment, which on a cluster is not the driver's."""
    here = Settings()
    return {f.name: getattr(settings, f.name) for f in fields(Settings)
            if getattr(settings, f.name) != getattr(here, f.name)}


def worker_settings(overrides: dict[str, Any]) -> Settings:
    return replace(Settings(), **overrides)


def worker_pipeline(settings: Settings, factory: Callable[[Settings], Pipeline] | None = None) -> Pipeline:
    """This process's pipeline for `settings` (built on first use, then kept)."""
    key = (settings, factory)
    with _LOCK:
        pipeline = _PIPELINES.get(key)
        if pipeline is None:
            if factory is not None:
                pipeline = factory(settings)
            else:
                from ..pipeline import Pipeline

                pipeline = Pipeline(settings=settings)
            pipeline.warm_up()
            _PIPELINES[key] = pipeline
        return pipeline


def input_from_row(row: dict[str, Any]) -> InputDocument:
    """The InputDocument for one input row, as `extract` builds it from a JSON Lines object;
    `source` is the row's source column if any, else the file it was read from (a `url`,
    when given, wins, as in JSON Lines input)."""
    source = row.get("source")
    if row.get("corrupt") is not None:
        snippet = str(row["corrupt"])[:60]
        return InputDocument(None, source=source, error=BadJsonLine(f"a line is not a valid JSON object: {snippet!r}"))
    obj = {k: row.get(k) for k in ("id", "text", "html", "published", "url") if row.get(k) is not None}
    if row.get("raw") is not None:
        obj["raw"] = bool(row["raw"])
    return input_from_json(obj, cast(str, source))  # None too: the record then has no source


def event_month(start: str | None) -> str:
    """The partition value of an event date: "YYYY-MM", "YYYY" when only the year is known,
    "unknown" when there is no date."""
    if not start or len(start) < 4 or not start[:4].isdigit():
        return "unknown"
    if len(start) >= 7 and start[4] == "-" and start[5:7].isdigit():
        return start[:7]
    return start[:4]


def _event_rows(record: Record) -> list[dict[str, Any]]:
    from ..store.schema import event_row

    rows = []
    for ev in record.events:
        row = event_row(record, ev)
        row.update(event_id=ev.id, event_month=event_month(ev.date.start if ev.date else None),
                   event=ev.model_dump_json(by_alias=True))
        rows.append(row)
    return rows


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def result_row(result: Record | ErrorRecord, order: int | None) -> dict[str, Any]:
    if isinstance(result, ErrorRecord):
        return {
            "input_order": order, "is_error": True, "input_id": result.input_id, "source": result.source,
            "error_code": result.error.code, "error_message": result.error.message,
            "record": result.to_json(), "events": [],
        }
    a = result.article
    return {
        "input_order": order, "is_error": False, "input_id": a.input_id, "source": a.source, "url": a.url,
        "article_id": a.id, "title": a.title, "published": a.published,
        "n_entities": len(result.entities), "n_times": len(result.times), "n_places": len(result.places),
        "n_quotes": len(result.quotes), "n_amounts": len(result.amounts), "n_events": len(result.events),
        "n_warnings": len(result.warnings),
        "record": result.to_json(), "events": _event_rows(result),
    }


def process_items(items: list[InputDocument], pipeline: Pipeline) -> list[Record | ErrorRecord]:
    """The pipeline's results for `items`; a failure the pipeline does not turn into an error
    record itself (a bug) still costs only its own document, never the Spark task
    (`pipeline.process_isolated`)."""
    from ..pipeline import process_isolated

    return process_isolated(pipeline, items)


def process_rows(rows: list[dict[str, Any]], pipeline: Pipeline) -> list[dict[str, Any]]:
    items = [input_from_row(r) for r in rows]
    return [result_row(res, row.get("input_order"))
            for row, res in zip(rows, process_items(items, pipeline), strict=True)]


def map_batches(batches: Iterable[pa.RecordBatch], overrides: dict[str, Any] | None = None,
                factory: Callable[[Settings], Pipeline] | None = None) -> Iterator[pa.RecordBatch]:
    """The function given to `DataFrame.mapInArrow`; `overrides` are `settings_overrides()`
    of the driver's settings."""
    import os

    pipeline = worker_pipeline(worker_settings(overrides or {}), factory)
    pid = os.getpid()
    for batch in batches:
        rows = batch.to_pylist()
        for start in range(0, len(rows), SLICE):
            out = process_rows(rows[start:start + SLICE], pipeline)
            rss = _peak_rss_mb()
            for row in out:
                row["worker_pid"], row["worker_peak_rss_mb"] = pid, rss
            yield pa.RecordBatch.from_pylist(out, schema=OUTPUT_SCHEMA)
