"""Facts about a post that rules of several packs read, defined once.

What a word is, which blocks hold running prose, how many words each block
has, on which line the front matter sets a key: rules read these through
:attr:`valuelint.rule.RuleContext.facts`, computed on first use and kept for
every other rule that checks the same post, instead of each pack counting
words its own way or importing another pack's helpers.
"""

from __future__ import annotations

import re
from functools import cache

from valuelint.document import BlockKind, Document

__all__ = [
    "RUNNING_PROSE",
    "RUNNING_PROSE_AND_FOOTNOTES",
    "SECTION_BODY",
    "WORD",
    "PostFacts",
    "count_words",
    "front_matter_key_line",
]

#: A word of prose: letters or digits, with apostrophes, dots and hyphens inside
#: ("don't", "v1.2", "well-known"), never at either end.
WORD = re.compile("[^\\W_](?:[\\w'\u2019.-]*[^\\W_])?")

#: Paragraphs and list items: the running text a reader follows sentence by
#: sentence (headings, table cells and alt text are labels; quotes are someone
#: else's; footnotes are asides).
RUNNING_PROSE = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
#: Running prose and footnotes: everything the writer says in sentences of
#: their own (outside blockquotes).
RUNNING_PROSE_AND_FOOTNOTES = RUNNING_PROSE | {BlockKind.FOOTNOTE}
#: Paragraphs, list items and blockquotes: what a reader reads through between
#: two headings, whoever wrote it.
SECTION_BODY = RUNNING_PROSE | {BlockKind.QUOTE}


def count_words(text: str) -> int:
    """Number of :data:`WORD` s in ``text``."""
    return len(WORD.findall(text))


@cache
def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(rf'^\s*"?{re.escape(key)}"?\s*[:=]', re.MULTILINE)


def front_matter_key_line(doc: Document, key: str) -> int | None:
    """Line of the first front matter line that sets ``key``; None when none does.

    A line sets a key when it reads ``key:`` (YAML) or ``key =`` (TOML), the key
    bare or in double quotes, at any indentation (so a nested table's key counts
    too). The search runs from the top of the file to the end of the front
    matter's closing line. As the pattern's leading blanks may span a line
    break, a key right under a blank line is placed on that blank line.
    """
    stop = doc.front_matter.end_line
    if not stop:
        return None
    end = doc.line_starts[stop] if stop < len(doc.line_starts) else len(doc.source)
    match = _key_pattern(key).search(doc.source, 0, end)
    return doc.position(match.start())[0] if match else None


class PostFacts:
    """Facts about one post, each computed on first use and then kept."""

    __slots__ = ("_block_words", "_key_lines", "document")

    def __init__(self, document: Document) -> None:
        self.document = document
        self._block_words: tuple[int, ...] | None = None
        self._key_lines: dict[str, int | None] = {}

    @property
    def block_words(self) -> tuple[int, ...]:
        """Words of each prose block, by block index (see :data:`WORD`)."""
        counts = self._block_words
        if counts is None:
            findall = WORD.findall
            counts = self._block_words = tuple(
                len(findall(block.text)) for block in self.document.blocks)
        return counts

    @property
    def word_count(self) -> int:
        """Words of prose in the post: :attr:`Document.word_count`, counted once."""
        return sum(self.block_words)

    def key_line(self, key: str) -> int | None:
        """:func:`front_matter_key_line` of the post, remembered by key."""
        if key not in self._key_lines:
            self._key_lines[key] = front_matter_key_line(self.document, key)
        return self._key_lines[key]
