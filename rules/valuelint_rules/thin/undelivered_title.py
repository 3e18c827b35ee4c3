"""THIN007: a title whose words the body never takes up."""

from __future__ import annotations

from collections.abc import Iterator

from valuelint.document import BlockKind, Document
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import load_phrases


class UndeliveredTitle(Rule):
    """A title whose words the body never takes up.

    ## What it does
    Takes the content words of the title: not stop words, numbers or dates,
    nor the generic title words of the `thin_title_generic` word list
    ("update", "weekly", "announcing", "part", month names, ...). It looks
    for each in the body by word, lemma or a shared stem of five letters
    ("benchmarking" finds "benchmarks"), anywhere in the body as written,
    code and link targets included. A post of at least `min-words` words
    whose title has at least `min-title-words` such words and where fewer
    than `min-share` of them appear in the body is reported; a title with
    no word in the body weighs most. Shorter titles are not judged: with
    two words, a synonym in the body ("Security fixes" over a post about a
    patched vulnerability) is enough to miss. The title is the front
    matter `title`, or an H1 that opens the post (an H1 further down is a
    section, not the title).

    ## Why it matters to readers
    The title is what the reader clicked on. When the body is about
    something else, the reader feels tricked, and a search engine or a feed
    sends the wrong readers to the post.

    ## Example
    ```markdown
    ---
    title: How we cut our cloud bill in half
    ---
    Our team had a great offsite this spring. We spent three days in the
    mountains, ...
    ```

    ## Use instead
    Retitle the post after what it actually says, or deliver what the title
    promises: here, the numbers and the steps behind the savings.
    """

    code = "THIN007"
    languages = ENGLISH
    name = "undelivered-title"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("min-words", 150, "Shorter posts are never reported.",
               minimum=0, maximum=100_000),
        Option("min-share", 0.25, "Posts where a smaller share of the title's content "
               "words appears in the body are reported.", minimum=0.0, maximum=1.0),
        Option("min-title-words", 3, "Titles with fewer content words are never judged.",
               minimum=1, maximum=100),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        title, title_block = _opening_title(doc)
        if not title or ctx.facts.word_count < int(ctx.options["min-words"]):
            return
        pipeline = ctx.pipeline
        generic = frozenset(load_phrases("valuelint_rules", "thin_title_generic"))
        wanted: dict[str, str] = {}
        for tok in pipeline.tokenize(title):
            lower = tok.lower_
            if tok.is_alpha and not tok.is_stop and len(lower) > 2 and lower not in generic \
                    and pipeline.lemma(lower) not in generic:
                wanted.setdefault(lower, tok.text)
        if len(wanted) < int(ctx.options["min-title-words"]):
            return
        # The body as written, code and link targets included, after the title.
        start = doc.line_starts[min(max(doc.front_matter.end_line, doc.title_line if
                                        title_block >= 0 else 0), len(doc.line_starts) - 1)]
        body = doc.source[start:].lower()
        found = sum(1 for lower in wanted if _in_body(body, lower, pipeline.lemma(lower)))
        if found / len(wanted) >= float(ctx.options["min-share"]):
            return
        words = ", ".join(f'"{text}"' for text in list(wanted.values())[:5])
        yield ctx.finding(
            f"the body never takes up the title's words ({words}); retitle the post after "
            "what it says, or deliver what the title promises",
            line=doc.title_line, weight=1.5 if found == 0 else 1.0,
        )


def _in_body(body: str, word: str, lemma: str) -> bool:
    """Whether the body has the word or its lemma, as a whole word or a word's start.

    Long forms match on their first five letters ("benchmarking" finds
    "benchmarks"); a four-letter lemma as a word's start ("turns" finds
    "turned" through "turn"); shorter forms only as whole words.
    """
    for form in {word, lemma}:
        stem = form[:5]
        whole = len(form) < 4 or (len(form) == 4 and form == word)
        at = body.find(stem)
        while at >= 0:
            after = at + len(stem)
            if (at == 0 or not body[at - 1].isalpha()) and (
                    not whole or after >= len(body) or not body[after].isalpha()):
                return True
            at = body.find(stem, at + 1)
    return False


def _opening_title(doc: Document) -> tuple[str, int]:
    """The post's title and the index of its heading block (-1 if in front matter)."""
    value = doc.metadata.get("title")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split()), -1
    if doc.blocks and doc.blocks[0].kind is BlockKind.HEADING and doc.blocks[0].level == 1:
        return doc.blocks[0].text.strip(), 0
    return "", -1
