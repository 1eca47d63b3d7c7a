"""Which time expression dates an event: syntactic link first, then sentence, then paragraph.

`event_date` is what the events stage calls; the times stage owns how an event's
date interval is chosen from the expressions around its trigger words:

1. a time the parse attaches to a trigger ("attacked ... on Monday", "the attack on
   Monday", "the 2020 war"), or, for a noun trigger, to the verb that carries it
   ("the attack took place on Monday") — source "clause";
2. else the time nearest to a trigger in its sentence, unless it belongs to another clause's
   predicate or dates a report of it ("said Tuesday that") — source "sentence";
3. else, for a clause narrated in the simple past, the past time set by the sentence just before
   it in the same paragraph (the narration's time frame) — source "paragraph";
4. else the publication date — source "published". Other sentences' times never date an event:
   in news they most often date another happening.

Only times with a calendar value date an event (not durations, sets or "recently").
The interval keeps the precision of the value: "2020" is 2020..2020, "the third
quarter of 2023" 2023-07..2023-09, "the 1990s" 1990..1999, "last week" its Monday
to Sunday; the two ends of a range ("October 23 to 25") make one interval.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv
from ...document import Document
from ...model import DateInterval, DateSource, Time
from . import governing_verb, verb_tense

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|through|until|till|and|or)\s*$", re.I)
_RANGE_BEFORE = re.compile(r"\b(?:from|between)\s*$", re.I)


def value_interval(value: str, published: str | None = None) -> tuple[str, str] | None:
    """The ISO 8601 prefixes that bound a TimeML value, at its precision; None when it names no period."""
    if value == "PRESENT_REF":
        return (published[:10], published[:10]) if published else None
    m = re.fullmatch(r"(\d{4})(-\d\d(-\d\d(T\d\d(:\d\d)?)?)?)?", value)
    if m:
        try:  # an impossible day or month names no period
            date(int(value[:4]), int(value[5:7]) if m.group(2) else 1, int(value[8:10]) if m.group(3) else 1)
        except ValueError:
            return None
        return value, value
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(?:MO|AF|EV|NI|DT)", value)
    if m:
        return m.group(1), m.group(1)
    m = re.fullmatch(r"(\d{4})-W(\d\d)(-WE|-[1-7])?", value)
    if m:
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        suffix = m.group(3)
        if suffix == "-WE":
            return (monday + timedelta(days=5)).isoformat(), (monday + timedelta(days=6)).isoformat()
        if suffix:
            d = monday + timedelta(days=int(suffix[1:]) - 1)
            return d.isoformat(), d.isoformat()
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    m = re.fullmatch(r"(\d{4})-([QH])([1-4])", value)
    if m:
        year, n = int(m.group(1)), int(m.group(3))
        size = 3 if m.group(2) == "Q" else 6
        first = (n - 1) * size + 1
        if first > 12:
            return None
        return f"{year:04d}-{first:02d}", f"{year:04d}-{first + size - 1:02d}"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        year = int(m.group(1))
        lo, hi = _SEASON_MONTHS[m.group(2)]
        end_year, hi = (year + 1, hi - 12) if hi > 12 else (year, hi)
        return f"{year:04d}-{lo:02d}", f"{end_year:04d}-{hi:02d}"
    m = re.fullmatch(r"(\d{3})", value)  # a decade
    if m:
        return f"{m.group(1)}0", f"{m.group(1)}9"
    m = re.fullmatch(r"(\d{2})", value)  # a century
    if m:
        return f"{m.group(1)}00", f"{m.group(1)}99"
    return None


@lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"].lower() for r in read_tsv("speech_verbs.tsv"))


@dataclass(frozen=True)
class _Dating:
    """A time that dates, with what event dating asks of it, worked out once per document."""
    time: Time
    interval: tuple[str, str]
    governors: frozenset[int]  # token indices the time hangs from, up to the first verb
    head: int | None  # the last of them (the verb or noun that carries the time)
    reports: bool  # that head is a speech verb: the time dates a report ("said Tuesday that")


def _dating(document: Document) -> list[_Dating]:
    """The times that date, computed once per document: the events stage asks for every
    event mention."""
    cached = document.scratch.get("times.dating")
    if cached is not None and cached[0] is document.times and cached[1] == len(document.times):
        return cached[2]
    published = document.article.published
    speech = _speech_lemmas()
    out = []
    for t in document.times:
        if t.type not in ("DATE", "TIME"):
            continue
        interval = value_interval(t.value, published)
        if interval is not None:
            span = _time_span(document, t)
            chain = _find_governors(span)
            chain = _reported_clause_time(span, chain, speech) or chain
            # "a midnight curfew", "the March 4 poisoning": a time that describes a noun dates that
            # noun's happening only, not the verb that takes the noun as its object
            governors = chain[:1] if chain and _describes_noun(span) else chain
            out.append(_Dating(t, interval, frozenset(g.i for g in governors), chain[-1].i if chain else None,
                               bool(chain) and chain[-1].lemma_.lower() in speech))
    document.scratch["times.dating"] = (document.times, len(document.times), out)
    return out


def _time_span(document: Document, time: Time) -> SpacySpan | None:
    """The parse's tokens of a time expression, or None when the parse has none there."""
    doc = document.view
    assert doc is not None
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _describes_noun(span: SpacySpan | None) -> bool:
    """Is the time a modifier before a noun ("a midnight curfew", "the Monday deadline")?"""
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("amod", "compound", "nmod") and root.head.pos_ == "NOUN" and root.head.i >= span.end


def _reported_clause_time(span: SpacySpan | None, chain: list[Token],
                          speech: frozenset[str]) -> list[Token] | None:
    """"X pleaded guilty Thursday, the prosecutor announced": a time that closes a reported
    clause standing before its reporting verb is that clause's, even when the parse hangs it
    from the report. Returns the clause verb as the time's governor, or None."""
    if not chain or chain[-1].lemma_.lower() not in speech:
        return None
    report = chain[-1]
    if span is None or not span.end <= report.i:
        return None
    doc = span.doc
    for c in report.children:
        if c.dep_ == "ccomp" and c.right_edge.i + 1 == span.start and c.pos_ in ("VERB", "AUX"):
            following = doc[span.end] if span.end < len(doc) else None
            if following is not None and following.text in (",", "\u2014", "--", "-"):
                return [c]
    return None


def _find_governors(span: SpacySpan | None) -> list[Token]:
    """The tokens a time (`span`: its tokens) hangs from in the parse, up to and including the
    first verb."""
    if span is None:
        return []
    chain = []
    token = span.root
    for _ in range(10):
        if token.head is token:
            break
        token = token.head
        chain.append(token)
        if token.pos_ in ("VERB", "AUX") and not token.ent_type_:
            break  # (a name the tagger read as a verb, as a surname that is also a verb can be, is no verb)
    return chain


def event_date(document: Document, triggers: Sequence[Token]) -> tuple[Time | None, DateInterval | None]:
    """The time expression that dates an event with these trigger tokens, and its interval."""
    dated = _dating(document)
    if not dated or not triggers:
        return None, publication_interval(document)
    trigger_ids = {t.i for t in triggers}
    # 1. linked in the parse
    linked = [d for d in dated if not trigger_ids.isdisjoint(d.governors)]
    if not linked:
        carriers = {t.head.i for t in triggers if t.pos_ in ("NOUN", "PROPN") and t.head.pos_ in ("VERB", "AUX")}
        if carriers:
            linked = [d for d in dated if d.head in carriers]
    if linked:
        return _interval(document, linked, triggers, dated, "clause")
    # beyond the parse, leave out the time of a report ("said Tuesday that ...") and, for an
    # event still to come, dates already past
    dated = [d for d in dated if not (d.reports and d.head not in trigger_ids)]
    if _future(triggers) and document.article.published:
        today = document.article.published[:10]
        dated = [d for d in dated if d.interval[1][:10] >= today[:len(d.interval[1][:10])]]
    # 2. in the sentence, from no other clause's predicate
    for trigger in triggers:
        sent = trigger.sent
        here = [d for d in dated if sent.start_char <= d.time.start < sent.end_char
                and not _other_clause(d, trigger, trigger_ids, document.article.published)]
        if here:
            return _interval(document, here, [trigger], dated, "sentence")
    # 3. narration: a past-tense clause with no time of its own continues the time frame the
    # sentence just before it (in the same paragraph) set for a past happening ("In May 1995 ...
    # shelled ... During the counter-attack, forces retook ...")
    frame = _narrative_frame(document, triggers[0], dated)
    if frame is not None:
        return _interval(document, [frame], [triggers[0]], dated, "paragraph")
    return None, publication_interval(document)


def _narrative_frame(document: Document, trigger: Token, dated: list[_Dating]) -> _Dating | None:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    if verb is None or verb_tense(verb) != "past" or any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have") for c in verb.children):
        return None  # only the simple past narrates; "has expelled" is news of now
    sent = trigger.sent
    k = document.sentence_of(sent.start_char)
    if k == 0:
        return None
    prev_start = document.sentence_starts[k - 1]
    if document.paragraph_of(prev_start) != document.paragraph_of(sent.start_char):
        return None
    published = (document.article.published or "")[:10]
    if not published:
        return None
    try:
        month_before = (date.fromisoformat(published) - timedelta(days=31)).isoformat()
    except ValueError:
        return None
    # a frame of history (a month or more before publication), not of this week's news
    before = [d for d in dated if prev_start <= d.time.start < sent.start_char and not d.reports
              and _end_key(d.interval[1]) < month_before]
    return before[-1] if before else None


def _historical(published: str | None, d: _Dating) -> bool:
    if not published:
        return False
    try:
        month_before = (date.fromisoformat(published[:10]) - timedelta(days=31)).isoformat()
    except ValueError:
        return False
    return _end_key(d.interval[1]) < month_before


def _end_key(value: str) -> str:
    return (value + "9999-12-31"[len(value):])[:10]


def _other_clause(d: _Dating, trigger: Token, trigger_ids: set[int], published: str | None = None) -> bool:
    """Does the time hang from a verb that is neither a trigger nor one of its governors
    ("since winning ... on February 7", "which he signed in 2013")?"""
    if d.head is None:
        return False
    # up to the clause the trigger is in: a relative clause's happening is not dated by its main
    # clause ("services are tonight for a boy who was shot"), unless the main clause narrates
    # history (an interval ended a month or more before publication: "In 2021, X inaugurated
    # units, the personnel of which had been through courses")
    history = _historical(published, d)
    ancestors = set()
    for a in trigger.ancestors:
        ancestors.add(a.i)
        if a.dep_ in ("relcl", "acl") and a.pos_ in ("VERB", "AUX") and not history:
            break
    doc = trigger.doc
    head = doc[d.head]
    if head.i in trigger_ids or head.i in ancestors:
        return False
    phrase = trigger.head if trigger.dep_ == "compound" else trigger
    if head.dep_ in ("relcl", "acl") and head.head.i in (trigger.i, phrase.i):
        return False  # a clause describing the trigger noun: "the operation we conducted in May"
    return head.pos_ in ("VERB", "AUX") and not head.ent_type_


def _future(triggers: Sequence[Token]) -> bool:
    trigger = triggers[0]
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    return verb is not None and verb_tense(verb) == "future"


def _interval(document: Document, candidates: list[_Dating], triggers: Sequence[Token],
              dated: list[_Dating], source: DateSource) -> tuple[Time, DateInterval]:
    """The candidate nearest a trigger, widened to a range when it is one end of "X to Y"."""
    where = [tr.idx for tr in triggers]

    def distance(d: _Dating) -> int:
        return min(abs(d.time.start - w) for w in where)

    best = min(candidates, key=distance)
    time, (start, end) = best.time, best.interval
    i = next(k for k, d in enumerate(dated) if d.time.id == time.id)
    if i + 1 < len(dated) and _is_range(document.text, time, dated[i + 1].time) and dated[i + 1].interval[1] >= end:
        end = dated[i + 1].interval[1]
    elif i > 0 and _is_range(document.text, dated[i - 1].time, time) and dated[i - 1].interval[0] <= start:
        time, start = dated[i - 1].time, dated[i - 1].interval[0]
    return time, DateInterval(start=start, end=end, time=time.id, source=source)


def _is_range(text: str, first: Time, second: Time) -> bool:
    """"October 23 to 25", "from 1991 to 1994", "between May and July": two ends of one period."""
    gap = text[first.end:second.start]
    if not _RANGE_GAP.match(gap):
        return False
    return bool(re.search(r"[-–—]|\bto\b|through|until|till", gap, re.I)
                or _RANGE_BEFORE.search(text[max(0, first.start - 12):first.start]))


def publication_interval(document: Document) -> DateInterval | None:
    published = document.article.published
    if published and re.fullmatch(r"\d{4}-\d\d-\d\d", published[:10]):
        return DateInterval(start=published[:10], end=published[:10], time=None, source="published")
    return None
