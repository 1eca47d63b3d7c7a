"""Score a record against a hand-made gold annotation (newsledger/gold@1).

The rules are those of the seed's README (shared/seed/README.md):
- article: title, authors, published equal; text starts/ends as given and
  excludes the listed strings; modified and caption are a bonus;
- entities: found by name or alias (case-insensitive) with at least min_mentions
  mentions; then type, country and sector each checked; no PERSON named as a
  not_persons string;
- times: found by overlapping text; value right when in the gold values;
- places: found by an overlapping mention; right within 161 km (cities also 25 km);
- quotes: found when the quote covers at least half of the gold start and end
  texts; speaker right when the speaker entity carries the gold name or alias;
  kind among those given;
- amounts: found by overlap; value equal;
- events: found when one record event has a gold type, names the gold actors
  (and recipients, or `parties` in the union) by entity name or country, overlaps
  the gold date interval at the coarser precision, and is historical where gold
  says so. Optional gold items count only for precision.

Each section gets a score in [0, 1] (events: F1 of recall and precision); the
overall score is their mean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..geodesy import haversine_km
from ..model import Record

SECTIONS = ("article", "entities", "times", "places", "quotes", "amounts", "events")


@dataclass
class SectionScore:
    name: str
    checks: int = 0
    passed: int = 0
    found: int = 0
    gold: int = 0
    precision: float | None = None
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def score(self) -> float:
        if self.name == "events":
            p = self.precision if self.precision is not None else 0.0
            r = self.recall
            return 2 * p * r / (p + r) if p + r else 0.0
        return self.passed / self.checks if self.checks else 1.0

    def check(self, ok: bool, what: str) -> bool:
        self.checks += 1
        if ok:
            self.passed += 1
        else:
            self.misses.append(what)
        return ok


@dataclass
class SeedScore:
    sections: dict[str, SectionScore]
    bonus: dict[str, bool]

    @property
    def overall(self) -> float:
        return sum(s.score for s in self.sections.values()) / len(self.sections)

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": round(self.overall, 4),
            "sections": {
                name: {"score": round(s.score, 4), "recall": round(s.recall, 4),
                       "precision": None if s.precision is None else round(s.precision, 4),
                       "passed": s.passed, "checks": s.checks, "found": s.found, "gold": s.gold,
                       "misses": s.misses}
                for name, s in self.sections.items()
            },
            "bonus": self.bonus,
        }


def _spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _covered_fraction(q0: int, q1: int, s0: int, s1: int) -> float:
    inter = max(0, min(q1, s1) - max(q0, s0))
    return inter / (s1 - s0) if s1 > s0 else 0.0


def score_record(record: Record, gold: dict[str, Any]) -> SeedScore:
    sections = {name: SectionScore(name) for name in SECTIONS}
    bonus: dict[str, bool] = {}
    text = record.text

    # --- article ---
    art, ga = record.article, gold.get("article", {})
    s = sections["article"]
    if "title" in ga:
        s.check(art.title == ga["title"], f"title {art.title!r}")
    if "authors" in ga:
        s.check(list(art.authors) == list(ga["authors"]), f"authors {art.authors!r}")
    if "published" in ga:
        s.check((art.published or "")[:len(ga["published"])] == ga["published"] and art.published is not None,
                f"published {art.published!r}")
    if "text_starts_with" in ga:
        s.check(text.startswith(ga["text_starts_with"]), "text start")
    if "text_ends_with" in ga:
        s.check(text.rstrip().endswith(ga["text_ends_with"]), "text end")
    for excl in ga.get("text_excludes", []):
        s.check(excl not in text, f"text contains {excl!r}")
    if "modified" in ga:
        bonus["modified"] = art.modified == ga["modified"]
    if "caption_contains" in ga:
        bonus["caption"] = bool(art.caption) and ga["caption_contains"] in (art.caption or "")

    # --- entities ---
    s = sections["entities"]
    for ge in gold.get("entities", []):
        names = {n.casefold() for n in [ge["name"], *ge.get("aliases", [])]}
        match = next((e for e in record.entities
                      if e.name.casefold() in names and len(e.mentions) >= ge.get("min_mentions", 1)), None)
        if ge.get("optional"):
            continue
        s.gold += 1
        label = ge["name"]
        if not s.check(match is not None, f"entity {label} not found"):
            for what in ("type", "country", "sector"):
                s.check(False, f"entity {label} {what} (not found)")
            continue
        s.found += 1
        s.check(match.type == ge["type"], f"entity {label} type {match.type} != {ge['type']}")
        s.check(match.country == ge.get("country"), f"entity {label} country {match.country} != {ge.get('country')}")
        s.check(match.sector == ge.get("sector"), f"entity {label} sector {match.sector} != {ge.get('sector')}")
    not_persons = {n.casefold() for n in gold.get("not_persons", [])}
    for n in gold.get("not_persons", []):
        bad = [e for e in record.entities if e.type == "PERSON" and
               (e.name.casefold() == n.casefold() or any(m.text.casefold() == n.casefold() for m in e.mentions))]
        s.check(not bad, f"{n} named as PERSON")
    del not_persons

    # --- times ---
    s = sections["times"]
    for gt in gold.get("times", []):
        if gt.get("optional"):
            continue
        s.gold += 1
        spans = _spans_of(text, gt["text"])
        hits = [t for t in record.times if any(_overlaps(t.start, t.end, a, b) for a, b in spans)]
        if hits:
            s.found += 1
        right = any(t.value in gt["value"] for t in hits)
        s.check(right, f"time {gt['text']!r}: " + (", ".join(t.value for t in hits) if hits else "not found"))

    # --- places ---
    s = sections["places"]
    for gp in gold.get("places", []):
        if gp.get("optional"):
            continue
        s.gold += 1
        spans = _spans_of(text, gp["text"])
        hits = [p for p in record.places if any(_overlaps(m.start, m.end, a, b) for m in p.mentions for a, b in spans)]
        if hits:
            s.found += 1
        limit = 25.0 if gp.get("kind") == "city" else 161.0

        def near(p, limit=limit, gp=gp):
            return p.lat is not None and p.lon is not None and haversine_km(p.lat, p.lon, gp["lat"], gp["lon"]) <= limit

        s.check(any(near(p) for p in hits), f"place {gp['text']!r}: " + (
            ", ".join(f"{p.name} ({p.lat},{p.lon})" for p in hits) if hits else "not found"))

    # --- quotes ---
    s = sections["quotes"]
    entity_by_id = {e.id: e for e in record.entities}
    for gq in gold.get("quotes", []):
        if gq.get("optional"):
            continue
        s.gold += 1
        starts, ends = _spans_of(text, gq["starts"]), _spans_of(text, gq["ends"])
        hits = [q for q in record.quotes
                if any(_covered_fraction(q.start, q.end, a, b) >= 0.5 for a, b in starts)
                and any(_covered_fraction(q.start, q.end, a, b) >= 0.5 for a, b in ends)]
        if hits:
            s.found += 1
        names = {gq["speaker"].casefold()}
        for ge in gold.get("entities", []):
            if ge["name"].casefold() in names:
                names |= {a.casefold() for a in ge.get("aliases", [])}

        def speaker_ok(q, names=names):
            e = entity_by_id.get(q.speaker or "")
            return e is not None and (e.name.casefold() in names or any(a.casefold() in names for a in e.aliases))

        ok = any(speaker_ok(q) and q.kind in gq["kind"] for q in hits)
        s.check(ok, f"quote {gq['starts'][:30]!r}: " + (
            "; ".join(f"{q.kind} by {q.speaker}" for q in hits) if hits else "not found"))

    # --- amounts ---
    s = sections["amounts"]
    for gm in gold.get("amounts", []):
        if gm.get("optional"):
            continue
        s.gold += 1
        spans = _spans_of(text, gm["text"])
        hits = [a for a in record.amounts if any(_overlaps(a.start, a.end, x, y) for x, y in spans)]
        if hits:
            s.found += 1
        s.check(any(a.value == gm["value"] for a in hits), f"amount {gm['text']!r}: " + (
            ", ".join(str(a.value) for a in hits) if hits else "not found"))

    # --- events ---
    s = sections["events"]
    matched_record_events: set[str] = set()
    for gv in gold.get("events", []):
        matches = [v for v in record.events if _event_matches(record, v, gv)]
        matched_record_events.update(v.id for v in matches)
        if gv.get("optional"):
            continue
        s.gold += 1
        if matches:
            s.found += 1
        s.check(bool(matches), f"event {gv['id']}")
    s.precision = (len(matched_record_events) / len(record.events)) if record.events else 0.0
    if record.events:
        for v in record.events:
            if v.id not in matched_record_events:
                s.misses.append(f"extra event {v.id} {v.type} {v.trigger.text!r}")
    return SeedScore(sections, bonus)


def _names_of(record: Record, ids: list[str]) -> set[str]:
    out: set[str] = set()
    for e in record.entities:
        if e.id in ids:
            out.add(e.name.casefold())
            out.update(a.casefold() for a in e.aliases)
            if e.country:
                out.add(e.country.casefold())
    return out


def _event_matches(record: Record, v, gv: dict[str, Any]) -> bool:
    if v.type not in gv["type"]:
        return False
    actors = _names_of(record, v.actor)
    recipients = _names_of(record, v.recipient)
    if "actor" in gv and not any(a.casefold() in actors for a in gv["actor"]):
        return False
    if "recipient" in gv and not any(a.casefold() in recipients for a in gv["recipient"]):
        return False
    if "parties" in gv and not all(p.casefold() in actors | recipients for p in gv["parties"]):
        return False
    if "date" in gv:
        if v.date is None:
            return False
        g0, g1 = gv["date"]
        precision = min(len(g0), len(v.date.start), len(g1), len(v.date.end))
        if not (v.date.start[:precision] <= g1[:precision] and g0[:precision] <= v.date.end[:precision]):
            return False
    return not (gv.get("historical") and not v.historical)
