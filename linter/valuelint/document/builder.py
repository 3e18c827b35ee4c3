"""From a post's text to a :class:`~valuelint.document.model.Document`: one walk over its tokens.

:func:`parse_document` masks the syntax that is not prose, has markdown-it
parse the post and hands the tokens to a :class:`Builder`, which reads them
once, in order:

* a block token goes to the handler :data:`BLOCK_HANDLERS` holds for its type
  (one that is not there changes nothing). The handlers keep a
  :class:`BlockContext`: inside how many quotes and lists the walk is, in a
  table cell, a footnote or a heading; that decides the kind of the prose
  block an ``inline`` token becomes;
* the children of an ``inline`` token go to the handlers of
  :data:`INLINE_HANDLERS`, which share an :class:`InlineWalk`: where the walk
  stands in the token's content, the links still open, the prose found so far.
  A type not in the table is an emphasis, strong or strikethrough delimiter.

This is how markdown-it's own renderer works (``self.rules[token.type]``): to
read a new kind of token, write a handler and add it to the table.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from valuelint.document.markdown import (
    BUDGET,
    MAX_LINES,
    MAX_MARKDOWN_STEPS,
    TooLargeError,
    check_prose_size,
    markdown,
)
from valuelint.document.masking import MASK, CodeRegion, Next, blank, mask
from valuelint.document.model import (
    BlockKind,
    CodeBlock,
    Comment,
    Document,
    Heading,
    Image,
    Link,
    ProseBlock,
    Run,
)
from valuelint.document.sourcemap import Locator, Piece, SourceMap, line_starts
from valuelint.frontmatter import split_front_matter

# The module, not its function: valuelint.site.syntax imports MASK from this
# package, so its function is looked up when a post is parsed, not at import.
from valuelint.site import syntax as generator_syntax

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["BLOCK_HANDLERS", "INLINE_HANDLERS", "Builder", "normalize_newlines",
           "parse_document"]


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
                   line_starts=line_starts(source))
    parsed = source
    if front_matter.end_line:
        if front_matter.end_line >= len(doc.line_starts):
            cut = len(source)
        else:
            cut = doc.line_starts[front_matter.end_line]
        parsed = blank(source[:cut]) + source[cut:]
    parsed, code_regions = mask(generator_syntax.mask_generator_syntax(parsed),
                                path.endswith(".mdx"))
    env: dict[str, Any] = {BUDGET: MAX_MARKDOWN_STEPS}
    builder = Builder(doc, parsed, env)
    builder.build(markdown().parse(parsed, env))
    builder.add_code_regions(code_regions)
    builder.finish()
    check_prose_size(block.text for block in doc.blocks)
    return doc


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


# --------------------------------------------------------------------------- the builder


@dataclass(slots=True)
class BlockContext:
    """Where the walk over block tokens stands."""

    quote_depth: int = 0
    list_depth: int = 0
    cell: bool = False
    """Inside a table cell (``th`` or ``td``)."""
    footnote: int = 0
    """Inside a footnote's definition (how deep)."""
    note_id: Any = None
    """The id of the last footnote opened."""
    heading_level: int = 0
    """1-6 inside a heading, 0 elsewhere."""

    def prose_kind(self) -> BlockKind:
        """The kind of prose block an ``inline`` token here becomes (headings aside)."""
        if self.cell:
            return BlockKind.TABLE_CELL
        if self.footnote:
            return BlockKind.FOOTNOTE
        if self.quote_depth:
            return BlockKind.QUOTE
        if self.list_depth:
            return BlockKind.LIST_ITEM
        return BlockKind.PARAGRAPH


class Builder:
    """Walks markdown-it's tokens once and fills a :class:`Document`."""

    def __init__(self, doc: Document, parsed: str, env: dict[str, Any]) -> None:
        self.doc = doc
        self.parsed = parsed
        """The text markdown-it parsed: the source with the syntax that is not prose masked."""
        self.env = env
        self.locator = Locator(parsed, doc.line_starts)
        self.context = BlockContext()
        self.inline_notes: dict[int, SourceMap] = {}
        """Source maps of inline footnotes (``^[...]``), by footnote id."""

    def build(self, tokens: Sequence[Token]) -> None:
        """Read the block tokens, each with the handler for its type."""
        for token in tokens:
            handler = BLOCK_HANDLERS.get(token.type)
            if handler is not None:
                handler(self, token)

    def inline(
        self, token: Token, kind: BlockKind, *, level: int = 0, quoted: bool = False,
        source_map: SourceMap | None = None,
    ) -> ProseBlock | None:
        """Read an ``inline`` token's children into a prose block of ``kind``.

        Its images' alt texts become blocks of their own. Returns the block,
        or None when the token holds no prose.
        """
        if source_map is None:
            assert token.map is not None
            source_map = self.locator.source_map(token.content, token.map[0],
                                                 cell=kind is BlockKind.TABLE_CELL)
        walk = InlineWalk(self, token.content, source_map)
        walk.walk(token.children or [])
        walk.close_html_links()
        for alt in walk.alt_texts:
            self.add_block(alt, BlockKind.ALT_TEXT, quoted=quoted)
        return self.add_block(walk.prose, kind, level=level, quoted=quoted)

    def add_block(
        self, pieces: list[Piece], kind: BlockKind, *, level: int = 0, quoted: bool = False,
    ) -> ProseBlock | None:
        """Add the prose of ``pieces`` as a block (None when it holds none)."""
        text_parts: list[str] = []
        runs: list[Run] = []
        at = 0
        for piece in pieces:
            for part_start, part in _prose_parts(piece.text):
                text_parts.append(part)
                runs.append(Run(at, piece.source + part_start, len(part)))
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

    def html(self, html: str, source_map: Callable[[], SourceMap]) -> None:
        """Record the comments and ``<a href>`` links of a stretch of HTML.

        ``source_map`` makes the stretch's map; it is called only when the
        HTML holds a comment or a link, whose place is recorded.
        """
        comments = _comment_spans(html)
        links = _html_link_spans(html)
        if not comments and not links:
            return
        to_source = source_map()
        position = self.doc.position
        for start, end in comments:
            line = position(to_source(start))[0]
            end_line = position(to_source(end - 1))[0]
            self.doc.comments.append(Comment(html[start + 4 : end - 3].strip(), line, end_line))
        closes = [m.start() for m in _HTML_LINK_CLOSE.finditer(html)]
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

    def note_content(self, note_id: Any) -> str | None:
        """The text of the footnote ``note_id`` as written (None when unknown)."""
        notes = self.env.get("footnotes", {}).get("list", {})
        note = notes.get(note_id) if isinstance(notes, dict) else None
        content = note.get("content") if isinstance(note, dict) else None
        return content if isinstance(content, str) else None

    def add_code_regions(self, regions: Sequence[CodeRegion]) -> None:
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


# --------------------------------------------------------------------------- block handlers


def _quote_open(builder: Builder, token: Token) -> None:
    builder.context.quote_depth += 1


def _quote_close(builder: Builder, token: Token) -> None:
    builder.context.quote_depth -= 1


def _list_open(builder: Builder, token: Token) -> None:
    builder.context.list_depth += 1


def _list_close(builder: Builder, token: Token) -> None:
    builder.context.list_depth -= 1


def _cell_open(builder: Builder, token: Token) -> None:
    builder.context.cell = True


def _cell_close(builder: Builder, token: Token) -> None:
    builder.context.cell = False


def _footnote_open(builder: Builder, token: Token) -> None:
    builder.context.footnote += 1
    builder.context.note_id = (token.meta or {}).get("id")


def _footnote_close(builder: Builder, token: Token) -> None:
    builder.context.footnote -= 1


def _heading_open(builder: Builder, token: Token) -> None:
    builder.context.heading_level = int(token.tag[1:])


def _heading_close(builder: Builder, token: Token) -> None:
    builder.context.heading_level = 0


def _code(builder: Builder, token: Token) -> None:
    """A fenced or indented code block."""
    assert token.map is not None
    builder.doc.code_blocks.append(CodeBlock(
        info=token.info.strip(), line=token.map[0] + 1, lines=token.content.count("\n"),
    ))


def _html_block(builder: Builder, token: Token) -> None:
    assert token.map is not None
    first_line = token.map[0]
    builder.html(token.content,
                 lambda: builder.locator.source_map(token.content, first_line))


def _inline(builder: Builder, token: Token) -> None:
    """The text of a heading, paragraph, list item, cell, ...: a prose block."""
    context = builder.context
    if token.map is None:
        # The text of an inline footnote, moved to the end of the post.
        source_map = builder.inline_notes.get(context.note_id) if context.footnote else None
        if source_map is not None:
            builder.inline(token, BlockKind.FOOTNOTE, source_map=source_map)
        return
    quoted = context.quote_depth > 0
    level = context.heading_level
    if not level:
        builder.inline(token, context.prose_kind(), quoted=quoted)
        return
    block = builder.inline(token, BlockKind.HEADING, level=level, quoted=quoted)
    if block is not None:
        doc = builder.doc
        doc.headings.append(Heading(level=level, text=_squash(block.text), line=block.line,
                                    block=len(doc.blocks) - 1))
        block.section = len(doc.headings) - 1


if TYPE_CHECKING:
    BlockHandler = Callable[[Builder, Token], None]

#: What the walk does with a block token, by token type.
BLOCK_HANDLERS: dict[str, BlockHandler] = {
    "blockquote_open": _quote_open,
    "blockquote_close": _quote_close,
    "bullet_list_open": _list_open,
    "ordered_list_open": _list_open,
    "bullet_list_close": _list_close,
    "ordered_list_close": _list_close,
    "th_open": _cell_open,
    "td_open": _cell_open,
    "th_close": _cell_close,
    "td_close": _cell_close,
    "footnote_open": _footnote_open,
    "footnote_close": _footnote_close,
    "heading_open": _heading_open,
    "heading_close": _heading_close,
    "fence": _code,
    "code_block": _code,
    "html_block": _html_block,
    "inline": _inline,
}


# --------------------------------------------------------------------------- inline handlers


@dataclass(slots=True)
class _OpenLink:
    """A Markdown link whose ``link_close`` has not come yet."""

    start: int
    """Offset in the content of its ``[`` (or ``<`` for an autolink)."""
    href: str
    title: str
    text: list[str]
    """Its visible text so far."""


@dataclass(slots=True)
class InlineWalk:
    """What the walk over one ``inline`` token's children has found so far.

    The children hold the prose; where each piece of it stands is found by
    searching the token's ``content`` from :attr:`cursor`, which only moves on.
    """

    builder: Builder
    content: str
    """The token's content: the block's text as written, less list and quote markers."""
    source_map: SourceMap
    """From offsets in :attr:`content` to offsets in the source."""
    cursor: int = 0
    """Offset in :attr:`content` up to which the children have been placed."""
    prose: list[Piece] = field(default_factory=list)
    """The block's prose."""
    into: list[Piece] = field(init=False)
    """Where prose goes now: :attr:`prose`, or the alt text of the image being read."""
    alt_texts: list[list[Piece]] = field(default_factory=list)
    """The alt text of each image."""
    autolink: bool = False
    """Inside an autolink (``<https://...>``), whose text is its address, not prose."""
    open_links: list[_OpenLink] = field(default_factory=list)
    """Markdown links opened and not yet closed (at this level: an image's alt text
    has its own)."""
    link_texts: list[list[str]] = field(default_factory=list)
    """The visible text of each link still open, Markdown or HTML, for Link.text."""
    html_links: list[tuple[int, list[str]]] = field(default_factory=list)
    """HTML ``<a>`` links still open: index in :attr:`Document.links`, text so far."""

    def __post_init__(self) -> None:
        self.into = self.prose

    def walk(self, children: Sequence[Token]) -> None:
        """Read ``children``, each with the handler for its type."""
        for child in children:
            INLINE_HANDLERS.get(child.type, _delimiter)(self, child)

    def find(self, text: str) -> int:
        """Where ``text`` next stands in the content, from the cursor (-1: nowhere)."""
        return self.content.find(text, self.cursor)

    def emit(self, text: str, pos: int) -> None:
        """``text``, found at ``pos`` in the content, is prose (and text of the open links)."""
        if text:
            self.into.extend(self.source_map.pieces(text, pos))
            for buffer in self.link_texts:
                buffer.append(text)

    def link_text(self, text: str) -> None:
        """``text`` is shown as the text of the open links but is not prose."""
        for buffer in self.link_texts:
            buffer.append(text)

    def close_link(self, buffer: list[str]) -> str:
        """Stop collecting a link's text; its text, squashed to one line."""
        link_texts = self.link_texts
        for i in range(len(link_texts) - 1, -1, -1):
            if link_texts[i] is buffer:
                del link_texts[i]
                break
        return _squash("".join(buffer))

    def close_html_link(self) -> None:
        """The last HTML link opened ends: it gets its text."""
        index, buffer = self.html_links.pop()
        links = self.builder.doc.links
        links[index] = replace(links[index], text=self.close_link(buffer))

    def close_html_links(self) -> None:
        """The end of the block ends the HTML links still open."""
        links = self.builder.doc.links
        for index, buffer in self.html_links:
            links[index] = replace(links[index], text=self.close_link(buffer))
        self.html_links = []

    def skip_destination(self, pos: int) -> int:
        """From just after link text, skip ``](dest)`` / ``][ref]`` / ``]``."""
        content = self.content
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


def _text(walk: InlineWalk, token: Token) -> None:
    if walk.autolink:
        walk.link_text(token.content)
        return
    text = token.content
    at = walk.find(text)
    if at < 0:
        at = walk.cursor
    walk.emit(text, at)
    walk.cursor = at + len(text)


def _text_special(walk: InlineWalk, token: Token) -> None:
    """An escape (``\\*``) or an entity (``&amp;``): one character written as several."""
    at = walk.find(token.markup)
    if at < 0:
        at = walk.cursor
    if not walk.autolink:
        # An escape stands at its character ("\\*" is "*"); a backslash
        # before anything else is kept, and stands where it is written.
        escape = token.info == "escape"
        walk.emit(token.content, at + len(token.markup) - len(token.content) if escape else at)
    walk.cursor = at + len(token.markup)


def _line_break(walk: InlineWalk, token: Token) -> None:
    at = walk.find("\n")
    if at >= 0:
        walk.emit("\n", at)
        walk.cursor = at + 1


def _code_inline(walk: InlineWalk, token: Token) -> None:
    """A code span: counted and shown in link text, but not prose."""
    walk.builder.doc.inline_code += 1
    walk.link_text(token.content)
    ticks = _backtick_run(len(token.markup))
    opening = ticks.search(walk.content, walk.cursor)
    if opening is not None:
        closing = ticks.search(walk.content, opening.end())
        walk.cursor = closing.end() if closing is not None else opening.end()


def _math_inline(walk: InlineWalk, token: Token) -> None:
    written = f"{token.markup}{token.content}{token.markup}"
    at = walk.find(written)
    if at >= 0:
        walk.cursor = at + len(written)


def _html_inline(walk: InlineWalk, token: Token) -> None:
    """An inline HTML tag or comment; ``<a>`` ... ``</a>`` is a link."""
    source_form = token.content
    at = walk.find(source_form)
    if at < 0:
        at = walk.cursor
    else:
        walk.cursor = at + len(source_form)
    links = walk.builder.doc.links
    count = len(links)
    walk.builder.html(source_form, lambda: walk.source_map.rebased(at, len(source_form)))
    if _HTML_LINK_CLOSE.match(source_form):
        if walk.html_links:
            walk.close_html_link()
    elif len(links) > count and _HTML_LINK.match(source_form):
        # An <a> inside an open <a> ends it, as in HTML: links never nest.
        while walk.html_links:
            walk.close_html_link()
        buffer: list[str] = []
        walk.link_texts.append(buffer)
        walk.html_links.append((count, buffer))


def _link_open(walk: InlineWalk, token: Token) -> None:
    walk.autolink = token.markup == "autolink"
    if walk.autolink:
        at = walk.find("<")
        start = at if at >= 0 else walk.cursor
    else:
        at = walk.find("[")
        start = at if at >= 0 else walk.cursor
        walk.cursor = start + 1 if at >= 0 else walk.cursor
    buffer: list[str] = []
    walk.link_texts.append(buffer)
    walk.open_links.append(_OpenLink(start, str(token.attrs.get("href", "")),
                                     str(token.attrs.get("title", "")), buffer))


def _link_close(walk: InlineWalk, token: Token) -> None:
    if not walk.open_links:
        return
    link = walk.open_links.pop()
    text = walk.close_link(link.text)
    if walk.autolink:
        end = walk.find(">")
        walk.cursor = end + 1 if end >= 0 else walk.cursor
        walk.autolink = False
        text = text or link.href
    else:
        walk.cursor = walk.skip_destination(walk.cursor)
    doc = walk.builder.doc
    line, column = doc.position(walk.source_map(link.start))
    doc.links.append(Link(href=link.href, text=text, title=link.title, line=line,
                          column=column, external=_is_external(link.href)))


def _image(walk: InlineWalk, token: Token) -> None:
    """An image: its alt text, read from its children, is a prose block of its own."""
    at = walk.find("![")
    start = at if at >= 0 else walk.cursor
    walk.cursor = start + 2 if at >= 0 else walk.cursor
    alt: list[Piece] = []
    # The alt text is read as a level of its own: its own links, its own prose.
    outer = (walk.into, walk.autolink, walk.open_links)
    walk.into, walk.autolink, walk.open_links = alt, False, []
    walk.walk(token.children or [])
    walk.into, walk.autolink, walk.open_links = outer
    walk.cursor = walk.skip_destination(walk.cursor)
    doc = walk.builder.doc
    line, column = doc.position(walk.source_map(start))
    doc.images.append(Image(src=str(token.attrs.get("src", "")),
                            alt=_squash("".join(piece.text for piece in alt)),
                            line=line, column=column))
    if alt:
        walk.alt_texts.append(alt)


def _footnote_ref(walk: InlineWalk, token: Token) -> None:
    """``[^label]``, or an inline footnote ``^[text]`` whose text is read later."""
    meta = token.meta or {}
    note = None if "label" in meta else walk.builder.note_content(meta.get("id"))
    if note is not None:
        at = walk.find(f"^[{note}]")
        if at >= 0:
            walk.builder.inline_notes[meta["id"]] = walk.source_map.rebased(at + 2, len(note))
            walk.cursor = at + len(note) + 3
        return
    at = walk.find("[^")
    if at >= 0:
        end = walk.content.find("]", at)
        walk.cursor = end + 1 if end >= 0 else at + 2


def _delimiter(walk: InlineWalk, token: Token) -> None:
    """Any other token: emphasis, strong and strikethrough delimiters are skipped."""
    if token.markup and token.nesting != 0 and not token.type.startswith("link"):
        # Only blanks may stand between the cursor and the delimiter.
        blanks = _BLANKS.match(walk.content, walk.cursor)
        at = blanks.end() if blanks else walk.cursor
        if walk.content.startswith(token.markup, at):
            walk.cursor = at + len(token.markup)


if TYPE_CHECKING:
    InlineHandler = Callable[[InlineWalk, Token], None]

#: What the walk does with an inline token, by token type (others: :func:`_delimiter`).
INLINE_HANDLERS: dict[str, InlineHandler] = {
    "text": _text,
    "text_special": _text_special,
    "softbreak": _line_break,
    "hardbreak": _line_break,
    "code_inline": _code_inline,
    "math_inline": _math_inline,
    "math_inline_double": _math_inline,
    "html_inline": _html_inline,
    "link_open": _link_open,
    "link_close": _link_close,
    "image": _image,
    "footnote_ref": _footnote_ref,
}


# --------------------------------------------------------------------------- helpers

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


def _is_external(href: str) -> bool:
    if ":" not in href:
        return False  # no scheme: a path or an anchor on this site
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _squash(text: str) -> str:
    """Text as one line: masked syntax dropped, runs of whitespace made one space."""
    return " ".join(text.replace(MASK, " ").split())


@cache
def _backtick_run(length: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{length}}}(?!`)")


def _comment_spans(html: str) -> list[tuple[int, int]]:
    """(start, end) of each ``<!-- ... -->`` comment, in linear time."""
    spans: list[tuple[int, int]] = []
    closing = Next(html, "-->")
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
    closing = Next(html, ">")
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


def _prose_parts(text: str) -> list[tuple[int, str]]:
    """Split text into the parts that are prose: no masked syntax, no bare URLs."""
    if MASK not in text and "://" not in text and "www." not in text:
        return [(0, text)]
    parts: list[tuple[int, str]] = []
    at = 0
    for match in _URL.finditer(text):
        parts.extend(_unmasked(text[at : match.start()], at))
        at = match.end()
    parts.extend(_unmasked(text[at:], at))
    return parts


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
