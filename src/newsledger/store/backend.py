"""One store interface, two backends: SQLite (default) and PostgreSQL.

Everything above this module writes one SQL text for both backends: `?` placeholders
(turned into `%s` for psycopg), and `{pk}` / `{id}` / `{real}` type tokens in DDL. What
genuinely differs (full-text search, bulk loading, integrity checks) is a method here.

Transactions are explicit: `with store.transaction(): ...` commits on success and rolls
back on an exception; nested blocks join the outer one. Outside a transaction each
statement commits on its own. Every write goes through a transaction, and every committed
transaction raises the store's generation (`Store.generation()`, schema 5 on): readers such
as the web app tell from it, in one small read, that nothing changed.

What a location means, and creating, checking and migrating a store, is `opening.py`'s
business: this module imports nothing else of the store.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import quote

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
    """A connection to a ledger database. Use `newsledger.store.opening.open_store(location)`.

    `url` is what reopens it (a file path or a libpq URL); `shown` is what messages print
    (never a password); `read_only` connections refuse every write."""

    dialect: str = ""
    types: dict[str, str] = {}

    def __init__(self, url: str, *, shown: str | None = None, read_only: bool = False) -> None:
        self.url = url
        self.shown = shown if shown is not None else url
        self.read_only = read_only
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

    def one_row(self, sql: str, params: Sequence[Any] = ()) -> tuple:
        """The first row of a query that always has one (a StoreError if it has none)."""
        row = self.one(sql, params)
        if row is None:
            raise StoreError(f"no row where one was expected [in: {sql[:200]}]")
        return row

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

    def other_tables(self) -> list[str]:
        """The tables of the database (or schema) in use, by name: to tell an empty database
        and another program's from a newsledger store."""
        raise NotImplementedError

    def still_there(self) -> bool:
        """False when the store this connection opened has gone (its file deleted or
        replaced since): a long-lived reader such as the web app then reopens or says so."""
        return True

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

    def __init__(self, path: str, *, read_only: bool = False, create: bool = True, wal: bool = True) -> None:
        """Open the SQLite file at `path` (':memory:' for a private in-memory store): read-only
        (`mode=ro`), or read-write creating the file only when `create` (never its folder).
        `wal=False` leaves the journal mode as it is until `use_wal()` (a file is changed only
        once it is known to be a store). Raises sqlite3 errors as they come;
        `opening.open_store` turns them into messages."""
        super().__init__(path, read_only=read_only)
        self._identity: tuple[int, int] | None = None
        if path == ":memory:":
            target, uri = path, False
        else:
            mode = "ro" if read_only else "rwc" if create else "rw"
            target, uri = f"file:{quote(os.path.abspath(path))}?mode={mode}", True
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (sqlite3's implicit
        # transactions would commit DDL behind our back).
        self.conn = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False, timeout=30)
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            if wal and not read_only:
                self.use_wal()
            # NORMAL in WAL mode: a killed process loses nothing committed; only a power
            # cut may lose the last commits (never corrupts).
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA busy_timeout = 30000")
            self.conn.execute("PRAGMA cache_size = -65536")
        except BaseException:
            self.conn.close()
            raise
        self.conn.create_function("haversine_km", 4, haversine_km, deterministic=True)
        if path != ":memory:":
            st = os.stat(path)
            self._identity = (st.st_dev, st.st_ino)

    def use_wal(self) -> None:
        """Write-ahead logging: readers never wait for the writer (a setting kept in the file)."""
        self.conn.execute("PRAGMA journal_mode = WAL")

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
        return self.one("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)) is not None

    def other_tables(self) -> list[str]:
        return [r[0] for r in self.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    def still_there(self) -> bool:
        if self._identity is None:
            return True
        try:
            st = os.stat(self.url)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self._identity

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

    def __init__(self, url: str, *, shown: str | None = None, read_only: bool = False) -> None:
        super().__init__(url, shown=shown, read_only=read_only)
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise StoreError("PostgreSQL needs psycopg (pip install 'psycopg[binary]')") from exc
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {self.shown}: {exc}") from exc
        if read_only:
            self.conn.execute("SET default_transaction_read_only = on")
        self._tx: Any = None  # the open psycopg transaction block, if any
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
        return self.scalar("SELECT to_regclass(?)", (table,)) is not None

    def other_tables(self) -> list[str]:
        return [r[0] for r in self.rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "ORDER BY table_name")]

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
