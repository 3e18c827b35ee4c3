"""The site-level rules: declared like every rule, checked across the whole site.

These rules look at a blog as a whole, so a post on its own never triggers
them: their :meth:`~valuelint.rule.Rule.check` reports nothing, and
:mod:`valuelint.site.analysis` reports their findings when ``valuelint
check`` is given a folder, or by ``valuelint site`` and ``valuelint report``.
They are declared here so that ``valuelint rules``, ``valuelint rule
SITE001``, ``select``/``ignore`` and ``[rules.SITE001]`` options work as for
any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity

__all__ = ["RULES", "SiteRule"]


class SiteRule(Rule):
    """Base of the site-level rules: nothing to check in a single post."""

    site: ClassVar[bool] = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())


class NearDuplicatePost(SiteRule):
    """A post whose text is nearly the same as another post's.

    ## What it does

    Compares every post of the site with every other by the runs of five words
    they share (MinHash over word shingles), and reports each post whose text
    is at least `threshold` similar to an earlier post's (Jaccard similarity
    of their shingle sets), naming the earlier post. The finding is on the
    later post of each pair (by date, then path): its writer repeated the
    other and can act on it. When the two titles differ only in numbers
    or months ("1.58.0 pre-release testing", "1.59.0 pre-release testing") the posts
    are installments of a series that share their template on purpose, and
    the finding is advice (`info`) unless the rule's severity is configured.

    ## Why it matters to readers

    A reader who finds the same article twice under two titles has wasted a
    visit, and search engines split the two pages' readers between them or
    show neither. Near-copies usually come from a post republished with small
    edits, a template filled in twice, or a migration that left both versions.

    ## Example

    `_posts/2023-01-10-setup.md` and `_posts/2024-02-03-setup-guide.md`, the
    second a copy of the first with a new introduction:

    ```text
    _posts/2024-02-03-setup-guide.md:2:1: SITE001 [near-duplicate-post] 87% of its
    text is the same as _posts/2023-01-10-setup.md
    ```

    ## Use instead

    Keep one post and redirect the other's address to it, or make each post
    answer its own question. Announcements that are templated on purpose can
    be kept out with `per-file-ignores` or a higher `threshold`.

    ## Options

    - `threshold` (number, default `0.7`): the similarity (0-1) from which two
      posts are reported.
    - `shingle-size` (integer, default `5`): words per shingle.
    - `min-words` (integer, default `50`): posts with fewer words are not
      compared.
    """

    code = "SITE001"
    name = "near-duplicate-post"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("threshold", 0.7, "Jaccard similarity (0-1) from which two posts are reported",
               minimum=0.1, maximum=1.0),
        Option("shingle-size", 5, "words per shingle", minimum=1, maximum=20),
        Option("min-words", 50, "posts with fewer words are not compared", minimum=1),
    )


class BoilerplateParagraph(SiteRule):
    """A paragraph repeated word for word across many posts.

    ## What it does

    Finds paragraphs of at least `min-words` words that appear, with the same
    words, in at least `min-posts` posts, and reports each post that holds one,
    at the first such paragraph, with the lines of the others.
    A paragraph that starts with one of the `allow` texts (the site's real
    templates, such as a standard author bio or a licence note) is never
    reported.

    ## Why it matters to readers

    Repeated blocks are text a regular reader has already read: a sales pitch
    at the end of every post, a copied disclaimer, an introduction pasted from
    the last post. They push the post's own content down and make every page
    look alike to readers and to search engines.

    ## Example

    ```markdown
    Want more tips like these? Join 10,000 readers and get our weekly
    newsletter with the best articles, straight to your inbox.
    ```

    at the end of 40 posts.

    ## Use instead

    Put a template's text in the site's layout (where it is one file to keep
    up to date), or let the paragraph say something about this post. To keep
    a deliberate template, add its first words to `allow`:

    ```toml
    [rules.SITE002]
    allow = ["About the author:"]
    ```

    ## Options

    - `min-posts` (integer, default `5`): how many posts must hold the
      paragraph.
    - `min-words` (integer, default `12`): shorter paragraphs are not counted.
    - `allow` (list of strings, default `[]`): paragraphs starting with one of
      these texts (compared without case or punctuation) are never reported.
    """

    code = "SITE002"
    name = "boilerplate-paragraph"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("min-posts", 5, "how many posts must hold the paragraph", minimum=2),
        Option("min-words", 12, "shorter paragraphs are not counted", minimum=1),
        Option("allow", [], "paragraphs starting with one of these texts are never reported"),
    )


class DuplicateTitle(SiteRule):
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

    ## Options

    - `threshold` (number, default `0.85`): the word overlap (0-1) from which
      two different titles are reported.
    - `recurring-days` (integer, default `120`): a dated post published at
      least this many days after every post whose title it repeats is a
      recurring post ("crates.io: development update" every six months): four
      months apart, two posts rarely sit side by side on the blog's front page
      or in a feed, so the finding is advice (`info`) unless the rule's
      severity is configured.
    """

    code = "SITE003"
    name = "duplicate-title"
    category = Category.METADATA
    severity = Severity.WARNING
    options = (
        Option("threshold", 0.85, "word overlap (0-1) from which two titles are reported",
               minimum=0.1, maximum=1.0),
        Option("recurring-days", 120, "posts at least this many days after every post "
               "they repeat are recurring: reported as info", minimum=1),
    )


class DuplicateDescription(SiteRule):
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

    ## Options

    - `threshold` (number, default `0.8`): the word overlap (0-1) from which
      two different descriptions are reported.
    - `recurring-days` (integer, default `120`): a dated post published at
      least this many days after every post whose description it repeats is
      reported as advice (`info`), as for SITE003.
    """

    code = "SITE004"
    name = "duplicate-description"
    category = Category.METADATA
    severity = Severity.WARNING
    options = (
        Option("threshold", 0.8, "word overlap (0-1) from which two descriptions are reported",
               minimum=0.1, maximum=1.0),
        Option("recurring-days", 120, "posts at least this many days after every post "
               "they repeat are recurring: reported as info", minimum=1),
    )


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

    ## Options

    - `silence-months` (integer, default `6`): the shortest silence reported.
    - `burst-months` (integer, default `3`): how many months before a silence
      are counted as its burst.
    """

    code = "SITE005"
    name = "publishing-cadence"
    category = Category.STRUCTURE
    severity = Severity.INFO
    options = (
        Option("silence-months", 6, "the shortest silence reported, in months", minimum=2),
        Option("burst-months", 3, "months before a silence counted as its burst", minimum=1,
               maximum=24),
    )


class ThinShare(SiteRule):
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

    ## Options

    - `max-share` (number, default `0.25`): the largest share (0-1) of thin
      posts that is not reported.
    """

    code = "SITE006"
    name = "thin-share"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("max-share", 0.25, "largest share (0-1) of thin posts not reported",
               minimum=0.0, maximum=1.0),
    )


class PromotionalShare(SiteRule):
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

    ## Options

    - `max-share` (number, default `0.1`): the largest share (0-1) of
      promotional posts that is not reported.
    """

    code = "SITE007"
    name = "promotional-share"
    category = Category.PROMOTION
    severity = Severity.INFO
    options = (
        Option("max-share", 0.1, "largest share (0-1) of promotional posts not reported",
               minimum=0.0, maximum=1.0),
    )


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

    ## Options

    - `period` (string, default `"quarter"`): `quarter` or `month`.
    - `periods` (integer, default `4`): how many recent periods are compared
      with the rest.
    - `min-drop` (number, default `5`): the smallest drop in points reported.
    """

    code = "SITE008"
    name = "score-trend"
    category = Category.STRUCTURE
    severity = Severity.INFO
    options = (
        Option("period", "quarter", "quarter or month"),
        Option("periods", 4, "recent periods compared with the rest", minimum=1, maximum=60),
        Option("min-drop", 5.0, "smallest drop in points reported", minimum=0.0, maximum=100.0),
    )


class StaleDraft(SiteRule):
    """A draft nobody has touched for a long time.

    ## What it does

    Reports drafts (front matter `draft: true`, Jekyll's `published: false`
    or a post in `_drafts/`) last changed more than `max-age-days` days ago:
    the date of the last commit that changed the file when it is committed and
    unchanged since, else the file's modification time. Today's date is taken
    from `SOURCE_DATE_EPOCH` when it is set, for reproducible runs.

    ## Why it matters to readers

    Old drafts are ideas readers never get: the news they were about goes
    stale, and the pile makes it harder to see which drafts are worth
    finishing.

    ## Example

    ```text
    _drafts/pricing-thoughts.md:1:1: SITE009 [stale-draft] draft last changed
    2023-02-11, 402 days ago (it is in a drafts folder)
    ```

    ## Use instead

    Finish it, merge it into a post that is going out, or delete it (version
    control keeps it).

    ## Options

    - `max-age-days` (integer, default `180`): the age in days from which a
      draft is reported.
    """

    code = "SITE009"
    name = "stale-draft"
    category = Category.METADATA
    severity = Severity.INFO
    options = (
        Option("max-age-days", 180, "age in days from which a draft is reported", minimum=1),
    )


RULES: tuple[type[Rule], ...] = (
    NearDuplicatePost,
    BoilerplateParagraph,
    DuplicateTitle,
    DuplicateDescription,
    PublishingCadence,
    ThinShare,
    PromotionalShare,
    ScoreTrend,
    StaleDraft,
)
