"""Command-line commands of the ledger (registered in newsledger.cli): a thin layer over the
library in this package.

    newsledger ingest PATH...              extract and store a corpus (resumable)
    newsledger query [FILTERS]             events, quotes or a timeline: table, JSON or CSV
    newsledger export FORMAT -o PATH       records, csv, parquet, plover, gdelt
    newsledger actors list|show|merge|edit the actor knowledge base
    newsledger ledger status|check|rebuild the store itself
    newsledger bench-store                 ingest throughput and query latency on 1M events
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..config import Settings
from ..errors import NewsledgerError
from ..ingest import INPUT_FORMATS
from ..knowledge import KnowledgeFileError

_db_option = click.option("--db", default=None, metavar="PATH|URL",
                          help="The store: a SQLite file or a postgresql:// URL (default: $NEWSLEDGER_DB or newsledger.db).")


def _open(db: str | None, *, create: bool = False):
    """The ledger at `db`; only `ingest` (and a user's edit) may create a new SQLite file."""
    from . import Ledger
    from .backend import is_postgres_url

    target = db or Settings().db
    if not create and not is_postgres_url(target) and target != ":memory:" and not Path(target).exists():
        raise click.ClickException(f"no ledger at {target} (newsledger ingest creates one; --db names another)")
    try:
        return Ledger.open(target)
    except NewsledgerError as exc:
        raise click.ClickException(f"{exc.code}: {exc.message}") from exc


def _filter_options(fn):
    options = [
        click.option("--actor", help="A name or actor key (aliases from the knowledge base count)."),
        click.option("--country", metavar="ISO3", help="Country of an actor or recipient."),
        click.option("--type", "event_type", metavar="TYPE[,TYPE]", help="PLOVER event type(s)."),
        click.option("--from", "date_from", metavar="DATE", help="First day (2024, 2024-02, 2024-02-20)."),
        click.option("--to", "date_to", metavar="DATE", help="Last day."),
        click.option("--place", metavar="NAME|LAT,LON", help="Events near this place."),
        click.option("--radius", "radius_km", type=float, default=50.0, show_default=True, help="Kilometres around --place."),
        click.option("--text", help="Words that must occur in a reporting article."),
        click.option("--speaker", help="Events asserted in a quote of this speaker (or, with --quotes, their quotes)."),
        click.option("--min-reports", type=int, default=None, help="Only events reported by at least N articles."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _filters(kwargs: dict):
    from .query import Filters

    return Filters.of(**{k: kwargs.pop(k) for k in list(kwargs) if k in Filters.__dataclass_fields__})


# --- ingest ------------------------------------------------------------------------------------

@click.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", metavar="YYYY-MM-DD[THH:MM]", help="The articles' publication time (overrides the documents).")
@click.option("--raw", is_flag=True, help="Inputs are body text only: no header is looked for.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
@click.option("--records", "as_records", is_flag=True,
              help="PATHs are JSON Lines of records already extracted (newsledger extract): store them as they are.")
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Actor override file (YAML or CSV), asked before the store's knowledge base.")
@click.option("--retry-errors", is_flag=True, help="Forget stored error records first, so those inputs are tried again.")
@click.option("--batch-size", type=int, default=None, help="Documents parsed together (default 16).")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the ingest report as JSON to this file.")
@click.option("--spacy-model", default=None, metavar="NAME|PATH")
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

    if published:
        from ..ingest.dates import normalise_published

        try:
            published = normalise_published(published)
        except ValueError as exc:
            raise click.BadParameter(f"{published!r} is not YYYY-MM-DD[THH:MM]", param_hint="--published") from exc
    settings = Settings().with_(spacy_model=spacy_model, batch_size=batch_size)
    show = sys.stderr.isatty() if progress is None else progress
    ledger = _open(db, create=True)
    try:
        with _progress(show) as on_progress:
            if as_records:
                report = ingest_records(ledger.store, read_record_files(paths), on_progress=on_progress)
            else:
                report = ingest_paths(ledger.store, paths, settings=settings, raw=raw, published=published,
                                      input_format=input_format, override_file=actors_file,
                                      retry_errors=retry_errors, on_progress=on_progress, workers=workers)
    except NewsledgerError as exc:
        raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    except KnowledgeFileError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        ledger.close()
    codes = ", ".join(f"{k} {v}" for k, v in sorted(report.error_codes.items()))
    click.echo(f"newsledger: {report.inputs} input(s): {report.stored} stored, {report.duplicates} duplicate(s), "
               f"{report.skipped} already stored, {report.errors} error(s){' (' + codes + ')' if codes else ''}; "
               f"{report.docs_per_s:.2f} documents/s", err=True)
    if json_out:
        Path(json_out).write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    if report.processed and report.errors == report.processed:
        sys.exit(1)


class _progress:
    """A rich progress line on stderr: documents, documents/s, stored, skipped, errors."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(SpinnerColumn(), TextColumn("ingest"), TextColumn("{task.completed} documents"),
                            TextColumn("{task.fields[rate]:.2f} docs/s"),
                            TextColumn("stored {task.fields[stored]} · already {task.fields[skipped]} · "
                                       "errors {task.fields[errors]}"),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=False)
        self.bar.start()
        self.task = self.bar.add_task("ingest", total=None, rate=0.0, stored=0, skipped=0, errors=0)
        return self.update

    def update(self, report) -> None:
        self.bar.update(self.task, completed=report.processed + report.skipped, rate=report.docs_per_s,
                        stored=report.stored, skipped=report.skipped, errors=report.errors)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


# --- query -------------------------------------------------------------------------------------

_TABLE_COLUMNS = {
    "events": ("date_start", "type", "actors", "recipients", "place_name", "n_reports", "evidence", "key"),
    "quotes": ("published", "speaker", "kind", "text", "source"),
    "timeline": ("period", "events", "reports"),
}


def _write_frame(frame, fmt: str, output: str | None, kind: str) -> None:
    if fmt == "csv":
        text = frame.to_csv(index=False)
    elif fmt == "json":
        text = frame.to_json(orient="records", force_ascii=False, indent=2) + "\n"
    else:
        text = None
    if text is not None:
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    columns = [c for c in _TABLE_COLUMNS[kind] if c in frame.columns]
    for c in columns:
        long = c in ("evidence", "text", "key", "source")
        table.add_column(c, overflow="ellipsis" if long else "fold", no_wrap=long, max_width=60 if long else None)
    for row in frame[columns].itertuples(index=False):
        table.add_row(*("" if v is None or v != v else str(v) for v in row))
    console = Console(file=open(output, "w", encoding="utf-8") if output else None, width=200 if output else None)  # noqa: SIM115
    console.print(table)
    console.print(f"{len(frame)} row(s)", style="dim")


@click.command()
@_db_option
@_filter_options
@click.option("--quotes", "what", flag_value="quotes", help="Quotes instead of events.")
@click.option("--timeline", "by", type=click.Choice(("day", "month", "year")), default=None,
              help="Counts of events per day, month or year instead of events.")
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows (0: all).")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None)
def query(db, what, by, limit, fmt, output, **kwargs):
    """Events of the ledger (deduplicated: one row per happening, with its number of
    reports), newest first; or quotes (--quotes); or a timeline (--timeline month)."""
    from .query import events, quotes, timeline

    filters = _filters(kwargs)
    ledger = _open(db)
    try:
        if by:
            frame, kind = timeline(ledger.store, filters, by=by), "timeline"
        elif what == "quotes":
            frame, kind = quotes(ledger.store, filters, limit=limit or None), "quotes"
        else:
            frame, kind = events(ledger.store, filters, limit=limit or None), "events"
    except NewsledgerError as exc:
        raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    finally:
        ledger.close()
    _write_frame(frame, fmt, output, kind)


# --- export ------------------------------------------------------------------------------------

@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(("records", "csv", "parquet", "plover", "gdelt")))
@click.option("--output", "-o", required=True, help="File to write ('-' for standard output, except parquet).")
@_db_option
@_filter_options
@click.option("--errors", is_flag=True, help="records: also write the stored error records.")
def export(fmt, output, db, errors, **kwargs):
    """Write the ledger out: records (JSON Lines), csv or parquet (one row per event), plover
    (PLOVER/POLECAT-style event JSON), gdelt (GDELT-events-like TSV)."""
    from .export import export as run_export

    filters = _filters(kwargs)
    ledger = _open(db)
    try:
        target = sys.stdout if output == "-" else output
        n = run_export(ledger.store, fmt, target, filters, errors=errors)
    except NewsledgerError as exc:
        raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    finally:
        ledger.close()
    click.echo(f"newsledger: {n} {'record' if fmt == 'records' else 'event'}(s) written to {output}", err=True)


# --- actors ------------------------------------------------------------------------------------

@click.group()
def actors() -> None:
    """The actor knowledge base: canonical actors, their aliases, country, sector and role."""


@actors.command("list")
@_db_option
@click.option("--search", help="Part of a name or alias.")
@click.option("--country", metavar="ISO3")
@click.option("--sector", metavar="SECTOR")
@click.option("--type", "type_", metavar="TYPE", help="PERSON, ORG ...")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
def actors_list(db, search, country, sector, type_, limit, fmt):
    """Canonical actors, most documented first."""
    from .knowledge import list_actors

    ledger = _open(db)
    try:
        frame = list_actors(ledger.store, search=search, country=country, sector=sector, type_=type_,
                            limit=limit or None)
    finally:
        ledger.close()
    if fmt != "table":
        _write_frame(frame, fmt, None, "actors")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for c in frame.columns:
        table.add_column(c, overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if v is None or v != v else str(v) for v in row))
    Console().print(table)


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
    except NewsledgerError as exc:
        raise click.ClickException(exc.message) from exc
    finally:
        ledger.close()
    click.echo(f"merged {other} into {keep}", err=True)


@actors.command("edit")
@click.argument("key_or_name")
@_db_option
@click.option("--name")
@click.option("--type", "type_")
@click.option("--country", metavar="ISO3", help="'' for none.")
@click.option("--sector")
@click.option("--role")
@click.option("--reset", multiple=True, type=click.Choice(("name", "type", "country", "sector", "role")),
              help="Drop a correction: the learned value applies again.")
@click.option("--add-alias", multiple=True)
@click.option("--remove-alias", multiple=True, help="Struck out for good: never learned back.")
@click.option("--create", is_flag=True, help="Create the actor if it does not exist (needs --name and --type).")
def actors_edit(key_or_name, db, name, type_, country, sector, role, reset, add_alias, remove_alias, create):
    """Correct an actor by hand; corrections win over what articles taught."""
    from .knowledge import edit_actor, show_actor

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
    except NewsledgerError as exc:
        raise click.ClickException(exc.message) from exc
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
    click.echo("ok" if not problems else f"{len(problems)} problem(s)", err=True)
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
    click.echo(f"{n} ledger event(s)", err=True)


# --- benchmark -----------------------------------------------------------------------------------

@click.command("bench-store")
@click.option("--events", "n_events", type=int, default=1_000_000, show_default=True,
              help="Synthetic events in the query benchmark store.")
@click.option("--queries", type=int, default=200, show_default=True, help="Queries timed per kind.")
@click.option("--ingest-docs", type=int, default=40, show_default=True, help="Articles in the ingest benchmark.")
@click.option("--db", default=None, metavar="PATH|URL",
              help="Run the query benchmark in this store (default: a temporary SQLite file). It is emptied first.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None)
def bench_store(n_events, queries, ingest_docs, db, json_out):
    """Ingest throughput, and p50/p99 latency of a timeline query and of an actor filter on a
    store holding N synthetic events."""
    from .bench import format_report, run

    report = run(n_events=n_events, n_queries=queries, ingest_docs=ingest_docs, db=db,
                 log=lambda m: click.echo(m, err=True))
    click.echo(format_report(report))
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2), encoding="utf-8")
