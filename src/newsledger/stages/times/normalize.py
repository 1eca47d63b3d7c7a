"""From a found expression to a TimeML type and value.

Values are written as TimeML (TIMEX3, ISO 8601 based) writes them:
dates as ISO prefixes (`2023`, `2023-09`, `2023-09-20`), decades and centuries as
truncated years (`199`, `19`), weeks `2013-W11`, weekends `2013-W11-WE`, quarters
`2024-Q1`, halves `2024-H2`, seasons `2024-SP`, parts of the day `2024-02-19TMO`,
clock times `2024-02-19T14:30`; durations `P44D`, `PT3H`, `P10Y`, `PXW` (unknown
amount); sets `P1Y`, `XXXX-WXX-1`; and `PRESENT_REF`/`PAST_REF`/`FUTURE_REF`.

Four anchors resolve what the text leaves open:
- the publication date (`anchor`) for "Monday", "last year", "five months ago";
- the tense of the clause (`Tense`, given by the stage) for the direction of "Monday"
  or "in September": past in past-tense clauses, future in future ones; where a past
  verb only carries the date's noun ("declared a dividend, payable Dec. 7") the nearest
  reading, leaning to the past; weekdays otherwise lean to the past (news reports them
  after the fact), months and days to the nearest; a tense never sends a date of these
  two weeks a year away;
- the story's own time (`refs`: the dates resolved so far, in text order) for
  "the next day", "two days later", "that week";
- the reporting period in focus (`focus`: the quarter, half or run of months a business
  story reports) for "the quarter", "the latest period", "a year earlier", "the year-ago
  period", "year-earlier".
Without a publication date, relative expressions keep unknown parts (`XXXX-09`).

Each kind of expression the grammar finds has one handler in `HANDLERS`, a function of
the normaliser, the match's groups and the tense (`Handler`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Literal

from .grammar import (
    MONTH_ABBR,
    MONTH_NAMES,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAY_ABBR,
    WEEKDAYS,
    Expression,
    holiday_key,
    holidays,
    unit_of,
)

Groups = Mapping[str, str]
"""The named groups a grammar rule matched ("month": "March", "day": "3")."""
Tense = Literal["past", "future", "present", "past-nominal", "nearest"]
"""How the clause dates an expression (see `clause_tenses` in the stage)."""
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Result = tuple[TimexType, str] | None
"""A TIMEX3 type and value, or None when the words name no time after all."""
Handler = Callable[["Normalizer", Groups, Tense], Result]
"""One kind of expression to its type and value: `HANDLERS[kind](normalizer, groups, tense)`."""

_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                "final": 4}
# "annually" is written as the pattern it repeats (XXXX, as TempEval-3 and TimeBank annotate
# it); the others as their period ("daily" P1D, as most annotated text has it)
_SET_ADVERBS = {"annually": "XXXX", "yearly": "XXXX", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
                "nightly": "P1D", "hourly": "PT1H", "biweekly": "P2W", "bimonthly": "P2M", "biannually": "P6M",
                "semiannually": "P6M", "semi-annually": "P6M", "quarterly": "P3M", "biennially": "P2Y"}
_MULTIPLIERS = {"hundred", "dozen", "couple"}  # "a hundred", "a dozen", "a couple"
_SEASON_ORDER = ["SP", "SU", "FA", "WI"]
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_BACK = {"last", "past", "previous", "prior", "latest", "before", "earlier", "previously", "ago"}
_FORWARD = {"next", "coming", "following", "after", "later", "afterward", "afterwards", "from now", "hence"}
_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)(?:-(?:WE|\d))?|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?(?:T.*)?$")
# a day this close to the publication date is not pushed a year away by the tense
_SLACK_DAYS = 14
# how many sentences a reporting period stays in focus
_FOCUS_REACH = 4
# a period's results come out within about a quarter of its end
_REPORTING_DAYS = 92
_PRECISION_RANK = {"year": 1, "half": 1.2, "season": 1.3, "quarter": 1.5, "month": 2, "week": 2.5, "day": 3}
_UNIT_PRECISION = {"second": "day", "minute": "day", "hour": "day", "day": "day", "morning": "day",
                   "afternoon": "day", "evening": "day", "night": "day", "week": "week", "weekend": "week",
                   "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year",
                   "decade": "year", "century": "year"}


# --- calendar helpers ------------------------------------------------------------------------------

def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTH_NAMES.get(key) or MONTH_ABBR[key]


def weekday_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return WEEKDAYS[key] if key in WEEKDAYS else WEEKDAY_ABBR[key]


def parse_number(text: str) -> float | None:
    """'44' -> 44, 'five' -> 5, 'twenty-one' -> 21, 'a hundred' -> 100, 'several' -> None (unknown)."""
    t = text.lower().replace("-", " ").strip()
    half = re.fullmatch(r"(\d+)(?:\s+1/2|½)", t)
    if half:
        return int(half.group(1)) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        figure = float(t)
        return int(figure) if figure.is_integer() else figure
    words = [w for w in t.split() if w not in ("of",)]
    if not words:
        return None
    total = 0
    for part in words:
        v = NUMBER_WORDS.get(part)
        if v is None:  # not a number word, or a quantity without a number ("several")
            return None
        total = total * v if part in _MULTIPLIERS and total else total + v
    return total or None


def year_from_words(text: str) -> int | None:
    """'nineteen ninety-seven' -> 1997, 'nineteen oh five' -> 1905, 'two thousand and one' -> 2001."""
    words = re.sub(r"[\s-]+", " ", text.lower()).replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(words[2:])) if words[2:] else 0
        return 2000 + int(rest) if rest is not None and rest < 100 else None
    century = parse_number(words[0])
    if century is None:
        return None
    tail = words[1:]
    if tail == ["hundred"]:
        return int(century) * 100
    if tail and tail[0] == "oh":
        tail = tail[1:]
    rest = parse_number(" ".join(tail))
    return int(century) * 100 + int(rest) if rest is not None and rest < 100 else None


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def season_of(d: date) -> tuple[int, str]:
    """The season a day falls in, winter belonging to the year it starts in."""
    if d.month == 12:
        return d.year, "WI"
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, _SEASON_ORDER[(d.month - 3) // 3]


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    L = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * L) // 451
    month, day = divmod(h + L - 7 * m + 114, 31)
    return date(year, month, day + 1)


_WD_CODES = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def holiday_date(rule: str, year: int) -> date | None:
    if re.fullmatch(r"\d\d-\d\d", rule):
        return date(year, int(rule[:2]), int(rule[3:]))
    m = re.fullmatch(r"easter([+-]\d+)", rule)
    if m:
        return easter(year) + timedelta(days=int(m.group(1)))
    m = re.fullmatch(r"nth:(-?\d):(\w\w):(\d\d)([+-]\d+)?", rule)
    if m:
        k, wd, month = int(m.group(1)), _WD_CODES[m.group(2)], int(m.group(3))
        after = timedelta(days=int(m.group(4) or 0))
        if k > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (k - 1)) + after
        last = add_months(date(year, month, 1), 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - wd) % 7) + after
    return None


def value_start(value: str) -> tuple[date, str] | None:
    """The first day of the period a calendar value names, and its precision."""
    m = _VALUE.match(value)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            return date(year, int(m.group(2)), int(m.group(3))), "day"
        if m.group(2):
            return date(year, int(m.group(2)), 1), "month"
        if m.group(4):
            return date.fromisocalendar(year, int(m.group(4)), 1), "week"
        if m.group(5):
            return date(year, 3 * int(m.group(5)) - 2, 1), "quarter"
        if m.group(6):
            return date(year, 1 if m.group(6) == "1" else 7, 1), "half"
        if m.group(7):
            return date(year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(7)], 1), "season"
        return date(year, 1, 1), "year"
    except ValueError:
        return None


def part_code(word: str) -> str:
    """'morning' -> 'MO', 'evenings' -> 'EV', 'mid-afternoon' -> 'AF'."""
    return PARTS_OF_DAY[re.split(r"[\s-]", word.lower())[-1].rstrip("s")]


def _unit_code(unit: str) -> str:
    return UNITS[unit_of(unit)]


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration: P3Y, PT2H, P10Y for a decade, PXW when the amount is unknown."""
    u = unit_of(unit)
    if u in ("decade", "century"):
        if n is None:
            return f"PX{UNITS[u]}"
        years = n * (10 if u == "decade" else 100)
        return f"P{_num(years)}Y"
    if u == "fortnight":
        return f"P{_num(2 * n)}W" if n is not None else "PXW"
    if n is not None and not float(n).is_integer() and u in _COMPOUND:
        # "2 1/2 years" P2Y6M, "a minute and a half" PT1M30S, "two and a half days" PT60H
        big, small, size, prefix = _COMPOUND[u]
        whole, part = divmod(round(n * size), size)
        if big is None:
            return f"{prefix}{whole * size + part}{small}"
        return prefix + (f"{whole}{big}" if whole else "") + (f"{part}{small}" if part else "")
    amount = "X" if n is None else _num(n)
    if u in ("hour", "minute", "second"):
        return f"PT{amount}{UNITS[u]}"
    return f"P{amount}{UNITS[u]}"


# a fractional amount written in whole units: the unit, the smaller one, how many make one, the prefix
_COMPOUND: dict[str, tuple[str | None, str, int, str]] = {
    "year": ("Y", "M", 12, "P"), "hour": ("H", "M", 60, "PT"), "minute": ("M", "S", 60, "PT"),
    "day": (None, "H", 24, "PT"),
}


def _num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


class Normalizer:
    """Normalises expressions in text order, remembering the dates it resolved (story time)."""

    def __init__(self, anchor: date | datetime | None) -> None:
        self.anchor_time: datetime | None = anchor if isinstance(anchor, datetime) else None
        if isinstance(anchor, datetime):
            anchor = anchor.date()
        self.anchor: date | None = anchor
        self.anchor_value = anchor.isoformat() if anchor else None
        # resolved calendar values in text order, with the sentence they were in
        self.refs: list[tuple[str, int]] = []
        self.sentence = 0
        # the tense of the verb over the expression being normalised (the stage sets it)
        self.verb_tense: Tense = "present"
        # the reporting period a business story is about ("the third quarter", "the nine
        # months"), with its sentence: "the quarter", "a year earlier" and "the year-ago
        # period" are read against it
        self.focus: list[tuple[str, int]] = []

    def normalize(self, e: Expression, tense: Tense = "present") -> Result:
        """The type and value of an expression, by the handler of its kind (`HANDLERS`)."""
        handler = HANDLERS.get(e.kind)
        if handler is None:
            return None
        result = handler(self, e.groups, tense)
        if result is not None and not result[1]:
            return None
        if result is not None and result[0] in ("DATE", "TIME") and value_start(result[1]) is not None:
            self.refs.append((result[1], self.sentence))
        return result

    # --- story time --------------------------------------------------------------------------

    def reference(self, precision: str = "day") -> date | None:
        """The latest resolved date at least as precise as `precision`, else the publication date."""
        need = _PRECISION_RANK[precision]
        for value, _ in reversed(self.refs):
            found = value_start(value)
            if found and _PRECISION_RANK[found[1]] >= need:
                return found[0]
        return self.anchor

    def _recent_period(self, reach: int = _FOCUS_REACH) -> str | None:
        """The reporting period in focus: a quarter, half or run of months named in the last
        `reach` sentences ("the fourth quarter ... a year earlier"), as a quarter, half or year."""
        for value, sentence in reversed(self.focus):
            return value if self.sentence - sentence <= reach else None
        return None

    def _set_focus(self, value: str, tense: Tense = "past") -> None:
        """A period whose results can be reported: one that has ended, or one under way that
        a past clause reports on (a company's fourth quarter may end in September); not
        "the impact on fourth-quarter results" of a quarter just begun."""
        found = value_start(value)
        if found is None or self.anchor is None or found[0] > self.anchor:
            return
        start, precision = found
        if precision in ("quarter", "half") and tense != "past" and self.verb_tense != "past":
            end = add_months(start, 3 if precision == "quarter" else 6) - timedelta(days=1)
            if end >= self.anchor:
                return
        if self.focus:
            # a period of the same kind and year that ends before the one the story reports
            # ("up from a flat second quarter", after the third quarter's results) is a
            # comparison: the reported period stays in focus
            current = value_start(self.focus[-1][0])
            if current is not None and current[1] == precision and precision in ("quarter", "half") \
                    and current[0].year == start.year and current[0] > start:
                return
        self.focus.append((value, self.sentence))

    # --- shifting a date by a unit, written at that unit's precision ---------------------------------

    def shift(self, base: date, unit: str, n: int) -> str:
        u = unit_of(unit)
        if u in ("day", "morning", "afternoon", "evening", "night"):
            return (base + timedelta(days=n)).isoformat()
        if u in ("week", "fortnight"):
            return iso_week(base + timedelta(weeks=n * (2 if u == "fortnight" else 1)))
        if u == "weekend":
            return iso_week(base + timedelta(weeks=n)) + "-WE"
        if u == "month":
            d = add_months(base, n)
            return f"{d.year:04d}-{d.month:02d}"
        if u == "quarter":
            q = (base.month - 1) // 3 + n
            return f"{base.year + q // 4:04d}-Q{q % 4 + 1}"
        if u == "year":
            return f"{base.year + n:04d}"
        if u == "decade":
            return f"{(base.year + 10 * n) // 10:03d}"
        if u == "century":
            return f"{(base.year + 100 * n) // 100:02d}"
        # hours, minutes, seconds: the day, or the clock time when the publication time is known
        if self.anchor_time is not None and base == self.anchor:
            delta = {"hour": timedelta(hours=n), "minute": timedelta(minutes=n), "second": timedelta(seconds=n)}[u]
            return (self.anchor_time + delta).strftime("%Y-%m-%dT%H:%M")
        return base.isoformat()

    # --- direction by tense -------------------------------------------------------------------------

    def _year_for(self, month: int, day: int, tense: Tense) -> int:
        """The year of a day-and-month without a year, chosen by tense around the anchor."""
        assert self.anchor is not None
        a = self.anchor
        try:
            candidates = [date(y, month, day) for y in (a.year - 1, a.year, a.year + 1)]
        except ValueError:  # 29 February
            return a.year
        return self._nearest(candidates, tense).year

    def _year_for_month(self, month: int, tense: Tense) -> int:
        assert self.anchor is not None
        a = self.anchor
        # a month counts from its middle: "in November" is behind us on 20 November
        candidates = [date(y, month, 15) for y in (a.year - 1, a.year, a.year + 1)]
        if tense == "past":
            return a.year if month <= a.month else a.year - 1
        if tense == "future":
            return a.year if month >= a.month else a.year + 1
        return self._nearest(candidates, tense).year

    def _nearest(self, candidates: list[date], tense: Tense) -> date:
        """The candidate the tense allows: past ones for 'past', coming ones for 'future';
        otherwise the nearest, a past one preferred unless a coming one is less than half as
        far ('past-nominal': "a manhunt in November", written in May, is last November's;
        "payable Dec. 7", written in late October, this year's)."""
        assert self.anchor is not None
        a = self.anchor
        past = [d for d in candidates if d <= a]
        ahead = [d for d in candidates if d >= a]
        before = max(past) if past else None
        after = min(ahead) if ahead else None
        # the tense decides, unless it would send a date of these two weeks a year away:
        # "to return the boy by Jan. 14", written on 15 January, is not next year's
        if tense == "past" and before is not None:
            return after if after is not None and (after - a).days <= _SLACK_DAYS < (a - before).days - 300 else before
        if tense == "future" and after is not None:
            return before if before is not None and (a - before).days <= _SLACK_DAYS < (after - a).days - 300 else after
        if before is None or after is None:
            return before or after or candidates[1]
        weight = 2 if tense == "past-nominal" else 1
        return after if (after - a).days * weight < (a - before).days else before

    def _weekday_date(self, wd: int, tense: Tense, rel: str = "") -> date:
        assert self.anchor is not None
        a = self.anchor
        delta = wd - a.weekday()
        if rel == "last":
            return a + timedelta(days=delta - 7 if delta >= 0 else delta)
        if rel in ("next", "coming"):
            return a + timedelta(days=delta + 7 if delta <= 0 else delta)
        if rel == "this":
            return a + timedelta(days=delta)
        if tense == "future":
            return a + timedelta(days=delta if delta >= 0 else delta + 7)
        if tense == "nearest":  # "gave them until Tuesday"
            return a + timedelta(days=delta - 7 if delta > 3 else delta + 7 if delta < -3 else delta)
        # past, and where the clause does not say: news names the days of the week
        # behind it ("Tuesday's vote", "the offer announced Friday"); what is ahead is
        # written in the future or the scheduling present, which reads as 'future'
        return a + timedelta(days=delta if delta <= 0 else delta - 7)

    def _full_date(self, year: int, month: int, day: int) -> Result:
        try:
            return "DATE", date(year, month, day).isoformat()
        except ValueError:
            return None

    def _trail_year(self, g: Groups) -> int | None:
        if g.get("year"):
            return int(g["year"])
        rel = (g.get("trail") or "").lower()
        if rel and self.anchor:
            return self.anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
        return None

    # --- explicit dates -------------------------------------------------------------------------------

    def _iso(self, g: Groups, tense: Tense) -> Result:
        value = f"{g['year']}-{g['mnum']}-{g['day']}"
        if self._full_date(int(g["year"]), int(g["mnum"]), int(g["day"])) is None:
            return None
        if g.get("hour"):
            return "TIME", f"{value}T{g['hour']}:{g['minute']}"
        return "DATE", value

    def _numeric(self, g: Groups, tense: Tense) -> Result:
        a, b, y = int(g["a"]), int(g["b"]), g["y"]
        month, day = (a, b) if a <= 12 else (b, a)
        year = int(y)
        if len(y) == 2:
            pivot = (self.anchor.year % 100 + 10) if self.anchor else 30
            year += 1900 if year > pivot else 2000
        return self._full_date(year, month, day)

    def _mdy(self, g: Groups, tense: Tense) -> Result:
        return self._full_date(int(g["year"]), month_number(g["month"]), int(g["day"]))

    def _md(self, g: Groups, tense: Tense) -> Result:
        month, day = month_number(g["month"]), int(g["day"])
        year = self._trail_year(g)
        if year is None:
            if self.anchor is None:
                return "DATE", f"XXXX-{month:02d}-{day:02d}"
            year = self._year_for(month, day, tense)
            if g.get("wd"):
                # "Friday, March 22": the year in which that day is that weekday
                wd = weekday_number(g["wd"])
                for y in (year, year - 1, year + 1):
                    try:
                        if date(y, month, day).weekday() == wd:
                            year = y
                            break
                    except ValueError:
                        break
        return self._full_date(year, month, day)

    def _dm_word(self, g: Groups, tense: Tense) -> Result:
        return self._md({**g, "day": str(ORDINALS[g["dayword"].lower()])}, tense)

    def _my(self, g: Groups, tense: Tense) -> Result:
        year = year_from_words(g["yw"]) if g.get("yw") else int(g["year"])
        return ("DATE", f"{year:04d}-{month_number(g['month']):02d}") if year else None

    def _month(self, g: Groups, tense: Tense) -> Result:
        month = month_number(g["month"])
        if g.get("trail"):
            year = self._trail_year(g)
            return "DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"
        if self.anchor is None:
            return "DATE", f"XXXX-{month:02d}"
        a = self.anchor
        rel = (g.get("rel") or "").lower()
        if rel == "last":
            # "last February" written in March is a year back: the month just gone is "last month"
            year = a.year if month < a.month - 1 else a.year - 1
        elif rel in ("past", "previous"):
            year = a.year if month < a.month else a.year - 1
        elif rel in ("next", "coming"):
            year = a.year if month > a.month else a.year + 1
        elif rel == "this":
            year = a.year
        else:
            year = self._year_for_month(month, tense)
        return "DATE", f"{year:04d}-{month:02d}"

    def _year(self, g: Groups, tense: Tense) -> Result:
        if g.get("yw") or g.get("yw2"):
            year = year_from_words(g.get("yw") or g["yw2"])
            return ("DATE", f"{year:04d}") if year else None
        return "DATE", g["year"]

    def _year_part(self, g: Groups, tense: Tense) -> Result:
        return "DATE", g["year"]

    def _decade(self, g: Groups, tense: Tense) -> Result:
        if g.get("decade"):
            return "DATE", g["decade"][:3]
        if g.get("d2"):
            d = int(g["d2"][0])
            return "DATE", f"{19 if d >= 2 else 20}{d}"
        return "DATE", f"19{_DECADE_WORDS[g['dword'].lower()]}"

    def _century(self, g: Groups, tense: Tense) -> Result:
        word = g["ord"].lower()
        digits = re.match(r"\d+", word)
        n = int(digits.group()) if digits else ORDINALS[word]
        return ("DATE", f"{n - 1:02d}") if 1 <= n <= 30 else None

    # --- calendar periods -----------------------------------------------------------------------------

    def _season(self, g: Groups, tense: Tense) -> Result:
        code = SEASONS[g["season"].lower()]
        if g.get("yw"):
            year = year_from_words(g["yw"])
            return ("DATE", f"{year:04d}-{code}") if year else None
        if g.get("year"):
            return "DATE", f"{g['year']}-{code}"
        if self.anchor is None:
            return "DATE", f"XXXX-{code}"
        cur_year, cur = season_of(self.anchor)
        cur_i, i = _SEASON_ORDER.index(cur), _SEASON_ORDER.index(code)
        rel = (g.get("rel") or "").lower()
        if rel in ("this", "current"):
            return "DATE", f"{self.anchor.year:04d}-{code}" if code != "WI" else f"{cur_year:04d}-WI"
        if rel in ("last", "past", "previous") or (not rel and tense == "past"):
            strict = bool(rel)
            year = cur_year if (i < cur_i or (i == cur_i and not strict)) else cur_year - 1
        elif rel in ("next", "coming") or tense == "future":
            strict = bool(rel)
            year = cur_year if (i > cur_i or (i == cur_i and not strict)) else cur_year + 1
        else:
            year = cur_year if code != "WI" or cur == "WI" else self.anchor.year
        return "DATE", f"{year:04d}-{code}"

    def _quarter(self, g: Groups, tense: Tense) -> Result:
        if g.get("qh"):
            kind, n = g["qh"].upper(), int(g["n"])
        else:
            kind = "H" if g["unit"].lower() == "half" else "Q"
            word = g["ord"].lower()
            if word == "last":
                n = 2 if kind == "H" else 4
            else:
                n = _QUARTER_ORD[word]
                if kind == "H" and n > 2:
                    return None
        year_word = g.get("year") or g.get("year0")
        a = self.anchor
        rel = (g.get("yrel") or g.get("yrel0") or g.get("rel") or "").lower()
        if year_word:
            year = int(year_word)
        elif a is None:
            return "DATE", f"XXXX-{kind}{n}"
        else:
            if g.get("yago"):
                base = self.reference("year") or a
                year = base.year - 1
            elif rel in ("last", "previous"):
                year = a.year - 1
            elif rel == "next":
                year = a.year + 1
            elif rel in ("this", "current", "the"):
                year = a.year
            elif g.get("fiscal", "").lower() == "fiscal":
                year = a.year  # a company's own calendar: its latest period bears the year
            else:
                year = self._period_year(kind, n, tense)
        value = f"{year:04d}-{kind}{n}"
        if not g.get("yago") and rel in ("", "this", "current", "the", "latest"):
            self._set_focus(value, tense)
        return "DATE", value

    def _period_year(self, kind: str, n: int, tense: Tense) -> int:
        """The year of a quarter or half named without one. Results are reported after the
        period ends: future clauses take the one under way or just ended (its results are
        to come), else the next; the others the latest one begun."""
        assert self.anchor is not None
        a = self.anchor
        months = 3 if kind == "Q" else 6

        def bounds(year: int) -> tuple[date, date]:
            start = date(year, 1 + (n - 1) * months, 1)
            return start, add_months(start, months) - timedelta(days=1)

        years = (a.year - 1, a.year, a.year + 1)
        if tense == "future":
            return min(y for y in years if (a - bounds(y)[1]).days <= _REPORTING_DAYS)
        return max(y for y in years if bounds(y)[0] <= a)

    def _quarter_ago(self, g: Groups, tense: Tense) -> Result:
        """"the year-earlier quarter": the quarter (or half) just named, a year before."""
        kind = "H" if g["unit"].lower() == "half" else "Q"
        for value, _ in reversed(self.refs):
            if re.fullmatch(rf"\d{{4}}-{kind}\d", value):
                return "DATE", f"{int(value[:4]) - 1:04d}{value[4:]}"
        if self.anchor is None:
            return "DATE", f"XXXX-{kind}X"
        a = self.anchor
        n = (a.month - 1) // (3 if kind == "Q" else 6) + 1
        return "DATE", f"{a.year - 1:04d}-{kind}{n}"

    def _period(self, g: Groups, tense: Tense) -> Result:
        """"the quarter", "the latest period", "the 1988 quarter", "the year-ago period",
        "last year's quarter": the reporting period in focus, or the same period a year before."""
        mods = re.sub(r"[\s-]+", " ", (g.get("mods") or "").lower()).split()
        back = bool(g.get("ago")) or (g.get("yrel") or "").lower() == "last" \
            or any(m in ("year-earlier", "year-ago", "prior-year", "year-before") for m in re.findall(
                r"year-earlier|year-ago|prior-year|year-before", (g.get("mods") or "").lower()))
        unit = g["unit"].lower()
        a = self.anchor
        if a is None:
            return None
        period: str | None
        if g.get("emonth") and not (self._recent_period() or "").count("-Q"):
            # "the quarter ended Sept. 30", no quarter named before: the one that day closes
            month, day = month_number(g["emonth"]), int(g["eday"])
            year = self._year_for(month, day, "past")
            period = f"{year:04d}-Q{(month - 1) // 3 + 1}"
            if not back:
                self._set_focus(period, tense)
        elif (g.get("det") or "").lower() == "that":
            period = next((v for v, _ in reversed(self.refs) if re.fullmatch(r"\d{4}-[QH]\d", v)), None)
        else:
            period = self._recent_period(reach=10**6)
            latest = "latest" in mods or "recent" in mods
            if (unit == "quarter" or latest) and period is not None and not re.fullmatch(r"\d{4}-Q\d", period):
                period = None
            if period is None and (unit == "quarter" or latest):
                # no quarter named yet: the latest one that has ended, now the story's
                period = self.shift(a, "quarter", -1)
                if not back and not g.get("year"):
                    self._set_focus(period, tense)
            elif period is not None and (unit == "quarter" or latest or back or g.get("year") == period[:4]):
                # "in the quarter", "the year-earlier period", "the 1989 period": the period in
                # focus, named again, stays in focus
                self.focus.append((period, self.sentence))
        if period is None:
            return None
        if g.get("year"):
            period = g["year"] + period[4:]
        elif back:
            period = f"{int(period[:4]) - 1:04d}{period[4:]}"
        elif unit == "period" and not ({"latest", "recent"} & set(mods)):
            return None  # "the same period", "the comparable period": which one, the text must say
        return "DATE", period

    def _year_end(self, g: Groups, tense: Tense) -> Result:
        """"by year-end": the coming 31 December; "since year end", or in a past clause, the one gone."""
        if g.get("year"):
            return "DATE", f"{g['year']}-12-31"
        if self.anchor is None:
            return "DATE", "XXXX-12-31"
        a = self.anchor
        back = g["prep"].lower() == "since" or tense == "past"
        year = a.year - 1 if back and (a.month, a.day) != (12, 31) else a.year
        return "DATE", f"{year:04d}-12-31"

    def _year_ended(self, g: Groups, tense: Tense) -> Result:
        return "DURATION", "P1Y"

    def _full_year(self, g: Groups, tense: Tense) -> Result:
        """"the full year", "a high for the year", "nine months of the year": the year of the
        period in focus (the publication year without one)."""
        if self.anchor is None:
            return None
        period = self._recent_period(reach=10**6)
        return "DATE", period[:4] if period else f"{self.anchor.year:04d}"

    def _year_ago(self, g: Groups, tense: Tense) -> Result:
        """"a year-earlier loss", "year-ago results": the period in focus, a year before."""
        if self.anchor is None:
            return None
        period = self._recent_period() or f"{self.anchor.year:04d}"
        return "DATE", f"{int(period[:4]) - 1:04d}{period[4:]}"

    def _holiday(self, g: Groups, tense: Tense) -> Result:
        h = holidays().get(holiday_key(g["holiday"]))
        if h is None:
            return None
        if g.get("year"):
            d = holiday_date(h.rule, int(g["year"]))
            return ("DATE", d.isoformat()) if d else None
        a = self.anchor
        if a is None:
            fixed = re.fullmatch(r"(\d\d)-(\d\d)", h.rule)
            return ("DATE", f"XXXX-{fixed.group(1)}-{fixed.group(2)}") if fixed else None
        rel = (g.get("rel") or "").lower()
        this = holiday_date(h.rule, a.year)
        if this is None:
            return None
        if rel == "last" or (not rel and tense == "past"):
            d = this if this < a or (this == a and not rel) else holiday_date(h.rule, a.year - 1)
        elif rel == "next" or (not rel and tense == "future"):
            d = this if this > a or (this == a and not rel) else holiday_date(h.rule, a.year + 1)
        elif rel == "this":
            d = this
        else:
            d = this
            if (this - a).days > 183:
                d = holiday_date(h.rule, a.year - 1)
            elif (a - this).days > 183:
                d = holiday_date(h.rule, a.year + 1)
        return ("DATE", d.isoformat()) if d else None

    # --- relative to the publication date ---------------------------------------------------------------

    def _weekday(self, g: Groups, tense: Tense) -> Result:
        wd = weekday_number(g["wd"])
        rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower()).replace("this past", "last").replace("this coming", "next")
        if rel.startswith("the ") and self.anchor is not None:
            # "the following Monday": the first Monday after the story's day
            base = self.reference("day") or self.anchor
            forward = rel == "the following"
            delta = (wd - base.weekday()) % 7 if forward else -((base.weekday() - wd) % 7)
            delta = delta or (7 if forward else -7)
            value = (base + timedelta(days=delta)).isoformat()
            return ("TIME", f"{value}T{part_code(g['pod'])}") if g.get("pod") else ("DATE", value)
        if self.anchor is None:
            value = f"XXXX-WXX-{wd + 1}"
        else:
            value = self._weekday_date(wd, tense, rel if rel in ("last", "next", "coming", "this") else "").isoformat()
        if g.get("pod"):
            return "TIME", f"{value}T{part_code(g['pod'])}"
        return "DATE", value

    def _weekday_set(self, g: Groups, tense: Tense) -> Result:
        value = f"XXXX-WXX-{weekday_number(g['wds'][:-1]) + 1}"
        if g.get("pod"):
            value += f"T{part_code(g['pod'])}"
        return "SET", value

    def _dateword(self, g: Groups, tense: Tense) -> Result:
        w = re.sub(r"\s+", " ", g["word"].lower())
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
                 "before yesterday": -2, "after tomorrow": 2}[w]
        pod = g.get("pod") or ("night" if w == "tonight" else None)
        if self.anchor is None:
            if pod:
                return "TIME", f"XXXX-XX-XXT{part_code(pod)}"
            return "DATE", "PRESENT_REF" if shift == 0 else ("PAST_REF" if shift < 0 else "FUTURE_REF")
        value = (self.anchor + timedelta(days=shift)).isoformat()
        if pod:
            return "TIME", f"{value}T{part_code(pod)}"
        return "DATE", value

    def _rel_unit(self, g: Groups, tense: Tense) -> Result:
        rel = re.sub(r"\s+", " ", g["rel"].lower()).replace("this past", "last").replace("this coming", "next")
        unit = g["unit"].lower()
        the = bool(g.get("the"))
        day_like = unit in ("day", "morning", "afternoon", "evening", "night")
        anchored = (rel in ("following", "prior", "that", "the same", "same", "before", "after")
                    or (the and rel in ("previous", "next") and day_like)
                    or (rel == "next" and unit == "day"))
        if anchored:
            shift = 0 if rel in ("that", "the same", "same") else (-1 if rel in ("previous", "prior", "before") else 1)
            base = self.reference(_UNIT_PRECISION[unit])
            if base is None:
                return "DATE", {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[shift]
            value = self.shift(base, "day" if day_like else unit, shift)
            if day_like and unit != "day":
                return "TIME", f"{value}T{part_code(unit)}"
            return "DATE", value
        if rel in ("this", "current"):
            shift = 0
        elif rel in ("last", "past", "previous", "latest"):
            shift = -1
        else:
            shift = 1
        if day_like:
            if unit == "day":
                return None  # "this day", "last day": not a calendar reference
            if rel == "last" and unit in ("night", "evening"):
                shift = -1
            elif rel in ("this",):
                shift = 0
            else:
                return None
            if self.anchor is None:
                return "TIME", f"XXXX-XX-XXT{part_code(unit)}"
            return "TIME", f"{(self.anchor + timedelta(days=shift)).isoformat()}T{part_code(unit)}"
        if the and shift and unit in ("decade", "century"):
            # "the past decade", "the next century": a stretch of time up to (or from) now
            return "DURATION", duration_value(1, unit)
        if self.anchor is None:
            return "DATE", {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[shift]
        return "DATE", self.shift(self.anchor, unit, shift)

    def _the_unit(self, g: Groups, tense: Tense) -> Result:
        unit = g["unit"].lower()
        a = self.anchor
        if unit == "weekend":
            if a is None:
                return "DATE", "XXXX-WXX-WE"
            weekend = a.weekday() >= 5
            if tense == "past" and not weekend:
                return "DATE", self.shift(a, "weekend", -1)
            if tense == "future" and weekend:
                return "DATE", self.shift(a, "weekend", 1)
            return "DATE", self.shift(a, "weekend", 0)
        if unit == "day":
            base = self.reference("day")
            return ("DATE", base.isoformat()) if base else None
        if a is None:
            return "DATE", "PRESENT_REF"
        part = (g.get("part") or "").lower()
        shift = 0
        if unit in ("year", "month") and re.search(r"\b(?:end|close|late|later|beginning|start|early|earlier|dawn)\b", part):
            # "sales slumped toward the end of the year", written in March: the year that has ended
            at_end = re.search(r"\b(?:end|close|late|later)\b", part) is not None
            position = a.month if unit == "year" else a.day
            size = 12 if unit == "year" else 31
            if tense == "past" and at_end and position < size * 0.75:
                shift = -1
            elif tense == "future" and not at_end and position > size * 0.25:
                shift = 1
        return "DATE", self.shift(a, unit, shift)

    def _ref_word(self, g: Groups, tense: Tense) -> Result:
        w = re.sub(r"\s+", " ", g["word"].lower())
        if w in ("recently", "lately", "recent times", "the past"):
            return "DATE", "PAST_REF"
        if "future" in w or w.endswith("term"):  # "the near future", "in the short term"
            return "DATE", "FUTURE_REF"
        return "DATE", "PRESENT_REF"

    def _ago(self, g: Groups, tense: Tense) -> Result:
        direction = re.sub(r"\s+", " ", g["dir"].lower())
        sign = -1 if direction == "ago" else 1
        unit = unit_of(g["unit"])
        n = parse_number(g["num"]) if g.get("num") else None
        if self.anchor is None or n is None or not float(n).is_integer():
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
        n = int(n)
        if unit == "year" and n == 1:
            period = self._recent_period()
            if period:
                return "DATE", f"{int(period[:4]) + sign:04d}{period[4:]}"
        return "DATE", self._shift_by(self.anchor, unit, sign * n)

    def _shift_by(self, base: date, unit: str, n: int) -> str:
        """A date some units before or after `base`. One decade counts as ten years: "a decade
        ago", written in 2018, is 2008 as TimeML annotates it; "three decades ago" keeps the
        decade's precision (the 1980s), as the unit says."""
        if unit == "decade" and abs(n) == 1:
            return f"{base.year + 10 * n:04d}"
        return self.shift(base, unit, n)

    def _anchored(self, g: Groups, tense: Tense) -> Result:
        direction = g["dir"].lower()
        sign = -1 if direction in _BACK else 1
        unit = unit_of(g["unit"])
        n = parse_number(g["num"])
        if n is None or not float(n).is_integer():
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
        n = int(n)
        if unit == "year" and n == 1:
            period = self._recent_period()
            if period:
                return "DATE", f"{int(period[:4]) + sign:04d}{period[4:]}"
        base = self.reference(_UNIT_PRECISION.get(unit, "day"))
        if base is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
        return "DATE", self._shift_by(base, unit, sign * n)

    # --- durations and sets ---------------------------------------------------------------------------

    def _duration(self, g: Groups, tense: Tense) -> Result:
        num = g["num"].lower()
        n = 1 if num in ("a", "an") else parse_number(num)
        det = (g.get("det") or "").lower()
        if det in ("the", "the first", "the latest") and unit_of(g["unit"]) == "month" and n in (6, 9) \
                and self.anchor is not None:
            # "the nine months", "the first nine months": a reporting period of this year
            period = self._recent_period()
            self._set_focus(period[:4] if period else f"{self.anchor.year:04d}")
        return "DURATION", duration_value(n, g["unit"])

    def _duration_quarters(self, g: Groups, tense: Tense) -> Result:
        return "DURATION", duration_value(parse_number(g["num"]), "quarter")

    def _duration_half(self, g: Groups, tense: Tense) -> Result:
        if g.get("unit3"):
            u = unit_of(g["unit3"])
            halves = {"hour": "PT30M", "minute": "PT30S", "day": "PT12H", "week": "P3.5D", "month": "P2W",
                      "year": "P6M", "decade": "P5Y", "century": "P50Y", "fortnight": "P1W", "second": "PT0.5S"}
            return "DURATION", halves[u]
        n: float | None
        if g.get("unit2"):
            n, u = 1.0, unit_of(g["unit2"])
        else:
            n, u = parse_number(g["num"]), unit_of(g["unit"])
            if n is None:
                return "DURATION", duration_value(None, u)
        return "DURATION", duration_value(n + 0.5, u)

    def _duration_hyphen(self, g: Groups, tense: Tense) -> Result:
        num = g["num"].lower()
        if num == "half":
            return self._duration_half({"unit3": g["unit"]}, tense)
        if num == "multi":
            return "DURATION", duration_value(None, g["unit"])
        return "DURATION", duration_value(parse_number(num), g["unit"])

    def _duration_long(self, g: Groups, tense: Tense) -> Result:
        word = g["unit"].lower()
        plural = unit_of(word) != word
        return "DURATION", duration_value(None if plural else 1, word)

    def _duration_plural(self, g: Groups, tense: Tense) -> Result:
        return "DURATION", duration_value(None, g["unit"])

    def _set_every(self, g: Groups, tense: Tense) -> Result:
        word = g["unit"]
        low = word.lower()
        if word.lower() in WEEKDAYS and word[0].isupper():
            return "SET", f"XXXX-WXX-{WEEKDAYS[low] + 1}"
        if low in MONTH_NAMES and word[0].isupper():
            return "SET", f"XXXX-{MONTH_NAMES[low]:02d}"
        if low in SEASONS:
            return "SET", f"XXXX-{SEASONS[low]}"
        if low in ("morning", "afternoon", "evening", "night"):
            return "SET", f"XXXX-XX-XXT{part_code(low)}"
        if low in ("weekend", "weekends"):
            return "SET", "XXXX-WXX-WE"
        num = (g.get("num") or "").lower()
        n = 2 if num == "other" else (parse_number(num) if num else 1)
        return "SET", duration_value(n or 1, word)

    def _set_times(self, g: Groups, tense: Tense) -> Result:
        return "SET", duration_value(1, g["unit"])

    def _set_adverb(self, g: Groups, tense: Tense) -> Result:
        return "SET", _SET_ADVERBS[g["adv"].lower()]

    # --- clock times ---------------------------------------------------------------------------------

    def clock_value(self, g: Groups, tense: Tense, day: str | None) -> str | None:
        word = (g.get("word") or "").lower()
        if word:
            hhmm = "24:00" if word == "midnight" else "12:00"
        else:
            if g.get("hourw"):
                h = parse_number(g["hourw"])
                if h is None or not 0 < h <= 12:
                    return None
                hour = int(h)
            else:
                hour = int(g["hour"])
            ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            hhmm = f"{hour:02d}:{g.get('minute') or '00'}"
        if g.get("wd") and self.anchor is not None:
            day = self._weekday_date(weekday_number(g["wd"]), tense).isoformat()
        if day is None:
            # no day in its sentence: the publication day (a live report's "7:50 p.m.", "police were
            # called at 11:35 a.m."), not the last day another sentence named
            ref = self.anchor.date() if isinstance(self.anchor, datetime) else self.anchor
            ref = ref or self.reference("day")
            day = ref.isoformat() if ref else "XXXX-XX-XX"
        return f"{day}T{hhmm}"

    def _clock(self, g: Groups, tense: Tense, day: str | None = None) -> Result:
        value = self.clock_value(g, tense, day)
        return ("TIME", value) if value else None


# --- the handler of each kind of expression the grammar finds -------------------------------------------

HANDLERS: dict[str, Handler] = {
    # explicit dates
    "iso": Normalizer._iso,
    "numeric": Normalizer._numeric,
    "mdy": Normalizer._mdy,
    "dmy": Normalizer._mdy,
    "md": Normalizer._md,
    "dm": Normalizer._md,
    "dm_word": Normalizer._dm_word,
    "my": Normalizer._my,
    "month": Normalizer._month,
    "year": Normalizer._year,
    "year_part": Normalizer._year_part,
    "decade": Normalizer._decade,
    "century": Normalizer._century,
    # calendar periods
    "season": Normalizer._season,
    "quarter": Normalizer._quarter,
    "quarter_ago": Normalizer._quarter_ago,
    "period": Normalizer._period,
    "year_ended": Normalizer._year_ended,
    "year_end": Normalizer._year_end,
    "full_year": Normalizer._full_year,
    "year_ago": Normalizer._year_ago,
    "holiday": Normalizer._holiday,
    # relative to the publication date or the story's time
    "weekday": Normalizer._weekday,
    "weekday_set": Normalizer._weekday_set,
    "dateword": Normalizer._dateword,
    "rel_unit": Normalizer._rel_unit,
    "the_unit": Normalizer._the_unit,
    "ref_word": Normalizer._ref_word,
    "ago": Normalizer._ago,
    "anchored": Normalizer._anchored,
    # durations and sets
    "duration": Normalizer._duration,
    "duration_quarters": Normalizer._duration_quarters,
    "duration_half": Normalizer._duration_half,
    "duration_hyphen": Normalizer._duration_hyphen,
    "duration_long": Normalizer._duration_long,
    "duration_plural": Normalizer._duration_plural,
    "duration_bare": Normalizer._duration_plural,
    "set_every": Normalizer._set_every,
    "set_times": Normalizer._set_times,
    "set_per": Normalizer._set_times,
    "set_adverb": Normalizer._set_adverb,
    # clock times (the stage gives them the day of their sentence through `clock_value`)
    "clock": Normalizer._clock,
}
