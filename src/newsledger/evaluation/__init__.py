"""Evaluation against public gold data, one module per task.

Each evaluator module defines:

    TITLE: str
    def default_inputs(shared: Path) -> list[Path]
        the development files under the shared folder, [] when they are absent;
    def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict
        a JSON-serialisable report whose "metrics" hold the standard figures
        (and "baseline" those of the baseline scored in the same run);
    def format_report(report: dict) -> str
        the report for a terminal.

`newsledger eval NAME [FILES...]` runs one; `newsledger eval all` runs each whose
data is present and skips the others with a note.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from types import ModuleType

EVALUATORS: dict[str, str] = {
    "seed": "newsledger.evaluation.seed_eval",
    "timex": "newsledger.evaluation.timex",
    "tbaq": "newsledger.evaluation.tbaq",
    "geo": "newsledger.evaluation.geo",
    "quotes": "newsledger.evaluation.quotes",
    "actors": "newsledger.evaluation.actors",
    "plover": "newsledger.evaluation.plover",
    "docevents": "newsledger.evaluation.docevents",
    "wikievents": "newsledger.evaluation.wikievents",
    "dedup": "newsledger.evaluation.dedup",
}


def load(name: str) -> ModuleType:
    return importlib.import_module(EVALUATORS[name])


def available() -> dict[str, ModuleType]:
    """Evaluators whose module exists (stages add theirs as they grow)."""
    out = {}
    for name in EVALUATORS:
        try:
            out[name] = load(name)
        except ModuleNotFoundError as exc:
            if exc.name != EVALUATORS[name]:
                raise
    return out


def corpus_digest(paths: list[Path]) -> str:
    """One sha256 over the evaluation files (names and contents), to pin floors to a corpus.
    A folder stands for every file under it."""
    files = []
    for p in paths:  # Python's byte-code caches are not part of a corpus
        files.extend(sorted(q for q in p.rglob("*") if q.is_file() and "__pycache__" not in q.parts)
                     if p.is_dir() else [p])
    h = hashlib.sha256()
    for p in sorted(files, key=lambda p: p.name):
        h.update(p.name.encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def shared_dir(explicit: str | Path | None = None) -> Path:
    """The shared folder with the development sets: --shared, $NEWSLEDGER_SHARED, or ../shared."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("NEWSLEDGER_SHARED")
    if env:
        return Path(env)
    return Path.cwd().parent / "shared"
