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
_FAR = 1 << 60


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


@dataclass(frozen=True, slots=True)
class _Range:
    first: int
    last: int
    selectors: tuple[str, ...]


class Suppressions:
    """Decides whether a finding at a line is turned off by a directive."""

    def __init__(self, directives: Iterable[Directive]) -> None:
        ranges: list[_Range] = []
        open_: list[tuple[int, tuple[str, ...]]] = []
        for directive in sorted(directives, key=lambda d: d.line):
            if directive.kind == "disable":
                open_.append((directive.line, directive.selectors))
            elif directive.kind == "enable":
                still_open = []
                for start, selectors in open_:
                    if not directive.selectors or set(selectors) & set(directive.selectors):
                        ranges.append(_Range(start, directive.line, selectors))
                    else:
                        still_open.append((start, selectors))
                open_ = still_open
            elif directive.kind == "disable-next-line":
                ranges.append(_Range(directive.end_line + 1, directive.end_line + 1,
                                     directive.selectors))
            elif directive.kind == "disable-line":
                ranges.append(_Range(directive.line, directive.end_line, directive.selectors))
            else:
                ranges.append(_Range(0, _FAR, directive.selectors))
        ranges.extend(_Range(start, _FAR, selectors) for start, selectors in open_)
        self._ranges = ranges

    def __bool__(self) -> bool:
        return bool(self._ranges)

    def suppresses(self, finding: Finding) -> bool:
        for item in self._ranges:
            if item.first <= finding.line <= item.last and (
                not item.selectors
                or any(specificity(finding.code, finding.name, s) > 0 for s in item.selectors)
            ):
                return True
        return False
