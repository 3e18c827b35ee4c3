"""Hyphenation points of English words, found as Pyphen finds them, for syllable counts.

A word missing from the pronouncing dictionary has as many syllables as
Pyphen finds hyphenation points in it, plus one (textstat's rule, see
:func:`valuelint_rules.readability.syllables`). Pyphen turns each of the
11,000 patterns of its ``hyph_en_US.dic`` into objects before the first word
(0.09 s); this module keeps each pattern as text under its letters (5 ms),
reads a pattern's digits the first time a word meets it, and applies the same
algorithm (Liang's, as ``pyphen.HyphDict`` implements it, with Pyphen's
default of two letters at least on each side).

A pattern file that uses what ``hyph_en_US.dic`` does not (nonstandard
hyphenation with ``/``, ``^^hh`` escapes, two digits in a row, digits other
than ASCII ones, an encoding other than UTF-8) is left to Pyphen itself.
"""

from __future__ import annotations

import re
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
_DIGITS = frozenset("0123456789")
# Read by Pyphen in a way of its own, with nonstandard hyphenation ("/") and
# escaped letters ("^^"): two digits in a row, and digits other than ASCII ones.
_TWO_DIGITS = re.compile("[0-9][0-9]")
_NOT_ASCII = re.compile("[^\x00-\x7f]")

Patterns = dict[str, tuple[int, tuple[int, ...]]]


def parse_patterns(text: str) -> Patterns | None:
    """{letters: (offset, values)} of a pattern file's text, as ``pyphen.HyphDict`` builds it.

    None when the file uses a feature this parser leaves to Pyphen.
    """
    raw = _raw_patterns(text)
    if raw is None:
        return None
    return {letters: found for letters, pattern in raw.items()
            if (found := _values(pattern)) is not None}


def _raw_patterns(text: str) -> dict[str, str] | None:
    """{letters: pattern} of every pattern of a file's text; None as above.

    Read with a few passes over the whole text rather than line by line (7 ms
    for ``hyph_en_US.dic``, against 0.09 s for Pyphen): a pattern's digits are
    read only when a word meets it (:meth:`Hyphenator.points`). A file with a
    pattern repeated, or with spaces, is left to Pyphen too: Pyphen's rules
    for those are line by line.
    """
    lines = [line for line in text.split("\n")[1:] if line and not line.startswith(_IGNORED)]
    body = "\n".join(lines)
    if ("\n".join(body.split()) != body or "/" in body or "^^" in body
            or _TWO_DIGITS.search(body)
            or any(char.isdecimal() for char in set(_NOT_ASCII.findall(body)))):
        return None
    # Digits are ASCII here, so they can be dropped from the UTF-8 bytes at once.
    letters = body.encode("utf-8").translate(None, b"0123456789").decode("utf-8")
    patterns = dict(zip(letters.split("\n"), lines, strict=True))
    return patterns if len(patterns) == len(lines) else None


def _values(pattern: str) -> tuple[int, tuple[int, ...]] | None:
    """(offset of the first non-zero value, the values from there to the last non-zero one)."""
    values = [0]
    for char in pattern:
        if char in _DIGITS:
            values[-1] = int(char)
        else:
            values.append(0)
    start, end = 0, len(values)
    while start < end and not values[start]:
        start += 1
    if start == end:
        return None
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


class Hyphenator:
    """Counts the hyphenation points of words with a set of Liang patterns."""

    def __init__(self, patterns: dict[str, str]) -> None:
        self._raw = patterns
        self._parsed: Patterns = {}
        self._longest = max(map(len, patterns), default=0)

    def _pattern(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        found = self._parsed.get(letters)
        if found is None:
            raw = self._raw.get(letters)
            if raw is None:
                return None
            # A pattern of zeros marks no point (Pyphen leaves it out).
            found = self._parsed[letters] = _values(raw) or (0, ())
        return found

    def points(self, word: str) -> int:
        """How many places ``word`` can be hyphenated, two letters at least from each end."""
        pointed = f".{word.lower()}."
        size = len(pointed)
        weights = [0] * (size + 1)
        raw = self._raw
        longest = self._longest
        for i in range(size - 1):
            for j in range(i + 1, min(i + longest, size) + 1):
                piece = pointed[i:j]
                if piece not in raw:
                    continue
                found = self._pattern(piece)
                if found is None:
                    continue
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
            patterns = _raw_patterns(data.decode("utf-8"))
            if patterns:
                return Hyphenator(patterns).points
    from pyphen import Pyphen

    pyphen = Pyphen(lang="en_US")
    return lambda word: len(pyphen.positions(word))
