"""Word lists: phrases kept as data, matched on words and lemmas.

A word list is a text file, one phrase per line; a line starting with ``#`` is a comment and
blank lines are ignored. The token ``<num>`` in a phrase matches any number
(``share this with <num> friends``). A phrase may end with markers in braces,
``don't wait {clause-end}``: words that tell the rule (and the word-list tests)
something about the phrase; which markers mean what is up to the rule and is
said in the list's header. Phrases given in the configuration have no markers.
Phrases are tokenised with the same spaCy tokenizer as the post and matched
word by word, case-insensitively, on the word or its lemma, so ``buy now``
also finds "Buying now". They are phrases, never regular expressions: no
user-supplied list can make matching slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from valuelint.language import Pipeline, Token

__all__ = [
    "NUMBER", "Match", "PhraseMatcher", "load_markers", "load_phrases", "matcher_for",
    "phrase_words", "read_marked_word_list", "read_word_list",
]

NUMBER = "<num>"


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found in a block: token range and text offsets."""

    phrase: str
    first_token: int
    last_token: int
    """Index after the last matched token."""
    start: int
    """Offset in the block's text."""
    end: int


_MARKERS = re.compile(r"\s*\{([a-z0-9 ,-]*)\}\s*$")


def read_marked_word_list(text: str) -> dict[str, frozenset[str]]:
    """Each phrase of a word list's text with its markers, in the list's order.

    ``don't wait {clause-end}`` gives ``"don't wait": {"clause-end"}``;
    comments and blank lines are dropped, phrases lowercased, a repeated
    phrase keeps its first line.
    """
    phrases: dict[str, frozenset[str]] = {}
    for raw in text.splitlines():
        line = raw.strip().lower()
        if not line or line.startswith("#"):
            continue
        markers: frozenset[str] = frozenset()
        found = _MARKERS.search(line)
        if found:
            markers = frozenset(m.strip() for m in found.group(1).split(",") if m.strip())
            line = line[:found.start()]
        if line and line not in phrases:
            phrases[line] = markers
    return phrases


def read_word_list(text: str) -> list[str]:
    """Phrases from a word list's text: comments, blank lines and markers dropped, lowercased."""
    return list(read_marked_word_list(text))


@cache
def load_markers(package: str, name: str) -> dict[str, frozenset[str]]:
    """The phrases of a shipped word list, each with its markers (do not modify)."""
    text = resources.files(package).joinpath("wordlists", f"{name}.txt").read_text("utf-8")
    return read_marked_word_list(text)


@cache
def load_phrases(package: str, name: str) -> tuple[str, ...]:
    """The phrases of a word list shipped in a package's ``wordlists/`` folder."""
    return tuple(load_markers(package, name))


def read_word_list_file(path: Path) -> list[str]:
    return read_word_list(path.read_text("utf-8"))


def phrase_words(phrase: str, pipeline: Pipeline) -> list[str]:
    """The lowercased words of a phrase as the post's tokenizer splits them; ``<num>`` is one.

    spaCy's English tokenizer leaves a word of plain lowercase letters whole
    unless it is one of its special cases ("cannot" is "can" and "not"), so such
    a word is taken as it is. Skipping spaCy for the other 95% of the words of
    the shipped lists saves 0.05 s on the first post of every process.
    """
    words: list[str] = []
    tokenizer = pipeline.nlp.tokenizer
    plain_english = pipeline.language == "en"
    for piece in phrase.split():
        if piece == NUMBER:
            words.append(NUMBER)
        elif plain_english and piece.isascii() and piece.isalpha() and piece.islower() \
                and piece not in pipeline.special_cases():
            words.append(piece)
        else:
            words.extend(tok.lower_ for tok in tokenizer(piece) if not tok.is_space)
    return words


@dataclass(frozen=True, slots=True)
class _Word:
    """One word of a phrase and the forms of a token that match it."""

    forms: frozenset[str]

    def matches(self, token: Token) -> bool:
        if NUMBER in self.forms:
            return token.like_num
        return token.lower in self.forms or token.lemma in self.forms


def _word(text: str, pipeline: Pipeline) -> _Word:
    if text == NUMBER:
        return _Word(frozenset({NUMBER}))
    lemma = pipeline.lemma(text)
    # "shows" matches "show"/"showed"; but "best" must not match "well", its
    # lookup lemma: only a lemma that shares the word's stem is a form of it.
    if lemma != text and lemma[:3] == text[:3]:
        return _Word(frozenset({text, lemma}))
    return _Word(frozenset({text}))


class _Node:
    """A node of the phrase trie: the words that may come next, and the phrases ending here."""

    __slots__ = ("ends", "next")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.ends: list[tuple[int, str]] = []
        """(number of words, phrase) of each phrase that ends at this node."""


class PhraseMatcher:
    """Finds phrases in token sequences; build once per list and pipeline.

    The phrases are kept in a trie keyed by word forms, so a token costs a
    few dictionary look-ups however many phrases the list holds.
    """

    def __init__(self, phrases: Iterable[str], pipeline: Pipeline) -> None:
        self._root = _Node()
        for phrase in phrases:
            texts = phrase_words(phrase, pipeline)
            if not texts:
                continue
            words = tuple(_word(text, pipeline) for text in texts)
            # A word with two forms ("shows", "show") branches: the phrase ends at
            # every node its forms lead to.
            nodes = [self._root]
            for word in words:
                reached: dict[int, _Node] = {}
                for node in nodes:
                    for form in sorted(word.forms):
                        child = node.next.setdefault(form, _Node())
                        reached[id(child)] = child
                nodes = list(reached.values())
            for node in nodes:
                if (len(words), phrase) not in node.ends:
                    node.ends.append((len(words), phrase))

    def _longest(self, tokens: Sequence[Token], i: int) -> tuple[int, str] | None:
        """The phrase matching at ``tokens[i]``: the longest, then the first alphabetically."""
        best: tuple[int, str] | None = None
        nodes = [self._root]
        at = i
        count = len(tokens)
        while nodes and at < count:
            token = tokens[at]
            # A <num> word matches any number and nothing else.
            keys = {token.lower, token.lemma} - {NUMBER}
            if token.like_num:
                keys.add(NUMBER)
            found: dict[int, _Node] = {}
            for node in nodes:
                for key in keys:
                    child = node.next.get(key)
                    if child is not None:
                        found[id(child)] = child
            nodes = list(found.values())
            for node in nodes:
                for length, phrase in node.ends:
                    if best is None or (-length, phrase) < (-best[0], best[1]):
                        best = (length, phrase)
            at += 1
        return best

    def finditer(self, tokens: Sequence[Token], *, skip_quoted: bool = True) -> Iterator[Match]:
        """Non-overlapping matches, left to right, longest phrase first at each place."""
        i = 0
        count = len(tokens)
        first = self._root.next
        while i < count:
            token = tokens[i]
            found: tuple[int, str] | None = None
            if not (skip_quoted and token.quoted) and (
                (token.lower in first and token.lower != NUMBER)
                or (token.lemma in first and token.lemma != NUMBER)
                or (token.like_num and NUMBER in first)
            ):
                found = self._longest(tokens, i)
            if found is not None:
                length, phrase = found
                end = i + length
                yield Match(phrase, i, end, token.start, tokens[end - 1].end)
                i = end
            else:
                i += 1


_matchers: dict[tuple[int, tuple[str, ...]], PhraseMatcher] = {}


def matcher_for(phrases: Sequence[str], pipeline: Pipeline) -> PhraseMatcher:
    """The matcher for a list of phrases, compiled once per process and pipeline."""
    key = (id(pipeline), tuple(phrases))
    matcher = _matchers.get(key)
    if matcher is None:
        matcher = _matchers[key] = PhraseMatcher(phrases, pipeline)
    return matcher
