"""Phrase rules: a word list, a message and the frames that tell a use from a mention.

A phrase rule is a declaration, as a Vale ``existence`` rule or a proselint
``Check`` is: a subclass of :class:`PhraseRule` names its word list
(``wordlist``), the forms its words match (``forms``), what the message
tells the writer to do instead (``advice``), how much a finding weighs
(``weight``) and which frames make a match a mention (``frames``); its code,
name, category and severity are those of any rule. Users replace the list
with the ``phrases`` option or add to it with ``extend-phrases``.

Matches inside blockquotes, quotation marks, code and link URLs never count:
those are not the writer's own words. Nor do mentions: a phrase reported,
negated, told as narrative or said in an interview (see
:mod:`valuelint_rules.mentions`). A rule with a condition of its own
overrides :meth:`PhraseRule.keeps`.

Every word list any rule asks for is matched in one pass over a post's
tokens (:func:`phrase_matches`), and each rule reads its own list's matches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from valuelint.document import ProseBlock
from valuelint.rule import Finding, Option, Rule, RuleContext
from valuelint.wordlists import Forms, Match, PhraseList, load_markers, load_phrases, scanner_for
from valuelint_rules.mentions import Kind, mention

__all__ = ["PHRASE_OPTIONS", "PhraseRule", "block_matches", "phrase_matches", "span_text"]

PACKAGE = "valuelint_rules"

PHRASE_OPTIONS = (
    Option("phrases", [], "Replace the built-in word list with these phrases "
           "(empty: use the built-in list)."),
    Option("extend-phrases", [], "Phrases to add to the word list."),
)

def phrase_matches(ctx: RuleContext, phrases: PhraseList) -> list[list[Match]]:
    """The matches of a word list in each block of the post (none in blockquotes).

    The first time a rule asks, every list asked for in this process so far is
    matched in one pass over the post's tokens (see
    :class:`valuelint.wordlists.PhraseScanner`), and the matches are kept for
    the rules that ask next; a list first asked for later in the post is
    matched then, and is part of the pass from the next post on.
    """
    found = ctx.per_post(_matches_by_list)
    matches = found.get(phrases)
    if matches is None:
        scanner = scanner_for(ctx.pipeline)
        scanner.add(phrases)
        missing = {number: known for number, known in enumerate(scanner.lists)
                   if known not in found}
        for known in missing.values():
            found[known] = []
        wanted = None if len(missing) == len(scanner.lists) else missing
        analysis = ctx.analysis
        for index, block in enumerate(ctx.document.blocks):
            scanned = {} if block.quoted else scanner.scan(analysis.tokens[index], wanted)
            for number, known in missing.items():
                found[known].append(scanned.get(number, []))
        matches = found[phrases]
    return matches


def _matches_by_list(ctx: RuleContext) -> dict[PhraseList, list[list[Match]]]:
    """The matches of each word list matched in the post so far (filled as lists are asked)."""
    return {}


def block_matches(ctx: RuleContext, phrases: tuple[str, ...]) -> list[list[Match]]:
    """The matches of a word list (words and lemmas) in each block: :func:`phrase_matches`."""
    return phrase_matches(ctx, PhraseList(phrases))


class PhraseRule(Rule):
    """Base class of the rules declared by a word list; not registered itself."""

    wordlist: ClassVar[str]
    """File name (without ``.txt``) in ``valuelint_rules/wordlists/``."""
    advice: ClassVar[str]
    """What to do instead, appended to every message."""
    forms: ClassVar[Forms] = Forms.LEMMAS
    """Which forms of a word the list's words match."""
    weight: ClassVar[float] = 1.0
    """The weight of each finding."""
    frames: ClassVar[Kind] = Kind.PHRASE
    """Which mention frames apply: those of calls to action, or those of claims."""
    options = PHRASE_OPTIONS

    def phrases(self, ctx: RuleContext) -> tuple[str, ...]:
        replaced = ctx.options.get("phrases") or []
        base = tuple(p.lower() for p in replaced) or load_phrases(PACKAGE, self.wordlist)
        extra = tuple(p.lower() for p in ctx.options.get("extend-phrases") or [])
        return base + extra

    def phrase_list(self, ctx: RuleContext) -> PhraseList:
        """The word list this rule matches, with the user's options applied."""
        return PhraseList(self.phrases(ctx), self.forms)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for index, matches in enumerate(phrase_matches(ctx, self.phrase_list(ctx))):
            for match in matches:
                if self.keeps(ctx, index, match) and self.is_use(ctx, index, match):
                    yield self.report(ctx, index, match.start, match.end)

    def keeps(self, ctx: RuleContext, index: int, match: Match) -> bool:
        """Whether a match of block ``index`` meets the rule's own conditions (all do)."""
        return True

    def markers(self, ctx: RuleContext) -> dict[str, frozenset[str]]:
        """Markers of the built-in list's phrases; none when the user replaced the list."""
        if ctx.options.get("phrases"):
            return {}
        return load_markers(PACKAGE, self.wordlist)

    def is_use(self, ctx: RuleContext, index: int, match: Match) -> bool:
        """Whether a match is the writer's own pitch to the reader, not a mention of one."""
        markers = self.markers(ctx).get(match.phrase, frozenset())
        return mention(ctx, index, match.first_token, match.last_token, match.phrase,
                       markers=markers, kind=self.frames) is None

    def report(self, ctx: RuleContext, index: int, start: int, end: int) -> Finding:
        block = ctx.document.blocks[index]
        return ctx.finding(f'"{span_text(block, start, end)}": {self.advice}',
                           block=block, start=start, end=end, weight=self.weight)


def span_text(block: ProseBlock, start: int, end: int) -> str:
    """``block.text[start:end]`` with its whitespace collapsed: the words a finding quotes."""
    return " ".join(block.text[start:end].split())
