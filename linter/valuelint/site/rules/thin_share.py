"""SITE006: too large a share of the site's posts are thin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from valuelint.rule import Category, Option, Severity
from valuelint.site.rules._base import ShareOfPosts

if TYPE_CHECKING:
    from valuelint.site.context import SiteContext


class ThinShare(ShareOfPosts):
    """Too large a share of the site's posts are thin.

    ## What it does

    Counts the published posts with a `thin` finding of severity warning or
    error (too short, padded, placeholder text...) and reports the site when
    their share is above `max-share`, with the figures and the most common
    reasons. Sites with fewer than 10 posts are not judged.

    ## Why it matters to readers

    One short post is a note; a blog where a third of the posts say little
    teaches readers that a click is not worth it, and search engines judge a
    site by its pages as a whole.

    ## Example

    ```text
    blog/: SITE006 [thin-share] 34% of posts are thin (41 of 120; over 25%);
    most often THIN001 (29), THIN004 (12)
    ```

    ## Use instead

    Merge short posts on one subject into one that is worth reading, expand
    the ones readers still visit, and retire the rest.
    """

    code = "SITE006"
    name = "thin-share"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("max-share", 0.25, "The largest share (0-1) of thin posts that is not reported.",
               minimum=0.0, maximum=1.0),
    )

    what = "thin"

    @staticmethod
    def flagged(ctx: SiteContext) -> list[str]:
        return ctx.site.thin
