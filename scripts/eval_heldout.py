"""Score the pipeline on the held-out sets in evaldata/heldout/ (`make eval-heldout`).

The sets were written for newsledger by team members who had not seen the extractor
(evaldata/heldout/README.md): original news-style articles in the formats of the public
development sets, so each evaluator reads them unchanged. They are never used to tune
anything; they check that the figures on ../shared/eval carry over to text nobody tuned on.

    .venv/bin/python scripts/eval_heldout.py [--json heldout-report.json]

evaldata/heldout/sets.json names the files of each evaluator (globs relative to that folder).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELDOUT = Path(__file__).resolve().parents[1] / "evaldata" / "heldout"


def heldout_inputs(name: str, root: Path = HELDOUT) -> list[Path]:
    sets = json.loads((root / "sets.json").read_text(encoding="utf-8"))
    return sorted(p for pattern in sets[name] for p in root.glob(pattern))


def main(argv: list[str] | None = None) -> int:
    from newsledger import evaluation
    from newsledger.pipeline import Pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", dest="json_out", default="heldout-report.json")
    args = parser.parse_args(argv)
    sets = json.loads((HELDOUT / "sets.json").read_text(encoding="utf-8"))
    pipeline = Pipeline()
    reports = {}
    for name in sets:
        module = evaluation.load(name)
        paths = heldout_inputs(name)
        report = module.evaluate(paths, pipeline=pipeline)
        report["corpus_sha256"] = evaluation.corpus_digest(paths)
        reports[name] = report
        print(f"== held-out {name}: {module.TITLE}")
        print(module.format_report(report))
    Path(args.json_out).write_text(json.dumps(reports, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
