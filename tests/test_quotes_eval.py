"""Quotes evaluation: the brat reader, the matching rules, and a run over a tiny hand-made corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.evaluation import corpus_digest
from newsledger.evaluation import quotes as ev

TEXT = ("Storm Hits Coast\n\n"
        "“The water came in at night,” Ana Ortiz said. “We lost everything.”\n\n"
        "Tomas Berg said the repairs would take a year.\n\n"
        "''Nobody was ready,'' he added.\n")


def _offsets(text: str, s: str) -> tuple[int, int]:
    a = text.index(s)
    return a, a + len(s)


def _ann(text: str) -> str:
    q1a, q1b = _offsets(text, "“The water came in at night,”"), _offsets(text, "“We lost everything.”")
    src1, cue1 = _offsets(text, "Ana Ortiz"), _offsets(text, "said")
    rep = _offsets(text, "the repairs would take a year")
    src2 = _offsets(text, "Tomas Berg")
    q3, src3 = _offsets(text, "''Nobody was ready,''"), _offsets(text, "he added")
    return "\n".join([
        f"T1\tContent {q1a[0]} {q1a[1]};{q1b[0]} {q1b[1]}\tx",
        f"T2\tSource {src1[0]} {src1[1]}\tAna Ortiz",
        f"T3\tCue {cue1[0]} {cue1[1]}\tsaid",
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        f"T4\tContent {rep[0]} {rep[1]}\tx",
        f"T5\tSource {src2[0]} {src2[1]}\tTomas Berg",
        "E2\tAttribution:T5 Content:T4 Source:T5",
        f"T6\tContent {q3[0]} {q3[1]}\tx",
        f"T7\tSource {src3[0]} {src3[0] + 2}\the",
        "E3\tAttribution:T7 Content:T6 Source:T7",
    ]) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "storm.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "storm_aa.ann").write_text(_ann(TEXT), encoding="utf-8")
    # a second annotator of the same text is ignored (the first file in name order counts)
    (tmp_path / "attributions" / "storm_zz.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_quotes_eval_reads_direct_quotes_with_fragments_and_doubled_apostrophes(corpus):
    (doc,) = ev.read_corpus([corpus])
    assert doc.annotation == "storm_aa.ann"
    assert len(doc.quotes) == 2  # the reported statement does not begin with a quote mark
    split, nyt = doc.quotes
    assert len(split.content) == 2 and doc.text[slice(*split.source[0])] == "Ana Ortiz"
    assert doc.text[slice(*nyt.content[0])].startswith("''Nobody")


def test_quotes_eval_matching_and_speaker_rules(corpus):
    (doc,) = ev.read_corpus([corpus])
    text = doc.text
    part1, part2 = _offsets(text, "The water came in at night,"), _offsets(text, "We lost everything.")
    ortiz = _offsets(text, "Ana Ortiz")
    nobody = _offsets(text, "Nobody was ready,")
    predicted = [
        ev.Predicted((part1,), (ortiz,)),  # speaker words overlap the Source
        ev.Predicted((part2,), ((0, 5),), entity_mentions=(ortiz,)),  # the entity's mention overlaps it
        ev.Predicted((nobody,), ((0, 5),)),  # wrong speaker
        ev.Predicted((_offsets(text, "Storm Hits Coast"),), ()),  # not a quote
    ]
    t = ev.score_document(doc, predicted, keep_misses=True)
    m = t.metrics()
    assert (t.predicted, t.pred_matched, t.gold, t.gold_matched) == (4, 3, 2, 2)
    assert m["quote_precision"] == 0.75 and m["quote_recall"] == 1.0
    assert (t.with_source, t.speaker_right) == (2, 1)
    assert (t.pred_e2e, t.gold_e2e) == (2, 1)
    assert any("extra" in x for x in t.misses) and any("speaker of" in x for x in t.misses)


def test_quotes_eval_folder_digest_covers_every_file(corpus):
    before = corpus_digest([corpus])
    (corpus / "attributions" / "storm_zz.ann").write_text("T1\tContent 0 1\tx\n", encoding="utf-8")
    assert corpus_digest([corpus]) != before


@pytest.mark.acceptance
def test_quotes_eval_runs_the_pipeline_and_the_baseline(corpus, pipeline):
    report = ev.evaluate([corpus], pipeline=pipeline)
    m = report["metrics"]
    assert m["quote_recall"] == 1.0 and m["speaker_accuracy"] == 1.0
    assert set(report["baseline"]) == set(m)
    assert report["counts"]["documents"] == 1
    text = ev.format_report(report)
    assert "quote_f1" in text and "textacy" in text
