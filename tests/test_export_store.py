"""Exports: records JSON Lines, CSV, Parquet, PLOVER JSON (the structure of the PLOVER
gold-standard records), GDELT-like TSV; on both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from newsledger.model import PLOVER_TYPES, ErrorInfo, ErrorRecord, Record
from newsledger.store import Ledger
from newsledger.store.export import GDELT_COLUMNS, plover_markup
from tests.test_query_store import _corpus
from tests.test_store_fixtures import store, store_url  # noqa: F401 - fixtures


def _gsr_path() -> Path | None:
    from newsledger import evaluation
    from newsledger.evaluation.plover_gsr import default_gsr_path

    return default_gsr_path(evaluation.shared_dir())


@pytest.fixture
def ledger(store_url):
    with Ledger.open(store_url) as led:
        led.add_records([*_corpus(), ErrorRecord(source="broken.txt", error=ErrorInfo(code="empty_input", message="empty"))])
        yield led


def test_export_records_round_trip(ledger, tmp_path):
    out = tmp_path / "records.jsonl"
    assert ledger.export("records", out) == 6
    records = [Record.from_dict(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r.article.id for r in records} == {r.article.id for r in _corpus()}
    assert all(r.problems() == [] for r in records)
    assert ledger.export("records", out, errors=True) == 7
    last = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    assert last["schema"] == "newsledger/error@1" and last["error"]["code"] == "empty_input"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_event_tables(ledger, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    assert ledger.export(fmt, out) == 4
    frame = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert len(frame) == 4
    assert {"key", "type", "date_start", "actors", "recipients", "n_reports", "lat", "lon"} <= set(frame.columns)
    assert sorted(frame["n_reports"]) == [1, 1, 1, 3]
    assert ledger.export(fmt, out, event_type="PROTEST") == 1


def _gsr_shape() -> tuple[dict[str, type], set[str]]:
    """Key -> JSON type of the gold records, and the keys nearly every record has."""
    data = [r for r in json.loads(_gsr_path().read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    types: dict[str, set] = {}
    for r in data:
        for k, v in r.items():
            types.setdefault(k, set()).add(type(v))
    common = {k for k in types if sum(k in r for r in data) >= 0.9 * len(data)}
    return types, common


def _check_plover_item(item: dict) -> None:
    assert isinstance(item["id"], str) and item["event"] in PLOVER_TYPES
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", item["date"])
    for side in ("source", "target"):
        value = item[side]
        assert value == "" or isinstance(value, list)
        for actor in value or []:
            assert set(actor) <= {"actorText", "code", "sector"} and actor["actorText"]
    assert isinstance(item["textInfo"]["markup"], str)
    assert re.sub(r"\((?:SRC|TAR|SRC/TAR|EVT): ([^)]*)\)", r"\1", item["textInfo"]["markup"]) == item["text"]
    for key in ("eventText", "context", "text", "language", "publication", "coder", "version", "dateCoded"):
        assert isinstance(item[key], str)


def test_export_plover_json_has_the_structure_of_the_gold_records(ledger, tmp_path):
    out = tmp_path / "plover.json"
    assert ledger.export("plover", out) == 4
    items = json.loads(out.read_text(encoding="utf-8"))
    for item in items:
        _check_plover_item(item)
    meeting = next(i for i in items if i["reports"] == 3)
    assert meeting["event"] == "CONSULT" and meeting["date"] == "2024-03-04"
    assert {"actorText": "Maria Lindqvist", "code": "NOR", "sector": "GOV"} in meeting["source"]
    assert meeting["eventLoc"]["name"] == "Oslo" and meeting["eventLoc"]["country code"] == "NO"
    assert meeting["textInfo"]["markup"] == ("(SRC: Foreign Minister Maria Lindqvist) of Norway (EVT: met) "
                                             "Hungarian (TAR: Prime Minister Tomas Varga) in Oslo on Monday.")
    assert len(meeting["sources"]) == 3
    if _gsr_path() is None:
        pytest.skip("the PLOVER gold records (../shared) are not here to compare with")
    types, common = _gsr_shape()
    ours = {"reports", "sources", "confidence"}  # additions for deduplicated events
    for item in items:
        assert set(item) - ours <= set(types), set(item) - ours - set(types)
        assert common <= set(item), common - set(item)
        for key, value in item.items():
            if key in types:
                assert type(value) in types[key], (key, type(value), types[key])


def test_export_plover_markup_marks_roles_inside_the_evidence():
    record = _corpus()[0]
    text, markup = plover_markup(record, "V1")
    assert text == record.text
    assert markup.startswith("(SRC: Foreign Minister Maria Lindqvist) of Norway (EVT: met) Hungarian (TAR: Prime")


def test_export_gdelt_tsv(ledger, tmp_path):
    out = tmp_path / "events.tsv"
    assert ledger.export("gdelt", out) == 4
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t"))
    assert rows[0] == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    assert all(len(r) == 61 for r in rows)
    by = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    meeting = next(r for r in by if r["NumArticles"] == "3")
    assert (meeting["SQLDATE"], meeting["MonthYear"], meeting["Year"]) == ("20240304", "202403", "2024")
    assert (meeting["EventRootCode"], meeting["QuadClass"], meeting["GoldsteinScale"]) == ("04", "1", "1.0")
    assert meeting["Actor1CountryCode"] in ("NOR", "HUN") and meeting["Actor1Code"].endswith("GOV")
    assert meeting["ActionGeo_CountryCode"] == "NO" and meeting["ActionGeo_Type"] == "4"
    assert float(meeting["ActionGeo_Lat"]) == pytest.approx(59.91, abs=0.01)
    protest = next(r for r in by if r["EventRootCode"] == "14")
    assert protest["QuadClass"] == "4" and protest["Actor1Code"] == ""


def test_export_cli(store_url, tmp_path):
    from newsledger.cli import main

    with Ledger.open(store_url) as led:
        led.add_records(_corpus())
    for fmt in ("records", "csv", "parquet", "plover", "gdelt"):
        out = tmp_path / f"x.{fmt}"
        result = CliRunner().invoke(main, ["export", fmt, "-o", str(out), "--db", store_url, "--actor", "Lindqvist"])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    result = CliRunner().invoke(main, ["export", "plover", "-o", "-", "--db", store_url, "--type", "PROTEST"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["event"] == "PROTEST"
