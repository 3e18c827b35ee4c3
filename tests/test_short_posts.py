"""Short, complete posts: a short release note with concrete content passes, and the score
moves smoothly with words and links (THIN001)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from conftest import EXAMPLES
from valuelint.config import Config, parse_config
from valuelint.engine import check_text
from valuelint.plugins import load_rules
from valuelint.result import PostResult
from valuelint.rule import Severity

RULES = load_rules()
ALL = parse_config({}, None, RULES)
THIN001 = parse_config({"select": ["THIN001"]}, None, RULES)

#: A 41-word patch-release note: two fixes with their issue numbers and the upgrade command.
PATCH_NOTE = """\
---
title: Gadget 4.4.2 released
date: 2025-02-03
categories: [release]
---

Gadget 4.4.2 is a patch release with two fixes for sites upgraded from 4.3:

- Front matter defaults whose path holds a glob pattern match posts again (#9712).
- The development server no longer drops the charset of binary files (#9716).

Upgrade with:

```sh
bundle update gadget
```
{changelog}"""
CHANGELOG = ("\nThe [full changelog](https://github.com/gadget/gadget/releases/tag/v4.4.2) "
             "lists them.\n")
NO_CHANGELOG = "\nThe full changelog lists them.\n"


def check(text: str, config: Config = ALL) -> PostResult:
    return check_text(text, "post.md", config, RULES, Path("post.md"))


def thin001(result: PostResult) -> list[str]:
    return [f.severity.value for f in result.findings if f.code == "THIN001"]


def test_a_short_patch_note_with_its_fixes_issues_and_command_passes() -> None:
    result = check(PATCH_NOTE.format(changelog=""))
    assert 35 <= result.words <= 45
    assert thin001(result) == []
    assert not result.failing, [(f.code, f.message) for f in result.findings]
    assert result.score is not None and result.score >= 60


def test_a_changelog_link_moves_the_patch_note_by_far_less_than_50_points() -> None:
    without = check(PATCH_NOTE.format(changelog=NO_CHANGELOG))
    linked = check(PATCH_NOTE.format(changelog=CHANGELOG))
    assert without.score is not None and linked.score is not None
    assert abs(linked.score - without.score) <= 5
    assert not without.failing and not linked.failing


RELEASE_TEXT = ("the parser now keeps comments attached to the node they describe so that "
                "reformatting a file leaves each note where its author put it")
POST_TEXT = "we moved the build to a cache that keeps each step's output between runs"


def prose(words: int, source: str) -> str:
    """``words`` words of ``source``, repeated as often as needed."""
    pool = source.split()
    return " ".join(pool[i % len(pool)] for i in range(words))


def _release_note(words: int, *, version: str, linked: bool) -> str:
    text = prose(words, RELEASE_TEXT)
    changelog = ("[changelog](https://example.org/gadget/CHANGELOG.md)" if linked
                 else "changelog")
    return (f"---\ntitle: Gadget{version} released\ncategories: [release]\n---\n"
            f"{text}.\n\nThe {changelog} has the rest.\n")


@pytest.mark.parametrize("version", ["", " 2.4.1"])
def test_no_single_link_moves_a_release_note_by_50_points(version: str) -> None:
    moved = []
    for words in range(0, 120, 3):
        plain = check(_release_note(words, version=version, linked=False), THIN001).score
        linked = check(_release_note(words, version=version, linked=True), THIN001).score
        assert plain is not None and linked is not None
        moved.append(linked - plain)
    assert max(moved) < 50
    # The fitted models may read a link as a touch more promotional: a point or two at most.
    assert min(moved) >= -2


def test_the_score_of_a_short_post_changes_by_a_few_points_a_word() -> None:
    scores = []
    for words in range(0, 170):
        text = prose(words, POST_TEXT)
        result = check(f"---\ntitle: Build notes\n---\n{text}\n", THIN001)
        assert result.score is not None
        scores.append(result.score)
    assert max(abs(b - a) for a, b in pairwise(scores)) <= 3
    assert scores[0] < 40 and scores[-1] >= 60


def test_a_short_release_note_finding_says_what_lowers_the_floor() -> None:
    result = check("---\ntitle: Gadget 2.6.1 released\ncategories: [release]\n---\n"
                   "This patch release restores the old behaviour of front matter defaults "
                   "whose path holds a glob pattern, which 2.6.0 matched too loosely.\n")
    [finding] = [f for f in result.findings if f.code == "THIN001"]
    assert "lowered by its version number" in finding.message
    assert "link the full changelog or release notes; list the changes" in finding.message


def test_a_release_stub_with_a_version_still_fails() -> None:
    result = check("---\ntitle: Gadget 2.6.0 released\ncategories: [release]\n---\n"
                   "Gadget 2.6.0 is out with lots of improvements. More details coming soon!\n")
    assert thin001(result) == [Severity.ERROR.value]
    assert result.failing


def test_the_thin_example_still_fails_below_50() -> None:
    text = (EXAMPLES / "thin-update.md").read_text("utf-8")
    result = check(text)
    assert thin001(result) == [Severity.ERROR.value]
    assert result.failing and result.score is not None and result.score < 50
