"""Structure: how a reader finds their way through a post.

Advisory rules (``info``) that read only the document model (headings and
blocks), never the language analysis, so they cost next to nothing. The
post's title is not one of its subheadings: it is the front matter
``title`` (which stands for a level-1 heading) or, without one, the first
level-1 heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from valuelint.document import BlockKind, Document, Heading, ProseBlock
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity

__all__ = ["RULES", "MissingSubheadings", "SkippedHeadingLevel", "UnbrokenStretch",
           "block_words", "signposts", "subheadings"]

_WORD = re.compile(r"[^\W_](?:[\w'\u2019.-]*[^\W_])?")
#: Blocks a reader reads through between two headings.
_BODY = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE)


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


def _opening(block: ProseBlock) -> str:
    words = block.text.split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def block_words(ctx: RuleContext) -> list[int]:
    """Words of each prose block, counted once per document and shared by the rules."""
    key = "valuelint_rules.block_words"
    counts: list[int] | None = ctx.shared.get(key)
    if counts is None:
        findall = _WORD.findall
        counts = [len(findall(block.text)) for block in ctx.document.blocks]
        ctx.shared[key] = counts
    return counts


def _first_line_end(block: ProseBlock) -> int:
    end = block.text.find("\n")
    return end if end > 0 else len(block.text)


def _length_weight(words: int, limit: int) -> float:
    return round(min(0.5 + 0.5 * (words / max(limit, 1) - 1), 1.5), 2)


class UnbrokenStretch(Rule):
    """A long stretch of prose with no subheading.

    ## What it does
    In a post of at least `min-post-words` words, adds up the words of the
    paragraphs, lists and quotes between one signpost and the next (and
    before the first) and reports every stretch of more than `max-words`
    words, at its first paragraph. Signposts are subheadings, HTML headings
    and `<summary>` lines, and paragraphs or list items that open with a
    short bold run-in heading ("**Async traits.** The proposal..."). A long
    post with no signpost at all is STRU003's business.

    ## Why it matters to readers
    Readers scan before they read, and come back to find a passage again.
    Subheadings are the signposts they scan by; a thousand words without one
    is a stretch where a reader who skims gets lost and one who returns
    cannot find their place.

    ## Example
    ```markdown
    Background
    ----------

    (... 900 words of paragraphs covering the history, the design, the
    benchmarks and the migration plan, with no heading in between ...)

    Next steps
    ----------
    ```

    ## Use instead
    Put a subheading wherever the topic turns: "## Design", "## Benchmarks",
    "## Migrating". A subheading that says what the section shows ("Startup
    is twice as fast") helps more than a label ("Results").

    ## Options
    - `max-words` (integer, default 450): stretches with more words are reported.
    - `min-post-words` (integer, default 600): shorter posts are not measured.
    """

    code = "STRU001"
    name = "unbroken-stretch"
    category = Category.STRUCTURE
    severity = Severity.INFO
    options = (
        Option("max-words", 450, "Stretches of prose between headings with more words "
               "than this are reported.", minimum=10, maximum=100_000),
        Option("min-post-words", 600, "Posts with fewer words than this are not measured.",
               minimum=0, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        limit = int(ctx.options["max-words"])
        counts = block_words(ctx)
        if sum(counts) < int(ctx.options["min-post-words"]):
            return
        breaks = signposts(doc)
        if not breaks:
            return
        headings = {heading.block: heading for heading in doc.headings}
        heading: Heading | None = None
        first: ProseBlock | None = None
        words = 0
        stretches: list[tuple[Heading | None, ProseBlock | None, int]] = []
        for index, block in enumerate(doc.blocks):
            if index in breaks:
                stretches.append((heading, first, words))
                heading, first, words = headings.get(index), None, 0
                if block.kind is BlockKind.HEADING:
                    continue
            if block.kind in _BODY:
                words += counts[index]
                if first is None:
                    first = block
        stretches.append((heading, first, words))
        for above, opening, count in stretches:
            if opening is None or count <= limit:
                continue
            where = (f"after the heading \"{above.text}\"" if above is not None
                     else f"from \"{_opening(opening)}\"")
            yield ctx.finding(
                f"{count} words {where} with no subheading (more than {limit}): add "
                "subheadings where the topic turns, so readers can scan and find their place",
                block=opening, start=0, end=_first_line_end(opening),
                weight=_length_weight(count, limit),
            )


class SkippedHeadingLevel(Rule):
    """A heading that skips a level (a level-2 heading followed by a level-4).

    ## What it does
    Follows the post's headings in order and reports a heading more than one
    level deeper than the one before it. The first heading after the title
    may have any level; the title (front matter `title` or the first
    level-1 heading) counts as level 1.

    ## Why it matters to readers
    Heading levels are the outline of the post. A gap in them makes a
    section look like it belongs under a part that does not exist, and
    screen readers, which let readers jump by level, present a broken table
    of contents.

    ## Example
    ```markdown
    Installing
    ----------
    #### On Linux
    ```

    ## Use instead
    Go one level deeper at a time: a level-2 "Installing" then "### On Linux". If
    the smaller look is what you wanted, change the style sheet, not the
    level.

    ## Options
    This rule has no options.
    """

    code = "STRU002"
    name = "skipped-heading-level"
    category = Category.STRUCTURE
    severity = Severity.INFO

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        previous = 0
        for heading in subheadings(doc):
            if previous and heading.level > previous + 1:
                block = doc.blocks[heading.block]
                yield ctx.finding(
                    f"heading \"{heading.text}\" is level {heading.level} right after a "
                    f"level-{previous} heading: use level {previous + 1} so the outline "
                    "has no gap",
                    block=block, start=0, end=len(block.text), weight=0.5,
                )
            previous = heading.level


class MissingSubheadings(Rule):
    """A long post with no subheadings at all.

    ## What it does
    Reports a post with at least `min-words` words of paragraphs, lists and
    quotes and no heading besides its title (nor any other signpost STRU001
    counts: HTML headings, `<summary>` lines, bold run-in headings).

    ## Why it matters to readers
    Without subheadings a long post is one undivided block: readers cannot
    see what it covers before they commit to it, cannot skip to the part
    they need and cannot find their place again.

    ## Example
    ```markdown
    # What we learned moving to the new database

    (... 1,500 words of paragraphs, no subheading anywhere ...)
    ```

    ## Use instead
    Add a subheading for each part of the story: "## Why we moved", "## The
    migration", "## What went wrong", "## What we would do again". A short
    post, or a letter meant to be read straight through, can go without.

    ## Options
    - `min-words` (integer, default 900): shorter posts are not reported.
    """

    code = "STRU003"
    name = "missing-subheadings"
    category = Category.STRUCTURE
    severity = Severity.INFO
    options = (
        Option("min-words", 900, "Posts with fewer words of body prose are not reported.",
               minimum=50, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        minimum = int(ctx.options["min-words"])
        counts = block_words(ctx)
        words = sum(n for n, block in zip(counts, doc.blocks, strict=True) if block.kind in _BODY)
        if words < minimum or signposts(doc):
            return
        yield ctx.finding(
            f"post of {words} words has no subheadings: add a few where the topic turns, so "
            "readers can see what it covers and skip to what they need",
            line=doc.title_line, weight=_length_weight(words, minimum),
        )


RULES = (UnbrokenStretch, SkippedHeadingLevel, MissingSubheadings)
