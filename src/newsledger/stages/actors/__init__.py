"""Actors stage: entities with every mention, country and PLOVER sector.

Steps, all on the one spaCy parse:
1. candidate mentions: spaCy NER, plus dictionary matches of country names and
   demonyms, plus group noun phrases ("Armenia's forces", "separatist forces");
2. repair: a span that is a country name is a GPE, a demonym a NORP, a known
   city is never a PERSON; determiners, possessives and titles are trimmed off;
3. merge mentions into entities: countries by code, people by name parts
   ("Lindqvist" joins "Maria Lindqvist"), organisations by name; a surname NER
   missed elsewhere in the article becomes a mention too;
4. code: titles give people a role and sector, "of Azerbaijan" / "Turkish" / a
   possessive give a country; group words give a sector;
5. resolve role descriptions ("the President of Azerbaijan") and pronouns to
   the person they refer to, recording each as a mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...document import Document
from ...model import Entity, Span
from ..base import Stage
from .dictionaries import ActorDictionaries, load_dictionaries
from .knowledge import ActorKnowledge, EmptyKnowledge

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from ...gazetteer import Gazetteer

# NER labels that name actors or places; numbers and dates belong to other stages.
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
_STRIP_LEFT = {"the", "a", "an", "“", '"', "‘", "'", "(", "[", "-", "—", "–"}
_STRIP_RIGHT = {"’s", "'s", "’", "'", "”", '"', ")", "]", ",", ".", ":", ";", "-", "—", "–"}
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_PRONOUN_WINDOW_SENTENCES = 3
_ROLE_WINDOW_SENTENCES = 6


@dataclass
class _Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    source: str = "ner"  # ner | dict | group | role | pronoun
    name: str | None = None  # canonical name when the source knows it

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

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


class ActorsStage(Stage):
    name = "actors"
    reads = ("doc", "text")
    writes = ("entities", "mentions")

    def __init__(self, dictionaries: ActorDictionaries | None = None, gazetteer: Gazetteer | None = None,
                 knowledge: ActorKnowledge | None = None) -> None:
        self.dicts = dictionaries or load_dictionaries()
        self._gazetteer = gazetteer
        self.knowledge: ActorKnowledge = knowledge or EmptyKnowledge()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from ...gazetteer import Gazetteer

            self._gazetteer = Gazetteer.open()
        return self._gazetteer

    def __call__(self, document: Document) -> None:
        doc = document.doc
        assert doc is not None
        mentions = self._ner_mentions(doc)
        mentions = self._add_dictionary_mentions(doc, mentions)
        mentions.extend(self._group_mentions(doc, mentions))
        mentions.sort(key=lambda m: (m.start, -m.end))
        groups = self._merge(doc, mentions)
        self._add_missed_surnames(doc, groups)
        self._resolve_roles(doc, groups)
        self._resolve_pronouns(doc, groups)
        self._emit(document, groups)

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
            if m.label:
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
        if iso3 and len(span) == 1:
            m.label, m.country = "NORP", iso3
            return
        if m.label == "PERSON":
            m.start, m.end, m.role, m.sector, m.country = self._split_title(doc, m.start, m.end)
            if m.start >= m.end:
                m.label = ""
                return
            if self._is_place_not_person(doc, m):
                m.label = "GPE"
                return
        if m.label in ("ORG", "PERSON"):
            head = doc[m.start:m.end].root
            sector = self.dicts.group_heads.get(span.text.casefold()) or self.dicts.group_heads.get(head.text.casefold())
            if sector and m.label == "PERSON":
                m.label = "ORG"
            if sector and m.label == "ORG":
                m.sector = sector
                m.country = m.country or self._country_in(doc[m.start:m.end])
        if m.label == "ORG" and self._is_capital(text):
            m.label = "GPE"
        if m.label in ("GPE", "LOC") and self._is_capital(text):
            m.country = self.dicts.country_of_capital(text)

    def _is_capital(self, text: str) -> bool:
        return self.dicts.country_of_capital(text) is not None

    def _is_place_not_person(self, doc: Doc, m: _Mention) -> bool:
        """A single-word PERSON that the gazetteer knows as a town, with no title or first name."""
        if m.end - m.start != 1 or m.role:
            return False
        token = doc[m.start]
        # "Lindqvist" after "Maria Lindqvist" stays a person: the word is a known surname here.
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and token.text in {t.text for t in ent}:
                return False
        places = self.gazetteer.lookup(token.text)
        return any(p.kind in ("city", "region", "country") and p.population >= 1000 for p in places)

    def _split_title(self, doc: Doc, start: int, end: int):
        """Move a title out of a PERSON span ("President Maria Lindqvist" -> role "President"),
        or read one just before it; a demonym or possessive country before the title
        ("Turkish President", "Azerbaijan's President") gives the country."""
        role = sector = country = None
        title_start = None
        for k in range(min(self.dicts.max_title_words, end - start - 1), 0, -1):
            known, sec = self.dicts.title_sector(doc[start:start + k].text)
            if known:
                role, sector, title_start = doc[start:start + k].text, sec, start
                start += k
                break
        if role is None:
            for k in range(min(self.dicts.max_title_words, start), 0, -1):
                known, sec = self.dicts.title_sector(doc[start - k:start].text)
                if known:
                    role, sector, title_start = doc[start - k:start].text, sec, start - k
                    break
        if title_start is not None and title_start > 0:
            before = doc[title_start - 1]
            if before.text in ("'s", "’s") and title_start > 1:
                country = self.dicts.country_of_name(doc[title_start - 2].text)
            else:
                country = self.dicts.country_of_demonym(before.text) or self.dicts.country_of_name(before.text)
        return start, end, role, sector, country

    def _country_in(self, span: SpacySpan) -> str | None:
        for token in span:
            iso3 = self.dicts.country_of_demonym(token.text) or self.dicts.country_of_name(token.text)
            if iso3:
                return iso3
        for ent in span.ents:
            iso3 = self.dicts.country_of_name(ent.text)
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

    def _add_dictionary_mentions(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """Country names and demonyms that NER missed or mislabelled."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        found: list[_Mention] = []
        n = len(doc)
        i = 0
        while i < n:
            matched = False
            for width in (5, 4, 3, 2, 1):
                j = i + width
                if j > n:
                    continue
                span = doc[i:j]
                if doc[i].lower_ in _STRIP_LEFT:
                    break
                if any(t.is_space or t.is_punct and t.text not in ".-" for t in span):
                    continue
                text = span.text
                iso3 = self.dicts.country_of_name(text)
                label = "GPE"
                if not iso3 and width == 1 and doc[i].is_title:
                    iso3 = self.dicts.country_of_demonym(text)
                    label = "NORP"
                if not iso3:
                    continue
                if any(k in covered for k in range(i, j)):
                    # NER has a span here: keep it, unless the NER span is this very name.
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
            for child in token.lefts:
                if child.dep_ in ("amod", "compound", "poss", "nmod", "det", "nummod") or child.dep_ == "cc" or child.dep_ == "conj":
                    left = min(left, child.left_edge.i)
                words = [child] + [c for c in child.subtree if c.dep_ == "conj"]
                for w in words:
                    iso3 = self.dicts.country_of_demonym(w.text) or self.dicts.country_of_name(w.text)
                    if not iso3 and w.ent_type_ in ("GPE", "NORP"):
                        iso3 = self.dicts.country_of_name(w.text)
                    if iso3 and child.dep_ in ("amod", "compound", "poss", "nmod"):
                        country = country or iso3
                    mod_sector = self.dicts.group_modifiers.get(w.lower_)
                    if mod_sector and child.dep_ in ("amod", "compound", "conj"):
                        sector = mod_sector
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
            else:
                key = (m.label, text.casefold())
                name = text
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(m.label, key, name=name, country=m.country, sector=m.sector)
            elif len(name) > len(g.name) and m.label == "ORG" and m.source != "group":
                g.name = name  # prefer the proper name over a description
            g.mentions.append(m)
        for m in persons:
            words = frozenset(t.text for t in doc[m.start:m.end] if not t.is_punct)
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

    # --- 5: role descriptions and pronouns ------------------------------------------------------

    def _resolve_roles(self, doc: Doc, groups: list[_Group]) -> None:
        """'the President of Azerbaijan', 'the Turkish leader' -> the person with that role."""
        people = [g for g in groups if g.label == "PERSON"]
        if not people:
            return
        taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
        sent_index = {t.i: k for k, s in enumerate(doc.sents) for t in s}
        for token in doc:
            if token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
                continue
            known, sector = self.dicts.title_sector(token.text)
            if not known and token.lower_ != "leader":
                continue
            det = [c for c in token.lefts if c.dep_ == "det" and c.lower_ == "the"]
            if not det:
                continue
            country = None
            for c in token.lefts:
                country = country or self.dicts.country_of_demonym(c.text) or self.dicts.country_of_name(c.text)
            end = token.i + 1
            for c in token.rights:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for pobj in c.children:
                        iso3 = self.dicts.country_of_name(doc[pobj.left_edge.i:pobj.i + 1].text)
                        if iso3:
                            country = country or iso3
                            end = pobj.i + 1
            if country is None:
                continue
            title = token.text.casefold()
            candidates = []
            for g in people:
                earlier = [m for m in g.mentions if m.start < token.i]
                if not earlier:
                    continue
                if sent_index[token.i] - sent_index[earlier[-1].start] > _ROLE_WINDOW_SENTENCES:
                    continue
                role_ok = (g.role or "").casefold().endswith(title) or title == "leader" and g.sector == "GOV"
                country_ok = g.country in (None, country)
                if role_ok and country_ok:
                    candidates.append((max(m.start for m in earlier), g))
            if not candidates:
                continue
            _, g = max(candidates, key=lambda c: c[0])
            g.country = g.country or country
            start = det[0].i
            g.mentions.append(_Mention(start, end, "PERSON", source="role"))
            taken.update(range(start, end))

    def _resolve_pronouns(self, doc: Doc, groups: list[_Group]) -> None:
        people = [g for g in groups if g.label == "PERSON"]
        if not people:
            return
        sent_of = {t.i: k for k, s in enumerate(doc.sents) for t in s}
        for token in doc:
            if token.lower_ not in _PRONOUNS or token.pos_ != "PRON":
                continue
            best = None
            for g in people:
                before = [m for m in g.mentions if m.end <= token.i and m.source != "pronoun"]
                if not before:
                    continue
                last = before[-1] if before[-1].start == max(m.start for m in before) else max(before, key=lambda m: m.start)
                if sent_of[token.i] - sent_of[last.start] > _PRONOUN_WINDOW_SENTENCES:
                    continue
                # prefer the person last named as a subject, then the nearest
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
                if m.source in ("ner", "dict", "group") and span.text != g.name and span.text not in aliases:
                    aliases.append(span.text)
                for i in range(m.start, m.end):
                    # an inner entity ("Türkiye" in "Armed Forces of Türkiye") keeps its own tokens
                    if i not in token_map or m.end - m.start == 1:
                        token_map[i] = eid
            sector = g.sector
            if g.label == "PERSON" and g.mentions:
                for m in g.mentions:
                    sector = sector or m.sector
            entities.append(Entity(
                id=eid, name=g.name, type=g.label, country=g.country, sector=sector,
                role=g.role, mentions=spans, aliases=aliases,
            ))
        document.entities = entities
        document.mentions = token_map
