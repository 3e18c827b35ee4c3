"""Applying every fix to a document's text, and a change as one small text edit.

Fixes are applied by :func:`valuelint.fixes.apply_fixes`, the applier of
``valuelint check --fix``: edits are in a finding's positions, the text is the
document as the client holds it (a byte-order mark and ``\\r\\n`` line breaks are
kept), and a fix whose edits overlap a fix applied before it is left for the
next pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lsprotocol import types

from valuelint.fixes import MAX_PASSES, FixResult, apply_fixes
from valuelint.rule import Finding
from valuelint.server.positions import Lines, units

__all__ = ["fix_all", "minimal_edit"]


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
