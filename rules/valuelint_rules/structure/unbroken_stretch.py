"""STRU001: a long stretch of prose with no subheading."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.document import BlockKind, Heading, ProseBlock
from valuelint.facts import Scope
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.structure._helpers import length_weight, signposts


def _opening(block: ProseBlock) -> str:
    words = block.text.split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def _first_line_end(block: ProseBlock) -> int:
    end = block.text.find("\n")
    return end if end > 0 else len(block.text)


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
        counts = ctx.facts.block_words
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
            if Scope.SECTION_BODY.holds(block):
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
                weight=length_weight(count, limit),
            )
