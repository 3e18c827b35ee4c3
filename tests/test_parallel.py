"""Checking with worker processes: the same report, byte for byte, as checking in one process.

The command runs in real subprocesses with ``--no-cache``, so that every file
is really checked, and ``VALUELINT_PROFILE=1`` shows how many workers ran.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, run_valuelint, split_timings
from valuelint.config import ConfigLoader
from valuelint.parallel import available_cpus
from valuelint.plugins import load_rules
from valuelint.runner import run

#: The core rules and the rules that read the language analysis most.
CORE = 'select = ["THIN", "PROM", "BAIT", "EVID"]\n'


def check(root: Path, *args: str) -> tuple[int, str, str, dict[str, Any]]:
    outcome = run_valuelint("check", *args, cwd=root, env={"VALUELINT_PROFILE": "1"})
    stderr, timings = split_timings(outcome.stderr)
    return outcome.code, outcome.stdout, stderr, timings


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """Posts of every kind, and files that cannot be checked, in a git root."""
    root = tmp_path / "blog"
    (root / ".git").mkdir(parents=True)
    (root / "valuelint.toml").write_text(CORE, "utf-8")
    posts = root / "posts"
    posts.mkdir()
    for post in sorted(EXAMPLES.glob("*.md")):
        shutil.copy(post, posts / post.name)
        shutil.copy(post, posts / f"copy-of-{post.name}")
    (posts / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (posts / "empty.md").write_text("", "utf-8")
    (posts / "latin1.md").write_bytes("# Caf\xe9\n\nBuy now.\n".encode("latin-1"))
    (posts / "bad-front-matter.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", "utf-8")
    (posts / "suppressed.md").write_text(
        "# Sale\n\n<!-- valuelint-disable-next-line PROM001 -->\nBuy now and save.\n"
        "<!-- valuelint-disable NOPE999 -->\n", "utf-8")
    (posts / "sub").mkdir()
    (posts / "sub" / "launch.md").write_text("# Launch\n\nBuy now! Act now!\n", "utf-8")
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_jobs_2_prints_exactly_what_jobs_1_prints(blog: Path, fmt: str) -> None:
    args = ("posts", "missing.md", "--format", fmt, "--no-cache", "--statistics")
    serial = check(blog, *args, "--jobs", "1")
    parallel = check(blog, *args, "--jobs", "2")
    assert serial[3]["workers"] == 0 and parallel[3]["workers"] == 2
    assert serial[:3] == parallel[:3]
    assert serial[0] == 2  # the unreadable files and the missing path


def test_results_come_out_in_file_order_however_many_files(tmp_path: Path) -> None:
    # More files than the workers keep in flight, with slow and quick posts mixed.
    (tmp_path / ".git").mkdir()
    (tmp_path / "valuelint.toml").write_text(CORE, "utf-8")
    long_post = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")
    for i in range(90):
        text = long_post if i % 9 == 0 else f"# Post {i}\n\nBuy now, post {i} is on sale.\n"
        (tmp_path / f"post-{i:03d}.md").write_text(text, "utf-8")
    serial = check(tmp_path, ".", "--format", "json", "--no-cache", "-j", "1")
    parallel = check(tmp_path, ".", "--format", "json", "--no-cache", "-j", "2")
    assert parallel[3]["workers"] == 2
    assert serial[:3] == parallel[:3]
    paths = [f["path"] for f in json.loads(parallel[1])["files"]]
    assert paths == sorted(paths) and len(paths) == 90


def test_the_default_is_one_worker_per_cpu(blog: Path) -> None:
    files = check(blog, "posts", "--no-cache")[3]["files"]
    assert check(blog, "posts", "--no-cache")[3]["workers"] == min(available_cpus(), files)


def test_one_file_is_checked_in_process(blog: Path) -> None:
    assert check(blog, "posts/sub/launch.md", "--no-cache", "-j", "4")[3]["workers"] == 0


def test_jobs_must_be_at_least_one(blog: Path) -> None:
    outcome = run_valuelint("check", "posts", "--jobs", "0", cwd=blog)
    assert outcome.code == 2
    assert "Traceback" not in outcome.stderr


def test_a_warning_from_the_engine_is_printed_once_whatever_the_workers(blog: Path) -> None:
    tagger = [rule.code for rule in load_rules().values() if rule.needs_tagger]
    if not tagger:
        pytest.skip("no installed rule needs a trained pipeline")
    args = ("posts", "--select", tagger[0], "--no-cache")
    serial = check(blog, *args, "-j", "1")
    parallel = check(blog, *args, "-j", "2")
    assert serial[:3] == parallel[:3]
    assert parallel[2].count("needs a trained spaCy pipeline") == 1


def test_spawned_workers_give_the_same_results(
    blog: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Where fork is not available (macOS, Windows) or not safe, workers are
    # started fresh and receive the rules and configuration by pickling.
    monkeypatch.chdir(blog)
    rules = load_rules()
    paths = [Path("posts")]
    serial = list(run(paths, ConfigLoader(rules), rules, jobs=1))
    spawned = list(run(paths, ConfigLoader(rules), rules, jobs=2, start_method="spawn"))
    assert spawned == serial
    assert len(serial) == len(list((blog / "posts").rglob("*.md")))


def test_each_post_is_parsed_and_tokenised_once_and_word_lists_compile_once(
    blog: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import valuelint.engine
    import valuelint.language
    import valuelint.wordlists

    calls = {"parse": 0, "analyse": 0, "matcher": 0}
    parse, analyse = valuelint.engine.parse_document, valuelint.language.analyse
    add = valuelint.wordlists.PhraseScanner.add

    def counted_parse(*args: Any, **kwargs: Any) -> Any:
        calls["parse"] += 1
        return parse(*args, **kwargs)

    def counted_analyse(*args: Any, **kwargs: Any) -> Any:
        calls["analyse"] += 1
        return analyse(*args, **kwargs)

    def counted_add(self: Any, phrases: Any) -> int:
        # A list is compiled into a scanner's tries the first time it is added.
        calls["matcher"] += int(phrases not in self.lists)
        return add(self, phrases)

    monkeypatch.setattr(valuelint.engine, "parse_document", counted_parse)
    monkeypatch.setattr(valuelint.language, "analyse", counted_analyse)
    monkeypatch.setattr(valuelint.wordlists.PhraseScanner, "add", counted_add)
    monkeypatch.setattr(valuelint.wordlists, "_matchers", {})
    monkeypatch.setattr(valuelint.wordlists, "_scanners", {})
    monkeypatch.chdir(blog)
    rules = load_rules()
    loader = ConfigLoader(rules)
    first = list(run([Path("posts/promo-launch.md")], loader, rules))
    assert calls["parse"] == calls["analyse"] == 1
    assert first[0].findings, "the post should have findings"
    compiled = calls["matcher"]
    assert compiled > 0
    posts = sorted((blog / "posts").glob("copy-of-*.md"))
    list(run([p.relative_to(blog) for p in posts], loader, rules))
    assert calls["parse"] == calls["analyse"] == 1 + len(posts)
    assert calls["matcher"] == compiled  # every word list was compiled on the first post
