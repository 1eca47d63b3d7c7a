"""The user's actor override file (YAML or CSV), the most trusted knowledge layer.

`load_override_file(path)` returns the actors stage's `FileKnowledge` when it exists
(issue 4 owns the format). Until then, `OverrideFile` below — a TEMPORARY STAND-IN, to be
deleted once `newsledger.stages.actors.knowledge.FileKnowledge` lands — reads:

YAML, a list (or a mapping with an `actors:` list) of entries::

    - name: Maria Lindqvist          # required
      type: PERSON                   # required: PERSON ORG GPE NORP ...
      key: person:maria-lindqvist    # optional: derived from type and name
      aliases: [Lindqvist, President Lindqvist]
      country: NOR                   # ISO alpha-3 (or a historical code)
      sector: GOV                    # PLOVER sector
      role: President of Norway

CSV with the header `key,name,type,aliases,country,sector,role` (aliases separated by `|`).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..stages.actors.knowledge import ActorKnowledge, KnownActor, MemoryKnowledge
from .backend import StoreError
from .learn import actor_key


def read_override_entries(path: str | Path) -> list[KnownActor]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot read the actor override file {path}: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    else:
        import yaml

        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise StoreError(f"{path} is not valid YAML: {exc}") from exc
        rows = data.get("actors", []) if isinstance(data, dict) else data
    out = []
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not row.get("name") or not row.get("type"):
            raise StoreError(f"{path}: entry {i} needs at least a name and a type")
        aliases = row.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a for a in aliases.split("|")]
        name, type_ = str(row["name"]).strip(), str(row["type"]).strip().upper()
        out.append(KnownActor(
            key=str(row.get("key") or actor_key(type_, name)).strip(), name=name, type=type_,
            aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
            country=(str(row["country"]).strip().upper() or None) if row.get("country") else None,
            sector=(str(row["sector"]).strip().upper() or None) if row.get("sector") else None,
            role=(str(row["role"]).strip() or None) if row.get("role") else None,
            source=f"file:{path}"))
    return out


class OverrideFile(MemoryKnowledge):
    """Stand-in override layer (see the module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        super().__init__(read_override_entries(path))


def load_override_file(path: str | Path) -> ActorKnowledge:
    from ..stages.actors import knowledge

    file_knowledge = getattr(knowledge, "FileKnowledge", None)
    if file_knowledge is None:
        return OverrideFile(path)
    loader = getattr(file_knowledge, "load", None)
    return loader(path) if callable(loader) else file_knowledge(path)
