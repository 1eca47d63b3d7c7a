"""The actors stage's output: entities with their mentions, and the token -> entity map.

`document.mentions` maps every token inside a mention (names, roles, pronouns) to its
entity id: the quotes and events stages read speakers and participants from it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import Entity, Span
from .run import ActorsRun, Group

if TYPE_CHECKING:
    from .dictionaries import ActorDictionaries


def emit(run: ActorsRun, groups: list[Group]) -> None:
    """Write `document.entities` (E1, E2... by first mention) and `document.mentions`."""
    document = run.document
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
            role=role_text(g.role, g.country, run.dicts), mentions=spans, aliases=aliases,
        ))
    document.entities = entities
    document.mentions = token_map


def role_text(role: str | None, country: str | None, dicts: ActorDictionaries) -> str | None:
    """"President" of a NOR person -> "President of Norway"; a role naming a place stays."""
    if not role:
        return None
    if country and country in dicts.countries and " of " not in role and not re.search(r"[’']s\b", role):
        known, sector = dicts.title_sector(role)
        if known and sector in ("GOV", "MIL", "LEG", "JUD"):
            return f"{role} of {dicts.countries[country].name}"
    return role
