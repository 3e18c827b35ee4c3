"""Facts about a post that rules of several packs read, defined once.

What a word is, which blocks hold running prose, how many words each block
has, on which line the front matter sets a key: rules read these through
:attr:`valuelint.rule.RuleContext.facts`, computed on first use and kept for
every other rule that checks the same post, instead of each pack counting
words its own way or importing another pack's helpers.

What a word is (:data:`WORD`) and where a key stands
(:meth:`Document.key_line <valuelint.document.Document.key_line>`) are the
document model's own, as :attr:`Document.word_count` and
:attr:`Document.title_line` need them; this module hands them on, so the
model never imports it.
"""

from __future__ import annotations

from valuelint.document import WORD, BlockKind, Document

__all__ = [
    "RUNNING_PROSE",
    "RUNNING_PROSE_AND_FOOTNOTES",
    "SECTION_BODY",
    "WORD",
    "PostFacts",
    "count_words",
]

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
        """Words of prose in the post: :attr:`Document.word_count`."""
        return self.document.word_count

    def key_line(self, key: str) -> int | None:
        """:meth:`Document.key_line` of the post, remembered by key."""
        if key not in self._key_lines:
            self._key_lines[key] = self.document.key_line(key)
        return self._key_lines[key]
