"""Actors stage: entities with every mention, country and PLOVER sector.

Steps, all on the one spaCy parse, each in its own module:
1-2. `mentions.py`: candidate mentions (spaCy NER repaired, country names and demonyms,
     names the knowledge layers know, group noun phrases) with the titles and roles
     written around them (`titles.py`);
3.   `merging.py`: mentions merged into entities;
4-5. `coding.py`: country, sector and role from the knowledge layers on the article's date,
     from the gazetteer for places, from the sentence for a domestic office;
6.   `coreference.py`: role descriptions and pronouns resolved to people;
     `emit.py`: the entities and the token -> entity map (`document.mentions`) that the
     quotes and events stages read.

The stage holds only what every call shares (dictionaries, knowledge layers, gazetteer);
each call makes an `ActorsRun` (`run.py`) for its document, so one pipeline can extract
documents on many threads at once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ...document import Document
from ...knowledge import ActorKnowledge, default_knowledge
from ..base import Stage
from . import coding, coreference, merging
from .dictionaries import ActorDictionaries, load_dictionaries
from .emit import emit
from .mentions import find_mentions
from .run import ActorsRun

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer


class ActorsStage(Stage):
    name = "actors"
    reads = ("doc", "text", "anchor")
    writes = ("entities", "mentions")

    def __init__(self, dictionaries: ActorDictionaries | None = None, gazetteer: Gazetteer | None = None,
                 knowledge: ActorKnowledge | None = None) -> None:
        self.dicts = dictionaries or load_dictionaries()
        self._gazetteer = gazetteer
        self._gazetteer_lock = threading.Lock()
        # None: the bundled facts only. Pass a ChainKnowledge to add an override file or the ledger.
        self.knowledge: ActorKnowledge = knowledge if knowledge is not None else default_knowledge()

    @property
    def gazetteer(self) -> Gazetteer:
        """Opened on first use (an article may need none), once for all threads."""
        if self._gazetteer is None:
            with self._gazetteer_lock:
                if self._gazetteer is None:
                    from ...gazetteer import Gazetteer

                    self._gazetteer = Gazetteer.open()
        return self._gazetteer

    def __call__(self, document: Document) -> None:
        run = ActorsRun.start(document, self.dicts, self.knowledge, lambda: self.gazetteer)
        mentions = find_mentions(run)
        groups = merging.merge(run, run.doc, mentions)
        merging.add_missed_surnames(run, run.doc, groups)
        coding.code(run, groups)
        coreference.resolve(run, groups)
        emit(run, groups)


from .learn import learnable_actors  # noqa: E402  (re-exported for the store)

__all__ = ["ActorsRun", "ActorsStage", "learnable_actors"]
