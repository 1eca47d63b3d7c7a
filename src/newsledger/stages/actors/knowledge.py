"""Moved: the actor-knowledge contract is `newsledger.knowledge` (the store and the pipeline
import it there). This module keeps the old import path working."""

from ...knowledge import (
    ACTOR_TYPES,
    SECTORS,
    ActorKnowledge,
    BundledKnowledge,
    ChainKnowledge,
    EmptyKnowledge,
    FileKnowledge,
    KnowledgeFileError,
    KnownActor,
    MemoryKnowledge,
    actor_key,
    bundled_knowledge,
    choose,
    default_knowledge,
    leader_rows,
    organisation_rows,
    valid_country_codes,
)
from ...names import name_key

__all__ = [
    "ACTOR_TYPES", "SECTORS", "ActorKnowledge", "BundledKnowledge", "ChainKnowledge", "EmptyKnowledge",
    "FileKnowledge", "KnowledgeFileError", "KnownActor", "MemoryKnowledge", "actor_key", "bundled_knowledge",
    "choose", "default_knowledge", "leader_rows", "name_key", "organisation_rows", "valid_country_codes",
]
