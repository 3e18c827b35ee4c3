"""Thin content: posts that give a reader too little to be worth the click."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity


class TooShort(Rule):
    """A post too short for a reader to get value from.

    ## What it does
    Counts the words of prose in the post (headings, paragraphs, lists,
    quotes, table cells; not code, front matter or markup) and reports a post
    with fewer than `min-words`.

    ## Why it matters to readers
    A reader who follows a link expects to learn something. A post of a few
    sentences rarely explains, shows or argues enough to be worth the visit,
    and a blog full of them teaches readers to stop clicking.

    ## Example
    ```markdown
    # Some updates
    We changed a few things. More details coming soon!
    ```

    ## Use instead
    Say what changed, why, and what the reader should do about it; or fold
    the news into a fuller post. A short release note that links to the full
    changelog can lower the threshold with per-file options.

    ## Options
    - `min-words` (integer, default 150): posts with fewer prose words are reported.
    """

    code = "THIN001"
    name = "too-short"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("min-words", 150, "Posts with fewer prose words than this are reported.",
               minimum=0, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        minimum = int(ctx.options["min-words"])
        words = ctx.document.word_count
        if words < minimum:
            share = 1 - words / minimum if minimum else 0.0
            yield ctx.finding(
                f"post has {words} words of prose, fewer than the {minimum} a reader "
                "needs to get something out of it; say more, or merge it into a fuller post",
                line=ctx.document.title_line, weight=1.0 + 2.0 * share,
            )


RULES = (TooShort,)
