"""Who speaks: the speaker phrase of a cue verb and the entity it names.

The actors stage maps every token of a mention (names, role descriptions,
pronouns) to its entity (`document.mentions`); that is asked first. When it has
no answer this module resolves the phrase itself, with what the quotes stage
knows best, the speakers so far:
- a pronoun (he, she, they, it) names the most recent speaker or, failing that,
  the nearest entity mentioned before it, of a fitting kind (a person for he/she,
  where the person's gender is known from a title (Mr., Mrs., Ms.) or from the
  pronouns the actors stage resolved to it; an organisation, place or group for
  it/they);
- a name ("Smith") names the entity whose name or mention holds that word, the
  one mentioned last before the quote when several do;
- a role or group noun ("the spokesman", "officials") stays unresolved unless the
  actors stage mapped it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...names import first_name_gender, word_gender
from .lexicon import line_break_between

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...document import Document

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_CUT_DEPS = {"appos", "relcl", "acl", "cc", "conj", "advcl", "parataxis"}
_PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}
_FIRST_SECOND = {"i", "we", "you", "me", "us"}
_TITLES_M = {"mr.", "mr", "sir", "lord"}
_TITLES_F = {"mrs.", "mrs", "ms.", "ms", "miss", "madam", "lady", "dame"}
_GROUP_TYPES = {"ORG", "GPE", "NORP", "FAC", "LOC"}
_UNKNOWN = "?"  # the latest speaker has no entity


_ANY = frozenset(_PERSON_PRONOUNS) | frozenset(_GROUP_PRONOUNS)
_SINGULAR_PERSON = frozenset(p for p in _PERSON_PRONOUNS) | {"it", "its"}


def _could_be(head: Token | None) -> frozenset[str]:
    """The pronouns that could refer back to an unresolved speaker phrase with this head: a
    plural noun only "they", a gendered noun ("spokeswoman") only its pronouns."""
    if head is None:
        return _ANY
    if head.tag_ in ("NNS", "NNPS"):
        return frozenset({"they", "them", "their"})
    gender = word_gender(head.text)
    if gender:
        return frozenset(p for p, g in _PERSON_PRONOUNS.items() if g == gender)
    if head.tag_ in ("NN", "NNP"):
        return _SINGULAR_PERSON
    return _ANY


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a cue verb, through conjoined and participial verbs ("..., adding that")."""
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp", "pcomp") and verb.head is not verb:
        return subject_of(verb.head, depth + 1)
    return None


def agent_of(verb: Token) -> Token | None:
    """ "was told by X": the agent of a passive cue."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def phrase(head: Token) -> list[Token]:
    """The words that name the speaker: the head with its modifiers, without appositions and clauses."""
    # never across a line break: a headline parsed into the next paragraph's subject
    out = [t for t in head.subtree if t.i < head.i and not line_break_between(t, head)] + [head]
    for t in head.subtree:
        if t.i <= head.i:
            continue
        if line_break_between(head, t):
            break
        if (t.is_punct and t.text not in (".", "-", "'", "’")) or (t.dep_ in _CUT_DEPS and t.head.i == head.i):
            break
        out.append(t)
    while len(out) > 1 and (out[-1].is_punct or out[-1].is_space):
        out.pop()
    while len(out) > 1 and (out[0].is_punct or out[0].is_space):
        out.pop(0)
    return out


@dataclass
class SpeakerResolver:
    """Resolves speaker phrases to entity ids for one document, remembering speakers as it goes."""

    document: Document
    # (char offset, entity id) of every entity mention, in text order
    _mentions: list[tuple[int, str]] = field(default_factory=list)
    _offsets: list[int] = field(default_factory=list)
    _types: dict[str, str] = field(default_factory=dict)
    _gender: dict[str, str] = field(default_factory=dict)
    _words: dict[str, set[str]] = field(default_factory=dict)
    # (char offset, entity id) of every speaker found so far
    _speakers: list[tuple[int, str]] = field(default_factory=list)
    # what an unresolved speaker could be referred to by: char offset -> pronouns that fit it
    _unresolved: dict[int, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        doc = self.document.view
        text = self.document.text
        for e in self.document.entities:
            self._types[e.id] = e.type
            words = {w.casefold() for w in e.name.replace("-", " ").split() if w[:1].isupper()}
            for m in e.mentions:
                self._mentions.append((m.start, e.id))
                if m.text[:1].isupper():
                    words |= {w.casefold().strip(".,’'s") for w in m.text.split() if w[:1].isupper()}
                before = text[max(0, m.start - 16):m.start].split()
                if before:
                    gender = word_gender(before[-1])  # "Mrs. Dahl", "Chairwoman Berg"
                    if gender:
                        self._gender.setdefault(e.id, gender)
            self._words[e.id] = words
            if e.type == "PERSON" and e.id not in self._gender:
                role_gender = {g for w in (e.role or "").split() if (g := word_gender(w))}
                if len(role_gender) == 1:
                    self._gender[e.id] = role_gender.pop()
        if doc is not None:
            for i, eid in self.document.mentions.items():
                g = _PERSON_PRONOUNS.get(doc[i].lower_)
                if g:
                    self._gender.setdefault(eid, g)
        for e in self.document.entities:
            parts = e.name.split()
            if e.type == "PERSON" and e.id not in self._gender and len(parts) >= 2:
                g = first_name_gender(parts[0])
                if g:
                    self._gender[e.id] = g
        self._mentions.sort()
        self._offsets = [m[0] for m in self._mentions]

    def remember(self, char: int, entity_id: str | None, head: Token | None = None) -> None:
        """A speaker at `char`; an unresolved one ("a spokeswoman") is remembered too, so that a
        pronoun after it that could refer to it is not given to an earlier, resolved speaker
        ("states" cannot be "he", "a spokeswoman" cannot be "he")."""
        bisect.insort(self._speakers, (char, entity_id or ""))
        if not entity_id:
            self._unresolved[char] = _could_be(head)

    def resolve(self, words: list[Token], head: Token) -> str | None:
        mentions = self.document.mentions
        low = head.lower_
        if low in _PERSON_PRONOUNS or low in _GROUP_PRONOUNS:
            # a pronoun that speaks continues the last speaker it fits, as news reports chain
            # attributions ('“...,” Ortiz said after meeting Berg. She did not ...')
            recent = self._recent_speaker(head)
            if recent is not None:
                return None if recent is _UNKNOWN else recent
        mapped = mentions.get(head.i)
        if mapped is None:
            mapped = next((mentions[t.i] for t in words if t.i in mentions and t.pos_ in ("PROPN", "PRON")), None)
        if mapped is None:
            mapped = next((mentions[t.i] for t in words if t.i in mentions and t.dep_ not in ("poss", "pobj")
                           and t.head.dep_ != "prep"), None)
        appositive = next((c for c in head.children if c.dep_ == "appos" and c.i in mentions
                           and self._types.get(mentions[c.i]) == "PERSON"), None)
        if appositive is not None and (mapped is None or self._types.get(mapped) != "PERSON"):
            # "Tuvalu's climate envoy, Seini Teleke, said": the person the description is put beside
            return mentions[appositive.i]
        if mapped is not None:
            if self._types.get(mapped) != "PERSON" and head.pos_ == "PROPN":
                # a speaker named like a person the article names ('Smith said', typed as a
                # place or an organisation on its own) is that person
                person = self._name(words, head.idx, person_only=True)
                if person is not None:
                    return person
            return mapped
        if low in _PERSON_PRONOUNS or low in _GROUP_PRONOUNS:
            return self._pronoun(head)
        if low in _FIRST_SECOND:
            return None
        if head.pos_ == "PROPN" or head.text[:1].isupper():
            return self._name(words, head.idx)
        return None

    def _fits(self, eid: str, pronoun: str) -> bool:
        typ = self._types.get(eid, "")
        if pronoun in _PERSON_PRONOUNS:
            return typ == "PERSON" and self._gender.get(eid, _PERSON_PRONOUNS[pronoun]) == _PERSON_PRONOUNS[pronoun]
        return typ in _GROUP_TYPES

    def _recent_speaker(self, head: Token) -> str | None:
        """The latest speaker before `head`, in its paragraph or the one before, that the pronoun fits."""
        p = self.document.paragraph_of(head.idx)
        floor = self.document.paragraph_bounds(max(0, p - 1))[0]
        k = bisect.bisect_left(self._speakers, (head.idx, ""))
        for char, eid in reversed(self._speakers[:k]):
            if char < floor:
                break
            if not eid:
                if head.lower_ in self._unresolved.get(char, _ANY):
                    return _UNKNOWN
                continue
            if self._fits(eid, head.lower_):
                return eid
        return None

    def _pronoun(self, head: Token) -> str | None:
        pos = head.idx
        sentence_floor = self._floor(head)
        k = bisect.bisect_left(self._speakers, (pos, ""))
        for char, eid in reversed(self._speakers[:k]):
            if char < sentence_floor:
                break
            if eid and self._fits(eid, head.lower_):
                return eid
        k = bisect.bisect_left(self._offsets, pos)
        for char, eid in reversed(self._mentions[:k]):
            if char < sentence_floor:
                break
            if self._fits(eid, head.lower_):
                return eid
        return None

    def _floor(self, head: Token) -> int:
        """How far back a pronoun may look: the start of the paragraph three paragraphs up."""
        document = self.document
        p = document.paragraph_of(head.idx)
        return document.paragraph_bounds(max(0, p - 3))[0]

    def _name(self, words: list[Token], pos: int, person_only: bool = False) -> str | None:
        names = {t.text.casefold().strip(".,’'s") for t in words if t.text[:1].isupper()}
        names -= _TITLES_M | _TITLES_F
        if not names:
            return None
        candidates = [eid for eid, ws in self._words.items() if names & ws
                      and (not person_only or self._types.get(eid) == "PERSON")]
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        k = bisect.bisect_left(self._offsets, pos)
        for _, eid in reversed(self._mentions[:k]):
            if eid in candidates:
                return eid
        return candidates[0]
