"""The Spark job: read documents, run the pipeline per partition, write three tables.

    from newsledger.spark import spark_session, run
    spark = spark_session("local[2]")
    report = run(spark, "s3a://bucket/articles/*.parquet", "s3a://bucket/ledger/")

Output (Parquet, under OUTPUT):
- `records/`  one row per record: `record` (the record JSON, exactly what `newsledger
  extract` writes for the same input) and flat columns (input_order, input_id, source,
  url, article_id, title, published, n_entities ... n_warnings);
- `events/`   one row per event, partitioned by `event_month` (the year-month of the
  event's date start, "YYYY" when only the year is known, "unknown" when undated):
  input_order, input_id, the record's event_id, the event row every event table has
  (`store.schema.EVENT_COLUMNS`: real date columns with date_precision, actor and
  recipient names, countries and sectors, place, quad class, Goldstein...) and `event`
  (the event JSON);
- `errors/`   one row per document that gave an error record: input_order, input_id,
  source, code, message and `record` (the error record JSON).

`input_order` is increasing in input order (Spark's monotonically_increasing_id over the
input as read), so sorting on it restores the order `extract` would give.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F  # noqa: N812 - the names PySpark code uses
from pyspark.sql import types as T  # noqa: N812 - the names PySpark code uses

from ..config import Settings
from .worker import OUTPUT_SCHEMA, map_batches, settings_overrides

if TYPE_CHECKING:
    from ..pipeline import Pipeline

INPUT_FORMATS = ("auto", "parquet", "jsonl")
_JSON_SUFFIXES = (".jsonl", ".json", ".ndjson", ".jsonl.gz", ".json.gz", ".ndjson.gz", ".jsonl.bz2", ".json.bz2")

# JSON Lines are read with this schema: no inference pass over the data, missing fields are
# null, and a line that is not a JSON object lands in `_corrupt_record`.
_JSON_SCHEMA = T.StructType([
    T.StructField("id", T.StringType()),
    T.StructField("text", T.StringType()),
    T.StructField("html", T.StringType()),
    T.StructField("published", T.StringType()),
    T.StructField("url", T.StringType()),
    T.StructField("raw", T.BooleanType()),
    T.StructField("source", T.StringType()),
    T.StructField("_corrupt_record", T.StringType()),
])

RECORD_COLUMNS = ("input_order", "input_id", "source", "url", "article_id", "title", "published",
                  "n_entities", "n_times", "n_places", "n_quotes", "n_amounts", "n_events", "n_warnings",
                  "record")


def spark_session(master: str | None = None, *, app_name: str = "newsledger",
                  config: dict[str, str] | None = None, java_log: str | os.PathLike | None = None,
                  quiet: bool = True) -> SparkSession:
    """A Spark session for newsledger jobs.

    Under `spark-submit` the master and resources come from spark-submit. Started from
    Python (tests, `newsledger spark` without spark-submit) it is `master` or `local[*]`,
    and the Python workers run this interpreter unless PYSPARK_PYTHON says otherwise.

    Started from Python with `quiet` (the default), the Java side's messages (log4j
    warnings, JVM notices) go to the file `java_log` (default: spark-java-PID.log in the
    temporary folder) instead of the terminal; `quiet=False` leaves them on standard error.
    """
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    config = dict(config or {})
    local = (master or ("" if submitted else "local[*]")).startswith("local")
    if local and "PYSPARK_PYTHON" not in os.environ and "spark.pyspark.python" not in config:
        os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    elif not submitted:
        builder = builder.master("local[*]")
    defaults = {
        "spark.ui.showConsoleProgress": "false",
        # smaller Arrow batches stream through the pipeline better than 10,000-row ones
        "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
    }
    for key, value in {**defaults, **config}.items():
        builder = builder.config(key, value)
    if submitted or not quiet or SparkSession.getActiveSession() is not None:
        spark = builder.getOrCreate()
    else:
        with _java_stderr_to(java_log or Path(tempfile.gettempdir()) / f"spark-java-{os.getpid()}.log"):
            spark = builder.getOrCreate()
    if not submitted:
        spark.sparkContext.setLogLevel("WARN")
    return spark


@contextlib.contextmanager
def _java_stderr_to(path: str | os.PathLike):
    """Standard error of the processes started meanwhile (the JVM Spark starts, and the
    Python workers it starts later) goes to `path`; this process's own is put back after."""
    sys.stderr.flush()
    saved = os.dup(2)
    target = os.open(os.fspath(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.dup2(target, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(target)


def _is_json(path: str) -> bool:
    return path.lower().endswith(_JSON_SUFFIXES)


def read_documents(spark: SparkSession, paths: str | Sequence[str], input_format: str = "auto") -> DataFrame:
    """The documents under `paths` (any location Spark reads), with the columns the worker
    expects: id, text, html, published, url, raw, source, corrupt, input_order.

    Parquet needs a `text` or an `html` column; `id`, `published`, `url`, `raw` and `source`
    are optional. JSON Lines objects look like those `newsledger extract` reads. `auto`
    takes JSON Lines for paths ending in .jsonl/.json/.ndjson (optionally compressed),
    Parquet otherwise. `source` defaults to the file the row was read from.
    """
    paths = [paths] if isinstance(paths, str) else list(paths)
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}")
    fmt = input_format
    if fmt == "auto":
        fmt = "jsonl" if all(_is_json(p) for p in paths) else "parquet"
    if fmt == "jsonl":
        df = (spark.read.schema(_JSON_SCHEMA)
              .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", "_corrupt_record")
              .json(paths))
    else:
        df = spark.read.parquet(*paths)
    columns = {f.name: f.dataType for f in df.schema.fields}
    if "text" not in columns and "html" not in columns:
        raise ValueError(f"the input has neither a 'text' nor an 'html' column (it has: {', '.join(columns)})")

    def string(name: str):
        if name not in columns:
            return F.lit(None).cast("string")
        dtype = columns[name]
        if isinstance(dtype, T.TimestampType | T.TimestampNTZType):
            return F.date_format(F.col(name), "yyyy-MM-dd'T'HH:mm")
        return F.col(name).cast("string")

    source = F.col("_metadata.file_path")
    if "source" in columns:
        source = F.coalesce(string("source"), source)
    return df.select(
        string("id").alias("id"),
        string("text").alias("text"),
        string("html").alias("html"),
        string("published").alias("published"),
        string("url").alias("url"),
        (F.col("raw").cast("boolean") if "raw" in columns else F.lit(None).cast("boolean")).alias("raw"),
        source.alias("source"),
        (F.col("_corrupt_record") if "_corrupt_record" in columns else F.lit(None).cast("string")).alias("corrupt"),
    ).withColumn("input_order", F.monotonically_increasing_id())


def output_schema() -> T.StructType:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(OUTPUT_SCHEMA)


def extract_dataframe(docs: DataFrame, *, settings: Settings | None = None,
                      pipeline_factory: Callable[[Settings], Pipeline] | None = None,
                      partitions: int | None = None) -> DataFrame:
    """One row per document of `docs` (as `read_documents` gives): the record or error record
    JSON with flat columns, and the record's events as an array column.

    The documents are spread over `partitions` partitions (default: four per core of the
    cluster, unless the input already has more) so every core gets work. Only the fields of
    `settings` that differ from the driver's environment travel to the workers; the others
    (NEWSLEDGER_CACHE_DIR, NEWSLEDGER_SPACY_MODEL...) come from each worker's environment
    (set them with spark.executorEnv.NAME on a cluster).
    """
    settings = settings or Settings()
    spark = docs.sparkSession
    if partitions is None:
        target = 4 * spark.sparkContext.defaultParallelism
        if docs.rdd.getNumPartitions() < target:
            docs = docs.repartition(target)
    else:
        docs = docs.repartition(partitions)
    mapper = functools.partial(map_batches, overrides=settings_overrides(settings), factory=pipeline_factory)
    return docs.mapInArrow(mapper, output_schema())


def records_table(results: DataFrame) -> DataFrame:
    return results.filter(~F.col("is_error")).select(*RECORD_COLUMNS)


def errors_table(results: DataFrame) -> DataFrame:
    return results.filter(F.col("is_error")).select(
        "input_order", "input_id", "source", F.col("error_code").alias("code"),
        F.col("error_message").alias("message"), "record")


def events_table(results: DataFrame) -> DataFrame:
    """One row per event of a record: input_order, input_id, the record's event_id, the event
    row of `store.schema` (the columns of every event table, here with n_reports 1), the
    partition value event_month and the event JSON."""
    return (results.filter(~F.col("is_error"))
            .select("input_order", "input_id", F.explode("events").alias("e"))
            .select("input_order", "input_id", "e.*"))


def run(spark: SparkSession, input_paths: str | Sequence[str], output: str, *, input_format: str = "auto",
        settings: Settings | None = None, partitions: int | None = None, mode: str = "errorifexists",
        pipeline_factory: Callable[[Settings], Pipeline] | None = None) -> dict[str, Any]:
    """Read, extract, write `records/`, `events/` (partitioned by event_month) and `errors/`
    under `output`. The pipeline runs once per document: its results are persisted (memory,
    then disk) while the three tables are written. Returns counts and worker figures."""
    t0 = time.perf_counter()
    output = output.rstrip("/")
    docs = read_documents(spark, input_paths, input_format)
    results = extract_dataframe(docs, settings=settings, pipeline_factory=pipeline_factory,
                                partitions=partitions)
    results = results.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # one job computes every document (and fills the cache) and gives the counts
        groups = (results.groupBy("worker_pid", "error_code")
                  .agg(F.count(F.lit(1)).alias("documents"),
                       F.sum("n_events").alias("events"),
                       F.max("worker_peak_rss_mb").alias("peak_rss_mb"))
                  .collect())
        t_extract = time.perf_counter() - t0
        errors = sum(g["documents"] for g in groups if g["error_code"] is not None)
        records_table(results).write.mode(mode).parquet(f"{output}/records")
        # one shuffle so each month is written by one task (without it every input partition
        # writes a small file into every month it has events for), months spread over all
        # cores, and no task with more than about a million events
        n_events = sum(g["events"] or 0 for g in groups)
        slots = max(spark.sparkContext.defaultParallelism, n_events // 1_000_000)
        (events_table(results).repartition(slots, "event_month")
         .write.mode(mode).partitionBy("event_month").parquet(f"{output}/events"))
        # errors are few: a file per 100,000 rather than one per input partition
        (errors_table(results).coalesce(max(1, errors // 100_000))
         .write.mode(mode).parquet(f"{output}/errors"))
    finally:
        results.unpersist()
    documents = sum(g["documents"] for g in groups)
    codes: dict[str, int] = {}
    for g in groups:
        if g["error_code"] is not None:
            codes[g["error_code"]] = codes.get(g["error_code"], 0) + g["documents"]
    return {
        "input": input_paths if isinstance(input_paths, str) else list(input_paths),
        "output": output,
        "documents": documents,
        "records": documents - errors,
        "errors": errors,
        "error_codes": codes,
        "events": n_events,
        "python_workers": len({g["worker_pid"] for g in groups}),
        "peak_rss_mb_per_worker": round(max((g["peak_rss_mb"] or 0.0 for g in groups), default=0.0), 1),
        "seconds_extract": round(t_extract, 3),
        "seconds_write": round(time.perf_counter() - t0 - t_extract, 3),
        "seconds": round(time.perf_counter() - t0, 3),
    }
