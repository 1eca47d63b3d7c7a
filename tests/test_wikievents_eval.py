"""The WikiEvents scorer: text rebuilt from sentences, KAIROS -> PLOVER mapping, one-to-one pairing
by trigger overlap, excluded mentions ignored, mention triggers checked, the keyword baseline.

Every document here is made up for the test, in the layout of the WikiEvents files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.evaluation import wikievents as we
from newsledger.model import Entity, Event, Mention, Record, Span

MAPPING = """kairos_type_prefix\tplover_type\tactor_roles\tonly_with_agent
Conflict.Attack\tASSAULT\tAttacker\tfalse
Justice.ArrestJailDetain\tCOERCE\tJailer\tfalse
Life.Die\tASSAULT\tKiller\ttrue
Contact.Contact.Meet\tCONSULT\tParticipant\tfalse
Contact.Contact\t-\t\tstatements, not consultations
Life\t-\t\tnot a political event
"""


def _sentence(words: list[str], start: int) -> tuple[list, str]:
    toks, pos = [], start
    for w in words:
        toks.append([w, pos, pos + len(w)])
        pos += len(w) + 1
    return toks, " ".join(words)


def _doc(doc_id: str, sentences: list[list[str]], gaps: list[int], events: list[dict],
         entities: list[dict] = ()) -> dict:
    """A document in the WikiEvents layout; `gaps` are the characters between sentences."""
    out, pos = [], 0
    for k, words in enumerate(sentences):
        toks, text = _sentence(words, pos)
        out.append([toks, text])
        pos += len(text) + (gaps[k] if k < len(gaps) else 0)
    tokens = [t[0] for s in out for t in s[0]]
    return {"doc_id": doc_id, "tokens": tokens, "text": "".join(s[1] for s in out), "sentences": out,
            "entity_mentions": list(entities), "relation_mentions": [], "event_mentions": events}


def _event(eid: str, kairos: str, token: int, text: str, sent: int, args: list[dict] = ()) -> dict:
    return {"id": eid, "event_type": kairos, "trigger": {"start": token, "end": token + 1, "text": text,
                                                          "sent_idx": sent}, "arguments": list(args)}


@pytest.fixture()
def mapping(tmp_path) -> list[we.MappingRow]:
    path = tmp_path / we.MAPPING_NAME
    path.write_text(MAPPING, encoding="utf-8")
    return we.read_mapping(path)


def test_wikievents_mapping_takes_the_longest_whole_component_prefix(mapping):
    assert we.map_type("Contact.Contact.Meet.Unspecified", mapping).plover == "CONSULT"
    assert we.map_type("Contact.Contact.Broadcast", mapping).plover is None  # excluded by Contact.Contact
    assert we.map_type("Life.Die.Unspecified", mapping).only_with_agent
    assert we.map_type("Life.Infect", mapping).plover is None
    assert we.map_type("Conflict.AttackX", mapping) is None  # a prefix is whole components
    assert we.map_type("Conflict.Attack.DetonateExplode", mapping).actor_roles == ("Attacker",)
    assert we.map_type("Life", mapping).note == "not a political event"


def test_wikievents_text_is_rebuilt_with_the_layout_the_offsets_keep():
    headline, _ = _sentence(["Rebels", "storm", "town"], 0)
    s2, _ = _sentence(["Troops", "fired", "."], 18)     # gap 1 after a headline: a line break
    s3, _ = _sentence(["They", "left", "."], 33)        # gap 1 after a full stop: same paragraph
    s4, _ = _sentence(["Talks", "began", "."], 48)      # gap 4: a paragraph break
    text, shifts = we.rebuild_text([[headline, "Rebels storm town"], [s2, "Troops fired ."],
                                    [s3, "They left ."], [s4, "Talks began ."]])
    assert text == "Rebels storm town\nTroops fired . They left .\n\nTalks began ."
    for toks, shift in zip((headline, s2, s3, s4), shifts, strict=True):
        for w, s, e in toks:
            assert text[s + shift:e + shift] == w


def test_wikievents_gold_units_follow_the_mapping_rules(mapping):
    d = _doc("d1", [["Gunmen", "attacked", "a", "bus", "and", "killed", "two", "."],
                    ["Police", "arrested", "a", "man", "who", "killed", "a", "guard", "."],
                    ["A", "farmer", "died", "."]], [1, 1],
             [_event("e1", "Conflict.Attack.Unspecified", 1, "attacked", 0),
              _event("e1b", "Conflict.Attack.FirearmAttack", 1, "attacked", 0),   # same span, same type
              _event("e2", "Life.Die.Unspecified", 5, "killed", 0, [{"entity_id": "m1", "role": "Killer"}]),
              _event("e3", "Justice.ArrestJailDetain.Unspecified", 9, "arrested", 1),
              _event("e4", "Life.Die.Unspecified", 13, "killed", 1, [{"entity_id": "m2", "role": "Killer"}]),
              _event("e5", "Life.Die.Unspecified", 19, "died", 2)],
             [{"id": "m1", "sent_idx": 0, "start": 0, "end": 1, "text": "Gunmen"},
              {"id": "m2", "sent_idx": 1, "start": 12, "end": 13, "text": "who"}])
    doc = we.build_document(d, mapping)
    by_id = {g.kairos + str(g.start): g for g in doc.mentions}
    assert doc.trigger_text_mismatches == 0
    die_with_attack = next(g for g in doc.mentions if g.sentence == 0 and g.kairos.startswith("Life"))
    assert die_with_attack.plover is None and "attack" in die_with_attack.reason
    die_with_killer = next(g for g in doc.mentions if g.sentence == 1 and g.kairos.startswith("Life"))
    assert die_with_killer.plover == "ASSAULT" and die_with_killer.actors[0][2] == "who"
    no_agent = next(g for g in doc.mentions if g.sentence == 2)
    assert no_agent.plover is None and no_agent.reason == "no agent named"
    units, excluded = we.gold_units(doc, typed=True)
    assert sorted((u.text, u.type) for u in units) == [("arrested", "COERCE"), ("attacked", "ASSAULT"),
                                                       ("killed", "ASSAULT")]
    assert len(excluded) == 2 and len(by_id) == 6


def _record(text: str, events: list[Event], entities: list[Entity] = ()) -> Record:
    return Record(article={"source": "test"}, text=text, events=events, entities=list(entities))


def _span(text: str, word: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return Span(start=i, end=i + len(word), text=word)


def _ev(eid: str, type_: str, text: str, word: str, nth: int = 0, mentions: list[Mention] = (),
        actor: list[str] = ()) -> Event:
    trig = _span(text, word, nth)
    return Event(id=eid, type=type_, trigger=trig, evidence=Span(start=0, end=len(text), text=text),
                 mentions=list(mentions), actor=list(actor))


def test_wikievents_pairs_one_to_one_and_classes_the_errors(mapping):
    d = _doc("d2", [["Rebels", "attacked", "the", "base", "."],
                    ["The", "attack", "lasted", "hours", ",", "officials", "said", "."],
                    ["Police", "detained", "the", "leader", "."],
                    ["Ministers", "met", "in", "the", "capital", "."]], [1, 1, 2],
             [_event("a", "Conflict.Attack.Unspecified", 1, "attacked", 0),
              _event("b", "Conflict.Attack.Unspecified", 6, "attack", 1),
              _event("c", "Contact.Contact.Broadcast", 11, "said", 1),
              _event("d", "Justice.ArrestJailDetain.Unspecified", 14, "detained", 2)])
    doc = we.build_document(d, mapping)
    text = doc.text
    second = Mention(**_span(text, "The attack lasted hours").model_dump(), trigger=_span(text, "attack", 1))
    record = _record(text, [
        _ev("V1", "ASSAULT", text, "attacked", mentions=[second]),  # merged: its mention trigger pairs too
        _ev("V2", "ASSAULT", text, "attack", 1),                    # the same trigger again: a duplicate
        _ev("V3", "ACCUSE", text, "said"),                          # on an excluded gold mention: ignored
        _ev("V4", "ASSAULT", text, "detained"),                     # overlaps COERCE gold: wrong type
        _ev("V5", "PROTEST", text, "capital"),                      # nothing there: false
    ])
    preds = we.record_predictions(record)
    assert len(preds) == 5  # V2 repeats V1's mention trigger (same span and type): counted once
    typed, errors = we.score_document(doc, preds, typed=True)
    assert (typed.predicted, typed.ignored, typed.paired, typed.gold) == (5, 1, 2, 3)
    assert [p.text for p, _ in errors["wrong_type"]] == ["detained"]
    assert [p.text for p, _ in errors["false"]] == ["capital"]
    assert [u.text for _, u in errors["missed"]] == ["detained"]
    assert typed.precision == pytest.approx(2 / 4) and typed.recall == pytest.approx(2 / 3)
    detect, _ = we.score_document(doc, preds, typed=False)
    assert detect.paired == 3 and detect.precision == pytest.approx(3 / 4)
    # the events' own triggers only: the mention trigger is left out, V2 then takes the second report
    only = we.record_predictions(record, mention_triggers=False)
    assert [p.event for p in only] == ["V1", "V2", "V3", "V4", "V5"]
    assert we.score_document(doc, only, typed=True)[0].paired == 2


def test_wikievents_duplicate_is_a_second_prediction_on_a_taken_unit(mapping):
    d = _doc("d3", [["Militants", "bombed", "a", "market", "."]], [],
             [_event("a", "Conflict.Attack.DetonateExplode", 1, "bombed", 0)])
    doc = we.build_document(d, mapping)
    preds = [we.Prediction(10, 16, "bombed", "ASSAULT", "V1"), we.Prediction(10, 14, "bomb", "ASSAULT", "V2")]
    score, errors = we.score_document(doc, preds, typed=True)
    assert score.paired == 1 and len(errors["duplicate"]) == 1 and score.precision == 0.5


def test_wikievents_actor_right_by_overlap_or_shared_word(mapping):
    d = _doc("d4", [["Rebels", "attacked", "the", "base", "."]], [],
             [_event("a", "Conflict.Attack.Unspecified", 1, "attacked", 0, [{"entity_id": "m", "role": "Attacker"}])],
             [{"id": "m", "sent_idx": 0, "start": 0, "end": 1, "text": "Rebels"}])
    doc = we.build_document(d, mapping)
    text = doc.text
    rebels = Entity(id="E1", name="rebels", type="NORP", mentions=[_span(text, "Rebels")])
    base = Entity(id="E2", name="the base", type="FAC", mentions=[_span(text, "the base")])
    (unit,), _ = we.gold_units(doc, typed=True)
    right = _record(text, [_ev("V1", "ASSAULT", text, "attacked", actor=["E1"])], [rebels, base])
    wrong = _record(text, [_ev("V1", "ASSAULT", text, "attacked", actor=["E2"])], [rebels, base])
    pred = we.record_predictions(right)[0]
    assert we.actor_right(right, pred, unit) is True
    assert we.actor_right(wrong, pred, unit) is False


def test_wikievents_keyword_baseline_finds_words_of_each_type():
    text = "Police arrested two men after the bombing; ministers met and urged calm."
    got = {(p.text, p.type) for p in we.keyword_predictions(text)}
    assert got == {("arrested", "COERCE"), ("bombing", "ASSAULT"), ("met", "CONSULT"), ("urged", "REQUEST")}


class _FakePipeline:
    """Stands for the pipeline: answers each document with the events the test wrote for it."""

    def __init__(self, answer):
        self.answer = answer

    def process(self, items):
        for item in items:
            text = item.content if isinstance(item.content, str) else item.content.decode()
            yield self.answer(text)


def test_wikievents_evaluate_end_to_end_with_halves_and_baseline(tmp_path, mapping):
    (tmp_path / we.MAPPING_NAME).write_text(MAPPING, encoding="utf-8")
    docs = [_doc(f"doc{k}", [["Gunmen", "attacked", "the", "village", "."], ["Ministers", "met", "."]], [1],
                 [_event("a", "Conflict.Attack.Unspecified", 1, "attacked", 0),
                  _event("b", "Contact.Contact.Meet", 6, "met", 1)]) for k in range(4)]
    data = tmp_path / "dev.jsonl"
    data.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")

    def answer(text):
        return _record(text, [_ev("V1", "ASSAULT", text, "attacked")])

    report = we.evaluate([data], pipeline=_FakePipeline(answer))
    m = report["metrics"]
    assert m["documents"] == 4 and m["gold_units"] == 8
    assert m["typed_precision"] == 1.0 and m["typed_recall"] == 0.5
    assert m["typed_f1"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["halves"]["A"]["documents"] == ["doc0", "doc1"]
    assert report["baseline"]["typed_f1"] == 1.0  # "attacked" and "met" are both keywords
    assert report["error_counts"] == {"missed": 4}
    assert "typed F1" in we.format_report(report)


def test_wikievents_default_inputs_need_the_data_and_the_mapping(tmp_path):
    folder = tmp_path / "eval" / "events" / "wikievents-dev"
    folder.mkdir(parents=True)
    assert we.default_inputs(tmp_path) == []
    (folder / "dev.jsonl").write_text("", encoding="utf-8")
    (folder / we.MAPPING_NAME).write_text(MAPPING, encoding="utf-8")
    assert [p.name for p in we.default_inputs(tmp_path)] == ["dev.jsonl", we.MAPPING_NAME]
    assert isinstance(we.default_inputs(tmp_path)[0], Path)
