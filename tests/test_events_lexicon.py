"""The PLOVER lexicon, cue and example data files: well formed and within the manual's codes."""

from __future__ import annotations

from newsledger.data import read_tsv
from newsledger.model import PLOVER_TYPES
from newsledger.stages.events.coder import COMPOSERS
from newsledger.stages.events.lexicon import cues, lexicon

# Modes of the manual (shared/reference/plover), per type.
MANUAL_MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"},
}
CONTROLS = set(COMPOSERS) | {"none"}  # every control the lexicon names has its composer
FRAMES = {"patient", "transfer", "comitative", "source", "addressee", "undergo"}


def test_events_lexicon_rows_use_the_manual_codes():
    rows = read_tsv("plover_lexicon.tsv")
    assert len(rows) > 400
    for row in rows:
        assert row["pos"] in ("VERB", "NOUN", "ADJ"), row
        assert row["type"] in (*PLOVER_TYPES, "-"), row
        if row["mode"]:
            assert row["mode"] in MANUAL_MODES.get(row["type"], set()), row
        assert row["control"] in CONTROLS | {""}, row
        assert row["frame"] in FRAMES | {""}, row
        assert row["light"] in ("", "0", "1", "2"), row
        assert row["type"] != "-" or row["control"], row


def test_events_lexicon_lines_have_every_column():
    from newsledger.data import data_path

    for name, width in (("plover_lexicon.tsv", 8), ("plover_cues.tsv", 4), ("plover_examples.tsv", 5)):
        for n, line in enumerate(data_path(name).read_text(encoding="utf-8").splitlines(), start=1):
            if line and not line.startswith("#"):
                assert len(line.split("\t")) == width, f"{name}:{n}: {line!r}"


def test_events_lexicon_covers_all_sixteen_types():
    types = {r["type"] for r in read_tsv("plover_lexicon.tsv")}
    assert set(PLOVER_TYPES) <= types


def test_events_cues_give_manual_modes_and_contexts():
    c = cues()
    for type_, table in c.modes.items():
        for _words, mode in table:
            assert mode in MANUAL_MODES[type_], (type_, mode)
    assert {v for _w, v in c.contexts} >= {"military", "economic", "diplomatic", "legal", "terrorism"}


def test_events_examples_cover_every_type_and_are_coded_with_manual_codes():
    rows = read_tsv("plover_examples.tsv")
    assert {r["type"] for r in rows} == set(PLOVER_TYPES)
    for r in rows:
        if r["mode"]:
            assert r["mode"] in MANUAL_MODES[r["type"]], r


def test_events_lexicon_rows_with_conditions_are_tried_first():
    entries = lexicon().entries("strike", "NOUN")
    conditioned = [bool(e.requires) for e in entries]
    assert conditioned == sorted(conditioned, reverse=True)


def test_events_lexicon_every_control_kind_has_a_composer():
    from newsledger.stages.events.coder import COMPOSERS

    controls = {row["control"] for row in read_tsv("plover_lexicon.tsv") if row["control"]}
    assert controls - {"none"} <= set(COMPOSERS), controls - set(COMPOSERS)
