"""THIN006: a roundup of links or quotes with little of the writer's own commentary."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

from valuelint.document import BlockKind, Document, ProseBlock
from valuelint.facts import count_words
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.thin._helpers import clamp, post_kind


class LinksWithoutCommentary(Rule):
    """A roundup of links or quotes with little of the writer's own commentary.

    ## What it does
    Splits the body's words (not headings) into borrowed words and the
    writer's own words. Borrowed are blockquotes, list items and paragraphs
    that are mostly link text (a bare link, or a link and its author), and
    link text elsewhere (links to a place on the same page, as in a table of
    contents, are navigation and count as neither); the rest is the
    writer's own. A post with at least `min-items` links or quotes (each
    blockquote counts once, however many paragraphs it has) is reported
    when borrowed words make up at least
    `max-borrowed` of the body and the writer adds fewer than
    `min-own-words` words per link or quote. The larger the borrowed share,
    the more the finding weighs. Release notes, whose lists of changes and
    pull requests are reference material, are not judged.

    ## Why it matters to readers
    A list of links is something a reader can get from a feed or a search.
    What makes a roundup worth reading is the curator's judgement: why each
    link matters, what is new in it, who should read it. Without that, the
    post adds a click between the reader and the sources.

    ## Example
    ```markdown
    ## Links this week

    - [Faster builds with caching](https://example.com/a)
    - [A tour of the new parser](https://example.com/b)
    - [Release candidate 2](https://example.com/c)
    - [Notes from the maintainers' meeting](https://example.com/d)
    - [Why the test suite got slower](https://example.com/e)
    ```

    ## Use instead
    Add a sentence or two per link saying what the reader gets from it and
    why you picked it, or cut the list to the few links you can say
    something about.
    """

    code = "THIN006"
    name = "links-without-commentary"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("min-items", 5, "Posts with fewer links and quotes are never reported.",
               minimum=1, maximum=10_000),
        Option("max-borrowed", 0.5, "Share of borrowed words from which a post is a "
               "candidate.", minimum=0.0, maximum=1.0),
        Option("min-own-words", 12.0, "Own words per link or quote below which a candidate "
               "is reported.", minimum=0.0, maximum=10_000.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        if post_kind(doc) == "release":
            return
        in_block = _link_words_by_block(doc)
        counts = ctx.facts.block_words
        lines = doc.source.split("\n")
        body = borrowed = items = 0
        previous: ProseBlock | None = None
        for index, block in enumerate(doc.blocks):
            if block.kind in (BlockKind.HEADING, BlockKind.ALT_TEXT):
                continue
            count = counts[index]
            body += count
            linked = min(in_block.get(index, 0), count)
            if block.quoted:
                borrowed += count
                items += 0 if _same_quote(lines, previous, block) else 1
            elif count and linked / count >= 0.6:
                borrowed += count
                items += 1
            else:
                borrowed += linked
                items += 1 if linked else 0
            previous = block
        if items < int(ctx.options["min-items"]) or body == 0:
            return
        share = borrowed / body
        per_item = (body - borrowed) / items
        if share < float(ctx.options["max-borrowed"]) \
                or per_item >= float(ctx.options["min-own-words"]):
            return
        yield ctx.finding(
            f"{share:.0%} of the post is link text or quotation, with {per_item:.0f} words "
            f"of your own per link or quote ({items} in all); say why each one is worth "
            "the reader's time",
            line=doc.title_line, weight=clamp(0.5 + 2 * (share - 0.4), 0.5, 2.0),
        )


def _same_quote(lines: Sequence[str], previous: ProseBlock | None, block: ProseBlock) -> bool:
    """Whether ``block`` continues the blockquote ``previous`` belongs to."""
    if previous is None or not previous.quoted:
        return False
    between = lines[previous.line:block.line - 1]
    return all(line.lstrip().startswith(">") for line in between)


def _link_words_by_block(doc: Document) -> dict[int, int]:
    """Words of link text in each prose block, by block index."""
    spans: list[tuple[int, int, int]] = []
    for index, block in enumerate(doc.blocks):
        if block.runs:
            last = block.runs[-1]
            spans.append((block.runs[0].source, last.source + last.length, index))
    spans.sort()
    starts = [start for start, _, _ in spans]
    found: dict[int, int] = {}
    for link in doc.links:
        if not link.text or link.text == link.href or link.href.startswith("#") \
                or link.line > len(doc.line_starts):
            continue
        offset = doc.line_starts[link.line - 1] + link.column - 1
        at = bisect.bisect_right(starts, offset) - 1
        # A link's "[" stands just before its text, so allow the block to start after it.
        for candidate in (at, at + 1):
            if 0 <= candidate < len(spans):
                start, end, index = spans[candidate]
                if start - 1 <= offset < end:
                    found[index] = found.get(index, 0) + count_words(link.text)
                    break
    return found
