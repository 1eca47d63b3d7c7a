"""newsledger on Apache Spark: the same pipeline, per partition, over any input Spark reads.

    from newsledger.spark import spark_session, run
    spark = spark_session("local[2]")                 # or the session spark-submit gives
    report = run(spark, "hdfs:///news/2024/*.parquet", "hdfs:///ledger/2024")

    newsledger spark INPUT OUTPUT [--master local[2]]       # the same from the shell

The spaCy model is loaded once per Python worker (`worker.worker_pipeline`), documents go
through `Pipeline.process` in Arrow batches (`DataFrame.mapInArrow`), and the record JSON
is exactly what `newsledger extract` writes for the same input. See `job` for the tables.

Needs the `spark` extra (pyspark, pyarrow) and a Java 17+ runtime. Importing this package
does not import pyspark; the names below load it on first use.
"""

from __future__ import annotations

from typing import Any

_JOB_NAMES = ("spark_session", "read_documents", "extract_dataframe", "records_table", "events_table",
              "errors_table", "run", "output_schema")


def __getattr__(name: str) -> Any:
    if name in _JOB_NAMES:
        from . import job

        return getattr(job, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = list(_JOB_NAMES)
