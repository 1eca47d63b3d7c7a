"""Ledger event keys keep leading to their happening (`store/aliases.py`, migration 6): after
later reports merge two happenings, after a rebuild, and for keys given before the store
was migrated to schema 6. Both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

from newsledger.store import migrations as mig
from newsledger.store.aliases import current_key
from newsledger.store.dedup import rebuild_ledger
from newsledger.store.opening import open_store
from tests.test_store_fixtures import (  # noqa: F401
    LINDQVIST,
    VARGA,
    make_record,
    meeting_reports,
    save_all,
    store,
    store_url,
)


def _talks(day_range, src, text):
    return make_record(text, source=src, entities=[LINDQVIST, VARGA], places=["Oslo"],
                       events=[{"type": "CONSULT", "trigger": "talks", "actor": ["Maria Lindqvist"],
                                "recipient": ["Tomas Varga"], "date": day_range, "place": "Oslo"}])


MON = _talks(("2024-03-04", "2024-03-04"), "https://a.example/1",
             "Foreign Minister Maria Lindqvist began talks with Prime Minister Tomas Varga.")
THU = _talks(("2024-03-07", "2024-03-07"), "https://c.example/3",
             "Foreign Minister Maria Lindqvist ended talks with Prime Minister Tomas Varga.")
BRIDGE = _talks(("2024-03-04", "2024-03-06"), "https://b.example/2",
                "Foreign Minister Maria Lindqvist held days of talks with Prime Minister Tomas Varga.")


def _keys(store) -> set[str]:
    return {r[0] for r in store.rows("SELECT key FROM ledger_events")}


def test_store_key_aliases_follow_a_merge_and_a_rebuild(store):
    save_all(store, [MON, THU])
    old = _keys(store)
    assert len(old) == 2 and all(current_key(store, k) == k for k in old)
    save_all(store, [BRIDGE])
    (now,) = _keys(store)
    assert {current_key(store, k) for k in old} == {now}
    rebuild_ledger(store)
    assert _keys(store) == {now} and {current_key(store, k) for k in old | {now}} == {now}
    assert current_key(store, "LE-never-given") is None


def test_store_key_aliases_filled_for_a_schema_5_store(store_url):
    s = open_store(store_url, migrate=False)
    try:
        mig.migrate(s, target=5)
        mig.run_pending_backfills(s)
        save_all(s, meeting_reports())  # grouped by the schema 5 write path: no aliases kept
        keys = _keys(s)
        assert not s.has_table("ledger_key_aliases")
    finally:
        s.close()
    s = open_store(store_url)  # migrated to the latest schema: every key given so far is remembered
    try:
        assert mig.version(s) == mig.LATEST
        assert {r[0] for r in s.rows("SELECT key FROM ledger_key_aliases")} == keys
        assert all(current_key(s, k) == k for k in keys)
    finally:
        s.close()
