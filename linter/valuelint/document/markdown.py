"""The Markdown parser valuelint reads posts with, and the limits of one post.

markdown-it-py is imported on the first parse only: commands that check
nothing (and runs served from the cache) never pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from valuelint.frontmatter import DocumentError

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = [
    "BUDGET",
    "MAX_LINES",
    "MAX_MARKDOWN_STEPS",
    "MAX_PROSE_TOKENS",
    "TooLargeError",
    "check_prose_size",
    "markdown",
]

#: Most lines one post may have. The Markdown parser keeps several numbers for
#: every line of a post before it reads any of them.
MAX_LINES = 200_000
#: Most steps the Markdown parser may take on one post: one for each place a
#: block or an inline element may start. Memory and time grow with them (up
#: to a few kilobytes and a hundred microseconds each, once every rule has
#: run); ordinary Markdown takes one for every 15 to 20 characters, so a post
#: of 2 MB is inside, while 1 MB of one-letter paragraphs is not.
MAX_MARKDOWN_STEPS = 250_000
#: Most words and punctuation marks of prose one post may hold: each is a token
#: of the language analysis, a few hundred bytes. A 5 MB post of prose has
#: about a million.
MAX_PROSE_TOKENS = 1_500_000
#: Key of the steps left in the parser's ``env`` (see :data:`MAX_MARKDOWN_STEPS`).
BUDGET = "valuelint.steps"
_PROSE_TOKEN = re.compile(r"\w+|[^\w\s]+")


class TooLargeError(DocumentError):
    """A post holds more than valuelint checks in one post."""


def _spend(env: Any) -> None:
    left = env.get(BUDGET)
    if left is None:
        return
    if left <= 0:
        raise TooLargeError(
            f"too much Markdown to check in one post: more than {MAX_MARKDOWN_STEPS:,} "
            "blocks and inline elements; split the post"
        )
    env[BUDGET] = left - 1


def _count_block(state: Any, start: int, end: int, silent: bool) -> bool:
    """A block rule that only counts: each place a block may start is a step."""
    _spend(state.env)
    return False


def _count_inline(state: Any, silent: bool) -> bool:
    """An inline rule that only counts: each place an inline element may start is a step."""
    _spend(state.env)
    return False


@cache
def markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    # Money is common in posts ("$5 and $10"): math needs "$x$" with no
    # space inside and no digit right after the closing dollar.
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False)
    # Keep escapes and entities as their own tokens, so their source form is known.
    md.disable("text_join", ignoreInvalid=True)
    # Count the parser's steps (see MAX_MARKDOWN_STEPS): first in every chain, so
    # that each attempt is counted, including the line-by-line checks for the
    # end of a paragraph, a quote or a list.
    md.block.ruler.before(md.block.ruler.get_all_rules()[0], "valuelint_count", _count_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.inline.ruler.before(md.inline.ruler.get_all_rules()[0], "valuelint_count",
                           _count_inline)
    return md




def check_prose_size(texts: Iterable[str]) -> None:
    """Raise :class:`TooLargeError` when ``texts`` hold more than :data:`MAX_PROSE_TOKENS`."""
    texts = list(texts)
    # Every token is at least one character long: prose of no more characters
    # than the limit holds no more tokens, and need not be counted.
    if sum(map(len, texts)) <= MAX_PROSE_TOKENS:
        return
    tokens = 0
    for text in texts:
        tokens += len(_PROSE_TOKEN.findall(text))
        if tokens > MAX_PROSE_TOKENS:
            raise TooLargeError(
                f"too much prose to check in one post: more than {MAX_PROSE_TOKENS:,} "
                "words and punctuation marks; split the post"
            )
