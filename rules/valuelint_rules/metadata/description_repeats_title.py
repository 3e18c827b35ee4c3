"""META003: a description that only repeats the title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.metadata._helpers import description, key_line

_NON_WORD = re.compile(r"[\W_]+")


def _normalized(text: str) -> list[str]:
    return _NON_WORD.sub(" ", text.lower()).split()


def _contains(outer: list[str], inner: list[str]) -> bool:
    size = len(inner)
    return any(outer[i : i + size] == inner for i in range(len(outer) - size + 1))


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
            line=key_line(ctx, key), weight=0.5,
        )
