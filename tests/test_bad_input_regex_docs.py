"""The pathological strings of every regular expression in the project (fuzz/regexes.py),
inside otherwise ordinary articles, through the whole pipeline: every document gives a
record or a coded error within its budget, and the batch finishes.

The language check is switched off, so that the strings reach the stages' patterns
instead of being refused as not English. A document may still run out of its budget in
code that is not a regular expression (a stage quadratic in a sentence's or a name's
length); it then gives a `timeout` error record, as the budget promises. `make fuzz`
lists those (fuzz/run.py).
"""

from __future__ import annotations

import os
import time

import pytest

from fuzz.regexes import attack_documents
from newsledger.config import Settings
from newsledger.errors import ERROR_CODES
from newsledger.ingest import InputDocument
from newsledger.model import ErrorRecord
from newsledger.pipeline import Pipeline

BUDGET = 2.0
SLACK = 3.0


def run_attacks(nlp, docs: list[tuple[str, str]], budget: float = BUDGET) -> dict:
    """Each document through the pipeline (in batches, as a run does): the results checked,
    the ones that ran out of time listed."""
    pipeline = Pipeline(nlp=nlp, settings=Settings(time_budget=budget, min_english_ratio=0.0))
    items = [InputDocument(text, input_id=name, raw=True, format="text") for name, text in docs]
    t0 = time.monotonic()
    results = list(pipeline.process(items))
    seconds = time.monotonic() - t0
    assert len(results) == len(items)
    timeouts, records = [], 0
    for item, result in zip(items, results, strict=True):
        if isinstance(result, ErrorRecord):
            assert result.error.code in ERROR_CODES, result
            if result.error.code == "timeout":
                timeouts.append(item.input_id)
        else:
            assert result.problems() == [], item.input_id
            records += 1
    # each document within its budget: a batch costs at most its documents' budgets
    assert seconds < len(items) * budget + SLACK
    return {"documents": len(items), "records": records, "timeouts": timeouts, "seconds": seconds}


@pytest.mark.acceptance
def test_bad_input_regex_attacks_in_articles_finish(nlp):
    docs = attack_documents()
    assert len(docs) > 150  # one per pattern
    report = run_attacks(nlp, docs)
    # regular expressions are linear now: no pattern's worst case costs its document the budget
    assert not [name for name in report["timeouts"] if "+!" in name or "pump" in name]
    assert report["records"] >= len(docs) * 0.9


@pytest.mark.slow
@pytest.mark.acceptance
@pytest.mark.skipif(not os.environ.get("NEWSLEDGER_FUZZ_EXAMPLES"), reason="a minute and more: `make fuzz` runs it")
def test_bad_input_regex_six_attacks_per_pattern_in_articles_finish(nlp):
    docs = attack_documents(per_pattern=6)
    report = run_attacks(nlp, docs)
    assert report["records"] >= len(docs) * 0.9
