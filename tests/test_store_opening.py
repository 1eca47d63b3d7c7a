"""Opening a store (`newsledger.store.opening`): what a `--db` value may be, when a store is
created, that read-only never writes, and that anything that is not a newsledger store is
a clear error in every command, never a `sqlite3` traceback. Also: the store package has
no import cycle (opening a store lives apart from the backend)."""

from __future__ import annotations

import ast
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.store import Ledger, NotAStore, StoreError, StoreLocationError, StoreMissing
from newsledger.store.opening import StoreLocation, mask_url, open_store
from tests.test_store_fixtures import meeting_reports, store_url  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[1]


# --- what a location may be ---------------------------------------------------------------------

@pytest.mark.parametrize(("value", "dialect", "target"), [
    ("ledger.db", "sqlite", "ledger.db"),
    ("data/ledger v2.db", "sqlite", "data/ledger v2.db"),
    ("/abs/path/ledger.sqlite", "sqlite", "/abs/path/ledger.sqlite"),
    ("sqlite:///rel/ledger.db", "sqlite", "rel/ledger.db"),
    ("sqlite:////abs/ledger.db", "sqlite", "/abs/ledger.db"),
    (":memory:", "sqlite", ":memory:"),
    ("postgresql://u@localhost/db", "postgresql", "postgresql://u@localhost/db"),
    ("postgres://u@localhost:5433/db", "postgresql", "postgresql://u@localhost:5433/db"),
    ("postgresql+psycopg://u@localhost/db", "postgresql", "postgresql://u@localhost/db"),
    ("POSTGRESQL+PSYCOPG://u@/db?host=/run/pg", "postgresql", "postgresql://u@/db?host=/run/pg"),
])
def test_store_opening_accepts_sqlite_paths_and_postgresql_urls(value, dialect, target):
    loc = StoreLocation.parse(value)
    assert (loc.dialect, loc.target) == (dialect, target)


@pytest.mark.parametrize("value", [
    "mysql://u@h/db", "mysql+pymysql://u:pw@h/db", "postgresql+asyncpg://u@h/db", "http://example.org/ledger.db",
    "sqlite+pysqlite://x", "mongodb://h/db", "", "   "])
def test_store_opening_refuses_other_schemes(value):
    with pytest.raises(StoreLocationError) as info:
        StoreLocation.parse(value)
    assert "SQLite" in info.value.message or "no store given" in info.value.message


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://ann:s3cr%40t@db.example:5432/ledger", "postgresql://ann:***@db.example:5432/ledger"),
    ("postgresql://ann@db.example/ledger?password=s3cret&sslmode=require",
     "postgresql://ann@db.example/ledger?password=***&sslmode=require"),
    ("postgresql://db.example/ledger", "postgresql://db.example/ledger"),
])
def test_store_opening_never_shows_a_password(url, shown):
    assert mask_url(url) == shown
    assert StoreLocation.parse(url).shown == shown


def test_store_opening_refusal_message_masks_the_password():
    with pytest.raises(StoreLocationError) as info:
        StoreLocation.parse("mysql://root:hunter2@db.example/news")
    assert "hunter2" not in info.value.message and "mysql://root:***@db.example/news" in info.value.message


def test_store_opening_connection_failure_masks_the_password(tmp_path):
    sock = tmp_path / "nothing-listens-here"
    sock.mkdir()
    with pytest.raises(StoreError) as info:
        open_store(f"postgresql+psycopg://ann:hunter2@/ledger?host={sock}", mode="read")
    assert "hunter2" not in info.value.message and "ann:***@" in info.value.message


# --- modes: create, write, read ------------------------------------------------------------------

def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_store_opening_create_makes_the_file_but_never_its_folder(tmp_path):
    open_store(tmp_path / "new.db").close()
    assert (tmp_path / "new.db").exists()
    with pytest.raises(StoreMissing, match="folder"):
        open_store(tmp_path / "no" / "such" / "folder" / "new.db")
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("mode", ["write", "read"])
def test_store_opening_missing_store_is_an_error_without_create(tmp_path, mode):
    with pytest.raises(StoreMissing, match="no newsledger store"):
        open_store(tmp_path / "missing.db", mode=mode)
    assert list(tmp_path.iterdir()) == []  # nothing made: no file, no -wal, no -shm


def test_store_opening_read_only_never_writes(tmp_path):
    db = tmp_path / "ledger.db"
    with Ledger.open(db) as ledger:
        ledger.add_records(meeting_reports())
    before = _digest(db)
    with Ledger.open(db, read_only=True) as ledger:
        assert ledger.stats()["ledger_events"] >= 2
        assert len(ledger.events(limit=None)) >= 2
        with pytest.raises(StoreError, match="readonly"):
            ledger.add_records(meeting_reports()[:1])
    assert _digest(db) == before


def test_store_opening_read_only_does_not_migrate_an_older_store(tmp_path):
    from newsledger.store import migrations as mig

    db = tmp_path / "old.db"
    s = open_store(db, migrate=False)
    mig.migrate(s, target=3)
    s.close()
    before = _digest(db)
    with pytest.raises(StoreError, match="schema version 3"):
        open_store(db, mode="read")
    assert _digest(db) == before
    s = open_store(db, mode="write")  # a writer upgrades it
    assert mig.version(s) == mig.LATEST
    s.close()


def test_store_opening_read_only_postgresql_refuses_writes(store_url):  # noqa: F811 - fixture
    with Ledger.open(store_url) as ledger:
        ledger.add_records(meeting_reports()[:2])
    store = open_store(store_url, mode="read")
    try:
        assert int(store.scalar("SELECT count(*) FROM articles")) == 2
        with pytest.raises(StoreError), store.transaction():
            store.execute("DELETE FROM articles")
        assert int(store.scalar("SELECT count(*) FROM articles")) == 2
    finally:
        store.close()


def test_store_opening_missing_postgresql_store_needs_create(store_url):  # noqa: F811 - fixture
    if not store_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL case")
    with pytest.raises(StoreMissing, match="no newsledger store"):
        open_store(store_url, mode="read")
    with pytest.raises(StoreMissing):
        open_store(store_url, mode="write")
    open_store(store_url, mode="create").close()
    open_store(store_url, mode="read").close()


# --- what is not a newsledger store --------------------------------------------------------------

def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _text(path: Path) -> None:
    path.write_text("Officials met on Monday.\n" * 200, encoding="utf-8")


def _truncated(path: Path) -> None:
    with Ledger.open(path) as ledger:
        ledger.add_records(meeting_reports())
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(size // 2)


def _other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()


def _header_only(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


NOT_STORES = {"random bytes": _random_bytes, "text": _text, "truncated": _truncated,
              "another program's SQLite": _other_program, "a cut header": _header_only}


@pytest.mark.parametrize("kind", sorted(NOT_STORES))
@pytest.mark.parametrize("mode", ["create", "write", "read"])
def test_store_opening_refuses_files_that_are_not_stores(tmp_path, kind, mode):
    db = tmp_path / "store.db"
    NOT_STORES[kind](db)
    before = _digest(db)
    with pytest.raises(NotAStore) as info:
        open_store(db, mode=mode)
    assert str(db) in info.value.message
    assert _digest(db) == before  # left as it was


def test_store_opening_empty_file_is_a_new_store_only_when_creating(tmp_path):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    with pytest.raises(NotAStore, match="empty"):
        open_store(db, mode="read")
    open_store(db, mode="create").close()
    open_store(db, mode="read").close()


def test_store_opening_folder_is_not_a_store(tmp_path):
    with pytest.raises(NotAStore, match="folder"):
        open_store(tmp_path, mode="create")


# --- every command says it clearly --------------------------------------------------------------

COMMANDS = [["query"], ["ledger", "status"], ["ledger", "check"], ["export", "csv", "-o", "-"], ["actors", "list"]]


@pytest.mark.parametrize("kind", sorted(NOT_STORES))
@pytest.mark.parametrize("command", COMMANDS + [["ingest", "IN"]], ids=lambda c: " ".join(c))
def test_store_opening_commands_explain_a_file_that_is_not_a_store(tmp_path, kind, command):
    db = tmp_path / "store.db"
    NOT_STORES[kind](db)
    article = tmp_path / "a.txt"
    article.write_text("Officials met on Monday.", encoding="utf-8")
    args = [str(article) if a == "IN" else a for a in command]
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "not a newsledger store" in result.output or "damaged" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, sqlite3.Error)


@pytest.mark.parametrize("db", ["mysql://u:pw@h/db", "oracle://h/db", "postgresql+asyncpg://u@h/db"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_store_opening_commands_refuse_other_databases(tmp_path, db, command):
    result = CliRunner().invoke(main, [*command, "--db", db])
    assert result.exit_code == 2, result.output  # a bad option value
    assert "--db" in result.output and "postgresql://" in result.output and ":pw@" not in result.output
    assert not list(Path.cwd().glob("mysql*")) and not list(Path.cwd().glob("oracle*"))


def test_store_opening_commands_on_a_missing_store_create_nothing(tmp_path):
    db = tmp_path / "missing.db"
    for command in COMMANDS:
        result = CliRunner().invoke(main, [*command, "--db", str(db)])
        assert result.exit_code == 1 and "no newsledger store" in result.output, (command, result.output)
    assert list(tmp_path.iterdir()) == []


# --- the package's shape ----------------------------------------------------------------------

def _store_imports() -> dict[str, set[str]]:
    """Module -> store modules it imports (at the top or inside functions)."""
    folder = ROOT / "src" / "newsledger" / "store"
    names = {p.stem for p in folder.glob("*.py")} - {"__init__"}
    graph = {}
    for path in folder.glob("*.py"):
        if path.stem == "__init__":
            continue
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                deps |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        graph[path.stem] = deps & names
    return graph


def test_store_opening_lives_apart_and_the_store_has_no_import_cycle():
    graph = _store_imports()
    assert graph["backend"] == set()  # the backend knows nothing of migrations or what they run
    assert {"backend", "migrations"} <= graph["opening"]
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, " -> ".join((*path, node))
        if node in done:
            return
        for dep in graph[node]:
            visit(dep, (*path, node))
        done.add(node)

    for module in graph:
        visit(module, ())
