"""Applying fixes to a document's text, and a change as one small text edit.

:func:`apply_fixes` has the signature and behaviour of
``valuelint.fixes.apply_fixes`` (the applier ``valuelint check --fix`` uses):
edits are in a finding's positions, the text is the document as the client holds
it (a byte-order mark and ``\\r\\n`` line breaks are kept), and a fix whose edits
overlap a fix applied before it is left for the next pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lsprotocol import types

from valuelint.rule import Finding
from valuelint.server.positions import Lines, units

__all__ = ["FixResult", "apply_fixes", "fix_all", "minimal_edit"]

MAX_PASSES = 10


@dataclass(frozen=True, slots=True)
class FixResult:
    text: str
    applied: tuple[Finding, ...] = ()


def apply_fixes(text: str, findings: Iterable[Finding]) -> FixResult:
    """``text`` with the fixes of ``findings`` applied, in file order, overlaps skipped."""
    lines = Lines(text)
    taken: list[tuple[int, int]] = []
    spans: list[tuple[int, int, str]] = []
    applied: list[Finding] = []
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.fix is None or not finding.fix.edits:
            continue
        edits = [(lines.offset(e.line, e.column), lines.offset(e.end_line, e.end_column), e.text)
                 for e in finding.fix.edits]
        if any(start > end for start, end, _ in edits) or any(
                (start < t_end and t_start < end) or (start == end and t_start < start < t_end)
                for start, end, _ in edits for t_start, t_end in taken):
            continue
        taken.extend((start, end) for start, end, _ in edits)
        spans.extend(edits)
        applied.append(finding)
    for start, end, new in sorted(spans, key=lambda span: (span[0], span[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return FixResult(text, tuple(applied))


def fix_all(text: str, findings_of: Callable[[str], Iterable[Finding]]) -> FixResult:
    """Check and fix until no fix applies (at most :data:`MAX_PASSES` passes), as
    ``valuelint check --fix`` does; ``findings_of`` checks a text."""
    applied: list[Finding] = []
    for _ in range(MAX_PASSES):
        result = apply_fixes(text, findings_of(text))
        if not result.applied or result.text == text:
            break
        text = result.text
        applied.extend(result.applied)
    return FixResult(text, tuple(applied))


def minimal_edit(before: str, after: str, lines: Lines) -> types.TextEdit | None:
    """One edit turning ``before`` (whose lines are ``lines``) into ``after``: the
    stretch between their common start and common end. None when they are equal."""
    if before == after:
        return None
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return types.TextEdit(range=types.Range(start=_position(lines, start),
                                            end=_position(lines, len(before) - end)),
                          new_text=after[start:len(after) - end])


def _position(lines: Lines, offset: int) -> types.Position:
    index = lines.line_of(offset)
    text = lines.text[lines.starts[index]:offset]
    return types.Position(line=index, character=units(text, lines.encoding))
