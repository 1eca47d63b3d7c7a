"""Shared fixtures. The spaCy model and the pipeline load once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.config import Settings
from newsledger.document import Document
from newsledger.model import Article

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "src" / "newsledger" / "examples" / "seed"
BASELINES = ROOT / "tests" / "baselines"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings):
    from newsledger.nlp import load_spacy

    return load_spacy(settings.spacy_model)


@pytest.fixture(scope="session")
def pipeline(nlp, settings):
    from newsledger.pipeline import Pipeline

    return Pipeline(nlp=nlp, settings=settings)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SEED_DIR / "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads((SEED_DIR / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_record(pipeline, seed_text):
    return pipeline.extract(seed_text, source="seed")


@pytest.fixture
def make_document(nlp):
    """A parsed Document for hand-written body text, ready for a stage."""

    def build(text: str, published: str | None = "2024-02-20") -> Document:
        from newsledger.ingest.dates import parse_iso

        article = Article(published=published)
        document = Document(text=text, article=article, text_offset=0,
                            anchor=parse_iso(published) if published else None)
        document.doc = nlp(text)
        return document

    return build


def run_stages(document: Document, *names: str) -> Document:
    """Run the named default stages, in pipeline order, on a parsed document."""
    from newsledger.stages import default_stages

    for stage in default_stages():
        if stage.name in names:
            stage(document)
    return document
