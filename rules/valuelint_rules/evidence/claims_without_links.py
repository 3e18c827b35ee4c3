"""EVID005: a post that makes factual claims but links to nothing outside itself."""

from __future__ import annotations

import re
from collections.abc import Iterator

from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import load_phrases
from valuelint_rules.evidence._helpers import Claim, attributions, in_quotes, unsourced_statistics

#: Superlatives stated as fact about the world: "the world's fastest",
#: "the most popular ... in the world", "#1", "market-leading".
_SUPERLATIVE = (r"(?:most \w+|best|worst|(?!(?:interest|request|test|contest|protest|forest|"
                r"guest|harvest|manifest|digest|honest|modest|latest|suggest|invest|rest|"
                r"nest|chest|quest)\b)\w{2,}est)")
_SUPERLATIVE_FACT = re.compile(
    rf"\b(?:the )?(?:world|industry|country|nation)['\u2019]s (?:{_SUPERLATIVE}|leading|top)\b"
    rf"|\bthe {_SUPERLATIVE} [\w -]{{1,40}}? in the "
    r"(?:world|industry|market|country|nation|universe|history|city|town)\b"
    r"|\b(?:the|our|a) #1\b|\bnumber one\b|\bmarket[- ]leading\b|\bindustry[- ]leading\b",
    re.IGNORECASE)
#: "According to the 2023 survey" is a claim; "according to plan" is an idiom.
_ACCORDING = re.compile(r"\baccording to (?!plan\b|schedule\b)", re.IGNORECASE)


class ClaimsWithoutLinks(Rule):
    """A post that makes factual claims but links to nothing outside itself.

    ## What it does
    Counts the factual claims of a post: statistics, appeals to research or
    experts, vague attributions, "according to ..." and superlatives stated
    as fact ("the world's fastest", "the most popular editor in the world").
    A post with at least `min-claims` of them and no link to another site is
    reported once, as info; from `warning-claims` up it is a warning.

    ## Why it matters to readers
    Links are how a reader checks a claim or reads further. A post full of
    numbers and "studies show" with no way out asks to be taken on faith.

    ## Example
    ```markdown
    Rust is the most loved language in the world. Studies show it prevents
    70% of security bugs, and experts agree it is the future.
    ```

    ## Use instead
    Link the survey, the study and the security report the claims rest on,
    or cut the claims you cannot source.
    """

    code = "EVID005"
    languages = ENGLISH
    name = "claims-without-links"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    options = (
        Option("min-claims", 1, "Claims from which a post with no outbound link is "
               "reported.", minimum=1, maximum=1000),
        Option("warning-claims", 3, "Claims from which it is a warning.",
               minimum=1, maximum=1000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        if any(link.external for link in doc.links):
            return
        claims = list(unsourced_statistics(doc))
        for index, block in enumerate(doc.blocks):
            if block.quoted:
                continue
            claims.extend(Claim(index, m.start(), m.end(), "superlative")
                          for m in _SUPERLATIVE_FACT.finditer(block.text))
            claims.extend(Claim(index, m.start(), m.end(), "attribution")
                          for m in _ACCORDING.finditer(block.text))
        claims.extend(attributions(ctx, load_phrases("valuelint_rules", "evid_research"),
                                    exact=False))
        claims.extend(attributions(ctx, load_phrases("valuelint_rules", "weasel"), exact=True))
        claims = [c for c in claims if not in_quotes(doc.blocks[c.block].text, c.start)]
        if len(claims) < int(ctx.options["min-claims"]):
            return
        first = min(claims, key=lambda c: (c.block, c.start))
        block = doc.blocks[first.block]
        said = " ".join(block.text[first.start : first.end].split())
        strong = len(claims) >= int(ctx.options["warning-claims"])
        plural = "s" if len(claims) != 1 else ""
        yield ctx.finding(
            f'{len(claims)} factual claim{plural} (first: "{said}") and no link to a source; '
            "link what the claims rest on",
            line=doc.title_line, severity=None if strong else Severity.INFO,
            weight=min(0.5 + 0.25 * len(claims), 2.0),
        )
