"""One event row (`store.schema`): the ledger's rows and a record's rows are the same columns
with the same values for the same event, the Python API, CSV, Parquet and `query` give
those columns, and the README documents them (and the filters) as they are."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from newsledger import cli
from newsledger.store import Ledger
from newsledger.store.export import run_export
from newsledger.store.filters import filter_table
from newsledger.store.query import select_events
from newsledger.store.schema import COLUMN_NAMES, column_table, event_key, event_row, ledger_rows
from tests.test_query_store import _corpus
from tests.test_store_fixtures import store_url  # noqa: F401 - fixtures

README = Path(__file__).resolve().parents[1] / "README.md"


def test_a_record_event_and_its_ledger_event_give_the_same_row(store_url):
    records = _corpus()
    with Ledger.open(store_url) as led:
        led.add_records(records)
        rows = ledger_rows(led.store, select_events(led.store))
    singles = [r for r in rows if r["n_reports"] == 1]
    assert len(singles) == 3
    for row in singles:
        record = next(r for r in records if r.article.id == row["article_id"])
        from_record = event_row(record, record.events[0])
        assert from_record["key"] == row["key"] == event_key(record.article.id, record.events[0].id)
        assert {k: row[k] for k in COLUMN_NAMES} == from_record


def test_every_event_table_has_the_columns_of_the_event_row(store_url, tmp_path):
    with Ledger.open(store_url) as led:
        led.add_records(_corpus())
        assert list(led.events().columns) == list(COLUMN_NAMES)
        led.export("csv", tmp_path / "e.csv")
        led.export("parquet", tmp_path / "e.parquet")
        lines = io.StringIO()
        run_export(led.store, "csv", lines)
    assert list(pd.read_csv(tmp_path / "e.csv").columns) == list(COLUMN_NAMES)
    assert list(pd.read_parquet(tmp_path / "e.parquet").columns) == list(COLUMN_NAMES)
    for fmt in ("tsv", "csv"):
        out = CliRunner().invoke(cli.main, ["query", "--db", store_url, "--format", fmt]).stdout
        assert out.splitlines()[0].split("\t" if fmt == "tsv" else ",") == list(COLUMN_NAMES)
    rows = json.loads(CliRunner().invoke(cli.main, ["query", "--db", store_url, "--format", "json"]).stdout)
    assert all(list(r) == list(COLUMN_NAMES) for r in rows)


def test_the_readme_documents_the_event_row_and_the_filters_as_they_are():
    text = README.read_text(encoding="utf-8")
    assert column_table() in text
    assert filter_table() in text
