"""Link text: a reader should know where a link goes before following it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from valuelint.document import Document, Link
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity

_NOT_WORD = re.compile(r"[^\w\s]+")


def _normalize(text: str) -> str:
    """Lower case, punctuation dropped, whitespace collapsed: "Click HERE!" -> "click here"."""
    return " ".join(_NOT_WORD.sub(" ", text).lower().split())


def _end_column(document: Document, link: Link) -> int:
    """Exclusive end column of ``[text]`` when it closes on the link's line."""
    line_start = document.line_starts[link.line - 1]
    start = line_start + link.column - 1
    line_end = line_start + document.line_length(link.line)
    close = document.source.find("]", start, line_end)
    if close == -1:
        return document.line_length(link.line) + 1
    return close - line_start + 2


class NoClickHere(Rule):
    """Link text that says "click here" instead of where the link goes.

    ## What it does
    Reports Markdown links whose whole text is a vague phrase from the
    `link-texts` option ("click here", "here", "this link", "read more",
    ...), compared case-insensitively and ignoring punctuation. A link whose
    text names its destination ("the pytest documentation") is never
    reported. HTML `<a>` links are not checked.

    ## Why it matters to readers
    Readers skim links to decide where to go next, and screen-reader users
    often hear a page's links as a list, out of context. "Click here" tells
    them nothing about what is behind the link, so they have to read around
    it or follow it blind.

    ## Example
    ```markdown
    The full benchmark results are online: [click here](https://example.com/bench).
    ```

    ## Use instead
    Make the link text say what the reader gets:

    ```markdown
    Read the [full benchmark results](https://example.com/bench).
    ```
    """

    code = "EXMP001"
    name = "no-click-here"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    options = (
        Option("link-texts",
               ["click here", "click", "here", "this link", "link", "read more", "more"],
               "Link texts to report, compared without case or punctuation."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        vague = {_normalize(text) for text in ctx.options["link-texts"]}
        document = ctx.document
        for link in document.links:
            said = _normalize(link.text)
            if not said or said not in vague:
                continue
            # ctx.finding() applies the configured severity; it places a finding
            # on a prose block or a whole line, so narrow it to the link itself.
            found = ctx.finding(
                f'link text "{link.text}" does not say where the link goes; '
                "name the destination instead",
                line=link.line,
            )
            yield dataclasses.replace(found, column=link.column,
                                      end_column=_end_column(document, link))
