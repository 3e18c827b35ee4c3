"""The text report: findings grouped by file, a score per file, a summary line.

A finding ``valuelint check --fix`` can fix is marked ``[*]`` after its rule's name,
and a line under the summary counts them, as ruff does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from valuelint.reporters import ReportOptions
from valuelint.reporters.summary import Summary, skipped_note, summarize
from valuelint.result import PostResult
from valuelint.rule import Rule, Severity

_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "ok": "32"}


def _paint(text: str, style: str, enabled: bool) -> str:
    return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if enabled else text


def _count(number: int, noun: str) -> str:
    # "info" stays as it is ("0 info", "2 info"): findings of severity info.
    plural = noun if number == 1 or noun == "info" else noun + "s"
    return f"{number} {plural}"


def verdict(result: PostResult) -> str:
    """``ok``, or ``fails: `` and why: the score below ``fail-under``, the findings at or
    above ``fail-on``, or both."""
    if not result.failing:
        return "ok"
    reasons = []
    if result.score_fails:
        reasons.append(f"below {result.fail_under:g}")
    found = Counter(f.severity for f in result.failing_findings)
    if found and result.fail_on is not None:
        counted = [_count(found[s], s.value) for s in (Severity.ERROR, Severity.WARNING,
                                                         Severity.INFO) if found[s]]
        listed = " and ".join([", ".join(counted[:-1]), counted[-1]] if len(counted) > 1
                              else counted)
        reasons.append(f"{listed} at or above fail-on={result.fail_on.value}")
    return "fails: " + "; ".join(reasons) if reasons else "fails"


def _summary_line(summary: Summary, skipped: int) -> str:
    files = summary.files - summary.sites
    checked = _count(files, "file")
    if summary.sites:
        checked += " and the site" if summary.sites == 1 else f" and {summary.sites} sites"
    mean = f", mean score {summary.mean_score:g}" if summary.mean_score is not None else ""
    partly = summary.files_with_errors - summary.files_not_checked
    tail = f", {partly} checked with errors" if partly else ""
    if skipped:
        tail += f", {skipped} left out as not posts (-v names them)"
    return (f"Checked {checked}: {_count(summary.errors, 'error')}, "
            f"{_count(summary.warnings, 'warning')}, {_count(summary.infos, 'info')}{mean}; "
            f"{summary.failing_files} failing, {summary.files_not_checked} could not be "
            f"checked{tail}.")


def render(
    results: Sequence[PostResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
) -> str:
    color = options.color
    lines: list[str] = []
    for result in results:
        for error in result.errors:
            lines.append(f"{_paint(result.path, 'bold', color)}: "
                         f"{_paint('error', 'error', color)}: {error}")
        if options.quiet and not result.failing:
            continue
        # Quiet: only what makes the file fail, and its score and why.
        shown = result.failing_findings if options.quiet else result.findings
        for f in shown:
            where = _paint(f"{result.path}:{f.line}:{f.column}:", "bold", color)
            code = _paint(f.code, f.severity.value, color)
            mark = " [*]" if f.fix is not None else ""
            lines.append(f"{where} {code} [{f.name}]{mark} {f.message}")
        if result.score is not None:
            lines.append(_paint(
                f"{result.path}: score {result.score}/100 ({verdict(result)})",
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
        lines.append(_summary_line(summary, options.skipped))
        fixable = sum(f.fix is not None for result in results for f in result.findings)
        if fixable:
            lines.append(f"[*] {_count(fixable, 'finding')} fixable with --fix.")
    return "\n".join(lines) + "\n"
