"""SITE008: the site's scores are falling over time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from statistics import fmean
from typing import TYPE_CHECKING, Any

from valuelint.rule import Category, Option, Severity
from valuelint.site.rules._base import SiteRule
from valuelint.site.rules._helpers import MIN_SITE_POSTS
from valuelint.site.timeline import period_key

if TYPE_CHECKING:
    from valuelint.site.context import SiteContext


class ScoreTrend(SiteRule):
    """The site's scores are falling over time.

    ## What it does

    Averages the reader-value score of the published, dated posts by `period`
    (`quarter` or `month`) and compares the posts of the last `periods`
    periods that have posts with all the posts before them. A drop of at least
    `min-drop` points is reported on the site, with the figures per period.
    Sites with fewer than 10 dated posts are not judged.

    ## Why it matters to readers

    A blog's older posts bring its readers; its newer ones decide whether they
    stay. A slow slide (shorter posts, more announcements, more filler) is
    easy to miss one post at a time.

    ## Example

    ```text
    blog/: SITE008 [score-trend] mean score fell from 86 (2019Q1..2023Q2, 140
    posts) to 71 in the last 4 quarters (2023Q3..2024Q2, 22 posts); by quarter:
    2023Q3 75, 2023Q4 72, 2024Q1 70, 2024Q2 66
    ```

    ## Use instead

    Look at the newest posts' reasons (`valuelint report` lists the worst
    posts with theirs) and at what changed: length, topics, who writes.
    """

    code = "SITE008"
    name = "score-trend"
    category = Category.STRUCTURE
    severity = Severity.INFO
    options = (
        Option("period", "quarter", "The period the scores are averaged by: `quarter` or "
               "`month`."),
        Option("periods", 4, "How many recent periods (with posts) are compared with the rest.",
               minimum=1, maximum=60),
        Option("min-drop", 5.0, "The smallest drop in points reported.", minimum=0.0,
               maximum=100.0),
    )

    @classmethod
    def option_errors(cls, options: Mapping[str, Any]) -> list[str]:
        period = options["period"]
        if period in ("quarter", "month"):
            return []
        return [f"'rules.SITE008.period': expected \"quarter\" or \"month\", got {period!r}"]

    def check_site(self, ctx: SiteContext) -> None:
        options = ctx.options
        period = options["period"] if not self.option_errors(options) else "quarter"
        site = ctx.site
        site.period = period
        scored: dict[str, list[int]] = defaultdict(list)
        for post in ctx.published:
            result = ctx.result(post)
            if post.date is not None and result is not None and result.score is not None:
                scored[period_key(post.date, period)].append(result.score)
        site.trend = [(key, round(fmean(values), 1), len(values))
                      for key, values in sorted(scored.items())]
        total = sum(count for _, _, count in site.trend)
        recent = site.trend[-options["periods"]:]
        earlier = site.trend[:-options["periods"]]
        if total < MIN_SITE_POSTS or not earlier:
            return
        recent_posts = [s for key, _, _ in recent for s in scored[key]]
        earlier_posts = [s for key, _, _ in earlier for s in scored[key]]
        before, now = fmean(earlier_posts), fmean(recent_posts)
        if before - now < options["min-drop"]:
            return
        unit = "quarters" if period == "quarter" else "months"
        figures = ", ".join(f"{key} {mean:g}" for key, mean, _ in recent)
        ctx.report_site(
            f"mean score fell from {before:.0f} ({earlier[0][0]}..{earlier[-1][0]}, "
            f"{len(earlier_posts)} posts) to {now:.0f} in the last {len(recent)} {unit} "
            f"({recent[0][0]}..{recent[-1][0]}, {len(recent_posts)} posts); by {period}: "
            f"{figures}")
