"""Pairing quotation marks: which stretches of the text are inside quotes.

Works on the characters alone (no parse), paragraph by paragraph, so one stray
mark can never spoil the rest of an article (the weakness of counting marks over
the whole text):

- double marks: curly “ ” (and „ ‟ « »), straight ", and the doubled apostrophes
  '' (or ``) that some archives print for quotation marks. A straight mark opens
  or closes by the characters around it (space before and a letter after opens;
  a letter or punctuation before and space after closes) and, where that does not
  decide, by whether a quote is open;
- single marks ‘ ’ ' are apostrophes far more often than quotes: inside a double
  quote they are its content (a nested quote stays part of the outer one); outside
  one, a ‘ (or a ' after a space) followed by a closing ’ / ' before a non-letter in
  the same paragraph makes a single-quoted stretch (headlines quote this way);
- a quote may run over paragraphs when each paragraph reopens it (the convention
  of long quotes: an opening mark at the start of every paragraph, the closing one
  on the last);
- a mark left open at the end of a paragraph that the next paragraph does not
  reopen, or an opening mark that meets another opener in the same paragraph with
  no closer left for both, gives a partial quote (up to the paragraph end, or up
  to the next opener) and a warning; a closing mark with no opener gives a warning
  and, when the closer starts its paragraph's speech ("... ,” he said" with the
  opening mark lost), a partial quote from the paragraph start.

Paragraphs are lines, unless the text is hard-wrapped (blank lines between
paragraphs and most line breaks single), when they are the blank-line blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = {"“", "„", "‟", "«", "``"}
_DOUBLE_CLOSE = {"”", "»"}
_DOUBLE_AMBIGUOUS = {'"', "''"}
_SINGLE_OPEN = {"‘", "‚"}
_SINGLE_AMBIGUOUS = {"’", "'"}
_MARK = re.compile(r"''|``|[\"“”„‟«»‘’‚']")
_OPEN_BEFORE = set("([{—–-/") | {"“", "‘", "«"}
_CLOSE_AFTER = set(".,;:!?)]}—–-/…") | {"”", "’", "»", "'", '"'}


@dataclass
class QuoteSpan:
    open: int  # offset of the opening mark (== start when the opener is missing)
    start: int  # first character of the content
    end: int  # end of the content (the closing mark's offset)
    close: int  # offset just after the closing mark (== end when it is missing)
    double: bool = True  # double marks (else single)
    closed: bool = True  # False: a partial quote from unbalanced marks
    paragraphs: int = 1  # how many paragraphs it spans

    @property
    def content(self) -> tuple[int, int]:
        return self.start, self.end


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """[start, end) of every paragraph (lines, or blank-line blocks when the text is hard-wrapped)."""
    sep = _BLANK_LINE if _hard_wrapped(text) else _LINE_BREAK
    bounds = []
    pos = 0
    for m in sep.finditer(text):
        if m.start() > pos:
            bounds.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        bounds.append((pos, len(text)))
    return bounds


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_WRAP_WIDTH = 100


def _hard_wrapped(text: str) -> bool:
    """Blank lines between paragraphs and nearly every line short: lines broken at a fixed width."""
    if not _BLANK_LINE.search(text):
        return False
    lines = [len(line) for line in text.split("\n") if line.strip()]
    if len(lines) < 6:
        return False
    short = sum(1 for n in lines if n <= _WRAP_WIDTH)
    blocks = len(_BLANK_LINE.findall(text)) + 1
    return short >= 0.9 * len(lines) and len(lines) >= 2 * blocks


@dataclass
class _Mark:
    pos: int
    end: int
    text: str

    def kind(self) -> str:
        t = self.text
        if t in _DOUBLE_OPEN:
            return "dopen"
        if t in _DOUBLE_CLOSE:
            return "dclose"
        if t in _DOUBLE_AMBIGUOUS:
            return "damb"
        if t in _SINGLE_OPEN:
            return "sopen"
        return "samb"


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    out = []
    for m in _MARK.finditer(text, start, end):
        s = m.group()
        # three apostrophes: a nested single closer then the double closer, or the double
        # opener then a nested single opener, decided by what follows
        if s == "''" and m.end() < end and text[m.end()] == "'" and (
                m.end() + 1 >= end or not text[m.end() + 1].isalnum()):
            out.append(_Mark(m.start() + 1, m.end() + 1, "''"))
            continue
        out.append(_Mark(m.start(), m.end(), s))
    # the regex is not overlapping; drop a mark swallowed by the three-apostrophe case
    dedup: list[_Mark] = []
    for mk in out:
        if dedup and mk.pos < dedup[-1].end:
            continue
        dedup.append(mk)
    return dedup


def _before(text: str, pos: int, floor: int) -> str:
    return text[pos - 1] if pos > floor else " "


def _after(text: str, end: int, ceiling: int) -> str:
    return text[end] if end < ceiling else " "


def _opener_like(text: str, mk: _Mark, lo: int, hi: int) -> bool:
    b, a = _before(text, mk.pos, lo), _after(text, mk.end, hi)
    return (b.isspace() or b in _OPEN_BEFORE) and not a.isspace()


def _closer_like(text: str, mk: _Mark, lo: int, hi: int) -> bool:
    b, a = _before(text, mk.pos, lo), _after(text, mk.end, hi)
    return not b.isspace() and (a.isspace() or a in _CLOSE_AFTER)


def _is_apostrophe(text: str, mk: _Mark, lo: int, hi: int) -> bool:
    b, a = _before(text, mk.pos, lo), _after(text, mk.end, hi)
    return b.isalnum() and a.isalnum()


def find_quote_spans(text: str) -> tuple[list[QuoteSpan], list[str]]:
    """Top-level quoted stretches of `text` and warnings about unbalanced marks."""
    spans: list[QuoteSpan] = []
    warnings: list[str] = []
    paras = paragraph_bounds(text)
    carry: QuoteSpan | None = None  # a double quote left open at the end of the previous paragraph
    for pi, (lo, hi) in enumerate(paras):
        marks = _marks(text, lo, hi)
        i = 0
        current: QuoteSpan | None = None
        if carry is not None:
            if marks and marks[0].pos == lo and marks[0].kind() in ("dopen", "damb"):
                current = carry  # the paragraph reopens the quote: it continues
                current.paragraphs += 1
                i = 1
            else:
                partial = _partial(text, carry, carry.end)
                spans.append(partial)
                warnings.append(f"quote mark at {carry.open} is not closed before its paragraph ends "
                                f"(partial quote up to {partial.end})")
            carry = None
        single: QuoteSpan | None = None
        while i < len(marks):
            mk = marks[i]
            k = mk.kind()
            if current is not None:  # inside a double quote
                if k == "dclose" or (k == "damb" and not (_opener_like(text, mk, lo, hi)
                                                          and not _closer_like(text, mk, lo, hi))):
                    current.end, current.close = mk.pos, mk.end
                    spans.append(current)
                    current = None
                elif k in ("dopen", "damb"):
                    # another opener: a nested double quote if two closers follow, else the first never closed
                    rest = [m for m in marks[i + 1:] if m.kind() in ("dclose", "damb")]
                    if len(rest) >= 2 and k == "dopen":
                        closer = rest[0]
                        i = marks.index(closer) + 1
                        continue
                    end = _rstrip(text, current.start, mk.pos)
                    spans.append(_partial(text, current, end))
                    warnings.append(f"quote mark at {current.open} is not closed before the next one at {mk.pos} "
                                    f"(partial quote up to {end})")
                    current = QuoteSpan(mk.pos, mk.end, mk.end, mk.end)
                # single marks inside a double quote are its content
                i += 1
                continue
            if k == "dopen" or (k == "damb" and not (_closer_like(text, mk, lo, hi)
                                                     and not _opener_like(text, mk, lo, hi))):
                single = None
                current = QuoteSpan(mk.pos, mk.end, mk.end, mk.end)
            elif k == "dclose" and _opener_like(text, mk, lo, hi) and not _closer_like(text, mk, lo, hi):
                # '”Never again. We ...”': a closing mark typed where the quote opens
                single = None
                current = QuoteSpan(mk.pos, mk.end, mk.end, mk.end)
            elif k in ("dclose", "damb"):
                warnings.append(f"closing quote mark at {mk.pos} has no opening mark")
                if not any(s.close > lo for s in spans) and mk.pos - lo > 1:
                    spans.append(QuoteSpan(lo, lo, mk.pos, mk.end, closed=False))
            elif single is None:
                if k == "sopen" or (mk.text == "'" and _opener_like(text, mk, lo, hi)):
                    single = QuoteSpan(mk.pos, mk.end, mk.end, mk.end, double=False)
            elif k == "samb" and _closer_like(text, mk, lo, hi) and not _is_apostrophe(text, mk, lo, hi) \
                    and not _plural_possessive(text, mk, hi):
                single.end, single.close = mk.pos, mk.end
                spans.append(single)
                single = None
            i += 1
        if current is not None:
            if pi + 1 < len(paras):
                current.end = hi
                carry = current
            else:
                end = _rstrip(text, current.start, hi)
                spans.append(_partial(text, current, end))
                warnings.append(f"quote mark at {current.open} is never closed (partial quote up to {end})")
    spans = [s for s in spans if s.end > s.start]
    spans.sort(key=lambda s: s.start)
    return spans, warnings


def _plural_possessive(text: str, mk: _Mark, hi: int) -> bool:
    """ "the voters’ choice": an apostrophe after s, then a space and a word."""
    return (text[mk.pos - 1] in "sS" and mk.end + 1 < hi and text[mk.end] == " "
            and text[mk.end + 1].isalpha())


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _partial(text: str, span: QuoteSpan, end: int) -> QuoteSpan:
    end = _rstrip(text, span.start, end)
    return QuoteSpan(span.open, span.start, end, end, double=span.double, closed=False, paragraphs=span.paragraphs)
