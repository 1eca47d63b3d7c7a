"""Cross-article event grouping: reports of the same happening become one ledger event.

A *report* is one article's event (a row of `events`). Two reports are of the same
happening (`same_happening`, with `explain` saying which check kept two apart) when all of
these hold:

- they come from different articles, with the same PLOVER type and polarity (negated,
  hypothetical, future);
- **dates**: their date windows overlap. A report's window follows how its date was
  given (`date_window`): a date at day precision, give or take `DAY_SLACK` (a shooting
  "late Saturday" is "early Sunday" elsewhere); a week or a weekend, the same around its
  days; a date known only from the report itself (the publication date, "now", a bare
  clock time such as "3:30 a.m." whose day the text leaves to the reader) covers the
  `REPORT_LAG_DAYS` before publication for a material happening, `STATEMENT_LAG_DAYS` for
  a statement (a statement is news the day it is made); but a clock time whose day the
  story gave long before the report (a trial giving the hour of the shooting) is that day. A month (more than
  `COARSE_SPAN_DAYS`) is a window that only a named participant can make a match of; wider
  than `MAX_SPAN_DAYS` (a year) identifies no happening;
- **places** (`place_relation`) do not contradict: the same gazetteer place, two cities or
  sites within `NEAR_KM` (a city and its neighbourhoods and streets), a place inside a
  region (the same first-level region, or within `COUNTY_KM` of a second-level region's
  middle) or inside a country, or the same place name geocoded twice; an unknown place
  contradicts nothing. For a material happening, a city or site that the other report's
  article names (`place_named_by_other`) agrees as a precise place does: any place of
  that article for a report with no place (its dateline), but only the scene its title or
  lead names for a report placed elsewhere (the hospital's city, a neighbourhood geocoded
  to a namesake far away). A named person in both reports' own sentences outweighs a
  contradiction of places (a mis-geocoded place must not split a named victim's reports);
- **participants**, by kind of happening:
  - a *material* happening (`MATERIAL_TYPES`: an attack, a protest, an arrest...) has
    named participants who tell it apart, but for officials (`_OFFICIAL_SECTORS`: a sheriff
    who speaks of it is often taken for a participant); it is
    identified by people (role-insensitive: a victim is the actor of one report and the
    recipient of another) or by its place: a person named by both reports (as participant
    or in their sentences; "Chisler" is "Amar Chisler"; one slip of spelling is forgiven, in
    the surname or in a first name of `_SPELLING_MIN` letters or more),
    a person named in both articles, or an age both give ("a 7-year-old boy"), when their
    places agree (a private person named in both articles also when one report has no
    place), or the same precise place (city or site) on dates finer than a month. Two
    reports whose named participants are all different people are two happenings; a
    participant named only by a description ("a gunman", "the boy") blocks nothing;
  - a *statement or act between actors* (every other type) is identified by its
    participants on one occasion (the same day, or the same place): the same actor
    (speaker) and, when both name one, the same recipient (target), role for role (either
    way round for `SYMMETRIC_TYPES` such as a meeting), so the same prominent people acting
    on nearby days are not one happening. Participants match by canonical actor (the
    knowledge base) when both have one, else by name, else (unless both are people named
    differently) by country and sector, a missing sector matching any ("Norwegian
    officials" and the Norwegian foreign minister). A participant named only by a
    description without a country ("police") neither identifies nor tells apart. Reports
    with no participant at all need the same precise place.

`relation` gives the reason and a strength (3: people or speaker and target in common, 2:
people named in both articles, an age, or a speaker; 1: a place). Ledger events are made
from those links in two steps, each a function of the set of reports, never of their order:
1. the links that hold (`holds`) join reports into components; a report dated only by its
   publication (or to a month) keeps, of its weaker links, only the one to its best partner
   (`best_partner`), so it cannot chain a week of a city's happenings or a speaker's
   statements;
2. each component is split into ledger events (`partition`): links taken strongest first,
   ties in an order of the reports' content (article hash, event id), each joining two
   groups only when every report of one is `compatible` with every report of the other (no
   different named participants, speakers or targets, places that agree, dates less than a
   week apart unless a report spanning several days covers both).
`rebuild_ledger` groups everything from scratch (`group_reports`); `link_article` regroups
the component of a new article's reports (with every ledger event met on the way), so the
two give the same ledger events. Every report stores its blocking keys (`event_keys`: type
and polarity with a person's name, an age, a place or a place its article names, or a
participant) with its date
window; two reports that can match always share a key and a window day (`blocking_keys`),
so linking reads the reports of the new report's keys in its window, and the regrouping
reaches no further than `HORIZON_DAYS` around it: its cost does not grow with the ledger's
size. A ledger event keeps every report (events.ledger_event_id), the count of distinct
reporting articles, and a summary (most precise date and place, actors of all reports).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import math
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .aliases import remember_key
from .backend import Store, haversine_km
from .keys import name_norm, shift_day, span_days
from .summaries import apply as apply_summary
from .summaries import clear_summaries, contribution, has_summaries, rebuild_summaries

# Version of the grouping features stored with each report (events.features); raise it when
# `event_features` changes, so that `rebuild_ledger` computes them again.
FEATURES_VERSION = 1

MAX_SPAN_DAYS = 31
COARSE_SPAN_DAYS = 10
DAY_SLACK = 1
REPORT_LAG_DAYS = 7
STATEMENT_LAG_DAYS = 1
# No window is wider than this (the blocking index reads this far back from a window's start).
MAX_WINDOW_DAYS = MAX_SPAN_DAYS + 2 * DAY_SLACK + REPORT_LAG_DAYS
# How far in time around a new article the regrouping of its component reaches.
HORIZON_DAYS = MAX_WINDOW_DAYS
NEAR_KM = 32.0  # 20 miles: a city with its neighbourhoods, streets and suburbs
COUNTY_KM = 80.0
# How much of an article's text, after its title, gives the scene (a dateline, a lead).
LEAD_CHARS = 300

# Material happenings: identified by where, when and who was there. Every other type is a
# statement or an act between actors, identified by its speaker (actor) and target.
MATERIAL_TYPES = frozenset({"ASSAULT", "PROTEST", "MOBILIZE", "COERCE", "AID", "RETREAT"})
# Types whose two sides are often reported the other way round ("A met B" / "B met A").
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})
_PRECISE_PLACES = frozenset({"city", "feature"})
_PLACE_RANK: dict[str | None, int] = {"feature": 0, "city": 1, "region": 2, "country": 3, "continent": 4}
_PERSON_TYPES = frozenset({"PERSON"})
# Sectors of people without a public office (none known, civilians, unknown): a name of theirs
# in two articles is about their happening, not a prominent person's comment on many.
_PRIVATE_SECTORS = frozenset({None, "CVL", "UNK"})
# Sectors of people who speak for the authorities (police, government, courts, legislators):
# named as a material happening's participant, they do not tell two reports apart.
_OFFICIAL_SECTORS = frozenset({"COP", "GOV", "JUD", "LEG"})

# A time expression that is only a clock time ("3:30 a.m.", "shortly after noon"): its day is
# the reader's guess, not the text's. And words for the present ("now"): the report's day.
_CLOCK_ONLY = re.compile(
    r"(?:(?:about|around|approximately|roughly|shortly|just|at|after|before|by|until|near|nearly|"
    r"sometime|some\s+time)\s+)*"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?|o'?clock|h)?|noon|midday|midnight|"
    r"\d{4}\s*hours?)", re.I)
_PRESENT = re.compile(r"(?:right\s+)?(?:now|currently|presently|at\s+present|at\s+the\s+moment)", re.I)


@dataclass(frozen=True)
class Participant:
    role: str
    name_norm: str
    actor_id: int | None = None
    country: str | None = None
    sector: str | None = None
    type: str | None = None  # entity type (PERSON, ORG, GPE...); None when unknown
    named: bool = True  # by a proper name ("Amari Brown"), not a description ("a 7-year-old boy")

    @property
    def person(self) -> bool:
        return self.type is None or self.type in _PERSON_TYPES


@dataclass
class Report:
    id: int
    article_id: int
    type: str
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    day_start: str | None = None
    day_end: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    place_country: str | None = None
    place_kind: str | None = None
    participants: list[Participant] = field(default_factory=list)
    ledger_event_id: int | None = None
    published: str | None = None  # the reporting article's publication day
    date_text: str | None = None  # the words of the time the date comes from
    date_type: str | None = None  # that time's TIMEX3 type (DATE, TIME...)
    date_source: str | None = None  # clause, sentence, paragraph, published (when the record says)
    place_name: str | None = None
    place_admin1: str | None = None  # the place's first-level region ("US.IL")
    place_level: int = 0  # a region's administrative level (1, 2)
    named: frozenset[str] = frozenset()  # people its own sentences name (name keys)
    described: frozenset[str] = frozenset()  # people its sentences or participants describe with an age
    article_people: frozenset[str] = frozenset()  # people its article names
    private_people: frozenset[str] = frozenset()  # those of them with no public office (sector)
    article_places: frozenset[str] = frozenset()  # the cities and sites its article names (`place_keys`)
    scene_places: frozenset[str] = frozenset()  # those its title or lead names (`LEAD_CHARS`)
    article_key: str = ""  # the article's content hash: with local_id, an identity that no ingest order changes
    local_id: str = ""

    @property
    def canon(self) -> tuple[str, str, int]:
        return (self.article_key, self.local_id, self.id)

    @property
    def polarity(self) -> tuple:
        return (self.type, self.negated, self.hypothetical, self.future)

    @property
    def has_place(self) -> bool:
        return self.place_kind is not None

    @property
    def material(self) -> bool:
        return self.type in MATERIAL_TYPES

    @functools.cached_property
    def window(self) -> tuple[str, str] | None:
        return date_window(self)

    @property
    def coarse(self) -> bool:
        """Dated only to a month or so: a window that a named participant must confirm."""
        return (self.day_start is not None and self.day_end is not None
                and span_days(self.day_start, self.day_end) > COARSE_SPAN_DAYS and not self._dated_by_report())

    def groupable(self) -> bool:
        return self.window is not None

    @property
    def self_dated(self) -> bool:
        """Dated by its own words to a day or a few (not by its report, not to a month)."""
        return self.window is not None and not self._dated_by_report() and not self.coarse

    def people(self) -> frozenset[str]:
        """The people of this report: its person participants and the people its sentences name."""
        return frozenset(p.name_norm for p in self.participants
                         if p.person and p.named and is_person_name(p.name_norm)) | self.named

    def ages(self) -> frozenset[str]:
        """The ages of the people it describes ("a 7-year-old boy", "the 16-year-old")."""
        found = {age_of(p.name_norm) for p in self.participants if p.person and not p.named}
        found |= {age_of(d) for d in self.described}
        return frozenset(a for a in found if a)

    def _dated_by_report(self) -> bool:
        if not self.published:
            return False
        if self.date_source == "published":
            return True
        if self.date_text is None:
            # Records before `date.source`: an event without a time of its own is dated by its report.
            return self.date_source is None and self.day_start == self.published[:10]
        text = " ".join(self.date_text.split())
        return bool(_PRESENT.fullmatch(text) or (self.date_type == "TIME" and _CLOCK_ONLY.fullmatch(text)))


# --- the relation ---------------------------------------------------------------------------

def date_window(r: Report) -> tuple[str, str] | None:
    """The days the report's happening may fall on (see the module's doc), or None when its
    date identifies no happening."""
    if r.day_start is None or r.day_end is None:
        return None
    span = span_days(r.day_start, r.day_end)
    if span > MAX_SPAN_DAYS or span < 1:
        return None
    if r._dated_by_report():
        lag = REPORT_LAG_DAYS if r.material else STATEMENT_LAG_DAYS
        assert r.published is not None  # a report without a publication day is not dated by it
        day = r.published[:10]
        lo, hi = shift_day(day, -lag), day
        if r.date_text is not None and r.day_start != day:
            # a clock time whose day the story gave: that day too, if it is near
            lo2, hi2 = min(lo, shift_day(r.day_start, -DAY_SLACK)), max(hi, shift_day(r.day_end, DAY_SLACK))
            if span_days(lo2, hi2) <= MAX_WINDOW_DAYS:
                lo, hi = lo2, hi2
            elif r.day_end < lo and r.date_source != "published":
                # a day long before the report: a follow-up (a trial, charges) that gives the
                # happening's day and its hour; the day, give or take DAY_SLACK
                return shift_day(r.day_start, -DAY_SLACK), shift_day(r.day_end, DAY_SLACK)
        return lo, hi
    if span > COARSE_SPAN_DAYS:
        return None if not r.material else (r.day_start, r.day_end)
    return shift_day(r.day_start, -DAY_SLACK), shift_day(r.day_end, DAY_SLACK)


def core_overlap(a: Report, b: Report) -> bool:
    """Whether the days the two reports give overlap, without any slack (both are dated:
    `relation` asks only of groupable reports)."""
    assert a.day_start is not None and a.day_end is not None
    assert b.day_start is not None and b.day_end is not None
    return a.day_start <= b.day_end and b.day_start <= a.day_end


def dates_overlap(a: Report, b: Report) -> bool:
    wa, wb = a.window, b.window
    return wa is not None and wb is not None and wa[0] <= wb[1] and wb[0] <= wa[1]


def _broader(a: Report, b: Report) -> tuple[Report, Report]:
    def rank(r: Report) -> tuple:
        return (_PLACE_RANK.get(r.place_kind, 9), -(r.place_level or 0))
    return (a, b) if rank(a) >= rank(b) else (b, a)


def place_relation(a: Report, b: Report) -> str:
    """How two reports' places relate: unknown (one has none), same (one precise place),
    near (two precise places within NEAR_KM), samename (two precise places of one name,
    geocoded apart), within (one contains the other, or broad places that agree), or
    conflict."""
    if not a.has_place or not b.has_place:
        return "unknown"
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return "same" if a.place_kind in _PRECISE_PLACES else "within"
    same_name = bool(a.place_name) and name_norm(a.place_name) == name_norm(b.place_name)
    if a.place_kind in _PRECISE_PLACES and b.place_kind in _PRECISE_PLACES:
        distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
        if distance is not None and distance <= NEAR_KM:
            return "near"
        if same_name:
            return "samename"
        return "conflict" if distance is not None else "within"  # a site not on the map says nothing
    if same_name:
        return "within"
    broad, narrow = _broader(a, b)
    if broad.place_kind == "continent":
        return "within"
    if broad.place_country and narrow.place_country and broad.place_country != narrow.place_country:
        return "conflict"
    if broad.place_kind != "region":
        return "within"  # a country: the other lies in it
    if broad.place_level == 2:
        if narrow.place_kind == "region":
            # two counties, or a county and a region of its level: they agree within one state
            same_state = broad.place_admin1 and broad.place_admin1 == narrow.place_admin1
            return "within" if same_state or not (broad.place_admin1 and narrow.place_admin1) else "conflict"
        distance = haversine_km(broad.lat, broad.lon, narrow.lat, narrow.lon)
        return "within" if distance is None or distance <= COUNTY_KM else "conflict"
    if broad.place_admin1 and narrow.place_admin1:
        return "within" if broad.place_admin1 == narrow.place_admin1 else "conflict"
    return "within"


# Words of a place's administrative kind: with titles and organisation head words, what a
# name that is not a person's ("County Sheriff", "Sgt", "Suburban Hospital") is made of.
_ADMIN_WORDS = frozenset({"county", "parish", "city", "state", "township", "borough", "village", "town", "office"})


@functools.lru_cache(maxsize=1)
def _role_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words of titles and group nouns, head words of organisations), from the data files."""
    from ..data import read_tsv

    titles = {name_norm(r["title"]) for r in read_tsv("titles.tsv")}
    heads = {name_norm(r["word"]) for r in read_tsv("org_words.tsv") if r.get("kind") == "head"}
    words = {w for t in titles | heads for w in t.split() if len(t.split()) == 1}
    return frozenset(words | _ADMIN_WORDS), frozenset({w for h in heads for w in h.split()[-1:]} | _ADMIN_WORDS)


def is_person_name(key: str) -> bool:
    """Whether a person entity's name key can name a person: not made of titles, group
    nouns and administrative words only ("county sheriff", "sgt"), not headed by an
    organisation's word ("suburban hospital", "sheriff s office")."""
    tokens = key.split()
    if not tokens:
        return False
    words, heads = _role_words()
    return tokens[-1] not in heads and not all(t in words for t in tokens)


def is_named(name: str | None) -> bool:
    """Whether an entity's name is a proper name ("Amari Brown", "Chisler") rather than a
    description ("boy", "7-year-old boy", "DeKalb County man"): its last word is
    capitalised, as a surname or an organisation's name is."""
    words = (name or "").split()
    return bool(words) and words[-1][:1].isupper()


_AGE = re.compile(r"\b(\d{1,3}) (?:year|month|week)s? old\b")


def age_of(description: str) -> str | None:
    """The age a description gives ("7 year old boy" -> "7"), as a key."""
    m = _AGE.search(description)
    return m.group(1) if m else None


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by at most one inserted, deleted or replaced character."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


_SPELLING_MIN = 5  # letters of a first name below which one slip may be another name ("Mark", "Mary")


def person_match(m: str, n: str) -> bool:
    """Two name keys of one person: equal; one the other's surname ("chisler", "amar
    chisler"); the same first and last names ("amar daeshawn chisler"); or full names one
    slip of spelling apart."""
    if m == n:
        return True
    sm, sn = m.split(), n.split()
    if not sm or not sn or sm[-1] != sn[-1]:
        return len(sm) >= 2 and len(sn) >= 2 and min(len(m), len(n)) >= 8 and _one_edit(m, n)
    if len(sm[-1]) < 3:
        return False
    if len(sm) == 1 or len(sn) == 1 or sm[0] == sn[0]:
        return True
    # a first name spelt two ways ("Katherine", "Catherine"): one slip in a name long enough
    # that it is not a sibling's
    return min(len(sm[0]), len(sn[0])) >= _SPELLING_MIN and _one_edit(sm[0], sn[0])


def _people_match(p: Iterable[str], q: Iterable[str]) -> bool:
    q = list(q)
    return any(person_match(m, n) for m in p for n in q)


def _same_full_name(p: Iterable[str], q: Iterable[str]) -> bool:
    q = set(q)
    return any(m in q and len(m.split()) >= 2 for m in p)


def participants_match(p: Participant, q: Participant) -> bool:
    if p.actor_id is not None and q.actor_id is not None:
        return p.actor_id == q.actor_id
    if p.named and q.named and p.name_norm and p.name_norm == q.name_norm:
        return True
    if p.named and q.named and p.type in _PERSON_TYPES and q.type in _PERSON_TYPES:
        return False  # two people named differently are two people, whatever their country
    if p.country is not None and p.country == q.country:
        return p.sector is None or q.sector is None or p.sector == q.sector
    return False


def _statement_participants(a: Report, b: Report) -> tuple[str, int]:
    """Statements and acts: ('linked', strength) for the same speaker and, when both name
    one, the same target; ('actors', 0) when a role both name differs; ('identity', 0) when
    they name no role in common."""
    pa, pb = _identifying(a), _identifying(b)
    if not pa or not pb:
        return "identity", 0
    if a.type in SYMMETRIC_TYPES:
        matched = {i for i, p in enumerate(pa) if any(participants_match(p, q) for q in pb)}
        needed = min(2, len(pa), len(pb))
        return ("linked", 2 + (len(matched) >= 2)) if len(matched) >= needed else ("actors", 0)
    roles_matched = 0
    for role in ("actor", "recipient"):
        ps = [p for p in pa if p.role == role]
        qs = [q for q in pb if q.role == role]
        if ps and qs:
            if not any(participants_match(p, q) for p in ps for q in qs):
                return "actors", 0
            roles_matched += 1
    return ("linked", 1 + roles_matched) if roles_matched else ("identity", 0)


def _identifying(r: Report) -> list[Participant]:
    """The participants that can tell who acted: named, known to the knowledge base, or of a
    known country ("Norwegian officials"); a description alone ("police", "a man") neither
    identifies nor tells apart."""
    return [p for p in r.participants if p.named or p.actor_id is not None or p.country is not None]


def actors_overlap(a: Report, b: Report) -> bool:
    """Statements and acts: the same speaker and, when both name one, the same target."""
    return _statement_participants(a, b)[0] == "linked"


def place_keys(geonameid: int | None, name: str | None) -> set[str]:
    """What names a precise place: its gazetteer id and its name key."""
    keys = {f"{geonameid}"} if geonameid is not None else set()
    if name and name_norm(name):
        keys.add(f"n:{name_norm(name)}")
    return keys


def own_place_keys(r: Report) -> set[str]:
    return place_keys(r.geonameid, r.place_name) if r.place_kind in _PRECISE_PLACES else set()


def place_named_by_other(a: Report, b: Report) -> bool:
    """Whether one report's city or site is a place the other's article names: any place
    of that article for a report with no place of its own (against its dateline), but only
    the scene its title or lead names for a report placed elsewhere (at a hospital's city,
    at a neighbourhood geocoded to a namesake far away)."""
    return bool(own_place_keys(a) & _named_places(b) or own_place_keys(b) & _named_places(a))


def _named_places(r: Report) -> frozenset[str]:
    """The places of r's article that another report's place may be (`place_named_by_other`)."""
    return r.scene_places if r.has_place else r.article_places


def _private_participants(r: Report) -> set[str]:
    """The people named as the report's participants, but for officials (`_OFFICIAL_SECTORS`):
    a sheriff or a prosecutor who speaks of the happening is often taken for a participant,
    and is the same whichever report names the victim."""
    return {p.name_norm for p in r.participants
            if p.person and p.named and is_person_name(p.name_norm) and p.sector not in _OFFICIAL_SECTORS}


def _material(a: Report, b: Report, places: str) -> tuple[str, int]:
    people_a, people_b = a.people(), b.people()
    if places in ("conflict", "unknown") and place_named_by_other(a, b):
        places = "named"
    if places == "conflict":
        return ("linked", 3) if _same_full_name(people_a, people_b) else ("place", 0)
    if _people_match(people_a, people_b):
        return "linked", 3
    named_a, named_b = _private_participants(a), _private_participants(b)
    if named_a and named_b and not _people_match(named_a | a.article_people, named_b | b.article_people):
        return "actors", 0  # different named participants
    if places != "unknown" and (_people_match(a.article_people, b.article_people) or a.ages() & b.ages()):
        return "linked", 2
    if places == "unknown" and _people_match(a.private_people, b.private_people):
        return "linked", 2  # a private person (a victim, a witness) named in both articles
    if places in ("same", "near", "samename", "named") and not a.coarse and not b.coarse:
        return "linked", 1
    return "identity", 0


def relation(a: Report, b: Report) -> tuple[str, int]:
    """(reason, strength): ('linked', 1-3) when the two reports are of one happening (3: a
    person or the speaker and target in common; 2: people named in both articles, or a
    speaker; 1: a place), else the first check that keeps them apart with strength 0:
    same_article, polarity, undated, date, place, actors (different named participants,
    speakers or targets), identity (nothing in common that identifies a happening)."""
    if a.article_id == b.article_id:
        return "same_article", 0
    if a.polarity != b.polarity:
        return "polarity", 0
    if not (a.groupable() and b.groupable()):
        return "undated", 0
    if not dates_overlap(a, b):
        return "date", 0
    places = place_relation(a, b)
    if a.material:
        return _material(a, b, places)
    if places == "conflict":
        return "place", 0
    if _identifying(a) and _identifying(b):
        reason, strength = _statement_participants(a, b)
        if reason == "linked" and not (core_overlap(a, b) or places in ("same", "near")):
            # another day, at no common place: another occasion (a speaker's statements of
            # consecutive days are as many statements)
            return "date", 0
        return reason, strength
    if a.coarse or b.coarse:
        return "identity", 0
    return ("linked", 1) if places in ("same", "near") else ("identity", 0)


def explain(a: Report, b: Report) -> str:
    """'linked', or the first check that keeps the two reports apart (see `relation`)."""
    return relation(a, b)[0]


def same_happening(a: Report, b: Report) -> bool:
    return relation(a, b)[0] == "linked"


_APART = frozenset({"place", "actors", "polarity"})


def _spans_days(r: Report) -> bool:
    """Whether the report's own words date a happening over several days ("talks from Monday
    to Wednesday"), not a single day nor a day left to the reader."""
    return (r.window is not None and not r._dated_by_report() and not r.coarse
            and r.day_start is not None and r.day_end is not None  # as a window implies
            and span_days(r.day_start, r.day_end) >= 2)


def _days_apart(a: Report, b: Report) -> int:
    """Days between two reports' windows (0 when they overlap); both are groupable."""
    wa, wb = a.window, b.window
    assert wa is not None and wb is not None
    (a0, a1), (b0, b1) = wa, wb
    return max(0, span_days(min(a1, b1), max(a0, b0)) - 2)


def compatible(a: Report, b: Report, bridges: Iterable[Report] = ()) -> bool:
    """Whether two reports may be in one ledger event: nothing tells them apart (their places
    and named participants agree, or they come from one article), and their date windows are
    less than `REPORT_LAG_DAYS` apart, or a report whose own dates span several days covers
    both (`bridges`: the days of talks that began on Monday and ended on Thursday). A
    ledger event holds only reports that are pairwise compatible, so an unnamed report
    cannot join two happenings with different victims, nor reports dated only by their
    publication chain shootings of different weeks into one."""
    reason = relation(a, b)[0]
    if reason in _APART:
        return False
    if reason == "date" and _days_apart(a, b) >= REPORT_LAG_DAYS:
        return any(_spans_days(z) and dates_overlap(z, a) and dates_overlap(z, b) for z in bridges)
    return True


def holds(strength: int, a: Report, b: Report) -> bool:
    """Whether a link of `strength` between two linked reports joins them whatever else
    they are linked to: between two reports dated by their own words, always; for a report
    dated only by its publication (or to a month), only people named in both (a material
    happening) or the same speaker and target (a statement). Its weaker links join it to its best partner only (`best_partner`):
    such a report fits every happening of its place, or every statement of its speaker, in
    the days before, and must not chain them."""
    if a.self_dated and b.self_dated:
        return True
    return strength >= (2 if a.material else 3)


_PLACE_PREFERENCE = {"same": 0, "near": 1, "samename": 2, "within": 3, "unknown": 4}


def best_partner(report: Report, links: Iterable[tuple[int, Report]]) -> int | None:
    """The id of the one self-dated report a report joins through a link that does not hold
    on its own (`holds`): the strongest, at the most precise shared place, then the first in
    an order of content (never of ingest)."""
    options = [(-strength, _PLACE_PREFERENCE.get(place_relation(report, c), 9), c.canon, c.id)
               for strength, c in links if c.self_dated and not holds(strength, report, c)]
    return min(options)[3] if options else None


def _effective_edges(links: dict[tuple[int, int], tuple[int, Report, Report]],
                     neighbours: dict[int, list[tuple[int, Report]]]) -> list[tuple[int, Report, Report]]:
    best = {}
    for _, a, b in links.values():
        for x in (a, b):
            if not x.self_dated and x.id not in best:
                best[x.id] = best_partner(x, neighbours.get(x.id, ()))
    return [(strength, a, b) for strength, a, b in links.values()
            if holds(strength, a, b) or best.get(a.id) == b.id or best.get(b.id) == a.id]


# --- blocking keys --------------------------------------------------------------------------

def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat), math.floor(lon))


def blocking_keys(report: Report, *, lookup: bool = False) -> set[str]:
    """Keys two matching reports always share (one stored, the other looked up: a place's
    neighbouring cells are looked up, its own cell stored), each prefixed by the type and
    polarity."""
    keys: set[str] = set()
    if report.material:
        for n in report.people() | report.article_people:
            tokens = n.split()
            if tokens:
                keys.add(f"pl:{tokens[-1]}")  # the surname
                if len(tokens) >= 2:  # first name and surname's initial: one slip of spelling in the surname
                    keys.add(f"pf:{tokens[0]} {tokens[-1][0]}")
        keys.update(f"age:{a}" for a in report.ages())
    else:
        for p in report.participants:
            if p.actor_id is not None:
                keys.add(f"a:{p.actor_id}")
            if p.name_norm:
                keys.add(f"n:{p.name_norm}")
            if p.country is not None:
                keys.add(f"c:{p.country}")
    if report.material:
        # a city or site against the places the other's article names (`place_named_by_other`):
        # each report stores those its article names under "an:" and looks up its own there,
        # and looks up those its article names as the places of others ("g:", "pn:")
        own = own_place_keys(report)
        named = _named_places(report) - own  # its own place's keys are stored anyway
        if lookup:
            keys.update(f"an:{k}" for k in own)
            keys.update(f"pn:{k[2:]}" if k.startswith("n:") else f"g:{k}" for k in named)
        else:
            keys.update(f"an:{k}" for k in named)
    if report.place_kind in _PRECISE_PLACES:
        if report.geonameid is not None:
            keys.add(f"g:{report.geonameid}")
        if report.place_name:
            keys.add(f"pn:{name_norm(report.place_name)}")
        if report.lat is not None and report.lon is not None:
            la, lo = _cell(report.lat, report.lon)
            if not lookup:
                keys.add(f"cell:{la}:{lo}")
            else:
                # Cells are one degree; reach as many as NEAR_KM spans at this latitude.
                dlat = math.ceil(NEAR_KM / 110.0)
                dlon = math.ceil(NEAR_KM / max(1.0, 111.3 * math.cos(math.radians(min(abs(report.lat) + 1, 89.0)))))
                keys.update(f"cell:{la + i}:{(lo + j + 180) % 360 - 180}"
                            for i in range(-dlat, dlat + 1) for j in range(-dlon, dlon + 1))
    prefix = f"{report.type}:{int(report.negated)}{int(report.hypothetical)}{int(report.future)}:"
    return {prefix + k for k in keys}


# --- what a report is compared by, from its record ------------------------------------------

def event_features(record, gazetteer=None) -> dict[str, tuple]:
    """For each event id of `record`: (date_text, date_type, date_source, place_source,
    place_admin1, place_level, people its sentences name or describe as {name key: named}).
    The gazetteer (when given) gives the place's first-level region and level."""
    times = {t.id: t for t in record.times}
    places = {p.id: p for p in record.places}
    persons = [(name_norm(e.name), is_named(e.name), [m.start for m in e.mentions])
               for e in record.entities if e.type in _PERSON_TYPES]
    out = {}
    for v in record.events:
        time = times.get(v.date.time) if v.date is not None and v.date.time else None
        place = places.get(v.place) if v.place else None
        admin1, level = None, None
        if place is not None and place.geonameid is not None and gazetteer is not None:
            found = gazetteer.get(place.geonameid)
            if found is not None:
                admin1, level = found.admin1, found.level or None
        spans = [(v.evidence.start, v.evidence.end)] + [(m.start, m.end) for m in v.mentions]
        people: dict[str, bool] = {}
        for key, named, starts in persons:
            if key and any(s <= ms < e for s, e in spans for ms in starts):
                people[key] = people.get(key, False) or named
        out[v.id] = (time.text if time else None, time.type if time else None,
                     getattr(v.date, "source", None) if v.date is not None else None,
                     getattr(v, "place_source", None), admin1, level, people)
    return out


@functools.lru_cache(maxsize=1)
def _gazetteer():
    try:
        from ..gazetteer import Gazetteer

        return Gazetteer.open()
    except Exception:  # noqa: BLE001 - without the gazetteer, places compare by distance and country only
        return None


def store_features(store: Store, article_id: int, record) -> None:
    """Write the grouping features of an article's events (see `event_features`)."""
    features = event_features(record, _gazetteer())
    ids = dict(store.rows("SELECT local_id, id FROM events WHERE article_id = ?", (article_id,)))
    store.execute("DELETE FROM event_people WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)",
                  (article_id,))
    people = []
    for local_id, (text, type_, source, place_source, admin1, level, named) in features.items():
        event_id = ids.get(local_id)
        if event_id is None:
            continue
        store.execute("UPDATE events SET date_text = ?, date_type = ?, date_source = ?, place_source = ?, "
                      "place_admin1 = ?, place_level = ?, features = ? WHERE id = ?",
                      (text, type_, source, place_source, admin1, level, FEATURES_VERSION, event_id))
        people += [(event_id, n, int(flag)) for n, flag in sorted(named.items())]
    store.executemany("INSERT INTO event_people (event_id, name_norm, named) VALUES (?, ?, ?)", people)


def _fill_missing_features(store: Store) -> None:
    """Features of the events stored before them (or by older rules), from their records."""
    import json

    from ..model import Record

    pending = [r[0] for r in store.rows(
        "SELECT DISTINCT article_id FROM events WHERE features < ? ORDER BY article_id", (FEATURES_VERSION,))]
    for article_id in pending:
        text = store.scalar("SELECT record FROM articles WHERE id = ?", (article_id,))
        store_features(store, article_id, Record.from_dict(json.loads(text)))


# --- loading reports ------------------------------------------------------------------------

_REPORT_COLUMNS = ("e.id, e.article_id, e.type, e.negated, e.hypothetical, e.future, e.day_start, e.day_end, "
                   "e.geonameid, e.lat, e.lon, e.place_country, e.place_kind, e.ledger_event_id, a.published, "
                   "e.place_name, a.article_key, e.local_id")
_FEATURE_COLUMNS = "e.date_text, e.date_type, e.date_source, e.place_admin1, e.place_level"


def has_grouping(store: Store) -> bool:
    """Whether the store's schema has the grouping features (schema 6; cached per connection)."""
    known = getattr(store, "_has_grouping", None)
    if known is None:
        known = store.has_table("event_keys")
        if known:  # a store is never migrated down: only a positive answer is remembered
            vars(store)["_has_grouping"] = True  # a per-connection cache the Store class does not declare
    return known


def _reports(store: Store, where: str, params: Sequence) -> list[Report]:
    grouping = has_grouping(store)
    columns = _REPORT_COLUMNS + (", " + _FEATURE_COLUMNS if grouping else "")
    reports = []
    for r in store.rows(f"SELECT {columns} FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params):
        report = Report(r[0], r[1], r[2], bool(r[3]), bool(r[4]), bool(r[5]), r[6], r[7], r[8], r[9], r[10],
                        r[11], r[12], ledger_event_id=r[13], published=r[14][:10] if r[14] else None, place_name=r[15],
                        article_key=r[16], local_id=r[17])
        if grouping:
            report.date_text, report.date_type, report.date_source, report.place_admin1 = r[18:22]
            report.place_level = r[22] or 0
        reports.append(report)
    _attach_participants(store, reports)
    return reports


def load_reports(store: Store, article_ids: Sequence[int] | None = None) -> list[Report]:
    """The reports of the articles `article_ids` (every stored report when None)."""
    if article_ids is None:
        return _reports(store, "1 = 1 ORDER BY e.id", ())
    out: list[Report] = []
    ids = list(article_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out += _reports(store, f"e.article_id IN ({', '.join('?' * len(chunk))}) ORDER BY e.id", chunk)
    return out


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        chunk = ids[i:i + size]
        yield chunk, ", ".join("?" * len(chunk))


def _attach_participants(store: Store, reports: list[Report]) -> None:
    by_id = {r.id: r for r in reports}
    grouping = has_grouping(store)
    column = "actor_id" if grouping or "actor_id" in store.columns("event_actors") else "NULL"
    named: dict[int, set[str]] = defaultdict(set)
    described: dict[int, set[str]] = defaultdict(set)
    for chunk, marks in _chunks(list(by_id)):
        for event_id, role, key, name, aid, country, sector, type_ in store.rows(
                f"SELECT event_id, role, name_norm, name, {column}, country, sector, type FROM event_actors "
                f"WHERE event_id IN ({marks}) ORDER BY event_id, role, entity_local", chunk):
            by_id[event_id].participants.append(Participant(role, key, aid, country, sector, type_, is_named(name)))
        if grouping:
            for event_id, key, flag in store.rows(
                    f"SELECT event_id, name_norm, named FROM event_people WHERE event_id IN ({marks})", chunk):
                if flag and is_person_name(key):
                    named[event_id].add(key)
                elif not flag and age_of(key):
                    described[event_id].add(key)
    people: dict[int, set[str]] = defaultdict(set)
    private: dict[int, set[str]] = defaultdict(set)
    articles = sorted({r.article_id for r in reports if r.material})
    for chunk, marks in _chunks(articles):
        for article_id, key, name, sector in store.rows(
                "SELECT article_id, name_norm, name, sector FROM entities "
                f"WHERE article_id IN ({marks}) AND type = 'PERSON'", chunk):
            if is_named(name) and is_person_name(key):
                people[article_id].add(key)
                if sector in _PRIVATE_SECTORS:
                    private[article_id].add(key)
    places: dict[int, set[str]] = defaultdict(set)
    scenes: dict[int, set[str]] = defaultdict(set)
    for chunk, marks in _chunks(articles):
        leads = {article_id: f"{title or ''}\n{lead or ''}".casefold() for article_id, title, lead in store.rows(
            f"SELECT id, title, substr(text, 1, {LEAD_CHARS}) FROM articles WHERE id IN ({marks})", chunk)}
        for article_id, name, geonameid, kind in store.rows(
                f"SELECT article_id, name, geonameid, kind FROM places WHERE article_id IN ({marks})", chunk):
            if kind in _PRECISE_PLACES:
                places[article_id] |= place_keys(geonameid, name)
                if name and _names_in(name, leads.get(article_id, "")):
                    scenes[article_id] |= place_keys(geonameid, name)
    for r in reports:
        r.named = frozenset(named.get(r.id, ()))
        r.described = frozenset(described.get(r.id, ()))
        if r.material:
            r.article_people = frozenset(people.get(r.article_id, ()))
            r.private_people = frozenset(private.get(r.article_id, ()))
            r.article_places = frozenset(places.get(r.article_id, ()))
            r.scene_places = frozenset(scenes.get(r.article_id, ()))


def _names_in(name: str, text: str) -> bool:
    """Whether `text` (casefolded) names the place `name` as a whole word or words."""
    return re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", text) is not None


def _key_rows(report: Report) -> list[tuple]:
    window = report.window
    if window is None:
        return []
    return [(k, window[0], window[1], report.id) for k in sorted(blocking_keys(report))]


# --- incremental grouping -------------------------------------------------------------------

def link_article(store: Store, article_id: int) -> list[int]:
    """Give every event of a newly stored article its ledger event; returns their ids.

    The reports linked to the new ones, directly or through others (their component of the
    relation), are grouped again as a rebuild would group them (`partition`), so the ledger
    does not depend on the order in which articles came."""
    with store.transaction():
        reports = _reports(store, "e.article_id = ? ORDER BY e.id", (article_id,))
        if has_grouping(store):
            store.executemany("INSERT INTO event_keys (key, win_start, win_end, event_id) VALUES (?, ?, ?, ?)",
                              [row for r in reports for row in _key_rows(r)])
        members, edges = _component(store, reports)
        return _assign(store, partition(list(members.values()), edges))


def _component(store: Store, start: list[Report]) -> tuple[dict[int, Report], list[tuple[int, Report, Report]]]:
    """The reports connected to `start` by links that hold (see `group_reports`), with the
    reports of every ledger event met on the way (a report may have left its old partners),
    and those links (strength, a, b). The search goes no further in time than
    `HORIZON_DAYS` around the new reports' windows: a ledger event spans less than a week
    (`compatible`), so only a chain of links longer than that (a speaker's statements of
    every day) reaches beyond it, and a new report does not regroup a whole history."""
    members = {r.id: r for r in start}
    links: dict[tuple[int, int], tuple[int, Report, Report]] = {}
    neighbours: dict[int, list[tuple[int, Report]]] = {}
    best: dict[int, int | None] = {}
    seen_ledgers: set[int] = set()

    loaded: dict[int, Report] = dict(members)

    def load(ids: Iterable[int]) -> None:
        missing = sorted(set(ids) - set(loaded))
        for chunk, marks in _chunks(missing):
            for r in _reports(store, f"e.id IN ({marks})", chunk):
                loaded[r.id] = r

    def linked(x: Report) -> list[tuple[int, Report]]:
        found = neighbours.get(x.id)
        if found is None:
            found = []
            if x.groupable():
                ids = _candidate_ids(store, x)
                load(ids)
                for i in sorted(ids):
                    c = loaded[i]
                    if c.article_id == x.article_id:
                        continue
                    reason, strength = relation(x, c)
                    if reason == "linked":
                        found.append((strength, c))
            neighbours[x.id] = found
        return found

    def partner(x: Report) -> int | None:
        if x.id not in best:
            best[x.id] = best_partner(x, linked(x))
        return best[x.id]

    windows = [w for r in start if (w := r.window) is not None]  # those of the groupable reports
    if windows:  # how far in time the regrouping may reach (see `HORIZON_DAYS`)
        band = (shift_day(min(w[0] for w in windows), -HORIZON_DAYS), shift_day(max(w[1] for w in windows), HORIZON_DAYS))
    frontier = list(start)
    explored: set[int] = set()
    while frontier:
        x = frontier.pop()
        if x.id in explored:
            continue
        explored.add(x.id)
        if x.ledger_event_id is not None and x.ledger_event_id not in seen_ledgers:
            seen_ledgers.add(x.ledger_event_id)
            ids = [row[0] for row in store.rows("SELECT id FROM events WHERE ledger_event_id = ?", (x.ledger_event_id,))]
            load(ids)
            for i in ids:
                if i not in members:
                    members[i] = loaded[i]
                    frontier.append(loaded[i])
        for strength, c in linked(x):
            c = members.get(c.id, c)
            if not (holds(strength, x, c) or (not x.self_dated and partner(x) == c.id)
                    or (not c.self_dated and partner(c) == x.id)):
                continue
            if c.id not in members:
                window = c.window
                assert window is not None  # a linked report is groupable
                if window[1] < band[0] or window[0] > band[1]:
                    continue
                members[c.id] = c
                frontier.append(c)
            links[(min(x.id, c.id), max(x.id, c.id))] = (strength, x, c)
    edges = [(strength, members[a.id], members[b.id]) for strength, a, b in links.values()]
    return members, edges


def _candidate_ids(store: Store, report: Report) -> set[int]:
    """The ids of the stored reports that share a blocking key and a window day with
    `report` (its own among them); `report` is groupable."""
    window = report.window
    assert window is not None
    lo, hi = window
    lower = shift_day(lo, -MAX_WINDOW_DAYS)
    if not has_grouping(store):  # a store before schema 6: every report of the type in the window
        return {r[0] for r in store.rows(
            "SELECT id FROM events WHERE type = ? AND negated = ? AND hypothetical = ? AND future = ? "
            "AND day_start >= ? AND day_start <= ?",
            (report.type, int(report.negated), int(report.hypothetical), int(report.future),
             shift_day(lower, -MAX_WINDOW_DAYS), shift_day(hi, MAX_WINDOW_DAYS)))}
    keys = sorted(blocking_keys(report, lookup=True))
    ids: set[int] = set()
    for i in range(0, len(keys), 200):
        chunk = keys[i:i + 200]
        ids.update(r[0] for r in store.rows(
            f"SELECT event_id FROM event_keys WHERE key IN ({', '.join('?' * len(chunk))}) "
            "AND win_start >= ? AND win_start <= ? AND win_end >= ?", (*chunk, lower, hi, lo)))
    return ids


def _assign(store: Store, groups: list[list[Report]]) -> list[int]:
    """Store `groups` as ledger events: each keeps a ledger event one of its reports had (the
    oldest not taken by another group), or gets a new one; ledger events left without
    reports are deleted. Returns the ledger ids of the groups."""
    used: set[int] = set()
    before: dict[int, set[int]] = defaultdict(set)  # each ledger event's reports before
    for g in groups:
        for r in g:
            if r.ledger_event_id is not None:
                before[r.ledger_event_id].add(r.id)
    old = set(before)
    assigned = []
    for group in sorted(groups, key=lambda g: min(r.canon for r in g)):
        had = sorted({r.ledger_event_id for r in group if r.ledger_event_id is not None} - used)
        ledger_id = had[0] if had else _new_ledger_event(store)
        used.add(ledger_id)
        moved = [(ledger_id, r.id) for r in group if r.ledger_event_id != ledger_id]
        if moved:
            store.executemany("UPDATE events SET ledger_event_id = ? WHERE id = ?", moved)
        assigned.append((ledger_id, before.get(ledger_id) != {r.id for r in group}))
    for ledger_id in sorted(old - used):
        delete_ledger_event(store, ledger_id)
    changed = sorted(ledger_id for ledger_id, moved in assigned if moved)
    # a key names a ledger event by its first report, which may have come from another
    store.executemany("UPDATE ledger_events SET key = ? WHERE id = ?",
                      [(f"pending-{uuid.uuid4().hex}", ledger_id) for ledger_id in changed])
    for ledger_id in changed:
        refresh_ledger_event(store, ledger_id)
    return sorted(ledger_id for ledger_id, _ in assigned)


def delete_ledger_event(store: Store, ledger_id: int) -> None:
    """Delete a ledger event (its participants go with it), taking it out of the summaries."""
    old = contribution(store, ledger_id) if has_summaries(store) else None
    store.execute("DELETE FROM ledger_events WHERE id = ?", (ledger_id,))
    if old is not None:
        apply_summary(store, ledger_id, old, None)


def _new_ledger_event(store: Store) -> int:
    # A placeholder row; refresh_ledger_event fills it in from its reports.
    return store.insert(
        "INSERT INTO ledger_events (key, type, negated, hypothetical, future, historical, n_reports, "
        "n_mentions, confidence) VALUES (?, '', 0, 0, 0, 0, 0, 0, 0)", (f"pending-{uuid.uuid4().hex}",))


# --- rebuilding from scratch ----------------------------------------------------------------

class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def partition(reports: list[Report], edges: Iterable[tuple[int, Report, Report]]) -> list[list[Report]]:
    """The ledger events of a component: its links taken strongest first (ties in an order of
    the reports' content, not of their ids), each joining two groups when every report of
    one is `compatible` with every report of the other. A function of the set of reports
    alone: any ingest order, and a rebuild, give the same groups."""
    owner = {r.id: r.id for r in reports}
    groups: dict[int, list[Report]] = {r.id: [r] for r in reports}

    def order(edge: tuple[int, Report, Report]) -> tuple:
        strength, a, b = edge
        first, second = sorted((a.canon[:2], b.canon[:2]))
        return (-strength, first, second)

    for _, a, b in sorted(edges, key=order):
        ga, gb = owner[a.id], owner[b.id]
        if ga == gb:
            continue
        bridges = [z for z in (*groups[ga], *groups[gb]) if _spans_days(z)]
        if all(compatible(x, y, bridges) for x in groups[ga] for y in groups[gb]):
            keep, drop = (ga, gb) if min(r.canon for r in groups[ga]) <= min(r.canon for r in groups[gb]) else (gb, ga)
            for r in groups[drop]:
                owner[r.id] = keep
            groups[keep] += groups.pop(drop)
    return [sorted(g, key=lambda r: r.id) for g in groups.values()]


def _window(r: Report) -> tuple[str, str]:
    """The window of a report known to be groupable (every report of the blocking index)."""
    window = r.window
    assert window is not None
    return window


def group_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """The ledger events of `reports`: the components of the links that hold (`holds`, and
    each report dated by its publication with its best partner), each partitioned into
    pairwise compatible groups (`partition`); each group sorted by id."""
    reports = list(reports)
    uf = _UnionFind()
    stored: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        uf.find(r.id)
        if r.groupable():
            for key in blocking_keys(r):
                stored[key].append(r)
    starts: dict[str, list[str]] = {}
    for key, bucket in stored.items():
        bucket.sort(key=lambda r: (_window(r)[0], r.id))
        starts[key] = [_window(r)[0] for r in bucket]
    edges: dict[tuple[int, int], tuple[int, Report, Report]] = {}
    for r in reports:
        window = r.window
        if window is None:  # not groupable
            continue
        lo, hi = window
        seen: set[int] = {r.id}
        for key in blocking_keys(r, lookup=True):
            found = stored.get(key)
            if not found:
                continue
            for c in found[bisect.bisect_left(starts[key], shift_day(lo, -MAX_WINDOW_DAYS)):]:
                c_window = _window(c)
                if c_window[0] > hi:
                    break
                if c.id in seen or c_window[1] < lo:
                    continue
                seen.add(c.id)
                pair = (min(r.id, c.id), max(r.id, c.id))
                if pair in edges:
                    continue
                reason, strength = relation(r, c)
                if reason == "linked":
                    edges[pair] = (strength, r, c)
    neighbours: dict[int, list[tuple[int, Report]]] = defaultdict(list)
    for strength, a, b in edges.values():
        neighbours[a.id].append((strength, b))
        neighbours[b.id].append((strength, a))
    effective = _effective_edges(edges, neighbours)
    for _, a, b in effective:
        uf.union(a.id, b.id)
    components: dict[int, list[Report]] = defaultdict(list)
    for r in reports:
        components[uf.find(r.id)].append(r)
    component_edges: dict[int, list[tuple[int, Report, Report]]] = defaultdict(list)
    for edge in effective:
        component_edges[uf.find(edge[1].id)].append(edge)
    out = []
    for root, members in components.items():
        out += partition(members, component_edges.get(root, ()))
    return out


def rebuild_ledger(store: Store) -> int:
    """Regroup every stored event from scratch; returns the number of ledger events."""
    summarised = has_summaries(store)
    grouping = has_grouping(store)
    with store.transaction():
        if summarised:
            clear_summaries(store)
        store.execute("UPDATE events SET ledger_event_id = NULL")
        store.execute("DELETE FROM ledger_actors")
        store.execute("DELETE FROM ledger_events")
        if grouping:
            _fill_missing_features(store)
            store.execute("DELETE FROM event_keys")
        reports = _reports(store, "1 = 1 ORDER BY e.id", ())
        if grouping:
            store.executemany("INSERT INTO event_keys (key, win_start, win_end, event_id) VALUES (?, ?, ?, ?)",
                              [row for r in reports for row in _key_rows(r)])
        groups = group_reports(reports)
        for group in groups:
            ledger_id = _new_ledger_event(store)
            store.executemany("UPDATE events SET ledger_event_id = ? WHERE id = ?",
                              [(ledger_id, r.id) for r in group])
            refresh_ledger_event(store, ledger_id, summarise=False)
        if summarised:  # in one pass at the end rather than event by event
            rebuild_summaries(store)
    return len(groups)


# --- the summary of a ledger event -----------------------------------------------------------

_MEMBER_COLUMNS = (
    "e.id, e.local_id, a.article_key, a.published, coalesce(a.url, a.source), e.type, e.mode, e.context, "
    "e.negated, e.hypothetical, e.future, e.historical, e.date_start, e.date_end, e.day_start, e.day_end, "
    "e.place_name, e.place_country, e.place_kind, e.geonameid, e.lat, e.lon, e.confidence, e.trigger_text, "
    "e.evidence, e.article_id")


def _most_common(values: Iterable, default=None):
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return default
    return min(counts, key=lambda v: (-counts[v], str(v)))


def refresh_ledger_event(store: Store, ledger_id: int, *, summarise: bool = True) -> None:
    """Recompute a ledger event's summary and actors from its reports (deleting it if none),
    and its part of the summary tables (unless `summarise` is false: the caller rebuilds them)."""
    members = store.rows(f"SELECT {_MEMBER_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
                         "WHERE e.ledger_event_id = ? ORDER BY e.id", (ledger_id,))
    summarise = summarise and has_summaries(store)
    if not members:
        if summarise:
            delete_ledger_event(store, ledger_id)
        else:
            store.execute("DELETE FROM ledger_events WHERE id = ?", (ledger_id,))
        return
    old = contribution(store, ledger_id) if summarise else None
    first = min(f"{m[2]}#{m[1]}" for m in members)
    key = "LE-" + hashlib.sha256(first.encode()).hexdigest()[:24]
    remember_key(store, key, first)  # old keys keep leading here (aliases.py)
    # The representative report: from the earliest article (unknown dates last).
    rep = min(members, key=lambda m: (m[3] is None, m[3] or "", m[2], m[1]))
    dated = [m for m in members if m[14] is not None]
    if dated:
        date_counts = Counter((m[12], m[13], m[14], m[15]) for m in dated)
        best_date = min(date_counts, key=lambda d: (span_days(d[2], d[3]), -date_counts[d], d[2], d[0]))
    else:
        best_date = (None, None, None, None)
    placed = [m for m in members if m[18] is not None]
    if placed:
        place_counts = Counter((m[16], m[17], m[18], m[19], m[20], m[21]) for m in placed)
        best_place = min(place_counts, key=lambda p: (_PLACE_RANK.get(p[2], 9), -place_counts[p], p[0] or ""))
    else:
        best_place = (None,) * 6
    contexts = sorted({c for m in members if m[7] for c in m[7].split("|")})
    not_confident = 1.0
    for m in members:
        not_confident *= 1.0 - float(m[22])
    published = [m[3] for m in members if m[3]]
    store.execute(
        "UPDATE ledger_events SET key = ?, type = ?, mode = ?, context = ?, negated = ?, hypothetical = ?, "
        "future = ?, historical = ?, date_start = ?, date_end = ?, day_start = ?, day_end = ?, place_name = ?, "
        "place_country = ?, place_kind = ?, geonameid = ?, lat = ?, lon = ?, n_reports = ?, n_mentions = ?, "
        "first_reported = ?, last_reported = ?, confidence = ?, trigger_text = ?, evidence = ?, source_url = ? "
        "WHERE id = ?",
        (key, rep[5], _most_common(m[6] for m in members), "|".join(contexts) or None, rep[8], rep[9], rep[10],
         int(Counter(bool(m[11]) for m in members).most_common(1)[0][0]), *best_date, *best_place,
         len({m[25] for m in members}), len(members), min(published) if published else None,
         max(published) if published else None, round(1.0 - not_confident, 4), rep[23], rep[24], rep[4],
         ledger_id))
    _replace_ledger_actors(store, ledger_id, best_date[2])
    if summarise:
        apply_summary(store, ledger_id, old, contribution(store, ledger_id))


def refresh_ledger_actors(store: Store, ledger_id: int, day_start: str | None = None) -> None:
    """The participants of a ledger event: one row per role and canonical actor (or, for a
    participant the knowledge base does not know, per name) over all its reports."""
    summarise = has_summaries(store)
    old = contribution(store, ledger_id) if summarise else None
    _replace_ledger_actors(store, ledger_id, day_start)
    if summarise:
        apply_summary(store, ledger_id, old, contribution(store, ledger_id))


def _replace_ledger_actors(store: Store, ledger_id: int, day_start: str | None = None) -> None:
    if day_start is None:
        day_start = store.scalar("SELECT day_start FROM ledger_events WHERE id = ?", (ledger_id,))
    store.execute("DELETE FROM ledger_actors WHERE ledger_event_id = ?", (ledger_id,))
    rows = store.rows(
        "SELECT ea.role, ea.name_norm, ea.name, ea.country, ea.sector, ea.actor_id FROM event_actors ea "
        "JOIN events e ON e.id = ea.event_id WHERE e.ledger_event_id = ? ORDER BY ea.event_id, ea.entity_local",
        (ledger_id,))
    grouped: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in rows:
        ident = f"a:{row[5]}" if row[5] is not None else f"n:{row[1]}"
        grouped[(row[0], ident)].append(row)
    store.executemany(
        "INSERT INTO ledger_actors (ledger_event_id, role, ident, name, name_norm, country, sector, day_start, "
        "actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(ledger_id, role, ident, _most_common(r[2] for r in group), _most_common(r[1] for r in group),
          _most_common(r[3] for r in group), _most_common(r[4] for r in group), day_start,
          _most_common(r[5] for r in group))
         for (role, ident), group in sorted(grouped.items())])
