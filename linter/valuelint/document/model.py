"""The document model: what a post holds, as the rules read it.

A :class:`Document` holds the post's source, its front matter and what the
walk over markdown-it's tokens (:mod:`valuelint.document.builder`) found: the
*prose* as :class:`ProseBlock` records whose every character maps back to an
offset in the source, and what is not prose but counts (links, images, code
blocks, headings, HTML comments) as plain records.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from valuelint.frontmatter import FrontMatter

__all__ = [
    "WORD",
    "BlockKind",
    "CodeBlock",
    "Comment",
    "Document",
    "Heading",
    "Image",
    "Link",
    "ProseBlock",
    "Run",
]

#: A word of prose: letters or digits, with apostrophes, dots and hyphens inside
#: ("don't", "v1.2", "well-known"), never at either end. What :attr:`Document.word_count`
#: counts, and every rule and site check with it (:mod:`valuelint.facts` hands it on).
WORD = re.compile("[^\\W_](?:[\\w'\u2019.-]*[^\\W_])?")


class BlockKind(StrEnum):
    """Where a piece of prose stands in the post."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    TABLE_CELL = "table-cell"
    FOOTNOTE = "footnote"
    ALT_TEXT = "alt-text"


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of prose text that stands unchanged at one place in the source."""

    start: int
    """Offset of the stretch in the block's text."""
    source: int
    """Offset of its first character in the document's source."""
    length: int
    """Number of characters in the stretch."""


@dataclass(slots=True)
class ProseBlock:
    """One block of prose, with the map from its characters to the source."""

    kind: BlockKind
    """What the block is: heading, paragraph, list item, quote, ..."""
    text: str
    """The prose as a reader sees it: markup, code and URLs removed."""
    runs: tuple[Run, ...]
    """Source map of ``text``; every character of ``text`` lies in one run."""
    line: int
    """1-based line where the block starts."""
    level: int = 0
    """Heading level 1-6 for headings, 0 otherwise."""
    quoted: bool = False
    """True inside a ``>`` blockquote: someone else's words, or a callout."""
    section: int = 0
    """Index in :attr:`Document.headings` of the heading above, or -1 if none."""
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [run.start for run in self.runs]

    def source_offset(self, index: int) -> int:
        """Offset in the source of the character at ``index`` in :attr:`text`.

        ``index == len(text)`` gives the offset just after the last character.
        """
        if not self.runs:
            return 0
        if index >= len(self.text):
            last = self.runs[-1]
            return last.source + last.length
        at = bisect.bisect_right(self._starts, index) - 1
        run = self.runs[max(at, 0)]
        return run.source + min(index - run.start, max(run.length - 1, 0))


@dataclass(frozen=True, slots=True)
class Link:
    """A link: its text, destination and where it stands."""

    href: str
    text: str
    title: str
    line: int
    column: int
    external: bool
    """True when it leads to another site (an absolute http(s) URL)."""
    rel: str = ""
    """The ``rel`` attribute of an HTML ``<a>`` link, empty for Markdown links."""


@dataclass(frozen=True, slots=True)
class Image:
    """An image: its alt text and source."""

    src: str
    alt: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced or indented code block."""

    info: str
    """The fence's info string (language), empty for indented code."""
    line: int
    lines: int
    """Number of lines of code it holds."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading, with the index of its prose block."""

    level: int
    text: str
    line: int
    block: int
    """Index of the heading's :class:`ProseBlock` in :attr:`Document.blocks`."""


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment (where inline ``valuelint-disable`` directives live)."""

    text: str
    """The comment's content between ``<!--`` and ``-->``, stripped."""
    line: int
    end_line: int


@dataclass(slots=True)
class Document:
    """A parsed post: metadata, prose with positions, and what rules count."""

    path: str
    source: str
    """The file's text with ``\\n`` line endings (positions refer to it)."""
    front_matter: FrontMatter
    blocks: list[ProseBlock] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    inline_code: int = 0
    """Number of inline code spans."""
    line_starts: list[int] = field(default_factory=list)
    _word_count: int = field(default=-1, init=False, repr=False, compare=False)

    @property
    def metadata(self) -> dict[str, Any]:
        """Front matter keys and values (empty when there is no front matter)."""
        return self.front_matter.metadata

    def _metadata_title(self) -> str:
        """Front matter ``title`` as text; empty when missing or not a plain value."""
        value = self.metadata.get("title")
        if isinstance(value, bool) or not isinstance(value, str | int | float | date):
            return ""
        return " ".join(str(value).split())

    @property
    def title(self) -> str:
        """The post's title: front matter ``title``, or else the first H1."""
        value = self._metadata_title()
        if value:
            return value
        for heading in self.headings:
            if heading.level == 1:
                return heading.text
        return ""

    @property
    def title_line(self) -> int:
        """Line of the title: the H1's line, or the front matter ``title`` key's line."""
        if self._metadata_title():
            return self.key_line("title") or 1
        for heading in self.headings:
            if heading.level == 1:
                return heading.line
        return 1

    def key_line(self, key: str) -> int | None:
        """Line of the first front matter line that sets ``key``; None when none does.

        A line sets a key when it reads ``key:`` (YAML) or ``key =`` (TOML), the key
        bare or in double quotes, at any indentation (so a nested table's key counts
        too). The search runs from the top of the file to the end of the front
        matter's closing line. As the pattern's leading blanks may span a line
        break, a key right under a blank line is placed on that blank line.
        """
        stop = self.front_matter.end_line
        if not stop:
            return None
        end = self.line_starts[stop] if stop < len(self.line_starts) else len(self.source)
        match = _key_pattern(key).search(self.source, 0, end)
        return self.position(match.start())[0] if match else None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_length(self, line: int) -> int:
        """Number of characters on a 1-based line (0 past the end)."""
        if not 1 <= line <= len(self.line_starts):
            return 0
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.source)
        return end - start

    def span(self, block: ProseBlock, start: int, end: int) -> tuple[int, int, int, int]:
        """Source (line, column, end_line, end_column) of ``block.text[start:end]``.

        The end column is exclusive, as in SARIF and most editors. Blanks at the end of
        the stretch (the line break after a sentence) are left out, so that the end
        never lies past the end of a line.
        """
        while end - 1 > start and block.text[end - 1].isspace():
            end -= 1
        line, column = self.position(block.source_offset(start))
        last = block.source_offset(max(end - 1, start))
        end_line, end_column = self.position(last)
        return line, column, end_line, end_column + 1

    def iter_prose(self, *, quoted: bool = True) -> Iterator[ProseBlock]:
        """Prose blocks in source order; ``quoted=False`` leaves out blockquotes."""
        for block in self.blocks:
            if quoted or not block.quoted:
                yield block

    @property
    def word_count(self) -> int:
        """Words of prose (headings, paragraphs, lists, quotes, cells; not code).

        Counted once, when first asked: the blocks do not change once the post is parsed.
        """
        if self._word_count < 0:
            findall = WORD.findall
            self._word_count = sum(len(findall(block.text)) for block in self.blocks)
        return self._word_count


@cache
def _key_pattern(key: str) -> re.Pattern[str]:
    """A line that sets front matter ``key`` (see :meth:`Document.key_line`)."""
    return re.compile(rf'^\s*"?{re.escape(key)}"?\s*[:=]', re.MULTILINE)
