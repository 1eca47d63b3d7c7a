"""A short coverage-guided fuzzing run of ingest + extract (fuzz/fuzz_ingest_extract.py)
finds no crash: `make test` runs it for seconds, `make fuzz` for minutes.

Without atheris (it builds wheels for Linux only), the same target is driven by
Hypothesis with random bytes instead.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.targets import KINDS, run_input

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "fuzz" / "fuzz_ingest_extract.py"
SECONDS = 8
HAVE_ATHERIS = importlib.util.find_spec("atheris") is not None


@pytest.mark.skipif(not HAVE_ATHERIS, reason="atheris is not installed (Linux wheels only)")
def test_fuzz_atheris_short_run_finds_no_crash(tmp_path):
    seeds, work, artifacts = tmp_path / "seeds", tmp_path / "work", tmp_path / "artifacts"
    work.mkdir()
    artifacts.mkdir()
    subprocess.run([sys.executable, str(TARGET), "--write-seeds", str(seeds), "4096"], check=True,
                   capture_output=True, timeout=120)
    assert len(list(seeds.iterdir())) > 30
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(TARGET), f"-max_total_time={SECONDS}", "-timeout=60", "-rss_limit_mb=4096",
         "-max_len=4096", f"-artifact_prefix={artifacts}/", str(work), str(seeds)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert list(artifacts.iterdir()) == []  # no crash, timeout or out-of-memory input written
    runs = re.search(r"Done (\d+) runs in (\d+) second", output)
    assert runs and int(runs.group(1)) > 0, output[-2000:]
    assert time.monotonic() - t0 < 300


@pytest.mark.skipif(HAVE_ATHERIS, reason="atheris runs the real target above")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=2, max_size=2000))
def test_fuzz_fallback_random_bytes_find_no_crash(pipeline, data):
    run_input(pipeline, KINDS[data[0] % len(KINDS)], data[2:], raw=bool(data[1] & 1))
