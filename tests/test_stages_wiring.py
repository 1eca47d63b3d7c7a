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
