"""Adding articles from the browser: pasted text and uploaded files, checked before any work.

Limits: a request larger than `max_upload_bytes` is refused (413) before it is read; a
file whose name or content is not text, HTML or JSON Lines is refused (415); each
document then goes through the same path as `newsledger ingest` (content hash, skip what
is stored, the pipeline, one transaction per article), so a document that fails becomes
an error with its code and the others are stored. URLs are not fetched: newsledger works
offline, and a server that fetches what a form names is a way into the network behind it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from ..config import Settings
from ..ingest import InputDocument, jsonl_documents
from ..model import ErrorRecord
from ..store.backend import Store
from ..store.keys import input_hash
from ..store.records import find_document, save_error, save_record

# File name endings accepted, and the input format each means.
FORMATS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".jsonl": "jsonl", ".ndjson": "jsonl"}
TEXT_TYPES = ("text/", "application/json", "application/x-ndjson", "application/jsonl", "application/xhtml+xml",
              "application/octet-stream", "")
# Leading bytes of common binary formats, refused at once with a clear message.
MAGIC = {b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP archive (or an Office document)", b"\x89PNG": "a PNG image",
         b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
         b"\x7fELF": "a program", b"MZ": "a program"}


class UploadRefused(ValueError):
    """An upload refused before ingest: `status` is the HTTP status, `code` the error code."""

    def __init__(self, message: str, *, status: int, code: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def file_format(name: str | None, content_type: str | None, head: bytes) -> str:
    """The input format of an uploaded file, or UploadRefused (415) saying what is accepted."""
    suffix = PurePosixPath(name or "").suffix.lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise UploadRefused(f"{name or 'the file'} is {what}; upload plain text, HTML or JSON Lines files",
                                status=415, code="unsupported_type")
    if suffix not in FORMATS:
        accepted = ", ".join(sorted(FORMATS))
        raise UploadRefused(f"{name or 'the file'}: files ending {accepted} are accepted", status=415,
                            code="unsupported_type")
    if not any(ctype.startswith(t) for t in TEXT_TYPES if t) and ctype:
        raise UploadRefused(f"{name}: content type {ctype} is not text, HTML or JSON Lines", status=415,
                            code="unsupported_type")
    return FORMATS[suffix]


def documents_from_file(name: str, data: bytes, fmt: str, *, published: str | None = None) -> list[InputDocument]:
    source = f"upload:{PurePosixPath(name).name}"
    if fmt != "jsonl":
        return [InputDocument(data, source=source, published=published, format=fmt)]
    # an upload's "url" is never fetched, nor trusted as the source
    return list(jsonl_documents(data, source, published=published, keep_url=False))


class Ingester:
    """Runs the pipeline for the web app: one writer at a time, the pipeline loaded once."""

    def __init__(self, open_writer, settings: Settings) -> None:
        self._open_writer = open_writer
        self.settings = settings
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._pipeline = None
        self._knowledge = None

    def _ready(self) -> tuple[Store, Any]:
        if self._store is None:
            self._store = self._open_writer()
        if self._pipeline is None:
            from ..pipeline import Pipeline
            from ..store.ingest import knowledge_chain

            chain, self._knowledge = knowledge_chain(self._store)
            self._pipeline = Pipeline(settings=self.settings, knowledge=chain)
        return self._store, self._pipeline

    def ingest(self, items: Iterable[InputDocument]) -> list[dict[str, Any]]:
        """Store every document not stored yet; one result per document, in order."""
        items = list(items)
        with self._lock:
            store, pipeline = self._ready()
            results: list[dict[str, Any] | None] = [None] * len(items)
            fresh, digests = [], []
            for i, item in enumerate(items):
                digest = input_hash(item)
                found = find_document(store, digest)
                if found is not None:
                    results[i] = {"source": item.source, "status": "skipped", "article": _article_key(store, found[2]),
                                  "events": None, "error": None}
                else:
                    fresh.append(i)
                    digests.append(digest)
            for i, digest, result in zip(fresh, digests, pipeline.process(items[j] for j in fresh), strict=True):
                if isinstance(result, ErrorRecord):
                    save_error(store, result, digest)
                    results[i] = {"source": items[i].source, "status": "error", "article": None, "events": None,
                                  "error": {"code": result.error.code, "message": result.error.message}}
                else:
                    saved = save_record(store, result, digest)
                    self._knowledge.invalidate()
                    status = {"ok": "stored"}.get(saved.status, saved.status)
                    results[i] = {"source": items[i].source, "status": status,
                                  "article": _article_key(store, saved.article_id), "events": len(result.events),
                                  "error": None}
            return [r for r in results if r is not None]

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _article_key(store: Store, article_id: int | None) -> str | None:
    if article_id is None:
        return None
    return store.scalar("SELECT article_key FROM articles WHERE id = ?", (article_id,))
