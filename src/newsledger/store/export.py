"""Exports of the ledger, in the forms event-data users already load.

- `records`: the stored records exactly as extracted (newsledger/record@1), one per line,
  optionally followed by the stored error records.
- `csv` / `parquet`: one row per ledger event, the event row of `schema.EVENT_COLUMNS`
  (real date columns with `date_precision`; lists in Parquet, `; `-joined in CSV).
- `plover` / `plover-jsonl`: PLOVER/POLECAT event JSON shaped like the PLOVER gold-standard
  records (`id`, `date` as YYYY-MM-DD with `datePrecision` and `dateEnd` beside it,
  `source`/`target` as lists of `{actorText, code (ISO alpha-3), sector}`, `event`,
  `eventText`, `context`, `mode`, `text`, `textInfo.markup` with `(SRC: …)`, `(TAR: …)`,
  `(EVT: …)` marks, `language`, `publication`, `coder`, `version`, `dateCoded`, `eventLoc`,
  `dead`/`injured` from the amounts stage), plus `reports`, `sources` and `confidence`;
  a JSON array, or one object per line.
- `polecat`: a tab-separated table in the column layout of the POLECAT data files
  (`POLECAT_COLUMNS`), with a header line.
- `gdelt`: the 61 tab-separated columns of a GDELT 2.0 event record, no header line unless
  asked: FIPS 10-4 geographic country codes (`data/fips_countries.tsv`), ADM1 codes from the
  gazetteer, the full CAMEO code where a PLOVER type and mode give one
  (`data/plover_modes.tsv`), a GLOBALEVENTID derived from the event's stable key, the
  ingest time as DATEADDED and the article's URL as SOURCEURL.

GDELT and POLECAT give an event one day. An event known only to the month or the year (or
not dated at all) has no such day: it is left out and counted (`ExportReport.left_out`,
logged as a warning), unless `imprecise="first-day"` asks for the first day of its month or
year. Every export writes every event the filters select unless given a `limit`.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from ..countries import country_rows
from ..data import read_tsv
from ..model import Event, Record
from .backend import Store, StoreError
from .filters import Filters
from .query import EVENT_COLUMNS, event_conditions
from .schema import COLUMN_NAMES, _marks, arrow_schema, flat, frame, ledger_rows

log = logging.getLogger("newsledger.export")

EXPORT_FORMATS = ("records", "csv", "parquet", "plover", "plover-jsonl", "polecat", "gdelt")
FORMAT_HELP = {
    "records": "the records as extracted, JSON Lines",
    "csv": "one row per event (the event row table)",
    "parquet": "the same as Parquet: date columns, lists",
    "plover": "PLOVER/POLECAT event JSON (a JSON array)",
    "plover-jsonl": "the same, one JSON object per line",
    "polecat": "tab-separated, the POLECAT data files' columns",
    "gdelt": "tab-separated GDELT 2.0 events, 61 columns, no header",
}
IMPRECISE = ("skip", "first-day")

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

# The columns of the POLECAT data files (Harvard Dataverse, "ngecEvents" tab-separated files).
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)


@dataclass
class ExportReport:
    format: str
    written: int = 0
    selected: int = 0  # events (or records) the filters selected
    left_out: dict[str, int] = field(default_factory=dict)  # reason -> events not written

    @property
    def truncated(self) -> bool:
        return self.written + sum(self.left_out.values()) < self.selected

    def leave_out(self, reason: str) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + 1


# --- data ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def plover_cameo() -> dict[str, dict[str, str]]:
    return {r["plover"]: r for r in read_tsv("plover_cameo.tsv")}


@lru_cache(maxsize=1)
def plover_modes() -> dict[tuple[str, str], dict[str, str]]:
    """(type, mode or '') -> CAMEO code and PLOVER score (data/plover_modes.tsv)."""
    return {(r["plover"], r["mode"]): r for r in read_tsv("plover_modes.tsv")}


def mode_info(event_type: str, mode: str | None) -> dict[str, str]:
    table = plover_modes()
    return table.get((event_type, mode or "")) or table.get((event_type, ""), {})


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    return {r["iso3"]: r for r in country_rows()}


@lru_cache(maxsize=1)
def _fips() -> dict[str, dict[str, str]]:
    return {r["iso3"]: r for r in read_tsv("fips_countries.tsv")}


def iso2(iso3: str | None) -> str | None:
    row = _countries().get(iso3 or "")
    return (row or {}).get("iso2") or None


def fips(iso3: str | None) -> str | None:
    """The FIPS 10-4 code of a country (what GDELT writes as a geographic country code)."""
    return (_fips().get(iso3 or "") or {}).get("fips") or None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("newsledger")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


class _Target:
    """Where an export writes: a path, an open text stream, or a binary stream."""

    def __init__(self, out: str | Path | IO, binary: bool = False) -> None:
        self.out, self.binary = out, binary
        self.fh: Any = None
        self.close = False

    def __enter__(self):
        if hasattr(self.out, "write"):
            self.fh = self.out
            if self.binary and not _is_binary(self.out):
                self.fh = getattr(self.out, "buffer", None)
                if self.fh is None:
                    raise StoreError("parquet is binary: give a file path, or a binary stream")
        else:
            self.fh = open(self.out, "wb" if self.binary else "w",  # closed in __exit__
                           **({} if self.binary else {"encoding": "utf-8", "newline": ""}))
            self.close = True
        return self.fh

    def __exit__(self, *exc) -> None:
        if self.close:
            self.fh.close()
        elif hasattr(self.fh, "flush"):
            self.fh.flush()


def _is_binary(stream: Any) -> bool:
    return isinstance(stream, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(stream, "mode", "")


# --- the events an export writes --------------------------------------------------------------------

def select_ids(store: Store, filters: Filters | None) -> list[int]:
    """Ids of the ledger events `filters` select, oldest first, undated last (then by key)."""
    where, params = event_conditions(store, filters or Filters())
    return [int(r[0]) for r in store.rows(
        f"SELECT le.id FROM ledger_events le {'WHERE ' + ' AND '.join(where) if where else ''} "
        "ORDER BY le.day_start IS NULL, le.day_start, le.key", params)]


def iter_chunks(store: Store, ids: Sequence[int], *, chunk: int = 500) -> Iterator[list[dict[str, Any]]]:
    """The event rows (`schema.ledger_rows`) of ledger events `ids`, in that order, a chunk at a time."""
    fields = [c.strip().removeprefix("le.") for c in EVENT_COLUMNS.split(",")]
    wanted = ids
    for i in range(0, len(wanted), chunk):
        ids = list(wanted[i:i + chunk])
        raw = {int(r[0]): dict(zip(fields, r, strict=True)) for r in store.rows(
            f"SELECT {EVENT_COLUMNS} FROM ledger_events le WHERE le.id IN ({_marks(ids)})", ids)}
        yield ledger_rows(store, [raw[x] for x in ids if x in raw])


def iter_rows(store: Store, ids: Sequence[int], *, chunk: int = 500) -> Iterator[dict[str, Any]]:
    """The event rows of ledger events `ids`, in that order."""
    for rows in iter_chunks(store, ids, chunk=chunk):
        yield from rows


def _selection(store: Store, filters: Filters | None, limit: int | None, report: ExportReport) -> list[int]:
    ids = select_ids(store, filters)
    report.selected = len(ids)
    return ids[:limit] if limit else ids


# --- records ------------------------------------------------------------------------------------

def export_records(store: Store, out: str | Path | IO, *, errors: bool = False,
                   limit: int | None = None) -> ExportReport:
    """Every stored record (and with `errors`, every error record), one JSON per line."""
    report = ExportReport("records")
    report.selected = int(store.scalar("SELECT count(*) FROM articles") or 0)
    if errors:
        report.selected += int(store.scalar("SELECT count(*) FROM documents WHERE status = 'error'") or 0)
    with _Target(out) as fh:
        last = 0
        while not (limit and report.written >= limit):  # pages by id, so a large store is never read whole
            rows = store.rows("SELECT id, record FROM articles WHERE id > ? ORDER BY id LIMIT 500", (last,))
            if not rows:
                break
            for article_id, record in rows:
                if limit and report.written >= limit:
                    break
                fh.write(record + "\n")
                last, report.written = article_id, report.written + 1
        if errors:
            for source, input_id, code, message in store.rows(
                    "SELECT source, input_id, error_code, error_message FROM documents WHERE status = 'error' ORDER BY id"):
                if limit and report.written >= limit:
                    break
                fh.write(json.dumps({"schema": "newsledger/error@1", "input_id": input_id, "source": source,
                                     "error": {"code": code, "message": message}}, ensure_ascii=False) + "\n")
                report.written += 1
    return report


# --- event tables ------------------------------------------------------------------------------

def export_table(store: Store, out: str | Path | IO, fmt: str, filters: Filters | None = None, *,
                 limit: int | None = None) -> ExportReport:
    """CSV or Parquet, one event row per ledger event, written a chunk at a time."""
    report = ExportReport(fmt)
    ids = _selection(store, filters, limit, report)
    if fmt == "csv":
        with _Target(out) as fh:
            writer = csv.DictWriter(fh, fieldnames=list(COLUMN_NAMES), lineterminator="\n")
            writer.writeheader()
            for row in iter_rows(store, ids):
                writer.writerow(flat(row))
                report.written += 1
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = arrow_schema()

        def table(rows: list[dict[str, Any]]):
            # from a DataFrame, so the file carries pandas' metadata: nullable integers read
            # back as Int64, dates as datetime64
            return pa.Table.from_pandas(frame(rows), schema=schema, preserve_index=False)

        with _Target(out, binary=True) as fh:
            sink = pa.BufferOutputStream() if not isinstance(fh, io.BufferedWriter | io.FileIO) else fh
            first = table([])
            with pq.ParquetWriter(sink, first.schema) as writer:
                batch: list[dict[str, Any]] = []
                for row in iter_rows(store, ids):
                    batch.append(row)
                    if len(batch) >= 5000:
                        writer.write_table(table(batch))
                        report.written, batch = report.written + len(batch), []
                writer.write_table(table(batch) if batch or not report.written else first)
                report.written += len(batch)
            if isinstance(sink, pa.BufferOutputStream):
                fh.write(sink.getvalue().to_pybytes())
    else:
        raise StoreError(f"unknown table format {fmt!r}")
    return report


# --- PLOVER -----------------------------------------------------------------------------------

class _Records:
    """The stored records of representative reports, parsed once each (a bounded cache)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, Record] = {}

    def get(self, article_key: str | None) -> Record | None:
        if not article_key:
            return None
        record = self.cache.get(article_key)
        if record is None:
            text = self.store.scalar("SELECT record FROM articles WHERE article_key = ?", (article_key,))
            if text is None:
                return None
            if len(self.cache) > 256:
                self.cache.clear()
            record = self.cache[article_key] = Record.from_dict(json.loads(text))
        return record


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


_DEAD = r"kill(?:ed|ing|s)?|dead|died|dying|deaths?|fatalit(?:y|ies)|lives"
_HURT = r"wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|hurt"
_CUE_BEFORE = re.compile(r"(?:\b(?P<dead>killing|killed|kills)|\b(?P<hurt>wounding|wounded|injuring|injured))"
                         r"\s+(?:at least |about |some |nearly |more than |over |around |another |a further )?$")
_CUE_AFTER = re.compile(rf"^(?:\s+(?:people|persons?|civilians|soldiers|others|more|were|was|have|had|been|are|"
                        rf"reported|confirmed|reportedly|also))*\s+(?:(?P<dead>{_DEAD})|(?P<hurt>{_HURT}))\b", re.I)


def casualties(record: Record, event: Event) -> tuple[int | None, int | None]:
    """(dead, injured) from the amounts the events stage attached to `event`, when the words
    right beside an amount say so ("killing 12", "12 people were killed", "30 injured");
    None when no amount says it. The largest such amount wins."""
    dead: list[int] = []
    hurt: list[int] = []
    text = record.text
    for index in event.amounts:
        if not 0 <= index < len(record.amounts):
            continue
        a = record.amounts[index]
        if not float(a.value).is_integer() or a.value < 0 or (a.unit or "").lower() in ("percent", "%"):
            continue
        before = text[max(0, a.start - 30):a.start].lower()
        before = before.rsplit(".", 1)[-1]
        m = _CUE_BEFORE.search(before)
        kind = ("dead" if m.group("dead") else "hurt") if m else None
        if kind is None:
            after = text[a.end:a.end + 60]
            after = re.split(r"[.;:]", after, maxsplit=1)[0]
            m = _CUE_AFTER.match(after)
            if m:
                kind = "dead" if m.group("dead") else "hurt"
        if kind is not None:
            (dead if kind == "dead" else hurt).append(int(a.value))
    return (max(dead) if dead else None), (max(hurt) if hurt else None)


def _publication(outlet: str | None, url: str | None) -> str | None:
    if outlet:
        return outlet
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _plover_actor(name: str, country: str | None, sector: str | None) -> dict[str, str]:
    item = {"actorText": name}
    if country:
        item["code"] = country
    if sector:
        item["sector"] = sector
    return item


def plover_item(row: dict[str, Any], record: Record | None, event: Event | None, sources: list[str], *,
                coded: str, version: str) -> dict[str, Any]:
    """One ledger event (an event row) as a PLOVER JSON object."""
    item: dict[str, Any] = {"id": row["key"]}
    if row["date_start"] is not None:
        item["date"] = row["date_start"].isoformat()
        item["datePrecision"] = row["date_precision"]
        if row["date_end"] != row["date_start"]:
            item["dateEnd"] = row["date_end"].isoformat()
    item["source"] = [_plover_actor(*p) for p in zip(row["actor_names"], row["actor_countries"],
                                                     row["actor_sectors"], strict=True)]
    target = [_plover_actor(*p) for p in zip(row["recipient_names"], row["recipient_countries"],
                                             row["recipient_sectors"], strict=True)]
    item["target"] = target or ""
    item["event"] = row["type"]
    item["eventText"] = row["trigger"] or ""
    item["context"] = ", ".join(row["context"])
    if row["mode"]:
        item["mode"] = row["mode"]
    text = markup = row["evidence"] or ""
    if record is not None and event is not None:
        text, markup = plover_markup(record, event.id)
    item["text"] = text
    item["textInfo"] = {"markup": markup}
    item["language"] = row.get("_language") or "en"
    publication = _publication(row.get("_outlet"), row["article_url"])
    if publication:
        item["publication"] = publication
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
        if row["geonameid"] is not None:
            loc["geonameid"] = row["geonameid"]
        item["eventLoc"] = loc
    if record is not None and event is not None:
        dead, injured = casualties(record, event)
        if dead is not None:
            item["dead"] = str(dead)
        if injured is not None:
            item["injured"] = str(injured)
    item["reports"] = row["n_reports"]
    item["sources"] = sources
    item["confidence"] = row["confidence"]
    return item


def plover_events(store: Store, filters: Filters | None = None, *, limit: int | None = None,
                  report: ExportReport | None = None) -> Iterator[dict[str, Any]]:
    """Ledger events as PLOVER/POLECAT-style JSON objects, oldest first."""
    report = report or ExportReport("plover")
    coded = date.today().isoformat()
    version = _version()
    records = _Records(store)
    for row in iter_rows(store, _selection(store, filters, limit, report)):
        record = records.get(row["article_id"])
        event = _record_event(record, row["_local"])
        yield plover_item(row, record, event, row["_sources"], coded=coded, version=version)


def _record_event(record: Record | None, local_id: str | None) -> Event | None:
    if record is None or local_id is None:
        return None
    return next((v for v in record.events if v.id == local_id), None)


def export_plover(store: Store, out: str | Path | IO, filters: Filters | None = None, *, lines: bool = False,
                  limit: int | None = None) -> ExportReport:
    report = ExportReport("plover-jsonl" if lines else "plover")
    with _Target(out) as fh:
        if not lines:
            fh.write("[")
        for item in plover_events(store, filters, limit=limit, report=report):
            if lines:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            else:
                fh.write(("\n" if report.written == 0 else ",\n") + json.dumps(item, ensure_ascii=False, indent=4))
            report.written += 1
        if not lines:
            fh.write("\n]\n")
    return report


# --- one day per event: GDELT and POLECAT ----------------------------------------------------------

def _one_day(row: dict[str, Any], imprecise: str, report: ExportReport) -> date | None:
    """The day GDELT or POLECAT can give the event, or None (counted in `report`) when it has
    none: undated, or starting in a month or year not known to the day (unless `imprecise`
    is first-day: then the first day of that month or year)."""
    start = row.get("_start")
    if row["date_start"] is None or not start:
        report.leave_out("undated")
        return None
    if len(start) < 10 and imprecise != "first-day":
        report.leave_out("known only to the " + ("year" if len(start) == 4 else "month"))
        return None
    return row["date_start"]


def _tsv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else str(value)
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _write_tsv(fh: IO, rows: Iterator[Sequence[Any]], header: Sequence[str] | None) -> int:
    n = 0
    if header:
        fh.write("\t".join(header) + "\n")
    for row in rows:
        fh.write("\t".join(_tsv(v) for v in row) + "\n")
        n += 1
    return n


def polecat_rows(store: Store, filters: Filters | None = None, *, imprecise: str = "skip",
                 limit: int | None = None, report: ExportReport | None = None) -> Iterator[list[Any]]:
    """Ledger events as rows of `POLECAT_COLUMNS`."""
    report = report or ExportReport("polecat")
    story = _Story(store)
    version = _version()
    scale = plover_cameo()
    for row in iter_rows(store, _selection(store, filters, limit, report)):
        day = _one_day(row, imprecise, report)
        if day is None:
            continue
        people, organisations, locations = story.get(row["article_id"])
        info = mode_info(row["type"], row["mode"])
        place_country = row["place_country"]
        out = {
            "Event ID": row["key"], "Event Date": day.isoformat(), "Event Type": row["type"],
            "Event Mode": row["mode"], "Event Intensity": info.get("intensity"),
            "Quad Code": (scale.get(row["type"]) or {}).get("quad_class"),
            "Contexts": "; ".join(row["context"]),
            "Actor Name": "; ".join(row["actor_names"]),
            "Actor Country": "; ".join(c or "" for c in row["actor_countries"]),
            "Primary Actor Sector": next((s for s in row["actor_sectors"] if s), None),
            "Actor Sectors": "; ".join(s or "" for s in row["actor_sectors"]),
            "Actor Name Raw": "; ".join(row["actor_names"]),
            "Recipient Name": "; ".join(row["recipient_names"]),
            "Recipient Country": "; ".join(c or "" for c in row["recipient_countries"]),
            "Primary Recipient Sector": next((s for s in row["recipient_sectors"] if s), None),
            "Recipient Sectors": "; ".join(s or "" for s in row["recipient_sectors"]),
            "Recipient Name Raw": "; ".join(row["recipient_names"]),
            "Placename": row["place_name"],
            "City": row["place_name"] if row["place_kind"] == "city" else None,
            "Province": row["place_name"] if row["place_kind"] == "region" else None,
            "Country": (_countries().get(place_country or "") or {}).get("name") if place_country else None,
            "Latitude": row["lat"], "Longitude": row["lon"], "GeoNames ID": row["geonameid"],
            "Raw Placename": row["place_name"],
            "Source": row["article_url"] or row.get("_outlet"),
            "Publication Date": row["article_published"].isoformat() if row["article_published"] else None,
            "Story People": "; ".join(people), "Story Organizations": "; ".join(organisations),
            "Story Locations": "; ".join(locations),
            "Language": row.get("_language") or "en",
            "Version": f"newsledger {version}",
        }
        yield [out.get(c) for c in POLECAT_COLUMNS]


class _Story:
    """The people, organisations and places an article names (POLECAT's Story columns), from
    the store's tables, a bounded cache of articles."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, tuple[list[str], list[str], list[str]]] = {}

    def get(self, article_key: str | None) -> tuple[list[str], list[str], list[str]]:
        if not article_key:
            return [], [], []
        if article_key not in self.cache:
            if len(self.cache) > 4096:
                self.cache.clear()
            entities = self.store.rows(
                "SELECT en.name, en.type FROM entities en JOIN articles a ON a.id = en.article_id "
                "WHERE a.article_key = ? ORDER BY en.id", (article_key,))
            places = self.store.rows(
                "SELECT p.name FROM places p JOIN articles a ON a.id = p.article_id WHERE a.article_key = ? "
                "ORDER BY p.id", (article_key,))
            self.cache[article_key] = (list(dict.fromkeys(n for n, t in entities if t == "PERSON")),
                                       list(dict.fromkeys(n for n, t in entities if t == "ORG")),
                                       list(dict.fromkeys(n for (n,) in places)))
        return self.cache[article_key]


def export_polecat(store: Store, out: str | Path | IO, filters: Filters | None = None, *, imprecise: str = "skip",
                   limit: int | None = None) -> ExportReport:
    report = ExportReport("polecat")
    with _Target(out) as fh:
        report.written = _write_tsv(fh, polecat_rows(store, filters, imprecise=imprecise, limit=limit, report=report),
                                    POLECAT_COLUMNS)
    return report


# --- GDELT --------------------------------------------------------------------------------------

def global_event_id(key: str) -> int:
    """A GLOBALEVENTID from an event's key: stable across `ledger rebuild`, below 2**52."""
    digits = re.sub(r"[^0-9a-f]", "", key.lower())[:13]
    return int(digits or "0", 16)


def fraction_date(day: date) -> str:
    """GDELT's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, four decimals (codebook)."""
    return f"{day.year + (day.month * 30 + day.day) / 365:.4f}"


@lru_cache(maxsize=1)
def _geo() -> _Geo:
    return _Geo()


class _Geo:
    """GDELT geography of a place: type, full name, FIPS country, ADM1 code, feature id."""

    def __init__(self) -> None:
        self._gazetteer: Any = None  # the Gazetteer, opened at the first look-up
        self._cache: dict[int, tuple[str | None, str | None]] = {}

    def _admin(self, geonameid: int | None) -> tuple[str | None, str | None]:
        """(GeoNames admin1 code 'NO.12', name of that first-level region) of a place."""
        if geonameid is None:
            return None, None
        if geonameid not in self._cache:
            if self._gazetteer is None:
                from ..gazetteer import Gazetteer

                self._gazetteer = Gazetteer.open()
            place = self._gazetteer.get(int(geonameid))
            admin1 = place.admin1 if place is not None else None
            region = self._gazetteer.admin1_region(admin1) if admin1 and not admin1.endswith(".") else None
            self._cache[geonameid] = (admin1 if admin1 and not admin1.endswith(".") else None,
                                      region.name if region is not None else None)
        return self._cache[geonameid]

    def fields(self, row: dict[str, Any]) -> dict[str, Any]:
        kind, iso3 = row["place_kind"], row["place_country"]
        if not row["place_name"] or kind not in ("city", "feature", "region", "country"):
            return {}
        code = fips(iso3)
        info = _fips().get(iso3 or "") or {}
        us = iso3 == "USA"
        country_name = (_countries().get(iso3 or "") or {}).get("name")
        if kind == "country":
            return {"Type": 1, "FullName": row["place_name"], "CountryCode": code or "", "ADM1Code": code or "",
                    "Lat": row["lat"], "Long": row["lon"], "FeatureID": code or ""}
        admin1, region = self._admin(row["geonameid"])
        adm1 = ""
        if code and admin1 and info.get("admin1") in ("fips", "postal"):
            adm1 = code + admin1.split(".", 1)[1]
        if kind == "region":
            names = [row["place_name"], country_name if country_name != row["place_name"] else None]
            return {"Type": 2 if us else 5, "FullName": ", ".join(filter(None, names)), "CountryCode": code or "",
                    "ADM1Code": adm1, "Lat": row["lat"], "Long": row["lon"], "FeatureID": adm1}
        full = ", ".join(n for n in (row["place_name"], region, country_name) if n)  # City, ADM1, Country
        return {"Type": 3 if us else 4, "FullName": full, "CountryCode": code or "", "ADM1Code": adm1,
                "Lat": row["lat"], "Long": row["lon"],
                "FeatureID": row["geonameid"] if row["geonameid"] is not None else ""}


def _root_events(store: Store, rows: list[dict[str, Any]]) -> dict[int, int]:
    """GDELT's IsRootEvent for each row (by ledger id): 1 when the earliest report's evidence
    starts in its article's first paragraph, found in the stored text, not the record."""
    keys = {(r["article_id"], r["_local"]): r["_id"] for r in rows if r["article_id"] and r["_local"]}
    if not keys:
        return {}
    name = "instr" if store.dialect == "sqlite" else "strpos"  # the position of a string in another
    ids = sorted({r["_id"] for r in rows})
    out: dict[int, int] = {}
    for lid, key, local, evidence_at, paragraph_end, leading in store.rows(
            f"SELECT e.ledger_event_id, a.article_key, e.local_id, {name}(a.text, e.evidence), "
            f"{name}(ltrim(a.text, ?), ?), length(a.text) - length(ltrim(a.text, ?)) "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.ledger_event_id IN ({_marks(ids)})", ["\n", "\n\n", "\n", *ids]):
        if keys.get((key, local)) != lid:
            continue
        end = (paragraph_end + leading) if paragraph_end else None
        out[lid] = int(bool(evidence_at) and (end is None or evidence_at <= end))
    return out


def _added(value: str | None) -> str:
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%d%H%M%S")


def gdelt_rows(store: Store, filters: Filters | None = None, *, imprecise: str = "skip", limit: int | None = None,
               report: ExportReport | None = None, iso: Callable[[list[Any]], None] | None = None) -> Iterator[list[Any]]:
    """Ledger events as GDELT 2.0 event records (lists of the 61 `GDELT_COLUMNS` values).
    `iso`, if given, hears each written event's GLOBALEVENTID with the ISO alpha-3 codes of
    its actors' and its place's countries."""
    report = report or ExportReport("gdelt")
    for rows in iter_chunks(store, _selection(store, filters, limit, report)):
        yield from _gdelt_chunk(store, rows, imprecise, report, iso)


def _gdelt_chunk(store: Store, rows: list[dict[str, Any]], imprecise: str, report: ExportReport,
                 iso: Callable[[list[Any]], None] | None) -> Iterator[list[Any]]:
    cameo = plover_cameo()
    geo = _geo()
    roots = _root_events(store, rows)
    for row in rows:
        day = _one_day(row, imprecise, report)
        if day is None:
            continue
        code = mode_info(row["type"], row["mode"]).get("cameo") or (cameo.get(row["type"], {}).get("cameo_root", "") + "0")
        scale = cameo.get(row["type"], {})
        out: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
        out.update(GLOBALEVENTID=global_event_id(row["key"]), SQLDATE=day.strftime("%Y%m%d"),
                   MonthYear=day.strftime("%Y%m"), Year=day.year, FractionDate=fraction_date(day),
                   IsRootEvent=roots.get(row["_id"], 0), EventCode=code, EventBaseCode=code[:3],
                   EventRootCode=code[:2], QuadClass=scale.get("quad_class", ""),
                   GoldsteinScale=scale.get("goldstein", ""), NumMentions=row["n_mentions"],
                   NumSources=row["_n_outlets"], NumArticles=row["n_reports"], DATEADDED=_added(row["_added"]),
                   SOURCEURL=row["article_url"] or "")
        for n, role in ((1, "actor"), (2, "recipient")):
            names, countries, sectors = row[f"{role}_names"], row[f"{role}_countries"], row[f"{role}_sectors"]
            if names:
                country, sector = countries[0] or "", sectors[0] or ""
                out[f"Actor{n}Code"] = country + sector
                out[f"Actor{n}Name"] = names[0].upper()
                out[f"Actor{n}CountryCode"] = country
                out[f"Actor{n}Type1Code"] = sector
        for key, value in geo.fields(row).items():
            out[f"ActionGeo_{key}"] = "" if value is None else value
        if iso is not None:
            iso([out["GLOBALEVENTID"], row["actor_countries"][0] if row["actor_countries"] else None,
                 row["recipient_countries"][0] if row["recipient_countries"] else None, row["place_country"]])
        yield [out[c] for c in GDELT_COLUMNS]


ISO_COLUMNS = ("GLOBALEVENTID", "Actor1CountryISO3", "Actor2CountryISO3", "ActionGeo_CountryISO3")


def export_gdelt(store: Store, out: str | Path | IO, filters: Filters | None = None, *, header: bool = False,
                 imprecise: str = "skip", limit: int | None = None, iso_out: str | Path | IO | None = None) -> ExportReport:
    """GDELT 2.0 events TSV (no header line unless `header`); with `iso_out`, a second TSV
    with each event's ISO alpha-3 country codes beside its GLOBALEVENTID."""
    report = ExportReport("gdelt")
    iso_rows: list[list[Any]] = []
    with _Target(out) as fh:
        report.written = _write_tsv(fh, gdelt_rows(store, filters, imprecise=imprecise, limit=limit, report=report,
                                                   iso=iso_rows.append if iso_out is not None else None),
                                    GDELT_COLUMNS if header else None)
    if iso_out is not None:
        with _Target(iso_out) as fh:
            _write_tsv(fh, iter(iso_rows), ISO_COLUMNS)
    return report


# --- one entry point ------------------------------------------------------------------------------

def run_export(store: Store, fmt: str, out: str | Path | IO, filters: Filters | None = None, *,
               errors: bool = False, header: bool = False, imprecise: str = "skip", limit: int | None = None,
               iso_out: str | Path | IO | None = None) -> ExportReport:
    """Write the ledger in `fmt` (one of EXPORT_FORMATS) to `out`; the report says how many
    events were written, selected, and left out and why."""
    if imprecise not in IMPRECISE:
        raise StoreError(f"imprecise must be one of {', '.join(IMPRECISE)}")
    if fmt == "records":
        report = export_records(store, out, errors=errors, limit=limit)
    elif fmt in ("csv", "parquet"):
        report = export_table(store, out, fmt, filters, limit=limit)
    elif fmt in ("plover", "plover-jsonl"):
        report = export_plover(store, out, filters, lines=fmt == "plover-jsonl", limit=limit)
    elif fmt == "polecat":
        report = export_polecat(store, out, filters, imprecise=imprecise, limit=limit)
    elif fmt == "gdelt":
        report = export_gdelt(store, out, filters, header=header, imprecise=imprecise, limit=limit, iso_out=iso_out)
    else:
        raise StoreError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
    if report.left_out:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(report.left_out.items()))
        log.warning("%s: left out %d event(s) the format gives one day and these have none (%s); "
                    "imprecise='first-day' writes the first day of their month or year",
                    fmt, sum(report.left_out.values()), reasons)
    return report


def export(store: Store, fmt: str, out: str | Path | IO, filters: Filters | None = None, *,
           errors: bool = False, **options: Any) -> int:
    """Write the ledger in `fmt` to `out`; returns the count written (see `run_export`)."""
    return run_export(store, fmt, out, filters, errors=errors, **options).written
