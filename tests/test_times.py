"""Times stage: detection grammar, TimeML values, tense direction, story time, and words that are not times."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsledger.stages.times.grammar import find_expressions
from newsledger.stages.times.normalize import Normalizer, easter, holiday_date, parse_number

from .conftest import run_stages

ANCHOR = date(2024, 2, 20)  # a Tuesday


def values(text: str, tense: str = "past", anchor=ANCHOR) -> list[tuple[str, str, str]]:
    """The grammar and the normaliser alone, with one tense for the whole text."""
    n = Normalizer(anchor)
    out = []
    for e in find_expressions(text):
        r = n.normalize(e, tense) if e.kind != "clock" else ("TIME", n.clock_value(e.groups, tense, None))
        if r:
            out.append((text[e.start:e.end], *r))
    return out


def stage(make_document, text: str, published: str | None = "2024-02-20") -> list[tuple[str, str, str]]:
    """The real stage over a parsed document."""
    d = run_stages(make_document(text, published=published), "times")
    assert all(d.text[t.start:t.end] == t.text for t in d.times)
    return [(t.text, t.type, t.value) for t in d.times]


@pytest.mark.parametrize("text,expected", [
    ("on September 27, 2020, fighting began", [("September 27, 2020", "DATE", "2020-09-27")]),
    ("on Sunday, Sept. 27, 2020, fighting began", [("Sunday, Sept. 27, 2020", "DATE", "2020-09-27")]),
    ("in 12 March 2021", [("12 March 2021", "DATE", "2021-03-12")]),
    ("on the 4th of July, 1976", [("the 4th of July, 1976", "DATE", "1976-07-04")]),
    ("filed on 2019-06-30", [("2019-06-30", "DATE", "2019-06-30")]),
    ("signed 11/03/2018 in Oslo", [("11/03/2018", "DATE", "2018-11-03")]),
    ("in September 2023", [("September 2023", "DATE", "2023-09")]),
    ("in early March of 2019", [("early March of 2019", "DATE", "2019-03")]),
    ("from 1991 until later", [("1991", "DATE", "1991")]),
    ("a 44-day war", [("44-day", "DURATION", "P44D")]),
    ("which lasted 44 days", [("44 days", "DURATION", "P44D")]),
    ("a 30-year-long occupation", [("30-year-long", "DURATION", "P30Y")]),
    ("weeks-long courses", [("weeks-long", "DURATION", "PXW")]),
    ("a yearlong inquiry", [("yearlong", "DURATION", "P1Y")]),
    ("talks of two and a half hours", [("two and a half hours", "DURATION", "PT2H30M")]),
    ("a year and a half in prison", [("a year and a half", "DURATION", "P1Y6M")]),
    ("for half an hour", [("half an hour", "DURATION", "PT30M")]),
    ("for a decade", [("a decade", "DURATION", "P10Y")]),
    ("within three centuries", [("three centuries", "DURATION", "P300Y")]),
    ("the last several months", [("the last several months", "DURATION", "PXM")]),
    ("in the coming weeks", [("the coming weeks", "DURATION", "PXW")]),
    ("talks in the weeks ahead", [("the weeks ahead", "DURATION", "PXW")]),
    ("over 24 hours", [("24 hours", "DURATION", "PT24H")]),
    ("the worst storm in decades", [("decades", "DURATION", "PXDE")]),
    ("after years of war", [("years", "DURATION", "PXY")]),
    ("Every year they meet", [("Every year", "SET", "P1Y")]),
    ("the board meets every two weeks", [("every two weeks", "SET", "P2W")]),
    ("the market opens every Monday", [("every Monday", "SET", "XXXX-WXX-1")]),
    ("they vote twice a year", [("twice a year", "SET", "P1Y")]),
    ("it costs $40 million a year", [("a year", "SET", "P1Y")]),
    ("the index is published monthly", [("monthly", "SET", "P1M")]),
    ("shops close on Sundays", [("Sundays", "SET", "XXXX-WXX-7")]),
    ("in the early 1990s", [("the early 1990s", "DATE", "199")]),
    ("in the '60s", [("the '60s", "DATE", "196")]),
    ("in the nineties", [("the nineties", "DATE", "199")]),
    ("in the 19th century", [("the 19th century", "DATE", "18")]),
    ("in the summer of 2011", [("the summer of 2011", "DATE", "2011-SU")]),
    ("in the third quarter of 2022", [("the third quarter of 2022", "DATE", "2022-Q3")]),
    ("during the first half of 2021", [("the first half of 2021", "DATE", "2021-H1")]),
    ("results for Q2 2020", [("Q2 2020", "DATE", "2020-Q2")]),
    ("in fiscal 2019", [("fiscal 2019", "DATE", "2019")]),
    ("by mid-2025", [("mid-2025", "DATE", "2025")]),
    ("at 10:30 a.m. Friday", [("10:30 a.m. Friday", "TIME", "2024-02-16T10:30")]),
    ("at 1430 GMT", [("1430 GMT", "TIME", "2024-02-20T14:30")]),
    ("until midnight", [("midnight", "TIME", "2024-02-20T24:00")]),
])
def test_times_explicit_values(text, expected):
    assert values(text) == expected


def test_times_relative_to_publication_date():
    assert values("It happened exactly five months ago.") == [("five months ago", "DATE", "2023-09")]
    assert values("They met last September.") == [("last September", "DATE", "2023-09")]
    assert values("It grew last year.") == [("last year", "DATE", "2023")]
    assert values("It was quiet yesterday.") == [("yesterday", "DATE", "2024-02-19")]
    assert values("Three days ago it ended.") == [("Three days ago", "DATE", "2024-02-17")]
    assert values("Two weeks ago it ended.") == [("Two weeks ago", "DATE", "2024-W06")]
    # one decade back is ten years back ("a decade ago" in 2024 is 2014, not the 2010s);
    # several decades keep the decade's precision
    assert values("It began a decade ago.") == [("a decade ago", "DATE", "2014")]
    assert values("A decade earlier it had been a farm.") == [("A decade earlier", "DATE", "2014")]
    assert values("It was founded three decades ago.") == [("three decades ago", "DATE", "199")]
    assert values("The town was founded two centuries ago.") == [("two centuries ago", "DATE", "18")]
    assert values("It began years ago.") == [("years ago", "DATE", "PAST_REF")]
    assert values("earlier this month") == [("earlier this month", "DATE", "2024-02")]
    assert values("later this year") == [("later this year", "DATE", "2024")]
    assert values("early next year") == [("early next year", "DATE", "2025")]
    assert values("last week") == [("last week", "DATE", "2024-W07")]
    assert values("over the past week") == [("the past week", "DATE", "2024-W07")]
    assert values("this weekend") == [("this weekend", "DATE", "2024-W08-WE")]
    assert values("last night") == [("last night", "TIME", "2024-02-19TNI")]
    assert values("this morning") == [("this morning", "TIME", "2024-02-20TMO")]
    assert values("tonight") == [("tonight", "TIME", "2024-02-20TNI")]
    assert values("yesterday afternoon") == [("yesterday afternoon", "TIME", "2024-02-19TAF")]
    assert values("the day before yesterday") == [("the day before yesterday", "DATE", "2024-02-18")]
    assert values("this quarter") == [("this quarter", "DATE", "2024-Q1")]
    assert values("last quarter") == [("last quarter", "DATE", "2023-Q4")]
    assert values("next month") == [("next month", "DATE", "2024-03")]
    assert values("May last year") == [("May last year", "DATE", "2023-05")]
    assert values("the current fiscal year") == [("the current fiscal year", "DATE", "2024")]
    assert values("over the past decade") == [("the past decade", "DURATION", "P10Y")]
    assert values("this decade") == [("this decade", "DATE", "202")]
    assert values("by the end of the year", "future") == [("the end of the year", "DATE", "2024")]
    assert values("sales slumped toward the end of the year", "past") == [("the end of the year", "DATE", "2023")]


def test_times_references_and_vague_expressions():
    assert values("Now, it is over.") == [("Now", "DATE", "PRESENT_REF")]
    assert values("It is currently closed.") == [("currently", "DATE", "PRESENT_REF")]
    assert values("He recently left.") == [("recently", "DATE", "PAST_REF")]
    assert values("as in the past") == [("the past", "DATE", "PAST_REF")]
    assert values("in the near future") == [("the near future", "DATE", "FUTURE_REF")]
    assert values("in recent years") == [("recent years", "DURATION", "PXY")]
    assert values("several years ago") == [("several years ago", "DATE", "PAST_REF")]
    # "the near term", "the short term": what lies just ahead; "short-term" modifies a noun
    assert values("Margins will stay thin in the near term.") == [("the near term", "DATE", "FUTURE_REF")]
    assert values("a loss in the short term") == [("the short term", "DATE", "FUTURE_REF")]
    assert values("the short-term notes") == []


def test_times_year_end(make_document):
    # the last day of the calendar year: the coming one, or the one gone "since" or in a past clause
    assert values("The sale should close by year-end.", "future") == [("year-end", "DATE", "2024-12-31")]
    assert values("The index has risen 4% since year end.", "present") == [("year end", "DATE", "2023-12-31")]
    assert values("Debt stood at $3 billion at year-end 2019.", "past") == [("year-end 2019", "DATE", "2019-12-31")]
    assert stage(make_document, "The mill hopes to finish the new line by year-end.") == [
        ("year-end", "DATE", "2024-12-31")]
    # "year-end" before a noun is a kind of thing, not a day
    assert stage(make_document, "The board met at year-end meetings in the old hall.") == []


def test_times_story_time_anchors_next_day_and_later():
    # the story's own time, not the publication date
    assert values("He was arrested on March 3, 2019 and released two days later.") == [
        ("March 3, 2019", "DATE", "2019-03-03"), ("two days later", "DATE", "2019-03-05")]
    assert values("The minister landed on 5 June 2018. The next day, he met the king.") == [
        ("5 June 2018", "DATE", "2018-06-05"), ("The next day", "DATE", "2018-06-06")]
    assert values("The vote was in 2016; the following year the law changed.") == [
        ("2016", "DATE", "2016"), ("the following year", "DATE", "2017")]
    assert values("It opened on May 2, 2010, and closed that week.") == [
        ("May 2, 2010", "DATE", "2010-05-02"), ("that week", "DATE", "2010-W17")]
    assert values("He slept in a cell on 4 April 2001 and saw a judge the following morning.") == [
        ("4 April 2001", "DATE", "2001-04-04"), ("the following morning", "TIME", "2001-04-05TMO")]
    # a year earlier than a quarter is that quarter a year before
    assert values("Profit fell in the fourth quarter, from $9 million a year earlier.") == [
        ("the fourth quarter", "DATE", "2023-Q4"), ("a year earlier", "DATE", "2022-Q4")]
    assert values("Sales in the third quarter of 2022 beat the year-earlier quarter.") == [
        ("the third quarter of 2022", "DATE", "2022-Q3"), ("the year-earlier quarter", "DATE", "2021-Q3")]
    # with nothing to anchor to, the publication date is the story's time
    assert values("Two days later, it rained.") == [("Two days later", "DATE", "2024-02-22")]


def test_times_amounts_after_before_and_than_are_durations():
    assert values("two days after the vote") == [("two days", "DURATION", "P2D")]
    assert values("a week later than planned") == [("a week", "DURATION", "P1W")]
    assert values("three weeks before the election") == [("three weeks", "DURATION", "P3W")]


def test_times_approximators_stay_out_of_the_extent():
    assert values("about a month") == [("a month", "DURATION", "P1M")]
    assert values("more than 20 years") == [("20 years", "DURATION", "P20Y")]
    assert values("nearly six years ago") == [("six years ago", "DATE", "2018")]
    assert values("over the past three years") == [("the past three years", "DURATION", "P3Y")]


def test_times_range_is_split_into_two_ends():
    assert values("It occurred from October 23 to 25 last year.") == [
        ("October 23", "DATE", "2023-10-23"), ("25 last year", "DATE", "2023-10-25")]
    assert values("from 1991 to 1994") == [("1991", "DATE", "1991"), ("1994", "DATE", "1994")]
    assert values("in 2009-10") == [("2009", "DATE", "2009"), ("10", "DATE", "2010")]
    assert values("between May and July 2020") == [("May", "DATE", "2020-05"), ("July 2020", "DATE", "2020-07")]
    assert values("on 3-5 May 2022") == [("3", "DATE", "2022-05-03"), ("5 May 2022", "DATE", "2022-05-05")]


def test_times_weekday_direction_follows_tense():
    assert values("They met on Monday.", "past") == [("Monday", "DATE", "2024-02-19")]
    assert values("They will meet on Monday.", "future") == [("Monday", "DATE", "2024-02-26")]
    assert values("They met on Friday.", "past") == [("Friday", "DATE", "2024-02-16")]
    assert values("They met last Tuesday.", "past") == [("last Tuesday", "DATE", "2024-02-13")]
    assert values("They meet next Monday.", "present") == [("next Monday", "DATE", "2024-02-26")]
    assert values("on Friday morning", "future") == [("Friday morning", "TIME", "2024-02-23TMO")]


def test_times_month_day_without_year_by_tense():
    assert values("elections on February 7", "past") == [("February 7", "DATE", "2024-02-07")]
    assert values("talks on March 3", "future") == [("March 3", "DATE", "2024-03-03")]
    assert values("talks on December 3", "past") == [("December 3", "DATE", "2023-12-03")]
    assert values("in November", "past") == [("November", "DATE", "2023-11")]
    assert values("in November", "future") == [("November", "DATE", "2024-11")]
    # a weekday beside the date picks the year in which they agree
    assert values("on Friday, December 1", "present") == [("Friday, December 1", "DATE", "2023-12-01")]


def test_times_seasons_quarters_and_holidays():
    assert values("this spring") == [("this spring", "DATE", "2024-SP")]
    assert values("last summer") == [("last summer", "DATE", "2023-SU")]
    assert values("next fall") == [("next fall", "DATE", "2024-FA")]
    assert values("in the autumn", "past") == [("the autumn", "DATE", "2023-FA")]
    assert values("in the second quarter", "past") == [("the second quarter", "DATE", "2023-Q2")]
    assert values("in the second quarter", "future") == [("the second quarter", "DATE", "2024-Q2")]
    assert values("last year's third quarter") == [("last year's third quarter", "DATE", "2023-Q3")]
    assert values("on Christmas Eve", "past") == [("Christmas Eve", "DATE", "2023-12-24")]
    assert values("on Christmas Day 2019") == [("Christmas Day 2019", "DATE", "2019-12-25")]
    assert values("before Easter", "future") == [("Easter", "DATE", "2024-03-31")]
    assert values("on Thanksgiving", "past") == [("Thanksgiving", "DATE", "2023-11-23")]


def test_times_calendar_helpers():
    assert [easter(y) for y in (2019, 2024, 2025)] == [date(2019, 4, 21), date(2024, 3, 31), date(2025, 4, 20)]
    assert holiday_date("nth:-1:MO:05", 2024) == date(2024, 5, 27)  # last Monday of May
    assert holiday_date("nth:1:MO:09", 2023) == date(2023, 9, 4)
    assert holiday_date("easter-2", 2024) == date(2024, 3, 29)
    # the Tuesday after the first Monday of November, not the first Tuesday
    assert holiday_date("nth:1:MO:11+1", 2022) == date(2022, 11, 8)
    assert values("Voters went to the polls on Election Day.", anchor=date(2022, 11, 10)) == [
        ("Election Day", "DATE", "2022-11-08")]
    assert [parse_number(w) for w in ("44", "five", "twenty-one", "a hundred", "several", "1.5")] == [
        44, 5, 21, 100, None, 1.5]


def test_times_clock_with_publication_time():
    n = Normalizer(datetime(2024, 2, 20, 9, 0))
    e = next(x for x in find_expressions("two hours ago") if x.kind == "ago")
    assert n.normalize(e, "past") == ("DATE", "2024-02-20T07:00")


def test_times_without_anchor_keep_unknowns():
    assert values("They met on Monday.", anchor=None) == [("Monday", "DATE", "XXXX-WXX-1")]
    assert values("They met last September.", anchor=None) == [("last September", "DATE", "XXXX-09")]
    assert values("on March 3", anchor=None) == [("March 3", "DATE", "XXXX-03-03")]
    assert values("last year", anchor=None) == [("last year", "DATE", "PAST_REF")]
    assert values("this summer", anchor=None) == [("this summer", "DATE", "XXXX-SU")]


def test_times_impossible_dates_are_dropped():
    assert values("on 2023-02-30 and February 30, 2023 and 31/31/2023") == []
    assert values("in the 0th century") == []


@pytest.mark.parametrize("text", [
    "a 59-year-old teacher",
    "pupils aged 11 years and over",
    "the five-year-olds in the class",
    "2,000 soldiers and 1500 police",
    "the share rose to 2015 points",
    "UN Resolution 2139 demands access",
    "he gave it a second try",
    "the fall of the regime",
    "a sharp fall in prices",
])
def test_times_grammar_rejects_non_times(text):
    assert values(text) == []


ORDINARY_WORDS = [
    "Officials may announce the results soon.",
    "Thousands march through the capital to protest.",
    "We set the agenda for the second round.",
    "One of the delegates asked for a second opinion.",
    "Prices spring back when supply recovers.",
    "We will set up one committee.",
    "The may be a problem, we said.",
    "May we ask one question?",
    "March on, they said, and we marched.",
    "They march to the gate, and we set off with them.",
    "Second, the plan must be set aside; one side may object.",
    "Hopes spring eternal, and new parties spring up in the city's politics.",
    "We may march to the square, said one organiser.",
    "Water levels fall when the dams spring a leak.",
    "Set in stone, the rules may change at one point or another.",
    "He is second only to the leader, and we know it.",
    "The Sunday Times reported the story.",
    "Nobody knows the future of the old mill.",
]


@pytest.mark.parametrize("sentence", ORDINARY_WORDS)
def test_times_ordinary_words_are_not_times(sentence, make_document):
    # none of these sentences holds a time expression: the real stage (grammar and parse) finds none
    assert stage(make_document, sentence) == []


def test_times_month_words_are_dates_where_written_as_dates(make_document):
    got = stage(make_document, "In May, parliament voted. It may vote again on May 5 or in March.")
    assert got == [("May", "DATE", "2023-05"), ("May 5", "DATE", "2024-05-05"), ("March", "DATE", "2024-03")]
    assert stage(make_document, "Prices spring back every spring.") == [("every spring", "SET", "XXXX-SP")]


def test_times_stage_uses_clause_tense(make_document):
    got = dict((t, v) for t, _, v in stage(make_document, "The ministers met on Monday. They will meet again on Friday."))
    assert got == {"Monday": "2024-02-19", "Friday": "2024-02-23"}
    got = dict((t, v) for t, _, v in stage(make_document, "The talks will resume on Monday."))
    assert got == {"Monday": "2024-02-26"}
    # the second day of a range comes after the first
    got = dict((t, v) for t, _, v in stage(make_document, "The fair will run from Monday to Thursday."))
    assert got == {"Monday": "2024-02-26", "Thursday": "2024-02-29"}
    # news writes schedules in the simple present
    assert stage(make_document, "The report comes out on Friday.") == [("Friday", "DATE", "2024-02-23")]
    assert stage(make_document, "The law takes effect in January.") == [("January", "DATE", "2025-01")]
    # what began "since" a date is behind us, whatever the tense of the clause
    assert stage(make_document, "The ban, in force since 1 December, runs until the end of 2025.") == [
        ("1 December", "DATE", "2023-12-01"), ("the end of 2025", "DATE", "2025")]
    # a deferral looks forward even in the past tense
    assert stage(make_document, "The vote was delayed until Sunday.") == [("Sunday", "DATE", "2024-02-25")]


def test_times_weekday_under_a_modal_perfect_a_past_plan_or_a_plan(make_document):
    # a modal of the past ("may have", "should have") looks back
    assert stage(make_document, "The storm may have flooded the cellar on Friday.") == [
        ("Friday", "DATE", "2024-02-16")]
    # a denied "could" tells of an attempt as often as a prospect
    assert stage(make_document, "The mayor could not be reached for comment on Friday.") == [
        ("Friday", "DATE", "2024-02-16")]
    assert stage(make_document, "The talks could resume on Friday.") == [("Friday", "DATE", "2024-02-23")]
    # a plan that was due before: "had been due to" says nothing of what lies ahead
    assert stage(make_document, "The offer had been due to expire on Saturday.") == [
        ("Saturday", "DATE", "2024-02-17")]
    # the day of a planned event is the nearest one, either side
    assert stage(make_document, "The farmers planned a march on Wednesday.") == [
        ("Wednesday", "DATE", "2024-02-21")]
    assert stage(make_document, "The union planned a strike on Sunday.") == [
        ("Sunday", "DATE", "2024-02-18")]
    assert stage(make_document, "The vote was scheduled for March.") == [("March", "DATE", "2024-03")]
    assert stage(make_document, "The ceremony was planned for December.") == [("December", "DATE", "2023-12")]


def test_times_clock_takes_the_day_of_its_sentence(make_document):
    got = stage(make_document, "The blast happened at 10:30 p.m. on Saturday, police said.")
    assert got == [("10:30 p.m.", "TIME", "2024-02-17T22:30"), ("Saturday", "DATE", "2024-02-17")]


def test_times_names_inside_names_are_not_times(make_document):
    assert stage(make_document, "April Ryan asked the question.") == []
    assert stage(make_document, "Christmas shopping began early.") == []
    assert stage(make_document, "Roads were busy over the Labor Day weekend.") == [("Labor Day", "DATE", "2023-09-04")]


# --- classes from text nobody tuned the tagger to (issue 16): each test sentence is written here ---


def test_times_past_report_weekdays_are_behind_the_article(make_document):
    # a Wednesday article: Tuesday in a past report is the day before
    got = stage(make_document, "The council voted on Tuesday to close the mine.", published="2024-02-21")
    assert got == [("Tuesday", "DATE", "2024-02-20")]
    # a weekday that belongs to a noun dates the noun's event, which news reports after the fact
    got = stage(make_document, "The decision follows Tuesday's vote in parliament.", published="2024-02-21")
    assert got == [("Tuesday", "DATE", "2024-02-20")]
    got = stage(make_document, "Under the new terms, announced Friday, holders get cash.", published="2024-02-21")
    assert got == [("Friday", "DATE", "2024-02-16")]
    # what a participle schedules is ahead, an imperative too, and "is to" looks forward
    got = stage(make_document, "Trading is to resume on Tuesday, officials said.", published="2024-02-16")
    assert got == [("Tuesday", "DATE", "2024-02-20")]
    got = stage(make_document, '"Call me on Sunday night," she wrote.', published="2024-02-21")
    assert got == [("Sunday night", "TIME", "2024-02-25TNI")]
    # what a present "be" dates is ahead: "the deadline is Monday"
    got = stage(make_document, "The deadline is Monday.", published="2024-02-21")
    assert got == [("Monday", "DATE", "2024-02-26")]
    # an end point under a past verb: the nearest such day
    got = stage(make_document, "The court has given the family until Tuesday to reply.", published="2024-02-19")
    assert got == [("Tuesday", "DATE", "2024-02-20")]


def test_times_month_days_that_belong_to_nouns_take_the_nearest_year(make_document):
    # a past verb dates its own event, not the dividend's payment day
    got = stage(make_document, "The board declared a dividend, payable Dec. 7 to holders of record Nov. 22.",
                published="2023-10-27")
    assert got == [("Dec. 7", "DATE", "2023-12-07"), ("Nov. 22", "DATE", "2023-11-22")]
    # the nearest leans to the past: a November manhunt, written in May, is last November's
    got = stage(make_document, "He became the subject of a manhunt in November.", published="2024-05-07")
    assert got == [("November", "DATE", "2023-11")]
    # the same past tense on the verb itself dates the event behind the article
    got = stage(make_document, "The plant closed on Dec. 7.", published="2023-10-27")
    assert got == [("Dec. 7", "DATE", "2022-12-07")]


def test_times_last_month_name_skips_the_month_just_gone():
    assert values("It crashed last February.", anchor=date(2024, 3, 1)) == [("last February", "DATE", "2023-02")]
    assert values("It crashed last January.", anchor=date(2024, 3, 20)) == [("last January", "DATE", "2024-01")]


def test_times_quarters_follow_the_reporting_season():
    # results come after the quarter: in late October the third quarter is this year's
    assert values("It will report third-quarter results.", "future", anchor=date(2023, 10, 26)) == [
        ("third-quarter", "DATE", "2023-Q3")]
    assert values("It will report first-quarter results.", "future", anchor=date(2023, 10, 26)) == [
        ("first-quarter", "DATE", "2024-Q1")]
    # in January, an unqualified fourth quarter is the one just ended
    assert values("profits for the fourth quarter", "present", anchor=date(2024, 1, 26)) == [
        ("the fourth quarter", "DATE", "2023-Q4")]


def test_times_business_periods_read_against_the_period_in_focus():
    a = date(2023, 10, 26)
    assert values("Net income rose in the third quarter. Sales in the quarter grew from $9 million a year "
                  "earlier. In the year-ago period, it lost money.", anchor=a) == [
        ("the third quarter", "DATE", "2023-Q3"), ("the quarter", "DATE", "2023-Q3"),
        ("a year earlier", "DATE", "2022-Q3"), ("the year-ago period", "DATE", "2022-Q3")]
    assert values("Profit rose in the second quarter, compared with a year-earlier loss.", anchor=a) == [
        ("the second quarter", "DATE", "2023-Q2"), ("year-earlier", "DATE", "2022-Q2")]
    assert values("Revenue in the 2022 quarter was lower; last year's quarter had a charge.",
                  anchor=a)[:1] == [("the 2022 quarter", "DATE", "2022-Q3")]
    # with no quarter named, the latest quarter is the last one that has ended
    assert values("Sales fell in the latest quarter.", anchor=a) == [("the latest quarter", "DATE", "2023-Q3")]
    # a quarter ended on a named day is the quarter that day closes
    assert values("It lost $5 million for the quarter ended June 30.", anchor=a)[0] == (
        "the quarter", "DATE", "2023-Q2")
    # a run of months puts the year in focus
    assert values("For the nine months, net rose from $3 million a year earlier.", anchor=a) == [
        ("the nine months", "DURATION", "P9M"), ("a year earlier", "DATE", "2022")]
    # "the same period" names no period by itself
    assert values("Costs fell in the same period.", anchor=a) == []


def sentence_values(sentences: list[str], anchor=ANCHOR) -> list[tuple[str, str, str]]:
    """The normaliser over a story, one sentence at a time (past tense throughout)."""
    n = Normalizer(anchor)
    out = []
    for i, text in enumerate(sentences):
        n.sentence = i
        for e in find_expressions(text):
            r = n.normalize(e, "past")
            if r:
                out.append((text[e.start:e.end], *r))
    return out


def test_times_business_focus_stays_on_the_reported_period():
    a = date(2023, 10, 26)
    # an earlier quarter of the same year named after the reported one is a comparison
    story = ["The maker of garden tools said third-quarter profit rose.",
             "After a weak second quarter, sales of hoses recovered.",
             "Costs in the year-earlier period included a plant closing."]
    assert sentence_values(story, anchor=a)[-1] == ("the year-earlier period", "DATE", "2022-Q3")
    # the period named again keeps the focus past the usual reach
    story = ["The bakery chain posted a third-quarter loss.", "It closed stores.", "It cut jobs.",
             "It sold a warehouse.", "It hired a new chef.",
             "Orders were 40 in the quarter, against 90 a year ago."]
    assert sentence_values(story, anchor=a)[-2:] == [
        ("the quarter", "DATE", "2023-Q3"), ("a year ago", "DATE", "2022-Q3")]


def test_times_the_year_being_reported():
    a = date(2023, 10, 26)
    assert ("the year", "DATE", "2023") in values("The stock touched a high for the year in June.", anchor=a)
    assert ("the year", "DATE", "2023") in values("Sales for the first nine months of the year rose.", anchor=a)
    # the period in focus gives its year
    assert values("Profit fell in the fourth quarter. Costs for the year were flat.", anchor=date(2024, 1, 30)) == [
        ("the fourth quarter", "DATE", "2023-Q4"), ("the year", "DATE", "2023")]
    assert values("The maker said the drop will mean lower earnings for the fiscal year.", anchor=a) == [
        ("the fiscal year", "DATE", "2023")]
    # not a year named by what follows, nor a name
    for text in ("Revenue for the year ended March 31 rose.", "He was named player of the year before.",
                 "the best film of the Year of the Dragon", "Sales for the year 1990 were flat."):
        assert ("the year", "DATE", "2023") not in values(text, anchor=a), text


def test_times_company_years_and_quarters_as_durations():
    a = date(2023, 10, 26)
    assert values("Revenue for the year ended March 31 rose.", anchor=a) == [
        ("the year", "DURATION", "P1Y"), ("March 31", "DATE", "2023-03-31")]
    assert values("It forecast a gain for the full year.", anchor=a) == [("the full year", "DATE", "2023")]
    assert values("It lost money in the past two quarters.") == [("the past two quarters", "DURATION", "P2Q")]
    assert values("It lost money after several quarters of growth.") == [("several quarters", "DURATION", "PXQ")]
    assert values("Three quarters of the vote went to him.") == []


def test_times_spoken_years_and_amounts():
    assert values("In nineteen ninety-six the law changed.") == [("nineteen ninety-six", "DATE", "1996")]
    assert values("January nineteen ninety-seven was cold.") == [
        ("January nineteen ninety-seven", "DATE", "1997-01")]
    assert values("by the year two thousand") == [("the year two thousand", "DATE", "2000")]
    assert values("in the winter of nineteen ninety-four") == [
        ("the winter of nineteen ninety-four", "DATE", "1994-WI")]
    assert values("two thousand people marched") == []
    assert values("for a couple of years") == [("a couple of years", "DURATION", "P2Y")]
    assert values("camps for 2 1/2 years") == [("2 1/2 years", "DURATION", "P2Y6M")]
    assert values("a minute and a half later") == [("a minute and a half", "DURATION", "PT1M30S")]
    assert values("at mid-afternoon yesterday") == [("mid-afternoon yesterday", "TIME", "2024-02-19TAF")]
    assert values("a rate of $10 million annually") == [("annually", "SET", "XXXX")]


@pytest.mark.parametrize("text", [
    "He told USA TODAY the plan had failed.",
    "This is VOA Today, reporting from the capital.",
    "He said on ABC's \"This Week\" that talks would go on.",
    "The story ran in the Daily Mirror and the Daily Telegraph.",
    "He told CBS's \"60 Minutes\" that he would run.",
    "The case is for today's youth what the war was for their parents.",
    "Many of today's personal computers use the chip.",
    "If I chose the people of tomorrow, I would choose them.",
])
def test_times_names_and_generic_words_are_not_times(text):
    assert values(text) == []


def test_times_today_in_a_quote_of_an_older_statement(make_document):
    # the words were said on Monday: their "today" is Monday, their "tomorrow" Tuesday
    got = stage(make_document, 'The minister said on Monday: "Today we begin, and tomorrow we finish."',
                published="2024-02-21")
    assert got == [("Monday", "DATE", "2024-02-19"), ("Today", "DATE", "2024-02-19"),
                   ("tomorrow", "DATE", "2024-02-20")]
    # a quote with no older day of saying keeps the publication date
    assert stage(make_document, 'He said: "Today we begin."', published="2024-02-21") == [
        ("Today", "DATE", "2024-02-21")]


def test_times_end_points_look_ahead_and_dates_near_the_article_stay_in_its_year(make_document):
    # "until"/"by" in a present clause: the coming day
    got = stage(make_document, "The country has until Monday to raise the money.", published="2024-02-23")
    assert got == [("Monday", "DATE", "2024-02-26")]
    # a date of these days is not sent a year away by the tense: a deadline just passed
    assert values("The agency wants the boy returned by Jan. 14.", "future", anchor=date(2024, 1, 15)) == [
        ("Jan. 14", "DATE", "2024-01-14")]
    assert values("The plant will close on Dec. 20.", "future", anchor=date(2024, 1, 15)) == [
        ("Dec. 20", "DATE", "2024-12-20")]


def test_times_every_kind_the_grammar_finds_has_a_handler():
    from newsledger.stages.times.grammar import RULES
    from newsledger.stages.times.normalize import HANDLERS

    split = {"range_md", "range_dm", "range_my", "range_years"}  # split into their two ends first
    kinds = {rule.kind for rule in RULES} - split
    assert kinds <= set(HANDLERS), sorted(kinds - set(HANDLERS))
    # and each handler takes (normalizer, groups, tense) and gives a type and value
    n = Normalizer(ANCHOR)
    assert HANDLERS["md"](n, {"month": "March", "day": "30"}, "past") == ("DATE", "2023-03-30")
    assert HANDLERS["set_adverb"](n, {"adv": "weekly"}, "present") == ("SET", "P1W")


def test_times_quotations_pair_marks_on_one_line():
    from newsledger.stages.times import quotations

    text = "He said \"yes\" and ``no'' and “maybe” “open\nnext \"a\" \"b"
    assert [text[a:b] for a, b in quotations(text)] == ['"yes"', "``no''", "“maybe”", '"a"']
    assert quotations("“" * 5000 + "``" * 5000) == []


def test_times_clock_time_without_a_day_in_its_sentence_is_on_the_publication_day(make_document):
    d = run_stages(make_document("Officials spoke of the March 4 attack.\n\n7:50 p.m. Envoys left the embassy.",
                                 published="2024-03-30"), "times")
    clock = next(t for t in d.times if t.text == "7:50 p.m.")
    assert clock.value == "2024-03-30T19:50"


def test_times_clock_time_takes_the_day_the_sentence_before_set(make_document):
    d = run_stages(make_document("A man was shot early Saturday.\n\nIt happened around 2 a.m. near the park.",
                                 published="2016-11-01"), "times")
    clock = next(t for t in d.times if t.text == "2 a.m.")
    assert clock.value == "2016-10-29T02:00"
