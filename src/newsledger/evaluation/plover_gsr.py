"""Reader for the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt, a JSON list).

The first record documents the format (event "DOCUMENT") and is skipped. The gold
uses the 2016 PLOVER category names; `PLOVER_2016_TO_CURRENT` maps them to the 16
current types of the manual (shared/reference/plover), following the PLOVER
changelog: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT,
INVESTIGATE -> ACCUSE (mode investigate).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

PLOVER_2016_TO_CURRENT = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str
    sector: str | None


@dataclass
class GoldEvent:
    id: str
    text: str
    type: str  # current PLOVER type
    original_type: str
    date: str | None
    source: list[GoldActor] = field(default_factory=list)
    target: list[GoldActor] = field(default_factory=list)
    mode: str | None = None
    context: str | None = None
    event_text: str | None = None
    markup: str | None = None


def _actors(items) -> list[GoldActor]:
    out = []
    if not isinstance(items, list):  # a few records carry a bare string where a list belongs
        return out
    for a in items:
        if not isinstance(a, dict):
            continue
        out.append(GoldActor(a.get("actorText", ""), a.get("code", ""), a.get("sector")))
    return out


def read_gsr(path: Path) -> list[GoldEvent]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    events = []
    for rec in data:
        if rec.get("event") == "DOCUMENT" or "text" not in rec:
            continue
        original = rec["event"]
        events.append(GoldEvent(
            id=rec["id"], text=rec["text"], type=PLOVER_2016_TO_CURRENT.get(original, original),
            original_type=original, date=rec.get("date"), source=_actors(rec.get("source")),
            target=_actors(rec.get("target")), mode=rec.get("mode"), context=rec.get("context"),
            event_text=rec.get("eventText"), markup=(rec.get("textInfo") or {}).get("markup"),
        ))
    return events


def default_gsr_path(shared: Path) -> Path | None:
    p = shared / "eval" / "events" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    return p if p.exists() else None
