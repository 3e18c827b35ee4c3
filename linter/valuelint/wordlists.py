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
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

from valuelint.language import Pipeline, Token

__all__ = [
    "NUMBER", "Forms", "Match", "PhraseList", "PhraseMatcher", "PhraseScanner", "load_markers",
    "load_phrases", "matcher_for", "phrase_words", "read_marked_word_list", "read_word_list",
    "scanner_for",
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
    plain_english = pipeline.language == "en"
    for piece in phrase.split():
        if piece == NUMBER:
            words.append(NUMBER)
        elif plain_english and piece.isascii() and piece.isalpha() and piece.islower() \
                and piece not in pipeline.special_cases():
            words.append(piece)
        else:
            words.extend(tok.lower_ for tok in pipeline.tokenize(piece) if not tok.is_space)
    return words


class Forms(StrEnum):
    """Which forms of a token the words of a list's phrases match."""

    LEMMAS = "lemmas"
    """The word as written or its lemma: ``buy now`` also finds "Buying now"."""
    WRITTEN = "written"
    """The word as written only: ``leading`` does not find "lead", nor ``shocking`` "shocked"."""


@dataclass(frozen=True, slots=True)
class PhraseList:
    """A word list as a matcher takes it: its phrases and which forms of a word they match."""

    phrases: tuple[str, ...]
    forms: Forms = Forms.LEMMAS


def _forms(text: str, pipeline: Pipeline, forms: Forms) -> tuple[str, ...]:
    """The token forms (lowercase word or lemma) that match one word of a phrase."""
    if text == NUMBER or forms is Forms.WRITTEN:
        return (text,)
    lemma = pipeline.lemma(text)
    # "shows" matches "show"/"showed"; but "best" must not match "well", its
    # lookup lemma: only a lemma that shares the word's stem is a form of it.
    if lemma != text and lemma[:3] == text[:3]:
        return tuple(sorted((text, lemma)))
    return (text,)


class _Node:
    """A node of a phrase trie: the words that may come next, and the phrases ending here."""

    __slots__ = ("ends", "next")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.ends: list[tuple[int, int, str]] = []
        """(list number, number of words, phrase) of each phrase that ends at this node."""


class PhraseScanner:
    """Finds the phrases of several word lists in one pass over a block's tokens.

    The phrases are kept in two tries keyed by word forms, one for lists that
    match lemmas and one for lists that match words as written, so a token
    costs a few dictionary look-ups however many phrases and lists there are.
    Each list keeps its own matches, as if it were searched alone: left to
    right, never overlapping each other, at each place the longest phrase
    (then the first alphabetically); matches of different lists may overlap.
    A list is added once (:meth:`add`) and scanned for from then on.
    """

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self._roots = {Forms.LEMMAS: _Node(), Forms.WRITTEN: _Node()}
        self._numbers: dict[int, PhraseList] = {}
        self._lists: dict[PhraseList, int] = {}
        self._kinds: frozenset[Forms] = frozenset()
        """The kinds of the lists added so far."""
        self._firsts: dict[frozenset[Forms], tuple[frozenset[str], frozenset[str], bool]] = {}
        """Per kind of lists scanned for: the words and lemmas a phrase may start with,
        and whether one starts with a number (cleared when a list is added)."""

    @property
    def lists(self) -> tuple[PhraseList, ...]:
        """The lists added so far, in the order they were added."""
        return tuple(self._lists)

    def add(self, phrases: PhraseList) -> int:
        """Add a list (once: adding it again does nothing); its number in :attr:`lists`."""
        number = self._lists.get(phrases)
        if number is not None:
            return number
        number = self._lists[phrases] = len(self._lists)
        self._numbers[number] = phrases
        self._kinds = self._kinds | {phrases.forms}
        self._firsts.clear()
        root = self._roots[phrases.forms]
        for phrase in phrases.phrases:
            texts = phrase_words(phrase, self._pipeline)
            if not texts:
                continue
            # A word with two forms ("shows", "show") branches: the phrase ends at
            # every node its forms lead to.
            nodes = [root]
            for text in texts:
                reached: dict[int, _Node] = {}
                for node in nodes:
                    for form in _forms(text, self._pipeline, phrases.forms):
                        child = node.next.setdefault(form, _Node())
                        reached[id(child)] = child
                nodes = list(reached.values())
            end = (number, len(texts), phrase)
            for node in nodes:
                if end not in node.ends:
                    node.ends.append(end)
        return number

    def _first_words(self, kinds: frozenset[Forms]) -> tuple[frozenset[str], frozenset[str], bool]:
        """The first words of the phrases of lists of these kinds, as written and as lemmas,
        and whether a phrase starts with a number."""
        roots = [self._roots[forms].next for forms in kinds]
        words = frozenset(key for root in roots for key in root if key != NUMBER)
        lemmas = frozenset(key for key in self._roots[Forms.LEMMAS].next if key != NUMBER) \
            if Forms.LEMMAS in kinds else frozenset()
        return words, lemmas, any(NUMBER in root for root in roots)

    def scan(self, tokens: Sequence[Token], wanted: Iterable[int] | None = None, *,
             skip_quoted: bool = True) -> dict[int, list[Match]]:
        """The matches of each wanted list (all by default) in ``tokens``, by list number;
        a list with no match in ``tokens`` is left out.

        A match never starts on a quoted token when ``skip_quoted``.
        """
        if wanted is None:
            numbers: Collection[int] = self._numbers.keys()
            kinds = self._kinds
        else:
            numbers = set(wanted)
            kinds = frozenset(self._numbers[number].forms for number in numbers)
        firsts = self._firsts.get(kinds)
        if firsts is None:
            firsts = self._firsts[kinds] = self._first_words(kinds)
        words, lemmas, numbered = firsts
        # The places where a phrase may start, found in one quick pass; the tries
        # are walked only from there.
        starts = [i for i, token in enumerate(tokens) if token.lower in words
                  or token.lemma in lemmas or (numbered and token.like_num)]
        found: dict[int, list[Match]] = {}
        if not starts:
            return found
        by_lemma = Forms.LEMMAS in kinds
        as_written = Forms.WRITTEN in kinds
        # Per list, the first token a match may start on: the end of its previous match.
        free: dict[int, int] = {}
        for i in starts:
            token = tokens[i]
            if skip_quoted and token.quoted:
                continue
            best: dict[int, tuple[int, str]] = {}
            if by_lemma:
                _longest(self._roots[Forms.LEMMAS], tokens, i, True, best)
            if as_written:
                _longest(self._roots[Forms.WRITTEN], tokens, i, False, best)
            for number, (length, phrase) in best.items():
                if number in numbers and i >= free.get(number, 0):
                    end = i + length
                    match = Match(phrase, i, end, token.start, tokens[end - 1].end)
                    found.setdefault(number, []).append(match)
                    free[number] = end
        return found


def _longest(root: _Node, tokens: Sequence[Token], i: int, lemmas: bool,
             best: dict[int, tuple[int, str]]) -> None:
    """Record in ``best`` each list's phrase at ``tokens[i]``: the longest, then the first
    alphabetically. ``lemmas``: a token's lemma matches as well as its word."""
    nodes = [root]
    at = i
    count = len(tokens)
    while nodes and at < count:
        token = tokens[at]
        lower = token.lower
        lemma = token.lemma if lemmas and token.lemma != lower else None
        reached: list[_Node] = []
        for node in nodes:
            following = node.next
            # A <num> word matches any number and nothing else.
            for key in (lower, lemma, NUMBER if token.like_num else None):
                if key is None or (key == NUMBER and not token.like_num):
                    continue
                child = following.get(key)
                if child is not None and child not in reached:
                    reached.append(child)
        nodes = reached
        for node in nodes:
            for number, length, phrase in node.ends:
                known = best.get(number)
                if known is None or (-length, phrase) < (-known[0], known[1]):
                    best[number] = (length, phrase)
        at += 1


class PhraseMatcher:
    """Finds the phrases of one word list in token sequences; build once per list and pipeline."""

    def __init__(self, phrases: Iterable[str], pipeline: Pipeline,
                 forms: Forms = Forms.LEMMAS) -> None:
        self._scanner = PhraseScanner(pipeline)
        self._scanner.add(PhraseList(tuple(phrases), forms))

    def finditer(self, tokens: Sequence[Token], *, skip_quoted: bool = True) -> Iterator[Match]:
        """Non-overlapping matches, left to right, longest phrase first at each place."""
        return iter(self._scanner.scan(tokens, skip_quoted=skip_quoted).get(0, ()))


_matchers: dict[tuple[int, PhraseList], PhraseMatcher] = {}


def matcher_for(phrases: Sequence[str], pipeline: Pipeline,
                forms: Forms = Forms.LEMMAS) -> PhraseMatcher:
    """The matcher for a list of phrases, compiled once per process and pipeline."""
    key = (id(pipeline), PhraseList(tuple(phrases), forms))
    matcher = _matchers.get(key)
    if matcher is None:
        matcher = _matchers[key] = PhraseMatcher(key[1].phrases, pipeline, forms)
    return matcher


_scanners: dict[int, PhraseScanner] = {}


def scanner_for(pipeline: Pipeline) -> PhraseScanner:
    """The process's scanner for a pipeline, holding every list added to it so far."""
    scanner = _scanners.get(id(pipeline))
    if scanner is None:
        scanner = _scanners[id(pipeline)] = PhraseScanner(pipeline)
    return scanner
