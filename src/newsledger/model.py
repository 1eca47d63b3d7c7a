"""The typed record (newsledger/record@1) and its invariants.

The record is a public interface (see CONTRACT.md): fields are only ever added.
`Record.problems()` lists every violated invariant; `Record.check()` raises on any.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import NewsledgerError, StageFailure

RECORD_SCHEMA = "newsledger/record@1"
ERROR_SCHEMA = "newsledger/error@1"

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PlaceKind = Literal["city", "region", "country", "continent", "feature"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Qualifier = Literal["exact", "approx", "at_least", "at_most", "over", "under"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# An ISO 8601 prefix: 2023, 2023-09, 2023-09-20, optionally with a time.
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, populate_by_name=True)


class Span(_Model):
    start: int
    end: int
    text: str


class Article(_Model):
    id: str = ""
    input_id: str | None = None
    source: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = "en"
    outlet: str | None = None
    caption: str | None = None
    url: str | None = None


class Entity(_Model):
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[Span] = Field(default_factory=list)
    # Additive fields: other names the entity goes by in this article.
    aliases: list[str] = Field(default_factory=list)


class Time(_Model):
    id: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    # Additive: "anchor" is the value the expression was resolved against.
    anchor: str | None = None


class Place(_Model):
    id: str
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    kind: PlaceKind = "city"
    mentions: list[Span] = Field(default_factory=list)


class Quote(_Model):
    id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    # Additive provenance for the speaker words and the cue.
    speaker_span: Span | None = None
    cue_span: Span | None = None


class Amount(_Model):
    start: int
    end: int
    text: str
    value: float | int
    unit: str | None = None
    qualifier: Qualifier = "exact"


DateSource = Literal["clause", "sentence", "paragraph", "published"]
PlaceSource = Literal["clause", "sentence", "article"]


class DateInterval(_Model):
    start: str
    end: str
    time: str | None = None
    # Additive: where the date came from (the event's clause, its sentence, its paragraph, or
    # the publication date when the text gives none).
    source: DateSource | None = None

    # Accessors (not part of the serialised record): the interval as dates.

    @property
    def first_day(self) -> date:
        """The first day the interval covers ('2023-09' -> 2023-09-01)."""
        return iso_first_day(self.start)

    @property
    def last_day(self) -> date:
        """The last day the interval covers ('2023-09' -> 2023-09-30)."""
        return iso_last_day(self.end)

    @property
    def precision(self) -> str:
        """day, month or year when start and end are the same date of that precision; else range."""
        if self.start != self.end:
            return "range"
        return {4: "year", 7: "month"}.get(len(self.start), "day")


class Mention(Span):
    """A further report of an event's happening: its sentence, and the word that reports it."""

    trigger: Span | None = None


class Event(_Model):
    id: str
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actor: list[str] = Field(default_factory=list)
    recipient: list[str] = Field(default_factory=list)
    date: DateInterval | None = None
    place: str | None = None
    # Additive: where the place came from (clause, sentence, or the article's main place).
    place_source: PlaceSource | None = None
    historical: bool = False
    future: bool = False
    hypothetical: bool = False
    negated: bool = False
    said_by: str | None = None
    amounts: list[int] = Field(default_factory=list)
    trigger: Span
    evidence: Span
    confidence: float = 0.5
    # Additive: every other span that describes the same happening, with its own trigger.
    mentions: list[Mention] = Field(default_factory=list)


class Warning_(_Model):  # noqa: N801 - `Warning` is the builtin exception
    code: str
    message: str


class Record(_Model):
    schema_: str = Field(default=RECORD_SCHEMA, alias="schema")
    article: Article
    text: str
    text_offset: int | None = None
    entities: list[Entity] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
    # Additive: the event the article is mainly about (its lead), or None.
    main_event: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    # Accessors (not part of the serialised record): follow the ids a field names.

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if the record has none)."""
        return _by_id(self.entities, entity_id, "entity")

    def place(self, place_id: str) -> Place:
        return _by_id(self.places, place_id, "place")

    def time(self, time_id: str) -> Time:
        return _by_id(self.times, time_id, "time")

    def quote(self, quote_id: str) -> Quote:
        return _by_id(self.quotes, quote_id, "quote")

    def event(self, event_id: str) -> Event:
        return _by_id(self.events, event_id, "event")

    def actors(self, event: Event) -> list[Entity]:
        """The entities `event.actor` names."""
        return [self.entity(i) for i in event.actor]

    def recipients(self, event: Event) -> list[Entity]:
        """The entities `event.recipient` names."""
        return [self.entity(i) for i in event.recipient]

    def event_place(self, event: Event) -> Place | None:
        return self.place(event.place) if event.place else None

    def event_amounts(self, event: Event) -> list[Amount]:
        return [self.amounts[i] for i in event.amounts]

    def speaker(self, quote: Quote) -> Entity | None:
        return self.entity(quote.speaker) if quote.speaker else None

    @property
    def published_date(self) -> date | None:
        """The article's publication day, if known."""
        return iso_first_day(self.article.published) if self.article.published else None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return cls.model_validate(data)

    def problems(self) -> list[str]:
        """Every violated invariant of the contract, as readable messages."""
        return list(_record_problems(self))

    def check(self) -> Record:
        problems = self.problems()
        if problems:
            raise ValueError("record violates its contract: " + "; ".join(problems[:10]))
        return self


class ErrorInfo(_Model):
    code: str
    message: str


class ErrorRecord(_Model):
    schema_: str = Field(default=ERROR_SCHEMA, alias="schema")
    input_id: str | None = None
    source: str | None = None
    error: ErrorInfo

    @classmethod
    def for_input(cls, item: Any, exc: BaseException) -> ErrorRecord:
        """The error record in place of input `item` (an `InputDocument`: its `input_id` and
        `source`), which failed with `exc`. A `NewsledgerError` gives its code and message;
        any other exception is a `stage_error` naming it (a bug, which costs this document
        only). An id or source that is not a string (JSON input may give a number or a
        list) is written as its string, so the record always validates."""
        if not isinstance(exc, NewsledgerError):
            exc = StageFailure(f"unexpected failure: {type(exc).__name__}: {exc}")
        return cls(input_id=_text_or_none(getattr(item, "input_id", None)),
                   source=_text_or_none(getattr(item, "source", None)),
                   error=ErrorInfo(code=exc.code, message=exc.message))

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)


def _text_or_none(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else str(value)


def is_iso_prefix(value: str) -> bool:
    return bool(_ISO_PREFIX.match(value))


def _by_id(items, item_id: str, kind: str):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"the record has no {kind} {item_id!r}")


def iso_first_day(value: str) -> date:
    """The first day of an ISO 8601 date or prefix ('2023' -> 2023-01-01); a time is dropped."""
    parts = value[:10].split("-")
    return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def iso_last_day(value: str) -> date:
    """The last day of an ISO 8601 date or prefix ('2023-02' -> 2023-02-28)."""
    parts = value[:10].split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 12
    day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def _span_problems(where: str, text: str, start: int, end: int, quoted: str):
    if not (0 <= start <= end <= len(text)):
        yield f"{where}: offsets [{start}, {end}) outside text of length {len(text)}"
    elif text[start:end] != quoted:
        yield f"{where}: text {quoted!r} != text[{start}:{end}] {text[start:end]!r}"


def _record_problems(rec: Record):
    text = rec.text
    ids: dict[str, str] = {}
    for kind, items in (("entity", rec.entities), ("time", rec.times), ("place", rec.places),
                        ("quote", rec.quotes), ("event", rec.events)):
        for item in items:
            if item.id in ids:
                yield f"duplicate id {item.id} ({ids[item.id]} and {kind})"
            ids[item.id] = kind
    entity_ids = {e.id for e in rec.entities}
    time_ids = {t.id for t in rec.times}
    place_ids = {p.id for p in rec.places}
    quote_ids = {q.id for q in rec.quotes}

    for e in rec.entities:
        for i, m in enumerate(e.mentions):
            yield from _span_problems(f"{e.id}.mentions[{i}]", text, m.start, m.end, m.text)
    for t in rec.times:
        yield from _span_problems(t.id, text, t.start, t.end, t.text)
    for p in rec.places:
        for i, m in enumerate(p.mentions):
            yield from _span_problems(f"{p.id}.mentions[{i}]", text, m.start, m.end, m.text)
    for q in rec.quotes:
        yield from _span_problems(q.id, text, q.start, q.end, q.text)
        for label, span in (("speaker_span", q.speaker_span), ("cue_span", q.cue_span)):
            if span is not None:
                yield from _span_problems(f"{q.id}.{label}", text, span.start, span.end, span.text)
        if q.speaker is not None and q.speaker not in entity_ids:
            yield f"{q.id}.speaker names missing entity {q.speaker}"
    for i, a in enumerate(rec.amounts):
        yield from _span_problems(f"amounts[{i}]", text, a.start, a.end, a.text)
    for v in rec.events:
        yield from _span_problems(f"{v.id}.trigger", text, v.trigger.start, v.trigger.end, v.trigger.text)
        yield from _span_problems(f"{v.id}.evidence", text, v.evidence.start, v.evidence.end, v.evidence.text)
        for i, m in enumerate(v.mentions):
            yield from _span_problems(f"{v.id}.mentions[{i}]", text, m.start, m.end, m.text)
            if m.trigger is not None:
                yield from _span_problems(f"{v.id}.mentions[{i}].trigger", text, m.trigger.start, m.trigger.end,
                                          m.trigger.text)
        for ref in (*v.actor, *v.recipient):
            if ref not in entity_ids:
                yield f"{v.id} names missing entity {ref}"
        if v.place is not None and v.place not in place_ids:
            yield f"{v.id}.place names missing place {v.place}"
        if v.said_by is not None and v.said_by not in quote_ids:
            yield f"{v.id}.said_by names missing quote {v.said_by}"
        for idx in v.amounts:
            if not 0 <= idx < len(rec.amounts):
                yield f"{v.id}.amounts names missing amount index {idx}"
        if v.date is not None:
            d = v.date
            if not (is_iso_prefix(d.start) and is_iso_prefix(d.end)):
                yield f"{v.id}.date is not an ISO 8601 prefix: {d.start!r}..{d.end!r}"
            elif _interval_bound(d.start, False) > _interval_bound(d.end, True):
                yield f"{v.id}.date starts after it ends: {d.start} > {d.end}"
            if d.time is not None and d.time not in time_ids:
                yield f"{v.id}.date.time names missing time {d.time}"
        if not 0.0 <= v.confidence <= 1.0:
            yield f"{v.id}.confidence {v.confidence} outside [0, 1]"
    if rec.main_event is not None and rec.main_event not in {v.id for v in rec.events}:
        yield f"main_event names missing event {rec.main_event}"
    if rec.text_offset is not None and rec.text_offset < 0:
        yield f"text_offset {rec.text_offset} is negative"


def _interval_bound(value: str, upper: bool) -> str:
    """Pad an ISO prefix to a comparable full timestamp (lowest or highest instant)."""
    lo = "0000-01-01T00:00:00"
    hi = "9999-12-31T23:59:59"
    return value + (hi if upper else lo)[len(value):]
