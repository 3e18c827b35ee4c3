"""SITE004: a post with the same, or nearly the same, description as another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from valuelint.rule import Category, Option, Severity
from valuelint.site.rules._base import DuplicateText

if TYPE_CHECKING:
    from valuelint.site.context import SiteContext
    from valuelint.site.posts import SitePost


class DuplicateDescription(DuplicateText):
    """A post with the same, or nearly the same, description as another.

    ## What it does

    Compares the front matter `description` (or `summary`, `excerpt`) of every
    post: descriptions with the same words, or whose words overlap by at least
    `threshold`, are reported on the later post of each pair (by date, then
    path), naming the earlier ones. Descriptions that differ only in numbers
    ("the first year", "the second year") are a series, not duplicates.

    ## Why it matters to readers

    The description is the sentence shown under the title in search results,
    feeds and link previews. A description copied from another post tells the
    reader something about a different article.

    ## Example

    ```yaml
    description: "Tips and news from our team."   # in 12 posts
    ```

    ## Use instead

    Write one sentence per post that says what this post gives its reader.
    """

    code = "SITE004"
    name = "duplicate-description"
    category = Category.METADATA
    severity = Severity.WARNING
    options = (
        Option("threshold", 0.8, "The word overlap (0-1) from which two different descriptions "
               "are reported.", minimum=0.1, maximum=1.0),
        Option("recurring-days", 120, "A dated post published at least this many days after "
               "every post whose description it repeats is a recurring post: the finding is "
               "advice (`info`) unless the rule's severity is configured, as for SITE003.",
               minimum=1),
    )

    what = "description"
    min_words = 4

    @staticmethod
    def text(post: SitePost) -> tuple[str, int]:
        return post.description, post.description_line

    @staticmethod
    def keep_groups(ctx: SiteContext, groups: list[tuple[str, ...]]) -> None:
        ctx.site.description_groups = groups
