"""Word lists: phrases kept as data, matched on words and lemmas.

A word list is a text file, one phrase per line; a line starting with ``#`` is a comment and
blank lines are ignored. The token ``<num>`` in a phrase matches any number
(``share this with <num> friends``). Phrases are tokenised with the same spaCy
tokenizer as the post and matched word by word, case-insensitively, on the
word or its lemma, so ``buy now`` also finds "Buying now". They are phrases,
never regular expressions: no user-supplied list can make matching slow.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from valuelint.language import Pipeline, Token

__all__ = ["Match", "PhraseMatcher", "load_phrases", "matcher_for", "read_word_list"]

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


def read_word_list(text: str) -> list[str]:
    """Phrases from a word list's text: comments and blank lines dropped, lowercased."""
    phrases: list[str] = []
    for raw in text.splitlines():
        line = raw.strip().lower()
        if line and not line.startswith("#") and line not in phrases:
            phrases.append(line)
    return phrases


@cache
def load_phrases(package: str, name: str) -> tuple[str, ...]:
    """The phrases of a word list shipped in a package's ``wordlists/`` folder."""
    text = resources.files(package).joinpath("wordlists", f"{name}.txt").read_text("utf-8")
    return tuple(read_word_list(text))


def read_word_list_file(path: Path) -> list[str]:
    return read_word_list(path.read_text("utf-8"))


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


class PhraseMatcher:
    """Finds phrases in token sequences; build once per list and pipeline."""

    def __init__(self, phrases: Iterable[str], pipeline: Pipeline) -> None:
        self._by_form: dict[str, list[tuple[str, tuple[_Word, ...]]]] = {}
        tokenizer = pipeline.nlp.tokenizer
        for phrase in phrases:
            texts: list[str] = []
            for chunk in phrase.split():
                if chunk == NUMBER:
                    texts.append(NUMBER)
                else:
                    texts.extend(tok.lower_ for tok in tokenizer(chunk) if not tok.is_space)
            if not texts:
                continue
            words = tuple(_word(text, pipeline) for text in texts)
            for form in words[0].forms:
                self._by_form.setdefault(form, []).append((phrase, words))

    def finditer(self, tokens: Sequence[Token], *, skip_quoted: bool = True) -> Iterator[Match]:
        """Non-overlapping matches, left to right, longest phrase first at each place."""
        i = 0
        count = len(tokens)
        by_form = self._by_form
        while i < count:
            token = tokens[i]
            candidates = by_form.get(token.lower, []) + by_form.get(token.lemma, [])
            if token.like_num:
                candidates += by_form.get(NUMBER, [])
            found: Match | None = None
            if candidates and not (skip_quoted and token.quoted):
                for phrase, words in sorted(candidates, key=lambda e: (-len(e[1]), e[0])):
                    end = i + len(words)
                    if end <= count and all(
                        words[k].matches(tokens[i + k]) for k in range(len(words))
                    ):
                        found = Match(phrase, i, end, token.start, tokens[end - 1].end)
                        break
            if found is not None:
                yield found
                i = found.last_token
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
