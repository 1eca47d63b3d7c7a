"""Opening a store: the one place that decides what a `--db` value means, whether the store
may be created, migrated or written, and whether what is there is a newsledger store at all.

    from newsledger.store.opening import open_store, StoreLocation

    StoreLocation.parse("ledger.db")                     # SQLite file
    StoreLocation.parse("postgresql://u:pw@host/db")     # also postgres:// and postgresql+psycopg://
    StoreLocation.parse("mysql://u@h/db")                # StoreLocationError: not a store newsledger opens

    open_store("ledger.db")                   # mode "create": a missing file is created, then migrated
    open_store("ledger.db", mode="write")     # must exist and be a newsledger store; migrated
    open_store("ledger.db", mode="read")      # must exist, at the latest schema; never written

Every command (`ingest`, `query`, `export`, `actors`, `ledger`, `serve`), the Python API
(`Ledger.open`) and the web app open stores here. What a user is told:

- a location that is neither a SQLite path nor a PostgreSQL URL is refused (`StoreLocationError`);
- a missing store, where it may not be created, is `StoreMissing` (a new SQLite file is
  never made in a folder that does not exist: the folder is not created either);
- a file that is not a newsledger store (random bytes, text, a truncated database, an
  SQLite database of another program) is `NotAStore`, never a raw `sqlite3` error;
- a URL's password is never part of a message (`StoreLocation.shown`).

Read mode never writes: SQLite opens the file read-only (`mode=ro`) and PostgreSQL sessions
are read-only (`default_transaction_read_only`); a store older than this newsledger is
an error there rather than migrated.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .backend import PostgresStore, SQLiteStore, Store, StoreError

Mode = Literal["create", "write", "read"]
MODES = ("create", "write", "read")

POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreLocationError(StoreError):
    """A `--db` value that names no store newsledger can open."""

    code = "bad_store_location"


class StoreMissing(StoreError):
    """No store at the location, and it may not be created here."""

    code = "no_store"


class NotAStore(StoreError):
    """Something is at the location, but it is not a (readable) newsledger store."""

    code = "not_a_store"


def mask_url(url: str) -> str:
    """`url` without its password (in the user part or as a `password=` parameter)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        if ":" in user:
            user = user.split(":", 1)[0] + ":***"
        netloc = f"{user}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(k.lower() == "password" for k, _ in pairs):
            query = urlencode([(k, "***" if k.lower() == "password" else v) for k, v in pairs], safe="/*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


@dataclass(frozen=True)
class StoreLocation:
    """Where a store is: `dialect` sqlite or postgresql; `target` the file path (or
    ':memory:') or the libpq URL; `shown` what messages print (never a password)."""

    dialect: str
    target: str
    shown: str

    @classmethod
    def parse(cls, value: str | Path | StoreLocation) -> StoreLocation:
        if isinstance(value, StoreLocation):
            return value
        if isinstance(value, Path):
            return cls("sqlite", str(value), str(value))
        text = str(value).strip()
        if not text:
            raise StoreLocationError("no store given: a SQLite file path or a postgresql:// URL")
        if text.startswith("sqlite:///"):  # the SQLAlchemy form of a file path
            path = text.removeprefix("sqlite:///")
            return cls("sqlite", path, path)
        m = _SCHEME.match(text)
        if m is None:
            return cls("sqlite", text, text)
        scheme = m.group(1).lower()
        if scheme in POSTGRES_SCHEMES:
            url = "postgresql://" + text[m.end():]
            return cls("postgresql", url, mask_url(url))
        raise StoreLocationError(
            f"{mask_url(text)}: newsledger stores are SQLite files or PostgreSQL databases; give a file path "
            f"or a postgresql:// URL ({scheme}:// is not supported)")

    @property
    def in_memory(self) -> bool:
        return self.dialect == "sqlite" and self.target == ":memory:"

    def exists(self) -> bool:
        """Whether a SQLite store file is there (PostgreSQL: always asked of the server)."""
        return self.dialect != "sqlite" or self.in_memory or Path(self.target).exists()


def open_store(location: str | Path | StoreLocation, *, mode: Mode = "create", migrate: bool | None = None) -> Store:
    """Open the store at `location` (see the module's description of the modes).

    `migrate` (default: true, except in read mode where it cannot be) brings the schema
    to the latest version; `migrate=False` opens the store as it is (a reader beside a
    writer that migrated it, or a test walking the migrations)."""
    if mode not in MODES:
        raise ValueError(f"mode is one of {', '.join(MODES)}, not {mode!r}")
    loc = StoreLocation.parse(location)
    if mode == "read" and migrate:
        raise ValueError("a store opened read-only cannot be migrated")
    migrate = mode != "read" if migrate is None else migrate
    store = _connect(loc, mode)
    try:
        fresh = _check_newsledger(store, loc, mode)
        if isinstance(store, SQLiteStore) and mode != "read":
            try:
                store.use_wal()
            except sqlite3.Error as exc:
                raise NotAStore(f"{loc.shown} cannot be opened for writing: {exc}") from exc
        if migrate:
            from .migrations import migrate as run_migrations

            run_migrations(store)
        elif mode == "read" and not fresh:
            _check_current(store, loc)
    except BaseException:
        store.close()
        raise
    return store


def _connect(loc: StoreLocation, mode: Mode) -> Store:
    if loc.dialect == "postgresql":
        return PostgresStore(loc.target, shown=loc.shown, read_only=mode == "read")
    if loc.in_memory:
        if mode != "create":
            raise StoreMissing(":memory: is a new empty store each time; it can only be created")
        return SQLiteStore(":memory:")
    path = Path(loc.target)
    if path.is_dir():
        raise NotAStore(f"{loc.shown} is a folder, not a newsledger store file")
    if not path.exists():
        if mode != "create":
            raise StoreMissing(f"no newsledger store at {loc.shown} (newsledger ingest creates one)")
        if not path.parent.exists():
            raise StoreMissing(f"cannot create a store at {loc.shown}: the folder {path.parent} does not exist")
    else:
        _check_sqlite_file(path, loc, mode)
    try:
        return SQLiteStore(loc.target, read_only=mode == "read", create=mode == "create", wal=False)
    except sqlite3.DatabaseError as exc:
        raise NotAStore(f"{loc.shown} is not a newsledger store: {exc}") from exc
    except StoreError as exc:
        raise NotAStore(f"{loc.shown} cannot be opened as a newsledger store: {_reason(exc)}") from exc


def _check_sqlite_file(path: Path, loc: StoreLocation, mode: Mode) -> None:
    """Refuse a file that is not an SQLite database, or one cut short, before SQLite sees it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise NotAStore(f"{loc.shown} cannot be read: {exc.strerror or exc}") from exc
    if size == 0:
        if mode == "create":
            return  # an empty file is a new database to SQLite
        raise NotAStore(f"{loc.shown} is an empty file, not a newsledger store")
    if not header.startswith(_SQLITE_MAGIC):
        raise NotAStore(f"{loc.shown} is not a newsledger store (not an SQLite database file)")
    if len(header) < 100:
        raise NotAStore(f"{loc.shown} is damaged: {size} bytes, shorter than an SQLite header")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid when its "version valid for" matches the change counter.
    if header[92:96] == header[24:28] and pages and size < pages * page_size:
        raise NotAStore(f"{loc.shown} is damaged: the file is cut short ({size:,} of {pages * page_size:,} bytes)")


def _reason(exc: StoreError) -> str:
    return exc.message.split(" [in: ", 1)[0]


def _check_newsledger(store: Store, loc: StoreLocation, mode: Mode) -> bool:
    """Raise unless the store is a newsledger store (or, to be created, an empty database).
    Returns whether it is a new, empty one."""
    try:
        if store.has_table("schema_migrations"):
            return False
        other = store.other_tables()
    except StoreError as exc:
        raise NotAStore(f"{loc.shown} is damaged or not a newsledger store: {_reason(exc)}") from exc
    if loc.dialect == "sqlite" and other:
        shown = ", ".join(other[:5]) + (" ..." if len(other) > 5 else "")
        raise NotAStore(f"{loc.shown} is an SQLite database of something else, not a newsledger store "
                        f"(its tables: {shown})")
    if mode != "create":
        raise StoreMissing(f"no newsledger store at {loc.shown} (newsledger ingest creates one)")
    return True


def _check_current(store: Store, loc: StoreLocation) -> None:
    from .migrations import LATEST, version

    try:
        have = version(store)
    except StoreError as exc:
        raise NotAStore(f"{loc.shown} is damaged or not a newsledger store: {_reason(exc)}") from exc
    if have < LATEST:
        raise StoreError(f"the store at {loc.shown} has schema version {have}, older than this newsledger's "
                         f"{LATEST}: open it once for writing (e.g. newsledger ledger status) to upgrade it")
    if have > LATEST:
        raise StoreError(f"the store at {loc.shown} was written by a newer newsledger (schema version {have}); "
                         "upgrade newsledger")


def is_postgres_url(value: str) -> bool:
    """Whether `value` names a PostgreSQL store (any accepted form)."""
    m = _SCHEME.match(str(value).strip())
    return m is not None and m.group(1).lower() in POSTGRES_SCHEMES


__all__ = ["MODES", "NotAStore", "StoreLocation", "StoreLocationError", "StoreMissing", "is_postgres_url",
           "mask_url", "open_store"]
