"""What several site rules share: how their messages name posts, quote text and give
shares, and which post of a pair a finding goes on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from valuelint.site.similarity import Pair, is_number_word, words_of

if TYPE_CHECKING:
    from valuelint.site.posts import SitePost

#: Sites with fewer published posts get no share or trend findings.
MIN_SITE_POSTS = 10


def percent(value: float) -> str:
    """A share (0-1) as a whole percentage: ``0.34`` is ``34%``."""
    return f"{round(value * 100)}%"


def listing(paths: Sequence[str], limit: int = 3) -> str:
    """The first ``limit`` paths, then how many more: ``a.md, b.md and 2 more``."""
    shown = ", ".join(paths[:limit])
    more = len(paths) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def excerpt(text: str, words: int = 8) -> str:
    """The first ``words`` words of ``text``, quoted, with ``...`` when there are more."""
    parts = text.split()
    cut = " ".join(parts[:words])
    return f'"{cut}{"..." if len(parts) > words else ""}"'


def publication_order(post: SitePost) -> tuple[bool, date, str]:
    """Publication order: dated posts by date, then undated ones, then by path."""
    return (post.date is None, post.date or date.min, post.path)


def by_later_post(posts: Sequence[SitePost],
                  pairs: Sequence[Pair]) -> dict[int, list[tuple[int, Pair]]]:
    """Each pair under its later post (by date, then path), with the earlier post.

    A finding about a pair goes on the later post: its writer repeated the other
    one and can act on it; the earlier post was fine when it was published.
    Later posts come in index order, each one's pairs in the order given.
    """
    found: dict[int, list[tuple[int, Pair]]] = defaultdict(list)
    for pair in pairs:
        earlier, later = sorted((pair.first, pair.second),
                                key=lambda i: publication_order(posts[i]))
        found[later].append((earlier, pair))
    return dict(sorted(found.items()))


def days_apart(earlier: SitePost, later: SitePost) -> float:
    """Days from one post's date to the other's; minus infinity when one is undated."""
    if earlier.date is None or later.date is None:
        return float("-inf")
    return (later.date - earlier.date).days


def is_series(first: SitePost, second: SitePost) -> bool:
    """True when two titles differ only in numbers or months: installments of a series
    ("1.58.0 pre-release testing", "1.59.0 pre-release testing")."""
    a, b = words_of(first.title), words_of(second.title)
    return bool(a) and a != b and len(a) == len(b) and all(
        x == y or (is_number_word(x) and is_number_word(y)) for x, y in zip(a, b, strict=True))
