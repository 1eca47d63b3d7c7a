"""The working state of one article as it flows through the stages.

A `Document` holds the body text, the article metadata, the single spaCy parse and
every stage's output. Stages declare the attributes they read and write by name; the
pipeline checks those names against the Document class itself (`stage_attributes`): a
name that is not a field or property of it is refused, and a stage may only read what is
there by then. Each attribute says when it is there:

- given: set when the document is made (`text`, `article`, `anchor`, `warnings`...);
- parse: the spaCy parse (`doc`) and the views built from it (`tokens`, `view`...),
  there for the stages after the parse;
- output: written by a stage (`entities`, `times`, ..., `language`), there for the
  stages after the one that writes it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, fields
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
from .parsetree import ParseTree, TreeToken

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# When an attribute is there for a stage to read (see the module's description).
GIVEN, PARSE, OUTPUT = "given", "parse", "output"
_OUTPUT = {"when": OUTPUT}


class _ParseView(cached_property):
    """A cached property built from the parse: there for the stages after the parse."""


class _StageOutput(property):
    """A property a stage sets: there for the stages after the one that writes it."""

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True)
class TokenTable:
    """Per-token attributes of one parse, index for index with `doc`."""
    objs: list[TreeToken]  # the Token objects themselves, created once (see `ParseTree`)
    text: list[str]
    lower: list[str]
    idx: list[int]
    is_punct: list[bool]
    is_space: list[bool]
    is_title: list[bool]
    is_stop: list[bool]
    lemma: list[str]  # lower-cased
    pos: list[str]
    tag: list[str]
    tree: ParseTree  # the walks between the objects, and the sentences

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        tree = ParseTree(doc)
        text, lower, lemma, pos, tag, _dep, _ent_type, idx, is_punct, is_space, is_title, is_stop = tree.columns
        return cls(objs=tree.tokens, tree=tree, text=text, lower=lower, idx=idx, is_punct=is_punct,
                   is_space=is_space, is_title=is_title, is_stop=is_stop, lemma=[w.lower() for w in lemma],
                   pos=pos, tag=tag)

    def __len__(self) -> int:
        return len(self.objs)

    def end_char(self, i: int) -> int:
        """Where token i ends in the text."""
        return self.idx[i] + len(self.text[i])


class DocView:
    """The parse as stages read it: `view[i]` is the same Token object every time (spaCy's
    `doc[i]` builds a new one at each call, the single largest cost of rule code over a
    parse), and so is every token a walk from it reaches (`head`, `children`, `sent`...:
    see `ParseTree`); `text`, `ents` and `sents` are built once; slices and everything else
    are the Doc's own."""

    __slots__ = ("_doc", "_table", "_tokens", "text", "_ents")

    def __init__(self, doc: Doc, table: TokenTable, text: str) -> None:
        self._doc = doc
        self._table = table
        self._tokens = table.objs
        self.text = text  # the Doc's text, which spaCy rebuilds from the tokens at every `doc.text`
        self._ents: tuple | None = None

    @property
    def ents(self) -> tuple:
        """The entity spans, built once (the stages never change the parse's entities)."""
        if self._ents is None:
            self._ents = tuple(self._doc.ents)
        return self._ents

    @property
    def sents(self):
        """The sentence spans (whose tokens are this view's), built once; an iterator, as
        spaCy's `doc.sents` is."""
        return iter(self._table.tree.sentences)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end-1, as `doc[start:end].text` gives it, without building a Span."""
        end = min(end, len(self._tokens))
        if end <= start:
            return ""
        return self.text[self._table.idx[start]:self._table.end_char(end - 1)]

    def __getitem__(self, key):
        if type(key) is int:
            return self._tokens[key]
        return self._doc[key]

    def __iter__(self):
        return iter(self._tokens)

    def __len__(self) -> int:
        return len(self._tokens)

    def __getattr__(self, name: str):
        return getattr(self._doc, name)

    @property
    def doc(self) -> Doc:
        return self._doc


def span_text(doc: Doc | DocView, start: int, end: int) -> str:
    """`doc[start:end].text` (0 <= start), without building a Span when `doc` is a DocView."""
    if type(doc) is DocView and start >= 0:
        return doc.span_text(start, end)
    return doc[start:end].text


@dataclass
class Document:
    text: str
    article: Article
    text_offset: int | None = None
    # Publication time: the anchor for "Monday", "last year"; None when unknown.
    anchor: date | datetime | None = None
    doc: Doc | None = field(default=None, metadata={"when": PARSE})

    entities: list[Entity] = field(default_factory=list, metadata=_OUTPUT)
    # token index -> entity id, for every token inside a mention (names, roles, pronouns):
    # it lets quotes and events name the entity a pronoun or role description refers to
    mentions: dict[int, str] = field(default_factory=dict, metadata=_OUTPUT)
    times: list[Time] = field(default_factory=list, metadata=_OUTPUT)
    places: list[Place] = field(default_factory=list, metadata=_OUTPUT)
    quotes: list[Quote] = field(default_factory=list, metadata=_OUTPUT)
    amounts: list[Amount] = field(default_factory=list, metadata=_OUTPUT)
    events: list[Event] = field(default_factory=list, metadata=_OUTPUT)
    main_event: str | None = field(default=None, metadata=_OUTPUT)  # the id of the event the article is mainly about
    warnings: list[Warning_] = field(default_factory=list)
    # Stage-private data shared forward (e.g. which sentence a time governs).
    scratch: dict[str, Any] = field(default_factory=dict)
    # `entity`'s index: the list it was built from, its length then, and id -> first entity
    _entity_index: tuple[list[Entity], int, dict[str, Entity]] | None = field(default=None, repr=False, compare=False)

    def _get_language(self) -> str | None:
        return self.article.language

    def _set_language(self, value: str | None) -> None:
        self.article.language = value

    language = _StageOutput(_get_language, _set_language,
                            doc="The article's language (`article.language`), which the metadata stage sets.")

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

    @_ParseView
    def tokens(self) -> TokenTable:
        """The parse's tokens as plain lists, read once: hot loops index these instead of
        asking spaCy for a new Token object (and its strings) at every step."""
        assert self.doc is not None
        return TokenTable.of(self.doc)

    @_ParseView
    def view(self) -> DocView:
        """The parse with one Token object per token (see `DocView`)."""
        assert self.doc is not None
        return DocView(self.doc, self.tokens, self.text)

    @_ParseView
    def token_sentence(self) -> list[int]:
        """The number of the sentence each token is in."""
        assert self.doc is not None
        out = [0] * len(self.doc)
        for k, sent in enumerate(self.view.sents):
            out[sent.start:sent.end] = [k] * (sent.end - sent.start)
        return out

    @_ParseView
    def sentence_starts(self) -> list[int]:
        assert self.doc is not None
        return [s.start_char for s in self.view.sents]

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)

    def entity(self, entity_id: str) -> Entity | None:
        """The first entity with this id, or None. Found by an index over `entities`, built again
        whenever the list is another or has another length (the stages replace or extend it;
        none swaps an item in place)."""
        entities = self.entities
        index = self._entity_index
        if index is None or index[0] is not entities or index[1] != len(entities):
            by_id: dict[str, Entity] = {}
            for e in entities:
                by_id.setdefault(e.id, e)
            index = self._entity_index = (entities, len(entities), by_id)
        return index[2].get(entity_id)

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
            main_event=self.main_event,
            warnings=self.warnings,
        )


def stage_attributes() -> dict[str, str]:
    """Every attribute of `Document` a stage may declare it reads or writes, and when it is
    there (GIVEN, PARSE or OUTPUT): the dataclass fields (by their `when` metadata) and the
    properties (`_ParseView`, `_StageOutput`, else given). Methods and private names are not
    attributes a stage declares."""
    out = {f.name: f.metadata.get("when", GIVEN) for f in fields(Document) if not f.name.startswith("_")}
    for name, value in vars(Document).items():
        if name.startswith("_") or name in out:
            continue
        if isinstance(value, _ParseView):
            out[name] = PARSE
        elif isinstance(value, _StageOutput):
            out[name] = OUTPUT
        elif isinstance(value, (property, cached_property)):
            out[name] = GIVEN
    return out
