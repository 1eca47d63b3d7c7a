"""What an article teaches the knowledge base: `learnable_actors(record) -> list[KnownActor]`.

TEMPORARY STAND-IN, TO BE REPLACED. The actors stage (issue 4) owns this decision and is
writing `learnable_actors` in `newsledger.stages.actors`; `find_learnable_actors()` picks
theirs up as soon as the package exports it, and this module can then be deleted.

The rule here is deliberately narrow: a person named with at least two name words and
some coding (a country, a sector or a role) teaches its full name, its aliases in the
article, the name-like forms it is mentioned by ("President Maria Lindqvist") and its
surname; an organisation with a country or a sector teaches its name and aliases. Places,
nationalities and pronouns teach nothing (the bundled dictionaries know countries).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Record
from ..stages.actors.knowledge import KnownActor
from .keys import name_norm

_WORD = re.compile(r"[^\W\d_][\w.'’-]*", re.UNICODE)
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its"})


def actor_key(type_: str, name: str) -> str:
    return f"{type_.lower()}:{name_norm(name).replace(' ', '-')}"


def _name_like(text: str, name_words: set[str]) -> bool:
    words = text.split()
    if not words or words[0].casefold() in _PRONOUNS:
        return False
    if not all(w[:1].isupper() for w in words):
        return False
    return bool({w.casefold() for w in words} & name_words)


def learnable_actors(record: Record) -> list[KnownActor]:
    """Stand-in (see the module docstring): the actors `record` teaches."""
    out: list[KnownActor] = []
    seen: set[str] = set()
    for e in record.entities:
        if e.type not in ("PERSON", "ORG"):
            continue
        words = _WORD.findall(e.name)
        if not words or not words[0][:1].isupper():
            continue  # "the government": a description, not a name
        role = " ".join(e.role.split()) if e.role else None
        if e.type == "PERSON" and (len(words) < 2 or not (e.country or e.sector or role)):
            continue
        if e.type == "ORG" and not (e.country or e.sector):
            continue
        name_words = {w.casefold() for w in words}
        aliases = {a for a in e.aliases if a.strip()}
        aliases.update(m.text for m in e.mentions if _name_like(m.text, name_words))
        if e.type == "PERSON":
            aliases.add(words[-1])
        aliases.discard(e.name)
        key = actor_key(e.type, e.name)
        if key in seen:
            continue
        seen.add(key)
        out.append(KnownActor(key=key, name=e.name, type=e.type, aliases=tuple(sorted(aliases)),
                              country=e.country, sector=e.sector, role=role,
                              source=f"article:{record.article.id}"))
    return out


def find_learnable_actors() -> Callable[[Record], list[KnownActor]]:
    """The actors stage's `learnable_actors` when it exists, else the stand-in above."""
    import importlib

    for module in ("newsledger.stages.actors", "newsledger.stages.actors.knowledge"):
        try:
            fn = getattr(importlib.import_module(module), "learnable_actors", None)
        except ImportError:
            continue
        if callable(fn):
            return fn
    return learnable_actors
