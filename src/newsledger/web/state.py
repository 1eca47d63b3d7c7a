"""What the web app holds while it runs: its configuration, the store connections it lends
to requests, the ingester, the templates. One `WebState` per app (`app.state.web`); the
routers reach it with the `web_state` dependency."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from ..config import Settings
from ..store.backend import Store
from ..store.filters import FilterError
from ..store.opening import StoreLocation, open_store
from . import queries as q


@dataclass
class WebConfig:
    """How `newsledger serve` (or `create_app`) runs the app.

    `create`: create (and migrate) the store when it does not exist; otherwise a missing
    store is an error. `read_only`: no adding articles, and the store is never written
    (opened read-only, never created or migrated). `host` is the address the server
    listens on and `allowed_hosts` the other names clients may use for it (the `Host`
    header): requests naming any other host are refused, so that a page of another site
    whose name is made to resolve to this machine (DNS rebinding) can neither read nor write."""

    db: str
    settings: Settings = field(default_factory=Settings)
    max_upload_bytes: int = 10 * 1024 * 1024
    max_documents: int = 200  # documents per add request (pasted text, files, JSON Lines lines)
    read_only: bool = False
    create: bool = False
    host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] = ()
    tile_url: str | None = None  # e.g. https://tile.example.org/{z}/{x}/{y}.png; off by default
    tile_attribution: str | None = None


class StorePool:
    """A few store connections lent to one request at a time (SQLite and psycopg connections
    must not be used by two threads at once). The most recently returned is lent first, so
    busy connections keep their page caches warm; at most `size` stay open.

    A connection is never lent for a store that has gone: when the file was deleted or
    replaced since it was opened, every idle connection is closed and a new one opened,
    which fails with a clear `StoreMissing` / `NotAStore` if nothing usable is there (and
    never creates a file)."""

    def __init__(self, location: StoreLocation, *, read_only: bool = False, size: int = 8) -> None:
        self.location = location
        self.read_only = read_only
        self.size = size
        self._idle: list[Store] = []
        self._lock = threading.Lock()

    def _open(self) -> Store:
        store = open_store(self.location, mode="read" if self.read_only else "write", migrate=False)
        if store.dialect == "sqlite":
            # Read pages through the OS cache shared by every connection, not copies of them.
            store.execute("PRAGMA mmap_size = 1073741824")
        return store

    def _take(self) -> Store:
        with self._lock:
            store = self._idle.pop() if self._idle else None
        if store is not None and not store.still_there():
            _close(store)
            self.close()  # the others were opened on the same, gone, store
            store = None
        return store if store is not None else self._open()

    @contextmanager
    def use(self) -> Iterator[Store]:
        store = self._take()
        try:
            yield store
        except (q.BadRequest, q.NotFound, q.Moved, FilterError):
            self._return(store)
            raise
        except BaseException:
            _close(store)  # a connection that failed mid-request is not lent again
            raise
        self._return(store)

    def _return(self, store: Store) -> None:
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(store)
                return
        _close(store)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for store in idle:
            _close(store)


def _close(store: Store) -> None:
    with suppress(Exception):  # closing a connection that failed or whose store is gone: nothing to do
        store.close()


@dataclass
class WebState:
    config: WebConfig
    location: StoreLocation
    pool: StorePool
    ingester: Any  # web.ingest.Ingester, None when read-only
    templates: Any  # fastapi.templating.Jinja2Templates
    countries: dict[str, str]
    tokens: Any  # web.tokens.FormTokens
    boot: str = field(default_factory=lambda: secrets.token_hex(4))  # changes with every start of the server

    def ask(self, fn, *args, **kwargs):
        """`fn(store, ...)` with a store connection lent for the call."""
        with self.pool.use() as store:
            return fn(store, *args, **kwargs)

    def close(self) -> None:
        self.pool.close()
        if self.ingester is not None:
            self.ingester.close()


def web_state(request: Request) -> WebState:
    """The app's state (a FastAPI dependency)."""
    return request.app.state.web
