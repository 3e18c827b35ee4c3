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

from enum import Enum

from valuelint.document import WORD, BlockKind, Document, ProseBlock

__all__ = [
    "WORD",
    "PostFacts",
    "Scope",
    "count_words",
]

class Scope(Enum):
    """What a rule reads, by name, as a Vale rule's ``scope:`` says: which prose blocks count.

    A scope is a set of block kinds and whether blocks inside blockquotes count;
    :meth:`holds` tells whether a block is in it, :meth:`PostFacts.blocks_in`
    lists a post's blocks in it.
    """

    RUNNING_PROSE = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM), False
    """Paragraphs and list items: the running text a reader follows sentence by
    sentence (headings, table cells and alt text are labels; quotes are someone
    else's; footnotes are asides)."""
    RUNNING_PROSE_AND_FOOTNOTES = (
        (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE), False)
    """Running prose and footnotes outside blockquotes: everything the writer says in
    sentences of their own."""
    SECTION_BODY = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE), True
    """Paragraphs, list items and blockquotes: what a reader reads through between two
    headings, whoever wrote it."""

    def __init__(self, kinds: tuple[BlockKind, ...], with_quotes: bool) -> None:
        self.kinds = frozenset(kinds)
        self.with_quotes = with_quotes
        """Whether blocks inside blockquotes count."""

    def holds(self, block: ProseBlock) -> bool:
        """Whether ``block`` is in this scope."""
        return block.kind in self.kinds and (self.with_quotes or not block.quoted)


def count_words(text: str) -> int:
    """Number of :data:`WORD` s in ``text``."""
    return len(WORD.findall(text))


class PostFacts:
    """Facts about one post, each computed on first use and then kept."""

    __slots__ = ("_block_words", "_key_lines", "_scopes", "document")

    def __init__(self, document: Document) -> None:
        self.document = document
        self._block_words: tuple[int, ...] | None = None
        self._key_lines: dict[str, int | None] = {}
        self._scopes: dict[Scope, tuple[int, ...]] = {}

    def blocks_in(self, scope: Scope) -> tuple[int, ...]:
        """Indices of the post's blocks in ``scope``, in source order (found once per scope)."""
        found = self._scopes.get(scope)
        if found is None:
            holds = scope.holds
            found = self._scopes[scope] = tuple(
                index for index, block in enumerate(self.document.blocks) if holds(block))
        return found

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
