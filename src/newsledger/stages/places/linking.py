"""Which place an event happened in: a place in its clause, else in its sentence, else the
article's only place (never a guess among several).

`event_place` is what the events stage calls; the places stage owns the choice. Within a
clause or sentence a place introduced by a locative preposition ("in", "at", "near") wins,
then the nearest to the trigger; a country counts only when introduced so ("in Moldova"),
since a country elsewhere in a sentence is usually an actor ("Moldova signed ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ...document import Document
from ...geodesy import haversine_km

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...model import Span

LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "into", "within",
            "towards", "toward", "to", "from", "over", "on"}
_KIND_RANK = {"feature": 0, "city": 0, "region": 1, "continent": 3, "country": 2}


# Prepositions that say where only when they hang from the happening's verb ("fled from Lima",
# "marched to the square"); on a noun they say where a thing comes from or goes ("wine from
# Chile", "a road to the border").
_DIRECTIONAL = {"from", "to", "into", "towards", "toward", "over", "on"}


def _head_of(document: Document, mention: Span) -> Token | None:
    """The head word of a place mention's name ("the Tavush region" is one name)."""
    doc = document.view
    assert doc is not None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    while head.dep_ in ("compound", "amod", "conj", "appos") and head.head.i != head.i and \
            head.head.ent_type_ in ("GPE", "LOC", "FAC") and head.head.pos_ == "PROPN":
        head = head.head
    return head


def _phrase_top(head: Token) -> Token:
    """The word that heads the whole phrase a place name sits in ("the Tavush border region")."""
    while head.dep_ in ("compound", "amod", "conj", "appos") and head.head.i != head.i:
        head = head.head
    return head


def _locative(top: Token, verbs: frozenset[int] = frozenset()) -> bool:
    """Is the phrase (`top`: its head word) the object of a locative preposition ("in the Tavush
    region")? A directional one counts only on a verb (`verbs`: the happening's own words count too)."""
    if top.dep_ != "pobj" or top.head.lower_ not in LOCATIVE:
        return False
    prep = top.head
    return prep.lower_ not in _DIRECTIONAL or prep.head.pos_ in ("VERB", "AUX") or prep.head.i in verbs


def _modifier(head: Token) -> bool:
    """Does the place name (`head`: its head word) only say where a participant is from ("two
    Oregon builders", "a Lima man", "the Texas governor")? Then it does not say where the
    happening was."""
    return head.dep_ in ("compound", "amod", "nmod", "poss") and \
        head.head.pos_ in ("NOUN", "PROPN") and head.head.ent_type_ not in ("GPE", "LOC", "FAC")


def _on_verb(top: Token, trigger: Token) -> bool:
    """Does the preposition of the phrase (`top`: its head word) hang from the trigger or from
    the verb of its clause?"""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return top.dep_ == "pobj" and top.head.head.i in (trigger.i, verb.i)


def _here(trigger: Token) -> bool:
    """Does the adverb "here" modify the trigger or its verb ("was shot here", "the shooting
    of a man here")?"""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ not in ("nsubj", "nsubjpass"):
        verb = verb.head
    if any(c.lower_ == "here" and c.dep_ == "advmod" for c in verb.children):
        return True
    for t in trigger.subtree:  # inside the trigger's own phrase, not in a clause below it
        if t.lower_ == "here" and t.dep_ == "advmod":
            node = t.head
            while node.i != trigger.i and node.pos_ not in ("VERB", "AUX"):
                node = node.head
            if node.i == trigger.i:
                return True
    return False


def _clause(trigger: Token) -> tuple[int, int]:
    """Character bounds of the clause a trigger heads or sits in."""
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.left_edge.idx, head.right_edge.idx + len(head.right_edge)


def _best_in(document: Document, start: int, end: int, trigger: Token, statement: bool = False,
             other_event: Callable[[Token], bool] | None = None) -> str | None:
    """The place of the happening among the place mentions between `start` and `end`. For a
    statement only a place said of its own verb counts ("said in Moscow"): the places of what is
    said are not where it was said. `other_event`: whether a noun names a happening; a place said
    of another happening's noun is that happening's ("a rally for the victims of the war in X")."""
    best: tuple | None = None
    verbs = frozenset({trigger.i, trigger.head.i})
    for p in document.places:
        for m in p.mentions:
            if not (start <= m.start and m.end <= end):
                continue
            head = _head_of(document, m)  # (None when the parse has no tokens there: no evidence either way)
            top = _phrase_top(head) if head is not None else None
            locative = top is not None and _locative(top, verbs)
            if statement and not (locative and top is not None and _on_verb(top, trigger)):
                continue
            if locative and top is not None and other_event is not None:
                owner = top.head.head
                if owner.i != trigger.i and owner.pos_ == "NOUN" and other_event(owner):
                    continue
            modifier = head is not None and _modifier(head)
            if p.kind in ("country", "continent") and not locative or not locative and modifier:
                continue
            key = (not locative, _KIND_RANK.get(p.kind, 1), abs(m.start - trigger.idx))
            if best is None or key < best[0]:
                best = (key, p.id)
    return best[1] if best else None


def event_place(document: Document, triggers: Sequence[Token], local: bool = False,
                statement: bool = False,
                other_event: Callable[[Token], bool] | None = None) -> tuple[str | None, str | None]:
    """(place id, where it came from: "clause", "sentence" or "article") of the place an event
    with these trigger tokens happened in, or (None, None). The article's place stands in only
    when the article names a single town, region or feature and no other: when it names
    several, a guessed place would be a confident error. `local`: a happening on the ground (an
    attack, an arrest, a protest), which the dateline places when nothing nearer does.
    `statement`: a statement (an accusation, a demand, a denial...), placed only by a place said
    of its own verb ("said in Moscow"), never by the places it speaks of. `other_event`: see
    `_best_in`."""
    if not document.places:
        return None, None
    for trigger in triggers:
        if not statement and _here(trigger):
            # "the shooting of a man here": where the reporter is, the dateline's place
            here = dateline_place(document)
            if here is not None:
                return here, "clause"
        found = _best_in(document, *_clause(trigger), trigger, statement, other_event)
        if found:
            return found, "clause"
    for trigger in triggers:
        sent = trigger.sent
        found = _best_in(document, sent.start_char, sent.end_char, trigger, statement, other_event)
        if found:
            return found, "sentence"
    specific = [p for p in document.places if p.kind not in ("country", "continent")]
    if len(specific) == 1 and len(specific[0].mentions) >= 2:
        return specific[0].id, "article"
    local_place = _one_locality(document) if local else None
    if local_place is not None:
        return local_place, "article"
    if local:
        dateline = dateline_place(document)
        if dateline is not None:
            return dateline, "article"
    return None, None


# How far the towns and sites of an article may lie from its town for the article to be about one locality.
LOCALITY_KM = 40.0


def _one_locality(document: Document) -> str | None:
    """The town an article is about, when it is about one: the town it names most (at least
    twice, more than any other), with every other town or site it places within LOCALITY_KM of
    it (a city and its streets, neighbourhoods, hospitals). Found once per document."""
    key = "places.one_locality"
    if key not in document.scratch:
        document.scratch[key] = _find_one_locality(document)
    return document.scratch[key]


def _find_one_locality(document: Document) -> str | None:
    towns = [p for p in document.places if p.kind == "city" and p.lat is not None and p.lon is not None]
    if not towns:
        return None
    ranked = sorted(towns, key=lambda p: -len(p.mentions))
    top = ranked[0]
    if len(top.mentions) < 2 or (len(ranked) > 1 and len(ranked[1].mentions) >= len(top.mentions)):
        return None
    lat, lon = top.lat, top.lon
    assert lat is not None and lon is not None
    for p in document.places:
        if p is top or p.kind not in ("city", "feature") or p.lat is None or p.lon is None:
            continue
        if haversine_km(lat, lon, p.lat, p.lon) > LOCALITY_KM:
            return None
    return top.id


_DATELINE_END = re.compile(r"^\s*(?:,\s*[A-Z][A-Za-z.]{1,6}\.?\s*)?(?:\([A-Z][A-Za-z]{1,12}\)\s*)?[—–-]")


def dateline_place(document: Document) -> str | None:
    """The place of the article's dateline ("NAPLES, Fla. —", "CHARLOTTE - ", "LONDON (AP) —"):
    a place named in capitals, or followed by a dash, at the start of one of the first paragraphs.
    The reporter was there: a happening the article reports with no place of its own is placed there."""
    text = document.text
    starts = document.paragraph_starts[:3]
    for p in document.places:
        for m in p.mentions:
            if not any(0 <= m.start - s <= 2 for s in starts):
                continue
            after = text[m.end:m.end + 24]
            if m.text.isupper() and len(m.text) > 2 or _DATELINE_END.match(after):
                return p.id
    return None
