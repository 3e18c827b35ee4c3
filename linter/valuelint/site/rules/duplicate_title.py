"""SITE003: a post with the same, or nearly the same, title as another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from valuelint.rule import Category, Option, Severity
from valuelint.site.rules._base import DuplicateText

if TYPE_CHECKING:
    from valuelint.site.context import SiteContext
    from valuelint.site.posts import SitePost


class DuplicateTitle(DuplicateText):
    """A post with the same, or nearly the same, title as another.

    ## What it does

    Compares the titles of every post (front matter `title`, or the first
    `#` heading): titles with the same words, or whose words overlap by at
    least `threshold` (Jaccard similarity, titles of three words or more) are
    reported on the later post of each pair (by date, then path), naming the
    earlier ones: its writer chose the repeated title. Titles that differ only
    in numbers or months ("Release 1.4", "Release 1.5", "the second year",
    "March 2025") are a series, not duplicates.

    ## Why it matters to readers

    A title is how a reader chooses what to read, in a list of posts, a feed
    or a search result. Two posts called "Getting started" cannot be told
    apart without opening both.

    ## Example

    ```text
    _posts/2024-03-01-getting-started.md:2:1: SITE003 [duplicate-title] same title as
    _posts/2021-06-12-getting-started.md: "Getting started"
    ```

    ## Use instead

    Say in each title what that post adds: "Getting started with the 2024
    CLI", "Getting started: migrating from 1.x".
    """

    code = "SITE003"
    name = "duplicate-title"
    category = Category.METADATA
    severity = Severity.WARNING
    options = (
        Option("threshold", 0.85, "The word overlap (0-1) from which two different titles are "
               "reported.", minimum=0.1, maximum=1.0),
        Option("recurring-days", 120, "A dated post published at least this many days after "
               "every post whose title it repeats is a recurring post (\"crates.io: "
               "development update\" every six months): four months apart, two posts rarely "
               "sit side by side on the blog's front page or in a feed, so the finding is "
               "advice (`info`) unless the rule's severity is configured.", minimum=1),
    )

    what = "title"
    min_words = 3

    @staticmethod
    def text(post: SitePost) -> tuple[str, int]:
        return post.title, post.title_line

    @staticmethod
    def keep_groups(ctx: SiteContext, groups: list[tuple[str, ...]]) -> None:
        ctx.site.title_groups = groups
