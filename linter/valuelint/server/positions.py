"""Positions: a finding's (1-based line, code-point column) as an LSP position.

A :class:`~valuelint.rule.Finding` counts lines from 1 and columns in Unicode
code points from 1, in the post's normalized text (a leading byte-order mark
dropped; ``\\r\\n`` and ``\\r`` read as line breaks). LSP counts both from 0, and
columns in the code units of the negotiated encoding: UTF-16 by default (an
emoji is 2 units, a CJK character 1), UTF-8 (an emoji is 4, a CJK character 3)
or UTF-32 (code points). Lines are split where LSP splits them, at ``\\r\\n``,
``\\r`` and ``\\n`` only.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

__all__ = ["UTF8", "UTF16", "UTF32", "Lines", "units"]

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == UTF16:
        return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
    return len(text)


class Lines:
    """The lines of a document's text as the client holds it."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(match.end() for match in _BREAK.finditer(text))]
        # Findings count line 1 without the byte-order mark the client may keep.
        self.bom = text.startswith("\ufeff")

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, index: int) -> str:
        """The 0-based line ``index`` without its line break ("" past the end)."""
        if not 0 <= index < len(self.starts):
            return ""
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def _shift(self, index: int) -> int:
        return 1 if index == 0 and self.bom else 0

    def to_lsp(self, line: int, column: int) -> types.Position:
        """The LSP position of a finding's (``line``, ``column``), clamped to the text."""
        index = line - 1
        if index >= len(self.starts):
            last = len(self.starts) - 1
            return types.Position(line=last, character=units(self.line(last), self.encoding))
        index = max(index, 0)
        text = self.line(index)
        at = min(max(column - 1, 0) + self._shift(index), len(text))
        return types.Position(line=index, character=units(text[:at], self.encoding))

    def offset(self, line: int, column: int) -> int:
        """The offset in :attr:`text` of a finding's (``line``, ``column``)."""
        index = min(max(line - 1, 0), len(self.starts) - 1)
        text = self.line(index)
        return self.starts[index] + min(max(column - 1, 0) + self._shift(index), len(text))

    def line_of(self, offset: int) -> int:
        """The 0-based line holding ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(start=self.to_lsp(line, column), end=self.to_lsp(end_line, end_column))
