"""`newsledger spark INPUT OUTPUT`: the Spark job from the shell (or under spark-submit)."""

from __future__ import annotations

import json
import os
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
@click.option("--java-log", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Where Spark's Java messages go (default: spark-java-PID.log in the temporary folder; "
                   "with -v, standard error).")
def spark_command(input_path, output_path, input_format, master, partitions, overwrite, conf, spacy_model, json_out,
                  java_log):
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
    import logging
    import tempfile

    from pyspark.sql import SparkSession

    from ..config import Settings
    from ..console import log

    # Called from Python with a session already running (a notebook, tests): use it, leave it running.
    owned = SparkSession.getActiveSession() is None
    verbose = log.isEnabledFor(logging.DEBUG)
    java_log = java_log or str(Path(tempfile.gettempdir()) / f"spark-java-{os.getpid()}.log")
    if owned and not verbose:
        log.info("starting Spark; its Java messages go to %s (-v shows them here)", java_log)
    spark = spark_session(master, config=conf, java_log=java_log, quiet=not verbose)
    try:
        report = run(spark, input_path, output_path, input_format=input_format,
                     settings=Settings().with_(spacy_model=spacy_model), partitions=partitions,
                     mode="overwrite" if overwrite else "errorifexists")
    finally:
        if owned:
            spark.stop()
    codes = ", ".join(f"{k} {v}" for k, v in sorted(report["error_codes"].items()))
    log.info("spark: %d document(s): %d record(s), %d event(s), %d error record(s)%s; %.1f s; "
             "peak memory per Python worker %.0f MB", report["documents"], report["records"], report["events"],
             report["errors"], f" ({codes})" if codes else "", report["seconds"], report["peak_rss_mb_per_worker"])
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2), encoding="utf-8")
    if report["documents"] and not report["records"]:
        sys.exit(1)
