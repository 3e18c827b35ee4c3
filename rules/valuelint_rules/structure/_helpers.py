"""What the structure rules share: the post's subheadings and the signposts a reader scans by."""

from __future__ import annotations

import re

from valuelint.document import BlockKind, Document, Heading, ProseBlock


def _has_front_matter_title(doc: Document) -> bool:
    value = doc.metadata.get("title")
    return isinstance(value, str) and bool(value.strip())


def subheadings(doc: Document) -> list[Heading]:
    """The post's headings in order, without the title heading and headings in quotes."""
    title_seen = _has_front_matter_title(doc)
    found: list[Heading] = []
    for heading in doc.headings:
        if doc.blocks[heading.block].quoted:
            continue
        if not title_seen and heading.level == 1:
            title_seen = True
            continue
        found.append(heading)
    return found


#: An HTML heading or a ``<details>`` summary between two blocks of prose.
_HTML_HEADING = re.compile(r"<(?:h[1-6]|summary)\b", re.IGNORECASE)
#: Longest bold lead-in, in characters, that still reads as a run-in heading.
_RUN_IN_LIMIT = 100


def _run_in_heading(doc: Document, block: ProseBlock) -> bool:
    """True when a paragraph or list item opens with a short bold phrase.

    "**Async traits.** The proposal ..." works as a heading for a reader who
    scans, as does a list of bold-labelled items.
    """
    if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) or not block.runs:
        return False
    start = block.runs[0].source
    marker = doc.source[start - 2 : start]
    if marker not in ("**", "__"):
        return False
    close = doc.source.find(marker, start, start + _RUN_IN_LIMIT)
    return close > start and "\n\n" not in doc.source[start:close]


def _body_start(doc: Document) -> int:
    """Source offset where the post's body begins (after the front matter)."""
    lines = doc.front_matter.end_line
    if not lines:
        return 0
    return doc.line_starts[lines] if lines < len(doc.line_starts) else len(doc.source)


def signposts(doc: Document) -> set[int]:
    """Indices of the blocks a reader finds their way by.

    Subheadings, paragraphs and list items that open with a bold run-in
    heading, and the first block after an HTML heading or ``<summary>``.
    """
    found = {heading.block for heading in subheadings(doc)}
    end = _body_start(doc)
    for index, block in enumerate(doc.blocks):
        if not block.runs or block.quoted:
            continue
        start = block.runs[0].source
        if _HTML_HEADING.search(doc.source, end, start) or _run_in_heading(doc, block):
            found.add(index)
        end = max(end, block.source_offset(len(block.text)))
    return found


def length_weight(words: int, limit: int) -> float:
    return round(min(0.5 + 0.5 * (words / max(limit, 1) - 1), 1.5), 2)
