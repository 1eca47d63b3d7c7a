"""The ledger's summary tables (migration 0005) follow every write, agree with the events
they summarise, answer timelines exactly as the events do; the store's generation rises
with every write transaction. Both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import random

import pytest

from newsledger.store import StoreError, open_store
from newsledger.store.check import check_store
from newsledger.store.dedup import rebuild_ledger
from newsledger.store.knowledge import edit_actor, merge_actors
from newsledger.store.query import Filters, _summary_source, _timeline_direct, timeline_rows
from newsledger.store.summaries import rebuild_summaries, summary_problems
from tests.test_store_fixtures import (  # noqa: F401 - fixtures
    LINDQVIST,
    VARGA,
    make_record,
    meeting_reports,
    save_all,
    store,
    store_url,
)


def _months(store) -> dict:
    return {(m, t): (int(e), int(r)) for m, t, e, r in store.rows("SELECT month, type, events, reports FROM ledger_months")}


def _place(store, name: str) -> tuple:
    row = store.one("SELECT events, reports, sum_lat / events, first_day, last_day FROM ledger_places "
                    "WHERE place_name = ?", (name,))
    return (int(row[0]), int(row[1]), round(float(row[2]), 3), row[3], row[4]) if row else None


def test_store_summaries_follow_each_stored_article(store):
    for record in meeting_reports():
        save_all(store, [record])
        assert summary_problems(store) == []
    # One meeting reported three times (Mar 4) and another once (Mar 11), both in Oslo.
    assert _months(store) == {("2024-03", "CONSULT"): (2, 4)}
    assert _place(store, "Oslo") == (2, 4, 59.913, "2024-03-04", "2024-03-11")
    lindqvist = store.scalar("SELECT id FROM actors WHERE key = 'person:maria-lindqvist'")
    assert store.one("SELECT events, reports FROM ledger_actor_months WHERE ident = ? AND month = '2024-03'",
                     (f"a:{lindqvist}",)) == (2, 4)
    # Both meetings have Lindqvist -> Varga; the first also Norwegian officials -> Varga and,
    # from "Varga and Lindqvist met", Varga -> Lindqvist.
    pairs = store.rows("SELECT source, target, count(*) FROM ledger_pairs GROUP BY source, target")
    varga = store.scalar("SELECT id FROM actors WHERE key = 'person:tomas-varga'")
    assert (f"a:{lindqvist}", f"a:{varga}", 2) in [tuple(r) for r in pairs]
    assert all(s != t for s, t, _ in pairs)
    assert check_store(store) == []


def test_store_summaries_follow_merged_groups_actor_edits_and_rebuild(store):
    def report(day_range, src, text):
        return make_record(text, source=src, entities=[LINDQVIST, VARGA], places=["Oslo"],
                           events=[{"type": "CONSULT", "trigger": "talks", "actor": ["Maria Lindqvist"],
                                    "recipient": ["Tomas Varga"], "date": day_range, "place": "Oslo"}])

    a = report(("2024-03-04", "2024-03-04"), "https://a.example/1", "Foreign Minister Maria Lindqvist began talks with Prime Minister Tomas Varga.")
    c = report(("2024-03-07", "2024-03-07"), "https://c.example/3", "Foreign Minister Maria Lindqvist ended talks with Prime Minister Tomas Varga.")
    b = report(("2024-03-04", "2024-03-06"), "https://b.example/2", "Foreign Minister Maria Lindqvist held days of talks with Prime Minister Tomas Varga.")
    save_all(store, [a, c])
    assert _place(store, "Oslo")[0] == 2 and summary_problems(store) == []
    save_all(store, [b])  # bridges the two: one event, whose last day is no longer Mar 7
    assert _months(store) == {("2024-03", "CONSULT"): (1, 3)}
    assert _place(store, "Oslo") == (1, 3, 59.913, "2024-03-04", "2024-03-04")
    assert summary_problems(store) == []
    # The user tells the knowledge base who they are: participants are relinked to actors.
    for key, name in (("person:tomas-varga", "Tomas Varga"), ("person:maria-lindqvist", "Maria Lindqvist")):
        edit_actor(store, key, set_fields={"name": name, "type": "PERSON"}, add_aliases=[name], create=True)
        assert summary_problems(store) == []
    varga = store.scalar("SELECT id FROM actors WHERE key = 'person:tomas-varga'")
    assert store.scalar("SELECT events FROM ledger_actor_months WHERE ident = ?", (f"a:{varga}",)) == 1
    assert store.scalar("SELECT count(*) FROM ledger_pairs WHERE target = ?", (f"a:{varga}",)) == 1
    merge_actors(store, "person:maria-lindqvist", "person:tomas-varga")  # a user's (wrong) merge: no pair left
    assert store.scalar("SELECT count(*) FROM ledger_pairs") == 0
    assert summary_problems(store) == []
    rebuild_ledger(store)
    assert summary_problems(store) == [] and check_store(store) == []


def test_store_summaries_place_days_follow_an_event_that_moves(store):
    def report(day_range, src, text):
        return make_record(text, source=src, entities=[LINDQVIST, VARGA], places=["Bergen"],
                           events=[{"type": "CONSULT", "trigger": "talks", "actor": ["Maria Lindqvist"],
                                    "recipient": ["Tomas Varga"], "date": day_range, "place": "Bergen"}])

    save_all(store, [report(("2024-03-01", "2024-03-10"), "https://a.example/1",
                            "Foreign Minister Maria Lindqvist held talks with Prime Minister Tomas Varga early in March.")])
    assert _place(store, "Bergen")[3:] == ("2024-03-01", "2024-03-01")
    # A precise report of the same talks: the event's day becomes Mar 4, and so the place's.
    save_all(store, [report(("2024-03-04", "2024-03-04"), "https://b.example/2",
                            "Foreign Minister Maria Lindqvist opened talks with Prime Minister Tomas Varga on Monday.")])
    assert store.scalar("SELECT count(*) FROM ledger_events") == 1
    assert _place(store, "Bergen")[3:] == ("2024-03-04", "2024-03-04")
    assert summary_problems(store) == []


def test_store_summaries_drift_is_found_and_rebuild_repairs_it(store):
    save_all(store, meeting_reports())
    with store.transaction():
        store.execute("UPDATE ledger_months SET events = events + 1")
        store.execute("DELETE FROM ledger_pairs WHERE ledger_event_id = (SELECT min(ledger_event_id) FROM ledger_pairs)")
        store.execute("UPDATE ledger_places SET first_day = '1999-01-01'")
    problems = check_store(store)
    assert any(p.startswith("ledger_months:") for p in problems)
    assert any(p.startswith("ledger_pairs:") and "missing" in p for p in problems)
    assert any(p.startswith("ledger_places:") for p in problems)
    rebuild_summaries(store)
    assert check_store(store) == []
    with store.transaction():
        store.execute("UPDATE ledger_actors SET day_start = '1999-01-01'")
    assert any("day is not their event's" in p for p in check_store(store))
    rebuild_ledger(store)  # `newsledger ledger rebuild`: the ledger and its summaries anew
    assert check_store(store) == []


def test_store_generation_rises_with_every_write_transaction(store):
    g0 = store.generation()
    assert isinstance(g0, int)
    store.rows("SELECT * FROM ledger_events")
    assert store.generation() == g0  # reading changes nothing
    save_all(store, meeting_reports()[:1])
    g1 = store.generation()
    assert g1 > g0
    with pytest.raises(StoreError), store.transaction():
        store.execute("DELETE FROM ledger_months")
        store.execute("THIS IS NOT SQL")
    assert store.generation() == g1 and _months(store)  # a rolled back transaction leaves it
    rebuild_ledger(store)
    assert store.generation() > g1


def test_store_generation_is_seen_by_other_connections(store_url):
    a, b = open_store(store_url), open_store(store_url, migrate=False)
    try:
        before = b.generation()
        save_all(a, meeting_reports()[:1])
        assert b.generation() > before
    finally:
        a.close()
        b.close()


@pytest.fixture
def synthetic(store):
    from newsledger.bench.store import build_events

    build_events(store, 3000, n_actors=60, seed=5)
    return store


def test_store_summary_timelines_equal_the_events(synthetic):
    store = synthetic
    rng = random.Random(3)
    actors = [r[0] for r in store.rows("SELECT name FROM actors ORDER BY id LIMIT 8")]
    days = ["2015-01-01", "2016-02-29", "2017-03-15", "2018-12-31", "2019-07-01", "2020-02-10", "2021-11-30",
            "2022-06-15", "2024-12-31"]
    cases = [Filters(), Filters(event_type="PROTEST"), Filters(event_type="CONSULT,ASSAULT"),
             Filters(date_from="2019", date_to="2019"), Filters(date_from="2017-03", date_to="2017-03"),
             Filters(date_from="2017-03-15", date_to="2017-03-20"), Filters(actor=actors[0]),
             Filters(actor=actors[1], date_from="2018-05-17"), Filters(date_to="2016-08-09")]
    for _ in range(30):
        lo, hi = sorted(rng.sample(days, 2))
        cases.append(Filters(date_from=lo[:rng.choice((4, 7, 10))], date_to=hi[:rng.choice((4, 7, 10))],
                             event_type=rng.choice([None, "PROTEST", "CONSULT,ASSAULT"]),
                             actor=rng.choice([None, None, *actors]) if rng.random() < 0.3 else None))
    assert _summary_source(store, Filters(actor=actors[0]))[0] == "ledger_actor_months"
    assert _summary_source(store, Filters(event_type="PROTEST", date_from="2019"))[0] == "ledger_months"
    for f in cases:
        for by, width in (("month", 7), ("year", 4)):
            direct = _timeline_direct(store, f, width)
            assert timeline_rows(store, f, by=by) == direct, (f, by)
    assert sum(e for _, e, _ in timeline_rows(store, Filters(), by="year")) == 3000
