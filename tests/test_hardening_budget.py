"""The per-document time budget is enforced inside a stage, not only between stages.

Deliberately slow stages (a Python loop that never ends, a regular expression that
backtracks for ever, a stage that swallows the interrupt, a slow parse) must cost their
document a `timeout` error record within about the budget, and the documents around it
must come out as records.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time

import pytest

from newsledger.config import Settings
from newsledger.errors import TimeBudgetExceeded
from newsledger.ingest import InputDocument
from newsledger.model import ErrorRecord, Record
from newsledger.pipeline import Pipeline, time_limit
from newsledger.stages.base import Stage

BUDGET = 0.6
SLOW = "SLOWDOWN"  # the marker that makes the test stages slow
TEXT = "The council met on Monday and agreed to publish the report next week."


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


class LoopStage(Stage):
    """Never returns on a marked document (a pure-Python runaway)."""

    name = "loop"
    needs_parse = True

    def __call__(self, document):
        if SLOW in document.text:
            while True:
                pass


class RegexStage(Stage):
    """A catastrophically backtracking regular expression on a marked document."""

    name = "regex"

    def __call__(self, document):
        if SLOW in document.text:
            re.match(r"(a+)+b", "a" * 64)


class SwallowStage(Stage):
    """Catches every exception, the interrupt included, and goes on being slow."""

    name = "swallow"

    def __call__(self, document):
        if SLOW in document.text:
            with contextlib.suppress(Exception):  # the point of this stage
                _spin(10 * BUDGET)
            _spin(2 * BUDGET)


class PreParseLoop(Stage):
    """A runaway before the parse (a metadata check)."""

    name = "pre_loop"
    needs_parse = False

    def __call__(self, document):
        if SLOW in document.text:
            while True:
                pass


class SlowNlp:
    """A spaCy stand-in whose parse of a marked text never ends."""

    def __init__(self, nlp):
        self.nlp = nlp

    def __call__(self, text):
        if SLOW in text:
            while True:
                pass
        return self.nlp(text)

    def pipe(self, texts, batch_size=16):
        for text in texts:
            yield self(text)


def _inputs(n: int, slow_at: int) -> list[InputDocument]:
    return [InputDocument(f"{SLOW} {TEXT}" if i == slow_at else f"{TEXT} Item {i}.", raw=True,
                          format="text", input_id=str(i)) for i in range(n)]


def _run(pipeline: Pipeline, items) -> tuple[list, float]:
    t0 = time.monotonic()
    results = list(pipeline.process(items))
    return results, time.monotonic() - t0


def _check(results, slow_at: int, n: int) -> None:
    assert len(results) == n
    for i, r in enumerate(results):
        if i == slow_at:
            assert isinstance(r, ErrorRecord), r
            assert r.error.code == "timeout"
        else:
            assert isinstance(r, Record), r
            assert r.article.input_id == str(i)


@pytest.mark.parametrize("stage", [LoopStage, RegexStage, SwallowStage, PreParseLoop])
def test_hardening_budget_interrupts_a_slow_stage(nlp, stage):
    pipeline = Pipeline(nlp=nlp, stages=[stage()], settings=Settings(time_budget=BUDGET))
    results, seconds = _run(pipeline, _inputs(5, slow_at=2))
    _check(results, slow_at=2, n=5)
    # the budget, plus the swallowing stage's own slow tail, plus parsing four short texts
    assert seconds < 4 * BUDGET + 5


def test_hardening_budget_interrupts_a_slow_parse(nlp):
    pipeline = Pipeline(nlp=SlowNlp(nlp), stages=[], settings=Settings(time_budget=BUDGET))
    results, seconds = _run(pipeline, _inputs(4, slow_at=1))
    _check(results, slow_at=1, n=4)
    assert seconds < 3 * BUDGET + 5


def test_hardening_budget_holds_in_a_worker_thread(nlp):
    # a web server runs the pipeline in its worker threads, where SIGALRM cannot reach
    pipeline = Pipeline(nlp=nlp, stages=[LoopStage()], settings=Settings(time_budget=BUDGET))
    out: dict = {}

    def work():
        out["results"], out["seconds"] = _run(pipeline, _inputs(3, slow_at=0))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive()
    _check(out["results"], slow_at=0, n=3)
    assert out["seconds"] < 3 * BUDGET + 5


def test_hardening_budget_extract_raises_timeout(nlp):
    pipeline = Pipeline(nlp=nlp, stages=[RegexStage()], settings=Settings(time_budget=BUDGET))
    with pytest.raises(TimeBudgetExceeded) as info:
        pipeline.extract(f"{SLOW} {TEXT}", raw=True)
    assert info.value.code == "timeout"
    assert pipeline.extract(TEXT, raw=True).text == TEXT


def test_hardening_budget_leaves_no_alarm_behind(nlp):
    pipeline = Pipeline(nlp=nlp, stages=[LoopStage()], settings=Settings(time_budget=BUDGET))
    _run(pipeline, _inputs(2, slow_at=0))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    _spin(BUDGET + 0.2)  # nothing fires later


def test_hardening_budget_time_limit_respects_a_foreign_alarm():
    # someone else's SIGALRM handler and timer are left alone: the watchdog thread is used
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        with pytest.raises(TimeBudgetExceeded, match="too slow"), time_limit(0.3, "too slow"):
            _spin(5)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 20
        assert not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_hardening_budget_time_limit_lets_fast_code_finish():
    for _ in range(50):
        with time_limit(5, "slow"):
            sum(range(1000))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with pytest.raises(TimeBudgetExceeded), time_limit(0, "no time left"):
        pass


def test_hardening_budget_default_pipeline_times_out_not_hangs(pipeline, monkeypatch):
    # the real stages under a budget too small for a long article: a coded error, quickly
    text = " ".join([TEXT] * 400)
    small = Pipeline(nlp=pipeline.nlp, settings=Settings(time_budget=0.05))
    t0 = time.monotonic()
    results = list(small.process([InputDocument(text, raw=True, format="text")]))
    assert time.monotonic() - t0 < 10
    assert isinstance(results[0], ErrorRecord) and results[0].error.code == "timeout"
