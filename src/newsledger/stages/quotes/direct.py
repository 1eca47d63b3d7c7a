"""Direct quotes: which quoted stretches are someone's words, and the cue that attributes them.

A quoted stretch (see marks.py) is a direct quote when it stands as an utterance
of its own, judged by what comes right before its opening mark:
- nothing (it starts a paragraph), the end of a sentence, a colon or a dash, or
  another quote ('“...,” “...”');
- a comma after a cue ('Smith said, “...”', '“...,” he said, “...”');
- a verb whose object the quote is, when the quote ends the sentence
  ('the senator attacked “the reckless spending of ...”').
Otherwise the marks sit inside the writer's own sentence ('called it “a
disgrace”', 'said that “...”'): the stretch is a partial quote, which makes the
reported statement around it a mixed quote (reported.py), or a title or scare
quote, which is nobody's statement.

The cue of a direct quote, looked for in this order:
1. after it, when the quote's punctuation hands over to an attribution clause
   ('“...,” he said', '“...?” she asked', '“...” said Smith') — a reporting verb
   of the lexicon there, "according to X", or failing those the verb of that
   clause when the quote ends with a comma ('“...,” Smith shot back');
2. before it, in the same sentence, when the quote follows a colon, a comma, a
   dash or a verb ('Smith told reporters: “...”') — the reporting verb closest to
   the quote, or for a colon any verb, or for a colon after a bare name the name
   itself (headline style 'Smith: “...”', cue ":");
3. none: the quote continues what a speaker just said ('“...,” Berg said. “And
   ...”'), so it is attributed afterwards from its context (see __init__.py).
The speaker is the cue's subject (or the object of "according to", or the words
before a headline colon). The two parts of a split quote ('“...,” he said,
“...”') find the same cue and share its cue_span: linked parts of one statement.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import ReportingVerb, is_verb, reporting_verb
from .marks import QuoteSpan
from .speakers import SUBJECT_DEPS, agent_of, phrase, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SENT_END = {".", "!", "?", "…"}
_DASHES = {"—", "–", "-", "--", "―"}
_FINITE = {"VBD", "VBZ", "VBP"}
_TITLE_SMALL_WORDS = {"a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "for", "at", "by",
                      "with", "as", "from", "up", "vs", "vs."}
_NEAR_WORDS = 6
_NO_ENTRY = ReportingVerb("", "", False)  # at most this many words between a cue before a quote and its comma
_HANDOVER = set(",—–-…:;")  # a quote ending so is followed by its attribution
_QUOTE_TOKENS = {'"', "“", "”", "''", "``", "‘", "’", "'", "«", "»", "„"}


@dataclass
class Cue:
    start: int  # character span of the cue words
    end: int
    text: str
    verb: Token | None
    speaker_head: Token | None
    speaker_words: list[Token]


@dataclass
class DirectQuote:
    span: QuoteSpan
    standalone: bool  # an utterance of its own (else a partial or scare quote)
    cue: Cue | None = None


class TokenIndex:
    """Tokens by character offset over one parse."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def first_at_or_after(self, char: int) -> int:
        return bisect.bisect_left(self.starts, char)

    def between(self, a: int, b: int) -> list[Token]:
        i, j = bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)
        return [t for t in self.doc[i:j] if not t.is_space]

    def before(self, char: int, floor: int) -> Token | None:
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0 and self.doc[i].idx >= floor:
            t = self.doc[i]
            if not t.is_space and t.idx + len(t.text) <= char:
                return t
            i -= 1
        return None

    def after(self, char: int, ceiling: int) -> Token | None:
        i = bisect.bisect_left(self.starts, char)
        while i < len(self.doc) and self.doc[i].idx < ceiling:
            if not self.doc[i].is_space:
                return self.doc[i]
            i += 1
        return None


def _is_quote_token(t: Token) -> bool:
    return t.text in _QUOTE_TOKENS or t.is_quote


_NP_POS = {"DET", "ADJ", "PROPN", "NOUN", "PRON", "NUM", "PART", "PUNCT", "CCONJ", "SYM", "X"}
_NP_START = {"DET", "ADJ", "PROPN", "NOUN", "PRON", "NUM"}
_NP_INNER_ADP = {"of", "for", "at", "from", "in", "on", "with"}
_NOT_SPEAKERS = {"who", "which", "that", "what", "whom", "this", "these", "those"}


def _word(t: Token) -> bool:
    return any(c.isalnum() for c in t.text) and not _is_quote_token(t)


def _relative_antecedent(subj: Token, verb: Token) -> Token | None:
    """'Smith, who said ...': the noun a relative pronoun stands for."""
    if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        return verb.head
    return None


def _syntactic_speaker(verb: Token, lo: int, hi: int, quoted) -> Token | None:
    """The cue's grammatical subject (or passive agent), when the parse puts it inside the attribution
    clause [lo, hi) and outside the quoted words."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None and subj.lower_ in ("it", "there") and any(c.dep_ == "auxpass" for c in verb.children):
        subj = None
    if subj is None:
        subj = agent_of(verb)
    if subj is None:
        return None
    ante = _relative_antecedent(subj, verb)
    if ante is not None:
        subj = ante
    if not _word(subj) or subj.lower_ in _NOT_SPEAKERS or quoted(subj.idx) or not lo <= subj.idx < hi:
        return None
    return subj


def _np_before(verb: Token, floor: int) -> Token | None:
    """The head of the noun phrase right before the cue verb ('Ana Ortiz asking', 'the former
    secretary of state said', 'Smith also told'): walking left over adverbs, then over the phrase."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].idx >= floor and (doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].lower_ not in
                                              ("'s", "’s") or doc[i].is_space):
        i -= 1
    if i < 0 or doc[i].idx < floor or doc[i].pos_ not in ("PROPN", "NOUN", "PRON") or not _word(doc[i]):
        return None
    head = doc[i]
    if head.lower_ in _NOT_SPEAKERS:
        return None
    # 'the former secretary of state said': the head is the noun before "of"
    j = i - 1
    while j >= 0 and doc[j].idx >= floor and doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"):
        j -= 1
    if j >= 1 and doc[j].lower_ in _NP_INNER_ADP and doc[j - 1].pos_ in ("NOUN", "PROPN") and doc[j - 1].idx >= floor:
        head = doc[j - 1]
    return head


def _np_after(verb: Token, ceiling: int) -> Token | None:
    """The head of the noun phrase right after an inverted cue ('said James Acton, a physicist')."""
    doc = verb.doc
    i = verb.i + 1
    head = None
    while i < len(doc) and doc[i].idx < ceiling:
        t = doc[i]
        if t.pos_ in ("DET", "ADJ", "NUM") or t.is_space:
            i += 1
            continue
        if t.pos_ in ("PROPN", "NOUN", "PRON") and _word(t):
            head = t
            i += 1
            continue
        break
    if head is not None and head.lower_ in _NOT_SPEAKERS:
        return None
    return head


def _cue(verb: Token, speaker: Token | None, cue_text: str | None = None) -> Cue:
    end = verb.idx + len(verb.text)
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end = c.idx + len(c.text)
    words = phrase(speaker) if speaker is not None else []
    text = verb.text_with_ws + (verb.doc[verb.i + 1].text if end > verb.idx + len(verb.text) else "")
    return Cue(verb.idx, end, cue_text or text[:end - verb.idx], verb, speaker, words)


def _according_to(tokens: list[Token]) -> Cue | None:
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                nxt = t.i + 2
                pobj = t.doc[nxt] if nxt < len(t.doc) and t.doc[nxt].pos_ in ("PROPN", "NOUN", "PRON") else None
            if pobj is None:
                return None
            return Cue(t.idx, to.idx + len(to.text), "according to", None, pobj, phrase(pobj))
    return None


def _clause_after(tokens: TokenIndex, q: QuoteSpan, ceiling: int) -> list[Token]:
    """The words after the closing mark up to the end of the sentence, the next quote or the paragraph."""
    out = []
    for t in tokens.between(q.close, ceiling):
        if t.text in _SENT_END or _is_quote_token(t):
            break
        out.append(t)
    return out


def _clause_before(tokens: TokenIndex, q: QuoteSpan, floor: int) -> list[Token]:
    """The words between the sentence start (or the previous quote, or the paragraph start) and the opening mark."""
    words = tokens.between(floor, q.open)
    start = 0
    for k, t in enumerate(words):
        if t.text in _SENT_END or (_is_quote_token(t) and t.idx < q.open):
            start = k + 1
    return words[start:]


def _attribution_after(text: str, q: QuoteSpan, after: list[Token], ceiling: int, quoted) -> Cue | None:
    """'“...,” he said' / '“...?” asked Smith' / '“...,” Smith, an aide, told reporters' /
    '“...,” according to Smith' / '“...” ― Smith': the clause after a quote that names its speaker."""
    words = [t for t in after if not t.is_space]
    if not words:
        return None
    content = text[q.start:q.end].rstrip()
    last = content[-1:] if q.closed else ""
    comma_after = text[q.close:q.close + 1] == ","
    first = next((t for t in words if not t.is_punct), None)
    if first is None:
        return None
    if last == "." and not comma_after and not first.text[:1].islower():
        return None  # the quote ended its sentence: what follows is a new one
    acc = _according_to(words[:3])
    if acc is not None:
        return acc
    if first.pos_ in ("SCONJ", "ADP") or first.tag_ in ("WRB", "WP", "WDT", "IN") or first.lower_ in ("as", "and"):
        return None  # '“...,” when Ortiz interrupted him': a subordinate clause, not an attribution
    verb = None
    if is_verb(first) and first.pos_ not in ("PROPN", "AUX") and (
            reporting_verb(first) is not None or last == "," and first.tag_ in _FINITE):
        verb = first  # inverted: 'said Smith'
    else:
        # '[NP] V': the noun phrase, maybe with an apposition between commas, then the verb
        in_apposition = False
        prev_t = None
        for t in words[:40]:
            if t.text == ",":
                in_apposition = not in_apposition
                prev_t = t
                continue
            if is_verb(t) and t.pos_ not in ("PROPN", "AUX"):
                if reporting_verb(t) is not None and (not in_apposition or prev_t is not None and prev_t.text == ","):
                    verb = t
                    break
                if t.tag_ in _FINITE and not in_apposition:
                    if last == ",":
                        verb = t  # '“...,” Smith shot back'
                    break
            elif not in_apposition and t.pos_ not in _NP_POS and t.pos_ not in ("ADV", "AUX") and \
                    not (t.pos_ == "ADP" and t.lower_ in _NP_INNER_ADP) and not t.is_punct:
                break
            prev_t = t
    if verb is None:
        return None
    lo = q.close
    hi = words[-1].idx + len(words[-1].text)
    if verb.i == first.i:
        speaker = _syntactic_speaker(verb, verb.idx, hi, quoted) or _np_after(verb, hi)
    else:
        speaker = _syntactic_speaker(verb, lo, verb.idx, quoted) or _np_first(words, verb) or _np_before(verb, lo)
    return _cue(verb, speaker)


_SIGNATURE = re.compile(r"[ \t\u00a0]*(?:―|—|–|--?)[ \t\u00a0]*")


def _signature(text: str, tokens: TokenIndex, q: QuoteSpan, ceiling: int) -> Cue | None:
    """'“...” ― Smith': a dash then a name and nothing else on the line (signatures, social-media
    roundups, epigraphs)."""
    m = _SIGNATURE.match(text, q.close, ceiling)
    if m is None or m.end() == q.close:
        return None
    line_end = text.find("\n", m.end())
    line_end = ceiling if line_end == -1 else min(line_end, ceiling)
    words = [t for t in tokens.between(m.end(), line_end) if not t.is_punct]
    if not words or len(words) > 12 or not any(t.pos_ == "PROPN" for t in words[:4]):
        return None
    run: list[Token] = []  # the first run of words is the name: 'Smith, a teacher from Ohio'
    for t in tokens.between(m.end(), line_end):
        if t.is_punct and t.text not in (".", "-") and run:
            break
        if not t.is_punct:
            run.append(t)
    if any(is_verb(t) and t.pos_ not in ("PROPN", "NOUN") for t in run):
        return None
    head = next((t for t in reversed(run) if t.pos_ == "PROPN"), run[-1])
    dash = text[q.close:m.end()].strip()
    start = text.index(dash, q.close)
    return Cue(start, start + len(dash), dash, None, head, run)


def _np_first(words: list[Token], verb: Token) -> Token | None:
    """The head of the first noun phrase of an attribution clause ('Berg, a top aide, said'): the
    words up to the first comma, bracket or the verb."""
    chunk = []
    for t in words:
        if t.i >= verb.i or t.text in (",", "(", "—", "–", "-"):
            break
        chunk.append(t)
    nouns = [t for t in chunk if t.pos_ in ("PROPN", "NOUN", "PRON") and _word(t)]
    if not nouns:
        return None
    head = nouns[-1]
    if head.lower_ in _NOT_SPEAKERS:
        return None
    return head


def _attribution_before(before: list[Token], prev: Token, q: QuoteSpan, ends_sentence: bool,
                        quoted) -> Cue | None:
    """'Smith said, “...”' / 'Smith told reporters: “...”' / 'Ortiz attacked “...”' / headline 'Smith: “...”'."""
    if not before:
        return None
    lo = before[0].idx
    verbs = [t for t in before if reporting_verb(t) is not None and not quoted(t.idx)]
    verb = None
    if prev.text in (":", ",") or prev.text in _DASHES:
        if verbs:
            verb = verbs[-1]
        elif prev.text == ":":
            any_verbs = [t for t in before if t.pos_ == "VERB" and not quoted(t.idx)]
            if any_verbs:
                verb = any_verbs[-1]
            else:
                return _colon_cue(before, prev)
    elif is_verb(prev) and prev.pos_ == "VERB" and ends_sentence:
        verb = prev  # 'the senator attacked “the reckless spending of ...”'
    if verb is None:
        return _according_to(before)
    speaker = _syntactic_speaker(verb, lo, q.open, quoted)
    if speaker is None:
        speaker = _np_before(verb, lo)
    if speaker is None and verb.i == before[0].i:
        speaker = _np_after(verb, q.open)  # 'Said Smith: “...”'
    if speaker is None:
        speaker = subject_of(verb)  # a speaker outside the clause (a participle's head's subject)
        if speaker is not None and (not _word(speaker) or quoted(speaker.idx) or speaker.lower_ in _NOT_SPEAKERS):
            speaker = None
    return _cue(verb, speaker)


def find_cue(text: str, tokens: TokenIndex, q: QuoteSpan, para: tuple[int, int], close_para: tuple[int, int],
             prev_close: int, next_open: int, quoted) -> tuple[bool, Cue | None]:
    """(is the quote standalone, its cue or None). `para` is the paragraph where the quote opens,
    `close_para` the one where it closes; `quoted(char)` tells quoted words."""
    floor = max(para[0], prev_close)
    ceiling = min(close_para[1], next_open)
    prev = tokens.before(q.open, floor) if q.open > floor else None
    ends = _ends_sentence(tokens, q, ceiling)
    cue = _signature(text, tokens, q, ceiling) or _attribution_after(text, q, _clause_after(tokens, q, ceiling),
                                                                       ceiling, quoted)
    prev_text = prev.text if prev is not None else None
    before_cue = None
    before: list[Token] = []
    if prev is not None and (prev_text in (":", ",") or prev_text in _DASHES or is_verb(prev)):
        before = _clause_before(tokens, q, floor)
        before_cue = _attribution_before(before, prev, q, ends, quoted)
    # a cue before the quote is found only after a token before it (`prev`)
    near = before_cue is not None and prev is not None and (
        before_cue.verb is None
        or len([t for t in before if before_cue.verb.i < t.i < prev.i and not t.is_punct]) <= _NEAR_WORDS)
    if prev_text == "," and not near:
        before_cue = None  # 'Maybe, he said, it helps those who, “...”': not its cue
    embedded = before_cue is not None and prev is not None and _inside_report(before_cue, before, prev)
    if embedded and cue is not None and cue.speaker_head is not None:
        embedded = False  # '...: “...,” the council wrote': the clause after attributes it
    # 'Smith said, “...”' / 'Smith told reporters: “...”' hold the quote more tightly than a
    # clause after it; a far cue before loses to a clean one after ('“...,” the council wrote')
    if before_cue is not None and not embedded and (
            cue is None or cue.speaker_head is None or near and before_cue.speaker_head is not None):
        cue = before_cue
    if prev is None or prev_text in _SENT_END or _is_quote_token(prev):
        standalone = True
    elif prev_text in (":", "(", ";") or prev_text in _DASHES:
        standalone = not embedded
    elif prev_text == ",":
        naming = cue is before_cue and cue is not None and cue.verb is not None and \
            (reporting_verb(cue.verb) or _NO_ENTRY).cls == "naming"
        standalone = cue is not None and not embedded and not naming  # 'as X called them, “...”': a label
    elif is_verb(prev) and prev.pos_ == "VERB":
        entry = reporting_verb(prev)
        standalone = ends and cue is not None and cue.verb is prev and not embedded and \
            entry is not None and entry.cls != "naming"
    else:
        standalone = False
    return standalone, cue


def _inside_report(cue: Cue, before: list[Token], prev: Token) -> bool:
    """Is the quote the tail of a statement reported in the writer's words (a mixed quote)?
    'said the plan has one flaw: “...”' (the cue's clause runs up to the quote),
    'wrote in a letter that, “...”', 'It was, the mayor said, “...”' (the cue is a parenthesis
    inside the writer's sentence), 'She said the town has suffered “...”' (the verb before the
    quote belongs to the reported clause)."""
    verb = cue.verb
    if verb is None:
        return False
    words = [t for t in before if not t.is_punct]
    if prev.text == "," and words and words[-1].lower_ == "that":
        return True
    for c in verb.children:
        if c.dep_ == "ccomp" and any(verb.i < t.i < prev.i and not t.is_punct for t in c.subtree):
            return True
    if verb.i == prev.i:
        for t in verb.ancestors:  # the verb before the quote sits in a reporting verb's clause
            if reporting_verb(t) is not None and t.idx >= before[0].idx and any(
                    c.dep_ == "ccomp" and verb in c.subtree for c in t.children):
                return True
    # 'It was, the mayor said, “...”': the cue is a parenthesis in the writer's clause
    first_speaker = cue.speaker_words[0].i if cue.speaker_words else verb.i
    return verb.dep_ == "parataxis" and verb.head.i < min(first_speaker, verb.i) and verb.head.idx >= before[0].idx


def _colon_cue(before: list[Token], colon: Token) -> Cue | None:
    """Headline style 'Smith: “...”': the words before the colon name the speaker."""
    words = [t for t in before if t.i < colon.i and not t.is_punct]
    if not words or len(words) > 6 or not any(t.pos_ == "PROPN" for t in words):
        return None
    head = next((t for t in reversed(words) if t.pos_ == "PROPN"), words[-1])
    return Cue(colon.idx, colon.idx + 1, ":", None, head, words)


def _ends_sentence(tokens: TokenIndex, q: QuoteSpan, ceiling: int) -> bool:
    for t in tokens.between(q.close, ceiling):
        if t.text in _SENT_END:
            return True
        if not t.is_punct:
            return False
    return True


def looks_like_title(text: str, q: QuoteSpan, *, final_stop: bool = False) -> bool:
    """'“Ten Rivers of the North,”': every longer word capitalised and no sentence inside: the
    title of a work, a slogan or a name, not a statement. `final_stop` also counts headline-style
    titles that end with a full stop ('‘The Long Road Home.’')."""
    content = text[q.start:q.end].strip().rstrip(",")
    words = [w.strip(".,;:()‘’'\"“”") for w in content.split()]
    words = [w for w in words if any(c.isalpha() for c in w)]
    if len(words) < 2 or content[-1:] in ".?!" and not final_stop:
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 2 and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def looks_like_speech(text: str, q: QuoteSpan) -> bool:
    """A quoted stretch with no cue is speech when it reads as a sentence, not a title or a term."""
    content = text[q.start:q.end].strip()
    words = content.split()
    if len(words) < 3:
        return False
    letters = [w for w in words if w[:1].isalpha()]
    if letters and all(w[:1].isupper() for w in letters) and content[-1:] not in ".?!,":
        return False  # Title Case Words: a title
    return content[-1:] in ".?!,;:—-…" or len(words) >= 6
