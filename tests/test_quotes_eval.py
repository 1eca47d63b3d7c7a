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
    # textacy has no entities: every figure but the entity-level one
    assert set(report["baseline"]) == set(m) - {"speaker_entity_accuracy"}
    assert set(report["halves"]) == {"A", "B"}
    assert report["counts"]["documents"] == 1
    text = ev.format_report(report)
    assert "quote_f1" in text and "textacy" in text


# --- the referent rules of the entity-level speaker figure --------------------------------------

REF_TEXT = ("Rain Delays Vote\n\n"
            "Senate Majority Leader Karin Holm said the vote would wait. “We need a week,” Holm said.\n\n"
            "Mr. Dahl, a farmer, disagreed. “The fields are flooded,” he said. Critics said it was late, as critics do.\n\n"
            "“We stand ready,” said the Farmers Union. “Nothing changes,” it said.\n\n"
            "“I will vote no,” said Tomas Varga, who spoke last. “Too soon,” said Varga.\n\n"
            "Senator Anna Berg spoke next. “Not now,” the senator said. “Soon,” Berg said. “Later,” she said.\n")


def _src(text: str, s: str, nth: int = 0) -> tuple[tuple[int, int], ...]:
    a = -1
    for _ in range(nth + 1):
        a = text.index(s, a + 1)
    return ((a, a + len(s)),)


def test_referent_rules_resolve_names_pronouns_titles_and_groups():
    from newsledger.evaluation.referents import resolve_sources

    t = REF_TEXT
    sources = {
        "full": _src(t, "Senate Majority Leader Karin Holm"), "surname": _src(t, "Holm", 1),
        "appos": _src(t, "Mr. Dahl, a farmer,"), "he": _src(t, "he said"),
        "critics": _src(t, "Critics"), "union": _src(t, "the Farmers Union"), "it": _src(t, "it said"),
        "varga": _src(t, "Tomas Varga"), "varga2": _src(t, "Varga", 1),
        "title": _src(t, "the senator"), "berg": _src(t, "Berg", 1), "she": _src(t, "she said"),
        "slip": _src(t, "said", 0),
    }
    sources["he"] = ((sources["he"][0][0], sources["he"][0][0] + 2),)
    sources["it"] = ((sources["it"][0][0], sources["it"][0][0] + 2),)
    sources["she"] = ((sources["she"][0][0], sources["she"][0][0] + 3),)
    refs = resolve_sources(t, list(sources.values()))
    got = {k: (refs[v].kind, refs[v].name) for k, v in sources.items()}
    assert got["full"] == ("name", "Karin Holm")  # the title before the name is not part of it
    assert got["surname"] == ("name", "Karin Holm")  # completed by the one full name ending in it
    assert got["appos"] == ("name", "Dahl") and refs[sources["appos"]].gender == "m"
    assert got["he"] == ("pronoun", "Dahl")  # the nearest earlier named Source of a fitting gender
    assert got["critics"][0] == "unnamed"  # "critics" is written in lower case too: a common noun
    assert got["union"] == ("name", "Farmers Union") and got["it"] == ("group", "Farmers Union")
    assert got["varga"] == ("name", "Tomas Varga") and got["varga2"] == ("name", "Tomas Varga")
    assert got["title"] == ("title", "Anna Berg")  # "the senator" after "Senator Anna Berg"
    assert got["she"] == ("pronoun", "Anna Berg")
    assert got["slip"][0] == "slip"


def test_referent_rules_do_not_guess_between_two_full_names_and_respect_gender():
    from newsledger.evaluation.referents import Referent, entity_matches, resolve_sources

    t = "Mr. Lund met Eva Lund and Olof Lund. “Yes,” Lund said. “No,” Mr. Lund said. “Fine,” she said.\n"
    lund = _src(t, "Lund", 3)
    mr = _src(t, "Mr. Lund", 1)
    she = ((t.index("she said"), t.index("she said") + 3),)
    refs = resolve_sources(t, [lund, mr, she])
    assert refs[lund].name == "Lund"  # Eva Lund or Olof Lund: the surname alone
    assert refs[mr].name == "Olof Lund"  # "Mr." rules Eva out
    # she: both earlier Sources are male ("Mr. Lund" is the only honorific before the surname)
    assert refs[she].kind == "unnamed"
    ref = Referent("name", "Olof Lund", ("olof", "lund"), "m")
    assert entity_matches(ref, ("Olof Lund",)) and entity_matches(ref, ("Lund",))
    assert entity_matches(ref, ("Olof K. Lund",)) and not entity_matches(ref, ("Eva Lund",))
    assert entity_matches(Referent("name", "Nordkraft", ("nordkraft",)), ("Nordkraft Energy",), person=False)
    assert not entity_matches(Referent("name", "Nordkraft", ("nordkraft",)), ("Nordkraft Energy",), person=True)


def test_entity_level_speaker_scoring_counts_null_for_unnamed_and_the_entity_for_names(corpus):
    (doc,) = ev.read_corpus([corpus])
    text = doc.text
    part1, part2 = _offsets(text, "The water came in at night,"), _offsets(text, "We lost everything.")
    nobody = _offsets(text, "Nobody was ready,")
    predicted = [
        ev.Predicted((part1,), (_offsets(text, "Ana Ortiz"),), entity_names=("Ana Ortiz",)),
        ev.Predicted((part2,), (), entity_names=("Ana Ortiz",)),
        # "he" refers to the nearest earlier named Source, Tomas Berg: Ortiz is the wrong entity
        ev.Predicted((nobody,), (_offsets(text, "he added"),), entity_names=("Ana Ortiz",)),
    ]
    t = ev.score_document(doc, predicted)
    assert (t.with_source, t.entity_scored, t.entity_right) == (2, 2, 1)
    predicted[2] = ev.Predicted((nobody,), (), entity_names=("Tomas Berg",))
    assert ev.score_document(doc, predicted).entity_right == 2
