"""Acceptance: the real pipeline on the seed article, scored against its gold by the project's scorer.

Floors live in tests/baselines/seed.json and only move up (scripts/update_baselines.py).
They are pinned to the hash of the seed files: a changed gold or article must be re-baselined
on purpose, never silently.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from newsledger.evaluation.seed import SECTIONS, score_record

from .conftest import BASELINES, SEED_DIR

pytestmark = pytest.mark.acceptance


def test_acceptance_seed_record_keeps_the_contract(seed_record, seed_text):
    assert seed_record.problems() == []
    offset = seed_record.text_offset
    assert seed_text[offset:offset + len(seed_record.text)] == seed_record.text


def test_acceptance_seed_scores_at_least_the_floors(seed_record, seed_gold):
    baseline = json.loads((BASELINES / "seed.json").read_text(encoding="utf-8"))
    for name, digest in baseline["corpus_sha256"].items():
        assert hashlib.sha256((SEED_DIR / name).read_bytes()).hexdigest() == digest, f"{name} changed: re-baseline"
    score = score_record(seed_record, seed_gold)
    floors = baseline["floors"]
    assert score.overall >= 0.6  # the foundation's floor; tests/baselines raise it
    assert score.overall + 1e-9 >= floors["overall"], score.as_dict()
    for name in SECTIONS:
        s = score.sections[name].score
        assert s > 0, f"section {name} scores zero"
        assert s + 1e-9 >= floors[name], f"{name}: {s:.3f} < floor {floors[name]}: {score.sections[name].misses}"


def test_acceptance_seed_no_country_or_city_is_a_person(seed_record, seed_gold):
    persons = {e.name for e in seed_record.entities if e.type == "PERSON"}
    assert persons.isdisjoint(seed_gold["not_persons"])
