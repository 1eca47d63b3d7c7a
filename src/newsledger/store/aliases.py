"""Ledger event keys that keep working after the events are regrouped.

A ledger event's key is made from one of its reports (`dedup.refresh_ledger_event`). When
later reports join two happenings into one, or a rebuild groups them otherwise, the key of
an event can change or its event can be absorbed by another one; links (`/events/KEY`)
that users saved must still lead somewhere. So every key ever given is remembered with the
report it was made from (`ledger_key_aliases`, schema 6): an old key leads to the ledger
event that holds that report today.
"""

from __future__ import annotations

from .backend import Store


def _has_aliases(store: Store) -> bool:
    known = getattr(store, "_has_key_aliases", None)
    if known is None:
        known = store.has_table("ledger_key_aliases")
        if known:  # a store is never migrated down
            store._has_key_aliases = True  # type: ignore[attr-defined]
    return known


def remember_key(store: Store, key: str, report: str) -> None:
    """Record that `key` was made from `report` ('ARTICLE_KEY#LOCAL_EVENT_ID'); once per key."""
    if _has_aliases(store):
        store.execute("INSERT INTO ledger_key_aliases (key, report) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                      (key, report))


def current_key(store: Store, key: str) -> str | None:
    """The key of the ledger event that holds the report `key` was made from (None if the
    key was never given, or its report is gone)."""
    if not _has_aliases(store):
        return None
    report = store.scalar("SELECT report FROM ledger_key_aliases WHERE key = ?", (key,))
    if not report or "#" not in report:
        return None
    article_key, local_id = report.split("#", 1)
    return store.scalar(
        "SELECT le.key FROM articles a JOIN events e ON e.article_id = a.id "
        "JOIN ledger_events le ON le.id = e.ledger_event_id WHERE a.article_key = ? AND e.local_id = ?",
        (article_key, local_id))
