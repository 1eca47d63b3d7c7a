"""Name keys: how newsledger compares names, whatever part of it compares them.

One key for every name lookup (the gazetteer's places, the actors stage's knowledge layers,
the store's knowledge base and its actor keys), so that a name written one way in an article
finds the same actor or place written another way in a data file:

- `name_key`: case, diacritics and punctuation do not matter. The text is case-folded first,
  then decomposed (marks dropped), then the Latin letters that carry no mark in Unicode but
  read as one (ø, ł, đ, ı, ə) are folded to their base letter, and every run of spaces,
  hyphens, dashes, dots, commas, slashes, underscores and apostrophes is one space:
  "Støre" == "store", "Łódź" == "łódź" == "lodz", "O’Brien" == "O'Brien" == "o brien",
  "al-Rashid" == "Al Rashid", "Saint-Étienne" == "saint etienne".
- `translit_key`: looser, for transliteration variants ("Qazvin"/"Ghazvin"): the name key
  without spaces, with spellings of one sound folded and doubled letters single.
- `abbreviation_key`: the case-sensitive key of an abbreviation ("U.S." and "US" -> "^US",
  "Ky." -> "^Ky."), or None for a word that is not one.

And what a name or a title says of a person's gender, for telling which person a pronoun can
refer to: `first_name_gender` (data/first_names.tsv, US Social Security baby names: a hint,
US usage) and `word_gender` (data/gender_words.tsv: "Mrs.", "chairwoman", "the congressman").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .data import read_tsv

# letters with no Unicode decomposition that readers spell with the base letter
_LETTER_FOLDS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ə": "a", "ħ": "h", "ŧ": "t"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/.,'’`ʼ]+")
_ABBREVIATION = re.compile(r"^(?:[A-Z]{2,4}|(?:[A-Z]\.){2,4}|[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z][a-z]\.)$")
# Transliteration folds, applied in order to a name_key: spellings of one sound in the
# romanisations of Turkic, Slavic, Arabic and Persian names meet ("Qazvin"/"Ghazvin",
# "Khachmaz"/"Xachmaz"; "Tashkent"/"Toshkent" do not: vowels are kept).
_FOLDS = (
    ("dzh", "j"), ("tch", "c"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("zh", "j"), ("dj", "j"),
    ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
    ("y", "i"), ("w", "v"), ("q", "k"), ("g", "k"), ("x", "h"),
)


def name_key(name: str) -> str:
    """The lookup key of a name: case-folded, no diacritics, punctuation runs as one space."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_LETTER_FOLDS)
    return _SEPARATORS.sub(" ", stripped).strip()


def translit_key(name: str) -> str:
    """A looser key on which transliteration variants of a name meet (no spaces, folded sounds)."""
    key = name_key(name).replace(" ", "")
    for a, b in _FOLDS:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)


def abbreviation_key(name: str) -> str | None:
    """The case-sensitive key of an abbreviation: all capitals ("US", "U.A.E." -> "^UAE") or a
    capitalised clipping with its full stop ("Ky.", "W.Va.")."""
    name = name.strip()
    if not _ABBREVIATION.match(name):
        return None
    if name.isupper() or re.fullmatch(r"(?:[A-Z]\.)+", name):
        return "^" + name.replace(".", "")
    return "^" + name


def slug(name: str) -> str:
    """A name as lower-case ASCII words joined by hyphens ("Jonas Gahr Støre" -> "jonas-gahr-store")."""
    return re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    return {r["name"]: r["gender"] for r in read_tsv("first_names.tsv")}


@lru_cache(maxsize=1)
def _gender_words() -> dict[str, str]:
    return {r["word"]: r["gender"] for r in read_tsv("gender_words.tsv")}


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("gender_words.tsv") if r["kind"] == "honorific")


def first_name_gender(word: str) -> str | None:
    """"m" or "f" for a first name given (at least nine times in ten) to one sex, else None."""
    return _first_names().get(name_key(word))


def word_gender(word: str) -> str | None:
    """"m" or "f" for an honorific, gendered title or relation ("Mrs.", "chairwoman", "widow")."""
    return _gender_words().get(word.strip().casefold())


def is_honorific(word: str) -> bool:
    """"Mr.", "Mrs.", "Ms", "Sir": a form of address, not a role."""
    return word.strip().casefold() in _honorifics()
