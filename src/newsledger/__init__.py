"""newsledger: news articles in, a ledger of verifiable political events out.

    >>> import newsledger
    >>> record = newsledger.extract(text_or_html, published="2024-02-20")
    >>> record.events[0].type, record.events[0].evidence.text

Every extracted value carries character offsets into `record.text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .errors import NewsledgerError
from .ingest import InputDocument
from .model import ErrorRecord, Record
from .pipeline import Pipeline, default_pipeline

__version__ = "0.1.0"


def extract(content: str | bytes, *, published: str | None = None, raw: bool = False,
            source: str | None = None, input_id: str | None = None, url: str | None = None,
            input_format: str = "auto") -> Record:
    """The record of one article given as text or HTML (or bytes in any common encoding).

    `published` ('YYYY-MM-DD[THH:MM]') anchors relative times and overrides what the
    document says; `raw=True` takes the input as body text with no header.
    Raises `NewsledgerError` (with a `.code`) when the input cannot be processed.
    """
    return default_pipeline().extract(content, published=published, raw=raw, source=source,
                                      input_id=input_id, url=url, input_format=input_format)


def extract_many(items: Iterable[InputDocument | str]) -> Iterator[Record | ErrorRecord]:
    """Records (or error records, in place) for many documents, parsed in batches."""
    docs = (i if isinstance(i, InputDocument) else InputDocument(i) for i in items)
    return default_pipeline().process(docs)


__all__ = ["ErrorRecord", "InputDocument", "NewsledgerError", "Pipeline", "Record", "extract", "extract_many"]
