"""The soak (scripts/soak.py) in small: 200 synthetic articles, the ingest killed three
times at random points and resumed; nothing lost or duplicated, the store's integrity
check clean. `make soak` runs the full one (10,000 articles, 20 kills)."""

# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.test_store_fixtures import store_url  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]


def _soak(tmp_path: Path, *extra: str) -> dict:
    report = tmp_path / "soak.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "soak.py"), "--articles", "200", "--kills", "3",
                           "--seed", "11", "--workdir", str(tmp_path / "work"), "--json", str(report), *extra],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    return json.loads(report.read_text(encoding="utf-8"))


def _check(r: dict) -> None:
    assert r["inputs"] == 200
    assert r["kills"] == 3
    assert r["lost"] == 0 and r["duplicates"] == 0 and r["unexpected_documents"] == 0
    assert r["integrity"] == []
    # every input has exactly one document: its record, a same-text note or its error
    assert r["documents"] == r["inputs"]
    assert r["records_stored"] + r["same_text_inputs"] + r["errors"] == r["inputs"]
    assert r["records_stored"] > 150


def test_soak_small_loses_and_duplicates_nothing(store_url, tmp_path):
    # on SQLite, and on PostgreSQL when $NEWSLEDGER_TEST_PG names a server
    _check(_soak(tmp_path, "--db", store_url))
