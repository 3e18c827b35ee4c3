"""valuelint.dask on a real Dask cluster: two worker processes on this machine.

The posts are the real blog posts of ``../shared/corpus`` (853 posts: the Rust blog's
757 and Jekyll's 96), written to Parquet files in a temporary folder and read back
with ``dask.dataframe.read_parquet``; every judgement is compared with what the
``valuelint`` command prints for the same files. The tests on the cluster take about
two minutes together (marked slow; they run in CI).
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
from valuelint.dask import (  # noqa: E402
    FINDING_COLUMNS,
    RESULT_COLUMNS,
    check_site,
    lint_dataframe,
    site_dataframe,
)
from valuelint.site.sharded import band_shape, measure, pack  # noqa: E402
from valuelint.site.similarity import jaccard, sketched_near_duplicates  # noqa: E402

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


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_worker_killed_mid_run_is_replaced_and_the_result_is_unchanged(
        client: Client, posts_parquet: Path, linted: pd.DataFrame, tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    workers_before = set(client.scheduler_info()["workers"])
    posts = read_posts(posts_parquet).partitions[:8]  # 8 of the 16 partitions
    doomed = posts.map_partitions(_die_once, str(marker), 5, meta=posts._meta)
    frame = lint_dataframe(doomed, "body", id_column="slug", path_column="path",
                           ignore="SITE", root=REPO)
    again = frame.compute()
    assert marker.exists()  # a worker did die, running partition 5
    killed = int(marker.read_text(encoding="utf-8"))
    client.wait_for_workers(2, timeout=120)  # its nanny started another
    pids = client.run(os.getpid)
    assert killed not in pids.values()
    workers_after = set(client.scheduler_info()["workers"])
    assert len(workers_after) == 2 and workers_after != workers_before
    assert len(again) > 300
    pd.testing.assert_frame_equal(again, linted.iloc[:len(again)])


@pytest.mark.slow
def test_the_task_graph_carries_the_linter_as_its_arguments_not_spacy(
        client: Client, posts_parquet: Path) -> None:
    frame = lint_dataframe(read_posts(posts_parquet), "body", id_column="slug",
                           path_column="path", root=REPO)
    graph = dict(frame.__dask_graph__())
    pickled = cloudpickle.dumps(graph)
    assert len(pickled) < 200_000
    assert b"spacy" not in pickled
    # Each worker keeps the Linter it built for its first partition (by the bytes the
    # graph carries) for all the others, and loaded spaCy itself.
    client.wait_for_workers(2, timeout=120)
    frame.partitions[:8].compute()
    key = pickle.dumps(Linter(None, select=None, ignore=None, root=REPO))
    assert key in pickled
    kept = client.run(lambda: key in sys.modules["valuelint.dask"]._LINTERS)
    assert all(kept.values())
    assert all(client.run(lambda: "spacy" in sys.modules).values())


@pytest.mark.slow
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


# --------------------------------------------------------------------------- site checks

@pytest.fixture(scope="module")
def cli_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Any], list[str]]:
    """``valuelint site`` over the corpus: its findings (path, finding) from the JSON
    report, and the near-duplicate clusters of its text overview (served from the
    cache the first run filled, so the two runs see the same site)."""
    cache = tmp_path_factory.mktemp("cache")
    outcome = run_valuelint("site", SHOWN, "--format", "json", "--cache-dir", cache, cwd=REPO,
                            timeout=600)
    assert outcome.code in (0, 1), outcome.stderr
    findings = [[entry["path"], finding] for entry in outcome.json()["files"]
                for finding in entry["findings"]]
    text = run_valuelint("site", SHOWN, "--cache-dir", cache, cwd=REPO, timeout=600)
    assert text.code in (0, 1), text.stderr
    lines = text.stdout.splitlines()
    start = lines.index("Near-duplicate posts:") + 1
    clusters = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        clusters.append(line.strip())
    return findings, clusters


@pytest.mark.slow
def test_site_findings_and_near_duplicate_clusters_are_those_of_valuelint_site(
        client: Client, posts_parquet: Path, linted: pd.DataFrame,
        cli_site: tuple[list[Any], list[str]]) -> None:
    findings, clusters = cli_site
    checked = check_site(read_posts(posts_parquet), "body", id_column="slug",
                         path_column="path", root=REPO, site=SHOWN)
    assert list(checked.findings.columns) == list(FINDING_COLUMNS)
    got = [[row.pop("path"), row] for row in checked.findings.to_dict("records")]
    # Site findings carry no fix: the frame has no column for the report's null "fix".
    assert all(finding.pop("fix") is None for _, finding in findings)
    assert got == findings
    assert {f["code"] for _, f in findings} >= {"SITE001", "SITE002", "SITE003", "SITE004"}
    assert [f"{round(c.similarity * 100)}%  " + ", ".join(c.paths)
            for c in checked.analysis.duplicates] == clusters
    assert len(clusters) >= 5
    # The same pass judged every post, as lint_dataframe does.
    pd.testing.assert_frame_equal(checked.scores.compute(), linted)


def _site_post(number: int, title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: DATE\ndraft: DRAFT\n---\n\n{body}\n"


@pytest.mark.slow
def test_dates_and_drafts_from_metadata_columns_decide_the_site_findings(
        client: Client, tmp_path: Path) -> None:
    guide = ("Install the toolchain with the installer, then run the build once to fetch "
             "the dependencies. The first build takes a few minutes on a laptop because "
             "every crate is compiled from source; later builds reuse the compiled crates "
             "and take seconds. If the build fails, read the first error, not the last: "
             "the later errors usually follow from it. Keep the lock file in version "
             "control so that every machine builds the same versions, and update it on "
             "purpose, one dependency at a time, reading each changelog as you go.")
    footer = ("Questions about this post are welcome on the forum, where the team answers "
              "them every week in the open.")
    posts = {
        "setup.md": ("Setting up the toolchain", f"{guide}\n\n{footer}", "2023-01-10",
                     False),
        "setup-again.md": ("A guide to the toolchain", f"{guide} One more line.\n\n{footer}",
                           "2022-03-01", False),
        "setup-draft.md": ("Toolchain draft", f"{guide}\n\n{footer}", "2024-05-01", True),
    }
    for number in range(7):
        posts[f"note-{number}.md"] = (
            f"Release notes {number}", f"Release {number} fixes {number + 3} bugs in the "
            f"parser and the formatter.\n\n{footer}", f"2024-0{number + 1}-15", False)
    site = tmp_path / "blog"
    (site / "_posts").mkdir(parents=True)
    rows = []
    for name, (title, body, day, draft) in sorted(posts.items()):
        text = _site_post(0, title, body)
        (site / "_posts" / name).write_text(
            text.replace("DATE", day).replace("DRAFT", str(draft).lower()), encoding="utf-8")
        # The table's text has other values in their place: the columns win.
        rows.append({"path": f"_posts/{name}", "date": pd.Timestamp(day), "draft": draft,
                     "body": text.replace("DATE", "2030-01-01").replace("DRAFT", "false")})
    outcome = run_valuelint("site", ".", "--format", "json", "--no-cache", cwd=site)
    assert outcome.code in (0, 1), outcome.stderr
    want = [[entry["path"], finding] for entry in outcome.json()["files"]
            for finding in entry["findings"]]
    table = dd.from_pandas(pd.DataFrame(rows), npartitions=3, sort=False)
    # Judged from a folder where no post is a file: nothing is read from disk.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    found = site_dataframe(table, "body", path_column="path",
                           metadata_columns=["date", "draft"], root=elsewhere)
    got = [[row.pop("path"), row] for row in found.to_dict("records")]
    # Site findings carry no fix: the frame has no column for the report's null "fix".
    assert all(finding.pop("fix") is None for _, finding in want)
    assert got == want
    codes = {(path, f["code"]) for path, f in want}
    # The later post by date (setup.md, 2023) repeats the earlier one (2022); the
    # draft is neither compared nor counted.
    assert ("_posts/setup.md", "SITE001") in codes
    assert not any(path == "_posts/setup-draft.md" for path, _ in codes)
    assert sum(code == "SITE002" for _, code in codes) == 9


def test_a_candidate_pair_is_measured_as_valuelint_site_measures_it() -> None:
    import random

    chance = random.Random(7)
    base = [chance.getrandbits(63) for _ in range(400)]
    sets = [frozenset(base[:400 - cut] + [chance.getrandbits(63) for _ in range(cut)])
            for cut in (0, 40, 80, 120, 160, 240, 390)]
    for threshold in (0.5, 0.7, 0.9):
        pairs = sketched_near_duplicates(
            [sorted(s)[:128] for s in sets], [len(s) for s in sets], threshold,
            lambda a, b: jaccard(sets[a], sets[b]))
        found = {(p.first, p.second): p.similarity for p in pairs}
        for a in range(len(sets)):
            for b in range(a + 1, len(sets)):
                assert measure(pack(sets[a]), pack(sets[b]), threshold) == found.get((a, b))
    # A pair at the threshold shares a band bucket but for a chance under 1e-6.
    bands, rows = band_shape(0.7)
    assert (1 - 0.7 ** rows) ** bands < 1e-6 and bands * rows <= 128


def test_valuelint_and_its_check_never_import_dask_pandas_or_pyarrow(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Builds\n\nWe measured the build on three machines.\n", encoding="utf-8")
    probe = ("import sys\nsys.argv = ['valuelint', 'check', sys.argv[1], '--no-cache']\n"
             "import valuelint\nvaluelint.Linter\nfrom valuelint.cli import exit_code\n"
             "try:\n    code = exit_code()\nfinally:\n"
             "    print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('dask', 'distributed', 'pandas', 'pyarrow')))\n")
    import subprocess

    proc = subprocess.run([sys.executable, "-c", probe, str(post)], capture_output=True,
                          text=True, timeout=300, check=False, cwd=tmp_path)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr


def test_without_the_extra_the_error_names_what_to_install() -> None:
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['pandas'] = None; import valuelint.dask"],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == (
        'ImportError: valuelint.dask needs Dask and pandas (pandas is missing): '
        'pip install "valuelint[dask]"')


@pytest.mark.slow
def test_two_posts_with_one_path_are_refused_by_the_site_checks(client: Client,
                                                                tmp_path: Path) -> None:
    # read_parquet gives each partition its own index from 0: "<index>.md" repeats.
    table = pd.DataFrame({"body": ["# One\n\nA post.\n", "# Two\n\nAnother post.\n"] * 2})
    folder = tmp_path / "posts.parquet"
    dd.from_pandas(table, npartitions=2, sort=False).to_parquet(folder, write_index=False)
    with pytest.raises(ValueError, match=r"two posts have the path '0\.md'"):
        site_dataframe(dd.read_parquet(folder), "body", root=tmp_path)
