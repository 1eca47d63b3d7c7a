"""Small, pure functions that every part of the store agrees on: name keys, day bounds,
content hashes."""

from __future__ import annotations

import calendar
import hashlib
from datetime import UTC, date, datetime, timedelta

from ..gazetteer import name_key
from ..ingest import InputDocument

INPUT_HASH_VERSION = "newsledger-input/1"


def name_norm(name: str | None) -> str:
    """The key under which a name is compared: case, diacritics and punctuation folded."""
    return name_key(name or "")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def day_bounds(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """The first and last day ('YYYY-MM-DD') an ISO-prefix interval covers: '2023-09' ->
    ('2023-09-01', '2023-09-30'); a time of day is dropped."""
    if not start or not end:
        return None, None
    return _pad(start[:10], upper=False), _pad(end[:10], upper=True)


def _pad(value: str, *, upper: bool) -> str | None:
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return f"{year:04d}-12-31" if upper else f"{year:04d}-01-01"
        month = int(parts[1])
        if len(parts) == 2:
            day = calendar.monthrange(year, month)[1] if upper else 1
            return f"{year:04d}-{month:02d}-{day:02d}"
        return date(year, month, int(parts[2])).isoformat()
    except (ValueError, IndexError):
        return None


def shift_day(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def span_days(day_start: str, day_end: str) -> int:
    return (date.fromisoformat(day_end) - date.fromisoformat(day_start)).days + 1


def input_hash(item: InputDocument) -> str:
    """What makes two inputs the same for resuming: the bytes and the options that change
    the record (format, raw, a given publication date). An input that could not be read is
    identified by where it came from and why it failed."""
    h = hashlib.sha256()
    h.update(f"{INPUT_HASH_VERSION}\0{item.format}\0{int(item.raw)}\0{item.published or ''}\0".encode())
    content = item.content
    if content is None:
        err = item.error
        h.update(b"unreadable\0" + f"{item.source}\0{item.input_id}\0{getattr(err, 'code', '')}".encode())
    elif isinstance(content, bytes):
        h.update(b"bytes\0" + content)
    else:
        h.update(b"text\0" + content.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def record_hash(article_key: str) -> str:
    """The document key of an already extracted record (ingested with `--records`)."""
    return hashlib.sha256(f"newsledger-record/1\0{article_key}".encode()).hexdigest()
