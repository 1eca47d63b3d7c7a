"""Build src/newsledger/data/geonames_admin.tsv: GeoNames' own points of countries and first-level divisions.

Run by developers, not at run time:

    python scripts/build_geonames_admin.py [PATH/TO/geonames_country_adm1.tsv]

The input (default ../shared/geo/geonames_country_adm1.tsv) holds GeoNames' feature of every
independent country (PCLI, full precision) and of 3,816 first-level divisions (ADM1, rounded to
0.1 degree by OpenSextant Xponents' export), with their GeoNames ids and admin1 codes; its
PROVENANCE.md says where each part comes from. The output keeps the columns the gazetteer reads,
in a stable order, under the attribution GeoNames' licence asks for. No row is added by hand.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "geo" / "geonames_country_adm1.tsv"
OUTPUT = ROOT / "src" / "newsledger" / "data" / "geonames_admin.tsv"
COLUMNS = ("geonameid", "name", "asciiname", "country", "admin1", "feature_code", "lat", "lon", "population")
HEADER = """\
# GeoNames features of countries (feature code PCLI) and first-level administrative divisions (ADM1):
# GeoNames id, name, ISO 3166 alpha-2 country, GeoNames admin1 code, and GeoNames' own point of the feature.
# Contains data from GeoNames (www.geonames.org), licensed under CC BY 4.0.
# Source: geonames_country_adm1.tsv of the project's shared geo folder (see its PROVENANCE.md): country
# points at full precision from a February 2025 allCountries extract (PyPI geomentions 0.0.1, ids from
# GeoNames countryInfo.txt); ADM1 points rounded to 0.1 degree from OpenSextant Xponents'
# geonames_admin1_mapping.csv (January 2023 allCountries), ids, names and codes from GeoNames
# admin1CodesASCII.txt (November 2025).
# Xponents NOTICE: Copyright 2013-2018 MITRE Corporation, licensed under the Apache License 2.0; "This
# software was produced for the U. S. Government under Contract No. W15P7T-12-C-F600, and is subject to the
# Rights in Noncommercial Computer Software and Noncommercial Computer Software Documentation Clause
# 252.227-7014 (JUN 1995)".
# asciiname is left empty when it equals name. Built by scripts/build_geonames_admin.py; do not edit.
"""


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    seen: set[str] = set()
    for r in rows:
        gid = r["geonameid"].strip()
        if not gid.isdigit() or gid in seen:
            raise SystemExit(f"bad or repeated geonameid: {r}")
        seen.add(gid)
        if r["feature_code"] not in ("PCLI", "ADM1"):
            raise SystemExit(f"unexpected feature code: {r}")
        lat, lon = float(r["lat"]), float(r["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise SystemExit(f"point out of range: {r}")
        if len(r["country"]) != 2 or (r["feature_code"] == "ADM1" and not r["admin1"]):
            raise SystemExit(f"row without its codes: {r}")
        row = {k: (r.get(k) or "").strip() for k in COLUMNS}
        if row["asciiname"] == row["name"]:
            row["asciiname"] = ""
        out.append(row)
    # countries first, then divisions, each by country and code: a stable file whatever the input order
    out.sort(key=lambda r: (r["feature_code"] != "PCLI", r["country"], r["admin1"], int(r["geonameid"])))
    return out


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_INPUT
    rows = read_rows(source)
    with OUTPUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    kinds = {code: sum(1 for r in rows if r["feature_code"] == code) for code in ("PCLI", "ADM1")}
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {kinds['PCLI']} countries, {kinds['ADM1']} first-level divisions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
