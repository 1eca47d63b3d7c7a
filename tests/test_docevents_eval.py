"""The document-level event scorer (newsledger eval docevents) on hand-made gold and records."""

from __future__ import annotations

import json

from newsledger.evaluation import docevents
from newsledger.model import DateInterval, Entity, Event, Record, Span

TEXT_A = "Arvonian police arrested two activists in Lorsk on Monday."
TEXT_B = "Belorian troops shelled a village near the border on Friday."


def _gold(tmp_path, name, text, event):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"id": name, "text": text, "published": "2024-05-08", "events": [event]}),
                    encoding="utf-8")
    return path


def _record(text, word, type_, actor_name):
    start = text.index(word)
    actor = Entity(id="E1", name=actor_name, type="ORG", mentions=[Span(start=0, end=len(actor_name), text=text[:len(actor_name)])])
    event = Event(id="V1", type=type_, actor=["E1"], date=DateInterval(start="2024-05-06", end="2024-05-06"),
                  trigger=Span(start=start, end=start + len(word), text=word),
                  evidence=Span(start=0, end=len(text), text=text), confidence=0.8)
    return Record(article={"source": "x"}, text=text, entities=[actor], events=[event], main_event="V1")


class _Pipeline:
    """Stands in for the pipeline: the record made for each gold text."""

    def __init__(self, records):
        self.records = records

    def extract(self, text, **_):
        return self.records[text]


def test_docevents_scores_matches_false_events_and_each_half(tmp_path):
    a = _gold(tmp_path, "a-doc", TEXT_A, {"type": "COERCE", "actor": ["Arvonian police"], "recipient": [],
                                          "date": "2024-05-06", "evidence": ["arrested"]})
    b = _gold(tmp_path, "b-doc", TEXT_B, {"type": "ASSAULT", "actor": ["Belorian troops"], "recipient": [],
                                          "date": "2024-05-03", "evidence": ["shelled"]})
    records = {TEXT_A: _record(TEXT_A, "arrested", "COERCE", "Arvonian police"),
               TEXT_B: _record(TEXT_B, "village", "PROTEST", "Belorian troops")}
    report = docevents.evaluate([a, b], pipeline=_Pipeline(records))
    m = report["metrics"]
    assert (m["precision"], m["recall"]) == (0.5, 0.5)
    assert report["counts"]["false"] + report["counts"]["wrong_type"] == 1
    assert m["strict_precision"] == 0.5  # type, actor, recipient and date of the arrest all right
    # the halves: the articles by sorted name, alternating
    assert report["halves"]["A"]["precision"] == 1.0
    assert report["halves"]["B"]["precision"] == 0.0
    assert "half A" in docevents.format_report(report)
