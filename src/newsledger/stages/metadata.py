"""Metadata stage: is this an English article we can read? (runs before the parse)

Language is judged by the share of the commonest English function words among the
words of the text: English prose has 35-50 %, other languages written in Latin
script well under 10 %, non-Latin scripts none. It is fast, needs no model, and
refuses a document before we pay for a parse.
"""

from __future__ import annotations

import re

from ..config import Settings
from ..document import Document
from ..errors import NoArticleText, UnsupportedLanguage
from .base import Stage

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# The 60 most frequent English words (function words), from the Brown corpus lists.
ENGLISH_FUNCTION_WORDS = frozenset(["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "as", "he", "be", "by", "at", "his", "this", "from", "are", "or", "an", "but", "not", "have", "had", "they", "which", "you", "were", "her", "she", "there", "been", "has", "their", "one", "we", "all", "will", "would", "who", "if", "more", "when", "so", "no", "its", "can", "also", "said", "out", "up", "about", "than", "into", "them", "only", "other", "could", "what"])
# More English function words (prepositions, determiners, auxiliaries) that no other Latin-script
# language writes as words of its own. One-sentence texts dense with names ("X undertook a
# mission between Y and Z") have few of the 60 commonest: these count too.
ENGLISH_FUNCTION_WORDS_MORE = frozenset([
    "after", "against", "among", "amid", "across", "before", "between", "during", "over", "since", "through",
    "toward", "towards", "under", "until", "upon", "within", "without", "while", "because", "these", "those",
    "our", "your", "him", "did", "does", "should", "must", "being", "how", "why", "where", "then", "some",
    "any", "such", "very", "just", "off", "down", "near", "onto", "per", "whose", "whom"])
ENGLISH_WORDS = ENGLISH_FUNCTION_WORDS | ENGLISH_FUNCTION_WORDS_MORE
_MIN_WORDS = 12


def english_ratio(text: str, sample_chars: int = 20000) -> tuple[float, int]:
    """Share of English function words among the words of `text`, and the word count."""
    words = _WORD.findall(text[:sample_chars].lower())
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w in ENGLISH_WORDS)
    return hits / len(words), len(words)


class MetadataStage(Stage):
    name = "metadata"
    reads = ("text", "article")
    writes = ("language",)
    needs_parse = False

    def __init__(self, settings: Settings | None = None) -> None:
        self.min_ratio = (settings or Settings()).min_english_ratio

    def __call__(self, document: Document) -> None:
        ratio, n_words = english_ratio(document.text)
        if n_words == 0:
            raise NoArticleText("the body has no words")
        if n_words >= _MIN_WORDS and ratio < self.min_ratio:
            raise UnsupportedLanguage(
                f"the text does not look English ({ratio:.0%} English function words in {n_words} words); "
                "newsledger's models read English only"
            )
        if n_words < _MIN_WORDS:
            document.warn("short_text", f"only {n_words} words: language not checked")
        document.article.language = "en"
