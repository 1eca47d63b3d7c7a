"""Reporting verbs (data/speech_verbs.tsv) and the parse tests built on them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from ...data import read_tsv
from ...parsetree import TreeToken

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...document import TokenTable


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    cls: str  # speech | cognition | manner | stance
    object: bool  # a noun-phrase object is the reported content


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, ReportingVerb]:
    return {r["lemma"]: ReportingVerb(r["lemma"], r["class"], r.get("object") == "yes")
            for r in read_tsv("speech_verbs.tsv")}


def speech_verbs() -> dict[str, str]:
    """lemma -> class (kept for callers of the first version)."""
    return {k: v.cls for k, v in reporting_verbs().items()}


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def reporting_verb(token: Token) -> ReportingVerb | None:
    """The lexicon entry when `token` is used as a verb whose lemma reports speech or thought."""
    if not is_verb(token):
        return None
    lex = reporting_verbs()
    return lex.get(token.lemma_.lower()) or lex.get(token.lower_)


def reporting_verb_at(table: TokenTable, i: int) -> ReportingVerb | None:
    """`reporting_verb` of token i, read from the document's token table."""
    if not (table.pos[i] in ("VERB", "AUX") or table.tag[i].startswith("VB")):
        return None
    lex = reporting_verbs()
    return lex.get(table.lemma[i]) or lex.get(table.lower[i])


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    """Lower-cased nouns that can name the source of a statement (speaker_nouns.tsv, titles, organisations)."""
    words = {r["noun"].lower() for r in read_tsv("speaker_nouns.tsv")}
    words |= {w.lower() for r in read_tsv("titles.tsv") for w in r["title"].split()[-1:]}
    words |= {r["word"].lower() for r in read_tsv("org_words.tsv") if r.get("kind") == "head"}
    return frozenset(words)


def can_speak(head: Token) -> bool:
    """Can this subject be the source of a statement: a name, a personal pronoun, or a source noun?"""
    if head.pos_ == "PROPN" or head.lower_ in ("he", "she", "they", "i", "we", "you"):
        return True
    return head.lemma_.lower() in source_nouns() or head.lower_ in source_nouns()


_REFUSALS = {"decline", "refuse", "fail", "hesitate", "decide", "plan", "want", "expect", "promise"}


_BREAKS_KEY = "newsledger.quotes.line_breaks"


def _line_break_counts(doc, texts: list[str] | None = None) -> list[int]:
    """Running count of tokens followed by a line break, computed once per parse. `texts`: the
    tokens' texts when the caller has them (a token's trailing whitespace is a space or nothing,
    so its text holds the line break if anything does)."""
    counts = doc.user_data.get(_BREAKS_KEY)
    if counts is None or len(counts) != len(doc) + 1:
        words = texts if texts is not None else (token.text_with_ws for token in doc)
        counts = list(accumulate(("\n" in w for w in words), initial=0))
        doc.user_data[_BREAKS_KEY] = counts
    return counts


def line_break_between(a: Token, b: Token) -> bool:
    """Is there a line break between two tokens of one parse? Constant time per call: the
    running count is computed once per document (long unpunctuated texts ask often)."""
    counts = _line_break_counts(a.doc, a._tree.columns[0] if isinstance(a, TreeToken) else None)
    lo, hi = (a.i, b.i) if a.i <= b.i else (b.i, a.i)
    return counts[hi] - counts[lo] > 0


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def asserted(verb: Token) -> bool:
    """Does the cue report something actually said? Not when negated ("did not say that"), a
    bare participle whose speaker is someone else ("Asked whether ..., she said"), or an
    infinitive under a refusal or a plan ("declined to say when", "wants to announce")."""
    if negated(verb):
        return False
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return not (verb.dep_ == "xcomp" and (verb.head.lemma_.lower() in _REFUSALS or negated(verb.head)))
