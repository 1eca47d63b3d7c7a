"""The Spark worker's pieces without Spark: rows to inputs, results to rows, event months."""

from __future__ import annotations

import json

import pytest

pa = pytest.importorskip("pyarrow")

from newsledger.config import Settings  # noqa: E402
from newsledger.ingest import input_from_json  # noqa: E402
from newsledger.spark.worker import (  # noqa: E402
    OUTPUT_SCHEMA,
    event_month,
    input_from_row,
    map_batches,
    process_rows,
    settings_overrides,
    worker_settings,
)

BODY = ("Norway and Sweden signed an agreement on fishing rights on Monday in Oslo, "
        "officials said, ending a dispute that began in 2019. Troops withdrew from the border last week.")


def test_spark_worker_event_month_partition_values():
    assert event_month("2023-10-23") == "2023-10"
    assert event_month("2023-09") == "2023-09"
    assert event_month("2023-10-23T10:00") == "2023-10"
    assert event_month("2023") == "2023"
    assert event_month(None) == "unknown"
    assert event_month("") == "unknown"
    assert event_month("XXXX-10") == "unknown"


def test_spark_worker_row_becomes_the_same_input_as_a_json_line():
    row = {"id": "7", "text": BODY, "html": None, "published": "2024-05-06", "url": None, "raw": True,
           "source": "file:/data/a.jsonl", "corrupt": None, "input_order": 3}
    item = input_from_row(row)
    expected = input_from_json({"id": "7", "text": BODY, "published": "2024-05-06", "raw": True}, "file:/data/a.jsonl")
    assert item == expected
    html = input_from_row({"id": "h", "html": f"<p>{BODY}</p>", "url": "https://example.org/a", "source": "f"})
    assert html.format == "html" and html.source == "https://example.org/a"
    bad = input_from_row({"corrupt": "{not json", "source": "f"})
    assert bad.error is not None and bad.error.code == "bad_json"
    neither = input_from_row({"id": "n", "source": "f"})
    assert neither.error is not None and neither.error.code == "bad_json"


def test_spark_worker_rows_carry_the_record_json_and_its_events(pipeline):
    rows = [{"id": "a", "text": BODY, "published": "2024-05-06", "source": "s", "input_order": 0},
            {"id": "b", "text": "", "source": "s", "input_order": 1}]
    out = process_rows(rows, pipeline)
    expected = [r.to_json() for r in pipeline.process([input_from_row(r) for r in rows])]
    assert [o["record"] for o in out] == expected
    rec = json.loads(out[0]["record"])
    assert out[0]["is_error"] is False and out[0]["n_events"] == len(rec["events"])
    assert [json.loads(e["event"]) for e in out[0]["events"]] == rec["events"]
    names = {e["id"]: e["name"] for e in rec["entities"]}
    for row, ev in zip(out[0]["events"], rec["events"], strict=True):
        assert row["actor_names"] == [names[i] for i in ev["actor"]]
        assert row["event_month"] == event_month(ev["date"]["start"] if ev["date"] else None)
    assert out[1]["is_error"] is True and out[1]["error_code"] == "empty_input" and out[1]["events"] == []
    assert [o["input_order"] for o in out] == [0, 1]


def test_spark_worker_map_batches_fits_the_declared_schema(pipeline):
    table = pa.Table.from_pylist([{"id": str(i), "text": BODY, "source": "s", "input_order": i} for i in range(3)])
    batches = list(map_batches(table.to_batches(), {}))
    assert all(b.schema == OUTPUT_SCHEMA for b in batches)
    assert sum(b.num_rows for b in batches) == 3
    too_small = list(map_batches(table.to_batches(), {"max_bytes": 20}))
    assert {row["error_code"] for b in too_small for row in b.to_pylist()} == {"too_large"}


def test_spark_worker_only_explicit_settings_travel(tmp_path, monkeypatch):
    driver = Settings().with_(spacy_model="some_model", max_bytes=1000)
    overrides = settings_overrides(driver)
    assert overrides == {"spacy_model": "some_model", "max_bytes": 1000}
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path))  # what a worker's own environment says
    worker = worker_settings(overrides)
    assert worker.cache_dir == tmp_path and worker.spacy_model == "some_model" and worker.max_bytes == 1000
