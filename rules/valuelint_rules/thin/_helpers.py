"""What the thin-content rules share: the kind of post, the writer's own words, the
words in raw HTML, and how a message quotes the text it is about."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from valuelint.document import Document
from valuelint.facts import Scope, count_words
from valuelint.language import Token
from valuelint.rule import RuleContext


def squeezed(text: str, limit: int = 60) -> str:
    """Text squeezed to one line and cut at ``limit`` characters for a message."""
    said = " ".join(text.split())
    return said if len(said) <= limit else said[: limit - 1].rstrip() + "…"


def clamp(value: float, low: float, high: float) -> float:
    """``value`` held between ``low`` and ``high``: a finding's weight."""
    return max(low, min(high, value))


def own_tokens(ctx: RuleContext) -> list[tuple[int, Token]]:
    """Words and numbers of the writer's own running prose: (block index, token).

    Paragraphs, list items and footnotes outside blockquotes and quotation
    marks; headings, table cells and alt text are labels, not running prose.
    Found once per post for the thin rules.
    """
    return ctx.per_post(_own_tokens)


def _own_tokens(ctx: RuleContext) -> list[tuple[int, Token]]:
    analysis = ctx.analysis
    found: list[tuple[int, Token]] = []
    for index in ctx.facts.blocks_in(Scope.RUNNING_PROSE_AND_FOOTNOTES):
        for token in analysis.tokens[index]:
            if (token.is_alpha or token.like_num) and not token.quoted:
                found.append((index, token))
    return found


def is_content(token: Token) -> bool:
    """A word that carries meaning: not a stop word, not a single letter."""
    return token.is_alpha and not token.is_stop and len(token.lower) > 1


def inline_code_spans(doc: Document, blocks: Sequence[int]) -> int:
    """Number of inline code spans written in the given prose blocks."""
    count = 0
    for index in blocks:
        block = doc.blocks[index]
        if block.runs:
            last = block.runs[-1]
            ticks = doc.source.count("`", block.runs[0].source, last.source + last.length + 1)
            count += ticks // 2
    return count


# --------------------------------------------------------------------------- raw HTML

_HTML_BLOCK_START = re.compile(
    r"^ {0,3}</?(?:address|article|aside|blockquote|center|details|dd|dialog|div|dl|dt|"
    r"fieldset|figcaption|figure|footer|form|h[1-6]|header|li|main|nav|ol|p|section|"
    r"summary|table|tbody|td|tfoot|th|thead|tr|ul)(?:[\s/>]|$)", re.IGNORECASE)
#: A tag never holds "<": scanning stops there, so a line of unclosed "<" stays linear.
_TAG = re.compile(r"<[^<>]*>|&[#\w]+;")


def _html_words(doc: Document) -> list[tuple[int, int]]:
    """(line, words) of text inside raw HTML blocks, which the prose model leaves out.

    Follows CommonMark's rule for block-level HTML: a line opening with a
    block tag starts an HTML block that runs to the next blank line.
    """
    in_code: set[int] = set()
    for code in doc.code_blocks:
        in_code.update(range(code.line, code.line + code.lines + 2))
    lines = doc.source.split("\n")
    found: list[tuple[int, int]] = []
    inside = False
    for number in range(doc.front_matter.end_line + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            inside = False
            continue
        if number in in_code:
            continue
        if not inside and _HTML_BLOCK_START.match(line):
            inside = True
        if inside:
            count = count_words(_TAG.sub(" ", line))
            if count:
                found.append((number, count))
    return found


def html_words(ctx: RuleContext) -> list[tuple[int, int]]:
    """(line, words) of text in raw HTML blocks, found once per post for the thin rules."""
    return ctx.per_post(_html_words_of_post)


def _html_words_of_post(ctx: RuleContext) -> list[tuple[int, int]]:
    return _html_words(ctx.document) if "<" in ctx.document.source else []


# --------------------------------------------------------------------------- kind of post

#: Kinds of post, most specific first, and the front matter values naming them.
_KIND_TERMS: dict[str, frozenset[str]] = {
    "release": frozenset({
        "release", "releases", "release-notes", "release-note", "releasenotes",
        "changelog", "changelogs", "point-release", "new-release", "prerelease",
    }),
    "link-roundup": frozenset({
        "roundup", "roundups", "round-up", "link-roundup", "links", "linkpost", "link-post",
        "linkblog", "link", "this-week-in", "weekly", "newsletter", "digest", "link-list",
    }),
    "tutorial": frozenset({
        "tutorial", "tutorials", "how-to", "howto", "guide", "guides", "walkthrough",
    }),
    "announcement": frozenset({"announcement", "announcements", "announce"}),
}
_KIND_KEYS = ("kind", "type", "layout", "category", "categories", "tags", "tag", "series")
_KIND_PATH: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("release", re.compile(r"/releases?/|[-_.]released?\b|release[-_]?notes|"
                           r"pre-?release|changelog")),
    ("link-roundup", re.compile(r"this[-_]week[-_]in|/(?:link-)?roundups?/|round[-_]?up|"
                                r"/links/|/linkposts?/")),
    ("tutorial", re.compile(r"/tutorials?/|/how[-_]?to/|/guides?/")),
    ("announcement", re.compile(r"/announcements?/")),
)
_RELEASE_TITLE = re.compile(
    r"\b(?:released?|release notes?|announc(?:ing|ed)|changelog|is out|now available)\b",
    re.IGNORECASE)
VERSION = re.compile(r"\bv?\d+\.\d+(?:\.\d+)*\b")


_LINK_POST_KEYS = ("link", "link_url", "linkurl")


def _flatten(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield from re.split(r"[,;]", value)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)


def _term(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().lower())


def _kind_from_metadata(metadata: dict[str, Any]) -> str:
    tables = [metadata]
    for nested in ("extra", "taxonomies", "params"):
        table = metadata.get(nested)
        if isinstance(table, dict):
            tables.append(table)
    terms: set[str] = set()
    for table in tables:
        for key in _KIND_KEYS:
            if key in table:
                terms.update(_term(v) for v in _flatten(table[key]))
        if table.get("release") is True:
            terms.add("release")
    for kind, names in _KIND_TERMS.items():
        if terms & names:
            return kind
    if any(isinstance(metadata.get(key), str) and metadata[key] for key in _LINK_POST_KEYS):
        return "link-roundup"
    return ""


def post_kind(doc: Document) -> str:
    """The kind of post: ``release``, ``link-roundup``, ``tutorial``, ``announcement`` or ``post``.

    Read from the front matter (``kind``, ``type``, ``layout``, ``categories``,
    ``tags``, ...), else the file's path (``/releases/``, ``-released``,
    ``this-week-in``, ...), else a title naming a released version or opening
    with "Announcing" or "Introducing".
    """
    kind = _kind_from_metadata(doc.metadata)
    if kind == "announcement" and _names_release(doc.title):
        return "release"
    if kind:
        return kind
    path = "/" + "/".join(doc.path.replace("\\", "/").lower().split("/")[-3:])
    for name, pattern in _KIND_PATH:
        if pattern.search(path):
            return name
    title = doc.title
    if _names_release(title):
        return "release"
    if _ANNOUNCING_TITLE.match(title):
        return "announcement"
    return "post"


#: A title that is a name and a version and nothing else: "haven 2.3.0", "Gadget v4.1".
_NAME_AND_VERSION = re.compile(r"\s*[\w.+-]+(?:\s+[\w.+-]+){0,2}\s+v?\d+\.\d+(?:\.\d+)*\s*")


def _names_release(title: str) -> bool:
    """Whether a title names a released version ("GeoServer 2.5.4 Released", "haven 2.3.0")."""
    return bool(_RELEASE_TITLE.search(title) and VERSION.search(title)) \
        or bool(_NAME_AND_VERSION.fullmatch(title))


#: A title that opens by announcing something ("Announcing the Inside Rust blog").
_ANNOUNCING_TITLE = re.compile(r"\s*(?:announcing|introducing)\b", re.IGNORECASE)
