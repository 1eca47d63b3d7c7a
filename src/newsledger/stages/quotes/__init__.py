"""Quotes stage: who said what, direct and reported.

Direct quotes come from pairing quote marks (straight and curly), allowing a
quote to run over paragraphs when each paragraph reopens it; an unbalanced mark
gives a warning, never a crash. The speaker is the subject of the speech verb
next to the quote ("…,” the President of Azerbaijan said"), resolved to an entity
through the actors stage's mention map (names, roles, pronouns).

Reported speech comes from speech and cognition verbs with a clausal complement
("He added that …") or an object ("emphasized the defense partnership …"), and
from "according to X".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv
from ...document import Document
from ...model import Quote
from ..base import Stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_OPENERS = {"“": "”", "«": "»", "„": "“"}
_STRAIGHT = '"'
_MIN_DIRECT_WORDS = 4
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    return {row["lemma"]: row["class"] for row in read_tsv("speech_verbs.tsv")}


@dataclass
class _Mark:
    start: int  # offset of the opening mark
    end: int  # offset of the closing mark (exclusive of it)


def find_quote_spans(text: str) -> tuple[list[_Mark], list[str]]:
    """Pairs of quote marks: content spans and warnings for marks left open."""
    spans: list[_Mark] = []
    warnings: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPENERS or ch == _STRAIGHT:
            closer = _OPENERS.get(ch, _STRAIGHT)
            j = i + 1
            while True:
                k = text.find(closer, j)
                para = text.find("\n\n", j)
                if k == -1:
                    warnings.append(f"quote mark at {i} is never closed")
                    j = -1
                    break
                if para != -1 and para < k:
                    # a multi-paragraph quote reopens with a mark at the next paragraph's start
                    nxt = para
                    while nxt < n and text[nxt].isspace():
                        nxt += 1
                    if nxt < n and text[nxt] == ch:
                        j = nxt + 1
                        continue
                    warnings.append(f"quote mark at {i} is not closed in its paragraph")
                    j = -1
                    break
                j = k
                break
            if j == -1:
                i += 1
                continue
            spans.append(_Mark(i + 1, j))
            i = j + 1
            continue
        i += 1
    return spans, warnings


class QuotesStage(Stage):
    name = "quotes"
    reads = ("doc", "text", "entities", "mentions")
    writes = ("quotes",)

    def __call__(self, document: Document) -> None:
        doc = document.doc
        assert doc is not None
        text = document.text
        verbs = speech_verbs()
        quotes: list[Quote] = []
        marks, warnings = find_quote_spans(text)
        for w in warnings:
            document.warn("unbalanced_quote", w)
        direct_ranges: list[tuple[int, int]] = []
        for mark in marks:
            content = text[mark.start:mark.end]
            words = content.split()
            if len(words) < _MIN_DIRECT_WORDS:
                continue  # a title or a scare quote, not speech
            cue = self._cue_near(doc, mark, verbs)
            start, end = _trim(text, mark.start, mark.end)
            direct_ranges.append((mark.start - 1, mark.end + 1))
            quotes.append(self._quote(document, len(quotes), start, end, "direct", cue))
        for token in doc:
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in verbs:
                continue
            if any(a <= token.idx < b for a, b in direct_ranges):
                continue
            comp = next((c for c in token.children if c.dep_ == "ccomp"), None)
            kind = "indirect"
            if comp is None and verbs[token.lemma_.lower()] == "speech":
                comp = next((c for c in token.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
                if comp is not None and comp.i < token.i:
                    comp = None
            if comp is None:
                continue
            tokens = [t for t in comp.subtree]
            if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
                tokens = tokens[1:]
            if not tokens:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            start, end = _trim(text, start, end)
            if end - start < 3 or any(a <= start < b for a, b in direct_ranges):
                continue
            quotes.append(self._quote(document, len(quotes), start, end, kind, token))
        quotes.extend(self._according_to(document, len(quotes)))
        quotes.sort(key=lambda q: q.start)
        for n, q in enumerate(quotes, start=1):
            q.id = f"Q{n}"
        document.quotes = quotes

    def _cue_near(self, doc: Doc, mark: _Mark, verbs: dict[str, str]) -> Token | None:
        """The speech verb of the sentence that closes the quote (after it) or opens it (before it)."""
        after = doc.char_span(mark.end, min(len(doc.text), mark.end + 1), alignment_mode="expand")
        candidates: list[Token] = []
        if after is not None:
            sent = after.sent
            candidates += [t for t in sent if t.idx > mark.end and t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX")]
        before = doc.char_span(max(0, mark.start - 2), mark.start, alignment_mode="expand")
        if before is not None:
            sent = before.sent
            candidates += [t for t in reversed(list(sent)) if t.idx < mark.start and t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX")]
        return candidates[0] if candidates else None

    def _quote(self, document: Document, index: int, start: int, end: int, kind: str, cue: Token | None) -> Quote:
        speaker_id = speaker_text = None
        speaker_span = cue_span = None
        if cue is not None:
            cue_span = document.token_span(cue)
            subj = _subject_of(cue)
            if subj is not None:
                words = list(subj.subtree)
                s0, s1 = words[0].idx, words[-1].idx + len(words[-1].text)
                speaker_span = document.span(s0, s1)
                speaker_text = speaker_span.text
                speaker_id = _entity_of(document, words, subj)
        return Quote(id=f"Q{index + 1}", start=start, end=end, text=document.text[start:end], kind=kind,
                     speaker=speaker_id, speaker_text=speaker_text, cue=cue.text if cue is not None else None,
                     speaker_span=speaker_span, cue_span=cue_span)

    def _according_to(self, document: Document, offset: int) -> list[Quote]:
        doc = document.doc
        assert doc is not None
        out: list[Quote] = []
        for token in doc:
            if token.lower_ != "according" or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "to":
                continue
            pobj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            sent = token.sent
            src = list(pobj.subtree)
            if token.i > sent.start:  # content before: "X happened, according to Y"
                content = [t for t in sent if t.i < token.i and not t.is_punct or t.i < token.i and t.text not in ",;—-"]
            else:  # content after: "According to Y, X happened"
                content = [t for t in sent if t.i > src[-1].i]
            content = [t for t in content if not t.is_space]
            if not content:
                continue
            start, end = _trim(document.text, content[0].idx, content[-1].idx + len(content[-1].text))
            if end <= start:
                continue
            speaker_span = document.span(src[0].idx, src[-1].idx + len(src[-1].text))
            out.append(Quote(id=f"Q{offset + len(out) + 1}", start=start, end=end, text=document.text[start:end],
                             kind="indirect", speaker=_entity_of(document, src, pobj), speaker_text=speaker_span.text,
                             cue="according to", speaker_span=speaker_span,
                             cue_span=document.span(token.idx, doc[token.i + 1].idx + 2)))
        return out


def _subject_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in _SUBJECT_DEPS:
            return c
    # "…, he added" parsed with the verb as a child of the quote's verb; or a conjoined verb
    if verb.dep_ == "conj":
        return _subject_of(verb.head)
    return None


def _entity_of(document: Document, words: list[Token], head: Token) -> str | None:
    if head.i in document.mentions:
        return document.mentions[head.i]
    for t in words:
        if t.i in document.mentions:
            return document.mentions[t.i]
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t“”\"‘":
        start += 1
    while end > start and text[end - 1] in " \n\t,;:“”\"—–-":
        end -= 1
    return start, end
