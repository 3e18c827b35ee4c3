"""Hyphenation points of English words, found as Pyphen finds them, for syllable counts.

A word missing from the pronouncing dictionary has as many syllables as
Pyphen finds hyphenation points in it, plus one (textstat's rule, see
:func:`valuelint_rules.readability.syllables`). Pyphen turns each of the
11,000 patterns of its ``hyph_en_US.dic`` into objects before the first word
(0.09 s); this module reads the same file into plain tuples in a third of
that time and applies the same algorithm (Liang's, as ``pyphen.HyphDict``
implements it, with Pyphen's default of two letters at least on each side).

A pattern file that uses what ``hyph_en_US.dic`` does not (nonstandard
hyphenation with ``/``, ``^^hh`` escapes, an encoding other than UTF-8) is
left to Pyphen itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.util import find_spec
from pathlib import Path

__all__ = ["Hyphenator", "english_points", "parse_patterns"]

#: Lines Pyphen skips: comments and the hyphen-minimum settings.
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN",
            "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
#: Letters kept on each side of a hyphenation point: Pyphen's default.
_LEFT = _RIGHT = 2

Patterns = dict[str, tuple[int, tuple[int, ...]]]


def parse_patterns(text: str) -> Patterns | None:
    """{letters: (offset, values)} of a pattern file's text, as ``pyphen.HyphDict`` builds it.

    None when a line uses a feature this parser leaves to Pyphen.
    """
    patterns: Patterns = {}
    for raw in text.split("\n")[1:]:
        line = raw.strip()
        if not line or line.startswith(_IGNORED):
            continue
        if "/" in line or "^^" in line:
            return None
        letters: list[str] = []
        values = [0]
        digit_before = False
        for char in line:
            if char.isdecimal():
                if digit_before:
                    return None  # Two digits in a row: Pyphen reads them otherwise.
                values[-1] = int(char)
                digit_before = True
            else:
                letters.append(char)
                values.append(0)
                digit_before = False
        start, end = 0, len(values)
        while start < end and not values[start]:
            start += 1
        if start == end:
            continue  # Only zeros: no hyphenation point.
        while not values[end - 1]:
            end -= 1
        patterns["".join(letters)] = start, tuple(values[start:end])
    return patterns


class Hyphenator:
    """Counts the hyphenation points of words with a set of Liang patterns."""

    def __init__(self, patterns: Patterns) -> None:
        self._patterns = patterns
        self._longest = max(map(len, patterns), default=0)

    def points(self, word: str) -> int:
        """How many places ``word`` can be hyphenated, two letters at least from each end."""
        pointed = f".{word.lower()}."
        size = len(pointed)
        weights = [0] * (size + 1)
        get = self._patterns.get
        longest = self._longest
        for i in range(size - 1):
            for j in range(i + 1, min(i + longest, size) + 1):
                found = get(pointed[i:j])
                if found is not None:
                    offset, values = found
                    at = i + offset
                    for value in values:
                        if at > size:
                            break
                        if value > weights[at]:
                            weights[at] = value
                        at += 1
        # weights[i] is the point before pointed[i], which is word[i - 1].
        last = len(word) - _RIGHT
        return sum(1 for i in range(_LEFT + 1, last + 2) if weights[i] % 2)


def _pattern_file() -> Path | None:
    """Pyphen's English (US) patterns, found without importing Pyphen."""
    spec = find_spec("pyphen")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder, "dictionaries", "hyph_en_US.dic")
        if path.is_file():
            return path
    return None


@cache
def english_points() -> Callable[[str], int]:
    """The function counting a word's hyphenation points with Pyphen's en_US patterns."""
    path = _pattern_file()
    if path is not None:
        data = path.read_bytes()
        if data.split(b"\n", 1)[0].strip().upper() in (b"UTF-8", b"UTF8"):
            patterns = parse_patterns(data.decode("utf-8"))
            if patterns:
                return Hyphenator(patterns).points
    from pyphen import Pyphen

    pyphen = Pyphen(lang="en_US")
    return lambda word: len(pyphen.positions(word))
