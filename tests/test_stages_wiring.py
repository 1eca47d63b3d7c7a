"""Stages declare what they read and write; a wrong order is refused before any document runs."""

from __future__ import annotations

import pytest

from newsledger.errors import PipelineConfigError
from newsledger.stages import STAGE_NAMES, default_stages
from newsledger.stages.base import Stage, check_stage_order


def test_stages_default_order_is_valid_and_named():
    stages = default_stages()
    check_stage_order(stages)
    assert tuple(s.name for s in stages) == STAGE_NAMES


def test_stages_reading_before_writing_is_refused():
    stages = {s.name: s for s in default_stages()}
    with pytest.raises(PipelineConfigError, match="events.*reads"):
        check_stage_order([stages["metadata"], stages["events"], stages["actors"]])


def test_stages_unknown_field_and_duplicates_are_refused():
    class Bad(Stage):
        name = "bad"
        reads = ("doc",)
        writes = ("colour",)

    with pytest.raises(PipelineConfigError, match="unknown field"):
        check_stage_order([Bad()])
    s = default_stages()
    with pytest.raises(PipelineConfigError, match="twice"):
        check_stage_order([s[0], s[1], s[1]])


def test_stages_pre_parse_stage_after_parse_is_refused():
    s = {x.name: x for x in default_stages()}
    with pytest.raises(PipelineConfigError, match="pre-parse"):
        check_stage_order([s["actors"], s["metadata"]])


# --- the contract is the Document class itself ------------------------------------------------

def test_stages_declare_only_attributes_of_document():
    from newsledger.document import stage_attributes

    attributes = stage_attributes()
    for stage in default_stages():
        for name in (*stage.reads, *stage.writes):
            assert name in attributes, (stage.name, name)


def test_stages_attribute_names_exist_on_a_real_document(make_document):
    from newsledger.document import OUTPUT, PARSE, stage_attributes

    document = make_document("The minister met officials in the capital on Monday.")
    attributes = stage_attributes()
    for name in attributes:
        assert hasattr(document, name), name
    assert attributes["doc"] == attributes["tokens"] == attributes["view"] == PARSE
    assert attributes["entities"] == attributes["events"] == OUTPUT
    assert "warn" not in attributes and "to_record" not in attributes and "scratch" in attributes


def test_stages_declaring_a_method_or_a_missing_attribute_are_refused():
    def stage(reads=(), writes=(), parse=True):
        return type("S", (Stage,), {"name": "s", "reads": reads, "writes": writes, "needs_parse": parse})()

    with pytest.raises(PipelineConfigError, match="'warn'.*a method of Document"):
        check_stage_order([stage(writes=("warn",))])
    with pytest.raises(PipelineConfigError, match="'entity_list'.*not an attribute of Document"):
        check_stage_order([stage(reads=("doc", "entity_list"))])
    with pytest.raises(PipelineConfigError, match="only the parse gives"):
        check_stage_order([stage(reads=("tokens",), parse=False)])
    check_stage_order([stage(reads=("doc", "tokens", "view", "text", "paragraph_starts"), writes=("scratch",))])


def test_stages_language_is_the_articles_language(make_document):
    document = make_document("The minister met officials in the capital on Monday.")
    document.language = "en"
    assert document.article.language == "en" and document.language == "en"
    document.article.language = None
    assert document.language is None
