"""The ledger's filters: one set of names, one validation, for the CLI, Python and HTTP.

    Filters.parse(type="consult,agree", country="Norway", date_from="2024-02")
    -> Filters(type='CONSULT,AGREE', country='NOR', date_from='2024-02', ...)

`Filters.parse` takes what a person typed (strings) or typed Python values (a
`datetime.date`, a list of types, a number) under the names in `FILTER_NAMES`, and gives
back normalised filters or raises `FilterError`, whose message names the filter, says what
is wrong and what would be right. The same names are the CLI options (`--type`,
`--date-from`...), the keyword arguments of `Ledger.events()` and the HTTP API's query
parameters; the README's "Filters" table is `filter_table()`.

Filters (all optional, combined with AND):
- `actor`: a name or actor key. Through the knowledge base it means the canonical actor(s)
  that name denotes, with all their aliases; a name the knowledge base does not know
  matches participants of that exact name.
- `country`: the country of a participant (actor or recipient): an ISO 3166 alpha-3 or
  alpha-2 code, or a name ("Norway", "Norwegian"), normalised to alpha-3.
- `type`: one PLOVER type or several separated by commas.
- `date_from`, `date_to`: ISO dates or prefixes ('2024', '2024-02', '2024-02-20'); an event
  is in the range when its first day is (as in GDELT, where an event has one date).
- `place` (a gazetteer name, or 'lat,lon') and `radius_km`: events located within the radius.
- `text`: words that must all occur in a reporting article (full-text index).
- `speaker`: events asserted in a quote of that speaker (for quotes: the speaker's quotes).
- `min_reports`: only events reported by at least that many articles.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TypedDict

from ..model import PLOVER_TYPES
from .backend import StoreError

FILTER_NAMES: tuple[str, ...] = ("actor", "country", "type", "date_from", "date_to", "place", "radius_km", "text",
                                 "speaker", "min_reports")
DEFAULT_RADIUS_KM = 50.0
MAX_RADIUS_KM = 20000.0
_MAX_LEN = 200

# name, what it takes, what it means: the README's filter table and every --help text.
FILTER_HELP: dict[str, tuple[str, str]] = {
    "actor": ("NAME|KEY", "a participant: a name or actor key; aliases from the knowledge base count"),
    "country": ("ISO3|NAME", "country of an actor or recipient: ISO alpha-3 or alpha-2 code, or a name (Norway)"),
    "type": ("TYPE[,TYPE]", "PLOVER event type(s): " + ", ".join(PLOVER_TYPES)),
    "date_from": ("DATE", "first day the event may start on: 2024, 2024-02 or 2024-02-20"),
    "date_to": ("DATE", "last day the event may start on, same forms"),
    "place": ("NAME|LAT,LON", "events located near a place: a gazetteer name or 'lat,lon'"),
    "radius_km": ("KM", f"kilometres around `place` (default {DEFAULT_RADIUS_KM:g}, at most {MAX_RADIUS_KM:g})"),
    "text": ("WORDS", "words that must all occur in a reporting article"),
    "speaker": ("NAME", "events asserted in a quote of this speaker (quotes: the speaker's quotes)"),
    "min_reports": ("N", "only events reported by at least N articles"),
}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


class FilterArgs(TypedDict, total=False):
    """The filters as keyword arguments (`Ledger.events(type="PROTEST", date_from="2024")`)."""

    actor: str
    country: str
    type: str | Iterable[str]
    date_from: str | date | int
    date_to: str | date | int
    place: str
    radius_km: float
    text: str
    speaker: str
    min_reports: int


class FilterError(StoreError, ValueError):
    """A filter value that cannot be used; `name` is the filter, the message says why."""

    code = "bad_filter"

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True, init=False)
class Filters:
    """Validated, normalised filters (build them with `Filters.parse`)."""

    actor: str | None
    country: str | None
    type: str | None
    date_from: str | None
    date_to: str | None
    place: str | None
    radius_km: float
    text: str | None
    speaker: str | None
    min_reports: int | None

    def __init__(self, *, actor: str | None = None, country: str | None = None, type: str | None = None,  # noqa: A002
                 date_from: str | None = None, date_to: str | None = None, place: str | None = None,
                 radius_km: float = DEFAULT_RADIUS_KM, text: str | None = None, speaker: str | None = None,
                 min_reports: int | None = None, event_type: str | None = None) -> None:
        """Filters as given, unchecked (the store's own code); `Filters.parse` checks a user's.
        `event_type` is the former name of `type`, accepted while callers move over."""
        values = {"actor": actor, "country": country, "type": type or event_type, "date_from": date_from,
                  "date_to": date_to, "place": place, "radius_km": radius_km, "text": text, "speaker": speaker,
                  "min_reports": min_reports}
        for name, value in values.items():
            object.__setattr__(self, name, value)

    # --- building -------------------------------------------------------------------------

    @classmethod
    def parse(cls, values: Mapping[str, Any] | None = None, /, **kwargs: Any) -> Filters:
        """Check and normalise filters given by name (a mapping and/or keywords). None and
        empty strings mean "not given". Raises FilterError for an unknown name or a bad value."""
        raw = {**(values or {}), **kwargs}
        if "event_type" in raw:
            raise FilterError("event_type", "the event-type filter is called 'type' (type='PROTEST,ASSAULT')")
        unknown = [k for k in raw if k not in FILTER_NAMES]
        if unknown:
            hints = []
            for k in unknown:
                close = difflib.get_close_matches(k, FILTER_NAMES, n=1)
                hints.append(f"{k!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            raise FilterError(unknown[0], f"unknown filter {', '.join(hints)}; filters are {', '.join(FILTER_NAMES)}")
        out: dict[str, Any] = {
            "actor": _text(raw.get("actor"), "actor"),
            "country": parse_country(raw.get("country")),
            "type": parse_types(raw.get("type")),
            "date_from": parse_date(raw.get("date_from"), "date_from"),
            "date_to": parse_date(raw.get("date_to"), "date_to"),
            "place": _text(raw.get("place"), "place"),
            "radius_km": _radius(raw.get("radius_km")),
            "text": _text(raw.get("text"), "text"),
            "speaker": _text(raw.get("speaker"), "speaker"),
            "min_reports": _min_reports(raw.get("min_reports")),
        }
        lo, hi = out["date_from"], out["date_to"]
        if lo and hi and _first_day(lo) > _last_day(hi):
            raise FilterError("date_from", f"date_from {lo} is after date_to {hi}")
        if out["place"] is not None:
            _check_place(out["place"])
        return cls(**out)

    def replace(self, **changes: Any) -> Filters:
        """A copy with some filters changed (unchecked)."""
        return dataclasses.replace(self, **changes)

    # --- reading ------------------------------------------------------------------------------

    @property
    def types(self) -> tuple[str, ...]:
        """The PLOVER types asked for, upper case (empty: any type)."""
        if not self.type:
            return ()
        return tuple(t.strip().upper() for t in self.type.split(",") if t.strip())

    @property
    def event_type(self) -> str | None:
        """The former name of `type`."""
        return self.type

    def given(self) -> dict[str, Any]:
        """The filters that narrow anything, by name (radius only with a place)."""
        out = {}
        for name in FILTER_NAMES:
            value = getattr(self, name)
            if name == "radius_km":
                if self.place:
                    out[name] = value
            elif value not in (None, ""):
                out[name] = value
        return out

    def __bool__(self) -> bool:
        return bool(self.given())


# --- the checks, one per kind of value -------------------------------------------------------

def _text(value: Any, name: str, max_len: int = _MAX_LEN) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FilterError(name, f"{name} must be text, not {type(value).__name__}")
    value = value.strip()
    if not value:
        return None
    if len(value) > max_len:
        raise FilterError(name, f"{name} is longer than {max_len} characters")
    if any(ord(c) < 32 for c in value):
        raise FilterError(name, f"{name} contains control characters")
    return value


def parse_date(value: Any, name: str = "date") -> str | None:
    """An ISO date or prefix ('2024', '2024-02', '2024-02-20'), or a date: the ISO prefix."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
        return f"{value:04d}"
    text = _text(value, name, 40)
    if text is None:
        return None
    message = f"{name} must be a date such as 2024, 2024-02 or 2024-02-20, not {text!r}"
    m = _DATE.match(text)
    if not m:
        raise FilterError(name, message)
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        raise FilterError(name, f"{message}: there is no month {month}")
    try:
        date(year or 1, int(month or 1), int(day or 1))
    except ValueError as exc:
        raise FilterError(name, f"{message}: {exc}") from None
    if year == 0:
        raise FilterError(name, f"{message}: there is no year 0")
    return text


def _first_day(prefix: str) -> str:
    from .keys import day_bounds

    return day_bounds(prefix, prefix)[0] or prefix


def _last_day(prefix: str) -> str:
    from .keys import day_bounds

    return day_bounds(prefix, prefix)[1] or prefix


def parse_types(value: Any) -> str | None:
    """PLOVER types (a comma-separated string or a list), upper case, comma-joined."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = _text(value, "type", 400) or ""
        items = [t.strip() for t in text.split(",")]
    elif isinstance(value, Iterable):
        items = [str(t).strip() for t in value]
    else:
        raise FilterError("type", f"type must be text or a list of types, not {type(value).__name__}")
    types = [t.upper() for t in items if t]
    unknown = [t for t in types if t not in PLOVER_TYPES]
    if unknown:
        hints = []
        for t in unknown:
            close = difflib.get_close_matches(t, PLOVER_TYPES, n=1)
            hints.append(t + (f" (did you mean {close[0]}?)" if close else ""))
        raise FilterError("type", f"unknown event type {', '.join(hints)}; PLOVER types are {', '.join(PLOVER_TYPES)}")
    return ",".join(dict.fromkeys(types)) or None


@lru_cache(maxsize=1)
def _country_names() -> tuple[dict[str, str], dict[str, set[str]], dict[str, str]]:
    """ISO alpha-3 -> name, name key -> the alpha-3 codes it names, and alpha-2 -> alpha-3
    (from data/countries.tsv: names, alternative and former names, then demonyms). A key
    that several countries share names the most populous of them when it has more than ten
    times the people of the next ("Norwegian": Norway, not Svalbard); otherwise all of them."""
    from ..countries import country_rows
    from .keys import name_norm

    names: dict[str, str] = {}
    people: dict[str, int] = {}
    by_key: dict[str, set[str]] = {}
    by_demonym: dict[str, set[str]] = {}
    by_iso2: dict[str, set[str]] = {}
    for row in country_rows():
        iso3 = row["iso3"].upper()
        names[iso3] = row["name"]
        people[iso3] = int(row.get("population") or 0)
        if row.get("iso2") and not row.get("until"):
            by_iso2.setdefault(row["iso2"].upper(), set()).add(iso3)
        for table, values in ((by_key, [row["name"], *row.get("aliases", "").split("|")]),
                              (by_demonym, row.get("demonyms", "").split("|"))):
            for name in values:
                key = name_norm(name)
                if key:
                    table.setdefault(key, set()).add(iso3)
    for key, codes in by_demonym.items():
        by_key.setdefault(key, codes)  # a country's name wins over another's demonym
    for key, codes in by_key.items():
        if len(codes) > 1:
            first, second = sorted(codes, key=lambda c: -people[c])[:2]
            if people[first] > 10 * people[second]:
                by_key[key] = {first}
    iso2 = {k: next(iter(v)) for k, v in by_iso2.items() if len(v) == 1}
    return names, by_key, iso2


def country_name(iso3: str | None) -> str | None:
    return _country_names()[0].get((iso3 or "").upper())


def parse_country(value: Any) -> str | None:
    """A country as ISO 3166 alpha-3: from an alpha-3 or alpha-2 code or a name (any case)."""
    from .keys import name_norm

    text = _text(value, "country", 80)
    if text is None:
        return None
    names, by_key, iso2 = _country_names()
    upper = text.upper()
    if upper in names:
        return upper
    if len(upper) == 2 and upper in iso2:
        return iso2[upper]
    found = by_key.get(name_norm(text), set())
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        options = ", ".join(f"{names[c]} ({c})" for c in sorted(found))
        raise FilterError("country", f"country {text!r} names several countries: {options}; give the code")
    keys = {k: v for k, v in by_key.items() if len(v) == 1}
    close = difflib.get_close_matches(name_norm(text), list(keys), n=3, cutoff=0.75)
    hint = ""
    if close:
        codes = list(dict.fromkeys(next(iter(keys[k])) for k in close))
        hint = "; did you mean " + " or ".join(f"{names[c]} ({c})" for c in codes) + "?"
    raise FilterError("country", f"country {text!r} is not a country name or ISO 3166 code (such as NOR or Norway)"
                                 + hint)


def _radius(value: Any) -> float:
    if value is None or value == "":
        return DEFAULT_RADIUS_KM
    try:
        radius = float(value)
    except (TypeError, ValueError):
        raise FilterError("radius_km", f"radius_km must be a number of kilometres, not {value!r}") from None
    if math.isnan(radius) or not 0 < radius <= MAX_RADIUS_KM:
        raise FilterError("radius_km", f"radius_km must be more than 0 and at most {MAX_RADIUS_KM:g}, not {value!r}")
    return radius


def _min_reports(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise FilterError("min_reports", f"min_reports must be a whole number, not {value!r}") from None
    if isinstance(value, bool) or not number.is_integer() or number < 1:
        raise FilterError("min_reports", f"min_reports must be a whole number of at least 1, not {value!r}")
    return int(number)


def _check_place(place: str) -> None:
    m = _LATLON.match(place)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise FilterError("place", "place coordinates must be 'lat,lon' with lat in -90..90 and lon in -180..180")
        return
    from ..gazetteer import Gazetteer

    if not Gazetteer.open().lookup(place):
        raise FilterError("place", f"place {place!r} is not in the gazetteer; give 'lat,lon' instead")


def filter_table() -> str:
    """The filters as a Markdown table (the README's), with each one's CLI option."""
    lines = ["| filter | CLI option | value | meaning |", "|---|---|---|---|"]
    for name in FILTER_NAMES:
        metavar, meaning = FILTER_HELP[name]
        metavar = metavar.replace("|", "\\|")  # a pipe inside a Markdown table cell
        lines.append(f"| `{name}` | `--{name.replace('_', '-')}` | `{metavar}` | {meaning} |")
    return "\n".join(lines)


__all__ = ["DEFAULT_RADIUS_KM", "FILTER_HELP", "FILTER_NAMES", "FilterArgs", "FilterError", "Filters", "country_name",
           "filter_table", "parse_country", "parse_date", "parse_types"]
