"""Reporting verbs (data/speech_verbs.tsv) and the parse tests built on them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv

if TYPE_CHECKING:
    from spacy.tokens import Token


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


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)
