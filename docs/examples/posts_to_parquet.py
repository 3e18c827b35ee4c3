"""Turn a folder of Markdown posts into a Parquet table of posts, one row a post.

    python docs/examples/posts_to_parquet.py CONTENT_DIR posts.parquet [--limit 200]

The table has the columns a CMS export usually has: ``slug`` (the post's path
inside the folder, without its suffix), ``path`` (its path inside the folder)
and ``body`` (its whole text, front matter included). The engine examples
beside this file (dask_parquet.py, ray_map_batches.py, spark_map_in_pandas.py)
read such a table. Needs pandas and pyarrow (``pip install "valuelint[dask]"``
installs both).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

SUFFIXES = (".md", ".markdown", ".mdx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="the first N posts by path")
    args = parser.parse_args()
    files = sorted(p for p in args.folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    files = files[: args.limit]
    rows = [{"slug": file.relative_to(args.folder).with_suffix("").as_posix(),
             "path": file.relative_to(args.folder).as_posix(),
             "body": file.read_text("utf-8")} for file in files]
    pd.DataFrame(rows, columns=["slug", "path", "body"]).to_parquet(args.output, index=False)
    print(f"{len(rows)} posts written to {args.output}")


if __name__ == "__main__":
    main()
