"""Judge a Parquet table of posts with valuelint on a Dask cluster.

    python docs/examples/dask_parquet.py posts.parquet results/
    python docs/examples/dask_parquet.py posts.parquet results/ --scheduler tcp://scheduler:8786

Reads a table with the columns ``slug``, ``path`` and ``body`` (see
posts_to_parquet.py), judges every post with ``valuelint.dask.lint_dataframe``
and writes Parquet files of results to the output folder: one row a post with
its score, the score of each dimension, and its findings as a JSON string.
Without ``--scheduler`` it starts a cluster of two worker processes on this
machine; with it, it runs on the cluster whose scheduler is at that address
(valuelint installed on every worker, the input and output where the workers
can read and write them).
"""

from __future__ import annotations

import argparse

import dask.dataframe as dd
from dask.distributed import Client, LocalCluster

from valuelint.dask import lint_dataframe


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("posts", help="a Parquet file or folder of posts")
    parser.add_argument("output", help="the folder the results are written to")
    parser.add_argument("--config", help="a valuelint configuration file for every post")
    parser.add_argument("--scheduler", help="a Dask scheduler's address (default: a local "
                        "cluster of two worker processes)")
    args = parser.parse_args()

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        # One thread a worker: valuelint's work is Python, so processes run it in parallel.
        client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    posts = dd.read_parquet(args.posts)
    results = lint_dataframe(posts, "body", id_column="slug", path_column="path",
                             config=args.config)
    results.to_parquet(args.output, write_index=False)

    judged = dd.read_parquet(args.output, columns=["score", "failing"]).compute()
    print(f"{len(judged)} posts judged, mean score {judged['score'].mean():.1f}, "
          f"{int(judged['failing'].sum())} failing")
    client.close()


if __name__ == "__main__":
    main()
