"""TIMEX3 on TBAQ: TimeBank and AQUAINT as cleaned for TempEval-3, scored as `timex` scores.

TBAQ (`$NEWSLEDGER_SHARED/eval/temporal/tbaq/`: 183 TimeBank and 73 AQUAINT news
documents, each anchored at its own creation time) is a second, larger TimeML gold set
next to the TempEval-3 platinum documents of `timex`: older news (1989-2000), Wall Street
Journal business reports, broadcast transcripts and wire copy. The figures are the
TempEval-3 entity figures of `newsledger.evaluation.timex`, for the whole set and for
each of its parts:

- `TimeBank`, the development half (rules were written looking at its errors);
- `AQUAINT A` and `AQUAINT B`, the AQUAINT files split in two by sorted file name: the
  first half was read as well, the second never is (it shows whether the rules carry
  over to text nobody looked at).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import timex

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "TIMEX3 on TBAQ (TimeBank + AQUAINT, TempEval-3 metrics; baseline dateparser.search_dates)"


def default_inputs(shared: Path) -> list[Path]:
    return sorted((shared / "eval" / "temporal" / "tbaq").glob("*/*.tml"))


def parts(paths: list[Path]) -> dict[Path, str]:
    """Each file's part: its folder, the AQUAINT files halved by sorted name."""
    out: dict[Path, str] = {}
    aquaint = sorted((p for p in paths if p.parent.name == "AQUAINT"), key=lambda p: p.name)
    half = (len(aquaint) + 1) // 2
    for i, p in enumerate(aquaint):
        out[p] = "AQUAINT A" if i < half else "AQUAINT B"
    for p in paths:
        out.setdefault(p, p.parent.name or "other")
    return out


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None, baseline: bool = True) -> dict:
    where = parts(paths)
    return timex.evaluate(paths, pipeline=pipeline, baseline=baseline, group=where.__getitem__)


format_report = timex.format_report
