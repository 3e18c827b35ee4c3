"""BAIT001 engagement-begging: begging for likes, shares, tags, comments or followers."""

from __future__ import annotations

from collections.abc import Sequence

from valuelint.language import Token
from valuelint.rule import ENGLISH, Category, RuleContext, Severity
from valuelint.wordlists import Match
from valuelint_rules.mentions import documents_mentions
from valuelint_rules.phrases import PhraseRule


@documents_mentions
class EngagementBegging(PhraseRule):
    """Begging for likes, shares, tags, comments on command or followers.

    ## What it does
    Finds engagement-bait phrases from the `engagement_bait` word list
    ("like this post", "share this with 5 friends", "tag a friend",
    "comment YES", "follow for more", "buy followers", ...), matched on
    words and lemmas, case-insensitively. An open question to readers
    ("What do you think?") is conversation, not bait, and is never reported;
    a plain "follow us on Mastodon" is left to BAIT003.

    {use-not-mention}

    ## Why it matters to readers
    Asking for likes and shares spends the reader's attention on the
    writer's reach. Platforms demote it and readers learn to skip it; a post
    worth sharing gets shared without being asked.

    ## Example
    ```markdown
    If you enjoyed this, like this post and share it with 5 friends!
    Comment YES below if you agree!
    ```

    ## Use instead
    End with something for the reader: a question that invites a real
    answer ("Which of these have you tried?"), a next step, or a link to go
    deeper.
    """

    code = "BAIT001"
    languages = ENGLISH
    name = "engagement-begging"
    category = Category.BAIT
    severity = Severity.ERROR
    wordlist = "engagement_bait"
    advice = "asks readers for engagement instead of earning it; end with something for them"

    def keeps(self, ctx: RuleContext, index: int, match: Match) -> bool:
        return not _shared_with_author(ctx.analysis.tokens[index], match.first_token,
                                       match.last_token)


_TO_AUTHOR = frozenset(("us", "me", "the team", "the maintainers"))


def _shared_with_author(tokens: Sequence[Token], first: int, last: int) -> bool:
    """"Share these posts with us" asks for contributions, not for reach."""
    if not any(t.lemma == "share" for t in tokens[first:last]):
        return False
    rest = [t.lower for t in tokens[last : last + 4]]
    if tokens[last - 1].lower != "with":
        if not rest or rest[0] != "with":
            return False
        rest = rest[1:]
    return bool(rest) and (rest[0] in _TO_AUTHOR or " ".join(rest[:2]) in _TO_AUTHOR)
