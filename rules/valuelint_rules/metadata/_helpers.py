"""What the metadata rules share: where a post's description is, and the line of a key."""

from __future__ import annotations

from typing import Any

from valuelint.document import BlockKind, Document
from valuelint.rule import RuleContext

#: Front matter keys that hold a post's description, in order of preference.
DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle")
_NESTED = ("extra", "params")
#: HTML comments that end a post's excerpt: Jekyll, Hugo, Zola and MkDocs use
#: ``<!-- more -->``, Docusaurus ``<!-- truncate -->``.
_EXCERPT_MARKERS = frozenset({"more", "truncate"})
#: Fewest words of a first paragraph that can stand in for a description.
EXCERPT_WORDS = 12


def _tables(doc: Document) -> list[dict[str, Any]]:
    tables = [doc.metadata]
    for key in _NESTED:
        value = doc.metadata.get(key)
        if isinstance(value, dict):
            tables.append(value)
    return tables


def description(doc: Document) -> tuple[str, str] | None:
    """(key, text) of the post's description; text is ``""`` when only empty ones exist.

    None when the front matter names no description at all.
    """
    empty: tuple[str, str] | None = None
    for table in _tables(doc):
        for key in DESCRIPTION_KEYS:
            if key not in table:
                continue
            value = table[key]
            if isinstance(value, str) and value.strip():
                return key, value.strip()
            if empty is None:
                empty = (key, "")
    return empty


def excerpt_words(doc: Document) -> int:
    """Words of the excerpt a generator would show for the post without a description.

    The excerpt is the prose before an excerpt marker (``<!-- more -->``,
    ``<!-- truncate -->``) when there is one, else the post's first paragraph
    (headings and image text before it aside). 0 when the post opens with
    something else: a list, a table, a quote, code.
    """
    marker = next((c.line for c in doc.comments
                   if c.text.strip().lower() in _EXCERPT_MARKERS), None)
    if marker is not None:
        return sum(len(b.text.split()) for b in doc.blocks
                   if b.line < marker and b.kind is not BlockKind.ALT_TEXT)
    for block in doc.blocks:
        if block.kind in (BlockKind.HEADING, BlockKind.ALT_TEXT):
            continue
        return len(block.text.split()) if block.kind is BlockKind.PARAGRAPH else 0
    return 0


def key_line(ctx: RuleContext, key: str) -> int:
    """Line of the first front matter line that sets ``key`` (the title line if none)."""
    line = ctx.facts.key_line(key)
    return ctx.document.title_line if line is None else line
