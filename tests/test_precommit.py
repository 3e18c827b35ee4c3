"""The pre-commit hook, run by the real pre-commit in a real blog repository.

The blog's ``.pre-commit-config.yaml`` is the one docs/pre-commit.md shows,
pointing at a git repository that holds this checkout's working tree (new
files included) as one commit. pre-commit clones it, pip-installs valuelint and
its dependencies into the hook's environment and runs the ``valuelint`` hook of
``.pre-commit-hooks.yaml`` when the writer commits.

Building that environment needs the package index and takes a minute or two.
pre-commit keeps it in a cache outside the checkout (``~/.cache/valuelint-tests``),
one per snapshot commit: the commit is reproducible, so later runs on an
unchanged working tree reuse the environment and take seconds. (``pre-commit try-repo``
cannot be cached this way: it always builds in a throwaway store, and it leaves
out files git does not track yet.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "valuelint-tests"
FIXED_DATE = "2000-01-01T00:00:00+0000"

BAD_DRAFT = """\
# The only course you will ever need

Buy now before it is too late! This offer ends tonight, so act now.

Like this post and share it with 5 friends. Follow me for more!
"""

GOOD_DRAFT = """\
---
title: "Why our test suite got four times faster"
description: "Three changes that cut our test runs from twelve minutes to three."
date: 2024-05-02
---

# Why our test suite got four times faster

Our continuous integration runs used to take twelve minutes. Last month we cut
them to three, without deleting a single test. This post walks through the
three changes that mattered, in the order we made them, with the numbers we
measured after each one.

## Reuse the database between tests

Every test created a fresh database schema, which cost about 400 milliseconds.
We now create the schema once per worker and wrap each test in a transaction
that is rolled back at the end:

```python
@pytest.fixture
def db(schema):
    with schema.begin() as transaction:
        yield transaction
        transaction.rollback()
```

That alone took the run from twelve minutes to seven.

## Run tests in parallel

With the database isolated per worker, the suite could run on four processes
with pytest-xdist. Two tests shared a temporary file name and failed at random;
giving each one its own folder fixed them. The run dropped to four minutes.

## Stop sleeping

A search for `time.sleep` found eleven calls waiting for background jobs. We
replaced them with a helper that polls every 10 milliseconds and gives up after
two seconds. That saved the last minute.

If your suite is slow, measure before changing anything: `pytest --durations=20`
lists the slowest tests, and in our case the top five explained most of the time.
The [pytest-xdist documentation](https://pytest-xdist.readthedocs.io/) covers the
worker set-up we used.
"""


@dataclass(frozen=True)
class HookRepo:
    """A git repository holding valuelint, and pre-commit's cache for it."""

    path: Path
    commit: str
    pre_commit_home: Path


def _clean_env(home: Path, pre_commit_home: Path) -> dict[str, str]:
    """Environment for git and pre-commit that ignores the user's git settings."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "gitconfig"
    config.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(pre_commit_home),
        "NO_COLOR": "1",
    })
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True, timeout=60)


def _prune(keep: Path) -> None:
    """Drop other snapshots and their environments (~0.5 GB each) once no run uses them.

    A snapshot is marked used when a run starts; one unused for 20 minutes
    belongs to a working tree that has since changed.
    """
    os.utime(keep)
    for entry in CACHE.iterdir():
        if entry != keep and entry.is_dir() and time.time() - entry.stat().st_mtime > 1200:
            shutil.rmtree(entry, ignore_errors=True)


@pytest.fixture(scope="module")
def valuelint_repo(tmp_path_factory: pytest.TempPathFactory) -> HookRepo:
    """A git repository holding this checkout's working tree as one commit.

    Equal working trees give equal commits, kept at the same path with their
    own pre-commit cache, so the hook environment is reused until the code
    changes.
    """
    base = tmp_path_factory.mktemp("valuelint-snapshot")
    env = _clean_env(base, base / "unused")
    work = base / "valuelint"
    listed = _git(REPO, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file():  # tracked files deleted in the working tree are left out
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / name)
    _git(work, env, "init", "--quiet")
    _git(work, env, "add", "--all")
    env.update({"GIT_AUTHOR_NAME": "valuelint tests", "GIT_AUTHOR_EMAIL": "tests@example.com",
                "GIT_AUTHOR_DATE": FIXED_DATE, "GIT_COMMITTER_NAME": "valuelint tests",
                "GIT_COMMITTER_EMAIL": "tests@example.com", "GIT_COMMITTER_DATE": FIXED_DATE})
    _git(work, env, "commit", "--quiet", "--no-gpg-sign", "-m", "Working tree")
    commit = _git(work, env, "rev-parse", "HEAD").stdout.strip()
    cached = CACHE / commit
    snapshot = cached / "valuelint"
    if not snapshot.exists():
        cached.mkdir(parents=True, exist_ok=True)
        staging = Path(shutil.copytree(work, cached / f".valuelint.{os.getpid()}"))
        try:
            staging.rename(snapshot)
        except OSError:  # another run put the same snapshot there first
            shutil.rmtree(staging)
    _prune(keep=cached)
    return HookRepo(snapshot, commit, cached / "pre-commit")


@pytest.fixture
def blog(tmp_path: Path, valuelint_repo: HookRepo) -> tuple[Path, dict[str, str]]:
    """A blog repository with one post and the valuelint hook installed."""
    env = _clean_env(tmp_path / "home", valuelint_repo.pre_commit_home)
    repo = tmp_path / "blog"
    (repo / "_posts").mkdir(parents=True)
    _git(repo, env, "init", "--quiet")
    _git(repo, env, "config", "user.name", "A Writer")
    _git(repo, env, "config", "user.email", "writer@example.com")
    _git(repo, env, "config", "commit.gpgsign", "false")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {valuelint_repo.path.as_posix()}\n"
        f"    rev: {valuelint_repo.commit}\n"
        "    hooks:\n"
        "      - id: valuelint\n", encoding="utf-8")
    (repo / "_posts" / "2024-04-01-hello.md").write_text(GOOD_DRAFT, encoding="utf-8")
    _git(repo, env, "add", ".")
    _git(repo, env, "commit", "--quiet", "-m", "First post")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo,
                               env=env, capture_output=True, text=True, timeout=120,
                               check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo, env


def _commit_draft(blog: tuple[Path, dict[str, str]], name: str,
                  text: str) -> subprocess.CompletedProcess[str]:
    """Stage a draft and commit it, running the installed hook."""
    repo, env = blog
    (repo / name).write_text(text, encoding="utf-8")
    _git(repo, env, "add", name)
    return subprocess.run(["git", "commit", "-m", f"Add {name}"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=1200, check=False)


def _commits(blog: tuple[Path, dict[str, str]]) -> int:
    repo, env = blog
    return int(_git(repo, env, "rev-list", "--count", "HEAD").stdout)


def test_hook_stops_the_commit_of_a_bait_and_hard_sell_draft_and_shows_why(
    blog: tuple[Path, dict[str, str]],
) -> None:
    draft = "_posts/2024-05-02-course.md"
    proc = _commit_draft(blog, draft, BAD_DRAFT)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert _commits(blog) == 1
    assert "valuelint" in output and "Failed" in output
    assert f'{draft}:3:1: PROM001 [hard-sell] "Buy now"' in output
    assert f'{draft}:5:1: BAIT001 [engagement-begging] "Like this post"' in output
    assert re.search(rf"{re.escape(draft)}: score \d+/100 \(fails", output)


def test_hook_lets_a_substantive_draft_through(blog: tuple[Path, dict[str, str]]) -> None:
    draft = "_posts/2024-05-02-faster-tests.md"
    proc = _commit_draft(blog, draft, GOOD_DRAFT)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert _commits(blog) == 2
    assert "valuelint" in output and "Passed" in output


def test_hook_checks_named_files_on_demand(blog: tuple[Path, dict[str, str]]) -> None:
    repo, env = blog
    draft = repo / "_posts" / "2024-05-03-course.md"
    draft.write_text(BAD_DRAFT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "valuelint", "--color", "never",
         "--files", "_posts/2024-05-03-course.md", "_posts/2024-04-01-hello.md"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=1200, check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "_posts/2024-05-03-course.md:5:1: BAIT001" in output
    assert re.search(r"_posts/2024-04-01-hello\.md: score \d+/100 \(ok", output)


#: A blog's front page, as Jekyll's and Hugo's starters have it: hardly any prose.
FRONT_PAGE = "---\nlayout: home\ntitle: Home\n---\n\nWelcome to my blog.\n"


def _site(tmp_path: Path, valuelint_repo: HookRepo,
          files: dict[str, str]) -> tuple[Path, dict[str, str]]:
    """A site's repository, committed, whose hook (as docs/pre-commit.md shows it, with
    ``verbose: true`` and ``-v`` to see what it leaves out) runs from ``valuelint_repo``."""
    env = _clean_env(tmp_path / "home", valuelint_repo.pre_commit_home)
    repo = tmp_path / "site"
    repo.mkdir()
    _git(repo, env, "init", "--quiet")
    _git(repo, env, "config", "user.name", "A Writer")
    _git(repo, env, "config", "user.email", "writer@example.com")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {valuelint_repo.path.as_posix()}\n"
        f"    rev: {valuelint_repo.commit}\n"
        "    hooks:\n"
        "      - id: valuelint\n"
        "        verbose: true\n"
        "        args: [-v]\n", encoding="utf-8")
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, env, "add", ".")
    return repo, env


def _run_all_files(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "valuelint", "--all-files", "--color",
         "never"], cwd=repo, env=env, capture_output=True, text=True, timeout=1200,
        check=False)


def test_the_hook_leaves_out_the_pages_of_a_jekyll_blog(
    tmp_path: Path, valuelint_repo: HookRepo,
) -> None:
    repo, env = _site(tmp_path, valuelint_repo, {
        "_config.yml": "title: Notes\ntheme: minima\n",
        "README.md": BAD_DRAFT,
        "index.md": FRONT_PAGE,
        "about.md": "---\nlayout: page\ntitle: About\n---\n\nI write about tests.\n",
        "_posts/2024-04-01-faster-tests.md": GOOD_DRAFT,
    })
    (repo / "_drafts").mkdir()  # empty, as in a new Jekyll blog (git does not keep it)
    proc = _run_all_files(repo, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output
    for name in ("README.md", "about.md", "index.md"):
        assert (f"valuelint: skipped {name}: not a post of the Jekyll site (its posts are "
                "in _posts/, _drafts/); name it in 'include' to check it") in output, output
        assert not re.search(rf"^{re.escape(name)}:\d+:\d+: ", output, re.MULTILINE), output
    assert re.search(r"_posts/2024-04-01-faster-tests\.md: score \d+/100 \(ok\)", output)
    assert "3 left out as not posts (-v names them)." in output
    # Checked on its own, the README is judged: only the hook's --force-exclude leaves it out.
    (repo / "valuelint.toml").write_text('include = ["_posts/*.md", "README.md"]\n',
                                         encoding="utf-8")
    _git(repo, env, "add", "valuelint.toml")
    proc = _run_all_files(repo, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r'^README\.md:3:1: PROM001 \[hard-sell\] "Buy now"', output,
                     re.MULTILINE), output


def test_the_hook_leaves_out_a_hugo_site_s_section_index_and_pages(
    tmp_path: Path, valuelint_repo: HookRepo,
) -> None:
    repo, env = _site(tmp_path, valuelint_repo, {
        "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "Notes"\n',
        "content/_index.md": FRONT_PAGE,
        "content/about.md": BAD_DRAFT,
        "content/posts/faster-tests.md": GOOD_DRAFT,
    })
    proc = _run_all_files(repo, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    for name in ("content/_index.md", "content/about.md"):
        assert (f"valuelint: skipped {name}: not a post of the Hugo site (its posts are in "
                "content/posts/)") in output, output
    assert re.search(r"content/posts/faster-tests\.md: score \d+/100 \(ok\)", output)
    # A post that sells is still stopped.
    (repo / "content" / "posts" / "course.md").write_text(BAD_DRAFT, encoding="utf-8")
    _git(repo, env, "add", ".")
    proc = _run_all_files(repo, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "content/posts/course.md:5:1: BAIT001" in output


def test_try_repo_runs_the_hook_from_this_checkout(tmp_path: Path) -> None:
    """``pre-commit try-repo`` against the checkout, as a hook author tries a change.

    try-repo builds its environment in a throwaway store (a minute or two) and
    takes the checkout's tracked files with their uncommitted changes. One run
    over both drafts shows the bad one failing with its findings and the good
    one passing.
    """
    env = _clean_env(tmp_path / "home", tmp_path / "pre-commit-home")
    repo = tmp_path / "blog"
    repo.mkdir()
    _git(repo, env, "init", "--quiet")
    (repo / "bad.md").write_text(BAD_DRAFT, encoding="utf-8")
    (repo / "good.md").write_text(GOOD_DRAFT, encoding="utf-8")
    _git(repo, env, "add", ".")
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "valuelint",
         "--all-files", "--color", "never", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=1200, check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "Failed" in output
    assert 'bad.md:3:1: PROM001 [hard-sell] "Buy now"' in output
    assert re.search(r"bad\.md: score \d+/100 \(fails", output), output
    assert re.search(r"good\.md: score \d+/100 \(ok", output), output
    assert not re.search(r"good\.md:\d+:\d+: (PROM|BAIT)", output), output
