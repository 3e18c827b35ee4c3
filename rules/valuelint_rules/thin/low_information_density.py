"""THIN005: a long post that says the same few things over and over."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.thin._helpers import clamp, is_content, own_tokens


def moving_average_ttr(items: Sequence[str], window: int) -> float:
    """Mean share of distinct items over every window of ``window`` consecutive items."""
    if len(items) <= window:
        return len(set(items)) / max(len(items), 1)
    counts = Counter(items[:window])
    distinct = len(counts)
    total = distinct
    for i in range(window, len(items)):
        counts[items[i]] += 1
        if counts[items[i]] == 1:
            distinct += 1
        old = items[i - window]
        counts[old] -= 1
        if counts[old] == 0:
            distinct -= 1
        total += distinct
    return total / (len(items) - window + 1) / window


class LowInformationDensity(Rule):
    """A long post that says the same few things over and over.

    ## What it does
    Takes the content words of the writer's own prose (lemmas of words that
    are not stop words; no code, quotes, headings or tables) and measures
    how varied they are with the moving-average type-token ratio: the share
    of distinct words in every run of `window` consecutive content words,
    averaged over the post. Unlike a plain count of distinct words, this
    does not fall just because a post is long. A post with at least
    `window` content words scoring under `min-variety` is reported with the
    words it leans on; the lower the variety, the more the finding weighs.

    ## Why it matters to readers
    A post that circles the same few words is usually restating one idea:
    the reader scrolls through a long page to collect a paragraph of
    content. Varied vocabulary goes with new facts, examples and steps.

    ## Example
    ```markdown
    Our platform is the best platform for teams. Teams love the platform
    because the platform helps teams work as a team. With our platform, every
    team gets a platform that works for the team ...
    ```

    ## Use instead
    Cut the restatements and spend the words on what is missing: how it
    works, an example, a number, a limitation. A shorter post that says
    more serves readers better.
    """

    code = "THIN005"
    languages = ENGLISH
    name = "low-information-density"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("window", 100, "Content words per window.", minimum=10, maximum=10_000),
        Option("min-variety", 0.45, "Posts whose average share of distinct content words "
               "per window is lower are reported. Most posts run at 60-75%; technical posts that "
               "keep naming the same few components (\"glibc\", \"kernel\", \"target\") at "
               "47-55%.", minimum=0.0, maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        window = int(ctx.options["window"])
        threshold = float(ctx.options["min-variety"])
        lemmas = [t.lemma for _, t in own_tokens(ctx) if is_content(t)]
        if len(lemmas) < window:
            return
        variety = moving_average_ttr(lemmas, window)
        if variety >= threshold:
            return
        top = ", ".join(f'"{w}" ({n} times)' for w, n in Counter(lemmas).most_common(3))
        yield ctx.finding(
            f"only {variety:.0%} of the content words in each stretch of {window} are "
            f"distinct (typical posts: about 70%); the post keeps returning to {top}: cut "
            "the restatements and add what is missing",
            line=ctx.document.title_line,
            weight=clamp(1.0 + (threshold - variety) * 10, 1.0, 3.0),
        )
