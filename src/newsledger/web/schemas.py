"""Response shapes of the HTTP API, for its OpenAPI description (`/api/openapi.json`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, create_model

from ..store.schema import EVENT_COLUMNS


class ErrorBody(BaseModel):
    code: str = Field(description="stable error code: bad_request, not_found, forbidden, bad_host, too_large, "
                                  "too_many_documents, unsupported_type, store_unavailable, or an ingest error code "
                                  "such as empty_input or binary_input")
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class Overview(BaseModel):
    articles: int
    events: int = Field(description="ledger events (reports of one happening grouped)")
    quotes: int
    actors: int = Field(description="canonical actors in the knowledge base")
    error_documents: int
    first_event_day: str | None
    last_event_day: str | None
    backend: str


class ArticleSummary(BaseModel):
    id: str = Field(description="sha256 of the body text (the record's article.id)")
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    n_entities: int
    n_places: int
    n_quotes: int
    n_events: int
    ingested_at: str


class ArticleList(BaseModel):
    total: int
    limit: int
    offset: int
    articles: list[ArticleSummary]


class Document(BaseModel):
    content_hash: str = Field(description="sha256 of the input bytes and the options that shape the record")
    status: str = Field(description="ok, or duplicate (same body text as an article stored before)")
    source: str | None
    input_id: str | None
    ingested_at: str


class ArticleDetail(BaseModel):
    article: ArticleSummary
    record: dict[str, Any] = Field(description="the newsledger/record@1 record as extracted: every span's text equals "
                                               "record.text[start:end]")
    documents: list[Document] = Field(description="provenance: the inputs that gave this article")
    ledger_events: dict[str, str] = Field(description="record event id -> the ledger event it is grouped into")


class Report(BaseModel):
    article: str
    title: str | None
    published: str | None
    source: str | None
    event: str = Field(description="the event's id inside the article's record")
    type: str
    date_start: str | None
    date_end: str | None
    place: str | None
    trigger: str
    evidence: str
    confidence: float | None


class Participant(BaseModel):
    role: str
    name: str
    country: str | None
    sector: str | None
    ident: str


_KINDS: dict[str, Any] = {"str": str | None, "int": int | None, "float": float | None, "bool": bool,
                          "date": date | None, "list": list[str | None]}

if TYPE_CHECKING:  # built from the schema's columns below; type checkers see plain models
    class EventRow(BaseModel): ...

    class EventDetail(EventRow):
        participants: list[Participant]
        reports: list[Report]
else:
    # The one event row of store/schema.py, column for column: the API cannot drift from the
    # CLI, the exports and Ledger.events().
    EventRow = create_model(
        "EventRow", __doc__="A ledger event as an event row (the columns of the README's event table).",
        **{c.name: (_KINDS[c.kind], Field(description=c.meaning)) for c in EVENT_COLUMNS})
    EventDetail = create_model(
        "EventDetail", __base__=EventRow,
        __doc__="A ledger event's row, its participants and every article report behind it.",
        participants=(list[Participant], Field(description="actors and recipients with their knowledge-base ident")),
        reports=(list[Report], Field(description="the article reports grouped into this event, earliest first")))


class EventList(BaseModel):
    events: list[EventRow]
    limit: int


class Period(BaseModel):
    period: str
    events: int
    reports: int


class Timeline(BaseModel):
    by: str
    periods: list[Period]
    dated_events: int
    events: list[EventRow] = Field(description="the first `limit` events of the range, by the day they happened")
    limit: int


class MapPlace(BaseModel):
    name: str | None
    country: str | None
    kind: str | None
    lat: float
    lon: float
    events: int
    reports: int
    first_day: str | None
    last_day: str | None


class MentionedPlace(BaseModel):
    name: str
    country: str | None
    kind: str
    lat: float
    lon: float
    articles: int


class MapData(BaseModel):
    places: list[MapPlace]
    n_places: int
    countries: dict[str, int] = Field(description="ISO alpha-3 -> events located in that country")


class MentionedPlaces(BaseModel):
    places: list[MentionedPlace] = Field(description="places the stored articles mention, most mentioned first")


class NetworkNode(BaseModel):
    id: str
    name: str
    country: str | None
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int
    quad: list[int] = Field(description="events per quad class 1..4")
    types: dict[str, int]
    goldstein: float | None = Field(description="mean Goldstein value of the edge's events")


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    n_edges: int = Field(description="edges before the max_edges cut")
    date_from: str | None
    date_to: str | None


class QuoteItem(BaseModel):
    article: str
    quote: str
    speaker: str | None
    speaker_country: str | None
    speaker_sector: str | None
    speaker_text: str | None
    kind: str
    text: str
    cue: str | None
    published: str | None
    title: str | None
    source: str | None
    start: int
    end: int


class QuoteList(BaseModel):
    total: int
    limit: int
    offset: int
    quotes: list[QuoteItem]


class PloverType(BaseModel):
    type: str
    cameo_root: str
    quad_class: int
    quad_name: str
    goldstein: float


class IngestText(BaseModel):
    text: str = Field(description="the article: plain text (a header with title, byline and date is looked for) or HTML")
    format: str = Field("text", description="text, html or auto")
    published: str | None = Field(None, description="publication date YYYY-MM-DD[THH:MM]; overrides the document")
    raw: bool = Field(False, description="the text is body text only: no header is looked for")
    source: str | None = Field(None, description="where the text came from (kept as the record's source)")


class IngestItem(BaseModel):
    source: str | None
    status: str = Field(description="stored, duplicate, skipped (already stored) or error")
    article: str | None = Field(description="the article id, to open it")
    events: int | None = None
    error: ErrorBody | None = None


class IngestResult(BaseModel):
    results: list[IngestItem]
    stored: int
    errors: int
