"""Many documents on N worker processes, records back in input order.

    from newsledger.parallel import process_parallel
    for result in process_parallel(read_inputs(paths), workers=2):
        ...                                   # Record or ErrorRecord, in input order

Each worker is a fresh process (the "spawn" start method by default: safe with threads
in the parent, same behaviour on every OS) that loads the spaCy model and builds its
pipeline once, then processes chunks of documents sent to it over its own pipe. The
parent reads the inputs lazily, keeps a bounded number of chunks outstanding, and yields
results in input order.

Failures stay per document:
- a document that fails in a worker gives its error record in place, as in-process;
- a worker that dies (a crash in native code, the OOM killer, `kill -9`) or that overruns
  the hard time limit is replaced; the documents of its chunk are tried again one per
  task, so the one that kills a worker comes back as an error record with the code
  `worker_crash` (or `timeout`) and the others as their records. With
  `retry_crashed=False` every document of the chunk comes back as such an error record.
  A batch is never lost.
- a worker that cannot start (the model does not load) stops the run with
  `WorkerStartError`: that is a set-up problem, not a document's.

`WorkerPool` is the reusable piece (`newsledger ingest` and the bench use it directly);
`process_parallel` is the one-call form. `workers <= 1` runs in this process.

As with any "spawn" multiprocessing, a script that starts workers must do so under
`if __name__ == "__main__":` (the workers import the main module).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import NewsledgerError, TimeBudgetExceeded
from .ingest import InputDocument
from .model import ERROR_SCHEMA, ErrorRecord, Record

if TYPE_CHECKING:
    from .pipeline import Pipeline

# Builds a worker's pipeline from the settings. It must be picklable (a module-level
# function, or functools.partial of one), since it is sent to the worker processes.
PipelineFactory = Callable[[Settings], "Pipeline"]

DEFAULT_CHUNK_SIZE = 8


class WorkerCrash(NewsledgerError):
    """The worker process died while processing this document."""

    code = "worker_crash"


class WorkerStartError(RuntimeError):
    """A worker process could not build its pipeline (for example, the model does not load)."""


@dataclass
class WorkerStats:
    """What one worker process did, as it last reported."""

    pid: int
    documents: int = 0
    chunks: int = 0
    peak_rss_mb: float = 0.0  # the worker's own peak resident memory (model included)
    cpu_seconds: float = 0.0  # user + system CPU time of the worker process
    startup_seconds: float = 0.0  # process start to pipeline ready
    exit: str | None = None  # how it ended if it died during the run ("signal SIGKILL", "exit 1")


@dataclass
class PoolStats:
    workers: dict[int, WorkerStats] = field(default_factory=dict)  # by pid, replaced workers included
    restarts: int = 0
    crashed_documents: int = 0  # documents returned as worker_crash / timeout error records

    @property
    def peak_rss_mb_per_worker(self) -> float:
        return max((w.peak_rss_mb for w in self.workers.values()), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "restarts": self.restarts,
            "crashed_documents": self.crashed_documents,
            "peak_rss_mb_per_worker": round(self.peak_rss_mb_per_worker, 1),
            "workers": [
                {"pid": w.pid, "documents": w.documents, "chunks": w.chunks,
                 "peak_rss_mb": round(w.peak_rss_mb, 1), "cpu_seconds": round(w.cpu_seconds, 2),
                 "startup_seconds": round(w.startup_seconds, 2), "exit": w.exit}
                for w in self.workers.values()
            ],
        }


# ---------------------------------------------------------------------------------------
# The worker process


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _default_factory(settings: Settings) -> Pipeline:
    from .pipeline import Pipeline

    return Pipeline(settings=settings)


def _process_chunk(pipeline: Pipeline, items: list[InputDocument]) -> list[tuple[bool, str]]:
    """(is_error, JSON) per item, in order (`pipeline.process_isolated`: a failure that
    escapes the pipeline costs its own document only)."""
    from .pipeline import process_isolated

    return [(isinstance(r, ErrorRecord), r.to_json()) for r in process_isolated(pipeline, items)]


def _worker_main(conn: Connection, settings: Settings, factory: PipelineFactory | None) -> None:
    # The parent decides when workers stop; Ctrl-C in a terminal must not kill them mid-chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    t0 = time.monotonic()
    try:
        pipeline = (factory or _default_factory)(settings)
        pipeline.warm_up()  # the model and the stages' data, before the first chunk
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which stops the run
        conn.send(("init_error", f"{type(exc).__name__}: {exc}"))
        conn.close()
        return
    conn.send(("ready", os.getpid(), time.monotonic() - t0, _peak_rss_mb(), _cpu_seconds()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            conn.close()
            return
        task_id, items = message
        results = _process_chunk(pipeline, items)
        conn.send(("done", task_id, results, _peak_rss_mb(), _cpu_seconds()))


# ---------------------------------------------------------------------------------------
# The parent side


@dataclass
class _Task:
    id: int
    chunk: int  # the input chunk it belongs to
    offset: int  # position of its first document in the chunk
    items: list[InputDocument]
    retry: bool  # a crash splits it into one-document tasks (else: error records)


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process of the chosen context
    conn: Connection
    started: float
    ready: bool = False
    task: _Task | None = None
    deadline: float = float("inf")


@dataclass
class _Chunk:
    size: int
    parts: dict[int, list[tuple[bool, str]]] = field(default_factory=dict)  # offset -> results
    filled: int = 0


def _describe_exit(process) -> str:
    code = process.exitcode
    if code is None:
        return "unknown"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


def default_start_method() -> str:
    return "spawn"


class WorkerPool:
    """N worker processes, each with its own pipeline; use as a context manager.

        with WorkerPool(2, settings=settings) as pool:
            for result in pool.process(items):     # Record | ErrorRecord, input order
                ...

    `pool.process_json(items)` yields `(is_error, json_text)` instead, without building
    the models in the parent (what `extract` writes). One pool can run several
    `process` calls one after another (not at the same time).
    """

    def __init__(self, workers: int, *, settings: Settings | None = None,
                 pipeline_factory: PipelineFactory | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
                 start_method: str | None = None, retry_crashed: bool = True,
                 hard_time_limit: float | None = None, max_outstanding_chunks: int | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        self.n_workers = workers
        self.settings = settings or Settings()
        self.factory = pipeline_factory
        self.chunk_size = chunk_size
        self.retry_crashed = retry_crashed
        # Seconds a worker may spend per document of a task before it is killed: a hang in
        # native code is not stopped by the pipeline's own between-stage time budget.
        self.hard_time_limit = hard_time_limit if hard_time_limit is not None else 2 * self.settings.time_budget + 30
        self.max_outstanding = max_outstanding_chunks or 4 * workers
        self._ctx: Any = mp.get_context(start_method or default_start_method())  # has Process, Pipe
        self._workers: list[_Worker] = []
        self._running = False
        self.stats = PoolStats()

    # --- life cycle -------------------------------------------------------------------

    def __enter__(self) -> WorkerPool:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers and wait until every one has its pipeline loaded."""
        if self._workers:
            return
        for _ in range(self.n_workers):
            self._workers.append(self._spawn())
        try:
            while not all(w.ready for w in self._workers):
                pending = [w for w in self._workers if not w.ready]
                ready = wait([w.conn for w in pending] + [w.process.sentinel for w in pending])
                for w in pending:
                    if w.conn in ready or w.process.sentinel in ready:
                        self._await_ready(w)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop the workers (politely, then by force)."""
        workers, self._workers = self._workers, []
        for w in workers:
            try:
                if w.process.is_alive() and w.task is None:
                    w.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 5
        for w in workers:
            if w.task is not None:
                w.process.kill()
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(5)
            w.conn.close()

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=_worker_main, args=(child, self.settings, self.factory),
                                    name="newsledger-worker", daemon=True)
        # A worker uses one core: keep BLAS/OpenMP pools in it from starting more threads.
        saved = {k: os.environ.get(k) for k in _THREAD_VARS}
        for k in _THREAD_VARS:
            os.environ.setdefault(k, "1")
        try:
            process.start()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
        child.close()
        return _Worker(process=process, conn=parent, started=time.monotonic())

    def _await_ready(self, w: _Worker) -> None:
        """Read the worker's first message (blocking); raise if it could not start."""
        try:
            message = w.conn.recv()
        except (EOFError, OSError):
            w.process.join(5)
            raise WorkerStartError(f"a worker process died while loading the pipeline ({_describe_exit(w.process)})") from None
        if message[0] == "init_error":
            raise WorkerStartError(f"a worker could not build its pipeline: {message[1]}")
        _, pid, startup, rss, cpu = message
        w.ready = True
        self.stats.workers[pid] = WorkerStats(pid=pid, peak_rss_mb=rss, cpu_seconds=cpu, startup_seconds=startup)

    @property
    def pids(self) -> list[int]:
        """Process ids of the current workers."""
        return [w.process.pid for w in self._workers]

    # --- processing -------------------------------------------------------------------

    def process(self, items: Iterable[InputDocument]) -> Iterator[Record | ErrorRecord]:
        """Records (or error records) for `items`, in input order."""
        for is_error, text in self.process_json(items):
            yield ErrorRecord.model_validate_json(text) if is_error else Record.model_validate_json(text)

    def process_json(self, items: Iterable[InputDocument]) -> Iterator[tuple[bool, str]]:
        """`(is_error, record JSON)` for `items`, in input order."""
        if self._running:
            raise RuntimeError("this pool is already processing; one process() call at a time")
        self.start()
        self._running = True
        try:
            yield from self._run(iter(items))
        finally:
            self._running = False

    def _run(self, inputs: Iterator[InputDocument]) -> Iterator[tuple[bool, str]]:
        queue: deque[_Task] = deque()
        chunks: dict[int, _Chunk] = {}
        next_chunk = next_yield = next_task = 0
        exhausted = False

        def finish(task: _Task, results: list[tuple[bool, str]]) -> None:
            chunk = chunks[task.chunk]
            chunk.parts[task.offset] = results
            chunk.filled += len(results)

        while True:
            # read more input while few chunks are outstanding
            while not exhausted and next_chunk - next_yield < self.max_outstanding:
                batch = list(islice(inputs, self.chunk_size))
                if not batch:
                    exhausted = True
                    break
                chunks[next_chunk] = _Chunk(size=len(batch))
                queue.append(_Task(next_task, next_chunk, 0, batch, retry=self.retry_crashed and len(batch) > 1))
                next_chunk += 1
                next_task += 1
            # give work to idle workers
            for w in self._workers:
                if w.ready and w.task is None and queue:
                    task = queue.popleft()
                    w.task = task
                    w.deadline = time.monotonic() + self.hard_time_limit * len(task.items)
                    with contextlib.suppress(OSError, ValueError):  # if it died, its sentinel says so below
                        w.conn.send((task.id, task.items))
            # hand out the finished chunks, in order
            while next_yield in chunks and chunks[next_yield].filled == chunks[next_yield].size:
                chunk = chunks.pop(next_yield)
                next_yield += 1
                for offset in sorted(chunk.parts):
                    yield from chunk.parts[offset]
            if exhausted and next_yield == next_chunk:
                return
            # wait for a result, a death, or a deadline
            now = time.monotonic()
            timeout = min((w.deadline for w in self._workers if w.task is not None), default=now + 60) - now
            waitables: list[Any] = []
            for w in self._workers:
                waitables += [w.conn, w.process.sentinel]
            ready = set(wait(waitables, timeout=max(0.0, timeout)))
            for i, w in enumerate(list(self._workers)):
                closed = False
                if w.conn in ready:
                    try:
                        message = w.conn.recv()
                    except (EOFError, OSError):
                        closed = True
                    else:
                        self._on_message(w, message, finish)
                        continue
                if closed or w.process.sentinel in ready:
                    if not closed and w.conn.poll():
                        continue  # it sent something before it died: read that first
                    w.process.join(5)
                    self._replace(i, w, queue, finish, _describe_exit(w.process), timed_out=False)
                elif w.task is not None and time.monotonic() > w.deadline:
                    w.process.kill()
                    w.process.join(5)
                    self._replace(i, w, queue, finish, "killed after the hard time limit", timed_out=True)

    def _on_message(self, w: _Worker, message: tuple, finish: Callable[[_Task, list], None]) -> None:
        kind = message[0]
        if kind == "ready":
            _, pid, startup, rss, cpu = message
            w.ready = True
            self.stats.workers[pid] = WorkerStats(pid=pid, peak_rss_mb=rss, cpu_seconds=cpu, startup_seconds=startup)
        elif kind == "init_error":
            raise WorkerStartError(f"a replacement worker could not build its pipeline: {message[1]}")
        elif kind == "done":
            _, task_id, results, rss, cpu = message
            task = w.task
            if task is None or task.id != task_id:  # cannot happen: one task per worker
                raise RuntimeError(f"worker {w.process.pid} answered task {task_id}, not the one it was given")
            w.task = None
            w.deadline = float("inf")
            stats = self.stats.workers.setdefault(w.process.pid, WorkerStats(pid=w.process.pid))
            stats.documents += len(task.items)
            stats.chunks += 1
            stats.peak_rss_mb, stats.cpu_seconds = rss, cpu
            finish(task, results)

    def _replace(self, index: int, w: _Worker, queue: deque[_Task], finish: Callable[[_Task, list], None],
                 how: str, *, timed_out: bool) -> None:
        """A worker died (or was killed): settle its task, start another worker in its place."""
        w.conn.close()
        stats = self.stats.workers.get(w.process.pid)
        if stats is not None:
            stats.exit = how
        if not w.ready:
            raise WorkerStartError(f"a replacement worker died while loading the pipeline ({how})")
        task = w.task
        if task is not None:
            if task.retry:
                # one document per task from now on, at the head of the queue, in order
                singles = [_Task(-1 - k, task.chunk, task.offset + k, [item], retry=False)
                           for k, item in enumerate(task.items)]
                for single in reversed(singles):
                    queue.appendleft(single)
            else:
                if timed_out:
                    exc: NewsledgerError = TimeBudgetExceeded(
                        f"the worker was killed after {self.hard_time_limit:g} s per document (hard time limit)")
                else:
                    exc = WorkerCrash(f"the worker process died while processing this document ({how})")
                finish(task, [(True, ErrorRecord.for_input(item, exc).to_json()) for item in task.items])
                self.stats.crashed_documents += len(task.items)
        self.stats.restarts += 1
        self._workers[index] = self._spawn()


_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def process_parallel(items: Iterable[InputDocument], *, workers: int = 2, settings: Settings | None = None,
                     pipeline_factory: PipelineFactory | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
                     **pool_options) -> Iterator[Record | ErrorRecord]:
    """Records (or error records, in place) for `items`, in input order, on `workers`
    processes. With `workers <= 1` the pipeline runs in this process."""
    if workers <= 1:
        pipeline = (pipeline_factory or _default_factory)(settings or Settings())
        yield from pipeline.process(items)
        return
    with WorkerPool(workers, settings=settings, pipeline_factory=pipeline_factory,
                    chunk_size=chunk_size, **pool_options) as pool:
        yield from pool.process(items)


def process_parallel_json(items: Iterable[InputDocument], *, workers: int = 2, settings: Settings | None = None,
                          pipeline_factory: PipelineFactory | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
                          pipeline: Pipeline | None = None, **pool_options) -> Iterator[tuple[bool, str]]:
    """Like `process_parallel`, as `(is_error, record JSON)`. With `workers <= 1`, `pipeline`
    (or one built here) runs in this process."""
    if workers <= 1:
        pipeline = pipeline or (pipeline_factory or _default_factory)(settings or Settings())
        for r in pipeline.process(items):
            yield r.schema_ == ERROR_SCHEMA, r.to_json()
        return
    with WorkerPool(workers, settings=settings, pipeline_factory=pipeline_factory,
                    chunk_size=chunk_size, **pool_options) as pool:
        yield from pool.process_json(items)


__all__ = ["PipelineFactory", "PoolStats", "WorkerCrash", "WorkerPool", "WorkerStartError", "WorkerStats",
           "process_parallel", "process_parallel_json"]
