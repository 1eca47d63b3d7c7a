"""The grouping evaluator's scores (evaluation/dedup.py) on hand-made clusterings."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import json

import pytest

from newsledger.evaluation import dedup as ev
from tests.test_store_fixtures import make_record, save_all, store, store_url  # noqa: F401 - fixtures

GOLD = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2", "f": "3"}


def test_pairwise_scores_count_article_pairs():
    s = ev.score(GOLD, {("a", "b"), ("d", "e"), ("c", "f")})
    # gold pairs: ab ac bc de (4); linked: ab de cf -> 2 right of 3, 2 of 4 found
    assert s["gold_pairs"] == 4 and s["linked_pairs"] == 3 and s["true_pairs"] == 2
    assert s["pair_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["pair_recall"] == pytest.approx(0.5, abs=1e-4)
    assert s["pair_f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5), abs=1e-4)


def test_bcubed_clusters_by_the_transitive_closure_of_links():
    # a-b and b-c link a and c too; f alone
    s = ev.score(GOLD, {("a", "b"), ("b", "c"), ("d", "e")})
    assert s["bcubed_precision"] == 1.0 and s["bcubed_recall"] == 1.0 and s["bcubed_f1"] == 1.0
    assert s["pair_recall"] == pytest.approx(3 / 4, abs=1e-4)  # pairs are the links, not the closure
    alone = ev.score(GOLD, set())
    assert alone["pair_precision"] is None and alone["pair_f1"] == 0.0
    # every article alone: precision 1, recall the mean of 1/|incident|
    assert alone["bcubed_precision"] == 1.0
    assert alone["bcubed_recall"] == pytest.approx((3 * (1 / 3) + 2 * (1 / 2) + 1) / 6, abs=1e-4)
    assert sorted(map(sorted, ev.closure("abcdef", {("a", "b"), ("b", "c")}))) == [
        ["a", "b", "c"], ["d"], ["e"], ["f"]]


def test_baselines_and_halves():
    articles = [{"id": a, "incident": inc, "published": "2024-03-0" + ("1" if a in "abd" else "2")}
                for a, inc in GOLD.items()]
    base = ev.baselines(articles)
    # same day: {a, b, d} and {c, e, f}: pairs ab ad bd ce cf ef, of which ab is right
    assert base["same_day"]["linked_pairs"] == 6 and base["same_day"]["true_pairs"] == 1
    assert base["alone"]["linked_pairs"] == 0
    assert {ev.half_of(str(i)) for i in range(40)} == {"A", "B"}
    assert ev.half_of("x") == ev.half_of("x")


def test_ledger_links_are_pairs_of_inputs_sharing_a_ledger_event(store):
    def shot(n, text, victim, place):
        r = make_record(text, source=f"https://s{n}.example/{n}", published="2024-03-03", places=[place],
                        entities=[{"name": victim, "type": "PERSON"}],
                        events=[{"type": "ASSAULT", "trigger": "shot", "recipient": [victim],
                                 "date": ("2024-03-02", "2024-03-02"), "place": place}])
        r.article.input_id = f"in{n}"
        return r

    save_all(store, [shot(1, "Erik Holm was shot in Oslo.", "Erik Holm", "Oslo"),
                     shot(2, "Police say Erik Holm was shot in Oslo on Saturday.", "Erik Holm", "Oslo"),
                     shot(3, "Anna Berg was shot in Lima.", "Anna Berg", "Lima")])
    assert ev.ledger_links(store, event_type="ASSAULT") == {("in1", "in2")}
    assert ev.ledger_links(store, event_type="CONSULT") == set()
    assert ev.regrouped_links(store, {"in1", "in3"}, event_type="ASSAULT") == set()
    assert ev.regrouped_links(store, {"in1", "in2", "in3"}) == {("in1", "in2")}
    gold = {"in1": "x", "in2": "x", "in3": "y"}
    counts, _ = ev.missed_reasons(store, gold, set())
    assert counts == {"split": 1}  # linked, but not by the links given
    report = {"metrics": {"articles": 3, "incidents": 2}, "halves": {"A": {"articles": 1}, "B": {"articles": 2}},
              "results": {k: {h: ev.score(gold, {("in1", "in2")}) for h in ("all", "A", "B")} for k in ev.KINDS},
              "baseline": {"alone": ev.score(gold, set()), "same_day": ev.score(gold, {("in1", "in2")})},
              "missed_assault_pairs": dict(counts)}
    text = ev.format_report(json.loads(json.dumps(report)))
    assert "ASSAULT" in text and "split 1" in text
