"""The engine examples of docs/scale.md, run for real on posts of the corpus.

Each example (docs/examples/) judges a Parquet table of real posts on its engine
(Dask: a LocalCluster of two worker processes; Ray: a local Ray instance) and
every post's result must equal ``valuelint check --format json`` on the same
files: the engines add no judgement of their own. The Spark example needs Java
and is run by hand (see docs/scale.md), not here. The code docs/scale.md shows
must be the examples' own, line for line.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SHARED, run_valuelint

EXAMPLES = REPO / "docs" / "examples"
CORPUS = SHARED / "corpus"
DOC = REPO / "docs" / "scale.md"
POSTS = 20

_EXCERPT = re.compile(r"```python\n# from (docs/examples/[\w.]+)\n(.*?)```", re.DOTALL)


def test_the_doc_shows_the_examples_as_they_are() -> None:
    """Every ``# from docs/examples/...`` block of docs/scale.md is a run of lines of that
    file, and every example script is shown or named there."""
    text = DOC.read_text("utf-8")
    excerpts = _EXCERPT.findall(text)
    assert len(excerpts) >= 5, "docs/scale.md shows fewer excerpts than it used to"
    for name, code in excerpts:
        source = (REPO / name).read_text("utf-8")
        assert code in source, f"docs/scale.md shows code that is not in {name}:\n{code}"
    for script in EXAMPLES.glob("*.py"):
        assert f"docs/examples/{script.name}" in text, f"docs/scale.md never names {script}"


def _table(tmp_path: Path) -> Path:
    """The first POSTS posts of the corpus as a Parquet table, made by the docs' script."""
    table = tmp_path / "posts.parquet"
    subprocess.run([sys.executable, str(EXAMPLES / "posts_to_parquet.py"), str(CORPUS),
                    str(table), "--limit", str(POSTS)], check=True, capture_output=True)
    return table


def _command_line(paths: list[str]) -> dict[str, dict[str, Any]]:
    """``valuelint check`` on the same files, from the corpus folder: each post's entry."""
    outcome = run_valuelint("check", "--format", "json", "--no-cache", *paths, cwd=CORPUS)
    assert outcome.code in (0, 1), outcome.stderr
    return {entry["path"]: entry for entry in outcome.json()["files"]}


def _assert_same_judgement(output: Path) -> None:
    pd = pytest.importorskip("pandas")
    results = pd.read_parquet(output)
    assert len(results) == POSTS
    expected = _command_line(sorted(results["path"]))
    for row in results.itertuples():
        entry = expected[row.path]
        assert json.loads(row.result) == entry, row.path
        assert json.loads(row.findings) == entry["findings"], row.path
        assert row.score == entry["score"], row.path


def _run(script: str, *args: str | Path, timeout: float = 300) -> str:
    """An example, run from the corpus folder (the posts' paths are relative to it, as the
    command line's are), as a user runs it."""
    proc = subprocess.run([sys.executable, str(EXAMPLES / script), *map(str, args)],
                          cwd=CORPUS, capture_output=True, text=True, timeout=timeout,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


@pytest.mark.slow
def test_the_dask_example_judges_as_the_command_line(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    output = tmp_path / "results"
    printed = _run("dask_parquet.py", _table(tmp_path), output)
    assert f"{POSTS} posts judged" in printed
    _assert_same_judgement(output)


@pytest.mark.slow
def test_the_ray_example_judges_as_the_command_line(tmp_path: Path) -> None:
    pytest.importorskip("ray.data")  # the test extra installs it: never skipped there
    output = tmp_path / "results"
    printed = _run("ray_map_batches.py", _table(tmp_path), output)
    assert f"{POSTS} posts judged" in printed
    _assert_same_judgement(output)
