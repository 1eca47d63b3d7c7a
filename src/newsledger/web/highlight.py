"""The article view's text: cut into segments at every span boundary, each segment knowing
which entities, times, places, quotes, amounts and event triggers cover it.

The template writes each segment as an escaped text node inside a `<span>` whose classes
and data attributes come from this list, so the text of an article (which may hold HTML
or script) is only ever text. Evidence and quote boundaries are cut too, so that the
browser can highlight exactly `text[start:end]` by its segments' `data-s`/`data-e`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Segment:
    start: int
    end: int
    text: str
    classes: list[str] = field(default_factory=list)
    refs: dict[str, list[str]] = field(default_factory=dict)  # kind -> ids (entity, time, place, quote, event, amount)

    @property
    def css(self) -> str:
        return " ".join(["seg", *self.classes])

    def data(self, kind: str) -> str:
        return " ".join(self.refs.get(kind, ()))


def _spans(record: dict[str, Any]) -> list[tuple[int, int, str, str, str]]:
    """(start, end, kind, id, css class) of every highlighted span of a record."""
    out = []
    for e in record.get("entities", []):
        for m in e.get("mentions", []):
            out.append((m["start"], m["end"], "entity", e["id"], f"ent ent-{e.get('type', 'X')}"))
    for t in record.get("times", []):
        out.append((t["start"], t["end"], "time", t["id"], "time"))
    for p in record.get("places", []):
        for m in p.get("mentions", []):
            out.append((m["start"], m["end"], "place", p["id"], "place"))
    for q in record.get("quotes", []):
        out.append((q["start"], q["end"], "quote", q["id"], "quote"))
    for i, a in enumerate(record.get("amounts", [])):
        out.append((a["start"], a["end"], "amount", str(i), "amount"))
    for v in record.get("events", []):
        out.append((v["trigger"]["start"], v["trigger"]["end"], "event", v["id"], "trigger"))
    n = len(record.get("text", ""))
    return [s for s in out if 0 <= s[0] < s[1] <= n]


def segments(record: dict[str, Any]) -> list[Segment]:
    text = record.get("text", "")
    spans = _spans(record)
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s[0], s[1]))
    for v in record.get("events", []):
        ev = v.get("evidence") or {}
        if 0 <= ev.get("start", -1) <= ev.get("end", -1) <= len(text):
            cuts.update((ev["start"], ev["end"]))
    bounds = sorted(cuts)
    # Sweep: spans sorted by start, an active list pruned as segments pass their end.
    spans.sort()
    active: list[tuple[int, int, str, str, str]] = []
    i = 0
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        while i < len(spans) and spans[i][0] <= a:
            active.append(spans[i])
            i += 1
        active = [s for s in active if s[1] > a]
        seg = Segment(a, b, text[a:b])
        for s in active:
            if s[0] <= a and s[1] >= b:
                ids = seg.refs.setdefault(s[2], [])
                if s[3] not in ids:
                    ids.append(s[3])
                for c in s[4].split():
                    if c not in seg.classes:
                        seg.classes.append(c)
        out.append(seg)
    return out
