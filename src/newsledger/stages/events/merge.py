"""One event per happening: event mentions of an article grouped into events.

Mentions of one type join an event when
- they are in the same sentence and their participants do not oppose each other;
- they refer back to it ("the war", "this exercise": a definite noun of the same kind),
  with a compatible date (a later phase of a long event is compatible: "the war ended in
  1994" joins a war that began in 1991); among several candidates the one whose dates
  overlap wins, then the nearest;
- they are within two sentences of it and share an actor, or one side names no
  participant and both name the same kind of event or the same object ("units were
  created ... the president inaugurated new units"), with overlapping dates.
A mention that is only named ("the exercise was expansive") never starts an event; it
adds evidence to the event it refers back to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...geodesy import haversine_km
from ...model import DateInterval, Time
from .coder import Coded

if TYPE_CHECKING:
    pass

_KINDS: dict[str, str] = {}
for _kind, _words in {
    "war": "war warfare fighting fight conflict hostility aggression invasion battle combat offensive "
           "counteroffensive counter-offensive occupation",
    "exercise": "exercise drill maneuver manoeuvre game",
    "operation": "operation counterattack counter-attack raid",
    "attack": "attack strike airstrike bombing shelling assault bombardment explosion blast detonation shooting "
              "gunfire ambush explode detonate bomb shoot",
    "meeting": "meeting meet talk talks visit summit discussion discuss negotiation negotiate consultation consult confer conference "
               "dialogue trip host",
    "agreement": "agreement accord deal pact treaty statement ceasefire cease-fire truce armistice memorandum",
    "protest": "protest demonstration rally march riot strike",
    "training": "training course train",
}.items():
    for _w in _words.split():
        _KINDS[_w] = _kind

SAME_SENTENCE = "sentence"
WINDOW = 2


def kind_of(lemma: str) -> str:
    return _KINDS.get(lemma, lemma)


# A place as merging compares it: (place id, kind, country, latitude, longitude).
PlaceKey = tuple[str, str, str | None, float | None, float | None]


@dataclass
class Part:
    coded: Coded
    sentence: int
    paragraph: int
    actor: list[str]
    recipient: list[str]
    interval: DateInterval | None
    time: Time | None
    strong_date: bool  # the date comes from the mention's own clause or sentence
    licensed: bool
    anaphoric: bool
    kind: str
    object_lemma: str | None
    quote: str | None = None
    status: str = "realis"  # factuality: realis reported future hypothetical conditional negated irrealis question
    place: PlaceKey | None = None  # the place a material act's own clause names

    @property
    def participants(self) -> set[str]:
        return set(self.actor) | set(self.recipient)


@dataclass
class Group:
    parts: list[Part] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.parts[0].coded.type

    @property
    def actor(self) -> set[str]:
        return {a for p in self.parts for a in p.actor}

    @property
    def recipient(self) -> set[str]:
        return {r for p in self.parts for r in p.recipient}

    def strong_intervals(self) -> list[DateInterval]:
        return [p.interval for p in self.parts if p.strong_date and p.interval is not None]


def _bounds(iv: DateInterval) -> tuple[str, str]:
    lo = iv.start + "0000-01-01"[len(iv.start):]
    hi = iv.end + "9999-12-31"[len(iv.end):]
    return lo[:10], hi[:10]


def overlaps(a: DateInterval, b: DateInterval) -> bool:
    a0, a1 = _bounds(a)
    b0, b1 = _bounds(b)
    return a0 <= b1 and b0 <= a1


def _not_before(later: DateInterval, earlier: DateInterval) -> bool:
    return _bounds(later)[1] >= _bounds(earlier)[0]


def _opposed(p: Part, g: Group) -> bool:
    return bool(set(p.actor) & g.recipient or set(p.recipient) & g.actor)


def _dates_fit(p: Part, g: Group, later_phase: bool) -> tuple[bool, bool]:
    """(compatible, overlapping) for the strong dates of a part and a group."""
    if not p.strong_date or p.interval is None:
        return True, False
    ivs = g.strong_intervals()
    if not ivs:
        return True, False
    if any(overlaps(p.interval, iv) for iv in ivs):
        return True, True
    if later_phase and all(_not_before(p.interval, iv) for iv in ivs):
        return True, False
    return False, False


def _side_keys(ids, keys: dict[str, frozenset[str]]) -> set[str]:
    """The keys that name a side: entity ids and countries (not the role markers below)."""
    out: set[str] = set()
    for i in ids:
        out |= {k for k in keys.get(i, frozenset({i})) if not k.startswith(("role:", "described", "kind:"))}
    return out


def _roles(ids, keys: dict[str, frozenset[str]]) -> tuple[bool, set[str]]:
    """(every one of them is named only by description, the sectors they carry)."""
    marks = [keys.get(i, frozenset()) for i in ids]
    return (bool(marks) and all("described" in m for m in marks),
            {k for m in marks for k in m if k.startswith("role:")} | {k for m in marks for k in m if k.startswith("kind:")})


def _could_be(a_ids, b_ids, keys: dict[str, frozenset[str]], same_kind: bool = True) -> bool:
    """Do two sides name the same participant: a shared entity or country, or a description
    ("the lawmaker") on one side that fits a named participant of its kind on the other
    ("Rep. Ana Ruiz", a legislator)? Two different names never fit."""
    if not a_ids or not b_ids:
        return False
    if _side_keys(a_ids, keys) & _side_keys(b_ids, keys):
        return True
    a_desc, a_roles = _roles(a_ids, keys)
    b_desc, b_roles = _roles(b_ids, keys)
    if a_desc == b_desc:
        return False
    # a description fits a name of its sector and, as a doer, of its kind ("the government" said
    # is not what its president said; "the administration" is addressed with its president)
    return bool({r for r in a_roles & b_roles if r.startswith("role:")}) and (not same_kind or bool(
        {r for r in a_roles & b_roles if r.startswith("kind:")}))


def _same_sides(p: Part, g: Group, keys: dict[str, frozenset[str]]) -> bool:
    """Do the two name the same doer (and, when both name one, the same target)?"""
    pa, ga = _side_keys(p.actor, keys), _side_keys(g.actor, keys)
    pr, gr = _side_keys(p.recipient, keys), _side_keys(g.recipient, keys)
    if p.coded.type in SYMMETRIC_TYPES:
        both_p, both_g = pa | pr, ga | gr
        return bool(both_p & both_g) and (len(both_p & both_g) >= min(2, len(both_p), len(both_g)))
    if not _could_be(p.actor, g.actor, keys):
        return False
    return not (pr and gr) or _could_be(p.recipient, g.recipient, keys, same_kind=False)


SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# statements of a speaker about a side: a second report of one in the same breath is the same statement
STATEMENT_GROUP_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT"})
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE", "RETREAT", "AID"})


def _conflicting(p: Part, g: Group, keys: dict[str, frozenset[str]], named: frozenset[str]) -> bool:
    """Does either side name, in both reports, different named participants?"""
    for mine, theirs in ((p.actor, g.actor), (p.recipient, g.recipient)):
        a = {x for x in mine if x in named}
        b = {x for x in theirs if x in named}
        if a and b and not (_side_keys(a, keys) & _side_keys(b, keys)):
            return True
    return False


def _places_differ(p: Part, g: Group) -> bool:
    """Do the two reports place the happening in places that cannot be one ("the blast in Lyon",
    "the attacks across Paris")? Two towns or sites, two countries, or a town of another country.
    (Only material acts carry a place: see the events stage's `_clause_place`.)"""
    if p.place is None:
        return False
    theirs = [q.place for q in g.parts if q.place is not None]
    return bool(theirs) and all(_apart(p.place, q) for q in theirs)


# Two towns or sites this far apart are two places (a district and its city are not).
_APART_KM = 50.0


def _apart(a: PlaceKey, b: PlaceKey) -> bool:
    if a[0] == b[0]:
        return False
    wide = ("country", "continent", "region")
    if a[1] in wide and b[1] in wide:
        return a[1] == b[1] == "country"
    if a[1] in wide or b[1] in wide:
        wide_one, local = (a, b) if a[1] in wide else (b, a)
        return wide_one[1] == "country" and local[2] is not None and local[2] != wide_one[2]
    if a[3] is None or a[4] is None or b[3] is None or b[4] is None:
        return False
    return haversine_km(a[3], a[4], b[3], b[4]) > _APART_KM


def _dates_agree(p: Part, g: Group, recent: DateInterval | None) -> bool:
    """Dates that let two reports be one happening: both dated and overlapping, both undated,
    or one undated and the other recent (an undated report in the news is of the current
    happening, not of one years ago)."""
    mine = p.interval if p.strong_date and p.interval is not None else None
    theirs = g.strong_intervals()
    if mine is not None and theirs:
        return any(overlaps(mine, iv) for iv in theirs)
    if mine is None and not theirs:
        return True
    if recent is None:
        return False
    dated = [mine] if mine is not None else theirs
    return any(overlaps(iv, recent) for iv in dated)


def _same_content(p: Part, g: Group) -> bool:
    """Do two reports of one side acting on another report the same act, as far as their modes
    tell ("ordered the envoy to leave" is not "asked for a meeting"; recalling an ambassador is not
    expelling a diplomat)?"""
    if p.coded.type == "ASSAULT":
        return True  # reports of one attack name its means differently ("the bombing", "gunfire")
    if p.coded.type == "REQUEST":
        # "ordered X to reduce its staff" and "X's request for access" are two demands
        mine = _demanded(p)
        theirs = {d for q in g.parts if (d := _demanded(q)) is not None}
        if mine is not None and theirs and mine not in theirs:
            return False
    modes = {q.coded.mode for q in g.parts if q.coded.mode}
    return p.coded.mode is None or not modes or p.coded.mode in modes


def _demanded(p: Part) -> str | None:
    """What a demand asks for, when its own words say it: the verb of its complement ("ordered X
    to reduce ...") or the object of its "for" ("a request for access", "called for talks").
    Only a word that is itself a demand says it (not "said" with a clause typed as one)."""
    entry = p.coded.chain[0].entry
    trigger = p.coded.trigger
    if p.coded.licensed_by == "statement" or trigger is not p.coded.chain[0].token or not (
            entry.type == "REQUEST" or entry.control == "demand"):
        return None
    for c in p.coded.trigger.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            return c.lemma_.lower()
        if c.dep_ == "prep" and c.lower_ == "for":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g.lemma_.lower()
    return None


def group_parts(parts: list[Part], keys: dict[str, frozenset[str]] | None = None,
                named: frozenset[str] = frozenset(), recent: DateInterval | None = None) -> list[Group]:
    """`keys`: for each entity id, the keys that name the same side (the id, and the country of
    a state or government actor), so that "Peru" and "the Peruvian government" are one side.
    `named`: the entities the text names (not participants named by description). `recent`: the
    weeks before publication, when undated reports are of the current happening."""
    keys = keys or {}
    groups: list[Group] = []
    for p in parts:
        target = _find_group(p, groups, keys, named, recent)
        if target is not None:
            target.parts.append(p)
        elif p.licensed:
            groups.append(Group([p]))
    return groups


def _find_group(p: Part, groups: list[Group], keys: dict[str, frozenset[str]],
                named: frozenset[str] = frozenset(), recent: DateInterval | None = None) -> Group | None:
    # 1. same sentence, same type, participants not opposed
    for g in reversed(groups):
        last = g.parts[-1]
        if last.sentence == p.sentence and g.type == p.coded.type and not _opposed(p, g):
            if p.actor and g.actor and not (set(p.actor) & g.actor) and p.coded.type != "CONSULT":
                continue
            if not _dates_fit(p, g, later_phase=False)[0]:
                continue  # "the 2020 war and the operation five months ago": two happenings
            return g
    # 1b. manual: the topic of a protest is not coded apart. A demand the protesters make in the
    # same or the next sentence ("Protesters gathered ... They demanded the release of ...") reports
    # the protest; what they demand is no recipient of it
    if p.coded.type == "REQUEST" and p.actor:
        for g in reversed(groups):
            if g.type == "PROTEST" and 0 <= p.sentence - g.parts[-1].sentence <= 1 and set(p.actor) & g.actor:
                p.recipient = []
                return g
    # 1c. words of a statement typed by what they say ("'... deeply unfair,' he said") next to a
    # typed statement of the same speaker in the same or the next sentence ("X complained ...")
    # are that statement again, not a second one
    if p.coded.licensed_by == "statement" and p.actor:
        for g in reversed(groups):
            last = g.parts[-1]
            if g.type in STATEMENT_GROUP_TYPES and 0 <= p.sentence - last.sentence <= 1 and set(p.actor) == g.actor:
                return g
    # 2. a definite noun referring back to an event of the same kind
    if p.anaphoric:
        best: tuple[int, int, Group] | None = None
        for gi, g in enumerate(groups):
            if p.kind not in {q.kind for q in g.parts}:
                continue
            if g.type != p.coded.type and p.licensed and p.coded.composed:
                continue
            fits, overlap = _dates_fit(p, g, later_phase=True)
            if not fits or _opposed(p, g) or _places_differ(p, g):
                continue
            score = (1 if overlap else 0, gi)
            if best is None or score > best[:2]:
                best = (score[0], score[1], g)
        if best is not None:
            return best[2]
    if not p.licensed:
        return None
    # 3. the same act by the same participants on the same day, anywhere in the article
    for g in groups:
        if g.type != p.coded.type or not p.actor or set(p.actor) != g.actor or set(p.recipient) != g.recipient:
            continue
        if p.kind not in {q.kind for q in g.parts}:
            continue
        ivs = [q.interval for q in g.parts if q.interval is not None]
        if p.interval is not None and any(_bounds(p.interval) == _bounds(iv) for iv in ivs):
            return g
    # 3b. the same act between the same sides anywhere in the article: an article reports a
    # happening again (the lead, a spokesman's account, a follow-up paragraph); one side named the
    # same (the entity or its country), no side opposed, and dates that do not exclude it
    for g in groups:
        # (the two sides of a joint act are not opposed: who met whom is the writer's choice)
        if g.type != p.coded.type or p.coded.type not in SYMMETRIC_TYPES and _opposed(p, g) or \
                not _same_sides(p, g, keys):
            continue
        if not _same_content(p, g):
            continue  # two demands (or sanctions) of one side on another are one only if of one kind
        if _places_differ(p, g):
            continue
        if p.coded.type in MATERIAL_TYPES:
            fits = _dates_agree(p, g, recent)
        else:
            fits, _ = _dates_fit(p, g, later_phase=False)
        if fits:
            return g
    # 3c. material happenings (attacks, arrests, protests, sanctions...) of one type in one article
    # are one happening unless something tells them apart: a named participant on either side that
    # the other does not share, opposed roles, or dates that exclude each other. Descriptions
    # ("police", "a gunman") never tell two reports apart.
    if p.coded.type in MATERIAL_TYPES:
        for g in groups:
            if g.type != p.coded.type or _opposed(p, g) or _conflicting(p, g, keys, named) or not _same_content(p, g) \
                    or _places_differ(p, g):
                continue
            if _dates_agree(p, g, recent):
                return g
    # 3d. a charge against someone reported again ("X has been charged with robbery ... X is accused
    # of beating"): allegations against the same named or described person, with no different
    # accuser named, are one case
    if p.coded.type == "ACCUSE" and p.coded.mode == "allege" and p.recipient:
        for g in groups:
            if g.type != "ACCUSE" or _opposed(p, g) or not g.recipient:
                continue
            if any(q.coded.mode != "allege" for q in g.parts):
                continue
            if p.actor and g.actor and not _could_be(p.actor, g.actor, keys):
                continue
            if _could_be(p.recipient, g.recipient, keys, same_kind=False) and _dates_agree(p, g, recent):
                return g
    # 4. nearby mentions of the same happening (in two places, two happenings)
    for g in reversed(groups):
        last = g.parts[-1]
        if p.sentence - last.sentence > WINDOW or g.type != p.coded.type or _opposed(p, g):
            continue
        if _places_differ(p, g):
            continue
        fits, _ = _dates_fit(p, g, later_phase=False)
        if not fits:
            continue
        shared = bool(set(p.actor) & g.actor)
        same_kind = p.kind in {q.kind for q in g.parts}
        same_object = p.object_lemma is not None and p.object_lemma in {q.object_lemma for q in g.parts}
        one_side_empty = not p.participants or not (g.actor | g.recipient)
        if shared and (same_kind or same_object or p.coded.type == "CONSULT"):
            return g
        if one_side_empty and (same_object or same_kind and p.anaphoric):
            return g
        # "the two sides discussed ...", "both leaders agreed": a joint act whose parties are
        # described only as a group continues the joint happening just reported
        if p.coded.type in SYMMETRIC_TYPES and same_kind and _described_only(p.participants, keys):
            return g
    return None


def _described_only(ids: set[str], keys: dict[str, frozenset[str]]) -> bool:
    return bool(ids) and all("described" in keys.get(i, frozenset()) and "kind:group" in keys.get(i, frozenset())
                             for i in ids)
