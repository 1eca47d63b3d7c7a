"""Bad inputs give an error record with a clear code (or a record with a warning); the batch goes on."""

from __future__ import annotations

import codecs

from newsledger.config import Settings
from newsledger.ingest import InputDocument
from newsledger.pipeline import Pipeline

GOOD = "Norway and Sweden signed an agreement on fishing rights on Monday, officials said in Oslo."
GERMAN = ("Die Regierung hat am Montag neue Maßnahmen beschlossen, die ab dem nächsten Monat gelten sollen. "
          "Der Minister erklärte, dass die Verhandlungen mit den Nachbarländern fortgesetzt werden.")


def test_errors_each_bad_input_gets_a_code_and_the_batch_finishes(nlp):
    pipeline = Pipeline(nlp=nlp, settings=Settings(max_bytes=20 * 1024 * 1024 - 1))
    big = (GOOD + "\n").encode() * (20 * 1024 * 1024 // len(GOOD) + 10)
    items = [
        InputDocument(b"", source="empty"),
        InputDocument(GOOD.encode(), source="good-1"),
        InputDocument(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, source="binary"),
        InputDocument(bytes(range(128, 256)) * 30, source="undecodable"),
        InputDocument(big, source="20mb"),
        InputDocument(GERMAN, source="german"),
        InputDocument(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), source="utf16"),
        InputDocument(GOOD.encode("cp1252"), source="good-2"),
    ]
    results = list(pipeline.process(items))
    assert [r.error.code if r.schema_ == "newsledger/error@1" else "ok" for r in results] == [
        "empty_input", "ok", "binary_input", "decode_error", "too_large", "unsupported_language", "ok", "ok"]
    assert [r.source if hasattr(r, "source") and r.schema_ == "newsledger/error@1" else r.article.source
            for r in results] == [i.source for i in items]


def test_errors_stage_crash_costs_one_document(nlp):
    from newsledger.stages import default_stages
    from newsledger.stages.base import Stage

    class Explodes(Stage):
        name = "explodes"
        reads = ("doc",)
        writes = ()

        def __call__(self, document):
            if "boom" in document.text:
                raise RuntimeError("kaboom")

    pipeline = Pipeline(nlp=nlp, stages=[*default_stages(), Explodes()])
    results = list(pipeline.process([InputDocument(GOOD), InputDocument(GOOD + " boom."), InputDocument(GOOD)]))
    assert [r.schema_ for r in results] == ["newsledger/record@1", "newsledger/error@1", "newsledger/record@1"]
    assert results[1].error.code == "stage_error" and "kaboom" in results[1].error.message


def test_errors_short_text_warns(pipeline):
    rec = pipeline.extract("Troops withdrew.")
    assert any(w.code == "short_text" for w in rec.warnings)
