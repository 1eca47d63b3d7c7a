"""Exports checked against the formats their users load: the event table (CSV, Parquet into
pandas with date dtypes), PLOVER JSON against the structure and value forms of the PLOVER
gold-standard records, POLECAT's column layout, and GDELT 2.0 read by a reader written from
the codebook's column list; on both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from newsledger.data import read_tsv
from newsledger.model import PLOVER_TYPES, Amount, ErrorInfo, ErrorRecord, Place, Record, Span
from newsledger.store import Ledger
from newsledger.store.export import GDELT_COLUMNS, POLECAT_COLUMNS, plover_markup, run_export
from newsledger.store.schema import COLUMN_NAMES, DATE_COLUMNS, LIST_COLUMNS
from tests.test_query_store import _corpus
from tests.test_store_fixtures import make_record, store, store_url  # noqa: F401 - fixtures


def _gsr_path() -> Path | None:
    from newsledger import evaluation
    from newsledger.evaluation.plover_gsr import default_gsr_path

    return default_gsr_path(evaluation.shared_dir())


def _with_place(record: Record, event_index: int, place: Place) -> Record:
    """`record` with one more place (found in its text), set as the place of one event."""
    i = record.text.find(place.name)
    assert i >= 0
    place = place.model_copy(update={"id": f"P{len(record.places) + 1}",
                                     "mentions": [Span(start=i, end=i + len(place.name), text=place.name)]})
    events = list(record.events)
    events[event_index] = events[event_index].model_copy(update={"place": place.id})
    return record.model_copy(update={"places": [*record.places, place], "events": events}).check()


def _with_amounts(record: Record, texts: list[str], event_index: int = 0) -> Record:
    amounts = []
    for t in texts:
        i = record.text.index(t)
        value = int(re.search(r"\d+", t).group())
        amounts.append(Amount(start=i, end=i + len(t), text=t, value=value, unit="people" if "people" in t else None))
    events = list(record.events)
    events[event_index] = events[event_index].model_copy(update={"amounts": list(range(len(amounts)))})
    return record.model_copy(update={"amounts": amounts, "events": events}).check()


AUSTIN = Place(id="P9", name="Austin", geonameid=4671654, lat=30.26715, lon=-97.74306, country="USA", kind="city")
BERLIN = Place(id="P9", name="Berlin", geonameid=2950159, lat=52.52437, lon=13.41053, country="DEU", kind="city")


def _more() -> list[Record]:
    """Events the meeting corpus lacks: a month-only and a year-only date, an undated one, a
    mode with a CAMEO code of its own, casualties, a US city, a German city, a local file."""
    visit = _with_place(make_record(
        "The German chancellor made a visit to Berlin on 9 May to meet the mayor.",
        source="https://g.example/7", published="2024-05-10",
        entities=[{"name": "German chancellor", "type": "PERSON", "country": "DEU", "sector": "GOV"}],
        events=[{"type": "CONSULT", "mode": "visit", "trigger": "visit", "actor": ["German chancellor"],
                 "date": ("2024-05-09", "2024-05-09")}]), 0, BERLIN)
    attack = _with_amounts(_with_place(make_record(
        "Gunmen opened fire in Austin, killing 12 people, and 30 others were wounded, police said.",
        source="https://h.example/8", published="2024-06-02",
        entities=[{"name": "Gunmen", "type": "NORP"}],
        events=[{"type": "ASSAULT", "mode": "firearms", "trigger": "opened fire", "actor": ["Gunmen"],
                 "date": ("2024-06-01", "2024-06-01")}]), 0, AUSTIN), ["12 people", "30"])
    month = make_record("Strikes shut the ports of Hungary in May.", source="https://i.example/9",
                        published="2024-06-20",
                        events=[{"type": "PROTEST", "mode": "strike", "trigger": "Strikes", "date": ("2024-05", "2024-05")}])
    year = make_record("Norway sanctioned the firm in 2023.", source="/home/someone/corpus/local-file.txt",
                       published="2024-06-21",
                       entities=[{"name": "Norway", "type": "GPE", "country": "NOR", "sector": "GOV"}],
                       events=[{"type": "SANCTION", "trigger": "sanctioned", "actor": ["Norway"],
                                "date": ("2023", "2023")}])
    undated = make_record("Hungary accused Norway of meddling.", source="https://j.example/10", published=None,
                          entities=[{"name": "Hungary", "type": "GPE", "country": "HUN", "sector": "GOV"},
                                    {"name": "Norway", "type": "GPE", "country": "NOR", "sector": "GOV"}],
                          events=[{"type": "ACCUSE", "trigger": "accused", "actor": ["Hungary"],
                                   "recipient": ["Norway"]}])
    return [visit, attack, month, year, undated]


@pytest.fixture
def ledger(store_url):
    with Ledger.open(store_url) as led:
        led.add_records([*_corpus(), *_more(),
                         ErrorRecord(source="broken.txt", error=ErrorInfo(code="empty_input", message="empty"))])
        yield led


N_EVENTS = 9  # 4 of the meeting corpus + 5 of _more()


def test_export_records_round_trip(ledger, tmp_path):
    out = tmp_path / "records.jsonl"
    assert ledger.export("records", out) == 11
    records = [Record.from_dict(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r.article.id for r in records} == {r.article.id for r in [*_corpus(), *_more()]}
    assert all(r.problems() == [] for r in records)
    assert ledger.export("records", out, errors=True) == 12
    last = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    assert last["schema"] == "newsledger/error@1" and last["error"]["code"] == "empty_input"


def test_export_parquet_loads_into_pandas_with_date_dtypes_and_lists(ledger, tmp_path):
    out = tmp_path / "events.parquet"
    assert ledger.export("parquet", out) == N_EVENTS
    frame = pd.read_parquet(out)
    assert list(frame.columns) == list(COLUMN_NAMES) and len(frame) == N_EVENTS
    for column in DATE_COLUMNS:
        assert pd.api.types.is_datetime64_any_dtype(frame[column]), (column, frame[column].dtype)
    # no string dates anywhere: no text column holds ISO dates
    for column in frame.columns:
        if frame[column].dtype == object:
            values = [v for v in frame[column] if isinstance(v, str)]
            assert not any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in values), column
    assert pd.api.types.is_integer_dtype(frame["geonameid"]) and pd.api.types.is_integer_dtype(frame["n_reports"])
    for column in LIST_COLUMNS:
        assert all(not isinstance(v, str) and v is not None for v in frame[column]), column
    meeting = frame[frame["n_reports"] == 3].iloc[0]
    assert meeting["date_start"] == pd.Timestamp("2024-03-04") and meeting["date_precision"] == "day"
    assert set(meeting["actor_names"]) >= {"Maria Lindqvist"} and "HUN" in list(meeting["recipient_countries"])
    assert meeting["article_url"] == "https://a.example/1" and meeting["quad_class"] == 1
    month = frame[frame["type"] == "PROTEST"].set_index("date_precision")
    assert month.loc["month", "date_start"] == pd.Timestamp("2024-05-01")
    assert month.loc["month", "date_end"] == pd.Timestamp("2024-05-31")
    year = frame[frame["type"] == "SANCTION"].iloc[0]
    assert year["date_precision"] == "year" and year["date_end"] == pd.Timestamp("2023-12-31")
    assert year["article_url"] is None  # a local file path is never given as the source
    assert pd.isna(frame[frame["type"] == "ACCUSE"].iloc[0]["date_start"])


def test_export_csv_has_the_same_columns_and_parses_dates(ledger, tmp_path):
    out = tmp_path / "events.csv"
    assert ledger.export("csv", out) == N_EVENTS
    frame = pd.read_csv(out, parse_dates=list(DATE_COLUMNS), date_format="%Y-%m-%d")
    assert list(frame.columns) == list(COLUMN_NAMES)
    for column in DATE_COLUMNS:
        assert pd.api.types.is_datetime64_any_dtype(frame[column]), column
    assert "/home/someone" not in out.read_text(encoding="utf-8")
    assert ledger.export("csv", out, type="PROTEST") == 2
    assert ledger.export("csv", out, country="Hungary", type="threaten") == 1  # a name, not only a code


def test_export_keys_are_stable_across_ledger_rebuild(ledger, tmp_path):
    before, after = tmp_path / "before.csv", tmp_path / "after.csv"
    ledger.export("csv", before)
    gdelt_before = io.StringIO()
    run_export(ledger.store, "gdelt", gdelt_before)
    ledger.rebuild()
    ledger.export("csv", after)
    gdelt_after = io.StringIO()
    run_export(ledger.store, "gdelt", gdelt_after)
    assert sorted(pd.read_csv(before)["key"]) == sorted(pd.read_csv(after)["key"])
    ids = [sorted(line.split("\t")[0] for line in g.getvalue().splitlines()) for g in (gdelt_before, gdelt_after)]
    assert ids[0] == ids[1] and len(ids[0]) > 0


# --- PLOVER -----------------------------------------------------------------------------------

OURS = {"reports", "sources", "confidence", "datePrecision", "dateEnd"}  # additions for ledger events


def _gold() -> list[dict]:
    return [r for r in json.loads(_gsr_path().read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]


def _check_plover_item(item: dict) -> None:
    iso3 = {r["iso3"] for r in read_tsv("countries.tsv")}
    assert isinstance(item["id"], str) and item["event"] in PLOVER_TYPES
    if "date" in item:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["date"]) and item["datePrecision"] in ("day", "month", "year",
                                                                                                "range")
    for side in ("source", "target"):
        value = item[side]
        assert value == "" or isinstance(value, list)
        for actor in value or []:
            assert set(actor) <= {"actorText", "code", "sector"} and actor["actorText"]
            assert "code" not in actor or actor["code"] in iso3, actor  # always a country, never a sector
    assert re.sub(r"\((?:SRC|TAR|SRC/TAR|EVT): ([^)]*)\)", r"\1", item["textInfo"]["markup"]) == item["text"]
    for key in ("eventText", "text", "language", "coder", "version", "dateCoded"):
        assert isinstance(item[key], str) and item[key], key


def test_export_plover_json_has_the_structure_and_value_forms_of_the_gold_records(ledger, tmp_path):
    out = tmp_path / "plover.json"
    assert ledger.export("plover", out) == N_EVENTS
    items = json.loads(out.read_text(encoding="utf-8"))
    for item in items:
        _check_plover_item(item)
    meeting = next(i for i in items if i["reports"] == 3)
    assert meeting["event"] == "CONSULT" and meeting["date"] == "2024-03-04" and meeting["datePrecision"] == "day"
    assert {"actorText": "Maria Lindqvist", "code": "NOR", "sector": "GOV"} in meeting["source"]
    assert meeting["eventLoc"]["name"] == "Oslo" and meeting["eventLoc"]["country code"] == "NO"
    assert meeting["textInfo"]["markup"] == ("(SRC: Foreign Minister Maria Lindqvist) of Norway (EVT: met) "
                                             "Hungarian (TAR: Prime Minister Tomas Varga) in Oslo on Monday.")
    assert meeting["sources"] == ["https://a.example/1", "https://b.example/2", "https://c.example/3"]
    assert meeting["publication"] == "a.example"
    month = next(i for i in items if i["event"] == "PROTEST" and i.get("datePrecision") == "month")
    assert (month["date"], month["dateEnd"]) == ("2024-05-01", "2024-05-31")
    attack = next(i for i in items if i["event"] == "ASSAULT")
    assert (attack["dead"], attack["injured"]) == ("12", "30")  # the amounts stage's numbers, as the gold writes them
    assert all("/home/someone" not in s for i in items for s in i["sources"])
    lines = tmp_path / "plover.jsonl"
    assert ledger.export("plover-jsonl", lines) == N_EVENTS
    assert [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()] == items
    if _gsr_path() is None:
        pytest.skip("the PLOVER gold records (../shared) are not here to compare with")
    gold = _gold()
    types: dict[str, set] = {}
    for r in gold:
        for k, v in r.items():
            types.setdefault(k, set()).add(type(v))
    common = {k for k in types if sum(k in r for r in gold) >= 0.9 * len(gold)}
    never_empty = {k for k in types if not any(r.get(k) == "" for r in gold)}
    gold_actor_keys = {k for r in gold for side in ("source", "target") if isinstance(r.get(side), list)
                       for a in r[side] for k in a}
    gold_date = {re.sub(r"\d", "9", r["date"]) for r in gold if "date" in r}
    for item in items:
        assert set(item) - OURS <= set(types), set(item) - OURS - set(types)
        assert common - {"date", "publication"} <= set(item), common - set(item)
        for key, value in item.items():
            if key in types:
                assert type(value) in types[key], (key, type(value), types[key])
            if key in never_empty:
                assert value != "", key
        for side in ("source", "target"):
            for actor in item[side] or []:
                assert set(actor) <= gold_actor_keys
        if "date" in item:
            assert re.sub(r"\d", "9", item["date"]) in gold_date
        for key in ("dead", "injured"):
            if key in item:
                assert key in types and isinstance(item[key], str) and item[key].isdigit()


def test_export_plover_markup_marks_roles_inside_the_evidence():
    record = _corpus()[0]
    text, markup = plover_markup(record, "V1")
    assert text == record.text
    assert markup.startswith("(SRC: Foreign Minister Maria Lindqvist) of Norway (EVT: met) Hungarian (TAR: Prime")


# --- POLECAT ----------------------------------------------------------------------------------------

def test_export_polecat_tsv_has_the_polecat_columns(ledger, tmp_path):
    out = tmp_path / "polecat.tsv"
    written = ledger.export("polecat", out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == list(POLECAT_COLUMNS) and len(POLECAT_COLUMNS) == 40
    assert all(len(r) == 40 for r in rows) and len(rows) - 1 == written == N_EVENTS - 3  # month, year, undated left out
    by = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    attack = next(r for r in by if r["Event Type"] == "ASSAULT")
    assert (attack["Event Date"], attack["Event Mode"], attack["Event Intensity"], attack["Quad Code"]) == (
        "2024-06-01", "firearms", "-9", "4")
    assert attack["Country"] == "United States" and attack["City"] == "Austin" and attack["GeoNames ID"] == "4671654"
    for r in by:
        date.fromisoformat(r["Event Date"])


# --- GDELT 2.0 ------------------------------------------------------------------------------------

# The GDELT 2.0 event table, written from the codebook ("The GDELT Event Database Data Format
# Codebook V2.0", 2/19/2015): each field and its type, in file order. int and float fields
# may be blank where the codebook says a value may be missing.
CODEBOOK = [("GLOBALEVENTID", int), ("SQLDATE", "yyyymmdd"), ("MonthYear", "yyyymm"), ("Year", int),
            ("FractionDate", float)]
for _n in (1, 2):
    CODEBOOK += [(f"Actor{_n}{f}", str) for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                  "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                  "Type3Code")]
CODEBOOK += [("IsRootEvent", int), ("EventCode", "cameo"), ("EventBaseCode", "cameo"), ("EventRootCode", "cameo"),
             ("QuadClass", int), ("GoldsteinScale", float), ("NumMentions", int), ("NumSources", int),
             ("NumArticles", int), ("AvgTone", float)]
for _g in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
    CODEBOOK += [(f"{_g}_Type", int), (f"{_g}_FullName", str), (f"{_g}_CountryCode", "fips"),
                 (f"{_g}_ADM1Code", str), (f"{_g}_ADM2Code", str), (f"{_g}_Lat", float), (f"{_g}_Long", float),
                 (f"{_g}_FeatureID", str)]
CODEBOOK += [("DATEADDED", "yyyymmddhhmmss"), ("SOURCEURL", str)]


def read_gdelt(text: str) -> list[dict]:
    """A reader of GDELT 2.0 event files as the codebook defines them: 61 tab-separated
    fields per line, no header, each of its type."""
    from datetime import datetime

    assert len(CODEBOOK) == 61
    rows = []
    for line in text.splitlines():
        fields = line.split("\t")
        assert len(fields) == 61, len(fields)
        row = {}
        for (name, kind), value in zip(CODEBOOK, fields, strict=True):
            if value == "":
                assert kind in (str, float, int, "fips") or name in ("ActionGeo_Type",), name
                row[name] = None
            elif kind is int:
                row[name] = int(value)
            elif kind is float:
                row[name] = float(value)
            elif kind == "yyyymmdd":
                row[name] = datetime.strptime(value, "%Y%m%d").date()
            elif kind == "yyyymm":
                row[name] = datetime.strptime(value, "%Y%m").date()
            elif kind == "yyyymmddhhmmss":
                row[name] = datetime.strptime(value, "%Y%m%d%H%M%S")
            elif kind == "cameo":
                assert re.fullmatch(r"\d{2,4}", value), (name, value)
                row[name] = value
            elif kind == "fips":
                assert re.fullmatch(r"[A-Z]{2}", value), (name, value)
                row[name] = value
            else:
                row[name] = value
        rows.append(row)
    return rows


def test_export_gdelt_is_read_by_a_reader_written_from_the_codebook(ledger, tmp_path, caplog):
    out = tmp_path / "events.tsv"
    with caplog.at_level("WARNING", logger="newsledger"):
        written = ledger.export("gdelt", out)
    assert written == N_EVENTS - 3
    assert "left out 3 event(s)" in caplog.text and "known only to the month" in caplog.text
    text = out.read_text(encoding="utf-8")
    assert not text.startswith("GLOBALEVENTID")  # no header unless asked
    rows = read_gdelt(text)
    assert len(rows) == written and len({r["GLOBALEVENTID"] for r in rows}) == written
    for r in rows:
        assert r["EventCode"].startswith(r["EventRootCode"]) and r["EventBaseCode"] == r["EventCode"][:3]
        assert r["MonthYear"].year == r["SQLDATE"].year == r["Year"]
        assert r["SOURCEURL"] is None or r["SOURCEURL"].startswith("https://")
        assert r["DATEADDED"] is not None
    meeting = next(r for r in rows if r["NumArticles"] == 3)
    assert (meeting["SQLDATE"], meeting["EventCode"], meeting["QuadClass"], meeting["GoldsteinScale"]) == (
        date(2024, 3, 4), "040", 1, 1.0)
    assert meeting["ActionGeo_CountryCode"] == "NO" and meeting["ActionGeo_Type"] == 4
    assert meeting["ActionGeo_ADM1Code"] == "NO12" and meeting["ActionGeo_FullName"] == "Oslo, Oslo, Norway"
    assert meeting["SOURCEURL"] == "https://a.example/1" and meeting["NumSources"] == 3
    visit = next(r for r in rows if r["EventRootCode"] == "04" and r["ActionGeo_FullName"].startswith("Berlin"))
    assert visit["EventCode"] == "042"  # CONSULT visit: CAMEO "Make a visit"
    assert visit["ActionGeo_CountryCode"] == "GM" and visit["ActionGeo_ADM1Code"].startswith("GM")  # FIPS, not ISO DE
    assert visit["Actor1CountryCode"] == "DEU" and visit["Actor1Code"] == "DEUGOV"
    attack = next(r for r in rows if r["EventRootCode"] == "19")
    assert attack["EventCode"] == "193" and attack["ActionGeo_Type"] == 3  # a city in the United States
    assert attack["ActionGeo_ADM1Code"] == "USTX"
    with_header = io.StringIO()
    run_export(ledger.store, "gdelt", with_header, header=True)
    assert with_header.getvalue().splitlines()[0].split("\t") == list(GDELT_COLUMNS)
    first_day = io.StringIO()
    report = run_export(ledger.store, "gdelt", first_day, imprecise="first-day")
    assert report.written == N_EVENTS - 1 and report.left_out == {"undated": 1}
    days = {r["SQLDATE"] for r in read_gdelt(first_day.getvalue())}
    assert date(2024, 5, 1) in days and date(2023, 1, 1) in days


def test_export_gdelt_iso_codes_beside_the_fips_file(ledger, tmp_path):
    iso = tmp_path / "iso.tsv"
    out = io.StringIO()
    run_export(ledger.store, "gdelt", out, iso_out=iso)
    table = list(csv.reader(iso.open(encoding="utf-8"), delimiter="\t"))
    assert table[0] == ["GLOBALEVENTID", "Actor1CountryISO3", "Actor2CountryISO3", "ActionGeo_CountryISO3"]
    ids = [line.split("\t")[0] for line in out.getvalue().splitlines()]
    assert [r[0] for r in table[1:]] == ids
    assert ["DEU", "", "DEU"] in [r[1:] for r in table[1:]]


# --- the command line -------------------------------------------------------------------------------

def test_export_cli_every_format_and_standard_output(store_url, tmp_path):
    from newsledger.cli import main

    with Ledger.open(store_url) as led:
        led.add_records([*_corpus(), *_more()])
    for fmt in ("csv", "parquet", "plover", "plover-jsonl", "polecat", "gdelt"):
        out = tmp_path / f"x.{fmt}"
        result = CliRunner().invoke(main, ["export", fmt, "-o", str(out), "--db", store_url, "--actor", "Lindqvist"])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
        assert "event(s) written to" in result.stderr
    result = CliRunner().invoke(main, ["export", "records", "-o", str(tmp_path / "r.jsonl"), "--db", store_url])
    assert result.exit_code == 0 and "11 record(s) written" in result.stderr
    result = CliRunner().invoke(main, ["export", "plover", "-o", "-", "--db", store_url, "--type", "PROTEST"])
    assert result.exit_code == 0 and {i["event"] for i in json.loads(result.stdout)} == {"PROTEST"}
    result = CliRunner().invoke(main, ["export", "csv", "-o", "-", "--db", store_url])  # '-' works, as --help says
    assert result.exit_code == 0 and result.stdout.splitlines()[0].split(",") == list(COLUMN_NAMES)
    assert len(result.stdout.splitlines()) == 1 + N_EVENTS
    result = CliRunner().invoke(main, ["export", "csv", "--db", store_url])  # -o is optional, as for query
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1 + N_EVENTS
    result = CliRunner().invoke(main, ["export", "parquet", "--db", store_url])
    assert result.exit_code == 0 and result.stdout_bytes[:4] == b"PAR1"
    result = CliRunner().invoke(main, ["export", "gdelt", "--db", store_url])
    assert "warning: gdelt: left out 3 event(s)" in result.stderr and len(result.stdout.splitlines()) == N_EVENTS - 3
    result = CliRunner().invoke(main, ["export", "csv", "--db", store_url, "--limit", "2"])
    assert len(result.stdout.splitlines()) == 3 and f"wrote 2 of {N_EVENTS} events" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["csv", "--errors"], "'--errors': applies to records only"),
    (["plover", "--header"], "'--header': applies to gdelt only"),
    (["csv", "--imprecise", "first-day"], "'--imprecise': applies to gdelt and polecat only"),
    (["csv", "--type", "FOO"], "unknown event type FOO"),
    (["csv", "--country", "Norwy"], "did you mean Norway (NOR)?"),
    (["csv", "--date-from", "2024-13"], "there is no month 13"),
])
def test_export_cli_refuses_what_it_cannot_do(store_url, args, message):
    from newsledger.cli import main

    with Ledger.open(store_url) as led:
        led.add_records(_corpus())
    result = CliRunner().invoke(main, ["export", *args, "--db", store_url])
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_export_gdelt_root_event_is_one_in_the_first_paragraph_only(store_url):
    lead = make_record("Hungary accused Norway of spying on Monday.\n\nThe two met later in Oslo on Tuesday.",
                       source="https://p.example/1", published="2024-03-06",
                       entities=[{"name": "Hungary", "type": "GPE", "country": "HUN"}],
                       places=["Oslo"],
                       events=[{"type": "ACCUSE", "trigger": "accused", "actor": ["Hungary"],
                                "date": ("2024-03-04", "2024-03-04"),
                                "evidence": "Hungary accused Norway of spying on Monday."},
                               {"type": "CONSULT", "trigger": "met", "date": ("2024-03-05", "2024-03-05"),
                                "place": "Oslo", "evidence": "The two met later in Oslo on Tuesday."}])
    with Ledger.open(store_url) as led:
        led.add_records([lead])
        out = io.StringIO()
        run_export(led.store, "gdelt", out)
    rows = {r["EventRootCode"]: r for r in read_gdelt(out.getvalue())}
    assert rows["11"]["IsRootEvent"] == 1 and rows["04"]["IsRootEvent"] == 0
