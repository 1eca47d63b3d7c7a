"""From inputs (files, folders, JSON Lines, standard input) to article text and metadata.

`read_inputs` turns paths into `InputDocument`s without failing: an unreadable path
or a bad JSON line becomes an `InputDocument` that carries its error, so the caller
emits an error record in its place and goes on. `to_document` decodes, detects the
format and the header, and returns a `Document` ready for the pipeline.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..errors import BadJsonLine, EmptyInput, InputTooLarge, NewsledgerError
from ..model import Article
from .dates import normalise_published, parse_iso
from .decode import decode_bytes
from .html import extract_html, looks_like_html
from .plaintext import split_header

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "warc", "feed")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class InputDocument:
    """One document to process, before decoding. `error` is set when it cannot even be read."""

    content: str | bytes | None
    source: str | None = None
    input_id: str | None = None
    published: str | None = None
    url: str | None = None
    raw: bool = False
    format: str = "auto"  # text | html | auto
    error: NewsledgerError | None = None
    # The headline when it comes apart from the text (JSON Lines "title"): it stays out of the
    # body, so it never runs into the lead's names, and no headline is looked for in the text.
    title: str | None = None
    extra: dict = field(default_factory=dict)


def read_inputs(
    paths: Iterable[str],
    *,
    input_format: str = "auto",
    raw: bool = False,
    published: str | None = None,
    stdin: object = None,
) -> Iterator[InputDocument]:
    """Every document named by `paths` ('-' is standard input), in order."""
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if input_format == "jsonl":
                yield from jsonl_documents(data, "<stdin>", raw=raw, published=published)
            else:
                yield InputDocument(data, source="<stdin>", raw=raw, published=published, format=input_format)
            continue
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
            for f in files:
                yield from _file_documents(f, input_format=input_format, raw=raw, published=published)
        else:
            yield from _file_documents(p, input_format=input_format, raw=raw, published=published)


def _container_reader(path: Path, input_format: str):
    """The reader of a file that holds many documents (a web archive, a feed), if it is one."""
    from .feeds import feed_documents, is_feed_file
    from .warc import is_warc_file, warc_documents

    if input_format == "warc" or (input_format == "auto" and is_warc_file(path)):
        return warc_documents
    if input_format == "feed" or (input_format == "auto" and is_feed_file(path)):
        return feed_documents
    return None


def _file_documents(path: Path, *, input_format: str, raw: bool, published: str | None) -> Iterator[InputDocument]:
    source = str(path)
    container = _container_reader(path, input_format)
    if container is not None:
        yield from container(path, raw=raw, published=published)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        err = NewsledgerError(f"cannot read {source}: {exc.strerror or exc}", code="not_found")
        yield InputDocument(None, source=source, error=err)
        return
    fmt = input_format
    if fmt == "auto" and path.suffix.lower() in _JSONL_SUFFIXES:
        fmt = "jsonl"
    if fmt == "jsonl":
        yield from jsonl_documents(data, source, raw=raw, published=published)
        return
    if fmt == "auto" and path.suffix.lower() in _HTML_SUFFIXES:
        fmt = "html"
    yield InputDocument(data, source=source, raw=raw, published=published, format=fmt)


def jsonl_documents(data: bytes, source: str, *, raw: bool = False, published: str | None = None,
                    keep_url: bool = True) -> Iterator[InputDocument]:
    """An input per non-blank line of a JSON Lines batch (a coded error for a line that is not a
    JSON object); `keep_url=False` drops each object's "url" (never fetched, nor trusted as the source)."""
    for lineno, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:  # RecursionError: arrays nested thousands deep
            yield InputDocument(None, source=where, error=BadJsonLine(f"line {lineno} is not valid JSON: {exc}"))
            continue
        if not isinstance(obj, dict):
            yield InputDocument(None, source=where, error=BadJsonLine(f"line {lineno} is not a JSON object"))
            continue
        if not keep_url:
            obj.pop("url", None)
        yield input_from_json(obj, where, raw=raw, published=published)


def input_from_json(obj: dict, source: str, *, raw: bool = False, published: str | None = None) -> InputDocument:
    """An input from a JSON object: {"id", "text" | "html", "title"?, "published"?, "url"?, "raw"?}."""
    input_id = obj.get("id")
    input_id = str(input_id) if input_id is not None else None
    url = obj.get("url")
    src = url or source
    if isinstance(obj.get("html"), str):
        content, fmt = obj["html"], "html"
    elif isinstance(obj.get("text"), str):
        content, fmt = obj["text"], "text"
    else:
        return InputDocument(None, source=src, input_id=input_id,
                             error=BadJsonLine('object has neither a "text" nor an "html" string'))
    title = obj.get("title")
    return InputDocument(
        content, source=src, input_id=input_id, url=url,
        # The command line's --published overrides what the document says.
        published=published or obj.get("published"),
        raw=bool(obj.get("raw", raw)), format=fmt,
        title=title.strip() or None if isinstance(title, str) else None,
    )


def to_document(item: InputDocument, *, max_bytes: int) -> Document:
    """Decode `item`, find its body and metadata. Raises a NewsledgerError on bad input."""
    if item.error is not None:
        raise item.error
    content = item.content
    warnings: list[tuple[str, str]] = []
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass")) if content is not None else 0
    if size > max_bytes:
        raise InputTooLarge(f"input is {size:,} bytes; the limit is {max_bytes:,} (NEWSLEDGER_MAX_BYTES)")
    if content is None or size == 0:
        raise EmptyInput("the document is empty")
    if isinstance(content, bytes):
        decoded = decode_bytes(content)
        text, warnings = decoded.text, list(decoded.warnings)
    else:
        text = content
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _LONE_SURROGATE.search(text):
        # JSON can carry lone surrogates; they cannot be written out as UTF-8.
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        warnings.append(("decode_replaced", "lone UTF-16 surrogates replaced by U+FFFD"))
    if not text.strip():
        raise EmptyInput("the document has only whitespace")

    fmt = item.format
    if fmt == "auto":
        fmt = "html" if (not item.raw and looks_like_html(text)) else "text"

    article = Article(source=item.source, input_id=item.input_id, url=item.url)
    if fmt == "html":
        page = extract_html(text, url=item.url)
        body, text_offset = page.text, None
        article.title, article.authors = page.title, page.authors
        article.published, article.modified = page.published, page.modified
        article.outlet, article.caption = page.outlet, page.caption
        article.url = article.url or page.url
    elif item.raw or item.title:
        body, text_offset = text, 0  # a title given apart: the text is the body as it stands
    else:
        header = split_header(text)
        text_offset = header.body_start
        body = text[text_offset:].rstrip()
        article.title, article.authors = header.title, header.authors
        article.published, article.modified, article.caption = header.published, header.modified, header.caption
    if not body.strip():
        raise EmptyInput("the document has a header but no body text")
    if item.title and fmt != "html" or item.title and not article.title:
        article.title = item.title

    if item.published:
        try:
            article.published = normalise_published(item.published)
        except ValueError as exc:
            raise NewsledgerError(f"published: {exc}", code="bad_input") from exc
    article.id = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    anchor = None
    if article.published:
        try:
            anchor = parse_iso(article.published)
        except ValueError:
            warnings.append(("bad_published", f"publication date {article.published!r} is not a date; ignored"))
            article.published = None
    doc = Document(text=body, article=article, text_offset=text_offset, anchor=anchor)
    for code, message in warnings:
        doc.warn(code, message)
    if anchor is None:
        doc.warn("no_publication_date", "no publication date known: relative times stay unresolved")
    return doc


__all__ = ["INPUT_FORMATS", "InputDocument", "input_from_json", "read_inputs", "to_document"]
