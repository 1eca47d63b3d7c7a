"""Data files of general facts (countries, demonyms, titles, speech verbs...).

Every file says where its facts come from in its header comment or `source` column.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    return DATA_DIR / name


@lru_cache(maxsize=64)
def _read_tsv_cached(name: str) -> tuple[dict[str, str], ...]:
    with data_path(name).open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return tuple({k: (v or "").strip() for k, v in row.items() if k is not None} for row in rows)


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file; lines starting with '#' are comments."""
    return [dict(r) for r in _read_tsv_cached(name)]


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a plain list file."""
    with data_path(name).open(encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]
