"""One store interface, two backends: SQLite (default) and PostgreSQL.

Everything above this module writes one SQL text for both backends: `?` placeholders
(turned into `%s` for psycopg), and `{pk}` / `{id}` / `{real}` type tokens in DDL. What
genuinely differs (full-text search, bulk loading, integrity checks) is a method here.

Transactions are explicit: `with store.transaction(): ...` commits on success and rolls
back on an exception; nested blocks join the outer one. Outside a transaction each
statement commits on its own. Every write goes through a transaction, and every committed
transaction raises the store's generation (`Store.generation()`, schema 5 on): readers such
as the web app tell from it, in one small read, that nothing changed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .. import geodesy
from ..errors import NewsledgerError


class StoreError(NewsledgerError):
    code = "store_error"


def haversine_km(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float | None:
    """Great-circle distance in kilometres (None when a coordinate is missing): `geodesy.haversine_km`."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return geodesy.haversine_km(lat1, lon1, lat2, lon2)


class Store:
    """A connection to a ledger database. Use `open_store(url)`."""

    dialect: str = ""
    types: dict[str, str] = {}

    def __init__(self, url: str) -> None:
        self.url = url
        self._depth = 0

    # --- statements -------------------------------------------------------------------

    def sql(self, text: str) -> str:
        return text

    def ddl(self, text: str) -> str:
        return text.format(**self.types)

    def execute(self, sql: str, params: Sequence[Any] = ()):
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return row[0] if row else None

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT ... RETURNING id and return the new id."""
        row = self.execute(sql + " RETURNING id", params).fetchone()
        return int(row[0])

    def frame(self, sql: str, params: Sequence[Any] = ()):
        """The result of a query as a pandas DataFrame."""
        import pandas as pd

        cur = self.execute(sql, params)
        columns = [d[0] for d in cur.description]
        return pd.DataFrame(cur.fetchall(), columns=columns)

    def columns(self, table: str) -> list[str]:
        raise NotImplementedError

    def has_table(self, table: str) -> bool:
        raise NotImplementedError

    # --- transactions -----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        try:
            self._bump_generation()
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self._commit()

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # Every write transaction raises the store's generation (table `store_state`, schema 5)
    # as it commits, so that "nothing changed since generation N" is one small read.
    _has_state: bool = False

    def _bump_generation(self) -> None:
        if not self._has_state:
            if not self.has_table("store_state"):
                return
            self._has_state = True  # a store is never migrated down
        self.execute("UPDATE store_state SET value = value + 1 WHERE name = 'generation'")

    def generation(self) -> int | None:
        """The store's generation: raised by every committed write transaction (None before schema 5)."""
        if not self._has_state:
            if not self.has_table("store_state"):
                return None
            self._has_state = True
        return int(self.scalar("SELECT value FROM store_state WHERE name = 'generation'"))

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    # --- backend specifics --------------------------------------------------------------

    def text_match_articles(self, query: str) -> tuple[str, list[Any]]:
        """SQL selecting the ids of articles whose title or text match `query`, and its params."""
        raise NotImplementedError

    def text_match_quotes(self, query: str) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def integrity_problems(self) -> list[str]:
        """The database engine's own checks (pages, indexes, foreign keys)."""
        raise NotImplementedError

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Load many rows fast (no RETURNING); returns the count."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- SQLite ---------------------------------------------------------------------------------

class SQLiteStore(Store):
    dialect = "sqlite"
    types = {"pk": "INTEGER PRIMARY KEY", "id": "INTEGER", "real": "REAL"}

    def __init__(self, path: str) -> None:
        super().__init__(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (sqlite3's implicit
        # transactions would commit DDL behind our back).
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode: a killed process loses nothing committed; only a power
        # cut may lose the last commits (never corrupts).
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute("PRAGMA cache_size = -65536")
        self.conn.create_function("haversine_km", 4, haversine_km, deterministic=True)

    def execute(self, sql: str, params: Sequence[Any] = ()):
        try:
            return self.conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise StoreError(f"{type(exc).__name__}: {exc} [in: {sql[:200]}]") from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StoreError(f"{type(exc).__name__}: {exc} [in: {sql[:200]}]") from exc

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def has_table(self, table: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None

    def _begin(self) -> None:
        # IMMEDIATE: take the write lock now rather than fail to upgrade a read lock later.
        self.conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def text_match_articles(self, query: str) -> tuple[str, list[Any]]:
        return "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [fts5_query(query)]

    def text_match_quotes(self, query: str) -> tuple[str, list[Any]]:
        return "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [fts5_query(query)]

    def integrity_problems(self) -> list[str]:
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r[0]} row {r[1]} -> {r[2]}" for r in self.conn.execute("PRAGMA foreign_key_check")]
        for table in ("articles_fts", "quotes_fts"):
            if self.has_table(table):
                try:
                    self.conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
                except sqlite3.Error as exc:
                    problems.append(f"{table}: {exc}")
        return problems

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        n = 0

        def counted():
            nonlocal n
            for row in rows:
                n += 1
                yield row

        self.executemany(sql, counted())
        return n

    def close(self) -> None:
        self.conn.close()


_FTS_WORD = re.compile(r"\w+", re.UNICODE)
# The same English stop words PostgreSQL's `english` configuration drops, so that a text
# filter means the same on both backends.
_STOP = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with"]
)


def fts5_query(text: str) -> str:
    """A user's words as an FTS5 query: every (non stop) word must occur, as a phrase token."""
    words = [w for w in _FTS_WORD.findall(text) if w.casefold() not in _STOP]
    if not words:
        words = _FTS_WORD.findall(text) or ['""']
    return " ".join(f'"{w}"' for w in words)


# --- PostgreSQL -------------------------------------------------------------------------------

_WRITER_LOCK = 0x6E6C6467  # "nldg": the advisory lock that serialises writers of one database

class PostgresStore(Store):
    dialect = "postgresql"
    types = {"pk": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "id": "BIGINT", "real": "DOUBLE PRECISION"}

    def __init__(self, url: str) -> None:
        super().__init__(url)
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise StoreError("PostgreSQL needs psycopg (pip install 'psycopg[binary]')") from exc
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}") from exc
        self._tx = None
        self._cache: dict[str, str] = {}

    def sql(self, text: str) -> str:
        out = self._cache.get(text)
        if out is None:
            out = self._cache[text] = text.replace("%", "%%").replace("?", "%s")
        return out

    def execute(self, sql: str, params: Sequence[Any] = ()):
        try:
            if not params:  # no placeholders: psycopg leaves the text as it is
                return self.conn.execute(sql)
            return self.conn.execute(self.sql(sql), tuple(params))
        except self._psycopg.Error as exc:
            raise StoreError(f"{type(exc).__name__}: {exc} [in: {sql[:200]}]") from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            with self.conn.cursor() as cur:
                cur.executemany(self.sql(sql), list(rows))
        except self._psycopg.Error as exc:
            raise StoreError(f"{type(exc).__name__}: {exc} [in: {sql[:200]}]") from exc

    def columns(self, table: str) -> list[str]:
        return [r[0] for r in self.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (table,))]

    def has_table(self, table: str) -> bool:
        return self.one("SELECT to_regclass(?)", (table,))[0] is not None

    def _begin(self) -> None:
        self._tx = self.conn.transaction()
        self._tx.__enter__()
        # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: "is this input stored?"
        # and the grouping of events then never race with another ingest.
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))

    def _commit(self) -> None:
        tx, self._tx = self._tx, None
        tx.__exit__(None, None, None)

    def _rollback(self) -> None:
        tx, self._tx = self._tx, None
        if tx is not None:
            err = StoreError("rolled back")
            with suppress(StoreError):
                tx.__exit__(type(err), err, None)

    def text_match_articles(self, query: str) -> tuple[str, list[Any]]:
        return "SELECT id FROM articles WHERE tsv @@ plainto_tsquery('english', ?)", [query]

    def text_match_quotes(self, query: str) -> tuple[str, list[Any]]:
        return "SELECT id FROM quotes WHERE tsv @@ plainto_tsquery('english', ?)", [query]

    def integrity_problems(self) -> list[str]:
        # Constraints are enforced at every write; what can be left broken is an index
        # whose build was interrupted (CREATE INDEX CONCURRENTLY) or a constraint not yet validated.
        problems = [f"index {r[0]} is not valid" for r in self.rows(
            "SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)")]
        problems += [f"constraint {r[0]} is not validated" for r in self.rows(
            "SELECT c.conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE n.nspname = current_schema() AND NOT c.convalidated")]
        return problems

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        n = 0
        try:
            with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
        except self._psycopg.Error as exc:
            raise StoreError(f"COPY into {table} failed: {exc}") from exc
        return n

    def close(self) -> None:
        self.conn.close()


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url: str | Path, *, migrate: bool = True) -> Store:
    """Open (and by default migrate to the latest schema) the store at `url`:
    a SQLite file path, ':memory:', or a postgresql:// URL."""
    url = str(url)
    store: Store = PostgresStore(url) if is_postgres_url(url) else SQLiteStore(url.removeprefix("sqlite:///"))
    if migrate:
        from .migrations import migrate as run_migrations

        try:
            run_migrations(store)
        except BaseException:
            store.close()
            raise
    return store
