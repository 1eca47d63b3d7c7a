"""Integrity check of a store: the engine's own checks plus the ledger's invariants.

An empty list means: the schema is complete, every article is whole (its document row,
its record, and exactly as many entity, place, quote and event rows as its record has),
every event belongs to a ledger event whose counts match its reports, the summary tables
agree with a recomputation from the ledger, and the knowledge base's links point to live actors.
"""

from __future__ import annotations

import json

from ..model import Record
from .backend import Store
from .migrations import LATEST, pending_backfills, version
from .summaries import summary_problems

# (a count of rows that break an invariant, what they are): each must count 0
_INVARIANTS: list[tuple[str, str]] = [
    ("SELECT count(*) FROM articles a WHERE NOT EXISTS "
     "(SELECT 1 FROM documents d WHERE d.article_id = a.id AND d.status = 'ok')",
     "article(s) without their document row"),
    ("SELECT count(*) FROM (SELECT article_id FROM documents WHERE status = 'ok' "
     "GROUP BY article_id HAVING count(*) > 1) t",
     "article(s) stored by more than one document"),
    *((f"SELECT count(*) FROM articles a WHERE a.{column} <> "
       f"(SELECT count(*) FROM {table} t WHERE t.article_id = a.id)",
       f"article(s) whose {table} rows do not match their record")
      for table, column in (("entities", "n_entities"), ("places", "n_places"), ("quotes", "n_quotes"),
                            ("events", "n_events"))),
    ("SELECT count(*) FROM events WHERE ledger_event_id IS NULL", "event(s) not in any ledger event"),
    ("SELECT count(*) FROM ledger_events le WHERE le.n_mentions <> "
     "(SELECT count(*) FROM events e WHERE e.ledger_event_id = le.id) OR le.n_reports <> "
     "(SELECT count(DISTINCT e.article_id) FROM events e WHERE e.ledger_event_id = le.id)",
     "ledger event(s) whose report counts are wrong"),
    ("SELECT count(*) FROM actors a WHERE a.merged_into IS NOT NULL AND EXISTS "
     "(SELECT 1 FROM actor_aliases al WHERE al.actor_id = a.id)",
     "merged actor(s) still holding aliases"),
    ("SELECT count(*) FROM ledger_actors la JOIN ledger_events le ON le.id = la.ledger_event_id "
     "WHERE NOT (la.day_start = le.day_start OR (la.day_start IS NULL AND le.day_start IS NULL))",
     "ledger_actors row(s) whose day is not their event's"),
]
# knowledge-base links that must point to live actors, not merged ones (checked after the summaries)
_MERGED_LINKS: list[tuple[str, str]] = [
    (f"SELECT count(*) FROM {table} t JOIN actors a ON a.id = t.actor_id WHERE a.merged_into IS NOT NULL",
     f"{table} row(s) linked to a merged actor")
    for table in ("entities", "event_actors", "ledger_actors")
]


def _count(store: Store, sql: str, params=()) -> int:
    return int(store.scalar(sql, params) or 0)


def check_store(store: Store, *, deep: bool = False) -> list[str]:
    """Every problem found (empty when the store is sound). `deep` also re-validates each
    stored record against its contract."""
    problems = list(store.integrity_problems())
    v = version(store)
    if v != LATEST:
        problems.append(f"schema version {v}, expected {LATEST}")
        return problems
    if pending_backfills(store):
        problems.append(f"backfills pending: {', '.join(pending_backfills(store))}")
    for sql, what in _INVARIANTS:
        n = _count(store, sql)
        if n:
            problems.append(f"{n} {what}")
    problems += summary_problems(store)
    for sql, what in _MERGED_LINKS:
        n = _count(store, sql)
        if n:
            problems.append(f"{n} {what}")
    if deep:
        for article_id, key, text in store.rows("SELECT id, article_key, record FROM articles ORDER BY id"):
            try:
                record = Record.from_dict(json.loads(text))
            except ValueError as exc:
                problems.append(f"article {article_id}: stored record does not parse: {exc}")
                continue
            if record.article.id != key:
                problems.append(f"article {article_id}: record id {record.article.id} != key {key}")
            problems += [f"article {article_id}: {p}" for p in record.problems()[:3]]
    return problems
