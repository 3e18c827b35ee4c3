"""THIN002: placeholder text left in a post: TODO markers, lorem ipsum, "[insert ...]"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from valuelint.document import BlockKind, ProseBlock
from valuelint.language import Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import Match, PhraseList, load_phrases
from valuelint_rules.phrases import PACKAGE, phrase_matches
from valuelint_rules.thin._helpers import is_content, squeezed

_MARKER = re.compile(r"\b(TODO|FIXME|XXX|TBD|TBA)\b")
_MARKER_BEFORE = ("(", "[", ":", ".", "!", "?", "|", "*", "_")
_MARKER_AFTER = (":", "-", "\u2013", "\u2014", ")", "]", ".", "!", "?", ",", ";", "*", "_")
_BRACKETED = re.compile(
    r"\[\s*(?:insert|add|placeholder|todo|tk)\b[^\]\n]{0,80}\]", re.IGNORECASE)
_ANGLED = re.compile(r"<\s*(?:insert|add)\s[^<>\n]{0,80}>", re.IGNORECASE)


def _is_marker(text: str, start: int, end: int) -> bool:
    """A draft marker where it stands for missing text, not the word in a sentence."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return ((not before or before.endswith(_MARKER_BEFORE))
            and (not after or after.startswith(_MARKER_AFTER)))


def _in_code_span(line: str, column: int) -> bool:
    return line.count("`", 0, column) % 2 == 1


class PlaceholderText(Rule):
    """Placeholder text left in a post: TODO markers, lorem ipsum, "[insert ...]".

    ## What it does
    Reports text that stands in for writing not done yet:
    - filler and template text from the `thin_placeholders` word list
      ("lorem ipsum", "text goes here", "insert link here") and bracketed
      slots ("[insert screenshot]", "[add link]", "<insert chart here>"): error;
    - a paragraph or list item that opens with a draft marker and a colon,
      a note to the writer where the text should be ("TODO: add the
      numbers"): error;
    - other draft markers `TODO`, `FIXME`, `XXX`, `TBD`, `TBA` in capitals
      where they stand for missing text ("(TBD)", "Date: TBA", or a block
      of just the marker): warning;
    - a paragraph or list item that holds nothing but a promise from the
      `thin_stubs` word list ("Coming soon.", "More details to follow.")
      and is all there is under its heading (or in the post): warning. A
      sign-off such as "More to come!" after a section that says something,
      or "Coming soon:" over a list, which labels it, is not reported.

    Code, inline code, HTML comments, blockquotes and quotation marks never
    count, nor does a marker used as a word in a sentence ("our TODO list",
    "one FIXME comment"), nor a promise inside a paragraph that says
    something else.

    ## Why it matters to readers
    A placeholder tells the reader the post was published before it was
    finished. They get a gap where the content should be and reason to
    doubt the rest of the page.

    ## Example
    ```markdown
    ## Benchmarks

    TODO: add the numbers.

    ## Pricing

    Coming soon.
    ```

    ## Use instead
    Write the missing part, or cut the section until it is ready. If a
    detail is genuinely undecided, say what is known and when it will be
    settled: "The venue will be announced by 1 May."
    """

    code = "THIN002"
    languages = ENGLISH
    name = "placeholder-text"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("phrases", [], "Replace the built-in `thin_placeholders` word list with these "
               "phrases (empty: use the built-in list)."),
        Option("extend-phrases", [], "Phrases to add to the `thin_placeholders` word list."),
        Option("markers", ["TODO", "FIXME", "XXX", "TBD", "TBA"],
               "Draft markers to report, matched in capitals."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        markers = frozenset(ctx.options["markers"])
        replaced = [p.lower() for p in ctx.options.get("phrases") or []]
        phrases = tuple(replaced) or load_phrases("valuelint_rules", "thin_placeholders")
        phrases += tuple(p.lower() for p in ctx.options.get("extend-phrases") or [])
        placeholders = phrase_matches(ctx, PhraseList(phrases))
        stubs = phrase_matches(ctx, PhraseList(load_phrases(PACKAGE, "thin_stubs")))
        analysis = ctx.analysis
        error = ctx.severity_or(Severity.ERROR)
        warning = ctx.severity_or(Severity.WARNING)
        per_section = Counter(b.section for b in doc.blocks if b.kind is not BlockKind.HEADING)
        for index, block in enumerate(doc.blocks):
            if block.quoted:
                continue
            text = block.text
            tokens = analysis.tokens[index]
            filler = placeholders[index]
            if filler:
                # Filler runs on ("lorem ipsum dolor sit amet..."): one finding per block.
                start, end = filler[0].start, filler[-1].end
                said = squeezed(text[start:end])
                yield ctx.finding(
                    f'placeholder text "{said}" left in the post; write the real text or '
                    "cut it", block=block, start=start, end=end, severity=error)
            for found in _BRACKETED.finditer(text):
                yield ctx.finding(
                    f'placeholder "{squeezed(found.group(0))}" left in the post; put the real '
                    "content there or cut it", block=block, start=found.start(),
                    end=found.end(), severity=error)
            for found in _MARKER.finditer(text):
                if found.group(1) in markers and _is_marker(text, found.start(), found.end()):
                    note = not text[:found.start()].strip() \
                        and text[found.end():].lstrip().startswith(":")
                    yield ctx.finding(
                        f'draft marker "{found.group(1)}" left in the post; finish that part '
                        "or cut it", block=block, start=found.start(), end=found.end(),
                        severity=error if note else warning)
            if block.kind in (BlockKind.HEADING, BlockKind.TABLE_CELL) \
                    or per_section[block.section] > 1:
                continue
            yield from self._stub(ctx, block, tokens, stubs[index], warning)
        yield from self._angled(ctx, error)

    def _stub(self, ctx: RuleContext, block: ProseBlock, tokens: Sequence[Token],
              found: Sequence[Match], severity: Severity) -> Iterator[Finding]:
        # Every stub phrase of the block is left out ("More soon. Stay tuned!").
        inside = {i for match in found for i in range(match.first_token, match.last_token)}
        others = [t for i, t in enumerate(tokens) if i not in inside and is_content(t)]
        for match in found:
            limit = 0 if block.kind is BlockKind.LIST_ITEM else 1
            # "Coming soon:" over a list labels what follows; it is not a stub.
            if len(others) <= limit and not block.text.rstrip().endswith(":"):
                said = squeezed(block.text[match.start:match.end])
                yield ctx.finding(
                    f'"{said}" stands where the content should be; write it, or cut the part '
                    "until it is ready", block=block, start=match.start, end=match.end,
                    severity=severity)
                return

    def _angled(self, ctx: RuleContext, severity: Severity) -> Iterator[Finding]:
        doc = ctx.document
        if "<" not in doc.source:
            return
        in_code: set[int] = set()
        for code in doc.code_blocks:
            in_code.update(range(code.line, code.line + code.lines + 2))
        commented: set[int] = set()
        for comment in doc.comments:
            commented.update(range(comment.line, comment.end_line + 1))
        for number, line in enumerate(doc.source.split("\n"), start=1):
            if number <= doc.front_matter.end_line or number in in_code or number in commented:
                continue
            if "<" not in line or line.lstrip().startswith(">"):
                continue
            for found in _ANGLED.finditer(line):
                if not _in_code_span(line, found.start()):
                    yield ctx.finding(
                        f'placeholder "{squeezed(found.group(0))}" left in the post; put the '
                        "real content there or cut it", line=number, severity=severity)
