"""Merging mentions into entities (step 3 of the actors stage).

Countries merge by code, demonyms by country and form, group descriptions by country and
sector, places and organisations by name key; people by the words of their names
("Lindqvist" joins "Maria Lindqvist"). A part of a person's full name that NER tagged as
something else becomes a mention of that person, and a surname of a person named in full
that NER did not tag elsewhere in the article becomes a mention too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...names import name_key
from .run import ActorsRun, Group, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def merge(run: ActorsRun, doc: Doc, mentions: list[Mention]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    people: list[Group] = []
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
        elif m.label in PLACE_LABELS:
            key = ("PLACE", name_key(text))  # a region tagged GPE once and LOC once is one place
            name = text
        else:
            key = (m.label, name_key(text))
            name = text
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(m.label, key, name=name, country=m.country, sector=m.sector)
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
            target = Group("PERSON", ("PERSON", len(people)), name=doc[m.start:m.end].text, name_tokens=words)
            people.append(target)
        target.mentions.append(m)
        target.role = target.role or m.role
        target.sector = target.sector or m.sector
        target.country = target.country or m.country
    return list(groups.values()) + people


def add_missed_surnames(run: ActorsRun, doc: Doc, groups: list[Group]) -> None:
    """Full names or surnames of known people that NER did not tag elsewhere in the text."""
    taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
    surnames: dict[str, Group | None] = {}
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
        g.mentions.append(Mention(token.i, token.i + 1, "PERSON", source="ner"))
        taken.add(token.i)
