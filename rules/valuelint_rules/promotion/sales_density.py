"""PROM008 sales-density: many prices and calls to action for the length of the post."""

from __future__ import annotations

import re
from collections.abc import Iterator

from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import PhraseList, load_phrases
from valuelint_rules.mentions import mention
from valuelint_rules.phrases import PACKAGE, phrase_matches, span_text
from valuelint_rules.promotion._lexicon import SHORT_TEXT

_PRICE = re.compile(
    r"(?:(?<![\w$€£¥₹])(?:US\$|[$€£¥₹])\s?\d[\d,]*(?:\.\d+)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP|dollars|euros|bucks)\b)"
    r"(?!\d|[,.]\d|\s?(?:k|m|bn|mn|million|billion|thousand)\b)"
    r"(?:\s?(?:/|per|a)\s?(?:month|mo|year|yr|user|seat|license|licence)\b)?",
    re.IGNORECASE)


class SalesDensity(Rule):
    """Many prices and calls to action for the length of the post.

    ## What it does
    Counts prices ("$49.99", "€10 per month", "20 USD") and calls to action
    from the `promo_cta` word list ("sign up", "buy", "subscribe now",
    "get started", "free trial", "book a demo", ...) in the prose, and
    reports the post when there are at least `min-count` of them, at least
    `min-density` per 100 words, and at least one call to action (a report
    of costs or a budget is not a sales pitch). Sums in thousands or
    millions ("$90k", "$2 million") are grants and budgets, not prices, and
    are not counted. The weight grows with the density. A call to action
    counts only as a use, the writer's own imperative or offer: "bought
    followers", "anyone can buy likes" or "they asked us to sign up" are not
    calls to action (see "Mentions are not reported" on PROM001's page; the
    same frames apply).

    ## Why it matters to readers
    A post whose every paragraph carries a price or a button is a sales
    page. Readers looking for information have to dig through the pitch, and
    they learn that the blog exists to sell to them.

    ## Example
    ```markdown
    Plans start at $9 per month. Sign up today, or buy the annual plan for
    $90 and get started in minutes. Subscribe now for the free trial!
    ```

    ## Use instead
    Keep prices on the pricing page and calls to action to one, at the end.
    Spend the words on what the reader came for: how it works, what it
    costs them in effort, what the alternatives are.
    """

    code = "PROM008"
    languages = ENGLISH
    name = "sales-density"
    category = Category.PROMOTION
    severity = Severity.WARNING
    options = (
        Option("min-count", 4, "Fewest prices and calls to action to report.",
               minimum=1, maximum=1000),
        Option("min-density", 1.0, "Prices and calls to action per 100 words to report.",
               minimum=0.0, maximum=100.0),
        Option("extend-phrases", [], "Calls to action to add to the word list."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        extra = tuple(p.lower() for p in ctx.options.get("extend-phrases") or [])
        calls = phrase_matches(ctx, PhraseList(load_phrases(PACKAGE, "promo_cta") + extra))
        analysis = ctx.analysis
        prices = actions = 0
        examples: list[str] = []
        for index, block in enumerate(doc.blocks):
            if block.quoted:
                continue
            tokens = analysis.tokens[index]
            quoted = [(t.start, t.end) for t in tokens if t.quoted]
            for match in _PRICE.finditer(block.text):
                if not any(a <= match.start() < b for a, b in quoted):
                    prices += 1
                    if len(examples) < 3:
                        examples.append(span_text(block, match.start(), match.end()))
            for found in calls[index]:
                if mention(ctx, index, found.first_token, found.last_token,
                           found.phrase) is not None:
                    continue
                actions += 1
                if len(examples) < 3:
                    examples.append(span_text(block, found.start, found.end))
        count = prices + actions
        words = max(doc.word_count, SHORT_TEXT)
        density = 100 * count / words
        min_density = float(ctx.options["min-density"])
        if not actions or count < int(ctx.options["min-count"]) or density < min_density:
            return
        quoted_examples = ", ".join(f'"{e}"' for e in examples)
        yield ctx.finding(
            f"{prices} prices and {actions} calls to action in {doc.word_count} words "
            f"({density:.1f} per 100; {quoted_examples}); keep one call to action and spend "
            "the words on what the reader came for",
            line=doc.title_line,
            # min-density = 0 reports any sales talk, at the highest weight.
            weight=round(min(3.0, density / min_density), 2) if min_density else 3.0)
