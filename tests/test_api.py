"""The Python API: ``valuelint.Linter`` judges a post as ``valuelint check`` does.

The command line and the API are the two contracts: every case here compares
the API with the real command run in a subprocess, or checks a promise
docs/api.md makes (results pickle, threads share a Linter, nothing is written).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, REPO, put, run_valuelint
from valuelint import ConfigError, Finding, Linter, PostResult, Severity

EXAMPLE_POSTS = sorted(p.relative_to(REPO).as_posix() for p in EXAMPLES.glob("*.md"))


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(root=REPO)


@pytest.fixture(scope="module")
def cli_report() -> dict[str, dict[str, Any]]:
    """The command line's JSON report over the examples, by path."""
    outcome = run_valuelint("check", "examples", "--format", "json", "--no-cache", cwd=REPO)
    assert outcome.code == 1, outcome.stderr  # the examples hold failing posts
    return {entry["path"]: entry for entry in outcome.json()["files"]}


def test_the_report_covers_every_example(cli_report: dict[str, dict[str, Any]]) -> None:
    assert sorted(cli_report) == EXAMPLE_POSTS
    assert len(EXAMPLE_POSTS) >= 5


@pytest.mark.parametrize("post", EXAMPLE_POSTS)
def test_lint_text_equals_the_json_report(
    linter: Linter, cli_report: dict[str, dict[str, Any]], post: str,
) -> None:
    result = linter.lint_text((REPO / post).read_text("utf-8"), post)
    assert isinstance(result, PostResult)
    assert result.to_dict() == cli_report[post]
    assert result.score is not None and result.contributions


def test_lint_path_and_lint_many_equal_the_json_report(
    linter: Linter, cli_report: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    assert [linter.lint_path(post).to_dict() for post in EXAMPLE_POSTS] == \
        [cli_report[post] for post in EXAMPLE_POSTS]
    many = list(linter.lint_many(["examples"], jobs=2))
    assert [r.to_dict() for r in many] == [cli_report[post] for post in EXAMPLE_POSTS]


def test_results_and_findings_pickle_and_are_frozen(linter: Linter) -> None:
    result = linter.lint_text((EXAMPLES / "promo-launch.md").read_text("utf-8"),
                              "examples/promo-launch.md")
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again.to_dict() == result.to_dict()
    assert isinstance(again.findings[0], Finding)
    with pytest.raises(AttributeError):
        result.score = 100  # type: ignore[misc]
    with pytest.raises(AttributeError):
        result.findings[0].line = 1  # type: ignore[misc]


def test_a_linter_pickles_as_its_arguments(linter: Linter) -> None:
    chosen = Linter(select=["PROM"], fail_under=70, root=REPO)
    copy = pickle.loads(pickle.dumps(chosen))
    text = (EXAMPLES / "promo-launch.md").read_text("utf-8")
    assert copy.lint_text(text, "examples/promo-launch.md") == \
        chosen.lint_text(text, "examples/promo-launch.md")
    assert {f.category.value for f in copy.lint_text(text).findings} == {"promotion"}
    # Small: the language pipeline and the rules are loaded again, not carried along.
    assert len(pickle.dumps(chosen)) < 1_000


def test_two_threads_share_one_linter(linter: Linter) -> None:
    posts = [(REPO / post).read_text("utf-8") for post in EXAMPLE_POSTS] * 3
    alone = [linter.lint_text(text, f"post-{i}.md") for i, text in enumerate(posts)]
    together: dict[int, PostResult] = {}
    barrier = threading.Barrier(2)

    def work(start: int) -> None:
        barrier.wait()
        for i in range(start, len(posts), 2):
            together[i] = linter.lint_text(posts[i], f"post-{i}.md")

    threads = [threading.Thread(target=work, args=(start,)) for start in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [together[i] for i in range(len(posts))] == alone


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*")}


def test_a_linter_never_writes_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "blog"
    (project / ".git").mkdir(parents=True)
    put(project, "pyproject.toml", "[tool.valuelint]\nfail-under = 60\n")
    for post in EXAMPLE_POSTS:
        put(project, "_posts/" + Path(post).name, (REPO / post).read_text("utf-8"))
    monkeypatch.chdir(project)
    before = _snapshot(tmp_path)
    linter = Linter()
    results = [linter.lint_text((project / "_posts/thin-update.md").read_text("utf-8"),
                                "_posts/thin-update.md"),
               linter.lint_path("_posts/promo-launch.md"),
               *linter.lint_many(["_posts"], jobs=2)]
    assert all(r.score is not None for r in results)
    assert results[0].fail_under == 60  # the project's configuration was read
    assert _snapshot(tmp_path) == before


def test_select_ignore_and_a_settings_mapping(linter: Linter) -> None:
    text = (EXAMPLES / "promo-launch.md").read_text("utf-8")
    everything = {f.code for f in linter.lint_text(text).findings}
    assert {"PROM001", "THIN001"} & everything
    only_prom = Linter(select="PROM", ignore=["PROM001"])
    codes = {f.code for f in only_prom.lint_text(text).findings}
    assert codes and all(c.startswith("PROM") for c in codes) and "PROM001" not in codes
    mapping = Linter({"select": ["PROM001"], "fail-on": "error",
                      "per-file-ignores": {"news/*": ["PROM"]}})
    assert {f.code for f in mapping.lint_text(text, "blog/launch.md").findings} == {"PROM001"}
    assert mapping.lint_text(text, "news/launch.md").findings == ()
    assert mapping.lint_text(text).fail_on is Severity.ERROR


@pytest.mark.parametrize(("arguments", "message"), [
    ({"select": ["BIAT001"]}, "select: 'BIAT001' matches no installed rule code"),
    ({"config": {"fail-undr": 50}}, "unknown key 'fail-undr'"),
    ({"fail_on": "bad"}, "fail-on: expected error, warning or info"),
    ({"config": "missing.toml"}, "cannot read"),
])
def test_a_bad_configuration_raises_a_clear_error(arguments: dict[str, Any],
                                                  message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Linter(**arguments)


def test_metadata_and_lang_are_front_matter_given_apart(linter: Linter) -> None:
    body = (EXAMPLES / "opinion-static-sites.md").read_text("utf-8").split("---", 2)[2]
    bare = linter.lint_text(body, "a.md")
    titled = linter.lint_text(body, "a.md", metadata={"title": "You won't believe this!!!"})
    assert titled.findings != bare.findings
    assert any(f.category.value == "bait" and f.line == 1 for f in titled.findings)
    german = linter.lint_text(body, "a.md", lang="de")
    assert german.language == "de" and german.skipped


def test_bad_input_comes_back_as_errors(linter: Linter, tmp_path: Path) -> None:
    broken = linter.lint_text("---\ntitle: [unclosed\n---\nText.\n", "broken.md")
    assert broken.score is None and broken.errors
    missing = linter.lint_path(tmp_path / "nope.md")
    assert missing.score is None and "no such file" in missing.errors[0].lower()
    binary = put(tmp_path, "b.md", "")
    binary.write_bytes(b"\x00\x01\x02 binary")
    assert linter.lint_path(binary).errors


def test_import_valuelint_stays_light() -> None:
    probe = ("import sys, valuelint; "
             "heavy = [m for m in ('spacy', 'valuelint.api', 'valuelint.engine', 'dask', "
             "'pandas') if m in sys.modules]; print(heavy); "
             "from valuelint import Linter; print(Linter.__module__)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, env={**os.environ})
    assert proc.stdout.splitlines() == ["[]", "valuelint.api"]


def _python_blocks(doc: str) -> list[str]:
    blocks = [block.split("\n", 1)[1].split("```", 1)[0]
              for block in doc.split("```python")[1:]]
    return [block for block in blocks if "import" in block]


def _run_python(code: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_the_example_in_docs_api_runs() -> None:
    (code,) = _python_blocks((REPO / "docs" / "api.md").read_text("utf-8"))
    lines = _run_python(code)
    assert lines[0].split()[0].isdigit()  # the score
    assert [line.split()[0] for line in lines[-len(EXAMPLE_POSTS):]] == EXAMPLE_POSTS


def test_the_example_in_the_readme_runs() -> None:
    (code,) = _python_blocks((REPO / "README.md").read_text("utf-8"))
    score, codes = _run_python(code)[0].split(" ", 1)
    assert score.isdigit() and "PROM001" in codes
