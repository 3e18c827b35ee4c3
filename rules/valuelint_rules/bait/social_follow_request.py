"""BAIT003 social-follow-request: a plain request to follow or like an account."""

from __future__ import annotations

from valuelint.rule import ENGLISH, Category, RuleContext, Severity
from valuelint.wordlists import Match, PhraseList, load_phrases
from valuelint_rules.bait.engagement_begging import EngagementBegging
from valuelint_rules.mentions import documents_mentions
from valuelint_rules.phrases import PACKAGE, PhraseRule, phrase_matches


@documents_mentions
class SocialFollowRequest(PhraseRule):
    """A plain request to follow or like an account on a social platform.

    ## What it does
    Finds mild social calls to action from the `bait_follow` word list
    ("follow us on Twitter", "like us on Facebook", "be sure to subscribe"),
    matched on words and lemmas, case-insensitively, outside quotes, code
    and link URLs. Pushier forms ("follow for more", "like and subscribe")
    are BAIT001's and are not reported twice. It is advisory: an event or
    project saying where it posts updates is common and mostly harmless.

    {use-not-mention}

    ## Why it matters to readers
    A follow request is about the writer's audience, not the reader's
    problem. One pointer to where updates appear is fine; several, or one in
    place of a real ending, make the post read like a channel promotion.

    ## Example
    ```markdown
    That's all for today. Follow us on Twitter!
    ```

    ## Use instead
    Tell readers what they get and where: "Release announcements are posted
    on [our Mastodon account](https://example.social/@project) and the
    [mailing list](/list)."
    """

    code = "BAIT003"
    languages = ENGLISH
    name = "social-follow-request"
    category = Category.BAIT
    severity = Severity.INFO
    wordlist = "bait_follow"
    advice = ("asks readers to follow an account; say what they will get there, "
              "or link it plainly")

    weight = 0.5

    def keeps(self, ctx: RuleContext, index: int, match: Match) -> bool:
        """Pushier forms are BAIT001's: a match that overlaps one of them is left to it."""
        begging = phrase_matches(ctx, PhraseList(load_phrases(PACKAGE, EngagementBegging.wordlist)))
        return not any(m.first_token < match.last_token and match.first_token < m.last_token
                       for m in begging[index])
