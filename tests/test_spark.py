"""Spark in local mode (local[2]) gives the same records and error records as the
single-process pipeline for the same inputs, from JSON Lines and from Parquet."""

from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("pyspark")
pa = pytest.importorskip("pyarrow")
if shutil.which("java") is None:
    pytest.skip("no Java runtime (make install / .ci/run install one)", allow_module_level=True)

import pyarrow.dataset as ds  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from newsledger import cli  # noqa: E402
from newsledger.ingest import input_from_json  # noqa: E402
from newsledger.model import Record  # noqa: E402
from newsledger.spark.worker import event_month  # noqa: E402
from newsledger.store.schema import COLUMN_NAMES, event_row  # noqa: E402
from newsledger.synthetic import generate  # noqa: E402

pytestmark = pytest.mark.slow

GERMAN = ("Die Regierung hat am Montag neue Maßnahmen beschlossen, die ab dem nächsten Monat gelten sollen. "
          "Der Minister erklärte, dass die Verhandlungen mit den Nachbarländern fortgesetzt werden.")


@pytest.fixture(scope="module")
def spark():
    from newsledger.spark import spark_session

    session = spark_session("local[2]", config={"spark.sql.shuffle.partitions": "4"})
    yield session
    session.stop()


def _objects() -> list[dict]:
    arts = list(generate(10, seed=21, paragraphs=(2, 4)))
    objs: list[dict] = [{"id": a.id, "text": a.text, "published": a.published} for a in arts]
    objs.insert(2, {"id": "empty", "text": ""})
    objs.insert(4, {"id": "german", "text": GERMAN})
    objs.insert(6, {"id": "neither"})
    objs.insert(7, {"id": "page", "url": "https://news.example.org/a",
                    "html": "<html><head><title>Talks</title></head><body><article>"
                    + "".join(f"<p>{p}</p>" for p in arts[0].text.split("\n\n")[2:]) + "</article></body></html>"})
    objs.insert(8, {"id": 42, "text": arts[1].text, "raw": True})
    return objs


def _read(path):
    return pq.read_table(path).to_pylist()


def _single_process(pipeline, objs, source):
    results = list(pipeline.process(input_from_json(o, source) for o in objs))
    return {str(o.get("id")): r.to_json() for o, r in zip(objs, results, strict=True)}


def test_spark_jsonl_output_equals_single_process(spark, pipeline, tmp_path):
    from newsledger.spark import run

    objs = _objects()
    src = tmp_path / "corpus.jsonl"
    lines = [json.dumps(o) for o in objs]
    lines.insert(5, "{this is not json")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    report = run(spark, str(src), str(out))

    expected = _single_process(pipeline, objs, f"file:{src}")
    records = _read(out / "records")
    errors = _read(out / "errors")
    got = {r["input_id"]: r["record"] for r in records + errors if r["input_id"] is not None}
    assert got == expected  # every record and error record, JSON for JSON
    bad = [e for e in errors if e["input_id"] is None]
    assert len(bad) == 1 and bad[0]["code"] == "bad_json" and bad[0]["source"] == f"file:{src}"
    codes = {e["input_id"]: e["code"] for e in errors if e["input_id"]}
    assert {k: codes.get(k) for k in ("empty", "german", "neither")} == {
        "empty": "empty_input", "german": "unsupported_language", "neither": "bad_json"}
    assert report["documents"] == len(lines) and report["errors"] == len(errors) >= 4
    assert 0 < report["peak_rss_mb_per_worker"] < 1536

    # input_order restores the input order
    ordered = sorted(records + errors, key=lambda r: r["input_order"])
    assert [r["input_id"] for r in ordered] == [str(o["id"]) for o in objs[:5]] + [None] + [str(o["id"]) for o in objs[5:]]

    # the flat columns agree with the record
    for r in records:
        rec = json.loads(r["record"])
        assert r["article_id"] == rec["article"]["id"] and r["title"] == rec["article"]["title"]
        assert r["n_events"] == len(rec["events"]) and r["n_entities"] == len(rec["entities"])

    # the events table: one row per event, partitioned by the month of its date, with the
    # event row every event table has (store.schema), dates as dates
    table = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    names = table.schema.names
    assert names[:3] == ["input_order", "input_id", "event_id"]
    assert names[3:3 + len(COLUMN_NAMES)] == list(COLUMN_NAMES)
    assert set(names) - set(COLUMN_NAMES) == {"input_order", "input_id", "event_id", "event", "event_month"}
    assert pa.types.is_date32(table.schema.field("date_start").type)
    assert pa.types.is_list(table.schema.field("actor_names").type)
    events = table.to_pylist()
    by_record = {r["input_id"]: json.loads(r["record"]) for r in records}
    assert len(events) == sum(len(rec["events"]) for rec in by_record.values()) == report["events"] > 0
    for ev in events:
        record = Record.from_dict(by_record[ev["input_id"]])
        original = next(e for e in by_record[ev["input_id"]]["events"] if e["id"] == ev["event_id"])
        assert json.loads(ev["event"]) == original
        start = original["date"]["start"] if original["date"] else None
        assert str(ev["event_month"]) == event_month(start)
        assert {k: ev[k] for k in COLUMN_NAMES} == event_row(record, record.event(ev["event_id"]))
    assert len({str(ev["event_month"]) for ev in events}) > 1


def test_spark_parquet_input_with_typed_columns(spark, pipeline, tmp_path):
    from newsledger.spark import run

    arts = list(generate(4, seed=22, paragraphs=(1, 3)))
    import datetime as dt

    table = pa.table({
        "id": pa.array(list(range(len(arts))), pa.int64()),
        "text": [a.text for a in arts],
        "published": pa.array([dt.date.fromisoformat(a.published) for a in arts], pa.date32()),
    })
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    out = tmp_path / "out"
    report = run(spark, str(src), str(out), partitions=3)
    objs = [{"id": str(i), "text": a.text, "published": a.published} for i, a in enumerate(arts)]
    expected = _single_process(pipeline, objs, f"file:{src}")
    got = {r["input_id"]: r["record"] for r in _read(out / "records")}
    assert got == expected and report["errors"] == 0


def test_spark_cli_writes_the_tables(spark, tmp_path):
    src = tmp_path / "in.jsonl"
    arts = list(generate(3, seed=23, paragraphs=(1, 2)))
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in arts) + "{bad\n", encoding="utf-8")
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    r = CliRunner().invoke(cli.main, ["spark", str(src), str(out), "--json", str(report)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    rep = json.loads(report.read_text())
    assert rep["records"] == 3 and rep["errors"] == 1
    assert len(_read(out / "records")) == 3 and len(_read(out / "errors")) == 1
    again = CliRunner().invoke(cli.main, ["spark", str(src), str(out)])
    assert again.exit_code != 0  # the tables exist: refused without --overwrite
    assert CliRunner().invoke(cli.main, ["spark", str(src), str(out), "--overwrite"]).exit_code == 0
    assert not spark.sparkContext._jsc.sc().isStopped()  # the CLI leaves a running session alone


def test_spark_java_messages_go_to_a_file_not_the_terminal(tmp_path, capfd):
    import subprocess

    from newsledger.spark.job import _java_stderr_to

    log_file = tmp_path / "java.log"
    with _java_stderr_to(log_file):
        subprocess.run(["sh", "-c", "echo 'WARN NativeCodeLoader: noise' >&2"], check=True)
    subprocess.run(["sh", "-c", "echo 'our own message' >&2"], check=True)
    captured = capfd.readouterr().err
    assert "noise" in log_file.read_text() and "noise" not in captured and "our own message" in captured
