"""HTML pages: main text and metadata through trafilatura, dates through htmldate."""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass, field

from ..errors import NoArticleText
from .dates import normalise_published
from .plaintext import split_header

_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|p|div|meta)\b", re.I)

# trafilatura and htmldate log every page they find hard; that is not our users' concern.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:4096]))


@dataclass
class HtmlArticle:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    outlet: str | None = None
    url: str | None = None
    caption: str | None = None


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    import htmldate
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True,
        )
        if doc is None or not (getattr(doc, "text", None) or "").strip():
            raise NoArticleText("no main text found in the HTML page")
        published = _safe_date(htmldate.find_date, html, original_date=True, extensive_search=False)
        modified = _safe_date(htmldate.find_date, html, original_date=False, extensive_search=False,
                              outputformat="%Y-%m-%dT%H:%M")

    text = doc.text.replace("\r\n", "\n")
    title = (doc.title or "").strip() or None
    # trafilatura keeps the headline and byline lines inside the text: drop them.
    header = split_header(text)
    body = text[header.body_start:] if header.body_start else text
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    authors = [a.strip() for a in split_authors(doc.author or "") if a.strip()] or header.authors
    published = published or _published_from(doc.date) or header.published
    if modified:
        if modified.endswith("T00:00"):  # htmldate pads a bare day with midnight
            modified = modified[:10]
        if published and published.startswith(modified):
            modified = None  # the page gives one date only
    return HtmlArticle(
        text=body.rstrip(),
        title=title or header.title,
        authors=authors,
        published=published,
        modified=modified,
        outlet=(doc.sitename or None),
        url=url or doc.url,
        caption=header.caption,
    )


def split_authors(value: str) -> list[str]:
    r"""Split at ';' and at ',' outside parentheses ("Roe (Reuters, Paris), Doe" is two).

    What `re.split(r";|,(?![^()]*\))", value)` gives, in one pass: that lookahead rescans to
    the next parenthesis from every comma, quadratic on a long run of commas."""
    cuts: list[int] = []
    closing_next = False  # the first parenthesis to the right is ')'
    for i in range(len(value) - 1, -1, -1):
        ch = value[i]
        if ch in "()":
            closing_next = ch == ")"
        elif ch == ";" or (ch == "," and not closing_next):
            cuts.append(i)
    parts, start = [], 0
    for i in reversed(cuts):
        parts.append(value[start:i])
        start = i + 1
    parts.append(value[start:])
    return parts


def _published_from(value: str | None) -> str | None:
    try:
        return normalise_published(value)
    except ValueError:
        return None


def _safe_date(fn, html: str, **kwargs) -> str | None:
    try:
        return fn(html, **kwargs)
    except Exception:  # htmldate raises on odd markup; a missing date is not an error  # noqa: BLE001
        return None
