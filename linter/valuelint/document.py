"""The document model: a Markdown post as the prose rules read, with a source map.

markdown-it-py parses the post; this module walks its tokens once and keeps

* the *prose* of the post (headings, paragraphs, list items, quotes, table
  cells, footnotes, link text and image alt text) as :class:`ProseBlock`
  records whose every character maps back to an offset in the source;
* what is not prose but counts (links, images, code blocks, headings, HTML
  comments) as plain records.

Template syntax that is not prose (Liquid ``{% %}``/``{{ }}``, Hugo shortcodes,
kramdown attribute lists, MDX ``import``/``export`` statements, ``{expressions}``
and lines of JSX tags) is masked out of the text handed to markdown-it without
changing any offset, so a position in the parsed text is a position in the file.
Code written as a template region (``{% highlight %}``, ``{{< highlight >}}``)
is masked too and counted as a code block.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from valuelint.frontmatter import DocumentError, FrontMatter, split_front_matter

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = [
    "MAX_LINES",
    "MAX_MARKDOWN_STEPS",
    "MAX_PROSE_TOKENS",
    "BlockKind",
    "CodeBlock",
    "Comment",
    "Document",
    "DocumentError",
    "Heading",
    "Image",
    "Link",
    "ProseBlock",
    "Run",
    "TooLargeError",
    "normalize_newlines",
    "parse_document",
]

#: Stands in for template syntax that is not prose; never appears in prose text.
MASK = "\ue000"


class BlockKind(StrEnum):
    """Where a piece of prose stands in the post."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    TABLE_CELL = "table-cell"
    FOOTNOTE = "footnote"
    ALT_TEXT = "alt-text"


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of prose text that stands unchanged at one place in the source."""

    start: int
    """Offset of the stretch in the block's text."""
    source: int
    """Offset of its first character in the document's source."""
    length: int
    """Number of characters in the stretch."""


@dataclass(slots=True)
class ProseBlock:
    """One block of prose, with the map from its characters to the source."""

    kind: BlockKind
    """What the block is: heading, paragraph, list item, quote, ..."""
    text: str
    """The prose as a reader sees it: markup, code and URLs removed."""
    runs: tuple[Run, ...]
    """Source map of ``text``; every character of ``text`` lies in one run."""
    line: int
    """1-based line where the block starts."""
    level: int = 0
    """Heading level 1-6 for headings, 0 otherwise."""
    quoted: bool = False
    """True inside a ``>`` blockquote: someone else's words, or a callout."""
    section: int = 0
    """Index in :attr:`Document.headings` of the heading above, or -1 if none."""
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [run.start for run in self.runs]

    def source_offset(self, index: int) -> int:
        """Offset in the source of the character at ``index`` in :attr:`text`.

        ``index == len(text)`` gives the offset just after the last character.
        """
        if not self.runs:
            return 0
        if index >= len(self.text):
            last = self.runs[-1]
            return last.source + last.length
        at = bisect.bisect_right(self._starts, index) - 1
        run = self.runs[max(at, 0)]
        return run.source + min(index - run.start, max(run.length - 1, 0))


@dataclass(frozen=True, slots=True)
class Link:
    """A link: its text, destination and where it stands."""

    href: str
    text: str
    title: str
    line: int
    column: int
    external: bool
    """True when it leads to another site (an absolute http(s) URL)."""
    rel: str = ""
    """The ``rel`` attribute of an HTML ``<a>`` link, empty for Markdown links."""


@dataclass(frozen=True, slots=True)
class Image:
    """An image: its alt text and source."""

    src: str
    alt: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced or indented code block."""

    info: str
    """The fence's info string (language), empty for indented code."""
    line: int
    lines: int
    """Number of lines of code it holds."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading, with the index of its prose block."""

    level: int
    text: str
    line: int
    block: int
    """Index of the heading's :class:`ProseBlock` in :attr:`Document.blocks`."""


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment (where inline ``valuelint-disable`` directives live)."""

    text: str
    """The comment's content between ``<!--`` and ``-->``, stripped."""
    line: int
    end_line: int


@dataclass(slots=True)
class Document:
    """A parsed post: metadata, prose with positions, and what rules count."""

    path: str
    source: str
    """The file's text with ``\\n`` line endings (positions refer to it)."""
    front_matter: FrontMatter
    blocks: list[ProseBlock] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    inline_code: int = 0
    """Number of inline code spans."""
    line_starts: list[int] = field(default_factory=list)

    @property
    def metadata(self) -> dict[str, Any]:
        """Front matter keys and values (empty when there is no front matter)."""
        return self.front_matter.metadata

    def _metadata_title(self) -> str:
        """Front matter ``title`` as text; empty when missing or not a plain value."""
        value = self.metadata.get("title")
        if isinstance(value, bool) or not isinstance(value, str | int | float | date):
            return ""
        return " ".join(str(value).split())

    @property
    def title(self) -> str:
        """The post's title: front matter ``title``, or else the first H1."""
        value = self._metadata_title()
        if value:
            return value
        for heading in self.headings:
            if heading.level == 1:
                return heading.text
        return ""

    @property
    def title_line(self) -> int:
        """Line of the title: the H1's line, or the front matter ``title`` key's line."""
        if self._metadata_title():
            return self._front_matter_key_line("title")
        for heading in self.headings:
            if heading.level == 1:
                return heading.line
        return 1

    def _front_matter_key_line(self, key: str) -> int:
        pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*[:=]', re.MULTILINE)
        end = self.line_starts[min(self.front_matter.end_line, len(self.line_starts) - 1)]
        match = pattern.search(self.source, 0, end)
        return self.position(match.start())[0] if match else 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_length(self, line: int) -> int:
        """Number of characters on a 1-based line (0 past the end)."""
        if not 1 <= line <= len(self.line_starts):
            return 0
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.source)
        return end - start

    def span(self, block: ProseBlock, start: int, end: int) -> tuple[int, int, int, int]:
        """Source (line, column, end_line, end_column) of ``block.text[start:end]``.

        The end column is exclusive, as in SARIF and most editors. Blanks at the end of
        the stretch (the line break after a sentence) are left out, so that the end
        never lies past the end of a line.
        """
        while end - 1 > start and block.text[end - 1].isspace():
            end -= 1
        line, column = self.position(block.source_offset(start))
        last = block.source_offset(max(end - 1, start))
        end_line, end_column = self.position(last)
        return line, column, end_line, end_column + 1

    def iter_prose(self, *, quoted: bool = True) -> Iterator[ProseBlock]:
        """Prose blocks in source order; ``quoted=False`` leaves out blockquotes."""
        for block in self.blocks:
            if quoted or not block.quoted:
                yield block

    @property
    def word_count(self) -> int:
        """Words of prose (headings, paragraphs, lists, quotes, cells; not code)."""
        return sum(len(_WORD.findall(block.text)) for block in self.blocks)


_WORD = re.compile("[^\\W_](?:[\\w'\u2019.-]*[^\\W_])?")


# --------------------------------------------------------------------------- masking

# Every pattern below is matched in time linear in the text, whatever the text:
# a region or tag that opens and never closes must not make each later opening
# search to the end of the post again, so where a pattern would do that, the
# search for its closing is done once, by :class:`_Next`, and reused.
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


class _Next:
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
    """Like :class:`_Next`, for a pattern: the span of its next match at or after a position."""

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
class _CodeRegion:
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


def _regions(text: str, spans: list[tuple[int, int]], code: list[_CodeRegion]) -> None:
    """Liquid ``{% comment %}``/``{% highlight %}`` and shortcode ``{{< highlight >}}``
    regions, from their opening tag to their closing tag (or the opening tag's end
    when it is never closed)."""
    closes: dict[tuple[str, bool], _NextMatch] = {}
    found_code: list[_CodeRegion] = []
    for opener, head, closer, shortcode in (("{%", _LIQUID_HEAD, "%}", False),
                                             ("{{", _SHORTCODE_HEAD, "}}", True)):
        # A Liquid tag's arguments run to the first '%', which must close it;
        # a shortcode's run to the first '}}'.
        stop = _Next(text, "%" if not shortcode else closer)
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
                found_code.append(_CodeRegion(at, end, close_start, info))
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
    kinds = [(_Next(text, "{%"), _Next(text, "%}")), (_Next(text, "{{"), _Next(text, "}}"))]
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
    brace = _Next(text, "}")
    newline = _Next(text, "\n")
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


def _mask(text: str, mdx: bool) -> tuple[str, list[_CodeRegion]]:
    """:func:`mask_templates`, and the code blocks written as template regions."""
    if "{" not in text and not mdx:
        return text, []
    spans: list[tuple[int, int]] = []
    code: list[_CodeRegion] = []
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
    return _mask(text, mdx)[0]


# --------------------------------------------------------------------------- parsing


#: Most lines one post may have. The Markdown parser keeps several numbers for
#: every line of a post before it reads any of them.
MAX_LINES = 200_000
#: Most steps the Markdown parser may take on one post: one for each place a
#: block or an inline element may start. Memory and time grow with them (up
#: to a few kilobytes and a hundred microseconds each, once every rule has
#: run); ordinary Markdown takes one for every 15 to 20 characters, so a post
#: of 2 MB is inside, while 1 MB of one-letter paragraphs is not.
MAX_MARKDOWN_STEPS = 250_000
#: Most words and punctuation marks of prose one post may hold: each is a token
#: of the language analysis, a few hundred bytes. A 5 MB post of prose has
#: about a million.
MAX_PROSE_TOKENS = 1_500_000
_BUDGET = "valuelint.steps"
_PROSE_TOKEN = re.compile(r"\w+|[^\w\s]+")


class TooLargeError(DocumentError):
    """A post holds more than valuelint checks in one post."""


def _spend(env: Any) -> None:
    left = env.get(_BUDGET)
    if left is None:
        return
    if left <= 0:
        raise TooLargeError(
            f"too much Markdown to check in one post: more than {MAX_MARKDOWN_STEPS:,} "
            "blocks and inline elements; split the post"
        )
    env[_BUDGET] = left - 1


def _count_block(state: Any, start: int, end: int, silent: bool) -> bool:
    """A block rule that only counts: each place a block may start is a step."""
    _spend(state.env)
    return False


def _count_inline(state: Any, silent: bool) -> bool:
    """An inline rule that only counts: each place an inline element may start is a step."""
    _spend(state.env)
    return False


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    # Money is common in posts ("$5 and $10"): math needs "$x$" with no
    # space inside and no digit right after the closing dollar.
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False)
    # Keep escapes and entities as their own tokens, so their source form is known.
    md.disable("text_join", ignoreInvalid=True)
    # Count the parser's steps (see MAX_MARKDOWN_STEPS): first in every chain, so
    # that each attempt is counted, including the line-by-line checks for the
    # end of a paragraph, a quote or a list.
    md.block.ruler.before(md.block.ruler.get_all_rules()[0], "valuelint_count", _count_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.inline.ruler.before(md.inline.ruler.get_all_rules()[0], "valuelint_count",
                           _count_inline)
    return md


def normalize_newlines(text: str) -> str:
    """Text with a leading BOM dropped, CRLF/CR made LF and NUL made U+FFFD.

    Line and column numbers are the same in the result as in the file.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    return text


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    at = find("\n")
    while at != -1:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


def _is_external(href: str) -> bool:
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


_HTML_LINK = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HTML_LINK_OPEN = re.compile(r"<a\s", re.IGNORECASE)
_HTML_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^<>]*>")
# An attribute name is matched only from its first letter, so that a long run
# of letters with no '=' after it is read once, not once for each letter.
_HTML_ATTR = re.compile(
    r"""(?<![a-zA-Z-])([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_BLANKS = re.compile(r"\s*")
_CODE_LANG = re.compile(r"""\blang(?:uage)?\s*=\s*["']?([^\s"']+)""")


def _squash(text: str) -> str:
    """Text as one line: masked syntax dropped, runs of whitespace made one space."""
    return " ".join(text.replace(MASK, " ").split())


@cache
def _backtick_run(length: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{length}}}(?!`)")


@dataclass(slots=True)
class _Piece:
    text: str
    source: int


class _SourceMap:
    """Maps offsets in a token's content to offsets in the source.

    The map is a list of (content offset, source offset) pairs, one at the
    start of each content line and one wherever the content drops a character
    of the source (the backslash of ``\\|`` in a table cell); in between,
    content and source advance together.
    """

    __slots__ = ("_sources", "_starts")

    def __init__(self, entries: list[tuple[int, int]]) -> None:
        self._starts = [offset for offset, _ in entries]
        self._sources = [source for _, source in entries]

    def __call__(self, pos: int) -> int:
        at = max(bisect.bisect_right(self._starts, pos) - 1, 0)
        return self._sources[at] + pos - self._starts[at]

    def pieces(self, text: str, pos: int) -> Iterator[_Piece]:
        """``text`` found at ``pos`` in the content, cut where the map jumps."""
        starts = self._starts
        nxt = bisect.bisect_right(starts, pos)
        end = pos + len(text)
        while nxt < len(starts) and starts[nxt] < end:
            cut = starts[nxt] - pos
            if cut > 0:
                yield _Piece(text[:cut], self(pos))
                text, pos = text[cut:], pos + cut
            nxt += 1
        yield _Piece(text, self(pos))

    def rebased(self, start: int, length: int) -> _SourceMap:
        """The map of ``content[start:start + length]``."""
        first = bisect.bisect_right(self._starts, start)
        last = bisect.bisect_left(self._starts, start + length, first)
        entries = [(0, self(start))]
        entries.extend((self._starts[i] - start, self._sources[i]) for i in range(first, last))
        return _SourceMap(entries)


def _comment_spans(html: str) -> list[tuple[int, int]]:
    """(start, end) of each ``<!-- ... -->`` comment, in linear time."""
    spans: list[tuple[int, int]] = []
    closing = _Next(html, "-->")
    at = html.find("<!--")
    while at >= 0:
        close = closing(at + 4)
        if close < 0:
            break
        spans.append((at, close + 3))
        at = html.find("<!--", close + 3)
    return spans


def _html_link_spans(html: str) -> list[tuple[int, int]]:
    """(start, end) of each ``<a ...>`` opening tag, in linear time."""
    spans: list[tuple[int, int]] = []
    closing = _Next(html, ">")
    end = 0
    for match in _HTML_LINK_OPEN.finditer(html):
        if match.start() < end:
            continue
        close = closing(match.end())
        if close < 0:
            break
        end = close + 1
        spans.append((match.start(), end))
    return spans


class _Builder:
    """Walks markdown-it's tokens once and fills a :class:`Document`."""

    def __init__(self, doc: Document, parsed: str, env: dict[str, Any]) -> None:
        self.doc = doc
        self.parsed = parsed
        self.lines = parsed.split("\n")
        self.line_cursor: dict[int, int] = {}
        self.env = env
        self.inline_notes: dict[int, _SourceMap] = {}
        """Source maps of inline footnotes (``^[...]``), by footnote id."""

    # -- locating block content in the source -----------------------------------

    def _locate(self, piece: str, line: int) -> list[tuple[int, int]]:
        """(offset in piece, column) pairs placing a line of block content in its line.

        Block content is the end of its source line, less the markers of
        lists and quotes before it (and trailing blanks on the last line), so
        the tail of the line is tried before a search from the left.
        """
        source_line = self.lines[line]
        cursor = self.line_cursor.get(line, 0)
        col = -1
        if piece:
            if source_line.endswith(piece):
                col = len(source_line) - len(piece)
            else:
                trimmed = source_line.rstrip()
                if trimmed.endswith(piece):
                    col = len(trimmed) - len(piece)
            if col < cursor:
                col = source_line.find(piece, cursor)
        if col >= 0:
            self.line_cursor[line] = col + len(piece)
            return [(0, col)]
        # A tab in the indentation can come out as spaces in the content: map
        # those to the line's start and the text after them to where it stands.
        stripped = piece.lstrip()
        col = source_line.find(stripped, cursor) if stripped else -1
        if col < 0:
            return [(0, min(cursor + len(source_line) - len(source_line.lstrip()),
                            len(source_line)))]
        self.line_cursor[line] = col + len(stripped)
        return [(0, min(col, cursor)), (len(piece) - len(stripped), col)]

    def _locate_cell(self, piece: str, line: int) -> list[tuple[int, int]]:
        """(offset in piece, column) pairs for a table cell's content.

        In a cell every ``|`` was written ``\\|``: the table splits the row on
        the other pipes and drops the backslash of these.
        """
        source_line = self.lines[line]
        cursor = self.line_cursor.get(line, 0)
        written = piece.replace("|", "\\|")
        col = source_line.find(written, cursor) if piece else -1
        if col < 0:
            return self._locate(piece, line)
        self.line_cursor[line] = col + len(written)
        entries = [(0, col)]
        pipe = piece.find("|")
        dropped = 0
        while pipe >= 0:
            dropped += 1
            entries.append((pipe, col + pipe + dropped))
            pipe = piece.find("|", pipe + 1)
        return entries

    def _source_map(self, content: str, first_line: int, *, cell: bool = False) -> _SourceMap:
        starts = self.doc.line_starts
        last = len(self.lines) - 1
        entries: list[tuple[int, int]] = []
        at = 0
        for i, piece in enumerate(content.split("\n")):
            line = min(first_line + i, last)
            located = self._locate_cell(piece, line) if cell else self._locate(piece, line)
            entries.extend((at + offset, starts[line] + col) for offset, col in located)
            at += len(piece) + 1
        return _SourceMap(entries)

    def _note_content(self, note_id: Any) -> str | None:
        notes = self.env.get("footnotes", {}).get("list", {})
        note = notes.get(note_id) if isinstance(notes, dict) else None
        content = note.get("content") if isinstance(note, dict) else None
        return content if isinstance(content, str) else None

    # -- inline walk ------------------------------------------------------------

    def inline(
        self, token: Token, kind: BlockKind, *, level: int = 0, quoted: bool = False,
        source_map: _SourceMap | None = None,
    ) -> ProseBlock | None:
        content = token.content
        if source_map is None:
            assert token.map is not None
            source_map = self._source_map(content, token.map[0],
                                          cell=kind is BlockKind.TABLE_CELL)
        to_source = source_map
        doc = self.doc

        pieces: list[_Piece] = []
        alt_pieces: list[list[_Piece]] = []
        # The visible text of each link still open, for Link.text.
        link_texts: list[list[str]] = []
        html_links: list[tuple[int, list[str]]] = []
        cursor = 0

        def emit(text: str, pos: int, into: list[_Piece]) -> None:
            if text:
                into.extend(source_map.pieces(text, pos))
                for buffer in link_texts:
                    buffer.append(text)

        def close_link(buffer: list[str]) -> str:
            for i in range(len(link_texts) - 1, -1, -1):
                if link_texts[i] is buffer:
                    del link_texts[i]
                    break
            return _squash("".join(buffer))

        def skip_destination(pos: int) -> int:
            """From just after link text, skip ``](dest)`` / ``][ref]`` / ``]``."""
            close = content.find("]", pos)
            if close < 0:
                return pos
            pos = close + 1
            if pos < len(content) and content[pos] == "(":
                depth = 0
                while pos < len(content):
                    char = content[pos]
                    if char == "\\":
                        pos += 2
                        continue
                    if char == "(":
                        depth += 1
                    elif char == ")":
                        depth -= 1
                        if depth == 0:
                            return pos + 1
                    pos += 1
                return pos
            if pos < len(content) and content[pos] == "[":
                end = content.find("]", pos)
                return end + 1 if end >= 0 else pos
            return pos

        def walk(children: Sequence[Token], into: list[_Piece]) -> None:
            nonlocal cursor
            autolink = False
            link_start: list[tuple[int, dict[str, Any], list[str]]] = []
            for child in children:
                kind_ = child.type
                if kind_ == "text":
                    if autolink:
                        for buffer in link_texts:
                            buffer.append(child.content)
                        continue
                    text = child.content
                    at = content.find(text, cursor)
                    if at < 0:
                        at = cursor
                    emit(text, at, into)
                    cursor = at + len(text)
                elif kind_ == "text_special":
                    at = content.find(child.markup, cursor)
                    if at < 0:
                        at = cursor
                    if not autolink:
                        # An escape stands at its character ("\\*" is "*"); a backslash
                        # before anything else is kept, and stands where it is written.
                        emit(child.content,
                             at + len(child.markup) - len(child.content)
                             if child.info == "escape" else at, into)
                    cursor = at + len(child.markup)
                elif kind_ in ("softbreak", "hardbreak"):
                    at = content.find("\n", cursor)
                    if at >= 0:
                        emit("\n", at, into)
                        cursor = at + 1
                elif kind_ == "code_inline":
                    doc.inline_code += 1
                    for buffer in link_texts:
                        buffer.append(child.content)
                    ticks = _backtick_run(len(child.markup))
                    opening = ticks.search(content, cursor)
                    if opening is not None:
                        closing = ticks.search(content, opening.end())
                        cursor = closing.end() if closing is not None else opening.end()
                elif kind_ in ("math_inline", "math_inline_double"):
                    written = f"{child.markup}{child.content}{child.markup}"
                    at = content.find(written, cursor)
                    if at >= 0:
                        cursor = at + len(written)
                elif kind_ == "html_inline":
                    source_form = child.content
                    at = content.find(source_form, cursor)
                    if at < 0:
                        at = cursor
                    else:
                        cursor = at + len(source_form)
                    count = len(doc.links)
                    self._html(source_form, source_map.rebased(at, len(source_form)))
                    if _HTML_LINK_CLOSE.match(source_form):
                        if html_links:
                            index, buffer = html_links.pop()
                            doc.links[index] = replace(doc.links[index], text=close_link(buffer))
                    elif len(doc.links) > count and _HTML_LINK.match(source_form):
                        # An <a> inside an open <a> ends it, as in HTML: links never nest.
                        while html_links:
                            index, buffer = html_links.pop()
                            doc.links[index] = replace(doc.links[index], text=close_link(buffer))
                        buffer = []
                        link_texts.append(buffer)
                        html_links.append((count, buffer))
                elif kind_ == "link_open":
                    href = str(child.attrs.get("href", ""))
                    autolink = child.markup == "autolink"
                    if autolink:
                        at = content.find("<", cursor)
                        start = at if at >= 0 else cursor
                    else:
                        at = content.find("[", cursor)
                        start = at if at >= 0 else cursor
                        cursor = start + 1 if at >= 0 else cursor
                    buffer = []
                    link_texts.append(buffer)
                    link_start.append((start, {"href": href,
                                               "title": str(child.attrs.get("title", ""))},
                                       buffer))
                elif kind_ == "link_close":
                    if not link_start:
                        continue
                    start, info, buffer = link_start.pop()
                    text = close_link(buffer)
                    if autolink:
                        end = content.find(">", cursor)
                        cursor = end + 1 if end >= 0 else cursor
                        autolink = False
                        text = text or info["href"]
                    else:
                        cursor = skip_destination(cursor)
                    line, column = doc.position(to_source(start))
                    doc.links.append(Link(
                        href=info["href"], text=text, title=info["title"],
                        line=line, column=column, external=_is_external(info["href"]),
                    ))
                elif kind_ == "image":
                    at = content.find("![", cursor)
                    start = at if at >= 0 else cursor
                    cursor = start + 2 if at >= 0 else cursor
                    alt: list[_Piece] = []
                    walk(child.children or [], alt)
                    cursor = skip_destination(cursor)
                    line, column = doc.position(to_source(start))
                    doc.images.append(Image(
                        src=str(child.attrs.get("src", "")),
                        alt=_squash("".join(p.text for p in alt)), line=line, column=column,
                    ))
                    if alt:
                        alt_pieces.append(alt)
                elif kind_ == "footnote_ref":
                    meta = child.meta or {}
                    note = None if "label" in meta else self._note_content(meta.get("id"))
                    if note is not None:
                        # An inline footnote, ^[...]: its text is prose, read later.
                        at = content.find(f"^[{note}]", cursor)
                        if at >= 0:
                            self.inline_notes[meta["id"]] = source_map.rebased(at + 2, len(note))
                            cursor = at + len(note) + 3
                        continue
                    at = content.find("[^", cursor)
                    if at >= 0:
                        end = content.find("]", at)
                        cursor = end + 1 if end >= 0 else at + 2
                elif child.markup and child.nesting != 0 and not kind_.startswith("link"):
                    # Emphasis, strong, strikethrough delimiters.
                    # Only blanks may stand between the cursor and the delimiter.
                    blanks = _BLANKS.match(content, cursor)
                    at = blanks.end() if blanks else cursor
                    if content.startswith(child.markup, at):
                        cursor = at + len(child.markup)

        walk(token.children or [], pieces)
        for index, buffer in html_links:
            doc.links[index] = replace(doc.links[index], text=close_link(buffer))
        for alt in alt_pieces:
            self._add_block(alt, BlockKind.ALT_TEXT, quoted=quoted)
        return self._add_block(pieces, kind, level=level, quoted=quoted)

    def _add_block(
        self, pieces: list[_Piece], kind: BlockKind, *, level: int = 0, quoted: bool = False,
    ) -> ProseBlock | None:
        text_parts: list[str] = []
        runs: list[Run] = []
        at = 0
        for piece in pieces:
            for part_start, part in _prose_parts(piece.text):
                text_parts.append(part)
                runs.append(Run(start=at, source=piece.source + part_start, length=len(part)))
                at += len(part)
        text = "".join(text_parts)
        if not text.strip():
            return None
        block = ProseBlock(kind=kind, text=text, runs=tuple(runs),
                           line=self.doc.position(runs[0].source)[0],
                           level=level, quoted=quoted,
                           section=len(self.doc.headings) - 1)
        self.doc.blocks.append(block)
        return block

    # -- HTML -----------------------------------------------------------------------

    def _html(self, html: str, to_source: _SourceMap) -> None:
        position = self.doc.position
        for start, end in _comment_spans(html):
            line = position(to_source(start))[0]
            end_line = position(to_source(end - 1))[0]
            self.doc.comments.append(Comment(html[start + 4 : end - 3].strip(), line, end_line))
        closes = [m.start() for m in _HTML_LINK_CLOSE.finditer(html)]
        links = _html_link_spans(html)
        for number, (start, end) in enumerate(links):
            attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                     for m in _HTML_ATTR.finditer(html, start, end)}
            href = attrs.get("href", "")
            if href:
                # The text runs to the closing </a>, or to the next <a>, which
                # ends this link in HTML.
                at = bisect.bisect_left(closes, end)
                stop = closes[at] if at < len(closes) else -1
                if number + 1 < len(links) and (stop < 0 or links[number + 1][0] < stop):
                    stop = links[number + 1][0]
                inner = html[end:stop] if stop >= 0 else ""
                text = _squash(_HTML_TAG.sub(" ", inner))
                line, column = position(to_source(start))
                self.doc.links.append(Link(href=href, text=text, title=attrs.get("title", ""),
                                           line=line, column=column,
                                           external=_is_external(href),
                                           rel=attrs.get("rel", "")))

    # -- block walk -------------------------------------------------------------------

    def build(self, tokens: Sequence[Token]) -> None:
        quote_depth = 0
        list_depth = 0
        cell = False
        footnote = 0
        note_id: Any = None
        heading_level = 0
        for token in tokens:
            kind = token.type
            if kind == "blockquote_open":
                quote_depth += 1
            elif kind == "blockquote_close":
                quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif kind in ("th_open", "td_open"):
                cell = True
            elif kind in ("th_close", "td_close"):
                cell = False
            elif kind == "footnote_open":
                footnote += 1
                note_id = (token.meta or {}).get("id")
            elif kind == "footnote_close":
                footnote -= 1
            elif kind == "heading_open":
                heading_level = int(token.tag[1:])
            elif kind == "heading_close":
                heading_level = 0
            elif kind in ("fence", "code_block"):
                assert token.map is not None
                self.doc.code_blocks.append(CodeBlock(
                    info=token.info.strip(), line=token.map[0] + 1,
                    lines=token.content.count("\n"),
                ))
            elif kind == "html_block":
                assert token.map is not None
                self._html(token.content, self._source_map(token.content, token.map[0]))
            elif kind == "inline" and token.map is None:
                # The text of an inline footnote, moved to the end of the post.
                source_map = self.inline_notes.get(note_id) if footnote else None
                if source_map is not None:
                    self.inline(token, BlockKind.FOOTNOTE, source_map=source_map)
            elif kind == "inline":
                if heading_level:
                    block = self.inline(token, BlockKind.HEADING, level=heading_level,
                                        quoted=quote_depth > 0)
                    if block is not None:
                        self.doc.headings.append(Heading(
                            level=heading_level, text=_squash(block.text), line=block.line,
                            block=len(self.doc.blocks) - 1))
                        block.section = len(self.doc.headings) - 1
                    continue
                block_kind = (
                    BlockKind.TABLE_CELL if cell
                    else BlockKind.FOOTNOTE if footnote
                    else BlockKind.QUOTE if quote_depth
                    else BlockKind.LIST_ITEM if list_depth
                    else BlockKind.PARAGRAPH
                )
                self.inline(token, block_kind, quoted=quote_depth > 0)

    def add_code_regions(self, regions: Sequence[_CodeRegion]) -> None:
        """Count ``{% highlight %}`` and ``{{< highlight >}}`` regions as code blocks.

        A region shown inside a fenced block (a post about the template
        language) is part of that block, not a second one.
        """
        fenced = sorted((code.line, code.line + code.lines + 1) for code in self.doc.code_blocks)
        firsts = [first for first, _ in fenced]
        # Fences do not overlap: only the last one starting at or above a line can hold it.
        last_ends = list(itertools.accumulate((last for _, last in fenced), max))
        for region in regions:
            line = self.doc.position(region.start)[0]
            at = bisect.bisect_right(firsts, line) - 1
            if at >= 0 and line <= last_ends[at]:
                continue
            body = self.parsed[region.body_start : region.body_end].split("\n")
            if body and not body[0].strip():
                body = body[1:]
            if body and not body[-1].strip():
                body = body[:-1]
            lang = _CODE_LANG.search(region.info)
            info = lang.group(1) if lang else (region.info.split() or [""])[0].strip("\"'")
            self.doc.code_blocks.append(CodeBlock(info=info, line=line, lines=len(body)))

    def finish(self) -> None:
        """Put everything in source order (footnotes are parsed last)."""
        doc = self.doc
        order = sorted(range(len(doc.blocks)), key=lambda i: doc.blocks[i].runs[0].source)
        if order != list(range(len(order))):
            new_index = {old: new for new, old in enumerate(order)}
            doc.blocks = [doc.blocks[old] for old in order]
            doc.headings = sorted(
                (replace(heading, block=new_index[heading.block]) for heading in doc.headings),
                key=lambda heading: heading.block,
            )
            heading = -1
            for index, block in enumerate(doc.blocks):
                while (heading + 1 < len(doc.headings)
                       and doc.headings[heading + 1].block <= index):
                    heading += 1
                block.section = heading
        doc.links.sort(key=lambda link: (link.line, link.column))
        doc.images.sort(key=lambda image: (image.line, image.column))
        doc.code_blocks.sort(key=lambda code: code.line)
        doc.comments.sort(key=lambda comment: comment.line)


def _prose_parts(text: str) -> Iterator[tuple[int, str]]:
    """Split text into the parts that are prose: no masked syntax, no bare URLs."""
    if MASK not in text and "://" not in text and "www." not in text:
        yield 0, text
        return
    at = 0
    for match in _URL.finditer(text):
        yield from _unmasked(text[at : match.start()], at)
        at = match.end()
    yield from _unmasked(text[at:], at)


def _unmasked(text: str, base: int) -> Iterator[tuple[int, str]]:
    at = 0
    while at < len(text):
        masked = text.find(MASK, at)
        if masked < 0:
            yield base + at, text[at:]
            return
        if masked > at:
            yield base + at, text[at:masked]
        at = masked
        while at < len(text) and text[at] == MASK:
            at += 1


def parse_document(path: str, text: str) -> Document:
    """Parse a post's text (already decoded) into a :class:`Document`.

    Raises :class:`~valuelint.frontmatter.FrontMatterError` when the front
    matter cannot be read and :class:`TooLargeError` when the post holds more
    than :data:`MAX_MARKDOWN_STEPS` or :data:`MAX_PROSE_TOKENS` allow (both are
    :class:`~valuelint.frontmatter.DocumentError`).
    """
    source = normalize_newlines(text)
    lines = source.count("\n") + 1
    if lines > MAX_LINES:
        raise TooLargeError(f"too many lines to check in one post: {lines:,}, more than "
                            f"{MAX_LINES:,}; split the post")
    front_matter = split_front_matter(source)
    doc = Document(path=path, source=source, front_matter=front_matter,
                   line_starts=_line_starts(source))
    parsed = source
    if front_matter.end_line:
        if front_matter.end_line >= len(doc.line_starts):
            cut = len(source)
        else:
            cut = doc.line_starts[front_matter.end_line]
        parsed = _NOT_NEWLINE.sub(lambda m: " " * len(m.group(0)), source[:cut]) + source[cut:]
    from valuelint.site.syntax import mask_generator_syntax

    parsed, code_regions = _mask(mask_generator_syntax(parsed), path.endswith(".mdx"))
    env: dict[str, Any] = {_BUDGET: MAX_MARKDOWN_STEPS}
    builder = _Builder(doc, parsed, env)
    builder.build(_markdown().parse(parsed, env))
    builder.add_code_regions(code_regions)
    builder.finish()
    tokens = 0
    for block in doc.blocks:
        tokens += sum(1 for _ in _PROSE_TOKEN.finditer(block.text))
        if tokens > MAX_PROSE_TOKENS:
            raise TooLargeError(
                f"too much prose to check in one post: more than {MAX_PROSE_TOKENS:,} "
                "words and punctuation marks; split the post"
            )
    return doc
