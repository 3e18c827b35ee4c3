"""What a writer sees: exit codes that match the situation, and messages they can act on.

Each test runs the command on real files, in this process, and asserts the
lines printed: why a post fails, what ``--quiet`` keeps, the counts in the
summary, the score card's cap, and the hints for a mistyped setting.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, put
from conftest import invoke as cli
from sample_posts import BODY, SELLING, SHORT

GOOD = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")
CORE = 'select = ["THIN001", "PROM001", "BAIT001"]\n'




@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    put(tmp_path, "valuelint.toml", CORE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def jekyll(project: Path) -> Path:
    """A new Jekyll blog: two posts and an empty ``_drafts/``, as Jekyll's own starter."""
    put(project, "_config.yml", "title: Notes\n")
    put(project, "_posts/2024-04-01-profiling.md", GOOD)
    put(project, "_posts/2024-05-01-notes.md",
        f"---\ntitle: Notes\ndate: 2024-05-01\n---\n\n{GOOD.split(chr(10), 1)[1]}")
    (project / "_drafts").mkdir()
    return project


# --------------------------------------------------------------------------- empty folders

def test_an_empty_drafts_folder_is_not_an_error_for_check(jekyll: Path) -> None:
    code, out, err = cli("check", "--no-cache")
    assert code == 0, out + err
    assert "_drafts" not in out + err
    assert re.search(r"^Checked 2 files: ", out, re.MULTILINE), out


@pytest.mark.parametrize("command", [["site", "."], ["report", ".", "-o", "report.html"]])
def test_an_empty_drafts_folder_is_not_an_error_for_site_and_report(
    jekyll: Path, command: list[str],
) -> None:
    code, out, err = cli(*command, "--no-cache")
    assert code == 0, out + err
    assert "error:" not in out + err


def test_a_named_folder_with_nothing_to_check_is_still_an_error(jekyll: Path) -> None:
    code, out, _ = cli("check", "--no-cache", "_drafts")
    assert code == 2
    assert "_drafts: error: no Markdown files (.md, .markdown, .mdx) found here" in out


def test_a_blog_with_no_posts_yet_says_so_and_passes(project: Path) -> None:
    put(project, "_config.yml", "title: Notes\n")
    (project / "_posts").mkdir()
    (project / "_drafts").mkdir()
    code, out, err = cli("check", "--no-cache")
    assert code == 0, out + err
    assert out == "No posts yet in _posts/, _drafts/: nothing to check.\n"


# --------------------------------------------------------------------------- why a post fails

def test_a_post_failing_on_one_warning_says_so(project: Path) -> None:
    put(project, "notes.md", SHORT)
    code, out, _ = cli("check", "--no-cache", "notes.md")
    assert code == 1
    assert re.search(r"^notes\.md: score \d+/100 \(fails: 1 warning at or above "
                     r"fail-on=warning\)$", out, re.MULTILINE), out


def test_quiet_names_each_failing_post_with_score_and_reason(project: Path) -> None:
    put(project, "launch.md", SELLING)
    put(project, "notes.md", SHORT)
    put(project, "profile.md", GOOD)
    code, out, _ = cli("check", "--no-cache", "-q", "launch.md", "notes.md", "profile.md")
    assert code == 1
    scores = re.findall(r"^(\S+): score \d+/100 \((.*)\)$", out, re.MULTILINE)
    assert scores == [("launch.md", "fails: 1 error and 1 warning at or above fail-on=warning"),
                      ("notes.md", "fails: 1 warning at or above fail-on=warning")]
    assert "profile.md" not in out


# --------------------------------------------------------------------------- the score card

def test_the_score_card_says_when_the_cap_decided_the_score(project: Path) -> None:
    put(project, "valuelint.toml", "")
    put(project, "launch.md", "# Buy now\n\nBuy now! Limited time offer, act now. "
                              f"Smash that like button and follow me.\n\n{BODY}\n")
    code, out, _ = cli("score", "launch.md")
    assert code == 0
    score = int(re.search(r"reader-value score (\d+)/100", out).group(1))  # type: ignore[union-attr]
    lines = [line for line in out.splitlines() if line.startswith("Score capped")]
    assert len(lines) == 1, out
    found = re.match(r"Score capped at (\d+): the findings leave (\d+)% of (\w+) \+ 25, and "
                     r"(\d+)% of the weighted mean above that counts; the weighted mean alone "
                     r"is (\d+)\.", lines[0])
    assert found, lines[0]
    cap, left, lowest, share, weighted = map(found.group, range(1, 6))
    assert abs(int(cap) - (int(left) + 25)) <= 1
    assert abs(score - (int(cap) + int(share) / 100 * (int(weighted) - int(cap)))) <= 1
    assert int(weighted) > score >= int(cap)
    assert re.search(rf"^  {lowest} +\d+ ", out, re.MULTILINE)


def test_the_score_card_of_a_post_the_cap_does_not_limit_has_no_such_line(
    project: Path,
) -> None:
    put(project, "profile.md", GOOD)
    _, out, _ = cli("score", "profile.md")
    assert "capped" not in out


# --------------------------------------------------------------------------- counts

def test_an_unknown_code_in_a_comment_is_an_error_not_a_post_that_could_not_be_checked(
    project: Path,
) -> None:
    put(project, "launch.md", "<!-- valuelint-disable THIN01 -->\n" + SELLING)
    code, out, _ = cli("check", "--no-cache", "launch.md")
    assert code == 2
    assert ("launch.md: error: line 1: valuelint-disable names unknown rule code(s) THIN01"
            in out)
    assert out.rstrip().endswith("1 failing, 0 could not be checked, 1 checked with errors.")
    code, out, _ = cli("check", "--no-cache", "--format", "json", "launch.md", "missing.md")
    summary = json.loads(out)["summary"]
    assert summary["files_with_errors"] == 2
    assert summary["files_not_checked"] == 1
    assert summary["findings_by_severity"] == {
        "error": summary["errors"], "warning": summary["warnings"], "info": summary["infos"]}


def test_one_word_is_one_word(project: Path) -> None:
    put(project, "stub.md", "Soon\n")
    _, out, _ = cli("check", "--no-cache", "stub.md")
    assert "post has 1 word of prose," in out, out


def test_one_of_each_severity_is_singular_in_the_summary(project: Path) -> None:
    put(project, "valuelint.toml", CORE + "fail-on = \"info\"\n[rules.THIN001]\n"
                                          "severity = \"info\"\n")
    put(project, "launch.md", SELLING)
    _, out, _ = cli("check", "--no-cache", "launch.md")
    assert re.search(r"^Checked 1 file: 1 error, 0 warnings, 1 info, ", out, re.MULTILINE), out
    assert "(fails: 1 error and 1 info at or above fail-on=info)" in out


# --------------------------------------------------------------------------- choices and hints

@pytest.mark.parametrize("args", [
    ["check", "--format", "JSON", "launch.md"],
    ["check", "--format", "Sarif", "launch.md"],
    ["check", "--fail-on", "ERROR", "--format", "json", "launch.md"],
    ["score", "--format", "JSON", "launch.md"],
    ["rules", "--format", "JSON"],
    ["site", ".", "--format", "JSON"],
])
def test_choices_are_not_case_sensitive(project: Path, args: list[str]) -> None:
    put(project, "launch.md", SELLING)
    code, out, err = cli(*args, *(["--no-cache"] if args[0] in ("check", "site") else []))
    assert code in (0, 1), out + err
    data: Any = json.loads(out)
    assert data


@pytest.mark.parametrize(("setting", "message"), [
    ("[rules.to-short]\nmin-words = 100\n",
     "'rules.to-short': no installed rule has this code or name (did you mean 'too-short'?)"),
    ("[rules.THIN01]\nmin-words = 100\n",
     "'rules.THIN01': no installed rule has this code or name (did you mean 'THIN001'?)"),
    ('ignore = ["THIN01"]\n',
     "'ignore': 'THIN01' matches no installed rule code, prefix or name (did you mean "
     "'THIN001'?)"),
    ('ignore = ["hardsell"]\n',
     "'ignore': 'hardsell' matches no installed rule code, prefix or name (did you mean "
     "'hard-sell'?)"),
    ("fial-on = \"error\"\n", "unknown key 'fial-on' (did you mean 'fail-on'?)"),
])
def test_a_mistyped_rule_or_key_gets_a_suggestion(
    project: Path, setting: str, message: str,
) -> None:
    put(project, "valuelint.toml", setting)
    put(project, "launch.md", SELLING)
    code, out, _ = cli("check", "--no-cache", "launch.md")
    assert code == 2
    assert f"valuelint.toml: error: {message}" in out, out


def test_a_mistyped_selector_on_the_command_line_gets_a_suggestion(project: Path) -> None:
    put(project, "launch.md", SELLING)
    code, _, err = cli("check", "--no-cache", "--select", "BIAT001", "launch.md")
    assert code == 2
    assert err == ("valuelint: error: --select: 'BIAT001' matches no installed rule code, "
                   "prefix or name (did you mean 'BAIT001'?)\n")
