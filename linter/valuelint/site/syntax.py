"""Generator syntax that is not prose: admonitions and template comments.

``!!! note "Title"`` (MkDocs, Python-Markdown), ``??? tip`` and ``???+ tip``
(pymdownx.details), and ``:::tip Title`` / ``:::`` (Docusaurus) open and close
call-out boxes. The markers are syntax; the title and the body are what a
reader sees. Nunjucks (Eleventy) and Tera (Zola) comments, ``{# ... #}``, are
never shown at all. :func:`mask_generator_syntax` blanks both without moving any
character, so that the document model reads the title and the body as prose
and never the markers: a marker's characters become :data:`MASK` characters
(which prose never contains), and a line that held only a marker becomes a
blank line. The four spaces that indent a MkDocs admonition's body are masked
too, so the body is read as paragraphs rather than as indented code; a code
block inside the body (indented further, or fenced) is masked whole.
"""

from __future__ import annotations

import re

from valuelint.document.masking import MASK

__all__ = ["MASK", "mask_generator_syntax"]

# !!! type "Title"  /  ??? type  /  ???+ type "Title"  (the type may carry extra classes)
_MKDOCS = re.compile(r'^([ \t]*)((?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*)[ \t]*'
                     r'(?:("|\')(.*)\3)?[ \t]*$')
# :::type Title, :::type[Title], :::type{props} and the closing :::
_DOCUSAURUS_OPEN = re.compile(r"^([ \t]*)(:{3,}[ \t]*[A-Za-z][\w-]*)(.*)$")
_DOCUSAURUS_CLOSE = re.compile(r"^[ \t]*:{3,}[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_MASKED_LINE = re.compile(rf"^[ \t]*{MASK}[ \t{MASK}]*$", re.MULTILINE)
_TEMPLATE_COMMENT = re.compile(r"\{#(?!#)[^\n]*?#\}|\{#[ \t]*\n.{0,4000}?#\}", re.DOTALL)


def _masked(text: str) -> str:
    return re.sub(r"[^\n]", MASK, text)


def _blank(line: str) -> str:
    return " " * len(line)


def mask_generator_syntax(text: str) -> str:
    """``text`` with template comments and admonition markers masked; offsets are kept."""
    if "{#" in text:
        text = _TEMPLATE_COMMENT.sub(lambda m: _masked(m.group(0)), text)
        # A line that held only a comment is a blank line, as on the page.
        text = _MASKED_LINE.sub(lambda m: " " * len(m.group(0)), text)
    if "!!!" not in text and "???" not in text and ":::" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    fence = ""
    body_indent = -1
    """Indentation of the admonition body being read (-1: none open)."""
    body_fence = ""
    for line in lines:
        if body_indent >= 0:
            stripped = line.strip()
            indent = len(line) - len(line.lstrip(" "))
            if not stripped:
                out.append(line)
                continue
            if indent >= body_indent + 4 or body_fence:
                if body_fence:
                    opened = _FENCE.match(line)
                    if opened and opened.group(1)[0] == body_fence[0] and \
                            len(opened.group(1)) >= len(body_fence) and \
                            not line.strip()[len(opened.group(1)):].strip():
                        body_fence = ""
                    out.append(_blank(line))
                    continue
                opened = _FENCE.match(line[body_indent + 4:])
                if opened:
                    body_fence = opened.group(1)
                    out.append(_blank(line))
                    continue
                cut = body_indent + 4
                rest = line[cut:]
                if rest.startswith(("    ", "\t")):
                    # Code indented inside the body: not prose.
                    out.append(_blank(line))
                    continue
                out.append(MASK * cut + rest)
                continue
            body_indent = -1
        if fence:
            closing = _FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue
        mkdocs = _MKDOCS.match(line)
        if mkdocs:
            lead, marker, quote, title = mkdocs.group(1), mkdocs.group(2), mkdocs.group(3), \
                mkdocs.group(4)
            if title is None or not title.strip():
                out.append(_blank(line))
            else:
                start = len(lead) + len(marker)
                title_at = line.index(quote, start) + 1
                out.append(lead + _masked(line[len(lead):title_at]) + title
                           + _masked(line[title_at + len(title):]))
            body_indent = len(lead)
            continue
        if _DOCUSAURUS_CLOSE.match(line):
            out.append(_blank(line))
            continue
        docusaurus = _DOCUSAURUS_OPEN.match(line)
        if docusaurus:
            lead, marker, rest = docusaurus.groups()
            bracket = re.match(r"^\[(.*)\](.*)$", rest)
            if bracket:
                title, tail = bracket.groups()
                out.append(lead + _masked(marker + "[") + title + _masked("]" + tail)
                           if title.strip() else _blank(line))
                continue
            props = re.match(r"^(\{[^}]*\})(.*)$", rest)
            if props:
                title = props.group(2)
                prefix = lead + _masked(marker + props.group(1))
                out.append(prefix + title if title.strip() else _blank(line))
                continue
            out.append(lead + _masked(marker) + rest if rest.strip() else _blank(line))
            continue
        out.append(line)
    return "\n".join(out)
