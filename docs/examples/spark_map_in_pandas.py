"""Judge a Parquet table of posts with valuelint on Spark.

    python docs/examples/spark_map_in_pandas.py posts.parquet results/

Reads a table with the columns ``slug``, ``path`` and ``body`` (see
posts_to_parquet.py), judges every post with ``DataFrame.mapInPandas`` and
writes Parquet files of results to the output folder: one row a post with its
score and its findings as a JSON string (the columns of
``valuelint.dask.lint_dataframe``, the dimensions aside: they are in
``result``, the post's entry of the JSON report). Run as it is, Spark runs on
this machine (``local[*]``); ``spark-submit --master ...`` runs the same file
on a cluster, with valuelint installed on every executor.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from functools import partial

import pandas as pd
from pyspark.sql import SparkSession

from valuelint import Linter

#: The results' columns, as Spark's DDL string.
SCHEMA = ("slug string, path string, score int, words int, failing boolean, errors string, "
          "findings string, result string")


def judge(batches: Iterator[pd.DataFrame], config: str | None = None) -> Iterator[pd.DataFrame]:
    """Judge the batches of one partition.

    A Linter is made once per partition (about 3 ms); spaCy's pipeline loads
    once per Python worker process and is kept while Spark reuses the worker.
    """
    linter = Linter(config)
    for batch in batches:
        rows = []
        for slug, path, body in zip(batch["slug"], batch["path"], batch["body"], strict=True):
            result = linter.lint_text(body, path=path)
            rows.append({
                "slug": slug,
                "path": result.path,
                "score": result.score,
                "words": result.words,
                "failing": result.failing,
                "errors": json.dumps(list(result.errors)),
                "findings": json.dumps([finding.to_dict() for finding in result.findings]),
                "result": json.dumps(result.to_dict()),
            })
        yield pd.DataFrame(rows, columns=["slug", "path", "score", "words", "failing",
                                          "errors", "findings", "result"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("posts", help="a Parquet file or folder of posts")
    parser.add_argument("output", help="the folder the results are written to")
    parser.add_argument("--config", help="a valuelint configuration file for every post")
    args = parser.parse_args()

    # Spark's Python workers run PYSPARK_PYTHON: by default this interpreter, which has
    # valuelint installed. On a cluster, set it to the executors' Python.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.appName("valuelint").getOrCreate()
    posts = spark.read.parquet(args.posts)
    results = posts.mapInPandas(partial(judge, config=args.config), schema=SCHEMA)
    results.write.mode("overwrite").parquet(args.output)
    judged = spark.read.parquet(args.output)
    failing = judged.filter(judged.failing).count()
    print(f"{judged.count()} posts judged, {failing} failing")
    spark.stop()


if __name__ == "__main__":
    main()
