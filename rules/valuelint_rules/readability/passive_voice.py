"""READ004: many sentences in the passive voice (needs a trained spaCy pipeline)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from valuelint.language import Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.readability._helpers import measured_sentences, opening, trimmed

_PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass", "csubjpass"})


def is_passive(tokens: Sequence[Token]) -> bool:
    """True when a tagged sentence has a passive construction.

    The parser's passive relations (``nsubjpass``, ``auxpass``) when present;
    otherwise a past participle (tag ``VBN``) after a form of "be", with
    adverbs and "not" allowed in between ("was quickly fixed").
    """
    be_before = False
    for token in tokens:
        if token.dep in _PASSIVE_DEPS:
            return True
        if token.tag == "VBN" and be_before:
            return True
        if token.lemma == "be":
            be_before = True
        elif token.tag in ("RB", "RBR", "RBS") or token.lower in ("not", "n't"):
            continue
        else:
            be_before = False
    return False


class PassiveVoice(Rule):
    """Many sentences in the passive voice (needs a trained spaCy pipeline).

    ## What it does
    With a trained spaCy pipeline configured (`model = "en_core_web_sm"`),
    finds sentences in the passive voice ("the bug was fixed", "it has been
    decided") in the post's paragraphs and list items and reports the post
    when more than `max-share` of its sentences are passive. The finding is
    placed on the first passive sentence. Posts with fewer than
    `min-sentences` sentences are not measured. Without a trained pipeline
    the rule is skipped, and valuelint says so once.

    ## Why it matters to readers
    The passive hides who acted: "mistakes were made" tells the reader
    nothing about who made them or who fixes them. A few passives are
    natural; a post full of them reads as evasive and is slower to follow.

    ## Example
    ```markdown
    The release was delayed. The decision was made to rewrite the parser,
    and the old one was removed after the tests were updated.
    ```

    ## Use instead
    Name the actor: "We delayed the release. We decided to rewrite the
    parser, updated the tests and then removed the old one." Keep the
    passive where the actor does not matter ("the file is created on first
    run").
    """

    code = "READ004"
    languages = ENGLISH
    name = "passive-voice"
    category = Category.READABILITY
    severity = Severity.INFO
    needs_tagger = True
    options = (
        Option("max-share", 0.25, "Report the post when a larger share of its sentences "
               "is passive.", minimum=0.0, maximum=1.0),
        Option("min-sentences", 10, "Posts with fewer sentences are not measured.",
               minimum=1, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        max_share = float(ctx.options["max-share"])
        minimum = int(ctx.options["min-sentences"])
        doc = ctx.document
        analysis = ctx.analysis
        if not analysis.tagged or analysis.language != "en":
            return
        measured = measured_sentences(doc, analysis)
        if len(measured) < minimum:
            return
        passive = [m.sentence for m in measured
                   if is_passive(analysis.sentence_tokens(m.sentence))]
        share = len(passive) / len(measured)
        if not passive or share <= max_share:
            return
        first = passive[0]
        block = doc.blocks[first.block]
        start, end = trimmed(block, first)
        excess = (share - max_share) / max(1.0 - max_share, 0.05)
        yield ctx.finding(
            f"{len(passive)} of {len(measured)} sentences ({share:.0%}) are in the passive "
            f"voice, such as \"{opening(block, start, end)}\": say who does "
            "what (\"we fixed the bug\", not \"the bug was fixed\")",
            block=block, start=start, end=end, weight=round(0.5 + excess, 2),
        )
