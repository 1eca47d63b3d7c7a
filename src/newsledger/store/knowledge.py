"""The actor knowledge base in the store: canonical actors with aliases, country, sector and
role, learned as articles are ingested, corrected by the user, and asked at extraction time.

Everything the knowledge base believes is in four tables that `newsledger actors show`
prints: `actors` (one row per canonical actor, `merged_into` when merged into another),
`actor_aliases` (every name, with how many articles used it; `user` aliases were added
by hand, `removed` ones were struck out and are never learned back), `actor_facts`
(every value an article or the user gave for a field, with its count) and
`actor_articles`. An actor's fields are derived from its facts, not from the order
articles came in: a user value wins; otherwise the value most articles gave (ties:
alphabetical). `StoreKnowledge` answers `ActorKnowledge.lookup(name)` from them.

Entities (and event participants) are linked to a canonical actor by their name: the one
actor that has the name as an alias and a compatible type and country, or none when the
name is unknown or ambiguous. Links are recomputed for a name whenever its aliases change,
so they too follow the knowledge base, not the order of ingestion.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..knowledge import KnownActor, actor_key
from ..model import Record
from ..stages.actors import learnable_actors
from .backend import Store, StoreError
from .keys import name_norm, now_iso

FIELDS = ("name", "type", "country", "sector", "role")


def _learnable_actors(record: Record) -> list[KnownActor]:
    return list(learnable_actors(record))


class StoreKnowledge:
    """The store's knowledge base as an `ActorKnowledge` layer (see newsledger/knowledge.py)."""

    def __init__(self, store: Store, *, follow_writes: bool = False, recheck_seconds: float = 0.25) -> None:
        """`follow_writes=True` is for a reader beside another writer (an ingest worker): the
        cache is dropped when the store's generation has moved, checked at most every
        `recheck_seconds`. The writer itself calls `invalidate()` after each write."""
        self.store = store
        self._cache: dict[str, tuple[KnownActor, ...]] = {}
        self._follow = follow_writes
        self._recheck = recheck_seconds
        self._checked_at = 0.0
        self._generation: int | None = None

    def invalidate(self) -> None:
        """Forget cached answers (call after the knowledge base changed)."""
        self._cache.clear()

    def _follow_generation(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < self._recheck:
            return
        self._checked_at = now
        generation = self.store.generation()
        if generation != self._generation:
            self._generation = generation
            self._cache.clear()

    def lookup(self, name: str) -> Sequence[KnownActor]:
        if self._follow:
            self._follow_generation()
        key = name_norm(name)
        hit = self._cache.get(key)
        if hit is None:
            hit = tuple(known_actor(self.store, aid) for aid in _actors_with_alias(self.store, key))
            if len(self._cache) > 20000:
                self._cache.clear()
            self._cache[key] = hit
        return hit


def _actors_with_alias(store: Store, norm: str) -> list[int]:
    return [r[0] for r in store.rows(
        "SELECT a.id FROM actor_aliases al JOIN actors a ON a.id = al.actor_id "
        "WHERE al.alias_norm = ? AND al.source <> 'removed' AND a.merged_into IS NULL "
        "ORDER BY a.n_articles DESC, a.key", (norm,))]


def known_actor(store: Store, actor_id: int) -> KnownActor:
    key, name, type_, country, sector, role, n_articles = store.one_row(
        "SELECT key, name, type, country, sector, role, n_articles FROM actors WHERE id = ?", (actor_id,))
    aliases = [r[0] for r in store.rows(
        "SELECT alias FROM actor_aliases WHERE actor_id = ? AND source <> 'removed' ORDER BY n DESC, alias",
        (actor_id,)) if r[0] != name]
    return KnownActor(key=key, name=name, type=type_, aliases=tuple(aliases), country=country, sector=sector,
                      role=role, source="store", extra={"id": actor_id, "articles": n_articles})


def actor_id_for_key(store: Store, key: str) -> int | None:
    """The live actor for `key`, following merges."""
    row = store.one("SELECT id, merged_into FROM actors WHERE key = ?", (key,))
    seen = set()
    while row is not None and row[1] is not None and row[0] not in seen:
        seen.add(row[0])
        row = store.one("SELECT id, merged_into FROM actors WHERE id = ?", (row[1],))
    return int(row[0]) if row else None


def find_actor(store: Store, key_or_name: str) -> list[int]:
    """Actors matching a key exactly, else a name or alias."""
    aid = actor_id_for_key(store, key_or_name)
    if aid is not None:
        return [aid]
    return _actors_with_alias(store, name_norm(key_or_name))


# --- learning --------------------------------------------------------------------------------

def learn_actor(store: Store, known: KnownActor, article_id: int | None = None) -> tuple[int, set[str]]:
    """Add what `known` says to the knowledge base. Returns the actor id and the alias keys
    that are new for it (whose links must be recomputed)."""
    now = now_iso()
    aid = actor_id_for_key(store, known.key)
    if aid is None:
        aid = store.insert("INSERT INTO actors (key, name, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                           (known.key, known.name, known.type, now, now))
    store.executemany(
        "INSERT INTO actor_facts (actor_id, field, value, source, n) VALUES (?, ?, ?, 'learned', 1) "
        "ON CONFLICT (actor_id, field, source, value) DO UPDATE SET n = actor_facts.n + 1",
        [(aid, f, v) for f, v in zip(FIELDS, (known.name, known.type, known.country, known.sector, known.role),
                                     strict=True) if v])
    existing = {r[0] for r in store.rows("SELECT alias_norm FROM actor_aliases WHERE actor_id = ?", (aid,))}
    names = {}
    for n in known.names():
        norm = name_norm(n)
        if norm and norm not in names:
            names[norm] = n.strip()
    store.executemany(
        "INSERT INTO actor_aliases (actor_id, alias, alias_norm, source, n) VALUES (?, ?, ?, 'learned', 1) "
        "ON CONFLICT (actor_id, alias_norm) DO UPDATE SET n = actor_aliases.n + 1",
        [(aid, alias, norm) for norm, alias in names.items()])
    if article_id is not None:
        store.execute("INSERT INTO actor_articles (actor_id, article_id) VALUES (?, ?) "
                      "ON CONFLICT (actor_id, article_id) DO NOTHING", (aid, article_id))
    changed = refresh_actor(store, aid)
    new = set(names) - existing
    return aid, (new | _alias_norms(store, aid)) if changed else new


def learn_record(store: Store, record: Record, article_id: int) -> list[int]:
    """Learn what a stored article teaches, then link its entities (and any other entity
    whose name just became known) to canonical actors."""
    changed: set[str] = set()
    ids = []
    with store.transaction():
        for known in _learnable_actors(record):
            aid, names = learn_actor(store, known, article_id)
            ids.append(aid)
            changed |= names
        relink_names(store, changed)
        _relink(store, "e.article_id = ?", "ev.article_id = ?", (article_id,))
    return ids


def learn_from_stored_records(store: Store) -> int:
    """Learn from every stored article (a backfill after the knowledge tables appear)."""
    n = 0
    with store.transaction():
        for (article_id,) in store.rows("SELECT id FROM articles ORDER BY id"):
            record = Record.from_dict(json.loads(store.scalar("SELECT record FROM articles WHERE id = ?",
                                                              (article_id,))))
            for known in _learnable_actors(record):
                learn_actor(store, known, article_id)
            n += 1
        _relink(store, "1 = 1", "1 = 1", ())
    return n


def refresh_actor(store: Store, actor_id: int) -> bool:
    """Derive an actor's fields from its facts; True when any field changed."""
    facts: dict[str, dict[str, list[tuple[str, int]]]] = {f: {"user": [], "learned": []} for f in FIELDS}
    for field, value, source, n in store.rows(
            "SELECT field, value, source, n FROM actor_facts WHERE actor_id = ?", (actor_id,)):
        facts[field][source].append((value, n))
    values: dict[str, str | None] = {}
    for f in FIELDS:
        if facts[f]["user"]:
            values[f] = facts[f]["user"][0][0] or None  # '' is a user's "none"
        elif facts[f]["learned"]:
            values[f] = min(facts[f]["learned"], key=lambda vn: (-vn[1], vn[0]))[0]
        else:
            values[f] = None
    old = store.one_row("SELECT key, name, type, country, sector, role FROM actors WHERE id = ?", (actor_id,))
    values["name"] = values["name"] or old[1] or old[0]
    values["type"] = values["type"] or old[2] or "UNKNOWN"
    n_articles = store.scalar("SELECT count(*) FROM actor_articles WHERE actor_id = ?", (actor_id,))
    store.execute("UPDATE actors SET name = ?, type = ?, country = ?, sector = ?, role = ?, n_articles = ?, "
                  "updated_at = ? WHERE id = ?",
                  (*(values[f] for f in FIELDS), n_articles, now_iso(), actor_id))
    return tuple(old[1:]) != tuple(values[f] for f in FIELDS)


def _alias_norms(store: Store, actor_id: int) -> set[str]:
    return {r[0] for r in store.rows("SELECT alias_norm FROM actor_aliases WHERE actor_id = ?", (actor_id,))}


# --- linking entities to actors ------------------------------------------------------------

def _compatible_type(entity_type: str | None, actor_type: str) -> bool:
    return entity_type is None or actor_type in (entity_type, "UNKNOWN")


def resolve_name(store: Store, norm: str, entity_type: str | None, country: str | None) -> int | None:
    """The one canonical actor a name denotes, or None (unknown or ambiguous)."""
    rows = store.rows(
        "SELECT a.id, a.type, a.country, a.name FROM actor_aliases al JOIN actors a ON a.id = al.actor_id "
        "WHERE al.alias_norm = ? AND al.source <> 'removed' AND a.merged_into IS NULL ORDER BY a.id", (norm,))
    candidates = [r for r in rows if _compatible_type(entity_type, r[1])
                  and (country is None or r[2] is None or r[2] == country)]
    if len(candidates) == 1:
        return int(candidates[0][0])
    exact = [r for r in candidates if name_norm(r[3]) == norm]
    return int(exact[0][0]) if len(exact) == 1 else None


def relink_names(store: Store, norms: Iterable[str]) -> None:
    norms = sorted(set(norms))
    for i in range(0, len(norms), 200):
        chunk = norms[i:i + 200]
        marks = ", ".join("?" * len(chunk))
        _relink(store, f"e.name_norm IN ({marks})", f"ea.name_norm IN ({marks})", chunk)


def _relink(store: Store, entity_where: str, actor_where: str, params: Sequence[Any]) -> None:
    """Recompute actor links of the entities and event participants selected."""
    from .dedup import refresh_ledger_actors

    cache: dict[tuple, int | None] = {}

    def resolve(norm, type_, country):
        k = (norm, type_, country)
        if k not in cache:
            cache[k] = resolve_name(store, norm, type_, country)
        return cache[k]

    updates = [(aid, eid) for eid, norm, type_, country, old in store.rows(
        f"SELECT e.id, e.name_norm, e.type, e.country, e.actor_id FROM entities e WHERE {entity_where}", params)
        if (aid := resolve(norm, type_, country)) != old]
    store.executemany("UPDATE entities SET actor_id = ? WHERE id = ?", updates)
    del updates
    rows = store.rows(
        "SELECT ea.event_id, ea.role, ea.entity_local, ea.name_norm, ea.type, ea.country, ea.actor_id, "
        "ev.ledger_event_id FROM event_actors ea JOIN events ev ON ev.id = ea.event_id "
        f"WHERE {actor_where}", params)
    actor_updates: list[tuple[int | None, int, str, str]] = []
    ledgers: set[int] = set()
    for event_id, role, local, norm, type_, country, old, ledger_id in rows:
        aid = resolve(norm, type_, country)
        if aid != old:
            actor_updates.append((aid, event_id, role, local))
            if ledger_id is not None:
                ledgers.add(ledger_id)
    store.executemany("UPDATE event_actors SET actor_id = ? WHERE event_id = ? AND role = ? AND entity_local = ?",
                      actor_updates)
    for ledger_id in sorted(ledgers):
        refresh_ledger_actors(store, ledger_id)


# --- the user's corrections ------------------------------------------------------------------

def merge_actors(store: Store, keep: str, other: str) -> int:
    """Merge actor `other` into `keep` (keys or unambiguous names): aliases, facts and
    articles move over, links follow, and `other`'s key now leads to `keep`."""
    from .dedup import refresh_ledger_actors

    with store.transaction():
        k, o = _one_actor(store, keep), _one_actor(store, other)
        if k == o:
            raise StoreError(f"{keep!r} and {other!r} are already the same actor")
        # The kept actor keeps its name: choosing it is the user's word on what it is called
        # (a user name, if any, is its name already).
        store.execute("INSERT INTO actor_facts (actor_id, field, value, source, n) "
                      "SELECT id, 'name', name, 'user', 1 FROM actors WHERE id = ? "
                      "ON CONFLICT (actor_id, field, source, value) DO NOTHING", (k,))
        store.execute(
            "INSERT INTO actor_aliases (actor_id, alias, alias_norm, source, n) "
            "SELECT ?, alias, alias_norm, source, n FROM actor_aliases WHERE actor_id = ? "
            "ON CONFLICT (actor_id, alias_norm) DO UPDATE SET n = actor_aliases.n + excluded.n, "
            "source = CASE WHEN actor_aliases.source = 'learned' THEN excluded.source ELSE actor_aliases.source END",
            (k, o))
        store.execute(
            "INSERT INTO actor_facts (actor_id, field, value, source, n) "
            "SELECT ?, field, value, source, n FROM actor_facts WHERE actor_id = ? AND source = 'learned' "
            "ON CONFLICT (actor_id, field, source, value) DO UPDATE SET n = actor_facts.n + excluded.n", (k, o))
        store.execute(
            "INSERT INTO actor_articles (actor_id, article_id) SELECT ?, article_id FROM actor_articles "
            "WHERE actor_id = ? ON CONFLICT (actor_id, article_id) DO NOTHING", (k, o))
        names = _alias_norms(store, o)
        for table in ("actor_aliases", "actor_facts", "actor_articles"):
            store.execute(f"DELETE FROM {table} WHERE actor_id = ?", (o,))
        store.execute("UPDATE actors SET merged_into = ?, updated_at = ? WHERE id = ? OR merged_into = ?",
                      (k, now_iso(), o, o))
        ledgers = [r[0] for r in store.rows(
            "SELECT DISTINCT ledger_event_id FROM ledger_actors WHERE actor_id = ? ORDER BY 1", (o,))]
        for table in ("entities", "event_actors"):
            store.execute(f"UPDATE {table} SET actor_id = ? WHERE actor_id = ?", (k, o))
        for ledger_id in ledgers:
            refresh_ledger_actors(store, ledger_id)
        refresh_actor(store, k)
        relink_names(store, names | _alias_norms(store, k))
    return k


def _one_actor(store: Store, key_or_name: str) -> int:
    found = find_actor(store, key_or_name)
    if not found:
        raise StoreError(f"no actor {key_or_name!r} in the knowledge base")
    if len(found) > 1:
        keys = ", ".join(store.scalar("SELECT key FROM actors WHERE id = ?", (a,)) for a in found)
        raise StoreError(f"{key_or_name!r} names several actors ({keys}); use a key")
    return found[0]


def edit_actor(store: Store, key_or_name: str, *, set_fields: dict[str, str | None] | None = None,
               reset_fields: Iterable[str] = (), add_aliases: Iterable[str] = (),
               remove_aliases: Iterable[str] = (), create: bool = False) -> int:
    """Correct an actor by hand. `set_fields` values win over anything learned (None or ''
    means "none"); `reset_fields` drops a correction; removed aliases are never relearned.
    With `create`, a missing actor is created (it needs a name and a type)."""
    set_fields = dict(set_fields or {})
    bad = (set(set_fields) | set(reset_fields)) - set(FIELDS)
    if bad:
        raise StoreError(f"unknown actor field(s): {', '.join(sorted(bad))}; fields are {', '.join(FIELDS)}")
    with store.transaction():
        found = find_actor(store, key_or_name)
        if not found and create:
            name, type_ = set_fields.get("name"), set_fields.get("type")
            if not name or not type_:
                raise StoreError("a new actor needs a name and a type")
            key = key_or_name if ":" in key_or_name else actor_key(type_, name)
            now = now_iso()
            aid = store.insert("INSERT INTO actors (key, name, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                               (key, name, type_, now, now))
            add_aliases = [name, *add_aliases]
        else:
            aid = _one_actor(store, key_or_name)
        before = _alias_norms(store, aid)
        for f in reset_fields:
            store.execute("DELETE FROM actor_facts WHERE actor_id = ? AND field = ? AND source = 'user'", (aid, f))
        for f, value in set_fields.items():
            store.execute("DELETE FROM actor_facts WHERE actor_id = ? AND field = ? AND source = 'user'", (aid, f))
            store.execute("INSERT INTO actor_facts (actor_id, field, value, source, n) VALUES (?, ?, ?, 'user', 1)",
                          (aid, f, (value or "").strip()))
        for alias, source in [*((a, "user") for a in add_aliases), *((a, "removed") for a in remove_aliases)]:
            norm = name_norm(alias)
            if norm:
                store.execute(
                    "INSERT INTO actor_aliases (actor_id, alias, alias_norm, source, n) VALUES (?, ?, ?, ?, 0) "
                    "ON CONFLICT (actor_id, alias_norm) DO UPDATE SET source = excluded.source",
                    (aid, alias.strip(), norm, source))
        refresh_actor(store, aid)
        relink_names(store, before | _alias_norms(store, aid))
    return aid


# --- reading -----------------------------------------------------------------------------------

def list_actors(store: Store, *, search: str | None = None, country: str | None = None,
                sector: str | None = None, type_: str | None = None, limit: int | None = 100):
    """Canonical actors as a DataFrame (most documented first)."""
    import pandas as pd

    where, params = ["a.merged_into IS NULL"], []
    if search:
        where.append("a.id IN (SELECT actor_id FROM actor_aliases WHERE alias_norm LIKE ? AND source <> 'removed')")
        params.append(f"%{name_norm(search)}%")
    for column, value in (("country", country), ("sector", sector), ("type", type_)):
        if value:
            where.append(f"a.{column} = ?")
            params.append(value.upper())
    sql = (f"SELECT a.id, a.key, a.name, a.type, a.country, a.sector, a.role, a.n_articles AS articles "
           f"FROM actors a WHERE {' AND '.join(where)} ORDER BY a.n_articles DESC, a.key")
    if limit:
        sql += f" LIMIT {int(limit)}"
    frame = store.frame(sql, params)
    aliases: dict[int, list[str]] = {aid: [] for aid in frame["id"]} if len(frame) else {}
    ids = list(aliases)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for aid, alias in store.rows(
                f"SELECT actor_id, alias FROM actor_aliases WHERE actor_id IN ({', '.join('?' * len(chunk))}) "
                "AND source <> 'removed' ORDER BY actor_id, n DESC, alias", chunk):
            aliases[aid].append(alias)
    frame["aliases"] = ["|".join(a for a in aliases.get(aid, []) if a != name)
                        for aid, name in zip(frame["id"], frame["name"], strict=True)] if len(frame) else []
    return frame.drop(columns=["id"]) if len(frame) else pd.DataFrame(
        columns=["key", "name", "type", "country", "sector", "role", "articles", "aliases"])


def show_actor(store: Store, key_or_name: str) -> list[dict]:
    """Everything the knowledge base holds about the actor(s) a key or name denotes."""
    out = []
    for aid in find_actor(store, key_or_name):
        known = known_actor(store, aid)
        out.append({
            "key": known.key, "name": known.name, "type": known.type, "country": known.country,
            "sector": known.sector, "role": known.role, "articles": known.extra["articles"],
            "aliases": [{"alias": a, "source": s, "articles": n} for a, s, n in store.rows(
                "SELECT alias, source, n FROM actor_aliases WHERE actor_id = ? ORDER BY n DESC, alias", (aid,))],
            "facts": [{"field": f, "value": v, "source": s, "articles": n} for f, v, s, n in store.rows(
                "SELECT field, value, source, n FROM actor_facts WHERE actor_id = ? ORDER BY field, source, n DESC, value",
                (aid,))],
            "merged": [r[0] for r in store.rows("SELECT key FROM actors WHERE merged_into = ? ORDER BY key", (aid,))],
            "events": store.scalar("SELECT count(DISTINCT ledger_event_id) FROM ledger_actors WHERE actor_id = ?", (aid,)),
            "sources": [r[0] for r in store.rows(
                "SELECT coalesce(ar.url, ar.source, ar.article_key) FROM actor_articles aa "
                "JOIN articles ar ON ar.id = aa.article_id WHERE aa.actor_id = ? ORDER BY ar.published, ar.id LIMIT 10",
                (aid,))],
        })
    return out


def import_actor_file(store: Store, path: str | Path) -> list[int]:
    """Put the actors of an override file (YAML or CSV, see stages/actors/knowledge.py) into
    the knowledge base as the user's word: their names and aliases, country, sector, role
    and type win over what articles teach, `actors list` shows them, and entities already
    stored under one of their names are linked to them. Returns their actor ids."""
    from ..knowledge import FileKnowledge

    ids = []
    with store.transaction():
        for known in FileKnowledge(path).actors():
            fields = {"name": known.name, "type": known.type, "country": known.country, "sector": known.sector,
                      "role": known.role}
            ids.append(edit_actor(store, known.key, set_fields={k: v for k, v in fields.items() if v},
                                  add_aliases=[known.name, *known.aliases], create=True))
    return ids
