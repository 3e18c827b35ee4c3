"""A rule kind for word lists: report every phrase of a list found in the prose.

A :class:`PhraseRule` names its word list; users replace it with the
``phrases`` option or add to it with ``extend-phrases``. Matches inside
blockquotes, quotation marks, code and link URLs never count: those are not
the writer's own words. Nor do mentions: a phrase reported, negated, told as
narrative or said in an interview (see :mod:`valuelint_rules.mentions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from valuelint.rule import Finding, Option, Rule, RuleContext
from valuelint.wordlists import Match, load_markers, load_phrases, matcher_for
from valuelint_rules.mentions import mention

__all__ = ["PHRASE_OPTIONS", "USE_NOT_MENTION", "PhraseRule"]

PHRASE_OPTIONS = (
    Option("phrases", [], "Replace the built-in word list with these phrases "
           "(empty: use the built-in list)."),
    Option("extend-phrases", [], "Phrases to add to the word list."),
)


#: The paragraph a phrase rule's docstring names with a line ``{use-not-mention}``:
#: what every phrase rule reports and leaves alone, written once for every rule page.
USE_NOT_MENTION = """\
*Mentions are not reported.* Only a *use* counts: the writer addressing
the reader, with an imperative that starts its clause (after a sentence
start, a clause mark or a symbol, possibly after "please", "just", "now"
or "and", or after a directive frame such as "don't forget to", "be sure
to", "you should", "you can"), or the writer's own claim. A *mention* is
not reported: quoted or in a blockquote; in reported speech or a
reporting frame ("said", "asked", "explains how", "an article about",
"services that"); negated or contrasted ("not", "never", "over", "than",
"far from"); with a third-person or past-tense subject ("marketers want
results RIGHT NOW", "we were told to act now"); an inflected verb where
the list has an imperative ("bought followers" is not "buy followers");
or in a speaker-labelled interview line ("**A:** ...", "Q: ..."). The
frames are the `mention_*` word lists; phrases added with
`extend-phrases` are judged the same way.
"""
_PLACEHOLDER = re.compile(r"^( *)\{use-not-mention\}$", re.MULTILINE)


class PhraseRule(Rule):
    """Base class; not registered itself."""

    wordlist: ClassVar[str]
    """File name (without ``.txt``) in ``valuelint_rules/wordlists/``."""
    advice: ClassVar[str]
    """What to do instead, appended to every message."""
    options = PHRASE_OPTIONS

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__doc__:
            cls.__doc__ = _PLACEHOLDER.sub(_indented_use_not_mention, cls.__doc__)

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


def _indented_use_not_mention(placeholder: re.Match[str]) -> str:
    indent = placeholder.group(1)
    return "\n".join(indent + line if line else line
                     for line in USE_NOT_MENTION.rstrip("\n").split("\n"))
