"""Adding articles from the browser and the API: pasted text and uploaded files, checked
before any work, then stored through the store's one write path.

Limits: a request larger than `max_upload_bytes` is refused (413) before it is read; one
with more than `max_documents` documents (files, JSON Lines lines, pasted text) is refused
(413) before any is extracted; a file whose name or content is not text, HTML or JSON
Lines is refused (415); a `published` value goes through the one check every interface
uses (`ingest.dates.normalise_published`), its message naming the field. Each document
then goes through `store.ingest.ingest_documents`, as with `newsledger ingest` (content
hash, skip what is stored, the pipeline, one transaction per article), so a document that
fails becomes an error with its code and the others are stored. The work is done a batch
at a time, the writer released in between (another user's add does not wait for a whole
upload), and it stops when the client has gone. URLs are not fetched: newsledger works
offline, and a server that fetches what a form names is a way into the network behind it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import PurePosixPath
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from ..config import Settings
from ..ingest import InputDocument, jsonl_documents
from ..ingest.dates import normalise_published
from ..store.backend import Store
from ..store.ingest import ingest_documents
from ..store.knowledge import StoreKnowledge
from . import queries as q

log = logging.getLogger("newsledger.web")

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


def documents_from_file(name: str, data: bytes, fmt: str, *, published: str | None = None,
                        limit: int | None = None) -> list[InputDocument]:
    """The documents of an uploaded file (at most `limit`, then one more to tell there were more)."""
    source = f"upload:{PurePosixPath(name).name}"
    if fmt != "jsonl":
        return [InputDocument(data, source=source, published=published, format=fmt)]
    # an upload's "url" is never fetched, nor trusted as the source
    docs = jsonl_documents(data, source, published=published, keep_url=False)
    return list(docs if limit is None else islice(docs, limit + 1))


FORMATS_PASTED = ("text", "html", "auto")


def check_published(value: object) -> str | None:
    """A `published` field, by the one check every interface uses; the message names the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise q.BadRequest("published must be a string YYYY-MM-DD[THH:MM]")
    try:
        return normalise_published(value)
    except ValueError as exc:
        raise q.BadRequest(f"published: {exc}") from exc


def too_many(limit: int) -> UploadRefused:
    return UploadRefused(f"more than {limit:,} documents in one request: send them in several, or use "
                         "newsledger ingest (newsledger serve --max-documents sets this limit)",
                         status=413, code="too_many_documents")


async def read_form(request: Request, max_part_size: int) -> FormData:
    try:
        return await request.form(max_files=100, max_fields=20, max_part_size=max_part_size)
    except Exception as exc:  # the multipart parser's own refusals (an HTTPException passes on)
        if hasattr(exc, "status_code"):
            raise
        raise q.BadRequest(f"cannot read the form: {exc}") from exc


async def form_documents(form: FormData, *, max_documents: int) -> list[InputDocument]:
    """The documents of an add form (`text`, `format`, `raw`, `published`, `files`)."""
    published = check_published(form.get("published"))
    docs: list[InputDocument] = []
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        fmt = form.get("format") or "text"
        if fmt not in FORMATS_PASTED:
            raise q.BadRequest("format is text, html or auto")
        docs.append(InputDocument(text, source="paste", published=published, format=fmt,
                                  raw=form.get("raw") in ("1", "on", "true")))
    for upload in form.getlist("files"):
        if isinstance(upload, str) or not upload.filename:
            continue
        data = await upload.read()
        fmt = file_format(upload.filename, upload.content_type, data[:8])
        docs.extend(documents_from_file(upload.filename, data, fmt, published=published,
                                        limit=max_documents - len(docs)))
        if len(docs) > max_documents:
            raise too_many(max_documents)
    if not docs:
        raise q.BadRequest("nothing to add: paste an article's text or choose files")
    return docs


async def ingest_request(request: Request, ingester: Ingester, docs: list[InputDocument]) -> list[dict[str, Any]]:
    """Store `docs` a batch at a time while the client is still there; one result per
    document stored or refused, in order (fewer than `docs` when the client left)."""
    results: list[dict[str, Any]] = []
    size = max(1, ingester.settings.batch_size)
    for start in range(0, len(docs), size):
        if await request.is_disconnected():
            log.info("client gone: %d of %d documents not processed", len(docs) - start, len(docs))
            break
        results += await run_in_threadpool(ingester.ingest, docs[start:start + size])
    return results


class Ingester:
    """Runs the pipeline for the web app: one writer at a time, the pipeline loaded once.

    Writes through `store.ingest.ingest_documents`, the path `newsledger ingest` takes.
    `pipeline` replaces the default pipeline (built with the store's knowledge base)."""

    def __init__(self, open_writer: Callable[[], Store], settings: Settings, *, pipeline=None) -> None:
        self._open_writer = open_writer
        self.settings = settings
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._pipeline = pipeline
        self._knowledge: StoreKnowledge | None = None  # the store layer the pipeline asks

    def _ready(self) -> tuple[Store, Any]:
        if self._store is not None and not self._store.still_there():
            self._drop_store()
        if self._store is None:
            self._store = self._open_writer()
            if self._knowledge is not None:
                self._knowledge.store = self._store
                self._knowledge.invalidate()
        if self._pipeline is None:
            from ..pipeline import Pipeline
            from ..store.ingest import knowledge_chain

            chain, self._knowledge = knowledge_chain(self._store)
            self._pipeline = Pipeline(settings=self.settings, knowledge=chain)
        return self._store, self._pipeline

    def _drop_store(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            try:
                store.close()
            except Exception:  # its file is gone: nothing to close cleanly
                log.debug("closing a writer whose store has gone failed", exc_info=True)

    def ingest(self, items: Iterable[InputDocument]) -> list[dict[str, Any]]:
        """Store every document not stored yet; one result per document, in order."""
        items = list(items)
        with self._lock:
            store, pipeline = self._ready()
            return [{"source": o.item.source, "status": o.status, "article": _article_key(store, o.article_id),
                     "events": o.events,
                     "error": {"code": o.error.code, "message": o.error.message} if o.error else None}
                    for o in ingest_documents(store, pipeline, items, knowledge=self._knowledge)]

    def close(self) -> None:
        with self._lock:
            self._drop_store()


def _article_key(store: Store, article_id: int | None) -> str | None:
    if article_id is None:
        return None
    return store.scalar("SELECT article_key FROM articles WHERE id = ?", (article_id,))
