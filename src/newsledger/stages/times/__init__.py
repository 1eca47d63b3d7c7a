"""Times stage: TIMEX3 expressions found in the text and normalised against the publication date.

Detection is a grammar of regular expressions over the text (see `grammar.py`),
longest match first; normalisation (see `normalize.py`) turns each match into a
TimeML type and value. The direction of an underspecified date ("Monday",
"September") comes from the tense of its sentence: past in past-tense sentences,
future in future-tense ones, the nearest otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...document import Document
from ...model import Time
from ..base import Stage
from .grammar import find_expressions
from .normalize import Normalizer

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

_FUTURE_MODALS = {"will", "'ll", "shall"}


def sentence_tense(sent: SpacySpan, char: int | None = None) -> str:
    """'past', 'future' or 'present' for the clause around `char` (or the whole sentence)."""
    tokens = list(sent)
    if char is not None:
        # the verb that governs the expression, when the parse links them
        for t in tokens:
            if t.idx <= char < t.idx + len(t.text):
                head = t
                for _ in range(6):
                    if head.pos_ in ("VERB", "AUX") or head.head is head:
                        break
                    head = head.head
                if head.pos_ in ("VERB", "AUX"):
                    tokens = [head, *head.children]
                break
    for t in tokens:
        if t.lower_ in _FUTURE_MODALS:
            return "future"
        if t.lower_ == "going" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            return "future"
    for t in tokens:
        if t.tag_ in ("VBD",) or t.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in t.children):
            return "past"
    for t in tokens:
        if t.tag_ in ("VBD", "VBN"):
            return "past"
    return "present"


class TimesStage(Stage):
    name = "times"
    reads = ("doc", "text", "anchor")
    writes = ("times",)

    def __call__(self, document: Document) -> None:
        doc = document.doc
        assert doc is not None
        normalizer = Normalizer(document.anchor)
        times: list[Time] = []
        sents = list(doc.sents)
        for expr in find_expressions(document.text):
            sent = sents[document.sentence_of(expr.start)] if sents else None
            tense = sentence_tense(sent, expr.start) if sent is not None else "present"
            result = normalizer.normalize(expr, tense)
            if result is None:
                continue
            ttype, value = result
            times.append(Time(
                id=f"T{len(times) + 1}", start=expr.start, end=expr.end,
                text=document.text[expr.start:expr.end], type=ttype, value=value,
                anchor=normalizer.anchor_value,
            ))
        document.times = times
