"""THIN004: the same sentence or paragraph said twice in one post."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from valuelint.document import Document
from valuelint.facts import Scope
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.thin._helpers import clamp, squeezed

_KEY_CHARS = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class _Sentence:
    block: int
    start: int
    end: int
    key: str
    words: int


_DETAILS = re.compile(r"<(/?)details\b", re.IGNORECASE)


def _collapsed_lines(doc: Document) -> set[int]:
    """Lines inside ``<details>`` elements: text a reader sees only on request."""
    if "<details" not in doc.source and "<DETAILS" not in doc.source:
        return set()
    lines: set[int] = set()
    depth = 0
    for number, line in enumerate(doc.source.split("\n"), start=1):
        for match in _DETAILS.finditer(line):
            depth = max(depth - 1, 0) if match.group(1) else depth + 1
        if depth:
            lines.add(number)
    return lines


class RepeatedText(Rule):
    """The same sentence or paragraph said twice in one post.

    ## What it does
    Compares the sentences of the post's paragraphs, list items and
    footnotes as written in the source (inline code and link targets
    included), ignoring case, punctuation and spacing, and reports
    sentences of at least `min-words` words that repeat an earlier one. A
    run of repeated sentences (a copied paragraph or list) is reported once
    and weighs more the more words it repeats; a sentence said many times
    is reported once, with the count. Each further finding in the same post
    weighs less than the one before, so a templated post is not scored as
    fifty separate problems. Headings and table cells, which repeat by
    design, blockquotes (quoting the same source twice is not padding your
    own prose) and short sentences ("Thanks!", "Stay safe.") are ignored,
    and so is text inside a collapsed `<details>` element, which readers
    open only when they want the full record.

    ## Why it matters to readers
    Readers notice when they are reading the same thing again. Repeated
    sentences pad a post to look longer than its content, and often mark a
    copy-and-paste slip nobody reviewed.

    ## Example
    ```markdown
    Our new dashboard makes it easy to see every metric in one place.

    ...

    Our new dashboard makes it easy to see every metric in one place.
    ```

    ## Use instead
    Say it once, where it matters most. If you need a reminder at the end,
    summarise in new words and add what the reader now knows.
    """

    code = "THIN004"
    name = "repeated-text"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("min-words", 10, "Shorter sentences are never compared.",
               minimum=2, maximum=1000),
        Option("warning-share", 0.03, "The findings are warnings when the repeated "
               "sentences make up at least this share of the post's words, and advice (info) "
               "below it: a note repeated under two items of a 3,000-word post is not padding. "
               "Setting the rule's `severity` makes them all that severity.", minimum=0.0,
               maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        sentences = self._sentences(ctx)
        times = Counter(s.key for s in sentences)
        seen: dict[str, int] = {}
        covered: set[str] = set()
        runs: list[list[tuple[_Sentence, int]]] = [[]]
        for item in sentences:
            first = seen.get(item.key)
            if first is None:
                seen[item.key] = ctx.document.blocks[item.block].line
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append((item, first))
        kept: list[list[tuple[_Sentence, int]]] = []
        for run in runs:
            keys = {item.key for item, _ in run}
            # A sentence said many times is one problem: report it where it first repeats.
            if not run or keys <= covered:
                continue
            covered |= keys
            kept.append(run)
        # A few repeated sentences in a long post (a note repeated under each item, the
        # same step for two systems) are advice; padding is a large share of the post.
        repeated = sum(item.words for run in kept for item, _ in run)
        share = repeated / max(ctx.facts.word_count, 1)
        severity = (ctx.severity_or(Severity.INFO)
                    if share < float(ctx.options["warning-share"]) else None)
        for reported, run in enumerate(kept):
            yield self._report(ctx, run, reported, times[run[0][0].key], severity)

    def _sentences(self, ctx: RuleContext) -> list[_Sentence]:
        """The sentences worth comparing, each with its normalised source text."""
        doc = ctx.document
        minimum = int(ctx.options["min-words"])
        analysis = ctx.analysis
        folded = _collapsed_lines(doc)
        found: list[_Sentence] = []
        for sentence in analysis.sentences:
            block = doc.blocks[sentence.block]
            if not Scope.RUNNING_PROSE_AND_FOOTNOTES.holds(block) or block.line in folded:
                continue
            words = sum(1 for t in analysis.sentence_tokens(sentence)
                        if t.is_alpha or t.like_num)
            if words < minimum:
                continue
            source = doc.source[block.source_offset(sentence.start):
                                block.source_offset(sentence.end)]
            key = _KEY_CHARS.sub(" ", source.lower()).strip()
            found.append(_Sentence(sentence.block, sentence.start, sentence.end, key, words))
        return found

    def _report(self, ctx: RuleContext, run: list[tuple[_Sentence, int]],
                earlier: int, times: int, severity: Severity | None) -> Finding:
        doc = ctx.document
        head, first = run[0]
        block = doc.blocks[head.block]
        end = max(s.end for s, _ in run if s.block == head.block)
        words = sum(s.words for s, _ in run)
        # Each further repeat weighs less: a templated post is one problem, not fifty.
        weight = max(0.1, clamp(0.5 + words / 40, 0.5, 2.5) * 0.75 ** earlier)
        if len(run) == 1:
            said = squeezed(block.text[head.start:head.end], 50)
            again = f" ({times} times in all)" if times > 2 else ""
            message = f'"{said}" repeats a sentence from line {first}{again}; say it once'
        else:
            message = (f"{len(run)} sentences ({words} words) from here repeat text from "
                       f"line {first} on; say it once")
        return ctx.finding(message, block=block, start=head.start, end=end, weight=weight,
                           severity=severity)
