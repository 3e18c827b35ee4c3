"""What the editor offers on a finding: code actions, hover and the score's code lens.

Every code action carries its :class:`~lsprotocol.types.WorkspaceEdit`: the
client applies it; no command runs on either side.

* ``quickfix``: the finding's own fix (preferred), when its rule offers one;
* ``quickfix``: disable the rule on this line: ``<!-- valuelint-disable-next-line CODE -->``
  on a line of its own above, indented as the line, where a comment line cannot
  change how the Markdown reads (above a heading, the first line of a paragraph or
  quote, a list item); elsewhere (inside a paragraph, a table row) the comment
  ``<!-- valuelint-disable-line CODE -->`` is added at the end of the line (in a
  table row, at the end of its last cell), since a line of its own would split
  the paragraph or the table. Not offered in front matter;
* ``quickfix``: disable the rule in this file: ``<!-- valuelint-disable-file CODE -->``
  on the first line after the front matter;
* ``source.fixAll.valuelint``: every safe fix of the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from valuelint.rule import Finding, Rule, doc_headings
from valuelint.server.checking import Check
from valuelint.server.diagnostics import finding_diagnostic
from valuelint.server.positions import Lines

__all__ = ["FIX_ALL", "SHOW_SCORE", "code_actions", "code_lens", "hover", "lens_title",
           "wanted"]

FIX_ALL = "source.fixAll.valuelint"
SHOW_SCORE = "valuelint.showScore"
HOVER_SECTIONS = ("What it does", "Why it matters to readers", "Use instead")

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:([ \t]+)|$)")
_QUOTE = re.compile(r"^\s{0,3}>")
_BREAK_AT_END = re.compile(r"(?: {2,}|\\)$")


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of ``kind`` was asked for (``only`` as in the request)."""
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def _overlaps(finding: Finding, lines: Lines, rng: types.Range) -> bool:
    start = lines.to_lsp(finding.line, finding.column)
    end = lines.to_lsp(finding.end_line, finding.end_column)
    return ((start.line, start.character) <= (rng.end.line, rng.end.character)
            and (rng.start.line, rng.start.character) <= (end.line, end.character))


def _edit_at(lines: Lines, line: int, column: int, text: str) -> types.TextEdit:
    at = lines.to_lsp(line, column)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=text)


def disable_line_edit(lines: Lines, line: int, code: str) -> types.TextEdit:
    """The edit that turns rule ``code`` off on 1-based ``line`` (see the module's doc)."""
    index = line - 1
    text = lines.line(index)
    previous = lines.line(index - 1) if index > 0 else ""
    indent = text[: len(text) - len(text.lstrip())]
    above = not previous.strip() or _HEADING.match(text) is not None
    item = _ITEM.match(text)
    if item and not above:
        # Inside the list: indented as the content of the item above, the comment
        # belongs to that item and the list goes on.
        above_item = _ITEM.match(previous)
        if above_item:
            indent = " " * len(above_item.group(0).expandtabs(4))
        elif previous.strip():
            indent = previous[: len(previous) - len(previous.lstrip())]
        above = True
    if _QUOTE.match(text) and _QUOTE.match(previous):
        above = False
    if text.lstrip().startswith("|"):
        above = False
    if above:
        newline = "\r\n" if lines.text[lines.starts[index] - 2:lines.starts[index]] == "\r\n" \
            else "\n"
        return _edit_at(lines, line, 1,
                        f"{indent}<!-- valuelint-disable-next-line {code} -->{newline}")
    if _BREAK_AT_END.search(text):
        stripped = _BREAK_AT_END.sub("", text).rstrip(" \t")  # the line break stays
    else:
        stripped = text.rstrip(" \t")
    if text.lstrip().startswith("|") and stripped.endswith("|") and len(stripped.strip()) > 1:
        stripped = stripped[:-1].rstrip(" \t")  # inside the row's last cell
    column = len(stripped) + 1
    return _edit_at(lines, line, column, f" <!-- valuelint-disable-line {code} -->")


def disable_file_edit(lines: Lines, front_matter_lines: int, code: str) -> types.TextEdit:
    """The edit that turns rule ``code`` off in the whole file."""
    line = front_matter_lines + 1
    if line > len(lines) or (line == len(lines) and not lines.line(line - 1)):
        # Front matter and nothing after it: the comment goes on a line of its own.
        end = lines.to_lsp(len(lines), 10**9)
        prefix = "" if not lines.line(len(lines) - 1) else "\n"
        return types.TextEdit(range=types.Range(start=end, end=end),
                              new_text=f"{prefix}<!-- valuelint-disable-file {code} -->\n")
    return _edit_at(lines, line, 1, f"<!-- valuelint-disable-file {code} -->\n")


def code_actions(check: Check, lines: Lines, rng: types.Range,
                 only: Sequence[str] | None) -> list[types.CodeAction]:
    """The code actions for the findings of ``check`` that ``rng`` touches."""
    result = check.result
    if result is None:
        return []
    uri = check.uri
    actions: list[types.CodeAction] = []
    for finding in result.findings:
        if not _overlaps(finding, lines, rng):
            continue
        diagnostic = finding_diagnostic(finding, lines)
        if finding.fix is not None and wanted(types.CodeActionKind.QuickFix, only):
            edits = [types.TextEdit(range=lines.range(e.line, e.column, e.end_line, e.end_column),
                                    new_text=e.text) for e in finding.fix.edits]
            actions.append(types.CodeAction(
                title=finding.fix.title, kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: edits})))
        if not wanted(types.CodeActionKind.QuickFix, only):
            continue
        if finding.line > check.front_matter_lines:
            actions.append(types.CodeAction(
                title=f"Disable {finding.code} ({finding.name}) on this line",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={
                    uri: [disable_line_edit(lines, finding.line, finding.code)]})))
        actions.append(types.CodeAction(
            title=f"Disable {finding.code} ({finding.name}) in this file",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(changes={
                uri: [disable_file_edit(lines, check.front_matter_lines, finding.code)]})))
    return actions


def _sections(rule: type[Rule]) -> str:
    doc = rule.doc()
    body = doc.splitlines()
    headings = doc_headings(doc)
    parts: list[str] = []
    for number, (start, title) in enumerate(headings):
        if title not in HOVER_SECTIONS:
            continue
        end = headings[number + 1][0] if number + 1 < len(headings) else len(body)
        text = "\n".join(body[start + 1:end]).strip()
        parts.append(f"### {title}\n\n{text}")
    return "\n\n".join(parts)


def hover(check: Check, lines: Lines, position: types.Position) -> types.Hover | None:
    """The rule page of each finding at ``position``, as Markdown."""
    result = check.result
    if result is None:
        return None
    point = types.Range(start=position, end=position)
    here = [f for f in result.findings if _overlaps(f, lines, point)]
    if not here:
        return None
    parts: list[str] = []
    seen: set[str] = set()
    for finding in here:
        if finding.code in seen:
            continue
        seen.add(finding.code)
        rule = check.rules.get(finding.code)
        head = (f"**{finding.code}** `{finding.name}` ({finding.category.value}, "
                f"{finding.severity.value}): {finding.message}")
        page = _sections(rule) if rule is not None else ""
        link = f"\n\n[{finding.code} documentation]({finding.url})" if finding.url else ""
        parts.append(f"{head}\n\n{page}{link}".rstrip())
    first = here[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                     value="\n\n---\n\n".join(parts)),
        range=lines.range(first.line, first.column, first.end_line, first.end_column))


def lens_title(check: Check) -> str | None:
    """``Reader value 72/100 - lowest: promotion 40``; None for a post without a score."""
    result = check.result
    if result is None or result.score is None:
        return None
    title = f"Reader value {result.score}/100"
    if result.breakdown:
        name, value = min(result.breakdown.items(), key=lambda item: (item[1], item[0]))
        title += f" - lowest: {name} {value}"
    return title


def code_lens(check: Check) -> list[types.CodeLens]:
    """The score's code lens on the first line; its command shows the score card."""
    title = lens_title(check)
    if title is None:
        return []
    top = types.Range(start=types.Position(line=0, character=0),
                      end=types.Position(line=0, character=0))
    return [types.CodeLens(range=top, command=types.Command(
        title=title, command=SHOW_SCORE, arguments=[check.uri], tooltip=lens_tooltip(check)))]


def lens_tooltip(check: Check) -> str:
    """Whether the post passes, as ``valuelint check`` would judge it (``failOn``)."""
    result = check.result
    assert result is not None
    fail_on = result.fail_on.value if result.fail_on is not None else "warning"
    fail_under = result.fail_under if result.fail_under is not None else 50.0
    limits = f"fail-on {fail_on}, fail-under {fail_under:g}"
    if not result.failing:
        return f"Passes valuelint check ({limits}); show the score card"
    why = []
    if result.failing_findings:
        count = len(result.failing_findings)
        why.append(f"{count} finding{'s' if count != 1 else ''} at or above fail-on")
    if result.score_fails:
        why.append("the score is below fail-under")
    return f"Fails valuelint check: {' and '.join(why)} ({limits}); show the score card"
