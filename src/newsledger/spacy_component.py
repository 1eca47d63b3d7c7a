"""newsledger as a spaCy pipeline component.

    import spacy

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("newsledger")                   # after the parser and the entity recognizer
    doc = nlp(text)
    record = doc._.newsledger                     # a newsledger Record (or an ErrorRecord)
    doc = nlp(text, component_cfg={"newsledger": {"published": "2024-02-20"}})

The factory is registered with spaCy through the `spacy_factories` entry point, so
`add_pipe("newsledger")` works without importing newsledger first. The component runs
the newsledger stages on the Doc spaCy has made, without parsing it again: the Doc's text
is the article's body (no header is looked for), its parse and entities are the ones the
stages read. `published` (ISO date, from the call's `component_cfg` or the component's
config) anchors relative times ("on Monday"). A document newsledger cannot read gets an
`ErrorRecord` in `doc._.newsledger` (its `error.code` says why), as `extract_many` gives
one in place; with `raise_errors=True` the NewsledgerError is raised instead.

The pipeline needs a tagger, a dependency parser and NER before the component. The records
are those of `newsledger.extract(text, raw=True)` when the spaCy pipeline is the one
newsledger loads itself (`newsledger.nlp.load_spacy(name)`); another pipeline parses
differently, and the records follow its parse.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .config import Settings
from .errors import NewsledgerError
from .ingest import InputDocument
from .model import ErrorRecord, Record

EXTENSION = "newsledger"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


class NewsledgerComponent:
    """Sets `doc._.newsledger` to the record of the Doc (see the module's description)."""

    def __init__(self, nlp: Language, name: str, *, published: str | None = None,
                 raise_errors: bool = False) -> None:
        from .pipeline import Pipeline

        missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
        if missing:
            raise ValueError(f"the newsledger component needs {' and '.join(missing)} before it in the pipeline")
        self.nlp = nlp
        self.name = name
        self.published = published
        self.raise_errors = raise_errors
        # The stages, with this spaCy pipeline as the model: newsledger never loads another.
        self.pipeline = Pipeline(nlp=nlp, settings=Settings())
        self._warmed = False

    def __call__(self, doc: Doc, *, published: str | None = None, source: str | None = None) -> Doc:
        self._warm_up()
        published = published or self.published
        try:
            record: Record | ErrorRecord = self.pipeline.extract_parsed(doc, published=published, source=source)
        except NewsledgerError as exc:
            if self.raise_errors:
                raise
            record = ErrorRecord.for_input(InputDocument(doc.text, source=source), exc)
        doc._.set(EXTENSION, record)
        return doc

    def pipe(self, docs, *, batch_size: int = 128, **kwargs: Any):  # spaCy passes its batch_size
        for doc in docs:
            yield self(doc, **kwargs)

    def _warm_up(self) -> None:
        """Run a short text through the stages once (outside any document's time budget), parsed
        by the components before this one: the stages' data (gazetteer, dictionaries) loads there."""
        if self._warmed:
            return
        self._warmed = True
        from .pipeline import _WARM_UP

        timings = self.pipeline.timings.copy()
        parsed = self.nlp(_WARM_UP, disable=[self.name])
        with suppress(NewsledgerError):  # the outcome does not matter: only what got loaded
            self.pipeline.extract_parsed(parsed, source="warm-up")
        self.pipeline.timings = timings


@Language.factory(EXTENSION, default_config={"published": None, "raise_errors": False},
                  requires=["token.dep", "token.pos", "doc.ents", "doc.sents"], assigns=[f"doc._.{EXTENSION}"])
def make_newsledger(nlp: Language, name: str, published: str | None, raise_errors: bool) -> NewsledgerComponent:
    """The `newsledger` spaCy factory: `nlp.add_pipe("newsledger", config={"published": ...})`."""
    return NewsledgerComponent(nlp, name, published=published, raise_errors=raise_errors)


__all__ = ["EXTENSION", "NewsledgerComponent", "make_newsledger"]
