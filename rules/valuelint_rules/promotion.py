"""Promotion: writing that sells to the reader instead of informing them."""

from __future__ import annotations

from valuelint.rule import Category, Severity
from valuelint_rules.phrases import PhraseRule


class HardSell(PhraseRule):
    """Hard-sell calls to action and pressure phrases.

    ## What it does
    Finds hard-sell phrases from the `hard_sell` word list ("buy now",
    "order today", "limited time offer", "act now", "don't miss out", ...),
    matched on words and lemmas, case-insensitively, outside code, quotes and
    link URLs.

    ## Why it matters to readers
    Readers come to a blog to learn, not to be closed on a sale. Pressure to
    buy reads as an advertisement, and readers who feel sold to stop trusting
    the rest of the post.

    ## Example
    ```markdown
    Don't miss out: buy now and get the limited time offer!
    ```

    ## Use instead
    Explain what the product does for the reader, with specifics, and leave
    one plain link for readers who want it: "Pricing and trial details are
    on the [pricing page](/pricing)."

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    """

    code = "PROM001"
    name = "hard-sell"
    category = Category.PROMOTION
    severity = Severity.ERROR
    wordlist = "hard_sell"
    advice = "hard-sell call to action; tell readers what it does for them instead"


RULES = (HardSell,)
