"""SITE005: a burst of posts followed by a long silence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from valuelint.rule import Category, Option, Severity
from valuelint.site.rules._base import SiteRule
from valuelint.site.timeline import month_counts, silences

if TYPE_CHECKING:
    from valuelint.site.context import SiteContext


class PublishingCadence(SiteRule):
    """A burst of posts followed by a long silence.

    ## What it does

    Counts the site's published posts per month, from each post's date (front
    matter `date`, or the `YYYY-MM-DD-` prefix of its file name), and reports
    every stretch of at least `silence-months` months without a post between
    the first post and the last. The finding is on the site (its folder, shown
    with a trailing `/`), not on a post: no single post's writer can act on the
    site's rhythm. It gives the figures: how many posts came in the months
    before the silence, and the site's usual pace. It is advice, not a fault.

    ## Why it matters to readers

    Readers who subscribe expect a rhythm. A flurry of posts followed by months
    of nothing teaches them the blog is abandoned; a steady pace, even a slow
    one, keeps them coming back.

    ## Example

    ```text
    ./:1:1: SITE005 [publishing-cadence] 9 posts in
    2019-01..2019-03, then none for 8 months (2019-04 to 2019-11); the site
    averages 1.2 posts a month
    ```

    ## Use instead

    Schedule posts written in a burst over the following weeks (most
    generators publish a post with a future date only once that date comes).
    """

    code = "SITE005"
    name = "publishing-cadence"
    category = Category.STRUCTURE
    severity = Severity.INFO
    options = (
        Option("silence-months", 6, "The shortest silence reported, in months.", minimum=2),
        Option("burst-months", 3, "How many months before a silence are counted as its burst.",
               minimum=1, maximum=24),
    )

    def check_site(self, ctx: SiteContext) -> None:
        site = ctx.site
        dated = [p for p in ctx.published if p.date is not None]
        site.months = month_counts(p.date for p in dated if p.date is not None)
        site.silences = silences(site.months, ctx.options["silence-months"],
                                 ctx.options["burst-months"])
        if not site.silences:
            return
        average = len(dated) / len(site.months)
        # The rhythm is the site's, not one post's: the finding is on the site's folder,
        # where no single post's writer is asked to act on it.
        for silence in site.silences:
            span = (silence.before[0][0] if len(silence.before) == 1
                    else f"{silence.before[0][0]}..{silence.before[-1][0]}")
            figures = ", ".join(f"{month}: {count}" for month, count in silence.before)
            months = "month" if silence.months == 1 else "months"
            ctx.report_site(
                f"{silence.burst} post{'s' if silence.burst != 1 else ''} in {span} "
                f"({figures}), then none for {silence.months} {months} ({silence.first} to "
                f"{silence.last}); the site averages {average:.1f} posts a month")
