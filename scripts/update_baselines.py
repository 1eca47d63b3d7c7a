"""Raise quality floors in tests/baselines/ to what the pipeline measures now (never lower them).

    .venv/bin/newsledger eval all --json eval-report.json
    .venv/bin/python scripts/update_baselines.py eval-report.json

Each baseline file holds, per evaluation, the figures the test suite requires as a
minimum. A figure only moves up; one that fell is reported and left alone.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

BASELINES = Path(__file__).resolve().parents[1] / "tests" / "baselines"


def floor2(x: float) -> float:
    return math.floor(x * 100 + 1e-9) / 100


def main(report_path: str) -> int:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    status = 0
    for name, r in report.items():
        path = BASELINES / f"{name}.json"
        base = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"floors": {}}
        floors = base.setdefault("floors", {})
        digest = r.get("corpus_sha256")
        if name != "seed" and digest:
            if base.get("corpus_sha256") not in (None, digest):
                print(f"{name}: corpus changed since the baseline; floors not touched")
                status = 1
                continue
            base["corpus_sha256"] = digest
        for metric, value in r["metrics"].items():
            if not isinstance(value, (int, float)):
                continue
            new = floor2(float(value))
            old = floors.get(metric)
            if old is None or new > old:
                floors[metric] = new
                print(f"{name}.{metric}: {old} -> {new}")
            elif new < old:
                print(f"{name}.{metric}: measured {new} is BELOW the floor {old} (left unchanged)")
                status = 1
        path.write_text(json.dumps(base, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
