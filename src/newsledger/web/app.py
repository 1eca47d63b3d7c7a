"""The web app: server-rendered pages over the ledger and a JSON API with an OpenAPI description.

    from newsledger.web import create_app
    app = create_app("ledger.db")            # an ASGI app; `newsledger serve` runs it with uvicorn

Pages: articles (`/`), one article (`/articles/{id}`), one ledger event (`/events/{key}`),
`/timeline`, `/map`, `/network`, `/quotes`, `/add`, and the API reference (`/api/docs`).
The API (`/api/...`) returns what every page shows. Everything the pages need (CSS, a few
small scripts, the Natural Earth base map) is served from the package: no CDN, no fonts
or tiles from elsewhere unless the user gives a tile URL.

Safety: an article's text is only ever written as escaped text (Jinja autoescape) or as
JSON inside a non-executed `<script type="application/json">` block (escaped `<`, `>`,
`&`), and a Content-Security-Policy allows scripts from this server's own files only, so
HTML or script inside an article never runs. POST bodies are limited in size, uploads in
type, cross-site form posts refused; SQL takes user values only as bound parameters.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import secrets
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..countries import country_rows
from ..ingest import InputDocument
from ..model import PLOVER_TYPES
from ..store.backend import Store, open_store
from . import queries as q
from . import schemas as s
from .highlight import segments
from .ingest import Ingester, UploadRefused, documents_from_file, file_format

log = logging.getLogger("newsledger.web")

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


@dataclass
class WebConfig:
    db: str
    settings: Settings = field(default_factory=Settings)
    max_upload_bytes: int = 10 * 1024 * 1024
    read_only: bool = False
    tile_url: str | None = None  # e.g. https://tile.example.org/{z}/{x}/{y}.png; off by default
    tile_attribution: str | None = None


# Query parameters shared by the event views (API and pages).
Actor = Annotated[str | None, Query(description="an actor's name or key; aliases from the knowledge base count")]
Country = Annotated[str | None, Query(description="ISO 3166 alpha-3 code of an actor or recipient", max_length=3)]
Type = Annotated[str | None, Query(alias="type", description="PLOVER event type(s), comma separated")]
From = Annotated[str | None, Query(description="first day: 2024, 2024-02 or 2024-02-20 (the day events happened)")]
To = Annotated[str | None, Query(description="last day, same forms")]
Place = Annotated[str | None, Query(description="events near a place: a gazetteer name or 'lat,lon'")]
Radius = Annotated[float, Query(description="kilometres around `place`", gt=0, le=20000)]
Text = Annotated[str | None, Query(description="words that must all occur in a reporting article")]



class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request is larger than the limit of {limit:,} bytes (newsledger serve --max-upload-mb)")


class Guard:
    """ASGI middleware: POST bodies limited to `limit` bytes (by Content-Length, and while
    they stream), and POSTs from another site's page refused (their Origin names another host)."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        origin = headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != headers.get("host"):
            return await _plain(send, 403, "forbidden", "a form of another site may not post here")
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await _plain(send, 413, "too_large", BodyTooLarge(self.limit).detail)
        received = 0
        limit = self.limit

        async def limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        return await self.app(scope, limited, send)


async def _plain(send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class StorePool:
    """A few store connections lent to one request at a time (SQLite and psycopg connections
    must not be used by two threads at once). The most recently returned is lent first, so
    busy connections keep their page caches warm; at most `size` stay open."""

    def __init__(self, url: str, size: int = 8) -> None:
        self.url = url
        self.size = size
        self._idle: list[Store] = []
        self._lock = threading.Lock()

    def _open(self) -> Store:
        store = open_store(self.url, migrate=False)
        if store.dialect == "sqlite":
            # Read pages through the OS cache shared by every connection, not copies of them.
            store.execute("PRAGMA mmap_size = 1073741824")
        return store

    @contextmanager
    def use(self) -> Iterator[Store]:
        with self._lock:
            store = self._idle.pop() if self._idle else None
        if store is None:
            store = self._open()
        try:
            yield store
        except (q.BadRequest, q.NotFound):
            self._return(store)
            raise
        except BaseException:
            with suppress(Exception):  # a connection that failed mid-request is not lent again
                store.close()
            raise
        self._return(store)

    def _return(self, store: Store | None) -> None:
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(store)
                store = None
        if store is not None:
            store.close()

    def close(self) -> None:
        with self._lock:
            for store in self._idle:
                with suppress(Exception):  # closing at shutdown: nothing to do about a failure
                    store.close()
            self._idle.clear()


def static_versions() -> dict[str, str]:
    """A short hash of every bundled file: its URL carries it (`/static/app.css?v=...`), so a
    browser may keep it for a year and still never use an old copy."""
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest()[:12] for f in sorted(STATIC.iterdir()) if f.is_file()}


class VersionedStatic(StaticFiles):
    """The bundled files: cached for good when asked for by their current version, else revalidated."""

    def __init__(self, versions: dict[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.versions = versions

    async def get_response(self, path: str, scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            query = dict(p.split("=", 1) for p in scope.get("query_string", b"").decode("latin-1").split("&") if "=" in p)
            fresh = query.get("v") is not None and query.get("v") == self.versions.get(path)
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if fresh else "no-cache"
        return response


def _country_names() -> dict[str, str]:
    return {r["iso3"]: r["name"] for r in country_rows() if r["iso3"]}


def _check_tile_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not all(k in url for k in ("{z}", "{x}", "{y}")):
        raise ValueError("a tile URL is http(s)://host/.../{z}/{x}/{y}.png")
    return url


def _environment(versions: dict[str, str]) -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["static"] = lambda name: f"/static/{name}?v={versions[name]}"
    env.filters["num"] = lambda v: f"{int(v):,}" if v is not None else ""
    env.globals["schema_type"] = schema_type
    env.globals["qs_period"] = lambda query, period: urlencode({**query, "date_from": period, "date_to": period})
    return env


def create_app(db: str | Path | None = None, *, config: WebConfig | None = None) -> FastAPI:
    """The ASGI app over the ledger at `db` (created and migrated if needed)."""
    if config is None:
        settings = Settings()
        config = WebConfig(db=str(db or settings.db), settings=settings)
    config.tile_url = _check_tile_url(config.tile_url)
    if config.db == ":memory:":
        raise ValueError("the web app needs a store file or a PostgreSQL URL, not :memory:")
    open_store(config.db).close()  # create or migrate once, before any reader opens it
    pool = StorePool(config.db)
    ingester = Ingester(lambda: open_store(config.db, migrate=False), config.settings)
    versions = static_versions()
    templates = Jinja2Templates(env=_environment(versions))
    countries = _country_names()

    @asynccontextmanager
    async def _lifespan(app: FastAPI):
        yield
        pool.close()
        ingester.close()

    tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(config.tile_url)) if config.tile_url else ""
    csp = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
           f"img-src 'self' data:{' ' + tile_origin if tile_origin else ''}; font-src 'self'; form-action 'self'; "
           "base-uri 'none'; frame-ancestors 'none'")

    app = FastAPI(
        title="newsledger",
        summary="Read, explore and verify a ledger of political events extracted from news articles.",
        description="Every value points at characters of its article (`record.text[start:end]`); the record "
                    "format is newsledger/record@1. Errors are `{\"error\": {\"code\", \"message\"}}` with "
                    "status 400 (bad parameter), 404 (unknown id), 413 (too large), 415 (unsupported upload).",
        version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json", lifespan=_lifespan,
    )
    app.state.config = config
    app.state.pool = pool
    app.state.ingester = ingester
    app.add_middleware(Guard, limit=config.max_upload_bytes)
    app.mount("/static", VersionedStatic(versions, directory=str(STATIC)), name="static")

    # HTTP validators from the store's generation (raised by every write transaction): a
    # browser that has a page or an API answer revalidates it and gets 304 Not Modified
    # while nothing was written, without a query being run; after any write it gets the new
    # answer. `boot` changes with every start of the server (its code and options).
    boot = secrets.token_hex(4)
    cacheable = ("/api/", "/articles/", "/events/", "/timeline", "/map", "/network", "/quotes")

    @app.middleware("http")
    async def validators(request: Request, call_next):
        path = request.url.path
        if request.method not in ("GET", "HEAD") or not (path == "/" or path.startswith(cacheable)):
            return await call_next(request)
        generation = await run_in_threadpool(ask, lambda store: store.generation())
        etag = f'W/"{generation}-{boot}"'
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers={"ETag": etag, "Cache-Control": "no-cache"})
        response = await call_next(request)
        if response.status_code == 200:
            response.headers["ETag"] = etag
            response.headers["Cache-Control"] = "no-cache"
        return response

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    # --- errors ---------------------------------------------------------------------------------

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def error_response(request: Request, status: int, code: str, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {**base(request, ""), "status": status,
                                                                 "code": code, "message": message},
                                          status_code=status)

    @app.exception_handler(q.BadRequest)
    async def _bad(request: Request, exc: q.BadRequest):
        return error_response(request, 400, "bad_request", str(exc))

    @app.exception_handler(q.NotFound)
    async def _missing(request: Request, exc: q.NotFound):
        return error_response(request, 404, "not_found", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return error_response(request, 400, "bad_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 415: "unsupported_type",
                403: "forbidden"}.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, code, message)

    @app.exception_handler(UploadRefused)
    async def _refused(request: Request, exc: UploadRefused):
        return error_response(request, exc.status, exc.code, str(exc))

    # --- shared page parts -------------------------------------------------------------------------

    def ask(fn, *args, **kwargs):
        """`fn(store, ...)` with a store connection lent for the call."""
        with pool.use() as store:
            return fn(store, *args, **kwargs)

    def base(request: Request, page: str, **extra: Any) -> dict[str, Any]:
        return {"page": page, "read_only": config.read_only, "plover_types": PLOVER_TYPES,
                "scale": q.plover_scale(), "countries": countries, **extra}

    def filter_args(actor, country, event_type, date_from, date_to, place, radius_km, text) -> q.FilterArgs:
        return q.FilterArgs(actor=actor, country=country, event_type=event_type, date_from=date_from,
                            date_to=date_to, place=place, radius_km=radius_km, text=text)

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    # --- API ------------------------------------------------------------------------------------------

    err = {400: {"model": s.ErrorResponse}, 404: {"model": s.ErrorResponse}}

    @app.get("/api/overview", response_model=s.Overview, tags=["ledger"], summary="Counts of the ledger")
    def api_overview():
        return ask(q.overview)

    @app.get("/api/plover", response_model=list[s.PloverType], tags=["ledger"],
             summary="PLOVER event types with quad class and Goldstein value (the colour scale)")
    def api_plover():
        return list(q.plover_scale().values())

    @app.get("/api/articles", response_model=s.ArticleList, responses=err, tags=["articles"],
             summary="Stored articles, newest ingested first")
    def api_articles(q_: Annotated[str | None, Query(alias="q", description="words that must occur in title or text")] = None,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0)] = 0):
        return ask(q.articles, text=q_, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", response_model=s.ArticleDetail, responses=err, tags=["articles"],
             summary="One article: its full record and its provenance")
    def api_article(article_id: str):
        return ask(q.article, _article_id(article_id))

    @app.get("/api/events", response_model=s.EventList, responses=err, tags=["events"],
             summary="Ledger events matching the filters, by the day they happened")
    def api_events(actor: Actor = None, country: Country = None, event_type: Type = None, date_from: From = None,
                   date_to: To = None, place: Place = None, radius_km: Radius = 50.0, text: Text = None,
                   order: Annotated[str, Query(pattern="^(asc|desc)$", description="asc: oldest first")] = "desc",
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100):
        f = q.check_filters(filter_args(actor, country, event_type, date_from, date_to, place, radius_km, text))
        return {"events": ask(q.event_list, f, limit=limit, newest_first=order == "desc"), "limit": limit}

    @app.get("/api/events/{key}", response_model=s.EventDetail, responses=err, tags=["events"],
             summary="One ledger event with its participants and every article report behind it")
    def api_event(key: str):
        return ask(q.ledger_event, _event_key(key))

    @app.get("/api/timeline", response_model=s.Timeline, responses=err, tags=["events"],
             summary="Events per day, month or year by the date they happened, and the first events of the range")
    def api_timeline(actor: Actor = None, country: Country = None, event_type: Type = None, date_from: From = None,
                     date_to: To = None, place: Place = None, radius_km: Radius = 50.0, text: Text = None,
                     by: Annotated[str | None, Query(pattern="^(day|month|year)$",
                                                     description="default: chosen from the range")] = None,
                     limit: Annotated[int, Query(ge=0, le=1000)] = 200):
        f = q.check_filters(filter_args(actor, country, event_type, date_from, date_to, place, radius_km, text))
        return ask(q.timeline, f, by=by, limit=limit)

    @app.get("/api/map", response_model=s.MapData, responses=err, tags=["events"],
             summary="Where events happened (by place), events per country, and the places articles mention")
    def api_map(actor: Actor = None, country: Country = None, event_type: Type = None, date_from: From = None,
                date_to: To = None, place: Place = None, radius_km: Radius = 50.0, text: Text = None,
                limit: Annotated[int, Query(ge=1, le=5000)] = 1000):
        f = q.check_filters(filter_args(actor, country, event_type, date_from, date_to, place, radius_km, text))
        return ask(q.map_data, f, limit=limit)

    @app.get("/api/places", response_model=s.MentionedPlaces, responses=err, tags=["events"],
             summary="The places the stored articles mention (the map's second layer)")
    def api_places(country: Country = None, limit: Annotated[int, Query(ge=1, le=5000)] = 1000):
        f = q.check_filters(q.FilterArgs(country=country))
        return ask(q.mentioned_places, country=f.country, limit=limit)

    @app.get("/api/network", response_model=s.Network, responses=err, tags=["events"],
             summary="Who acts on whom: actor -> recipient edges weighted by events, with quad classes and Goldstein")
    def api_network(actor: Actor = None, country: Country = None, event_type: Type = None, date_from: From = None,
                    date_to: To = None, place: Place = None, radius_km: Radius = 50.0, text: Text = None,
                    all_time: Annotated[bool, Query(description="without dates, the whole store instead of the "
                                                                "365 days up to the latest event")] = False,
                    max_edges: Annotated[int, Query(ge=1, le=500)] = 80):
        f = q.check_filters(filter_args(actor, country, event_type, date_from, date_to, place, radius_km, text))
        with pool.use() as store:
            if not all_time:
                f = q.default_window(store, f)
            return q.network(store, f, max_edges=max_edges)

    @app.get("/api/quotes", response_model=s.QuoteList, responses=err, tags=["quotes"],
             summary="Who said what: quotes with their speakers, searchable")
    def api_quotes(speaker: Annotated[str | None, Query(description="a speaker's name or actor key")] = None,
                   q_: Annotated[str | None, Query(alias="q", description="words that must occur in the quote")] = None,
                   country: Country = None, limit: Annotated[int, Query(ge=1, le=500)] = 100,
                   offset: Annotated[int, Query(ge=0)] = 0):
        q.check_filters(q.FilterArgs(country=country))
        return ask(q.quotes, speaker=speaker, text=q_, country=country, limit=limit, offset=offset)

    @app.get("/api/actors", response_model=list[str], responses=err, tags=["ledger"],
             summary="Names of known actors starting with a prefix (suggestions)")
    def api_actors(prefix: Annotated[str, Query(min_length=1, max_length=100)]):
        return ask(q.actor_names, prefix)

    @app.post("/api/articles", response_model=s.IngestResult, status_code=201, tags=["add"],
              responses={400: {"model": s.ErrorResponse}, 403: {"model": s.ErrorResponse},
                         413: {"model": s.ErrorResponse}},
              summary="Add one article from its text (extracted and stored like `newsledger ingest`)")
    async def api_add_text(body: Annotated[s.IngestText, Body()]):
        _writable()
        if body.format not in ("text", "html", "auto"):
            raise q.BadRequest("format is text, html or auto")
        if body.published is not None:
            q.check_date(body.published[:10], "published")
        if not body.text.strip():
            raise q.BadRequest("the text is empty")
        source = (body.source or "paste")[:300]
        doc = InputDocument(body.text, source=source, published=body.published, raw=body.raw, format=body.format)
        return _summary(await run_in_threadpool(ingester.ingest, [doc]))

    @app.post("/api/upload", response_model=s.IngestResult, status_code=201, tags=["add"],
              responses={400: {"model": s.ErrorResponse}, 403: {"model": s.ErrorResponse},
                         413: {"model": s.ErrorResponse}, 415: {"model": s.ErrorResponse}},
              summary="Add articles from uploaded files (multipart field `files`: .txt, .html, .jsonl ...)")
    async def api_upload(request: Request):
        _writable()
        docs = await _form_documents(request)
        return _summary(await run_in_threadpool(ingester.ingest, docs))

    def _writable() -> None:
        if config.read_only:
            raise HTTPException(403, "this server is read-only (newsledger serve --read-only)")

    def _summary(results: list[dict]) -> dict:
        return {"results": results, "stored": sum(r["status"] == "stored" for r in results),
                "errors": sum(r["status"] == "error" for r in results)}

    async def _form_documents(request: Request) -> list[InputDocument]:
        try:
            form = await request.form(max_files=100, max_fields=20, max_part_size=config.max_upload_bytes)
        except HTTPException:
            raise
        except Exception as exc:  # the multipart parser's own refusals
            raise q.BadRequest(f"cannot read the form: {exc}") from exc
        published = form.get("published") or None
        if isinstance(published, str) and published.strip():
            published = published.strip()
            q.check_date(published[:10], "published")
        else:
            published = None
        docs: list[InputDocument] = []
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            fmt = form.get("format") or "text"
            if fmt not in ("text", "html", "auto"):
                raise q.BadRequest("format is text, html or auto")
            docs.append(InputDocument(text, source="paste", published=published, format=fmt,
                                      raw=form.get("raw") in ("1", "on", "true")))
        for upload in form.getlist("files"):
            if isinstance(upload, str) or not upload.filename:
                continue
            data = await upload.read()
            fmt = file_format(upload.filename, upload.content_type, data[:8])
            docs.extend(documents_from_file(upload.filename, data, fmt, published=published))
        if not docs:
            raise q.BadRequest("nothing to add: paste an article's text or choose files")
        return docs

    # --- pages ------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, q_: Annotated[str | None, Query(alias="q")] = None,
             offset: Annotated[int, Query(ge=0)] = 0):
        with pool.use() as store:
            listing = q.articles(store, text=q_, limit=50, offset=offset)
            overview = q.overview(store)
        return page(request, "home.html", base(request, "articles", overview=overview, listing=listing,
                                               q=q_ or "", offset=offset))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str):
        data = ask(q.article, _article_id(article_id))
        record = data["record"]
        checks = _verify(record)
        panel = {k: record.get(k, []) for k in ("entities", "times", "places", "quotes", "amounts", "events")}
        panel["ledger_events"] = data["ledger_events"]
        panel["scale"] = q.plover_scale()
        return page(request, "article.html", base(request, "articles", data=data, record=record,
                                                  segments=segments(record), checks=checks, panel=panel,
                                                  entities={e["id"]: e for e in record.get("entities", [])},
                                                  places={p["id"]: p for p in record.get("places", [])}))

    @app.get("/events/{key}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, key: str):
        return page(request, "event.html", base(request, "timeline", event=ask(q.ledger_event, _event_key(key))))

    def _filters_from(request: Request) -> tuple[q.FilterArgs, str | None]:
        p = request.query_params
        try:
            radius = float(p.get("radius_km") or 50)
        except ValueError:
            radius = float("nan")
        args = q.FilterArgs(actor=p.get("actor"), country=p.get("country"), event_type=p.get("type"),
                            date_from=p.get("date_from"), date_to=p.get("date_to"), place=p.get("place"),
                            radius_km=radius if math.isfinite(radius) else 50.0, text=p.get("text"))
        error = None
        if not math.isfinite(radius):
            error = "radius_km must be a number"
        return args, error

    def _filter_page(request: Request, name: str, view: str, build) -> HTMLResponse:
        args, error = _filters_from(request)
        result, status = None, 200
        try:
            if error:
                raise q.BadRequest(error)
            result = build(q.check_filters(args))
        except q.BadRequest as exc:
            error, status = str(exc), 400
        query = args.as_query()
        return page(request, name, base(request, view, args=args, query=query, qs=urlencode(query),
                                        result=result, error=error), status)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request):
        by = request.query_params.get("by") or None

        def build(f):
            if by not in (None, "day", "month", "year"):
                raise q.BadRequest("by must be day, month or year")
            data = ask(q.timeline, f, by=by, limit=200)
            data["bars"] = _bars(data["periods"])
            return data

        return _filter_page(request, "timeline.html", "timeline", build)

    # The map and the network come with their data (what /api/map and /api/network answer)
    # inside the page, so that their scripts draw as soon as they run, with no second request.
    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request):
        return _filter_page(request, "map.html", "map", lambda f: {
            "tile_url": config.tile_url, "tile_attribution": config.tile_attribution,
            "data": ask(q.map_data, f, limit=1000)})

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request):
        all_time = request.query_params.get("all_time") in ("1", "true", "on")

        def build(f):
            with pool.use() as store:
                window = f if all_time else q.default_window(store, f)
                data = q.network(store, window, max_edges=80)
            return {"all_time": all_time, "date_from": window.date_from, "date_to": window.date_to,
                    "data": data}

        return _filter_page(request, "network.html", "network", build)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request, speaker: str | None = None, q_: Annotated[str | None, Query(alias="q")] = None,
                    country: str | None = None, offset: Annotated[int, Query(ge=0)] = 0):
        error, result, status = None, None, 200
        try:
            q.check_filters(q.FilterArgs(country=country))
            result = ask(q.quotes, speaker=speaker, text=q_, country=country, limit=50, offset=offset)
        except q.BadRequest as exc:
            error, status = str(exc), 400
        query = {k: v for k, v in (("speaker", speaker), ("q", q_), ("country", country)) if v}
        return page(request, "quotes.html", base(request, "quotes", result=result, error=error, speaker=speaker or "",
                                                 q=q_ or "", country=country or "", offset=offset,
                                                 qs=urlencode(query)), status)

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request):
        return page(request, "add.html", base(request, "add", results=None, error=None,
                                              limit=config.max_upload_bytes, form={}))

    @app.post("/add", response_class=HTMLResponse, include_in_schema=False)
    async def add_submit(request: Request):
        error, results, status = None, None, 200
        try:
            _writable()
            docs = await _form_documents(request)
            results = await run_in_threadpool(ingester.ingest, docs)
        except q.BadRequest as exc:
            error, status = str(exc), 400
        except UploadRefused as exc:
            error, status = str(exc), exc.status
        except HTTPException as exc:
            error, status = str(exc.detail), exc.status_code
        return page(request, "add.html", base(request, "add", results=results, error=error,
                                              limit=config.max_upload_bytes, form={}), status)

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        return page(request, "api.html", base(request, "api", spec=app.openapi()))

    @app.get("/api", include_in_schema=False)
    def api_root():
        return RedirectResponse("/api/docs")

    return app


def _article_id(value: str) -> str:
    value = value.strip().lower()
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise q.BadRequest("an article id is the 64 hexadecimal characters of its sha256 (the record's article.id)")
    return value


def _event_key(value: str) -> str:
    if not value or len(value) > 200 or any(ord(c) < 32 for c in value):
        raise q.BadRequest("an event key is a short printable string (see /api/events)")
    return value


def _verify(record: dict) -> dict[str, int]:
    """How many spans of the record check out against its text (text[start:end] == span text)."""
    text = record.get("text", "")
    ok = bad = 0

    def check(span):
        nonlocal ok, bad
        if text[span["start"]:span["end"]] == span["text"]:
            ok += 1
        else:
            bad += 1

    for e in record.get("entities", []):
        for m in e.get("mentions", []):
            check(m)
    for p in record.get("places", []):
        for m in p.get("mentions", []):
            check(m)
    for key in ("times", "quotes", "amounts"):
        for x in record.get(key, []):
            check(x)
    for v in record.get("events", []):
        check(v["trigger"])
        check(v["evidence"])
    return {"ok": ok, "bad": bad}


def _bars(periods: list[dict]) -> dict[str, Any]:
    """The timeline's bar chart, laid out here so the page needs no script to draw it."""
    width, height = 1000, 160
    n = len(periods)
    if not n:
        return {"width": width, "height": height, "bars": []}
    top = max(p["events"] for p in periods) or 1
    step = width / n
    bars = []
    for i, p in enumerate(periods):
        h = max(1.0, p["events"] / top * (height - 20))
        bars.append({"x": round(i * step + step * 0.1, 2), "w": round(max(step * 0.8, 0.5), 2),
                     "y": round(height - h, 2), "h": round(h, 2), **p})
    label_every = max(1, math.ceil(n / 12))
    return {"width": width, "height": height, "bars": bars, "label_every": label_every, "top": top}


def schema_type(schema: dict | None) -> str:
    """A short name for an OpenAPI schema: its type, its model's name, `list of X`, `A | B`."""
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(schema_type(x) for x in schema["anyOf"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"list of {schema_type(schema.get('items'))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"map of {schema_type(schema['additionalProperties'])}"
    return kind


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


__all__ = ["WebConfig", "create_app"]
