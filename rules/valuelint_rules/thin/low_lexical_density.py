"""THIN008: prose where few of the words carry content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.thin._helpers import clamp, inline_code_spans, is_content, own_tokens

#: Articles, prepositions and conjunctions: needed in any sentence, never the padding.
_GRAMMAR = frozenset({"the", "a", "an", "of", "to", "in", "and", "on", "for", "with", "at",
                      "by", "from", "or", "as", "into", "than", "but", "if", "so"})


class LowLexicalDensity(Rule):
    """Prose where few of the words carry content.

    ## What it does
    Measures lexical density: the share of the writer's own running words
    (paragraphs, lists, footnotes; not quotes, headings, tables or code)
    that are content words rather than stop words such as pronouns,
    auxiliaries, articles and fillers ("really", "just", "very", "quite");
    an inline code span counts as one content word. A post of at least
    `min-words` words whose density is under `min-density` is reported;
    the lower, the more it weighs. Written explanation usually runs at
    45-60% content words, and plain opinion essays that speak to the reader
    ("we", "you", "it is") at 40-45%; chatty, padded or vague text falls
    below 40%.

    ## Why it matters to readers
    Every word costs the reader a moment. Text built mostly from "I think
    it's really just that you would have to..." makes the reader work
    through filler to find the few words that say something.

    ## Example
    ```markdown
    I think it is really just something that you will have to try for
    yourself, because it is not the same for everyone and it will be what
    it is for you.
    ```

    ## Use instead
    Name the things you are talking about and cut the padding: "Time both
    builds on the same machine; results vary with disk speed and core
    count."
    """

    code = "THIN008"
    languages = ENGLISH
    name = "low-lexical-density"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("min-words", 60, "Shorter posts are never reported.",
               minimum=1, maximum=100_000),
        Option("min-density", 0.4, "Posts with a lower share of content words are "
               "reported.", minimum=0.0, maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        own = own_tokens(ctx)
        tokens = [t for _, t in own]
        if len(tokens) < int(ctx.options["min-words"]):
            return
        # Inline code names a thing ("`Vec::new` is now const"): a content word.
        code = inline_code_spans(ctx.document, sorted({index for index, _ in own}))
        content = sum(1 for t in tokens if is_content(t) or t.like_num) + code
        density = content / (len(tokens) + code)
        threshold = float(ctx.options["min-density"])
        if density >= threshold:
            return
        fillers = Counter(t.lower for t in tokens if t.is_stop and t.lower not in _GRAMMAR)
        top = ", ".join(f'"{w}"' for w, _ in fillers.most_common(5))
        yield ctx.finding(
            f"only {density:.0%} of the words carry content (the most frequent of the rest: "
            f"{top}); name the things you mean and cut the padding",
            line=ctx.document.title_line,
            weight=clamp((threshold - density) * 40, 0.3, 3.0),
        )
