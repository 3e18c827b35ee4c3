"""A check as LSP diagnostics: one per finding, and one per problem that stopped or
limited the check (a post too large, a rule that failed)."""

from __future__ import annotations

import re

from lsprotocol import types

from valuelint.rule import Finding, Severity
from valuelint.server.checking import Check
from valuelint.server.positions import Lines

__all__ = ["SOURCE", "config_diagnostic", "diagnostics", "finding_diagnostic"]

SOURCE = "valuelint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_AT_LINE = re.compile(r"\bat line (\d+)")


def finding_diagnostic(finding: Finding, lines: Lines) -> types.Diagnostic:
    """The diagnostic of one finding; ``data`` carries its fix (or None) and rule name."""
    return types.Diagnostic(
        range=lines.range(finding.line, finding.column, finding.end_line, finding.end_column),
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=finding.url) if finding.url else None,
        source=SOURCE,
        message=finding.message,
        data={"fix": finding.fix.to_dict() if finding.fix else None, "name": finding.name},
    )


def _first_line(lines: Lines, message: str, severity: types.DiagnosticSeverity,
                line: int = 0) -> types.Diagnostic:
    text = lines.line(line)
    end = lines.to_lsp(line + 1, len(text) + 1)
    return types.Diagnostic(range=types.Range(start=types.Position(line=line, character=0),
                                              end=end),
                            severity=severity, source=SOURCE, message=message)


def diagnostics(check: Check, lines: Lines) -> list[types.Diagnostic]:
    """What to publish for a check (nothing for a document that is not checked)."""
    if check.crash:
        return [_first_line(lines, "valuelint failed on this post and could not check it; "
                            "the server's log has the details", types.DiagnosticSeverity.Error)]
    result = check.result
    if result is None:
        return []
    found = [finding_diagnostic(finding, lines) for finding in result.findings]
    for error in result.errors:
        if error.startswith("rule "):
            message = f"valuelint could not fully check this post: {error}"
        else:
            message = error
        found.append(_first_line(lines, message, types.DiagnosticSeverity.Error))
    return found


def config_diagnostic(check: Check, config_text: str) -> types.Diagnostic:
    """The one diagnostic on a configuration file that cannot be used."""
    assert check.config_error is not None
    lines = Lines(config_text)
    detail = check.config_error.detail
    found = _AT_LINE.search(detail)
    line = min(int(found.group(1)) - 1, len(lines) - 1) if found else 0
    return _first_line(lines, f"valuelint cannot use this configuration: {detail}; "
                       "documents are checked with the last configuration that worked",
                       types.DiagnosticSeverity.Error, max(line, 0))
