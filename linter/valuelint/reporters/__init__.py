"""Reporters turn results into text for people, JSON for tools, SARIF, GitHub annotations
and GitLab Code Quality reports.

Each reporter is a function ``render(results, rules, options) -> str``; none
of them reads files or computes anything the engine has not already decided.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from valuelint.engine import FileResult
from valuelint.rule import Rule

__all__ = ["Format", "ReportOptions", "render"]


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"
    GITLAB = "gitlab"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    skipped: int = 0
    """Files named on the command line and left out (``force-exclude``)."""


Renderer = Callable[[Sequence[FileResult], Mapping[str, type[Rule]], ReportOptions], str]


def render(
    fmt: Format, results: Sequence[FileResult], rules: Mapping[str, type[Rule]],
    options: ReportOptions,
) -> str:
    """The report for ``results`` in format ``fmt``."""
    if fmt is Format.JSON:
        from valuelint.reporters.json import render as renderer
    elif fmt is Format.SARIF:
        from valuelint.reporters.sarif import render as renderer
    elif fmt is Format.GITHUB:
        from valuelint.reporters.github import render as renderer
    elif fmt is Format.GITLAB:
        from valuelint.reporters.gitlab import render as renderer
    else:
        from valuelint.reporters.text import render as renderer
    return renderer(results, rules, options)
