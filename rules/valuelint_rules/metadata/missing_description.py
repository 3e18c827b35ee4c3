"""META002: a post with no description in its front matter."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.rule import Category, Finding, Rule, RuleContext, Severity
from valuelint_rules.metadata._helpers import EXCERPT_WORDS, description, excerpt_words, key_line


class MissingDescription(Rule):
    """A post with no description in its front matter.

    ## What it does
    Reports a post whose front matter has no non-empty `description`,
    `summary`, `excerpt` or `subtitle` (at the top level, or under `extra`
    or `params`), unless the post gives its generator an excerpt to use
    instead: Jekyll, Hugo, Zola, Docusaurus and MkDocs take the text before
    `<!-- more -->` (`<!-- truncate -->`), or else the first paragraph, as
    the post's summary. A post whose excerpt has at least 12 words has
    one; a post that opens with a short line, a list, a table, a quote or
    code does not. An empty description key is always reported. Empty files
    are left alone.

    ## Why it matters to readers
    Search engines, feed readers and link previews show the description
    under the title. Without one, and without a first paragraph that can
    stand in for it, they show the first words of the page (often a date,
    a byline or an image caption), and readers cannot tell what the post
    will give them. Many good blogs do without, so this is advice only and
    weighs little.

    ## Example
    ```markdown
    ---
    title: Faster builds with a shared cache
    ---
    Posted in March.

    - cache hits: 92%
    ```

    ## Use instead
    One or two sentences that promise what the post delivers, in the front
    matter or as the post's opening paragraph:
    `description: "How a shared build cache cut our CI time from 40 to 12
    minutes, and the two settings that mattered."`
    """

    code = "META002"
    name = "missing-description"
    category = Category.METADATA
    severity = Severity.INFO

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        if not doc.blocks:
            return
        found = description(doc)
        if found is not None and found[1]:
            return
        if found is not None:
            message = (f"front matter '{found[0]}' is empty: write one or two sentences "
                       "that tell readers what the post gives them")
            line = key_line(ctx, found[0])
        elif excerpt_words(doc) >= EXCERPT_WORDS:
            return  # the generator shows the opening paragraph as the summary
        else:
            message = ("no description in the front matter, and no opening paragraph to "
                       "stand in for one: add a one- or two-sentence 'description', or open "
                       "with a paragraph that says what the post gives (search results and "
                       "link previews show it)")
            line = doc.title_line
        yield ctx.finding(message, line=line, weight=0.4)
