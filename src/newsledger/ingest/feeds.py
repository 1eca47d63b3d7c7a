"""RSS and Atom feed files, via feedparser: each entry is one input document.

An entry's full content (`content:encoded`, Atom `content`) is used when present, else
its summary. HTML content is wrapped in a minimal page with the entry's title, so the
usual HTML path (trafilatura) finds the title and the text; plain-text content is taken
as body text. The entry's link is its source and URL, its id the input id, and its
publication (or update) time the article's date unless `--published` says otherwise.
Only the given file is read: nothing is fetched.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import EmptyInput, InputError
from . import InputDocument

FEED_SUFFIXES = (".rss", ".atom")
_FEED_ROOT = re.compile(rb"<\s*(rss|feed|rdf:RDF)\b", re.I)


class FeedError(InputError):
    code = "bad_feed"


def is_feed_file(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(FEED_SUFFIXES):
        return True
    if name.endswith(".xml"):
        try:
            with path.open("rb") as fh:
                return bool(_FEED_ROOT.search(fh.read(2048)))
        except OSError:
            return False
    return False


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    return time.strftime("%Y-%m-%dT%H:%M", struct)


def _entry_page(title: str | None, body_html: str) -> str:
    head = f"<title>{html.escape(title)}</title>" if title else ""
    h1 = f"<h1>{html.escape(title)}</h1>" if title else ""
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body><article>{h1}{body_html}</article></body></html>"


def feed_documents(path: Path, *, raw: bool = False, published: str | None = None) -> Iterator[InputDocument]:
    import feedparser

    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputDocument(None, source=source, error=FeedError(f"cannot read {source}: {exc.strerror or exc}",
                                                                 code="not_found"))
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        yield InputDocument(None, source=source, error=FeedError(f"no feed entries in {source}{problem}"))
        return
    for i, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        where = link or f"{source}#{i}"
        entry_id = entry.get("id") or link
        contents = entry.get("content") or []
        part = contents[0] if contents else entry.get("summary_detail")
        value = (part.get("value") if part else None) or entry.get("summary") or ""
        media = (part.get("type") if part else None) or "text/html"
        date = published or _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        if not value.strip():
            yield InputDocument(None, source=where, input_id=entry_id,
                                error=EmptyInput(f"feed entry {i} has neither content nor a summary"))
            continue
        if "html" in media:
            yield InputDocument(_entry_page(entry.get("title"), value), source=where, input_id=entry_id,
                                url=link, published=date, format="html")
        else:
            yield InputDocument(value, source=where, input_id=entry_id, url=link, published=date,
                                raw=True, format="text")
