"""The bases of the site rules: :class:`SiteRule`, and the code two rules share each
(:class:`DuplicateText` for SITE003 and SITE004, :class:`ShareOfPosts` for SITE006 and
SITE007)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from valuelint.rule import Finding, Rule, RuleContext
from valuelint.site.rules._helpers import (
    MIN_SITE_POSTS,
    by_later_post,
    days_apart,
    excerpt,
    listing,
    percent,
)
from valuelint.site.similarity import clusters, similar_texts, words_of

if TYPE_CHECKING:
    from valuelint.site.context import SiteContext
    from valuelint.site.posts import SitePost


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


class DuplicateText(SiteRule):
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
        for index, earlier in by_later_post(posts, pairs).items():
            post = posts[index]
            matches = sorted(((texts[pair.first] == texts[pair.second], posts[other].path)
                              for other, pair in earlier), key=lambda m: (not m[0], m[1]))
            same = [path for is_same, path in matches if is_same]
            near = [path for is_same, path in matches if not is_same]
            parts = []
            if same:
                parts.append(f"same {what} as {listing(same)}")
            if near:
                parts.append(f"{what} nearly the same as {listing(near)}")
            text, line = self.text(post)
            if all(days_apart(posts[other], post) >= apart for other, _ in earlier):
                # A recurring post ("Lang team February update", a year later): the two
                # never meet in a feed, and the date tells them apart. Advice.
                ctx.report(post, f"{'; '.join(parts)}, at least {apart} days earlier: "
                           f"{excerpt(text, 10)}; say what this one adds", line, advice=True)
                continue
            ctx.report(post, f"{'; '.join(parts)}: {excerpt(text, 10)}", line)


class ShareOfPosts(SiteRule):
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
        ctx.report_site(f"{percent(share)} of posts are {self.what} ({len(paths)} of "
                        f"{len(published)}; over {percent(limit)}); most often {common}")
