"""Coding one sentence: triggers, the events they wrap, PLOVER type and mode, flags.

A trigger is a token that instantiates a lexicon row. Some triggers wrap the event in
their complement ("agreed to *withdraw*", "threatened to *impose* a curfew", "said it
would *attack*"); the PLOVER manual codes the pair as one event whose type comes from the
combination (`compose`): intent + cooperation = AGREE, demand + anything = REQUEST with
the wrapped event as mode, a future retreat = CONCEDE, a future attack = THREATEN...
Nouns code an event only when something says it happened: a light verb ("launched an
attack"), an occurrence verb ("the war ended"), a date, a possessor or agent, a
relative clause with a light verb ("the operation we conducted").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...parsetree import subtree_bounds, token_at
from .lexicon import (
    PLOVER_CONFLICT_MATERIAL,
    PLOVER_COOPERATIVE,
    LexEntry,
    Lexicon,
    nominal_pos,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ...document import TokenTable

# Verbs whose object or subject is an event noun that they report as happening.
LIGHT_VERBS = frozenset({
    "launch", "conduct", "carry", "hold", "make", "stage", "wage", "begin", "start", "mount",
    "organize", "organise", "lead", "undertake", "pay", "have", "reach", "conclude", "impose",
    "reimpose", "announce", "declare", "order", "give", "provide", "join", "take", "open",
    "initiate", "commit", "perpetrate", "unleash", "resume", "continue", "escalate",
    "intensify", "complete", "attend", "host", "convene", "issue", "lodge", "file", "express",
    "voice", "extend", "offer", "grant", "seal", "broker", "implement", "enforce", "observe",
    "sign", "step", "renew", "institute", "deliver", "send", "dispatch", "receive", "hand",
    "do", "engage", "fight", "end", "finish", "suffer", "face", "endure",
    "resort", "use", "spark", "trigger", "cause", "provoke", "approve", "adopt", "survive", "foil",
    "thwart", "tighten", "toughen", "lay", "slap",
    # concluding an agreement ("clinched an accord", "finalised the deal"); "ink" and "initial"
    # are signing, in the lexicon beside "sign"
    "clinch", "finalise", "finalize",
})
# Verbs whose subject is an event noun that happened ("the war ended", "fighting erupted").
OCCURRENCE_VERBS = frozenset({
    "occur", "happen", "begin", "start", "end", "last", "continue", "erupt", "break",
    "resume", "rage", "kill", "claim", "wound", "injure", "leave", "destroy", "hit", "rock",
    "target", "involve", "take", "see", "come", "follow", "escalate", "intensify",
    "subside", "conclude", "cease", "spread", "damage",
})
# Verbs of going somewhere: "for" + an event noun names what the trip is for ("flew to Lima for talks").
_TRAVEL = frozenset({"fly", "travel", "go", "come", "arrive", "head", "return", "gather", "meet", "convene",
                     "join"})
# Verbs whose object is an event they take as having happened ("investigating a shooting").
PRESUPPOSING_VERBS = frozenset({"investigate", "probe", "condemn", "denounce", "confirm", "report", "witness",
                                "survive", "mourn", "recount", "describe", "blame", "claim", "film", "record",
                                "review", "examine", "solve"})
# Verbs whose subject receives the event named by their object ("underwent training").
EXPERIENCER_VERBS = frozenset({"undergo", "attend", "complete", "receive", "finish", "be", "go", "get"})
_LIGHT_OR_OCCURRENCE = LIGHT_VERBS | OCCURRENCE_VERBS
# The verbs `verb_lemma` knows.
_KNOWN_VERBS = _LIGHT_OR_OCCURRENCE | EXPERIENCER_VERBS
# Head nouns that turn a compound modifier into the event ("cleansing campaign").
CONTAINER_NOUNS = frozenset({"campaign", "operation", "action", "movement", "spree", "wave",
                             "drive", "effort", "mission", "exercise", "attack", "raid", "attempt", "plot",
                             "bid"})
REPORT_PAST = frozenset({"VBD", "VBN"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such", "its", "their"})
FUTURE_ADJ = frozenset({"planned", "upcoming", "proposed", "future", "scheduled", "forthcoming", "possible",
                        "potential", "expected"})
CROWD_WORDS = frozenset({"protester", "demonstrator", "student", "worker", "people", "crowd", "resident",
                         "supporter", "villager", "activist", "thousand", "hundred", "opposition",
                         "farmer", "youth", "employee", "union", "teacher", "doctor", "nurse", "driver",
                         "miner", "citizen", "member", "woman", "man", "civilian", "refugee", "prisoner",
                         "inmate", "detainee", "shopkeeper", "trader", "monk", "mourner", "fan"})
MEETING_LEMMAS = frozenset({"meet", "meeting", "talk", "talks", "negotiate", "negotiation", "discuss",
                            "discussion", "visit", "summit", "mediation", "mediate", "consult",
                            "consultation", "dialogue", "conference", "host"})
TERRITORY_LEMMAS = frozenset({"occupy", "occupation", "seize", "capture", "invade", "invasion", "annex",
                              "take", "retake", "recapture", "control"})


@dataclass
class Trigger:
    token: Token
    entry: LexEntry
    embedded: Trigger | None = None  # the event this trigger wraps
    wrapper: Trigger | None = None
    mention_only: bool = False  # a definite noun that can only refer back to an event


@dataclass
class Coded:
    """One coded event mention in a sentence (before merging across the article)."""

    trigger: Token  # the word reported as the trigger
    top: Token  # the highest word of the chain (the wrapping verb, or the trigger)
    chain: list[Trigger]
    type: str
    mode: str | None
    future: bool = False
    hypothetical: bool = False
    negated: bool = False
    composed: bool = False  # the type came from a wrapping word
    licensed_by: str = "verb"  # verb | light | occurrence | date | agent | relative | wrapped | end-with
    depth: int = 0
    ambiguous: bool = False  # the lemma codes other types too
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    inherit_from: Token | None = None  # "the war ended with a ceasefire": participants of that event
    anaphoric: bool = False
    object_lemma: str | None = None
    mention_only: bool = False

    @property
    def tokens(self) -> list[Token]:
        return [t.token for t in self.chain]


def verb_lemma(token: Token) -> str:
    """The lemma, or a repaired one when the small model's lemma is no known verb."""
    from .lexicon import lemma_forms

    forms = lemma_forms(token)
    return next((f for f in forms if f in _KNOWN_VERBS), forms[0])


def depth_of(token: Token) -> int:
    d = 0
    while token.head != token and d < 50:
        token = token.head
        d += 1
    return d


# --- finding triggers ---------------------------------------------------------------------------

def find_triggers(sent: SpacySpan, lex: Lexicon, named: set[int], table: TokenTable) -> list[Trigger]:
    """`table`: the document's token table (the same tokens as `sent`'s doc), read instead of
    asking spaCy for each word's strings."""
    found: dict[int, Trigger] = {}
    for i in range(sent.start, sent.end):
        lemma = table.lemma[i]
        if i in named or table.is_stop[i] and lemma not in ("call", "end", "back"):
            continue
        pos = table.pos[i]
        if pos in ("ADV", "X", "INTJ"):
            pos = nominal_pos(pos, table.objs[i].dep_)
        if not lex.may_match(table.lower[i], lemma, table.tag[i], pos):
            continue
        token = table.objs[i]
        entry = lex.match(token)
        mention_only = False
        if entry is None and token.pos_ in ("NOUN", "PROPN"):
            # "this exercise", "the war": a definite noun that may refer back to an event
            entry = _anaphoric_entry(token, lex)
            mention_only = entry is not None
        if entry is None or entry.control == "none":  # a sense of the word that is no event
            continue
        if not _usable(token, entry, lex):
            continue
        found[token.i] = Trigger(token, entry, mention_only=mention_only)
    _link_embedded(found, lex)
    return [found[i] for i in sorted(found)]


def _noun_root(token: Token) -> bool:
    """A sentence whose root is a noun: the small model missed its verb ("The rebels handed in ...")."""
    return token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PROPN")


def _anaphoric_entry(token: Token, lex: Lexicon) -> LexEntry | None:
    if token.dep_ == "compound" or not any(
            c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETS for c in token.children):
        return None
    rows = [e for e in lex.entries(token.lemma_.lower(), "NOUN") if e.type and not e.extra and e.light == 1]
    return rows[0] if rows else None


def reduced_relative(verb: Token) -> Token | None:
    """In "forces deployed in the region shelled the town" the small model often takes
    "deployed" for the verb; the next verb then lacks a subject. Returns that next verb."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    right = subtree_bounds(verb)[1]
    if right + 1 >= len(verb.doc):
        return None
    nxt = token_at(verb, right + 1)
    if nxt.pos_ == "VERB" and nxt.tag_ == "VBD" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children):
        return nxt
    return None


def _usable(token: Token, entry: LexEntry, lex: Lexicon) -> bool:
    dep = token.dep_
    if entry.pos == "VERB":
        if dep == "amod" and token.tag_ != "VBD":
            return False  # "occupied territories": a state, not an act (a VBD amod is a mis-parse)
        if dep == "acl" and token.tag_ in ("VBN", "VBG") and not _noun_root(token.head) and not (
                token.tag_ == "VBN" and _noun_root(token.sent.root)) and not (
                token.tag_ == "VBG" and entry.control in ("demand", "threat", "accuse", "refuse")):
            return False  # "forces deployed in ...": background description ("crowds calling for" is kept)
        if token.lemma_.lower() in ("demonstrate", "show", "prove") and any(
                c.dep_ in ("ccomp", "dobj") and c.pos_ not in ("PROPN",) for c in token.children):
            return False  # "demonstrated that ...": showed
        if entry.control == "praise" and any(c.dep_ == "ccomp" for c in token.children):
            return False  # "we recognize (that) this is happening": a thought, not recognition
        if token.lemma_.lower() == "charge" and _charged_with_duty(token):
            return False  # "is charged with shaping the strategy": a duty, not a charge
        if entry.control == "threat" and token.lemma_.lower() == "warn" and _warns_against_others(token):
            return False  # "warned against potential hackers": a caution, not a threat
        if entry.control is None and entry.type is None:
            return False
        if reduced_relative(token) is not None and entry.type not in ("ASSAULT",):
            return False
    elif entry.pos == "NOUN":
        if dep == "compound":
            head = token.head
            if head.lemma_.lower() not in CONTAINER_NOUNS or lex.match(head) is not None:
                return False
    elif entry.pos == "ADJ" and not any(c.dep_ in ("xcomp", "prep", "ccomp") for c in token.children):
        return False
    return True


def _charged_with_duty(verb: Token) -> bool:
    """"charged with shaping the strategy": the object of "with" is a task, not a crime."""
    from .statements import terms

    crimes = terms()
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for p in c.children:
                if p.dep_ in ("pcomp", "pobj") and p.tag_ == "VBG":
                    return p.lemma_.lower() not in crimes and p.lower_ not in crimes and p.lemma_.lower() not in _CRIME_VERBS
    return False


_CRIME_VERBS = frozenset({"kill", "murder", "steal", "rob", "defraud", "embezzle", "assault", "attack", "shoot",
                          "stab", "rape", "kidnap", "bribe", "spy", "smuggle", "traffic", "conspire", "obstruct",
                          "launder", "falsify", "forge", "misuse", "abuse", "attempt", "incite", "plot", "fake",
                          "file", "possess", "carry", "help", "aid", "harbor", "harbour", "threaten", "lie",
                          "mislead", "violate", "evade", "loot", "burn", "destroy", "collaborate", "betray"})


def _warns_against_others(verb: Token) -> bool:
    """"warned against potential hackers": a caution about others, with no act of the warner."""
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    clause = any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative") for c in verb.children)
    return "against" in preps and not clause and "of" not in preps


_COMPLEMENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "attr", "oprd", "nsubjpass", "advcl"}
_COMPLEMENT_PREPS = {"to", "for", "on", "of", "over", "about", "against", "with", "into", "from", "upon", "in"}
# What each kind of wrapping word takes as its complement (first level only).
_FIRST_LEVEL = {
    "say": ({"ccomp", "xcomp", "dobj", "advcl", "parataxis"}, set()),
    "intent": ({"xcomp", "ccomp", "dobj", "advcl", "acl"}, {"to", "on", "upon", "for"}),
    "demand": ({"xcomp", "ccomp", "dobj", "dative", "acl"}, {"for", "on", "of", "to"}),
    "refuse": ({"xcomp", "ccomp", "dobj", "acl"}, {"of", "to", "for"}),
    "threat": ({"xcomp", "ccomp", "acl", "dobj"}, {"with", "of", "to"}),
    "accuse": ({"ccomp", "dobj", "acl"}, {"of", "for", "over", "about", "in", "to"}),
    "praise": ({"dobj", "ccomp"}, {"for", "of", "on"}),
    "stop": ({"dobj", "xcomp", "nsubjpass"}, set()),
    "lift": ({"dobj", "nsubjpass"}, {"on"}),
    "allow": ({"dobj", "xcomp", "ccomp"}, set()),
    "prepare": ({"xcomp", "dobj"}, {"for"}),
    "sign": ({"dobj"}, {"of"}),
    "plan": ({"xcomp", "dobj", "acl"}, {"for"}),
    "try": ({"xcomp", "dobj"}, set()),
    "begin": ({"xcomp", "dobj", "nsubjpass"}, set()),
    "fail": ({"xcomp"}, set()),
    "coerce": ({"xcomp", "ccomp"}, {"into"}),
}
# Wrapping words that reach their event only through their direct complement.
_SHALLOW = {"stop", "lift", "allow", "plan", "try", "begin", "fail", "prepare", "sign", "coerce"}


def _link_embedded(found: dict[int, Trigger], lex: Lexicon) -> None:
    for trig in found.values():
        if trig.entry.control is None:
            continue
        inner = _first_trigger_below(trig, found)
        if inner is not None and inner.wrapper is None:
            trig.embedded = inner
            inner.wrapper = trig


def _first_trigger_below(trig: Trigger, found: dict[int, Trigger]) -> Trigger | None:
    control = trig.entry.control or ""
    deps, preps = _FIRST_LEVEL.get(control, (set(), set()))
    # first level: the wrapping word's own complements
    frontier: list[Token] = []
    for c in trig.token.children:
        dep = c.dep_
        if dep == "prep" or dep == "agent":
            if c.lower_ not in preps:
                continue
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    if p.i in found and not found[p.i].mention_only:
                        return found[p.i]
                    frontier.append(p)
            continue
        if dep == "advcl" and not (control in ("say", "demand", "threat") and c.tag_ in ("VB", "VBP", "VBZ")):
            continue
        if dep not in deps:
            continue
        if c.i in found and not found[c.i].mention_only:
            return found[c.i]
        frontier.append(c)
    if control in _SHALLOW:
        # only through a verb complement: "stopped sending aid", "began to withdraw"
        frontier = [t for t in frontier if t.pos_ == "VERB"]
    seen = {t.i for t in frontier} | {trig.token.i}
    for _depth in range(3):
        nxt = []
        for tok in frontier:
            for c in tok.children:
                if c.i in seen:
                    continue
                seen.add(c.i)
                dep = c.dep_
                if dep == "prep" and c.lower_ not in _COMPLEMENT_PREPS:
                    continue
                if dep in ("nsubj", "nsubjpass") and tok.pos_ == "VERB":
                    continue
                if dep not in _COMPLEMENT_DEPS and dep not in ("prep", "amod", "compound", "dative"):
                    continue
                if dep == "advcl" and not (control in ("intent", "demand") and c.tag_ == "VB"):
                    continue  # only purpose clauses: "offered to send engineers to help ..."
                if c.i in found and not found[c.i].mention_only:
                    return found[c.i]
                nxt.append(c)
        frontier = nxt
        if not frontier:
            break
    return None


# --- licensing of event nouns -------------------------------------------------------------------

# Talks that another act can take place in ("settled it during a call", "announced at the summit").
_SETTING_NOUNS = frozenset({"call", "meeting", "talks", "summit", "conversation"})


def noun_license(token: Token, dated: list[tuple[int, int]], found_ids: set[int],
                 entity_at: dict[int, str]) -> str | None:
    """Why an event noun codes an event here, or None when it is only named (a topic)."""
    phrase = token.head if token.dep_ in ("compound", "nmod") else token
    measured = measured_phrase(phrase)
    if measured is not phrase:  # "joined them for a week of exercises": the measure's place in the clause
        why = _license(token, measured, dated, found_ids, entity_at)
        if why is not None:
            return why
    return _license(token, phrase, dated, found_ids, entity_at)


def _license(token: Token, phrase: Token, dated: list[tuple[int, int]], found_ids: set[int],
             entity_at: dict[int, str]) -> str | None:
    head = phrase.head
    dep = phrase.dep_
    hl = verb_lemma(head)
    if dep in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX") and hl in LIGHT_VERBS:
        return "light"
    if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        gov = verb_lemma(head.head)
        if head.lower_ == "with" and gov in ("end", "conclude", "finish", "close"):
            return "end-with"
        if gov in EXPERIENCER_VERBS and head.lower_ in ("through", "in"):
            return "experienced"
        if head.lower_ in ("on", "under") and gov in ("go", "put", "place", "keep", "remain", "stay", "be"):
            return "light"  # "went on strike", "was put on alert"
        if head.lower_ in ("during", "amid", "throughout"):
            return "frame"  # "during protests over ...": the frame event happened
        if head.lower_ in ("in", "at") and token.lemma_.lower() in _SETTING_NOUNS and \
                any(c.lower_ in ("phone", "telephone", "video") or c.dep_ in ("det", "poss") for c in phrase.children):
            return "frame"  # "settled it in a video call", "said at the meeting": the talk it was said in happened
        if head.lower_ == "for" and gov in _TRAVEL:
            return "light"  # "flew to Lima for talks", "returned to Geneva for a new round"
        if head.lower_ in ("for", "in") and gov == "join":
            return "light"  # "joined allied ships for drills", "joined in the talks"
        if gov in LIGHT_VERBS and head.lower_ in ("out", "in") and gov == "carry":
            return "light"
    if dep == "dobj" and hl in EXPERIENCER_VERBS:
        return "experienced"
    if dep in ("dobj", "nsubjpass") and hl in PRESUPPOSING_VERBS:
        return "presupposed"  # "police are investigating a shooting": the shooting happened
    if token.lemma_.lower() == "wound" and any(c.lower_ in ("gunshot", "bullet", "stab", "knife")
                                               for c in token.children):
        return "wound"  # "in critical condition from a gunshot wound": someone was shot
    if dep in ("nsubj", "nsubjpass") and head.pos_ == "VERB" and hl in OCCURRENCE_VERBS:
        return "occurrence"
    relatives = [c for c in phrase.children if c.dep_ in ("relcl", "acl")]
    if dep == "conj":  # "the war and the operation we conducted": the clause hangs on the first conjunct
        relatives += [c for c in head.children if c.dep_ in ("relcl", "acl") and c.i > phrase.i]
    for c in relatives:
        if c.pos_ == "VERB" and verb_lemma(c) in _LIGHT_OR_OCCURRENCE:
            return "relative"
    # a date of its own (not one inside another event word within the phrase)
    lo, hi = _span_of(phrase)
    inner_events = [t for t in phrase.subtree if t.i in found_ids and t.i != token.i]
    for a, b in dated:
        if lo <= a and b <= hi and not any(_inside(a, e) for e in inner_events):
            return "date"
    # an actor named by possessor, agent or "between X and Y"
    for c in phrase.children:
        if c.dep_ == "poss" and c.i in entity_at:
            return "agent"
        if c.dep_ == "prep" and c.lower_ in ("between", "by", "among") and any(t.i in entity_at for t in c.subtree):
            return "agent"
    return None


# Nouns that measure or count an event without being one ("a week of exercises", "a round of talks").
# ("a series of bombings", "a wave of attacks" count many happenings: not one event.)
MEASURE_NOUNS = frozenset({"week", "weeks", "day", "days", "month", "months", "hour", "hours", "round", "rounds",
                           "night", "nights"})


def measured_phrase(phrase: Token) -> Token:
    """The phrase that plays the event's part in the clause: "a week of exercises" for "exercises"
    when the measure is an argument of an action ("joined them for a week of exercises"; not "are
    in the fourth day of a walkout", a state)."""
    if phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.lower_ in MEASURE_NOUNS:
        measure = phrase.head.head
        verb = measure.head.head if measure.dep_ == "pobj" else measure.head
        if measure.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and verb.lemma_.lower() != "be":
            return measure
    return phrase


def _span_of(token: Token) -> tuple[int, int]:
    toks = list(token.subtree)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _inside(char: int, token: Token) -> bool:
    lo, hi = _span_of(token)
    return lo <= char < hi


# --- composition ------------------------------------------------------------------------------

def _request_mode(inner: Coded) -> str | None:
    """REQUEST/REJECT mode from what is asked for or refused (manual: assist, change, yield, meet)."""
    lemma = inner.trigger.lemma_.lower()
    if inner.type == "CONSULT" or lemma in MEETING_LEMMAS:
        return "meet"
    if inner.type in ("AID", "COOPERATE", "SUPPORT"):
        return "assist"
    if inner.type in ("RETREAT", "CONCEDE"):
        return "yield"
    if inner.type == "AGREE":
        return None
    return "change"


def _threat_mode(inner: Coded) -> str | None:
    lemma = inner.trigger.lemma_.lower()
    t, m = inner.type, inner.mode
    if t == "ASSAULT":
        return "territory" if lemma in TERRITORY_LEMMAS else "violence"
    if t == "MOBILIZE":
        return "violence"
    if t == "COERCE":
        if m == "arrest":
            return "arrest"
        if m == "deport":
            return "expel"
        return "restrict"
    if t == "SANCTION":
        return "expel" if m == "expel" else "relations"
    if t == "PROTEST":
        return "restrict"
    if t in PLOVER_COOPERATIVE:
        return "relations"
    return None


def _stop_result(inner: Coded) -> tuple[str, str | None]:
    """Stopping, suspending or cancelling an event of type `inner.type` (its own type, not the
    one its tense gave it: cancelling a planned visit cancels a meeting)."""
    t = inner.chain[-1].entry.type if not inner.composed and inner.chain[-1].entry.type else inner.type
    if t == "CONSULT":
        return "REJECT", "meet"  # manual: cancelling meetings is REJECT
    if t in ("AID", "COOPERATE", "SUPPORT", "AGREE"):
        return "SANCTION", "discontinue"
    if t == "ASSAULT":
        return "RETREAT", "ceasefire"
    if t in ("PROTEST", "COERCE"):
        return "CONCEDE", None
    if t == "SANCTION":
        return "RETREAT", None
    if t == "MOBILIZE":
        return "RETREAT", "disarm"
    return t, inner.mode


@dataclass
class Wrap:
    """What a wrapping word brings to the event it wraps: the word, its row, its lemma, whether
    it is negated itself, and the wrapped (already coded) event."""

    wrapper: Trigger
    inner: Coded
    lemma: str
    negated: bool

    @property
    def token(self) -> Token:
        return self.wrapper.token

    @property
    def entry(self) -> LexEntry:
        return self.wrapper.entry

    @property
    def type(self) -> str:
        return self.inner.type


def _compose_say(w: Wrap, out: Coded) -> None:
    inner = w.inner
    if w.lemma in ("declare", "announce") and inner.type == "AGREE" and \
            inner.trigger.lemma_.lower() in ("ceasefire", "cease-fire", "truce"):
        out.type, out.mode = "CONCEDE", None  # manual: declarations (not implementations) of ceasefires
        return
    _compose_transparent(w, out)
    if w.negated:
        out.negated = not inner.negated


def _compose_transparent(w: Wrap, out: Coded) -> None:
    """begin, try: the wrapped event itself ("began to withdraw", "tried to storm")."""
    out.trigger = w.inner.trigger
    out.composed = w.inner.composed
    out.licensed_by = w.inner.licensed_by  # a noun said to exist still needs its own licence


def _compose_plan(w: Wrap, out: Coded) -> None:
    out.trigger = w.inner.trigger
    out.future = True
    out.negated = w.inner.negated or w.negated


def _compose_fail(w: Wrap, out: Coded) -> None:
    out.trigger = w.inner.trigger
    if w.type in PLOVER_COOPERATIVE:
        out.type, out.mode, out.trigger = "REJECT", _request_mode(w.inner), w.token
    else:
        out.negated = True


def _compose_intent(w: Wrap, out: Coded) -> None:
    t, inner = w.type, w.inner
    if t == "REQUEST" and not w.negated:
        out.type, out.mode = "CONCEDE", None  # agreeing to demands: acceding (CAMEO 083)
        return
    if t == "THREATEN" and not w.negated:
        out.type = "THREATEN"  # "vowed revenge"
        return
    if t == "CONCEDE" and not w.negated and w.lemma in ("agree", "decide", "consent"):
        # "agreed to plead guilty", "decided to concede": the concession itself, made now
        out.type, out.mode, out.future = "CONCEDE", inner.mode, False
        return
    if t == "REJECT" and not w.negated and inner.trigger.pos_ == "NOUN":
        out.type, out.mode = "REJECT", inner.mode  # "promised a veto": the refusal is made now
        out.future = False
        return
    if w.negated or inner.negated and t in PLOVER_COOPERATIVE:  # "will not accept any threat"
        out.type, out.mode, out.negated = "REJECT", _request_mode(inner), False
    elif t in ("ASSAULT", "COERCE", "SANCTION") and w.lemma not in ("agree", "accept", "consent", "decide", "offer") \
            or t in PLOVER_CONFLICT_MATERIAL and w.lemma in ("vow", "swear", "threaten"):
        out.type, out.mode = "THREATEN", _threat_mode(inner)  # a promise of harm is a threat
    elif w.entry.type == "CONCEDE":
        out.type, out.mode = "CONCEDE", None
    else:
        out.type, out.mode = "AGREE", None
    out.future = False


def _compose_demand(w: Wrap, out: Coded) -> None:
    if w.lemma == "order" and (w.type in ("ASSAULT", "COERCE", "MOBILIZE", "SANCTION") or
                               w.type == "ACCUSE" and w.inner.mode == "investigate"):
        # ("ordered an investigation into X": the inquiry, opened by the one who orders it)
        out.trigger = w.inner.trigger  # an order to arrest or attack is coded as the act, by the one who orders
        out.composed = w.inner.composed
        return
    _compose_speech_act(w, out, "REQUEST", _request_mode(w.inner))


def _compose_coerce(w: Wrap, out: Coded) -> None:
    """"forced the president to resign": making someone act against their will is COERCE by the one
    who forces; in the passive ("was forced to quit") the act is the one forced's own."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in w.token.children) or w.inner.type in ("ASSAULT", "MOBILIZE"):
        # the act itself ("stepped down"; "forced into fighting": the fighting stays what it is)
        out.trigger = w.inner.trigger
        out.composed = w.inner.composed
        return
    out.type, out.mode = "COERCE", None
    out.negated = w.negated
    out.future = out.hypothetical = False


def _compose_refuse(w: Wrap, out: Coded) -> None:
    _compose_speech_act(w, out, "REJECT", _request_mode(w.inner))


def _compose_threat(w: Wrap, out: Coded) -> None:
    _compose_speech_act(w, out, "THREATEN", _threat_mode(w.inner))


def _compose_judgement(w: Wrap, out: Coded) -> None:
    """accuse, praise: the word's own type, about the wrapped event."""
    _compose_speech_act(w, out, w.entry.type or w.type, w.entry.mode)


def _compose_speech_act(w: Wrap, out: Coded, type_: str, mode: str | None) -> None:
    """A demand, refusal, threat or judgement is made now, whatever the tense of what it is about."""
    out.type, out.mode = type_, mode
    out.negated = w.negated
    out.future = out.hypothetical = False


def _compose_stop(w: Wrap, out: Coded) -> None:
    out.type, out.mode = _stop_result(w.inner)
    out.negated = w.negated


def _compose_lift(w: Wrap, out: Coded) -> None:
    t, inner = w.type, w.inner
    if t == "COERCE" and inner.mode in ("restrict",) and inner.trigger.lemma_.lower() in ("blockade", "siege"):
        out.type, out.mode = "RETREAT", "withdraw"
    elif t in ("COERCE", "PROTEST"):
        out.type, out.mode = "CONCEDE", None
    elif t == "SANCTION":
        out.type, out.mode = "RETREAT", None
    else:
        out.type, out.mode = w.entry.type or t, w.entry.mode
    out.negated = w.negated


def _compose_allow(w: Wrap, out: Coded) -> None:
    if w.negated:
        out.type, out.mode, out.negated = "REJECT", _request_mode(w.inner), False
    elif w.type in ("AID", "RETREAT", "CONSULT", "ACCUSE"):
        out.type, out.mode = "RETREAT", "access"
    else:
        out.type, out.mode = "CONCEDE", None


def _compose_prepare(w: Wrap, out: Coded) -> None:
    if w.type in ("ASSAULT", "MOBILIZE"):
        out.type = "MOBILIZE"
        out.mode = "weapons" if w.inner.mode in ("heavy-weapons", "aerial", "drone", "unconventional") else "troops"
    elif w.type in PLOVER_COOPERATIVE:
        out.type, out.mode = "AGREE", None
    out.future = False


def _compose_sign(w: Wrap, out: Coded) -> None:
    if w.type != "AGREE":
        return
    trigger = w.inner.trigger
    peace = trigger.lemma_.lower() in ("ceasefire", "cease-fire", "truce", "armistice") or any(
        x.lemma_.lower() in ("peace", "ceasefire") for x in trigger.children)
    # "an agreement to share intelligence", "a memorandum pledging to ...": a commitment
    peace = peace or any(c.dep_ in ("acl", "relcl") and (c.tag_ == "VB" or c.lemma_.lower() in (
        "pledge", "commit", "promise", "vow")) for c in trigger.children)
    out.type = "AGREE" if peace or ended_with(w.token) is not None or _settles_conflict(w.token) else "SUPPORT"
    out.mode = None
    out.trigger = trigger


# How each kind of wrapping word (the lexicon's `control` column) codes the event it wraps:
# the PLOVER manual's rules for combinations, one function per kind.
COMPOSERS: dict[str, Callable[[Wrap, Coded], None]] = {
    "say": _compose_say,
    "begin": _compose_transparent,
    "try": _compose_transparent,
    "plan": _compose_plan,
    "fail": _compose_fail,
    "intent": _compose_intent,
    "demand": _compose_demand,
    "refuse": _compose_refuse,
    "coerce": _compose_coerce,
    "threat": _compose_threat,
    "accuse": _compose_judgement,
    "praise": _compose_judgement,
    "stop": _compose_stop,
    "lift": _compose_lift,
    "allow": _compose_allow,
    "prepare": _compose_prepare,
    "sign": _compose_sign,
}


def compose(wrapper: Trigger, inner: Coded) -> Coded:
    """The event coded by `wrapper` wrapping the already coded `inner` event (`COMPOSERS`)."""
    tok = wrapper.token
    out = Coded(trigger=tok, top=tok, chain=[wrapper, *inner.chain], type=inner.type, mode=inner.mode,
                future=inner.future, hypothetical=inner.hypothetical, negated=inner.negated, composed=True,
                licensed_by="wrapped", ambiguous=inner.ambiguous)
    composer = COMPOSERS.get(wrapper.entry.control or "")
    if composer is not None:
        composer(Wrap(wrapper, inner, tok.lemma_.lower(), is_negated(tok)), out)
    return out


_CONFLICT_WORDS = frozenset({"dispute", "conflict", "war", "fighting", "standoff", "hostility", "hostilities",
                             "crisis", "feud", "row", "quarrel", "clash", "clashes", "insurgency", "rebellion"})


def _settles_conflict(sign: Token) -> bool:
    """"signed an agreement ..., ending a dispute": an agreement that settles a conflict is
    the parties' commitment to end it (manual: AGREE), not routine support."""
    heads = [sign]
    if sign.dep_ == "ccomp" and sign.head.lemma_.lower() in REPORT_VERBS:
        heads.append(sign.head)  # "signed ..., officials said, ending a dispute"
    for h in heads:
        for c in h.children:
            if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in ("end", "settle", "resolve", "conclude") \
                    and any(o.dep_ == "dobj" and o.lemma_.lower() in _CONFLICT_WORDS for o in c.children):
                return True
    return False


def ended_with(token: Token) -> Token | None:
    """The subject of "X ended with <token>" ("the war ended with a ceasefire"), if any."""
    phrase = token.head if token.dep_ == "compound" else token
    prep = phrase.head
    if phrase.dep_ == "pobj" and prep.lower_ == "with" and prep.head.lemma_.lower() in (
            "end", "conclude", "finish", "close"):
        for c in prep.head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
    return None


def apply_tense(coded: Coded) -> Coded:
    """Future and negated cooperative/conflict acts take their PLOVER type (manual: a future
    meeting is AGREE, a future retreat CONCEDE, a future attack a threat)."""
    t = coded.type
    if coded.negated and (coded.future or coded.hypothetical or t == "AGREE") and t in PLOVER_COOPERATIVE:
        coded.type, coded.mode = "REJECT", _request_mode(coded)
        coded.negated = coded.future = coded.hypothetical = False
        return coded
    if not coded.future or coded.negated:
        return coded
    if t in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
        coded.type, coded.mode, coded.future = "AGREE", None, False
    elif t == "RETREAT":
        coded.type, coded.mode, coded.future = "CONCEDE", None, False
    elif t in ("ASSAULT", "COERCE", "SANCTION", "PROTEST"):
        coded.mode = _threat_mode(coded)
        coded.type, coded.future = "THREATEN", False
    return coded


# --- tense, modality, negation ---------------------------------------------------------------------

def _clause_verb(token: Token) -> Token:
    """The verb whose auxiliaries and negation govern `token` (itself for verbs)."""
    t = token
    hops = 0
    while t.pos_ not in ("VERB", "AUX") and t.head != t and hops < 4:
        if t.dep_ == "compound" or t.dep_ in ("dobj", "nsubjpass", "attr", "nsubj", "oprd"):
            t = t.head
        elif t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent"):
            t = t.head.head
        else:
            break
        hops += 1
    return t


# Adverbs that say the word is a manner of speaking: "practically kidnapped", "virtually
# declared war" (not "nearly killed": an attack that nearly killed happened; nor "effectively
# banned": a ban in effect).
HEDGES = frozenset({"practically", "virtually", "figuratively"})


def is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or c.dep_ == "preconj" and c.lower_ == "neither" for c in token.children):
        return True  # (also "neither approves nor disapproves")
    if token.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "noone", "none", "neither") or c.lower_ == "one"
                                                  and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children))
            for c in token.children):
        return True  # "Nobody talks to ...", "No one attacked ...": no one did it
    return bool(token.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("no",) and c.dep_ == "det" for c in token.children))


def _under_report(verb: Token) -> bool:
    t = verb
    for _ in range(6):
        if t.head == t:
            return False
        if t.dep_ in ("ccomp", "xcomp", "advcl", "conj") and t.head.lemma_.lower() in REPORT_VERBS:
            return True
        t = t.head
    return False


REPORT_VERBS = frozenset({"say", "announce", "state", "declare", "tell", "report", "add", "note", "confirm",
                          "reveal", "claim", "indicate", "insist", "reiterate", "stress", "warn", "promise",
                          "pledge", "vow", "threaten", "decide", "agree", "expect", "believe", "think",
                          "quote", "write", "hint", "signal"})


def modality(token: Token) -> tuple[bool, bool, bool]:
    """(future, hypothetical, negated) of the clause that `token` belongs to."""
    verb = _clause_verb(token)
    future = hypothetical = False
    negated = is_negated(token) or (verb != token and is_negated(verb))
    for c in verb.children:
        low = c.lower_
        if c.dep_ in ("aux", "auxpass"):
            if low in FUTURE_AUX:
                future = True
            elif low in ("would", "'d"):
                if _under_report(verb):
                    future = True
                else:
                    hypothetical = True
            elif low in HYPOTHETICAL_AUX:
                hypothetical = True
        if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
            pass  # the condition is attached to the consequence: a threat, not a hypothesis
        if c.dep_ == "mark" and low in ("if", "unless"):
            hypothetical = True
        if c.dep_ == "advmod" and low in HEDGES:
            hypothetical = True  # "had been practically kidnapped": a manner of speaking
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "go" and any(
            a.dep_ == "aux" for a in verb.head.children):
        future = True  # "is going to attack"
    if token.pos_ in ("NOUN", "PROPN") and any(c.lower_ in FUTURE_ADJ for c in token.children if c.dep_ == "amod"):
        future = True
    return future, hypothetical, negated


def obligation(token: Token, upto: Token | None = None) -> Token | None:
    """The verb of obligation ("must", "should") governing `token` (its own clause or one
    between it and `upto`), or None."""
    verbs = [_clause_verb(token)]
    if upto is not None:
        t = verbs[0]
        for _ in range(6):
            if t == upto or t.head == t:
                break
            t = t.head
            if t != upto and t.pos_ in ("VERB", "AUX"):
                verbs.append(t)
    for verb in verbs:
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
            return verb
        if have_to(verb):
            return verb
    return None


def have_to(verb: Token) -> bool:
    """"has to withdraw", "need to act": "have" or "need" followed by its infinitive, with at
    most an adverb between ("they have nowhere to stay" is no obligation)."""
    if verb.lemma_ not in ("have", "need") or verb.pos_ not in ("VERB", "AUX"):
        return False
    for c in verb.children:
        if c.dep_ != "xcomp":
            continue
        to = next((a for a in c.children if a.lower_ == "to" and a.i < c.i), None)
        if to is not None and all(_intensifier(verb.doc[i]) for i in range(verb.i + 1, to.i)):
            return True
    return False


_INTENSIFIERS = frozenset({"still", "just", "also", "even", "now", "really", "only", "then", "already", "again",
                           "first", "too", "urgently", "simply"})


def _intensifier(token: Token) -> bool:
    """An adverb that may stand between "have" and its "to" ("has really to"), unlike "nowhere"."""
    return token.pos_ == "ADV" and (token.lower_ in _INTENSIFIERS or token.lower_.endswith("ly"))
