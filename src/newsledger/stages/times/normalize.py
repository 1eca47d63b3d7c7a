"""From a found expression to a TimeML type and value, against the publication date.

Values follow TimeML: dates as ISO prefixes (`2023`, `2023-09`, `2023-09-20`),
weeks as `2013-W11`, seasons as `2024-SP`, quarters as `2024-Q1`, durations as
`P44D`/`PXW`, sets as `P1Y`, references as `PRESENT_REF`/`PAST_REF`/`FUTURE_REF`.
Without a publication date, relative expressions keep unknown parts (`XXXX-09`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .grammar import MONTH_ABBR, MONTH_NAMES, NUMBER_WORDS, UNITS, WEEKDAYS, Expression

_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SET_ADVERBS = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W",
                "daily": "P1D", "hourly": "PT1H", "biannual": "P6M", "biennial": "P2Y", "quarterly": "P3M"}


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTH_NAMES.get(key) or MONTH_ABBR[key]


def parse_number(text: str) -> int | None:
    """'44' -> 44, 'five' -> 5, 'twenty-one' -> 21, 'several' -> None (unknown)."""
    t = text.lower().replace("-", " ").strip()
    if t.replace(".", "", 1).isdigit():
        return int(float(t))
    total = 0
    for part in t.split():
        if part not in NUMBER_WORDS:
            return None
        v = NUMBER_WORDS[part]
        if v is None:
            return None
        total = total * v if v == 100 and total else total + v
    return total or None


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


class Normalizer:
    def __init__(self, anchor: date | datetime | None) -> None:
        if isinstance(anchor, datetime):
            anchor = anchor.date()
        self.anchor: date | None = anchor
        self.anchor_value = anchor.isoformat() if anchor else None

    def normalize(self, e: Expression, tense: str) -> tuple[str, str] | None:
        handler = getattr(self, "_" + e.kind, None)
        if handler is None:
            return None
        return handler(e.groups, tense)

    # --- absolute dates -------------------------------------------------------------------

    def _iso_date(self, g, tense):
        value = f"{g['year']}-{g['mnum']}-{g['day']}"
        if g.get("hour"):
            return "TIME", f"{value}T{g['hour']}:{g['minute']}"
        return "DATE", value

    def _date_mdy(self, g, tense):
        return self._full_date(int(g["year"]), month_number(g["month"]), int(g["day"]))

    _date_dmy = _date_mdy

    def _full_date(self, year: int, month: int, day: int):
        try:
            return "DATE", date(year, month, day).isoformat()
        except ValueError:
            return None

    def _month_year(self, g, tense):
        return "DATE", f"{int(g['year']):04d}-{month_number(g['month']):02d}"

    def _year(self, g, tense):
        return "DATE", g["year"]

    def _year_range(self, g, tense):
        return "DURATION", f"P{int(g['year2']) - int(g['year'])}Y"

    def _decade(self, g, tense):
        return "DATE", g["decade"][:3]

    # --- dates relative to the anchor -------------------------------------------------------

    def _trail_year(self, g) -> int | None:
        if g.get("trail_year"):
            return int(g["trail_year"])
        rel = (g.get("trail_rel") or "").lower()
        if rel and self.anchor:
            return self.anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
        return None

    def _month_day(self, g, tense):
        month, day = month_number(g["month"]), int(g["day"])
        year = self._trail_year(g)
        if year is None:
            if self.anchor is None:
                return "DATE", f"XXXX-{month:02d}-{day:02d}"
            year = self._year_for(month, day, tense)
        return self._full_date(year, month, day)

    def _year_for(self, month: int, day: int, tense: str) -> int:
        """The year of a day-and-month without a year, chosen by tense around the anchor."""
        assert self.anchor is not None
        a = self.anchor
        try:
            this_year = date(a.year, month, day)
        except ValueError:
            return a.year
        if tense == "past":
            return a.year if this_year <= a else a.year - 1
        if tense == "future":
            return a.year if this_year >= a else a.year + 1
        # nearest: within six months either way
        if (this_year - a).days > 183:
            return a.year - 1
        if (a - this_year).days > 183:
            return a.year + 1
        return a.year

    def _month_alone(self, g, tense):
        month = month_number(g["month"])
        if self.anchor is None:
            return "DATE", f"XXXX-{month:02d}"
        return "DATE", f"{self._year_for(month, 1, tense) if month != self.anchor.month else self.anchor.year:04d}-{month:02d}"

    def _rel_month(self, g, tense):
        month = month_number(g["month"])
        rel = g["rel"].lower()
        if self.anchor is None:
            return "DATE", f"XXXX-{month:02d}"
        a = self.anchor
        if rel in ("last", "past", "previous"):
            year = a.year if month < a.month else a.year - 1
        elif rel in ("next", "coming", "following"):
            year = a.year if month > a.month else a.year + 1
        else:
            year = a.year
        return "DATE", f"{year:04d}-{month:02d}"

    def _weekday(self, g, tense):
        wd = WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        if self.anchor is None:
            return "DATE", f"XXXX-WXX-{wd + 1}"
        a = self.anchor
        if rel == "last":
            tense = "past"
        elif rel in ("next", "coming"):
            tense = "future"
        delta = wd - a.weekday()
        if tense == "past":
            d = a + timedelta(days=delta if delta <= 0 else delta - 7)
        elif tense == "future":
            d = a + timedelta(days=delta if delta >= 0 else delta + 7)
        else:
            d = a + timedelta(days=delta if abs(delta) <= 3 else (delta - 7 if delta > 0 else delta + 7))
        value = d.isoformat()
        if g.get("part"):
            return "TIME", f"{value}T{_part_code(g['part'])}"
        return "DATE", value

    def _ago(self, g, tense):
        n = parse_number(g["num"])
        unit = g["unit"].lower()
        direction = g["dir"].lower()
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        if direction in ("earlier", "before", "later"):
            # "two days later" is anchored to the story's own time, which the events stage knows;
            # as a TIMEX it is the duration
            if n is None:
                return "DURATION", f"PX{UNITS[unit]}"
            return "DURATION", f"P{n}{UNITS[unit]}" if unit not in ("hour", "minute", "second") else f"PT{n}{UNITS[unit]}"
        if self.anchor is None or n is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
        a = self.anchor
        if unit == "day":
            return "DATE", (a + timedelta(days=sign * n)).isoformat()
        if unit == "week":
            d = a + timedelta(weeks=sign * n)
            iso = d.isocalendar()
            return "DATE", f"{iso[0]:04d}-W{iso[1]:02d}"
        if unit == "month":
            d = _add_months(a, sign * n)
            return "DATE", f"{d.year:04d}-{d.month:02d}"
        if unit == "year":
            return "DATE", f"{a.year + sign * n:04d}"
        if unit == "decade":
            return "DATE", f"{(a.year + sign * 10 * n) // 10:03d}"
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"

    def _rel_unit(self, g, tense):
        rel = g["rel"].lower()
        unit = g["unit"].lower()
        num = g.get("num")
        if num is not None or rel in ("past", "coming") and unit != "year":
            n = parse_number(num) if num else 1
            code = UNITS[unit]
            if n is None:
                return "DURATION", f"PX{code}"
            return "DURATION", (f"PT{n}{code}" if unit in ("hour", "minute", "second") else f"P{n}{code}")
        shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1,
                 "this": 0, "current": 0}[rel]
        if self.anchor is None:
            return "DATE", {"-1": "PAST_REF", "1": "FUTURE_REF", "0": "PRESENT_REF"}[str(shift)]
        a = self.anchor
        if unit == "year":
            return "DATE", f"{a.year + shift:04d}"
        if unit == "month":
            d = _add_months(a, shift)
            return "DATE", f"{d.year:04d}-{d.month:02d}"
        if unit == "week":
            d = a + timedelta(weeks=shift)
            iso = d.isocalendar()
            return "DATE", f"{iso[0]:04d}-W{iso[1]:02d}"
        if unit == "day":
            return "DATE", (a + timedelta(days=shift)).isoformat()
        if unit == "decade":
            return "DATE", f"{(a.year // 10 + shift):03d}"
        if unit == "quarter":
            q = (a.month - 1) // 3 + shift
            y, q = a.year + q // 4, q % 4
            return "DATE", f"{y:04d}-Q{q + 1}"
        return None

    def _rel_word(self, g, tense):
        w = g["word"].lower()
        if w in ("now", "currently", "nowadays"):
            return "DATE", "PRESENT_REF"
        if w in ("recently", "formerly", "previously"):
            return "DATE", "PAST_REF"
        if self.anchor is None:
            return "DATE", "PRESENT_REF" if w in ("today", "tonight") else ("PAST_REF" if w == "yesterday" else "FUTURE_REF")
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w]
        value = (self.anchor + timedelta(days=shift)).isoformat()
        return ("TIME", value + "TNI") if w == "tonight" else ("DATE", value)

    def _ref_phrase(self, g, tense):
        p = g["phrase"].lower()
        if "future" in p:
            return "DATE", "FUTURE_REF"
        if "past" in p or "recent" in p or p == "at the time" or p == "once again":
            return ("DATE", "PAST_REF") if p not in ("once again",) else None
        return "DATE", "PRESENT_REF"

    def _part_of_day(self, g, tense):
        rel = g["rel"].lower()
        shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
        if rel == "last" and g["part"].lower() != "night":
            shift = -1
        if self.anchor is None:
            return "TIME", f"XXXX-XX-XXT{_part_code(g['part'])}"
        return "TIME", f"{(self.anchor + timedelta(days=shift)).isoformat()}T{_part_code(g['part'])}"

    def _season(self, g, tense):
        code = _SEASONS[g["season"].lower()]
        if g.get("year"):
            return "DATE", f"{g['year']}-{code}"
        rel = g["rel"].lower()
        if self.anchor is None:
            return "DATE", f"XXXX-{code}"
        year = self.anchor.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
        return "DATE", f"{year:04d}-{code}"

    def _quarter(self, g, tense):
        ordinal = g["ord"].lower()
        if g.get("year"):
            q = _QUARTERS.get(ordinal, 4)
            return "DATE", f"{g['year']}-Q{q}"
        if ordinal == "last" or self.anchor is None:
            return "DATE", "XXXX-QX" if self.anchor is None else f"{self.anchor.year:04d}-Q{(self.anchor.month - 1) // 3 or 4}"
        return "DATE", f"{self.anchor.year:04d}-Q{_QUARTERS[ordinal]}"

    def _clock(self, g, tense):
        hour = int(g["hour"])
        ampm = g["ampm"].lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        minute = g.get("minute") or "00"
        day = self.anchor.isoformat() if self.anchor else "XXXX-XX-XX"
        return "TIME", f"{day}T{hour:02d}:{minute}"

    # --- durations and sets -------------------------------------------------------------------

    def _duration_value(self, num: str | None, unit: str) -> str:
        code = UNITS[unit.lower()]
        n = parse_number(num) if num else None
        time_unit = unit.lower() in ("hour", "minute", "second")
        amount = "X" if n is None else str(n)
        if unit.lower() == "quarter":
            return f"P{amount if n is None else n * 3}M"
        return f"PT{amount}{code}" if time_unit else f"P{amount}{code}"

    def _duration(self, g, tense):
        return "DURATION", self._duration_value(g["num"], g["unit"])

    _duration_adj2 = _duration

    def _duration_vague(self, g, tense):
        return "DURATION", self._duration_value(None, g["unit"])

    def _duration_plural(self, g, tense):
        unit = g["unit"].lower()
        unit = "century" if unit == "centuries" else unit.rstrip("s")
        return "DURATION", self._duration_value(None, unit)

    def _decades(self, g, tense):
        return self._duration_plural(g, tense)

    def _set_every(self, g, tense):
        unit = g["unit"].lower()
        num = (g.get("num") or "").lower()
        if unit in WEEKDAYS:
            return "SET", f"XXXX-WXX-{WEEKDAYS[unit] + 1}"
        if unit in _SEASONS:
            return "SET", f"XXXX-{_SEASONS[unit]}"
        if unit in ("morning", "evening", "night"):
            return "SET", f"TXX{_part_code(unit)}"
        n = 2 if num == "other" else (parse_number(num) if num else 1) or 1
        return "SET", self._duration_value(str(n), unit)

    def _set_adverb(self, g, tense):
        return "SET", _SET_ADVERBS[g["adv"].lower()]


def _part_code(part: str) -> str:
    return {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[part.lower()]
