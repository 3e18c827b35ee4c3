"""EVID004: writing with little concrete detail for its length."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from valuelint.language import Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import PhraseList, load_phrases
from valuelint_rules.phrases import PACKAGE, phrase_matches

_DIGIT = re.compile(r"\d")
_SPELLED_NUMBERS = frozenset((
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million",
    "billion", "half", "dozen",
))
_EXAMPLE = re.compile(r"\b(?:for example|for instance|e\.g\.|such as|i\.e\.)", re.IGNORECASE)
_NOT_NAMES = frozenset(("i", "i'm", "i've", "i'd", "i'll", "ok", "okay", "mr", "mrs", "ms",
                        "dr"))


@dataclass(frozen=True, slots=True)
class ConcreteDetail:
    """How much concrete detail a post holds, and how much vague evaluation."""

    words: int
    concrete: float
    """Weighted count of numbers, names, units, examples, code, images and links."""
    generic: int
    """Vague evaluative words ("amazing", "experience", "highly recommend")."""

    @property
    def per_100(self) -> float:
        """Concrete detail per 100 words, less half a point per vague word."""
        if not self.words:
            return 0.0
        return 100 * (self.concrete - 0.5 * self.generic) / self.words


def _is_name(tokens: Sequence[Token], i: int) -> bool:
    token = tokens[i]
    if not token.is_alpha or not token.text[:1].isupper() or token.lower in _NOT_NAMES:
        return False
    if i == 0:
        return False
    before = tokens[i - 1]
    return not (before.is_punct and before.text in ".!?:;\"\u201c'\u2018(-\u2014\u2013\u2022*")


def concrete_detail(ctx: RuleContext) -> ConcreteDetail:
    """Count the concrete details and vague evaluations of a post's own prose."""
    doc, analysis = ctx.document, ctx.analysis
    concrete_words = phrase_matches(ctx, PhraseList(load_phrases(PACKAGE, "evid_concrete")))
    generic_words = phrase_matches(ctx, PhraseList(load_phrases(PACKAGE, "evid_generic")))
    words = 0
    concrete = 0.0
    generic = 0
    names: set[str] = set()
    for index, block in enumerate(doc.blocks):
        if block.quoted:
            continue
        tokens = analysis.tokens[index]
        for i, token in enumerate(tokens):
            if token.is_punct:
                continue
            words += 1
            if token.is_alpha:  # letters only: no digit, perhaps a spelled number or a name
                if token.lower in _SPELLED_NUMBERS:
                    concrete += 0.5
                elif token.text[:1].isupper() and _is_name(tokens, i):
                    names.add(token.lower)
            elif _DIGIT.search(token.text):
                concrete += 1
            elif token.lower in _SPELLED_NUMBERS:
                concrete += 0.5
        concrete += len(concrete_words[index])
        concrete += len(_EXAMPLE.findall(block.text))
        generic += len(generic_words[index])
    # Distinct names only, and lightly: repeating the subject's name adds
    # nothing new, and naming a place is easy without having been there.
    concrete += 0.25 * len(names)
    concrete += 2 * len(doc.code_blocks) + min(doc.inline_code, 20) + 2 * len(doc.images)
    concrete += len({link.href for link in doc.links})
    return ConcreteDetail(words=words, concrete=concrete, generic=generic)


class LowSpecificity(Rule):
    """Writing with little concrete detail for its length.

    ## What it does
    Counts the concrete details of the post's own prose: numbers, dates and
    versions, distinct names, units and physical details (`evid_concrete`
    word list: "minutes", "floor", "block", ...), examples ("for example",
    "such as"), code, images and links. Vague evaluative words
    (`evid_generic` word list: "amazing", "experience", "highly recommend")
    count half a point against. The measure is per 100 words, so length by
    itself neither helps nor hurts. Below `target-per-100` the post is
    reported as info, weighted by how far below it is. A post of at least
    `long-words` words with no concrete detail at all is a warning.

    ## Why it matters to readers
    Concrete detail is what a reader can use, picture or check. Text made of
    general praise or complaint ("everything was perfect, a wonderful
    experience") could be written without having been there, and readers
    learn to discount it.

    ## Example
    ```markdown
    Our new release is a huge step forward. Everything is faster, smoother
    and better than ever, and the whole experience is simply amazing.
    ```

    ## Use instead
    Show instead of rating: which release, what got faster and by how much,
    one example of what changed ("`build --watch` now reloads in 0.3 s
    instead of 2 s"), a screenshot, a link to the changelog.
    """

    code = "EVID004"
    languages = ENGLISH
    name = "low-specificity"
    category = Category.EVIDENCE
    severity = Severity.INFO
    options = (
        Option("target-per-100", 4.0, "Concrete details per 100 words below which a post "
               "is reported.", minimum=0.0, maximum=100.0),
        Option("min-words", 50, "Shorter posts are not measured.", minimum=0,
               maximum=100_000),
        Option("long-words", 300, "From this many words, a post with no concrete detail at "
               "all is a warning.", minimum=1, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        if ctx.facts.word_count < int(ctx.options["min-words"]):
            return
        detail = concrete_detail(ctx)
        if detail.words < int(ctx.options["min-words"]):
            return
        target = float(ctx.options["target-per-100"])
        per_100 = detail.per_100
        if detail.concrete == 0 and detail.words >= int(ctx.options["long-words"]):
            yield ctx.finding(
                f"{detail.words} words with no concrete detail at all (no numbers, names, "
                "examples, code, images or links); show the reader what you mean",
                line=doc.title_line, severity=Severity.WARNING, weight=1.5)
            return
        if per_100 >= target:
            return
        shortfall = (target - per_100) / target if target else 0.0
        weight = round(min(3.0, 0.1 + 2.9 * shortfall), 2)
        plural = "s" if detail.generic != 1 else ""
        vague = (f", and {detail.generic} vague evaluative word{plural} (each counts "
                 "half a detail against)") if detail.generic else ""
        found = 100 * detail.concrete / detail.words
        yield ctx.finding(
            f"{found:.1f} concrete details per 100 words (numbers, names, examples, code, "
            f"links){vague}; aim for {target:g}: show what you saw, measured or did",
            line=doc.title_line, weight=weight)
