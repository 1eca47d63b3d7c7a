"""Schema migrations: from an empty store, from every previous schema version, in transactions."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import pytest

from newsledger.store import StoreError, open_store
from newsledger.store import migrations as mig
from newsledger.store.check import check_store
from newsledger.store.records import write_article
from tests.test_store_fixtures import (  # noqa: F401 - fixtures
    ledger_groups,
    make_record,
    meeting_reports,
    save_all,
    store,
    store_url,
)


def test_store_migrations_from_empty_apply_all_in_order(store_url):
    s = open_store(store_url, migrate=False)
    try:
        assert mig.applied(s) == []
        names = mig.migrate(s)
        assert names == [f"{m.version:04d}_{m.name}" for m in mig.MIGRATIONS]
        assert [v for v, _, _ in mig.applied(s)] == [m.version for m in mig.MIGRATIONS]
        assert mig.pending_backfills(s) == []
        for table in ("documents", "articles", "events", "ledger_events", "ledger_actors", "actors",
                      "actor_aliases", "actor_facts"):
            assert s.has_table(table), table
        assert mig.migrate(s) == []  # a second open applies nothing
        assert check_store(s) == []
    finally:
        s.close()


@pytest.mark.parametrize("old_version", [1, 2, 3, 4])
def test_store_migrations_from_previous_schema_keep_and_backfill_data(store_url, old_version):
    # A store written by an older newsledger: its tables only, filled by the writer of that time.
    s = open_store(store_url, migrate=False)
    try:
        mig.migrate(s, target=old_version)
        assert mig.version(s) == old_version
        records = meeting_reports()
        with s.transaction():
            for r in records:
                write_article(s, r)
                s.execute("INSERT INTO documents (content_hash, status, article_id, ingested_at) "
                          "SELECT article_key, 'ok', id, ingested_at FROM articles WHERE article_key = ?",
                          (r.article.id,))
        applied = mig.migrate(s)
        assert applied == [f"{m.version:04d}_{m.name}" for m in mig.MIGRATIONS if m.version > old_version]
        assert mig.version(s) == mig.LATEST and mig.pending_backfills(s) == []
        # The data is all there, and derived tables were backfilled from it.
        assert s.scalar("SELECT count(*) FROM articles") == len(records)
        assert s.scalar("SELECT count(*) FROM events WHERE ledger_event_id IS NULL") == 0
        assert len(ledger_groups(s)) == 2  # the three reports of one meeting, and the other meeting
        assert s.scalar("SELECT count(*) FROM actors WHERE key = 'person:maria-lindqvist'") == 1
        assert s.scalar("SELECT count(*) FROM entities WHERE actor_id IS NOT NULL") > 0
        # The summary tables (schema 5) were filled from the events already there.
        assert s.scalar("SELECT sum(events) FROM ledger_months") == 2
        assert s.scalar("SELECT count(*) FROM ledger_pairs") > 0
        if old_version >= 2:
            from newsledger.store.query import Filters, events

            assert len(events(s, Filters(text="Oslo"))) == 2  # full-text index covers old rows
        assert check_store(s, deep=True) == []
    finally:
        s.close()


def test_store_migration_that_fails_leaves_the_schema_as_it_was(store_url, monkeypatch):
    s = open_store(store_url, migrate=False)
    try:
        mig.migrate(s, target=1)
        broken = mig.Migration(2, "broken", ("CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL"))
        monkeypatch.setattr(mig, "MIGRATIONS", (mig.MIGRATIONS[0], broken))
        with pytest.raises(StoreError):
            mig.migrate(s)
        assert mig.version(s) == 1
        assert not s.has_table("half_done")
    finally:
        s.close()


def test_store_migrations_refuse_a_newer_schema(store):
    store.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from_the_future', 'x')")
    with pytest.raises(StoreError, match="newer newsledger"):
        mig.migrate(store)


def test_store_interrupted_backfill_runs_on_next_open(store_url):
    s = open_store(store_url, migrate=False)
    try:
        mig.migrate(s, target=3, run_backfills=False)
        with s.transaction():
            for r in meeting_reports():
                write_article(s, r)
        mig.migrate(s, run_backfills=False)  # schema complete, backfills left pending (a crash)
        assert mig.pending_backfills(s) == ["knowledge", "ledger", "summaries"]
    finally:
        s.close()
    s = open_store(store_url)
    try:
        assert mig.pending_backfills(s) == []
        assert len(ledger_groups(s)) == 2
    finally:
        s.close()


def test_store_migration_to_summaries_from_a_working_schema_4_store(store_url):
    # A store as newsledger with schema 4 left it: articles stored, actors learned and events
    # grouped by that version's write path. Schema 5 adds the summary tables and fills them.
    from newsledger.store.summaries import summary_problems

    s = open_store(store_url, migrate=False)
    try:
        mig.migrate(s, target=4)
        mig.run_pending_backfills(s)
        save_all(s, meeting_reports())
        assert not s.has_table("ledger_months") and s.generation() is None
        assert mig.migrate(s)[0] == "0005_ledger_summaries"  # and any later ones
        assert mig.pending_backfills(s) == []
        assert s.rows("SELECT month, type, events, reports FROM ledger_months") == [("2024-03", "CONSULT", 2, 4)]
        assert summary_problems(s) == [] and check_store(s) == []
        before = s.generation()
        save_all(s, [make_record("Maria Lindqvist met Tomas Varga in Lima.", source="https://e.example/5",
                                 entities=[{"name": "Maria Lindqvist", "type": "PERSON", "country": "NOR"},
                                           {"name": "Tomas Varga", "type": "PERSON", "country": "HUN"}],
                                 places=["Lima"],
                                 events=[{"type": "CONSULT", "trigger": "met", "actor": ["Maria Lindqvist"],
                                          "recipient": ["Tomas Varga"], "date": ("2024-04-02", "2024-04-02"),
                                          "place": "Lima"}])])
        assert s.generation() > before
        assert s.scalar("SELECT events FROM ledger_months WHERE month = '2024-04'") == 1
        assert check_store(s) == []
    finally:
        s.close()
