"""The timex evaluator: TimeML reading, offsets, and TempEval-3 figures on hand-made inputs."""

from __future__ import annotations

import pytest

from newsledger.evaluation import timex as ev
from newsledger.evaluation.timex import Counts, Timex, match, read_timeml, score, strip_tags

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>sample</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-06-04" functionInDocument="CREATION_TIME">June 4, 2021</TIMEX3></DCT>
<TEXT>
The council <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-06-03">Thursday</TIMEX3> &amp; agreed to talk again <TIMEX3 tid="t2" type="DATE" value="2021-W23">next week</TIMEX3>.
Its term lasts <TIMEX3 tid="t3" type="DURATION" value="P4Y">four years</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_eval_timex_reads_text_dct_and_offsets(tmp_path):
    path = tmp_path / "sample.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct == "2021-06-04"
    assert "<" not in doc.text and "&amp;" not in doc.text and "met Thursday & agreed" in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "2021-06-03"), ("next week", "DATE", "2021-W23"), ("four years", "DURATION", "P4Y")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_eval_timex_strip_tags_handles_nesting_and_entities():
    text, timexes = strip_tags('a <TIMEX3 type="DATE" value="2020">2020 <SIGNAL sid="s1">&lt;x&gt;</SIGNAL></TIMEX3> b')
    assert text == "a 2020 <x> b"
    assert [(t.text, t.value) for t in timexes] == [("2020 <x>", "2020")]


def test_eval_timex_match_is_one_to_one_exact_first():
    gold = [Timex(0, 6, "DATE", "a"), Timex(10, 20, "DATE", "b")]
    system = [Timex(0, 3, "DATE", "a"), Timex(0, 6, "DATE", "a"), Timex(12, 15, "DATE", "x")]
    pairs = match(gold, system)
    assert [(g.start, s.start, s.end) for g, s in pairs] == [(0, 0, 6), (10, 12, 15)]


def test_eval_timex_figures_follow_tempeval3():
    gold = [Timex(0, 6, "DATE", "2020"), Timex(10, 20, "DURATION", "P1Y"), Timex(30, 35, "DATE", "2021")]
    system = [Timex(0, 6, "DATE", "2020"), Timex(12, 20, "DURATION", "P2Y"), Timex(40, 45, "DATE", "2022")]
    counts, errors = score(gold, system)
    m = counts.metrics()
    assert (counts.strict, counts.relaxed, counts.value_ok, counts.type_ok) == (1, 2, 1, 2)
    assert m["relaxed_precision"] == m["relaxed_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["strict_f1"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["value_accuracy"] == 0.5
    assert m["value_f1"] == pytest.approx(0.5 * 2 / 3, abs=1e-4)  # value accuracy x relaxed F1
    assert len(errors["missed"]) == len(errors["spurious"]) == len(errors["wrong_value"]) == 1


def test_eval_timex_counts_sum_over_documents():
    a, b = Counts(gold=2, system=1, strict=1, relaxed=1, value_ok=1, type_ok=1), Counts(gold=1, system=2, relaxed=1)
    a.add(b)
    assert (a.gold, a.system, a.relaxed, a.value_ok) == (3, 3, 2, 1)
    assert Counts().metrics()["value_f1"] == 0.0


def test_eval_timex_evaluate_runs_pipeline_and_baseline(tmp_path, pipeline):
    pytest.importorskip("dateparser")
    path = tmp_path / "sample.tml"
    path.write_text(TML, encoding="utf-8")
    report = ev.evaluate([path], pipeline=pipeline)
    assert report["counts"]["gold"] == 3
    assert report["metrics"]["value_f1"] == 1.0
    assert "value_f1" in report["baseline"] and report["baseline"]["name"] == "dateparser.search_dates"
    text = ev.format_report(report)
    assert "value F1" in text and "dateparser" in text


def test_eval_timex_default_inputs(tmp_path):
    folder = tmp_path / "eval" / "temporal" / "te3-platinum-dev"
    folder.mkdir(parents=True)
    (folder / "b.tml").write_text(TML)
    (folder / "a.tml").write_text(TML)
    assert [p.name for p in ev.default_inputs(tmp_path)] == ["a.tml", "b.tml"]
    assert ev.default_inputs(tmp_path / "missing") == []


OLD_STYLE = """<TimeML>
<TIMEX3 tid="t0" type="DATE" value="19980108" functionInDocument="CREATION_TIME">01/08/1998</TIMEX3>
<TEXT>It rained <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>.</TEXT>
</TimeML>"""


def test_eval_timex_reads_creation_time_outside_dct(tmp_path):
    path = tmp_path / "old.tml"
    path.write_text(OLD_STYLE, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct == "1998-01-08"
    assert [t.text for t in doc.timexes] == ["yesterday"]


def test_eval_timex_a_failing_document_does_not_stop_the_run(tmp_path):
    from newsledger.errors import NewsledgerError

    class Failing:
        def extract(self, *args, **kwargs):
            raise NewsledgerError("broken", code="bad_input")

    path = tmp_path / "sample.tml"
    path.write_text(TML, encoding="utf-8")
    report = ev.evaluate([path], pipeline=Failing(), baseline=False)
    assert report["counts"]["system"] == 0 and report["failures"]
    assert "failed" in ev.format_report(report)


def test_eval_tbaq_finds_both_corpora_and_halves_aquaint(tmp_path):
    from newsledger.evaluation import tbaq

    for part, names in (("TimeBank", ["wsj_1.tml", "abc_2.tml"]), ("AQUAINT", ["N3.tml", "A1.tml", "A2.tml"])):
        folder = tmp_path / "eval" / "temporal" / "tbaq" / part
        folder.mkdir(parents=True)
        for name in names:
            (folder / name).write_text(TML, encoding="utf-8")
    paths = tbaq.default_inputs(tmp_path)
    assert len(paths) == 5
    where = {p.name: g for p, g in tbaq.parts(paths).items()}
    # the AQUAINT files split in two by sorted name, the first half rounded up
    assert where == {"A1.tml": "AQUAINT A", "A2.tml": "AQUAINT A", "N3.tml": "AQUAINT B",
                     "abc_2.tml": "TimeBank", "wsj_1.tml": "TimeBank"}
    assert tbaq.default_inputs(tmp_path / "missing") == []


def test_eval_timex_groups_are_scored_like_the_whole(tmp_path):
    class Echo:  # a system that finds exactly the gold of the first file and nothing in the second
        def extract(self, text, **kwargs):
            from types import SimpleNamespace

            found = read_timeml(first).timexes if text == read_timeml(first).text else []
            return SimpleNamespace(times=[SimpleNamespace(start=t.start, end=t.end, type=t.type, value=t.value,
                                                          text=t.text) for t in found])

    first, second = tmp_path / "one.tml", tmp_path / "two.tml"
    first.write_text(TML, encoding="utf-8")
    second.write_text(TML.replace("council", "board"), encoding="utf-8")
    report = ev.evaluate([first, second], pipeline=Echo(), baseline=False, group=lambda p: p.stem)
    assert report["groups"]["one"]["value_f1"] == 1.0 and report["groups"]["two"]["value_f1"] == 0.0
    assert report["groups"]["one"]["counts"]["gold"] + report["groups"]["two"]["counts"]["gold"] == \
        report["counts"]["gold"]
    assert "one:" in ev.format_report(report)
