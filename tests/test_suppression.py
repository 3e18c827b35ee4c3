"""Turning findings off inside a post: HTML comment directives and front matter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from valuelint.cli import app


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(project: Path, text: str, *options: str) -> dict[str, Any]:
    """The JSON result of checking ``text`` as post.md (PROM001 and BAIT001 only)."""
    (project / "post.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "post.md", "--format", "json", "--select", "PROM001,BAIT001", *options])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    entry: dict[str, Any] = json.loads(result.stdout)["files"][0]
    entry["exit_code"] = result.exit_code
    return entry


def found(project: Path, text: str, *options: str) -> list[tuple[int, str]]:
    """(line, code) of every finding reported for ``text``."""
    entry = check(project, text, *options)
    assert entry["errors"] == []
    return [(f["line"], f["code"]) for f in entry["findings"]]


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def test_without_directives_every_line_is_reported(project: Path) -> None:
    text = lines("Buy now.", "", "Like this post!", "", "Order today.")
    assert found(project, text) == [(1, "PROM001"), (3, "BAIT001"), (5, "PROM001")]


def test_disable_and_enable_every_rule(project: Path) -> None:
    text = lines(
        "Buy now.",                      # 1
        "",
        "<!-- valuelint-disable -->",    # 3
        "Order today.",                  # 4
        "Like this post!",               # 5
        "<!-- valuelint-enable -->",     # 6
        "",
        "Act now!",                      # 8
    )
    assert found(project, text) == [(1, "PROM001"), (8, "PROM001")]


def test_enable_takes_effect_on_the_line_after_it(project: Path) -> None:
    # Like markdownlint's enable: the line holding the comment is still disabled.
    text = lines(
        "<!-- valuelint-disable -->",              # 1
        "Buy now. <!-- valuelint-enable -->",      # 2
        "Order today.",                            # 3
        "",
        "<!-- valuelint-disable PROM001 -->",      # 5
        "Act now! <!--",                           # 6
        "valuelint-enable PROM001 -->",            # 7: a comment over two lines
        "Buy now.",                                # 8
    )
    assert found(project, text) == [(3, "PROM001"), (8, "PROM001")]


def test_disable_without_enable_runs_to_the_end(project: Path) -> None:
    text = lines("Buy now.", "", "<!-- valuelint-disable PROM001 -->", "", "Order today.",
                 "", "Act now!", "", "Like this post!")
    assert found(project, text) == [(1, "PROM001"), (9, "BAIT001")]


def test_disable_named_rules_only(project: Path) -> None:
    text = lines(
        "<!-- valuelint-disable PROM001 -->",
        "Buy now.",
        "",
        "Like this post!",
    )
    assert found(project, text) == [(4, "BAIT001")]


def test_enable_one_rule_keeps_the_others_disabled(project: Path) -> None:
    text = lines(
        "<!-- valuelint-disable PROM001 BAIT001 -->",  # 1
        "Buy now. Like this post!",                    # 2
        "<!-- valuelint-enable PROM001 -->",           # 3
        "",
        "Order today. Follow me!",                     # 5
    )
    assert found(project, text) == [(5, "PROM001")]


def test_enable_one_rule_after_disabling_every_rule(project: Path) -> None:
    text = lines(
        "<!-- valuelint-disable -->",        # 1
        "Buy now. Like this post!",          # 2
        "<!-- valuelint-enable hard-sell -->",  # 3
        "",
        "Order today. Follow me!",           # 5
        "",
        "<!-- valuelint-enable -->",         # 7
        "",
        "Act now. Tag a friend!",            # 9
    )
    assert found(project, text) == [(5, "PROM001"), (9, "PROM001"), (9, "BAIT001")]


def test_disable_next_line(project: Path) -> None:
    text = lines(
        "<!-- valuelint-disable-next-line PROM001 -->",
        "Buy now. Like this post!",
        "Order today.",
    )
    assert found(project, text) == [(2, "BAIT001"), (3, "PROM001")]


def test_disable_line_covers_its_own_line(project: Path) -> None:
    text = lines(
        "Buy now. <!-- valuelint-disable-line PROM001 -->",
        "Order today.",
    )
    assert found(project, text) == [(2, "PROM001")]


@pytest.mark.parametrize("place", ["top", "middle", "bottom"])
def test_disable_file_anywhere_covers_the_whole_file(project: Path, place: str) -> None:
    body = ["Buy now.", "", "Like this post!", "", "Order today."]
    directive = "<!-- valuelint-disable-file -->"
    at = {"top": 0, "middle": 2, "bottom": len(body)}[place]
    rows = [*body[:at], "", directive, "", *body[at:]]
    entry = check(project, lines(*rows))
    assert entry["findings"] == []
    assert finding_contributions(entry) == []
    assert entry["exit_code"] == 0


def test_disable_file_for_named_rules(project: Path) -> None:
    text = lines("Buy now.", "", "Like this post!", "", "<!-- valuelint-disable-file BAIT -->")
    assert found(project, text) == [(1, "PROM001")]


@pytest.mark.parametrize("selector", ["PROM001", "PROM", "hard-sell", "ALL", "PROM001,BAIT"])
def test_directives_take_codes_prefixes_names_and_all(project: Path, selector: str) -> None:
    text = lines(f"<!-- valuelint-disable-next-line {selector} -->", "Buy now.", "Buy now.")
    assert found(project, text) == [(3, "PROM001")]


def test_directive_spanning_lines_covers_the_line_after_it_ends(project: Path) -> None:
    text = lines(
        "<!--",
        "valuelint-disable-next-line PROM001",
        "-->",
        "Buy now.",
        "Order today.",
    )
    assert found(project, text) == [(5, "PROM001")]


def test_directives_inside_code_are_not_directives(project: Path) -> None:
    text = lines(
        "Write this to turn the rule off:",
        "",
        "```html",
        "<!-- valuelint-disable-file -->",
        "```",
        "",
        "And `<!-- valuelint-disable -->` inline.",
        "",
        "Buy now.",
    )
    assert found(project, text) == [(9, "PROM001")]


def test_other_comments_are_ignored(project: Path) -> None:
    text = lines("<!-- valuelint is great; disable nothing -->", "", "Buy now.")
    assert found(project, text) == [(3, "PROM001")]


def finding_contributions(entry: dict[str, Any]) -> list[str]:
    """The rules whose findings moved the score."""
    return [c["signal"] for c in entry["contributions"]
            if c["signal"].startswith("findings.rule.") and c["value"]]


def test_suppressed_findings_do_not_count_against_the_score(project: Path) -> None:
    plain = check(project, lines("Buy now.", "", "Order today."))
    assert plain["score"] < 100
    assert plain["exit_code"] == 1
    hidden = check(project, lines("<!-- valuelint-disable hard-sell -->", "Buy now.", "",
                                  "Order today."))
    assert hidden["findings"] == [] and hidden["reasons"] == []
    assert finding_contributions(hidden) == []
    assert hidden["score"] > plain["score"]
    assert hidden["exit_code"] == 0


def test_an_unknown_code_in_a_directive_is_an_error_naming_the_line(project: Path) -> None:
    entry = check(project, lines("Buy now.", "", "<!-- valuelint-disable PROM01X -->"))
    assert entry["errors"] == [
        "line 3: valuelint-disable names unknown rule code(s) PROM01X"]
    assert entry["exit_code"] == 2


# --------------------------------------------------------------------------- front matter


def test_front_matter_ignore(project: Path) -> None:
    text = lines("---", "title: Launch", "valuelint:", "  ignore: [PROM001]", "---",
                 "Buy now.", "", "Like this post!")
    assert found(project, text) == [(8, "BAIT001")]


@pytest.mark.parametrize("fence", ["toml", "yaml-flow"])
def test_front_matter_ignore_by_name_and_prefix(project: Path, fence: str) -> None:
    if fence == "toml":
        head = ["+++", 'title = "Launch"', "[valuelint]", 'ignore = ["hard-sell", "BAIT"]',
                "+++"]
    else:
        head = ["---", "valuelint: {ignore: [hard-sell, BAIT]}", "---"]
    text = lines(*head, "Buy now.", "", "Like this post!")
    assert found(project, text) == []


@pytest.mark.parametrize(("value", "message"), [
    ("valuelint: {ignore: PROM001}", "front matter 'valuelint' must be a mapping"),
    ("valuelint: [PROM001]", "front matter 'valuelint' must be a mapping"),
    ("valuelint: {skip: [PROM001]}", "front matter 'valuelint' must be a mapping"),
    ("valuelint: {ignore: [NOPE001]}", "unknown rule code(s) NOPE001"),
])
def test_a_wrong_front_matter_setting_is_an_error(project: Path, value: str,
                                                  message: str) -> None:
    entry = check(project, lines("---", value, "---", "Buy now."))
    assert len(entry["errors"]) == 1
    assert message in entry["errors"][0]
    assert entry["exit_code"] == 2
