"""THIN003: a section whose heading promises more than the few words under it deliver."""

from __future__ import annotations

import re
from collections.abc import Iterator

from valuelint.document import BlockKind
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.thin._helpers import html_words, squeezed

_MEDIA_LINE = re.compile(r"`|\{%|\{\{[<%]|<(?:img|video|iframe|picture|figure|embed|object|svg)\b",
                         re.IGNORECASE)


class ThinSection(Rule):
    """A section whose heading promises more than the few words under it deliver.

    ## What it does
    For every heading, counts the words of prose from the heading to the
    next heading of the same or a higher level (subsections count towards
    their parent) and reports a section with fewer than `min-words`. The
    fewer the words, the more the finding weighs. Only sections of bare
    prose are judged: a section that shows or points to its content (code,
    inline or in a block, an image, a table, an embed, raw HTML with text,
    or a link) is never reported, whatever its word count, since a heading
    over a snippet, a screenshot or a pointer to the full list ("Check out
    everything that changed in the changelog") is a normal way to present
    one; whether a post of bare links has commentary is THIN006's question.
    Headings that name reference or closing material ("References", "See
    also", "Thanks", "TL;DR", ...: option `ignore-headings`) are left alone,
    as are headings inside blockquotes and a heading with no prose at all
    under it (it groups the headings below it, stands as a closing line,
    or is an outline slip: questions for the structure rules).

    ## Why it matters to readers
    Headings are promises: a reader scanning the page jumps to the one that
    answers their question. A section of one line under a big heading
    breaks that promise and pads the outline of a post that has less to say
    than it looks.

    ## Example
    ```markdown
    ## Performance

    It's fast.

    ## Security

    We take it seriously.
    ```

    ## Use instead
    Give the section what its heading promises (how fast, measured how,
    compared to what), or fold the sentence into a neighbouring section and
    drop the heading.
    """

    code = "THIN003"
    name = "thin-section"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("min-words", 15, "Sections with fewer words of prose are reported.",
               minimum=1, maximum=10_000),
        Option("ignore-headings", [
            "references", "see also", "further reading", "resources", "links", "credits",
            "acknowledgements", "acknowledgments", "thanks", "thank you", "contributors",
            "footnotes", "notes", "related", "related posts", "sources", "update", "updates",
            "edit", "tl;dr", "tldr", "summary", "contact", "questions", "feedback",
            "changelog", "downloads", "download", "installation", "install",
        ], "Headings (lowercased) whose sections are never reported."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        minimum = int(ctx.options["min-words"])
        ignored = {h.lower() for h in ctx.options["ignore-headings"]}
        headings = doc.headings
        if not headings:
            return
        lines = doc.source.split("\n")
        counts = ctx.facts.block_words
        shown = [code.line for code in doc.code_blocks]
        shown += [image.line for image in doc.images]
        shown += [line for line, _ in html_words(ctx)]
        shown += [link.line for link in doc.links]
        shown += [b.line for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
        # Each section ends at the next heading of its level or above: found in one pass.
        ends: list[int | None] = [None] * len(headings)
        open_sections: list[int] = []
        for number, heading in enumerate(headings):
            while open_sections and headings[open_sections[-1]].level >= heading.level:
                ends[open_sections.pop()] = number
            open_sections.append(number)
        for number, heading in enumerate(headings):
            block = doc.blocks[heading.block]
            if block.quoted or _heading_key(heading.text) in ignored:
                continue
            end_block, end_line = len(doc.blocks), len(lines) + 1
            end = ends[number]
            if end is not None:
                end_block, end_line = headings[end].block, headings[end].line
            body = [i for i in range(heading.block + 1, end_block)
                    if doc.blocks[i].kind not in (BlockKind.HEADING, BlockKind.ALT_TEXT)]
            if not body:
                # A heading with nothing under it groups the headings below it, stands
                # as a closing line, or is an outline slip: the structure rules' question.
                continue
            words = 0
            for i in body:
                words += counts[i]
                if words >= minimum:
                    break
            if words >= minimum:
                continue
            inside = range(heading.line + 1, end_line)
            if any(line in inside for line in shown):
                continue
            if any(_MEDIA_LINE.search(lines[i - 1]) for i in inside if i <= len(lines)):
                continue
            share = 1 - words / minimum
            yield ctx.finding(
                f'section "{squeezed(heading.text, 50)}" has {words} '
                f"word{'s' if words != 1 else ''} under its heading; "
                "give it what the heading promises, or fold it into a neighbouring section",
                block=block, weight=0.5 + share,
            )


def _heading_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w;' ]+", " ", text.lower()).split())
