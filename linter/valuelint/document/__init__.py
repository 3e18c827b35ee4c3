"""The document model: a Markdown post as the prose rules read it, with a source map.

markdown-it-py parses the post and one walk over its tokens keeps

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

The package's modules, in the order a post goes through them:

* :mod:`~valuelint.document.masking`: the syntax that is not prose, masked;
* :mod:`~valuelint.document.markdown`: the configured parser and the limits of one post;
* :mod:`~valuelint.document.builder`: :func:`parse_document` and the walk over the
  tokens, one handler per token type;
* :mod:`~valuelint.document.sourcemap`: where the text of a token stands in the source;
* :mod:`~valuelint.document.model`: what the rules read, :class:`Document` and its parts.
"""

from valuelint.document.builder import normalize_newlines, parse_document
from valuelint.document.markdown import (
    MAX_LINES,
    MAX_MARKDOWN_STEPS,
    MAX_PROSE_TOKENS,
    TooLargeError,
)
from valuelint.document.markdown import markdown as _markdown  # noqa: F401 (benchmarks/floor.py)
from valuelint.document.masking import MASK, mask_templates
from valuelint.document.model import (
    WORD,
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
from valuelint.frontmatter import DocumentError

__all__ = [
    "MASK",
    "MAX_LINES",
    "MAX_MARKDOWN_STEPS",
    "MAX_PROSE_TOKENS",
    "WORD",
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
    "mask_templates",
    "normalize_newlines",
    "parse_document",
]
