"""Statements that carry a PLOVER type: what a named speaker says about someone.

Much of political news is speech: "X said Y's plan was a disaster", "Y is a fraud," X said,
"X called the charges fabricated". PLOVER codes such statements by what they do to their
target: blame is ACCUSE, a denial of a claim is REJECT, approval is SUPPORT, a demand is
REQUEST. The trigger lexicon finds the statements whose verb says so ("accused", "praised",
"called on"); this module types the others from their content:

- the statement is a quote of the quotes stage (direct, indirect or mixed) whose speaker is an
  entity the text names, or a naming clause ("called X a Y", "described X as Y", "termed X Y");
- its target is an entity named in the content (the subject of its clause first), never the
  speaker's own side;
- its type comes from the words of the content: wrongdoing and strongly negative words
  (`data/statement_terms.tsv` and the VADER valence lexicon) make ACCUSE, denial words REJECT,
  praise and strongly positive words SUPPORT, an obligation ("must", "should", "need to") REQUEST.
  A negated word counts the other way ("not legitimate").

A statement with no named speaker, no target (for ACCUSE and SUPPORT) or no clear type is left
out: precision first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ...data import read_tsv
from ..places.names import name_words
from .coder import Coded, Trigger, have_to
from .lexicon import LexEntry

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...document import Document

STATEMENT_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "REQUEST"})
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NAMING_VERBS = frozenset({"call", "describe", "term", "label", "dub", "brand", "characterize", "characterise"})
OBLIGATION = frozenset({"must", "should", "ought"})
# Cue verbs whose content is wished for or asked for, not asserted.
WISH_CUES = frozenset({"hope", "want", "wish", "urge", "ask", "demand", "appeal", "plead", "call"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours", "myself", "ourselves"})
_STRONG = 2.0  # |VADER valence| from which a word counts
_ACCUSE_AT = 2.4  # summed negative weight from which a statement blames
_SUPPORT_AT = 2.6


@lru_cache(maxsize=1)
def terms() -> dict[str, str]:
    return {r["term"].lower(): r["class"] for r in read_tsv("statement_terms.tsv")}


@lru_cache(maxsize=1)
def publication_words() -> frozenset[str]:
    """Words that end a publication's name ("the Chicago Tribune", "The New York Times"): the
    places stage's name words of class publication (data/place_name_words.tsv)."""
    return frozenset(w for (w, position), classes in name_words().items()
                     if position == "after" and "publication" in classes)


@lru_cache(maxsize=1)
def vader() -> dict[str, float]:
    """Word -> mean valence from VADER's lexicon (single words only)."""
    out: dict[str, float] = {}
    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # the valence lexicon is optional
        return out
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].isalpha():
            try:
                out[cols[0]] = float(cols[1])
            except ValueError:
                continue
    return out


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.dep_ in ("acomp", "attr", "amod", "xcomp", "oprd") and any(c.dep_ == "neg" for c in tok.head.children)


@dataclass
class Valence:
    negative: float = 0.0
    positive: float = 0.0
    denial: int = 0
    strongest: Token | None = None
    strongest_weight: float = 0.0

    def add(self, tok: Token, weight: float) -> None:
        if weight < 0:
            self.negative -= weight
        else:
            self.positive += weight
        if abs(weight) > self.strongest_weight:
            self.strongest, self.strongest_weight = tok, abs(weight)


def valence(tokens: list[Token], skip: set[int] | frozenset[int] = frozenset(),
            names: set[int] | frozenset[int] = frozenset()) -> Valence:
    """The evaluative weight of a statement's words. `skip`: tokens that name things rather than
    judge them (names, and the words of events the statement reports: "the war", "an
    anti-terrorist operation"); `names`: those of them that are names, not event words."""
    v = Valence()
    lex, val = terms(), vader()
    for t in tokens:
        if t.pos_ not in ("ADJ", "NOUN", "VERB", "ADV", "PROPN") or t.is_stop or t.i in skip:
            continue
        if t.lower_.startswith(("anti", "counter")) or t.dep_ == "compound" or (
                t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ in ("anti", "counter")):
            continue  # "anti-terrorist operation" names what it fights, it judges no one
        low, lemma = t.lower_, t.lemma_.lower()
        cls = lex.get(low) or lex.get(lemma)
        flip = _negated(t)
        if cls == "denial":
            v.denial += 1
            v.add(t, -0.5)
            continue
        if cls == "blame" and any(
                g.i in skip and g.i not in names or lex.get(g.lower_) == "wrongdoing" or
                lex.get(g.lemma_.lower()) == "wrongdoing" or val.get(g.lower_, 0.0) <= -_STRONG
                for c in t.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.subtree):
            weight = -2.6  # "responsible for the attack": a harm (an event word or a wrong) after "for"
        elif cls == "failure" and any(c.dep_ in ("xcomp", "acl") and lex.get(c.lemma_.lower()) == "duty"
                                      for c in t.children):
            weight = -2.6  # "failed to protect", "the failure to act": failing a duty is blamed
        elif cls == "misfortune":
            continue  # harm suffered or grief blames no one
        elif cls in ("blame", "failure", "duty"):
            weight = val.get(low, val.get(lemma, 0.0))  # otherwise the word weighs what it weighs
            if abs(weight) < _STRONG:
                continue
        elif cls == "wrongdoing":
            weight = -2.6
        elif cls == "praise":
            if t.pos_ not in ("NOUN", "ADJ"):
                continue  # "a huge win", "a pillar of": judgements; "help him win": no judgement
            weight = 2.6
        else:
            weight = val.get(low, val.get(lemma, 0.0))
            if abs(weight) < _STRONG:
                continue
        v.add(t, -weight if flip else weight)
    return v


def _in_subject(token: Token, inside: set[int]) -> bool:
    """Is the token the subject of a clause of the content, or a name within that subject
    ("the council's measures were ...", "the mayor's plan is ...")?"""
    t = token
    for _ in range(4):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ not in ("poss", "compound", "amod", "nmod", "pobj", "prep") or t.head.i not in inside or t.head == t:
            return False
        t = t.head
    return False


# Subjects that address no one: "I" (an obligation to oneself), "this", "it"; "everyone", "people";
# "every child", "no one";
# the speaker's own community ("this country", "our society").
_NO_ONE_SUBJECTS = frozenset({"i", "this", "it", "that", "everyone", "everybody", "anyone", "anybody", "nobody",
                              "people", "one"})
_NO_ONE_DETS = frozenset({"every", "each", "any", "no", "this", "our"})


def _addresses_no_one(subject: Token) -> bool:
    """An obligation with this subject is a wish or a value, not a demand on someone."""
    if subject.lower_ in _NO_ONE_SUBJECTS:
        return True
    return any(c.dep_ in ("det", "poss") and c.lower_ in _NO_ONE_DETS for c in subject.children)


def _has_obligation(tokens: list[Token]) -> Token | None:
    for t in tokens:
        if t.dep_ == "aux" and t.lower_ in OBLIGATION and not _negated(t.head):
            return t.head
        if have_to(t):
            return t
    return None


@dataclass
class Statement:
    type: str
    speaker: str
    target: list[str]
    trigger: Token
    cue: Token | None
    quote: str | None


class StatementCoder:
    def __init__(self, document: Document) -> None:
        self.skip: set[int] = set()
        self.names: set[int] = set()
        self.document = document
        self.doc = document.view
        self.mentions = document.mentions
        self.actor_ids = {e.id for e in document.entities if e.type in SPEAKER_TYPES}
        self.keys = {e.id: (e.country if e.type in ("GPE", "NORP") or e.sector in ("GOV", "MIL") else None)
                     for e in document.entities}

    # --- helpers ----------------------------------------------------------------------------

    def _entity(self, tok: Token) -> str | None:
        eid = self.mentions.get(tok.i)
        return eid if eid in self.actor_ids else None

    def _party(self, eid: str) -> bool:
        """A state, a government or party body, or a named person: one whose word about an act is
        an accusation, not a witness's report."""
        e = self.document.entity(eid)
        if e is None:
            return False
        return e.type == "GPE" or e.sector in ("GOV", "MIL", "LEG", "JUD", "PTY", "OPP", "IGO", "REB") or (
            e.type == "PERSON" and e.sector is not None)

    def _publication(self, eid: str) -> bool:
        e = self.document.entity(eid)
        words = e.name.split() if e is not None and e.type == "ORG" else []
        return len(words) >= 2 and words[-1].casefold() in publication_words()

    def _same_side(self, a: str, b: str) -> bool:
        return a == b or (self.keys.get(a) is not None and self.keys.get(a) == self.keys.get(b))

    def _target(self, tokens: list[Token], speaker: str, subjects_only: bool = False) -> list[str]:
        """Entities the content is about: subjects of its clauses first (a name inside the subject
        phrase counts: "the council's measures", "the mayor's plan"), then possessors and objects, then any
        other; never the speaker's side nor first-person words. `subjects_only`: only the first
        kind (who a judgement is about is who the clause speaks of)."""
        ranked: list[tuple[int, int, str]] = []
        inside = {t.i for t in tokens}
        for t in tokens:
            eid = self._entity(t)
            if eid is None or t.lower_ in _FIRST_PERSON or self._same_side(eid, speaker):
                continue
            owner = self._entity(t.head) if t.dep_ in ("amod", "compound") else None
            if owner is not None and owner != eid:
                continue  # "the Peruvian president": the phrase names the president, not the nationality
            rank = 0 if _in_subject(t, inside) else 1 if t.dep_ in ("poss", "dobj", "pobj") else 2
            if subjects_only and rank:
                continue
            ranked.append((rank, t.i, eid))
        ranked.sort()
        out = list(dict.fromkeys(e for _, _, e in ranked[:1]))
        return out

    def _sentence_tokens(self, start: int, end: int) -> list[Token]:
        doc = self.doc
        table = self.document.tokens
        import bisect

        lo = bisect.bisect_left(table.idx, start)
        hi = bisect.bisect_left(table.idx, end)
        return [doc[i] for i in range(lo, hi)]

    # --- statements -------------------------------------------------------------------------

    def statements(self, taken: set[int], events: set[int] | frozenset[int] = frozenset(),
                   acts: set[int] | frozenset[int] = frozenset()) -> list[Statement]:
        """Typed statements of the article. `taken`: token indices already coding a statement
        event (a lexicon verb such as "accused"), whose clauses are not typed again; `events`:
        the trigger words of any coded event (reported happenings are not judgements); `acts`: the
        words of coded acts (attacks, arrests, aid...): a source that reports an act ("residents
        said settlers set fire to ...") is the act's source, not the author of an accusation,
        unless it names who did it and is a party itself (a state, a government, a leader)."""
        out: list[Statement] = []
        self.names = set(self.mentions)
        self.skip = self.names | set(events)
        for q in self.document.quotes:
            if q.speaker is None or q.speaker not in self.actor_ids or self._publication(q.speaker):
                continue  # (a newspaper that reports what was said accuses no one)
            cue = None
            if q.cue_span is not None:
                cue_tokens = self._sentence_tokens(q.cue_span.start, q.cue_span.end)
                cue = cue_tokens[0] if cue_tokens else None
            if cue is not None and cue.i in taken:
                continue
            content = self._sentence_tokens(q.start, q.end)
            if not content or any(t.i in taken for t in content):
                continue
            if any(t.i in acts for t in content) and not self._party(q.speaker):
                continue
            st = self._type_content(content, q.speaker, cue, q.id)
            if st is not None:
                out.append(st)
        doc = self.doc
        for tok in doc:
            if tok.lemma_.lower() in NAMING_VERBS and tok.pos_ == "VERB" and tok.i not in taken:
                st = self._naming(tok)
                if st is not None:
                    out.append(st)
        return out

    def _type_content(self, content: list[Token], speaker: str, cue: Token | None, quote: str | None) -> Statement | None:
        v = valence(content, self.skip, self.names)
        target = self._target(content, speaker, subjects_only=True)
        obliged = _has_obligation(content)
        if cue is not None and cue.lemma_.lower() == "ask" and any(t.text == "?" for t in content):
            return None  # a quoted question asked ("'Why should we pay?' asked a trader") types nothing
        wish = cue is not None and cue.lemma_.lower() in WISH_CUES
        if v.denial and v.negative - 0.5 * v.denial < _ACCUSE_AT:
            trig = self._trigger(cue, v.strongest)
            return Statement("REJECT", speaker, target, trig, cue, quote)
        if obliged is not None and any(c.dep_ == "expl" or c.dep_ in ("nsubj", "nsubjpass") and _addresses_no_one(c)
                                       for c in obliged.children):
            obliged = None  # "there needs to be a way", "this country has to heal", "every child should ...": a wish

        if obliged is not None or wish:
            # "all sides should ...", "we need to ...", "hope that the parties could ...": a demand
            where = obliged if obliged is not None else content[0]
            subj = [c for c in where.children if c.dep_ in ("nsubj", "nsubjpass")] if obliged is not None else []
            rec = [e for e in (self._entity(subj[0]),) if e and not self._same_side(e, speaker)] if subj else []
            return Statement("REQUEST", speaker, rec, self._trigger(cue, obliged), cue, quote)
        if v.negative >= _ACCUSE_AT and v.negative >= 2 * v.positive and target:
            return Statement("ACCUSE", speaker, target, self._trigger(cue, v.strongest), cue, quote)
        if v.positive >= _SUPPORT_AT and v.positive >= 2 * v.negative and target and self._party(target[0]):
            # (praise of a party; warm words about a private person, as of a victim by family and
            # friends, are no political support)
            return Statement("SUPPORT", speaker, target, self._trigger(cue, v.strongest), cue, quote)
        return None

    @staticmethod
    def _trigger(cue: Token | None, word: Token | None) -> Token:
        """The cue verb when it is in the sentence of the words that type the statement, else
        the strongest of those words."""
        if cue is not None and (word is None or cue.sent.start == word.sent.start):
            return cue
        return word if word is not None else cue  # type: ignore[return-value]

    def _naming(self, verb: Token) -> Statement | None:
        """"X called Y a fraud", "X described Y as reckless", "X termed the charges fabricated"."""
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subj:
            return None
        speaker = self._entity(subj[0])
        if speaker is None:  # "the Ruiz campaign", "Peru's foreign ministry": the body of a named side
            owners = [e for c in subj[0].children if c.dep_ in ("compound", "poss")
                      if (e := self._entity(c)) is not None]
            speaker = owners[0] if len(owners) == 1 else None
        if speaker is None:
            return None
        obj = [c for c in verb.children if c.dep_ == "dobj"]
        label: list[Token] = []
        for c in verb.children:
            if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp"):
                label += list(c.subtree)
            elif c.dep_ == "prep" and c.lower_ == "as":
                label += [t for t in c.subtree if t is not c]
        if obj:
            # the small model often hangs the label inside the object ("called [the order 'tyranny']")
            label += [t for t in obj[0].subtree if t.i > obj[0].i and t.dep_ in ("appos", "amod", "attr", "oprd")]
        if not obj or not label:
            return None
        v = valence(label, self.skip, self.names)
        target_tokens = list(obj[0].subtree)
        target = self._target([t for t in target_tokens if t not in label], speaker)
        if v.denial:
            return Statement("REJECT", speaker, target, verb, verb, None)
        if v.negative >= _ACCUSE_AT * 0.75 and v.negative >= 2 * v.positive:
            return Statement("ACCUSE", speaker, target, verb, verb, None)
        if v.positive >= _SUPPORT_AT * 0.75 and v.positive >= 2 * v.negative:
            return Statement("SUPPORT", speaker, target, verb, verb, None)
        return None


def as_coded(st: Statement) -> Coded:
    """A statement in the coder's terms, so it merges and dates like any other mention."""
    entry = LexEntry(lemma=st.trigger.lemma_.lower(), extra=(), pos="VERB", type=st.type, mode=None, light=0,
                     requires=frozenset(), control=None, frame=None)
    return Coded(trigger=st.trigger, top=st.cue or st.trigger, chain=[Trigger(st.trigger, entry)], type=st.type,
                 mode=None, licensed_by="statement", actor=[st.speaker], recipient=list(st.target))


__all__ = ["STATEMENT_TYPES", "Statement", "StatementCoder", "as_coded", "valence"]
