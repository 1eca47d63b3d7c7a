"""No rule in the package names a person, place or sentence of the seed or of an evaluation set."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsledger"
# Names from the seed article and the development sets that a special case would mention.
FORBIDDEN = re.compile(
    r"aliyev|erdogan|karabakh|nakhchivan|mustafa kemal|garabagh|karimli|shusha|lachin|kalbajar|aghdam|"
    r"jabrayil|fuzuli|zangilan|gubadli|hillary|clinton|trump|jhung|karlov|altintas|"
    # people of the document-level event gold (eval/events/doc-gold)
    r"skripal|matiangi|maraga|quiros|stenger|schiff|pagliano|raggi|wasserman|butterfield|roginsky",
    re.I,
)


def test_hygiene_package_code_names_no_seed_or_eval_entities():
    hits = []
    for path in PACKAGE.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if FORBIDDEN.search(line):
                hits.append(f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}")
    assert hits == []
