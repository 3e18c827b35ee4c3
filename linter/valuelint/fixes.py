"""Applying the fixes rules offer: :func:`apply_fixes` to a post's text once, and
:func:`fix_text` until nothing more changes.

A :class:`~valuelint.rule.Fix` holds edits in a finding's positions: 1-based
lines, columns in code points, in the post's text with its line endings made
``\\n`` and a leading byte-order mark dropped (as the document model reads it).
The text a fix is applied to is the file's text as read: its byte-order mark
and its ``\\r\\n`` or ``\\r`` line endings stay as they were, and a line break
inside an edit's text is written as the file writes its line breaks.

Fixes are applied in file order; a fix whose edits overlap those of a fix
already applied is left for the next pass, as ruff does: the text is checked
again and the fixes still offered are applied, at most :data:`MAX_PASSES`
times.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from valuelint.rule import Finding, Fix

if TYPE_CHECKING:
    from valuelint.api import Linter
    from valuelint.result import PostResult

__all__ = ["MAX_PASSES", "FixResult", "apply_fixes", "fix_text"]

#: Rounds of checking and fixing :func:`fix_text` makes at most.
MAX_PASSES = 10

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class FixResult:
    """A text with fixes applied, and the findings whose fixes were."""

    text: str
    """The fixed text (the text given when no fix applied)."""
    applied: tuple[Finding, ...] = ()
    """The findings whose fixes were applied, in the order they were."""
    result: PostResult | None = None
    """From :func:`fix_text`: the post's result for :attr:`text`, what is left to report."""

    @property
    def changed(self) -> bool:
        return bool(self.applied)


class _Lines:
    """Offsets in a file's text of the positions of a :class:`Finding`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.starts = [self.bom] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]

    def offset(self, line: int, column: int) -> int | None:
        """Offset of (``line``, ``column``); None when the position is not in the text.

        Column ``length + 1`` is the end of the line; a position there on a line
        that is not the last is taken as the end of the line, before its break.
        """
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        at = self.starts[line - 1] + column - 1
        return at if at <= self.ends[line - 1] else None

    def newline(self) -> str:
        """The line break the text uses most (``\\n`` when it has none)."""
        breaks = [m.group(0) for m in _LINE_BREAK.finditer(self.text)]
        return max(("\n", "\r\n", "\r"), key=breaks.count) if breaks else "\n"


def _spans(fix: Fix, lines: _Lines) -> list[tuple[int, int, str]] | None:
    """The fix's edits as (start, end, text) offsets; None when one is out of the text,
    runs backwards or overlaps the one before."""
    spans: list[tuple[int, int, str]] = []
    for edit in fix.edits:
        start = lines.offset(edit.line, edit.column)
        end = lines.offset(edit.end_line, edit.end_column)
        if start is None or end is None or end < start:
            return None
        if spans and start < spans[-1][1]:
            return None
        spans.append((start, end, edit.text))
    return spans or None


def _overlaps(span: tuple[int, int, str], taken: Sequence[tuple[int, int, str]]) -> bool:
    start, end, _ = span
    for other_start, other_end, _ in taken:
        if start < other_end and other_start < end:
            return True
        if start == end == other_start == other_end:
            return True  # two insertions at one place: their order is not known
        if start == end and other_start < start < other_end:
            return True
        if other_start == other_end and start < other_start < end:
            return True
    return False


def apply_fixes(text: str, findings: Iterable[Finding]) -> FixResult:
    """``text`` with the fixes of ``findings`` applied, in file order.

    ``text`` is the file's text as read, byte-order mark and line endings
    included; both are kept. A fix whose edits overlap a fix applied before it
    is skipped (the next pass of :func:`fix_text` takes it), except a fix
    identical to one applied, whose finding counts as fixed too. A fix whose
    edits fall outside the text is skipped.
    """
    lines = _Lines(text)
    chosen: list[tuple[Finding, list[tuple[int, int, str]]]] = []
    for finding in findings:
        if finding.fix is None:
            continue
        spans = _spans(finding.fix, lines)
        if spans is not None:
            chosen.append((finding, spans))
    chosen.sort(key=lambda item: (item[1][0][0], item[1][0][1], item[0].sort_key()))
    newline = lines.newline()
    taken: list[tuple[int, int, str]] = []
    applied_edits: set[tuple[tuple[int, int, str], ...]] = set()
    applied: list[Finding] = []
    for finding, spans in chosen:
        key = tuple(spans)
        if key in applied_edits:
            applied.append(finding)
            continue
        if any(_overlaps(span, taken) for span in spans):
            continue
        taken.extend(spans)
        applied_edits.add(key)
        applied.append(finding)
    if not taken:
        return FixResult(text)
    pieces: list[str] = []
    at = 0
    for start, end, new in sorted(taken, key=lambda span: (span[0], span[1])):
        pieces.append(text[at:start])
        pieces.append(new.replace("\n", newline) if newline != "\n" else new)
        at = end
    pieces.append(text[at:])
    return FixResult("".join(pieces), tuple(applied))


def fix_text(linter: Linter, text: str, path: str | os.PathLike[str] = "post.md", *,
             first: PostResult | None = None) -> FixResult:
    """Check ``text`` as the post at ``path`` and apply the fixes offered, again and again
    until no fix is left or the text stops changing (at most :data:`MAX_PASSES`
    rounds).

    ``first`` is the post's result for ``text`` when it is already known (it saves
    a check). The :class:`FixResult` holds the fixed text, every finding fixed on
    the way, and the result of checking the fixed text: what is left to report.
    """
    result = first if first is not None else linter.lint_text(text, path)
    applied: list[Finding] = []
    for _ in range(MAX_PASSES):
        done = apply_fixes(text, result.findings)
        if not done.applied or done.text == text:
            break
        applied.extend(done.applied)
        text = done.text
        result = linter.lint_text(text, path)
    return FixResult(text, tuple(applied), result)
