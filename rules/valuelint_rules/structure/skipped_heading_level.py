"""STRU002: a heading that skips a level."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.rule import Category, Finding, Rule, RuleContext, Severity
from valuelint_rules.structure._helpers import subheadings


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
