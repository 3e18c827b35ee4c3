"""Inline suppression comments, in the style Markdown writers know from markdownlint.

* ``<!-- valuelint-disable CODE ... -->`` turns rules off from that line on
  (every rule when no code is given);
* ``<!-- valuelint-enable CODE ... -->`` turns them back on (``enable`` alone
  ends every ``disable``);
* ``<!-- valuelint-disable-next-line CODE ... -->`` covers the next line;
* ``<!-- valuelint-disable-line CODE ... -->`` covers its own line;
* ``<!-- valuelint-disable-file CODE ... -->`` covers the whole file.

Codes may be full codes, prefixes or rule names, as in ``select``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from valuelint.document import Comment
from valuelint.rule import Finding
from valuelint.selection import specificity

__all__ = ["Directive", "Suppressions", "parse_directives"]

_DIRECTIVE = re.compile(
    r"^valuelint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str
    selectors: tuple[str, ...]
    """Empty means every rule."""
    line: int
    end_line: int


def parse_directives(comments: Iterable[Comment]) -> list[Directive]:
    """The valuelint directives among a document's HTML comments."""
    found: list[Directive] = []
    for comment in comments:
        match = _DIRECTIVE.match(comment.text)
        if match:
            selectors = tuple(s for s in re.split(r"[\s,]+", match.group(2).strip()) if s)
            found.append(Directive(match.group(1), selectors, comment.line, comment.end_line))
    return found


def _covers(selectors: tuple[str, ...], finding: Finding) -> bool:
    """True when ``selectors`` (empty: every rule) name the finding's rule."""
    return not selectors or any(
        specificity(finding.code, finding.name, s) >= 0 for s in selectors
    )


class Suppressions:
    """Decides whether a finding at a line is turned off by a directive.

    ``disable`` and ``enable`` are read in order, rule by rule: the last of
    them that names a finding's rule (or names no rule) before the finding's
    line decides. ``disable PROM001 THIN001`` then ``enable PROM001`` leaves
    THIN001 off; ``disable`` then ``enable hard-sell`` turns only that rule
    back on. A ``disable`` covers its own line; an ``enable`` takes effect on
    the line after it.
    """

    def __init__(self, directives: Iterable[Directive]) -> None:
        ordered = sorted(directives, key=lambda d: (d.line, d.end_line))
        self._toggles = [d for d in ordered if d.kind in ("disable", "enable")]
        self._lines = [d for d in ordered if d.kind in ("disable-line", "disable-next-line")]
        self._file = [d for d in ordered if d.kind == "disable-file"]

    def __bool__(self) -> bool:
        return bool(self._toggles or self._lines or self._file)

    def suppresses(self, finding: Finding) -> bool:
        line = finding.line
        if any(_covers(d.selectors, finding) for d in self._file):
            return True
        for d in self._lines:
            first, last = ((d.line, d.end_line) if d.kind == "disable-line"
                           else (d.end_line + 1, d.end_line + 1))
            if first <= line <= last and _covers(d.selectors, finding):
                return True
        disabled = False
        for d in self._toggles:
            starts = d.line if d.kind == "disable" else d.end_line + 1
            if starts > line:
                break
            if _covers(d.selectors, finding):
                disabled = d.kind == "disable"
        return disabled
