"""Where the text markdown-it hands over stands in the source.

markdown-it gives each block's *content*: its lines with the markers of lists
and quotes taken off, and, in a table cell, the backslash of ``\\|`` dropped.
A :class:`Locator` finds each line of a content in its source line and gives a
:class:`SourceMap` from offsets in the content to offsets in the source;
:meth:`SourceMap.pieces` cuts a stretch of content where the map jumps, into
:class:`Piece` records that each stand unchanged at one place in the source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

__all__ = ["Locator", "Piece", "SourceMap", "line_starts"]


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line of ``text``."""
    starts = [0]
    find = text.find
    at = find("\n")
    while at != -1:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


@dataclass(slots=True)
class Piece:
    """A stretch of text and the offset in the source of its first character."""

    text: str
    source: int


class SourceMap:
    """Maps offsets in a token's content to offsets in the source.

    The map is a list of (content offset, source offset) pairs, one at the
    start of each content line and one wherever the content drops a character
    of the source (the backslash of ``\\|`` in a table cell); in between,
    content and source advance together.
    """

    __slots__ = ("_sources", "_starts")

    def __init__(self, starts: list[int], sources: list[int]) -> None:
        self._starts = starts
        """Content offsets where the map jumps, from 0 up."""
        self._sources = sources
        """The source offset of each of them."""

    def __call__(self, pos: int) -> int:
        at = max(bisect.bisect_right(self._starts, pos) - 1, 0)
        return self._sources[at] + pos - self._starts[at]

    def pieces(self, text: str, pos: int) -> list[Piece]:
        """``text`` found at ``pos`` in the content, cut where the map jumps."""
        starts = self._starts
        nxt = bisect.bisect_right(starts, pos)
        end = pos + len(text)
        if nxt == len(starts) or starts[nxt] >= end:
            # Mostly the text lies in one stretch of the map.
            at = max(nxt - 1, 0)
            return [Piece(text, self._sources[at] + pos - starts[at])]
        found = []
        while nxt < len(starts) and starts[nxt] < end:
            cut = starts[nxt] - pos
            if cut > 0:
                found.append(Piece(text[:cut], self(pos)))
                text, pos = text[cut:], pos + cut
            nxt += 1
        found.append(Piece(text, self(pos)))
        return found

    def rebased(self, start: int, length: int) -> SourceMap:
        """The map of ``content[start:start + length]``."""
        first = bisect.bisect_right(self._starts, start)
        last = bisect.bisect_left(self._starts, start + length, first)
        starts = [0, *(self._starts[i] - start for i in range(first, last))]
        sources = [self(start), *(self._sources[i] for i in range(first, last))]
        return SourceMap(starts, sources)



class Locator:
    """Finds block content in the source, line by line.

    Several contents can share a line (the cells of a table row), so the
    locator remembers, for each line, where the last content found on it ended,
    and looks for the next one after that.
    """

    __slots__ = ("line_cursor", "lines", "starts")

    def __init__(self, parsed: str, starts: list[int]) -> None:
        self.lines = parsed.split("\n")
        """The lines of the text markdown-it parsed (offsets as in the source)."""
        self.starts = starts
        """Offset in the source of each line's first character."""
        self.line_cursor: dict[int, int] = {}

    def source_map(self, content: str, first_line: int, *, cell: bool = False) -> SourceMap:
        """The map of a block's ``content`` whose first line is ``first_line`` (0-based)."""
        last = len(self.lines) - 1
        offsets: list[int] = []
        sources: list[int] = []
        at = 0
        for i, piece in enumerate(content.split("\n")):
            line = min(first_line + i, last)
            line_start = self.starts[line]
            located = self._locate_cell(piece, line) if cell else self._locate(piece, line)
            for offset, column in located:
                offsets.append(at + offset)
                sources.append(line_start + column)
            at += len(piece) + 1
        return SourceMap(offsets, sources)

    def _locate(self, piece: str, line: int) -> list[tuple[int, int]]:
        """(offset in piece, column) pairs placing a line of block content in its line.

        Block content is the end of its source line, less the markers of
        lists and quotes before it (and trailing blanks on the last line), so
        the tail of the line is tried before a search from the left.
        """
        source_line = self.lines[line]
        cursor = self.line_cursor.get(line, 0)
        col = -1
        if piece:
            if source_line.endswith(piece):
                col = len(source_line) - len(piece)
            else:
                trimmed = source_line.rstrip()
                if trimmed.endswith(piece):
                    col = len(trimmed) - len(piece)
            if col < cursor:
                col = source_line.find(piece, cursor)
        if col >= 0:
            self.line_cursor[line] = col + len(piece)
            return [(0, col)]
        # A tab in the indentation can come out as spaces in the content: map
        # those to the line's start and the text after them to where it stands.
        stripped = piece.lstrip()
        col = source_line.find(stripped, cursor) if stripped else -1
        if col < 0:
            return [(0, min(cursor + len(source_line) - len(source_line.lstrip()),
                            len(source_line)))]
        self.line_cursor[line] = col + len(stripped)
        return [(0, min(col, cursor)), (len(piece) - len(stripped), col)]

    def _locate_cell(self, piece: str, line: int) -> list[tuple[int, int]]:
        """(offset in piece, column) pairs for a table cell's content.

        In a cell every ``|`` was written ``\\|``: the table splits the row on
        the other pipes and drops the backslash of these.
        """
        source_line = self.lines[line]
        cursor = self.line_cursor.get(line, 0)
        written = piece.replace("|", "\\|")
        col = source_line.find(written, cursor) if piece else -1
        if col < 0:
            return self._locate(piece, line)
        self.line_cursor[line] = col + len(written)
        entries = [(0, col)]
        pipe = piece.find("|")
        dropped = 0
        while pipe >= 0:
            dropped += 1
            entries.append((pipe, col + pipe + dropped))
            pipe = piece.find("|", pipe + 1)
        return entries

