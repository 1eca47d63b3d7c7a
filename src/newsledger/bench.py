"""Throughput and memory of the pipeline, next to bare spaCy on the same texts in the same run.

The corpus is fixed: the bundled seed article plus deterministic synthetic
articles (`newsledger.synthetic`). Reported: articles/second for bare
`nlp.pipe` and for the whole pipeline (ingest + parse + stages), their ratio,
seconds per stage, and the process's peak resident memory.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from .config import Settings
from .ingest import InputDocument, to_document
from .synthetic import generate

SEED = Path(__file__).resolve().parent / "examples" / "seed" / "article.txt"


def bench_corpus(n_docs: int) -> list[InputDocument]:
    docs = [InputDocument(SEED.read_bytes(), source="seed")]
    for a in generate(max(0, n_docs - 1), seed=11):
        docs.append(InputDocument(a.text, source=a.id, input_id=a.id, published=a.published))
    return docs


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_bench(n_docs: int = 40, settings: Settings | None = None, repeats: int = 2) -> dict:
    from .pipeline import Pipeline

    settings = settings or Settings()
    pipeline = Pipeline(settings=settings)
    corpus = bench_corpus(n_docs)
    # warm up: model load, gazetteer open, lazy data files
    list(pipeline.process(corpus[:2]))
    bodies = [to_document(d, max_bytes=settings.max_bytes).text for d in corpus]
    chars = sum(len(b) for b in bodies)

    best_spacy = best_pipeline = float("inf")
    stage_seconds: dict[str, float] = {}
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _doc in pipeline.nlp.pipe(bodies, batch_size=settings.batch_size):
            pass
        best_spacy = min(best_spacy, time.perf_counter() - t0)
        pipeline.timings.clear()
        t0 = time.perf_counter()
        n_errors = sum(1 for r in pipeline.process(corpus) if r.schema_ != "newsledger/record@1")
        elapsed = time.perf_counter() - t0
        if elapsed < best_pipeline:
            best_pipeline = elapsed
            stage_seconds = {k: round(v, 4) for k, v in pipeline.timings.items()}
    return {
        "documents": len(corpus),
        "characters": chars,
        "errors": n_errors,
        "spacy_model": settings.spacy_model,
        "spacy_docs_per_s": round(len(corpus) / best_spacy, 2),
        "pipeline_docs_per_s": round(len(corpus) / best_pipeline, 2),
        "ratio_pipeline_to_spacy": round(best_pipeline / best_spacy, 3),
        "stage_seconds": stage_seconds,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def format_bench(r: dict) -> str:
    lines = [
        f"corpus: {r['documents']} articles, {r['characters']:,} characters ({r['errors']} errors); model {r['spacy_model']}",
        f"bare spaCy nlp.pipe : {r['spacy_docs_per_s']:8.2f} articles/s",
        f"newsledger pipeline : {r['pipeline_docs_per_s']:8.2f} articles/s",
        f"pipeline / spaCy    : {r['ratio_pipeline_to_spacy']:8.3f} x the time of bare parsing",
        f"peak memory         : {r['peak_rss_mb']:8.1f} MB (resident, this process)",
        "seconds per stage   : " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(r["stage_seconds"].items(), key=lambda kv: -kv[1])),
    ]
    return "\n".join(lines)
