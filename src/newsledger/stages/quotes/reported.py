"""Reported speech: statements in the writer's words, and mixed quotes.

- a reporting verb (lexicon: speech, cognition, manner) with a clausal complement:
  "He added that the border would stay open" (content: the clause, without
  "that"), also when the clause comes first ("The border will stay open, he said");
- a speech verb whose object is its content (lexicon column `object`):
  "emphasized the defense partnership between A and B, encompassing ...",
  "underscored military cooperation as one of the key directions ..." (content:
  the object with what the verb says about it: "as"-phrases, participle clauses);
  promise-like verbs with an infinitive: "vowed to fight on";
- "according to X": the clause it is attached to ("X happened, according to Y";
  "According to Y, X happened").
A statement whose content holds a partial quote ('said the plan was “a
disaster”') is a mixed quote. Negated cues ("did not say that") report nothing.
Content that a direct quote already covers is left to the direct quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import asserted, can_speak, line_break_between, reporting_verb, reporting_verb_at
from .speakers import phrase, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...document import TokenTable

# prepositions on the verb that say more about the content object ("underscored X as ...");
# others ("in a speech", "at the summit", "on Monday") are circumstances of the saying
_OBJECT_PREPS = {"as", "of", "for", "between", "with", "to", "about", "over", "against"}
_NARRATOR = {"i", "we", "you"}


@dataclass
class Reported:
    start: int
    end: int
    cue: Token | None
    cue_start: int
    cue_end: int
    cue_text: str
    speaker_head: Token | None
    speaker_words: list[Token]


def _span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _content_tokens(verb: Token) -> list[Token] | None:
    entry = reporting_verb(verb)
    if entry is None:
        return None
    # a clause across a line break is the parser joining paragraphs, not the verb's complement
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and not line_break_between(c, verb)), None)
    if comp is not None:
        return sorted(comp.subtree, key=lambda t: t.i)
    if entry.cls in ("speech", "naming") and entry.object:
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "X"):
            tokens = list(obj.subtree)
            for c in verb.children:
                if c.i <= obj.i:
                    continue
                about_object = c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS and not _temporal(c)
                participle = c.dep_ in ("advcl", "oprd", "xcomp") and (c.tag_ == "VBG" or c.dep_ != "advcl")
                if about_object or participle:
                    tokens += list(c.subtree)
            return sorted(set(tokens), key=lambda t: t.i)
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None:
            return sorted(xcomp.subtree, key=lambda t: t.i)
    return None


def _temporal(prep: Token) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "mark"
                      and tokens[0].lower_ == "that" or tokens[0].dep_ in ("cc",)):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ("”", '"', "’", "'", ")")
                      or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def reported_speech(doc: Doc, inside_quote, mentions: dict[int, str], table: TokenTable) -> list[Reported]:
    """Reported statements of `doc`; `inside_quote(char)` says whether a character is quoted speech,
    `mentions` maps tokens to entities (the actors stage's map), `table` is the document's token table."""
    out: list[Reported] = []
    for i, verb in enumerate(doc):
        entry = reporting_verb_at(table, i)
        if entry is None or entry.cls == "stance" or inside_quote(verb.idx) or not asserted(verb):
            continue
        tokens = _content_tokens(verb)
        if not tokens:
            continue
        subj = subject_of(verb)
        if subj is None or subj.lower_ in _NARRATOR or subj.lower_ in ("it", "there") and \
                any(c.dep_ == "auxpass" for c in verb.children):
            continue
        if subj.i in {t.i for t in tokens}:
            continue  # the parse put the speaker inside the content: no clean split
        by_object = not any(c.dep_ == "ccomp" and tokens[0].i <= c.i <= tokens[-1].i for c in verb.children)
        if by_object and not (can_speak(subj) or subj.i in mentions):
            continue  # 'the exercise emphasized the integration of ...': a focus, not a statement
        sent = verb.sent
        tokens = [t for t in tokens if t.i != verb.i and sent.start <= t.i < sent.end
                  and not line_break_between(t, verb)]
        tokens = _trim(tokens)
        if len([t for t in tokens if not t.is_punct]) < 2:
            continue
        start, end = _span(tokens)
        out.append(Reported(start, end, verb, verb.idx, verb.idx + len(verb.text), verb.text, subj, phrase(subj)))
    out.extend(_according_to(doc, inside_quote))
    return out


def _according_to(doc: Doc, inside_quote) -> list[Reported]:
    out = []
    for token in doc:
        if token.lower_ != "according" or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        if inside_quote(token.idx):
            continue
        to = doc[token.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        sent = token.sent
        src = list(pobj.subtree)
        if token.i > sent.start:  # "X happened, according to Y"
            content = [t for t in sent if t.i < token.i]
        else:  # "According to Y, X happened"
            content = [t for t in sent if t.i > src[-1].i]
        content = _trim([t for t in content if not t.is_space])
        if len([t for t in content if not t.is_punct]) < 2:
            continue
        start, end = _span(content)
        out.append(Reported(start, end, None, token.idx, to.idx + len(to.text), "according to", pobj, phrase(pobj)))
    return out
