"""Web archives (WARC, as written by crawlers such as wget, Heritrix or Common Crawl), via warcio.

Each `response`, `resource` or `conversion` record whose payload is a page (HTML/XHTML)
or plain text, and whose HTTP status (when there is one) is 2xx, is one input document;
the target URI is its source and URL, the WARC record id its input id. Other records
(requests, metadata, redirects, images, scripts) are not articles and are passed over.
A file warcio cannot read, or that holds no article at all, becomes one error input.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from . import InputDocument

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_DOCUMENT_RECORDS = ("response", "resource", "conversion")


class WarcError(InputError):
    code = "bad_warc"


def is_warc_file(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def warc_documents(path: Path, *, raw: bool = False, published: str | None = None) -> Iterator[InputDocument]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputDocument(None, source=source, error=WarcError(f"cannot read {source}: {exc.strerror or exc}",
                                                                 code="not_found"))
        return
    n = records = 0
    with fh:
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                records += 1
                if record.rec_type not in _DOCUMENT_RECORDS:
                    continue
                headers = record.rec_headers
                uri = headers.get_header("WARC-Target-URI")
                record_id = headers.get_header("WARC-Record-ID")
                if record.http_headers is not None and record.rec_type == "response":
                    status = record.http_headers.get_statuscode() or ""
                    if not status.startswith("2"):
                        continue
                    media = _media_type(record.http_headers.get_header("Content-Type"))
                else:
                    media = _media_type(headers.get_header("Content-Type"))
                if media in _PAGE_TYPES:
                    fmt = "html"
                elif media in _TEXT_TYPES:
                    fmt = "text"
                else:
                    continue
                n += 1
                content = record.content_stream().read()
                yield InputDocument(content, source=uri or f"{source}#{n}", input_id=record_id, url=uri,
                                    published=published, raw=raw and fmt == "text", format=fmt)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, TypeError) as exc:
            # (warcio raises AttributeError or TypeError on some malformed headers)
            where = f"{source} after {n} document(s)" if n else source
            yield InputDocument(None, source=f"{source}#{n + 1}", error=WarcError(f"cannot read the WARC file {where}: {exc}"))
            return
    if n == 0:  # a damaged archive can read as empty: say so rather than yield nothing
        what = f"none of its {records} record(s) is a page or text" if records else "no WARC records"
        yield InputDocument(None, source=source, error=WarcError(f"no article in {source}: {what}"))
