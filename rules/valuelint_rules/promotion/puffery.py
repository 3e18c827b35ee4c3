"""PROM002 puffery: strong peacock terms and marketing puffery."""

from __future__ import annotations

import re
from collections.abc import Iterator

from valuelint.document import Document
from valuelint.rule import ENGLISH, Category, Finding, Option, RuleContext, Severity
from valuelint_rules.mentions import documents_mentions
from valuelint_rules.phrases import span_text
from valuelint_rules.promotion._lexicon import LEXICON_OPTIONS, SHORT_TEXT, Lexicon


@documents_mentions
class Puffery(Lexicon):
    """Strong peacock terms and marketing puffery.

    ## What it does
    Finds the strongest promotional praise from the `puffery` word list
    ("world-class", "best-in-class", "industry-leading", "revolutionary",
    "game-changing", "cutting-edge", "unparalleled", "legendary", ...),
    matched on exact word forms, case-insensitively, outside code, quotes,
    blockquotes and link URLs. Names such as "Legendary Pictures" in running
    prose are left alone, and so is a listed word that the post also writes
    in code (a library called `stellar`, installed with `pip install
    stellar`): it is the name of something. One term in a short text counts
    fully; in a long post a single term counts about half as much, so
    density matters. The findings are warnings when the terms are dense (at
    least `warning-density` per 100 words; a text under 50 words counts as
    50) and advice (info) when they are sparse: one "cutting-edge" in a
    1,500-word tutorial is a word to reconsider, not a sales pitch.

    {claim-not-mention}

    ## Why it matters to readers
    Puffery asks the reader to take the writer's word for it. It says nothing
    they can check, and it signals that the text is selling: readers discount
    everything around it, including the parts that are true.

    ## Example
    ```markdown
    Our revolutionary, world-class platform is the game-changing solution
    your team has been waiting for.
    ```

    ## Use instead
    Say what the thing does and show it: "The new index cuts query time from
    120 ms to 9 ms on our 40 GB test set." Let the reader judge whether that
    is world-class.
    """

    code = "PROM002"
    languages = ENGLISH
    name = "puffery"
    category = Category.PROMOTION
    severity = Severity.WARNING
    options = (*LEXICON_OPTIONS, Option(
        "warning-density", 0.4, "Terms per 100 words of prose (a text under 50 words "
        "counts as 50) from which the findings are warnings; sparser ones are info. Setting the "
        "rule's `severity` makes them all that severity.",
        minimum=0.0, maximum=100.0))
    tiers = (("puffery", 1.0),)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        names = _names_in_code(ctx.document)
        found = [(index, match, tier) for index, match, tier in self.matches(ctx)
                 if span_text(ctx.document.blocks[index], match.start, match.end).lower()
                 not in names]
        if not found:
            return
        words = max(ctx.document.word_count, 1)
        weight = round(0.5 + 0.5 * min(1.0, 100 / words), 2)
        # A stray term in a long post is advice; puffery is selling when it is dense.
        density = 100 * len(found) / max(words, SHORT_TEXT)
        sparse = density < float(ctx.options["warning-density"]) and not ctx.severity_configured
        for index, match, _ in found:
            block = ctx.document.blocks[index]
            said = span_text(block, match.start, match.end)
            yield ctx.finding(
                f'"{said}": puffery that praises without informing; show what makes it so '
                "(a number, a comparison, an example) instead",
                block=block, start=match.start, end=match.end, weight=weight,
                severity=Severity.INFO if sparse else None)


_CODE_SPAN = re.compile(r"`+([^`\n]+?)`+")
_CODE_WORD = re.compile(r"[A-Za-z][\w.-]*")


def _names_in_code(doc: Document) -> frozenset[str]:
    """Lowercase words written in the post's code (inline spans and code blocks): the
    names of its libraries, commands and settings. A listed word that is also one
    (a package called ``stellar``, installed with ``pip install stellar``) is a name."""
    lines = doc.source.split("\n")
    texts = [m.group(1) for m in _CODE_SPAN.finditer(doc.source)]
    for block in doc.code_blocks:
        texts.extend(lines[block.line : block.line + block.lines])
    return frozenset(w.lower().strip(".-") for text in texts for w in _CODE_WORD.findall(text))
