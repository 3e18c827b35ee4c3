"""READ001: too many sentences longer than a reader can hold at once."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.readability._helpers import (
    is_enumeration,
    measured_sentences,
    opening,
    trimmed,
)


class LongSentences(Rule):
    """Too many sentences longer than a reader can hold at once.

    ## What it does
    Counts the words of every sentence in the post's paragraphs and list
    items and reports the post when more than `max-share` of its sentences
    have over `max-words` words. The finding is placed on the longest
    sentence. Posts with fewer than `min-sentences` sentences are not
    measured, and a "sentence" that is a run of names or items (a comma
    every few words) is not counted as long.

    ## Why it matters to readers
    A reader keeps the start of a sentence in mind until its end. Past
    thirty words or so, many readers lose the thread and read it twice, or
    skim it; when most sentences are that long, a post is tiring even when
    its ideas are simple.

    ## Example
    ```markdown
    The new scheduler, which we started writing last spring after the old
    one had shown its limits under the load that the larger installations
    produce every night when their backups run, is now the default on every
    platform that we support except for the two that still lack the timer
    interface it relies on.
    ```

    ## Use instead
    Split at the joints: one idea per sentence. "The new scheduler is now the
    default. We started it last spring, when nightly backups on large
    installations pushed the old one past its limits. Two platforms still
    lack the timer it needs and keep the old one."
    """

    code = "READ001"
    name = "long-sentences"
    category = Category.READABILITY
    severity = Severity.INFO
    options = (
        Option("max-words", 30, "A sentence with more words than this is long.",
               minimum=5, maximum=500),
        Option("max-share", 0.25, "Report the post when a larger share of its sentences "
               "is long.", minimum=0.0, maximum=1.0),
        Option("min-sentences", 10, "Posts with fewer sentences are not measured.",
               minimum=1, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        limit = int(ctx.options["max-words"])
        max_share = float(ctx.options["max-share"])
        doc = ctx.document
        measured = measured_sentences(doc, ctx.analysis)
        if len(measured) < int(ctx.options["min-sentences"]):
            return
        long = [m for m in measured if m.words > limit and not is_enumeration(
            doc.blocks[m.sentence.block].text[m.sentence.start : m.sentence.end], m.words)]
        share = len(long) / len(measured)
        if not long or share <= max_share:
            return
        longest = max(long, key=lambda m: m.words)
        block = doc.blocks[longest.sentence.block]
        start, end = trimmed(block, longest.sentence)
        excess = (share - max_share) / max(1.0 - max_share, 0.05)
        yield ctx.finding(
            f"{len(long)} of {len(measured)} sentences ({share:.0%}) run over {limit} words; "
            f"the longest ({longest.words} words) is \"{opening(block, start, end)}\": "
            "split long sentences so each carries one idea",
            block=block, start=start, end=end, weight=round(0.5 + excess, 2),
        )
