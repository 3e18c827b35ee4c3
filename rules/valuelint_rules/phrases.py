"""A rule kind for word lists: report every phrase of a list found in the prose.

A :class:`PhraseRule` names its word list; users replace it with the
``phrases`` option or add to it with ``extend-phrases``. Matches inside
blockquotes, quotation marks, code and link URLs never count: those are not
the writer's own words. Nor do mentions: a phrase reported, negated, told as
narrative or said in an interview (see :mod:`valuelint_rules.mentions`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from valuelint.rule import Finding, Option, Rule, RuleContext
from valuelint.wordlists import Match, load_markers, load_phrases, matcher_for
from valuelint_rules.mentions import mention

__all__ = ["PHRASE_OPTIONS", "PhraseRule", "block_matches"]

PHRASE_OPTIONS = (
    Option("phrases", [], "Replace the built-in word list with these phrases "
           "(empty: use the built-in list)."),
    Option("extend-phrases", [], "Phrases to add to the word list."),
)


class PhraseRule(Rule):
    """Base class; not registered itself."""

    wordlist: ClassVar[str]
    """File name (without ``.txt``) in ``valuelint_rules/wordlists/``."""
    advice: ClassVar[str]
    """What to do instead, appended to every message."""
    options = PHRASE_OPTIONS

    def phrases(self, ctx: RuleContext) -> tuple[str, ...]:
        replaced = ctx.options.get("phrases") or []
        base = tuple(p.lower() for p in replaced) or load_phrases("valuelint_rules", self.wordlist)
        extra = tuple(p.lower() for p in ctx.options.get("extend-phrases") or [])
        return base + extra

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        matcher = matcher_for(self.phrases(ctx), ctx.pipeline)
        analysis = ctx.analysis
        for index, block in enumerate(ctx.document.blocks):
            if block.quoted:
                continue
            for match in matcher.finditer(analysis.tokens[index]):
                if self.is_use(ctx, index, match):
                    yield self.report(ctx, index, match.start, match.end)

    def markers(self, ctx: RuleContext) -> dict[str, frozenset[str]]:
        """Markers of the built-in list's phrases; none when the user replaced the list."""
        if ctx.options.get("phrases"):
            return {}
        return load_markers("valuelint_rules", self.wordlist)

    def is_use(self, ctx: RuleContext, index: int, match: Match) -> bool:
        """Whether a match is the writer's own pitch to the reader, not a mention of one."""
        markers = self.markers(ctx).get(match.phrase, frozenset())
        return mention(ctx, index, match.first_token, match.last_token, match.phrase,
                       markers=markers) is None

    def report(self, ctx: RuleContext, index: int, start: int, end: int) -> Finding:
        block = ctx.document.blocks[index]
        said = " ".join(block.text[start:end].split())
        return ctx.finding(f'"{said}": {self.advice}', block=block, start=start, end=end)


def block_matches(ctx: RuleContext, phrases: tuple[str, ...]) -> list[list[Match]]:
    """Matches of a word list in each block (none in blockquotes), once per post and list."""
    cache: dict[tuple[str, ...], list[list[Match]]] = ctx.shared.setdefault(
        "valuelint_rules.matches", {})
    found = cache.get(phrases)
    if found is None:
        matcher = matcher_for(phrases, ctx.pipeline)
        analysis = ctx.analysis
        found = cache[phrases] = [
            [] if block.quoted else list(matcher.finditer(analysis.tokens[index]))
            for index, block in enumerate(ctx.document.blocks)]
    return found
