"""PROM003 peacock-terms: fame, importance and praise asserted instead of shown."""

from __future__ import annotations

from valuelint.rule import ENGLISH, Category, Severity
from valuelint_rules.mentions import documents_mentions
from valuelint_rules.promotion._lexicon import LEXICON_OPTIONS, DensityLexicon, density_options


@documents_mentions
class PeacockTerms(DensityLexicon):
    """Peacock terms: fame, importance and praise asserted instead of shown.

    ## What it does
    Finds milder peacock terms from the `promo_peacock` word list ("famous",
    "renowned", "prestigious", "highly regarded", "one of the greatest",
    "amazing", "incredible", "outstanding", "very successful", ...), matched
    on exact word forms outside code, quotes, blockquotes and link URLs, and
    reports them when they are dense: at least `min-density` per 100 words
    (a text under 50 words counts as 50, so one term in a sentence counts).
    Each finding is advisory and counts little; many of them add up.

    {claim-not-mention}

    ## Why it matters to readers
    Praise the reader cannot check is the writer's opinion dressed as fact.
    A sentence now and then is harmless; a post thick with "amazing" and
    "world-famous" reads as a brochure, and readers stop trusting it.

    ## Example
    ```markdown
    The famous, highly regarded studio released an amazing, incredible
    album that was very successful.
    ```

    ## Use instead
    Replace the praise with the fact behind it: "The album sold 2 million
    copies in its first year and won two national awards."
    """

    code = "PROM003"
    languages = ENGLISH
    name = "peacock-terms"
    category = Category.PROMOTION
    severity = Severity.INFO
    options = LEXICON_OPTIONS + density_options(0.5)
    tiers = (("promo_peacock", 1.0),)
    yields_to = ("puffery",)
    advice = "praise the reader cannot check; give the fact behind it instead"
