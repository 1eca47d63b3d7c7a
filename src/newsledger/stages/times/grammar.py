"""Where time expressions are: a grammar of regular expressions over the text.

Each rule names a kind of expression; `find_expressions` runs every rule, keeps
the longest match where they overlap, and splits ranges ("October 23 to 25 last
year") into their two ends, as TimeML annotates them. Words that are also
ordinary words ("may", "march", "spring", "second", "one") only count when
written as a date ("May 5", "in March 2021", "this spring").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "several": None, "few": None, "many": None, "some": None,
}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
         "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q"}

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|few|many|some)"
NUM = rf"(?P<num>\d+(?:\.\d+)?|{_NUM_WORD}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|quarter)"
_REL = r"(?P<rel>last|next|this|past|coming|previous|following|current)"
_YEAR_TRAIL = r"(?:,?\s+(?:(?P<trail_rel>last|next|this)\s+year|" + YEAR.replace("year>", "trail_year>") + r"))?"


@dataclass
class Expression:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None] = field(default_factory=dict)

    def __len__(self) -> int:
        return self.end - self.start


def _rule(kind: str, pattern: str, flags: int = 0) -> tuple[str, re.Pattern[str]]:
    return kind, re.compile(pattern, flags)


_I = re.I
RULES: list[tuple[str, re.Pattern[str]]] = [
    _rule("iso_date", r"\b(?P<year>\d{4})-(?P<mnum>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])(?:T(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?\b"),
    _rule("date_mdy", rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY},?\s+{YEAR}\b"),
    _rule("date_dmy", rf"\b(?:{WEEKDAY},?\s+)?{DAY}\s+{MONTH},?\s+{YEAR}\b"),
    # "October 23 to 25 last year", "May 5-7, 2021": split into two expressions later
    _rule("range_md", rf"\b{MONTH}\s+{DAY}\s*(?P<sep>to|through|until|and|-|–|—)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b{_YEAR_TRAIL}"),
    _rule("month_day", rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}\b(?!\s*,?\s*\d)(?:{_YEAR_TRAIL})"),
    _rule("month_year", rf"\b(?:(?P<mod>early|late|mid|mid-)\s*)?{MONTH},?\s+(?:of\s+)?{YEAR}\b"),
    _rule("rel_month", rf"\b{_REL}\s+(?P<month>{_MONTH_FULL})\b", _I),
    # a bare month name only after a preposition ("in September"), never "may" or "march" in lower case
    _rule("month_alone", rf"\b(?:in|In|since|Since|until|by|By|from|From|during|During|early|late|mid|of)\s+(?P<core>(?P<month>{_MONTH_FULL}))\b(?!\s+\d)"),
    _rule("weekday", rf"\b(?:(?P<rel>last|next|this|coming)\s+)?{WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    _rule("year_range", rf"\b(?:from|between)\s+{YEAR}\s+(?:to|and|until|through)\s+(?P<year2>1[5-9]\d\d|20\d\d)\b", _I),
    _rule("decade", r"\b(?:the\s+)?(?:(?P<mod>early|late|mid|mid-)\s*)?(?P<decade>1[5-9]\d0|20[0-9]0)'?s\b", _I),
    _rule("year", rf"(?<![\w$£€.,\-/]){YEAR}(?![\w%/]|,\d|\.\d|-\d)"),
    _rule("ago", rf"\b(?:(?P<approx>exactly|about|around|nearly|almost|some|roughly|more than|less than|over|just|only)\s+)?{NUM}\s+{UNIT}s?\s+(?P<dir>ago|earlier|before|later|from now)\b", _I),
    _rule("rel_unit", rf"\b{_REL}\s+(?:(?P<num>\d+|{_NUM_WORD})\s+)?{UNIT}s?\b", _I),
    _rule("rel_word", r"\b(?P<word>yesterday|today|tomorrow|tonight|now|currently|recently|nowadays|formerly|previously)\b", _I),
    _rule("ref_phrase", r"\b(?P<phrase>in the future|in the past|the future|recent years|recent months|recent weeks|recent days|these days|at the moment|at present|at the time|once again)\b", _I),
    _rule("part_of_day", r"\b(?P<rel>this|last|yesterday|tomorrow)\s+(?P<part>morning|afternoon|evening|night)\b", _I),
    _rule("set_every", rf"\b(?P<every>every|each)\s+(?:(?P<num>other|\d+|{_NUM_WORD})\s+)?(?P<unit>second|minute|hour|day|week|month|year|decade|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning|evening|night|spring|summer|autumn|fall|winter)s?\b", _I),
    _rule("set_adverb", r"\b(?P<adv>annual|annually|yearly|monthly|weekly|daily|hourly|biannual|biennial|quarterly)\b", _I),
    _rule("duration_adj2", rf"\b{NUM}-{UNIT}s?(?:-(?P<long>long|old))?\b", _I),
    _rule("duration_vague", r"\b(?P<unit>day|week|month|year|decade|hour)s-long\b", _I),
    _rule("duration", rf"\b(?:(?P<approx>about|around|nearly|almost|some|roughly|more than|less than|over|at least|up to)\s+)?{NUM}\s+{UNIT}s?\b", _I),
    _rule("duration_plural", r"\b(?:for|over|in|within)\s+(?P<unit>days|weeks|months|years|decades|centuries|hours)\b", _I),
    _rule("decades", r"\b(?P<unit>decades|centuries)\b(?!\s+ago)", _I),
    _rule("season", r"\b(?P<rel>this|last|next|early|late|the|in|in the|during the|during)\s+(?P<season>spring|summer|autumn|fall|winter)\b(?!\s+(?:up|into|from|out|back|to)\b)(?:\s+(?:of\s+)?" + YEAR + r")?", _I),
    _rule("quarter", rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter(?:\s+of\s+{YEAR})?\b", _I),
    _rule("clock", r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)", _I),
]

_DURATION_KINDS = {"duration", "duration_adj2"}


def find_expressions(text: str) -> list[Expression]:
    """Non-overlapping expressions in text order; the longest wins where rules overlap."""
    candidates: list[Expression] = []
    for kind, pattern in RULES:
        for m in pattern.finditer(text):
            # a rule may match context it does not annotate: its "core" group is the expression
            start, end = m.span("core") if "core" in pattern.groupindex else m.span()
            if end == start:
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            expr = Expression(start, end, kind, groups)
            if _acceptable(text, expr):
                candidates.append(expr)
    # longest first; earlier rules win ties (they are more specific)
    order = {kind: i for i, (kind, _) in enumerate(RULES)}
    candidates.sort(key=lambda e: (-(e.end - e.start), order[e.kind], e.start))
    chosen: list[Expression] = []
    taken: list[tuple[int, int]] = []
    for e in candidates:
        if any(e.start < b and a < e.end for a, b in taken):
            continue
        chosen.append(e)
        taken.append((e.start, e.end))
    chosen.sort(key=lambda e: e.start)
    out: list[Expression] = []
    for e in chosen:
        out.extend(_split_range(text, e))
    return out


def _acceptable(text: str, e: Expression) -> bool:
    g = e.groups
    if e.kind in _DURATION_KINDS | {"ago", "rel_unit"}:
        num = (g.get("num") or "").lower()
        # "one of", "a second" (ordinal sense) and other non-durations
        if num in ("a", "an", "some", "many", "few", "one") and g.get("unit", "").lower() == "second":
            return False
    if e.kind == "duration" and (g.get("num") or "").lower() in ("a", "an") and not g.get("approx"):
        # "a day" is usually not a duration mention worth a TIMEX ("once a day" is a SET)
        before = text[max(0, e.start - 10):e.start].lower()
        if re.search(r"\b(?:once|twice|times|per)\s*$", before):
            return False
    if e.kind == "year":
        before = text[max(0, e.start - 12):e.start]
        after = text[e.end:e.end + 12]
        if re.search(r"\b(?:No\.|number|rank|page|route|flight|room)\s*$", before, re.I):
            return False
        if re.match(r"\s*(?:people|persons|troops|soldiers|km|kilometres|kilometers|miles|meters|metres|feet|tons|tonnes|votes|dollars|euros|men|women)\b", after, re.I):
            return False
    return True


def _split_range(text: str, e: Expression) -> list[Expression]:
    if e.kind != "range_md":
        return [e]
    g = e.groups
    # first end: "October 23"; the year comes from the trailer ("last year", "2023")
    after_month = e.start + len(g["month"])
    first_end = after_month + text[after_month:e.end].index(g["day"]) + len(g["day"])
    m = re.match(r"(?:st|nd|rd|th)", text[first_end:e.end])
    if m:
        first_end += m.end()
    sep = re.match(r"\s*(?:to|through|until|and|-|–|—)\s*", text[first_end:e.end])
    second_start = first_end + sep.end() if sep else first_end
    first = Expression(e.start, first_end, "month_day", {
        "month": g["month"], "day": g["day"], **{k: v for k, v in g.items() if k.startswith("trail")}})
    second = Expression(second_start, e.end, "month_day", {
        "month": g["month"], "day": g["day2"], **{k: v for k, v in g.items() if k.startswith("trail")}})
    return [first, second]
