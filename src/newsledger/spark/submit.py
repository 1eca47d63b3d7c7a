"""Entry script for spark-submit (it needs a file, not a console command):

    spark-submit [SPARK OPTIONS] "$(python -m newsledger.spark.submit --path)" INPUT OUTPUT [OPTIONS]

takes the same arguments and options as `newsledger spark`.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["--path"]:
        print(__file__)
    else:
        from newsledger.spark.cli import spark_command

        spark_command(prog_name="newsledger-spark")
