"""The PLOVER evaluator: the 2016-to-current mapping of the gold, and the scoring arithmetic."""

from __future__ import annotations

import json

import pytest

from newsledger.evaluation import plover
from newsledger.evaluation.plover_gsr import current_type, read_gsr
from newsledger.model import Record


@pytest.mark.parametrize(("category", "mode", "event_text", "expected"), [
    ("DEMAND", None, "demanded", ("REQUEST", None)),
    ("DISAPPROVE", None, "denounced", ("ACCUSE", None)),
    ("INVESTIGATE", "", "opened an investigation", ("ACCUSE", None)),
    ("FIGHT", "heavy-weapons", "shelled", ("ASSAULT", "heavy-weapons")),
    ("FIGHT", None, "closed borders", ("COERCE", "restrict")),
    ("COERCE", "destroy", "demolished", ("ASSAULT", "destroy")),
    ("COERCE", "detain", "kidnapped", ("ASSAULT", "abduct")),
    ("COERCE", "arrest", "arrested", ("COERCE", "arrest")),
    ("SUPPORT", None, "apologized", ("CONCEDE", None)),
    ("SANCTION", None, "cancelled visit", ("REJECT", "meet")),
    ("RETREAT", "", "paid compensation", ("AID", None)),
    ("RETREAT", "", "will resign", ("CONCEDE", None)),
    ("RETREAT", "", "resigned", ("RETREAT", None)),
    ("AGREE", None, "said will release", ("CONCEDE", None)),
    ("AGREE", None, "agreed to release", ("AGREE", None)),
    ("ASSAULT", "assassinate", "killed", ("ASSAULT", "targeted")),
])
def test_events_eval_gold_categories_map_to_the_current_manual(category, mode, event_text, expected):
    assert current_type(category, mode, event_text) == expected


def test_events_eval_reader_skips_the_document_record_and_renames_legacy_codes(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([
        {"id": "X-DOCUMENT", "event": "DOCUMENT"},
        {"id": "X-1", "event": "FIGHT", "text": "Made-up sentence.", "date": "2000-01-01",
         "source": [{"actorText": "a", "code": "JAP"}], "target": "", "textInfo": "markup"},
    ]), encoding="utf-8")
    events = read_gsr(path)
    assert len(events) == 1 and events[0].type == "ASSAULT"
    assert events[0].source_codes == {"JPN"} and events[0].target_codes == set()


def _row(gold, pred, conf=0.7, actor=("USA",), gactor=("USA",), rec=(), grec=()):
    return {"gold": gold, "type": pred, "gold_mode": None, "mode": None, "confidence": conf,
            "actor": list(actor), "gold_actor": list(gactor), "recipient": list(rec), "gold_recipient": list(grec)}


def test_events_eval_scores_types_codes_and_tuples():
    rows = [_row("ASSAULT", "ASSAULT", rec=("IRQ",), grec=("IRQ",)), _row("ASSAULT", "COERCE"),
            _row("AGREE", "AGREE", actor=("FRA",)), _row("AGREE", None, conf=None, actor=())]
    m = plover.score(rows)
    assert m["type_accuracy"] == 0.5
    assert m["actor_accuracy"] == 0.5
    assert m["recipient_accuracy"] == 1.0
    assert m["tuple_accuracy"] == 0.25
    # F1 per type: ASSAULT P=1 R=.5 -> .667; AGREE P=1 R=.5 -> .667; COERCE P=0 -> 0
    assert m["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3, abs=1e-3)


def test_events_eval_reliability_bands_count_every_prediction():
    rows = [_row("AID", "AID", conf=0.55), _row("AID", "AGREE", conf=0.58), _row("AID", "AID", conf=0.9)]
    table = {r["band"]: r for r in plover.reliability(rows)}
    assert table["0.5-0.6"]["count"] == 2 and table["0.5-0.6"]["accuracy"] == 0.5
    assert table["0.8-1.0"]["accuracy"] == 1.0
    assert sum(r["count"] for r in table.values()) == 3


def _grow(gold, pred, original=None, grec=(), rec=()):
    return {"gold": gold, "gold_original": original or gold, "type": pred,
            "gold_recipient_countries": list(grec), "recipient_countries": list(rec)}


def test_events_eval_current_type_subset_leaves_out_the_legacy_categories():
    rows = [_grow("ASSAULT", "ASSAULT"), _grow("ASSAULT", "COERCE", original="FIGHT"),
            _grow("REQUEST", "REQUEST", original="DEMAND"), _grow("CONCEDE", "RETREAT", original="RETREAT"),
            _grow("AGREE", "AGREE")]
    assert [plover.current_subset(r) for r in rows] == [True, False, False, True, True]
    m = plover.subset_scores(rows)
    assert m["gsr246_records"] == 3
    # the subset's gold is the current type: the re-typed RETREAT record wants CONCEDE
    assert m["gsr246_type_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    # F1: ASSAULT 1, AGREE 1, CONCEDE 0 (missed), RETREAT 0 (false) -> 0.5
    assert m["gsr246_macro_f1"] == 0.5


def test_events_eval_recipient_country_counts_only_records_naming_one():
    rows = [_grow("SANCTION", "SANCTION", grec=("IRN",), rec=("IRN",)),
            _grow("SANCTION", "SANCTION", grec=("IRN", "SYR"), rec=("IRN",)),
            _grow("ACCUSE", "ACCUSE", grec=("USA",), rec=()),
            _grow("ACCUSE", "ACCUSE", original="DISAPPROVE", grec=("USA",), rec=("USA",)),
            _grow("AGREE", "AGREE")]  # no recipient country in the gold: not scored
    m = plover.subset_scores(rows)
    assert m["recipient_country_records"] == 4
    assert m["recipient_country"] == 0.5 and m["recipient_country_any"] == 0.75
    assert m["gsr246_recipient_country_records"] == 3
    assert m["gsr246_recipient_country"] == pytest.approx(1 / 3, abs=1e-3)


def test_events_eval_gold_countries_map_cameo_codes_and_drop_non_states():
    mapping = {"JAP": "JPN", "USA": "USA", "IGO": None}
    assert plover.gold_countries({"JAP", "IGO", "USA"}, mapping) == {"JPN", "USA"}
    record = Record(article={"source": "t"}, text="x", entities=[
        {"id": "E1", "name": "Japan", "type": "GPE", "country": "JPN"},
        {"id": "E2", "name": "the UN", "type": "ORG", "sector": "IGO"}])
    assert plover.entity_countries(record, ["E1", "E2", "E9"]) == {"JPN"}
