"""The site-level rules: declared like every rule, checked across the whole site.

These rules look at a blog as a whole, so a post on its own never triggers
them: their :meth:`~valuelint.rule.Rule.check` reports nothing. Their logic is
in :meth:`SiteRule.check_site`, which :func:`valuelint.site.analysis.analyse_site`
calls with a :class:`~valuelint.site.context.SiteContext` (the site's posts and
results, the rule's options, a way to report) when ``valuelint check`` is given
a folder, or by ``valuelint site`` and ``valuelint report``. They are declared
like any other rule so that ``valuelint rules``, ``valuelint rule SITE001``,
``select``/``ignore`` and ``[rules.SITE001]`` options work as for any rule.
Every command loads them, so this module imports nothing heavy.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from statistics import fmean
from typing import TYPE_CHECKING, Any, ClassVar

from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.site.context import Cluster, DraftAge, SiteContext
from valuelint.site.similarity import (
    Pair,
    clusters,
    is_number_word,
    jaccard,
    similar_texts,
    sketched_near_duplicates,
    words_of,
)
from valuelint.site.timeline import month_counts, period_key, silences

if TYPE_CHECKING:
    from valuelint.site.posts import SitePost

__all__ = ["MIN_SITE_POSTS", "RULES", "SiteRule"]

#: Sites with fewer published posts get no share or trend findings.
MIN_SITE_POSTS = 10


class SiteRule(Rule):
    """Base of the site-level rules: nothing to check in a single post, a site to check
    in :meth:`check_site`."""

    site: ClassVar[bool] = True
    cached: ClassVar[bool] = True
    """True when the rule's findings depend only on the posts, their results and the
    configuration, so they are kept in the cache with the site's; False for a rule
    that also reads the date or git (SITE009), which runs every time."""

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())

    def check_site(self, ctx: SiteContext) -> None:  # pragma: no cover - abstract
        """Check the site ``ctx`` holds: report through ``ctx``, and fill the rule's
        figures in ``ctx.site``."""
        raise NotImplementedError

    @classmethod
    def option_errors(cls, options: Mapping[str, Any]) -> list[str]:
        """What is wrong with the rule's options beyond their types and ranges (each
        reported on the site, whether the rule is selected or not)."""
        return []


# --------------------------------------------------------------------------- helpers

def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def _others(paths: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(paths[:limit])
    more = len(paths) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def _excerpt(text: str, words: int = 8) -> str:
    parts = text.split()
    cut = " ".join(parts[:words])
    return f'"{cut}{"..." if len(parts) > words else ""}"'


def _order(post: SitePost) -> tuple[bool, date, str]:
    """Publication order: dated posts by date, then undated ones, then by path."""
    return (post.date is None, post.date or date.min, post.path)


def _by_later_post(posts: Sequence[SitePost],
                   pairs: Sequence[Pair]) -> dict[int, list[tuple[int, Pair]]]:
    """Each pair under its later post (by date, then path), with the earlier post.

    A finding about a pair goes on the later post: its writer repeated the other
    one and can act on it; the earlier post was fine when it was published.
    Later posts come in index order, each one's pairs in the order given.
    """
    found: dict[int, list[tuple[int, Pair]]] = defaultdict(list)
    for pair in pairs:
        earlier, later = sorted((pair.first, pair.second), key=lambda i: _order(posts[i]))
        found[later].append((earlier, pair))
    return dict(sorted(found.items()))


def _days_apart(earlier: SitePost, later: SitePost) -> float:
    """Days from one post's date to the other's; minus infinity when one is undated."""
    if earlier.date is None or later.date is None:
        return float("-inf")
    return (later.date - earlier.date).days


def _series(first: SitePost, second: SitePost) -> bool:
    """True when two titles differ only in numbers or months: installments of a series
    ("1.58.0 pre-release testing", "1.59.0 pre-release testing")."""
    a, b = words_of(first.title), words_of(second.title)
    return bool(a) and a != b and len(a) == len(b) and all(
        x == y or (is_number_word(x) and is_number_word(y)) for x, y in zip(a, b, strict=True))


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

    def check_site(self, ctx: SiteContext) -> None:
        options = ctx.options
        size = options["shingle-size"]
        posts = [p for p in ctx.published if p.word_count >= options["min-words"]]
        # Candidates only, unless their shingles are known to be the same: their
        # shingles are read again from their files (or the cache), and kept packed
        # (8 bytes each) while the pairs are measured.
        shingles: dict[int, array[int]] = {}
        unpacked: tuple[int, frozenset[int]] = (-1, frozenset())  # pairs come by first post

        def exact(first: int, second: int) -> float:
            nonlocal unpacked
            digest = posts[first].shingle_digest
            if digest and digest == posts[second].shingle_digest:
                return 1.0  # the same shingles: no need to read them again
            for index in (first, second):
                if index not in shingles:
                    shingles[index] = ctx.store.shingles(posts[index], size)
            if unpacked[0] != first:
                unpacked = (first, frozenset(shingles[first]))
            return jaccard(unpacked[1], frozenset(shingles[second]))

        def measure() -> list[Pair]:
            return sketched_near_duplicates([p.sketch for p in posts],
                                            [p.shingle_count for p in posts],
                                            options["threshold"], exact)

        pairs = ctx.store.pairs(ctx.site.display, posts, options["threshold"], measure)
        shingles.clear()
        for group in clusters(pairs, len(posts)):
            members = set(group)
            top = max(p.similarity for p in pairs if p.first in members and p.second in members)
            ctx.site.duplicates.append(Cluster(tuple(posts[i].path for i in group), top))
        for index, earlier in _by_later_post(posts, pairs).items():
            post = posts[index]
            matches = sorted(((pair.similarity, posts[other].path) for other, pair in earlier),
                             key=lambda m: (-m[0], m[1]))
            similarity, other = matches[0]
            message = (f"near-duplicate of {other} ({_pct(similarity)} of {size}-word phrases "
                       "shared)")
            if len(matches) > 1:
                message += f", and of {_others([m[1] for m in matches[1:]])}"
            if all(_series(posts[other], post) for other, _ in earlier):
                # Installments of a numbered series share their template on purpose.
                ctx.report(post, message + "; a numbered series shares its template: say "
                           "what this installment adds", post.title_line, advice=True)
                continue
            ctx.report(post, message + "; keep one, or make each answer its own question",
                       post.title_line)


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

    def check_site(self, ctx: SiteContext) -> None:
        holders: dict[int, list[tuple[SitePost, int]]] = defaultdict(list)
        text_of: dict[int, str] = {}
        for post in ctx.published:
            seen: set[int] = set()
            # Only paragraphs long enough and not allowed are kept (see Features).
            for paragraph in post.paragraphs:
                key = paragraph.key
                if key in seen:
                    continue
                seen.add(key)
                holders[key].append((post, paragraph.line))
                text_of.setdefault(key, paragraph.preview)
        repeated = [(key, found) for key, found in holders.items()
                    if len(found) >= ctx.options["min-posts"]]
        repeated.sort(key=lambda item: (-len(item[1]), item[1][0][0].path, item[1][0][1]))
        in_post: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for key, found in repeated:
            paths = tuple(post.path for post, _ in found)
            ctx.site.boilerplate.append((text_of[key], paths))
            for post, line in found:
                in_post[post.path].append((line, key))
        counts = {key: len(found) for key, found in repeated}
        for post in ctx.published:
            places = sorted(in_post.get(post.path, []))
            if not places:
                continue
            line, key = places[0]
            others = [p for p, _ in holders[key] if p.path != post.path]
            message = (f"paragraph repeated word for word in {counts[key]} posts (also "
                       f"{_others([p.path for p in others], 2)}): {_excerpt(text_of[key])}")
            if len(places) > 1:
                lines = ", ".join(str(at) for at, _ in places[1:6])
                more = "..." if len(places) > 6 else ""
                message += (f"; {len(places) - 1} more repeated paragraph"
                            f"{'s' if len(places) > 2 else ''} on line"
                            f"{'s' if len(places) > 2 else ''} {lines}{more}")
            ctx.report(post, message + "; move a template into the layout, or allow it "
                       "with the rule's 'allow' option", line)


class _DuplicateText(SiteRule):
    """Base of SITE003 and SITE004: a short text of each post compared with every other's."""

    what: ClassVar[str]
    """What is compared, for messages: ``title`` or ``description``."""
    min_words: ClassVar[int]
    """Different texts with fewer words are never similar, only equal."""

    @staticmethod
    def text(post: SitePost) -> tuple[str, int]:  # pragma: no cover - abstract
        """The post's text and its line."""
        raise NotImplementedError

    @staticmethod
    def keep_groups(ctx: SiteContext, groups: list[tuple[str, ...]]) -> None:
        """Keep the groups of posts sharing a text among the site's figures."""
        raise NotImplementedError  # pragma: no cover - abstract

    def check_site(self, ctx: SiteContext) -> None:
        posts = [p for p in ctx.published if self.text(p)[0]]
        texts = [words_of(self.text(p)[0]) for p in posts]
        pairs = similar_texts(texts, ctx.options["threshold"], min_words=self.min_words)
        self.keep_groups(ctx, [tuple(posts[i].path for i in group)
                               for group in clusters(pairs, len(posts))])
        apart = ctx.options["recurring-days"]
        what = self.what
        for index, earlier in _by_later_post(posts, pairs).items():
            post = posts[index]
            matches = sorted(((texts[pair.first] == texts[pair.second], posts[other].path)
                              for other, pair in earlier), key=lambda m: (not m[0], m[1]))
            same = [path for is_same, path in matches if is_same]
            near = [path for is_same, path in matches if not is_same]
            parts = []
            if same:
                parts.append(f"same {what} as {_others(same)}")
            if near:
                parts.append(f"{what} nearly the same as {_others(near)}")
            text, line = self.text(post)
            if all(_days_apart(posts[other], post) >= apart for other, _ in earlier):
                # A recurring post ("Lang team February update", a year later): the two
                # never meet in a feed, and the date tells them apart. Advice.
                ctx.report(post, f"{'; '.join(parts)}, at least {apart} days earlier: "
                           f"{_excerpt(text, 10)}; say what this one adds", line, advice=True)
                continue
            ctx.report(post, f"{'; '.join(parts)}: {_excerpt(text, 10)}", line)


class DuplicateTitle(_DuplicateText):
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

    what = "title"
    min_words = 3

    @staticmethod
    def text(post: SitePost) -> tuple[str, int]:
        return post.title, post.title_line

    @staticmethod
    def keep_groups(ctx: SiteContext, groups: list[tuple[str, ...]]) -> None:
        ctx.site.title_groups = groups


class DuplicateDescription(_DuplicateText):
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

    what = "description"
    min_words = 4

    @staticmethod
    def text(post: SitePost) -> tuple[str, int]:
        return post.description, post.description_line

    @staticmethod
    def keep_groups(ctx: SiteContext, groups: list[tuple[str, ...]]) -> None:
        ctx.site.description_groups = groups


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


class _Share(SiteRule):
    """Base of SITE006 and SITE007: the share of published posts with a category's findings."""

    what: ClassVar[str]
    """What the flagged posts are, for messages: ``thin`` or ``promotional``."""

    @staticmethod
    def flagged(ctx: SiteContext) -> list[str]:  # pragma: no cover - abstract
        """The site's figure that lists the flagged posts (filled by the rule)."""
        raise NotImplementedError

    def check_site(self, ctx: SiteContext) -> None:
        published = ctx.published
        flagged = [post for post in published if ctx.own_warnings(post, self.category)]
        paths = self.flagged(ctx)
        paths.extend(post.path for post in flagged)
        if len(published) < MIN_SITE_POSTS:
            return
        limit = ctx.options["max-share"]
        share = len(paths) / len(published)
        if share <= limit:
            return
        codes = Counter(f.code for post in flagged for f in ctx.own_warnings(post, self.category))
        common = ", ".join(f"{c} ({n})" for c, n in
                           sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        ctx.report_site(f"{_pct(share)} of posts are {self.what} ({len(paths)} of "
                        f"{len(published)}; over {_pct(limit)}); most often {common}")


class ThinShare(_Share):
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

    what = "thin"

    @staticmethod
    def flagged(ctx: SiteContext) -> list[str]:
        return ctx.site.thin


class PromotionalShare(_Share):
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

    what = "promotional"

    @staticmethod
    def flagged(ctx: SiteContext) -> list[str]:
        return ctx.site.promotional


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

    #: Today's date and git decide its findings: never kept in the cache.
    cached = False

    def check_site(self, ctx: SiteContext) -> None:
        if not ctx.selected:
            return  # git is asked about every draft: only when the rule is on
        # Imported here: every command loads the rules, few ask git (subprocess: 6 ms).
        from valuelint.changes import last_change

        limit = ctx.options["max-age-days"]
        for post in ctx.drafts:
            changed, how = last_change(post.file)
            age = (ctx.today - changed).days
            if age <= limit:
                continue
            ctx.site.stale.append(DraftAge(post.path, changed, age, how))
            verb = "last committed" if how == "last commit" else "last modified"
            ctx.report(post, f"draft {verb} {changed.isoformat()}, {age} days ago "
                       f"({post.draft_reason}); finish it, merge it into another post or "
                       "delete it", post.draft_line)


RULES: tuple[type[SiteRule], ...] = (
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
