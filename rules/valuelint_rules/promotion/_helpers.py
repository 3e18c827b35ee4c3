"""What the promotion rules share: an exact-form phrase matcher, names, spans, severities."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from valuelint.document import BlockKind, ProseBlock
from valuelint.language import Pipeline, Token
from valuelint.rule import RuleContext
from valuelint.wordlists import NUMBER, Match, phrase_words
from valuelint_rules.mentions import sentence_index

PACKAGE = "valuelint_rules"


class ExactMatcher:
    """Finds phrases by their exact word forms, case-insensitively.

    Lexicon lists hold adjectives whose lemmas are other words ("leading" ->
    "lead", "celebrated" -> "celebrate"); they match only as written. Same
    interface as :class:`valuelint.wordlists.PhraseMatcher`.
    """

    def __init__(self, phrases: Sequence[str], pipeline: Pipeline) -> None:
        #: (phrase, its words, whether a word is NUMBER) by first word, longest first.
        self._by_first: dict[str, list[tuple[str, list[str], bool]]] = {}
        for phrase in phrases:
            words = phrase_words(phrase, pipeline)
            if words:
                self._by_first.setdefault(words[0], []).append(
                    (phrase, list(words), NUMBER in words))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: (-len(e[1]), e[0]))

    def finditer(self, tokens: Sequence[Token], *, skip_quoted: bool = True,
                 lowers: list[str] | None = None) -> Iterator[Match]:
        """Non-overlapping matches, left to right, longest phrase first at each place.

        ``lowers``, the tokens' lowercase forms, may be given by a caller that
        tries several matchers on the same tokens.
        """
        if lowers is None:
            lowers = [token.lower for token in tokens]
        count = len(tokens)
        by_first = self._by_first
        numbers = by_first.get(NUMBER)
        # The places where a phrase can start, found in one quick pass; phrases
        # are compared only there, a whole phrase at once unless it holds NUMBER.
        if numbers:
            starts = [i for i, word in enumerate(lowers)
                      if word in by_first or tokens[i].like_num]
        else:
            starts = [i for i, word in enumerate(lowers) if word in by_first]
        free = 0
        for i in starts:
            if i < free:
                continue  # Inside the previous match.
            token = tokens[i]
            if skip_quoted and token.quoted:
                continue
            candidates = by_first.get(lowers[i], [])
            if numbers and token.like_num:
                candidates = candidates + numbers
            for phrase, words, has_number in candidates:
                end = i + len(words)
                if end > count:
                    continue
                if has_number:
                    if not all(tokens[i + k].like_num if word == NUMBER else lowers[i + k] == word
                               for k, word in enumerate(words)):
                        continue
                elif lowers[i:end] != words:
                    continue
                free = end
                yield Match(phrase, i, end, token.start, tokens[end - 1].end)
                break


_exact_matchers: dict[tuple[int, tuple[str, ...]], ExactMatcher] = {}


def exact_matcher_for(phrases: Sequence[str], pipeline: Pipeline) -> ExactMatcher:
    """The exact-form matcher for a list of phrases, built once per process and pipeline."""
    key = (id(pipeline), tuple(phrases))
    matcher = _exact_matchers.get(key)
    if matcher is None:
        matcher = _exact_matchers[key] = ExactMatcher(phrases, pipeline)
    return matcher


def sentence_starts(ctx: RuleContext, block: int) -> set[int]:
    """The first token of each sentence of block ``block``."""
    return {s.first_token for s in sentence_index(ctx).get(block, [])}


def looks_like_name(tokens: Sequence[Token], match: Match, block: ProseBlock,
                    starts: set[int]) -> bool:
    """True when the matched words are part of a name ("Great Britain", "the Premier").

    Headings are often written in title case, so only running prose is judged.
    """
    if block.kind is BlockKind.HEADING:
        return False
    text = tokens[match.first_token].text
    if not text[:1].isupper() or text.isupper():
        return False
    if match.first_token not in starts:
        return True
    if match.last_token < len(tokens):
        after = tokens[match.last_token].text
        return after[:1].isupper() and after.isalpha() and not after.isupper()
    return False


def span_text(block: ProseBlock, start: int, end: int) -> str:
    """``block.text[start:end]`` with its whitespace collapsed: the words a finding quotes."""
    return " ".join(block.text[start:end].split())


def severity_is_default(ctx: RuleContext) -> bool:
    """True unless the user set this rule's severity in the configuration."""
    return str(ctx.options.get("severity", ctx.rule.severity)) == ctx.rule.severity.value
