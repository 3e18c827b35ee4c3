"""The text report: findings grouped by file, a score per file, a summary line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from valuelint.engine import FileResult
from valuelint.reporters import ReportOptions
from valuelint.reporters.summary import skipped_note, summarize
from valuelint.rule import Rule

_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "ok": "32"}


def _paint(text: str, style: str, enabled: bool) -> str:
    return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if enabled else text


def render(
    results: Sequence[FileResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
) -> str:
    color = options.color
    lines: list[str] = []
    for result in results:
        for error in result.errors:
            lines.append(f"{_paint(result.path, 'bold', color)}: "
                         f"{_paint('error', 'error', color)}: {error}")
        if options.quiet:
            continue
        for f in result.findings:
            where = _paint(f"{result.path}:{f.line}:{f.column}:", "bold", color)
            code = _paint(f.code, f.severity.value, color)
            lines.append(f"{where} {code} [{f.name}] {f.message}")
        if result.score is not None:
            verdict = ("fails: below " + f"{result.fail_under:g}" if result.score_fails
                       else "fails" if result.failing else "ok")
            lines.append(_paint(
                f"{result.path}: score {result.score}/100 ({verdict})",
                "dim" if not result.failing else "bold", color))
            note = skipped_note(result)
            if note:
                lines.append(_paint(f"{result.path}: {note}", "dim", color))
    summary = summarize(results)
    if options.statistics and summary.by_code:
        lines.append("")
        for code, count in summary.by_code:
            rule = rules.get(code)
            lines.append(f"{count:5d}  {code}  {rule.name if rule else ''}")
    if not options.quiet or summary.failing_files or summary.files_with_errors:
        lines.append("")
        mean = f", mean score {summary.mean_score:g}" if summary.mean_score is not None else ""
        lines.append(
            f"Checked {summary.files} file{'s' if summary.files != 1 else ''}: "
            f"{summary.errors} error{'s' if summary.errors != 1 else ''}, "
            f"{summary.warnings} warning{'s' if summary.warnings != 1 else ''}, "
            f"{summary.infos} info{mean}; "
            f"{summary.failing_files} failing, {summary.files_with_errors} could not be checked."
        )
    return "\n".join(lines) + "\n"
