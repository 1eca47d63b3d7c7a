"""What the actors stage knows about actors beyond the article: the knowledge interface.

Resolution may use knowledge from outside the article ("Lindqvist" -> a known head of
state with country and sector), but only through an explicit, inspectable
`ActorKnowledge`, never through hidden document order. Layers, most trusted first:

- a user override file (YAML or CSV) — `FileKnowledge`;
- the ledger's knowledge base, learned as articles are ingested (implemented by the
  store, `newsledger.store`), which answers the same protocol;
- bundled dictionaries of general facts (e.g. a list of leaders, with sources).

`ChainKnowledge` asks each layer in order and returns the first answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class KnownActor:
    key: str  # stable canonical id, e.g. "person:maria-lindqvist"
    name: str  # canonical name
    type: str  # PERSON ORG GPE NORP ...
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO alpha-3 or a historical code
    sector: str | None = None  # PLOVER sector
    role: str | None = None  # "President of Norway"
    source: str = ""  # where this knowledge comes from (file, store, dataset)
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@runtime_checkable
class ActorKnowledge(Protocol):
    def lookup(self, name: str) -> Sequence[KnownActor]:
        """Actors known by `name` (canonical name or alias, case-insensitive); best first."""
        ...


class EmptyKnowledge:
    def lookup(self, name: str) -> Sequence[KnownActor]:
        return ()


class MemoryKnowledge:
    """Knowledge held in memory: the base for file-backed layers and for tests."""

    def __init__(self, actors: Iterable[KnownActor] = ()) -> None:
        self._by_name: dict[str, list[KnownActor]] = {}
        for actor in actors:
            self.add(actor)

    def add(self, actor: KnownActor) -> None:
        for n in actor.names():
            bucket = self._by_name.setdefault(n.casefold(), [])
            if actor not in bucket:
                bucket.append(actor)

    def lookup(self, name: str) -> Sequence[KnownActor]:
        return tuple(self._by_name.get(name.casefold(), ()))


class ChainKnowledge:
    """Ask each layer in order; the first layer that knows the name answers."""

    def __init__(self, layers: Sequence[ActorKnowledge]) -> None:
        self.layers = list(layers)

    def lookup(self, name: str) -> Sequence[KnownActor]:
        for layer in self.layers:
            found = layer.lookup(name)
            if found:
                return found
        return ()
