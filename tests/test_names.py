"""The one name key of newsledger (newsledger.names): the gazetteer, the knowledge layers and the
store compare names with it, so every row below holds for all of them."""

from __future__ import annotations

import pytest

from newsledger.names import abbreviation_key, name_key, slug, translit_key

SAME_KEY = [
    # (written one way, written another way, the key)
    ("Støre", "store", "store"),
    ("STØRE", "Støre", "store"),
    ("Łódź", "łódź", "lodz"),
    ("ŁÓDŹ", "Lodz", "lodz"),
    ("O’Brien", "O'Brien", "o brien"),
    ("O`Brien", "o brien", "o brien"),
    ("al-Rashid", "Al Rashid", "al rashid"),
    ("Dağlı", "DAGLI", "dagli"),
    ("İstanbul", "istanbul", "istanbul"),
    ("Saint-Étienne", "saint etienne", "saint etienne"),
    ("Đorđe", "Dorde", "dorde"),
    ("Ərdəbil", "Ardabil", "ardabil"),
    ("Straße", "STRASSE", "strasse"),
    ("Côte d’Ivoire", "Cote d'Ivoire", "cote d ivoire"),
    ("U.S.", "U S", "u s"),
    ("  Jonas   Gahr  Støre ", "jonas gahr store", "jonas gahr store"),
    ("Baku/Bakı", "baku baki", "baku baki"),
]


@pytest.mark.parametrize(("one", "other", "key"), SAME_KEY)
def test_name_key_folds_case_marks_letters_and_punctuation(one, other, key):
    assert name_key(one) == name_key(other) == key


@pytest.mark.parametrize(("one", "other"), [("Berg", "Borg"), ("Lindqvist", "Lindquist"), ("Oslo", "Olso")])
def test_name_key_keeps_different_names_apart(one, other):
    assert name_key(one) != name_key(other)


@pytest.mark.parametrize(("one", "other"), [("Qazvin", "Ghazvin"), ("Khachmaz", "Xachmaz"), ("Shusha", "Şuşa"),
                                            ("Djibouti", "Jibouti"), ("Tchad", "Chad")])
def test_translit_key_joins_romanisations_of_one_name(one, other):
    assert translit_key(one) == translit_key(other)


@pytest.mark.parametrize(("one", "other"), [("Tashkent", "Toshkent"), ("Berlin", "Bern")])
def test_translit_key_keeps_vowels(one, other):
    assert translit_key(one) != translit_key(other)


@pytest.mark.parametrize(("text", "key"), [("US", "^US"), ("U.S.", "^US"), ("U.A.E.", "^UAE"), ("Ky.", "^Ky."),
                                           ("W.Va.", "^W.Va."), ("Oslo", None), ("us", None), ("NATOS", None)])
def test_abbreviation_key_is_case_sensitive(text, key):
    assert abbreviation_key(text) == key


@pytest.mark.parametrize(("name", "expected"), [("Jonas Gahr Støre", "jonas-gahr-store"),
                                                ("Ana O’Brien", "ana-o-brien"), ("al-Rashid", "al-rashid")])
def test_slug_is_the_name_key_in_ascii_words(name, expected):
    assert slug(name) == expected


def test_the_gazetteer_and_the_knowledge_layers_use_the_one_key():
    from newsledger import gazetteer, knowledge
    from newsledger.store import keys

    for one, _, key in SAME_KEY:
        assert gazetteer.name_key(one) == knowledge.name_key(one) == keys.name_norm(one) == key
