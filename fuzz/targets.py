"""One fuzz input through ingest + extract, and the contract checked on what comes out.

`run_input(pipeline, kind, payload)` turns bytes into the inputs a user could give
(raw bytes, text, an HTML page, a JSON Lines batch, a feed or a web-archive file),
reads them as the command line does, runs the pipeline, and checks the contract: one
result per input document, each a record whose every span quotes its text (and that
survives a JSON round trip), or an error record with a documented code. Anything else
raises: that is a crash, for the fuzzers (fuzz/fuzz_ingest_extract.py, the Hypothesis
tests) to report.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from newsledger.errors import ERROR_CODES
from newsledger.ingest import InputDocument, read_inputs
from newsledger.model import ErrorRecord, Record

KINDS = ("bytes", "text", "html", "jsonl", "feed", "warc")


class ContractBroken(AssertionError):
    """What came out of the pipeline breaks the record contract."""


def inputs_for(kind: str, payload: bytes, *, raw: bool = False) -> list[InputDocument]:
    """The input documents a user giving `payload` as `kind` would give."""
    if kind == "bytes":
        return [InputDocument(payload, source="<fuzz>", raw=raw)]
    if kind in ("text", "html"):
        text = payload.decode("utf-8", "replace")
        return [InputDocument(text, source="<fuzz>", raw=raw and kind == "text", format=kind)]
    if kind == "jsonl":
        return list(read_inputs(["-"], input_format="jsonl", raw=raw, stdin=io.BytesIO(payload)))
    if kind in ("feed", "warc"):
        suffix = ".rss" if kind == "feed" else ".warc"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"fuzz{suffix}"
            path.write_bytes(payload)
            return list(read_inputs([str(path)], input_format=kind, raw=raw))
    raise ValueError(f"unknown kind {kind!r}")


def check_result(result) -> None:
    if isinstance(result, ErrorRecord):
        if result.error.code not in ERROR_CODES:
            raise ContractBroken(f"undocumented error code {result.error.code!r}: {result.error.message}")
        json.loads(result.to_json())
        return
    if not isinstance(result, Record):
        raise ContractBroken(f"neither a record nor an error record: {result!r:.200}")
    problems = result.problems()
    if problems:
        raise ContractBroken("; ".join(problems[:5]))
    again = Record.from_dict(json.loads(result.to_json()))
    if again.problems() or again.text != result.text:
        raise ContractBroken("the record does not survive a JSON round trip")


def run_input(pipeline, kind: str, payload: bytes, *, raw: bool = False) -> list:
    """Ingest + extract `payload` as `kind`; the results, each checked (raises if one breaks)."""
    items = inputs_for(kind, payload, raw=raw)
    results = list(pipeline.process(items))
    if len(results) != len(items):
        raise ContractBroken(f"{len(items)} inputs gave {len(results)} results")
    for result in results:
        check_result(result)
    return results
