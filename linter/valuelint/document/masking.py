"""Template syntax that is not prose, masked out of a post without moving a character.

Liquid ``{% %}``/``{{ }}``, Hugo shortcodes, kramdown attribute lists, MDX
``import``/``export`` statements, ``{expressions}`` and lines of JSX tags are
replaced by :data:`MASK` characters (or, where a line held nothing else, by
blanks) before markdown-it reads the post, so a position in the parsed text is
a position in the file. Code written as a template region (``{% highlight %}``,
``{{< highlight >}}``) is masked too and reported as a :class:`CodeRegion`, to
be counted as a code block.

The generators' own markers (admonitions, Nunjucks comments) are masked by
:mod:`valuelint.site.syntax` with the same :data:`MASK`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = ["MASK", "CodeRegion", "Next", "blank", "mask", "mask_templates"]

#: Stands in for template syntax that is not prose; never appears in prose text.
MASK = "\ue000"


# Every pattern below is matched in time linear in the text, whatever the text:
# a region or tag that opens and never closes must not make each later opening
# search to the end of the post again, so where a pattern would do that, the
# search for its closing is done once, by :class:`Next`, and reused.
_LIQUID_HEAD = re.compile(r"\{%-?\s*(comment|highlight)\b")
_SHORTCODE_HEAD = re.compile(r"\{\{[<%]\s*(highlight|code)\b")
# kramdown's {: .class} anywhere (found by _kramdown_spans); {#id .class}
# attribute lists at the end of a line.
_KRAMDOWN_ID = re.compile(r"\{[#.][\w-][^{}\n]*\}(?=[ \t]*$)", re.MULTILINE)
# An MDX import/export statement runs on to the next blank line.
_MDX_MODULE = re.compile(r"^(?:import|export)\b[^\n]*(?:\n[ \t]*\S[^\n]*)*", re.MULTILINE)
_MDX_EXPRESSION = re.compile(r"\{[^{}\n]*\}")
_MDX_TAG_NAME = re.compile(r"[A-Za-z][\w.:-]*")
_ANGLE = re.compile(r"[<>]")
_NOT_NEWLINE = re.compile(r"[^\n]+")
_MASKED_LINE = re.compile(rf"^[ \t]*{MASK}[ \t{MASK}]*$", re.MULTILINE)


class Next:
    """Where ``needle`` next occurs in ``text`` at or after a position.

    Asked for positions that mostly grow, it searches each stretch of the text
    once: the last answer stands for every position up to it.
    """

    __slots__ = ("_asked", "_found", "find", "needle")

    def __init__(self, text: str, needle: str) -> None:
        self.find = text.find
        self.needle = needle
        self._asked = -1
        self._found = -1

    def __call__(self, pos: int) -> int:
        """Offset of the first ``needle`` at or after ``pos``; -1 when there is none."""
        if self._asked >= 0 and pos >= self._asked and (self._found < 0 or self._found >= pos):
            return self._found
        self._asked = pos
        self._found = self.find(self.needle, pos)
        return self._found


class _NextMatch:
    """Like :class:`Next`, for a pattern: the span of its next match at or after a position."""

    __slots__ = ("_asked", "_found", "pattern", "text")

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text = text
        self.pattern = pattern
        self._asked = -1
        self._found: tuple[int, int] | None = None

    def __call__(self, pos: int) -> tuple[int, int] | None:
        found = self._found
        if self._asked >= 0 and pos >= self._asked and (found is None or found[0] >= pos):
            return found
        match = self.pattern.search(self.text, pos)
        self._asked = pos
        self._found = match.span() if match else None
        return self._found


@dataclass(frozen=True, slots=True)
class CodeRegion:
    """A code block written as a template tag: ``{% highlight %}`` or ``{{< highlight >}}``."""

    start: int
    body_start: int
    body_end: int
    """Where the code between the opening and the closing tag lies in the text."""
    info: str


@cache
def _region_close(kind: str, shortcode: bool) -> re.Pattern[str]:
    if shortcode:
        return re.compile(r"\{\{[<%]\s*/\s*" + kind + r"\s*[>%]\}\}")
    return re.compile(r"\{%-?\s*end" + kind + r"\s*-?%\}")


def _regions(text: str, spans: list[tuple[int, int]], code: list[CodeRegion]) -> None:
    """Liquid ``{% comment %}``/``{% highlight %}`` and shortcode ``{{< highlight >}}``
    regions, from their opening tag to their closing tag (or the opening tag's end
    when it is never closed)."""
    closes: dict[tuple[str, bool], _NextMatch] = {}
    found_code: list[CodeRegion] = []
    for opener, head, closer, shortcode in (("{%", _LIQUID_HEAD, "%}", False),
                                             ("{{", _SHORTCODE_HEAD, "}}", True)):
        # A Liquid tag's arguments run to the first '%', which must close it;
        # a shortcode's run to the first '}}'.
        stop = Next(text, "%" if not shortcode else closer)
        at = text.find(opener)
        while at >= 0:
            head_match = head.match(text, at)
            end = -1
            if head_match is not None:
                close = stop(head_match.end())
                if close >= 0 and (shortcode or text.startswith("%}", close)):
                    end = close + 2
            if end < 0:
                at = text.find(opener, at + 1)
                continue
            assert head_match is not None
            kind = head_match.group(1)
            finder = closes.get((kind, shortcode))
            if finder is None:
                finder = closes[kind, shortcode] = _NextMatch(text, _region_close(kind, shortcode))
            found = finder(end)
            close_start, close_end = found if found is not None else (end, end)
            spans.append((at, close_end))
            if kind != "comment" and close_end > end:
                info = text[head_match.end() : end - 2].strip().strip("-").strip()
                found_code.append(CodeRegion(at, end, close_start, info))
            at = text.find(opener, end)
    # A region that opens inside another is part of that one's code.
    found_code.sort(key=lambda region: region.start)
    inside = -1
    for region in found_code:
        if region.start >= inside:
            code.append(region)
            inside = region.body_end


def _template_tags(text: str, spans: list[tuple[int, int]]) -> None:
    """Liquid ``{% ... %}`` and ``{{ ... }}`` tags, each to the first closing after it.

    Leftmost first and never overlapping, as a regular expression would find
    them, in linear time.
    """
    kinds = [(Next(text, "{%"), Next(text, "%}")), (Next(text, "{{"), Next(text, "}}"))]
    at = 0
    while True:
        best: tuple[int, int] | None = None
        for opening, closing in kinds:
            start = opening(at)
            if start < 0:
                continue
            close = closing(start + 2)
            if close >= 0 and (best is None or start < best[0]):
                best = (start, close + 2)
        if best is None:
            return
        spans.append(best)
        at = best[1]


def _kramdown_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """kramdown attribute lists: ``{: ...}`` anywhere on a line, ``{#id}`` at its end."""
    brace = Next(text, "}")
    newline = Next(text, "\n")
    at = text.find("{:")
    while at >= 0:
        close = brace(at + 2)
        if close < 0:
            break
        line_end = newline(at + 2)
        if line_end < 0 or close < line_end:
            spans.append((at, close + 1))
            at = text.find("{:", close + 1)
        else:
            at = text.find("{:", at + 1)
    spans.extend(m.span() for m in _KRAMDOWN_ID.finditer(text))


def _jsx_tag_end(text: str, at: int) -> int:
    """End of the JSX tag (``<Name attrs>``, ``</Name>``, ``<Name />``, ``<>``,
    ``</>``) that starts at ``at``, or -1. Attributes may run over several lines."""
    pos = at + 1
    if text.startswith("/", pos):
        pos += 1
    if text.startswith(">", pos):
        return pos + 1
    name = _MDX_TAG_NAME.match(text, pos)
    if name is None:
        return -1
    pos = name.end()
    if pos < len(text) and text[pos].isspace():
        angle = _ANGLE.search(text, pos)
        if angle is None or angle.group() != ">":
            return -1
        return angle.end()
    if text.startswith("/", pos):
        pos += 1
    return pos + 1 if text.startswith(">", pos) else -1


def _jsx_tag_lines(text: str, spans: list[tuple[int, int]]) -> None:
    """Lines holding nothing but JSX tags: their children are Markdown, the tags are not."""
    size = len(text)
    line_start = 0
    covered = 0
    while line_start <= size:
        next_line = text.find("\n", line_start)
        next_start = size + 1 if next_line < 0 else next_line + 1
        if line_start >= covered:
            pos = line_start
            while pos < size and text[pos] in " \t":
                pos += 1
            matched = False
            while pos < size and text[pos] == "<":
                end = _jsx_tag_end(text, pos)
                if end < 0:
                    break
                pos = end
                while pos < size and text[pos] in " \t":
                    pos += 1
                if pos == size or text[pos] == "\n":
                    matched = True
                    break
            if matched:
                spans.append((line_start, pos))
                covered = pos
        line_start = next_start


def mask(text: str, mdx: bool) -> tuple[str, list[CodeRegion]]:
    """:func:`mask_templates`, and the code blocks written as template regions.

    ``mdx`` masks MDX's syntax too: module statements, ``{expressions}`` and
    lines of JSX tags.
    """
    if "{" not in text and not mdx:
        return text, []
    spans: list[tuple[int, int]] = []
    code: list[CodeRegion] = []
    _regions(text, spans, code)
    _template_tags(text, spans)
    _kramdown_spans(text, spans)
    if mdx:
        spans.extend(m.span() for m in _MDX_MODULE.finditer(text))
        spans.extend(m.span() for m in _MDX_EXPRESSION.finditer(text))
        _jsx_tag_lines(text, spans)
    if not spans:
        return text, code
    spans.sort()
    parts: list[str] = []
    at = 0
    for start, end in spans:
        if end <= at:
            continue
        start = max(start, at)
        parts.append(text[at:start])
        parts.append(_NOT_NEWLINE.sub(lambda m: MASK * len(m.group(0)), text[start:end]))
        at = end
    parts.append(text[at:])
    # A line of nothing but masked syntax (and blanks) becomes a blank line,
    # so it separates blocks the way the rendered page does.
    masked = _MASKED_LINE.sub(lambda m: " " * len(m.group(0)), "".join(parts))
    return masked, code


def mask_templates(text: str, *, mdx: bool = False) -> str:
    """Blank out template syntax that is not prose, keeping every offset.

    Whole lines that held only template syntax become blank lines; spans
    inside a line become :data:`MASK` characters, which prose never contains.
    Code written as a template region (``{% highlight %}``, ``{{< highlight >}}``)
    is masked with its tags; Liquid ``{% raw %}`` only marks its body as literal,
    so the body stays and is read as Markdown.
    """
    return mask(text, mdx)[0]



def blank(text: str) -> str:
    """``text`` with every character but the line breaks made a space (for front matter)."""
    return _NOT_NEWLINE.sub(lambda m: " " * len(m.group(0)), text)
