"""The web app under load and under hostile parameters.

- load: `newsledger serve` on 127.0.0.1 with concurrent clients on the timeline and search
  endpoints for a few seconds (scripts/load.py; `make load` runs the big one): no errors,
  and the requests/second and p99 it reports;
- SQL with bound parameters only: every statement the web app and the store run while
  answering requests whose every parameter holds an SQL-injection string is recorded; the
  string must never be part of a statement's text, only of its bound parameters, and
  the store must come out whole. On both backends.
"""

# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from newsledger.store import Ledger
from newsledger.store.backend import PostgresStore, SQLiteStore
from newsledger.store.check import check_store
from newsledger.store.opening import open_store
from newsledger.web import WebConfig, create_app
from tests.test_store_fixtures import store_url  # noqa: F401
from tests.test_web_api import conflict_records, hostile_record, meeting_reports

LOCAL = "http://127.0.0.1:8000"  # the app answers only for the hosts it was started for
ROOT = Path(__file__).resolve().parents[1]
MARK = "Zq7Taint"
HOSTILE = [f"{MARK}' OR '1'='1", f'{MARK}"; DROP TABLE articles; --', f"{MARK}%' UNION SELECT * FROM actors --",
           f"{MARK})) OR ((1=1", f"{MARK}\\'; SELECT pg_sleep(5); --", f"{MARK} ? ? %s :x $1"]


def test_hardening_web_load_holds(tmp_path):
    report_path = tmp_path / "load.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "load.py"), "--events", "2000", "--articles", "10",
                           "--seconds", "5", "--clients", "4", "--json", str(report_path)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["errors"] == 0, report["error_samples"]
    assert set(report["statuses"]) == {"200"}
    assert set(report["by_group"]) == {"timeline", "search"}
    assert report["requests"] > 40 and report["requests_per_s"] > 5
    # generous: a shared two-core machine; `make load` reports the real figure
    assert report["all"]["p99_ms"] < 5000


def _requests(value: str) -> list[tuple[str, str]]:
    v = quote(value)
    gets = [f"/api/articles?q={v}", f"/api/articles/{v}", f"/api/events?actor={v}&text={v}&place={v}",
            f"/api/events?type={v}", f"/api/events?date_from={v}", f"/api/events/{v}", f"/api/timeline?actor={v}&text={v}",
            f"/api/timeline?type={v}&place={v}", f"/api/map?actor={v}&text={v}", f"/api/places?country={v[:3]}",
            f"/api/network?actor={v}&text={v}", f"/api/quotes?speaker={v}&q={v}", f"/api/actors?prefix={v}",
            f"/?q={v}", f"/timeline?actor={v}&text={v}", f"/quotes?q={v}&speaker={v}", f"/map?actor={v}",
            f"/network?actor={v}", f"/events/{v}", f"/articles/{v}"]
    return [("GET", g) for g in gets]


@pytest.mark.acceptance
def test_hardening_web_sql_binds_every_value(store_url, monkeypatch):
    with Ledger.open(store_url) as ledger:
        ledger.add_records([*meeting_reports(), *conflict_records(), hostile_record()])
    statements: list[tuple[str, tuple]] = []

    def recording(original):
        def run(self, sql, params=()):
            rows = params if original.__name__ == "executemany" else None
            if rows is not None:
                rows = [tuple(r) for r in rows]
                statements.append((sql, tuple(v for r in rows for v in r)))
                return original(self, sql, rows)
            statements.append((sql, tuple(params)))
            return original(self, sql, params)
        return run

    for cls in (SQLiteStore, PostgresStore):
        for name in ("execute", "executemany"):
            monkeypatch.setattr(cls, name, recording(getattr(cls, name)))

    app = create_app(config=WebConfig(db=store_url))
    statuses = []
    with TestClient(app, base_url=LOCAL) as client:
        for value in HOSTILE:
            for method, path in _requests(value):
                statuses.append(client.request(method, path).status_code)
        # a stored article whose text, title and source are injection strings
        body = {"text": "Talks resume\n\n" + " ".join(HOSTILE) + "\n\nOfficials met in the capital on Monday and said "
                "talks with the neighbouring country would continue next week.", "raw": False,
                "source": HOSTILE[1], "format": "text"}
        added = client.post("/api/articles", json=body, headers={"Origin": LOCAL})
        statuses.append(added.status_code)
        for value in HOSTILE[:2]:
            statuses.append(client.get(f"/api/articles?q={quote(value)}").status_code)
    assert all(s < 500 for s in statuses), statuses  # bad parameters are 4xx, never a server error
    assert added.status_code == 201, added.text

    assert len(statements) > 100
    in_text = [sql for sql, _ in statements if MARK.lower() in sql.lower()]
    assert in_text == [], in_text[:3]  # never spliced into a statement
    bound = [params for _, params in statements if any(MARK in str(p) for p in params)]
    assert len(bound) > 20  # the values did reach the database, as bound parameters

    store = open_store(store_url, migrate=False)
    try:
        assert check_store(store) == []
        assert int(store.scalar("SELECT count(*) FROM articles")) >= 4  # nothing dropped
    finally:
        store.close()


# --- the same, read from the code: what SQL text may be built from ----------------------------

_SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "WHERE ", " JOIN ", "ORDER BY", "GROUP BY", "LIMIT ",
              " IN (", "CREATE ", "DROP ", "PRAGMA ", "COPY ")
# Names whose values are SQL structure built by the code itself: table and column names from
# constants, WHERE fragments made of placeholders, '?, ?' lists, ASC/DESC, widths from fixed maps.
_STRUCTURE = {"table", "column", "columns", "where", "clause", "base", "sql", "cond", "marks", "order", "room",
              "width", "name", "actor_where", "entity_where", "chunk", "ids", "types", "rows", "where_sql",
              "len", "int", "_marks", "limit", "lat_col", "lon_col", "col", "placeholders",
              # summary-table upkeep and derived-table filters: column names and fragments from the code
              "keys", "cols", "id_column", "day_column", "type_column", "days", "sub", "values",
              # the page benchmark's own scratch schema name (made from the process id)
              "schema"}


def _sql_fstrings():
    import ast

    for folder in ("web", "store"):
        for path in sorted((ROOT / "src" / "newsledger" / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            messages = {id(n) for r in ast.walk(tree) if isinstance(r, ast.Raise) for n in ast.walk(r)}
            for node in ast.walk(tree):
                if isinstance(node, ast.JoinedStr) and id(node) not in messages:  # not an error message
                    literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                    if any(w in literal for w in _SQL_WORDS):
                        yield path.name, node


def test_hardening_web_sql_text_is_built_from_structure_only():
    """Every value interpolated into SQL text in src/newsledger/web and store is structure
    (a constant, a placeholder list, an int, a name from the code), never request data:
    request data goes in as bound parameters (checked at run time above)."""
    import ast

    bad, seen = [], 0
    for filename, node in _sql_fstrings():
        for value in node.values:
            if not isinstance(value, ast.FormattedValue):
                continue
            seen += 1
            for sub in ast.walk(value.value):
                unknown_name = isinstance(sub, ast.Name) and not (sub.id in _STRUCTURE or sub.id.lstrip("_").isupper())
                if unknown_name or (isinstance(sub, ast.Attribute) and sub.attr != "join"):
                    bad.append(f"{filename}:{node.lineno}: {ast.unparse(value.value)}")
    assert seen > 30
    assert bad == []
