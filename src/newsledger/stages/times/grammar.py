"""Where time expressions are: a grammar of regular expressions over the text.

Each rule names a kind of expression (the normaliser has one handler per kind).
`find_expressions` runs every rule, keeps the longest match where matches overlap
(the earlier rule on a tie), and splits ranges ("October 23 to 25 last year",
"1991-94", "May and June 2011") into their two ends, as TimeML annotates them.

What the extents follow (TimeML 1.2.1 annotation guidelines, TIMEX3):
- prepositions and subordinating words ("in", "on", "since", "until") stay out, and so
  do approximators ("about", "nearly", "more than"), which TimeML keeps as a modifier;
  determiners, "this/last/next" and part words ("early", "the end of") are in;
- "two days ago", "a year earlier", "the next day" are one DATE each; in "two days after
  the vote" and "a week later than planned" only "two days"/"a week" is a DURATION;
- ages ("a 59-year-old") are not time expressions.

Names of months, weekdays and holidays must be capitalised; the words that are also
ordinary words ("may", "march", "spring", "fall", "second", "one") only count where
the grammar sees a date: "May 5", "in March 2021", "this spring", "the second quarter".
The stage checks the rest against the parse (a modal "May", a verb "spring").

Speed: each rule names key words that every match contains ("ago", a month name, a
four-digit number); one pass indexes the words of the text, and a rule's pattern runs
only in short windows around its keys, never over the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                "sat": 5, "sun": 6}
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int | None] = {
    "a": 1, "an": 1, **{w: i + 1 for i, w in enumerate(_ONES)}, **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{w: (i + 2) * 10 for i, w in enumerate(_TENS)}, "hundred": 100, "dozen": 12,
    # quantities without a number: the value keeps an X
    "couple": 2,  # "a couple of years" (TimeML counts it as two)
    "several": None, "few": None, "many": None, "some": None, "numerous": None,
    "dozens": None, "hundreds": None,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
    "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27,
    "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
         "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


def unit_of(word: str) -> str:
    """'Years' -> 'year', 'centuries' -> 'century', 'weekends' -> 'weekend'."""
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


# --- regular-expression pieces -----------------------------------------------------------------

def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
_WEEKDAY_FULL = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY_ABBR = r"(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\."
_NUMWORD = (rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_ONES)}))?|{'|'.join(_TEENS)}|{'|'.join(_ONES)}"
            rf"|(?:a|one|two|three|four|five)\s+hundred|a\s+dozen|dozen)")
NUM = rf"(?:\d+(?:\s+1/2|½)|\d+(?:\.\d+)?|{_NUMWORD})"
_FUZZY = (r"(?:several|a\s+few|few|a\s+couple\s+of|a\s+couple|couple\s+of|some|many|numerous|a\s+number\s+of"
          r"|dozens\s+of|hundreds\s+of)")
_NUMX = rf"(?:{NUM}|an?|{_FUZZY})"
APPROX = (r"(?:about|around|almost|nearly|approximately|roughly|some|circa|at\s+least|at\s+most|more\s+than"
          r"|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|up\s+to|over|under"
          r"|just\s+over|just\s+under|well\s+over|just|only|barely|exactly|precisely|as\s+many\s+as"
          r"|as\s+much\s+as|as\s+long\s+as|the\s+better\s+part\s+of|a\s+mere|mere)")
# determiners that belong to a duration's extent: "the past three years"
_DET = (r"(?:the\s+(?:past|last|next|first|final|coming|previous|following|initial|remaining|same|full|entire|whole"
        r"|latest|year-earlier|year-ago|comparable)|the)")
_UNIT_SG = "second|minute|hour|day|week|fortnight|month|year|decade|century"
_UNIT_PL = "seconds|minutes|hours|days|weeks|fortnights|months|years|decades|centuries"
UNIT = rf"(?:{_UNIT_PL}|{_UNIT_SG})"
_PART = (r"(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder|balance|dawn)\s+of"
         r"|early|late|earlier|later|mid-|mid)")
_YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
_TZ = (r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|IST|JST|AEST|AEDT"
       r"|(?-i:ET|PT|CT)|local\s+time|(?:Eastern|Central|Pacific|Mountain)(?:\s+(?:Standard|Daylight))?\s+Time)")


def _month(g: str, abbr: bool = True) -> str:
    names = f"(?:{_MONTH_FULL})\\b" + (f"|{_MONTH_ABBR}" if abbr else "")
    return f"(?-i:(?P<{g}>{names}))"


def _weekday(g: str) -> str:
    return f"(?-i:(?P<{g}>(?:{_WEEKDAY_FULL})\\b|{_WEEKDAY_ABBR}))"


def _day(g: str) -> str:
    return f"(?P<{g}>[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\\b"


def _year(g: str) -> str:
    return f"(?P<{g}>{_YEAR4})(?!\\d)"


_TRAIL = r"(?:,?\s+(?P<trail>last|this|next)\s+year\b)"
_NUMWORD_ALT = "|".join(_ONES + _TEENS + _TENS + ["hundred", "thousand"])
_YEAR_WORDS = (rf"(?P<yw>(?:nineteen|eighteen)[\s-]+(?:(?:{'|'.join(_TENS)})(?:[\s-]+(?:{'|'.join(_ONES)}))?"
               rf"|{'|'.join(_TEENS)}|oh[\s-]+(?:{'|'.join(_ONES)})))")
_YEAR_2000 = rf"two[\s-]+thousand(?:\s+and)?(?:[\s-]+(?:{'|'.join(_TEENS)}|{'|'.join(_ONES)}))?"


@dataclass
class Expression:
    start: int
    end: int
    kind: str
    groups: dict[str, str] = field(default_factory=dict)
    # where each group matched, for splitting ranges
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Holiday:
    name: str
    rule: str


@lru_cache(maxsize=1)
def holidays() -> dict[str, Holiday]:
    path = Path(__file__).with_name("holidays.tsv")
    out: dict[str, Holiday] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, rule = line.split("\t")[:2]
        out[name.lower()] = Holiday(name, rule.strip())
    return out


def holiday_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


def _holiday_pattern() -> str:
    names = sorted(holidays().values(), key=lambda h: len(h.name), reverse=True)
    alts = "|".join(re.escape(h.name).replace("'", "['’]").replace(r"\ ", r"\s+") for h in names)
    return f"(?-i:(?P<holiday>{alts}))"


@dataclass(frozen=True)
class Key:
    """Words (or, for a few rules, a regular expression) that every match of a rule contains."""
    words: frozenset[str] = frozenset()
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    # the pattern runs only in windows around its key (speed); `reach` is how far a
    # match may extend before and after the key
    key: Key | None
    reach: tuple[int, int] = (100, 100)


_KEYS: dict[str, Key] = {}
_WORD = re.compile(r"[A-Za-z]+|\d+")


def _key(spec: str) -> Key:
    """'re:PATTERN' or space-separated words; lower-case words also match Capitalised and UPPER."""
    if spec not in _KEYS:
        if spec.startswith("re:"):
            _KEYS[spec] = Key(regex=re.compile(spec[3:], re.I))
        else:
            words = set()
            for w in spec.split():
                words.add(w)
                if w.islower():
                    words.update((w.capitalize(), w.upper()))
            _KEYS[spec] = Key(words=frozenset(words))
    return _KEYS[spec]


def _rule(kind: str, pattern: str, key: str | None = None, reach: tuple[int, int] = (100, 100)) -> Rule:
    return Rule(kind, re.compile(pattern, re.I), _key(key) if key is not None else None, reach)


# keys: words a rule cannot match without ("#4" is any four-digit number)
_UNIT_WORDS = ("second seconds minute minutes hour hours day days daylong week weeks weekend weekends weeklong "
               "fortnight fortnights month months monthlong year years yearlong decade decades century centuries")
K_MONTH = " ".join([*(m.capitalize() for m in MONTH_NAMES), *(m.capitalize() for m in MONTH_ABBR)])
K_WEEKDAY = " ".join([*(w.capitalize() for w in WEEKDAYS), *(w.capitalize() + "s" for w in WEEKDAYS),
                      *(w.capitalize() for w in WEEKDAY_ABBR)])
K_YEAR = "#4"
K_UNIT = _UNIT_WORDS
K_UNIT_OR_PART = _UNIT_WORDS + " morning afternoon evening night quarter"
K_SEASON = "spring summer autumn fall winter"
K_TZ = "GMT UTC EST EDT CST CDT MST MDT PST PDT BST CET CEST EET EEST MSK IST JST AEST AEDT ET PT CT local Time"


_BEFORE_NUMBER = r"(?<![\w$€£¥#.,/:\-])"

_HOLIDAY_KEY = " ".join(sorted({re.findall(r"[A-Za-z]+", h.name)[0] for h in holidays().values()}))

RULES: list[Rule] = [
    # --- explicit dates and times -------------------------------------------------------------
    _rule("iso", r"\b(?P<year>\d{4})-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
                 r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?)?\b", K_YEAR),
    _rule("numeric", rf"{_BEFORE_NUMBER}(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{{4}}|\d{{2}})(?![\d/])", "re:/\\d"),
    _rule("mdy", rf"\b(?:{_weekday('wd')},?\s+)?{_month('month')}\s*{_day('day')},?\s+(?:of\s+)?{_year('year')}", K_MONTH, (40, 40)),
    _rule("dmy", rf"\b(?:{_weekday('wd')},?\s+)?(?:the\s+)?{_day('day')}\s+(?:of\s+)?{_month('month')},?\s+{_year('year')}", K_MONTH, (40, 40)),
    _rule("range_md", rf"\b{_month('month')}\s*{_day('day')}\s*(?P<sep>-|–|—|to|through|until|till|and|or)\s*"
                      rf"{_day('day2')}(?:,?\s+{_year('year')}|{_TRAIL})?", K_MONTH, (20, 60)),
    _rule("range_dm", rf"\b{_day('day')}\s*(?P<sep>-|–|—|to|and|or)\s*{_day('day2')}\s+(?:of\s+)?{_month('month')}"
                      rf"(?:,?\s+{_year('year')}|{_TRAIL})?", K_MONTH, (40, 40)),
    _rule("range_my", rf"\b{_month('month')}\s*(?P<sep>-|–|—|to|through|until|and|or)\s*{_month('month2')},?\s+"
                      rf"(?:of\s+)?{_year('year')}", K_MONTH, (40, 40)),
    _rule("range_years", rf"{_BEFORE_NUMBER}{_year('year')}\s*(?:-|–|—)\s*(?P<year2>{_YEAR4}|\d\d)(?![\d%]|\.\d)", K_YEAR, (20, 20)),
    _rule("md", rf"\b(?:{_weekday('wd')},?\s+)?{_month('month')}\s*{_day('day')}(?![\d:.,]\d|\s*(?:%|percent|per\s+cent)){_TRAIL}?", K_MONTH, (40, 40)),
    _rule("dm", rf"\b(?:{_weekday('wd')},?\s+)?(?:the\s+)?{_day('day')}\s+(?:of\s+)?{_month('month')}{_TRAIL}?", K_MONTH, (40, 40)),
    _rule("dm_word", rf"\b(?:(?:this\s+coming|this|next|last|coming)\s+)?(?:{_weekday('wd')},?\s+)?{_month('month')}\s+(?:the\s+)?(?P<dayword>{_alt(ORDINALS)})\b(?![\s-]+(?:quarter|half|round|time|place|day|week|year|term)s?\b)"
                     rf"(?:,?\s+{_year('year')})?", K_MONTH, (40, 40)),
    _rule("dm_word", rf"\bthe\s+(?P<dayword>{_alt(ORDINALS)})\s+of\s+{_month('month')}(?:,?\s+{_year('year')})?", K_MONTH, (40, 20)),
    _rule("my", rf"\b(?:(?P<part>{_PART})\s*)?{_month('month')},?\s+(?:of\s+)?{_year('year')}", K_MONTH, (40, 20)),
    _rule("month", rf"\b(?:(?P<part0>early|late|mid-|mid)\s*(?=(?:this|last|next|past|coming)\b))?"
                   rf"(?:(?P<rel>this|last|next|past|coming|previous|early|late|mid-|mid|"
                   rf"(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close)\s+of)\s*)?{_month('month', abbr=False)}"
                   rf"(?:,?\s+(?P<trail>last|this|next)\s+year\b)?", K_MONTH, (40, 25)),
    _rule("year", rf"{_BEFORE_NUMBER}(?:(?P<the>the\s+(?:calendar\s+)?year\s+)|(?P<fiscal>fiscal\s+(?:year\s+)?|(?-i:FY)\s?))?"
                  rf"{_year('year')}(?![\w%/]|[.,]\d|-\d|\s*(?:%|percent|per\s+cent))", K_YEAR, (40, 15)),
    # years said in words, as transcripts write them: "nineteen ninety-seven", "the year two thousand"
    _rule("year", rf"\b(?:(?P<the>the\s+year\s+)(?P<yw2>{_YEAR_2000})|{_YEAR_WORDS})\b(?![\s-]+(?:{_NUMWORD_ALT})\b)",
          "nineteen eighteen thousand", (20, 30)),
    _rule("my", rf"\b{_month('month')},?\s+(?:of\s+)?{_YEAR_WORDS}\b(?![\s-]+(?:{_NUMWORD_ALT})\b)",
          "nineteen eighteen thousand", (20, 30)),
    _rule("year_part", rf"\b(?P<part>{_PART})\s*{_year('year')}(?![\w%/]|[.,]\d)", K_YEAR, (40, 15)),
    _rule("decade", r"\b(?:the\s+)?(?:(?P<part>early|late|mid-|mid)\s*)?(?P<decade>1[0-9]{2}0|20[0-9]0)['’]?s\b", "re:0['’]?s\\b|ties\\b"),
    _rule("decade", r"(?:\bthe\s+(?:(?P<part>early|late|mid-|mid)\s*)?|(?<![\w'’]))['’](?P<d2>\d0)s\b", "re:0['’]?s\\b|ties\\b"),
    _rule("decade", r"\bthe\s+(?:(?P<part>early|late|mid-|mid)\s*)?(?P<d2>\d0)s\b", "re:0['’]?s\\b|ties\\b"),
    _rule("decade", r"\bthe\s+(?:(?P<part>early|late|mid-|mid)\s*)?(?:nineteen[- ])?(?P<dword>twenties|thirties|forties|"
                    r"fifties|sixties|seventies|eighties|nineties)\b", "re:0['’]?s\\b|ties\\b"),
    _rule("century", rf"\b(?:the\s+)?(?:(?P<part>early|late|mid-|mid)\s*)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(ORDINALS)})"
                     r"[\s-]+century\b", "century"),
    _rule("season", rf"\b(?:(?P<rel>this|last|next|past|coming|previous|current)\s+|(?P<the>the\s+))?"
                    r"(?:(?P<part>early|late|mid-|mid)\s*)?(?P<season>spring|summer|autumn|fall|winter)\b"
                    rf"(?:,?\s+(?:of\s+)?(?:{_year('year')}|{_YEAR_WORDS}))?", K_SEASON, (30, 40)),
    _rule("quarter", rf"\b(?:the\s+)?(?:(?P<rel>this|last|next|previous|current|latest|coming|same)\s+(?:year['’]s\s+)?|"
                     rf"(?P<yrel0>this|last|next)\s+year['’]s\s+|(?P<yago>year-earlier|year-ago)\s+)?"
                     rf"(?:(?P<fiscal>fiscal|calendar)[\s-]+)?(?:{_year('year0')}\s+)?"
                     r"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?P<unit>quarter|half)"
                     rf"(?:\s+of\s+(?:(?:the\s+)?(?P<yrel>this|last|next|current|previous|the)\s+(?:fiscal\s+|calendar\s+)?year\b"
                     rf"|(?:fiscal\s+|calendar\s+)?{_year('year')}))?\b", "quarter half Q H"),
    _rule("quarter", rf"\b(?:{_year('year0')}\s+)?(?-i:(?P<qh>[QH])(?P<n>[1-4]))\b(?:\s+{_year('year')})?", "quarter half Q H"),
    _rule("quarter_ago", r"\bthe\s+(?:same\s+|comparable\s+)?(?P<yago>year-earlier|year-ago|year-before|prior-year)\s+(?P<unit>quarter|half)\b",
          "quarter half"),
    # a company's year, named by the day it ends: "for the year ended March 31" is a year's run
    _rule("year_ended", r"\bthe\s+(?:(?:fiscal|financial)\s+)?(?P<unit>year)(?=\s+end(?:ed|ing)\s)", "ended ending", (30, 5)),
    # "complete the sale by year-end", "up 5% since year end": the last day of a calendar year
    _rule("year_end", rf"\b(?P<prep>by|at|before|until|till|around|toward|towards|since|through|after|from|near)\s+"
                      rf"(?P<core>(?:the\s+)?(?-i:year)[\s-]end(?:\s+(?:of\s+)?{_year('year')})?)\b(?![-‐]\w)", "re:year[\\s-]end", (40, 15)),
    _rule("full_year", r"\bthe\s+full\s+(?:fiscal\s+)?(?P<unit>year)\b(?![-‐]\w)", "full", (10, 20)),
    # "a high for the year", "the first nine months of the year", "lower earnings for the fiscal
    # year": the year being reported
    _rule("full_year", r"\b(?:for|of)\s+(?P<core>the\s+(?:(?:fiscal|financial)\s+)?(?-i:(?P<unit>year)))\b(?![-‐'’]|\s+(?:ended|ending|before|after|earlier"
                       r"|ago|later|to|in\s+which|when|that|which|\d)\b|\s+of\s+(?:the\s+)?(?-i:[A-Z\d]))", "year", (25, 20)),
    # "the past two quarters", "several quarters of losses"; not "three quarters of the vote"
    _rule("duration_quarters", rf"\b(?:(?P<approx>{APPROX})\s+)?(?:(?P<det>{_DET})\s+)?(?P<num>{NUM}|{_FUZZY})\s+"
                               r"(?P<unit>quarters)\b", "quarters Quarters", (90, 10)),
    # business news: the reporting period the story is about, and the same period a year before
    _rule("period", r"\b(?P<det>the|its|that)\s+(?P<mods>(?:(?:latest|most\s+recent|same|comparable|corresponding"
                    r"|year-earlier|year-ago|prior-year|year-before|fiscal|calendar)[\s-]+)*)"
                    rf"(?:{_year('year')}\s+)?(?-i:(?P<unit>quarter|period))\b(?![-‐]\w|\s+(?:century|centuries|mile|point|percent|of)\b)"
                    r"(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+previous\s+year))?"
                    rf"(?=\s+end(?:ed|ing)\s+{_month('emonth')}\s*{_day('eday')})?", "quarter period", (80, 30)),
    _rule("period", r"\b(?P<yrel>last|this)\s+year['’]s\s+(?-i:(?P<unit>quarter|period))\b", "quarter period", (80, 30)),
    _rule("year_ago", r"\b(?P<yago>year-earlier|year-ago|year-before|prior-year)\b(?!\s+(?:quarter|half|period)\b)",
          "earlier ago before prior", (20, 20)),
    _rule("holiday", rf"\b(?:(?P<rel>last|this|next)\s+)?{_holiday_pattern()}(?:,?\s+{_year('year')})?\b", _HOLIDAY_KEY),
    # --- relative to the publication date -------------------------------------------------------
    _rule("weekday", rf"\b(?:(?P<rel>this\s+past|this\s+coming|this|last|next|coming|past|early|late|earlier|later"
                     rf"|the\s+following|the\s+previous|the\s+preceding)\s+)?{_weekday('wd')}"
                     r"(?:,?\s+(?P<pod>morning|afternoon|evening|night))?", K_WEEKDAY, (20, 20)),
    _rule("weekday_set", r"\b(?-i:(?P<wds>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))\b"
                         r"(?:\s+(?P<pod>mornings|afternoons|evenings|nights))?", K_WEEKDAY, (5, 20)),
    _rule("dateword", r"\b(?:(?P<part>earlier|later|early|late)\s+)?(?P<word>today|tomorrow|yesterday|tonight)\b"
                      r"(?:\s+(?P<pod>morning|afternoon|evening|night))?", "today tomorrow yesterday tonight"),
    # "mid-afternoon yesterday", "late morning today"
    _rule("dateword", r"\b(?P<pod>(?:(?:mid|early|late)-?\s?)?(?:morning|afternoon|evening))\s+(?P<word>today|tomorrow|yesterday)\b",
          "today tomorrow yesterday tonight"),
    _rule("dateword", r"\bthe\s+day\s+(?P<word>before\s+yesterday|after\s+tomorrow)\b", "today tomorrow yesterday tonight"),
    _rule("rel_unit", rf"\b(?:(?P<part>{_PART})\s+)?(?:(?P<the>the)\s+)?"
                      r"(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming|previous|current|latest|following|prior|same)\s+"
                      r"(?:(?P<fiscal>fiscal|financial|calendar|budget|school|academic)\s+(?=year\b))?"
                      r"(?P<unit>year|month|week|weekend|decade|century|quarter|day|morning|afternoon|evening|night)\b"
                      r"(?!['’]s\s+(?:first|second|third|fourth|final|last)\b)", K_UNIT_OR_PART, (80, 40)),
    _rule("rel_unit", r"\b(?:(?P<part>earlier|later|early|late)\s+)?(?P<rel>that|the\s+same)\s+"
                      r"(?P<unit>day|morning|afternoon|evening|night|week|weekend|month|year)\b", K_UNIT_OR_PART),
    _rule("rel_unit", r"\bthe\s+(?P<unit>day|night|week|month|year)\s+(?P<rel>before|after)(?=\s*[,.;:!?)]|\s*$|\s+(?:and|but|when)\b)", K_UNIT_OR_PART),
    _rule("the_unit", rf"\b(?P<part>{_PART}|(?:earlier|later)\s+in)\s+(?:the\s+)?(?P<unit>year|month|week|decade|century|day)\b", K_UNIT_OR_PART, (50, 5)),
    _rule("the_unit", r"\bthe\s+(?P<unit>weekend)\b", K_UNIT_OR_PART, (50, 5)),
    _rule("ref_word", r"\b(?P<word>right\s+now|just\s+now|now|currently|nowadays|these\s+days|the\s+present(?:\s+day)?"
                      r"|recently|lately|the\s+past|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future)\b", "now currently nowadays days present recently lately recent past future"),
    _rule("ref_word", r"\b(?P<word>the\s+(?:near|short)\s+term)\b(?![-‐]\w)", "term", (20, 5)),
    _rule("ref_word", r"\b(?:at|in)\s+(?P<core>(?P<word>present|recent\s+times))\b", "now currently nowadays days present recently lately recent past future"),
    _rule("ago", rf"\b(?:(?P<approx>{APPROX})\s+)?(?:(?P<num>{_NUMX}|half\s+an?)\s+)?(?P<unit>{UNIT})\s+(?:or\s+(?:so|more)\s+)?"
                 r"(?P<dir>ago|from\s+now|hence)\b", "ago now hence", (80, 10)),
    _rule("anchored", rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<num>{_NUMX}|half\s+an?)\s+(?P<unit>{UNIT})\s+"
                      r"(?P<dir>later|earlier|afterwards?|before|after|prior|previously)\b",
          "later earlier afterward afterwards before after prior previously", (80, 15)),
    # --- durations ---------------------------------------------------------------------------
    _rule("duration", rf"\b(?:(?P<approx>{APPROX})\s+)?(?:(?P<det>{_DET})\s+)?(?P<num>{_NUMX})\s+"
                      r"(?:(?:more|full|straight|consecutive|long|whole|additional|further|extra|entire"
                      r"|trading|business|working)\s+)?"
                      rf"(?P<unit>{UNIT})\b(?![-‐][a-z])(?:\s+(?P<period>period|term|span|stretch|window))?", K_UNIT, (90, 30)),
    _rule("duration_half", rf"\b(?:(?P<approx>{APPROX})\s+)?(?:(?P<num>{NUM})\s+and\s+a\s+half\s+(?P<unit>{UNIT})"
                           rf"|(?:an?|one)\s+(?P<unit2>{_UNIT_SG})\s+and\s+a\s+half|half\s+an?\s+(?P<unit3>{_UNIT_SG}))\b", "half"),
    _rule("duration_hyphen", rf"\b(?P<num>\d+(?:\.\d+)?|{_NUMWORD}|half|multi)-(?P<unit>{_UNIT_SG})s?"
                             r"(?:-(?P<long>long|old|olds))?\b", K_UNIT, (30, 15)),
    _rule("duration_long", rf"\b(?P<unit>{UNIT})[- ]?long\b", "long yearlong daylong weeklong monthlong", (20, 10)),
    _rule("duration_plural", rf"\b(?:(?P<the>the)\s+)?(?P<rel>past|last|next|coming|recent|previous|following|first|final)\s+"
                             rf"(?P<unit>{_UNIT_PL})\b", K_UNIT, (30, 5)),
    # "in the weeks ahead" (not "the weeks ahead of the vote", which is measured to an event)
    _rule("duration_plural", r"\b(?P<the>the)\s+(?:(?P<rel>coming)\s+)?(?P<unit>days|weeks|months|years)\s+ahead\b(?!\s+of\b)", K_UNIT, (10, 15)),
    _rule("duration_bare", rf"\b(?:for|over|in|within|during|after|before|from|of|than)\s+(?P<core>(?P<unit>{_UNIT_PL}))\b", K_UNIT, (15, 5)),
    _rule("duration_bare", r"\b(?P<core>(?P<unit>decades|centuries))\b", K_UNIT, (15, 5)),
    # --- sets ------------------------------------------------------------------------------------
    _rule("set_every", rf"\b(?P<every>every|each)\s+(?:(?P<num>other|{NUM})\s+)?"
                       rf"(?P<unit>{UNIT}|weekend|weekends|(?-i:{_WEEKDAY_FULL}|{_MONTH_FULL})|spring|summer|autumn|fall"
                       r"|winter|morning|afternoon|evening|night)\b", "every each", (5, 60)),
    _rule("set_times", rf"\b(?P<freq>once|twice|thrice|(?:{NUM})\s+times)\s+(?:an?|per|each|every)\s+"
                       rf"(?P<unit>{_UNIT_SG})\b", "once twice thrice times"),
    _rule("set_per", rf"\b(?P<per>per|an?)\s+(?P<unit>{_UNIT_SG})\b", K_UNIT, (10, 5)),
    _rule("set_adverb", r"\b(?P<adv>annually|yearly|monthly|weekly|daily|nightly|hourly|biweekly|bimonthly|biannually"
                        r"|semiannually|semi-annually|quarterly|biennially)\b", "annually yearly monthly weekly daily nightly hourly biweekly bimonthly biannually semiannually quarterly biennially"),
    # --- times of day -----------------------------------------------------------------------------
    _rule("clock", rf"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]\.m\b|[ap]m\b)"
                   rf"(?:\s+(?P<tz>{_TZ}))?(?:,?\s+{_weekday('wd')})?", "re:[ap]\\.?\\s?m\\b"),
    _rule("clock", rf"\b(?P<hour>[01]\d|2[0-3]):?(?P<minute>[0-5]\d)\s*(?:hours?\s+|hrs\s+)?(?P<tz>{_TZ})\b"
                   rf"(?:,?\s+{_weekday('wd')})?", K_TZ),
    _rule("clock", r"\b(?:at|by|until|till|from|after|before|around|about)\s+(?P<core>(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d))"
                   r"(?![\d:])(?!\s*[ap]\.?m)", "re::\\d\\d"),
    _rule("clock", rf"\b(?P<hourw>{_NUMWORD}|1[0-2]|[1-9])\s+o['’]clock\b", "clock"),
    _rule("clock", rf"\b(?P<word>noon|midday|midnight)\b(?:,?\s+{_weekday('wd')})?", "noon midday midnight"),
]


# after an amount, "a year" is a rate: "$5 billion a year", "20 percent a month"
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|%|\b(?:percent|per\s+cent|million|billion|trillion|thousand|hundred|dollars|euros|pounds|yuan|yen"
    r"|rupees|roubles|rubles|times|once|twice)"
    # "2,000 cars a day", "eight hours a day", "three meals a day"
    rf"|(?:\d[\d,.]*|\b{_NUMWORD}|\b(?:several|many|few|dozens\s+of|hundreds\s+of|thousands\s+of))\s+(?:[a-z-]+\s+)?[a-z]+s)\s*$", re.I)
_APPROX_BEFORE = re.compile(r"(?:\b(?:about|around|nearly|almost|some|approximately|roughly|over|under|more\s+than|"
                            r"less\s+than|fewer\s+than|up\s+to|at\s+least|No\.?|number)|#)\s*$", re.I)
_NON_YEAR_AFTER = re.compile(
    r"\s*(?:people|persons|troops|soldiers|men|women|children|km|kilometres|kilometers|miles|meters|metres|feet|"
    r"tons|tonnes|votes|dollars|euros|pounds|yuan|barrels|units|cases|deaths|points|acres|hectares|residents|"
    r"workers|jobs|homes|houses|cars|vehicles|copies|pages|words|members|students|calories|rpm|mph|kph)\b", re.I)
_ORDINAL_SECOND_WORDS = {"a", "an", "some", "many", "few", "one"}


def find_expressions(text: str) -> list[Expression]:
    """Non-overlapping expressions in text order; the longest wins where rules overlap."""
    candidates: list[tuple[Expression, int]] = []
    windows: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    index: dict[str, list[tuple[int, int]]] = {}
    for m in _WORD.finditer(text):
        word = m.group()
        index.setdefault("#4" if len(word) == 4 and word.isdigit() else word, []).append(m.span())
    for order, rule in enumerate(RULES):
        if rule.key is None:
            spans = [(0, len(text))]
        else:
            cache_key = (id(rule.key), *rule.reach)
            if cache_key not in windows:
                windows[cache_key] = _windows(rule.key, text, index, rule.reach)
            spans = windows[cache_key]
        for lo, hi in spans:
            for m in rule.pattern.finditer(text, lo, hi):
                expr = _expression(text, rule.kind, m)
                if expr is not None and expr.end > expr.start and _acceptable(text, expr):
                    candidates.append((expr, order))
    candidates.sort(key=lambda c: (-(c[0].end - c[0].start), c[1], c[0].start))
    chosen: list[Expression] = []
    taken: list[tuple[int, int]] = []
    for e, _ in candidates:
        if any(e.start < b and a < e.end for a, b in taken):
            continue
        chosen.append(e)
        taken.append((e.start, e.end))
    chosen.sort(key=lambda e: e.start)
    out: list[Expression] = []
    for e in chosen:
        out.extend(_split_range(text, e))
    return out


def _windows(key: Key, text: str, index: dict[str, list[tuple[int, int]]],
             reach: tuple[int, int]) -> list[tuple[int, int]]:
    """Merged stretches of text around the places a key occurs."""
    if key.regex is not None:
        hits = [m.span() for m in key.regex.finditer(text)]
    else:
        hits = sorted(span for w in key.words if w in index for span in index[w])
    out: list[tuple[int, int]] = []
    for start, end in hits:
        lo, hi = max(0, start - reach[0]), min(len(text), end + reach[1])
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _expression(text: str, kind: str, m: re.Match[str]) -> Expression | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    start, end = m.span("core") if groups.get("core") is not None else m.span()
    if groups.get("approx") is not None and m.start("approx") == start:
        # "about a month", "just six years ago": the approximator is a modifier, not the time
        start = m.end("approx")
        while start < end and text[start].isspace():
            start += 1
    if kind == "anchored":
        direction = groups["dir"].lower()
        after = text[m.end():m.end() + 8].lower()
        if direction in ("before", "after", "prior") or re.match(r"\s+than\b", after):
            # "two days after the vote", "a week later than planned": the amount is a duration
            kind = "duration"
            end = m.end("unit")
    # trailing spaces or dots that a pattern took ("Sept. ") never end an expression
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return Expression(start, end, kind, groups, {k: m.span(k) for k in groups if k in m.re.groupindex})


def _acceptable(text: str, e: Expression) -> bool:
    """Checks on the words around a match that the patterns cannot express."""
    before = text[max(0, e.start - 30):e.start]
    after = text[e.end:e.end + 30]
    if e.kind in _COMMON_WORD_KINDS and _in_a_name(text[e.start:e.end], e.kind, before, after):
        return False
    check = _CHECKS.get(e.kind)
    return check is None or check(e.groups, before, after)


# kinds made of ordinary words ("today", "this week", "daily"): capitalised, they are a name
_COMMON_WORD_KINDS = {"dateword", "rel_unit", "the_unit", "set_adverb", "ref_word", "duration", "duration_plural",
                      "duration_bare"}
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)[\"“‘'`(\[]{0,2}\s*$")


def _in_a_name(words: str, kind: str, before: str, after: str) -> bool:
    """"USA TODAY", "VOA Today", ABC's "This Week", the "Daily Mirror", CBS's "60 Minutes":
    time words written as (part of) a name, capitalised where the sentence does not make them so."""
    letters = [w for w in re.findall(r"[A-Za-z]+", words)]
    if not letters or not all(w[0].isupper() for w in letters):
        return False
    if kind == "set_adverb" and re.match(r"\s+(?-i:[A-Z])", after):
        return True  # "Daily Mirror", "Weekly Standard", even at the start of a sentence
    return not _SENTENCE_START.search(before)


def _not_second(g: dict[str, str]) -> bool:
    # "a second" (another), "one second thought": "second" is an ordinal there
    num = (g.get("num") or "").lower()
    return not ((g.get("unit") or "").lower() == "second" and (num in _ORDINAL_SECOND_WORDS or not num))


def _is_age(g: dict[str, str], before: str, after: str) -> bool:
    return bool(re.match(r"[- ]old\b|\s+of\s+age\b|\s+(?:and\s+|or\s+)?(?:older|younger)\b", after, re.I)
                or g.get("long", "").lower().startswith("old")
                or re.search(r"\b(?:ages?|aged)\s*$", before, re.I))


def _check_duration(g, before, after) -> bool:
    num = (g.get("num") or "").lower()
    unit = g["unit"].lower()
    if not _not_second(g) or _is_age(g, before, after):
        return False
    if num in ("a", "an") and (unit.endswith("s") or _AMOUNT_BEFORE.search(before)):
        return False  # "a years" is no English; "$5 a day" is a rate, which the set rule takes
    # "One day, ..." tells a story, it measures nothing
    return not (num == "one" and unit == "day" and re.search(r"(?:^|[.!?\"“]\s*)$", before))


def _check_year(g, before, after) -> bool:
    if g.get("the") or g.get("fiscal"):
        return True
    if _APPROX_BEFORE.search(before) or _NON_YEAR_AFTER.match(after):
        return False  # "about 2000", "2000 soldiers"
    if re.search(r"\b(?:No\.?|number|rank|page|route|flight|room|resolution|article|section|chapter|model|"
                 r"version|windows|office|ISO)\s*$", before, re.I):
        return False
    # "2000 to 3000" is a count, "1990 to 1995" two years
    return not (re.match(r"\s*(?:to|and|or|-)\s*\d", after)
                and not re.match(r"\s*(?:to|and|or|-)\s*(?:1[6-9]|20)\d\d\b", after))


def _check_season(g, before, after) -> bool:
    if g["season"][0].isupper() and not (g.get("year") or g.get("yw")) and re.search(r"[A-Z][\w'’.-]*\s+$", before):
        return False  # "the Arab Spring", "Prague Spring"
    if not (g.get("rel") or g.get("the") or g.get("part") or (g.get("year") or g.get("yw"))) and not re.search(
            r"\b(?:in|during|since|until|till|by|through|throughout|before|after|of|from|to|and|or|"
            r"every|each|this|last|next|late|early)\s*$", before, re.I):
        return False  # a bare season word needs a preposition: "in spring"
    # "the fall of the regime", "a fall in prices"
    return (g.get("year") or g.get("yw")) is not None or not re.match(r"\s+(?:of|in)\s+(?!(?:1[6-9]|20)\d\d)", after, re.I)


def _check_quarter(g, before, after) -> bool:
    if (g.get("unit") or "").lower() != "half":
        return True
    # "the second half" of a match is no calendar half
    return any(g.get(k) for k in ("year", "year0", "yrel", "yrel0", "rel", "fiscal"))


def _check_holiday(g, before, after) -> bool:
    # "Chinese New Year", "Orthodox Christmas": another calendar (a capitalised word that
    # does not start the sentence)
    return bool(g.get("rel")) or not re.search(r"\b(?-i:[A-Z][\w'’.-]*)\s+$", before) \
        or bool(re.search(r"(?:^|[.!?]\s+)\S+\s+$", before))


def _check_quarters(g, before, after) -> bool:
    fuzzy = (g.get("num") or "").split()[0].lower() in ("several", "few", "a", "many", "some", "numerous", "couple")
    if not (g.get("det") or fuzzy or re.search(r"\b(?:for|in|over|within|during|after|past|next)\s+$", before, re.I)):
        return False
    return fuzzy or not re.match(r"\s+of\b", after, re.I)


# "today's youth", "the people of tomorrow": today as our times, not a day
_GENERIC_NOUNS = ("world|youth|young|society|generation|generations|children|kids|people|students|economy|markets"
                  "|computers|technology|technologies|standards|culture|politics|families|workers|consumers|women|men"
                  "|leaders|businesses|companies|industry|media|teenagers|parents|voters|military|army|armies|weapons")
_GENERIC_AFTER = re.compile(rf"['’]s\s+(?:[a-z]+\s+)?(?:{_GENERIC_NOUNS})\b")
_GENERIC_BEFORE = re.compile(rf"\b(?:{_GENERIC_NOUNS}|those|leaders|problems|challenges|world)\s+of\s+$", re.I)


def _check_dateword(g, before, after) -> bool:
    if g["word"].lower() in ("today", "tomorrow") and not g.get("pod") and not g.get("part"):
        return not (_GENERIC_AFTER.match(after) or _GENERIC_BEFORE.search(before))
    return True


_CHECKS = {
    "duration": _check_duration,
    "duration_hyphen": lambda g, b, a: _not_second(g) and not _is_age(g, b, a),
    "duration_quarters": _check_quarters,
    "duration_half": lambda g, b, a: not _is_age(g, b, a),
    "ago": lambda g, b, a: _not_second(g),
    "anchored": lambda g, b, a: _not_second(g),
    "set_every": lambda g, b, a: _not_second(g),
    "set_per": lambda g, b, a: g["per"].lower() == "per" or bool(_AMOUNT_BEFORE.search(b)),
    "year": _check_year,
    "dm": lambda g, b, a: not re.search(r"[\d.,]\s*$", b),
    "season": _check_season,
    "quarter": _check_quarter,
    "holiday": _check_holiday,
    "ref_word": lambda g, b, a: not (g["word"].lower() == "now" and re.match(r"['’]|-", a)),
    # newspaper titles
    "dateword": _check_dateword,
    "weekday": lambda g, b, a: not re.match(r"['’]?s?\s*(?:Times|Telegraph|Express|Mirror|Herald|Post|Independent)\b", a),
    # a bare "14:30" needs "at", a time zone or a.m./p.m.
    "clock": lambda g, b, a: not (g.get("hour") and not (g.get("ampm") or g.get("tz") or g.get("core"))),
}


def _split_range(text: str, e: Expression) -> list[Expression]:
    """The two ends of a range, each its own expression (the year or "last year" serves both)."""
    g, at = e.groups, e.spans
    if e.kind in ("range_md", "range_dm"):
        shared = {k: v for k, v in g.items() if k in ("month", "year", "trail")}
        # "October 23" | "25 last year";  "3" | "5 May 2022"
        first_end = _after_ordinal(text, at["day"][1])
        return [Expression(e.start, first_end, "md", {**shared, "day": g["day"]}),
                Expression(at["day2"][0], e.end, "md" if e.kind == "range_md" else "dm", {**shared, "day": g["day2"]})]
    if e.kind == "range_my":
        return [Expression(e.start, at["month"][1], "my", {"month": g["month"], "year": g["year"]}),
                Expression(at["month2"][0], e.end, "my", {"month": g["month2"], "year": g["year"]})]
    if e.kind == "range_years":
        y1, y2 = g["year"], g["year2"]
        full2 = y2 if len(y2) == 4 else y1[:2] + y2
        first = Expression(e.start, at["year"][1], "year", {"year": y1})
        if int(full2) <= int(y1):
            return [first]
        return [first, Expression(at["year2"][0], e.end, "year", {"year": full2})]
    return [e]


def _after_ordinal(text: str, i: int) -> int:
    m = re.match(r"(?:st|nd|rd|th)\b", text[i:i + 3])
    return i + (m.end() if m else 0)
