"""The working state of one article as it flows through the stages.

A `Document` holds the body text, the article metadata, the single spaCy parse and
every stage's output. Stages read and write its named fields (see `FIELDS`); the
pipeline checks that a stage only reads what an earlier stage wrote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .model import (
    Amount,
    Article,
    Entity,
    Event,
    Place,
    Quote,
    Record,
    Span,
    Time,
    Warning_,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Fields present before any stage runs.
BASE_FIELDS = ("text", "article", "anchor", "doc")
# Fields that stages write. `mentions` is the token -> entity map that lets quotes
# and events name the entity a pronoun or role description refers to.
STAGE_FIELDS = ("language", "entities", "mentions", "times", "places", "quotes", "amounts", "events")
FIELDS = BASE_FIELDS + STAGE_FIELDS

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


@dataclass
class Document:
    text: str
    article: Article
    text_offset: int | None = None
    # Publication time: the anchor for "Monday", "last year"; None when unknown.
    anchor: date | datetime | None = None
    doc: Doc | None = None

    entities: list[Entity] = field(default_factory=list)
    # token index -> entity id, for every token inside a mention (names, roles, pronouns)
    mentions: dict[int, str] = field(default_factory=dict)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    # Stage-private data shared forward (e.g. which sentence a time governs).
    scratch: dict[str, Any] = field(default_factory=dict)

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(Warning_(code=code, message=message))

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def token_span(self, tokens: SpacySpan | Token) -> Span:
        """A contract span for a spaCy token or span."""
        if hasattr(tokens, "idx"):  # Token
            return self.span(tokens.idx, tokens.idx + len(tokens.text))
        return self.span(tokens.start_char, tokens.end_char)

    # --- structure helpers shared by stages -------------------------------------------

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Offsets where paragraphs start. Blank lines separate paragraphs when the text
        has any; otherwise (one paragraph per line, as many feeds write) every line break."""
        sep = _BLANK_LINE if _BLANK_LINE.search(self.text) else _LINE_BREAK
        starts = [0] + [m.end() for m in sep.finditer(self.text) if m.end() < len(self.text)]
        return starts

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def paragraph_bounds(self, index: int) -> tuple[int, int]:
        starts = self.paragraph_starts
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return start, len(self.text[start:end].rstrip()) + start

    @cached_property
    def sentence_starts(self) -> list[int]:
        assert self.doc is not None
        return [s.start_char for s in self.doc.sents]

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_record(self) -> Record:
        return Record(
            article=self.article,
            text=self.text,
            text_offset=self.text_offset,
            entities=self.entities,
            times=self.times,
            places=self.places,
            quotes=self.quotes,
            amounts=self.amounts,
            events=self.events,
            warnings=self.warnings,
        )
