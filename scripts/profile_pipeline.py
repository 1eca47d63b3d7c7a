"""Profile the pipeline on the bench corpus with pyinstrument (developers' tool).

    .venv/bin/python scripts/profile_pipeline.py [--docs 60] [--html profile.html]

Prints where the time goes (spaCy's parse and each stage's own functions) and writes an
interactive HTML report. The corpus is `newsledger.bench.pipeline.bench_corpus` (the seed article
plus deterministic synthetic articles), the same as `newsledger bench`.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    from pyinstrument import Profiler

    from newsledger.bench.pipeline import bench_corpus
    from newsledger.pipeline import Pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--html", default="profile.html")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    corpus = bench_corpus(args.docs)
    list(pipeline.process(corpus[:2]))  # load the model, the gazetteer and the data files first
    profiler = Profiler(interval=0.001)
    profiler.start()
    results = list(pipeline.process(corpus))
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    with open(args.html, "w", encoding="utf-8") as fh:
        fh.write(profiler.output_html())
    errors = sum(1 for r in results if r.schema_ != "newsledger/record@1")
    print(f"{len(results)} documents ({errors} errors); HTML report: {args.html}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
