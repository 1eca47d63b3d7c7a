"""The HTTP API (`/api/...`): what every page shows, as JSON, described by OpenAPI
(`/api/openapi.json`, read at `/api/docs`). Parameters an endpoint does not take are
refused (400), like bad values."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request

from ..ingest import InputDocument
from ..store.filters import Filters
from . import queries as q
from . import schemas as s
from .ingest import FORMATS_PASTED, check_published, form_documents, ingest_request, read_form
from .params import (
    Country,
    Offset,
    Search,
    check_country,
    event_filters,
    parse_filters,
    refuse_unknown_parameters,
)
from .state import WebState, web_state

router = APIRouter(prefix="/api", dependencies=[Depends(refuse_unknown_parameters)])

State = Annotated[WebState, Depends(web_state)]
EventFilters = Annotated[Filters, Depends(event_filters)]
Responses = dict[int | str, dict[str, Any]]
err: Responses = {400: {"model": s.ErrorResponse}, 404: {"model": s.ErrorResponse}}
add_errors: Responses = {400: {"model": s.ErrorResponse}, 403: {"model": s.ErrorResponse},
                         413: {"model": s.ErrorResponse}}


def check_article_id(value: str) -> str:
    value = value.strip().lower()
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise q.BadRequest("an article id is the 64 hexadecimal characters of its sha256 (the record's article.id)")
    return value


def check_event_key(value: str) -> str:
    if not value or len(value) > 200 or any(ord(c) < 32 for c in value):
        raise q.BadRequest("an event key is a short printable string (see /api/events)")
    return value


@router.get("/overview", response_model=s.Overview, tags=["ledger"], summary="Counts of the ledger")
def api_overview(state: State):
    return state.ask(q.overview)


@router.get("/plover", response_model=list[s.PloverType], tags=["ledger"],
            summary="PLOVER event types with quad class and Goldstein value (the colour scale)")
def api_plover():
    return list(q.plover_scale().values())


@router.get("/articles", response_model=s.ArticleList, responses=err, tags=["articles"],
            summary="Stored articles, newest ingested first")
def api_articles(state: State,
                 q_: Annotated[str | None, Query(alias="q", description="words that must occur in title or text")] = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Offset = 0):
    return state.ask(q.articles, text=q_, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=s.ArticleDetail, responses=err, tags=["articles"],
            summary="One article: its full record and its provenance")
def api_article(state: State, article_id: str):
    return state.ask(q.article, check_article_id(article_id))


@router.get("/events", response_model=s.EventList, responses=err, tags=["events"],
            summary="Ledger events matching the filters, by the day they happened, as event rows")
def api_events(state: State, filters: EventFilters,
               order: Annotated[str, Query(pattern="^(asc|desc)$", description="asc: oldest first")] = "desc",
               limit: Annotated[int, Query(ge=1, le=1000)] = 100):
    return {"events": state.ask(q.event_list, filters, limit=limit, newest_first=order == "desc"), "limit": limit}


@router.get("/events/{key}", response_model=s.EventDetail, responses={**err, 307: {"description":
            "the key was given before the event was regrouped: the event that holds its report now"}},
            tags=["events"], summary="One ledger event with its participants and every article report behind it")
def api_event(state: State, key: str):
    return state.ask(q.ledger_event, check_event_key(key))


@router.get("/timeline", response_model=s.Timeline, responses=err, tags=["events"],
            summary="Events per day, month or year by the date they happened, and the first events of the range")
def api_timeline(state: State, filters: EventFilters,
                 by: Annotated[str | None, Query(pattern="^(day|month|year)$",
                                                 description="default: chosen from the range")] = None,
                 limit: Annotated[int, Query(ge=0, le=1000)] = 200):
    return state.ask(q.timeline, filters, by=by, limit=limit)


@router.get("/map", response_model=s.MapData, responses=err, tags=["events"],
            summary="Where events happened (by place), events per country, and the places articles mention")
def api_map(state: State, filters: EventFilters, limit: Annotated[int, Query(ge=1, le=5000)] = 1000):
    return state.ask(q.map_data, filters, limit=limit)


@router.get("/places", response_model=s.MentionedPlaces, responses=err, tags=["events"],
            summary="The places the stored articles mention (the map's second layer)")
def api_places(state: State, country: Country = None, limit: Annotated[int, Query(ge=1, le=5000)] = 1000):
    return state.ask(q.mentioned_places, country=check_country(country), limit=limit)


@router.get("/network", response_model=s.Network, responses=err, tags=["events"],
            summary="Who acts on whom: actor -> recipient edges weighted by events, with quad classes and Goldstein")
def api_network(state: State, filters: EventFilters,
                all_time: Annotated[bool, Query(description="without dates, the whole store instead of the "
                                                            "365 days up to the latest event")] = False,
                max_edges: Annotated[int, Query(ge=1, le=500)] = 80):
    with state.pool.use() as store:
        return q.network(store, filters if all_time else q.default_window(store, filters), max_edges=max_edges)


@router.get("/quotes", response_model=s.QuoteList, responses=err, tags=["quotes"],
            summary="Who said what: quotes with their speakers, searchable")
def api_quotes(state: State, speaker: Annotated[str | None, Query(description="a speaker's name or actor key")] = None,
               q_: Search = None, country: Country = None, limit: Annotated[int, Query(ge=1, le=500)] = 100,
               offset: Offset = 0):
    f = parse_filters({"speaker": speaker, "country": country})
    return state.ask(q.quotes, speaker=f.speaker, text=q_, country=f.country, limit=limit, offset=offset)


@router.get("/actors", response_model=list[str], responses=err, tags=["ledger"],
            summary="Names of known actors: starting with a prefix (suggestions), else the most reported first")
def api_actors(state: State,
               prefix: Annotated[str | None, Query(max_length=100, description="the start of a name or alias")] = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 20):
    return state.ask(q.actor_names, prefix, limit=limit)


def writable(state: WebState) -> None:
    if state.config.read_only:
        raise HTTPException(403, "this server is read-only (newsledger serve --read-only)")


def summary(results: list[dict]) -> dict:
    return {"results": results, "stored": sum(r["status"] == "stored" for r in results),
            "errors": sum(r["status"] == "error" for r in results)}


@router.post("/articles", response_model=s.IngestResult, status_code=201, tags=["add"], responses=add_errors,
             summary="Add one article from its text (extracted and stored like `newsledger ingest`)")
async def api_add_text(request: Request, state: State, body: Annotated[s.IngestText, Body()]):
    writable(state)
    if body.format not in FORMATS_PASTED:
        raise q.BadRequest("format is text, html or auto")
    published = check_published(body.published)
    if not body.text.strip():
        raise q.BadRequest("the text is empty")
    source = (body.source or "paste")[:300]
    doc = InputDocument(body.text, source=source, published=published, raw=body.raw, format=body.format)
    return summary(await ingest_request(request, state.ingester, [doc]))


@router.post("/upload", response_model=s.IngestResult, status_code=201, tags=["add"],
             responses={**add_errors, 415: {"model": s.ErrorResponse}},
             summary="Add articles from uploaded files (multipart field `files`: .txt, .html, .jsonl ...)")
async def api_upload(request: Request, state: State):
    writable(state)
    form = await read_form(request, state.config.max_upload_bytes)
    docs = await form_documents(form, max_documents=state.config.max_documents)
    return summary(await ingest_request(request, state.ingester, docs))
