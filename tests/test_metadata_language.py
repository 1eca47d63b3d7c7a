"""The language check: English text with many names passes; other languages are refused."""

import pytest

from newsledger.document import Document
from newsledger.errors import UnsupportedLanguage
from newsledger.model import Article
from newsledger.stages.metadata import MetadataStage, english_ratio


def _check(text: str) -> Document:
    d = Document(text=text, article=Article())
    MetadataStage()(d)
    return d


def test_name_dense_english_sentence_is_english():
    # invented: a one-sentence report made mostly of names and titles
    text = "After talks, council chair Olek Varan Tesh mediated between rebel commander Dmitri Halvor Pesk and Governor Ilse Raud."
    assert _check(text).article.language == "en"


@pytest.mark.parametrize("text", [
    "Der Bundestag hat am Montag ein neues Gesetz zur Regelung der Mieten in den großen Städten beschlossen, "
    "nachdem die Koalition sich lange nicht einigen konnte.",
    "Le gouvernement a annoncé lundi une nouvelle loi sur les loyers dans les grandes villes, après de longues "
    "négociations entre les partis de la coalition.",
    "El gobierno anunció el lunes una nueva ley sobre los alquileres en las grandes ciudades, tras largas "
    "negociaciones entre los partidos de la coalición.",
])
def test_other_languages_are_refused(text):
    with pytest.raises(UnsupportedLanguage):
        _check(text)


def test_english_prose_ratio_is_high():
    ratio, n = english_ratio("The minister said on Monday that the talks with the unions would resume after the "
                             "holiday, and that he was confident of an agreement before the end of the month.")
    assert n > 20 and ratio > 0.35
