"""Document-level events: every happening of a whole article, found once, with the right fields.

Gold: one JSON file per article (`$SHARED/eval/events/doc-gold/*.json`), every event an expert
PLOVER coder codes in it, with the sentences that report it (`evidence`). The rules are those of
the gold's README, written independently of newsledger:

- a predicted event is located by its trigger; it **matches** a gold event when the trigger lies
  inside one of that event's evidence spans and its type is the gold type or one of `alt_types`;
- each gold event takes at most one prediction; another prediction of the same happening is a
  **duplicate** and counts as a false positive;
- a prediction located in an `optional` gold event (whatever its type) is ignored;
- precision = matched / (predicted - ignored); recall = matched / non-optional gold events;
- **strict**: matched, and actor right (a predicted actor entity's name or a mention of it shares a
  word with a gold actor; any actor is right when the gold names none), recipient right (likewise;
  for CONSULT, COOPERATE and AGREE actor and recipient are compared as one set), date right (the
  predicted interval's start and end within one day of the gold interval's, the gold taken at its
  precision);
- the main event of an article is the non-optional gold event whose first evidence comes earliest;
  the record's `main_event` is scored for who (actor), when (its interval contains the day, or the
  gold interval when the gold is less precise) and where (place name shares a word).

"Shares a word": lower-cased words of letters and digits, leaving out a few function words (the,
of, and...), so "Ministry of Commerce" and "Bank of America" do not match through "of".

Matching is a maximum one-to-one assignment (augmenting paths) of predictions to gold events,
so the figure does not depend on the order of the record's events.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Entity, Record

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "Document-level events vs. an expert coder's events of whole articles (eval/events/doc-gold)"
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
BANDS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
_FUNCTION_WORDS = frozenset({"the", "of", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "s",
                             "its", "his", "her", "their", "de", "la", "el", "al"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def default_inputs(shared: Path) -> list[Path]:
    d = shared / "eval" / "events" / "doc-gold"
    return sorted(d.glob("*.json")) if d.is_dir() else []


def words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _FUNCTION_WORDS}


# --- gold -------------------------------------------------------------------------------------

@dataclass
class GoldEvent:
    index: int
    type: str
    alt_types: tuple[str, ...]
    actor: list[str]
    recipient: list[str]
    date: Any
    place: str | None
    optional: bool
    spans: list[tuple[int, int]]

    @property
    def types(self) -> set[str]:
        return {self.type, *self.alt_types}

    @property
    def first(self) -> int:
        return min((s for s, _ in self.spans), default=10**9)


@dataclass
class GoldDoc:
    id: str
    path: Path
    text: str
    published: str | None
    events: list[GoldEvent] = field(default_factory=list)
    missing_evidence: int = 0

    @property
    def main(self) -> GoldEvent | None:
        required = [g for g in self.events if not g.optional and g.spans]
        return min(required, key=lambda g: g.first) if required else None


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while needle and i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def read_gold(path: Path) -> GoldDoc:
    data = json.loads(path.read_text(encoding="utf-8"))
    text = data["text"]
    doc = GoldDoc(id=data.get("id") or path.stem, path=path, text=text, published=data.get("published"))
    for i, e in enumerate(data.get("events", [])):
        spans: list[tuple[int, int]] = []
        for ev in e.get("evidence") or []:
            found = _occurrences(text, ev)
            if not found:
                doc.missing_evidence += 1
            spans += found
        doc.events.append(GoldEvent(
            index=i, type=e["type"], alt_types=tuple(e.get("alt_types") or ()), actor=list(e.get("actor") or []),
            recipient=list(e.get("recipient") or []), date=e.get("date"), place=e.get("place"),
            optional=bool(e.get("optional")), spans=spans))
    return doc


# --- dates ------------------------------------------------------------------------------------

def _bound(value: str, upper: bool) -> date | None:
    value = value[:10]
    try:
        if len(value) == 4:
            return date(int(value), 12, 31) if upper else date(int(value), 1, 1)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            if not upper:
                return date(y, m, 1)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date.fromisoformat(value)
    except ValueError:
        return None


def gold_interval(value: Any) -> tuple[date, date] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        lo, hi = _bound(str(value.get("start")), False), _bound(str(value.get("end")), True)
    else:
        lo, hi = _bound(str(value), False), _bound(str(value), True)
    return (lo, hi) if lo and hi else None


def predicted_interval(event) -> tuple[date, date] | None:
    if event.date is None:
        return None
    lo, hi = _bound(event.date.start, False), _bound(event.date.end, True)
    return (lo, hi) if lo and hi else None


def date_right(event, gold: GoldEvent) -> bool:
    g, p = gold_interval(gold.date), predicted_interval(event)
    if g is None:
        return p is None
    if p is None:
        return False
    one = timedelta(days=1)
    return abs(p[0] - g[0]) <= one and abs(p[1] - g[1]) <= one


def date_contains(event, gold: GoldEvent) -> bool:
    """The record's interval contains the gold day (or the gold interval, when the gold is coarser
    than a day: then the two must overlap)."""
    g, p = gold_interval(gold.date), predicted_interval(event)
    if g is None or p is None:
        return False
    if g[0] == g[1]:
        return p[0] <= g[0] <= p[1]
    return p[0] <= g[1] and g[0] <= p[1]


# --- participants -----------------------------------------------------------------------------

def entity_name_words(e: Entity) -> set[str]:
    """The words of an entity's name and of every mention of it."""
    w = words(e.name)
    for m in e.mentions:
        w |= words(m.text)
    return w


def entity_words(record: Record, ids: list[str]) -> list[set[str]]:
    by_id = {e.id: e for e in record.entities}
    return [entity_name_words(by_id[i]) for i in ids if i in by_id]


def _names_match(predicted: list[set[str]], gold: list[str]) -> bool:
    if not gold:
        return True
    gold_words = [words(g) for g in gold]
    return any(p & g for p in predicted for g in gold_words)


def participants_right(record: Record, event, gold: GoldEvent) -> tuple[bool, bool]:
    actor = entity_words(record, event.actor)
    recipient = entity_words(record, event.recipient)
    if gold.type in SYMMETRIC or event.type in SYMMETRIC:
        both = actor + recipient
        return _names_match(both, gold.actor), _names_match(both, gold.recipient)
    return _names_match(actor, gold.actor), _names_match(recipient, gold.recipient)


def place_name(record: Record, event) -> str | None:
    if event.place is None:
        return None
    return next((p.name for p in record.places if p.id == event.place), None)


# --- matching ---------------------------------------------------------------------------------

def _locate(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _offset(record: Record, gold_text: str) -> int | None:
    """Where the record's text starts in the gold text (0 when they are the same)."""
    if record.text == gold_text:
        return 0
    if record.text_offset is not None and gold_text[record.text_offset:record.text_offset + len(record.text)] == record.text:
        return record.text_offset
    i = gold_text.find(record.text)
    return i if i >= 0 else None


def _assign(candidates: dict[int, list[int]]) -> dict[int, int]:
    """Maximum one-to-one assignment prediction -> gold (Kuhn's augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in candidates[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in candidates:
        augment(p, set())
    return {p: g for g, p in owner.items()}


@dataclass
class DocResult:
    id: str
    predicted: int = 0
    ignored: int = 0
    matched: int = 0
    gold: int = 0
    duplicates: int = 0
    wrong_type: int = 0
    false: int = 0
    strict: int = 0
    actor_right: int = 0
    recipient_right: int = 0
    date_right: int = 0
    place_gold: int = 0
    place_right: int = 0
    place_guessed: int = 0
    rows: list[dict] = field(default_factory=list)
    main: dict | None = None


def score_document(gold: GoldDoc, record: Record) -> DocResult:
    res = DocResult(id=gold.id, gold=sum(1 for g in gold.events if not g.optional))
    shift = _offset(record, gold.text)
    located: dict[int, list[GoldEvent]] = {}
    for k, v in enumerate(record.events):
        if shift is None:
            located[k] = []
            continue
        s, e = v.trigger.start + shift, v.trigger.end + shift
        located[k] = [g for g in gold.events if _locate(g.spans, s, e)]
    candidates = {k: [g.index for g in located[k] if not g.optional and v.type in g.types]
                  for k, v in enumerate(record.events)}
    assignment = _assign(candidates)
    by_index = {g.index: g for g in gold.events}
    for k, v in enumerate(record.events):
        row = {"event": v.id, "type": v.type, "trigger": v.trigger.text, "confidence": v.confidence,
               "at": v.trigger.start}
        if k in assignment:
            g = by_index[assignment[k]]
            a_ok, r_ok = participants_right(record, v, g)
            d_ok = date_right(v, g)
            res.matched += 1
            res.predicted += 1
            res.actor_right += a_ok
            res.recipient_right += r_ok
            res.date_right += d_ok
            ok = a_ok and r_ok and d_ok
            res.strict += ok
            pname = place_name(record, v)
            if g.place:
                res.place_gold += 1
                res.place_right += bool(words(pname) & words(g.place))
                row.update(place=pname, gold_place=g.place, place_ok=bool(words(pname) & words(g.place)))
            elif pname:
                res.place_guessed += 1
            row.update(outcome="match", gold=g.index, actor_ok=a_ok, recipient_ok=r_ok, date_ok=d_ok, strict=ok)
        elif any(g.optional for g in located[k]) and not candidates[k]:
            res.ignored += 1
            row.update(outcome="ignored")
        else:
            res.predicted += 1
            if candidates[k]:
                res.duplicates += 1
                row.update(outcome="duplicate", gold=candidates[k][0])
            elif any(not g.optional for g in located[k]):
                res.wrong_type += 1
                row.update(outcome="wrong_type", gold_types=sorted({g.type for g in located[k] if not g.optional}))
            else:
                res.false += 1
                row.update(outcome="false")
        res.rows.append(row)
    res.main = _score_main(gold, record)
    return res


def _score_main(gold: GoldDoc, record: Record) -> dict | None:
    g = gold.main
    if g is None:
        return None
    main_id = getattr(record, "main_event", None)
    v = next((e for e in record.events if e.id == main_id), None)
    if v is None:
        return {"found": False, "who": False, "when": False, "where": False}
    shift = _offset(record, gold.text)
    found = shift is not None and _locate(g.spans, v.trigger.start + shift, v.trigger.end + shift)
    who = _names_match(entity_words(record, v.actor), g.actor) if g.actor else True
    when = date_contains(v, g)
    pname = place_name(record, v)
    where = bool(words(pname) & words(g.place)) if g.place else pname is None
    return {"found": found, "who": who and bool(v.actor or not g.actor), "when": when, "where": where}


# --- the evaluator ----------------------------------------------------------------------------

def extract_gold(gold: GoldDoc, pipeline: Pipeline) -> Record:
    """The record for a gold article: its text as given (raw), anchored at its publication date."""
    return pipeline.extract(gold.text, published=gold.published, raw=True, source=str(gold.path))


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else 0.0


def summarise(results: list[DocResult], confidences: list[tuple[float, str]]) -> dict:
    t = Counter()
    for r in results:
        for k in ("predicted", "ignored", "matched", "gold", "duplicates", "wrong_type", "false", "strict",
                  "actor_right", "recipient_right", "date_right", "place_gold", "place_right", "place_guessed"):
            t[k] += getattr(r, k)
    p = _ratio(t["matched"], t["predicted"])
    rc = _ratio(t["matched"], t["gold"])
    f1 = round(2 * p * rc / (p + rc), 3) if p + rc else 0.0
    sp = _ratio(t["strict"], t["predicted"])
    sr = _ratio(t["strict"], t["gold"])
    sf1 = round(2 * sp * sr / (sp + sr), 3) if sp + sr else 0.0
    mains = [r.main for r in results if r.main is not None]
    metrics = {
        "precision": p, "recall": rc, "f1": f1,
        "strict_precision": sp, "strict_recall": sr, "strict_f1": sf1,
        "actor_right": _ratio(t["actor_right"], t["matched"]),
        "recipient_right": _ratio(t["recipient_right"], t["matched"]),
        "date_right": _ratio(t["date_right"], t["matched"]),
        "place_right": _ratio(t["place_right"], t["place_gold"]),
        # of the matched events whose gold names no place, the share left without one (a place
        # the text does not support is a defect)
        "place_unguessed": _ratio(t["matched"] - t["place_gold"] - t["place_guessed"], t["matched"] - t["place_gold"]),
        "main_found": _ratio(sum(m["found"] for m in mains), len(mains)),
        "main_who": _ratio(sum(m["who"] for m in mains), len(mains)),
        "main_when": _ratio(sum(m["when"] for m in mains), len(mains)),
        "main_where": _ratio(sum(m["where"] for m in mains), len(mains)),
        "main_who_when_where": _ratio(sum(m["who"] and m["when"] and m["where"] for m in mains), len(mains)),
    }
    bands = []
    for lo, hi in BANDS:
        inside = [o for c, o in confidences if lo <= c < hi]
        right = sum(o == "match" for o in inside)
        bands.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": len(inside), "precision": _ratio(right, len(inside))})
    high = [o for c, o in confidences if c >= 0.7]
    metrics["precision_at_0_7"] = _ratio(sum(o == "match" for o in high), len(high))
    metrics["events_at_0_7"] = len(high)
    return {"metrics": metrics, "counts": dict(t), "reliability": bands}


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict:
    from ..errors import NewsledgerError
    from ..pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    results: list[DocResult] = []
    confidences: list[tuple[float, str]] = []
    half_of = {p: "AB"[i % 2] for i, p in enumerate(sorted(paths, key=lambda p: p.name))}
    halves: dict[str, tuple[list[DocResult], list[tuple[float, str]]]] = {"A": ([], []), "B": ([], [])}
    missing = 0
    for path in paths:
        gold = read_gold(path)
        missing += gold.missing_evidence
        try:
            record = extract_gold(gold, pipeline)
        except NewsledgerError as exc:
            record = Record(article={"source": str(path)}, text=gold.text,
                            warnings=[{"code": exc.code, "message": exc.message}])
        r = score_document(gold, record)
        results.append(r)
        scored = [(row["confidence"], row["outcome"]) for row in r.rows if row["outcome"] != "ignored"]
        confidences += scored
        halves[half_of[path]][0].append(r)
        halves[half_of[path]][1].extend(scored)
    report = summarise(results, confidences)
    # the articles by sorted name, alternating (as scripts/docevents_diff.py --half splits them):
    # rules written looking at one half are confirmed on the other
    report["halves"] = {h: {k: v for k, v in summarise(rs, cs)["metrics"].items()
                            if k in ("precision", "recall", "f1", "strict_f1")} for h, (rs, cs) in halves.items() if rs}
    report["documents"] = len(results)
    report["evidence_not_found"] = missing
    report["per_document"] = [
        {"id": r.id, "predicted": r.predicted, "matched": r.matched, "gold": r.gold, "strict": r.strict,
         "duplicates": r.duplicates, "wrong_type": r.wrong_type, "false": r.false, "main": r.main, "rows": r.rows}
        for r in results]
    return report


def format_report(report: dict) -> str:
    m, c = report["metrics"], report["counts"]
    lines = [
        f"{report['documents']} articles, {c.get('gold', 0)} gold events (non-optional), "
        f"{c.get('predicted', 0)} predicted ({c.get('ignored', 0)} more ignored in optional events)",
        f"event precision   {m['precision']:.3f}   recall {m['recall']:.3f}   F1 {m['f1']:.3f}",
        f"strict (type+actor+recipient+date) precision {m['strict_precision']:.3f}   recall "
        f"{m['strict_recall']:.3f}   F1 {m['strict_f1']:.3f}",
        f"wrong predictions: duplicates {c.get('duplicates', 0)}, wrong type {c.get('wrong_type', 0)}, "
        f"false events {c.get('false', 0)}",
        f"of the matched events: actor right {m['actor_right']:.3f}, recipient {m['recipient_right']:.3f}, "
        f"date {m['date_right']:.3f}, place {m['place_right']:.3f} (of {c.get('place_gold', 0)} with a gold place; "
        f"{c.get('place_guessed', 0)} places given where the gold has none: {m['place_unguessed']:.3f} left unplaced)",
        f"main event: found {m['main_found']:.3f}, who {m['main_who']:.3f}, when {m['main_when']:.3f}, "
        f"where {m['main_where']:.3f}, all three {m['main_who_when_where']:.3f}",
        f"precision at confidence >= 0.7: {m['precision_at_0_7']:.3f} ({m['events_at_0_7']} events)",
        *(f"half {h} (articles by sorted name, alternating): precision {v['precision']:.3f}, recall "
          f"{v['recall']:.3f}, F1 {v['f1']:.3f}, strict F1 {v['strict_f1']:.3f}"
          for h, v in report.get("halves", {}).items()),
        "reliability (confidence band: events, precision):",
    ]
    lines += [f"  {b['band']}  {b['events']:4d}  {b['precision']:.3f}" for b in report["reliability"]]
    if report.get("evidence_not_found"):
        lines.append(f"note: {report['evidence_not_found']} gold evidence strings not found in their text")
    return "\n".join(lines)
