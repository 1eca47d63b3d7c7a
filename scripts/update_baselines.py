"""Raise quality floors in tests/baselines/ to what the pipeline measures now (never lower them).

    .venv/bin/newsledger eval all --json eval-report.json
    .venv/bin/python scripts/update_baselines.py eval-report.json
    .venv/bin/python scripts/eval_heldout.py --json heldout-report.json
    .venv/bin/python scripts/update_baselines.py heldout-report.json --dir tests/baselines/heldout

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


def main(report_path: str, folder: Path = BASELINES) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    status = 0
    for name, r in report.items():
        path = folder / f"{name}.json"
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
    args = sys.argv[1:]
    where = BASELINES
    if "--dir" in args:
        k = args.index("--dir")
        where = Path(args[k + 1])
        del args[k:k + 2]
    sys.exit(main(args[0], where))
