"""benchmarks/speed.py times only runs that did their work (no timing is checked here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import speed


def test_a_run_that_fails_is_not_timed() -> None:
    crash = [sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(4)"]
    with pytest.raises(speed.RunFailed) as raised:
        speed.measure(crash)
    assert "exited with status 4, so it is not timed" in str(raised.value)
    assert str(raised.value).endswith("boom")


def test_a_run_killed_by_a_signal_is_not_timed() -> None:
    killed = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"]
    with pytest.raises(speed.RunFailed, match="was killed by signal 9"):
        speed.measure(killed)


def test_an_exit_status_the_tool_uses_for_findings_is_timed() -> None:
    found = [sys.executable, "-c", "import sys; sys.exit(1)"]
    assert speed.measure(found, ok=speed.PROSELINT_OK).code == 1
    with pytest.raises(speed.RunFailed):
        speed.measure(found)  # valuelint runs with --exit-zero: 1 is not a success


def test_per_post_figures_count_the_files_valuelint_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (posts / name).write_text(f"# {name}\n\nA short post.\n", "utf-8")
    (tmp_path / ".valuelint.toml").write_text('exclude = ["c.md"]\n', "utf-8")
    run = speed.measure([*speed.VALUELINT, "-q", "--no-cache", posts], cwd=tmp_path,
                        env={"VALUELINT_PROFILE": "1"})
    assert speed.checked_files(run, len(speed.posts(posts))) == 2
    assert "valuelint checked 2 files where this script counts 3 posts" in capsys.readouterr().out


def test_the_load_budget_times_each_step_of_a_one_post_run_in_order() -> None:
    names = [name for name, seconds in speed.load_budget() if seconds > 0]
    assert names.index("spaCy (import)") + 1 == names.index(
        "the English pipeline: tokenizer, sentencizer, lemma table")
    assert len(names) == 5
