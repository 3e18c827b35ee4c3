"""The result cache, through the real command in real processes.

Each test builds a small blog in a temporary git root, runs ``valuelint check``
as a user would, and compares what a run served from the cache prints with
what a run that checks everything (``--no-cache``) prints. ``VALUELINT_PROFILE=1``
makes each run say on stderr how many files came from the cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, REPO, run_valuelint, split_timings, with_path
from sample_posts import SELLING, SHORT
from valuelint.cache import (
    CACHE_DIR_NAME,
    CACHE_FORMAT,
    ENTRIES,
    ResultCache,
    project_root,
    result_from_json,
    result_to_json,
)
from valuelint.result import PostResult
from valuelint.rule import Category, Finding, Severity
from valuelint.scoring import Contribution

#: Three quick rules, so that these tests do not depend on the others.
CORE = 'select = ["THIN001", "PROM001", "BAIT001"]\n'


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    """stderr without the timings line."""
    timings: dict[str, Any]


def check(root: Path, *args: str | Path, env: dict[str, str] | None = None,
          cwd: Path | None = None) -> Run:
    """``valuelint check ARGS`` in ``root`` (or ``cwd``), with the timings line split off."""
    outcome = run_valuelint("check", *args, cwd=cwd or root,
                            env={"VALUELINT_PROFILE": "1", **(env or {})})
    rest, data = split_timings(outcome.stderr)
    return Run(outcome.code, outcome.stdout, rest, data)


def same_output(a: Run, b: Run) -> None:
    assert (a.code, a.stdout, a.stderr) == (b.code, b.stdout, b.stderr)


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """A blog: a git root with a configuration and the example posts under posts/."""
    root = tmp_path / "blog"
    (root / ".git").mkdir(parents=True)
    (root / "valuelint.toml").write_text(CORE, "utf-8")
    posts = root / "posts"
    posts.mkdir()
    for post in sorted(EXAMPLES.glob("*.md")):
        shutil.copy(post, posts / post.name)
    (posts / "launch.md").write_text(SELLING, "utf-8")
    (posts / "notes.md").write_text(SHORT, "utf-8")  # only a warning: fail-on matters
    return root


def entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR_NAME).rglob("*.json"))


def count_posts(root: Path) -> int:
    return len(list((root / "posts").glob("*.md")))


# --------------------------------------------------------------------------- hits


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_second_run_comes_from_the_cache_and_prints_the_same_bytes(
    blog: Path, fmt: str,
) -> None:
    cold = check(blog, "posts", "--format", fmt)
    assert cold.timings["cached"] == 0
    warm = check(blog, "posts", "--format", fmt)
    assert warm.timings["cached"] == warm.timings["files"] == count_posts(blog)
    assert warm.timings["workers"] == 0
    same_output(cold, warm)
    assert cold.code == 1 and "PROM001" in cold.stdout


def test_the_cache_sits_at_the_project_root_and_git_ignores_it(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "blog"
    (root / "posts").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "valuelint.toml").write_text(CORE, "utf-8")
    (root / "posts" / "launch.md").write_text(SELLING, "utf-8")
    check(root, ".", cwd=root / "posts")
    cache = root / CACHE_DIR_NAME
    assert cache.is_dir() and not (root / "posts" / CACHE_DIR_NAME).exists()
    assert (cache / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert "created by valuelint" in (cache / "CACHEDIR.TAG").read_text("utf-8")
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            cwd=root, capture_output=True, text=True, check=True).stdout
    assert CACHE_DIR_NAME not in status
    assert "posts/launch.md" in status


def test_project_root_is_the_nearest_configured_or_git_folder(tmp_path: Path) -> None:
    plain = tmp_path / "plain" / "deep"
    plain.mkdir(parents=True)
    assert project_root(plain) == plain  # nothing above: the working folder
    configured = tmp_path / "site"
    (configured / "content" / "posts").mkdir(parents=True)
    (configured / "pyproject.toml").write_text("[tool.valuelint]\n", "utf-8")
    assert project_root(configured / "content" / "posts") == configured
    other = tmp_path / "other"
    (other / "sub").mkdir(parents=True)
    (other / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    assert project_root(other / "sub") == other / "sub"  # a pyproject without valuelint
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a" / "b").mkdir(parents=True)
    assert project_root(repo / "a" / "b") == repo


def test_two_files_with_the_same_bytes_keep_their_own_paths(blog: Path) -> None:
    shutil.copy(blog / "posts" / "launch.md", blog / "posts" / "launch-copy.md")
    cold = check(blog, "posts", "--format", "json")
    warm = check(blog, "posts", "--format", "json")
    assert warm.timings["cached"] == count_posts(blog)
    same_output(cold, warm)
    paths = [f["path"] for f in json.loads(warm.stdout)["files"]]
    assert "posts/launch.md" in paths and "posts/launch-copy.md" in paths


def test_a_file_named_differently_on_the_command_line_is_shown_as_named(blog: Path) -> None:
    check(blog, "posts")
    inside = check(blog, ".", "--format", "json", cwd=blog / "posts")
    assert inside.timings["cached"] == 0  # other display paths: other entries
    assert "launch.md" in [f["path"] for f in json.loads(inside.stdout)["files"]]


# --------------------------------------------------------------------------- invalidation


def test_a_changed_file_is_checked_again(blog: Path) -> None:
    check(blog, "posts")
    post = blog / "posts" / "how-to-profile-python.md"
    post.write_text(post.read_text("utf-8") + "\nBuy now and save!\n", "utf-8")
    warm = check(blog, "posts")
    assert warm.timings["cached"] == count_posts(blog) - 1
    same_output(warm, check(blog, "posts", "--no-cache"))
    assert "how-to-profile-python.md:" in warm.stdout and "PROM001" in warm.stdout


@pytest.mark.parametrize("setting", [
    'fail-under = 99\n',
    'fail-on = "error"\n',
    '[rules.too-short]\nmin-words = 20\n',
    '[rules.hard-sell]\nseverity = "info"\n',
    '[per-file-ignores]\n"launch.md" = ["PROM"]\n',
])
def test_a_changed_configuration_is_checked_again(blog: Path, setting: str) -> None:
    before = check(blog, "posts")
    (blog / "valuelint.toml").write_text(CORE + setting, "utf-8")
    after = check(blog, "posts")
    assert after.timings["cached"] == 0
    same_output(after, check(blog, "posts", "--no-cache"))
    assert after.stdout != before.stdout


#: A change to each setting docs/performance.md lists as part of a result's key (beside
#: those above), as the whole configuration file after the change.
KEY_SETTINGS = {
    "select": 'select = ["THIN001", "PROM001"]\n',
    "ignore": CORE + 'ignore = ["BAIT001"]\n',
    "extend-select": CORE + 'extend-select = ["PROM"]\n',
    "language": CORE + 'language = "de"\n',
    "model": CORE + 'model = "xx_pipeline_not_installed"\n',
    "max-file-size-mb": CORE + "max-file-size-mb = 0.002\n",
}


@pytest.mark.parametrize("setting", sorted(KEY_SETTINGS))
def test_each_setting_of_the_key_has_its_own_entries(blog: Path, setting: str) -> None:
    before = check(blog, "posts", "--format", "json")
    assert before.code == 1 and before.timings["cached"] == 0
    (blog / "valuelint.toml").write_text(KEY_SETTINGS[setting], "utf-8")
    after = check(blog, "posts", "--format", "json")
    assert after.timings["cached"] == 0, f"{setting} changed, yet results came from the cache"
    same_output(after, check(blog, "posts", "--format", "json", "--no-cache"))
    assert (after.code, after.stdout, after.stderr) != (before.code, before.stdout,
                                                        before.stderr)
    again = check(blog, "posts", "--format", "json")
    # A file that could not be checked (too large, here) is not kept.
    checked = [f for f in json.loads(after.stdout)["files"] if not f["errors"]]
    assert again.timings["cached"] == len(checked) > 0
    same_output(after, again)
    # Going back finds the first entries again.
    (blog / "valuelint.toml").write_text(CORE, "utf-8")
    back = check(blog, "posts", "--format", "json")
    assert back.timings["cached"] == count_posts(blog)
    same_output(before, back)


def test_ignoring_a_rule_in_pyproject_hides_its_findings_at_once(blog: Path) -> None:
    (blog / "valuelint.toml").unlink()
    pyproject = blog / "pyproject.toml"
    pyproject.write_text("[tool.valuelint]\n" + CORE, "utf-8")
    (blog / "posts" / "thanks.md").write_text(
        "# Thanks\n\nLike and share this post if it helped you.\n", "utf-8")
    shown = check(blog, "posts")
    assert "thanks.md:3:1: BAIT001" in shown.stdout
    pyproject.write_text("[tool.valuelint]\n" + CORE + 'ignore = ["BAIT001"]\n', "utf-8")
    hidden = check(blog, "posts")
    assert "BAIT001" not in hidden.stdout
    assert hidden.timings["cached"] == 0


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    """A folder holding copies of valuelint and its rule pack, to put first on PYTHONPATH:
    what a user who edits an editable install of either runs."""
    site = tmp_path / "site"
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "linter" / "valuelint", site / "valuelint", ignore=skip)
    shutil.copytree(REPO / "rules" / "valuelint_rules", site / "valuelint_rules", ignore=skip)
    return site


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


#: Edits to the copied packages, each of which the next run must see.
SOURCE_EDITS = {
    "a word list": ("valuelint_rules/wordlists/engagement_bait.txt", "clap for this post\n"),
    "a rule module": ("valuelint_rules/bait/engagement_begging.py",
                      "\n# An edit that changes no result.\n"),
    "valuelint's own module": ("valuelint/scoring.py", "\n# An edit that changes no result.\n"),
}


@pytest.mark.parametrize("edit", sorted(SOURCE_EDITS))
def test_an_edited_rule_pack_or_word_list_is_seen_by_the_next_run(
    blog: Path, copied: Path, edit: str,
) -> None:
    (blog / "posts" / "plea.md").write_text(
        "# A plea\n\nIf you learned something, clap for this post.\n", "utf-8")
    env = with_path(copied)
    where = subprocess.run(
        [sys.executable, "-c", "import valuelint, valuelint_rules\n"
         "print(valuelint.__file__, valuelint_rules.__file__)"],
        env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout
    assert where.count(str(copied)) == 2, where  # the copies are the ones imported
    before = check(blog, "posts", env=env)
    assert check(blog, "posts", env=env).timings["cached"] == count_posts(blog)
    name, text = SOURCE_EDITS[edit]
    _append(copied / name, text)
    after = check(blog, "posts", env=env)
    assert after.timings["cached"] == 0, f"{name} was edited, yet results came from the cache"
    same_output(after, check(blog, "posts", "--no-cache", env=env))
    plea = "posts/plea.md:3:27: BAIT001"
    if edit == "a word list":
        assert plea not in before.stdout and plea in after.stdout
    else:
        same_output(before, after)


def test_a_library_upgrade_is_seen_by_the_next_run(blog: Path, tmp_path: Path) -> None:
    from importlib.metadata import version

    check(blog, "posts")
    # What pip leaves when it installs another release of a library valuelint's results
    # depend on (its metadata); the version is all the key reads of it.
    site = tmp_path / "upgraded"
    dist = site / f"pyphen-{version('pyphen')}.post1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: pyphen\nVersion: {version('pyphen')}.post1\n", "utf-8")
    env = with_path(site)
    upgraded = check(blog, "posts", env=env)
    assert upgraded.timings["cached"] == 0
    assert check(blog, "posts").timings["cached"] == count_posts(blog)


@pytest.mark.parametrize("option", [
    ("--select", "PROM001"), ("--ignore", "THIN"), ("--extend-select", "BAIT"),
    ("--fail-under", "90"), ("--fail-on", "info"),
])
def test_command_line_options_that_change_results_have_their_own_entries(
    blog: Path, option: tuple[str, str],
) -> None:
    check(blog, "posts")
    first = check(blog, "posts", *option)
    assert first.timings["cached"] == 0
    same_output(first, check(blog, "posts", *option, "--no-cache"))
    again = check(blog, "posts", *option)
    assert again.timings["cached"] == count_posts(blog)
    same_output(first, again)


# --------------------------------------------------------------------------- damage


def test_corrupt_and_foreign_entries_are_ignored_and_rebuilt(blog: Path) -> None:
    reference = check(blog, "posts", "--format", "json")
    stored = entries(blog)
    assert len(stored) == count_posts(blog)
    damage = [
        b"",  # an empty file, as after a crash
        b'{"valuelint_cache": 1, "key": "',  # cut short
        b"\x80\x81 not json at all",
        b'{"valuelint_cache": 1, "key": "x", "notices": [], "result": {}}',
        b"[1, 2, 3]",
        stored[0].read_bytes().replace(b'"score":', b'"score":"high",'),
    ]
    for index, path in enumerate(stored):
        if index < len(damage):
            path.write_bytes(damage[index])
        else:
            # Another file's entry: valid, but its key does not match.
            path.write_bytes(stored[0].read_bytes())
    rebuilt = check(blog, "posts", "--format", "json")
    assert rebuilt.timings["cached"] == 0
    same_output(reference, rebuilt)
    for path in entries(blog):
        json.loads(path.read_bytes())
    again = check(blog, "posts", "--format", "json")
    assert again.timings["cached"] == count_posts(blog)
    same_output(reference, again)


def test_an_unusable_cache_folder_is_reported_and_the_run_goes_on(blog: Path) -> None:
    (blog / "not-a-folder").write_text("", "utf-8")
    run = check(blog, "posts", "--cache-dir", "not-a-folder")
    reference = check(blog, "posts", "--no-cache")
    assert run.stdout == reference.stdout and run.code == reference.code
    assert run.stderr.startswith("valuelint: warning: cannot use the cache folder not-a-folder")
    assert run.stderr.count("\n") == 1


def test_the_cache_holds_json_only(blog: Path) -> None:
    check(blog, "posts")
    for path in (blog / CACHE_DIR_NAME).rglob("*"):
        if path.is_file() and path.suffix == ".json":
            assert json.loads(path.read_text("utf-8"))["valuelint_cache"] == CACHE_FORMAT
    names = {p.name for p in (blog / CACHE_DIR_NAME).iterdir()}
    assert names == {".gitignore", "CACHEDIR.TAG", ENTRIES}


# --------------------------------------------------------------------------- options


def test_no_cache_neither_reads_nor_writes(blog: Path) -> None:
    run = check(blog, "posts", "--no-cache")
    assert not (blog / CACHE_DIR_NAME).exists()
    check(blog, "posts")
    again = check(blog, "posts", "--no-cache")
    assert again.timings["cached"] == 0
    same_output(run, again)


def test_standard_input_is_not_cached(blog: Path) -> None:
    outcome = run_valuelint("check", "-", "--stdin-filename", "post.md", cwd=blog,
                            stdin=SELLING)
    assert outcome.code == 1 and "PROM001" in outcome.stdout
    assert not (blog / CACHE_DIR_NAME).exists()


def test_cache_dir_option_and_environment_variable(blog: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "cache"
    check(blog, "posts", "--cache-dir", elsewhere)
    assert (elsewhere / ".gitignore").is_file() and not (blog / CACHE_DIR_NAME).exists()
    warm = check(blog, "posts", env={"VALUELINT_CACHE_DIR": str(elsewhere)})
    assert warm.timings["cached"] == count_posts(blog)
    assert not (blog / CACHE_DIR_NAME).exists()


def test_clean_removes_the_cache(blog: Path) -> None:
    check(blog, "posts")
    assert (blog / CACHE_DIR_NAME).is_dir()
    removed = run_valuelint("clean", cwd=blog / "posts")
    assert removed.code == 0, removed.stderr
    assert removed.stdout == f"Removed {blog / CACHE_DIR_NAME}\n"
    assert not (blog / CACHE_DIR_NAME).exists()
    nothing = run_valuelint("clean", cwd=blog)
    assert (nothing.code, nothing.stdout) == (0, f"No cache at {blog / CACHE_DIR_NAME}\n")
    cold = check(blog, "posts")
    assert cold.timings["cached"] == 0


def test_clean_leaves_a_folder_that_is_not_a_valuelint_cache_alone(
    blog: Path, tmp_path: Path,
) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", "utf-8")
    refused = run_valuelint("clean", "--cache-dir", precious, cwd=blog)
    assert refused.code == 2
    assert "is not a valuelint cache folder" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert (precious / "notes.txt").read_text("utf-8") == "keep me"


# --------------------------------------------------------------------------- concurrency


def test_two_concurrent_runs_on_one_cache_both_report_correctly(blog: Path) -> None:
    posts = blog / "posts"
    for i in range(12):
        (posts / f"note-{i:02d}.md").write_text(
            f"# Note {i}\n\nNote {i} says buy now and save {i} dollars.\n", "utf-8")
    reference = check(blog, "posts", "--format", "json", "--no-cache")
    command = [sys.executable, "-m", "valuelint", "check", "posts", "--format", "json"]
    procs = [subprocess.Popen(command, cwd=blog, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        assert (proc.returncode, stdout, stderr) == (
            reference.code, reference.stdout, reference.stderr)
    assert len(entries(blog)) == count_posts(blog)
    assert not [p for p in (blog / CACHE_DIR_NAME).rglob(".tmp-*")]
    warm = check(blog, "posts", "--format", "json")
    assert warm.timings["cached"] == count_posts(blog)
    same_output(reference, warm)


# --------------------------------------------------------------------------- entries


def test_a_result_survives_the_trip_through_json_exactly() -> None:
    finding = Finding(code="PROM001", name="hard-sell", category=Category.PROMOTION,
                      severity=Severity.ERROR, message='"Buy now": hard-sell \u201ccall\u201d',
                      line=3, column=1, end_line=3, end_column=8, weight=1.25,
                      url="https://example.org/PROM001")
    result = PostResult(path="posts/l\u00e4unch.md", findings=[finding], score=41,
                        breakdown={"substance": 80, "promotion": 55}, reasons=[finding],
                        errors=["line 2: something"], words=7, failing=True, fail_under=50.0,
                        contributions=[
                            Contribution("promotion", "findings.rule.PROM001", -4.25, 1.0, 0.5,
                                         (3,)),
                            Contribution("evidence", "specificity.numbers", 1.5, 7.0, None)])
    data = json.loads(json.dumps(result_to_json(result)))
    assert result_from_json(data) == result


def test_entries_from_another_salt_or_key_are_not_hits(tmp_path: Path) -> None:
    from valuelint.config import Config

    config = Config(root=tmp_path)
    result = PostResult(path="a.md", score=100, words=3)
    one = ResultCache(tmp_path, "salt-one")
    (tmp_path / ENTRIES).mkdir()
    entry = one.key(config, "a.md", tmp_path / "a.md", b"# A\n\ntext\n")
    one.store(entry, result, ["valuelint: a notice"])
    hit = one.load(entry)
    assert hit is not None and hit.result == result and hit.notices == ("valuelint: a notice",)
    assert one.load(one.key(config, "a.md", tmp_path / "a.md", b"# A\n\nother\n")) is None
    two = ResultCache(tmp_path, "salt-two")
    assert two.load(two.key(config, "a.md", tmp_path / "a.md", b"# A\n\ntext\n")) is None


def test_the_repository_ignores_the_cache_folder() -> None:
    assert ".valuelint_cache/" in (REPO / ".gitignore").read_text("utf-8").splitlines()
