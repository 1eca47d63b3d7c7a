"""`newsledger spark INPUT OUTPUT`: the Spark job from the shell (or under spark-submit)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _conf(ctx, param, values) -> dict[str, str]:
    out = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE")
        out[key.strip()] = val
    return out


@click.command("spark")
@click.argument("input_path", metavar="INPUT")
@click.argument("output_path", metavar="OUTPUT")
@click.option("--input-format", type=click.Choice(["auto", "parquet", "jsonl"]), default="auto", show_default=True,
              help="auto: JSON Lines for .jsonl/.json/.ndjson paths, Parquet otherwise.")
@click.option("--master", default=None, metavar="URL",
              help="Spark master (default: what spark-submit gives, else local[*]).")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Spread the documents over this many partitions (default: 4 per core, unless the input has more).")
@click.option("--overwrite", is_flag=True, help="Replace the tables under OUTPUT if they exist.")
@click.option("--conf", "conf", multiple=True, callback=_conf, metavar="KEY=VALUE",
              help="A Spark setting (repeatable), e.g. --conf spark.executor.memory=4g.")
@click.option("--spacy-model", default=None, metavar="NAME|PATH",
              help="spaCy English pipeline (must be installed on every worker).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the run's report (counts, seconds, worker memory) as JSON here.")
def spark_command(input_path, output_path, input_format, master, partitions, overwrite, conf, spacy_model, json_out):
    """Run the pipeline on Apache Spark: INPUT (Parquet or JSON Lines, any path Spark reads:
    local, hdfs://, s3a://, globs) to OUTPUT/records, OUTPUT/events (partitioned by
    event_month) and OUTPUT/errors, as Parquet.

    Input columns: id, text or html, optional published, url, raw, source.
    """
    try:
        from .job import run, spark_session
    except ImportError as exc:
        raise click.ClickException(
            f"newsledger spark needs the 'spark' extra (pip install 'newsledger[spark]'): {exc}") from exc
    from pyspark.sql import SparkSession

    from ..config import Settings

    # Called from Python with a session already running (a notebook, tests): use it, leave it running.
    owned = SparkSession.getActiveSession() is None
    spark = spark_session(master, config=conf)
    try:
        report = run(spark, input_path, output_path, input_format=input_format,
                     settings=Settings().with_(spacy_model=spacy_model), partitions=partitions,
                     mode="overwrite" if overwrite else "errorifexists")
    finally:
        if owned:
            spark.stop()
    codes = ", ".join(f"{k} {v}" for k, v in sorted(report["error_codes"].items()))
    click.echo(f"newsledger spark: {report['documents']} document(s): {report['records']} record(s), "
               f"{report['events']} event(s), {report['errors']} error record(s){' (' + codes + ')' if codes else ''}; "
               f"{report['seconds']:.1f} s; peak memory per Python worker {report['peak_rss_mb_per_worker']:.0f} MB",
               err=True)
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2), encoding="utf-8")
    if report["documents"] and not report["records"]:
        sys.exit(1)
