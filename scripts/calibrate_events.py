"""Fit the events stage's confidence calibration (src/newsledger/data/event_calibration.json).

    python scripts/calibrate_events.py [--shared ../shared] [--check]

The events stage scores each event's evidence by hand-set rules (`evidence_score`: a verb or a
noun, named participants, reports, hearsay...). That score orders events well but is not a
probability. This script runs the document-level gold (`$SHARED/eval/events/doc-gold/*.json`)
through the real pipeline with the calibration off, labels every event by the gold's scoring
rules (right: it matches a gold event; wrong: a duplicate, a wrong type or a false event; events
inside optional gold events are left out), and fits P(right) = 1 / (1 + exp(-(a * score + b)))
(Platt scaling, Newton's method). The map is monotone, so it never reorders events.

Honest figures: it is fitted on one document half (the sorted gold files alternating A/B) and
measured on the other, both ways; the reliability table written beside the fit is that of the
out-of-fold predictions. The shipped constants are then fitted on all articles.
`make calibrate-events` runs this script.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

import newsledger.stages.events as events_stage
from newsledger.evaluation import corpus_digest, docevents, shared_dir
from newsledger.pipeline import Pipeline

OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "data" / "event_calibration.json"
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 1.01))


def collect(paths: list[Path]) -> list[tuple[float, float, int]]:
    """(evidence score, right?, half) for every scored event."""
    events_stage.calibrated = lambda score: round(score, 4)  # the raw evidence score, this run only
    pipeline = Pipeline()
    rows = []
    for i, path in enumerate(paths):
        gold = docevents.read_gold(path)
        result = docevents.score_document(gold, docevents.extract_gold(gold, pipeline))
        rows += [(row["confidence"], float(row["outcome"] == "match"), i % 2) for row in result.rows
                 if row["outcome"] != "ignored"]
    return rows


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    design = np.stack([x, np.ones_like(x)], 1)
    w = np.zeros(2)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        step = np.linalg.solve(design.T @ (design * (p * (1 - p))[:, None]) + np.eye(2) * 1e-6,
                               design.T @ (p - y))
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), float(w[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=None)
    ap.add_argument("--check", action="store_true", help="fit and report, write nothing")
    args = ap.parse_args()
    paths = docevents.default_inputs(shared_dir(args.shared))
    if not paths:
        print("no document-level gold found", file=sys.stderr)
        return 2
    rows = collect(paths)
    x = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    half = np.array([r[2] for r in rows])
    oof = np.zeros(len(rows))
    for h in (0, 1):
        a, b = fit(x[half != h], y[half != h])
        oof[half == h] = 1.0 / (1.0 + np.exp(-(a * x[half == h] + b)))
    reliability = []
    for lo, hi in BANDS:
        inside = (oof >= lo) & (oof < hi)
        reliability.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": int(inside.sum()),
                            "precision": round(float(y[inside].mean()), 3) if inside.any() else None,
                            "mean_confidence": round(float(oof[inside].mean()), 3) if inside.any() else None})
    high = oof >= 0.7
    slope, intercept = fit(x, y)
    report = {
        "about": "Platt scaling of the events stage's evidence score into P(event is right), fitted on the "
                 "document-level gold by scripts/calibrate_events.py (make calibrate-events).",
        "fitted": date.today().isoformat(),
        "corpus_sha256": corpus_digest(paths),
        "documents": len(paths), "events": len(rows), "right": int(y.sum()),
        "slope": round(slope, 4), "intercept": round(intercept, 4),
        "cross_validation": {
            "by": "document halves (sorted gold files alternating A/B): fitted on one, measured on the other",
            "precision_at_0_7": round(float(y[high].mean()), 3) if high.any() else None,
            "events_at_0_7": int(high.sum()),
            "reliability": reliability,
        },
    }
    print(json.dumps(report, indent=2))
    if not args.check:
        OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"written {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
