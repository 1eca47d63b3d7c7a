"""The bench's machinery: load metering, the scaling runs, the report's verdicts."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from newsledger.bench.pipeline import Meter, _descendants, bench_corpus, format_bench, workers_bench

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@linux_only
def test_bench_meter_counts_our_cpu_apart_from_the_others():
    with Meter() as m:
        t0 = time.process_time()
        while time.process_time() - t0 < 0.4:
            pass
    d = m.to_dict(10)
    assert d["seconds"] >= 0.4 and d["docs_per_s"] == pytest.approx(10 / d["seconds"], rel=0.01)
    # the busy loop's 0.4 CPU seconds are ours, however busy the machine is
    assert d["our_cores"] * d["seconds"] == pytest.approx(0.4, abs=0.1)
    assert d["cpu_ms_per_doc"] == pytest.approx(40, abs=10)
    assert d["others_cores"] >= 0.0


@linux_only
def test_bench_descendants_include_child_processes():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert child.pid in _descendants(__import__("os").getpid())
    finally:
        child.kill()
        child.wait()


def test_bench_workers_runs_report_throughput_and_memory(settings):
    corpus = bench_corpus(3)
    out = workers_bench(corpus, settings=settings, repeats=1, counts=(1, 2))
    for n in ("1", "2"):
        assert out[n]["docs_per_s"] > 0 and out[n]["errors"] == 0
        assert 50 < out[n]["peak_rss_mb_per_worker"] < 1536
        assert out[n]["startup_seconds"] > 0
    assert out["speedup_2_over_1"] == pytest.approx(out["2"]["docs_per_s"] / out["1"]["docs_per_s"], rel=0.01)


def _run(rate: float, cores: float = 1.0) -> dict:
    return {"seconds": 10 / rate, "docs_per_s": rate, "our_cores": cores, "others_cores": 0.1,
            "startup_seconds": 2.0, "peak_rss_mb_per_worker": 310.0}


def test_bench_report_gives_verdicts_against_the_targets():
    report = {"documents": 40, "characters": 1000, "errors": 0, "spacy_model": "m", "spacy_docs_per_s": 20.0,
              "pipeline_docs_per_s": 10.0, "ratio_pipeline_to_spacy": 2.0, "stage_seconds": {"parse": 1.0},
              "peak_rss_mb": 250.0, "cpu_count": 2,
              "scaling": {"documents": 300, "repeats": 2,
                          "workers": {"1": _run(10.0), "2": _run(18.0, 2.0), "speedup_2_over_1": 1.8},
                          "spark": {"local[1]": _run(8.0), "local[2]": _run(12.0, 2.0), "speedup_2_over_1": 1.5}}}
    text = format_bench(report)
    assert "pipeline / spaCy" in text and "(target <= 1.3: NO)" in text
    lines = {line.split(":")[0].strip(): line for line in text.splitlines()}
    assert "target >= 1.7: yes" in lines["--workers 2 vs 1"]
    assert "target >= 1.7: NO" in lines["spark 2 vs 1"]
    assert "target < 1536 MB: yes" in lines["peak memory per worker"]
    report["scaling"]["spark"] = {"skipped": "pyspark is not installed"}
    assert "spark: skipped" in format_bench(report)
