"""Cross-article event deduplication on hand-made multi-article cases, on both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import itertools

from newsledger.store.dedup import (
    Participant,
    Report,
    group_reports,
    rebuild_ledger,
    same_happening,
)
from tests.test_store_fixtures import (  # noqa: F401 - fixtures
    LINDQVIST,
    VARGA,
    ledger_groups,
    make_record,
    meeting_reports,
    save_all,
    store,
    store_url,
)


def _srcs(*names: str) -> frozenset[str]:
    return frozenset(f"https://{n}.example/{i}#V1" for n, i in (x.split("/") for x in names))


def test_store_dedup_groups_three_reports_of_one_meeting(store):
    save_all(store, meeting_reports())
    groups = ledger_groups(store)
    assert _srcs("a/1", "b/2", "c/3") in groups
    assert _srcs("d/4") in groups  # the meeting a week later is another happening
    assert len(groups) == 2
    n_reports, n_mentions, place, day = store.one(
        "SELECT n_reports, n_mentions, place_name, day_start FROM ledger_events WHERE n_reports > 1")
    assert (n_reports, n_mentions, place) == (3, 3, "Oslo")
    assert day == "2024-03-04"  # the most precise date of the reports
    # counts are of events, not articles
    assert store.scalar("SELECT count(*) FROM ledger_events") == 2
    assert store.scalar("SELECT count(*) FROM events") == 4


def test_store_dedup_keeps_every_source_and_actor(store):
    save_all(store, meeting_reports()[:3])
    from newsledger.store.query import events, reports

    frame = events(store)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["n_reports"] == 3
    # actors of all reports, by role (the symmetric "Varga and Lindqvist met" counts too)
    assert "Maria Lindqvist" in row["actor_names"] and "Norwegian officials" in row["actor_names"]
    assert "Tomas Varga" in row["recipient_names"]
    sources = set(reports(store, row["key"])["source"])
    assert sources == {"https://a.example/1", "https://b.example/2", "https://c.example/3"}


def test_store_dedup_result_does_not_depend_on_ingest_order(store_url):
    from newsledger.store import open_store

    records = meeting_reports()
    seen_groups, seen_keys = set(), set()
    for i, order in enumerate(itertools.permutations(records)):
        if i % 5:  # 5 of the 24 orders keep the test fast
            continue
        s = open_store(store_url)
        try:
            with s.transaction():
                for table in ("ledger_events", "articles", "documents", "actors"):
                    s.execute(f"DELETE FROM {table}")
            save_all(s, order)
            seen_groups.add(frozenset(ledger_groups(s)))
            seen_keys.add(frozenset(r[0] for r in s.rows("SELECT key FROM ledger_events")))
            incremental = ledger_groups(s)
            rebuild_ledger(s)
            assert ledger_groups(s) == incremental
        finally:
            s.close()
    assert len(seen_groups) == 1 and len(seen_keys) == 1


def test_store_dedup_bridging_report_merges_two_groups(store):
    # A (Mon) and C (Wed) are two days apart, too far to be the same day's news; B spans
    # Mon-Wed and overlaps both, so once B arrives the three are one happening.
    def report(day_range, src, text):
        return make_record(text, source=src, entities=[LINDQVIST, VARGA], places=["Oslo"],
                           events=[{"type": "CONSULT", "trigger": "talks", "actor": ["Maria Lindqvist"],
                                    "recipient": ["Tomas Varga"], "date": day_range, "place": "Oslo"}])

    a = report(("2024-03-04", "2024-03-04"), "https://a.example/1", "Foreign Minister Maria Lindqvist began talks with Prime Minister Tomas Varga.")
    c = report(("2024-03-07", "2024-03-07"), "https://c.example/3", "Foreign Minister Maria Lindqvist ended talks with Prime Minister Tomas Varga.")
    b = report(("2024-03-04", "2024-03-06"), "https://b.example/2", "Foreign Minister Maria Lindqvist held days of talks with Prime Minister Tomas Varga.")
    save_all(store, [a, c])
    assert len(ledger_groups(store)) == 2
    save_all(store, [b])
    assert ledger_groups(store) == {_srcs("a/1", "b/2", "c/3")}
    assert store.scalar("SELECT n_reports FROM ledger_events") == 3
    from newsledger.store.check import check_store

    assert check_store(store) == []


def test_store_dedup_separates_other_type_polarity_and_far_places(store):
    base = "Foreign Minister Maria Lindqvist met Prime Minister Tomas Varga in {place}{neg}."

    def report(src, place, *, type_="CONSULT", negated=False):
        text = base.format(place=place, neg=", officials denied" if negated else "") + f" ({src})"
        return make_record(text, source=src, entities=[LINDQVIST, VARGA], places=[place],
                           events=[{"type": type_, "trigger": "met", "actor": ["Maria Lindqvist"],
                                    "recipient": ["Tomas Varga"], "date": ("2024-03-04", "2024-03-04"),
                                    "place": place, "negated": negated}])

    save_all(store, [report("https://a.example/1", "Oslo"), report("https://b.example/2", "Lima"),
                     report("https://c.example/3", "Oslo", type_="ACCUSE"),
                     report("https://d.example/4", "Oslo", negated=True),
                     report("https://e.example/5", "Norway")])
    groups = ledger_groups(store)
    # Oslo and "Norway" agree (the city lies in the country); Lima, another type and a
    # negated report are other events.
    assert _srcs("a/1", "e/5") in groups
    assert len(groups) == 4


def test_store_dedup_events_without_actors_need_a_precise_shared_place(store):
    def protest(src, place):
        return make_record(f"Thousands protested in {place} on Sunday ({src}).", source=src, places=[place],
                           events=[{"type": "PROTEST", "trigger": "protested", "date": ("2024-03-03", "2024-03-03"),
                                    "place": place}])

    save_all(store, [protest("https://a.example/1", "Budapest"), protest("https://b.example/2", "Budapest"),
                     protest("https://c.example/3", "Hungary"), protest("https://d.example/4", "Hungary")])
    groups = ledger_groups(store)
    assert _srcs("a/1", "b/2") in groups
    assert _srcs("c/3") in groups and _srcs("d/4") in groups  # "somewhere in Hungary" identifies nothing


def test_store_dedup_never_groups_undated_or_vague_events(store):
    def report(src, date):
        return make_record("Foreign Minister Maria Lindqvist met Prime Minister Tomas Varga in Oslo.",
                           source=src, entities=[LINDQVIST, VARGA], places=["Oslo"], published=None,
                           events=[{"type": "CONSULT", "trigger": "met", "actor": ["Maria Lindqvist"],
                                    "recipient": ["Tomas Varga"], "date": date, "place": "Oslo"}])

    # The same text twice is one article (the second is a duplicate document): vary it.
    r1 = report("https://a.example/1", None)
    r2 = report("https://b.example/2", None)
    r2.article.id = "b" * 64
    r3 = report("https://c.example/3", ("2024", "2024"))
    r3.article.id = "c" * 64
    r4 = report("https://d.example/4", ("2024", "2024"))
    r4.article.id = "d" * 64
    save_all(store, [r1, r2, r3, r4])
    assert len(ledger_groups(store)) == 4


def test_store_dedup_relation_is_symmetric_and_local():
    def rep(i, article, *, day=("2024-03-04", "2024-03-04"), parts=(), kind="city", gid=1, lat=0.0, lon=0.0,
            country="NOR"):
        return Report(i, article, "CONSULT", day_start=day[0], day_end=day[1], geonameid=gid, lat=lat, lon=lon,
                      place_country=country, place_kind=kind, participants=list(parts))

    p = Participant("actor", "maria lindqvist", 7, "NOR", "GOV")
    q = Participant("actor", "norwegian officials", None, "NOR", None)
    other = Participant("actor", "someone else", 8, "NOR", "GOV")
    a = rep(1, 10, parts=[p])
    b = rep(2, 11, parts=[q], day=("2024-03-05", "2024-03-05"))
    assert same_happening(a, b) and same_happening(b, a)  # country match, one day apart
    assert not same_happening(a, rep(3, 10, parts=[p]))  # same article
    assert not same_happening(a, rep(4, 12, parts=[other]))  # two different canonical actors
    assert not same_happening(a, rep(5, 12, parts=[p], day=("2024-03-07", "2024-03-07")))
    assert same_happening(a, rep(6, 12, parts=[p], gid=2, lat=0.2, lon=0.2))  # 31 km apart
    assert not same_happening(a, rep(7, 12, parts=[p], gid=2, lat=2.0, lon=2.0))  # 300 km apart
    # group_reports finds the same components as the pairwise relation
    reports = [a, b, rep(8, 13, parts=[other], day=("2024-05-01", "2024-05-01"))]
    assert sorted(len(g) for g in group_reports(reports)) == [1, 2]
