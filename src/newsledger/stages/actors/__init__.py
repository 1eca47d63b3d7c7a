"""Actors stage: entities with every mention, country and PLOVER sector.

Steps, all on the one spaCy parse:
1. candidate mentions: spaCy NER, plus dictionary matches of country names and
   demonyms, plus names the knowledge layers know (a multi-word name or an acronym NER
   missed), plus group noun phrases ("Norway's forces", "separatist forces");
2. repair: a span that is a country name is a GPE, a demonym a NORP, a known place
   (country, capital, gazetteer town) is never a PERSON, an ORG that is only a gazetteer
   town is a GPE, a name the knowledge layers know as a person is a PERSON; determiners,
   possessives and titles are trimmed off;
3. merge mentions into entities: countries by code, people by name parts
   ("Lindqvist" joins "Maria Lindqvist"), places and organisations by name; a surname
   NER missed elsewhere in the article becomes a mention too;
4. code: a title chain before a name ("Lebanon's new President", "British Defence
   Secretary"), an appositive after it (", the Swedish president,") or "of Norway"
   gives a role, sector and country; an organisation gets its country from a country
   word, capital or possessive in or before its name; group words give a sector; towns
   and regions take their country from the gazetteer; a capital that acts (subject,
   object, agent, possessor: "agreed by Oslo and Stockholm") stands for its government: the
   GPE entity keeps its place identity and name but carries the country and sector GOV;
5. knowledge: whatever the article leaves open (a bare "Lindqvist"), the explicit
   `ActorKnowledge` layers may fill: country, sector and role of the actor the name
   means on the article's date (see knowledge.choose);
6. resolve role descriptions ("the President of Norway", "the Norwegian leader",
   "the president") and pronouns to the person they refer to, recording each as a
   mention.

`document.mentions` maps every token inside a mention (names, roles, pronouns) to its
entity id: the quotes and events stages read speakers and participants from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from ...document import Document
from ...knowledge import ActorKnowledge, KnownActor, choose, default_knowledge
from ...model import Entity, Span
from ...names import name_key
from ..base import Stage
from .dictionaries import ActorDictionaries, load_dictionaries

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from ...gazetteer import Gazetteer

# NER labels that name actors or places; numbers and dates belong to other stages.
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_STRIP_LEFT = {"the", "a", "an", "“", '"', "‘", "'", "(", "[", "-", "—", "–"}
_STRIP_RIGHT = {"’s", "'s", "’", "'", "”", '"', ")", "]", ",", ".", ":", ";", "-", "—", "–"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_PRONOUN_WINDOW_SENTENCES = 3
_ROLE_WINDOW_SENTENCES = 6
_MAX_CHAIN = 8
# dependency labels of a mention that acts rather than locates
_ACTING_DEPS = {"nsubj", "nsubjpass", "dobj", "agent", "poss", "dative"}
# sectors of offices held at home: a holder with no stated country belongs to the one named nearby
_DOMESTIC_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "OPP", "PTY"}
_PLACE_PREPOSITIONS = {"in", "to", "into", "at", "from", "across", "toward", "towards", "near", "inside", "via"}
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "du", "la", "le", "ben", "abu", "di", "dos"}


@dataclass
class _Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    source: str = "ner"  # ner | dict | knowledge | group | role | pronoun
    name: str | None = None  # canonical name when the source knows it
    capital: bool = False  # the span is a capital city's name

    def overlaps(self, other: _Mention) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class _Group:
    label: str
    key: tuple
    mentions: list[_Mention] = field(default_factory=list)
    name: str = ""
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    name_tokens: frozenset[str] = frozenset()
    known: KnownActor | None = None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


@dataclass(frozen=True)
class _Title:
    start: int  # first token of the descriptor (after a determiner)
    end: int
    role: str
    sector: str | None
    country: str | None


class ActorsStage(Stage):
    name = "actors"
    reads = ("doc", "text", "anchor")
    writes = ("entities", "mentions")

    def __init__(self, dictionaries: ActorDictionaries | None = None, gazetteer: Gazetteer | None = None,
                 knowledge: ActorKnowledge | None = None) -> None:
        self.dicts = dictionaries or load_dictionaries()
        self._gazetteer = gazetteer
        # None: the bundled facts only. Pass a ChainKnowledge to add an override file or the ledger.
        self.knowledge: ActorKnowledge = knowledge if knowledge is not None else default_knowledge()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from ...gazetteer import Gazetteer

            self._gazetteer = Gazetteer.open()
        return self._gazetteer

    def __call__(self, document: Document) -> None:
        assert document.doc is not None
        doc = document.view  # one Token object per token, whatever the helpers index
        self._document = document
        anchor = document.anchor
        self._day: date | None = anchor.date() if isinstance(anchor, datetime) else anchor
        mentions = self._ner_mentions(doc)
        mentions = self._add_dictionary_mentions(document, mentions)
        self._focus = {m.country for m in mentions if m.country and m.label in ("GPE", "NORP")}
        mentions.extend(self._knowledge_mentions(document, mentions))
        mentions.extend(self._group_mentions(doc, mentions))
        mentions.sort(key=lambda m: (m.start, -m.end))
        groups = self._merge(doc, mentions)
        self._add_missed_surnames(doc, groups)
        self._apply_knowledge(doc, groups)
        self._code_places(doc, groups)
        self._country_from_sentence(doc, groups)
        self._resolve_roles(doc, groups)
        self._resolve_pronouns(doc, groups)
        self._emit(document, groups)

    # --- knowledge helpers -------------------------------------------------------------------

    def _known(self, text: str, type_: str | None = None, full_name: str | None = None) -> KnownActor | None:
        found = self.knowledge.lookup(text)
        if not found:
            return None
        return choose(found, self._day, type_=type_, full_name=full_name)

    def _known_person_name(self, text: str) -> KnownActor | None:
        """A known person named by `text` in full (two words or more)."""
        if len(text.split()) < 2:
            return None
        return self._known(text, "PERSON", full_name=text)

    # --- 1 + 2: candidate mentions and repair ---------------------------------------------

    def _clean(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        while start < end and (doc[start].lower_ in _STRIP_LEFT or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].lower_ in _STRIP_RIGHT or doc[end - 1].is_space
                               or doc[end - 1].is_punct and doc[end - 1].text not in ".&"):
            end -= 1
        return start, end

    def _ner_mentions(self, doc: Doc) -> list[_Mention]:
        out: list[_Mention] = []
        for ent in doc.ents:
            if ent.label_ not in _ACTOR_LABELS:
                continue
            start, end = self._clean(doc, ent.start, ent.end)
            if start >= end:
                continue
            m = _Mention(start, end, ent.label_)
            self._repair(doc, m)
            if m.label and m.start < m.end:
                out.append(m)
        return out

    def _repair(self, doc: Doc, m: _Mention) -> None:
        span = doc[m.start:m.end]
        text = span.text
        iso3 = self.dicts.country_of_name(text)
        if iso3:
            m.label, m.country, m.name = "GPE", iso3, self.dicts.countries[iso3].name
            return
        iso3 = self.dicts.country_of_demonym(text)
        if iso3:
            m.label, m.country = "NORP", iso3
            return
        if self.dicts.is_ambiguous(text):  # "Congo": a country, but which one the name cannot tell
            m.label = "NORP" if m.label == "NORP" else "GPE"
            return
        if m.label != "PERSON" and self._known_person_name(text) and not self._is_capital(text):
            m.label = "PERSON"  # a known full name tagged ORG
        if m.label == "PERSON":
            m.start, m.end = self._trim_person(doc, m.start, m.end)
            if m.start >= m.end:
                m.label = ""
                return
            span = doc[m.start:m.end]
            if self.dicts.country_of_name(span.text):
                m.label, m.country = "GPE", self.dicts.country_of_name(span.text)
                m.name = self.dicts.countries[m.country].name
                return
            if self._is_place_not_person(doc, m):
                m.label = "GPE"
                if self._is_capital(span.text):
                    m.country, m.capital = self.dicts.country_of_capital(span.text), True
                return
            title = self._title_before(doc, m.start) or self._title_after(doc, m.end)
            if title:
                m.role, m.sector, m.country = title.role, title.sector, title.country
            m.country = m.country or self._of_country_after(doc, m.end)
            return
        if m.label in ("ORG", "PERSON"):
            head = span.root
            sector = self.dicts.group_heads.get(span.text.casefold()) or self.dicts.group_heads.get(head.text.casefold())
            if sector and m.label == "ORG":
                m.sector = sector
        if m.label == "ORG" and self._is_capital(text) or m.label == "ORG" and self._org_is_town(doc, m):
            m.label = "GPE"
        if m.label in ("GPE", "LOC") and self._is_capital(text):
            m.country, m.capital = self.dicts.country_of_capital(text), True
        if m.label == "ORG":
            m.country = m.country or self._org_country(doc, m.start, m.end)
            m.sector = m.sector or self._org_sector(doc, m.start, m.end)

    def _is_capital(self, text: str) -> bool:
        return self.dicts.country_of_capital(text) is not None

    def _trim_person(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """Move titles, qualifiers and country words off the front of a PERSON span
        ("President Maria Lindqvist", "Norwegian President Lindqvist" -> the name only)."""
        while start < end - 1:
            t = doc[start]
            low = t.lower_
            if (low in self.dicts.title_words or low in self.dicts.qualifiers
                    or self.dicts.country_of_demonym(t.text) or low in _POSSESSIVE):
                # a title word that is the whole remaining first name stays ("Major" as a name is rare)
                start += 1
                continue
            if self.dicts.country_of_name(t.text) and doc[start + 1].text in _POSSESSIVE:
                start += 2
                continue
            break
        while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        # a lone title left ("President") is not a name
        if end - start == 1 and doc[start].lower_ in self.dicts.title_words and not self._known(doc[start].text, "PERSON"):
            return start, start
        return start, end

    def _is_place_not_person(self, doc: Doc, m: _Mention) -> bool:
        """A PERSON span that is a known capital, or that the gazetteer knows as a town or region
        and no title, known person or fuller name in the article makes a person."""
        text = doc[m.start:m.end].text
        if self._title_before(doc, m.start) or self._known(text, "PERSON"):
            return False
        if self._is_capital(text):
            return True
        if m.end - m.start > 2:
            return False
        # "Lindqvist" after "Maria Lindqvist" stays a person: the word is a known name part here.
        words = {t.text for t in doc[m.start:m.end]}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > len(words) and words < {t.text for t in ent}:
                return False
        places = self.gazetteer.lookup(text)
        return any(p.kind in ("city", "region", "country") and p.population >= 1000 for p in places)

    def _org_is_town(self, doc: Doc, m: _Mention) -> bool:
        """An ORG span with no organisation word that the gazetteer knows as a town or region in
        a country the article is about, or as a sizeable place ("the occupied X district")."""
        span = doc[m.start:m.end]
        if any(t.lower_ in self.dicts.org_name_words or t.lower_ in self.dicts.group_heads for t in span):
            return False
        if any(not t.is_title for t in span if t.is_alpha) or len(span) > 3:
            return False
        if self._known(span.text):
            return False
        places = self.gazetteer.lookup(span.text)
        return any(p.kind in ("city", "region") and (p.country in self._focus_early(doc) or p.population >= 100_000)
                   for p in places)

    def _focus_early(self, doc: Doc) -> set[str]:
        """Countries the article names (before the full mention list exists)."""
        focus = getattr(self, "_focus_cache", None)
        if focus is None or focus[0] is not doc:
            codes = set()
            for t in doc:
                if t.is_title or t.is_upper:
                    code = self.dicts.country_of_name(t.text) or self.dicts.country_of_demonym(t.text)
                    if code:
                        codes.add(code)
            for ent in doc.ents:
                code = self.dicts.country_of_name(ent.text)
                if code:
                    codes.add(code)
            focus = (doc, codes)
            self._focus_cache = focus
        return focus[1]

    # --- titles and descriptors -----------------------------------------------------------------

    def _country_word(self, doc: Doc, i: int, lo: int) -> tuple[str | None, int]:
        """A country word ending at token i (a demonym, a country name of up to 4 words, or a
        possessive "X's"): (iso3, first token index) or (None, i)."""
        t = doc[i]
        if t.text in _POSSESSIVE and i - 1 >= lo:
            for k in range(4, 0, -1):
                a = i - k
                if a < lo:
                    continue
                code = self.dicts.country_of_name(doc[a:i].text) or self.dicts.country_of_capital(doc[a:i].text)
                if code:
                    return code, a
            return None, i
        code = self.dicts.country_of_demonym(t.text)
        if code:
            return code, i
        for k in range(4, 0, -1):
            a = i - k + 1
            if a < lo:
                continue
            code = self.dicts.country_of_name(doc[a:i + 1].text)
            if code:
                return code, a
        return None, i

    def _title_at_end(self, doc: Doc, lo: int, end: int) -> tuple[int, str | None] | None:
        """The longest known title ending at `end` (exclusive): (start, sector)."""
        for k in range(min(self.dicts.max_title_words, end - lo), 0, -1):
            known, sector = self.dicts.title_sector(doc[end - k:end].text)
            if known:
                return end - k, sector
        return None

    def _descriptor(self, doc: Doc, lo: int, end: int, *, need_title_at_end: bool) -> _Title | None:
        """Read a title chain ending at `end`, going left no further than `lo`:
        [country word] [qualifiers, org words, capitalised nouns]* title.
        "Lebanon's new President", "British Defence Secretary", "Nigerian junior foreign minister"."""
        found = self._title_at_end(doc, lo, end) if need_title_at_end else None
        if need_title_at_end and not found:
            return None
        i = found[0] - 1 if found else end - 1
        sector = found[1] if found else None
        has_title = bool(found)
        group_sector = None
        country = None
        start = found[0] if found else end
        steps = 0
        while i >= lo and steps < _MAX_CHAIN:
            t = doc[i]
            code, a = self._country_word(doc, i, lo)
            if code:
                country, start = code, a
                break
            low = t.lower_
            title = self._title_at_end(doc, lo, i + 1)
            if title:
                has_title = True
                sector = sector or title[1]
                start = title[0]
                i = title[0] - 1
                steps += 1
                continue
            if low in self.dicts.group_modifiers or low in self.dicts.group_heads:
                group_sector = group_sector or self.dicts.group_modifiers.get(low) or self.dicts.group_heads.get(low)
            elif not (low in self.dicts.qualifiers or low in ("and", "&", "-", "of", "for")
                      or t.is_title and t.pos_ in ("PROPN", "NOUN", "ADJ")):
                break
            if t.ent_type_ in ("PERSON",) or t.is_sent_start and low not in self.dicts.qualifiers and not t.is_title:
                break
            start = i
            i -= 1
            steps += 1
        if not has_title:
            return None
        while start < end and doc[start].lower_ in {"and", "of", "for", "-"} | self.dicts.qualifiers:
            start += 1
        role_start = start
        if country is not None:
            # the role is written without the country word: "President", not "Lebanon's new President"
            j = start
            while j < end and (self._country_word(doc, j, j)[0] or doc[j].text in _POSSESSIVE):
                j += 1
            role_start = j
        words = [t for t in doc[role_start:end] if t.lower_ not in self.dicts.qualifiers]
        role = " ".join(t.text for t in words).strip() or doc[role_start:end].text
        sector = group_sector if group_sector and group_sector != "GOV" else (sector or group_sector)
        return _Title(start, end, role, sector, country)

    def _title_before(self, doc: Doc, start: int) -> _Title | None:
        """A title chain right before a name ("Norwegian President" Lindqvist)."""
        if start == 0:
            return None
        lo = max(doc[start].sent.start, start - _MAX_CHAIN - 2)
        return self._descriptor(doc, lo, start, need_title_at_end=True)

    def _title_after(self, doc: Doc, end: int) -> _Title | None:
        """An appositive after a name: ", the Swedish president," / ", Turkey's foreign minister,"
        / ", president of Turkey,"."""
        if end >= len(doc) or doc[end].text != ",":
            return None
        i = end + 1
        sent_end = doc[end].sent.end
        if i < sent_end and doc[i].lower_ in ("the", "a", "an"):
            i += 1
        j = i
        while j < sent_end and j - i <= _MAX_CHAIN and not (doc[j].is_punct and doc[j].text not in "-'’"):
            if doc[j].pos_ in ("VERB", "AUX") or doc[j].lower_ in ("who", "which", "that"):
                return None
            j += 1
        if j == i:
            return None
        # "president of Turkey": the title then "of" + country
        of_country = None
        stop = j
        for k in range(i, j):
            if doc[k].lower_ == "of" and k > i:
                of_country = self.dicts.country_of_name(doc[k + 1:j].text)
                if of_country:
                    stop = k
                break
        title = self._descriptor(doc, i, stop, need_title_at_end=True)
        if title is None:
            return None
        country = title.country or of_country
        role = title.role
        return _Title(title.start, j, role, title.sector, country)

    def _of_country_after(self, doc: Doc, end: int) -> str | None:
        """"Maria Lindqvist of Norway": a country named right after the name with "of"."""
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            for k in range(4, 0, -1):
                if end + 1 + k <= len(doc):
                    code = self.dicts.country_of_name(doc[end + 1:end + 1 + k].text)
                    if code:
                        return code
        return None

    # --- organisations ----------------------------------------------------------------------------

    def _org_country(self, doc: Doc, start: int, end: int) -> str | None:
        """A country word inside an organisation's name ("Swedish Army", "Armed Forces of
        Sweden", "Oslo University"), or a possessive / country word right before it
        ("Ivory Coast's Supreme Court", "US Congress")."""
        span = doc[start:end]
        code = self._country_in(span)
        if code:
            return code
        for t in span:
            code = self.dicts.country_of_capital(t.text)
            if code:
                return code
        if start > 0:
            code, _ = self._country_word(doc, start - 1, max(0, start - 5))
            if code:
                return code
        return None

    def _longest_group_phrase(self) -> int:
        longest = getattr(self, "_group_phrase_words", None)
        if longest is None:
            longest = max((len(w.split()) for w in self.dicts.group_heads), default=1)
            self._group_phrase_words = longest
        return longest

    def _org_sector(self, doc: Doc, start: int, end: int) -> str | None:
        span = doc[start:end]
        # no group phrase is longer than the longest in the dictionary: a long name costs linear time
        longest = self._longest_group_phrase()
        for k in range(min(len(span), longest), 0, -1):  # the last group word wins: "Ministry of Defence" -> MIL
            for a in range(0, len(span) - k + 1):
                words = span[a:a + k].text.casefold()
                if k > 1 and words in self.dicts.group_heads:
                    return self.dicts.group_heads[words]
        for t in reversed(span):
            if t.lower_ in self.dicts.group_heads and t.lower_ not in ("people", "official", "officials"):
                return self.dicts.group_heads[t.lower_]
        return None

    def _country_in(self, span: SpacySpan) -> str | None:
        for token in span:
            iso3 = self.dicts.country_of_demonym(token.text) or self.dicts.country_of_name(token.text)
            if iso3:
                return iso3
        # multi-word names inside ("Armed Forces of the United States")
        words = [t.text for t in span]
        for i in range(len(words)):
            for j in range(min(len(words), i + 5), i + 1, -1):
                iso3 = self.dicts.country_of_name(" ".join(words[i:j]))
                if iso3:
                    return iso3
        return None

    # --- extra candidate mentions ------------------------------------------------------------------

    def _add_dictionary_mentions(self, document: Document, mentions: list[_Mention]) -> list[_Mention]:
        """Country names and demonyms that NER missed or mislabelled."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        found: list[_Mention] = []
        tok = document.tokens
        text = document.text
        n = len(tok)
        # tokens that cannot be inside a name: spaces, punctuation other than "." and "-"
        breaks = [sp or (pu and tx not in ".-") for sp, pu, tx in zip(tok.is_space, tok.is_punct, tok.text, strict=True)]
        i = 0
        while i < n:
            if not tok.text[i][:1].isupper():
                i += 1  # country names and demonyms are proper nouns: they start capitalised
                continue
            if tok.lower[i] in _STRIP_LEFT:
                i += 1
                continue
            name_start = self.dicts.may_start_country_name(tok.text[i])
            matched = False
            for width in (5, 4, 3, 2, 1):
                j = i + width
                if j > n or any(breaks[i:j]) or not name_start and width > 1:
                    continue
                name = text[tok.idx[i]:tok.end_char(j - 1)]
                iso3 = self.dicts.country_of_name(name) if name_start else None
                label = "GPE"
                if not iso3 and width == 1 and tok.is_title[i]:
                    iso3 = self.dicts.country_of_demonym(name)
                    label = "NORP"
                if not iso3:
                    continue
                if any(k in covered for k in range(i, j)):
                    # NER has a span here: keep it
                    i = j
                    matched = True
                    break
                m = _Mention(i, j, label, country=iso3, source="dict",
                             name=self.dicts.countries[iso3].name if label == "GPE" else None)
                found.append(m)
                i = j
                matched = True
                break
            if not matched:
                i += 1
        return mentions + found

    def _knowledge_mentions(self, document: Document, mentions: list[_Mention]) -> list[_Mention]:
        """Names the knowledge layers know that NER missed: runs of capitalised words that are a
        known actor's full name or alias, and acronyms of known organisations."""
        doc = document.doc
        assert doc is not None
        tok = document.tokens
        words, lower = tok.text, tok.lower
        # spaCy's is_title, is_upper and is_alpha are these str tests on the token's text
        capital = [ti or w.isupper() for ti, w in zip(tok.is_title, words, strict=True)]
        covered = {i for m in mentions for i in range(m.start, m.end)}
        out: list[_Mention] = []
        n = len(tok)
        i = 0
        while i < n:
            if i in covered or not capital[i] or not words[i].isalpha() and "-" not in words[i]:
                i += 1
                continue
            j = i
            while j < n and j - i < 6 and j not in covered and (
                    capital[j] or lower[j] in _NAME_PARTICLES
                    or words[j] == "-" or lower[j] in ("of", "for", "the") and j > i):
                j += 1
            hit = None
            for e in range(j, i, -1):
                if lower[e - 1] in {"of", "for", "the", "-"} | _NAME_PARTICLES:
                    continue
                text = document.text[tok.idx[i]:tok.end_char(e - 1)]
                if e - i == 1 and (doc[i].is_sent_start and doc[i].pos_ != "PROPN" or len(text) < 2
                                   or doc[i].pos_ != "PROPN" and not doc[i].is_upper
                                   or len(text) <= 4 and not doc[i].is_upper):
                    continue  # a short name only as an acronym ("NATO", never "Who")
                if self.dicts.country_of_any(text) or self.dicts.title_sector(text)[0]:
                    continue
                found = self.knowledge.lookup(text)
                if not found:
                    continue
                known = choose(found, self._day, full_name=text if e - i > 1 else None)
                if known is None or known.type not in ("PERSON", "ORG"):
                    continue
                if known.type == "PERSON" and e - i == 1 and not self._known(text, "PERSON"):
                    continue
                hit = _Mention(i, e, known.type, source="knowledge")
                break
            if hit is not None:
                if hit.label == "PERSON":
                    title = self._title_before(doc, hit.start)
                    if title:
                        hit.role, hit.sector, hit.country = title.role, title.sector, title.country
                out.append(hit)
                i = hit.end
            else:
                i = max(j, i + 1)
        return out

    def _group_mentions(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """Noun phrases headed by a group word with a country or a sector modifier."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        out: list[_Mention] = []
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.i in covered:
                continue
            sector = self.dicts.group_heads.get(token.lower_)
            if not sector:
                continue
            country = None
            left = token.i
            countries: list[tuple[int, str]] = []
            for child in token.lefts:
                if child.dep_ in ("amod", "compound", "poss", "nmod", "det", "nummod", "cc", "conj"):
                    left = min(left, child.left_edge.i)
                words = [child] + [c for c in child.subtree if c.dep_ == "conj"]
                if child.left_edge.i < child.i and child.dep_ in ("amod", "compound"):
                    # a demonym or name of several words: "South Korean army", "Sierra Leonean troops"
                    phrase = doc[child.left_edge.i:child.i + 1].text
                    iso3 = self.dicts.country_of_demonym(phrase) or self.dicts.country_of_name(phrase)
                    if iso3:
                        countries.append((child.i, iso3))
                for w in words:
                    iso3 = self.dicts.country_of_demonym(w.text) or self.dicts.country_of_name(w.text)
                    if not iso3 and w.ent_type_ in ("GPE", "NORP"):
                        iso3 = self.dicts.country_of_name(w.text)
                    if iso3 and child.dep_ in ("amod", "compound", "poss", "nmod"):
                        countries.append((w.i, iso3))
                    mod_sector = self.dicts.group_modifiers.get(w.lower_)
                    if mod_sector and child.dep_ in ("amod", "compound", "conj"):
                        sector = mod_sector
            if countries:
                countries.sort()
                if len({c for _, c in countries}) > 1:
                    # "US and British forces": the phrase names the last country's forces; the
                    # others stay their own country mentions
                    last_i, country = countries[-1]
                    left = last_i
                    while left > 0 and doc[left - 1].text in _POSSESSIVE | {"-"}:
                        left -= 1
                    code, a = self._country_word(doc, last_i + 1, last_i - 4) if (
                        last_i + 1 < len(doc) and doc[last_i + 1].text in _POSSESSIVE) else (None, left)
                    left = a if code else left
                else:
                    country = countries[0][1]
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        iso3 = self.dicts.country_of_name(pobj.text) or (
                            self.dicts.country_of_name(doc[pobj.left_edge.i:pobj.i + 1].text))
                        if iso3:
                            country = country or iso3
            explicit_sector = sector != self.dicts.group_heads.get(token.lower_)
            if country is None and not explicit_sector:
                continue
            start, end = self._clean(doc, left, token.i + 1)
            if start >= end:
                continue
            out.append(_Mention(start, end, "ORG", country=country, sector=sector, source="group"))
        return out

    # --- 3: merge -------------------------------------------------------------------------

    def _merge(self, doc: Doc, mentions: list[_Mention]) -> list[_Group]:
        groups: dict[tuple, _Group] = {}
        people: list[_Group] = []
        full_names = [frozenset(name_key(t.text) for t in doc[m.start:m.end] if not t.is_punct)
                      for m in mentions if m.label == "PERSON" and m.end - m.start > 1]
        for m in mentions:
            # a part of a person's full name that NER tagged as something else ("Lindqvist" as ORG)
            if m.label in ("ORG", "NORP", "GPE", "LOC") and not m.country and m.source == "ner":
                words = frozenset(name_key(t.text) for t in doc[m.start:m.end] if not t.is_punct)
                if words and any(words < full for full in full_names):
                    m.label, m.sector = "PERSON", None
        persons = sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: -(m.end - m.start))
        for m in mentions:
            if m.label == "PERSON":
                continue
            text = doc[m.start:m.end].text
            if m.label == "GPE" and m.country and m.name:  # a country name: one entity per country
                key = ("GPE", m.country)
                name = m.name
            elif m.label == "NORP" and m.country:
                key = ("NORP", m.country, text.casefold())
                name = text
            elif m.label == "ORG" and m.source == "group" or m.label == "ORG" and m.sector and m.country:
                key = ("ORG-GROUP", m.country, m.sector) if m.country else ("ORG", text.casefold())
                name = text
            elif m.label in _PLACE_LABELS:
                key = ("PLACE", name_key(text))  # a region tagged GPE once and LOC once is one place
                name = text
            else:
                key = (m.label, name_key(text))
                name = text
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(m.label, key, name=name, country=m.country, sector=m.sector)
            else:
                if len(name) > len(g.name) and m.label == "ORG" and m.source != "group":
                    g.name = name  # prefer the proper name over a description
                if g.label != m.label and m.label == "GPE":
                    g.label = "GPE"
                g.country = g.country or m.country
                g.sector = g.sector or m.sector
            g.mentions.append(m)
        for m in persons:
            words = frozenset(name_key(t.text) for t in doc[m.start:m.end] if not t.is_punct)
            target = None
            for g in people:
                if words <= g.name_tokens:
                    target = g
                    break
            if target is None:
                target = _Group("PERSON", ("PERSON", len(people)), name=doc[m.start:m.end].text, name_tokens=words)
                people.append(target)
            target.mentions.append(m)
            target.role = target.role or m.role
            target.sector = target.sector or m.sector
            target.country = target.country or m.country
        return list(groups.values()) + people

    def _add_missed_surnames(self, doc: Doc, groups: list[_Group]) -> None:
        """Full names or surnames of known people that NER did not tag elsewhere in the text."""
        taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
        surnames: dict[str, _Group | None] = {}
        for g in groups:
            if g.label != "PERSON":
                continue
            words = [t for t in doc[g.mentions[0].start:g.mentions[0].end] if not t.is_punct]
            if len(words) < 2:
                continue
            last = words[-1].text
            # a surname shared by two people in the article names neither
            surnames[last] = None if last in surnames and surnames[last] is not g else g
        for token in doc:
            g = surnames.get(token.text)
            if g is None or token.i in taken or not token.is_title or token.ent_type_ not in ("", "PERSON"):
                continue
            g.mentions.append(_Mention(token.i, token.i + 1, "PERSON", source="ner"))
            taken.add(token.i)

    # --- 5: knowledge ------------------------------------------------------------------------------

    def _apply_knowledge(self, doc: Doc, groups: list[_Group]) -> None:
        """Fill what the article leaves open from the knowledge layers: the actor a name means on
        the article's date. What the article itself says wins."""
        for g in groups:
            if g.label == "PERSON":
                known = self._known_for_person(doc, g)
            elif g.label in ("ORG", "NORP", "FAC", "EVENT") or g.label in _PLACE_LABELS and not g.country:
                known = None
                for text in self._surface_names(doc, g):
                    known = self._known(text) or self._known(_without_generic_word(text, self.dicts))
                    if known is not None and known.type != "PERSON":
                        break
                    known = None
                if known is None and g.label in ("ORG", "NORP") or g.label in _PLACE_LABELS and not g.country:
                    person = self._known_for_person(doc, g) if known is None else None
                    if person is not None and not any(self._is_capital(n) for n in self._surface_names(doc, g)):
                        g.label, known = "PERSON", person  # a known person's name NER took for a group
                if known is not None and g.label in _PLACE_LABELS and known.type not in _PLACE_LABELS:
                    g.label = known.type  # an organisation NER took for a place
            else:
                continue
            if known is None:
                continue
            g.known = known
            g.country = g.country or known.country
            g.sector = g.sector or known.sector
            g.role = g.role or known.role

    def _surface_names(self, doc: Doc, g: _Group) -> list[str]:
        seen: list[str] = []
        for m in sorted(g.mentions, key=lambda m: -(m.end - m.start)):
            if m.source in ("role", "pronoun", "group"):
                continue
            text = doc[m.start:m.end].text
            if text not in seen:
                seen.append(text)
        return seen

    def _known_for_person(self, doc: Doc, g: _Group) -> KnownActor | None:
        names = self._surface_names(doc, g)
        if not names:
            return None
        full = names[0]
        for text in names:
            found = self.knowledge.lookup(text)
            if not found:
                continue
            known = choose(found, self._day, type_="PERSON", full_name=full if len(full.split()) > 1 else None)
            if known is not None:
                return known
        return None

    def _code_places(self, doc: Doc, groups: list[_Group]) -> None:
        """Towns and regions get their country from the gazetteer; a capital that acts stands for
        its government (sector GOV), a country that acts stays the country."""
        for g in groups:
            if g.label not in _PLACE_LABELS:
                continue
            capital = any(m.capital for m in g.mentions)
            if g.country is None and not self.dicts.is_ambiguous(g.name):
                g.country = self._place_country(doc, g)
            if capital and g.sector is None and any(self._acts(doc, m) for m in g.mentions):
                g.sector = "GOV"

    def _place_country(self, doc: Doc, g: _Group) -> str | None:
        """The country of a town or region: the gazetteer's sense in a country the article is about,
        else a country named inside the name ("South Lebanon"), else the gazetteer's best sense."""
        focus = self._focus
        places = [p for p in self.gazetteer.lookup(g.name)
                  if p.country and p.kind in ("city", "region", "feature", "country")]
        in_focus = [p for p in places if p.country in focus]
        if in_focus:
            return max(in_focus, key=lambda p: (p.kind == "region" or p.population >= 1000, p.population)).country
        m = next((m for m in g.mentions if doc[m.start:m.end].text == g.name), g.mentions[0])
        inside = self._country_in(doc[m.start:m.end])
        if inside:
            return inside
        if places:
            return max(places, key=lambda p: (p.kind == "region" or p.population >= 1000, p.population)).country
        return None

    def _country_from_sentence(self, doc: Doc, groups: list[_Group]) -> None:
        """A person with a domestic office ("Judge X", "Vice-President Y") whom neither the text
        nor the knowledge layers place in a country: the one country named in the sentence of
        the first mention (by its name or demonym, not as where something happens: "arrived
        in Norway" says nothing of who arrived), if the sentence names exactly one."""
        places = [(m.start, g.country) for g in groups
                  if g.country and (g.key[0] == "GPE" or g.key[0] == "NORP")  # countries and demonyms
                  for m in g.mentions if not self._locates(doc, m)]
        for g in groups:
            if g.label != "PERSON" or g.country or g.sector not in _DOMESTIC_SECTORS or not g.role:
                continue
            first = min(g.mentions, key=lambda m: m.start)
            sent = doc[first.start].sent
            codes = {c for i, c in places if sent.start <= i < sent.end}
            if len(codes) == 1:
                g.country = codes.pop()

    def _locates(self, doc: Doc, m: _Mention) -> bool:
        """A mention that only says where ("arrived in Norway", "flew to Oslo")."""
        root = doc[m.start:m.end].root
        return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS

    def _acts(self, doc: Doc, m: _Mention) -> bool:
        token = doc[m.start:m.end].root
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        if token.dep_ in _ACTING_DEPS:
            return True
        return token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "agent"

    # --- 6: role descriptions and pronouns ------------------------------------------------------

    def _resolve_roles(self, doc: Doc, groups: list[_Group]) -> None:
        """'the President of Norway', 'the Swedish leader', 'the president' -> the person with that role."""
        people = [g for g in groups if g.label == "PERSON"]
        if not people:
            return
        taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
        sent_index = self._document.token_sentence
        for token in doc:
            if token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
                continue
            known, sector = self.dicts.title_sector(token.text)
            if not known and token.lower_ != "leader":
                continue
            if token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON":
                continue  # a title before a name, not a description
            det = [c for c in token.lefts if c.dep_ == "det" and c.lower_ == "the"]
            country = None
            start = token.i
            for c in token.lefts:
                code = self.dicts.country_of_demonym(c.text) or self.dicts.country_of_name(c.text)
                if not code and c.dep_ == "poss":
                    code = self.dicts.country_of_name(doc[c.left_edge.i:c.i + 1].text)
                if code:
                    country = country or code
                    start = min(start, c.left_edge.i)
            if not det and country is None:
                continue
            if det:
                start = min(start, det[0].i)
            end = token.i + 1
            for c in token.rights:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for pobj in c.children:
                        iso3 = self.dicts.country_of_name(doc[pobj.left_edge.i:pobj.i + 1].text)
                        if iso3:
                            country = country or iso3
                            end = pobj.i + 1
            if any(i in taken and doc[i].ent_type_ == "PERSON" for i in range(start, end)):
                continue
            title = token.text.casefold()
            candidates = []
            for g in people:
                earlier = [m for m in g.mentions if m.start < token.i]
                if not earlier:
                    continue
                if sent_index[token.i] - sent_index[earlier[-1].start] > _ROLE_WINDOW_SENTENCES:
                    continue
                role_words = (g.role or "").casefold().split()
                role_ok = title in role_words or (title == "leader" and g.sector == "GOV")
                country_ok = g.country in (None, country) if country else True
                if role_ok and country_ok:
                    candidates.append((max(m.start for m in earlier), g))
            if not candidates:
                continue
            if country is None and len({id(g) for _, g in candidates}) > 1:
                continue  # a bare "the president": only when one person in the window has that title
            _, g = max(candidates, key=lambda c: c[0])
            g.country = g.country or country
            g.mentions.append(_Mention(start, end, "PERSON", source="role"))
            taken.update(range(start, end))

    def _resolve_pronouns(self, doc: Doc, groups: list[_Group]) -> None:
        people = [g for g in groups if g.label == "PERSON"]
        if not people:
            return
        sent_of = self._document.token_sentence
        for token in doc:
            if token.lower_ not in _PRONOUNS or token.pos_ != "PRON":
                continue
            best = None
            for g in people:
                before = [m for m in g.mentions if m.end <= token.i and m.source != "pronoun"]
                if not before:
                    continue
                last = max(before, key=lambda m: m.start)
                if sent_of[token.i] - sent_of[last.start] > _PRONOUN_WINDOW_SENTENCES:
                    continue
                # prefer the person last named, then one named as a subject
                score = (last.start, doc[last.start:last.end].root.dep_ in ("nsubj", "nsubjpass"))
                if best is None or score > best[0]:
                    best = (score, g)
            if best is not None:
                best[1].mentions.append(_Mention(token.i, token.i + 1, "PERSON", source="pronoun"))

    # --- output ------------------------------------------------------------------------------

    def _emit(self, document: Document, groups: list[_Group]) -> None:
        doc = document.doc
        assert doc is not None
        groups = [g for g in groups if g.mentions]
        groups.sort(key=lambda g: g.first)
        entities: list[Entity] = []
        token_map: dict[int, str] = {}
        for n, g in enumerate(groups, start=1):
            eid = f"E{n}"
            g.mentions.sort(key=lambda m: m.start)
            spans: list[Span] = []
            seen = set()
            aliases: list[str] = []
            for m in g.mentions:
                if (m.start, m.end) in seen:
                    continue
                seen.add((m.start, m.end))
                span = doc[m.start:m.end]
                spans.append(Span(start=span.start_char, end=span.end_char, text=span.text))
                if m.source in ("ner", "dict", "group", "knowledge") and span.text != g.name and span.text not in aliases:
                    aliases.append(span.text)
                for i in range(m.start, m.end):
                    # an inner entity ("Sweden" in "Armed Forces of Sweden") keeps its own tokens
                    if i not in token_map or m.end - m.start == 1:
                        token_map[i] = eid
            sector = g.sector
            if g.label == "PERSON" and g.mentions:
                for m in g.mentions:
                    sector = sector or m.sector
            entities.append(Entity(
                id=eid, name=g.name, type=g.label, country=g.country, sector=sector,
                role=_role_text(g.role, g.country, self.dicts), mentions=spans, aliases=aliases,
            ))
        document.entities = entities
        document.mentions = token_map


def _without_generic_word(text: str, dicts: ActorDictionaries) -> str:
    """"Fatah Party" -> "Fatah": an organisation's name without a trailing generic word."""
    words = text.split()
    if len(words) > 1 and words[-1].casefold() in dicts.org_name_words:
        return " ".join(words[:-1])
    return text


def _role_text(role: str | None, country: str | None, dicts: ActorDictionaries) -> str | None:
    """"President" of a NOR person -> "President of Norway"; a role naming a place stays."""
    if not role:
        return None
    if country and country in dicts.countries and " of " not in role and not re.search(r"[’']s\b", role):
        known, sector = dicts.title_sector(role)
        if known and sector in ("GOV", "MIL", "LEG", "JUD"):
            return f"{role} of {dicts.countries[country].name}"
    return role



from .learn import learnable_actors  # noqa: E402  (re-exported for the store)

__all__ = ["ActorsStage", "learnable_actors"]
