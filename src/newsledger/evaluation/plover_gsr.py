"""Reader for the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt, a JSON list).

The first record documents the format (event "DOCUMENT") and is skipped. The gold was
coded in 2016 with PLOVER 0.5 category names; `current_type` maps each record to the 16
types of the current manual (shared/reference/plover), in two steps:

1. category names, following the manual's CAMEO-to-PLOVER table: DEMAND -> REQUEST,
   DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE (mode investigate), FIGHT -> ASSAULT;
2. record rules where the current manual (or, where the manual is silent, the
   CAMEO2PLOVER-2021 table beside the gold) codes the coded act differently from the
   2016 category. Each rule reads the record's category, mode and the words of its
   marked event text (`eventText`), never its sentence:
   - COERCE mode "destroy" -> ASSAULT "destroy" (manual ASSAULT modes; table 1712);
   - COERCE of kidnapping, hostages or human shields -> ASSAULT "abduct" (manual: abduct
     "Abduct, kidnap, hijack"; table 181, 184);
   - FIGHT that closes borders or blockades -> COERCE "restrict" (table 191; manual COERCE
     restrict: "restrictions on ... movement");
   - PROTEST coded on security forces' tear gas -> ASSAULT "crowd-control" (manual);
   - SUPPORT of apologies -> CONCEDE (manual, SUPPORT ambiguities: "Expressions of regret
     or remorse ... CONCEDE");
   - SANCTION cancelling a visit or meeting -> REJECT (manual, SANCTION ambiguities:
     "Cancellation of meetings are REJECT");
   - SANCTION denying entry -> REJECT (manual, REJECT ambiguities: barring entry is REJECT);
   - RETREAT paying compensation -> AID (manual: reparations and voluntary settlements are AID);
   - RETREAT announced for the future ("will resign") or declared ceasefires -> CONCEDE,
     and AGREE records that only announce a future retreat ("said will release", "will
     evacuate", "would allow inspectors"; not "agreed/willing/offered to") -> CONCEDE
     (manual, CONCEDE: "declarations (but not implementations) of ceasefires and
     withdrawals"; "Announcements of future retreats should be coded as CONCEDE. E.g.,
     'announced...would withdraw troops' is RETREAT + FUTURE and should be coded as CONCEDE").
   Where the 2021 table and the manual's text disagree (lifting curfews: table RETREAT,
   manual CONCEDE; sanctions: table COERCE, manual SANCTION "discontinue") the manual wins.
Old mode names are renamed to the manual's (assassinate -> targeted, strike-hun -> hunger,
demo-org -> demo, host -> visit; THREATEN curfew, martial-law and political -> restrict as in
table 1321-1324); legacy country codes JAP and ITL become JPN and ITA.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

PLOVER_2016_TO_CURRENT = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}

# (2016 category, mode or None for any, pattern on the event text) -> (current type, mode)
RECORD_RULES: list[tuple[str, str | None, str, str, str | None]] = [
    ("COERCE", "destroy", r"", "ASSAULT", "destroy"),
    ("COERCE", None, r"kidnap|abduct|hostage|human shield", "ASSAULT", "abduct"),
    ("FIGHT", None, r"border|blockade", "COERCE", "restrict"),
    ("PROTEST", None, r"tear gas|water cannon", "ASSAULT", "crowd-control"),
    ("SUPPORT", None, r"apolog|regret", "CONCEDE", None),
    ("SANCTION", None, r"cancel\w* .*(visit|meeting|talks|summit)", "REJECT", "meet"),
    ("SANCTION", None, r"den\w* entry", "REJECT", None),
    ("RETREAT", None, r"compensation|reparation", "AID", None),
    ("RETREAT", None, r"\b(will|would|shall)\b", "CONCEDE", None),
    ("AGREE", None, r"^(?!.*\b(agree|willing|ready|offer|promis|pledg|prepared|commit|accept))"
                    r".*\b(will|would|shall)\b.*\b(release|return|evacuate|withdraw|free|pull|hand over|allow)",
     "CONCEDE", None),
    ("RETREAT", None, r"declared? (a )?(cease-?fire|truce)", "CONCEDE", None),
]

MODE_NAMES = {
    "assassinate": "targeted", "strike-hun": "hunger", "strike-gen": "strike", "demo-org": "demo",
    "demo-spon": "demo", "riot-spon": "riot", "confiscate": "seize", "detain": "arrest", "ban": "restrict",
    "host": "visit", "other": None,
}
# THREATEN modes of the 2016 coding that the manual folds into "restrict" (table 1321-1324).
THREATEN_MODE_NAMES = {"curfew": "restrict", "martial-law": "restrict", "political": "restrict"}
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA"}


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

    @property
    def source_codes(self) -> set[str]:
        return {a.code for a in self.source if a.code}

    @property
    def target_codes(self) -> set[str]:
        return {a.code for a in self.target if a.code}


def current_type(original: str, mode: str | None, event_text: str | None) -> tuple[str, str | None]:
    """The current PLOVER type and mode of a 2016-coded record."""
    words = (event_text or "").lower()
    for category, rule_mode, pattern, new_type, new_mode in RECORD_RULES:
        if category != original or rule_mode is not None and rule_mode != mode:
            continue
        if not pattern or re.search(pattern, words):
            return new_type, new_mode
    type_ = PLOVER_2016_TO_CURRENT.get(original, original)
    if type_ == "THREATEN" and mode in THREATEN_MODE_NAMES:
        return type_, THREATEN_MODE_NAMES[mode]
    return type_, MODE_NAMES.get(mode or "", mode or None)


def _actors(items) -> list[GoldActor]:
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        return []
    out = []
    for a in items:
        if not isinstance(a, dict):
            continue
        code = a.get("code", "") or ""
        out.append(GoldActor(a.get("actorText", ""), LEGACY_CODES.get(code, code), a.get("sector")))
    return out


def _markup(info) -> str | None:
    if isinstance(info, dict):
        return info.get("markup")
    return info if isinstance(info, str) else None


def read_gsr(path: Path) -> list[GoldEvent]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    events = []
    for rec in data:
        if rec.get("event") == "DOCUMENT" or "text" not in rec:
            continue
        original = rec["event"]
        type_, mode = current_type(original, rec.get("mode") or None, rec.get("eventText"))
        events.append(GoldEvent(
            id=rec["id"], text=rec["text"], type=type_,
            original_type=original, date=rec.get("date"), source=_actors(rec.get("source")),
            target=_actors(rec.get("target")), mode=mode, context=rec.get("context"),
            event_text=rec.get("eventText"), markup=_markup(rec.get("textInfo")),
        ))
    return events


def default_gsr_path(shared: Path) -> Path | None:
    p = shared / "eval" / "events" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    return p if p.exists() else None
