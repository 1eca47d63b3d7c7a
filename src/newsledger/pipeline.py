"""The pipeline: ingest, pre-parse stages, one spaCy parse, analysis stages, record.

Documents are processed in batches (spaCy's `nlp.pipe`), and every failure is
per document: a bad input or a stage that raises yields an error record in that
document's place, and the batch goes on.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from .config import Settings
from .document import Document
from .errors import NewsledgerError, StageFailure, TimeBudgetExceeded
from .ingest import InputDocument, to_document
from .model import ErrorInfo, ErrorRecord, Record
from .nlp import load_spacy
from .stages import default_stages
from .stages.actors.knowledge import ActorKnowledge
from .stages.base import Stage, check_stage_order

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


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
        self.timings: Counter[str] = Counter()

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

    def _run_batch(self, batch: list[InputDocument], raise_errors: bool) -> Iterator[Record | ErrorRecord]:
        prepared: list[Document | ErrorRecord] = []
        started: list[float] = []
        for item in batch:
            t0 = time.monotonic()
            started.append(t0)
            try:
                document = to_document(item, max_bytes=self.settings.max_bytes)
                self._run_stages(self.pre_parse, document, t0)
                prepared.append(document)
            except NewsledgerError as exc:
                if raise_errors:
                    raise
                prepared.append(error_record(item, exc))
            finally:
                self.timings["ingest"] += time.monotonic() - t0
        documents = [d for d in prepared if isinstance(d, Document)]
        parsed = iter(self._parse([d.text for d in documents]))
        for item, result, t0 in zip(batch, prepared, started, strict=True):
            if isinstance(result, ErrorRecord):
                yield result
                continue
            parse = next(parsed)
            try:
                if isinstance(parse, BaseException):
                    raise StageFailure(f"spaCy failed on this document: {type(parse).__name__}: {parse}") from parse
                result.doc = parse
                self._run_stages(self.post_parse, result, t0)
                record = result.to_record()
                problems = record.problems()
                if problems:
                    raise StageFailure("record failed its own checks: " + "; ".join(problems[:5]))
            except NewsledgerError as exc:
                if raise_errors:
                    raise
                yield error_record(item, exc)
                continue
            yield record

    def _parse(self, texts: list[str]) -> list[Doc | BaseException]:
        if not texts:
            return []
        t0 = time.monotonic()
        try:
            docs: list[Doc | BaseException] = list(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        except Exception:  # one bad text spoils nlp.pipe's batch: parse one by one  # noqa: BLE001
            docs = []
            for text in texts:
                try:
                    docs.append(self.nlp(text))
                except Exception as exc:  # noqa: BLE001 - recorded per document
                    docs.append(exc)
        self.timings["parse"] += time.monotonic() - t0
        return docs

    def _run_stages(self, stages: Sequence[Stage], document: Document, started: float) -> None:
        budget = self.settings.time_budget
        for stage in stages:
            t0 = time.monotonic()
            if t0 - started > budget:
                raise TimeBudgetExceeded(f"document exceeded its {budget:g} s budget before stage {stage.name!r}")
            try:
                stage(document)
            except NewsledgerError:
                raise
            except Exception as exc:  # noqa: BLE001 - a stage bug must cost one document, not the batch
                raise StageFailure(f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}") from exc
            finally:
                self.timings[stage.name] += time.monotonic() - t0


def error_record(item: InputDocument, exc: NewsledgerError) -> ErrorRecord:
    return ErrorRecord(input_id=item.input_id, source=item.source,
                       error=ErrorInfo(code=exc.code, message=exc.message))


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
