"""Throughput and memory of the pipeline, next to bare spaCy on the same texts in the same run,
and how it scales: 1 and 2 worker processes (`--workers`), Spark local[1] and local[2].

The corpus is fixed: the bundled seed article plus deterministic synthetic articles
(`newsledger.synthetic`). Reported:

- in this process: articles/second for bare `nlp.pipe` and for the whole pipeline
  (ingest + parse + stages), their ratio, seconds per stage, peak resident memory;
- scaling, on a larger corpus: articles/second with 1 and 2 worker processes and with
  Spark local[1] and local[2] (end to end: read JSON Lines, extract, write Parquet), the
  speed-up of 2 over 1, the start-up time (model loads) kept apart from the throughput,
  and the peak resident memory of each worker process. Spark runs on twice as many
  articles (`SPARK_CORPUS_FACTOR`): writing its events table has a fixed cost per event
  month that does not shrink with more cores.

Other programs on the machine slow the scaling runs down, and a busy machine makes two
workers look worse than they are. So every timed run also reports the CPU time that
*other* processes used while it ran (all busy CPU time from /proc/stat minus this
process tree's), as "others used N cores", and the load average. Runs are repeated
(1 and 2 workers interleaved) and the best of each is kept. Read a speed-up together
with the load the others put on the machine during those runs.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..config import Settings
from ..ingest import InputDocument, to_document
from ..synthetic import generate

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed" / "article.txt"
SCALING_TARGET = 1.7  # two workers vs one, on a two-core machine
MEMORY_LIMIT_MB = 1536  # peak resident memory per worker
DISTURBED_CORES = 0.25  # other programs' CPU use above which a scaling figure is flagged


def bench_corpus(n_docs: int) -> list[InputDocument]:
    docs = [InputDocument(SEED.read_bytes(), source="seed")]
    for a in generate(max(0, n_docs - 1), seed=11):
        docs.append(InputDocument(a.text, source=a.id, input_id=a.id, published=a.published))
    return docs


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --- what the machine is doing --------------------------------------------------------

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _system_busy_seconds() -> float | None:
    """CPU seconds spent busy (not idle or waiting on I/O) by all cores since boot."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    # guest time is already counted in user time
    total = sum(fields[:8]) if len(fields) >= 8 else sum(fields)
    return (total - idle) / _CLOCK_TICKS


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        rest = _stat_fields(int(entry))
        if rest is not None:
            children.setdefault(int(rest[1]), []).append(int(entry))
    return children


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None when the
    process is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return None
    return stat[stat.rfind(")") + 2:].split()


def _descendants(pid: int) -> list[int]:
    children = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _tree_cpu_seconds() -> float | None:
    """CPU seconds used by this process, its live descendants, and children they reaped."""
    if not os.path.isdir("/proc"):
        return None
    total = 0.0
    for pid in _descendants(os.getpid()):
        rest = _stat_fields(pid)
        if rest is None:
            continue
        # utime stime cutime cstime are fields 14-17 of stat, 12-15 after the command
        total += sum(int(x) for x in rest[11:15]) / _CLOCK_TICKS
    return total


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Meter:
    """Wall time of a run and the CPU time that other processes used meanwhile."""

    def __enter__(self) -> Meter:
        self.load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        self._busy0, self._ours0 = _system_busy_seconds(), _tree_cpu_seconds()
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc_info) -> None:
        self.seconds = time.perf_counter() - self._t0
        busy, ours = _system_busy_seconds(), _tree_cpu_seconds()
        self.ours_cores = self.others_cores = None
        if busy is not None and ours is not None and self._busy0 is not None and self._ours0 is not None \
                and self.seconds > 0:
            ours_s = ours - self._ours0
            self.ours_cores = ours_s / self.seconds
            self.others_cores = max(0.0, (busy - self._busy0) - ours_s) / self.seconds
        self.load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None

    def to_dict(self, n_docs: int) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 3),
            "docs_per_s": round(n_docs / self.seconds, 2),
            "our_cores": None if self.ours_cores is None else round(self.ours_cores, 2),
            # CPU spent per article by this process tree (workers, JVM): the cost of the
            # machinery itself, which other programs' load does not change much
            "cpu_ms_per_doc": None if self.ours_cores is None else round(1000 * self.ours_cores * self.seconds / n_docs, 1),
            "others_cores": None if self.others_cores is None else round(self.others_cores, 2),
            "loadavg_1m": [self.load_before, self.load_after],
        }


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return min(runs, key=lambda r: r["seconds"])


def _schedule(settings: tuple, repeats: int) -> list:
    """A B, B A, A B ...: each setting runs early and late alike."""
    out: list = []
    for r in range(repeats):
        out.extend(settings if r % 2 == 0 else tuple(reversed(settings)))
    return out


# --- the benches ----------------------------------------------------------------------

IN_PROCESS_REPEATS = 5  # timed runs of bare spaCy and of the pipeline, alternating (best kept)
SPARK_CORPUS_FACTOR = 2  # Spark's scaling runs take this many times the scaling corpus


def run_bench(n_docs: int = 40, settings: Settings | None = None, repeats: int = 2, *,
              scale_docs: int = 0, scale_repeats: int = 2, spark: bool = True,
              progress: Callable[[str], None] | None = None) -> dict:
    """The in-process comparison with bare spaCy; with `scale_docs` > 0, also the scaling
    runs (workers, and Spark when `spark` and pyspark is installed)."""
    from ..pipeline import Pipeline

    say = progress or (lambda _msg: None)
    settings = settings or Settings()
    pipeline = Pipeline(settings=settings)
    corpus = bench_corpus(n_docs)
    # the two runs are short (seconds): more of them, alternating, so that a moment of other
    # work on the machine does not decide the ratio
    in_process_repeats = max(repeats, IN_PROCESS_REPEATS)
    say(f"in-process: {len(corpus)} articles, bare spaCy vs pipeline, best of {in_process_repeats}")
    # warm up: model load, gazetteer open, lazy data files
    list(pipeline.process(corpus[:2]))
    bodies = [to_document(d, max_bytes=settings.max_bytes).text for d in corpus]
    chars = sum(len(b) for b in bodies)

    best_spacy = best_pipeline = float("inf")
    stage_seconds: dict[str, float] = {}
    for _ in range(in_process_repeats):
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
    report: dict[str, Any] = {
        "documents": len(corpus),
        "characters": chars,
        "errors": n_errors,
        "spacy_model": settings.spacy_model,
        "spacy_docs_per_s": round(len(corpus) / best_spacy, 2),
        "pipeline_docs_per_s": round(len(corpus) / best_pipeline, 2),
        "ratio_pipeline_to_spacy": round(best_pipeline / best_spacy, 3),
        "stage_seconds": stage_seconds,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "cpu_count": os.cpu_count(),
    }
    if scale_docs > 0:
        del pipeline  # the scaling runs start their own processes
        report["scaling"] = scaling_bench(scale_docs, settings=settings, repeats=scale_repeats,
                                          spark=spark, say=say)
    return report


def scaling_bench(n_docs: int, *, settings: Settings, repeats: int = 2, spark: bool = True,
                  say: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    corpus = bench_corpus(n_docs)
    out: dict[str, Any] = {"documents": len(corpus), "repeats": repeats,
                           "workers": workers_bench(corpus, settings=settings, repeats=repeats, say=say)}
    if spark:
        # Spark takes twice the articles: committing the events table costs ~2 s whatever the
        # number of cores (one folder per event month, ~90 here), which on a corpus of the size
        # Spark is for is nothing but on 300 articles would hide how extraction scales
        out["spark"] = spark_bench(bench_corpus(SPARK_CORPUS_FACTOR * n_docs), settings=settings,
                                   repeats=repeats, say=say)
    return out


def workers_bench(corpus: list[InputDocument], *, settings: Settings, repeats: int = 2,
                  counts: tuple[int, ...] = (1, 2), say: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """`WorkerPool` with 1 and 2 processes on the same corpus, runs interleaved (1 2 2 1 ...)."""
    from ..parallel import WorkerPool

    pools: dict[int, WorkerPool] = {}
    startup: dict[int, float] = {}
    runs: dict[int, list[dict[str, Any]]] = {n: [] for n in counts}
    try:
        for n in counts:
            t0 = time.perf_counter()
            pools[n] = WorkerPool(n, settings=settings)
            pools[n].start()
            startup[n] = time.perf_counter() - t0
        for r, n in enumerate(_schedule(counts, repeats)):
            say(f"workers={n}: run {len(runs[n]) + 1}/{repeats} on {len(corpus)} articles")
            with Meter() as m:
                results = list(pools[n].process_json(corpus))
            run = m.to_dict(len(corpus))
            run["errors"] = sum(1 for is_error, _ in results if is_error)
            run["order"] = r
            runs[n].append(run)
            say(f"   {run['docs_per_s']:.2f} articles/s; others used {run['others_cores']} cores")
        stats = {n: pools[n].stats for n in counts}
    finally:
        for pool in pools.values():
            pool.close()
    out: dict[str, Any] = {}
    for n in counts:
        best = _best(runs[n])
        out[str(n)] = {**best, "startup_seconds": round(startup[n], 2),
                       "peak_rss_mb_per_worker": round(stats[n].peak_rss_mb_per_worker, 1),
                       "runs": runs[n]}
    if 1 in counts and 2 in counts:
        out["speedup_2_over_1"] = round(out["2"]["docs_per_s"] / out["1"]["docs_per_s"], 3)
    return out


@contextmanager
def _spark_session(master: str):
    from ..spark import spark_session

    spark = spark_session(master, app_name=f"newsledger-bench-{master}")
    try:
        yield spark
    finally:
        spark.stop()


def spark_bench(corpus: list[InputDocument], *, settings: Settings, repeats: int = 2,
                masters: tuple[str, ...] = ("local[1]", "local[2]"), partitions: int = 16,
                say: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """`newsledger.spark.run` end to end (JSON Lines in, Parquet out) in local mode."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return {"skipped": "pyspark is not installed (make install installs the spark extra)"}
    from ..spark import run

    out: dict[str, Any] = {"partitions": partitions, "documents": len(corpus)}
    runs: dict[str, list[dict[str, Any]]] = {m: [] for m in masters}
    startups: dict[str, list[float]] = {m: [] for m in masters}
    jvm_peak = 0.0
    # sessions in the order local[1] local[2] local[2] local[1] ...: one session per
    # stretch of the same master, so a change of load on the machine hits both alike
    schedule = _schedule(masters, repeats)
    stretches: list[tuple[str, int]] = []
    for m in schedule:
        if stretches and stretches[-1][0] == m:
            stretches[-1] = (m, stretches[-1][1] + 1)
        else:
            stretches.append((m, 1))
    with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text("".join(json.dumps(_as_json(d)) + "\n" for d in corpus), encoding="utf-8")
        order = 0
        for k, (master, count) in enumerate(stretches):
            # the first session also warms the JVM's compiler up on a larger sample
            warm = Path(tmp) / f"warm-{k}.jsonl"
            sample = corpus[:48] if k == 0 else corpus[:8]
            warm.write_text("".join(json.dumps(_as_json(d)) + "\n" for d in sample), encoding="utf-8")
            t0 = time.perf_counter()
            with _spark_session(master) as spark:
                cores = spark.sparkContext.defaultParallelism
                # a Python worker per core with its model loaded before the timed runs
                run(spark, str(warm), f"{tmp}/warm-{k}-out", settings=settings, partitions=cores, mode="overwrite")
                startups[master].append(time.perf_counter() - t0)
                for _ in range(count):
                    say(f"spark {master}: run {len(runs[master]) + 1}/{repeats} on {len(corpus)} articles")
                    with Meter() as m:
                        rep = run(spark, str(src), f"{tmp}/out", settings=settings,
                                  partitions=partitions, mode="overwrite")
                    entry = m.to_dict(len(corpus))
                    entry.update(errors=rep["errors"], python_workers=rep["python_workers"],
                                 peak_rss_mb_per_worker=rep["peak_rss_mb_per_worker"],
                                 seconds_extract=rep["seconds_extract"], seconds_write=rep["seconds_write"],
                                 order=order)
                    order += 1
                    runs[master].append(entry)
                    say(f"   {entry['docs_per_s']:.2f} articles/s; others used {entry['others_cores']} cores")
                jvm = [_vm_hwm_mb(p) for p in _descendants(os.getpid()) if _is_java(p)]
                jvm_peak = max(jvm_peak, *(j for j in jvm if j), 0.0)
    for master in masters:
        out[master] = {**_best(runs[master]), "startup_seconds": round(min(startups[master]), 2),
                       "peak_rss_mb_per_worker": max(r["peak_rss_mb_per_worker"] for r in runs[master]),
                       "runs": runs[master]}
    out["jvm_peak_rss_mb"] = round(jvm_peak, 1)
    if len(masters) == 2:
        out["speedup_2_over_1"] = round(out[masters[1]]["docs_per_s"] / out[masters[0]]["docs_per_s"], 3)
    return out


def _is_java(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/comm", encoding="ascii", errors="replace") as f:
            return f.read().strip() == "java"
    except OSError:
        return False


def _as_json(d: InputDocument) -> dict[str, Any]:
    content = d.content.decode("utf-8") if isinstance(d.content, bytes) else d.content
    obj: dict[str, Any] = {"id": d.input_id or d.source, "text": content}
    if d.published:
        obj["published"] = d.published
    return obj


# --- the report -----------------------------------------------------------------------

def _verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def format_bench(r: dict) -> str:
    lines = [
        f"corpus: {r['documents']} articles, {r['characters']:,} characters ({r['errors']} errors); model {r['spacy_model']}",
        f"bare spaCy nlp.pipe : {r['spacy_docs_per_s']:8.2f} articles/s",
        f"newsledger pipeline : {r['pipeline_docs_per_s']:8.2f} articles/s",
        f"pipeline / spaCy    : {r['ratio_pipeline_to_spacy']:8.3f} x the time of bare parsing (target <= 1.3: {_verdict(r['ratio_pipeline_to_spacy'] <= 1.3)})",
        f"peak memory         : {r['peak_rss_mb']:8.1f} MB (resident, this process)",
        "seconds per stage   : " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(r["stage_seconds"].items(), key=lambda kv: -kv[1])),
    ]
    s = r.get("scaling")
    if s:
        lines.append(f"scaling: {s['documents']} articles on {r.get('cpu_count')} cores, best of {s['repeats']} runs each "
                     "(others = CPU the rest of the machine used meanwhile, in cores)")
        groups = [("--workers", s["workers"], ("1", "2"))]
        sp = s.get("spark")
        if sp and "skipped" not in sp:
            groups.append(("spark", sp, ("local[1]", "local[2]")))
        for label, g, keys in groups:
            if label == "spark" and g.get("documents"):
                lines.append(f"  spark on {g['documents']} articles (the fixed cost of writing the tables weighs as on a "
                             "larger corpus):")
            for k in keys:
                e = g[k]
                lines.append(f"  {label} {k:<9}: {e['docs_per_s']:8.2f} articles/s  ({e['seconds']:.1f} s; "
                             f"start-up {e['startup_seconds']:.1f} s; we used {e['our_cores']} cores, "
                             f"{e.get('cpu_ms_per_doc')} CPU ms/article; others used {e['others_cores']} cores; "
                             f"peak memory per worker {e['peak_rss_mb_per_worker']:.0f} MB)")
                if "seconds_extract" in e:
                    lines.append(f"  {'':<{len(label)}} {'':<9}  of which reading + extracting {e['seconds_extract']:.1f} s, "
                                 f"writing the tables {e['seconds_write']:.1f} s")
            speedup = g.get("speedup_2_over_1")
            if speedup is not None:
                lines.append(f"  {label} 2 vs 1    : {speedup:8.3f} x (target >= {SCALING_TARGET}: {_verdict(speedup >= SCALING_TARGET)})")
                busy = max((g[k].get("others_cores") or 0.0) for k in keys)
                if busy > DISTURBED_CORES:
                    lines.append(f"  {'':<{len(label)}} disturbed: other programs used up to {busy:.2f} of the "
                                 f"{r.get('cpu_count')} cores during these runs, so this understates a free machine")
        if sp and "skipped" in sp:
            lines.append(f"  spark: skipped ({sp['skipped']})")
        peaks = [s["workers"][k]["peak_rss_mb_per_worker"] for k in ("1", "2")]
        if sp and "skipped" not in sp:
            peaks += [sp[k]["peak_rss_mb_per_worker"] for k in ("local[1]", "local[2]")]
        top = max(peaks)
        lines.append(f"  peak memory per worker: {top:.0f} MB (target < {MEMORY_LIMIT_MB} MB: {_verdict(top < MEMORY_LIMIT_MB)})")
    return "\n".join(lines)

