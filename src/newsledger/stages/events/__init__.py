"""Events stage: PLOVER events with actor, recipient, date, place, flags and evidence.

A first coder built on a trigger lexicon (data/plover_lexicon.tsv) and the
dependency parse:
- triggers are verbs and event nouns of the lexicon (a noun like "operation"
  only with a modifier that makes it military);
- the actor is the subject of the trigger verb (or of the light verb that
  governs a noun trigger: "Armenia launched aggression"), the agent of a passive,
  or a possessive ("Armenia's aggression"); the recipient is the object or the
  object of "against/on/to/with"; compound subjects give several actors;
- the date comes from the times stage's linking (`times.linking.event_date`),
  the place from the places stage's (`places.linking.event_place`);
- flags from tense, modals, negation and conditionals; `said_by` from quotes.
Events of one type with the same participants in nearby sentences are merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv
from ...document import Document
from ...model import Event, Span
from ..base import Stage
from ..places.linking import event_place
from ..times.linking import event_date

if TYPE_CHECKING:
    from spacy.tokens import Token

_LIGHT_VERBS = {"launch", "conduct", "carry", "hold", "make", "stage", "sign", "wage", "begin", "start",
                "mount", "organize", "organise", "lead", "undertake", "pay", "have", "reach", "conclude",
                "impose", "announce", "declare", "order", "give", "provide", "join", "take"}
_RECIPIENT_PREPS = {"against", "on", "to", "with", "into", "at", "toward", "towards", "from"}
_HYPOTHETICAL = {"if", "unless", "would", "could", "might", "may", "should"}
_FUTURE = {"will", "shall", "'ll"}
_MERGE_WINDOW_SENTENCES = 4


@dataclass(frozen=True)
class LexEntry:
    type: str
    mode: str | None
    light: bool
    requires: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], LexEntry]:
    out: dict[tuple[str, str], LexEntry] = {}
    for row in read_tsv("plover_lexicon.tsv"):
        out[(row["lemma"], row["pos"])] = LexEntry(
            row["type"], row["mode"] or None, row["light"] == "1",
            frozenset(x for x in (row.get("requires") or "").split("|") if x))
    return out


@dataclass
class _Candidate:
    trigger: Token
    entry: LexEntry
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    sentence: int = 0


class EventsStage(Stage):
    name = "events"
    reads = ("doc", "text", "anchor", "entities", "mentions", "times", "places", "quotes", "amounts")
    writes = ("events",)

    def __call__(self, document: Document) -> None:
        doc = document.doc
        assert doc is not None
        lex = lexicon()
        sents = list(doc.sents)
        sent_of = {t.i: k for k, s in enumerate(sents) for t in s}
        actor_types = {e.id for e in document.entities if e.type in ("PERSON", "ORG", "GPE", "NORP")}
        candidates: list[_Candidate] = []
        for token in doc:
            pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
            if pos is None:
                continue
            entry = lex.get((token.lemma_.lower(), pos)) or lex.get((token.lower_, pos))
            if entry is None or not self._requirements_met(token, entry):
                continue
            if token.i in document.mentions:
                continue  # a word inside a name ("the Second Punic War" is named, not narrated)
            cand = _Candidate(token, entry, sentence=sent_of[token.i])
            cand.actor, cand.recipient = self._participants(document, token, entry, actor_types)
            candidates.append(cand)
        events = self._merge(candidates)
        out: list[Event] = []
        for group in events:
            out.append(self._event(document, group, len(out) + 1, sents))
        document.events = out

    # --- triggers and participants -------------------------------------------------------

    @staticmethod
    def _requirements_met(token: Token, entry: LexEntry) -> bool:
        if not entry.requires:
            return True
        words = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
        words |= {t.lower_ for t in token.subtree if t.i < token.i}
        words.add(token.head.lemma_.lower())
        for w in list(words):
            words.update(w.split("-"))
        return bool(words & entry.requires)

    def _participants(self, document: Document, trigger: Token, entry: LexEntry,
                      actor_ids: set[str]) -> tuple[list[str], list[str]]:
        actors: list[str] = []
        recipients: list[str] = []
        verb = trigger
        if trigger.pos_ != "VERB":
            # noun trigger: possessive or compound actor, else the subject of its light verb
            for c in trigger.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod"):
                    actors += self._entities_in(document, c, actor_ids)
            head = trigger.head
            hops = 0
            while head.dep_ in ("conj", "appos", "pobj", "prep") and head.head is not head and hops < 3:
                head = head.head
                hops += 1
            if not actors and head.pos_ in ("VERB", "AUX") and (
                    head.lemma_.lower() in _LIGHT_VERBS or entry.light and trigger.dep_ in ("dobj", "nsubjpass", "attr")):
                verb = head
            else:
                verb = None
        if verb is not None:
            for c in verb.children:
                if c.dep_ in ("nsubj",):
                    actors += self._entities_in(document, c, actor_ids, with_conj=True)
                elif c.dep_ == "agent":
                    for p in c.children:
                        actors += self._entities_in(document, p, actor_ids, with_conj=True)
                elif c.dep_ in ("nsubjpass",) and verb is trigger or c.dep_ in ("dobj",) and c is not trigger:
                    recipients += self._entities_in(document, c, actor_ids, with_conj=True)
            if not actors and verb.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl") and verb.head is not verb:
                # "Armenia launched aggression ..., marking ..." / relative clauses: the head's subject
                for c in verb.head.children:
                    if c.dep_ == "nsubj":
                        actors += self._entities_in(document, c, actor_ids, with_conj=True)
                if verb.dep_ in ("relcl", "acl"):
                    actors += self._entities_in(document, verb.head, actor_ids)
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        recipients += self._entities_in(document, p, actor_ids, with_conj=True)
        if verb is not None and verb is not trigger:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            recipients += self._entities_in(document, p, actor_ids, with_conj=True)
        actors = list(dict.fromkeys(actors))
        recipients = [r for r in dict.fromkeys(recipients) if r not in actors]
        return actors, recipients

    @staticmethod
    def _entities_in(document: Document, head: Token, actor_ids: set[str], with_conj: bool = False) -> list[str]:
        """Entity ids named by the phrase headed by `head` (and its conjuncts)."""
        heads = [head]
        if with_conj:
            heads += [t for t in head.conjuncts]
        out: list[str] = []
        for h in heads:
            eid = document.mentions.get(h.i)
            if eid is None:
                # the phrase's first entity: "the Armed Forces of Türkiye" -> its head entity
                for t in h.subtree:
                    if t.i in document.mentions and (t.head == h or t == h or t.head.head == h):
                        eid = document.mentions[t.i]
                        break
            if eid is not None and eid in actor_ids and eid not in out:
                out.append(eid)
        return out

    # --- merging: one event per happening ---------------------------------------------------

    @staticmethod
    def _merge(candidates: list[_Candidate]) -> list[list[_Candidate]]:
        groups: list[list[_Candidate]] = []
        for c in candidates:
            target = None
            for g in reversed(groups):
                first = g[0]
                if first.entry.type != c.entry.type or c.sentence - g[-1].sentence > _MERGE_WINDOW_SENTENCES:
                    continue
                same_word = first.trigger.lemma_.lower() == c.trigger.lemma_.lower()
                shared = set(first.actor) & set(c.actor) if first.actor and c.actor else set()
                anaphoric = any(t.lower_ in ("this", "the", "that") for t in c.trigger.lefts) and same_word
                if shared or anaphoric or same_word and c.sentence == g[-1].sentence:
                    target = g
                    break
            if target is None:
                groups.append([c])
            else:
                target.append(c)
        return groups

    # --- one event ------------------------------------------------------------------------------

    def _event(self, document: Document, group: list[_Candidate], n: int, sents) -> Event:
        first = group[0]
        actors = list(dict.fromkeys(a for c in group for a in c.actor))
        recipients = [r for r in dict.fromkeys(r for c in group for r in c.recipient) if r not in actors]
        trigger_token = first.trigger
        sent = sents[first.sentence]
        evidence = document.span(sent.start_char, sent.end_char)
        evidence = _strip_span(document, evidence)
        triggers = [c.trigger for c in group]
        time, interval = event_date(document, triggers)
        place = event_place(document, triggers)
        said_by = None
        for q in document.quotes:
            if q.start <= trigger_token.idx < q.end:
                said_by = q.id
                break
        amounts = [i for i, a in enumerate(document.amounts)
                   if any(sents[c.sentence].start_char <= a.start < sents[c.sentence].end_char for c in group)]
        negated = any(c.dep_ == "neg" for c in trigger_token.children) or any(
            c.dep_ == "neg" for c in trigger_token.head.children if trigger_token.dep_ in ("dobj", "xcomp"))
        window = [t for t in sent]
        future = any(t.lower_ in _FUTURE for t in window if t.head == trigger_token or t.head == trigger_token.head)
        hypothetical = any(t.lower_ in _HYPOTHETICAL and (t.head == trigger_token or t.head == trigger_token.head) for t in window)
        historical = False
        if interval is not None and document.anchor is not None:
            anchor = document.anchor.date() if isinstance(document.anchor, datetime) else document.anchor
            historical = _interval_end(interval.end) < anchor - timedelta(days=365)
        confidence = 0.45 + (0.15 if actors else 0) + (0.1 if recipients else 0) + (0.1 if time else 0) \
            + (0.1 if trigger_token.pos_ == "VERB" else 0) - (0.1 if said_by else 0)
        mentions = []
        for c in group[1:]:
            s = sents[c.sentence]
            mentions.append(_strip_span(document, document.span(s.start_char, s.end_char)))
        return Event(
            id=f"V{n}", type=first.entry.type, mode=first.entry.mode, context=[],
            actor=actors, recipient=recipients, date=interval, place=place,
            historical=historical, future=future, hypothetical=hypothetical, negated=negated,
            said_by=said_by, amounts=amounts, trigger=document.token_span(trigger_token),
            evidence=evidence, confidence=round(min(max(confidence, 0.05), 0.95), 2),
            mentions=[m for m in mentions if m.start != evidence.start],
        )


def _interval_end(value: str) -> date:
    y = int(value[:4])
    if len(value) == 4:
        return date(y, 12, 31)
    m = int(value[5:7])
    if len(value) == 7:
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(y, m, int(value[8:10]))


def _strip_span(document: Document, span: Span) -> Span:
    start, end = span.start, span.end
    text = document.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return document.span(start, end)
