"""Metadata: the title and description readers see before they open a post.

A title is the front matter ``title`` or, without one, a level-1 heading. A
description is the first non-empty front matter ``description``,
``summary``, ``excerpt`` or ``subtitle``, at the top level or under
``extra`` (Zola) or ``params`` (Hugo). These rules read only the document
model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from valuelint.document import BlockKind, Document
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity

__all__ = ["DESCRIPTION_KEYS", "RULES", "DescriptionRepeatsTitle", "MissingDescription",
           "MissingTitle", "description"]

#: Front matter keys that hold a post's description, in order of preference.
DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle")
_NESTED = ("extra", "params")
#: HTML comments that end a post's excerpt: Jekyll, Hugo, Zola and MkDocs use
#: ``<!-- more -->``, Docusaurus ``<!-- truncate -->``.
_EXCERPT_MARKERS = frozenset({"more", "truncate"})
#: Fewest words of a first paragraph that can stand in for a description.
EXCERPT_WORDS = 12
_NON_WORD = re.compile(r"[\W_]+")


def _tables(doc: Document) -> list[dict[str, Any]]:
    tables = [doc.metadata]
    for key in _NESTED:
        value = doc.metadata.get(key)
        if isinstance(value, dict):
            tables.append(value)
    return tables


def description(doc: Document) -> tuple[str, str] | None:
    """(key, text) of the post's description; text is ``""`` when only empty ones exist.

    None when the front matter names no description at all.
    """
    empty: tuple[str, str] | None = None
    for table in _tables(doc):
        for key in DESCRIPTION_KEYS:
            if key not in table:
                continue
            value = table[key]
            if isinstance(value, str) and value.strip():
                return key, value.strip()
            if empty is None:
                empty = (key, "")
    return empty


def excerpt_words(doc: Document) -> int:
    """Words of the excerpt a generator would show for the post without a description.

    The excerpt is the prose before an excerpt marker (``<!-- more -->``,
    ``<!-- truncate -->``) when there is one, else the post's first paragraph
    (headings and image text before it aside). 0 when the post opens with
    something else: a list, a table, a quote, code.
    """
    marker = next((c.line for c in doc.comments
                   if c.text.strip().lower() in _EXCERPT_MARKERS), None)
    if marker is not None:
        return sum(len(b.text.split()) for b in doc.blocks
                   if b.line < marker and b.kind is not BlockKind.ALT_TEXT)
    for block in doc.blocks:
        if block.kind in (BlockKind.HEADING, BlockKind.ALT_TEXT):
            continue
        return len(block.text.split()) if block.kind is BlockKind.PARAGRAPH else 0
    return 0


def _key_line(doc: Document, key: str) -> int:
    """Line of the first front matter line that sets ``key`` (the title line if none)."""
    if not doc.front_matter.end_line:
        return doc.title_line
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*[:=]', re.MULTILINE)
    stop = doc.front_matter.end_line
    end = doc.line_starts[stop] if stop < len(doc.line_starts) else len(doc.source)
    match = pattern.search(doc.source, 0, end)
    return doc.position(match.start())[0] if match else doc.title_line


def _normalized(text: str) -> list[str]:
    return _NON_WORD.sub(" ", text.lower()).split()


def _contains(outer: list[str], inner: list[str]) -> bool:
    size = len(inner)
    return any(outer[i : i + size] == inner for i in range(len(outer) - size + 1))


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

    ## Options
    This rule has no options.
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
            line = _key_line(doc, "title")
        else:
            message = ("post has no title (no front matter 'title', no level-1 heading): "
                       "add one that says what readers get from it")
            line = 1
        yield ctx.finding(message, line=line)


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

    ## Options
    This rule has no options.
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
            line = _key_line(doc, found[0])
        elif excerpt_words(doc) >= EXCERPT_WORDS:
            return  # the generator shows the opening paragraph as the summary
        else:
            message = ("no description in the front matter, and no opening paragraph to "
                       "stand in for one: add a one- or two-sentence 'description', or open "
                       "with a paragraph that says what the post gives (search results and "
                       "link previews show it)")
            line = doc.title_line
        yield ctx.finding(message, line=line, weight=0.4)


class DescriptionRepeatsTitle(Rule):
    """A description that only repeats the title.

    ## What it does
    Compares the description (see META002 for where it is read from) with
    the title, ignoring case and punctuation, and reports it when they are
    the same, or when one holds the other with fewer than `min-extra-words`
    words added.

    ## Why it matters to readers
    Search results and link previews show the title and the description
    together. A description that says the title again wastes the one line
    where readers learn what the post gives them beyond its name.

    ## Example
    ```markdown
    ---
    title: Faster builds with a shared cache
    description: Faster builds with a shared cache.
    ---
    ```

    ## Use instead
    Say what the title does not: the result, the method, who it is for.
    `description: "How a shared cache cut our CI time from 40 to 12 minutes,
    and the two settings that mattered."`

    ## Options
    - `min-extra-words` (integer, default 4): a description that contains
      the title must add at least this many words.
    """

    code = "META003"
    name = "description-repeats-title"
    category = Category.METADATA
    severity = Severity.INFO
    options = (
        Option("min-extra-words", 4, "A description that contains the title must add at "
               "least this many words.", minimum=0, maximum=1000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        found = description(doc)
        title = _normalized(doc.title)
        if found is None or not found[1] or not title:
            return
        key, text = found
        said = _normalized(text)
        if not said:
            return
        extra = int(ctx.options["min-extra-words"])
        if said == title:
            what = "repeats the title"
        elif _contains(said, title) and len(said) - len(title) < extra:
            what = f"adds only {len(said) - len(title)} word(s) to the title"
        elif _contains(title, said):
            what = "is part of the title"
        else:
            return
        yield ctx.finding(
            f"front matter '{key}' \"{text}\" {what}: say what the post gives readers "
            "beyond its name",
            line=_key_line(doc, key), weight=0.5,
        )


RULES = (MissingTitle, MissingDescription, DescriptionRepeatsTitle)
