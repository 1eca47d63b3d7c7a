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

from ..document import GIVEN, PARSE, Document, stage_attributes
from ..errors import PipelineConfigError


class Stage:
    """A step of the pipeline. `reads` and `writes` name attributes of `Document` (checked
    against the class by `check_stage_order`)."""

    name: ClassVar[str] = "stage"
    reads: ClassVar[tuple[str, ...]] = ()
    writes: ClassVar[tuple[str, ...]] = ()
    needs_parse: ClassVar[bool] = True

    def __call__(self, document: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<stage {self.name}: reads {', '.join(self.reads) or '-'}; writes {', '.join(self.writes) or '-'}>"


def check_stage_order(stages: Sequence[Stage]) -> None:
    """Raise PipelineConfigError when a stage declares a name that is not an attribute of
    `Document` (a field or property of the class itself, see `document.stage_attributes`),
    reads an attribute that is not there yet (a stage's output before a stage writes it, the
    parse before the parse), comes twice, or runs before the parse after a stage that needs it."""
    attributes = stage_attributes()
    available = {name for name, when in attributes.items() if when == GIVEN}
    parsed = False
    names = set()
    for stage in stages:
        if stage.name in names:
            raise PipelineConfigError(f"stage {stage.name!r} appears twice")
        names.add(stage.name)
        if stage.needs_parse and not parsed:
            available |= {name for name, when in attributes.items() if when == PARSE}
            parsed = True
        elif not stage.needs_parse and parsed:
            raise PipelineConfigError(f"pre-parse stage {stage.name!r} comes after a stage that needs the parse")
        for name in (*stage.reads, *stage.writes):
            if name not in attributes:
                what = "a method" if callable(getattr(Document, name, None)) else "not an attribute"
                raise PipelineConfigError(
                    f"stage {stage.name!r} declares unknown field {name!r}: it is {what} of Document, whose "
                    f"fields are {', '.join(sorted(attributes))}")
        missing = [name for name in stage.reads if name not in available]
        if missing:
            late = [n for n in missing if attributes[n] == PARSE]
            why = "which only the parse gives (set needs_parse)" if late and len(late) == len(missing) else \
                "which no earlier stage writes"
            raise PipelineConfigError(f"stage {stage.name!r} reads {', '.join(missing)}, {why}")
        available.update(stage.writes)
