"""Quotes stage: who said what, direct and reported, attributed to the right speaker.

1. Quote marks are paired paragraph by paragraph (marks.py): straight, curly and
   doubled-apostrophe marks, nested quotes kept inside their outer quote, quotes
   that run over paragraphs, and partial quotes with a warning for unbalanced
   marks (never a crash).
2. Each quoted stretch is a direct quote when it stands as an utterance of its
   own, with the cue after or before it (direct.py); a stretch inside the writer's
   sentence is a partial quote or a scare quote.
3. Reported speech (reported.py): reporting verbs with a clause or a content
   object, "according to X"; a statement holding a partial quote is "mixed".
4. Headline attribution, when the headline is part of the text (raw input): a
   first paragraph that reads 'Name: statement' is the named speaker's statement
   (cue ":"). A headline outside `text` (the article title) cannot carry offsets
   into `text`, so it is not represented.
5. Speakers (speakers.py): the cue's subject (or the object of "according to"),
   resolved to an entity through the actors stage's mention map, then through the
   stage's own fallbacks (recent speakers for pronouns, names by their words).
   A direct quote without a cue continues the speaker of the statement just
   before it (the next quote of its paragraph when that one has the cue, else the
   nearest attribution in this or the two paragraphs above): '“...,” Berg said.
   “And ...”'. Its speaker_span then points at the words that named the speaker.
The two parts of a split quote ('“...,” he said, “...”') are two quotes that share
the same cue_span: linked parts of one statement.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...document import Document
from ...model import Quote, QuoteKind
from ..base import Stage
from .direct import Cue, DirectQuote, TokenIndex, find_cue, looks_like_speech, looks_like_title
from .lexicon import reporting_verb_at, speech_verbs
from .marks import QuoteSpan, find_quote_spans, paragraph_bounds
from .reported import reported_speech
from .speakers import SpeakerResolver, phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["QuotesStage", "QuoteSpan", "find_quote_spans", "speech_verbs"]

_STRIP_LEFT = " \n\t“”\"‘'«»„"
_STRIP_RIGHT = " \n\t,;:“”\"—–-'«»"
_MIN_MIXED_LEAD_WORDS = 3
_CONTINUITY_PARAGRAPHS = 2
_NARRATOR_OR_DUMMY = {"i", "we", "you", "it", "there", "who", "which", "that", "this"}


@dataclass
class _Statement:
    start: int
    end: int
    kind: QuoteKind
    cue_text: str | None
    cue_span: tuple[int, int] | None
    speaker_head: Token | None
    speaker_words: list[Token]
    direct: DirectQuote | None = None
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    speaker_text: str | None = None


@dataclass
class _Anchor:
    pos: int
    speaker: str | None
    span: tuple[int, int]
    text: str


class QuotesStage(Stage):
    name = "quotes"
    reads = ("doc", "text", "entities", "mentions")
    writes = ("quotes",)

    def __call__(self, document: Document) -> None:
        doc = document.view
        assert doc is not None
        text = document.text
        spans, warnings = find_quote_spans(text)
        for w in warnings:
            document.warn("unbalanced_quote", w)
        tokens = TokenIndex(doc)
        paras = paragraph_bounds(text)
        para_starts = [p[0] for p in paras]

        def para_of(char: int) -> int:
            return max(0, bisect.bisect_right(para_starts, char) - 1)

        quoted = sorted((q.start, q.end) for q in spans)
        quoted_starts = [a for a, _ in quoted]

        def inside_quote(char: int) -> bool:
            k = bisect.bisect_right(quoted_starts, char) - 1
            return k >= 0 and quoted[k][0] <= char < quoted[k][1]

        # --- 2: direct quotes and partial quotes
        found: list[DirectQuote] = []
        for k, q in enumerate(spans):
            lo, hi = paras[para_of(q.open)] if paras else (0, len(text))
            close_para = paras[para_of(max(q.open, q.close - 1))] if paras else (0, len(text))
            # top-level quotes do not overlap: the neighbours bound the clauses around this one
            prev_close = spans[k - 1].close if k > 0 and spans[k - 1].close <= q.open else lo
            next_open = spans[k + 1].open if k + 1 < len(spans) and spans[k + 1].open >= q.close else close_para[1]
            standalone, cue = find_cue(text, tokens, q, (lo, hi), close_para, prev_close, next_open, inside_quote)
            found.append(DirectQuote(q, standalone, cue))
        direct = [d for d in found if self._is_direct(text, d, paras[0][1] if paras else 0)]
        partial = [d for d in found if d not in direct]

        # --- 3: reported speech, kept clear of the direct quotes
        statements = [self._direct_statement(text, d) for d in direct]
        direct_ranges = sorted((d.span.open, d.span.close) for d in direct)
        cue_tokens = {d.cue.verb.i for d in direct if d.cue is not None and d.cue.verb is not None}
        for r in reported_speech(doc, inside_quote, document.mentions, document.tokens):
            if r.cue is not None and r.cue.i in cue_tokens:
                continue
            start, end = _clear_of(r.start, r.end, direct_ranges, text)
            if end <= start:
                continue
            inner = [p.span for p in partial if start <= p.span.start < end]
            if inner and inner[-1].end >= end and inner[-1].close <= end + 3:
                end = inner[-1].close  # keep the closing mark of a quote that ends the content
            kind: QuoteKind = "mixed" if inner else "indirect"
            statements.append(_Statement(start, end, kind, r.cue_text, (r.cue_start, r.cue_end),
                                         r.speaker_head, r.speaker_words))
        # --- 4: headline attribution inside the text
        headline = self._headline(document, tokens, paras, direct_ranges)
        if headline is not None:
            statements.append(headline)

        # --- 5: speakers, in text order; statements and bare speech acts are anchors for quotes with no cue
        statements.sort(key=lambda s: (s.start, s.end))
        resolver = SpeakerResolver(document)
        pending: list[tuple[int, _Statement | None, Token, list[Token]]] = []
        for st in statements:
            if st.speaker_head is not None:
                pos = st.cue_span[0] if st.cue_span else st.start
                pending.append((pos, st, st.speaker_head, st.speaker_words))
        taken = {p[0] for p in pending}
        for pos, head, words in self._bare_anchors(document, inside_quote):
            if pos not in taken:
                pending.append((pos, None, head, words))
        pending.sort(key=lambda p: (p[0], p[2].idx))
        anchors: list[_Anchor] = []
        for pos, stated, head, words in pending:
            speaker = resolver.resolve(words, head)
            a, b = words[0].idx, words[-1].idx + len(words[-1].text)
            resolver.remember(head.idx, speaker, head)
            anchors.append(_Anchor(pos, speaker, (a, b), text[a:b]))
            if stated is not None:
                stated.speaker, stated.speaker_span, stated.speaker_text = speaker, (a, b), text[a:b]
        for i, st in enumerate(statements):
            if st.direct is not None and st.speaker_head is None:
                self._continue_speaker(st, i, statements, anchors, para_of, text)

        quotes: list[Quote] = []
        for st in sorted(statements, key=lambda s: (s.start, s.end)):
            quote = Quote(id=f"Q{len(quotes) + 1}", start=st.start, end=st.end, text=text[st.start:st.end],
                          kind=st.kind, speaker=st.speaker, speaker_text=st.speaker_text, cue=st.cue_text,
                          speaker_span=document.span(*st.speaker_span) if st.speaker_span else None,
                          cue_span=document.span(*st.cue_span) if st.cue_span else None)
            quotes.append(quote)
        document.quotes = quotes

    # --- direct quotes --------------------------------------------------------------------------

    @staticmethod
    def _is_direct(text: str, d: DirectQuote, first_paragraph_end: int) -> bool:
        q = d.span
        if not d.standalone:
            return False
        if q.open >= first_paragraph_end and looks_like_title(text, q):
            return False  # a title, slogan or name (a headline, though, is in title case throughout)
        if not q.closed and q.open == q.start:  # closing mark without an opener: only with its cue after it
            return d.cue is not None and d.cue.start >= q.close
        if d.cue is not None:
            return any(c.isalnum() for c in text[q.start:q.end])
        if not looks_like_speech(text, q):
            return False
        # single marks quote speech in some house styles ('We are ready,' she said. 'Now.'),
        # but name things in others: with no cue, a single-quoted stretch must be whole sentences
        return q.double or text[q.start:q.end].rstrip()[-1:] in ".?!" and not looks_like_title(text, q, final_stop=True)

    @staticmethod
    def _direct_statement(text: str, d: DirectQuote) -> _Statement:
        start, end = _trim(text, d.span.start, d.span.end)
        cue: Cue | None = d.cue
        if cue is None:
            return _Statement(start, end, "direct", None, None, None, [], direct=d)
        words = cue.speaker_words
        return _Statement(start, end, "direct", cue.text, (cue.start, cue.end),
                          cue.speaker_head if words else None, words, direct=d)

    def _continue_speaker(self, st: _Statement, i: int, statements: list[_Statement], anchors: list[_Anchor],
                          para_of, text: str) -> None:
        p = para_of(st.start)
        # the next quote of the paragraph names the speaker when only quotes lie between
        for nxt in statements[i + 1:]:
            if nxt.direct is None or para_of(nxt.start) != p:
                break
            between = text[st.direct.span.close:nxt.direct.span.open] if st.direct else ""
            if any(c.isalnum() for c in between):
                break
            if nxt.speaker_span is not None:
                self._take(st, nxt.speaker, nxt.speaker_span, nxt.speaker_text)
                return
        before = [a for a in anchors if a.pos < st.start and para_of(a.pos) >= p - _CONTINUITY_PARAGRAPHS]
        same = [a for a in before if para_of(a.pos) == p]
        after = [a for a in anchors if a.pos >= st.end and para_of(a.pos) == p]
        pick = same[-1] if same else (after[0] if after else (before[-1] if before else None))
        if pick is not None:
            self._take(st, pick.speaker, pick.span, pick.text)

    @staticmethod
    def _take(st: _Statement, speaker: str | None, span: tuple[int, int] | None, words: str | None) -> None:
        st.speaker, st.speaker_span, st.speaker_text = speaker, span, words

    @staticmethod
    def _bare_anchors(document: Document, inside_quote) -> list[tuple[int, Token, list[Token]]]:
        """Who was speaking, where no quote says so: the main reporting verbs of sentences ("Smith
        wrote to the council", "She did not insist") and the subjects of sentences
        that end with a colon ("Smith gave this answer:"). A following quote with no cue
        of its own may be theirs."""
        doc = document.view
        table = document.tokens
        out = []
        text = document.text
        for sent in doc.sents:
            # a colon that ends its sentence or its paragraph introduces what follows
            colon = any(t.text == ":" and not text[t.idx + 1:t.idx + 80].split("\n", 1)[0].strip()
                        for t in sent) or sent[-1].text == ":"
            for t in (doc[i] for i in range(sent.start, sent.end)):
                if inside_quote(t.idx) or not (reporting_verb_at(table, t.i) is not None or colon and t.dep_ == "ROOT"
                                               and t.pos_ in ("VERB", "AUX")):
                    continue
                if t.dep_ not in ("ROOT", "conj", "ccomp", "parataxis") or t.tag_ == "VBN" and not any(
                        c.dep_ in ("aux", "auxpass") for c in t.children):
                    continue
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is None or subj.lower_ in _NARRATOR_OR_DUMMY or inside_quote(subj.idx) or \
                        not any(ch.isalpha() for ch in subj.text):
                    continue
                out.append((t.idx, subj, phrase(subj)))
        return out

    # --- headline -------------------------------------------------------------------------------

    @staticmethod
    def _headline(document: Document, tokens: TokenIndex, paras, direct_ranges) -> _Statement | None:
        """'Name: statement' as the first paragraph of the text (a headline kept in the body)."""
        if not paras:
            return None
        lo, hi = paras[0]
        text = document.text
        line = text[lo:hi]
        if len(paras) < 2 or line.rstrip()[-1:] in ".!?" or ":" not in line or len(line.split()) > 25:
            return None
        if any(a < hi and lo < b for a, b in direct_ranges):
            return None
        words = tokens.between(lo, hi)
        colon = next((t for t in words if t.text == ":"), None)
        if colon is None:
            return None
        left = [t for t in words if t.i < colon.i]
        right = [t for t in words if t.i > colon.i and not t.is_space]
        named = [t for t in left if t.pos_ == "PROPN" or t.i in document.mentions]
        if not 1 <= len(left) <= 5 or len(right) < 3 or not named:
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in left):
            return None
        head = named[-1]
        start, end = _trim(text, right[0].idx, right[-1].idx + len(right[-1].text))
        if end <= start:
            return None
        return _Statement(start, end, "indirect", ":", (colon.idx, colon.idx + 1), head, left)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP_LEFT:
        start += 1
    while end > start and text[end - 1] in _STRIP_RIGHT:
        end -= 1
    return start, end


def _clear_of(start: int, end: int, ranges: list[tuple[int, int]], text: str) -> tuple[int, int]:
    """A reported content cut short of the first direct quote it runs into (dropped when it starts in one)."""
    for a, b in ranges:
        if b <= start or a >= end:
            continue
        if a <= start:
            return start, start
        lead = text[start:a].split()
        if len(lead) < _MIN_MIXED_LEAD_WORDS:
            return start, start
        return _trim(text, start, a)
    return start, end
