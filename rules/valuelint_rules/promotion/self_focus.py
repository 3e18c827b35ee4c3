"""PROM007 self-focus: a post about the writer far more than about the reader."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from valuelint.document import Document
from valuelint.language import Analysis
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity

_SELF = frozenset({"we", "our", "ours", "us", "ourselves"})
_READER = frozenset({"you", "your", "yours", "yourself", "yourselves", "ya", "y'all"})
_BRAND_KEYS = ("company", "brand", "organization", "organisation", "author")


class SelfFocus(Rule):
    """A post about the writer ("we", "our") far more than about the reader ("you").

    ## What it does
    Counts first-person plural words ("we", "our", "us") and mentions of the
    brand named in the front matter (`company`, `brand`, `organization`, or
    `author` written out in full), against words for the reader ("you",
    "your"), outside quotes and blockquotes. A post of at least `min-words`
    words is reported when the writer's words reach `min-density` per 100
    words and outnumber the reader's words by `min-ratio` to one. The weight
    grows with the ratio; very lopsided posts are a warning.

    ## Why it matters to readers
    Readers ask "what is in it for me?". A post that talks only about the
    company, its pride and its achievements is a press release; it leaves the
    reader to work out why they should care. Team posts naturally say "we";
    the signal is "we" with almost no "you".

    ## Example
    ```markdown
    We are proud to announce that our team has reached our biggest
    milestone. We have worked hard, and our partners love us. We thank our
    investors for believing in us ...
    ```

    ## Use instead
    Turn the news toward the reader: what changes for them, what they can do
    now, what problem it solves. "You can now export reports as CSV: open
    Settings > Export."
    """

    code = "PROM007"
    languages = ENGLISH
    name = "self-focus"
    category = Category.PROMOTION
    severity = Severity.INFO
    options = (
        Option("min-words", 150, "Posts with fewer words of prose are not judged.",
               minimum=0, maximum=100_000),
        Option("min-ratio", 10.0, "The writer's words per reader's word needed to "
               "report.",
               minimum=1.0, maximum=100.0),
        Option("min-density", 4.0, "The writer's words per 100 words needed to "
               "report.",
               minimum=0.0, maximum=100.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        words = doc.word_count
        if words < int(ctx.options["min-words"]):
            return
        own, reader = _self_and_reader(doc, ctx.analysis)
        own += _brand_mentions(doc)
        ratio = own / max(reader, 1)
        density = 100 * own / max(words, 1)
        min_ratio = float(ctx.options["min-ratio"])
        min_density = float(ctx.options["min-density"])
        if ratio < min_ratio or density < min_density:
            return
        # min-density may be 0 (report at any density): the density then counts fully.
        strength = min(ratio / min_ratio, 3.0) * (
            min(density / min_density, 2.0) if min_density else 2.0)
        weight = round(min(0.5 + 0.5 * strength, 3.0), 2)
        severity = None
        if not ctx.severity_configured and ratio >= 2 * min_ratio and density >= 2 * min_density:
            severity = Severity.WARNING
            weight = round(min(0.5 + 0.25 * strength, 3.0), 2)
        yield ctx.finding(
            f"post speaks of itself {own} times (we, our, us, the brand) and of the reader "
            f"{reader} time{'s' if reader != 1 else ''} in {words} words; say what it means "
            "for the reader",
            line=doc.title_line, weight=weight, severity=severity)


def _self_and_reader(doc: Document, analysis: Analysis) -> tuple[int, int]:
    own = reader = 0
    for index, block in enumerate(doc.blocks):
        if block.quoted:
            continue
        for token in analysis.tokens[index]:
            if token.quoted:
                continue
            lower = token.lower
            if lower in _SELF and token.text != "US":
                own += 1
            elif lower in _READER:
                reader += 1
    return own, reader


def _brand_mentions(doc: Document) -> int:
    names: list[str] = []
    for key in _BRAND_KEYS:
        value: Any = doc.metadata.get(key)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict):
                item = item.get("name")
            if isinstance(item, str) and 2 < len(item.strip()) < 60:
                name = re.sub(r"^the\s+", "", item.strip(), flags=re.IGNORECASE)
                if key != "author" or " " in name or name[:1].isupper():
                    names.append(name)
    if not names:
        return 0
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names),
                         re.IGNORECASE)
    return sum(len(pattern.findall(block.text)) for block in doc.blocks if not block.quoted)
