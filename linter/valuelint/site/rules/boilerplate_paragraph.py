"""SITE002: a paragraph repeated word for word across many posts."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from valuelint.rule import Category, Option, Severity
from valuelint.site.rules._base import SiteRule
from valuelint.site.rules._helpers import excerpt, listing

if TYPE_CHECKING:
    from valuelint.site.context import SiteContext
    from valuelint.site.posts import SitePost


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
    """

    code = "SITE002"
    name = "boilerplate-paragraph"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("min-posts", 5, "How many posts must hold the paragraph.", minimum=2),
        Option("min-words", 12, "Paragraphs with fewer words are not counted.", minimum=1),
        Option("allow", [], "Paragraphs starting with one of these texts (compared without "
               "case or punctuation) are never reported."),
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
                       f"{listing([p.path for p in others], 2)}): {excerpt(text_of[key])}")
            if len(places) > 1:
                lines = ", ".join(str(at) for at, _ in places[1:6])
                more = "..." if len(places) > 6 else ""
                message += (f"; {len(places) - 1} more repeated paragraph"
                            f"{'s' if len(places) > 2 else ''} on line"
                            f"{'s' if len(places) > 2 else ''} {lines}{more}")
            ctx.report(post, message + "; move a template into the layout, or allow it "
                       "with the rule's 'allow' option", line)
