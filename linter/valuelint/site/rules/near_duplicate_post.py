"""SITE001: a post whose text is nearly the same as another post's."""

from __future__ import annotations

from array import array

from valuelint.rule import Category, Option, Severity
from valuelint.site.context import Cluster, SiteContext
from valuelint.site.rules._base import SiteRule
from valuelint.site.rules._helpers import by_later_post, is_series, listing, percent
from valuelint.site.similarity import Pair, clusters, jaccard, sketched_near_duplicates


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
    """

    code = "SITE001"
    name = "near-duplicate-post"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("threshold", 0.7, "The similarity (0-1) from which two posts are reported: the "
               "Jaccard similarity of their sets of shingles.", minimum=0.1, maximum=1.0),
        Option("shingle-size", 5, "Words per shingle: the length of the runs of words two "
               "posts are compared by.", minimum=1, maximum=20),
        Option("min-words", 50, "Posts with fewer words are not compared.", minimum=1),
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
        for index, earlier in by_later_post(posts, pairs).items():
            post = posts[index]
            matches = sorted(((pair.similarity, posts[other].path) for other, pair in earlier),
                             key=lambda m: (-m[0], m[1]))
            similarity, other = matches[0]
            message = (f"near-duplicate of {other} ({percent(similarity)} of {size}-word phrases "
                       "shared)")
            if len(matches) > 1:
                message += f", and of {listing([m[1] for m in matches[1:]])}"
            if all(is_series(posts[other], post) for other, _ in earlier):
                # Installments of a numbered series share their template on purpose.
                ctx.report(post, message + "; a numbered series shares its template: say "
                           "what this installment adds", post.title_line, advice=True)
                continue
            ctx.report(post, message + "; keep one, or make each answer its own question",
                       post.title_line)
