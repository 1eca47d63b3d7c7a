"""Response shapes of the HTTP API, for its OpenAPI description (`/api/openapi.json`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


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


class EventPlace(BaseModel):
    name: str | None
    country: str | None
    kind: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None


class Event(BaseModel):
    key: str
    type: str = Field(description="PLOVER event type")
    mode: str | None
    context: list[str]
    date_start: str | None
    date_end: str | None
    day: str | None = Field(description="first day of the event's date, the day it is ordered and filtered by")
    place: EventPlace | None
    actors: list[str]
    actor_codes: list[str]
    recipients: list[str]
    recipient_codes: list[str]
    n_reports: int
    confidence: float | None
    negated: bool
    hypothetical: bool
    future: bool
    historical: bool
    trigger: str | None
    evidence: str | None
    source: str | None
    quad_class: int | None = Field(description="PLOVER quad class: 1 verbal cooperation, 2 material cooperation, "
                                               "3 verbal conflict, 4 material conflict")
    goldstein: float | None = Field(description="Goldstein value of the CAMEO root (-10 conflict .. +10 cooperation)")


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


class EventDetail(Event):
    n_mentions: int
    first_reported: str | None
    last_reported: str | None
    participants: list[Participant]
    reports: list[Report]


class EventList(BaseModel):
    events: list[Event]
    limit: int


class Period(BaseModel):
    period: str
    events: int
    reports: int


class Timeline(BaseModel):
    by: str
    periods: list[Period]
    dated_events: int
    events: list[Event] = Field(description="the first `limit` events of the range, by the day they happened")
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
