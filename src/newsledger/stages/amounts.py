"""Amounts stage: numbers claimed in the text, with their qualifier and unit.

"Approximately 3,000 personnel" -> 3000, approx, personnel; "over 300 settlements"
-> 300, over, settlements; "20 percent" -> 20, exact, percent; "one million" ->
1000000. Numbers that are times (years, dates, durations: the times stage owns
them), parts of names ("Atatürk-2023", "7-Eleven") or house numbers ("1915 Birch St.")
are not amounts, and a number word is a whole word ("ten" is not in "tenure"). Small numbers written
as words ("two countries") count only with a qualifier or a scale word.
"""

from __future__ import annotations

import math
import re

from ..document import Document
from ..model import Amount, Qualifier
from .base import Stage

_QUALIFIERS: list[tuple[Qualifier, str]] = [
    ("approx", r"approximately|about|around|roughly|some|an estimated|estimated|close to|nearly|almost|up to an estimated"),
    ("at_least", r"at least|no fewer than|no less than|a minimum of"),
    ("at_most", r"at most|up to|as many as|no more than|a maximum of"),
    ("over", r"over|more than|above|in excess of|upwards of|exceeding"),
    ("under", r"under|less than|fewer than|below|just under"),
]
_QUAL_RE = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _QUALIFIERS)
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "dozens": 24, "a dozen": 12, "dozen": 12, "hundreds": 200, "thousands": 2000,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "mln": 1_000_000, "bn": 1_000_000_000}
_NUMBER = (
    r"(?P<cur>[$€£¥])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted((w for w in _WORDS), key=len, reverse=True))
    + r")(?:\s+(?P<scale>hundred|thousand|million|billion|trillion|mln|bn)\b)?"
)
AMOUNT_RE = re.compile(
    rf"(?:\b(?:{_QUAL_RE})\s+)?(?<![\w\-.,/]){_NUMBER}(?P<pct>\s?(?:%|percent\b|per cent\b))?", re.I
)
# Longest run of integer digits read as an amount: beyond it a number is an identifier.
_MAX_DIGITS = 18
_UNIT_SKIP = {"of", "the", "more", "additional", "other", "new", "military", "people's"}


_NAME_WORD = re.compile(r"\s+([A-Z][\w'’-]*\.?)")


def _street_words() -> frozenset[str]:
    from .actors.dictionaries import load_dictionaries

    return frozenset(load_dictionaries().street_words)


def _street_follows(text: str, end: int) -> bool:
    """A number followed by a capitalised name that ends in a street word (data/street_words.tsv)."""
    streets = _street_words()
    pos = end
    for _ in range(4):
        m = _NAME_WORD.match(text, pos)
        if m is None:
            return False
        word = m.group(1).casefold()
        if word in streets or word.rstrip(".") in streets:
            return True
        pos = m.end()
    return False


class AmountsStage(Stage):
    name = "amounts"
    reads = ("doc", "text", "times", "entities")
    writes = ("amounts",)

    def __call__(self, document: Document) -> None:
        doc = document.view
        assert doc is not None
        text = document.text
        blocked = [(t.start, t.end) for t in document.times]
        blocked += [(m.start, m.end) for e in document.entities if e.type not in ("NORP", "GPE") for m in e.mentions]
        amounts: list[Amount] = []
        for m in AMOUNT_RE.finditer(text):
            num_start, num_end = m.span("num")
            if any(a < num_end and num_start < b for a, b in blocked):
                continue
            if text[num_end:num_end + 1] == "-" and text[num_end + 1:num_end + 2].isalpha():
                continue  # "one-day", "44-day": durations or compounds, not amounts
            raw = m.group("num").lower()
            is_word = not raw[0].isdigit()
            if is_word and text[num_end:num_end + 1].isalpha():
                continue  # a number word is a whole word: "ten" is not in "tenure"
            if text[m.start("num") - 1:m.start("num")].isalpha():
                continue
            if not is_word and (text[num_end:num_end + 1].isupper()
                                or re.match(r"(?:st|nd|rd|th)\b", text[num_end:num_end + 3], re.I)):
                continue  # "1MDB", "5th Amendment": part of a name or an ordinal
            if not is_word and _street_follows(text, num_end):
                continue  # "1915 Birch St.", "42 Lakeview Drive": a house number
            qualifier: Qualifier = next((name for name, _ in _QUALIFIERS if m.group(name)), "exact")
            scale = m.group("scale")
            if is_word and raw in _WORDS and _WORDS[raw] < 10 and not scale and qualifier == "exact":
                continue
            if is_word and raw in ("one",) and not scale:
                continue
            digits = raw.replace(",", "").split(".")[0]
            if not is_word and len(digits) > _MAX_DIGITS:
                continue  # a serial number or noise, not a claimed quantity (and no float holds it)
            value: float = float(raw.replace(",", "")) if not is_word else float(_WORDS[raw])
            if scale:
                value *= _SCALES[scale.lower()]
            if not math.isfinite(value):
                continue
            value_out: int | float = int(value) if value == int(value) else value
            start, end = m.start(), m.end()
            unit = None
            if m.group("pct"):
                unit = "percent"
            elif m.group("cur"):
                unit = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}[m.group("cur")]
            else:
                unit = self._unit_after(document, end)
            amounts.append(Amount(start=start, end=end, text=text[start:end], value=value_out,
                                  unit=unit, qualifier=qualifier))
        document.amounts = amounts

    @staticmethod
    def _unit_after(document: Document, end: int) -> str | None:
        """The noun the number counts: the head of the phrase right after it."""
        doc = document.view
        assert doc is not None
        span = doc.char_span(end, min(len(document.text), end + 1), alignment_mode="expand")
        if span is None:
            return None
        i = span.start
        # the token after the number, skipping adjectives and compound parts to the noun head
        for k in range(i, min(len(doc), i + 4)):
            t = doc[k]
            if t.idx < end:
                continue
            if t.is_punct or t.is_space:
                return None
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod"):
                return t.lemma_.lower() if t.lemma_ else t.lower_
            if t.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV") and t.lower_ not in _UNIT_SKIP:
                return None
        return None
