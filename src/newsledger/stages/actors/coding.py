"""Coding entities (steps 4 and 5 of the actors stage): country, sector and role.

- knowledge: whatever the article leaves open (a bare "Lindqvist"), the explicit
  `ActorKnowledge` layers may fill: country, sector and role of the actor the name means on
  the article's date (newsledger.knowledge.choose); what the article says wins;
- places: towns and regions take their country from the gazetteer (a sense in a country
  the article is about first); a capital that acts (subject, object, agent, possessor:
  "agreed by Oslo and Stockholm") stands for its government: sector GOV;
- a person with a domestic office or a state institution with no country takes the one
  country named in the sentence of its first mention, else the article's home country (the
  country of three in four of its place and country mentions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...document import span_text
from ...knowledge import KnownActor, choose
from .merging import PLACE_LABELS
from .run import ActorsRun, Group, Mention
from .titles import country_in

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .dictionaries import ActorDictionaries

# dependency labels of a mention that acts rather than locates
_ACTING_DEPS = {"nsubj", "nsubjpass", "dobj", "agent", "poss", "dative"}
# sectors of offices held at home: a holder with no stated country belongs to the one named nearby
_DOMESTIC_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "OPP", "PTY", "ELI"}  # ELI: former office holders
# sectors of institutions that belong to a state: a ministry, a court, a police force, a parliament
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
# sectors of a country's own groups that are no state institution: rebels, the opposition, a
# party, the press, unions, schools, churches, civilians (and a group of no known sector); not a
# business, which may be anyone's, nor an IGO or NGO
_HOME_GROUP_SECTORS = {"REB", "OPP", "PTY", "JRN", "LAB", "EDU", "REL", "CVL", None}
_HOME_MIN_MENTIONS = 3
_TOWN_POPULATION = 50_000
_HOME_SHARE = 0.75
_PLACE_PREPOSITIONS = {"in", "to", "into", "at", "from", "across", "toward", "towards", "near", "inside", "via"}


def code(run: ActorsRun, groups: list[Group]) -> None:
    """Steps 4 and 5 in order: knowledge, places, organisations named after a town, the country
    of a domestic office or state institution."""
    doc = run.doc
    apply_knowledge(run, doc, groups)
    code_places(run, doc, groups)
    country_from_town_in_name(run, doc, groups)
    country_from_sentence(run, doc, groups)


def apply_knowledge(run: ActorsRun, doc: Doc, groups: list[Group]) -> None:
    """Fill what the article leaves open from the knowledge layers: the actor a name means on
    the article's date. What the article itself says wins."""
    for g in groups:
        if g.label == "PERSON":
            known = known_for_person(run, doc, g)
        elif g.label in ("ORG", "NORP", "FAC", "EVENT") or g.label in PLACE_LABELS and not g.country:
            known = None
            for text in surface_names(doc, g):
                known = run.known(text) or run.known(without_generic_word(text, run.dicts))
                if known is not None and known.type != "PERSON":
                    break
                known = None
            if known is None and g.label in ("ORG", "NORP") or g.label in PLACE_LABELS and not g.country:
                person = known_for_person(run, doc, g) if known is None else None
                if person is not None and not any(run.is_capital(n) for n in surface_names(doc, g)):
                    g.label, known = "PERSON", person  # a known person's name NER took for a group
            if known is not None and g.label in PLACE_LABELS and known.type not in PLACE_LABELS:
                g.label = known.type  # an organisation NER took for a place
        else:
            continue
        if known is None:
            continue
        g.known = known
        g.country = g.country or known.country
        g.sector = g.sector or known.sector
        g.role = g.role or known.role


def surface_names(doc: Doc, g: Group) -> list[str]:
    seen: list[str] = []
    for m in sorted(g.mentions, key=lambda m: -(m.end - m.start)):
        if m.source in ("role", "pronoun", "group"):
            continue
        text = span_text(doc, m.start, m.end)
        if text not in seen:
            seen.append(text)
    return seen


def known_for_person(run: ActorsRun, doc: Doc, g: Group) -> KnownActor | None:
    names = surface_names(doc, g)
    if not names:
        return None
    full = names[0]
    for text in names:
        found = run.knowledge.lookup(text)
        if not found:
            continue
        known = choose(found, run.day, type_="PERSON", full_name=full if len(full.split()) > 1 else None)
        if known is not None:
            return known
    return None


def code_places(run: ActorsRun, doc: Doc, groups: list[Group]) -> None:
    """Towns and regions get their country from the gazetteer; a capital that acts stands for
    its government (sector GOV), a country that acts stays the country."""
    for g in groups:
        if g.label not in PLACE_LABELS:
            continue
        capital = any(m.capital for m in g.mentions)
        if g.country is None and not run.dicts.is_ambiguous(g.name):
            g.country = place_country(run, doc, g)
        if capital and g.sector is None and any(acts(doc, m) for m in g.mentions):
            g.sector = "GOV"


def place_country(run: ActorsRun, doc: Doc, g: Group) -> str | None:
    """The country of a town or region: the gazetteer's sense in a country the article is about,
    else a country named inside the name ("South Lebanon"), else the gazetteer's best sense."""
    focus = run.focus
    places = [p for p in run.gazetteer.lookup(g.name)
              if p.country and p.kind in ("city", "region", "feature", "country")]
    in_focus = [p for p in places if p.country in focus]
    if in_focus:
        return max(in_focus, key=lambda p: (p.kind == "region" or p.population >= 1000, p.population)).country
    m = next((m for m in g.mentions if doc[m.start:m.end].text == g.name), g.mentions[0])
    inside = country_in(run, doc[m.start:m.end])
    if inside:
        return inside
    if places and g.label != "LOC":  # a LOC ("the Gulf") away from the article's countries: no guess
        return max(places, key=lambda p: (p.kind == "region" or p.population >= 1000, p.population)).country
    return None


def country_from_sentence(run: ActorsRun, doc: Doc, groups: list[Group]) -> None:
    """A person with a domestic office ("Judge X", "Vice-President Y") or a state institution
    ("the Ministry of Justice", "Parliament", "police") whom neither the text nor the
    knowledge layers place in a country:
    - the one country named in the sentence of the first mention (by its name or demonym,
      not as where something happens: "arrived in Norway" says nothing of who arrived), if
      the sentence names exactly one;
    - else the article's home country (`home_country`), when it has one.
    A group of a country's own (rebels, a party, a newspaper: `_HOME_GROUP_SECTORS`) that nothing
    places takes the one country its sentence names the same way, and no home country: a group is
    the country's its sentence is about ("the government accepted the rebels' demands") far more
    often than an office holder is foreign, but an article's home country says less of it."""
    places = [(m.start, g.country) for g in groups
              if g.country and (g.key[0] == "GPE" or g.key[0] == "NORP")  # countries and demonyms
              for m in g.mentions if not locates(doc, m)]
    home: list[str | None] = []
    for g in groups:
        if g.country:
            continue
        if g.label == "PERSON":
            if g.sector not in _DOMESTIC_SECTORS or not g.role:
                continue
        elif g.label != "ORG" or g.known is not None or g.sector not in _STATE_SECTORS | _HOME_GROUP_SECTORS:
            continue  # a known organisation's country (or none: an IGO) is the knowledge's word
        first = min(g.mentions, key=lambda m: m.start)
        sent = doc[first.start].sent
        codes = {c for i, c in places if sent.start <= i < sent.end}
        if g.label == "ORG" and g.sector not in _STATE_SECTORS:
            # a group of a country's own that is acted on or named ("jailed members of X"); not a
            # doer ("X attacked Y's soldiers": the sentence's country is the other side's)
            if len(codes) == 1 and not any(acts_as_subject(doc, m) for m in g.mentions):
                g.country = codes.pop()
            continue
        if len(codes) == 1:
            g.country = codes.pop()
            continue
        if not home:
            home.append(home_country(groups))
        g.country = home[0]


def country_from_town_in_name(run: ActorsRun, doc: Doc, groups: list[Group]) -> None:
    """An organisation named after a town or region ("Tulsa Police", "the Charlotte Observer")
    is of that place's country: a gazetteer sense in a country the article is about, else the
    country all sizeable places of that name share."""
    for g in groups:
        if g.label != "ORG" or g.country or g.known is not None or g.sector in ("IGO", "NGO"):
            continue
        m = max((m for m in g.mentions if m.source in ("ner", "group")), key=lambda m: m.end - m.start,
                default=None)
        if m is None:
            continue
        # the place comes first in such names: the longest run of its first three words
        lead = []
        for t in doc[m.start:min(m.end, m.start + 3)]:
            if not t.is_title or t.lower_ in run.dicts.org_name_words or t.lower_ in run.dicts.group_heads \
                    or t.lower_ in run.dicts.title_words:
                break
            lead.append(t)
        for k in range(len(lead), 0, -1):
            name = doc[lead[0].i:lead[0].i + k].text
            places = [p for p in run.gazetteer.lookup(name) if p.country and p.kind in ("city", "region")]
            in_focus = {p.country for p in places if p.country in run.focus}
            sizeable = {p.country for p in places if p.population >= _TOWN_POPULATION}
            codes = in_focus or sizeable
            if codes:
                if len(codes) == 1:
                    g.country = codes.pop()
                break


def home_country(groups: list[Group]) -> str | None:
    """The country an article is set in: its dateline's ("NAIROBI --"), else the country of at
    least three in four of its mentions of countries, demonyms and towns (three mentions at
    least), else None."""
    for g in groups:
        if g.country and any(m.dateline for m in g.mentions):
            return g.country
    counts: dict[str, int] = {}
    for g in groups:
        if g.country and g.label in ("GPE", "NORP", "LOC"):
            counts[g.country] = counts.get(g.country, 0) + len(g.mentions)
    total = sum(counts.values())
    if total < _HOME_MIN_MENTIONS:
        return None
    code, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return code if n >= _HOME_SHARE * total else None


def locates(doc: Doc, m: Mention) -> bool:
    """A mention that only says where ("arrived in Norway", "flew to Oslo")."""
    root = doc[m.start:m.end].root
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS


def acts(doc: Doc, m: Mention) -> bool:
    if m.dateline:
        return False
    token = doc[m.start:m.end].root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ in _ACTING_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "agent"


def acts_as_subject(doc: Doc, m: Mention) -> bool:
    """A mention that is the doer of its clause: its subject or its passive's agent."""
    token = doc[m.start:m.end].root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.dep_ == "nsubj" or token.dep_ == "pobj" and token.head.dep_ == "agent"


def without_generic_word(text: str, dicts: ActorDictionaries) -> str:
    """"Fatah Party" -> "Fatah": an organisation's name without a trailing generic word."""
    words = text.split()
    if len(words) > 1 and words[-1].casefold() in dicts.org_name_words:
        return " ".join(words[:-1])
    return text
