"""Which time expression dates an event: syntactic link first, then sentence, then paragraph.

`event_date` is what the events stage calls; the times stage owns how an event's
date interval is chosen from the expressions around its trigger words. When nothing
dates an event, the publication date does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...document import Document
from ...model import DateInterval, Time, is_iso_prefix

if TYPE_CHECKING:
    from spacy.tokens import Token


def event_date(document: Document, triggers: Sequence[Token]) -> tuple[Time | None, DateInterval | None]:
    """The time expression that dates an event with these trigger tokens, and its interval."""
    dated = [t for t in document.times if t.type in ("DATE", "TIME") and is_iso_prefix(t.value)]
    if not dated:
        return None, publication_interval(document)
    # 1. linked in the parse: the time lies in the trigger's (or its governing verb's) subtree
    for trigger in triggers:
        for head in (trigger, trigger.head):
            lo = min(t.idx for t in head.subtree)
            hi = max(t.idx + len(t.text) for t in head.subtree)
            linked = [t for t in dated if lo <= t.start and t.end <= hi]
            if linked and (head.i == trigger.i or head.pos_ in ("VERB", "AUX")):
                return linked[0], interval_of(linked)
    # 2. in the sentence, 3. in the paragraph
    for trigger in triggers:
        sent = trigger.sent
        in_sentence = [t for t in dated if sent.start_char <= t.start < sent.end_char]
        if in_sentence:
            return in_sentence[0], interval_of(in_sentence)
    for trigger in triggers:
        p0, p1 = document.paragraph_bounds(document.paragraph_of(trigger.idx))
        in_paragraph = [t for t in dated if p0 <= t.start < p1]
        if in_paragraph:
            return in_paragraph[0], interval_of(in_paragraph[:1])
    return None, publication_interval(document)


def publication_interval(document: Document) -> DateInterval | None:
    published = document.article.published
    if published and is_iso_prefix(published[:10]):
        return DateInterval(start=published[:10], end=published[:10], time=None)
    return None


def interval_of(times: Sequence[Time]) -> DateInterval:
    first = times[0]
    # "October 23 to 25": two adjacent dates of a range make one interval
    if len(times) > 1 and times[1].start - first.end <= 5 and times[1].value >= first.value:
        return DateInterval(start=first.value[:10], end=times[1].value[:10], time=first.id)
    return DateInterval(start=first.value[:10], end=first.value[:10], time=first.id)
