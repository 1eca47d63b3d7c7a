"""Which place an event happened in: a place in its clause or sentence, else the article's main place.

`event_place` is what the events stage calls; the places stage owns the choice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...document import Document

if TYPE_CHECKING:
    from spacy.tokens import Token


def event_place(document: Document, triggers: Sequence[Token]) -> str | None:
    """The id of the place an event with these trigger tokens happened in, or None."""
    for trigger in triggers:
        sent = trigger.sent
        for p in document.places:
            if p.kind != "country" and any(sent.start_char <= m.start < sent.end_char for m in p.mentions):
                return p.id
    return main_place(document)


def main_place(document: Document) -> str | None:
    if not document.places:
        return None
    counts = Counter({p.id: len(p.mentions) for p in document.places})
    return counts.most_common(1)[0][0]
