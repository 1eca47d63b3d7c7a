"""Explicit calendar dates as pages print them, for article metadata.

Only absolute dates are handled here ("April 24, 2024 01:08", "20 Feb. 2024",
"2024-02-20T10:00"); relative expressions are the times stage's business.
Results are ISO 8601 strings as precise as the input ("2024-04-24T01:08").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"

_PATTERNS = [
    # 2024-02-20, 2024-02-20T10:00:00Z, 2024-02-20 10:00
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])(?:[T\s](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?)?"),
    # February 20, 2024 [01:08]
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b" + _TIME, re.I),
    # 20 February 2024 [01:08]
    re.compile(_WEEKDAY + r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b" + _TIME, re.I),
    # 20.02.2024 (day first, as European pages print it)
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mnum>0?[1-9]|1[0-2])\.(?P<year>(?:19|20)\d\d)\b" + _TIME),
]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    iso: str

    def as_anchor(self) -> date | datetime:
        return parse_iso(self.iso)


def find_date(text: str) -> FoundDate | None:
    """The first explicit date in `text`, with its character span."""
    best: FoundDate | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso_from_match(m)
            if iso is None:
                continue
            if best is None or m.start() < best.start:
                best = FoundDate(m.start(), m.end(), iso)
            break
    return best


def parse_date(text: str) -> str | None:
    found = find_date(text)
    return found.iso if found else None


def _iso_from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    year = int(g["year"])
    month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["month"].lower().rstrip(".")]
    day = int(g["day"])
    try:
        date(year, month, day)
    except ValueError:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if g.get("hour") is not None and g.get("minute") is not None:
        hour = int(g["hour"])
        ampm = (g.get("ampm") or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        iso += f"T{hour:02d}:{g['minute']}"
    return iso


def parse_iso(value: str) -> date | datetime:
    """An ISO 8601 date or date-time ('2024-02-20', '2024-02-20T10:00[:00][Z]')."""
    value = value.strip()
    if len(value) <= 10:
        return date.fromisoformat(value)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def normalise_published(value: str | None) -> str | None:
    """A user- or page-given publication time as an ISO string ('YYYY-MM-DD[THH:MM]').

    The one check of a `published` value, whoever gives it (command line, HTTP API, JSON
    Lines field, Python call): a ValueError's message names no interface, so that each
    says it in its own words (`--published`, the API's field `published`)."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    message = f"{value!r} is not a date in the form YYYY-MM-DD[THH:MM]"
    if any(c.isdigit() and not c.isascii() for c in value):
        # Python's int() and \d read full-width and other scripts' digits; a date here is ASCII.
        raise ValueError(message + " (digits 0-9 only)")
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?", value,
                     re.ASCII)
    if m:
        try:
            parse_iso(m.group(1))
        except ValueError as exc:  # an impossible date
            raise ValueError(f"{message}: {exc}") from exc
        return m.group(1) + (f"T{m.group(2)}" if m.group(2) else "")
    found = find_date(value)
    if found is None:
        raise ValueError(message)
    return found.iso
