"""READ002: a paragraph so long that readers skip it."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.document import BlockKind
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.readability._helpers import is_enumeration, opening


class WallOfText(Rule):
    """A paragraph so long that readers skip it.

    ## What it does
    Reports every paragraph of the writer's own prose (not blockquotes, list
    items or tables) with more than `max-words` words. A paragraph that is a
    run of names or items (a comma every few words, as in a list of
    contributors) is not prose to read through and is left alone.

    ## Why it matters to readers
    On a screen, a long unbroken block of text looks like work. Readers
    skim its first line and jump past it, and whatever it holds (often the
    explanation the post exists for) goes unread.

    ## Example
    ```markdown
    We moved the build to the new runners in March. (... another 250 words
    about the migration, the cache, the flaky tests and the plans for next
    quarter, all in one paragraph ...)
    ```

    ## Use instead
    Give each step of the argument its own paragraph, and open each with the
    sentence that says what it is about. A sequence of steps or options often
    reads better as a list.
    """

    code = "READ002"
    name = "wall-of-text"
    category = Category.READABILITY
    severity = Severity.INFO
    options = (
        Option("max-words", 200, "Paragraphs with more words than this are reported.",
               minimum=20, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        limit = int(ctx.options["max-words"])
        counts = ctx.facts.block_words
        for block, words in zip(ctx.document.blocks, counts, strict=True):
            if block.kind is not BlockKind.PARAGRAPH or block.quoted:
                continue
            if words <= limit or is_enumeration(block.text, words):
                continue
            first_line = block.text.find("\n")
            yield ctx.finding(
                f"paragraph of {words} words (more than {limit}) starting "
                f"\"{opening(block, 0, len(block.text))}\": break it into shorter "
                "paragraphs, one point each",
                block=block, start=0, end=first_line if first_line > 0 else len(block.text),
                weight=round(min(0.5 + 0.5 * (words / limit - 1), 1.5), 2),
            )
