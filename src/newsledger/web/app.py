"""The web app: server-rendered pages over the ledger and a JSON API with an OpenAPI description.

    from newsledger.web import create_app
    app = create_app("ledger.db")            # an ASGI app; `newsledger serve` runs it with uvicorn

This module is the app factory: it opens the store (`store.opening`: an existing store, or a
new one when `WebConfig.create`; read-only never writes), builds the app's state
(`state.py`), adds the middleware (`middleware.py`), the error handlers (`errors.py`) and
the routers: the API (`api.py`) and the pages (`pages.py`).

Pages: articles (`/`), one article (`/articles/{id}`), one ledger event (`/events/{key}`),
`/timeline`, `/map`, `/network`, `/quotes`, `/add`, and the API reference (`/api/docs`).
The API (`/api/...`) returns what every page shows. Everything the pages need (CSS, a few
small scripts, the Natural Earth base map) is served from the package: no CDN, no fonts
or tiles from elsewhere unless the user gives a tile URL.

Safety: an article's text is only ever written as escaped text (Jinja autoescape) or as
JSON inside a non-executed `<script type="application/json">` block (escaped `<`, `>`,
`&`), and a Content-Security-Policy allows scripts from this server's own files only, so
HTML or script inside an article never runs. Requests naming another host are refused
(DNS rebinding); writes from another site's page are refused (Origin, `Origin: null`,
Sec-Fetch-Site; the Add form also carries a per-session token); POST bodies are limited in
size and documents, uploads in type; SQL takes user values only as bound parameters.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI

from ..config import Settings
from ..store.opening import Mode, StoreLocation, open_store
from . import api, errors, pages
from .ingest import Ingester
from .middleware import Guard, HostCheck, SecurityHeaders, Validators, is_loopback
from .render import STATIC, VersionedStatic, country_names, static_versions, templates
from .state import StorePool, WebConfig, WebState
from .tokens import FormTokens

DESCRIPTION = ("Every value points at characters of its article (`record.text[start:end]`); the record format "
               "is newsledger/record@1. Errors are `{\"error\": {\"code\", \"message\"}}` with status 400 (bad or "
               "unknown parameter), 404 (unknown id), 413 (too large, too many documents), 415 (unsupported "
               "upload), 503 (the store is gone or damaged). A ledger event key given before the event was "
               "regrouped answers 307 with the event that holds its report now.")


def _check_tile_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not all(k in url for k in ("{z}", "{x}", "{y}")):
        raise ValueError("a tile URL is http(s)://host/.../{z}/{x}/{y}.png")
    return url


def content_security_policy(tile_url: str | None) -> str:
    tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(tile_url)) if tile_url else ""
    return ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            f"img-src 'self' data:{' ' + tile_origin if tile_origin else ''}; font-src 'self'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


def create_app(db: str | Path | None = None, *, config: WebConfig | None = None, pipeline=None) -> FastAPI:
    """The ASGI app over the ledger at `db` (or `config.db`), which must exist unless
    `config.create`. `pipeline` replaces the extraction pipeline the Add page uses."""
    if config is None:
        settings = Settings()
        config = WebConfig(db=str(db or settings.db), settings=settings)
    config.tile_url = _check_tile_url(config.tile_url)
    location = StoreLocation.parse(config.db)
    if location.in_memory:
        raise ValueError("the web app needs a store file or a PostgreSQL URL, not :memory:")
    if config.read_only and config.create:
        raise ValueError("a read-only server never creates a store: leave out one of read-only and create")
    mode: Mode = "read" if config.read_only else "create" if config.create else "write"
    open_store(location, mode=mode).close()  # check (and create or migrate) once, before any reader opens it
    versions = static_versions()
    ingester = None
    if not config.read_only:
        ingester = Ingester(lambda: open_store(location, mode="write", migrate=False), config.settings,
                            pipeline=pipeline)
    state = WebState(config=config, location=location, pool=StorePool(location, read_only=config.read_only),
                     ingester=ingester, templates=templates(versions), countries=country_names(),
                     tokens=FormTokens())

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        state.close()

    app = FastAPI(title="newsledger",
                  summary="Read, explore and verify a ledger of political events extracted from news articles.",
                  description=DESCRIPTION, version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan)
    app.state.web = state
    # add_middleware puts each outside the ones before it: headers on everything, then the guard.
    app.add_middleware(Validators, state=state)
    app.add_middleware(Guard, limit=config.max_upload_bytes, hosts=HostCheck(config.host, config.allowed_hosts))
    app.add_middleware(SecurityHeaders, csp=content_security_policy(config.tile_url))
    errors.install(app)
    app.mount("/static", VersionedStatic(versions, directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


__all__ = ["STATIC", "WebConfig", "create_app", "is_loopback"]
