"""A case-insensitive alternation of patterns, each tried only on texts that hold its key words.

Python's ``re`` tries every branch of an alternation at every place of a text.
When each branch needs words most texts lack ("guaranteed", "#", "world"),
that is wasted work: a branch whose key words are absent from a text cannot
match anywhere in it, and leaving it out changes nothing that the others find.
:class:`KeyedAlternation` checks the key words first, with plain substring
tests on the lowercased text, and runs the alternation of the branches that
remain (compiled once per combination), or nothing at all.

One case needs care: with ``re.IGNORECASE``, four non-ASCII letters match ASCII
ones although ``str.lower`` does not turn them into those letters (dotted and
dotless I, long s, the Kelvin sign). A text that holds one of them is searched
with the whole alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

__all__ = ["Branch", "KeyedAlternation"]

#: Letters that ``re.IGNORECASE`` matches to ASCII letters but ``str.lower`` keeps apart.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")

Branch = tuple[tuple[tuple[str, ...], ...], str]
"""(key words, pattern): the pattern can match only a text that holds, for every
group of the key words, at least one word of that group (lowercase)."""


class KeyedAlternation:
    """``re.compile("|".join(patterns), re.IGNORECASE)``, searched branch by needed branch."""

    def __init__(self, branches: Sequence[Branch]) -> None:
        self._keys = tuple(keys for keys, _ in branches)
        self._patterns = tuple(pattern for _, pattern in branches)
        self._compiled: dict[int, re.Pattern[str]] = {}

    @property
    def whole(self) -> re.Pattern[str]:
        """The whole alternation, compiled when first needed (its rule module loads
        faster without it: 9 ms for PROM005's)."""
        return self._compile((1 << len(self._patterns)) - 1)

    def _compile(self, mask: int) -> re.Pattern[str]:
        found = self._compiled.get(mask)
        if found is None:
            chosen = [p for bit, p in enumerate(self._patterns) if mask >> bit & 1]
            found = self._compiled[mask] = re.compile("|".join(chosen), re.IGNORECASE)
        return found

    def pattern_for(self, text: str) -> re.Pattern[str] | None:
        """The alternation of the branches that can match ``text``; None when none can."""
        if not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text):
            return self.whole
        lowered = text.lower()
        mask = 0
        for bit, keys in enumerate(self._keys):
            if all(any(word in lowered for word in group) for group in keys):
                mask |= 1 << bit
        return self._compile(mask) if mask else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``self.whole.finditer(text)`` finds."""
        pattern = self.pattern_for(text)
        return iter(()) if pattern is None else pattern.finditer(text)
