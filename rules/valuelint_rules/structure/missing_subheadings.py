"""STRU003: a long post with no subheadings at all."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.facts import Scope
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.structure._helpers import length_weight, signposts


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
        counts = ctx.facts.block_words
        words = sum(counts[index] for index in ctx.facts.blocks_in(Scope.SECTION_BODY))
        if words < minimum or signposts(doc):
            return
        yield ctx.finding(
            f"post of {words} words has no subheadings: add a few where the topic turns, so "
            "readers can see what it covers and skip to what they need",
            line=doc.title_line, weight=length_weight(words, minimum),
        )
