"""The command line a new user meets: `query` readable at 80 columns and plain TSV into a
pipe, every cut said on standard error, filters refused with a message, the README's
actor-override example, help on every option, settings checked, `show` of a JSON Lines
file, logging levels, progress and the first-run gazetteer build."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import json
import re
from datetime import date

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from newsledger import cli
from newsledger.console import Col, count_inputs, fit_columns, render_table
from newsledger.model import PLOVER_TYPES
from newsledger.store import FilterError, Ledger
from newsledger.store.cli import event_table
from newsledger.store.query import select_events
from newsledger.store.schema import COLUMN_NAMES, ledger_rows
from tests.test_query_store import _corpus
from tests.test_store_fixtures import make_record, store, store_url  # noqa: F401 - fixtures


def run(args, **kwargs):
    return CliRunner().invoke(cli.main, args, **kwargs)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "ledger.db")
    long_name = {"name": "Extraordinary and Plenipotentiary Ambassador Johanna Marika Vestergaard-Lindqvist",
                 "type": "PERSON", "country": "NOR", "sector": "GOV"}
    wordy = make_record(
        "Extraordinary and Plenipotentiary Ambassador Johanna Marika Vestergaard-Lindqvist cooperated with the "
        "authorities of Budapest on a long programme of shared inspections of the river ports and their cranes.",
        source="https://k.example/11", published="2024-03-20", entities=[long_name], places=["Budapest"],
        events=[{"type": "COOPERATE", "trigger": "cooperated", "actor": [long_name["name"]],
                 "date": ("2024-03-19", "2024-03-19"), "place": "Budapest"}])
    with Ledger.open(path) as led:
        led.add_records([*_corpus(), wordy])
    return path


def _many(path: str, n: int) -> None:
    """n more one-event articles, each on its own day."""
    records = []
    for i in range(n):
        day = date(2022, 1, 1).toordinal() + 3 * i  # days apart: never one happening
        iso = date.fromordinal(day).isoformat()
        records.append(make_record(f"Officials in Lima protested on day {i} of the dispute.",
                                   source=f"https://m.example/{i}", published=iso, places=["Lima"],
                                   events=[{"type": "PROTEST", "trigger": "protested", "date": (iso, iso),
                                            "place": "Lima"}]))
    with Ledger.open(path) as led:
        led.add_records(records)


# --- query at 80 columns ------------------------------------------------------------------------

def _columns(lines: list[str]) -> list[tuple[int, int]]:
    """Column spans from the rule line under the header (runs of ─)."""
    return [(m.start(), m.end()) for m in re.finditer("─+", lines[1])]


@pytest.mark.parametrize("width", [80, 100, 140])
def test_query_table_every_column_is_readable(db, width):
    with Ledger.open(db) as led:
        rows = ledger_rows(led.store, select_events(led.store))
    lines = render_table(event_table(rows), width)
    assert all(len(line) <= width for line in lines)
    spans = _columns(lines)
    headers = [lines[0][a:b].strip() for a, b in spans]
    assert headers == ["date", "type", "who → whom", "place", "reports", "evidence"]
    for (a, b), header in zip(spans, headers, strict=True):
        assert b - a >= len(header)  # a header is never cut or stacked a letter a line
    for line in lines[2:]:
        cells = {h: line[a:b].strip() for (a, b), h in zip(spans, headers, strict=True)}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}…?|\d{4}(-\d{2})?|undated", cells["date"]), cells["date"]
        assert cells["type"] in PLOVER_TYPES
        assert cells["reports"].isdigit()
        for column in ("who → whom", "evidence"):
            assert len(cells[column]) >= min(10, len(cells[column].rstrip("…"))), cells  # something to read
        assert len(cells["evidence"]) >= 14 or not cells["evidence"].endswith("…")
    assert any(line.rstrip().endswith("…") for line in lines[2:])  # long evidence cut, with a mark


def test_query_table_through_the_cli_fits_80_columns_and_says_what_it_shows(db):
    result = run(["query", "--db", db, "--format", "table"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[-1] == "5 of 5 event(s), newest first"
    wide = run(["query", "--db", db, "--format", "table", "--wide"]).stdout.splitlines()
    assert "key" in wide[0] and "conf" in wide[0] and any("Vestergaard-Lindqvist (NOR)" in line for line in wide)


def test_fit_columns_drops_optional_columns_before_squeezing_below_a_header():
    cols = [Col("date", ["2024-03-04"], min_width=10), Col("type", ["CONSULT"], min_width=9),
            Col("place", ["Budapest"], drop=1, min_width=8), Col("evidence", ["x" * 200], min_width=14, flex=1)]
    kept = fit_columns(cols, 40)
    assert [c.header for c, _ in kept] == ["date", "type", "evidence"]
    assert sum(w for _, w in kept) + 2 * (len(kept) - 1) <= 40


def test_query_into_a_pipe_is_tsv_with_every_row(db):
    _many(db, 150)
    result = run(["query", "--db", db])  # standard output is not a terminal here
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == list(COLUMN_NAMES) and len(lines) == 1 + 155
    assert all(len(line.split("\t")) == len(COLUMN_NAMES) for line in lines)
    assert "showing" not in result.stderr  # nothing cut, nothing said
    table = run(["query", "--db", db, "--format", "table"])
    assert len(table.stdout.splitlines()) == 2 + 100 + 1
    assert "showing 100 of 155 events; --limit 0 shows all" in table.stderr
    csv_out = run(["query", "--db", db, "--format", "csv", "--limit", "10"])
    assert len(csv_out.stdout.splitlines()) == 11 and "showing 10 of 155 events" in csv_out.stderr
    jsonl = run(["query", "--db", db, "--format", "jsonl", "--type", "COOPERATE"])
    row = json.loads(jsonl.stdout)
    assert row["date_start"] == "2024-03-19" and row["actor_countries"] == ["NOR"]


def test_query_output_file_format_from_its_extension(db, tmp_path):
    for name, check in (("a.csv", lambda t: t.startswith("key,type,")), ("a.json", lambda t: json.loads(t)),
                        ("a.tsv", lambda t: t.startswith("key\ttype\t")), ("a.txt", lambda t: "who → whom" in t)):
        out = tmp_path / name
        result = run(["query", "--db", db, "-o", str(out)])
        assert result.exit_code == 0 and check(out.read_text(encoding="utf-8")), name


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "FOO"], "Invalid value for '--type': unknown event type FOO"),
    (["--country", "Norwy"], "Invalid value for '--country': country 'Norwy' is not a country name"),
    (["--from", "2024-13"], "Invalid value for '--date-from': date_from must be a date"),
    (["--radius-km", "-3", "--place", "Oslo"], "radius_km must be more than 0"),
    (["--min-reports", "x"], "min_reports must be a whole number"),
])
def test_query_refuses_bad_filters_with_a_message(db, args, message):
    result = run(["query", "--db", db, *args])
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_query_country_by_name_and_the_former_option_names(db):
    by_name = run(["query", "--db", db, "--country", "Norway", "--format", "csv"]).stdout
    by_code = run(["query", "--db", db, "--country", "NOR", "--format", "csv"]).stdout
    assert by_name == by_code and len(by_name.splitlines()) == 1 + 4
    old = run(["query", "--db", db, "--from", "2024-03", "--to", "2024-03", "--format", "csv"]).stdout
    new = run(["query", "--db", db, "--date-from", "2024-03", "--date-to", "2024-03", "--format", "csv"]).stdout
    assert old == new and len(new.splitlines()) == 1 + 3


def test_query_quotes_and_timeline(db):
    quotes = run(["query", "--db", db, "--quotes", "--speaker", "Varga", "--format", "json"])
    assert json.loads(quotes.stdout)[0]["text"] == "We will respond"
    table = run(["query", "--db", db, "--quotes", "--format", "table"])
    assert "We will respond" in table.stdout and all(len(line) <= 80 for line in table.stdout.splitlines())
    timeline = run(["query", "--db", db, "--timeline", "month", "--format", "csv"])
    assert timeline.stdout.splitlines() == ["period,events,reports", "2024-02,1,1", "2024-03,3,5", "2024-04,1,1"]


def test_timeline_an_event_known_to_the_year_lands_in_no_month(store_url):
    january = make_record("Hungary accused Norway of spying on January 15.", source="https://n.example/1",
                          published="2024-01-16",
                          entities=[{"name": "Hungary", "type": "GPE", "country": "HUN"}],
                          events=[{"type": "ACCUSE", "trigger": "accused", "actor": ["Hungary"],
                                   "date": ("2024-01-15", "2024-01-15")}])
    year = make_record("Hungary accused Norway of spying at some point in 2024.", source="https://n.example/2",
                       published="2024-06-01",
                       entities=[{"name": "Hungary", "type": "GPE", "country": "HUN"}],
                       events=[{"type": "ACCUSE", "trigger": "accused", "actor": ["Hungary"],
                                "date": ("2024", "2024")}])
    month = make_record("Hungary accused Norway of spying in March 2024.", source="https://n.example/3",
                        published="2024-06-02",
                        entities=[{"name": "Hungary", "type": "GPE", "country": "HUN"}],
                        events=[{"type": "ACCUSE", "trigger": "accused", "actor": ["Hungary"],
                                 "date": ("2024-03", "2024-03")}])
    with Ledger.open(store_url) as led:
        led.add_records([january, year, month])
        for filters in ({}, {"type": "ACCUSE"}, {"actor": "Hungary"}, {"date_from": "2024-01-01", "date_to": "2024-12"}):
            by_month = led.timeline(by="month", **filters)
            assert by_month.to_dict("records") == [{"period": "2024-01", "events": 1, "reports": 1},
                                                   {"period": "2024-03", "events": 1, "reports": 1}], filters
            assert by_month.attrs["unplaced_events"] == 1
            by_day = led.timeline(by="day", **filters)
            assert list(by_day["period"]) == ["2024-01-15"] and by_day.attrs["unplaced_events"] == 2
            assert led.timeline(by="year", **filters).to_dict("records") == [
                {"period": "2024", "events": 3, "reports": 3}]
    result = run(["query", "--db", store_url, "--timeline", "month", "--format", "csv"])
    assert "1 event(s) known less precisely than a month are in no month" in result.stderr


# --- the Python API -----------------------------------------------------------------------------

def test_ledger_events_named_typed_filters_and_no_silent_limit(db):
    _many(db, 120)
    with Ledger.open(db) as led:
        every = led.events()
        assert len(every) == 125 == led.count_events()  # no default of 100
        assert len(led.events(limit=7)) == 7
        frame = led.events(type=["consult"], date_from=date(2024, 3, 5), actor="Lindqvist")
        assert list(frame["date_start"]) == [pd.Timestamp("2024-03-11")]
        assert pd.api.types.is_datetime64_any_dtype(frame["date_start"])
        assert pd.api.types.is_datetime64_any_dtype(led.quotes()["published"])
        with pytest.raises(FilterError, match="there is no month 13"):
            led.events(date_from="2024-13")
        assert len(led.quotes(speaker="Varga")) == 1


def test_record_accessors_follow_ids_without_an_index():
    record = _corpus()[0]
    event = record.events[0]
    assert [e.name for e in record.actors(event)] == ["Maria Lindqvist"]
    assert record.entity(event.recipient[0]).name == "Tomas Varga"
    assert record.event_place(event).name == "Oslo" and record.event(event.id) is event
    assert event.date.first_day == date(2024, 3, 4) and event.date.precision == "day"
    assert record.published_date == date(2024, 3, 5)
    with pytest.raises(KeyError, match="no entity 'E99'"):
        record.entity("E99")
    assert "first_day" not in record.to_json()  # accessors are not part of the record


# --- the README's actor-override example ------------------------------------------------------------

def test_the_readme_override_example_reaches_the_ledger(tmp_path):
    actors_file = tmp_path / "my-actors.yaml"
    actors_file.write_text("- name: Maria Lindqvist\n  aliases: [Lindqvist]\n  country: NOR\n  sector: GOV\n"
                           "  role: President of Norway\n  since: 2021-05-01\n", encoding="utf-8")
    article = tmp_path / "talks.txt"
    article.write_text("Talks in Oslo\n\nOSLO, March 11, 2024 - Lindqvist met the Finnish president in Oslo on "
                       "Monday. Lindqvist later criticised Russia over the closed border crossings.\n", encoding="utf-8")
    db = str(tmp_path / "ledger.db")
    result = run(["ingest", str(article), "--actors", str(actors_file), "--db", db])
    assert result.exit_code == 0, result.output
    found = run(["query", "--actor", "Maria Lindqvist", "--db", db, "--format", "csv"]).stdout.splitlines()
    assert len(found) >= 2  # the article names her only as "Lindqvist"
    listed = run(["actors", "list", "--db", db, "--format", "csv"]).stdout
    assert "Maria Lindqvist,PERSON,NOR,GOV,President of Norway" in listed
    shown = json.loads(run(["actors", "show", "Lindqvist", "--db", db]).stdout)
    assert shown["key"] == "person:maria-lindqvist" and shown["events"] >= 1


# --- the rest of the command line ---------------------------------------------------------------------

def _commands(group: click.Group, prefix: str = ""):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_every_option_of_every_command_has_help():
    missing = []
    for name, command in _commands(cli.main):
        if name == "serve":  # the web app's command (src/newsledger/web/cli.py) keeps its own
            continue
        for param in command.params:
            if isinstance(param, click.Option) and not (param.help or "").strip() and not param.hidden:
                missing.append(f"{name} {param.opts[0]}")
    assert missing == []
    assert all((p.help or "").strip() for p in cli.main.params if isinstance(p, click.Option))


def test_export_help_names_only_options_that_exist():
    text = run(["export", "--help"], terminal_width=200).stdout
    export = cli.main.commands["export"]
    known = {o for p in export.params if isinstance(p, click.Option) for o in p.opts + p.secondary_opts}
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text))
    assert named <= known | {"--help"}, named - known
    assert "--quotes" not in text


def test_messages_never_show_internal_codes(db):
    result = run(["actors", "merge", "nobody-at-all", "no-one-either", "--db", db])
    assert result.exit_code == 1
    assert "no actor 'nobody-at-all'" in result.stderr and "store_error" not in result.output


@pytest.mark.parametrize(("value", "expected"), [("10MB", 10_000_000), ("10MiB", 10_485_760), ("512 kB", 512_000),
                                                 ("4096", 4096)])
def test_settings_accept_sizes(monkeypatch, value, expected):
    from newsledger.config import Settings

    monkeypatch.setenv("NEWSLEDGER_MAX_BYTES", value)
    assert Settings().max_bytes == expected


@pytest.mark.parametrize(("name", "value", "message"), [
    ("NEWSLEDGER_MAX_BYTES", "ten megs", "NEWSLEDGER_MAX_BYTES='ten megs' is not a size"),
    ("NEWSLEDGER_MAX_BYTES", "0", "must be more than 0 bytes"),
    ("NEWSLEDGER_TIME_BUDGET", "soon", "NEWSLEDGER_TIME_BUDGET='soon' is not a number of seconds"),
    ("NEWSLEDGER_TIME_BUDGET", "-5", "above 0"),
])
def test_bad_settings_end_with_a_message_not_a_traceback(monkeypatch, db, name, value, message):
    monkeypatch.setenv(name, value)
    result = run(["query", "--db", db])
    assert result.exit_code == 1 and message in result.stderr, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_show_a_jsonl_file_shows_every_record(tmp_path):
    records = _corpus()[:2]
    path = tmp_path / "records.jsonl"
    error = {"schema": "newsledger/error@1", "input_id": "x", "source": "bad.txt",
             "error": {"code": "empty_input", "message": "the input is empty"}}
    path.write_text("\n".join([records[0].to_json(), records[1].to_json(), json.dumps(error)]) + "\n", encoding="utf-8")
    result = run(["show", str(path)], terminal_width=120)
    assert result.exit_code == 0, result.output
    assert "record 1 of 3" in result.stdout and "record 3 of 3" in result.stdout
    assert "Maria Lindqvist" in result.stdout and "Norwegian officials" in result.stdout
    assert "error record: bad.txt: empty_input" in result.stdout


def test_quiet_and_verbose(db, tmp_path):
    out = tmp_path / "x.csv"
    assert "written to" in run(["export", "csv", "-o", str(out), "--db", db]).stderr
    assert run(["-q", "export", "csv", "-o", str(out), "--db", db]).stderr == ""
    quiet_warning = run(["-q", "export", "csv", "-o", str(out), "--db", db, "--limit", "1"]).stderr
    assert "warning: wrote 1 of 5 events" in quiet_warning
    assert run(["-qq", "export", "csv", "-o", str(out), "--db", db, "--limit", "1"]).stderr == ""


def test_ingest_progress_has_a_total(tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(r.to_json() for r in _corpus()) + "\n", encoding="utf-8")
    result = run(["ingest", "--records", str(records), "--db", str(tmp_path / "l.db"), "--progress"])
    assert result.exit_code == 0, result.output
    assert "6/6" in result.stderr and "ingest" in result.stderr


def test_count_inputs_counts_documents_as_ingest_reads_them(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("one", encoding="utf-8")
    (folder / ".hidden").write_text("no", encoding="utf-8")
    (folder / "b.jsonl").write_text('{"id": 1, "text": "x"}\n\n{"id": 2, "text": "y"}\n', encoding="utf-8")
    assert count_inputs([str(folder)]) == 3
    assert count_inputs([str(folder), "-"]) is None


def test_first_run_says_the_gazetteer_is_being_built(tmp_path, monkeypatch, caplog):
    import newsledger.gazetteer as gazetteer
    from newsledger.console import ensure_gazetteer

    def fake_build(cache_dir, progress=None):
        for fraction, what in ((0.0, "loading GeoNames cities"), (0.5, "reading cities"), (1.0, "done")):
            progress(fraction, what)
        path = gazetteer.index_path(cache_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
        return path

    monkeypatch.setattr(gazetteer, "ensure_built", fake_build)
    with caplog.at_level("INFO", logger="newsledger"):
        ensure_gazetteer(tmp_path / "cache", show=False)
    assert "building the offline gazetteer" in caplog.text and "gazetteer: 50% (reading cities)" in caplog.text
    caplog.clear()
    with caplog.at_level("INFO", logger="newsledger"):
        ensure_gazetteer(tmp_path / "cache", show=False)  # built: nothing to say
    assert caplog.text == ""
