"""Page debris inside an article body: the lines a web page puts between paragraphs that are not
the story ("READ: <another headline>", "Read or Share this story: <link>", "Sign up for our
newsletter", "Watch this report", a "Related stories" heading and the headlines listed under it, a
wiki or markdown page's back matter: "==See also==", "## References" and the short lines of their
lists).

The events stage codes no event on such lines: a related headline is another story, and a call to
subscribe or watch is no happening. The text stays as it is (offsets never move); only the
character ranges of debris lines are reported.
"""

from __future__ import annotations

import re

# A line that begins with one of these is debris (case-insensitive, then ":" "-" "|" or the end).
_LEAD = re.compile(
    r"^\s*(?:read(?:\s+more|\s+also|\s+next|\s+the\s+full\s+story|\s+or\s+share\s+this\s+story)?|also\s+read|"
    r"related(?:\s+(?:stories|articles|coverage|content|links|news))?|see\s+also|more\s+(?:stories|on\s+this|news)|"
    r"watch(?:\s+(?:this|the|latest|a|our))?|listen|sign\s+up|subscribe|click\s+here|follow\s+us|"
    r"advertisement|share\s+this)\b\s*(?P<mark>[:|\-–—])?",
    re.I,
)
# Words a line of its own names as a list heading ("Related", "More", "See Also"): the short
# headline-like lines right after it are the list.
_HEADINGS = frozenset({"related", "more", "see also", "related stories", "related articles", "related coverage",
                       "more stories", "also read", "read more", "recommended", "trending", "most read", "popular"})
# Section headings of a wiki or markdown page ("==See also==", "## References") whose list is not
# the story: other articles' titles, citations, links.
_BACK_MATTER = frozenset({"see also", "references", "external links", "further reading", "notes", "sources",
                          "bibliography", "citations", "related", "related stories", "related articles"})
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]")


def _marked_heading(line: str) -> tuple[int, str] | None:
    """(where in the line it starts, its words) of a wiki heading at the end of a line ("==See also==",
    also glued to the paragraph before it) or a markdown heading line ("## References"). String
    scans, not a backtracking pattern: a line of page text may be long and full of "=" or "#"."""
    text = line.rstrip()
    if text.endswith("=="):
        close = len(text)
        while close > 0 and text[close - 1] == "=":
            close -= 1
        opening = text.rfind("==", 0, close)
        if opening < 0:
            return None
        start = opening
        while start > 0 and text[start - 1] == "=":
            start -= 1
        words = text[opening + 2:close].strip()
        if words and "=" not in words and (start == 0 or text[start - 1].isspace()):
            return start, words
        return None
    stripped = text.lstrip()
    if _MARKDOWN_HEADING.match(stripped):
        return len(text) - len(stripped), stripped.strip("#").strip()
    return None
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def _is_debris(line: str) -> bool:
    m = _LEAD.match(line)
    if m is None:
        return False
    if m.group("mark") or m.end() >= len(line.rstrip()):  # "READ: ...", "Watch -", "Advertisement" alone
        return True
    words = line.split()
    # "Sign up for our newsletter", "Watch this story", "Read or Share this story" without a mark:
    # short calls to act, not a sentence of the story ("Watch crews worked through the night.")
    low = line.strip().lower()
    return len(words) <= 12 and (low.startswith(("sign up", "subscribe", "click here", "follow us", "read or share",
                                                 "read the full story", "watch this", "watch the", "watch latest",
                                                 "watch a ", "watch our", "share this", "advertisement"))
                                 or "newsletter" in low)


def debris_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every debris line of `text` (end at the line's end, without its newline)."""
    out: list[tuple[int, int]] = []
    pos = 0
    in_list = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue  # a blank line does not end a list of related headlines
        if stripped.lower().rstrip(":") in _HEADINGS:
            out.append((start, end))
            in_list = True
            continue
        marked = _marked_heading(line)
        if marked is not None:
            if marked[1].lower() in _BACK_MATTER:
                # "==See also==" on a line of its own, or glued to the end of the paragraph before it
                out.append((start + marked[0], end))
                in_list = True
                continue
            in_list = False  # another section of the story begins
        if in_list and len(stripped.split()) <= 20 and not _SENTENCE_END.search(stripped):
            out.append((start, end))  # a headline of the list
            continue
        in_list = False
        if _is_debris(line):
            out.append((start, end))
    return tuple(out)


def in_debris(ranges: tuple[tuple[int, int], ...], char: int) -> bool:
    return any(a <= char < b for a, b in ranges)


__all__ = ["debris_ranges", "in_debris"]
