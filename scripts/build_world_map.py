"""Build the web app's offline base map: Natural Earth country shapes as SVG paths.

Source: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), as
TopoJSON in the npm package `world-atlas` 2.0.2 (`countries-110m.json`, ISC licence,
Copyright Michael Bostock). The script decodes the TopoJSON, projects every ring to Web
Mercator (the projection of web map tiles, so that optional online tiles line up) on a
1000 x 1000 square, names each shape by its ISO 3166 alpha-3 code (from the numeric id,
via pycountry) and writes `src/newsledger/web/static/world-110m.json`, which is committed:
nothing is downloaded when the app runs.

    python scripts/build_world_map.py                         # fetches world-atlas with `npm pack`
    python scripts/build_world_map.py path/to/countries-110m.json
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pycountry

PACKAGE = "world-atlas@2.0.2"
OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "web" / "static" / "world-110m.json"
SIZE = 1000.0
MAX_LAT = 85.0511287798  # Web Mercator's square world

# Shapes Natural Earth gives no ISO numeric code, named by the user-assigned codes that
# the rest of newsledger uses (data/countries.tsv).
NAMED = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}


def project(lon: float, lat: float) -> tuple[float, float]:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180.0) / 360.0 * SIZE
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * SIZE
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def ring_path(points: list[tuple[float, float]]) -> str:
    out = []
    last = None
    for lon, lat in points:
        x, y = project(lon, lat)
        p = (round(x, 1), round(y, 1))
        if p != last:
            out.append(f"{p[0]:g},{p[1]:g}")
            last = p
    if len(out) < 3:
        return ""
    return "M" + "L".join(out) + "Z"


def iso3(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name")
    if name in NAMED:
        return NAMED[name]
    code = geometry.get("id")
    if code is None:
        return None
    country = pycountry.countries.get(numeric=str(code).zfill(3))
    return country.alpha_3 if country else None


def build(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries = []
    for g in topology["objects"]["countries"]["geometries"]:
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        d = "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)
        if d:
            countries.append({"iso3": iso3(g), "name": g.get("properties", {}).get("name"), "d": d})
    countries.sort(key=lambda c: (c["name"] or ""))
    return {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via the npm package "
                  f"{PACKAGE} (countries-110m.json, ISC licence); built by scripts/build_world_map.py",
        "projection": "Web Mercator (EPSG:3857), x and y in [0, 1000], north up",
        "size": SIZE,
        "countries": countries,
    }


def fetch_topology() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        tarball = next(Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as tar:
            member = tar.extractfile("package/countries-110m.json")
            return json.load(member)


def main(argv: list[str]) -> int:
    topology = json.loads(Path(argv[0]).read_text()) if argv else fetch_topology()
    data = build(topology)
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    missing = [c["name"] for c in data["countries"] if not c["iso3"]]
    print(f"{OUT}: {len(data['countries'])} countries, {OUT.stat().st_size:,} bytes; without a code: {missing or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
