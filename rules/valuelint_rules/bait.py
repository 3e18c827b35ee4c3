"""Bait: asking readers for likes, follows and shares instead of earning them."""

from __future__ import annotations

from valuelint.rule import Category, Severity
from valuelint_rules.phrases import PhraseRule


class EngagementBegging(PhraseRule):
    """Begging for likes, follows, shares, tags or comments.

    ## What it does
    Finds engagement-bait phrases from the `engagement_bait` word list
    ("like this post", "follow me", "share this with 5 friends", "tag a
    friend", "comment YES", ...), matched on words and lemmas,
    case-insensitively. An open question to readers ("What do you think?")
    is conversation, not bait, and is never reported.

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

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    """

    code = "BAIT001"
    name = "engagement-begging"
    category = Category.BAIT
    severity = Severity.ERROR
    wordlist = "engagement_bait"
    advice = "asks readers for engagement instead of earning it; end with something for them"


RULES = (EngagementBegging,)
