"""Ingest a corpus into the store: read inputs, skip what is stored, extract, store, learn.

Resumable by construction: every input has a content hash (`keys.input_hash`); an input
whose hash is in `documents` is skipped before any work, and each article is stored in
one transaction (document row, article, query rows, learned actors, ledger events), so a
crash or `kill -9` loses at most the articles in flight and never leaves half of one.
A re-run picks up where the last one stopped. Inputs that fail become error documents.

One write path: `ingest_documents(store, pipeline, items)` takes documents already read
(`InputDocument`s) through "stored already?", the pipeline and the store, one outcome per
document in input order. `newsledger ingest` (`ingest_paths`) and the web app's add page
(`web/ingest.py`) both go through it.

The pipeline asks the knowledge base at extraction time through the actors stage's
`default_knowledge(override file, layers=[the store's knowledge base])`: the user's file
first, then what the ledger learned, then the bundled facts (leaders, organisations).
"""

from __future__ import annotations

import contextlib
import functools
import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from ..config import Settings
from ..ingest import InputDocument, read_inputs
from ..knowledge import ActorKnowledge, default_knowledge
from ..model import ERROR_SCHEMA, RECORD_SCHEMA, ErrorInfo, ErrorRecord, Record
from .backend import Store
from .keys import input_hash, record_hash
from .knowledge import StoreKnowledge
from .records import Saved, find_document, forget_errors, save_error, save_record


class Processor(Protocol):
    """What extracts records for the write path: a `Pipeline`, a `parallel.WorkerPool`."""

    def process(self, items: Iterable[InputDocument]) -> Iterator[Record | ErrorRecord]: ...


@dataclass
class IngestReport:
    inputs: int = 0  # documents read from the paths
    stored: int = 0  # new articles
    duplicates: int = 0  # same body text as an article already stored
    skipped: int = 0  # already in the store (a re-run)
    errors: int = 0  # error documents stored
    retried: int = 0  # error documents forgotten to be tried again
    seconds: float = 0.0
    error_codes: dict[str, int] = field(default_factory=dict)

    @property
    def processed(self) -> int:
        return self.stored + self.duplicates + self.errors

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "docs_per_s": round(self.docs_per_s, 3)}

    def count(self, saved: Saved, code: str | None = None) -> None:
        if saved.status == "ok":
            self.stored += 1
        elif saved.status == "duplicate":
            self.duplicates += 1
        elif saved.status == "skipped":
            self.skipped += 1
        else:
            self.errors += 1
            if code:
                self.error_codes[code] = self.error_codes.get(code, 0) + 1


ProgressCallback = Callable[[IngestReport], None]


@dataclass(frozen=True)
class Outcome:
    """What became of one input document: `status` is stored, duplicate (its body text is an
    article stored before), skipped (this very input is stored already) or error."""

    item: InputDocument
    status: str
    article_id: int | None = None  # the store's row id of the article (stored, duplicate, skipped)
    events: int | None = None  # events in the new record
    error: ErrorInfo | None = None

    @property
    def saved(self) -> Saved:
        return Saved({"stored": "ok"}.get(self.status, self.status), self.article_id)


_STATUS = {"ok": "stored", "duplicate": "duplicate", "skipped": "skipped", "error": "error"}


def ingest_documents(store: Store, pipeline: Processor, items: Iterable[InputDocument], *,
                     knowledge: StoreKnowledge | None = None) -> Iterator[Outcome]:
    """Store every document of `items` that the store does not hold yet; one `Outcome` per
    document, in input order, each yielded once its transaction has committed.

    `pipeline` is anything with `process(items)` giving records or error records in input
    order (a `Pipeline`, a `parallel.WorkerPool`); it sees only the documents not stored
    yet, in batches as it pulls them. `knowledge` is the store layer the pipeline asks
    (see `knowledge_chain`): it forgets its cache after each article stored. Stopping
    the iteration early stops the work: nothing after the last outcome is extracted."""
    # (input, its content hash when it is to be extracted, its stored row when stored before)
    queue: deque[tuple[InputDocument, str | None, tuple | None]] = deque()

    def fresh(source: Iterable[InputDocument]) -> Iterator[InputDocument]:
        for item in source:
            digest = input_hash(item)
            found = find_document(store, digest)
            queue.append((item, None if found is not None else digest, found))
            if found is None:
                yield item

    def ready() -> Iterator[Outcome]:
        while queue and queue[0][1] is None:  # inputs stored before, in their place
            item, _, found = queue.popleft()
            assert found is not None
            yield Outcome(item, "skipped", found[2])

    for result in pipeline.process(fresh(items)):
        yield from ready()
        item, digest, _ = queue.popleft()
        assert digest is not None
        if isinstance(result, ErrorRecord):
            saved = save_error(store, result, digest)
            yield Outcome(item, _STATUS[saved.status], saved.article_id,
                          error=result.error if saved.status == "error" else None)
        else:
            saved = save_record(store, result, digest)
            if knowledge is not None:
                knowledge.invalidate()
            yield Outcome(item, _STATUS[saved.status], saved.article_id, events=len(result.events))
    yield from ready()


def knowledge_chain(store: Store, override_file: str | Path | None = None) -> tuple[ActorKnowledge, StoreKnowledge]:
    """The knowledge the pipeline asks: the user's file, then the store, then bundled facts."""
    store_layer = StoreKnowledge(store)
    return default_knowledge(override_file, layers=[store_layer]), store_layer


def store_pipeline(settings: Settings, *, db: str, override_file: str | None = None):
    """A worker's pipeline for ingest (see `ingest_paths(workers=N)`): its own connection to
    the store, whose knowledge base it reads and follows as the parent process writes."""
    from ..pipeline import Pipeline
    from .opening import open_store

    layer = StoreKnowledge(open_store(db, mode="read"), follow_writes=True)
    return Pipeline(settings=settings, knowledge=default_knowledge(override_file, layers=[layer]))


def ingest_paths(store: Store, paths: Iterable[str], *, settings: Settings | None = None, nlp=None,
                 raw: bool = False, published: str | None = None, input_format: str = "auto",
                 override_file: str | Path | None = None, retry_errors: bool = False,
                 on_progress: ProgressCallback | None = None, workers: int = 1) -> IngestReport:
    """Extract and store every document named by `paths` that the store does not hold yet.

    With `workers > 1`, extraction runs in that many worker processes
    (`newsledger.parallel.WorkerPool`), each with its own read connection to the store;
    this process keeps writing, one transaction per article, in input order."""
    from ..pipeline import Pipeline

    settings = settings or Settings()
    report = IngestReport()
    if retry_errors:
        report.retried = forget_errors(store)
    knowledge, store_layer = knowledge_chain(store, override_file)
    started = time.monotonic()

    def tick() -> None:
        report.seconds = time.monotonic() - started
        if on_progress is not None:
            on_progress(report)

    items = read_inputs(list(paths), input_format=input_format, raw=raw, published=published)
    with contextlib.ExitStack() as stack:
        pipeline: Processor
        if workers > 1 and store.url != ":memory:":
            from ..parallel import WorkerPool

            factory = functools.partial(store_pipeline, db=store.url,
                                        override_file=str(override_file) if override_file else None)
            pipeline = stack.enter_context(WorkerPool(workers, settings=settings, pipeline_factory=factory))
        else:
            pipeline = Pipeline(nlp=nlp, settings=settings, knowledge=knowledge)
        for outcome in ingest_documents(store, pipeline, items, knowledge=store_layer):
            report.inputs += 1
            report.count(outcome.saved, outcome.error.code if outcome.error else None)
            tick()
    report.seconds = time.monotonic() - started
    return report


def ingest_records(store: Store, records: Iterable[Record | ErrorRecord], *,
                   on_progress: ProgressCallback | None = None) -> IngestReport:
    """Store records extracted elsewhere (`newsledger extract`, a Spark job)."""
    report = IngestReport()
    started = time.monotonic()
    for result in records:
        report.inputs += 1
        if isinstance(result, ErrorRecord):
            digest = record_hash("error:" + result.to_json())
            report.count(save_error(store, result, digest), result.error.code)
        else:
            report.count(save_record(store, result, record_hash(result.article.id)))
        report.seconds = time.monotonic() - started
        if on_progress is not None:
            on_progress(report)
    report.seconds = time.monotonic() - started
    return report


def read_record_files(paths: Iterable[str]) -> Iterator[Record | ErrorRecord]:
    """Records from JSON Lines files written by `newsledger extract`; a line that is not a
    valid record becomes an error record (so it is stored, not dropped)."""
    for path in paths:
        p = Path(path)
        files = sorted(f for f in p.rglob("*.jsonl") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            with f.open(encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, start=1):
                    if line.strip():
                        yield _parse_record_line(line, f"{f}:{lineno}")


def _parse_record_line(line: str, where: str) -> Record | ErrorRecord:
    def bad(message: str) -> ErrorRecord:
        return ErrorRecord(source=where, error=ErrorInfo(code="bad_record", message=message))

    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return bad(f"not JSON: {exc}")
    if not isinstance(data, dict):
        return bad("not a JSON object")
    schema = data.get("schema")
    try:
        if schema == ERROR_SCHEMA:
            return ErrorRecord.model_validate(data)
        if schema != RECORD_SCHEMA:
            return bad(f"schema {schema!r} is not {RECORD_SCHEMA}")
        record = Record.from_dict(data)
    except ValueError as exc:
        return bad(f"invalid record: {str(exc)[:300]}")
    problems = record.problems()
    if problems:
        return ErrorRecord(input_id=record.article.input_id, source=record.article.source or where,
                           error=ErrorInfo(code="bad_record", message="; ".join(problems[:5])))
    return record
