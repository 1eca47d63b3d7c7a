"""One run of the actors stage over one document: everything that belongs to this call.

The stage object holds only what every call shares and never changes (dictionaries, knowledge
layers, the gazetteer); an `ActorsRun` holds the document, its day and the countries it is
about, and the working data of the steps (`Mention`, `Group`). A new run is made for every
document, so threads extracting different documents through one pipeline share no state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from ...knowledge import ActorKnowledge, KnownActor, choose

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...document import Document
    from ...gazetteer import Gazetteer
    from .dictionaries import ActorDictionaries


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    source: str = "ner"  # ner | dict | knowledge | group | role | pronoun
    name: str | None = None  # canonical name when the source knows it
    capital: bool = False  # the span is a capital city's name
    dateline: bool = False  # "OSLO --": where the story was filed, never an actor

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Group:
    """The mentions merged into one entity, with what is known of it so far."""

    label: str
    key: tuple
    mentions: list[Mention] = field(default_factory=list)
    name: str = ""
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    name_tokens: frozenset[str] = frozenset()
    known: KnownActor | None = None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


@dataclass
class ActorsRun:
    document: Document
    dicts: ActorDictionaries
    knowledge: ActorKnowledge
    open_gazetteer: Callable[[], Gazetteer]
    day: date | None = None
    # countries the article's country names and demonyms point at (set once the candidates are known)
    focus: set[str] = field(default_factory=set)
    _early_focus: set[str] | None = None
    _gazetteer: Gazetteer | None = None

    @classmethod
    def start(cls, document: Document, dicts: ActorDictionaries, knowledge: ActorKnowledge,
              open_gazetteer: Callable[[], Gazetteer]) -> ActorsRun:
        assert document.doc is not None
        anchor = document.anchor
        day = anchor.date() if isinstance(anchor, datetime) else anchor
        return cls(document, dicts, knowledge, open_gazetteer, day)

    @property
    def doc(self) -> Doc:
        """The parse, one Token object per token (document.view: a DocView reads as the Doc it
        wraps, with the same indexing, iteration, slices, text, ents and sents)."""
        return cast("Doc", self.document.view)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = self.open_gazetteer()
        return self._gazetteer

    # --- knowledge -------------------------------------------------------------------------------

    def known(self, text: str, type_: str | None = None, full_name: str | None = None) -> KnownActor | None:
        """The actor the knowledge layers know by `text` on the article's day (see knowledge.choose)."""
        found = self.knowledge.lookup(text)
        if not found:
            return None
        return choose(found, self.day, type_=type_, full_name=full_name)

    def known_person_name(self, text: str) -> KnownActor | None:
        """A known person named by `text` in full (two words or more)."""
        if len(text.split()) < 2:
            return None
        return self.known(text, "PERSON", full_name=text)

    def is_capital(self, text: str) -> bool:
        return self.dicts.country_of_capital(text) is not None

    def focus_early(self) -> set[str]:
        """Countries the article names (before the full mention list exists)."""
        if self._early_focus is None:
            doc = self.doc
            codes = set()
            for t in doc:
                if t.is_title or t.is_upper:
                    code = self.dicts.country_of_name(t.text) or self.dicts.country_of_demonym(t.text)
                    if code:
                        codes.add(code)
            for ent in doc.ents:
                code = self.dicts.country_of_name(ent.text)
                if code:
                    codes.add(code)
            self._early_focus = codes
        return self._early_focus
