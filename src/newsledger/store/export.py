"""Exports: record JSON Lines, event tables (CSV, Parquet), PLOVER/POLECAT-style event JSON,
and a GDELT-events-like TSV.

- `records`: the stored records exactly as extracted (newsledger/record@1), one per line,
  optionally followed by the stored error records.
- `csv` / `parquet`: one row per ledger event (the `query` columns).
- `plover`: a JSON list of ledger events shaped like the PLOVER gold-standard records
  (`id`, `date`, `source`/`target` as lists of `{actorText, code, sector}`, `event`,
  `eventText`, `context`, `mode`, `text`, `textInfo.markup` with `(SRC: …)`, `(TAR: …)`,
  `(EVT: …)` marks, `language`, `publication`, `coder`, `version`, `dateCoded`, `eventLoc`),
  plus `reports` and `sources` for the deduplication.
- `gdelt`: the 61 columns of a GDELT 2.0 event record, with a header line. Event codes are
  the CAMEO root codes PLOVER types aggregate (data/plover_cameo.tsv, with its sources);
  unlike GDELT's FIPS, geographic country codes are ISO alpha-2; fields newsledger does not
  produce (tone, religion, ethnicity, ADM codes, actor geography) are empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from ..countries import country_rows
from ..data import read_tsv
from ..model import Record
from .backend import Store, StoreError
from .query import EVENT_COLUMNS, Filters, event_conditions, events

EXPORT_FORMATS = ("records", "csv", "parquet", "plover", "gdelt")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
# GDELT's geographic resolution: 1 country, 4 world city, 5 world state (first-order division).
_GEO_TYPE = {"country": 1, "city": 4, "feature": 4, "region": 5}


@lru_cache(maxsize=1)
def plover_cameo() -> dict[str, dict[str, str]]:
    return {r["plover"]: r for r in read_tsv("plover_cameo.tsv")}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    return {r["iso3"]: r for r in country_rows()}


def iso2(iso3: str | None) -> str | None:
    row = _countries().get(iso3 or "")
    return (row or {}).get("iso2") or None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("newsledger")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def _open(path: str | Path | IO, mode: str = "w"):
    if hasattr(path, "write"):
        return path, False
    return open(path, mode, encoding="utf-8", newline=""), True  # noqa: SIM115 - closed by the caller


# --- records ---------------------------------------------------------------------------------

def export_records(store: Store, out: str | Path | IO, *, errors: bool = False) -> int:
    """Every stored record (and with `errors`, every error record), one JSON per line."""
    fh, close = _open(out)
    n = 0
    try:
        last = 0
        while True:  # pages by id, so a large store is never read whole
            rows = store.rows("SELECT id, record FROM articles WHERE id > ? ORDER BY id LIMIT 500", (last,))
            if not rows:
                break
            for article_id, record in rows:
                fh.write(record + "\n")
                last, n = article_id, n + 1
        if errors:
            for source, input_id, code, message in store.rows(
                    "SELECT source, input_id, error_code, error_message FROM documents WHERE status = 'error' ORDER BY id"):
                fh.write(json.dumps({"schema": "newsledger/error@1", "input_id": input_id, "source": source,
                                     "error": {"code": code, "message": message}}, ensure_ascii=False) + "\n")
                n += 1
    finally:
        if close:
            fh.close()
    return n


# --- event tables ------------------------------------------------------------------------------

def export_table(store: Store, out: str | Path, fmt: str, filters: Filters | None = None) -> int:
    frame = events(store, filters, limit=None, newest_first=False)
    if fmt == "csv":
        frame.to_csv(out, index=False)
    elif fmt == "parquet":
        frame.to_parquet(out, index=False, engine="pyarrow")
    else:
        raise StoreError(f"unknown table format {fmt!r}")
    return len(frame)


# --- PLOVER -----------------------------------------------------------------------------------

def _ledger_rows(store: Store, filters: Filters | None) -> Iterator[dict[str, Any]]:
    where, params = event_conditions(store, filters or Filters())
    cur = store.execute(f"SELECT {EVENT_COLUMNS} FROM ledger_events le "
                        f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY le.day_start IS NULL, le.day_start, le.key", params)
    columns = [d[0].split(".")[-1] for d in cur.description]
    for row in cur.fetchall():
        yield dict(zip(columns, row, strict=True))


def _participants(store: Store, ledger_id: int) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"actor": [], "recipient": []}
    for role, name, country, sector in store.rows(
            "SELECT role, name, country, sector FROM ledger_actors WHERE ledger_event_id = ? ORDER BY role, name",
            (ledger_id,)):
        item = {"actorText": name, "code": country or sector or ""}
        if sector:
            item["sector"] = sector
        out[role].append(item)
    return out


def _representative(store: Store, ledger_id: int) -> tuple[int, str] | None:
    row = store.one(
        "SELECT e.article_id, e.local_id FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.ledger_event_id = ? ORDER BY a.published IS NULL, a.published, a.article_key, e.local_id LIMIT 1",
        (ledger_id,))
    return (int(row[0]), row[1]) if row else None


def plover_markup(record: Record, event_id: str) -> tuple[str, str]:
    """The event's evidence text, and the same text with PLOVER-style marks around the
    actor (SRC), recipient (TAR) and trigger (EVT) words inside it."""
    event = next(v for v in record.events if v.id == event_id)
    start, end = event.evidence.start, event.evidence.end
    roles: dict[str, set[str]] = {}
    for role, refs in (("SRC", event.actor), ("TAR", event.recipient)):
        for ref in refs:
            roles.setdefault(ref, set()).add(role)
    marks: list[tuple[int, int, str]] = [(event.trigger.start, event.trigger.end, "EVT")]
    for entity in record.entities:
        if entity.id in roles:
            label = "/".join(sorted(roles[entity.id], reverse=True))
            marks += [(m.start, m.end, label) for m in entity.mentions if start <= m.start and m.end <= end]
    kept: list[tuple[int, int, str]] = []
    for s, e, label in sorted(marks):
        if s >= start and e <= end and all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, label))
    text = record.text
    pieces, pos = [], start
    for s, e, label in kept:
        pieces += [text[pos:s], f"({label}: {text[s:e]})"]
        pos = e
    pieces.append(text[pos:end])
    return text[start:end], "".join(pieces)


def plover_events(store: Store, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
    """Ledger events as PLOVER/POLECAT-style JSON objects."""
    coded = date.today().isoformat()
    version = _version()
    records: dict[int, Record] = {}
    for row in _ledger_rows(store, filters):
        people = _participants(store, row["id"])
        item: dict[str, Any] = {"id": row["key"]}
        if row["date_start"]:
            item["date"] = row["date_start"]
        item["source"] = people["actor"]
        item["target"] = people["recipient"] or ""
        item["event"] = row["type"]
        item["eventText"] = row["trigger_text"] or ""
        item["context"] = ", ".join((row["context"] or "").split("|")) if row["context"] else ""
        if row["mode"]:
            item["mode"] = row["mode"]
        text, markup = row["evidence"] or "", row["evidence"] or ""
        rep = _representative(store, row["id"])
        if rep is not None:
            article_id, local_id = rep
            if article_id not in records:
                if len(records) > 256:
                    records.clear()
                records[article_id] = Record.from_dict(json.loads(
                    store.scalar("SELECT record FROM articles WHERE id = ?", (article_id,))))
            text, markup = plover_markup(records[article_id], local_id)
        item["text"] = text
        item["textInfo"] = {"markup": markup}
        item["language"] = "en"
        item["publication"] = row["source_url"] or ""
        item["coder"] = "newsledger"
        item["version"] = version
        item["dateCoded"] = coded
        if row["place_name"]:
            loc: dict[str, Any] = {"name": row["place_name"]}
            code = iso2(row["place_country"])
            if code:
                loc["country code"] = code
            if row["lat"] is not None:
                loc["lat"], loc["lon"] = row["lat"], row["lon"]
            item["eventLoc"] = loc
        item["reports"] = row["n_reports"]
        item["sources"] = _sources(store, row["id"])
        item["confidence"] = row["confidence"]
        yield item


def _sources(store: Store, ledger_id: int) -> list[str]:
    return [r[0] for r in store.rows(
        "SELECT DISTINCT coalesce(a.url, a.source, a.article_key) FROM events e JOIN articles a "
        "ON a.id = e.article_id WHERE e.ledger_event_id = ? ORDER BY 1", (ledger_id,))]


def export_plover(store: Store, out: str | Path | IO, filters: Filters | None = None) -> int:
    fh, close = _open(out)
    n = 0
    try:
        fh.write("[")
        for item in plover_events(store, filters):
            fh.write(("\n" if n == 0 else ",\n") + json.dumps(item, ensure_ascii=False, indent=4))
            n += 1
        fh.write("\n]\n")
    finally:
        if close:
            fh.close()
    return n


# --- GDELT --------------------------------------------------------------------------------------

def _fraction_date(day: date) -> str:
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365.0:.4f}"


def gdelt_rows(store: Store, filters: Filters | None = None) -> Iterator[list[Any]]:
    cameo = plover_cameo()
    added = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    for row in _ledger_rows(store, filters):
        if not row["day_start"]:
            continue  # GDELT events always have a day
        day = date.fromisoformat(row["day_start"])
        people = _participants(store, row["id"])
        codes = cameo.get(row["type"], {})
        out: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
        out.update(GLOBALEVENTID=row["id"], SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"),
                   Year=day.year, FractionDate=_fraction_date(day), IsRootEvent=1,
                   EventCode=codes.get("cameo_root", ""), EventBaseCode=codes.get("cameo_root", ""),
                   EventRootCode=codes.get("cameo_root", ""), QuadClass=codes.get("quad_class", ""),
                   GoldsteinScale=codes.get("goldstein", ""), NumMentions=row["n_mentions"],
                   NumSources=row["n_reports"], NumArticles=row["n_reports"], DATEADDED=added,
                   SOURCEURL=row["source_url"] or "")
        for n, role in ((1, "actor"), (2, "recipient")):
            if people[role]:
                first = people[role][0]
                country = first["code"] if len(first["code"]) == 3 and first["code"] != first.get("sector") else ""
                sector = first.get("sector", "")
                out[f"Actor{n}Code"] = country + sector
                out[f"Actor{n}Name"] = first["actorText"].upper()
                out[f"Actor{n}CountryCode"] = country
                out[f"Actor{n}Type1Code"] = sector
        if row["place_name"]:
            out["ActionGeo_Type"] = _GEO_TYPE.get(row["place_kind"] or "", "")
            country_name = (_countries().get(row["place_country"] or "") or {}).get("name")
            out["ActionGeo_FullName"] = ", ".join(filter(None, (row["place_name"], country_name
                                                                 if country_name != row["place_name"] else None)))
            out["ActionGeo_CountryCode"] = iso2(row["place_country"]) or ""
            out["ActionGeo_Lat"] = row["lat"] if row["lat"] is not None else ""
            out["ActionGeo_Long"] = row["lon"] if row["lon"] is not None else ""
            out["ActionGeo_FeatureID"] = row["geonameid"] if row["geonameid"] is not None else ""
        yield [out[c] for c in GDELT_COLUMNS]


def export_gdelt(store: Store, out: str | Path | IO, filters: Filters | None = None, *, header: bool = True) -> int:
    fh, close = _open(out)
    n = 0
    try:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        if header:
            writer.writerow(GDELT_COLUMNS)
        for row in gdelt_rows(store, filters):
            writer.writerow(["" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row])
            n += 1
    finally:
        if close:
            fh.close()
    return n


def export(store: Store, fmt: str, out: str | Path | IO, filters: Filters | None = None, *,
           errors: bool = False) -> int:
    """Write the ledger in `fmt` (one of EXPORT_FORMATS) to `out`; returns the count written."""
    if fmt == "records":
        return export_records(store, out, errors=errors)
    if fmt in ("csv", "parquet"):
        if hasattr(out, "write"):
            raise StoreError(f"{fmt} exports need a file path")
        return export_table(store, out, fmt, filters)
    if fmt == "plover":
        return export_plover(store, out, filters)
    if fmt == "gdelt":
        return export_gdelt(store, out, filters)
    raise StoreError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
