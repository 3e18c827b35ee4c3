"""PROM004 loaded-language: loaded, judgemental and editorializing wording."""

from __future__ import annotations

from valuelint.rule import ENGLISH, Category, Option, Severity
from valuelint_rules.mentions import documents_mentions
from valuelint_rules.promotion._lexicon import LEXICON_OPTIONS, DensityLexicon, density_options


@documents_mentions
class LoadedLanguage(DensityLexicon):
    """Loaded, judgemental and editorializing wording.

    ## What it does
    Finds words that tell the reader what to think instead of what happened:
    contentious labels, insults and expressions of doubt from the
    `promo_loaded` word list ("so-called", "notorious", "ridiculous",
    "allegedly", ...), and, counting half as much, editorializing adverbs,
    inflating intensifiers and opinion verbs from the `promo_editorial` word
    list ("clearly", "of course", "unfortunately", "extremely", "claimed",
    "widely regarded", ...). Everyday intensifiers ("very", "really",
    "actually", "particularly", "completely") are not listed: they grade a
    fact without judging it. Matched on exact word forms outside code,
    quotes, blockquotes and link URLs, and reported only when dense: at
    least `min-density` per 100 words (a text under 50 words counts as 50).

    {claim-not-mention}

    ## Why it matters to readers
    Loaded words do the reader's judging for them. Readers who notice the
    slant trust the facts less, and readers who do not are steered without
    being given the reasons. A text dense with verdicts is advocacy, not
    information.

    ## Example
    ```markdown
    The so-called experts clearly made a ridiculous, extremely costly
    mistake, as critics rightly claimed.
    ```

    ## Use instead
    Report what was done and what followed, and attribute opinions to the
    people who hold them: "The review board approved the design; the
    rollback cost 40 hours of downtime (incident report)."
    """

    code = "PROM004"
    languages = ENGLISH
    name = "loaded-language"
    category = Category.PROMOTION
    severity = Severity.INFO
    options = (
        LEXICON_OPTIONS[0],
        Option("extend-phrases", [], "Phrases to add to the stronger of the two word lists "
               "(`promo_loaded`)."),
        *density_options(0.75),
    )
    tiers = (("promo_loaded", 1.0), ("promo_editorial", 0.5))
    yields_to = ("puffery", "promo_peacock")
    advice = "loaded or editorializing wording; state the facts and let readers judge"
