"""EVID003: a statistic in a paragraph that gives no source for it."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.evidence._helpers import unsourced_statistics


class UnsourcedStatistic(Rule):
    """A statistic in a paragraph that gives no source for it.

    ## What it does
    Finds statistics in the prose: percentages ("73% of developers"),
    ratios ("3x faster", "ten times more likely") and rates ("1 in 5
    teams"). It reports one when its paragraph has no link, footnote,
    citation or named source, and does not say the number is the writer's
    own measurement ("we measured", "our benchmarks", "respondents").
    Numbers inside quotes, code and blockquotes are not read.

    ## Why it matters to readers
    A precise number looks authoritative, which is why an unsourced one
    misleads: the reader cannot tell a survey of thousands from a guess, or
    see what "faster" was measured on.

    ## Example
    ```markdown
    73% of developers say they ship faster with our framework.
    ```

    ## Use instead
    Say where the number comes from and link it: "In the [2023 survey](/survey)
    of 1,200 users, 73% said ...", or "In our benchmark (8 cores, 10k
    requests) the new parser was 3x faster."
    """

    code = "EVID003"
    languages = ENGLISH
    name = "unsourced-statistic"
    category = Category.EVIDENCE
    severity = Severity.INFO
    options = (
        Option("max-per-post", 5, "Report at most this many statistics per post.",
               minimum=1, maximum=1000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        limit = int(ctx.options["max-per-post"])
        for reported, claim in enumerate(unsourced_statistics(doc)):
            if reported >= limit:
                return
            block = doc.blocks[claim.block]
            said = " ".join(block.text[claim.start : claim.end].split())
            yield ctx.finding(
                f'"{said}": a statistic with no source in its paragraph; '
                "link or name where the number comes from",
                block=block, start=claim.start, end=claim.end)
