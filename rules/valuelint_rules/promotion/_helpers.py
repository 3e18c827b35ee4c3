"""What several promotion rules share: sentence starts and names."""

from __future__ import annotations

from collections.abc import Sequence

from valuelint.document import BlockKind, ProseBlock
from valuelint.language import Token
from valuelint.rule import RuleContext
from valuelint.wordlists import Match
from valuelint_rules.mentions import sentence_index


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

