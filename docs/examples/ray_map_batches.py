"""Judge a Parquet table of posts with valuelint on Ray Data.

    python docs/examples/ray_map_batches.py posts.parquet results/ [--actors 2]

Reads a table with the columns ``slug``, ``path`` and ``body`` (see
posts_to_parquet.py), judges every post in a pool of Ray actors, each holding
one ``valuelint.Linter`` (its rules and spaCy load once per actor, not per
batch), and writes Parquet files of results to the output folder: one row a
post with its score and its findings as a JSON string (the columns of
``valuelint.dask.lint_dataframe``, the dimensions aside: they are in
``result``, the post's entry of the JSON report). ``ray.init()`` starts Ray on
this machine, or joins the cluster named by ``RAY_ADDRESS``.
"""

from __future__ import annotations

import argparse
import json

import pandas as pd
import ray

from valuelint import Linter


class Judge:
    """A Ray Data callable class: one Linter per actor, a pandas batch in, results out."""

    def __init__(self, config: str | None = None) -> None:
        self.linter = Linter(config)

    def __call__(self, batch: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for slug, path, body in zip(batch["slug"], batch["path"], batch["body"], strict=True):
            result = self.linter.lint_text(body, path=path)
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
        return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("posts", help="a Parquet file or folder of posts")
    parser.add_argument("output", help="the folder the results are written to")
    parser.add_argument("--config", help="a valuelint configuration file for every post")
    parser.add_argument("--actors", type=int, default=2, help="most Linter actors (default 2)")
    args = parser.parse_args()

    ray.init()
    posts = ray.data.read_parquet(args.posts)
    results = posts.map_batches(
        Judge,
        fn_constructor_kwargs={"config": args.config},
        batch_format="pandas",
        batch_size=64,
        # From one actor up to --actors: reading and writing need a CPU too.
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=args.actors),
    )
    results.write_parquet(args.output)
    judged = pd.read_parquet(args.output)
    print(f"{len(judged)} posts judged, mean score {judged['score'].mean():.1f}, "
          f"{int(judged['failing'].sum())} failing")


if __name__ == "__main__":
    main()
