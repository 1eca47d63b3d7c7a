"""Actor and recipient of a coded event, from the clause around its words.

The actor is the subject of the event verb (or of the wrapping verb: the one who agrees,
demands, threatens), the agent of a passive, the possessor or agent of an event noun
("Armenia's aggression", "attacks by rebels"), the subject of the light verb that governs
the noun ("Armenia launched an aggression"). Where the recipient is depends on the word's
frame: the object and "against/on" for attacks, "to" and the indirect object for what is
given, "with" for joint acts, "from" for withdrawals. Compound phrases give several
entities ("The Armed Forces of Türkiye and Azerbaijan"). PLOVER codes reciprocal meetings
with every participant as actor and no recipient; a visit has the visitor as actor and the
host as recipient.

Pronouns the actors stage left unresolved are resolved here when the clause says who they
are: "we"/"our" inside a quote is its speaker; "it"/"they" in a reported clause is the
subject of the reporting verb ("Iran said it would ...").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ...countries import stance_prefixed
from ...data import read_tsv
from ...document import Document
from ...model import Entity
from ...parsetree import subtree_bounds, token_at
from .coder import REPORT_VERBS, Coded, ended_with

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_FIRST_PERSON = frozenset({"we", "our", "us", "ours", "i", "my", "me"})
_THIRD_PERSON = frozenset({"it", "its", "they", "their", "them", "he", "his", "she", "her"})
_PERSONAL = _FIRST_PERSON | _THIRD_PERSON
_RELATIVE = frozenset({"who", "which", "that", "whose", "whom"})
_PLACE_NOUNS = frozenset({"city", "town", "village", "area", "region", "district", "province", "border", "street", "sector",
                          "streets", "capital", "country", "camp", "market", "square", "building", "office",
                          "station", "territory", "land", "lands", "position", "positions", "site", "base"})
_GUIDANCE = frozenset({"guidance", "supervision", "auspices", "involvement", "leadership", "command",
                       "direction", "sponsorship", "mediation"})

FRAME_PREPS = {
    "patient": ("against", "on", "at", "upon", "toward", "towards", "into"),
    "addressee": ("to", "on", "upon", "against", "at", "with", "toward", "towards"),
    "transfer": ("to", "for", "into"),
    "comitative": ("with",),
    "source": ("from",),
}
DEFAULT_FRAME = {
    "AGREE": "comitative", "CONSULT": "comitative", "COOPERATE": "comitative", "SUPPORT": "addressee",
    "CONCEDE": "addressee", "AID": "transfer", "RETREAT": "transfer", "REQUEST": "addressee",
    "ACCUSE": "addressee", "REJECT": "patient", "THREATEN": "addressee", "PROTEST": "patient",
    "SANCTION": "patient", "MOBILIZE": "patient", "COERCE": "patient", "ASSAULT": "patient",
}
# Event types whose noun takes its recipient in "of" ("the killing of X", "the release of X").
_PATIENT_OF = frozenset({"ASSAULT", "COERCE", "RETREAT", "SANCTION", "AID"})
# Accusation nouns whose "of" names the one accused or investigated ("criticism of the
# government", "the investigation of her email server"), not the one who accuses.
_TARGET_OF = frozenset({"criticism", "condemnation", "investigation", "probe", "inquiry", "censure",
                        "denunciation", "prosecution", "impeachment", "indictment"})
# Nouns of acts done to a person, whose personal possessor is the one it was done to ("his
# arrest", "the journalist's murder"), unless an "of" phrase names that person.
_UNDERGONE_NOUNS = frozenset({"arrest", "detention", "imprisonment", "jailing", "extradition", "deportation",
                              "abduction", "kidnapping", "capture", "murder", "killing", "assassination",
                              "execution", "beating", "torture", "indictment", "conviction", "sentencing"})
# ", 48," after a name: the age apposition of a person's first full naming in news copy.
_AGE_APPOSITION = re.compile(r",(?:\s*(?:Jr|Sr|II|III|IV)\.?\s*,)?\s*\d{1,3}\s*,")  # (", Jr., 48,")
# Verbs whose subject only witnesses or suffers what happens around them ("residents heard
# gunshots during the raids"): not a party to the event named in their clause.
_WITNESS_VERBS = frozenset({"hear", "see", "witness", "watch", "notice", "film", "record", "flee", "hide",
                            "die", "sleep", "shelter", "wait", "cower", "panic", "scream"})
# Verbs whose subject answers the request that is their object ("rejected X's request").
_ANSWER_VERBS = frozenset({"grant", "reject", "refuse", "deny", "approve", "consider", "accept", "heed",
                           "ignore", "review", "answer", "weigh", "decline", "turn"})
# Verbs whose subject receives what their object names ("received the endorsement of X").
_RECEIVE_VERBS = frozenset({"receive", "win", "get", "earn", "gain", "secure", "obtain", "accept", "welcome",
                            "face", "draw", "attract", "incur"})
# Verbs whose subject causes an event rather than doing it ("the shooting sparked protests").
_CAUSE_VERBS = frozenset({"spark", "trigger", "cause", "provoke", "prompt", "fuel", "ignite", "draw"})
# Documents that speak for their author ("a statement saying ...", "a declaration demanding ...").
_DOCUMENT_NOUNS = frozenset({"statement", "declaration", "letter", "communique", "communiqué", "resolution",
                             "report", "message", "note", "memo", "petition", "appeal", "order", "decree",
                             "announcement", "ultimatum", "complaint", "lawsuit", "motion", "bill"})
# Verbs that carry an accusation's content ("claiming that ...", "alleging that ...").
_CLAIM_VERBS = frozenset({"claim", "allege", "say", "charge", "argue", "accuse", "assert", "contend"})
# Verbs of what a deal transfers ("a contract to sell X ...").
_TRANSFER_VERBS = frozenset({"sell", "supply", "provide", "give", "deliver", "buy", "purchase", "lend", "export"})
# Verbs of going somewhere for an event ("flew to Lima for talks").
_TRAVEL_VERBS = frozenset({"fly", "travel", "go", "come", "arrive", "head", "leave", "return", "visit"})
# Armed forces: the owner of those withdrawn or deployed is the one who acts.
_FORCES = frozenset({"troop", "troops", "force", "forces", "soldier", "soldiers", "army", "armies", "unit", "units",
                     "contingent", "personnel", "peacekeeper", "peacekeepers", "military", "warship", "warships"})
# Verbs by which a state actor forms or commands its own units ("inaugurated new units").
_OWN_FORCES_VERBS = frozenset({"inaugurate", "create", "form", "establish", "deploy", "mobilize", "mobilise",
                               "dispatch", "train", "equip", "command", "raise", "set"})
# Traded goods: a measure on them targets the country they come from.
_GOODS = frozenset({"import", "imports", "export", "exports", "good", "goods", "product", "products", "steel",
                    "aluminum", "aluminium", "commodity", "commodities", "shipment", "shipments"})
# Prepositions by which a thing acted on names the party it goes to or is shared with ("aid to
# X", "relations with X", "a curfew on X", "measures against X").
_GOAL_PREPS = ("to", "with", "on", "upon", "against", "toward", "towards")
# Acts done to a thing that reach the party it goes to; not what is asked, blamed or praised, whose
# thing's party is another ("urged retaliation on X", "condemned the attack on X": X is not addressed).
_THING_GOAL_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "AID", "RETREAT", "CONCEDE", "MOBILIZE", "THREATEN",
                               "REJECT"})
# "in protest of X", "in defiance of X", "in opposition to X": whom a protest is against.
_OPPOSITION_NOUNS = frozenset({"protest", "defiance", "opposition", "outrage", "anger", "retaliation"})
# What a protest shows or voices ("to show their disapproval of X", "to express anger at X").
_SHOWN_OPPOSITION = _OPPOSITION_NOUNS | {"disapproval", "displeasure", "discontent", "dissatisfaction", "rejection",
                                         "frustration", "fury", "indignation", "condemnation"}
# Nouns of a demanded removal from office, whose "of" names the one protested against.
_REMOVAL_NOUNS = frozenset({"resignation", "removal", "ouster", "impeachment", "dismissal", "overthrow",
                            "departure", "downfall", "sacking", "recall"})
# Where a material act happens ("in", "into", "near" a town), for an act with no named target.
_ACT_PLACE_PREPS = frozenset({"in", "into", "at", "near", "inside", "outside", "across", "throughout"})
_MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
# Acts whose own place is whom they reach ("withdrew its troops in X", "delivered food in X");
# the rest are said or decided somewhere, and only what they set going has a place that counts.
_DONE_AT_TYPES = _MATERIAL_TYPES | {"AID", "RETREAT", "PROTEST", "CONCEDE"}
# Participles that say where their subject stands, not what was done to it ("is opposed to").
_STATIVE_PARTICIPLES = frozenset({"opposed"})
# Sectors of a state's institutions ("outside Parliament", "at the ministry").
_STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP"})
# Sectors of a country's own groups that are no state institution (rebels, the opposition, a
# party, unions, students, the press, churches): a description of one with no country of its own
# takes the one country its sentence names. Not civilians, who are often the other side's victims.
_HOME_GROUP_SECTORS = frozenset({"REB", "OPP", "PTY", "LAB", "EDU", "JRN", "REL"})
# Prepositions by which a place name only says where something is or goes.
_WHERE_PREPS = frozenset({"in", "to", "into", "at", "from", "across", "toward", "towards", "near", "inside", "via"})
# Prepositions that give what a statement or demand is about, not whom it addresses.
_TOPIC_PREPS = frozenset({"about", "over", "regarding", "concerning"})


@lru_cache(maxsize=1)
def participant_nouns() -> dict[str, tuple[str, str]]:
    """Head noun -> (PLOVER sector, person|group) for participants named by description."""
    out: dict[str, tuple[str, str]] = {}
    for row in read_tsv("participant_nouns.tsv"):
        out[row["noun"].lower()] = (row["sector"], row["kind"])
    for row in read_tsv("titles.tsv"):  # "the president", "the minister": a person by role
        title = row["title"].lower()
        if " " not in title and row.get("sector"):
            out.setdefault(title, (row["sector"], "person"))
    for row in read_tsv("org_words.tsv"):
        if row["kind"] == "head" and row["sector"] and " " not in row["word"]:
            out.setdefault(row["word"].lower(), (row["sector"], "group"))
    return out


_QUANTIFIERS = frozenset({"both", "all", "some", "many", "several", "few", "other", "two", "three", "four",
                          "five", "dozens", "hundreds", "thousands", "more", "most", "such", "these", "those",
                          "the", "a", "an", "this", "that", "another", "any", "each", "every"})


# Acts done to someone, whose past form in a headline is a passive ("Envoy expelled").
_HEADLINE_PASSIVE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def is_headline(sent: Span) -> bool:
    """A line of its own with no closing punctuation: a headline or a caption line."""
    text = sent.text.strip()
    if not text or text[-1] in ".!?\"'”’:;,":
        return False
    doc_text = sent.doc.text
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    end = sent.start_char + len(sent.text.rstrip())
    before = doc_text[:start].rstrip(" \t")
    after = doc_text[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


_DATELINE = re.compile(r"[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,12}){0,2}\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|[—–-])\s")


def _dateline_ranges(document: Document) -> list[tuple[int, int]]:
    """Character ranges of a dateline opening one of the first paragraphs."""
    out: list[tuple[int, int]] = []
    for start in document.paragraph_starts[:3]:
        m = _DATELINE.match(document.text, start)
        if m is not None:
            out.append((start, m.end()))
    return out


@lru_cache(maxsize=1)
def _means_words() -> frozenset[str]:
    """The words of the ways an attack is made ("bomb", "car bomb", "rocket"): ASSAULT's mode cues."""
    from .lexicon import cues

    return frozenset(w for words, _mode in cues().modes.get("ASSAULT", []) for w in words)


def _act_or_means(token: Token) -> bool:
    """A noun that names an act or the means of one ("a bombing in X", "a car bomb in X"): where it
    was says nothing of who did it, as the place of a group ("officials in X") says whose they are."""
    from .lexicon import lexicon

    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in _means_words() or any(e.type for e in lexicon().entries(lemma, "NOUN")))


# Nouns of moving people or things away: "from X" after them says where from, not who is asked.
_MOVES = frozenset({"withdrawal", "release", "removal", "departure", "pullout", "exit", "evacuation", "return",
                    "expulsion", "extradition", "transfer", "repatriation", "retreat", "deportation"})
# Event nouns that name the people the act is done to: their modifiers are the victims.
_VICTIM_NOUNS = frozenset({"hostage", "captive", "abductee", "detainee"})


def _nounlike(token: Token) -> bool:
    """A common noun, or one a headline capitalised ("Lawmaker urges ...")."""
    return token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ in (
        "", "NORP") and token.lower_ in participant_nouns()


class Roles:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.actor_ids = {e.id for e in document.entities if e.type in ACTOR_TYPES}
        # the dateline ("INDIANAPOLIS, Ind. (April 20, 2016) –") says where the story was filed:
        # its names are no participants, whatever the parser hangs them on
        self.dateline = _dateline_ranges(document)
        self.mentions = {i: e for i, e in document.mentions.items()
                         if not any(a <= document.tokens.idx[i] < b for a, b in self.dateline)}
        self.quotes = [(q.start, q.end, q.speaker) for q in document.quotes if q.speaker]
        # participants the text names only by description ("provincial police", "two men")
        self.described: dict[str, Entity] = {}
        # pronouns resolved here ("They killed ..."): token -> (start, end, the entities it names)
        self.pronoun_links: dict[int, tuple[int, int, tuple[str, ...]]] = {}
        # nationality entities ("Russian") -> the entity of their country, when the article names it
        countries = {e.country: e.id for e in document.entities
                     if e.type == "GPE" and e.country and self._is_country_name(e)}
        self._adjective_country = {e.id: countries[e.country] for e in document.entities
                                   if e.type == "NORP" and e.country in countries}
        self._next_id = 1 + max((int(e.id[1:]) for e in document.entities if e.id[1:].isdigit()), default=0)

    @property
    def new_entities(self) -> list[Entity]:
        return list(self.described.values())

    def _described_head(self, head: Token) -> bool:
        if not _nounlike(head) or head.i in self.mentions:
            return False
        table = participant_nouns()
        info = table.get(head.lower_) or table.get(head.lemma_.lower())
        if info is None:
            return False
        if info == ("CVL", "person") or info == ("CVL", "group"):
            return True  # "his brother", "the mayor's wife": the relative is the participant
        return not any(c.dep_ == "poss" for c in head.children)  # "Peru's forces": Peru acts

    def _own_forces_country(self, head: Token) -> str | None:
        """Units a state actor creates, inaugurates, deploys or trains are its own ("the president
        inaugurated new units"): they take the country of the one who acts on them."""
        t = head
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "of":  # "units of commando forces"
            t = t.head.head
        if t.dep_ not in ("dobj", "nsubjpass") or t.head.lemma_.lower() not in _OWN_FORCES_VERBS:
            return None
        verb = t.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "agent"):
                subj = c if c.dep_ == "nsubj" else next((p for p in c.children if p.dep_ == "pobj"), None)
                eid = self.mentions.get(subj.i) if subj is not None else None
                e = self.document.entity(eid) if eid else None
                if e is not None and e.country and (e.type in ("GPE", "NORP") or e.sector in ("GOV", "MIL")):
                    return e.country
        return None

    def describe(self, head: Token) -> str | None:
        """An entity for a participant named by a description ("provincial police", "a panel of
        judges", "Peruvian officials"), created once per description in the article."""
        table = participant_nouns()
        if not _nounlike(head) or head.i in self.mentions:
            return None
        info = table.get(head.lower_) or table.get(head.lemma_.lower())
        if info is None and head.i > 0 and token_at(head, head.i - 1).head == head:
            # two-word descriptions whose head alone says too little ("a rights group", "aid agencies")
            info = table.get(f"{token_at(head, head.i - 1).lower_} {head.lower_}")
        if info is None:
            return None
        sector, kind = info
        if kind == "body" and not (head.dep_ == "nsubj" and any(c.dep_ == "det" and c.lower_ == "the"
                                                                 for c in head.children)):
            return None  # "the city lifted the curfew": its government; "marched through the city": a place
        mods = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in _QUANTIFIERS
                and c.pos_ in ("NOUN", "PROPN", "ADJ") and not any(a <= c.idx < b for a, b in self.dateline)]
        first = head
        for c in sorted(mods, key=lambda t: -t.i):  # extend left over contiguous modifiers only
            if c.i == first.i - 1:
                left = subtree_bounds(c)[0]  # "a [New York] man": the whole modifier
                first = token_at(c, left) if token_at(c, left).lower_ not in _QUANTIFIERS else c
        if sector == "CVL":  # "Tom Hale's wife", "his brother": named with whose relative they are
            owner = next((c for c in head.children if c.dep_ == "poss" and c.i < first.i), None)
            if owner is not None and not any(a <= owner.idx < b for a, b in self.dateline):
                first = owner.left_edge
        start, end = first.idx, head.idx + len(head.text)
        name = self.document.text[start:end]
        if "\n" in name:
            start, name = head.idx, head.text
        country = None
        # the words of the description before its head ("Turkish Kurd refugees"), not a stance ("anti-X")
        modifiers = [t for t in head.doc[first.i:head.i] if not stance_prefixed(t)]
        for c in modifiers:
            eid = self.mentions.get(c.i)
            e = self.document.entity(eid) if eid else None
            if e is not None and e.country and e.type in ("GPE", "NORP"):
                country = e.country
        if country is None:  # "Catalan activists", "Kurdish protesters": the country of the region the adjective names
            country = next((p.country for c in modifiers for p in self.document.places
                            if p.country and any(m.start <= c.idx < m.end for m in p.mentions)), None)
        if country is None:
            country = self._own_forces_country(head)
        if country is None:  # "a mayor in Mexico's Guerrero state", "inspectors from the agency"
            located = [e for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "from", "of")
                       for p in c.children if p.dep_ == "pobj" for e in self.entities_in(p, True, 2)]
            country = next((x.country for x in (self.document.entity(e) for e in located)
                            if x is not None and x.country), None)
            if country is None:  # "inspectors from the atomic agency": the organisation's people
                sector = next((x.sector for x in (self.document.entity(e) for e in located)
                               if x is not None and x.sector in ("IGO", "NGO")), sector)
        if country is None and sector in _HOME_GROUP_SECTORS and not self._clause_subject(head):
            # "the government accepted demands from X rebels"; not the doer ("militants attacked
            # X soldiers": the sentence's country is the other side's)
            country = self._sentence_country(head)
        if kind == "person" and sector in (None, "UNK", "CVL"):
            named = self._delayed_identification(head, start, end)
            if named is not None:
                return named
        key = name.lower() + "|" + (country or "")
        span = self.document.span(start, end)
        entity = self.described.get(key)
        if entity is None:
            entity = Entity(id=f"E{self._next_id}", name=name, type="PERSON" if kind == "person" else "ORG",
                            country=country, sector=sector, mentions=[span])
            self._next_id += 1
            self.described[key] = entity
        elif all(m.start != span.start for m in entity.mentions):
            entity.mentions.append(span)
        return entity.id

    @staticmethod
    def _clause_subject(head: Token) -> bool:
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        return head.dep_ in ("nsubj", "agent") or head.dep_ == "pobj" and head.head.dep_ == "agent"

    def _sentence_country(self, head: Token) -> str | None:
        """The one country the sentence of `head` names by a country's name or demonym, not as where
        something happens ("arrived in X" says nothing of who arrived); None when it names none or
        several. A country's own groups are the country's its sentence is about."""
        codes = set()
        for t in head.sent:
            eid = self.mentions.get(t.i)
            e = self.document.entity(eid) if eid else None
            if e is None or not e.country or not (e.type == "NORP" or e.type == "GPE" and self._is_country_name(e)) \
                    or stance_prefixed(t):
                continue
            root = t
            while root.dep_ in ("compound", "flat") and root.head.i != root.i:
                root = root.head
            if not (root.dep_ == "pobj" and root.head.lower_ in _WHERE_PREPS):
                codes.add(e.country)
        return codes.pop() if len(codes) == 1 else None

    def _delayed_identification(self, head: Token, start: int, end: int) -> str | None:
        """A news lead's "delayed identification": the lead introduces a person by description
        ("A New York man who ... pleaded guilty") and a following sentence opens with their name
        and age ("Tom Hale, 48, of Long Beach, ..."). An indefinite description of one person,
        subject of its clause in the article's first two sentences, is the first person named in
        the two sentences after it when that sentence opens with the name and its age, and the
        name was not mentioned before."""
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children) or head.dep_ not in (
                "nsubj", "nsubjpass"):
            return None
        document = self.document
        k = document.sentence_of(head.idx)
        if k > 1:
            return None
        starts = document.sentence_starts
        lo = starts[k + 1] if k + 1 < len(starts) else len(document.text)
        hi = starts[k + 3] if k + 3 < len(starts) else len(document.text)
        for e in sorted((e for e in document.entities if e.type == "PERSON" and e.mentions),
                        key=lambda e: e.mentions[0].start):
            first = e.mentions[0]
            if first.start < lo:
                continue
            if first.start >= hi:
                break
            opens = not document.text[starts[document.sentence_of(first.start)]:first.start].strip()
            if opens and _AGE_APPOSITION.match(document.text, first.end):
                self.pronoun_links[head.i] = (start, end, (e.id,))  # (the description is a mention of them)
                return e.id
            return None  # the first person named after the lead is someone else
        return None

    # --- entities named by a phrase ------------------------------------------------------------

    def mention(self, token: Token) -> str | None:
        eid = self.mentions.get(token.i)
        if eid not in self.actor_ids or stance_prefixed(token):  # "anti-X", "pro-X": a stance, no party
            return None
        if token.tag_ == "JJ" and eid in self._adjective_country and token.dep_ == "amod" and \
                token.head.pos_ in ("NOUN", "VERB") and not self._described_head(token.head):
            # "Peruvian shelling", "the Chilean offensive": a nationality adjective on an act names
            # the country's side, which the article names as a country too ("Bolivian protesters"
            # are people, not the state)
            return self._adjective_country[eid]
        return eid

    def _hometown(self, eid: str | None, place: Token) -> bool:
        """"Tom Hale, 48, of Boston": a place after a named person's "of" is where they live."""
        person = self.document.entity(eid) if eid is not None else None
        if person is None or person.type != "PERSON":
            return False
        m = self.mention(place)
        e = self.document.entity(m) if m is not None else None
        return e is not None and e.type in ("GPE", "LOC", "FAC")

    def entities_in(self, head: Token, with_conj: bool = True, _depth: int = 0) -> list[str]:
        """Entities that a noun phrase headed by `head` names as participants."""
        out: list[str] = []
        heads = [head] + ([t for t in head.conjuncts if t.i > head.i] if with_conj else [])
        for h in heads:
            got: list[str] = []
            eid = self.mention(h)
            if eid is not None:
                got.append(eid)
            elif h.pos_ == "PRON" or h.lower_ in _PERSONAL:
                got += self.resolve_pronoun(h)
            elif self._described_head(h):
                # "a Lima man", "Peruvian officials", "provincial police": one participant named by
                # description; a place or nationality in it is where it is from, not another actor.
                # Names in apposition name it better ("two builders, Ana Ruiz and Tom Hale").
                named = [m for c in h.children if c.dep_ == "appos" for x in [c, *c.conjuncts]
                         if (m := self.mention(x)) is not None]
                described = self.describe(h) if not named else None
                if named:
                    out += named
                    continue
                if described is not None:
                    out.append(described)
                    continue
            inside = self._mention_span(h, eid)
            for c in h.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod", "appos"):
                    for x in [c, *c.conjuncts]:
                        m = self.mention(x)
                        if m is not None and not (inside[0] <= x.idx < inside[1] and self._same_country(m, eid)):
                            got.append(m)
                        elif x.lower_ in _PERSONAL and c.dep_ == "poss":
                            got += self.resolve_pronoun(x)
                elif c.dep_ == "prep" and c.lower_ == "of" and _depth < 2:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            if p.lower_ in _RELATIVE:
                                got += self.relative_owner(p)
                            elif not self._hometown(eid, p):
                                got += self.entities_in(p, True, _depth + 1)
            if not got and h.lower_ in _RELATIVE:
                got += self.relative_owner(h)
            if not got:  # "proponents, including the Conference of Mayors": the members named
                for c in h.children:
                    if c.dep_ == "prep" and c.lower_ in ("including", "like"):
                        got += [e for p in c.children if p.dep_ == "pobj" for e in self.entities_in(p, True, 2)]
            if not got and h.pos_ in ("NOUN", "PROPN", "NUM", "SYM") and _depth < 2:
                got += self._goods_origin(h)
            if not got and h.pos_ in ("NOUN", "PROPN") and _depth < 2:
                got += self._fallback_entities(h)
            if not got and h.pos_ == "NOUN":
                described = self.describe(h)
                if described is not None:
                    got.append(described)
            out += got
        return list(dict.fromkeys(out))

    def _person(self, eid: str) -> bool:
        entity = self.document.entity(eid) or self.described_entity(eid)
        return entity is not None and entity.type == "PERSON"

    def _same_country(self, a: str, b: str | None) -> bool:
        ea, eb = self.document.entity(a), self.document.entity(b) if b else None
        return ea is not None and eb is not None and ea.country is not None and ea.country == eb.country

    def _mention_span(self, token: Token, eid: str | None) -> tuple[int, int]:
        """The characters of the mention of `eid` that contains `token` ("Canadian forces"):
        words inside it belong to that entity, not to separate participants."""
        if eid is None:
            return (0, 0)
        e = self.document.entity(eid)
        for m in e.mentions if e is not None else []:
            if m.start <= token.idx < m.end:
                return (m.start, m.end)
        return (0, 0)

    def _goods_origin(self, head: Token) -> list[str]:
        """"duties on $2 billion of imports from Peru", "on Peruvian copper": the country the
        goods come from is the one a trade measure targets."""
        t = head
        for _ in range(3):
            if t.lemma_.lower() in _GOODS:
                got = self._prep_objects(t, ("from",))
                got += [m for c in t.children if c.dep_ in ("amod", "compound", "poss")
                        if (m := self.mention(c)) is not None]
                return got
            ofs = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                   if p.dep_ == "pobj"]
            if not ofs:
                return []
            t = ofs[0]
        return []

    def _fallback_entities(self, head: Token) -> list[str]:
        """A phrase that names no entity itself: the author of a proposal or call ("calls by
        the opposition for ..."), else the country of a group placed somewhere ("officials in
        Baghdad", "police in the capital of X") — PLOVER codes groups by their country."""
        by: list[str] = []
        located: list[str] = []
        for c in head.children:
            if c.dep_ not in ("prep", "agent"):
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if c.lower_ in ("by", "from"):
                    by += self.entities_in(p, True, 2)
                elif c.lower_ in ("in", "at") and head.lemma_.lower() not in _PLACE_NOUNS:
                    located += [e for e in self.entities_in(p, True, 2) if self._is_country_place(e)]
        return by or located

    def _is_country_place(self, eid: str) -> bool:
        e = self.document.entity(eid)
        return e is not None and e.type == "GPE" and e.country is not None

    def _relative_agent(self, clause: Token, known: list[str]) -> list[str]:
        """The doer in "the operation [we conducted]" / "a campaign [conducted by Armenia]"."""
        if clause.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.lower_ in _RELATIVE for s in clause.children):
            return []  # "the war, which ended ...": the noun is the subject, no other doer
        if any(t.dep_ == "pobj" and t.lower_ in _RELATIVE for t in clause.subtree):
            return []  # "the statement, under which Armenia returned ...": another act
        return [x for x in self.subject_of(clause) if x not in known]

    def _is_name_of_event(self, eid: str) -> bool:
        """An organisation without country or sector modifying an event noun is most likely
        the event's own name ("the “Anatolian Eagle” exercise"), not a participant."""
        e = self.document.entity(eid)
        return e is not None and e.type == "ORG" and e.country is None and e.sector is None

    def resolve_pronoun(self, token: Token) -> list[str]:
        low = token.lower_
        if low in _FIRST_PERSON:
            for start, end, speaker in self.quotes:
                if start <= token.idx < end:
                    return [speaker] if speaker in self.actor_ids else []
            return []
        if low in _THIRD_PERSON:
            # "Iran said it would ...": the subject of the governing reporting verb
            t = token
            for _ in range(8):
                if t.head == t:
                    break
                t = t.head
                if t.lemma_.lower() in REPORT_VERBS and t.pos_ == "VERB" and t.i < token.i:
                    for c in t.children:
                        if c.dep_ == "nsubj" and c.i != token.i and c.lower_ not in _THIRD_PERSON:
                            return self.entities_in(c)
            if token.dep_ == "poss" and low in ("its", "their", "his", "her"):
                # "the bloc reaffirmed its support", "the army completed the withdrawal of its troops":
                # a possessive inside a clause's object is bound by that clause's subject
                verb = token.head
                for _ in range(4):
                    if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                        break
                    verb = verb.head.head if verb.dep_ == "pobj" else verb.head
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb.pos_ in (
                    "VERB", "AUX") else []
                if subj and subj[0].i < token.i and subj[0].lower_ not in _PERSONAL and \
                        token not in subj[0].subtree:  # "one of their commanders said": not itself
                    return self.entities_in(subj[0])
            if low in ("they", "it") and token.dep_ == "nsubj":
                return self._previous_subject(token)
        return []

    def _previous_subject(self, token: Token) -> list[str]:
        """"Militants stormed the base. They killed 23 soldiers": a group pronoun opening a
        sentence's main clause is the group that the previous sentence of its paragraph is about
        (its one main subject), when that names bodies, not people."""
        sent = token.sent
        verb = token.head
        if verb != sent.root or any(t.dep_ in ("nsubj", "nsubjpass") for t in sent if t.i < token.i):
            return []
        if sent.start == 0:
            return []
        prev = token_at(token, sent.start - 1).sent
        if self.document.paragraph_of(prev.start_char) != self.document.paragraph_of(sent.start_char):
            return []
        subjects = [c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1 or subjects[0].pos_ == "PRON":
            return []
        got = self.entities_in(subjects[0])
        entities = [self.document.entity(e) or self.described_entity(e) for e in got]
        if not got or any(e is None or e.type == "PERSON" for e in entities):
            return []
        self.pronoun_links[token.i] = (token.idx, token.idx + len(token.text), tuple(got))
        return got

    def described_entity(self, eid: str) -> Entity | None:
        return next((e for e in self.described.values() if e.id == eid), None)

    def relative_owner(self, rel: Token) -> list[str]:
        """For "units ..., the personnel of which ...": who owns the antecedent of the relative
        pronoun (the antecedent's entities, else the subject of the verb it is the object of)."""
        t = rel
        for _ in range(6):
            if t.dep_ == "relcl" or t.head == t:
                break
            t = t.head
        if t.dep_ != "relcl":
            return []
        antecedent = t.head
        got = [e for e in self.entities_in(antecedent, False, 2)] if antecedent.lower_ not in _RELATIVE else []
        if got:
            return got
        gov = antecedent
        for _ in range(3):
            if gov.dep_ in ("dobj", "nsubjpass"):
                return self.subject_of(gov.head)
            if gov.dep_ == "pobj" and gov.head.dep_ == "prep":
                gov = gov.head.head
                continue
            break
        return []

    # --- subjects and objects of verbs -----------------------------------------------------------

    def subject_of(self, verb: Token, _hops: int = 0) -> list[str]:
        out: list[str] = []
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                out += self._doers_in(c)
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        out += self.entities_in(p)
        if out or _hops > 3:
            return list(dict.fromkeys(out))
        if verb.dep_ in ("acomp", "attr") and verb.head.pos_ in ("AUX", "VERB"):
            return self.subject_of(verb.head, _hops + 1)  # "the ministry said it was ready to host"
        prior = self._reduced_relative_subject(verb)
        if prior:
            return prior
        head = verb.head
        if head == verb:
            if any(c.dep_ in ("nsubj", "csubj") for c in verb.children):
                return []  # "a bombing in X killed ...": a subject that names no one, not the words before
            return self._words_before(verb)
        if verb.dep_ == "xcomp":
            # object control: "urged Iraq to withdraw" -> Iraq withdraws; a passive controller:
            # "was forced to step down" -> its subject steps down
            for c in head.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    objs = self.entities_in(c)
                    if objs:
                        return objs
            return self.subject_of(head, _hops + 1)
        if verb.dep_ in ("conj", "advcl", "ccomp", "pcomp") and head.pos_ in ("VERB", "AUX"):
            if verb.dep_ == "ccomp" and head.lemma_.lower() in REPORT_VERBS:
                return []
            return self.subject_of(head, _hops + 1)
        if verb.dep_ in ("acl", "amod") and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"):
            # a verb the small model hung on a noun root: "The rebels handed in their weapons"
            return self.entities_in(head) if verb.dep_ == "acl" else self._words_before(verb)
        root = verb.sent.root
        if verb.dep_ == "acl" and root.pos_ in ("NOUN", "PROPN") and root.i < head.i and verb.i > root.i:
            # "Nurses from three charities delivered ...": the model hung the verb on the noun root's phrase
            return self.entities_in(root) or self.entities_in(head)
        if verb.dep_ == "acl" and head.lemma_.lower() in _DOCUMENT_NOUNS:
            # "issued a declaration demanding that ...": the document's author speaks
            owner = [m for c in head.children if c.dep_ == "poss" and (m := self.mention(c)) is not None]
            if owner:
                return owner
            if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
                return self.subject_of(head.head, _hops + 1)
        relative_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE for c in verb.children)
        if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON") and (
                relative_subject or verb.dep_ == "acl"):
            if verb.dep_ == "acl" and verb.tag_ == "VBN":
                return []
            return self._doers_in(head, False)
        return []

    def _doers_in(self, head: Token, with_conj: bool = True) -> list[str]:
        """The entities a subject phrase names as doers: not the place of an act or of its means
        ("a bombing in X killed ...", "the bombing in X that killed ...": X is where, not who)."""
        got = self.entities_in(head, with_conj)
        if got and _act_or_means(head):
            where = {e for p in head.children if p.dep_ == "prep" and p.lower_ in ("in", "at")
                     for q in p.children if q.dep_ == "pobj" for e in self.entities_in(q, True, 2)}
            got = [e for e in got if e not in where]
        return got

    def _reduced_relative_subject(self, verb: Token) -> list[str]:
        """"Armenia's forces deployed in the region shelled the town": the small model makes
        "deployed" the verb and leaves "shelled" without subject; the subject is deployed's."""
        from .coder import reduced_relative

        left = subtree_bounds(verb)[0]
        if left == 0:
            return []
        prev = token_at(verb, left - 1)
        for anc in [prev, *prev.ancestors]:
            if anc.pos_ == "VERB" and reduced_relative(anc) == verb:
                for c in anc.children:
                    if c.dep_ == "nsubj":
                        return self.entities_in(c)
        return []

    def _words_before(self, verb: Token) -> list[str]:
        """A verb the parser left without subject: the entities named right before it
        ("In meetings on Monday, the two presidents reviewed ...")."""
        i = verb.i - 1
        out: list[str] = []
        while i >= verb.sent.start:
            t = token_at(verb, i)
            if t.is_punct or t.lower_ in ("and", "also", "both") or t.pos_ in ("ADV",):
                i -= 1
                continue
            eid = self.mention(t)
            if eid is None:
                break
            if eid not in out:
                out.append(eid)
            i -= 1
        return out

    def _complement_subject(self, verb: Token, exclude: list[str]) -> list[str]:
        """"demanded that Israel stop ...", "called for the governor to revive ...": the one who is to
        act is the addressee."""
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") or c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                for s in c.children:
                    if s.dep_ in ("nsubj", "nsubjpass"):
                        got = [e for e in self.entities_in(s) if e not in exclude]
                        if got:
                            return got
        return []

    def _asked_from(self, verb: Token, exclude: list[str]) -> list[str]:
        """"requested $50 million in emergency aid from Congress": whom a thing is asked from, where
        the parser hangs "from" inside the object phrase."""
        for c in verb.children:
            if c.dep_ != "dobj" or c.lemma_.lower() in _MOVES:
                continue  # ("demanded the withdrawal of troops from X": X is where they leave)
            near = [c] + [q for x in c.children if x.dep_ == "prep" for q in x.children
                          if q.dep_ == "pobj" and q.lemma_.lower() not in _MOVES]
            for t in (t for n in near for t in n.children):
                if t.dep_ == "prep" and t.lower_ == "from":
                    got = [e for p in t.children if p.dep_ == "pobj" for e in self.entities_in(p) if e not in exclude]
                    if got:
                        return got
        return []

    def _content_clause_subject(self, noun: Token, exclude: list[str]) -> list[str]:
        """"reiterated its demand that Israel ease ...", "a call that the army withdraw": the
        subject of the that-clause a demand noun states is the one asked (the parser hangs the
        clause on the noun or, after it, on the noun's verb)."""
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
        if noun.dep_ == "dobj":
            clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
        for c in clauses:
            if not any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                continue
            got = [e for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for e in self.entities_in(s)
                   if e not in exclude]
            if got:
                return got
        return []

    def _purpose_target(self, verb: Token, exclude: list[str]) -> list[str]:
        """Forces readied "for a war against X", "for an offensive on X": the attack they are for
        names its target."""
        from .lexicon import lexicon

        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                for p in c.children:
                    entry = lexicon().match(p) if p.dep_ == "pobj" else None
                    if entry is not None and entry.type == "ASSAULT":
                        got = [e for e in self._prep_objects(p, FRAME_PREPS["patient"]) if e not in exclude]
                        if got:
                            return got
        return []

    def _claim_subject(self, word: Token, exclude: list[str]) -> list[str]:
        """Whom an accusation is about when its content follows in a participle ("filed a
        complaint ..., claiming that the aide violated ..."): the subject of that content."""
        clause = word if word.pos_ in ("VERB", "AUX") else word.head
        for c in clause.children:
            if c.dep_ in ("advcl", "xcomp", "acl") and c.lemma_.lower() in _CLAIM_VERBS:
                got = self._complement_subject(c, exclude)
                if got:
                    return got
        return []

    def _deal_party(self, word: Token, exclude: list[str]) -> list[str]:
        """The other party of a deal or contract named by what it transfers ("a contract to sell
        Saudi Arabia 180 howitzers", "a deal to supply Germany with drones")."""
        nouns = [word] + [c for c in word.children if c.dep_ in ("dobj", "nsubjpass")]
        for n in nouns:
            for c in n.children:
                if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _TRANSFER_VERBS:
                    got = [e for d in c.children if d.dep_ in ("dative", "dobj", "iobj")
                           for e in self.entities_in(d) if e not in exclude]
                    got += [e for e in self._prep_objects(c, ("to", "with")) if e not in exclude]
                    if got:
                        return got
        return []

    def _condition_subject(self, verb: Token, exclude: list[str]) -> list[str]:
        """The one a threat is made to: the subject of its condition ("... unless the capital
        accepts its terms", "if the council goes ahead")."""
        for t in verb.subtree:
            if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in t.children):
                for s in t.children:
                    if s.dep_ in ("nsubj", "nsubjpass"):
                        got = [e for e in self.entities_in(s) if e not in exclude]
                        if got:
                            return got
        return []

    def _place_word(self, eid: str, verb: Token) -> bool:
        """Is the entity a town, an area or a building named after "on/at/in/into" (a location)?"""
        e = self.document.entity(eid)
        if e is None or e.type not in ("GPE", "LOC", "FAC"):
            return False
        if e.type == "GPE" and e.country and self._is_country_name(e):
            return False  # "fired on Syria": a state is a party
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "at", "in", "into", "near", "outside") and any(
                    m.start <= t.idx < m.end for t in c.subtree for m in e.mentions):
                return True
        return False

    def _agents(self, verb: Token) -> list[str]:
        """The doer of a passive verb: its "by" agent only."""
        return [e for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                for e in self.entities_in(p)]

    @staticmethod
    def _inside_reported_clause(noun: Token, report: Token) -> bool:
        """Is the event noun inside a clause the report verb reports, rather than its own object
        ("announced the withdrawal": the announcer's; "said the bullet was meant for the attack's
        target": not the sayer's)?"""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return False
        t = noun
        for _ in range(12):
            if t.head == t or t.head.i == report.i:
                break
            t = t.head
        return t.head.i == report.i and t.i != noun.i and t.dep_ in ("ccomp", "advcl", "conj", "parataxis") or \
            t.dep_ in ("ccomp", "parataxis") and t.i == noun.i

    @staticmethod
    def _named_subject(verb: Token) -> bool:
        """Does the clause of `verb` have a subject of its own that is not a pronoun? (A word the
        tagger read as a noun heads a clause when it has a subject: "the spate of X demands that".)"""
        return any(
            c.dep_ in ("nsubj", "csubj") and c.pos_ not in ("PRON", "DET") for c in verb.children)

    def _passive(self, verb: Token) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)

    def _headline_passive(self, verb: Token, type_: str) -> bool:
        """"Aide to mayor arrested", "Two soldiers killed in ambush": a headline drops the
        auxiliary of a passive, and the small model reads its subject as the doer. A past form
        of an act done to someone, with a subject, no auxiliary and no object, on a line of its
        own with no closing punctuation, is the passive."""
        if type_ not in _HEADLINE_PASSIVE_TYPES or verb.tag_ not in ("VBD", "VBN"):
            return False
        if not any(c.dep_ == "nsubj" for c in verb.children) or any(
                c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp", "xcomp", "agent") for c in verb.children):
            return False
        return is_headline(verb.sent)

    def _prep_objects(self, token: Token, preps: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for c in token.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out += self.entities_in(p)
        if "from" in preps:  # "pulled its troops out of X": "out of" is "from"
            for c in token.children:
                ofs = [x for x in c.children if x.dep_ == "prep" and x.lower_ == "of"] if c.lower_ == "out" else \
                    [c] if c.dep_ == "prep" and c.lower_ == "of" and any(
                        x.lower_ == "out" and x.dep_ == "prt" for x in token.children) else []
                out += [e for x in ofs for p in x.children if p.dep_ == "pobj" for e in self.entities_in(p)]
        return out

    def _accused_doers(self, token: Token) -> list[str]:
        """The doers of an act an accusation is about ("over two X air raids", "into crimes
        committed by X", "about Y's crackdown"): what is said of a topic noun that names no party
        itself, by its possessor or a nationality word on it, its "by" phrase, or the agent of a
        verb describing it."""
        out: list[str] = []
        for c in token.children:
            if c.dep_ != "prep" or c.lower_ not in _TOPIC_PREPS | {"into", "for"}:
                continue
            for noun in (p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"):
                if noun.i in self.mentions or self._described_head(noun):
                    continue  # a party itself, taken as such by the rules of its preposition
                for x in noun.children:
                    if x.dep_ in ("poss", "amod", "compound") and (m := self.mention(x)) is not None:
                        out.append(m)
                    elif x.dep_ == "prep" and x.lower_ == "by":
                        out += [e for p in x.children if p.dep_ == "pobj" for e in self.entities_in(p)]
                    elif x.dep_ in ("acl", "relcl") and x.pos_ == "VERB":
                        out += [e for a in x.children if a.dep_ == "agent" for p in a.children
                                if p.dep_ == "pobj" for e in self.entities_in(p)]
        return list(dict.fromkeys(out))

    def _thing_goal(self, verb: Token, passive: bool, frame: str, actors: list[str]) -> list[str]:
        """A verb whose object is a thing, not a party, acts on the party the thing goes to or is
        held with ("cut off electricity to X", "halted aid to X", "closed its borders with X",
        "lifted the curfew on X"), whether the parser hangs that phrase on the thing or on the verb.
        The actor's own things ("closed its borders with X") are things too."""
        objs = [x for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")
                for x in [c, *c.conjuncts]]
        if not objs or any(e not in actors for o in objs for e in self.entities_in(o)):
            return []
        goal = _GOAL_PREPS + (("for",) if frame == "transfer" else ())
        out = [r for r in self._prep_objects(verb, goal) if not self._place_word(r, verb)]
        for o in objs:
            out += self._prep_objects(o, goal)
            for c in o.children:  # "70 million dollars of aid for X": the measured thing's phrase
                if c.dep_ == "prep" and c.lower_ == "of":
                    out += [r for p in c.children if p.dep_ == "pobj" for r in self._prep_objects(p, goal)]
        return list(dict.fromkeys(out))

    def _objects(self, token: Token, deps: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for c in token.children:
            if c.dep_ in deps:
                out += self.entities_in(c)
        return out

    # --- roles of one word -------------------------------------------------------------------

    def word_roles(self, token: Token, type_: str, frame: str | None, mode: str | None,
                   requires: frozenset[str] = frozenset()) -> tuple[list[str], list[str], list[str]]:
        """(actors, recipients, mutual participants) of one trigger word; `requires`: the words its
        lexicon row names (a verb among them governing a noun is the noun's own light verb)."""
        """(actors, recipients, reciprocal participants) that `token` itself governs."""
        frame = frame or DEFAULT_FRAME.get(type_, "patient")
        preps = FRAME_PREPS.get(frame, ())
        if type_ == "CONSULT" and mode in ("visit", "host"):
            preps = ("to", "in", "at", "with")
        actors: list[str] = []
        recipients: list[str] = []
        mutual: list[str] = []
        nominal = token.pos_ == "VERB" and token.tag_ in ("VBG", "NN") and token.dep_ in (
            "nsubj", "nsubjpass", "dobj", "pobj", "attr") and not any(
            c.dep_ in ("nsubj", "dobj", "aux") for c in token.children)  # "the police beating of a man"
        if token.pos_ in ("VERB", "AUX", "ADJ") and not nominal:
            passive = self._passive(token)
            if (passive or token.dep_ == "acomp") and token.lower_ in _STATIVE_PARTICIPLES and \
                    not self._agents(token) and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
                # "X is opposed to Y's plan": an adjective, not a passive; X opposes, Y is opposed
                holder = token if passive else token.head
                actors = [e for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") for e in self.entities_in(c)]
                return actors, [r for r in self._prep_objects(token, ("to",)) if r not in actors], []
            if token.tag_ == "VBN" and token.dep_ in ("xcomp", "oprd", "acomp") and not passive:
                # "was found shot", "left wounded": a participle complement is passive
                head = token.head
                patients = [e for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for e in self.entities_in(c)]
                return [], patients, []
            actors = self.subject_of(token) if not passive else self._agents(token)
            headline = not passive and frame == "patient" and self._headline_passive(token, type_)
            if headline:  # its subject suffered the act; a doer, if any, follows "by"
                actors, recipients = self._prep_objects(token, ("by",)), self._objects(token, ("nsubj",))
            elif frame == "undergo":  # "the patrol came under fire": the subject is attacked
                recipients, actors = actors, self._prep_objects(token, ("by", "from"))
            elif frame == "transfer":
                recipients = self._objects(token, ("dative", "iobj")) + self._prep_objects(token, preps)
                for c in token.children:
                    if c.dep_ == "dobj" and not recipients:
                        for x in [c, *c.conjuncts]:
                            recipients += self._prep_objects(x, ("to",))
                if not recipients:
                    recipients = self._objects(token, ("nsubjpass",) if passive else ("dobj",))
            elif frame == "source":
                # "recalled its ambassador from Mexico City": the side left is the recipient; the
                # actor's own people (a possessive object) are not
                own = [c for c in token.children if c.dep_ == "dobj" and any(
                    x.dep_ == "poss" and x.pos_ == "PRON" for x in c.children)]
                recipients = [] if own and not passive else self._objects(token, ("nsubjpass",) if passive else ("dobj",))
                recipients += self._prep_objects(token, preps)
                for o in own:  # "recalled its ambassador from Mexico City"
                    recipients += self._prep_objects(o, preps)
                if not recipients:
                    recipients = self._prep_objects(token, FRAME_PREPS["patient"])
            elif frame == "comitative":
                mutual = self._prep_objects(token, preps) + self._objects(token, ("nsubjpass",) if passive else ("dobj",))
                recipients = self._prep_objects(token, ("to", "on", "against"))
            else:
                recipients = self._objects(token, ("nsubjpass",) if passive else ("dobj",))
                # "shot on the southeast side", "fired at a bar in X": a verb's place is where, not whom
                # (a visit's place is its host: "arrived in X on a visit")
                visit = type_ == "CONSULT" and mode == "visit"
                recipients += [r for r in self._prep_objects(token, preps) if visit or not self._place_word(r, token)]
                if type_ in ("ASSAULT",) and not recipients:
                    recipients = self._prep_objects(token, ("with",))
                if passive and not recipients and token.dep_ in ("pcomp", "advcl") and token.head.pos_ in (
                        "ADP", "SCONJ", "VERB", "AUX") and not any(c.dep_ == "nsubjpass" for c in token.children):
                    # "a man died after being shot": the patient is the main clause's subject
                    main = token.head.head if token.head.pos_ in ("ADP", "SCONJ") else token.head
                    recipients = [r for r in self.subject_of(main) if r not in actors]
            if not [r for r in recipients if r not in actors] and not headline and \
                    frame in ("patient", "addressee", "transfer") and type_ in _THING_GOAL_TYPES:
                recipients = [r for r in self._thing_goal(token, passive, frame, actors) if r not in actors]
        else:
            actors, recipients, mutual = self._noun_roles(token, type_, frame, preps, requires)
        return actors, recipients, mutual

    def _noun_roles(self, noun: Token, type_: str, frame: str, preps: tuple[str, ...],
                    requires: frozenset[str] = frozenset()) -> tuple[list[str], list[str], list[str]]:
        from .coder import measured_phrase

        phrase = measured_phrase(noun.head if noun.dep_ == "compound" else noun)
        actors: list[str] = []
        recipients: list[str] = []
        mutual: list[str] = []
        received = phrase.dep_ in ("dobj", "nsubjpass") and phrase.head.lemma_.lower() in _RECEIVE_VERBS
        undergone = noun.lemma_.lower() in _UNDERGONE_NOUNS and type_ in ("ASSAULT", "COERCE") and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) and all(
            not (c.dep_ == "poss" and (m := self.mention(c)) is not None and not self._person(m))
            for c in noun.children)
        for node in {noun, phrase}:
            for c in node.children:
                if c.dep_ == "poss" and undergone:
                    for x in [c, *c.conjuncts]:
                        m = self.mention(x)
                        if m is not None and self._person(m):
                            recipients.append(m)
                        elif x.lower_ in ("his", "her"):
                            recipients += self.resolve_pronoun(x)
                elif c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and noun.lemma_.lower() in _VICTIM_NOUNS:
                    # "three French hostages": the modifier says who the victims are, not who took them
                    recipients += [m for x in [c, *c.conjuncts] if (m := self.mention(x)) is not None]
                elif c.dep_ == "poss" or c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
                    for x in [c, *c.conjuncts]:
                        m = self.mention(x)
                        if m is not None and (c.dep_ == "poss" or not self._is_name_of_event(m)):
                            actors.append(m)
                        elif c.dep_ == "poss" and x.lower_ in _PERSONAL:
                            actors += self.resolve_pronoun(x)
                        elif c.dep_ in ("compound", "poss") and (d := self.describe(x)) is not None:
                            actors.append(d)  # "the police raid", "protesters' demands"
                elif c.dep_ == "prep":
                    low = c.lower_
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    for p in objs:
                        if low == "by" or low == "from" and received:
                            actors += self.entities_in(p)  # ("won backing from X": X gives it)
                        elif low in ("between", "among"):
                            mutual += self.entities_in(p)
                        elif low == "of":
                            if type_ in ("RETREAT", "MOBILIZE") and p.lemma_.lower() in _FORCES:
                                actors += self.entities_in(p)  # "the withdrawal of its troops": whose troops
                            elif type_ in _PATIENT_OF or type_ == "ACCUSE" and noun.lemma_.lower() in _TARGET_OF:
                                recipients += self.entities_in(p)
                            else:
                                actors += self.entities_in(p)
                        elif low in preps or low in ("against",):
                            target = mutual if frame == "comitative" and low == "with" else recipients
                            target += self.entities_in(p)
                        elif low == "under":
                            for g in p.children:
                                if p.lemma_.lower() in _GUIDANCE and g.dep_ == "prep" and g.lower_ == "of":
                                    for gp in g.children:
                                        if gp.dep_ == "pobj":
                                            actors += self.entities_in(gp)
                elif c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
                    actors += self._relative_agent(c, actors)
        if phrase.dep_ == "conj":  # "the war and the operation we conducted"
            for c in phrase.head.children:
                if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and c.i > phrase.i:
                    actors += self._relative_agent(c, actors)
        gov = phrase.head
        if noun.lemma_.lower() == "wound" and not recipients:
            # "X is in critical condition from a gunshot wound", "X suffered stab wounds": X was hurt
            verb = phrase
            for _ in range(4):
                if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                    break
                verb = verb.head
            recipients += [e for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for e in self.entities_in(c)]
        if received and not recipients:
            recipients += self.subject_of(gov)  # "received the endorsement of X": the subject gets it
        if type_ == "REQUEST" and not recipients and phrase.dep_ == "dobj" and gov.lemma_.lower() in _ANSWER_VERBS:
            # "the court granted the prosecutor's request": the one who answers a request was asked
            recipients += [r for r in self.subject_of(gov) if r not in actors]
        if received and not actors:
            actors += self._prep_objects(gov, ("from",))  # "got firm backing from X"
        if received:  # the one who receives it is not among those who give it ("from X and her friends")
            actors = [a for a in actors if a not in recipients]
        setting = phrase.head if phrase.dep_ == "pobj" and phrase.head.lower_ in ("in", "at") else None
        if type_ == "CONSULT" and setting is not None and setting.head.pos_ in ("VERB", "AUX"):
            # "she and X settled it in a video call ...": the talk's parties are those who acted in it
            actors = self.subject_of(setting.head) or actors
        if not actors:
            from .coder import LIGHT_VERBS

            gov = phrase.head
            dep = phrase.dep_
            if dep in ("dobj", "attr", "oprd") and gov.pos_ in ("VERB", "AUX"):
                if gov.lemma_.lower() in ("complete", "finish") and type_ in ("RETREAT", "MOBILIZE", "ASSAULT"):
                    actors += self.subject_of(gov)  # "completed the withdrawal": the one withdrawing
                elif gov.lemma_.lower() in ("undergo", "attend", "complete", "receive", "finish", "get"):
                    recipients += self.subject_of(gov)
                elif (gov.lemma_.lower() in LIGHT_VERBS or gov.lemma_.lower() in requires) and \
                        gov.lemma_.lower() not in _CAUSE_VERBS:  # ("poured scorn": the verb its row names)
                    actors += self.subject_of(gov)  # not "the shooting sparked protests": a cause acts not
                    # ("made the pledge at a conference in X": where it was made, not to whom)
                    recipients += [r for r in self._prep_objects(gov, preps) if not self._place_word(r, gov)]
            elif dep == "nsubjpass" and gov.pos_ == "VERB" and gov.lemma_.lower() in LIGHT_VERBS:
                actors += self.subject_of(gov)
            elif dep == "pobj" and phrase.head.dep_ == "prep":
                prep = phrase.head
                verb = prep.head
                if prep.lower_ in ("through",) and verb.lemma_.lower() in ("be", "go", "get"):
                    recipients += self.subject_of(verb)
                elif prep.lower_ == "under" and verb.lemma_.lower() in ("come", "fall") and type_ in (
                        "ASSAULT", "ACCUSE", "COERCE", "SANCTION"):
                    # "came under intense gunfire from X", "fell under attack": the subject is hit, X hits
                    recipients += self.subject_of(verb)
                    actors += self._prep_objects(noun, ("from",)) + self._prep_objects(verb, ("from",))
                elif prep.lower_ in ("on", "under") and verb.lemma_.lower() in ("put", "place", "keep", "go", "remain",
                                                                                   "stay", "be"):
                    actors += self.subject_of(verb)  # "put its troops on alert", "went on strike"
                elif prep.lower_ in ("for", "in") and verb.lemma_.lower() == "join":
                    actors += self.subject_of(verb)  # "the fleet joined allied ships for drills"
                    mutual += self._objects(verb, ("dobj",))
                elif prep.lower_ == "for" and verb.lemma_.lower() in _TRAVEL_VERBS:
                    actors += self.subject_of(verb)  # "flew to Lima for talks"
                    recipients += self._prep_objects(verb, ("to", "in"))
                elif prep.lower_ in ("in", "during", "at", "throughout") and verb.pos_ in ("VERB", "AUX") and \
                        verb.lemma_.lower() not in _WITNESS_VERBS:
                    # ("spoke during the talks"; not "resigned amid protests", "heard shots during the raid")
                    actors += self.subject_of(verb)
            if type_ == "CONSULT" and not actors:
                # participants coordinated inside the phrase ("meetings on Monday, A and B")
                for t in phrase.subtree:
                    if t.dep_ == "conj" and t.head.dep_ != "prep":
                        m = self.mention(t)
                        ent = self.document.entity(m) if m is not None else None
                        if m is not None and ent is not None and ent.type in ("PERSON", "ORG"):
                            mutual.append(m)
        # "under the guidance of X" anywhere in the clause
        if not actors and type_ in ("AID", "COOPERATE"):
            clause = phrase.head if phrase.dep_ == "pobj" else phrase
            while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
                clause = clause.head
            for t in clause.subtree:
                if t.lemma_.lower() in _GUIDANCE and t.head.lower_ == "under":
                    for g in t.children:
                        if g.dep_ == "prep" and g.lower_ == "of":
                            for gp in g.children:
                                if gp.dep_ == "pobj":
                                    actors += self.entities_in(gp)
        return actors, recipients, mutual

    # --- roles of a coded event ----------------------------------------------------------------

    def roles(self, coded: Coded) -> tuple[list[str], list[str]]:
        chain = coded.chain
        inner = chain[-1]
        inner_type = inner.entry.type or coded.type
        actors, recipients, mutual = self.word_roles(inner.token, inner_type, inner.entry.frame, inner.entry.mode,
                                                     inner.entry.requires)
        # walk up the wrappers: the one who agrees/demands/threatens is the actor
        claimant: list[str] = []
        for w in reversed(chain[:-1]):
            control = w.entry.control
            w_type = w.entry.type or coded.type
            w_act, w_rec, w_mut = self.word_roles(w.token, w_type, w.entry.frame, w.entry.mode, w.entry.requires)
            if control in ("say", "begin", "try", "plan", "fail"):
                if control == "say" and w_act:
                    claimant = w_act  # "denies US claims that ...": whose claim it is
                if not actors and not (inner.token.pos_ == "VERB" and self._passive(inner.token)) and \
                        not (control == "say" and (self._named_subject(inner.token) or
                                                   self._inside_reported_clause(inner.token, w.token))):
                    # never for a passive ("police said the man was shot": not by police), nor for a
                    # clause with a subject of its own ("X said Governor Y has called for ...": Y's call
                    # even when Y is no entity the text names), nor for an act a reported clause only
                    # names ("X said Y was the target of the attack": X did not attack)
                    actors = w_act
                continue
            if control == "coerce" and self._passive(w.token):
                continue  # "was forced to quit": the one forced acts
            if control in ("demand", "threat", "accuse", "praise", "coerce"):
                # "threatened to shell X": the wrapper's subject does the wrapped act itself, and no
                # other clause under the wrapper names whom it is made to
                controlled = any(t.token.dep_ == "xcomp" and t.token.head.i == w.token.i for t in chain)
                own_rec = w_rec or w_mut or ([] if controlled else self._complement_subject(w.token, w_act))
                new_recipients = own_rec or recipients or [a for a in actors if a not in w_act]
                # the one who demands, threatens, accuses or praises is the wrapper's own subject,
                # never the doer of the wrapped act ("urged the minister to back ...": the minister is addressed)
                actors, recipients, mutual = w_act, [r for r in new_recipients if r not in w_act], []
                continue
            # intent, refuse, stop, lift, allow, prepare, sign
            if control == "refuse" and w_act and not w_rec:
                # "the ministry denies the opposition's claims": the one whose claim is refused
                owners = [m for c in w.token.children if c.dep_ == "dobj" for x in c.children
                          if x.dep_ in ("poss", "compound", "amod") and (m := self.mention(x)) is not None]
                recipients = owners or [a for a in claimant if a not in w_act] or [
                    r for r in recipients if r not in w_act] or [a for a in actors if a not in w_act]
            if w_act:
                actors = w_act
            # the wrapped act's recipient, unless it is the one who now acts ("rejected X's request")
            recipients = [r for r in recipients if r not in actors] or w_rec
            mutual = mutual or w_mut
        top = chain[0]
        if not recipients and coded.type in ("ACCUSE", "REJECT"):
            recipients = self._claim_subject(top.token, actors)  # "filed a complaint, claiming that X ..."
        if coded.type == "ACCUSE" and not mutual:
            # "complained to X over Y's raids", "an investigation into crimes committed by Y": the
            # accused is the doer of the act the accusation is about, not the one it is made to
            for t in chain:
                doers = [r for r in self._accused_doers(t.token) if r not in actors]
                if doers and (not recipients or set(recipients) <= set(self._prep_objects(t.token, ("to",)))):
                    recipients = doers
                    break
        if not recipients and coded.type in ("COOPERATE", "AID", "AGREE", "SUPPORT"):
            recipients = self._deal_party(inner.token, actors)  # "approved a deal to sell X arms"
        if not recipients and top.entry.control in ("demand", "threat", "accuse", "praise", "refuse"):
            # "demanded that the US cancel ...": the one who is to act is addressed
            recipients = [r for r in self._complement_subject(top.token, actors) if r not in actors]
        if not recipients and coded.type == "REQUEST" and top.token.pos_ == "VERB":
            recipients = self._asked_from(top.token, actors)  # "requested $50 million in aid from Congress"
        if not recipients and inner_type == "REQUEST" and inner.token.pos_ in ("NOUN", "PROPN"):
            recipients = self._content_clause_subject(inner.token, actors)  # "its demand that X ease ..."
        if not recipients and coded.type == "MOBILIZE":
            recipients = self._purpose_target(inner.token, actors)  # "mobilised reservists for a war against X"
        if not recipients and coded.type == "THREATEN":
            recipients = self._condition_subject(top.token, actors)  # "... unless the capital accepts"
        if not recipients:  # "allowed candidate X to run": the one let to act is the recipient
            allow = next((t.token for t in chain if t.entry.control == "allow"), None)
            if allow is not None:
                recipients = self._complement_subject(allow, actors)
        if coded.type == "PROTEST" and not recipients:
            recipients = [r for r in self._protest_target(inner.token, actors) if r not in actors]
        if coded.type in ("PROTEST", "COERCE", "CONCEDE") and not recipients:
            recipients = [r for r in self._protest_place(inner.token) if r not in actors]
        if coded.type in ("ASSAULT", "THREATEN") and not recipients and inner_type in _MATERIAL_TYPES:
            recipients = [r for r in self._act_place(inner.token) if r not in actors]
        if not recipients and not mutual and coded.type not in ("CONSULT",):
            for t in reversed(chain):  # the act's own place, or its wrapper's ("agreed to set up ..."); not a report's
                if t.entry.control != "say":
                    recipients = [r for r in self._planned_act_place(t.token, coded.type in _DONE_AT_TYPES)
                                  if r not in actors]
                if recipients:
                    break
        if coded.type == "SANCTION" and coded.mode == "expel" and not actors and inner.token.pos_ == "VERB" and \
                self._passive(inner.token):
            # "diplomats being expelled from the United States": expelled by the country they leave
            actors = self._prep_objects(inner.token, ("from",))
            recipients = [r for r in recipients if r not in actors]
        if (coded.type == "MOBILIZE" or coded.mode == "withdraw") and not actors:
            # "the army was put on alert", "troops were deployed", "peacekeepers were pulled out":
            # the forces' own side mobilises or withdraws them
            verb = inner.token
            for _ in range(3):
                if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                    break
                verb = verb.head
            created = verb.lemma_.lower() in ("create", "form", "establish", "set", "found")
            for c in verb.children if verb.pos_ in ("VERB", "AUX") and not created else []:
                if c.dep_ == "nsubjpass":
                    actors = self.entities_in(c)
                    recipients = [r for r in recipients if r not in actors]
        if coded.type == "CONSULT" and coded.mode == "visit":
            recipients = [self._host_country(r) for r in recipients]
            mutual = [self._host_country(r) for r in mutual]
        if coded.type == "CONSULT":
            if coded.mode == "visit":
                if inner.entry.mode == "host" or inner.token.lemma_.lower() in ("host", "receive", "welcome"):
                    actors, recipients = (mutual or recipients), actors
                else:
                    recipients = recipients + mutual
            else:
                actors = actors + mutual + recipients
                recipients = []
        else:
            if not actors and len(mutual) > 1:
                actors, mutual = mutual, []
            recipients = recipients + mutual
        actors = list(dict.fromkeys(actors))
        recipients = [r for r in dict.fromkeys(recipients) if r not in actors]
        return actors, recipients

    def _host_country(self, eid: str) -> str:
        """A visited town stands for the country that hosts the visit ("visited Lima" -> Peru) when the article names that country as an entity of its own."""
        e = self.document.entity(eid)
        if e is None or e.type != "GPE" or not e.country:
            return eid
        country = next((x for x in self.document.entities if x.type == "GPE" and x.country == e.country
                        and x.id != eid and x.sector is None and x.role is None
                        and self._is_country_name(x)), None)
        return country.id if country is not None else eid

    def _is_country_name(self, e: Entity) -> bool:
        return any(p.kind == "country" and p.country == e.country and p.name == e.name for p in self.document.places)

    def _protest_place(self, token: Token) -> list[str]:
        """A protest with no named target is directed at the authorities of the country where
        it happens (the convention of CAMEO/PLOVER coders): "rallied in Belgrade" -> Serbia."""
        clause = token
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        for t in clause.subtree:
            if t.dep_ == "pobj" and t.head.lower_ in ("in", "outside", "at", "across", "throughout"):
                m = self.mention(t)
                e = self.document.entity(m) if m is not None else None
                if m is not None and e is not None and e.type == "ORG" and e.country and e.sector in _STATE_SECTORS:
                    return [m]  # "a sit-in outside Parliament": the institution it is held at
                got = self._place_party(t)
                if got:
                    return got
        return []

    def _place_party(self, t: Token, of_place: bool = False) -> list[str]:
        """The party a place phrase stands for: a country or town the text names ("in Belgrade");
        a town whose country the article names stands for that country; else a town or region
        whose country is known stands for itself (its country is the party's). `of_place`: a
        place noun reaches its "of" phrase ("in a residential sector of X")."""
        if not self._place_phrase(t):
            return []  # "in a campaign conducted by X" is no place
        noun = t.lemma_.lower() in _PLACE_NOUNS or t.lower_ in _PLACE_NOUNS
        named = self.entities_in(t, True, 1 if of_place and noun else 2)
        got = [e for e in named if self._is_country_place(e)]
        if not got:  # a town or province: the country it is in, when the article names it
            got = [e for e in (self._country_of_place(x) for x in t.subtree) if e is not None]
        if not got:
            got = [e for e in named if (x := self.document.entity(e)) is not None and x.type == "LOC" and x.country]
        if not got:  # "a village in Western X": a region the entities of the article leave as no actor
            got = [e for x in t.subtree if (e := self.mentions.get(x.i)) is not None
                   and (r := self.document.entity(e)) is not None and r.type == "LOC" and r.country]
        return got[:1]

    def _place_phrase(self, t: Token) -> bool:
        """Does the phrase headed by `t` name a place: a place name ("Lima", "West Darfur State")
        or a place noun ("the capital city of X", "a sector of X")?"""
        if t.lemma_.lower() in _PLACE_NOUNS or t.lower_ in _PLACE_NOUNS:
            return True
        for x in [t, *(c for c in t.children if c.dep_ in ("compound", "nmod", "amod"))]:
            eid = self.mentions.get(x.i)
            e = self.document.entity(eid) if eid else None
            if e is not None and e.type in ("GPE", "LOC", "FAC"):
                return True
        return False

    def _act_place(self, token: Token) -> list[str]:
        """An attack, or a threatened material act, with no named target is against the country
        where it happens (the convention of CAMEO/PLOVER coders): "bombs exploded in Kabul",
        "will extend the curfew in Abidjan". Only a place said of the act itself (the word, its
        verb, its object), never one said of its participants or of the statement around it."""
        verb = token
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb and verb.dep_ not in ("ROOT",):
            if verb.dep_ not in ("dobj", "nsubjpass", "compound"):
                break
            verb = verb.head
        nodes = list(dict.fromkeys([token, verb] + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]))
        for node in nodes:
            for c in node.children:
                if c.dep_ == "prep" and c.lower_ in _ACT_PLACE_PREPS:
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        # "fired at targets in X": the place of what is hit
                        inner = [q for x in p.children if x.dep_ == "prep" and x.lower_ in ("in", "near", "inside")
                                 for q in x.children if q.dep_ == "pobj"]
                        for q in [p] if self._place_phrase(p) else inner:
                            got = self._place_party(q, of_place=True)
                            if got:
                                return got
        return []

    def _planned_act_place(self, token: Token, own: bool) -> list[str]:
        """An act with no named target is directed at the country where what it does or sets up
        happens (the convention of CAMEO/PLOVER coders): "agreed to set up a centre in Lima",
        "opened an embassy in Lima", "threatened to resume bombings in X". The place of a verb the
        act governs ("to set up") or of a verb joined to it ("established ties with and opened an
        embassy in X"), and of their objects; the place of the act's own verb only when `own` (a
        pledge or a blame made at a conference in X is not made to X); never of a subject."""
        verb = token
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb and verb.dep_ in ("dobj", "nsubjpass", "compound"):
            verb = verb.head
        verbs = [verb]
        for v in list(verbs):
            verbs += [c for c in v.children if c.dep_ in ("xcomp", "conj") and c.pos_ == "VERB"]
        for v in list(verbs):
            verbs += [c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        for v in dict.fromkeys(verbs if own else verbs[1:]):
            got = self._act_place(v)
            if got:
                return got
        return []

    def _protest_target(self, token: Token, actors: list[str]) -> list[str]:
        """Whom a protest is against when the sentence says so: "in protest of / in defiance of /
        in opposition to X", or a purpose that demands or denounces ("went on strike to demand the
        resignation of X", "a rally calling for the removal of X"). Parties the text names only."""
        from .lexicon import lexicon

        clause = token
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        nodes = list(dict.fromkeys([token, clause]))
        named = {e.id for e in self.document.entities}
        out: list[str] = []
        for node in nodes:
            for c in node.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for p in c.children:
                        if p.dep_ == "pobj" and p.lemma_.lower() in _OPPOSITION_NOUNS:
                            out += self._prep_objects(p, ("of", "at", "against", "to", "over"))
        for node in nodes:
            for c in node.children:
                purpose = c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) \
                    or c.dep_ == "acl" and c.tag_ == "VBG"
                entry = lexicon().match(c) if purpose and c.pos_ == "VERB" else None
                if purpose and c.pos_ == "VERB" and (entry is None or entry.type not in ("REQUEST", "ACCUSE", "REJECT")):
                    # "to show their disapproval of X", "to express anger at X"
                    out += [e for d in c.children if d.dep_ == "dobj" and d.lemma_.lower() in _SHOWN_OPPOSITION
                            for e in self._prep_objects(d, ("of", "at", "against", "to", "over", "for", "with"))]
                if entry is None or entry.type not in ("REQUEST", "ACCUSE", "REJECT"):
                    continue
                out += self._complement_subject(c, actors)  # "to demand that the governor resign"
                content = [d for d in c.children if d.dep_ == "dobj"] + [
                    p for x in c.children if x.dep_ == "prep" and x.lower_ == "for" for p in x.children
                    if p.dep_ == "pobj"]
                for d in content:
                    # a party named outright ("to denounce X"), or the one whose removal is demanded
                    # ("the resignation of X"), not the one another act is for ("the release of X")
                    if self.mention(d) is not None or d.lemma_.lower() in _REMOVAL_NOUNS:
                        out += self.entities_in(d)
        return [e for e in dict.fromkeys(out) if e in named and e not in actors]

    def _country_of_place(self, token: Token) -> str | None:
        for p in self.document.places:
            if p.country and any(m.start <= token.idx < m.end for m in p.mentions):
                return next((e.id for e in self.document.entities if e.type == "GPE" and e.country == p.country
                             and self._is_country_name(e)), None)
        return None

    def ended_subject(self, coded: Coded) -> Token | None:
        """For "the war ended with a ceasefire": the token of the ended event."""
        for t in coded.chain:
            subject = ended_with(t.token)
            if subject is not None:
                return subject
        return None
