"""Acceptance: the coder on the team's own example sentences (data/plover_examples.tsv)."""

from __future__ import annotations

import pytest

from newsledger.data import read_tsv
from newsledger.evaluation.plover import entity_codes, pick_event

pytestmark = [pytest.mark.acceptance, pytest.mark.slow]


def test_events_examples_are_coded_with_their_type(pipeline):
    rows = read_tsv("plover_examples.tsv")
    right = actors = 0
    misses = []
    for row in rows:
        record = pipeline.extract(row["text"], published="2024-03-01", raw=True)
        v = pick_event(record)
        if v is not None and v.type == row["type"]:
            right += 1
        else:
            misses.append((row["type"], v.type if v else None, row["text"]))
        gold_actor = {c for c in row["actor"].split(",") if c}
        actors += (entity_codes(record, v.actor) if v else set()) == gold_actor
    assert right / len(rows) >= 0.95, misses
    # actor codes also depend on the actors stage's country coding (demonyms, organisations)
    assert actors / len(rows) >= 0.80
