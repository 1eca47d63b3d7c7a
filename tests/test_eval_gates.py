"""Quality gates: every evaluation with a baseline file must score at least its floors.

tests/baselines/<name>.json holds {"floors": {metric: minimum}, "corpus_sha256": digest of the inputs}.
An evaluation whose development data is absent (no ../shared) is skipped, not failed.
Floors only move up (scripts/update_baselines.py). The seed has its own acceptance test.
"""

from __future__ import annotations

import json

import pytest

from newsledger import evaluation

from .conftest import BASELINES

GATES = sorted(p.stem for p in BASELINES.glob("*.json") if p.stem != "seed")


@pytest.mark.acceptance
@pytest.mark.slow
@pytest.mark.parametrize("name", GATES)
def test_eval_gate_scores_at_least_the_floors(name, pipeline):
    baseline = json.loads((BASELINES / f"{name}.json").read_text(encoding="utf-8"))
    module = evaluation.load(name)
    paths = module.default_inputs(evaluation.shared_dir())
    if not paths:
        pytest.skip(f"{name}: development data not present")
    assert evaluation.corpus_digest(paths) == baseline["corpus_sha256"], f"{name}: the corpus changed, re-baseline"
    report = module.evaluate(paths, pipeline=pipeline)
    low = {m: (report["metrics"].get(m), floor) for m, floor in baseline["floors"].items()
           if report["metrics"].get(m) is None or report["metrics"][m] + 1e-9 < floor}
    assert not low, f"{name} below its floors (measured, floor): {low}"


HELDOUT = BASELINES.parents[1] / "evaldata" / "heldout"
HELDOUT_GATES = sorted(p.stem for p in (BASELINES / "heldout").glob("*.json"))


@pytest.mark.acceptance
@pytest.mark.slow
@pytest.mark.parametrize("name", HELDOUT_GATES)
def test_eval_gate_heldout_scores_at_least_the_floors(name, pipeline):
    """The held-out sets ship with the repository (evaldata/heldout), so these gates run everywhere."""
    sets = json.loads((HELDOUT / "sets.json").read_text(encoding="utf-8"))
    baseline = json.loads((BASELINES / "heldout" / f"{name}.json").read_text(encoding="utf-8"))
    paths = sorted(p for pattern in sets[name] for p in HELDOUT.glob(pattern))
    assert paths, f"held-out {name}: no files"
    assert evaluation.corpus_digest(paths) == baseline["corpus_sha256"], f"held-out {name}: the set changed"
    report = evaluation.load(name).evaluate(paths, pipeline=pipeline)
    low = {m: (report["metrics"].get(m), floor) for m, floor in baseline["floors"].items()
           if report["metrics"].get(m) is None or report["metrics"][m] + 1e-9 < floor}
    assert not low, f"held-out {name} below its floors (measured, floor): {low}"
