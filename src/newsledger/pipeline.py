"""The pipeline: ingest, pre-parse stages, one spaCy parse, analysis stages, record.

Documents are processed in batches (spaCy's `nlp.pipe`), and every failure is
per document: a bad input or a stage that raises yields an error record in that
document's place, and the batch goes on.

Each document has a time budget (`Settings.time_budget`, NEWSLEDGER_TIME_BUDGET): its
reading, stages and its share of the parse must fit in it, or it becomes a `timeout`
error record. The budget is enforced inside a stage, not only between stages (see
`time_limit`); time the pipeline spends loading its model and data is not charged.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from .config import Settings
from .document import Document
from .errors import InputError, NewsledgerError, StageFailure, TimeBudgetExceeded
from .ingest import InputDocument, to_document
from .knowledge import ActorKnowledge
from .model import ErrorRecord, Record
from .nlp import load_spacy
from .stages import default_stages
from .stages.base import Stage, check_stage_order

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class _Overrun(TimeBudgetExceeded):
    """Raised asynchronously in a thread that overran its time limit (no arguments possible)."""

    def __init__(self, message: str = "the document exceeded its time budget") -> None:
        super().__init__(message)


class time_limit:  # noqa: N801 - used as a context manager, like contextlib's
    """`with time_limit(seconds, message):` raises TimeBudgetExceeded(message) in this
    thread once `seconds` have passed inside the block.

    In the main thread the limit is a SIGALRM timer (setitimer) whose handler raises: it
    interrupts Python code wherever it is, and the regular-expression engine, which checks
    for signals as it runs. In other threads (a web server's workers) a watchdog thread
    raises the exception asynchronously in the thread (PyThreadState_SetAsyncExc); that
    takes effect at the thread's next Python instruction, so a long call into native code
    is cut short only when it returns (the between-stage check then also applies). The
    main thread uses the watchdog too when SIGALRM is someone else's (a handler or a
    timer already set). Worker processes (newsledger.parallel) add a hard kill on top.

    The exception is raised once: code that catches every exception can swallow it, so
    callers also compare the clock with the deadline after each stage. Raising once also
    keeps the exit safe: an alarm that fires as the block ends can only end it early.
    """

    def __init__(self, seconds: float, message: str) -> None:
        self.seconds = seconds
        self.message = message
        self._previous: Any = None  # the SIGALRM handler before ours
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._done = False
        self._fired = False

    def _use_signal(self) -> bool:
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return False
        handler = signal.getsignal(signal.SIGALRM)
        ours = getattr(handler, "__func__", None) is time_limit._on_alarm  # left by an exit an alarm cut short
        if handler not in (signal.SIG_DFL, signal.SIG_IGN) and not ours:
            return False  # a Python handler, or one set outside Python (None): not ours to replace
        return signal.getitimer(signal.ITIMER_REAL)[0] == 0

    def __enter__(self) -> time_limit:
        if self.seconds <= 0:
            raise TimeBudgetExceeded(self.message)
        if self._use_signal():
            self._previous = signal.signal(signal.SIGALRM, self._on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self._thread_id = threading.get_ident()
            self._start_timer(self.seconds)
        return self

    def _start_timer(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._raise_in_thread)
        self._timer.daemon = True
        self._timer.start()

    def _on_alarm(self, signum, frame) -> None:
        if not self._done:
            raise TimeBudgetExceeded(self.message)

    def _raise_in_thread(self) -> None:
        with self._lock:
            if self._done:
                return
            self._fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread_id), ctypes.py_object(_Overrun))

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._timer is None:
            self._done = True
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
            return
        with self._lock:
            self._done = True
        self._timer.cancel()
        if self._fired and exc_type is None:
            # fired as the block ended: withdraw the exception if it is still pending
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread_id), None)
        if exc_type is not None and issubclass(exc_type, _Overrun):
            raise TimeBudgetExceeded(self.message) from None


# A short English text run once through the default stages before the first document, so
# lazily loaded data (the gazetteer, dictionaries, knowledge) is loaded outside any
# document's budget and never half-built by an interrupt.
_WARM_UP = "Officials met in the capital on Monday and said talks would continue next week."


class Pipeline:
    """`Pipeline().extract(text)` → Record; `Pipeline().process(inputs)` → records and errors."""

    def __init__(self, *, nlp: Language | None = None, stages: Sequence[Stage] | None = None,
                 settings: Settings | None = None, knowledge: ActorKnowledge | None = None) -> None:
        self.settings = settings or Settings()
        self._nlp = nlp
        self.stages: list[Stage] = (list(stages) if stages is not None
                                    else default_stages(self.settings, knowledge=knowledge))
        check_stage_order(self.stages)
        self.pre_parse = [s for s in self.stages if not s.needs_parse]
        self.post_parse = [s for s in self.stages if s.needs_parse]
        # Seconds spent per stage ("parse" for spaCy), summed over documents: for bench reports.
        self.timings: defaultdict[str, float] = defaultdict(float)
        # The default stages warm themselves up before the first batch; other stages when
        # asked (`warm_up()`, as worker processes do).
        self._warm_up_first = stages is None
        self._warmed = False

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_spacy(self.settings.spacy_model, max_length=self.settings.max_bytes + 1)
        return self._nlp

    # --- one document -------------------------------------------------------------

    def extract(self, content: str | bytes, *, published: str | None = None, raw: bool = False,
                source: str | None = None, input_id: str | None = None, url: str | None = None,
                input_format: str = "auto") -> Record:
        """The record for one article (text or HTML). Raises NewsledgerError on bad input."""
        item = InputDocument(content, source=source, input_id=input_id, published=published,
                             url=url, raw=raw, format=input_format)
        result = next(self._run([item], raise_errors=True))
        assert isinstance(result, Record)
        return result

    # --- many documents ---------------------------------------------------------------

    def process(self, items: Iterable[InputDocument]) -> Iterator[Record | ErrorRecord]:
        """Records (or error records) for `items`, in input order."""
        return self._run(items, raise_errors=False)

    def _run(self, items: Iterable[InputDocument], *, raise_errors: bool) -> Iterator[Record | ErrorRecord]:
        iterator = iter(items)
        while True:
            batch = list(islice(iterator, self.settings.batch_size))
            if not batch:
                return
            yield from self._run_batch(batch, raise_errors)

    def warm_up(self) -> None:
        """Load the model and run a short text through the stages, once: lazily loaded data
        (the gazetteer, dictionaries, knowledge) is then loaded before the first document,
        outside its time budget, and never half-built by an interrupt. The default stages
        do it by themselves before the first batch; a worker process calls it as it starts.
        The time it takes is not counted in `timings`."""
        if self._warmed:
            return
        self._warmed = True
        timings = self.timings.copy()
        self.nlp  # noqa: B018 - loads the model
        for _ in self._run_batch([InputDocument(_WARM_UP, source="warm-up", raw=True, format="text")],
                                 raise_errors=False):
            pass  # the outcome does not matter: only what got loaded
        self.timings = timings

    def _run_batch(self, batch: list[InputDocument], raise_errors: bool) -> Iterator[Record | ErrorRecord]:
        if self._warm_up_first and not self._warmed:
            self.warm_up()
        budget = self.settings.time_budget
        prepared: list[Document | ErrorRecord] = []
        left: list[float] = []  # seconds of its budget each document has left after reading
        for item in batch:
            t0 = time.monotonic()
            try:
                prepared.append(self._read(item, t0))
            except NewsledgerError as exc:
                if raise_errors:
                    raise
                prepared.append(ErrorRecord.for_input(item, exc))
            finally:
                spent = time.monotonic() - t0
                self.timings["ingest"] += spent
                left.append(budget - spent)
        documents = [(d, s) for d, s in zip(prepared, left, strict=True) if isinstance(d, Document)]
        parsed = iter(self._parse([d.text for d, _ in documents], [s for _, s in documents]))
        for item, result, remaining in zip(batch, prepared, left, strict=True):
            if isinstance(result, ErrorRecord):
                yield result
                continue
            parse, charged = next(parsed)
            try:
                if isinstance(parse, NewsledgerError):
                    raise parse
                if isinstance(parse, BaseException):
                    raise StageFailure(f"spaCy failed on this document: {type(parse).__name__}: {parse}") from parse
                record = self._build(result, parse, remaining - charged)
            except NewsledgerError as exc:
                if raise_errors:
                    raise
                yield ErrorRecord.for_input(item, exc)
                continue
            yield record

    def _read(self, item: InputDocument, t0: float) -> Document:
        """The document of `item`, through the stages before the parse, within its budget
        (counted from `t0`). Raises a NewsledgerError; any other failure is an InputError."""
        budget = self.settings.time_budget
        try:
            with time_limit(budget, f"reading the document took more than its {budget:g} s budget"):
                document = to_document(item, max_bytes=self.settings.max_bytes)
                self._run_stages(self.pre_parse, document, t0 + budget)
            if time.monotonic() > t0 + budget:
                raise TimeBudgetExceeded(f"reading the document took more than its {budget:g} s budget")
            return document
        except NewsledgerError:
            raise
        except Exception as caught:  # a reader that trips on odd input costs this document only
            raise InputError(f"the document could not be read: {type(caught).__name__}: {caught}") from caught

    def _build(self, document: Document, parse: Doc, remaining: float) -> Record:
        """The record of a read document and its parse, through the stages after the parse,
        within the `remaining` seconds of its budget. Raises a NewsledgerError; any other
        failure is a StageFailure."""
        budget = self.settings.time_budget
        t0 = time.monotonic()
        try:
            document.doc = parse
            with time_limit(remaining, f"the document exceeded its {budget:g} s budget"):
                self._run_stages(self.post_parse, document, t0 + remaining)
                record = document.to_record()
                problems = record.problems()
            if time.monotonic() > t0 + remaining:  # a stage swallowed the interrupt
                raise TimeBudgetExceeded(f"the document exceeded its {budget:g} s budget")
            if problems:
                raise StageFailure("record failed its own checks: " + "; ".join(problems[:5]))
            return record
        except NewsledgerError:
            raise
        except Exception as caught:  # building the record failed: this document only
            raise StageFailure(f"the record could not be built: {type(caught).__name__}: {caught}") from caught

    # --- a text spaCy has parsed already ---------------------------------------------------

    def extract_parsed(self, doc: Doc, *, published: str | None = None, source: str | None = None,
                       input_id: str | None = None, url: str | None = None) -> Record:
        """The record of a text parsed already by a spaCy pipeline (the spaCy component,
        `newsledger.spacy_component`): `doc.text` is the body (no header is looked for), the
        stages read `doc` as it is, and nothing is parsed again. `published` anchors
        relative times. Raises a NewsledgerError, as `extract` does."""
        item = InputDocument(doc.text, source=source, input_id=input_id, published=published, url=url,
                             raw=True, format="text")
        t0 = time.monotonic()
        try:
            document = self._read(item, t0)
        finally:
            self.timings["ingest"] += time.monotonic() - t0
        if document.text != doc.text:
            raise InputError("the text has carriage returns or lone surrogates, which newsledger normalises: "
                             "give spaCy the text with \\n line ends")
        return self._build(document, doc, self.settings.time_budget - (time.monotonic() - t0))

    def _parse(self, texts: list[str], limits: list[float]) -> list[tuple[Doc | BaseException, float]]:
        """(parse or the exception it raised, seconds charged) per text; `limits` are the
        seconds each text may take. The batch goes through `nlp.pipe` together; when that
        fails or runs out of time, each text is parsed alone within its own limit."""
        if not texts:
            return []
        nlp = self.nlp  # loading the model is not charged to the documents
        t0 = time.monotonic()
        try:
            with time_limit(min(limits), f"parsing took more than the {self.settings.time_budget:g} s budget"):
                docs = list(nlp.pipe(texts, batch_size=self.settings.batch_size))
            share = (time.monotonic() - t0) / len(texts)
            out: list[tuple[Doc | BaseException, float]] = [(d, share) for d in docs]
        except Exception as exc:  # noqa: BLE001 - one bad or slow text spoils nlp.pipe's batch: parse one by one
            if len(texts) == 1:  # nothing to separate: this text's own failure
                self.timings["parse"] += time.monotonic() - t0
                return [(exc, time.monotonic() - t0)]
            out = []
            for text, limit in zip(texts, limits, strict=True):
                t1 = time.monotonic()
                try:
                    with time_limit(limit, f"parsing took more than the {self.settings.time_budget:g} s budget"):
                        out.append((nlp(text), time.monotonic() - t1))
                except Exception as exc:  # noqa: BLE001 - recorded per document
                    out.append((exc, time.monotonic() - t1))
        self.timings["parse"] += time.monotonic() - t0
        return out

    def _run_stages(self, stages: Sequence[Stage], document: Document, deadline: float) -> None:
        budget = self.settings.time_budget
        for stage in stages:
            t0 = time.monotonic()
            # also checked here: where native code cannot be interrupted, the next stage
            # does not start after the budget is gone
            if t0 > deadline:
                raise TimeBudgetExceeded(f"document exceeded its {budget:g} s budget before stage {stage.name!r}")
            try:
                stage(document)
            except NewsledgerError:
                raise
            except Exception as exc:  # a stage bug must cost one document, not the batch
                raise StageFailure(f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}") from exc
            finally:
                self.timings[stage.name] += time.monotonic() - t0


def process_isolated(pipeline: Pipeline, items: Sequence[InputDocument]) -> list[Record | ErrorRecord]:
    """`pipeline.process(items)` as a list, one result per item in order, whatever escapes it.

    The pipeline turns every failure it knows of into an error record in place. Anything
    else that escapes it (a bug) would lose the whole batch: the batch is then run again
    one document at a time, so that only the document that fails pays, with an error
    record (`ErrorRecord.for_input`). What worker processes and Spark tasks run."""
    try:
        return list(pipeline.process(items))
    except Exception:  # noqa: BLE001 - retried one by one below, so one document pays
        pass
    results: list[Record | ErrorRecord] = []
    for item in items:
        try:
            results.extend(pipeline.process([item]))
        except Exception as exc:  # noqa: BLE001 - recorded per document
            results.append(ErrorRecord.for_input(item, exc))
    return results


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
