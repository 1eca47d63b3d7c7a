"""What an article teaches the ledger about actors: `learnable_actors(record)`.

The ledger's knowledge base (the store) calls this on ingest. An article teaches only
what it states in its own words, never what the stage filled in from knowledge:

- a person named in full ("Maria Lindqvist", two words or more) with a title and a
  country written next to one of its mentions ("President Maria Lindqvist of Norway",
  "Norwegian President Maria Lindqvist", "Maria Lindqvist, the Norwegian president,"),
  or with a role description that the stage resolved to it ("the President of Norway"):
  the person's country, sector and role, with the surname and the other name forms the
  article uses as aliases;
- an organisation whose proper name itself says its country or sector ("the Norwegian
  Army" -> NOR MIL, "Armed Forces of Norway").

Each fact carries, in `extra`, the words that support it (`evidence`, with offsets into
the record's text) and the article it comes from, so a knowledge base stays inspectable.
Countries, demonyms and capitals are not taught: the dictionaries know them already.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...knowledge import KnownActor, actor_key
from .dictionaries import load_dictionaries

if TYPE_CHECKING:
    from ...model import Entity, Record, Span

_WINDOW_BEFORE = 60
_WINDOW_AFTER = 40
_FUNCTION_WORDS = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "al", "el", "bin", "van", "von", "der"}
_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def learnable_actors(record: Record) -> list[KnownActor]:
    """The actors this record teaches, with what it says of them (see the module doc)."""
    out: list[KnownActor] = []
    keys: set[str] = set()
    for entity in record.entities:
        if entity.type == "PERSON":
            actor = _person(record, entity)
        elif entity.type == "ORG":
            actor = _organisation(record, entity)
        else:
            actor = None
        if actor is not None and actor.key not in keys:
            keys.add(actor.key)
            out.append(actor)
    return out


def _country_forms(iso3: str) -> set[str]:
    d = load_dictionaries()
    forms = {n for n, c in d.country_names_folded.items() if c == iso3}
    forms |= {n.casefold() for n, c in d.country_names_exact.items() if c == iso3}
    forms |= {n for n, c in d.demonyms.items() if c == iso3}
    return {f for f in forms if f}


def _contains_form(text: str, forms: set[str]) -> str | None:
    folded = text.casefold()
    for form in sorted(forms, key=len, reverse=True):
        if re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", folded):
            return form
    return None


def _title_words(role: str | None) -> set[str]:
    d = load_dictionaries()
    words = {w.casefold() for w in _WORD.findall(role or "")}
    return {w for w in words if w in d.title_words and w not in _FUNCTION_WORDS}


def _line_window(text: str, m: Span) -> tuple[int, int]:
    start = max(0, m.start - _WINDOW_BEFORE)
    end = min(len(text), m.end + _WINDOW_AFTER)
    # stay inside the mention's line and sentence
    for sep in ("\n", ". ", "“", "”", "\""):
        cut = text.rfind(sep, start, m.start)
        if cut != -1:
            start = cut + len(sep)
        cut = text.find(sep, m.end, end)
        if cut != -1:
            end = cut
    return start, end


def _person(record: Record, entity: Entity) -> KnownActor | None:
    words = [w for w in entity.name.split() if w.casefold() not in _FUNCTION_WORDS]
    if len(words) < 2 or not entity.country or not entity.sector:
        return None
    titles = _title_words(entity.role)
    if not titles:
        return None
    forms = _country_forms(entity.country)
    text = record.text
    evidence = None
    for m in entity.mentions:
        if m.text.casefold() in _PRONOUNS:
            continue
        a, b = _line_window(text, m)
        window = text[a:b]
        window_words = {w.casefold() for w in _WORD.findall(window)}
        if titles & window_words and _contains_form(window, forms):
            evidence = (a, b, window)
            break
    if evidence is None:
        return None
    aliases: list[str] = []
    for m in entity.mentions:
        t = m.text
        if (t != entity.name and t not in aliases and t.casefold() not in _PRONOUNS
                and not t.casefold().startswith(("the ", "a ", "an ")) and t[:1].isupper()):
            aliases.append(t)
    surname = words[-1]
    if surname not in aliases and surname != entity.name:
        aliases.append(surname)
    return KnownActor(
        key=actor_key("PERSON", entity.name), name=entity.name, type="PERSON", aliases=tuple(aliases),
        country=entity.country, sector=entity.sector, role=entity.role,
        source=f"article:{record.article.id}",
        extra={"evidence": evidence[2], "start": evidence[0], "end": evidence[1],
               "article": record.article.id, "published": record.article.published},
    )


def _organisation(record: Record, entity: Entity) -> KnownActor | None:
    d = load_dictionaries()
    name = entity.name
    tokens = _WORD.findall(name)
    if not tokens or any(not t[:1].isupper() for t in tokens if t.casefold() not in _FUNCTION_WORDS):
        return None  # a description ("separatist forces"), not a proper name
    country = None
    for n in range(min(4, len(tokens)), 0, -1):
        for k in range(len(tokens) - n + 1):
            piece = " ".join(tokens[k:k + n])
            country = country or d.country_of_name(piece) or d.country_of_demonym(piece)
    sector = None
    folded = name.casefold()
    for head, sec in d.group_heads.items():
        if re.search(r"(?<!\w)" + re.escape(head) + r"(?!\w)", folded):
            sector = sector or sec
    country = country if country == entity.country else None
    sector = sector if sector == entity.sector else None
    if country is None and sector is None:
        return None
    generic = d.org_name_words | set(d.group_heads) | _FUNCTION_WORDS
    if country is None and all(t.casefold() in generic for t in tokens):
        return None  # "Commandos", "the Army": a common noun, not a name to remember
    aliases = [m.text for m in entity.mentions if m.text != name and m.text[:1].isupper()]
    aliases = [a for a in dict.fromkeys(a.removeprefix("The ").removeprefix("the ") for a in aliases) if a != name]
    first = entity.mentions[0] if entity.mentions else None
    return KnownActor(
        key=actor_key("ORG", name), name=name, type="ORG", aliases=tuple(aliases), country=country,
        sector=sector, source=f"article:{record.article.id}",
        extra={"evidence": name, "start": first.start if first else None, "end": first.end if first else None,
               "article": record.article.id, "published": record.article.published},
    )
