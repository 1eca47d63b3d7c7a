"""The server-rendered pages: articles (`/`), one article, one ledger event, the timeline,
map, network and quotes, adding articles (`/add`) and the API reference (`/api/docs`).
A bad filter shows the page with its message (400), not an error page."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..store.filters import DEFAULT_RADIUS_KM, FILTER_NAMES
from . import queries as q
from .api import check_article_id, check_event_key, writable
from .highlight import segments
from .ingest import UploadRefused, form_documents, ingest_request, read_form
from .params import Offset, Search, parse_filters
from .render import bars, base, page, verify
from .state import WebState, web_state
from .tokens import FIELD, REFUSED

router = APIRouter(include_in_schema=False)

State = Annotated[WebState, Depends(web_state)]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, state: State, q_: Search = None, offset: Offset = 0):
    with state.pool.use() as store:
        listing = q.articles(store, text=q_, limit=50, offset=offset)
        overview = q.overview(store)
    return page(request, state, "home.html", base(state, "articles", overview=overview, listing=listing,
                                                  q=q_ or "", offset=offset))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, state: State, article_id: str):
    data = state.ask(q.article, check_article_id(article_id))
    record = data["record"]
    panel = {k: record.get(k, []) for k in ("entities", "times", "places", "quotes", "amounts", "events")}
    panel["ledger_events"] = data["ledger_events"]
    panel["scale"] = q.plover_scale()
    return page(request, state, "article.html", base(
        state, "articles", data=data, record=record, segments=segments(record), checks=verify(record), panel=panel,
        entities={e["id"]: e for e in record.get("entities", [])},
        places={p["id"]: p for p in record.get("places", [])}))


@router.get("/events/{key}", response_class=HTMLResponse)
def event_page(request: Request, state: State, key: str):
    return page(request, state, "event.html",
                base(state, "timeline", event=state.ask(q.ledger_event, check_event_key(key))))


def _filter_page(request: Request, state: WebState, name: str, view: str, build) -> HTMLResponse:
    """A page over the event filters: the form shows them as typed, the result is built from
    them once checked (`Filters.parse`, as the API and the CLI check them); a bad one shows
    the page with its message (400)."""
    args = {k: (request.query_params.get(k) or "").strip() for k in FILTER_NAMES}
    result, error, status = None, None, 200
    try:
        result = build(parse_filters(args))
    except q.BadRequest as exc:
        error, status = str(exc), 400
    query = {k: v for k, v in args.items() if v and (k != "radius_km" or args["place"])}
    return page(request, state, name, base(state, view, args=args, query=query, qs=urlencode(query),
                                           default_radius=f"{DEFAULT_RADIUS_KM:g}", result=result, error=error),
                status)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, state: State):
    by = request.query_params.get("by") or None

    def build(f):
        if by not in (None, "day", "month", "year"):
            raise q.BadRequest("by must be day, month or year")
        data = state.ask(q.timeline, f, by=by, limit=200)
        data["bars"] = bars(data["periods"])
        return data

    return _filter_page(request, state, "timeline.html", "timeline", build)


# The map and the network come with their data (what /api/map and /api/network answer)
# inside the page, so that their scripts draw as soon as they run, with no second request.
@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, state: State):
    return _filter_page(request, state, "map.html", "map", lambda f: {
        "tile_url": state.config.tile_url, "tile_attribution": state.config.tile_attribution,
        "data": state.ask(q.map_data, f, limit=1000)})


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, state: State):
    all_time = request.query_params.get("all_time") in ("1", "true", "on")

    def build(f):
        with state.pool.use() as store:
            window = f if all_time else q.default_window(store, f)
            data = q.network(store, window, max_edges=80)
        return {"all_time": all_time, "date_from": window.date_from, "date_to": window.date_to, "data": data}

    return _filter_page(request, state, "network.html", "network", build)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, state: State, speaker: str | None = None, q_: Search = None,
                country: str | None = None, offset: Offset = 0):
    error, result, status = None, None, 200
    try:
        f = parse_filters({"speaker": speaker, "country": country})
        result = state.ask(q.quotes, speaker=f.speaker, text=q_, country=f.country, limit=50, offset=offset)
    except q.BadRequest as exc:
        error, status = str(exc), 400
    query = {k: v for k, v in (("speaker", speaker), ("q", q_), ("country", country)) if v}
    return page(request, state, "quotes.html", base(state, "quotes", result=result, error=error,
                                                    speaker=speaker or "", q=q_ or "", country=country or "",
                                                    offset=offset, qs=urlencode(query)), status)


def _add_page(request: Request, state: WebState, *, results=None, error=None, status: int = 200) -> HTMLResponse:
    token, new_session = state.tokens.issue(request)
    response = page(request, state, "add.html", base(state, "add", results=results, error=error, form={},
                                                     limit=state.config.max_upload_bytes,
                                                     max_documents=state.config.max_documents,
                                                     token_field=FIELD, token=token), status)
    if new_session:
        state.tokens.set_cookie(response, new_session)
    return response


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request, state: State):
    return _add_page(request, state)


@router.post("/add", response_class=HTMLResponse)
async def add_submit(request: Request, state: State):
    error, results, status = None, None, 200
    try:
        writable(state)
        form = await read_form(request, state.config.max_upload_bytes)
        if not state.tokens.valid(request, form.get(FIELD)):
            raise HTTPException(403, REFUSED)
        docs = await form_documents(form, max_documents=state.config.max_documents)
        results = await ingest_request(request, state.ingester, docs)
    except q.BadRequest as exc:
        error, status = str(exc), 400
    except UploadRefused as exc:
        error, status = str(exc), exc.status
    except HTTPException as exc:
        error, status = str(exc.detail), exc.status_code
    return _add_page(request, state, results=results, error=error, status=status)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request, state: State):
    return page(request, state, "api.html", base(state, "api", spec=request.app.openapi()))


@router.get("/api")
def api_root():
    return RedirectResponse("/api/docs")
