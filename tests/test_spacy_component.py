"""newsledger as a spaCy component: `nlp.add_pipe("newsledger")`, the record in
`doc._.newsledger`, the same record as the pipeline gives, errors in place."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsledger.errors import NewsledgerError
from newsledger.model import ErrorRecord, Record

ARTICLE = ("The foreign minister of Norway met her Swedish counterpart in Oslo on Monday to discuss border "
           "security, officials said.\n\nThe two governments agreed to hold further talks next month. "
           "\"We will keep working together,\" the minister told reporters after the meeting.")


@pytest.fixture(scope="module")
def spacy_nlp(settings):
    """A spaCy pipeline of its own (the session's is newsledger's and must stay as it is)."""
    import spacy

    nlp = spacy.load(settings.spacy_model)
    nlp.add_pipe("newsledger", config={"published": "2024-02-20"})
    return nlp


def test_spacy_component_gives_the_pipelines_record(spacy_nlp, settings):
    from newsledger.pipeline import Pipeline

    doc = spacy_nlp(ARTICLE)
    record = doc._.newsledger
    assert isinstance(record, Record)
    assert record.text == doc.text == ARTICLE
    record.check()
    # What newsledger's own pipeline gives over the same spaCy components.
    with spacy_nlp.select_pipes(disable=["newsledger"]):
        expected = Pipeline(nlp=spacy_nlp, settings=settings).extract(ARTICLE, raw=True, published="2024-02-20")
    assert record.model_dump(exclude={"article"}) == expected.model_dump(exclude={"article"})
    assert record.events and record.times
    monday = [t for t in record.times if t.text == "Monday"]
    assert monday and monday[0].value == "2024-02-19"


def test_spacy_component_takes_published_per_call(spacy_nlp):
    doc = spacy_nlp(ARTICLE, component_cfg={"newsledger": {"published": "2023-06-14"}})
    assert doc._.newsledger.article.published == "2023-06-14"
    assert [t.value for t in doc._.newsledger.times if t.text == "Monday"] == ["2023-06-12"]


def test_spacy_component_gives_error_records_in_place(spacy_nlp):
    german = ("Die Regierung hat am Montag neue Maßnahmen beschlossen, die ab dem nächsten Monat gelten "
              "sollen. Der Minister erklärte, dass die Verhandlungen fortgesetzt werden.")
    docs = list(spacy_nlp.pipe([ARTICLE, german, "   "]))
    results = [d._.newsledger for d in docs]
    assert isinstance(results[0], Record)
    assert [r.error.code for r in results[1:]] == ["unsupported_language", "empty_input"]
    assert all(isinstance(r, ErrorRecord) for r in results[1:])


def test_spacy_component_can_raise(settings):
    import spacy

    nlp = spacy.load(settings.spacy_model, exclude=["lemmatizer"])
    nlp.add_pipe("newsledger", config={"raise_errors": True})
    with pytest.raises(NewsledgerError) as caught:
        nlp("   ")
    assert caught.value.code == "empty_input"


def test_spacy_component_needs_a_parser(settings):
    import spacy

    with pytest.raises(ValueError, match="parser and ner"):
        spacy.blank("en").add_pipe("newsledger")


def test_spacy_finds_the_component_without_importing_newsledger(settings):
    """The `spacy_factories` entry point: a spaCy user never imports newsledger."""
    code = ("import sys, spacy\n"
            f"nlp = spacy.load({settings.spacy_model!r})\n"
            "nlp.add_pipe('newsledger')\n"
            f"doc = nlp({ARTICLE!r})\n"
            "print(type(doc._.newsledger).__name__, len(doc._.newsledger.events) > 0)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.split() == ["Record", "True"], out.stderr[-2000:]
