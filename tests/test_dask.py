"""valuelint.dask on a real Dask cluster: two worker processes on this machine.

The posts are the real blog posts of ``../shared/corpus`` (853 posts: the Rust blog's
757 and Jekyll's 96), written to Parquet files in a temporary folder and read back
with ``dask.dataframe.read_parquet``; every judgement is compared with what the
``valuelint`` command prints for the same files.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

dd = pytest.importorskip("dask.dataframe")  # the test extra installs it: never skipped there
import cloudpickle  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from conftest import REPO, SHARED, run_valuelint  # noqa: E402
from valuelint import Linter  # noqa: E402
from valuelint.dask import RESULT_COLUMNS, lint_dataframe  # noqa: E402

pytestmark = pytest.mark.slow

CORPUS = SHARED / "corpus"
#: The corpus as ``valuelint check`` run from the repository shows its paths.
SHOWN = os.path.relpath(CORPUS, REPO)

# The functions below that run in the workers are sent by value: the workers cannot
# import this test module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def cli_report() -> dict[str, dict[str, Any]]:
    """``valuelint check`` over the corpus, without the site checks: each post's entry."""
    outcome = run_valuelint("check", SHOWN, "--format", "json", "--no-cache",
                            "--ignore", "SITE", cwd=REPO, timeout=600)
    assert outcome.code in (0, 1), outcome.stderr
    entries = outcome.json()["files"]
    assert len(entries) == 853
    return {entry["path"]: entry for entry in entries}


@pytest.fixture(scope="module")
def posts_parquet(tmp_path_factory: pytest.TempPathFactory,
                  cli_report: dict[str, dict[str, Any]]) -> Path:
    """The corpus as a table of posts (slug, path, body), in 16 Parquet files, in the
    order ``valuelint check`` walks the folder."""
    paths = list(cli_report)
    table = pd.DataFrame({
        "slug": [os.path.relpath(path, SHOWN) for path in paths],
        "path": paths,
        "body": [(REPO / path).read_text(encoding="utf-8") for path in paths],
    })
    folder = tmp_path_factory.mktemp("posts") / "posts.parquet"
    dd.from_pandas(table, npartitions=16, sort=False).to_parquet(folder, write_index=False)
    return folder


def read_posts(folder: Path) -> Any:
    return dd.read_parquet(folder)


@pytest.fixture(scope="module")
def linted(client: Client, posts_parquet: Path) -> pd.DataFrame:
    """Every post of the corpus judged on the cluster (undisturbed)."""
    frame = lint_dataframe(read_posts(posts_parquet), "body", id_column="slug",
                           path_column="path", ignore="SITE", root=REPO)
    return frame.compute()


def test_every_post_is_judged_as_the_command_line_judges_it(
        linted: pd.DataFrame, cli_report: dict[str, dict[str, Any]]) -> None:
    assert list(linted.columns) == ["slug", *RESULT_COLUMNS]
    assert sorted(linted["path"]) == sorted(cli_report)
    for row in linted.itertuples(index=False):
        entry = cli_report[row.path]
        assert json.loads(row.result) == entry, row.path
        assert json.loads(row.findings) == entry["findings"]
        assert json.loads(row.errors) == entry["errors"]
        assert (None if pd.isna(row.score) else row.score) == entry["score"]
        assert {name: getattr(row, name) for name in entry["breakdown"]} == entry["breakdown"]
        assert (row.words, row.failing, row.language) == (
            entry["words"], entry["failing"], entry["language"])
        assert row.slug == os.path.relpath(row.path, SHOWN)


def _die_once(part: pd.DataFrame, marker: str, victim: int,
              partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    """Kill the worker process running partition ``victim``, the first time only."""
    if partition_info is not None and partition_info["number"] == victim \
            and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        os._exit(1)
    return part


def test_a_worker_killed_mid_run_is_replaced_and_the_result_is_unchanged(
        client: Client, posts_parquet: Path, linted: pd.DataFrame, tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    workers_before = set(client.scheduler_info()["workers"])
    posts = read_posts(posts_parquet)
    doomed = posts.map_partitions(_die_once, str(marker), 9, meta=posts._meta)
    frame = lint_dataframe(doomed, "body", id_column="slug", path_column="path",
                           ignore="SITE", root=REPO)
    again = frame.compute()
    assert marker.exists()  # a worker did die, running partition 9
    killed = int(marker.read_text(encoding="utf-8"))
    pids = client.run(os.getpid)
    assert killed not in pids.values()
    assert set(client.scheduler_info()["workers"]) != workers_before
    pd.testing.assert_frame_equal(again, linted)


def test_the_task_graph_carries_the_linter_as_its_arguments_not_spacy(
        client: Client, posts_parquet: Path) -> None:
    frame = lint_dataframe(read_posts(posts_parquet), "body", id_column="slug",
                           path_column="path", root=REPO)
    graph = dict(frame.__dask_graph__())
    pickled = cloudpickle.dumps(graph)
    assert len(pickled) < 200_000
    assert b"spacy" not in pickled
    # Each worker built one Linter for all its partitions and loaded spaCy there.
    frame.compute()
    counts = client.run(lambda: len(sys.modules["valuelint.dask"]._LINTERS))
    assert set(counts.values()) <= {1, 2}  # this Linter, and the fixture's (ignore=SITE)
    assert all(client.run(lambda: "spacy" in sys.modules).values())


def test_metadata_columns_take_the_place_of_front_matter(client: Client) -> None:
    text = ("---\ntitle: Draft\n---\n\n# A title\n\nWe measured the build on three "
            "machines and it took 41 seconds on the slowest one.\n")
    table = pd.DataFrame({"body": [text, text, None], "title": ["Why builds are slow", None,
                                                              "x"],
                          "date": pd.to_datetime(["2024-05-02", "2024-06-01", None])})
    frame = lint_dataframe(dd.from_pandas(table, npartitions=2), "body",
                           metadata_columns=["title", "date"]).compute()
    linter = Linter(root=Path.cwd())
    from datetime import date

    first = linter.lint_text(text, "0.md", metadata={"title": "Why builds are slow",
                                                      "date": date(2024, 5, 2)})
    second = linter.lint_text(text, "1.md", metadata={"date": date(2024, 6, 1)})
    assert json.loads(frame["result"].iloc[0]) == first.to_dict()
    assert json.loads(frame["result"].iloc[1]) == second.to_dict()
    assert list(frame["path"]) == ["0.md", "1.md", "2.md"]
    assert json.loads(frame["errors"].iloc[2]) == ["no text in column 'body'"]
    assert pd.isna(frame["score"].iloc[2])


def test_a_missing_column_or_a_bad_selector_is_a_clear_error_before_any_work() -> None:
    table = dd.from_pandas(pd.DataFrame({"body": ["text"]}), npartitions=1)
    with pytest.raises(ValueError, match="text_column: the frame has no column 'text'"):
        lint_dataframe(table, "text")
    with pytest.raises(ValueError, match="NOPE"):
        lint_dataframe(table, "body", select="NOPE")


def test_the_linter_pickles_small() -> None:
    assert len(pickle.dumps(Linter(root=REPO))) < 2_000
