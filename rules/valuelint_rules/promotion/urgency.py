"""PROM006 urgency: artificial urgency and scarcity."""

from __future__ import annotations

import re
from collections.abc import Sequence

from valuelint.document import ProseBlock
from valuelint.language import Sentence
from valuelint.rule import ENGLISH, Category, RuleContext, Severity
from valuelint.wordlists import Match
from valuelint_rules.mentions import documents_mentions, sentence_index
from valuelint_rules.phrases import PhraseRule

_CALL_TO_BUY = re.compile(
    r"\b(?:buy|purchase|shop\s+now|sign\s+up|subscribe|enrol+|register\s+(?:now|today|here)"
    r"|order\s+(?:now|today|yours|online|a\s+copy)|claim\s+your|grab\s+your"
    r"|book\s+(?:now|today|your|a\s+demo)|call\s+(?:now|today|us))\b", re.IGNORECASE)


@documents_mentions
class Urgency(PhraseRule):
    """Artificial urgency and scarcity.

    ## What it does
    Finds urgency and scarcity phrases from the `urgency` word list
    ("limited-time offer", "only 3 left", "offer ends", "last chance",
    "hurry up", "before it's too late", ...), matched on words and lemmas outside
    code, quotes, blockquotes and link URLs. "right now" is ordinary in
    honest writing ("the build is slow right now") and counts only when
    shouted ("RIGHT NOW") or in a sentence that asks the reader to buy,
    order, sign up or register (it is marked `{in-context}` in the list).
    "don't wait" counts only where it ends its clause ("Don't wait!", not
    "Don't wait for permission to refactor": marked `{clause-end}`).

    {use-not-mention}

    ## Why it matters to readers
    Deadlines and dwindling stock are pressure tactics: they push the reader
    to act before thinking. A post that informs has no reason to rush its
    reader.

    ## Example
    ```markdown
    Only 3 seats left, and the offer ends tonight. Sign up RIGHT NOW!
    ```

    ## Use instead
    State real dates plainly and without pressure: "Registration closes on
    14 May; the workshop has 30 places."
    """

    code = "PROM006"
    languages = ENGLISH
    name = "urgency"
    category = Category.PROMOTION
    severity = Severity.WARNING
    wordlist = "urgency"
    advice = "artificial urgency pushes readers to act before thinking; state real dates plainly"

    def keeps(self, ctx: RuleContext, index: int, match: Match) -> bool:
        """Phrases ordinary on their own ("right now", marked {in-context}) count only
        when shouted or in a sentence that asks the reader to buy."""
        if "in-context" not in self.markers(ctx).get(match.phrase, ()):
            return True
        words = ctx.analysis.tokens[index][match.first_token:match.last_token]
        if all(t.text.isupper() for t in words):
            return True
        return _near_call_to_buy(ctx.document.blocks[index], match,
                                 sentence_index(ctx).get(index, []))


def _near_call_to_buy(block: ProseBlock, match: Match, sentences: Sequence[Sentence]) -> bool:
    for sentence in sentences:
        if sentence.start <= match.start < sentence.end:
            return bool(_CALL_TO_BUY.search(block.text, sentence.start, sentence.end))
    return bool(_CALL_TO_BUY.search(block.text))
