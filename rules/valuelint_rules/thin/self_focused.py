"""THIN009: prose that is more about the writer than about its subject."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.thin._helpers import clamp, own_tokens

_SELF = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})


class FirstPersonHeavy(Rule):
    """Prose that is more about the writer than about its subject.

    ## What it does
    Counts first-person singular words ("I", "me", "my", "myself") in the
    writer's own running prose (not quotes, headings or code) and reports a
    post of at least `min-words` words where they make up more than
    `max-share` of the words; the higher the share, the more it weighs. A
    personal story is fine; this flags text where the writer's feelings
    and doings crowd out facts about the subject (one "I" every twenty
    words or more). Posts that explain a subject rarely pass one in a
    hundred, and a personal essay or a team retrospective runs at 2-4%,
    which is ordinary and not reported.

    ## Why it matters to readers
    Readers come for the subject: how the tool works, what the place is
    like, what to do. "I loved it, I was so happy, my husband and I..." tells
    them about the writer and little they can use; specific facts about the
    subject serve them better and are easier to trust.

    ## Example
    ```markdown
    I have to say I was thrilled. I booked it for my anniversary and I felt
    like my husband and I were treated like royalty. I will be back!
    ```

    ## Use instead
    Turn the experience into facts the reader can use: "The room on the
    12th floor faced the lake; check-in took five minutes; the bar closes
    at 11 pm."
    """

    code = "THIN009"
    languages = ENGLISH
    name = "self-focused"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("min-words", 80, "Shorter posts are never reported.",
               minimum=1, maximum=100_000),
        Option("max-share", 0.05, "Posts with a higher share of first-person singular "
               "words are reported.", minimum=0.0, maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tokens = [t for _, t in own_tokens(ctx)]
        if len(tokens) < int(ctx.options["min-words"]):
            return
        mine = sum(1 for t in tokens if t.lower in _SELF)
        share = mine / len(tokens)
        threshold = float(ctx.options["max-share"])
        if share <= threshold:
            return
        yield ctx.finding(
            f'{mine} of {len(tokens)} words ({share:.0%}) are "I", "me" or "my": the post is '
            "more about the writer than the subject; give the reader facts they can use",
            line=ctx.document.title_line,
            weight=clamp((share - threshold) * 60, 0.3, 3.0),
        )
