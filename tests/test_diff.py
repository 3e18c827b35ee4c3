"""``check --diff BASE``: only the posts changed since a git revision, in real repositories;
and the GitHub Action's check step, run as the runner runs it."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, put, run_valuelint
from site_fixtures import BODY

CONFIG = 'select = ["THIN001", "PROM001"]\n'


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True,
                          text=True).stdout



@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """main: four posts; branch 'feature': one edited, one added, one deleted, one renamed,
    a non-Markdown file, a change under node_modules; plus an untracked new post."""
    root = tmp_path_factory.mktemp("diff") / "blog"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    put(root, "valuelint.toml", CONFIG)
    for name in ("a.md", "b.md", "c.md", "posts/d.md"):
        put(root, name, f"# {name}\n\n{BODY}")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    put(root, "a.md", "# a\n\nBuy now and save.\n")
    put(root, "posts/new.md", f"# New\n\n{BODY}")
    git(root, "rm", "-q", "b.md")
    git(root, "mv", "c.md", "posts/c-renamed.md")
    put(root, "notes.txt", "not a post\n")
    put(root, "node_modules/pkg/README.md", "# pkg\n\nBuy now.\n")
    git(root, "add", "-f", ".")
    git(root, "commit", "-q", "-m", "feature work")
    put(root, "posts/untracked.md", f"# Untracked\n\n{BODY}")
    # Work on main after the branch started is not this branch's change.
    git(root, "checkout", "-q", "main")
    put(root, "posts/d.md", "# d changed on main\n\nBuy now.\n")
    git(root, "commit", "-q", "-am", "main moves on")
    git(root, "checkout", "-q", "feature")
    return root


def paths(*args: str, cwd: Path) -> list[str]:
    outcome = run_valuelint("check", "--format", "json", "--no-cache", *args, cwd=cwd)
    assert outcome.code in (0, 1), outcome.stderr
    return [f["path"] for f in outcome.json()["files"]]


def test_only_the_posts_this_branch_changed_are_checked(repo: Path) -> None:
    assert paths("--diff", "main", cwd=repo) == [
        "a.md", "posts/c-renamed.md", "posts/new.md", "posts/untracked.md"]
    assert paths("--changed-since", "main", cwd=repo) == paths("--diff", "main", cwd=repo)


def test_paths_limit_the_changed_posts_and_paths_are_shown_from_the_current_folder(
    repo: Path,
) -> None:
    assert paths("--diff", "main", "posts", cwd=repo) == [
        "posts/c-renamed.md", "posts/new.md", "posts/untracked.md"]
    # As everywhere, a file outside the current folder is shown by its full path.
    assert paths("--diff", "main", cwd=repo / "posts") == [
        (repo / "a.md").as_posix(), "c-renamed.md", "new.md", "untracked.md"]


def test_findings_come_out_as_usual(repo: Path) -> None:
    outcome = run_valuelint("check", "--diff", "main", "--no-cache", cwd=repo)
    assert outcome.code == 1
    assert re.search(r"^a\.md:3:1: PROM001 \[hard-sell\]", outcome.stdout, re.MULTILINE)
    assert "Checked 4 files" in outcome.stdout


def test_nothing_changed_is_a_clean_run_of_no_files(repo: Path) -> None:
    outcome = run_valuelint("check", "--diff", "HEAD", "posts/c-renamed.md", "--no-cache",
                            cwd=repo)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == "No changed posts since HEAD: nothing to check.\n"


@pytest.mark.parametrize(("args", "message"), [
    (("--diff", "no-such-branch"), "--diff: unknown git revision 'no-such-branch'"),
    (("--diff", "--select"), "--diff: '--select' is not a git revision"),
])
def test_a_bad_revision_is_an_error(repo: Path, args: tuple[str, ...], message: str) -> None:
    outcome = run_valuelint("check", *args, cwd=repo)
    assert outcome.code == 2 and "Traceback" not in outcome.stderr
    assert message in outcome.stderr


def test_outside_a_repository_diff_is_an_error(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "# a\n")
    outcome = run_valuelint("check", "--diff", "main", cwd=tmp_path,
                            env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert outcome.code == 2
    assert outcome.stderr == ("valuelint: error: --diff: the current folder is not in a git "
                              "repository\n")


# --------------------------------------------------------------------------- the Action

def _check_step() -> tuple[dict[str, str], str]:
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    assert action["runs"]["using"] == "composite"
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    return step["env"], step["run"]


def test_the_action_declares_its_inputs_and_outputs() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    assert set(action["inputs"]) == {"paths", "changed-only", "base", "sarif", "sarif-file",
                                     "args", "version", "python-version"}
    assert set(action["outputs"]) == {"exit-code", "sarif-file"}
    for step in action["runs"]["steps"]:
        if "run" in step:
            subprocess.run(["bash", "-n", "-c", step["run"]], check=True)


def test_the_actions_check_step_annotates_the_changed_posts_and_writes_sarif(
    repo: Path, tmp_path: Path,
) -> None:
    env_spec, script = _check_step()
    outputs = tmp_path / "outputs"
    inputs = {"INPUT_PATHS": "", "INPUT_CHANGED_ONLY": "true", "INPUT_BASE": "main",
              "INPUT_SARIF": "true", "INPUT_SARIF_FILE": str(tmp_path / "out.sarif"),
              "INPUT_ARGS": "--no-cache", "PR_BASE_REF": "", "PUSH_BEFORE": ""}
    assert set(inputs) == set(env_spec)
    bin_dir = Path(os.environ.get("VIRTUAL_ENV", "")) / "bin"
    path = os.pathsep.join([str(Path(os.sys.executable).parent), str(bin_dir),
                            os.environ["PATH"]])
    proc = subprocess.run(["bash", "-c", script], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **inputs, "PATH": path, "NO_COLOR": "1",
                               "GITHUB_OUTPUT": str(outputs)}, timeout=300, check=False)
    assert proc.returncode == 1, proc.stderr
    assert "::error file=a.md,line=3,col=1" in proc.stdout
    assert "b.md" not in proc.stdout
    assert (tmp_path / "out.sarif").exists()
    assert outputs.read_text("utf-8").splitlines() == [
        f"sarif-file={tmp_path / 'out.sarif'}", "exit-code=1"]


def test_in_a_recognised_site_only_its_changed_posts_are_checked(tmp_path: Path) -> None:
    """With no path, --diff looks where `check` with no path looks: the site's posts,
    not a README or an about page changed in the same branch."""
    root = tmp_path / "blog"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    put(root, "_config.yml", "title: A blog\n")
    put(root, "_posts/2024-01-01-first.md", f"# First\n\n{BODY}")
    put(root, "README.md", "# A blog\n\nThe source of my blog.\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    put(root, "_posts/2024-02-01-second.md", f"# Second\n\n{BODY}")
    put(root, "README.md", "# A blog\n\nThe source of my blog, now with a licence.\n")
    put(root, "about.md", "# About\n\nMe.\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "feature work")
    assert paths("--diff", "main", cwd=root) == ["_posts/2024-02-01-second.md"]
    # A path named on the command line still limits the changes as given.
    assert paths("--diff", "main", ".", cwd=root) == [
        "README.md", "_posts/2024-02-01-second.md", "about.md"]
