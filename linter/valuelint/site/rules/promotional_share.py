"""SITE007: too large a share of the site's posts are promotional."""

from __future__ import annotations

from typing import TYPE_CHECKING

from valuelint.rule import Category, Option, Severity
from valuelint.site.rules._base import ShareOfPosts

if TYPE_CHECKING:
    from valuelint.site.context import SiteContext


class PromotionalShare(ShareOfPosts):
    """Too large a share of the site's posts are promotional.

    ## What it does

    Counts the published posts with a `promotion` finding of severity warning
    or error (hard sell, puffery, calls to action...) and reports the site
    when their share is above `max-share`, with the figures. Sites with fewer
    than 10 posts are not judged.

    ## Why it matters to readers

    Readers come to a blog to learn something. When every other post is an
    advertisement, they stop reading the ones that are not.

    ## Example

    ```text
    blog/: SITE007 [promotional-share] 22% of posts are promotional (26 of 120;
    over 10%); most often PROM001 (14), PROM004 (9)
    ```

    ## Use instead

    Keep announcements factual, and let most posts teach or explain. Label
    sponsored posts and keep them few.
    """

    code = "SITE007"
    name = "promotional-share"
    category = Category.PROMOTION
    severity = Severity.INFO
    options = (
        Option("max-share", 0.1, "The largest share (0-1) of promotional posts that is not "
               "reported.", minimum=0.0, maximum=1.0),
    )

    what = "promotional"

    @staticmethod
    def flagged(ctx: SiteContext) -> list[str]:
        return ctx.site.promotional
