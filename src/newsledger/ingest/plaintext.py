"""Plain-text articles as readers copy them from a web page: find the header.

A copied page often starts with lines that are not the story: an "updated" line,
logo or alt-text lines, the headline, a byline with a date, a photo caption with
its credit. `split_header` classifies leading lines until the first line that reads
like body text and returns the metadata plus the body's offset in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import find_date

_MAX_HEADER_LINES = 12

_STAMP = re.compile(
    r"^(?P<label>(?:last\s+)?(?:updated?|modified|published|posted|first\s+published))(?:\s+on)?\s*[:\-–—]?\s*(?P<rest>.*)$",
    re.I,
)
_LOGO_WORDS = re.compile(
    r"\b(logo|image|photo|picture|icon|banner|advertisement|advert|skip to (?:main )?content|menu|subscribe|sign in|log in|share this|newsletter)\b",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|written by|words by)\s+(?P<rest>\S.*)$", re.I)
_CAPTION_MARK = re.compile(
    r"(^(?:photo|image|picture|caption|file photo)\s*[:\-–—]|\((?:photo|image|credit)[^)]*\)\s*$|"
    r"\s/\s*[\w.\- ]{2,40}$|\b(?:photo|image)\s*(?:credit\s*)?:\s*\S|©|\b(?:getty images|ap photo|afp(?: via getty)?|reuters)\s*$)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
# Leading spaces are taken only from the start of a run of them: a long run of spaces
# must not be rescanned from each of its positions (quadratic).
_NAME_SPLIT = re.compile(r"(?:(?<!\s)\s*)?(?:,|\band\b|&|\|)\s*")
_AUTHOR_TRAIL = re.compile(r"(?<![\s,|–—\-·•])[\s,|–—\-·•]+$")


@dataclass
class Header:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    caption: str | None = None
    body_start: int = 0
    skipped: list[str] = field(default_factory=list)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _looks_like_body(line: str) -> bool:
    """Body paragraphs are sentences: long, or ending with sentence punctuation."""
    words = line.split()
    if len(words) >= 30:
        return True
    return bool(_SENTENCE_END.search(line)) and len(words) >= 8


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 25 and not line.rstrip().endswith((".", ",", ";"))


def _parse_byline(rest: str) -> tuple[list[str], str | None]:
    found = find_date(rest)
    published = None
    names_part = rest
    if found is not None:
        published = found.iso
        names_part = rest[: found.start]
    names_part = _AUTHOR_TRAIL.sub("", names_part.strip())
    authors = [n.strip() for n in _NAME_SPLIT.split(names_part) if n.strip()]
    # Drop trailing role words ("Jane Roe, Staff Writer") only when they look like roles.
    authors = [a for a in authors if not re.fullmatch(r"(?i)(staff|senior|chief)?\s*(writer|reporter|correspondent|editor)s?", a)]
    return authors, published


def split_header(text: str) -> Header:
    """Classify leading lines of `text` as header parts; the rest is the body."""
    header = Header()
    seen_title_or_byline = False
    header_lines = 0
    for pos, raw_line in _lines(text):
        line = raw_line.strip()
        if not line:
            continue
        lead = pos + (len(raw_line) - len(raw_line.lstrip()))
        if header_lines >= _MAX_HEADER_LINES:
            header.body_start = lead
            return header
        header_lines += 1

        stamp = _STAMP.match(line)
        if stamp:
            found = find_date(stamp.group("rest"))
            if found is not None and found.start <= 3:
                label = stamp.group("label").lower()
                if "publish" in label or "posted" in label:
                    header.published = header.published or found.iso
                else:
                    header.modified = header.modified or found.iso
                continue

        if len(line.split()) <= 6 and _LOGO_WORDS.search(line) and not _SENTENCE_END.search(line):
            header.skipped.append(line)
            continue

        byline = _BYLINE.match(line)
        if byline and len(line.split()) <= 16:
            authors, published = _parse_byline(byline.group("rest"))
            if authors:
                header.authors = authors
                if published:
                    header.published = header.published or published
                seen_title_or_byline = True
                continue

        if seen_title_or_byline and header.caption is None and _CAPTION_MARK.search(line) and not _looks_like_body(line):
            header.caption = line
            continue

        only_date = find_date(line)
        if only_date is not None and only_date.start == 0 and len(line) - only_date.end <= 2:
            header.published = header.published or only_date.iso
            continue

        if header.title is None and not _looks_like_body(line) and _looks_like_headline(line):
            header.title = line
            seen_title_or_byline = True
            continue

        header.body_start = lead
        return header

    # Nothing read like body text: treat the whole input as body, header-free.
    return Header()
