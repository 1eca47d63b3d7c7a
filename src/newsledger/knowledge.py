"""What newsledger knows about actors beyond the article: the actor-knowledge contract.

The actors stage, the pipeline and the store's knowledge base all speak this module:
`KnownActor` (an actor with its names, country, sector, role and tenure), the
`ActorKnowledge` protocol (`lookup(name)`), its layers and `choose()`.

Resolution may use knowledge from outside the article ("Lindqvist" -> a known head of
state with country and sector), but only through an explicit, inspectable
`ActorKnowledge`, never through hidden document order. Layers, most trusted first:

- a user override file (YAML or CSV) — `FileKnowledge`;
- the ledger's knowledge base, learned as articles are ingested (implemented by the
  store, `newsledger.store`), which answers the same protocol;
- bundled dictionaries of general facts — `BundledKnowledge`: heads of state and
  government with their tenure (data/leaders.tsv), organisations, armed groups and
  institutions that stand for a state (data/organisations.tsv), each row with its source.

`ChainKnowledge` asks each layer in order and returns the first answer;
`default_knowledge()` builds the usual chain. `choose()` picks, among the actors a
name is known by, the ones that fit the article's date (tenure).

Names are compared by `newsledger.names.name_key`, the key the gazetteer and the store
use too: case, diacritics and punctuation do not matter ("Støre" == "store",
"al-Rashid" == "Al Rashid", "O’Brien" == "O'Brien").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from .countries import country_codes
from .data import read_tsv
from .names import name_key, slug

# PLOVER sector codes (PLOVER manual, "Sector Codes"), plus IGO/NGO used as sectors for
# international organisations.
SECTORS = frozenset({
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM",
    "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "IGO", "NGO",
})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})


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
    # Tenure of the role, ISO 8601 prefixes ("2003", "2003-10-31"); None = open.
    since: str | None = None
    until: str | None = None

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def holds_on(self, day: date | None) -> bool:
        """True when the role was held on `day` (always true when the day or tenure is unknown)."""
        if day is None:
            return True
        d = day.isoformat()
        if self.since and d < _bound(self.since, start=True):
            return False
        return not (self.until and d > _bound(self.until, start=False))


def _bound(value: str, *, start: bool) -> str:
    """A tenure bound as a full ISO date: '2003' -> '2003-01-01' (start) or '2003-12-31' (end)."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01" if start else f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{value}-01" if start else f"{value}-31"
    return value[:10]


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
        self._actors: list[KnownActor] = []
        for actor in actors:
            self.add(actor)

    def add(self, actor: KnownActor) -> None:
        if actor not in self._actors:
            self._actors.append(actor)
        for n in actor.names():
            bucket = self._by_name.setdefault(name_key(n), [])
            if actor not in bucket:
                bucket.append(actor)

    def lookup(self, name: str) -> Sequence[KnownActor]:
        return tuple(self._by_name.get(name_key(name), ()))

    def actors(self) -> list[KnownActor]:
        """Every actor this layer holds, in the order added (for listing and inspection)."""
        return list(self._actors)

    def __len__(self) -> int:
        return len(self._actors)


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


# --- choosing among the actors a name is known by -------------------------------------------

def choose(found: Sequence[KnownActor], day: date | datetime | None, *, type_: str | None = None,
           full_name: str | None = None) -> KnownActor | None:
    """The one actor `found` most likely means on `day`, or None when they disagree.

    Candidates of another type are dropped; with a `full_name` ("Maria Lindqvist"), a
    candidate whose names share none of its given names is dropped ("Karin Lindqvist").
    Then those holding their role on `day` are kept (if any do). If the rest agree on
    country and sector, the first (most trusted) answers, as it was on `day` (`at_date`: a
    former office holder, or not yet one); else nobody does.
    """
    if isinstance(day, datetime):
        day = day.date()
    cands = [a for a in found if type_ is None or a.type == type_]
    if full_name:
        words = set(name_key(full_name).split())
        if len(words) > 1:
            cands = [a for a in cands if any(words <= set(name_key(n).split()) for n in a.names())
                     or any(set(name_key(n).split()) == words for n in a.names())]
    if not cands:
        return None
    in_office = [a for a in cands if a.holds_on(day)]
    if in_office:
        cands = in_office
    elif day is not None:
        # nobody held a role that day: the tenure that ended last before it (a former leader)
        before = [a for a in cands if a.since is None or _bound(a.since, start=True) <= day.isoformat()]
        if before:
            cands = sorted(before, key=lambda a: _bound(a.until, start=False) if a.until else "9999",
                           reverse=True)
    first = cands[0]
    if all((a.country, a.sector) == (first.country, first.sector) for a in cands):
        return at_date(first, day)
    return None


def at_date(actor: KnownActor, day: date | None) -> KnownActor:
    """What `actor` was on `day`: its role while it held it; a former office holder afterwards
    ("former President", sector ELI: PLOVER/CAMEO code former officials as elites); before its
    tenure began, no role and no sector (a candidate is not yet a head of state)."""
    if day is None or not actor.role or actor.holds_on(day):
        return actor
    if actor.since and day.isoformat() < _bound(actor.since, start=True):
        return replace(actor, role=None, sector=None)
    return replace(actor, role=f"former {actor.role}", sector="ELI")


# --- a user override file -----------------------------------------------------------------------

class KnowledgeFileError(ValueError):
    """An override file that cannot be read: names the file and the line or entry at fault."""


_FIELDS = ("key", "name", "type", "aliases", "country", "sector", "role", "since", "until")


def _split_aliases(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
    else:
        items = re.split(r"[|;]", str(value))
    return tuple(a.strip() for a in items if a and a.strip())


def actor_key(type_: str, name: str) -> str:
    """A stable key for an actor: "person:maria-lindqvist", "org:turkish-army"."""
    return f"{type_.lower()}:{slug(name)}"


def _actor_from_entry(entry: dict, where: str, source: str, valid_countries: frozenset[str]) -> KnownActor:
    unknown = set(entry) - set(_FIELDS) - {"source", "note", "notes"}
    if unknown:
        raise KnowledgeFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    name = str(entry.get("name") or "").strip()
    if not name:
        raise KnowledgeFileError(f"{where}: an actor needs a name")
    type_ = str(entry.get("type") or "PERSON").strip().upper()
    if type_ not in ACTOR_TYPES:
        raise KnowledgeFileError(f"{where}: type {type_!r} is not one of {', '.join(sorted(ACTOR_TYPES))}")
    country = str(entry.get("country") or "").strip().upper() or None
    if country and country not in valid_countries:
        raise KnowledgeFileError(f"{where}: country {country!r} is not an ISO alpha-3 or historical code")
    sector = str(entry.get("sector") or "").strip().upper() or None
    if sector and sector not in SECTORS:
        raise KnowledgeFileError(f"{where}: sector {sector!r} is not a PLOVER sector code")
    since = str(entry["since"]).strip() if entry.get("since") not in (None, "") else None
    until = str(entry["until"]).strip() if entry.get("until") not in (None, "") else None
    for label, value in (("since", since), ("until", until)):
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise KnowledgeFileError(f"{where}: {label} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    key = str(entry.get("key") or "").strip() or actor_key(type_, name)
    return KnownActor(key=key, name=name, type=type_, aliases=_split_aliases(entry.get("aliases")),
                      country=country, sector=sector, role=(str(entry.get("role")).strip() or None)
                      if entry.get("role") else None, source=str(entry.get("source") or source),
                      since=since, until=until)


class FileKnowledge(MemoryKnowledge):
    """Actors from a user override file: YAML (a list of mappings, or {"actors": [...]}) or CSV.

    Fields: name (required), type (default PERSON), aliases (a list, or "a|b" / "a;b"),
    country (ISO alpha-3), sector (PLOVER), role, since, until (ISO dates), key.

        - name: Maria Lindqvist
          aliases: [Lindqvist]
          country: NOR
          sector: GOV
          role: President of Norway
          since: 2021-05-01

    A bad entry raises KnowledgeFileError naming the file and the entry: an override
    that silently does nothing is worse than none.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        super().__init__()
        valid = valid_country_codes()
        source = f"file:{self.path.name}"
        for where, entry in self._entries():
            self.add(_actor_from_entry(entry, where, source, valid))

    def _entries(self):
        suffix = self.path.suffix.lower()
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeFileError(f"{self.path}: cannot read: {exc.strerror or exc}") from exc
        if suffix in (".yaml", ".yml"):
            import yaml

            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                raise KnowledgeFileError(f"{self.path}: not valid YAML: {exc}") from exc
            if isinstance(data, dict):
                data = data.get("actors")
            if data is None:
                return
            if not isinstance(data, list):
                raise KnowledgeFileError(f"{self.path}: expected a list of actors (or actors: [...])")
            for n, entry in enumerate(data, start=1):
                if not isinstance(entry, dict):
                    raise KnowledgeFileError(f"{self.path}: entry {n} is not a mapping")
                yield f"{self.path}: entry {n}", entry
        elif suffix in (".csv", ".tsv"):
            lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
            reader = csv.DictReader(lines, delimiter="\t" if suffix == ".tsv" else ",")
            for n, row in enumerate(reader, start=2):
                yield f"{self.path}: row {n}", {k.strip(): v for k, v in row.items() if k and v not in (None, "")}
        else:
            raise KnowledgeFileError(f"{self.path}: use a .yaml, .yml, .csv or .tsv file")


# --- bundled facts ---------------------------------------------------------------------------------

def valid_country_codes() -> frozenset[str]:
    """ISO alpha-3 codes and historical codes (newsledger.countries)."""
    return country_codes()


_NO_SURNAME_ALIAS = "!"  # leading mark in leaders.tsv aliases: do not add the last word as an alias


def leader_rows() -> list[dict[str, str]]:
    return read_tsv("leaders.tsv")


def organisation_rows() -> list[dict[str, str]]:
    return read_tsv("organisations.tsv")


def _leader_aliases(name: str, aliases: str) -> tuple[str, ...]:
    out: list[str] = []
    auto = True
    for a in aliases.split("|"):
        a = a.strip()
        if a.startswith(_NO_SURNAME_ALIAS):
            auto = False
            a = a[1:].strip()
        if a and a not in out:
            out.append(a)
    words = name.split()
    if auto and len(words) > 1 and len(words[-1]) > 2 and words[-1][0].isupper() and words[-1] not in out:
        out.append(words[-1])
    return tuple(out)


class BundledKnowledge(MemoryKnowledge):
    """General facts shipped with newsledger: leaders with tenure, organisations and institutions."""

    def __init__(self) -> None:
        super().__init__()
        for row in leader_rows():
            name = row["name"]
            self.add(KnownActor(
                key=actor_key("PERSON", name), name=name, type="PERSON",
                aliases=_leader_aliases(name, row["aliases"]), country=row["country"] or None,
                sector=row["sector"] or None, role=row["role"] or None,
                source=f"leaders.tsv: {row['source']}", since=row["since"] or None, until=row["until"] or None,
            ))
        for row in organisation_rows():
            name = row["name"]
            self.add(KnownActor(
                key=actor_key(row["type"] or "ORG", name), name=name, type=row["type"] or "ORG",
                aliases=tuple(a for a in row["aliases"].split("|") if a), country=row["country"] or None,
                sector=row["sector"] or None, source=f"organisations.tsv: {row['source']}",
            ))


@lru_cache(maxsize=1)
def bundled_knowledge() -> BundledKnowledge:
    return BundledKnowledge()


def default_knowledge(override: str | Path | None = None,
                      layers: Sequence[ActorKnowledge] = ()) -> ChainKnowledge:
    """The usual chain: the override file (if any), then `layers` (e.g. the ledger's
    knowledge base), then the bundled facts."""
    chain: list[ActorKnowledge] = []
    if override:
        chain.append(FileKnowledge(override))
    chain.extend(layers)
    chain.append(bundled_knowledge())
    return ChainKnowledge(chain)
