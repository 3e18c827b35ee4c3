"""Reporters turn results into text for people, JSON and JSON Lines for tools, SARIF,
GitHub annotations and GitLab Code Quality reports.

Each reporter is a function ``render(results, rules, options) -> str``; none
of them reads files or computes anything the engine has not already decided.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module

from valuelint.result import PostResult
from valuelint.rule import Rule

__all__ = ["Format", "ReportOptions", "render"]


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"
    GITLAB = "gitlab"
    JSONL = "jsonl"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    skipped: int = 0
    """Files named on the command line and left out (``force-exclude``)."""


Renderer = Callable[[Sequence[PostResult], Mapping[str, type[Rule]], ReportOptions], str]


#: The module whose ``render`` writes each format. A reporter module imports
#: :class:`ReportOptions` from this package, so it is imported when its format
#: is asked for, not with the package (a run loads only the one it prints).
RENDERERS: dict[Format, str] = {
    Format.TEXT: "valuelint.reporters.text",
    Format.JSON: "valuelint.reporters.json",
    Format.SARIF: "valuelint.reporters.sarif",
    Format.GITHUB: "valuelint.reporters.github",
    Format.GITLAB: "valuelint.reporters.gitlab",
    Format.JSONL: "valuelint.reporters.jsonl",
}


def render(
    fmt: Format, results: Sequence[PostResult], rules: Mapping[str, type[Rule]],
    options: ReportOptions,
) -> str:
    """The report for ``results`` in format ``fmt``."""
    renderer: Renderer = import_module(RENDERERS[fmt]).render
    return renderer(results, rules, options)
