"""Events stage: PLOVER events with actor, recipient, date, place, flags and evidence.

A coder built on a trigger lexicon (data/plover_lexicon.tsv) and the dependency parse,
in four steps:
1. `coder`: in each sentence, the words that instantiate a lexicon row, the events
   they wrap ("agreed to withdraw", "threatened to impose a curfew") and the PLOVER type,
   mode and flags the combination codes (the manual's rules: a future meeting is AGREE,
   a future retreat CONCEDE, a future attack a threat, a refusal REJECT with the refused
   thing as mode...); event nouns count only when the sentence says they happened;
2. `roles`: actor and recipient entities (the actors stage's entities via
   `document.mentions`) from the clause: subject/object, passive agent, possessor,
   compound and reciprocal participants, frames of giving/joining/withdrawing;
3. `merge`: mentions of one happening across sentences and paragraphs become one event;
4. here: the date (times stage's `event_date`, intervals of the parts combined), place
   (places stage's `event_place`), amounts, `said_by`, contexts, historical flag and a
   confidence from the evidence the coder had.
"""

from __future__ import annotations

import bisect
import json
import math
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from ...data import data_path
from ...document import Document
from ...ingest.debris import debris_ranges, in_debris
from ...model import DateInterval, Entity, Event, Mention, PlaceSource, Span
from ..base import Stage
from ..places.linking import event_place
from ..times.linking import event_date
from .coder import (
    ANAPHORIC_DETS,
    PRESUPPOSING_VERBS,
    Coded,
    Trigger,
    _clause_verb,
    apply_tense,
    compose,
    depth_of,
    find_triggers,
    is_negated,
    modality,
    noun_license,
    obligation,
)
from .factuality import (
    accidental,
    asserted,
    clause_verb,
    factuality,
    intervening,
    standing_position,
)
from .lexicon import LexEntry, cues, find_cues_at, lexicon
from .merge import MATERIAL_TYPES, Group, Part, PlaceKey, group_parts, kind_of
from .roles import Roles
from .statements import STATEMENT_TYPES, StatementCoder, as_coded

if TYPE_CHECKING:
    from spacy.tokens import Token

# Units of amounts that describe an event of a type (the amount may sit in a sentence of its own).
_AMOUNT_UNITS = {
    "ASSAULT": ("kill", "dead", "death", "wound", "injur", "casualt", "civilian", "people", "settlement", "village",
                "soldier", "fighter", "person", "missing"),
    "COOPERATE": ("personnel", "troop", "soldier", "servicem", "exercise", "participant"),
    "MOBILIZE": ("personnel", "troop", "soldier", "servicem", "reservist", "tank", "ship", "police"),
    "PROTEST": ("protester", "demonstrator", "people", "participant", "worker", "student"),
    "COERCE": ("people", "arrest", "detain", "person", "protester", "activist"),
    "AID": ("dollar", "$", "euro", "ton", "tonne", "aid"),
    "RETREAT": ("prisoner", "hostage", "troop", "soldier", "settlement"),
}
# Modes that the manual says add a context of the same name (COERCE cyber, misinformation).
_MODE_CONTEXT = {"cyber": ("cyber",), "misinformation": ("misinformation",), "unconventional": ("cbrn",)}


class EventsStage(Stage):
    name = "events"
    reads = ("doc", "text", "anchor", "entities", "mentions", "times", "places", "quotes", "amounts")
    # entities: participants the text names only by description ("provincial police", "protesters")
    writes = ("events", "main_event", "entities")

    def __call__(self, document: Document) -> None:
        doc = document.view
        assert doc is not None
        lex = lexicon()
        roles = Roles(document)
        sents = list(doc.sents)
        named = {i for i, eid in document.mentions.items()
                 if (e := document.entity(eid)) is not None and e.type != "PRON" and not _is_pronoun(doc[i])}
        named |= _time_tokens(document)  # "March 9" is a date, not a march
        dated = [(t.start, t.end) for t in document.times if t.type in ("DATE", "TIME")]
        habitual = [(t.start, t.end) for t in document.times if t.type == "SET"]
        parts: list[Part] = []
        debris = debris_ranges(document.text)
        for k, sent in enumerate(sents):
            if debris and in_debris(debris, sent.start_char + len(sent.text) - len(sent.text.lstrip())):
                continue  # page debris: a related headline, a call to subscribe or watch
            try:
                here = self._sentence_parts(document, roles, lex, named, k, sent, dated, habitual)
            except Exception as exc:  # noqa: BLE001 - one odd sentence must not cost the article its events
                document.warn("event_sentence_skipped",
                              f"events: sentence at {sent.start_char} skipped ({type(exc).__name__}: {exc})")
                continue
            parts += here
        # only what the text states as having happened (or as planned) is an event
        parts = [p for p in parts if asserted(p.status)]
        parts += self._statement_parts(document, parts)
        parts.sort(key=lambda p: (p.sentence, p.coded.trigger.i))
        keys = _side_keys(document)
        for e in roles.new_entities:  # participants named by description, with the kind of party they are
            keys[e.id] = frozenset({e.id, "described", f"role:{e.sector}", _kind_key(e)})
        groups = group_parts(parts, keys, frozenset(e.id for e in document.entities), _recent(document))
        self._inherit_parties(groups)
        events: list[Event] = []
        plural = frozenset(e.id for e in [*document.entities, *roles.new_entities]
                           if e.type in ("ORG", "NORP") and (e.name.lower().endswith("s") or e.sector == "IGO"))
        political = frozenset(e.id for e in [*document.entities, *roles.new_entities] if _political(e))
        for group in groups:
            event = self._event(document, group, len(events) + 1, sents)
            if _unsupported(event, plural, _is_passive(group), political) is None:
                events.append(event)
        document.events = events
        document.main_event = main_event(events)
        used = {x for v in events for x in (*v.actor, *v.recipient)}
        document.entities = document.entities + [e for e in roles.new_entities if e.id in used]
        # a pronoun the events resolved is a mention of the group it names (its provenance)
        by_id = {e.id: e for e in document.entities}
        for start, end, ids in roles.pronoun_links.values():
            for eid in ids:  # ("They" after "gunmen and suicide bombers": a mention of each)
                entity = by_id.get(eid)
                if eid in used and entity is not None and all(m.start != start for m in entity.mentions):
                    entity.mentions = sorted([*entity.mentions, document.span(start, end)], key=lambda m: m.start)

    def _sentence_parts(self, document: Document, roles: Roles, lex, named: set[int], k: int, sent,
                        dated, habitual) -> list[Part]:
        triggers = find_triggers(sent, lex, named, document.tokens)
        if not triggers:
            return []
        found_ids = {t.token.i for t in triggers}
        here = [p for p in (self._part(document, roles, coded, k, sent, dated, habitual, found_ids)
                            for coded in code_sentence(triggers, lex)
                            if not in_slogan(coded.top) and not _self_inflicted(coded))
                if p is not None]
        _sentence_fallback(here)
        _deadly_raids(here)
        return here

    # --- one mention -----------------------------------------------------------------------

    def _part(self, document: Document, roles: Roles, coded: Coded, k: int, sent, dated, habitual,
              found_ids: set[int]) -> Part | None:
        token = coded.top
        licensed = not coded.mention_only
        named = coded.chain[0]
        if licensed and named.entry.pos == "NOUN" and coded.licensed_by in ("verb", "noun"):
            # a relation noun ("support", "cooperation") is coded only with the verbs its row names
            row_verb = named.token.dep_ == "dobj" and named.token.head.lemma_.lower() in named.entry.requires
            why = "relation" if named.entry.light == 2 else "light" if row_verb else noun_license(
                named.token, dated, found_ids, roles.mentions)  # ("poured scorn on": the row's own verb)
            if why is None:
                licensed = False
            coded.licensed_by = why or "named"
        # habitual statements ("every year ... exercises are held") are patterns, not happenings
        if any(_governs_time(document, coded.trigger, a, b) for a, b in habitual):
            licensed = False
        _conditional_threat(coded)
        actor, recipient = roles.roles(coded)
        # "Y must do Z, X said": a demand by X on Y
        must = obligation(coded.trigger, coded.chain[0].token) if coded.chain[0].entry.control == "say" else None
        if must is not None:
            sayer = roles.subject_of(coded.chain[0].token)
            subjects = [c for c in must.children if c.dep_ == "nsubj"]
            doer = roles.entities_in(subjects[0]) if subjects else []
            # a doer the text names ("Iraq must ..."), not a generic one ("this country has to ...",
            # "every child should ...")
            named_doer = bool(subjects) and subjects[0].pos_ == "PROPN"
            if sayer and (doer and not set(sayer) & set(doer) or not doer and named_doer):
                from .coder import _request_mode  # the mode follows what is demanded

                coded.mode = _request_mode(coded)
                coded.type = "REQUEST"
                coded.trigger = coded.chain[0].token
                actor, recipient = sayer, doer
        coded.actor, coded.recipient = actor, recipient
        # a threat, demand, promise or agreement is dated when it was made ("on Monday threatened
        # to impose tariffs", "agreed to resume talks next month"); an act wrapped by a word that
        # does not change its type ("began to withdraw", "ordered an attack") by the act's own date
        speech_act = coded.composed and coded.type in _VERBAL and coded.trigger.i != coded.tokens[-1].i
        time, interval = event_date(document, [coded.trigger] if speech_act or not coded.composed
                                    else coded.tokens[-1:])
        strong = time is not None and sent.start_char <= time.start < sent.end_char and not _foreign(
            document, time.start, coded)
        first = coded.trigger
        anaphoric = first.pos_ in ("NOUN", "PROPN") and any(
            c.lower_ in ANAPHORIC_DETS and c.dep_ in ("det", "poss") for c in _phrase(first).children)
        quote = next((q.id for q in document.quotes if q.start <= coded.trigger.idx < q.end), None)
        status = _status(coded)
        return Part(coded=coded, sentence=k, paragraph=document.paragraph_of(token.idx), actor=actor,
                    recipient=recipient, interval=interval, time=time, strong_date=strong, licensed=licensed,
                    anaphoric=anaphoric, kind=kind_of(coded.trigger.lemma_.lower()),
                    object_lemma=_object_lemma(coded.trigger), quote=quote, status=status,
                    place=_clause_place(document, coded))

    def _statement_parts(self, document: Document, parts: list[Part]) -> list[Part]:
        """Statements typed by their content ("X said Y is a fraud"), where no lexicon word
        already codes the statement."""
        # statements a verb already codes ("accused", "called on"); a noun inside the content
        # ("a violation of the treaty") does not make the sentence a coded statement
        taken = {t.i for p in parts if p.licensed and p.coded.type in _VERBAL
                 and p.coded.trigger.pos_ in ("VERB", "AUX", "ADJ") for t in (*p.coded.tokens, p.coded.top)}
        out = []
        events = {t.i for p in parts for t in p.coded.tokens if p.coded.type not in _VERBAL}
        acts = {t.i for p in parts if p.coded.type in _MATERIAL for t in p.coded.tokens}
        for st in StatementCoder(document).statements(taken, events, acts):
            coded = as_coded(st)
            status = _status(coded)
            if not asserted(status):
                continue
            time, interval = event_date(document, [coded.top])
            sent = coded.trigger.sent
            strong = time is not None and sent.start_char <= time.start < sent.end_char
            k = document.sentence_of(coded.trigger.idx)
            out.append(Part(coded=coded, sentence=k, paragraph=document.paragraph_of(coded.trigger.idx),
                            actor=list(coded.actor), recipient=list(coded.recipient), interval=interval, time=time,
                            strong_date=strong, licensed=True, anaphoric=False, kind=st.type.lower(),
                            object_lemma=None, quote=st.quote, status=status))
        return out

    @staticmethod
    def _inherit_parties(groups: list[Group]) -> None:
        """"The war ended with a ceasefire": the ceasefire's parties are the war's."""
        by_token: dict[int, Group] = {}
        for g in groups:
            for p in g.parts:
                for t in p.coded.tokens:
                    by_token[t.i] = g
        from .coder import ended_with

        for g in groups:
            if g.actor or g.recipient:
                continue
            for p in g.parts:
                subject = None
                for t in p.coded.tokens:
                    subject = ended_with(t)
                    if subject is not None:
                        break
                if subject is None:
                    continue
                source = by_token.get(subject.i)
                if source is not None and source is not g:
                    p.actor = sorted(source.actor | source.recipient, key=lambda x: int(x[1:]) if x[1:].isdigit() else 0)
                    break

    # --- one event ----------------------------------------------------------------------------

    def _event(self, document: Document, group: Group, n: int, sents) -> Event:
        parts = group.parts
        licensed = [p for p in parts if p.licensed] or parts
        main = min(licensed, key=_representative_rank)  # the mention that states it best
        coded = main.coded
        visit_parts = [p for p in parts if p.coded.mode == "visit" and p.actor]
        if visit_parts:
            actors = list(dict.fromkeys(a for p in visit_parts for a in p.actor))
            others = [a for p in parts for a in (*p.actor, *p.recipient) if a not in actors]
            recipients = list(dict.fromkeys([r for p in visit_parts for r in p.recipient] + others))
        else:
            actors = list(dict.fromkeys(a for p in parts for a in p.actor))
            recipients = [r for r in dict.fromkeys(r for p in parts for r in p.recipient) if r not in actors]
        mode = next((p.coded.mode for p in licensed if p.coded.mode), None)
        if mode is None:
            mode = _mode_from_cues(document, group.type, [i for p in parts for i in _sentence_range(p.coded.trigger)])
        # date: the parts' own dates combined; else what the first mention was given
        strong = [(p, p.interval) for p in parts if p.strong_date and p.interval is not None]
        # the act's own dates before its outcome's ("shot on Nov. 2 ... died Nov. 20")
        acts = [(p, iv) for p, iv in strong if p.coded.trigger.lemma_.lower() not in _OUTCOMES]
        strong = acts or strong
        # a date that contains another ("this year" and "Nov. 2") says less of the same happening
        strong = [(p, iv) for p, iv in strong if not any(
            q is not p and _start_key(iv.start) <= _start_key(qv.start) and _end_key(qv.end) <= _end_key(iv.end)
            and (iv.start, iv.end) != (qv.start, qv.end) for q, qv in strong)]
        # what is left is one date, or days that do not contain each other: their span
        interval: DateInterval | None
        if strong:
            first, fv = strong[0]
            interval = DateInterval(start=min((iv.start for _, iv in strong), key=_start_key),
                                    end=max((iv.end for _, iv in strong), key=_end_key),
                                    time=first.time.id if first.time else None, source=fv.source)
            if _end_key(interval.end) < _start_key(interval.start):
                interval = fv
        else:
            interval = main.interval
        triggers = [p.coded.trigger for p in parts]
        place, place_source = event_place(document, [main.coded.trigger] + [t for t in triggers
                                                                          if t is not main.coded.trigger],
                                          local=group.type in _ON_THE_GROUND,
                                          statement=group.type in _STATEMENT_TYPES,
                                          other_event=_names_happening)
        said_by = main.quote if all(p.quote for p in parts) else None
        sentence_ids = sorted({p.sentence for p in parts})
        evidence = _strip(document, document.span(sents[main.sentence].start_char, sents[main.sentence].end_char))
        # every other report of the happening with its own trigger (several in one sentence:
        # "bombs exploded ..., killing three" is two reports of one attack)
        mentions = []
        seen_triggers = {coded.trigger.i}
        for q in sorted(parts, key=lambda p: p.coded.trigger.i):
            if q.coded.trigger.i in seen_triggers:
                continue
            seen_triggers.add(q.coded.trigger.i)
            span = _strip(document, document.span(sents[q.sentence].start_char, sents[q.sentence].end_char))
            mentions.append(Mention(start=span.start, end=span.end, text=span.text,
                                    trigger=document.token_span(q.coded.trigger)))
        amounts = self._amounts(document, group, sents)
        contexts = find_cues_at(document.tokens, (i for k in sentence_ids for i in range(sents[k].start, sents[k].end)),
                                cues().contexts)
        for implied in _MODE_CONTEXT.get(mode or "", ()):  # manual: these modes add their context
            if implied not in contexts:
                contexts.append(implied)
        future = coded.future and all(p.coded.future for p in licensed)
        hypothetical = coded.hypothetical and all(p.coded.hypothetical for p in licensed)
        negated = coded.negated and all(p.coded.negated for p in licensed)
        historical = False
        if interval is not None and document.anchor is not None:
            anchor = document.anchor.date() if isinstance(document.anchor, datetime) else document.anchor
            historical = _end_key(interval.end) < (anchor - timedelta(days=365)).isoformat()
            if not future and _start_key(interval.start) > anchor.isoformat() and strong:
                future = True
        return Event(
            id=f"V{n}", type=group.type, mode=mode, context=contexts,
            actor=actors, recipient=recipients, date=interval, place=place, place_source=cast("PlaceSource | None", place_source),
            historical=historical, future=future, hypothetical=hypothetical, negated=negated,
            said_by=said_by, amounts=amounts, trigger=document.token_span(coded.trigger),
            evidence=evidence, confidence=confidence(group, main, actors, recipients, said_by),
            mentions=mentions,
        )

    @staticmethod
    def _amounts(document: Document, group: Group, sents) -> list[int]:
        own = {p.sentence for p in group.parts}
        paragraphs = {p.paragraph for p in group.parts}
        units = _AMOUNT_UNITS.get(group.type, ())
        out = []
        for i, a in enumerate(document.amounts):
            k = document.sentence_of(a.start)
            if k in own or document.paragraph_of(a.start) in paragraphs and a.unit and any(u in a.unit.lower() for u in units):
                out.append(i)
        return out


_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "POL"})


def _kind_key(e: Entity) -> str:
    """One person or a body of people: a description of one ("the lawmaker") fits only a person."""
    return "kind:person" if e.type == "PERSON" else "kind:group"


def _side_keys(document: Document) -> dict[str, frozenset[str]]:
    """Each entity's id and, for a state or one of its organs, its country: "Peru", "the
    Peruvian government" and "Lima" (as a government) name one side."""
    out = {}
    for e in document.entities:
        k = {e.id}
        if e.country and (e.type in ("GPE", "NORP") or e.sector in _STATE_SECTORS):
            k.add("country:" + e.country)
        if e.sector:
            k.add(f"role:{e.sector}")
        k.add(_kind_key(e))
        out[e.id] = frozenset(k)
    return out


# Words for what an attack left (its outcome), not for the act.
_OUTCOMES = frozenset({"kill", "wound", "injure", "die", "dead", "death", "casualty", "hurt", "leave"})
# Happenings on the ground, placed by the dateline when nothing nearer places them.
_ON_THE_GROUND = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
_MATERIAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE", "AID", "RETREAT", "COOPERATE"})
_JUDICIAL_MODES = frozenset({"allege", "investigate", "convict", "arrest", "release", "access"})
# Types of what someone says: placed only where it was said.
_STATEMENT_TYPES = STATEMENT_TYPES | {"THREATEN"}
_VERBAL = frozenset({"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "THREATEN", "AGREE", "CONCEDE"})
# Types that are statements or agreements: they exist only as the act of someone the text names.
_NEEDS_ACTOR = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE",
                          "REJECT", "THREATEN", "SANCTION", "RETREAT", "MOBILIZE"})


# Sectors whose members' meetings and visits are political consultations (PLOVER CONSULT is
# between political actors: a witness talking with detectives, deputies arriving at a scene,
# a man arriving home are none).
_POLITICAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "PTY", "OPP", "IGO", "REB", "NGO", "POL", "REL", "LAB",
                                "BUS", "ELI", "MED", "EDU", "AGR", "PRM"})


def _political(e: Entity) -> bool:
    """Is the entity a political actor: a state or nation, an organisation, or someone whose
    sector or role the text gives? (A plain name with no role, or a civilian, is not known to be.)"""
    return e.type in ("GPE", "NORP") or e.type == "ORG" and e.sector not in ("CVL", "UNK", "CRM", "COP", "UAF") or \
        e.sector in _POLITICAL_SECTORS or e.type == "PERSON" and bool(e.role)


def _unsupported(event: Event, groups: frozenset[str] = frozenset(), passive: bool = False,
                 political: frozenset[str] | None = None) -> str | None:
    """Why an event the coder found is not worth a ledger entry, or None. Precision first: a
    statement or agreement with nobody the text names as its author is not an event one can check;
    a consultation takes two sides (a private visit to one's father is none), or a group that
    meets among itself (`groups`: entities that name several parties: "ministers", "envoys from
    India and Pakistan", an alliance)."""
    if event.type in _NEEDS_ACTOR and not event.actor and not (
            passive and (event.recipient or event.type in ("CONCEDE", "RETREAT")) and (
                event.mode in _JUDICIAL_MODES or event.mode is None and event.type in ("CONCEDE", "RETREAT"))):
        # (a charge, sentence, arrest or release in the passive names whom it concerns, and the
        # court or prosecutor is implicit: "was sentenced to 20 years", "charges were dropped")
        return "no_actor"
    if event.type == "CONSULT" and len(set(event.actor) | set(event.recipient)) < 2 and not (
            event.actor and event.actor[0] in groups):
        return "one_sided"
    if event.type == "CONSULT" and political is not None and not (set(event.actor) | set(event.recipient)) & political:
        return "not_political"  # ("deputies arrived at the house", "she talked with investigators")
    if event.type == "CONSULT" and event.mode == "visit" and political is not None and event.actor and \
            not set(event.actor) & political:
        return "not_political"  # a visit is a political actor's: not anyone arriving in a town
    return None


def _recent(document: Document) -> DateInterval | None:
    """The two weeks up to the publication day."""
    if document.anchor is None:
        return None
    day = document.anchor.date() if isinstance(document.anchor, datetime) else document.anchor
    return DateInterval(start=(day - timedelta(days=14)).isoformat(), end=day.isoformat())


def _is_passive(group: Group) -> bool:
    """Is the event stated in the passive voice ("was charged with", "were arrested")?"""
    for p in group.parts:
        for word in (p.coded.top, p.coded.trigger):
            verb = word
            for _ in range(3):
                if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                    break
                verb = verb.head
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
                return True
    return False


def _time_tokens(document: Document) -> set[int]:
    """Indices of the tokens inside time expressions."""
    table = document.tokens
    out: set[int] = set()
    for t in document.times:
        k = bisect.bisect_left(table.idx, t.start)
        while k < len(table.idx) and table.idx[k] < t.end:
            out.add(k)
            k += 1
    return out


MAIN_EVENT_MIN_CONFIDENCE = 0.35


def main_event(events: list[Event]) -> str | None:
    """The event the article is mainly about: the one its lead reports, i.e. whose first report
    (its trigger or the trigger of any later mention) comes earliest in the text; among events
    reported in the same sentence, the surest. Events the coder is very unsure of (confidence
    below MAIN_EVENT_MIN_CONFIDENCE) stand for the article only when there is nothing else: a
    lead's event is often coded with middling confidence (a noun, no named actor yet), and a
    surer event later in the article is rarely what the article is about."""
    if not events:
        return None
    sure = [v for v in events if v.confidence >= MAIN_EVENT_MIN_CONFIDENCE] or events

    def first(v: Event) -> int:
        starts = [v.trigger.start] + [m.trigger.start for m in v.mentions if m.trigger is not None]
        return min(starts)

    def sentence(v: Event) -> int:
        spans = [v.evidence] + list(v.mentions)
        return min(s.start for s in spans if s.start <= first(v) < s.end) if any(
            s.start <= first(v) < s.end for s in spans) else first(v)

    return min(sure, key=lambda v: (sentence(v), -v.confidence, first(v))).id


def _representative_rank(p: Part) -> tuple:
    """Which mention of a happening stands for it: one that states it (a verb, not a noun that
    refers back), names who acted and on whom, then the earliest."""
    c = p.coded
    outcome = c.trigger.lemma_.lower() in _OUTCOMES  # "attacked ..., killing three": the attack states it
    return (p.anaphoric or c.mention_only, not p.actor, c.trigger.pos_ != "VERB" and not c.composed,
            outcome, not p.recipient, p.sentence, c.trigger.i)


# A coercive act stated as the consequence of a condition ("we may halt the talks if ...", "will
# strike unless ...") is a threat of that act (PLOVER THREATEN, mode by the act threatened).
_THREAT_MODES = {("ASSAULT", None): "violence", ("MOBILIZE", None): "violence", ("COERCE", "arrest"): "arrest",
                 ("COERCE", None): "restrict", ("SANCTION", "expel"): "expel", ("SANCTION", None): "relations"}


def _conditional_threat(coded: Coded) -> None:
    if not (coded.hypothetical or coded.future) or coded.negated:
        return
    mode = _THREAT_MODES.get((coded.type, coded.mode)) or _THREAT_MODES.get((coded.type, None))
    if mode is None:
        return
    verb = _clause_verb(coded.top)
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return  # the condition itself ("if they attack") is no threat
    if not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in verb.children):
        return
    coded.type, coded.mode = "THREATEN", mode
    coded.hypothetical = coded.future = False


def _status(coded: Coded) -> str:
    """The factuality of a coded mention: the coder's own flags (a modal or a negation in the
    event's clause) first, then the walk up the parse from the highest word of its chain."""
    if coded.hypothetical:
        return "hypothetical"
    if coded.negated:
        return "negated"
    if accidental(coded.trigger) and coded.mode != "firearms":
        return "accident"  # (a gun that "went off accidentally" was in someone's hands)
    if coded.trigger is not coded.top and standing_position(clause_verb(coded.trigger)):
        return "generic"  # "said the governor has long called for ...": the wrapped clause's own aspect
    stop = {t.i for t in coded.tokens if t.i != coded.top.i}
    if coded.trigger is not coded.top:
        between = intervening(coded.tokens[-1], coded.top, stop | {coded.top.i})
        if between is not None:
            return between
    status, _why = factuality(coded.top, stop)
    return status


_CASUALTY_WORDS = frozenset({"dead", "killed", "wounded", "injured", "hurt"})


def _deadly_raids(parts: list[Part]) -> None:
    """A raid or search that kills or wounds is an attack: "raided the village and killed five",
    "a raid ... left two men dead" are one ASSAULT (PLOVER), not a seizure beside it."""
    for p in parts:
        c = p.coded
        if c.type != "COERCE" or c.mode != "seize":
            continue
        killed = any(q is not p and q.coded.type == "ASSAULT" and q.licensed
                     and (not q.actor or not p.actor or set(q.actor) & set(p.actor)) for q in parts)
        verb = c.trigger.head if c.trigger.pos_ == "NOUN" else None
        left = verb is not None and verb.lemma_.lower() == "leave" and c.trigger.dep_ == "nsubj" and any(
            x.lower_ in _CASUALTY_WORDS for ch in verb.children if ch.dep_ in ("dobj", "oprd", "xcomp", "ccomp")
            for x in ch.subtree)
        if killed or left:
            c.type, c.mode = "ASSAULT", None


def _sentence_fallback(parts: list[Part]) -> None:
    """A sentence whose only candidates are event nouns without a licence ("a bomb attack in
    the market", a headline) still reports the happening its main noun names: the noun
    nearest the root is kept, with a lower confidence. Definite nouns that refer back to an
    event, habitual statements and relation nouns are never promoted."""
    if any(p.licensed for p in parts):
        return
    candidates = [p for p in parts if p.coded.licensed_by == "named" and not p.anaphoric
                  and not p.coded.mention_only and p.coded.chain[0].entry.light == 1]
    if candidates:
        best = min(candidates, key=lambda p: (p.coded.depth, p.coded.trigger.i))
        verbal = best.coded.trigger.sent.root.pos_ in ("VERB", "AUX")
        if verbal and best.coded.depth > 2:
            return  # deep in a clause ("a violation of the treaty"): a reference, not the news
        best.licensed = True
        best.coded.licensed_by = "fallback"


def code_sentence(triggers: list[Trigger], lex) -> list[Coded]:
    """The coded events of one sentence: each chain of wrapping words and the event they wrap."""
    out: list[Coded] = []
    for top in triggers:
        if top.wrapper is not None:
            continue
        chain = [top]
        while chain[-1].embedded is not None and len(chain) < 6:
            chain.append(chain[-1].embedded)
        # wrapping words with no event inside code their own type, if they have one
        while chain and chain[-1].entry.type is None:
            chain.pop()
        if not chain and top.entry.control == "allow" and is_negated(top.token):
            chain = [Trigger(top.token, _REFUSAL)]  # "would not allow the flotilla to reach the coast"
        if not chain:
            continue
        if chain[0].entry.control == "threat" and chain[0].token.lemma_.lower() == "warn" and \
                _warns_of_others(chain[0].token):
            continue  # "warned that visitors could face checks": a statement, not a threat
        inner = chain[-1]
        if inner.entry.needs_event or inner.entry.pos == "ADJ":
            continue
        coded = base_coded(inner, lex)
        if inner.entry is _REFUSAL:  # the negation is the refusal itself
            coded.negated = coded.future = coded.hypothetical = False
        coded.depth = depth_of(top.token)
        for w in reversed(chain[:-1]):
            coded = compose(w, coded)
            if w.entry.control not in ("say", "begin", "try", "plan", "fail"):
                f, h, _n = modality(w.token)
                coded.future = coded.future or f
                coded.hypothetical = coded.hypothetical or h
            coded = apply_tense(coded)
        coded.top = top.token
        coded.depth = depth_of(top.token)
        coded.mention_only = top.mention_only
        if coded.type is None:
            continue
        out.append(coded)
        if len(chain) > 1 and top.entry.control == "accuse" and top.token.lemma_.lower() in PRESUPPOSING_VERBS \
                and inner.entry.type in ("ASSAULT", "COERCE", "PROTEST"):
            # "police are investigating a shooting": the inquiry, and the shooting it takes as fact
            out.append(base_coded(inner, lex))
    return _within_sentence(out)


def _within_sentence(coded: list[Coded]) -> list[Coded]:
    """Manual rules between the events of one sentence: acts done "in" an attack or a campaign
    are part of it ("expelled in an ethnic cleansing campaign"); force moves reported with
    the use of force are not coded apart (MOBILIZE in the context of an ASSAULT)."""
    by_token = {t.i: c for c in coded for t in c.tokens}
    for c in coded:
        for prep in c.trigger.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "amid"):
                continue
            for p in prep.children:
                host = by_token.get(p.i) or next((by_token.get(x.i) for x in p.children if x.dep_ == "compound"
                                                  and x.i in by_token), None)
                if host is not None and host is not c and host.type == "ASSAULT" and c.type != "ASSAULT":
                    c.type, c.mode = "ASSAULT", host.mode
    # manual: "demands that take the form of demonstrations, protests, etc. are coded as PROTEST":
    # a crowd that demands ("thousands of students, demanding ...") is protesting
    for c in coded:
        if c.type == "REQUEST" and _crowd_doer(c.top):
            c.type, c.mode = "PROTEST", "demo"
    # manual: the topic of a protest ("demanding ...", "calling for ...") is not coded apart
    verbal = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT", "CONCEDE"}
    for prot in [c for c in coded if c.type == "PROTEST" and not c.mention_only]:
        ptok = prot.trigger
        coded = [c for c in coded if c is prot or c.type not in verbal or not (
            c.top in ptok.subtree and c.top != ptok or ptok.dep_ in ("advcl", "xcomp") and ptok in c.top.subtree)]
    if any(c.type == "ASSAULT" and c.top.pos_ == "VERB" and not c.future for c in coded):
        coded = [c for c in coded if not (c.type == "MOBILIZE" and not c.future)]
    return coded


def base_coded(trig: Trigger, lex) -> Coded:
    entry = trig.entry
    tok = trig.token
    future, hypothetical, negated = modality(tok)
    types = {e.type for e in lex.entries(entry.lemma, entry.pos) if e.type}
    # (a wrapping word has no type of its own until compose gives it one; _part checks for None)
    coded = Coded(trigger=tok, top=tok, chain=[trig], type=cast(str, entry.type), mode=entry.mode, future=future,
                  hypothetical=hypothetical, negated=negated,
                  licensed_by="verb" if entry.pos != "NOUN" else "noun", ambiguous=len(types) > 1)
    exercise = tok.lemma_.lower() in ("exercise", "drill", "maneuver", "manoeuvre", "game") and \
        entry.type == "COOPERATE" and not trig.mention_only and not any(c.lower_ in ANAPHORIC_DETS for c in tok.children)
    joint = any(w.lower_ in ("joint", "combined", "bilateral", "trilateral", "multinational") for w in tok.subtree) or \
        any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
    if exercise and not joint:
        coded.type, coded.mode = "MOBILIZE", "troops"  # manual: single-country exercises
    if entry.pos == "VERB" and tok.lemma_.lower() == "protest" and any(c.dep_ == "ccomp" for c in tok.children):
        coded.type, coded.mode = "ACCUSE", "disapprove"
    if entry.type == "PROTEST" and entry.pos == "VERB" and _official_subject(tok):
        coded.type, coded.mode = "ACCUSE", "disapprove"  # a government "protests": a verbal act
    if coded.type == "ASSAULT" and coded.mode in (None, "destroy", "primitive") and _crowd_subject(tok):
        coded.type, coded.mode = "PROTEST", "riot"  # manual: a riot is violent collective protest
    return apply_tense(coded)


_REFUSAL = LexEntry(lemma="allow", extra=(), pos="VERB", type="REJECT", mode="yield", light=0,
                    requires=frozenset(), control=None, frame=None)


def _warns_of_others(verb: Token) -> bool:
    """Does a warning speak of what others may do or suffer ("warned that tourists visiting
    the region could face checks") rather than of what the warner will do ("warned it
    would retaliate", "warned its neighbour of consequences")? Only the latter is a threat."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp"):
            subjects = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass", "expl")]
            if not subjects:
                return False
            s = subjects[0]
            if s.pos_ == "PRON" and s.lower_ in ("it", "we", "they", "i"):
                return False
            warner = [x for x in verb.children if x.dep_ == "nsubj"]
            return not (warner and s.lower_ == warner[0].lower_)
    return False


def _official_subject(verb: Token) -> bool:
    """Does a state or an official "protest" (a verbal act), rather than a crowd?"""
    t = verb
    for _ in range(3):
        subjects = [c for c in t.children if c.dep_ == "nsubj"]
        if subjects:
            c = subjects[0]
            if c.lemma_.lower() in ("government", "ministry", "embassy", "minister", "foreign", "ambassador",
                                    "president", "spokesman", "spokeswoman", "official", "officials"):
                return True
            return c.ent_type_ in ("GPE", "NORP") and verb.lemma_.lower() == "protest"
        if t.dep_ not in ("xcomp", "advcl", "conj") or t.head == t:
            return False
        t = t.head
    return False


_CROWDS = frozenset({"protester", "protestor", "demonstrator", "crowd", "thousand", "hundred", "villager", "student",
                     "worker", "farmer", "resident", "youth", "supporter", "people", "mob", "marcher"})


def _crowd_doer(verb: Token) -> bool:
    """Is the subject of `verb` (or of the clause it hangs on) a crowd ("thousands of
    students", "protesters", "villagers")?"""
    t = verb
    for _ in range(3):
        subjects = [c for c in t.children if c.dep_ == "nsubj"]
        if subjects:
            s = subjects[0]
            words = {s.lemma_.lower()} | {x.lemma_.lower() for x in s.children if x.dep_ == "prep" and x.lower_ == "of"
                                          for x in x.children}
            return bool(words & _CROWDS)
        if t.dep_ not in ("conj", "advcl", "xcomp", "acl") or t.head == t:
            return False
        t = t.head
    return False


def _crowd_subject(verb: Token) -> bool:
    """Is the doer a crowd of rioters or protesters ("rioters set cars on fire")?"""
    t = verb
    for _ in range(3):
        subjects = [c for c in t.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0].lemma_.lower() in ("rioter", "protester", "demonstrator", "mob", "crowd", "looter",
                                                  "youth", "hooligan", "protestor")
        if t.dep_ not in ("conj", "advcl", "xcomp") or t.head == t:
            return False
        t = t.head
    return False


# Verbs whose quoted object is a slogan: what a crowd chants or its banners read ("chanting
# 'stop the killing'") is its message, not an act that happened.
_SLOGAN_VERBS = frozenset({"chant", "shout", "sing", "scream", "yell", "cry", "read", "carry", "hold", "wave",
                           "bear", "write", "paint", "spray"})
_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "\u00ab", "\u00bb"})


_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"})


def _self_inflicted(coded: Coded) -> bool:
    """"shot himself", "killing herself": harm done to oneself is no act on another ("blew
    himself up" is a suicide attack, on those around)."""
    if coded.type not in ("ASSAULT", "COERCE"):
        return False
    word = coded.chain[-1].token
    if any(c.dep_ == "prt" and c.lower_ == "up" for c in word.children):
        return False
    return any(c.dep_ in ("dobj", "pobj") and c.lower_ in _REFLEXIVES for c in word.children) or any(
        c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in _REFLEXIVES for g in c.children)
        for c in word.children if c.lower_ in ("on", "at"))


def _clause_place(document: Document, coded: Coded) -> PlaceKey | None:
    """The place a material act's own clause names ("the blast in Lyon"), which tells two attacks
    of one article apart; None when its clause names none."""
    if coded.type not in MATERIAL_TYPES or not document.places:
        return None
    trigger = coded.trigger
    words = [trigger]
    if trigger.dep_ in ("advcl", "xcomp", "conj") and trigger.tag_ == "VBG" and trigger.head.pos_ in ("VERB", "AUX"):
        words.append(trigger.head)  # "launched attacks across Paris, killing 130": the clause it completes
    pid, source = None, None
    for word in words:
        pid, source = event_place(document, [word], local=coded.type in _ON_THE_GROUND)
        if source == "clause" and pid is not None:
            break
    if source != "clause" or pid is None:
        return None
    place = next((p for p in document.places if p.id == pid), None)
    if place is None or place.kind == "feature":
        return None  # (a street or a site is placed less surely than a town)
    return (pid, place.kind or "", place.country, place.lat, place.lon)


def _names_happening(noun: Token) -> bool:
    """Is `noun` a word that names a happening (a war, a conflict, an attack): a lexicon noun that
    codes an event, or a word of an event kind?"""
    lemma = noun.lemma_.lower()
    return kind_of(lemma) != lemma or any(e.type is not None and e.control != "none"
                                          for e in lexicon().entries(lemma, "NOUN"))


def in_slogan(token: Token) -> bool:
    """Is `token` inside a quotation that a chanting or sign-carrying verb governs (through
    the other slogans it is coordinated with: "chanting 'stop X' and 'free Y'")?"""
    marks = [t.i for t in token.sent if t.text in _QUOTE_MARKS]
    if len(marks) % 2:  # a closing mark after the sentence's last stop falls in the next sentence
        marks.append(token.sent.end)
    spans = list(zip(marks[::2], marks[1::2], strict=True))

    def quoted(i: int) -> bool:
        return any(a < i < b for a, b in spans)

    if not quoted(token.i):
        return False
    head = token
    for _ in range(16):
        if not quoted(head.i) or head.head == head:
            break
        head = head.head
    return not quoted(head.i) and head.lemma_.lower() in _SLOGAN_VERBS


def _is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON"


def _phrase(token: Token) -> Token:
    return token.head if token.dep_ == "compound" else token


def _governs_time(document: Document, trigger: Token, start: int, end: int) -> bool:
    """Is the time expression [start, end) a modifier of the trigger's own clause ("every
    year ... are held"), not of a noun in it ("banned the annual vigil")?"""
    sent = trigger.sent
    if not sent.start_char <= start < sent.end_char:
        return False
    tok = next((t for t in sent if t.idx <= start < t.idx + len(t.text)), None)
    if tok is None:
        return False
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    t = tok
    for _ in range(8):
        if t in (trigger, verb):
            return True
        inside = start <= t.idx < end
        if not inside and t.pos_ != "ADP":
            return False
        if t.head == t:
            return False
        t = t.head
    return False


def _object_lemma(token: Token) -> str | None:
    phrase = _phrase(token)
    if token.pos_ == "VERB":
        for c in token.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                return c.lemma_.lower()
        return None
    if phrase.dep_ in ("dobj", "nsubjpass", "pobj"):
        return None
    return None


def _foreign(document: Document, char: int, coded: Coded) -> bool:
    """Is the time at `char` inside a clause of another predicate ("since winning ... on February 7")?"""
    table = document.tokens
    k = bisect.bisect_right(table.idx, char) - 1  # the token at `char`, if it is in the trigger's sentence
    sentence = document.token_sentence
    if k < 0 or char >= table.end_char(k) or sentence[k] != sentence[coded.trigger.i]:
        return False
    tok = table.objs[k]
    chain = {t.i for t in coded.tokens}
    # clauses that describe the trigger noun itself ("the operation [we conducted in May]")
    phrase = _phrase(coded.trigger)
    own = [c for c in phrase.children if c.dep_ in ("relcl", "acl")]
    if phrase.dep_ == "conj":
        own += [c for c in phrase.head.children if c.dep_ in ("relcl", "acl") and c.i > phrase.i]
    chain |= {c.i for c in own}
    ancestors = {a.i for a in coded.trigger.ancestors} | {coded.trigger.i}
    t = tok
    for _ in range(12):
        if t.i in ancestors or t.i in chain:
            return False
        if t.pos_ == "VERB" and t.dep_ in ("advcl", "pcomp", "relcl", "ccomp", "acl", "csubj") and \
                t.i not in chain and not any(x.i in chain for x in t.subtree):
            return True
        if t.head == t:
            return False
        t = t.head
    return False


def _mode_from_cues(document: Document, type_: str, indices: list[int]) -> str | None:
    table = cues().modes.get(type_)
    if not table:
        return None
    found = find_cues_at(document.tokens, indices, table)
    return found[0] if found else None


def _sentence_range(token) -> range:
    sent = token.sent
    return range(sent.start, sent.end)


def _start_key(value: str) -> str:
    return (value + "0000-01-01"[len(value):])[:10]


def _end_key(value: str) -> str:
    return (value + "9999-12-31"[len(value):])[:10]


def _strip(document: Document, span: Span) -> Span:
    start, end = span.start, span.end
    text = document.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return document.span(start, end)


def evidence_score(group: Group, main: Part, actors: list[str], recipients: list[str], said_by: str | None) -> float:
    """How likely the event is right, from the evidence the coder had (see evaluation/plover.py
    for the reliability table). Verb triggers with named participants are the surest; nouns,
    words that code several types, unnamed actors and hearsay lower it."""
    coded = main.coded
    score = 0.62 if coded.trigger.pos_ == "VERB" else 0.52
    score += 0.04 if coded.depth == 0 else -0.02 * min(coded.depth, 4)
    if coded.composed:
        score += 0.06
    if coded.ambiguous:
        score -= 0.08
    if actors:
        score += 0.10
    if recipients:
        score += 0.04
    if len(group.parts) > 1:
        score += 0.05
    if said_by:
        score -= 0.04
    if coded.licensed_by in ("date", "agent", "relative"):
        score -= 0.04
    if coded.licensed_by == "fallback":
        score -= 0.12
    if coded.licensed_by == "statement":
        score -= 0.15  # typed from its words, not named by its verb: less sure than an act it reports
    if coded.hypothetical:
        score -= 0.08
    if coded.mode is None and coded.type in ("ASSAULT", "PROTEST", "COERCE"):
        score -= 0.03
    return min(max(score, 0.05), 0.95)


def confidence(group: Group, main: Part, actors: list[str], recipients: list[str], said_by: str | None) -> float:
    """How likely the event is right: its evidence score, calibrated."""
    return calibrated(evidence_score(group, main, actors, recipients, said_by))


@lru_cache(maxsize=1)
def _calibration() -> tuple[float, float] | None:
    path = data_path("event_calibration.json")
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return float(data["slope"]), float(data["intercept"])


def calibrated(evidence_score: float) -> float:
    """The evidence score turned into the probability that the event is right: a monotone
    logistic map (Platt scaling) fitted on the document-level gold by
    `scripts/calibrate_events.py` (`make calibrate-events`; the fit and its cross-validated
    reliability are in data/event_calibration.json). Monotone, so it never reorders events."""
    fit = _calibration()
    if fit is None:
        return round(evidence_score, 2)
    slope, intercept = fit
    return round(1.0 / (1.0 + math.exp(-(slope * evidence_score + intercept))), 2)


__all__ = ["EventsStage", "calibrated", "code_sentence", "confidence", "evidence_score"]
