"""Lexicon rules: graded word lists of praise and verdicts, matched on exact word forms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from valuelint.rule import Finding, Option, Rule, RuleContext
from valuelint.wordlists import Forms, Match, PhraseList, load_phrases
from valuelint_rules.mentions import Kind, mention
from valuelint_rules.phrases import PACKAGE, phrase_matches, span_text
from valuelint_rules.promotion._helpers import looks_like_name, sentence_starts

LEXICON_OPTIONS = (
    Option("phrases", [], "Replace the built-in word lists with these phrases "
           "(empty: use the built-in lists)."),
    Option("extend-phrases", [], "Phrases to add to the word list."),
)


class Lexicon(Rule):
    """Base of the rules that find words of graded word lists, as written; not registered
    itself."""

    tiers: ClassVar[tuple[tuple[str, float], ...]]
    """(word list, weight of one match) pairs, strongest first."""
    yields_to: ClassVar[tuple[str, ...]] = ()
    """Word lists of other rules whose matches take the words first."""

    def matches(self, ctx: RuleContext) -> list[tuple[int, Match, float]]:
        """(block index, match, tier weight) of every listed phrase in the writer's prose."""
        replaced = tuple(p.lower() for p in ctx.options.get("phrases") or [])
        extra = tuple(p.lower() for p in ctx.options.get("extend-phrases") or [])
        lists: list[tuple[tuple[str, ...], float]]
        if replaced:
            lists = [(replaced + extra, self.tiers[0][1])]
        else:
            lists = [(load_phrases(PACKAGE, name) + (extra if i == 0 else ()), weight)
                     for i, (name, weight) in enumerate(self.tiers)]
        # The lists that take the words first weigh nothing here.
        lists = [(load_phrases(PACKAGE, name), 0.0) for name in self.yields_to] + lists
        tiers = [(phrase_matches(ctx, PhraseList(phrases, Forms.WRITTEN)), weight)
                 for phrases, weight in lists if phrases]
        analysis = ctx.analysis
        found: list[tuple[int, Match, float]] = []
        for index, block in enumerate(ctx.document.blocks):
            if not any(matches[index] for matches, _ in tiers):
                continue
            tokens = analysis.tokens[index]
            starts = sentence_starts(ctx, index)
            taken: set[int] = set()
            for matches, weight in tiers:
                for match in matches[index]:
                    span = range(match.first_token, match.last_token)
                    if taken.intersection(span) or looks_like_name(tokens, match, block, starts):
                        continue
                    taken.update(span)
                    if weight and mention(ctx, index, match.first_token, match.last_token,
                                          kind=Kind.CLAIM) is None:
                        found.append((index, match, weight))
        found.sort(key=lambda item: (item[0], item[1].start))
        return found


def density_options(default: float) -> tuple[Option, ...]:
    """The ``min-density`` option of a density-gated lexicon rule."""
    return (Option("min-density", default, "Report only when the weighted count of listed "
                   "words per 100 words of prose reaches this (a text under 50 words counts "
                   "as 50).", minimum=0.0, maximum=100.0),)


#: A text shorter than this many words counts as this long for density.
SHORT_TEXT = 50


class DensityLexicon(Lexicon):
    """A lexicon rule that reports only where listed words are dense."""

    advice: ClassVar[str]

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        found = self.matches(ctx)
        if not found:
            return
        words = max(ctx.document.word_count, SHORT_TEXT)
        density = 100 * sum(weight for _, _, weight in found) / words
        if density < float(ctx.options["min-density"]):
            return
        scale = min(1.0, SHORT_TEXT / words)
        for index, match, weight in found:
            block = ctx.document.blocks[index]
            said = span_text(block, match.start, match.end)
            yield ctx.finding(
                f'"{said}": {self.advice} ({density:.1f} such words per 100)',
                block=block, start=match.start, end=match.end,
                weight=round(max(0.1, weight * scale), 2))
