"""GitHub Actions workflow commands: one annotation per finding and per error."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from valuelint.reporters import ReportOptions
from valuelint.result import PostResult
from valuelint.rule import Rule

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(
    results: Sequence[PostResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
) -> str:
    lines: list[str] = []
    for result in results:
        path = _escape_property(result.path)
        for error in result.errors:
            lines.append(f"::error file={path},title=valuelint::{_escape_data(error)}")
        for f in result.findings:
            title = _escape_property(f"{f.code} {f.name}")
            lines.append(
                f"::{_LEVEL[f.severity.value]} file={path},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={title}::"
                f"{_escape_data(f.message)}"
            )
        if result.score_fails:
            message = (f"reader-value score {result.score}/100 is below "
                       f"fail-under {result.fail_under:g}")
            lines.append(f"::error file={path},title=valuelint score::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
