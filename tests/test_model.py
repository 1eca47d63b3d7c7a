"""The record model serialises to the contract and catches every broken invariant."""

from __future__ import annotations

import json

from newsledger.model import (
    Amount,
    Article,
    DateInterval,
    Entity,
    ErrorInfo,
    ErrorRecord,
    Event,
    Place,
    Quote,
    Record,
    Span,
    Time,
)

TEXT = "President Jane Roe visited Paris on Monday, officials said."


def _record(**changes) -> Record:
    base = dict(
        article=Article(id="x", title="t"),
        text=TEXT,
        text_offset=0,
        entities=[Entity(id="E1", name="Jane Roe", type="PERSON", mentions=[Span(start=10, end=18, text="Jane Roe")])],
        times=[Time(id="T1", start=36, end=42, text="Monday", type="DATE", value="2024-02-19")],
        places=[Place(id="P1", name="Paris", lat=48.85, lon=2.35, kind="city", mentions=[Span(start=27, end=32, text="Paris")])],
        quotes=[],
        amounts=[],
        events=[Event(id="V1", type="CONSULT", actor=["E1"], place="P1",
                      date=DateInterval(start="2024-02-19", end="2024-02-19", time="T1"),
                      trigger=Span(start=19, end=26, text="visited"), evidence=Span(start=0, end=len(TEXT), text=TEXT))],
    )
    base.update(changes)
    return Record(**base)


def test_model_valid_record_has_no_problems():
    assert _record().problems() == []


def test_model_serialises_with_contract_keys_in_order():
    data = json.loads(_record().to_json())
    assert list(data)[:11] == ["schema", "article", "text", "text_offset", "entities", "times", "places",
                               "quotes", "amounts", "events", "warnings"]
    assert data["schema"] == "newsledger/record@1"
    assert list(data["article"])[:10] == ["id", "input_id", "source", "title", "authors", "published",
                                          "modified", "language", "outlet", "caption"]
    event = data["events"][0]
    for key in ("id", "type", "mode", "context", "actor", "recipient", "date", "place", "historical", "future",
                "hypothetical", "negated", "said_by", "amounts", "trigger", "evidence", "confidence"):
        assert key in event
    assert Record.from_dict(data) == _record()


def test_model_detects_span_text_mismatch():
    bad = _record(times=[Time(id="T1", start=36, end=42, text="Sunday", type="DATE", value="2024-02-19")])
    assert any("T1" in p and "Sunday" in p for p in bad.problems())


def test_model_detects_offsets_outside_text():
    bad = _record(amounts=[Amount(start=50, end=500, text="x", value=1)])
    assert any("outside text" in p for p in bad.problems())


def test_model_detects_dangling_ids():
    event = _record().events[0].model_copy(update={"actor": ["E9"], "place": "P7", "said_by": "Q1", "amounts": [3]})
    problems = _record(events=[event]).problems()
    assert any("E9" in p for p in problems)
    assert any("P7" in p for p in problems)
    assert any("Q1" in p for p in problems)
    assert any("amount index 3" in p for p in problems)


def test_model_detects_quote_speaker_missing():
    q = Quote(id="Q1", start=0, end=9, text="President", kind="direct", speaker="E5")
    assert any("E5" in p for p in _record(quotes=[q]).problems())


def test_model_detects_bad_dates_and_reversed_intervals():
    e = _record().events[0]
    reversed_ = e.model_copy(update={"date": DateInterval(start="2024-03", end="2024-02-19")})
    assert any("starts after" in p for p in _record(events=[reversed_]).problems())
    not_iso = e.model_copy(update={"date": DateInterval(start="PAST_REF", end="2024")})
    assert any("ISO 8601" in p for p in _record(events=[not_iso]).problems())
    coarse = e.model_copy(update={"date": DateInterval(start="2023", end="2023-09", time=None)})
    assert _record(events=[coarse]).problems() == []


def test_model_detects_duplicate_ids():
    entities = _record().entities * 2
    assert any("duplicate id E1" in p for p in _record(entities=entities).problems())


def test_model_check_raises_with_messages():
    bad = _record(times=[Time(id="T1", start=0, end=3, text="nope", type="DATE", value="2024")])
    try:
        bad.check()
    except ValueError as exc:
        assert "T1" in str(exc)
    else:
        raise AssertionError("check() accepted a broken record")


def test_model_error_record_shape():
    err = ErrorRecord(input_id="a", source="f.txt", error=ErrorInfo(code="empty_input", message="empty"))
    assert json.loads(err.to_json()) == {"schema": "newsledger/error@1", "input_id": "a", "source": "f.txt",
                                         "error": {"code": "empty_input", "message": "empty"}}
