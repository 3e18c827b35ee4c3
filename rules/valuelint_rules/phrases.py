"""A rule kind for word lists: report every phrase of a list found in the prose.

A :class:`PhraseRule` names its word list; users replace it with the
``phrases`` option or add to it with ``extend-phrases``. Matches inside
blockquotes, quotation marks, code and link URLs never count: those are not
the writer's own words.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from valuelint.rule import Finding, Option, Rule, RuleContext
from valuelint.wordlists import load_phrases, matcher_for

__all__ = ["PHRASE_OPTIONS", "PhraseRule"]

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
                yield self.report(ctx, index, match.start, match.end)

    def report(self, ctx: RuleContext, index: int, start: int, end: int) -> Finding:
        block = ctx.document.blocks[index]
        said = " ".join(block.text[start:end].split())
        return ctx.finding(f'"{said}": {self.advice}', block=block, start=start, end=end)
