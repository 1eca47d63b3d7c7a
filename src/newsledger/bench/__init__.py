"""Benchmarks, apart from the product they measure (`make bench`).

- `pipeline`: articles/second and memory of the pipeline next to bare spaCy, 1 vs 2
  worker processes, Spark local[1] vs local[2] (`newsledger bench`);
- `store`: ingest throughput and query latency on a million synthetic ledger events
  (`newsledger bench-store`), and the synthetic ledger generator the other benches and
  the load test use (`build_events`);
- `web`: page render times in a headless browser on a large ledger
  (`python -m newsledger.bench.web`).

The pipeline bench's names are importable from here too (`from newsledger.bench import
bench_corpus`), as they were when it was the module `newsledger.bench`.
"""

from __future__ import annotations

from .pipeline import (
    Meter,
    bench_corpus,
    format_bench,
    run_bench,
    workers_bench,
)

__all__ = ["Meter", "bench_corpus", "format_bench", "run_bench", "workers_bench"]
