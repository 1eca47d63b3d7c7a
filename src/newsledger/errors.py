"""Domain errors. Each carries a stable code that ends up in error records.

The library raises these; only the CLI and batch runners turn them into
`newsledger/error@1` records or exit codes.
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class: something about one document that stops it from becoming a record."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class InputError(NewsledgerError):
    """The input itself cannot be turned into article text."""

    code = "bad_input"


class EmptyInput(InputError):
    code = "empty_input"


class BinaryInput(InputError):
    code = "binary_input"


class DecodeFailure(InputError):
    code = "decode_error"


class InputTooLarge(InputError):
    code = "too_large"


class UnsupportedLanguage(InputError):
    code = "unsupported_language"


class BadJsonLine(InputError):
    code = "bad_json"


class NoArticleText(InputError):
    code = "no_text"


class TimeBudgetExceeded(NewsledgerError):
    code = "timeout"


class StageFailure(NewsledgerError):
    """A stage raised an unexpected exception on one document."""

    code = "stage_error"


class PipelineConfigError(Exception):
    """Stages are wired wrongly (a stage reads what no earlier stage writes)."""


# Every code an error record may carry, for documentation and tests.
ERROR_CODES = {
    "bad_input": "input could not be read",
    "empty_input": "the document is empty or only whitespace",
    "binary_input": "the document is binary, not text",
    "decode_error": "the bytes are not text in any supported encoding",
    "too_large": "the document is larger than the configured maximum",
    "unsupported_language": "the document is not in English",
    "bad_json": "a JSON Lines input line is not a valid object",
    "no_text": "no article text could be extracted (for HTML: no main content)",
    "timeout": "the document exceeded the per-document time budget",
    "stage_error": "a pipeline stage failed on this document",
    "not_found": "the input path does not exist or cannot be read",
    "bad_warc": "a web archive (WARC) cannot be read, or holds no article",
    "bad_feed": "an RSS or Atom feed cannot be read, or has no entries",
    "bad_record": "a line of a record file (newsledger ingest --records) is not a valid record",
    "worker_crash": "the worker process died while processing this document",
}
