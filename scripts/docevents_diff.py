"""Developer view of the document-level event scorer: for each article, the gold events and the
record's events side by side with the scorer's outcome. Reads a report written by
`newsledger eval docevents --json FILE` and the gold files.

    python scripts/docevents_diff.py REPORT.json [--half A|B] [--only ID...]

Half A / B: the gold articles in sorted order, alternating (A: 1st, 3rd, ...), so rules can be
written looking at one half and confirmed on the other.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsledger.evaluation import docevents, shared_dir


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("--half", choices=("A", "B"))
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--records", help="records JSONL written alongside (optional)")
    args = ap.parse_args()
    report = json.loads(Path(args.report).read_text())
    report = report.get("docevents", report)
    paths = docevents.default_inputs(shared_dir())
    half = {p.stem: ("A" if i % 2 == 0 else "B") for i, p in enumerate(paths)}
    golds = {docevents.read_gold(p).id: docevents.read_gold(p) for p in paths}
    records = {}
    if args.records:  # the record of each article: its events' participants, dates and places
        for line in Path(args.records).read_text().splitlines():
            rec = json.loads(line)
            records[(rec.get("article") or {}).get("input_id") or rec.get("id")] = rec
    for doc in report["per_document"]:
        if args.half and half.get(doc["id"]) != args.half:
            continue
        if args.only and doc["id"] not in args.only:
            continue
        g = golds[doc["id"]]
        print(f"=== {doc['id']} ({g.published}) predicted {doc['predicted']} matched {doc['matched']} gold {doc['gold']} "
              f"strict {doc['strict']} main {doc['main']}")
        for e in g.events:
            first = g.text[e.spans[0][0]:e.spans[0][1]][:150] if e.spans else "?"
            print(f"  G{e.index}{'?' if e.optional else ' '} {e.type:9} {e.actor} -> {e.recipient} {e.date} @{e.place} | {first}")
        for r in doc["rows"]:
            ctx = g.text[max(0, r['at'] - 60):r['at'] + 60].replace("\n", " ")
            extra = {k: v for k, v in r.items() if k in ("gold", "actor_ok", "recipient_ok", "date_ok", "gold_types")}
            print(f"  {r['outcome']:10} {r['type']:9} {r['trigger']!r:16} {r['confidence']:.2f} {extra} | {ctx}")
            rec = records.get(doc["id"])
            if rec is not None:
                print("             " + _event_line(rec, r["event"]))
        print()


def _event_line(rec: dict, event_id: str) -> str:
    names = {e["id"]: e["name"] for e in rec.get("entities", [])}
    ev = next((v for v in rec.get("events", []) if v["id"] == event_id), None)
    if ev is None:
        return "(not in the records)"
    date = ev.get("date") or {}
    place = (ev.get("place") or {}).get("name") if isinstance(ev.get("place"), dict) else ev.get("place")
    return (f"{[names.get(a, a) for a in ev['actor']]} -> {[names.get(a, a) for a in ev['recipient']]} "
            f"{date.get('start')}..{date.get('end')} ({date.get('source')}) @{place}")


if __name__ == "__main__":
    sys.exit(main())
