"""Toponym candidates: where in the text a place is named, and how sure we are that it is one.

Sources, all on the one spaCy parse and the actors stage's entities:
- place entities (GPE, LOC, FAC) of the actors stage and of spaCy's NER;
- adjectives of places used as modifiers ("Polish troops", "European leaders"); a
  plural people noun ("Mexicans") or a language ("in Russian") is not a place;
- gazetteer matches NER missed or mislabelled: proper-noun runs that name a country,
  region, continent, curated place or sizeable city, also inside an organisation's name
  ("University of Michigan"), never inside a person's name ("Paris Hilton");
- items of a list whose other items are places ("Tartu, Narva, Pärnu, and Viljandi");
- names before or after an administrative word ("the X region", "X and Y districts",
  "the cities of X and Y"), which also say which kind of place is meant;
- datelines: the place name that opens a report ("ELMWOOD — ", "FRESNO, Calif.--",
  "ODESSA (AP) —", "LUSAKA, Zambia, March 3 —"), a town however small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv
from ...gazetteer import bare_region_name, name_key
from ...names import first_name_gender
from . import names

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from spacy.tokens import Token

    from ...document import Document, DocView
    from ...gazetteer import Gazetteer, GazPlace

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Kinds of evidence, strongest first. A candidate from NER or from context may use the
# transliteration fallback; a bare gazetteer match must match exactly.
NER, CONTEXT, ADJECTIVE, SCAN = "ner", "context", "adjective", "scan"

REGION_WORDS = {
    "region", "regions", "province", "provinces", "district", "districts", "governorate", "governorates",
    "oblast", "oblasts", "state", "states", "county", "counties", "prefecture", "prefectures",
    "municipality", "municipalities", "rayon", "rayons", "territory", "territories", "republic",
    "autonomous", "canton", "cantons", "department", "departments", "parish", "parishes", "emirate",
    "krai", "okrug", "voivodeship", "borough", "boroughs", "valley", "peninsula",
}
SETTLEMENT_WORDS = {"city", "cities", "town", "towns", "village", "villages", "settlement", "settlements",
                    "capital", "port", "suburb", "suburbs", "township"}
_CONNECTORS = {"of", "de", "del", "la", "le", "al", "el", "upon", "on", "am", "an", "der", "di", "da", "do", "dos"}
_STOP_CAPS = {"I", "A", "An", "The", "This", "That", "These", "Those", "It", "He", "She", "We", "They", "You",
              "Mr", "Mrs", "Ms", "Dr", "St", "Mt"}
_PLURAL_DEMONYM = re.compile(r"(?:ans|ians|ese|ers|ites|is|ns|s)$")
# a city found by gazetteer match alone must be at least this big to stand on its own; smaller
# ones (down to WEAK_MIN_CITY) need the support of the article's other places
SCAN_MIN_CITY = 50_000
EMBEDDED_MIN_CITY = 100_000
WEAK_MIN_CITY = 2_000
# words that name regions in some countries but are ordinary words in English text: alone they
# are places only when an administrative word says so ("the Central region")
GENERIC_WORDS = {"north", "south", "east", "west", "central", "centre", "center", "northern", "southern",
                 "eastern", "western", "coast", "lakes", "islands", "capital", "mountains", "valley", "plains",
                 "delta", "highlands", "lowlands", "interior", "midlands", "border", "federal", "metropolitan",
                 "union", "commonwealth", "national", "atlantic", "pacific", "gulf", "bay", "star", "surprise",
                 "victoria", "orange", "enterprise", "mission", "independence", "liberty", "justice", "unity"}
# words after a place's name that name another, nearby place: "the Danube Delta", "the X Mountains"
_LANDFORMS = {"delta", "valley", "valleys", "mountains", "mountain", "hills", "highlands", "island", "islands",
              "lake", "lakes", "river", "bay", "coast", "gulf", "peninsula", "basin", "plateau", "desert", "plain",
              "plains", "sea", "strait", "falls", "canyon", "forest", "range", "heights", "harbour", "harbor",
              "way", "close", "crescent", "terrace", "row", "walk", "grove"}  # and street words the table lacks
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_HYPHENED = re.compile(r"^([A-Z][A-Za-z.]*[A-Za-z.])[-‐‑–]([a-z]{2,})$")
_NOT_A_PERSONS_NAME = re.compile(r"\s[-–—]\s|\n")
# spaCy labels of spans that are not places whatever the gazetteer says
NOT_PLACE_LABELS = {"LANGUAGE"}
# A dateline: at the start of a line or after a sentence, a place name in capitals (or in title case
# before an agency's name or a dash), optionally its region or country, a date and the agency, then a
# dash or colon: "ELMWOOD — ", "FORT WAYNE – ", "FRESNO, Calif.--", "ODESSA (AP) —", "Lusaka (AFP):".
_DATELINE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?”\"] ))[ \t]*"
    r"(?:(?P<place>[A-Z][A-Z.'’-]*(?:[ \t][A-Z][A-Z.'’-]*){0,3})"
    r"|(?P<titled>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2}))"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*){0,2}))?"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?:(?P<agency>\([A-Za-z. ]{2,20}\))[ \t]*)?"
    r"(?P<dash>—|–|--|-|:)"
)


def _said_to_be_a_person(t: Token) -> bool:
    """"Altun, the gunman, ...": an apposition says the name is one person's: a singular noun of
    one person with its article. (Not "Turkey, a NATO member", "Israel, Arab leaders": words a
    state is called too, and lists the parser reads as appositions; nor a relative "who", which
    the parser often hangs on the place after the person it is about.)"""
    return any(c.dep_ == "appos" and c.i > t.i and c.tag_ == "NN" and c.lower_ in _person_nouns()
               and any(g.dep_ == "det" and g.lower_ in ("the", "a", "an") for g in c.children) for c in t.children)


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Nouns that name one person (data/participant_nouns.tsv), less those a state is called too."""
    out = {r["noun"].lower() for r in read_tsv("participant_nouns.tsv") if r.get("kind") == "person"}
    return frozenset(out - {"leader", "neighbor", "neighbour", "friend", "relative", "elder", "chief", "investor",
                            "developer", "victim", "host"})


@lru_cache(maxsize=1)
def _seats() -> frozenset[str]:
    """Name keys of the seats of governments, courts and markets whose names also name those bodies
    ("the Kremlin", "Wall Street"): places_extra.tsv rows marked `seat`."""
    keys: set[str] = set()
    for row in read_tsv("places_extra.tsv"):
        if row.get("seat") == "yes":
            for n in (row["name"], *(row.get("aliases") or "").split("|")):
                if n:
                    keys.add(name_key(n[4:] if n[:4].lower() == "the " else n))
    return frozenset(keys)


# prepositions that put something in or at a site: "at the White House" is the building, "the White House
# said" the government
_LOCATIVE = {"in", "at", "inside", "outside", "near", "to", "into", "from", "toward", "towards", "around",
             "across", "behind", "beyond", "on", "off", "past", "through", "within", "onto", "opposite"}


# prepositions after which one capitalised word is a place, not a person: "in Riverdale", "near Elgin"
_IN_A_PLACE = {"in", "at", "near", "outside", "inside", "from", "across", "around", "throughout", "within"}


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Titles that follow a country adjective in "Polish President ...", from the actors' titles file."""
    return frozenset(row["title"].casefold() for row in read_tsv("titles.tsv") if row.get("title"))


@dataclass
class Candidate:
    start: int  # character offsets into the text
    end: int
    text: str
    source: str  # NER CONTEXT ADJECTIVE SCAN
    prefer: str | None = None  # "region" or "city" when an administrative word says so
    label: str | None = None  # NER label when from NER
    senses: tuple[GazPlace, ...] = ()  # for adjectives: the places found already
    # 0: sure; 1: doubtful (NER called it a person or organisation, or a list item that NER did);
    # 2: weak (a small town found by gazetteer match alone). Resolution keeps doubtful and weak
    # candidates only when the article's other places support them.
    doubt: int = 0
    # character bounds of the organisation or facility name a scanned match sits in
    # ("Colorado" in "Colorado State University"), when it has one
    within: tuple[int, int] | None = None
    dateline: bool = False  # the place a dateline names: a place whatever the parse says of it
    site: bool = False  # the name of a site ("Elm Street", "St. Mary's Hospital"), placed in its town


def _strip(text: str, start: int, label: str | None = None) -> tuple[str, int]:
    """Drop a leading article and a trailing possessive from a place mention; a site's name ends at a
    comma ("Lima Cathedral, Bishop Soto" is a parse that ran on)."""
    if text[:4].lower() == "the ":
        text, start = text[4:], start + 4
    if label == "FAC" and ", " in text:
        text = text[:text.index(", ")]
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip(), start


def _is_name_token(t: Token) -> bool:
    return t.text[:1].isupper() and t.text not in _STOP_CAPS and (t.pos_ == "PROPN" or t.is_upper or t.pos_ == "ADJ")


class Detector:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.titles = _titles()

    def _ocean(self, text: str, c: Candidate) -> bool:
        """Does a generic word that NER read as a location name a sea or ocean ("the Atlantic", "the
        western Pacific")? Then the candidate keeps that sense only: "Pacific" alone is also a few
        small towns. Not after a capitalised "The" inside a sentence: a title ("an essay in The Atlantic")."""
        if re.search(r"[^.!?\n\s]\s+The\s+$", text[max(0, c.start - 12):c.start]):
            return False
        waters = tuple(s for s in self.gaz.lookup(c.text) if s.kind == "feature")
        if waters:
            c.senses = waters
        return bool(waters)

    def resolvable(self, text: str) -> bool:
        return bool(self.gaz.lookup(text) or self.gaz.lookup(bare_region_name(text))
                    or self.gaz.lookup_translit(text))

    def __call__(self, document: Document) -> list[Candidate]:
        assert document.doc is not None
        doc = document.view
        self._table = document.tokens
        n = len(doc)
        owner = [""] * n  # entity label covering each token ("" none)
        person = [False] * n
        spacy_label = [t.ent_type_ for t in doc]
        extent = [(i, i + 1) for i in range(n)]  # token bounds of the entity covering each token
        named = extent[:]  # the same, also for spaCy's entities that the actors stage did not keep
        taken = [False] * n  # tokens inside a candidate already
        cands: list[Candidate] = []

        def tokens_of(start: int, end: int) -> range:
            span = doc.char_span(start, end, alignment_mode="expand")
            return range(span.start, span.end) if span is not None else range(0)

        def add(c: Candidate) -> None:
            if not c.text[:1].isupper() and not c.text[:1].isdigit():
                return
            if c.text.casefold() in MONTHS:
                return
            if document.text[c.end:c.end + 1] == "." and len(c.text) <= 5 and not c.text.isupper() \
                    and self.gaz.lookup(c.text + "."):
                c.text, c.end = c.text + ".", c.end + 1  # "Que" "." -> "Que."
            if c.text.casefold() in GENERIC_WORDS and c.prefer != "region" and not (
                    c.source == NER and c.label == "LOC" and self._ocean(document.text, c)):
                return
            idx = tokens_of(c.start, c.end)
            if any(taken[i] for i in idx):
                if c.dateline:  # the same name, found already: it opens a dateline
                    for other in cands:
                        if (other.start, other.end) == (c.start, c.end):
                            other.dateline = True
                return
            if c.source == NER and idx:
                c = self._longer_name(doc, c, idx.stop, taken)
                idx = tokens_of(c.start, c.end)
            if c.source in (CONTEXT, SCAN) and any(spacy_label[i] in NOT_PLACE_LABELS for i in idx):
                return
            if not c.dateline and idx and _said_to_be_a_person(doc[idx.stop - 1]):
                return
            if c.source == CONTEXT and not self.resolvable(c.text):
                return
            if idx and not c.dateline and self._in_a_name(doc, c, idx, owner, named):
                return
            if c.source != ADJECTIVE and any(owner[i] in ("PERSON", "ORG") or spacy_label[i] in ("PERSON", "ORG")
                                             for i in idx):
                c.doubt = max(c.doubt, 1)
            for i in idx:
                taken[i] = True
            cands.append(c)

        for e in document.entities:
            # a parse that ran across a dash or a line ("Smith - Ohio") names no one: its mentions
            # that spaCy reads as places and that name well-known places are places
            garbled = e.type == "PERSON" and bool(_NOT_A_PERSONS_NAME.search(e.name))
            etype = e.type
            for m in e.mentions:
                idx = tokens_of(m.start, m.end)
                if garbled and idx and all(spacy_label[i] in ("GPE", "LOC") for i in idx) \
                        and any(self._salient_sense(p, False) for p in self.gaz.lookup(m.text)):
                    continue
                if etype == "PERSON" and " " in m.text.strip() and any(
                        p.kind == "country" for p in self.gaz.lookup(_strip(m.text, m.start)[0])):
                    continue  # a country's name of several words ("Costa Rica") is no one's name
                for i in idx:
                    owner[i] = etype
                    extent[i] = named[i] = (idx.start, idx.stop)
                    if etype == "PERSON" and len(e.name.split()) > 1:
                        person[i] = True
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                if not owner[i]:
                    owner[i] = ent.label_
                    named[i] = (ent.start, ent.end)
                if ent.label_ == "PERSON" and len(ent) > 1:
                    person[i] = True

        # "the shop in Riverdale": one word after "in" is a place, whoever else (a person, an organisation)
        # the parse says shares its name; a small town still needs the support of the article's other places
        for i in range(1, n):
            if owner[i] in ("PERSON", "ORG") and named[i] == (i, i + 1) and doc[i - 1].lower_ in _IN_A_PLACE \
                    and (i + 1 >= n or doc[i + 1].text not in ("'s", "’s")) and self.gaz.lookup(doc[i].text):
                owner[i], person[i], spacy_label[i] = "", False, ""
        # 1. place entities of the actors stage, then spaCy's place spans it did not keep
        for e in document.entities:
            if e.type in PLACE_LABELS:
                for m in e.mentions:
                    text, start = _strip(m.text, m.start, e.type)
                    if text:
                        for part in self._run_together(text, start, e.type):
                            add(part)
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                text, start = _strip(ent.text, ent.start_char, ent.label_)
                if text and not any(person[i] for i in range(ent.start, ent.end)):
                    for part in self._run_together(text, start, ent.label_):
                        add(part)

        # 2. datelines, sites, administrative phrases and lists: context says these are places
        for c in self._datelines(document.text):
            add(c)
        for c in self._sites(doc, taken):
            add(c)
        for c in self._admin_phrases(doc, taken):
            add(c)
        for c in self._hyphened(doc, taken):
            add(c)
        # 3. adjectives of places used as modifiers
        for c in self._adjectives(doc, taken):
            add(c)
        # 4. gazetteer matches of proper-noun runs
        # names the article surely gives as places already: inside a body's name they are the same place
        known = {name_key(c.text) for c in cands if c.source in (NER, CONTEXT) and not c.doubt}
        # words the article also writes in lower case are its ordinary words ("Man charged ..." in a headline
        # over "a man was charged"): capitalised alone they are no bare gazetteer match
        lower_words = frozenset(t.text for t in doc if t.is_lower)
        for c in self._scan(doc, taken, owner, person, extent, named, known, lower_words):
            add(c)
        # 5. list items next to places
        for c in self._list_items(doc, cands, taken, person):
            add(c)
        cands.sort(key=lambda c: c.start)
        return self._joined(document.text, cands)

    def _run_together(self, text: str, start: int, label: str | None = None) -> list[Candidate]:
        """A place entity the gazetteer does not know whole that runs two countries' names together, a
        comma missing ("Spain France"): the two countries. A place or location entity that runs on past
        a well-known place's name, or a county's named as such ("Kent County Democrats"): the place's
        name; not when the next word makes another place of it (a smaller division: "X Township", a
        landform: "X Delta", a street: "X Way"), nor when the name is compass words ("North West England").
        Else the entity as it is."""
        whole = [Candidate(start, start + len(text), text, NER, label=label)]
        if " " not in text or self.resolvable(text):
            return whole
        words = text.split(" ")
        for k in range(1, len(words)):
            left, right = " ".join(words[:k]), " ".join(words[k:])
            if all(any(p.kind == "country" and p.main_name for p in self.gaz.lookup(x)) for x in (left, right)):
                at = start + len(left) + 1
                return [Candidate(start, start + len(left), left, NER, label=label),
                        Candidate(at, at + len(right), right, NER, label=label)]
        if label in ("GPE", "LOC"):
            after_words, _ = names.street_words()
            for k in range(len(words) - 1, 0, -1):
                head, nxt = " ".join(words[:k]), words[k].lower().rstrip(".")
                if nxt in REGION_WORDS or nxt in SETTLEMENT_WORDS or nxt in _LANDFORMS or nxt in after_words \
                        or words[k - 1].lower() in GENERIC_WORDS and not (
                            label == "LOC" and k == 1 and any(p.kind == "feature" for p in self.gaz.lookup(head))):
                    continue  # (a sea's short name stays: "the Atlantic subtropical ridge")
                if k == 1 and first_name_gender(words[0]) is not None and words[1][:1].isupper():
                    continue  # a first name and a surname ("Georgia Bell", "Virginia Wade"): a person
                if any(self._salient_sense(p, False) or (p.kind == "region" and words[k - 1].lower() in REGION_WORDS)
                       for p in self.gaz.lookup(head)):
                    return [Candidate(start, start + len(head), head, NER, label=label)]
        return whole

    def _joined(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        """Two names written "A, B" that together are one place's name ("Washington, D.C.") are one."""
        out: list[Candidate] = []
        for c in cands:
            prev = out[-1] if out else None
            if prev is not None and c.source != ADJECTIVE and prev.source != ADJECTIVE \
                    and re.fullmatch(r",[ \t]*", text[prev.end:c.start]):
                joined = text[prev.start:c.end]
                if any(name_key(p.name) == name_key(joined) or not p.main_name for p in self.gaz.lookup(joined)
                       if p.kind in ("city", "region")):
                    out[-1] = Candidate(prev.start, c.end, joined, prev.source, label=prev.label,
                                        doubt=min(prev.doubt, c.doubt), dateline=prev.dateline)
                    continue
            out.append(c)
        return out

    def _in_a_name(self, doc: DocView, c: Candidate, idx: range, owner: list[str],
                   named: list[tuple[int, int]]) -> bool:
        """Is the candidate part of a publication's, company's, club's or person's name ("the Chicago
        Tribune", "Bank of America", "Paris Hilton"), or a portfolio word naming only a small town
        ("the Justice Department")? See `names.py`."""
        if names.storm_name(doc, idx.start, self._table.lower):
            return True
        if name_key(c.text) in _seats():
            # the seat of a body stands for the body unless the text puts something in or at it
            i = idx.start - 1
            if i >= 0 and doc[i].lower_ == "the":
                i -= 1
            if i < 0 or doc[i].lower_ not in _LOCATIVE:
                return True
        label = owner[idx.start] or None
        holder = named[idx.start] if label else None
        if names.verdict(doc, idx.start, idx.stop, holder, label, self.titles) == "name":
            return True
        if names.office_beside(doc, idx.start, idx.stop):
            senses = c.senses or self.gaz.lookup(c.text)
            return not any(self._salient_sense(s, False) and s.kind != "city" or
                           (s.kind == "city" and s.main_name and s.population >= SCAN_MIN_CITY) for s in senses)
        return False

    def _longer_name(self, doc: DocView, c: Candidate, end: int, taken: list[bool]) -> Candidate:
        """A place entity cut short of a well-known name that goes on: "Trinidad" before "and Tobago",
        "MEXICO" before "CITY"."""
        for width in (3, 2, 1):
            stop = end + width
            if stop > len(doc) or any(taken[i] for i in range(end, stop)) or "\n" in doc.span_text(end - 1, stop):
                continue
            tail = [doc[k] for k in range(end, stop)]
            if not _is_name_token(tail[-1]) or any(
                    not (_is_name_token(t) or t.lower_ in _CONNECTORS or t.lower_ in ("and", "&") or t.is_upper)
                    for t in tail):
                continue
            text = doc.text[c.start:tail[-1].idx + len(tail[-1])]
            if any(self._salient_sense(s, False) and s.kind != "city" or (s.kind == "city" and s.population >= 100_000)
                   for s in self.gaz.lookup(text)):
                return Candidate(c.start, c.start + len(text), text, c.source, c.prefer, c.label, doubt=c.doubt)
        return c

    # --- datelines -----------------------------------------------------------------------------

    def _datelines(self, text: str):
        for m in _DATELINE.finditer(text):
            titled = m.group("titled")
            # a name in title case is a dateline only before an agency or a dash ("Lusaka (AFP) —"),
            # not before a colon ("Note:") nor a hyphen ("Anglo-")
            if titled and not (m.group("agency") or m.group("dash") in ("—", "–", "--")):
                continue
            if m.group("dash") == "-" and not m.group("agency") and text[m.end():m.end() + 1] not in (" ", "\t"):
                continue  # "U.S.-led", "ABC-TV": a hyphen inside a word
            key = "place" if m.group("place") else "titled"
            for group in (key, "region"):
                name = m.group(group)
                if name:
                    start = m.start(group)
                    name = name.rstrip(".") if group == key and not self.gaz.lookup(name) else name
                    yield Candidate(start, start + len(name), name, CONTEXT, prefer="city" if group == key else None,
                                    dateline=True)

    # --- names inside one hyphened word --------------------------------------------------------

    def _hyphened(self, doc: DocView, taken: list[bool]):
        """A place name that opens a hyphened word the tokenizer kept whole: "U.S.-led", "Ohio-based",
        "Russian-backed"."""
        table = self._table
        for i, word in enumerate(table.text):
            if taken[i] or not word[:1].isupper() or "-" not in word and "‐" not in word and "‑" not in word \
                    and "–" not in word:
                continue
            m = _HYPHENED.match(word)
            if m is None:
                continue
            name = m.group(1)
            start = table.idx[i]
            adjective = self.gaz.lookup_adjective(name)
            if adjective:
                yield Candidate(start, start + len(name), name, ADJECTIVE, senses=adjective)
            elif any(self._salient_sense(p, False) for p in self.gaz.lookup(name)):
                yield Candidate(start, start + len(name), name, SCAN)

    # --- sites ---------------------------------------------------------------------------------

    def _sites(self, doc: DocView, taken: list[bool]):
        """Names of sites: a run of name words ending in a street word ("Elm Street", "14th St.",
        "Grace Cathedral") or opening with one ("Hotel Europa", "Rue Cler"), the whole run. They are
        placed in their town by the resolver. A run that goes on ("the Elm Street Journal") or that
        holds a known place ("Boston Road", "Lima Cathedral") is left to the other steps."""
        n = len(doc)
        table = names.name_words()
        after_words, before_words = names.street_words()
        lower, texts = self._table.lower, self._table.text
        for i in range(n):
            key = lower[i].rstrip(".")
            if (key not in after_words and key not in before_words) or taken[i] or not texts[i][:1].isupper():
                continue
            t = doc[i]
            start = end = None
            if "street" in table.get((key, "after"), ()) and t.i > 0:
                j = t.i
                while j > 0 and not taken[j - 1] and "\n" not in doc[j - 1].text_with_ws and (
                        _is_name_token(doc[j - 1]) or doc[j - 1].like_num
                        or (doc[j - 1].lower_ in _CONNECTORS and j - 2 >= 0 and _is_name_token(doc[j - 2]))):
                    j -= 1
                if j < t.i and (t.i + 1 >= n or not _is_name_token(doc[t.i + 1]) or "\n" in t.text_with_ws):
                    start, end = j, t.i + 1
            elif "street" in table.get((key, "before"), ()) and t.i + 1 < n and _is_name_token(doc[t.i + 1]):
                k = t.i + 1
                while k < n and not taken[k] and _is_name_token(doc[k]) and "\n" not in doc[k - 1].text_with_ws:
                    k += 1
                start, end = t.i, k
            if start is None or end is None:
                continue
            words = [doc[i] for i in range(start, end) if i != t.i and _is_name_token(doc[i])]
            if any(self.gaz.lookup_adjective(w.text) for w in words) or any(
                    self._salient_sense(p, False) for p in self.gaz.lookup(doc.span_text(words[0].i, words[-1].i + 1))
            ) if words else False:
                continue
            yield Candidate(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), doc.span_text(start, end), NER,
                            label="FAC", site=True)

    # --- administrative phrases --------------------------------------------------------------

    def _name_run_before(self, doc: DocView, end: int) -> int:
        """Start of the run of name tokens ending just before token `end`."""
        i = end
        while i > 0 and (_is_name_token(doc[i - 1]) or doc[i - 1].text in ("-",) and i - 1 > 0):
            i -= 1
        return i

    def _admin_phrases(self, doc: DocView, taken: list[bool]):
        n = len(doc)
        for t in doc:
            word = t.lower_
            if word in REGION_WORDS or word in SETTLEMENT_WORDS:
                prefer = "region" if word in REGION_WORDS else "city"
                # "X region", "X and Y districts", "the occupied X, Y, and Z districts"
                j = t.i
                if j > 0 and doc[j - 1].lower_ in REGION_WORDS:  # "Autonomous Republic"
                    j -= 1
                items = self._list_before(doc, j)
                if len(items) == 1 and t.text[:1].isupper() and not t.is_sent_start \
                        and self.gaz.lookup(doc[items[0][0]:t.i + 1].text):
                    # a capitalised administrative word is part of the name: "Metcalfe County"
                    s, _ = items[0]
                    items = [(s, t.i + 1)]
                for s, e in items:
                    if self.gaz.lookup_adjective(doc.span_text(s, e)):
                        continue
                    yield Candidate(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), doc.span_text(s, e), CONTEXT,
                                    prefer=prefer)
                # "the cities of X, Y and Z", "the region of X"
                if t.i + 2 < n and doc[t.i + 1].lower_ == "of" and word not in ("state", "states") \
                        and t.is_lower:
                    for s, e in self._list_after(doc, t.i + 2):
                        if self.gaz.lookup_adjective(doc.span_text(s, e)):
                            continue
                        yield Candidate(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), doc.span_text(s, e), CONTEXT,
                                        prefer=prefer)

    def _list_before(self, doc: DocView, end: int) -> list[tuple[int, int]]:
        """Name runs ending at token `end`, walking back over ", " and "and"."""
        out = []
        i = end
        while True:
            s = self._name_run_before(doc, i)
            if s == i:
                break
            out.append((s, i))
            k = s
            # separators: ",", "and", ", and", "or"
            if k > 0 and doc[k - 1].lower_ in ("and", "or", "&"):
                k -= 1
            if k > 0 and doc[k - 1].text == ",":
                k -= 1
            if k == s or len(out) > 12:
                break
            i = k
        return out

    def _list_after(self, doc: DocView, start: int) -> list[tuple[int, int]]:
        out = []
        i, n = start, len(doc)
        while i < n:
            e = i
            while e < n and _is_name_token(doc[e]):
                e += 1
            if e == i:
                break
            out.append((i, e))
            k = e
            if k < n and doc[k].text == ",":
                k += 1
            if k < n and doc[k].lower_ in ("and", "or", "&"):
                k += 1
            if k == e or len(out) > 12:
                break
            i = k
        return out

    # --- adjectives ------------------------------------------------------------------------------

    def _adjectives(self, doc: DocView, taken: list[bool]):
        n = len(doc)

        def spacy_label_of(t: Token) -> str:
            return t.ent_type_
        i = 0
        while i < n:
            t = doc[i]
            if taken[i] or not t.text[:1].isupper() or t.is_stop:
                i += 1
                continue
            found = None
            for width in (2, 1):  # "North American", "South Korean" before "American"
                if i + width > n or any(taken[k] for k in range(i, i + width)) \
                        or (width == 2 and not doc[i + 1].is_alpha):
                    continue
                senses = self.gaz.lookup_adjective(doc.span_text(i, i + width))
                if senses:
                    found = (width, senses)
                    break
            if found is None:
                i += 1
                continue
            width, senses = found
            last = doc[i + width - 1]
            nxt = doc[i + width] if i + width < n else None
            if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN" \
                    and spacy_label_of(nxt) not in ("ORG", "NORP", "PERSON") and nxt.lower_ not in self.titles \
                    and doc.span_text(nxt.i, nxt.i + 2).casefold() not in self.titles \
                    and "institution" not in names.classes_of(names.words_after(doc, nxt.i), [])[0]:
                i += width  # a proper name that starts with an adjective ("French Quarter"), not a body's
                continue    # or an office's ("the Chilean State Council")
            if nxt is not None and nxt.text[:1].isupper() and nxt.text.endswith("s") \
                    and self.gaz.lookup_adjective(nxt.text[:-1]):
                i += width  # part of a people's name ("Italian Americans", "Irish Canadians"), not a place's
                continue
            if self._used_as_modifier(doc, last):
                yield Candidate(t.idx, last.idx + len(last), doc.span_text(i, i + width), ADJECTIVE, senses=senses)
            i += width

    @staticmethod
    def _used_as_modifier(doc: DocView, t: Token) -> bool:
        """"Polish troops", "the Dutch-led", not "Poles", "the Dutch", "in Polish"."""
        if t.tag_ in ("NNS", "NNPS") or (t.text.endswith("s") and _PLURAL_DEMONYM.search(t.lower_)
                                            and t.tag_ not in ("JJ",)):
            return False
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.text in ("-", "–") and t.i + 2 < len(doc):
            return True  # "Russian-backed"
        if nxt is not None and nxt.like_num and t.tag_ == "JJ":
            return True  # "a British 11-month-old", "the Chilean 23-year-old"
        if t.dep_ == "conj" and t.head.i < t.i and t.head.dep_ in ("amod", "compound") \
                and t.head.head.pos_ in ("NOUN", "PROPN"):
            return True  # "German, Irish and other immigrants": one of adjectives that modify a noun
        if t.dep_ in ("amod", "compound", "nmod") and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN"):
            return True
        return nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ") and not nxt.text[:1].isupper() \
            and t.dep_ not in ("dobj", "pobj", "nsubj", "attr")

    # --- gazetteer scan ----------------------------------------------------------------------------

    def _scan(self, doc: DocView, taken: list[bool], owner: list[str], person: list[bool],
              extent: list[tuple[int, int]], named: list[tuple[int, int]], known: AbstractSet[str] = frozenset(),
              lower_words: AbstractSet[str] = frozenset()):
        n = len(doc)
        i = 0
        while i < n:
            if taken[i] or person[i] or not _is_name_token(doc[i]):
                i += 1
                continue
            matched = 0
            for width in (4, 3, 2, 1):
                j = i + width
                if j > n or any(taken[k] or person[k] for k in range(i, j)):
                    continue
                if not _is_name_token(doc[j - 1]) or any(
                        not (_is_name_token(t) or t.lower_ in _CONNECTORS or t.text in ("-", "."))
                        for t in (doc[k] for k in range(i, j))):
                    continue
                name = doc.span_text(i, j)
                # an "X"-headed name continues: "New York Times" is scanned as "New York" only if
                # "New York" names a place; the rest stays with the organisation
                if width == 1 and doc[i].pos_ == "ADJ" and self.gaz.lookup_adjective(name):
                    continue
                if width == 1 and doc[i].is_stop and not doc[i].is_upper:
                    continue  # a function word with a capital ("No", "May"): never a bare match
                if width == 1 and not doc[i].is_upper and doc[i].text.lower() in lower_words:
                    continue  # an ordinary word of the article, with a capital
                if width == 1 and doc[i].is_upper and len(doc[i].text) <= 3 and not (
                        i >= 2 and doc[i - 1].text == "," and _is_name_token(doc[i - 2])):
                    # "CT", "GA": a postal code only after a town ("Hartford, CT"), a country's
                    # abbreviation ("US", "UK") anywhere
                    senses = tuple(s for s in self.gaz.lookup(name) if s.kind != "region" or s.level == 0)
                else:
                    senses = self.gaz.lookup(name)
                if not senses:
                    continue
                # inside an organisation's name, unless the name is the place's alone ("Danbury police")
                inside = owner[i] in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "NORP") \
                    and extent[i] != (i, j)
                level = self._salience(senses, embedded=inside, single=width == 1, doc=doc, i=i)
                if level is None and inside and name_key(name) in known and owner[i] == "ORG" \
                        and not (j < n and doc[j].text in ("'s", "’s")):  # not "St. Paul's Hospital"
                    level = 0  # "the Elmira Police Department" in an article that names Elmira
                if level is not None and not (level and owner[i] in ("PERSON", "ORG")):
                    # only the senses that made the match salient: "Windsor" inside an
                    # organisation's name is the big town, not a village of that name
                    keep = tuple(x for x in senses if self._salient_sense(x, inside)) if inside else ()
                    s0, e0 = named[i]
                    within = (doc[s0].idx, doc[e0 - 1].idx + len(doc[e0 - 1])) if (s0, e0) != (i, j) else None
                    yield Candidate(doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), name, SCAN, doubt=level,
                                    senses=keep, within=within)
                    matched = width
                    break
            i += matched or 1

    @staticmethod
    def _salience(senses: tuple[GazPlace, ...], *, embedded: bool, single: bool, doc: DocView, i: int) -> int | None:
        """Is a bare gazetteer match a place mention? Countries, continents, first-level regions and
        curated places are (0); cities when big (bigger still inside an organisation's name); small
        towns only weakly (2); None when not."""
        t = doc[i]
        if single and t.is_sent_start and not t.is_upper and t.pos_ != "PROPN":
            return None
        if any(Detector._salient_sense(s, embedded) for s in senses):
            return 0
        if not embedded and any(Detector._salient_sense(s, embedded, weak=True) for s in senses):
            return 2
        return None

    @staticmethod
    def _salient_sense(s: GazPlace, embedded: bool, weak: bool = False) -> bool:
        # first-level regions and curated places (no GeoNames id, or a feature: only the curated table has
        # features) always; other regions when big
        if s.kind in ("country", "continent", "feature") or (s.kind == "region" and s.level != 2 and (
                s.level == 1 or s.population >= 100_000 or s.geonameid < 0)):
            return True
        if s.kind != "city" or not s.main_name:
            return False
        if weak:
            return s.population >= WEAK_MIN_CITY
        return s.population >= (EMBEDDED_MIN_CITY if embedded else SCAN_MIN_CITY)

    # --- lists -----------------------------------------------------------------------------------

    def _list_items(self, doc: DocView, cands: list[Candidate], taken: list[bool], person: list[bool]):
        """Name runs joined by commas and "and" to a place candidate ("X, Y, and Z")."""
        n = len(doc)
        starts = {}
        for c in cands:
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            if span is not None and c.source in (NER, CONTEXT, SCAN):
                starts[span.start] = span.end
        seen: set[int] = set()
        for s0, e0 in sorted(starts.items()):
            # walk right: ", Y", ", and Z", " and Z"
            e = e0
            while e < n:
                k = e
                if k < n and doc[k].text == ",":
                    k += 1
                if k < n and doc[k].lower_ in ("and", "or"):
                    k += 1
                if k == e:
                    break
                r = k
                while r < n and _is_name_token(doc[r]) and not person[r]:
                    r += 1
                if r == k or r - k > 4:
                    break
                if not any(taken[x] for x in range(k, r)) and k not in seen \
                        and not self.gaz.lookup_adjective(doc.span_text(k, r)):
                    seen.add(k)
                    yield Candidate(doc[k].idx, doc[r - 1].idx + len(doc[r - 1]), doc.span_text(k, r), CONTEXT)
                e = starts.get(k, r)
            # walk left: "X, " before a place
            s = s0
            while s > 0:
                k = s
                if doc[k - 1].lower_ in ("and", "or"):
                    k -= 1
                if k > 0 and doc[k - 1].text == ",":
                    k -= 1
                if k == s:
                    break
                left = k
                while left > 0 and _is_name_token(doc[left - 1]) and not person[left - 1]:
                    left -= 1
                if left == k or k - left > 4:
                    break
                # a list needs its items to look alike: the left item must end right at a comma
                if not any(taken[x] for x in range(left, k)) and left not in seen \
                        and name_key(doc.span_text(left, k)) and not self.gaz.lookup_adjective(doc.span_text(left, k)):
                    seen.add(left)
                    yield Candidate(doc[left].idx, doc[k - 1].idx + len(doc[k - 1]), doc.span_text(left, k), CONTEXT)
                s = left
