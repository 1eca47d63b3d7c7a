"""TBAQ value F1 for two fixed halves of its documents (issue 16's method).

The TBAQ files, sorted by file name, are split even/odd: half A (0th, 2nd, ...) is the
half whose failures may be read while writing rules, half B is never read and shows
whether a rule carries over. Prints the TempEval-3 figures of each half and of the whole.

    .venv/bin/python scripts/tbaq_halves.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from newsledger.evaluation import tbaq, timex

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.environ.get("NEWSLEDGER_SHARED", "../shared"))
    args = parser.parse_args(argv)
    paths = sorted(tbaq.default_inputs(Path(args.shared)), key=lambda p: p.name)
    half = {p: "half A" if i % 2 == 0 else "half B" for i, p in enumerate(paths)}
    report = timex.evaluate(paths, baseline=False, group=half.__getitem__)
    m = report["metrics"]
    print(f"TBAQ: value F1 {m['value_f1']:.4f}, relaxed span F1 {m['relaxed_f1']:.4f}, "
          f"value accuracy {m['value_accuracy']:.4f} ({report['counts']['gold']} gold)")
    for name, g in report["groups"].items():
        print(f"{name}: value F1 {g['value_f1']:.4f}, relaxed span F1 {g['relaxed_f1']:.4f}, "
              f"value accuracy {g['value_accuracy']:.4f} ({g['counts']['gold']} gold)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
