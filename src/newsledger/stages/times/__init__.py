"""Times stage: TIMEX3 expressions found in the text and normalised to TimeML values.

Detection is a grammar of regular expressions over the text (`grammar.py`), longest
match first; the parse then vetoes readings the words cannot have here (a modal
"May", a verb "spring", a weekday inside a newspaper's name). Normalisation
(`normalize.py`) gives each expression its TimeML type and value, anchored at the
publication date, at the story's own time for "the next day" or "two days later",
and directed by the tense of the clause that governs it: "Monday" is past in a
past-tense clause, future in a future one (`clause_tenses` says how a date hangs on
its verb: a past verb over a date's noun, an end point, a plan). Clock times take
their day from a date in the same sentence, else from the story's latest day; a
"today" inside a quotation of an older statement is the day it was said. Capitalised
time words inside a name ("USA TODAY", the "Daily Mirror") are not times.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ...document import Document
from ...model import Time
from ..base import Stage
from .grammar import Expression, find_expressions
from .normalize import Normalizer, Tense, TimexType, value_start

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...document import DocView

    ParsedDoc = Doc | DocView  # the stage reads the document's view; tests may pass a Doc

_RANGE_WORDS = re.compile(r"\s*(?:-|–|—|to|through|until|till)\s*", re.I)
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
_MODAL_AUX = {"may", "might", "could", "should", "must", "can", "ca"}
_PAST_AUX = {"did", "was", "were", "had", "'d"}
_PERFECT_AUX = {"has", "have", "'ve", "had"}
# verbs whose complement happens after them: "plans to meet Monday", "scheduled for Friday"
_FORWARD_LEMMAS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "want", "agree", "promise",
                   "vow", "decide", "threaten", "prepare", "propose", "seek", "pledge", "try", "attempt", "go",
                   "wish", "need", "vote", "call", "urge", "ask", "order", "announce", "slate", "book", "poise"}
# words whose infinitive lies ahead: "going to", "ready to leave Tuesday", "about to"
_READY_WORDS = {"going", "ready", "prepared", "willing", "eager", "about", "poised", "likely", "certain", "sure"}
# participles that put their complement ahead: "a meeting scheduled for Friday"
_SCHEDULE_LEMMAS = {"schedule", "set", "plan", "slate", "due", "expect", "book", "intend", "poise", "propose"}
# verbs that move something to a later date: "the vote was delayed until Sunday" looks forward
_DEFER_LEMMAS = {"postpone", "delay", "defer", "adjourn", "reschedule", "push", "move", "extend", "suspend"}
# present-tense verbs that describe a state or a report rather than a scheduled happening
_STATIVE_LEMMAS = {"be", "have", "say", "tell", "report", "show", "remain", "know", "believe", "think", "seem",
                   "appear", "mean", "include", "contain", "cost", "stand", "hold", "own", "need", "want", "like",
                   "accord", "suggest", "indicate", "estimate", "note", "write", "add", "claim", "argue"}
_TIME_NOUNS = {"weekend", "holiday", "holidays", "week", "period", "season", "break", "eve", "day", "night",
               "morning", "evening", "recess", "vacation"}
_BARE_NAME_KINDS = {"month", "weekday", "season", "holiday"}
_NAME_ENTITIES = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "LAW", "GPE", "LOC", "NORP", "EVENT"}
_AMBIGUOUS_MONTHS = {"May", "March"}
_MONTH_CONTEXT = {"in", "since", "until", "till", "by", "from", "during", "through", "throughout", "before", "after",
                  "of", "between", "to", "and", "or", "early", "late", "mid", "mid-", "last", "this", "next",
                  "each", "every", "late-", "early-", "on", "around", "for", "past", "end", ","}


def governing_verb(token: Token) -> Token | None:
    head = token
    for _ in range(8):
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("aux", "auxpass"):
            return head
        if head.head is head:
            break
        head = head.head
    root = token.sent.root
    return root if root.pos_ in ("VERB", "AUX") else None


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    """'past', 'future' or 'present' for the clause a verb heads."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if not aux and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and depth < 3 \
            and verb.tag_ not in ("VBD",):
        # "will resume on Monday and continue through Wednesday": the first verb's auxiliary
        return verb_tense(verb.head, depth + 1)
    if words & _FUTURE_AUX:
        return "future"
    if any(c.lower_ == "to" for c in aux) and verb.head.i != verb.i:
        governor = verb.head
        over = [governor, governor.head] if governor.dep_ in ("acomp", "attr", "xcomp") else [governor]
        if "had" in {c.lower_ for g in over for c in g.children if c.dep_ in ("aux", "auxpass")}:
            return "present"  # "it had been due to expire Friday": a plan of the past, either way
        if governor.lemma_.lower() in _FORWARD_LEMMAS or governor.lower_ in _READY_WORDS:
            return "future"
        if governor.lemma_.lower() == "be" and governor.pos_ == "AUX" and governor.dep_ != "aux":
            return "future"  # "trading is to resume Tuesday"
        # "was forced to resign Friday", "a plan to build it by May": at or after the
        # governing event, which says nothing about the publication date
        return "present"
    if words & _MODAL_AUX:
        if words & _PERFECT_AUX and verb.tag_ == "VBN":
            return "past"  # "may have been", "should have known": a modal of the past
        if words & {"could"} and _negated(verb):
            return "present"  # "could not be reached Friday": a past attempt as often as a prospect
        return "future"
    if verb.tag_ == "VBD" or words & _PAST_AUX or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if verb.tag_ == "VBN":
        if words & _PERFECT_AUX:
            return "past"
        if verb.lemma_.lower() in _SCHEDULE_LEMMAS:
            return "future"  # "a meeting scheduled for Friday"; but "the terms, announced Friday"
        return "past" if not words else "present"
    if verb.tag_ == "VB" and not aux and verb.dep_ in ("ROOT", "ccomp", "parataxis") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return "future"  # an imperative: "call me Sunday night"
    if verb.tag_ == "VBG" and not aux and depth < 2 and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return verb_tense(verb.head, depth + 1)
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return "future"
    for c in verb.children:
        if c.dep_ == "acomp" and c.lower_ in ("due", "set", "scheduled", "expected", "likely", "poised"):
            return "future"
    if verb.tag_ in ("VBP", "VBZ") and verb.lemma_.lower() not in _STATIVE_LEMMAS:
        # news writes what is scheduled in the simple present: "the report comes out Wednesday",
        # "the law takes effect in January"
        return "future"
    return "present"


def _negated(verb: Token) -> bool:
    """A clause denied by "not", "never" or a "neither ... nor" subject."""
    for c in verb.children:
        if c.dep_ == "neg" or c.lower_ == "never":
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and any(w.lower_ in ("neither", "nor") for w in c.subtree):
            return True
    return False


def expression_tense(doc: ParsedDoc, start: int, end: int) -> Tense:
    """'past', 'future' or 'present' (unknown) for the clause that dates an expression."""
    return clause_tenses(doc, start, end)[0]


def clause_tenses(doc: ParsedDoc, start: int, end: int) -> tuple[Tense, Tense]:
    """How the clause dates an expression, and the tense of its verb.

    The first is one of
    - 'past', 'future': the verb's tense, which the expression modifies;
    - 'present': the clause does not say (a present or stative verb, no verb);
    - 'past-nominal': a past verb whose object or noun the expression belongs to ("declared a
      dividend, payable Dec. 7", "a manhunt in November", "has set Nov. 10 as the deadline"):
      what it names may lie ahead, so the nearest reading decides, leaning to the past;
    - 'nearest': an end point under a past verb ("gave them until 9 a.m. Tuesday").
    The scheduling present says nothing of a date that belongs to a noun ("the move follows
    Tuesday's declaration"); an auxiliary's future still points forward ("the vote on Friday
    will decide"), and so does a plan ("planned a rally on Saturday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "present", "present"
    root = span.root
    verb = governing_verb(root)
    if verb is None:
        return "present", "present"
    tense = verb_tense(verb)
    if root.head.lower_ in ("until", "till", "to") and verb.lemma_.lower() in _DEFER_LEMMAS:
        return "future", tense
    if root.head.lower_ in ("until", "till", "by") and tense == "present":
        return "future", tense  # "Cyprus has until Monday to pay", "the bank is shut until Tuesday"
    if root.head.lower_ == "since" or (root.i > 0 and doc[root.i - 1].lower_ == "since"):
        return "past", tense  # "in force since 1 January": what began is behind us
    if tense == "present" and verb.lemma_.lower() == "be" and verb.tag_ in ("VBZ", "VBP") \
            and (_path_to_verb(root, verb) == "direct" or root.dep_ == "attr" and root.head.i == verb.i):
        return "future", tense  # "the deadline is Monday", "the vote is on Thursday"
    if tense == "future" and verb.tag_ == "VBN" and verb.dep_ == "acl" \
            and _clause_tense(verb.head) == "past":
        return "past-nominal", tense  # "a service planned for Saturday was canceled"
    if tense == "past" or (tense == "future" and verb.tag_ in ("VBP", "VBZ") and not _has_aux(verb)):
        path = _path_to_verb(root, verb)
        if path == "end point" and tense == "past":
            return "nearest", tense
        if path == "direct" and tense == "past" and verb.lemma_.lower() in _SCHEDULE_LEMMAS \
                and (root.head.lower_ == "for" or any(c.dep_ == "dobj" and c.i < root.i for c in verb.children)):
            # "planned a rally on Saturday", "the vote was scheduled for March": the plan's day, either side
            return "nearest", tense
        if path != "direct":
            if tense == "past" and verb.lemma_.lower() in _SCHEDULE_LEMMAS | {"call"}:
                return "future", tense  # "planned a demonstration on Saturday"
            return ("past-nominal" if tense == "past" else "present"), tense
    return tense, tense


def _clause_tense(token: Token) -> Tense:
    verb = governing_verb(token)
    return verb_tense(verb) if verb is not None else "present"


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


# the words between a date and its verb through which the verb's tense still dates it:
# prepositions, and the date's own words
_THROUGH_POS = {"ADP", "SCONJ", "PART", "CCONJ", "PUNCT", "NUM", "DET", "ADV"}
# a date in these relations names a thing, not the time of the verb's event
_NOMINAL_DEPS = {"poss", "dobj", "nsubj", "nsubjpass", "attr", "compound", "amod", "appos"}
# phrases that look forward from the verb: "until Nov. 9", "through January"
_END_POINT = {"until", "till", "through", "thru"}


def _path_to_verb(root: Token, verb: Token) -> str:
    """'direct' when a date's path up to its verb runs through prepositions only, 'end point'
    through "until", else 'nominal' (spaCy makes a new Token object at each access: tokens
    compare by index)."""
    token = root
    if token.dep_ in ("poss", "compound", "amod") or token.dep_ in _NOMINAL_DEPS and token.head.i != verb.i:
        return "nominal"
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and token.head.i == verb.i:
        return "nominal"
    for _ in range(8):
        head = token.head
        if head.i in (verb.i, token.i):
            return "direct"
        if head.lower_ in _END_POINT:
            return "end point"
        if head.pos_ not in _THROUGH_POS:
            return "nominal"
        token = head
    return "direct"


def _tokens(doc: ParsedDoc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def plausible(doc: ParsedDoc, text: str, e: Expression) -> bool:
    """Vetoes from the parse: the words of a match read as something else here."""
    tokens = _tokens(doc, e.start, e.end)
    if not tokens:
        return True
    g = e.groups
    first, last = tokens[0], tokens[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if e.kind in _BARE_NAME_KINDS:
        # a name inside a longer name: "Sunday Times", "April Ryan", "Good Friday Agreement"
        for t in tokens:
            if t.ent_type_ in _NAME_ENTITIES:
                ent = next((x for x in doc.ents if x.start <= t.i < x.end), None)
                if ent is not None and (ent.start < first.i or ent.end > last.i + 1):
                    return False
    if e.kind == "month" and not g.get("rel") and not g.get("trail"):
        month_token = tokens[-1]
        if month_token.tag_ == "MD" or month_token.tag_.startswith("VB"):
            return False
        if g["month"] in _AMBIGUOUS_MONTHS and (prev is None or prev.lower_ not in _MONTH_CONTEXT):
            return False
    if e.kind in ("md", "my") and g.get("month") in _AMBIGUOUS_MONTHS and first.tag_ == "MD":
        return False
    if e.kind == "season":
        season = next((t for t in tokens if t.lower_ == g["season"].lower()), None)
        if season is not None and season.pos_ == "VERB":
            return False
    if e.kind == "holiday" and last.dep_ == "compound" and last.head.i > last.i and last.head.pos_ == "NOUN" \
            and last.head.lower_ not in _TIME_NOUNS:
        return False  # "Christmas shopping", "Thanksgiving dinner"; but "the Labor Day weekend"
    if e.kind == "ref_word" and g["word"].lower().startswith("the ") and nxt is not None \
            and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return False  # "the future president", "the past decade" (another rule takes that)
    if e.kind == "year_end" and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return False  # "by year-end bonuses": a kind of thing
    if e.kind == "ref_word" and g["word"].lower() in ("the future", "the past") and nxt is not None \
            and nxt.lower_ == "of":
        return False  # "the future of the company": its prospects, not a time
    if e.kind == "year" and nxt is not None and nxt.tag_ == "NNS" and not g.get("the") and not g.get("fiscal") \
            and (prev is None or prev.pos_ not in ("DET", "PRON") and prev.tag_ != "POS"):
        return False  # "2000 soldiers"; but "the 2012 elections"
    # "a weekly newspaper": a kind of thing, not a recurrence
    return not (e.kind == "set_adverb" and first.pos_ == "ADJ" and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"))


class TimesStage(Stage):
    name = "times"
    reads = ("doc", "text", "anchor")
    writes = ("times",)

    def __call__(self, document: Document) -> None:
        doc = document.view
        assert doc is not None
        text = document.text
        expressions = [e for e in find_expressions(text) if plausible(doc, text, e)]
        normalizer = Normalizer(document.anchor)
        results: dict[int, tuple[TimexType, str]] = {}
        tenses: dict[int, Tense] = {}
        # dates first, in text order (story time follows the text); clock times then take
        # the day their sentence names
        for i, e in enumerate(expressions):
            tenses[i], verb = clause_tenses(doc, e.start, e.end)
            if e.kind == "clock":
                continue
            normalizer.sentence = document.sentence_of(e.start)
            normalizer.verb_tense = verb
            r = normalizer.normalize(e, tenses[i])
            if r is not None:
                results[i] = r
        for i, e in enumerate(expressions):
            if e.kind != "clock":
                continue
            sentence = document.sentence_of(e.start)
            day = _day_in_sentence(document, expressions, results, i, sentence)
            opens_paragraph = e.start - document.paragraph_bounds(document.paragraph_of(e.start))[0] <= 1
            if day is None and sentence > 0 and not opens_paragraph:
                # the day the sentence before set ("shot early Saturday ... around 2 a.m."), never a day
                # named further back; a live report's "7:50 p.m." opening a paragraph is of today
                day = _day_in_sentence(document, expressions, results, i, sentence - 1)
            value = normalizer.clock_value(e.groups, tenses[i], day)
            if value is not None:
                results[i] = ("TIME", value)
        _order_weekday_ranges(document, expressions, results, tenses)
        _date_quoted_days(document, expressions, results)
        times: list[Time] = []
        for i, e in enumerate(expressions):
            if i not in results:
                continue
            ttype, value = results[i]
            times.append(Time(
                id=f"T{len(times) + 1}", start=e.start, end=e.end, text=text[e.start:e.end],
                type=ttype, value=value, anchor=normalizer.anchor_value,
            ))
        document.times = times


_QUOTE_PAIRS = (("“", "”"), ("``", "''"))
_STRAIGHT_QUOTE = re.compile('"')
_QUOTE_LENGTH = 800


def quotations(text: str) -> list[tuple[int, int]]:
    """The quotations of a text, each on one line: “...”, ``...'' and "..." (straight
    marks paired in order), marks included. One pass over each line (no backtracking)."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        for opener, closer in _QUOTE_PAIRS:
            i = line.find(opener)
            while i >= 0:
                j = line.find(closer, i + len(opener))
                if j < 0:
                    break  # no closing mark on the rest of the line
                if j - i <= _QUOTE_LENGTH:
                    out.append((start + i, start + j + len(closer)))
                i = line.find(opener, j + len(closer))
        marks = [m.start() for m in _STRAIGHT_QUOTE.finditer(line)] if '"' in line else []
        out.extend((start + a, start + b + 1) for a, b in zip(marks[0::2], marks[1::2], strict=False)
                   if b - a <= _QUOTE_LENGTH)
        start += len(line) + 1
    return sorted(out)
_SPEECH_LEMMAS = {"say", "tell", "state", "announce", "declare", "write", "add", "insist", "warn", "explain",
                  "note", "stress", "remark", "tweet", "testify", "reply", "respond", "proclaim", "vow", "pledge"}
_DATEWORD_SHIFT = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}


def _date_quoted_days(document: Document, expressions: list[Expression],
                      results: dict[int, tuple[TimexType, str]]) -> None:
    """"today" in a quotation of an older statement is the day the words were said:
    'On Monday the minister said: "Today we begin."', published on Wednesday, began on
    Monday. The statement's day is a day-precise date outside the quotation, in its
    sentence, on a verb of saying, before the publication date."""
    doc = document.view
    anchor = document.anchor
    if anchor is None or doc is None or not any(e.kind == "dateword" for e in expressions):
        return
    day0 = anchor.date() if isinstance(anchor, datetime) else anchor
    for qs, qe in quotations(document.text):
        inside = [i for i, e in enumerate(expressions) if qs <= e.start and e.end <= qe and i in results
                  and e.kind == "dateword" and e.groups.get("word", "").lower() in _DATEWORD_SHIFT]
        if not inside:
            continue
        sentences = {document.sentence_of(qs), document.sentence_of(max(qs, qe - 1))}
        said: list[date] = []
        for j, e in enumerate(expressions):
            if j not in results or qs <= e.start < qe or document.sentence_of(e.start) not in sentences:
                continue
            found = value_start(results[j][1])
            if found is None or found[1] != "day" or found[0] >= day0:
                continue
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            verb = governing_verb(span.root) if span is not None and len(span) else None
            if verb is not None and verb.lemma_.lower() in _SPEECH_LEMMAS:
                said.append(found[0])
        if len(set(said)) != 1:
            continue
        for i in inside:
            g = expressions[i].groups
            day = said[0] + timedelta(days=_DATEWORD_SHIFT[g["word"].lower()])
            ttype, value = results[i]
            results[i] = (ttype, day.isoformat() + value[10:] if re.match(r"\d{4}-\d\d-\d\d", value) else value)


def _order_weekday_ranges(document: Document, expressions: list[Expression],
                          results: dict[int, tuple[TimexType, str]], tenses: dict[int, Tense]) -> None:
    """"from Monday through Thursday": the second day of a range comes after the first."""
    for i in range(1, len(expressions)):
        a, b = expressions[i - 1], expressions[i]
        if b.kind != "weekday" or i - 1 not in results or i not in results or b.groups.get("rel"):
            continue
        if not _RANGE_WORDS.fullmatch(document.text[a.end:b.start]):
            continue
        first, second = value_start(results[i - 1][1]), value_start(results[i][1])
        if first is None or second is None or first[1] != "day" or second[1] != "day" or second[0] >= first[0]:
            continue
        ttype, value = results[i]
        moved = (second[0] + timedelta(days=7)).isoformat()
        results[i] = (ttype, moved + value[10:])


def _day_in_sentence(document: Document, expressions: list[Expression], results: dict[int, tuple[TimexType, str]],
                     i: int, sentence: int) -> str | None:
    """The day named by the nearest day-precise date in the same sentence, if any."""
    best: tuple[int, str] | None = None
    here = expressions[i].start
    for j, e in enumerate(expressions):
        if j == i or j not in results or document.sentence_of(e.start) != sentence:
            continue
        found = value_start(results[j][1])
        if found and found[1] == "day":
            distance = abs(e.start - here)
            if best is None or distance < best[0]:
                best = (distance, found[0].isoformat())
    return best[1] if best else None
