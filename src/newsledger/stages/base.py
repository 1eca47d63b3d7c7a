"""What a stage is: a named callable over a `Document` that declares its fields.

    class TimesStage(Stage):
        name = "times"
        reads = ("doc", "anchor")
        writes = ("times",)
        def __call__(self, document): ...

`needs_parse = False` marks a stage that runs on the text before spaCy parses it
(metadata checks that can refuse a document without paying for a parse).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from ..document import BASE_FIELDS, FIELDS, Document
from ..errors import PipelineConfigError


class Stage:
    name: ClassVar[str] = "stage"
    reads: ClassVar[tuple[str, ...]] = ()
    writes: ClassVar[tuple[str, ...]] = ()
    needs_parse: ClassVar[bool] = True

    def __call__(self, document: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<stage {self.name}: reads {', '.join(self.reads) or '-'}; writes {', '.join(self.writes) or '-'}>"


def check_stage_order(stages: Sequence[Stage]) -> None:
    """Raise PipelineConfigError when a stage reads a field no earlier stage wrote."""
    available = set(BASE_FIELDS) - {"doc"}
    parsed = False
    names = set()
    for stage in stages:
        if stage.name in names:
            raise PipelineConfigError(f"stage {stage.name!r} appears twice")
        names.add(stage.name)
        if stage.needs_parse and not parsed:
            available.add("doc")
            parsed = True
        elif not stage.needs_parse and parsed:
            raise PipelineConfigError(f"pre-parse stage {stage.name!r} comes after a stage that needs the parse")
        for f in (*stage.reads, *stage.writes):
            if f not in FIELDS:
                raise PipelineConfigError(f"stage {stage.name!r} declares unknown field {f!r}")
        missing = [f for f in stage.reads if f not in available]
        if missing:
            raise PipelineConfigError(
                f"stage {stage.name!r} reads {', '.join(missing)}, which no earlier stage writes"
            )
        available.update(stage.writes)
