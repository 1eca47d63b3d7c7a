"""The seed article against its gold annotation (the project's own acceptance set)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .seed import SECTIONS, score_record

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "Seed article vs. gold (shared/seed/gold.json rules)"
BUNDLED = Path(__file__).resolve().parents[1] / "examples" / "seed"


def default_inputs(shared: Path) -> list[Path]:
    """The shared seed when present, else the copy bundled with the package."""
    for folder in (shared / "seed", BUNDLED):
        if (folder / "article.txt").exists() and (folder / "gold.json").exists():
            return [folder / "article.txt"]
    return []


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict:
    from ..pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    reports = []
    for article in paths:
        gold = json.loads((article.parent / "gold.json").read_text(encoding="utf-8"))
        record = pipeline.extract(article.read_bytes(), source=str(article))
        reports.append({"file": str(article), **score_record(record, gold).as_dict()})
    first = reports[0]
    return {"metrics": {"overall": first["overall"], **{s: first["sections"][s]["score"] for s in SECTIONS}},
            "files": reports}


def format_report(report: dict) -> str:
    lines = []
    for r in report["files"]:
        lines.append(f"{r['file']}: overall {r['overall']:.3f}")
        for name, s in r["sections"].items():
            extra = f", precision {s['precision']:.2f}" if s["precision"] is not None else ""
            lines.append(f"  {name:<9} {s['score']:.3f}  (recall {s['recall']:.2f}{extra}; {s['passed']}/{s['checks']} checks)")
            for miss in s["misses"][:12]:
                lines.append(f"      - {miss}")
        for k, v in r["bonus"].items():
            lines.append(f"  bonus {k}: {'yes' if v else 'no'}")
    return "\n".join(lines)
