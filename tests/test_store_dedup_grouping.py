"""Cross-article grouping rules (issue 17) on hand-written reports: date windows by how a
date was worded, places by containment, participants role-insensitive, statements by speaker
and target; and the same groups whatever the order of ingest (a shuffle), on both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import random

from click.testing import CliRunner

from newsledger import cli
from newsledger.store.dedup import (
    Participant,
    Report,
    date_window,
    explain,
    group_reports,
    is_person_name,
    person_match,
    place_keys,
    place_relation,
    rebuild_ledger,
    same_happening,
)
from tests.test_store_fixtures import (  # noqa: F401 - fixtures
    ledger_groups,
    make_record,
    save_all,
    store,
    store_url,
)

# Hand-made places (not gazetteer facts): a city, a neighbourhood 10 km away, its county and
# state, a city 300 km away in another state, and a city of the same name geocoded elsewhere.
RIVERTON = dict(geonameid=101, lat=40.00, lon=-90.00, place_country="USA", place_kind="city", place_name="Riverton",
                place_admin1="US.IL")
EASTSIDE = dict(geonameid=102, lat=40.00, lon=-89.88, place_country="USA", place_kind="city", place_name="Eastside",
                place_admin1="US.IL")
COUNTY = dict(geonameid=103, lat=40.20, lon=-90.10, place_country="USA", place_kind="region", place_name="Mill County",
              place_admin1="US.IL", place_level=2)
STATE = dict(geonameid=104, lat=40.0, lon=-89.0, place_country="USA", place_kind="region", place_name="Illinois",
             place_admin1="US.IL", place_level=1)
FARTOWN = dict(geonameid=105, lat=40.00, lon=-86.50, place_country="USA", place_kind="city", place_name="Fartown",
               place_admin1="US.IN")
RIVERTON_ABROAD = dict(geonameid=106, lat=45.0, lon=10.0, place_country="ITA", place_kind="city",
                       place_name="Riverton", place_admin1="IT.09")


def person(name: str, role: str = "recipient") -> Participant:
    return Participant(role, name, None, None, None, "PERSON")


_ids = iter(range(1, 10_000))


def rep(article: int, *, type_="ASSAULT", day=("2024-03-02", "2024-03-02"), published="2024-03-04", text="Saturday",
        time_type="DATE", place=None, parts=(), named=(), article_people=()) -> Report:
    r = Report(next(_ids), article, type_, day_start=day[0] if day else None, day_end=day[1] if day else None,
               published=published, date_text=text, date_type=time_type, participants=list(parts),
               named=frozenset(named), article_people=frozenset(article_people), **(place or {}))
    return r


def test_dates_compare_at_their_precision_with_the_slack_their_wording_implies():
    saturday_night = rep(1, day=("2024-03-02", "2024-03-02"), text="late Saturday", place=RIVERTON)
    early_sunday = rep(2, day=("2024-03-03", "2024-03-03"), text="early Sunday", place=RIVERTON)
    assert same_happening(saturday_night, early_sunday)  # one day apart: midnight between the reports
    tuesday = rep(3, day=("2024-03-05", "2024-03-05"), text="Tuesday", published="2024-03-06", place=RIVERTON)
    assert explain(saturday_night, tuesday) == "date"  # three days apart at day precision
    weekend = rep(4, day=("2024-03-02", "2024-03-03"), text="over the weekend", published="2024-03-04",
                  place=RIVERTON)
    assert same_happening(weekend, saturday_night) and same_happening(weekend, early_sunday)
    last_week = rep(5, day=("2024-02-26", "2024-03-03"), text="last week", published="2024-03-06", place=RIVERTON)
    assert same_happening(last_week, saturday_night)


def test_a_date_known_only_from_the_report_covers_the_days_before_publication():
    saturday = rep(1, day=("2024-03-02", "2024-03-02"), text="Saturday", place=RIVERTON)
    # no time of its own: the publication day (Monday) stands for "some day before it"
    reported = rep(2, day=("2024-03-04", "2024-03-04"), published="2024-03-04", text=None, place=RIVERTON)
    assert date_window(reported) == ("2024-02-26", "2024-03-04")
    assert same_happening(saturday, reported)
    # a bare clock time leaves the day to the reader: the same
    clock = rep(3, day=("2024-03-04", "2024-03-04"), published="2024-03-04", text="3:30 a.m.", time_type="TIME",
                place=RIVERTON)
    assert date_window(clock) == date_window(reported)
    # but not a clock time with its day ("3:30 a.m. Saturday"), nor a report weeks later
    with_day = rep(4, day=("2024-03-02", "2024-03-02"), published="2024-03-04", text="3:30 a.m. Saturday",
                   time_type="TIME", place=RIVERTON)
    assert date_window(with_day) == ("2024-03-01", "2024-03-03")
    weeks_later = rep(5, day=("2024-03-25", "2024-03-25"), published="2024-03-25", text=None, place=RIVERTON)
    assert explain(saturday, weeks_later) == "date"
    # a statement is news on its day: reported without a date, it covers the day before only
    said = rep(6, type_="ACCUSE", day=("2024-03-04", "2024-03-04"), published="2024-03-04", text=None)
    assert date_window(said) == ("2024-03-03", "2024-03-04")


def test_a_month_or_a_year_identifies_a_happening_only_through_a_named_person():
    saturday = rep(1, place=RIVERTON, parts=[person("dana ruiz")])
    month = rep(2, day=("2024-03-01", "2024-03-31"), text="earlier this month", published="2024-03-20",
                place=RIVERTON)
    assert explain(saturday, month) == "identity"  # the same city in the same month is not enough
    named_month = rep(3, day=("2024-03-01", "2024-03-31"), text="earlier this month", published="2024-03-20",
                      place=RIVERTON, parts=[person("dana ruiz")])
    assert same_happening(saturday, named_month)
    year = rep(4, day=("2024-01-01", "2024-12-31"), text="this year", place=RIVERTON, parts=[person("dana ruiz")])
    assert explain(saturday, year) == "undated"


def test_places_compare_by_containment_and_distance_not_by_name():
    city = rep(1, place=RIVERTON)
    assert place_relation(city, rep(2, place=EASTSIDE)) == "near"  # a neighbourhood 10 km away
    assert place_relation(city, rep(3, place=COUNTY)) == "within"
    assert place_relation(city, rep(4, place=STATE)) == "within"
    assert place_relation(city, rep(5, place=FARTOWN)) == "conflict"  # 300 km, another state
    assert place_relation(rep(6, place=FARTOWN), rep(7, place=COUNTY)) == "conflict"
    assert place_relation(rep(8, place=FARTOWN), rep(9, place=STATE)) == "conflict"
    assert place_relation(city, rep(10, place=RIVERTON_ABROAD)) == "samename"  # one name, geocoded apart
    assert place_relation(city, rep(11)) == "unknown"
    unmapped_site = dict(geonameid=None, lat=None, lon=None, place_country="USA", place_kind="feature",
                         place_name="Mill Road")
    assert place_relation(city, rep(17, place=unmapped_site)) == "within"  # no point: it contradicts nothing
    # the same day at a city and its neighbourhood is one happening; at a city 300 km away it is not
    assert same_happening(city, rep(12, place=EASTSIDE))
    assert explain(city, rep(13, place=FARTOWN)) == "place"
    # a county says where, not which: it needs a person in common
    assert explain(city, rep(14, place=COUNTY)) == "identity"
    assert same_happening(rep(15, place=RIVERTON, named=["lee park"]), rep(16, place=COUNTY, named=["lee park"]))


def test_participants_match_whatever_their_role_and_an_unnamed_actor_blocks_nothing():
    victim_as_recipient = rep(1, place=COUNTY, parts=[person("jordan ellis", "recipient")])
    victim_as_actor = rep(2, place=STATE, parts=[person("jordan ellis", "actor")])
    assert same_happening(victim_as_recipient, victim_as_actor)
    surname_only = rep(3, place=COUNTY, named=["ellis"])
    assert same_happening(victim_as_recipient, surname_only)
    misspelt = rep(4, place=COUNTY, parts=[person("jordan elis")])
    assert same_happening(victim_as_recipient, misspelt)
    unnamed = rep(5, place=RIVERTON)  # "a gunman shot a man": nobody named
    named = rep(6, place=RIVERTON, parts=[person("sam tate", "actor"), person("jordan ellis")])
    assert same_happening(unnamed, named)
    # two reports whose named participants are all different people are two happenings
    other_victim = rep(7, place=RIVERTON, parts=[person("alex moore")])
    assert explain(named, other_victim) == "actors"
    # an official who speaks of it (a sheriff taken for a participant) tells nothing apart
    sheriff = Participant("recipient", "lou brandt", None, "USA", "COP", "PERSON")
    assert same_happening(rep(11, place=RIVERTON, parts=[sheriff]), named)
    # a person named in both articles counts when the places agree
    article_a = rep(8, place=COUNTY, article_people=["robin hale"])
    article_b = rep(9, place=RIVERTON, article_people=["robin hale", "kim ode"])
    assert same_happening(article_a, article_b)
    assert not same_happening(rep(10, article_people=["robin hale"]), article_b)  # no place to agree on


def test_a_place_the_other_article_names_is_not_a_contradiction():
    # a report placed at the city of the hospital 300 km away, whose article names the scene
    at_hospital = rep(1, place=FARTOWN, parts=[person("dana ruiz")])
    at_hospital.article_places = frozenset(place_keys(101, "Riverton") | place_keys(105, "Fartown"))
    scene = rep(2, place=RIVERTON, day=("2024-03-04", "2024-03-04"), text=None)
    assert explain(at_hospital, scene) == "place"  # named somewhere in the article only: not the scene
    at_hospital.scene_places = at_hospital.article_places  # named by its title or lead
    assert same_happening(at_hospital, scene)
    assert explain(rep(3, place=FARTOWN, parts=[person("dana ruiz")]), scene) == "place"  # its article does not
    # a report with no place of its own, whose article names the city (a dateline)
    unplaced = rep(4)
    unplaced.article_places = frozenset(place_keys(None, "Riverton"))  # anywhere in the article
    assert same_happening(unplaced, rep(5, place=RIVERTON))
    assert explain(unplaced, rep(6, place=FARTOWN)) == "identity"
    # and the blocking keys find them, whichever is stored first
    at_city = rep(7, place=RIVERTON)
    for first, second in ((at_hospital, scene), (unplaced, at_city)):
        for order in ([first, second], [second, first]):
            assert {frozenset(r.id for r in g) for g in group_reports(order)} == {frozenset({first.id, second.id})}


def test_a_scene_is_a_place_named_as_a_whole_word_of_the_title_or_lead():
    from newsledger.store.dedup import _names_in

    assert _names_in("Riverton", "riverton, ill. - a man was shot")
    assert _names_in("Mill Road", "shots on mill road.") and not _names_in("Mill", "a miller was shot")


def test_a_person_named_by_both_reports_outweighs_a_contradiction_of_places():
    here = rep(1, place=RIVERTON, parts=[person("casey north")])
    mis_geocoded = rep(2, place=FARTOWN, named=["casey north"])
    assert same_happening(here, mis_geocoded)
    assert explain(rep(3, place=RIVERTON, parts=[person("north")]), rep(4, place=FARTOWN, named=["north"])) == "place"


def test_names_that_are_not_people_identify_nothing():
    assert not is_person_name("county sheriff") and not is_person_name("sgt")
    assert not is_person_name("suburban hospital") and is_person_name("marcus king")
    a = rep(1, place=RIVERTON, parts=[person("county sheriff", "actor")])
    b = rep(2, place=FARTOWN, parts=[person("county sheriff", "actor")])
    assert explain(a, b) == "place"
    assert person_match("chisler", "amar daeshawn chisler") and person_match("amar chisler", "amar daeshawn chisler")
    assert not person_match("jo lee", "al lee") and not person_match("ann smith", "dan smyth")
    # a first name spelt two ways is one person; a short one may be a sibling's
    assert person_match("marika stone", "marica stone") and not person_match("mark stone", "mary stone")


def test_statements_join_only_with_the_same_speaker_and_target():
    def said(article, actor, recipient=None, day=("2024-03-04", "2024-03-04")):
        parts = [Participant("actor", actor, None, None, None, "PERSON")]
        if recipient:
            parts.append(Participant("recipient", recipient, None, None, None, "PERSON"))
        return rep(article, type_="ACCUSE", day=day, published="2024-03-05", text="Monday", parts=parts)

    base = said(1, "mayor vell", "governor ruiz")
    assert same_happening(base, said(2, "mayor vell", "governor ruiz"))
    assert same_happening(base, said(3, "mayor vell"))  # a target left unsaid blocks nothing
    assert explain(base, said(4, "mayor vell", "senator oke")) == "actors"  # another target: another statement
    assert explain(base, said(5, "senator oke", "governor ruiz")) == "actors"  # another speaker
    assert explain(base, said(6, "mayor vell", "governor ruiz", day=("2024-03-07", "2024-03-07"))) == "date"
    # two people of one country named differently are two speakers; a description of the
    # country's officials may be either
    holm = Participant("actor", "erik holm", None, "NOR", None, "PERSON")
    berg = Participant("actor", "anna berg", None, "NOR", "GOV", "PERSON")
    officials = Participant("actor", "norwegian officials", None, "NOR", None, "ORG", named=False)
    police = Participant("actor", "police", None, None, None, "ORG", named=False)

    def by(article, participant):
        return rep(article, type_="ACCUSE", day=("2024-03-04", "2024-03-04"), published="2024-03-05",
                   text="Monday", parts=[participant])

    assert explain(by(20, holm), by(21, berg)) == "actors"
    assert same_happening(by(22, officials), by(23, berg))
    assert explain(by(24, police), by(25, police)) == "identity"  # "police said" identifies no one
    # the same prominent person on nearby days with people named in both articles: still two statements
    a = said(7, "mayor vell", "governor ruiz")
    b = said(8, "mayor vell", "senator oke")
    a.article_people = b.article_people = frozenset({"mayor vell", "governor ruiz", "senator oke"})
    assert not same_happening(a, b)


def test_a_follow_up_that_dates_the_happening_joins_it():
    shooting = rep(1, day=("2024-09-16", "2024-09-16"), published="2024-09-17", text="Monday", place=RIVERTON,
                   parts=[person("terry vance")])
    # charges two weeks later "in the Sept. 16 shooting of Terry Vance"
    charges = rep(2, day=("2024-09-16", "2024-09-16"), published="2024-09-30", text="Sept. 16", place=COUNTY,
                  parts=[person("vance")])
    assert same_happening(shooting, charges)
    # a funeral report that does not date the shooting stays apart (it is dated by its report)
    funeral = rep(3, day=("2024-10-02", "2024-10-02"), published="2024-10-02", text=None, place=RIVERTON,
                  parts=[person("terry vance")])
    assert explain(shooting, funeral) == "date"
    # a trial a year later that gives the happening's hour on its day ("at 3:30 a.m. on Sept. 16")
    trial = rep(4, day=("2024-09-16", "2024-09-16"), published="2025-10-01", text="3:30 a.m.", time_type="TIME",
                place=RIVERTON, parts=[person("terry vance")])
    assert date_window(trial) == ("2024-09-15", "2024-09-17")
    assert same_happening(shooting, trial)


def test_group_reports_is_the_transitive_closure_whatever_the_order():
    reports = [rep(1, place=RIVERTON, parts=[person("jo west")]),
               rep(2, place=COUNTY, named=["jo west"], day=("2024-03-03", "2024-03-03")),
               rep(3, place=EASTSIDE, day=("2024-03-03", "2024-03-03")),
               rep(4, place=FARTOWN),
               rep(5, type_="PROTEST", place=RIVERTON)]
    expected = {frozenset({1, 2, 3}), frozenset({4}), frozenset({5})}
    first = {r.id - reports[0].id + 1 for r in reports}
    assert first == {1, 2, 3, 4, 5}
    base = reports[0].id - 1
    for seed in range(6):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        groups = {frozenset(r.id - base for r in g) for g in group_reports(shuffled)}
        assert groups == expected


# --- in the store: incremental ingest in any order equals a rebuild ---------------------------

LINDQVIST = {"name": "Maria Lindqvist", "type": "PERSON", "country": "NOR", "sector": "GOV"}
VARGA = {"name": "Tomas Varga", "type": "PERSON", "country": "HUN", "sector": "GOV"}
HOLM = {"name": "Erik Holm", "type": "PERSON", "country": "NOR"}
BERG = {"name": "Anna Berg", "type": "PERSON", "country": "NOR"}


def _records():
    def shot(n, text, day, place, *, published, victim=None, gunman=None):
        entities = [e for e in (victim, gunman) if e]
        return make_record(
            f"{text} ({n})", source=f"https://news{n}.example/{n}", published=published, entities=entities,
            places=[place],
            events=[{"type": "ASSAULT", "trigger": "shot", "actor": [gunman["name"]] if gunman else [],
                     "recipient": [victim["name"]] if victim else [], "date": day, "place": place}])

    def accuse(n, text, actor, recipient, day, *, published):
        return make_record(
            f"{text} ({n})", source=f"https://politics{n}.example/{n}", published=published,
            entities=[actor, recipient],
            events=[{"type": "ACCUSE", "trigger": "accused", "actor": [actor["name"]],
                     "recipient": [recipient["name"]], "date": day}])

    return [
        # one shooting in Oslo, reported three ways (the victim named or not, dated or by the report)
        shot(1, "Erik Holm was shot in Oslo on Saturday.", ("2024-03-02", "2024-03-02"), "Oslo",
             published="2024-03-03", victim=HOLM),
        shot(2, "A man was shot in Oslo.", ("2024-03-04", "2024-03-04"), "Oslo", published="2024-03-04"),
        shot(3, "Police named the man shot in Norway on Saturday as Erik Holm.",
             ("2024-03-02", "2024-03-02"), "Norway", published="2024-03-05", victim=HOLM),
        # another shooting that day in Oslo, of someone else
        shot(4, "Anna Berg was shot in Oslo on Saturday.", ("2024-03-02", "2024-03-02"), "Oslo",
             published="2024-03-03", victim=BERG),
        # a shooting in Lima the same day
        shot(5, "A woman was shot in Lima on Saturday.", ("2024-03-02", "2024-03-02"), "Lima",
             published="2024-03-03"),
        # statements: one, reported twice; the same speaker against someone else the next day
        accuse(6, "Maria Lindqvist accused Tomas Varga of lying on Monday.", LINDQVIST, VARGA,
               ("2024-03-04", "2024-03-04"), published="2024-03-05"),
        accuse(7, "Lindqvist accused Varga of lying on Monday.", LINDQVIST, VARGA, ("2024-03-04", "2024-03-04"),
               published="2024-03-05"),
        accuse(8, "Maria Lindqvist accused Anna Berg of lying on Tuesday.", LINDQVIST, BERG,
               ("2024-03-05", "2024-03-05"), published="2024-03-06"),
    ]


def _srcs(*ns: int) -> frozenset[str]:
    out = set()
    for n in ns:
        kind = "politics" if n >= 6 else "news"
        out.add(f"https://{kind}{n}.example/{n}#V1")
    return frozenset(out)


def test_store_grouping_is_the_same_in_any_ingest_order_and_after_a_rebuild(store_url):
    from newsledger.store import open_store
    from newsledger.store.check import check_store

    records = _records()
    seen = set()
    for seed in range(5):
        order = records[:]
        random.Random(seed).shuffle(order)
        s = open_store(store_url)
        try:
            with s.transaction():
                for table in ("ledger_events", "articles", "documents", "actors"):
                    s.execute(f"DELETE FROM {table}")
            save_all(s, order)
            incremental = ledger_groups(s)
        finally:
            s.close()
        # `newsledger ledger rebuild` regroups from scratch: the same events
        result = CliRunner().invoke(cli.main, ["ledger", "rebuild", "--db", store_url], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        s = open_store(store_url)
        try:
            assert ledger_groups(s) == incremental, f"order {seed}: a rebuild regroups"
            assert check_store(s) == []
            seen.add(frozenset(incremental))
        finally:
            s.close()
    assert len(seen) == 1, "the groups depend on the order of ingest"
    groups = next(iter(seen))
    holm = next(g for g in groups if _srcs(1) <= g)
    assert _srcs(3) <= holm  # the named victim, reported twice (one report says only "Norway")
    berg = next(g for g in groups if _srcs(4) <= g)
    assert berg != holm  # another victim: another happening, although "a man was shot in Oslo" fits both
    assert _srcs(2) <= holm or _srcs(2) <= berg  # the unnamed report joins one of them, not both
    assert _srcs(5) in groups  # Lima
    assert _srcs(6, 7) in groups and _srcs(8) in groups  # one statement twice; the same speaker's next one


def test_store_grouping_keys_are_kept_with_their_reports(store):
    save_all(store, _records())
    n_keys = store.scalar("SELECT count(*) FROM event_keys")
    assert n_keys > 0
    assert store.scalar("SELECT count(*) FROM events WHERE features = 0") == 0
    # every dated report has keys, with the window its date gives
    assert store.scalar("SELECT count(DISTINCT event_id) FROM event_keys") == store.scalar("SELECT count(*) FROM events")
    rebuild_ledger(store)
    assert store.scalar("SELECT count(*) FROM event_keys") == n_keys
    # deleting an article takes its reports' keys with it
    with store.transaction():
        store.execute("DELETE FROM articles WHERE source = ?", ("https://news1.example/1",))
    assert store.scalar("SELECT count(*) FROM event_keys WHERE event_id NOT IN (SELECT id FROM events)") == 0
