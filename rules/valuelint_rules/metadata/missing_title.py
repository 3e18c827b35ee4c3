"""META001: a post with no title."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.rule import Category, Finding, Rule, RuleContext, Severity
from valuelint_rules.metadata._helpers import key_line


class MissingTitle(Rule):
    """A post with no title.

    ## What it does
    Reports a post that has neither a front matter `title` nor a level-1
    heading. Empty files are left alone.

    ## Why it matters to readers
    The title is what readers see in a feed, a search result or a shared
    link, and what tells them whether the post is for them. Without one, the
    site shows a file name or nothing, and most readers pass by.

    ## Example
    ```markdown
    ---
    date: 2024-05-02
    ---
    We rewrote the parser this spring...
    ```

    ## Use instead
    A title that says what the reader gets: `title: "How we made the parser
    three times faster"`, or a `# ...` heading at the top if your site takes
    the title from there.
    """

    code = "META001"
    name = "missing-title"
    category = Category.METADATA
    severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        if doc.title or not doc.blocks:
            return
        if "title" in doc.metadata:
            message = ("front matter 'title' is empty: give the post a title that says "
                       "what readers get from it")
            line = key_line(ctx, "title")
        else:
            message = ("post has no title (no front matter 'title', no level-1 heading): "
                       "add one that says what readers get from it")
            line = 1
        yield ctx.finding(message, line=line)
