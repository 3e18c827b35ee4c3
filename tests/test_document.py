"""The document model: what is prose, where each prose character stands, and
what valuelint counts (links, images, code blocks, headings, comments)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from valuelint.document import (
    MASK,
    BlockKind,
    Document,
    ProseBlock,
    mask_templates,
    normalize_newlines,
    parse_document,
)
from valuelint.frontmatter import FrontMatterError

_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")


def prose(doc: Document) -> str:
    return "\n".join(block.text for block in doc.blocks)


def assert_exact_map(doc: Document) -> None:
    """Every letter or digit of prose maps to the same character in the source.

    The one exception is a character written as an entity (``&eacute;``),
    which maps to the ``&`` that starts the entity.
    """
    for block in doc.blocks:
        for index, char in enumerate(block.text):
            if not char.isalnum():
                continue
            offset = block.source_offset(index)
            found = doc.source[offset]
            if found == "&" and _ENTITY.match(doc.source, offset):
                continue
            assert found == char, (
                f"{block.text!r}[{index}] is {char!r} but maps to {found!r} at "
                f"{doc.position(offset)}"
            )


def locate(doc: Document, word: str) -> tuple[ProseBlock, int]:
    """The first block holding ``word`` as a whole word, and its index there."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    for block in doc.blocks:
        match = pattern.search(block.text)
        if match:
            return block, match.start()
    raise AssertionError(f"{word!r} is not in the prose: {prose(doc)!r}")


def word_span(doc: Document, word: str) -> tuple[int, int, int, int]:
    block, start = locate(doc, word)
    return doc.span(block, start, start + len(word))


@dataclass(frozen=True)
class Case:
    source: str
    prose: tuple[str, ...]
    """Words a reader reads: each is in the prose."""
    hidden: tuple[str, ...]
    """Text that is markup, code, a URL or template syntax: never in the prose."""
    word: str
    """A prose word whose position is checked..."""
    at: tuple[int, int]
    """...at this 1-based (line, column) of the source."""
    path: str = "post.md"


CASES: dict[str, Case] = {
    "atx-heading": Case(
        "# Hello world\n\nBody text.\n",
        ("Hello", "world", "Body"), ("#",), "world", (1, 9)),
    "atx-heading-closing-hashes": Case(
        "Intro.\n\n## Closing hashes ##\n",
        ("Closing", "hashes"), ("##",), "hashes", (3, 12)),
    "setext-heading": Case(
        "Intro.\n\nSetext title\n============\n",
        ("Setext", "title"), ("==",), "title", (3, 8)),
    "emphasis-strong-strikethrough": Case(
        "Some *soft* and **loud** and ~~gone~~ words\n",
        ("soft", "loud", "gone", "words"), ("*", "~"), "loud", (1, 19)),
    "nested-bullet-list": Case(
        "- outer item\n  - inner item\n    - deepest leaf\n",
        ("outer", "inner", "deepest", "leaf"), ("- ",), "deepest", (3, 7)),
    "ordered-list": Case(
        "1. first step\n2. second step\n10. tenth step\n",
        ("first", "second", "tenth"), ("1.", "10."), "tenth", (3, 5)),
    "blockquote-lazy-continuation": Case(
        "> quoted start\nlazy tail words\n",
        ("quoted", "start", "lazy", "tail"), (">",), "lazy", (2, 1)),
    "blockquote-nested-in-list": Case(
        "- item text\n\n  > inner quoted words\n",
        ("item", "inner", "quoted"), (">",), "quoted", (3, 11)),
    "table-cells-escaped-pipe": Case(
        "| Name | Note |\n|------|------|\n| pipe \\| here | after cell |\n",
        ("Name", "Note", "pipe | here", "after", "cell"), ("---", "\\"), "after", (3, 18)),
    "inline-link-text-not-url": Case(
        "Read [the guide](https://example.com/guide) today\n",
        ("Read", "the guide", "today"), ("example", "https", "]("), "today", (1, 45)),
    "reference-link": Case(
        'See [docs page][ref] now\n\n[ref]: https://example.org/docs "Title words"\n',
        ("See", "docs page", "now"), ("example", "Title", "ref"), "now", (1, 22)),
    "autolink": Case(
        "Visit <https://example.net/auto> please\n",
        ("Visit", "please"), ("example", "auto", "https"), "please", (1, 34)),
    "bare-urls": Case(
        "Go to https://bare.example.com/path or www.example.org now\n",
        ("Go to", "or", "now"), ("bare", "example", "path", "www"), "now", (1, 56)),
    "image-alt-text": Case(
        '![diagram of pipeline](img/pipe.png "caption words")\n',
        ("diagram of pipeline",), ("img", "png", "caption"), "pipeline", (1, 14)),
    "inline-code": Case(
        "Call `hidden_fn()` first\n",
        ("Call", "first"), ("hidden_fn",), "first", (1, 20)),
    "fenced-code": Case(
        "```python\nsecret_value = 1\n```\n\nAfter the fence\n",
        ("After", "fence"), ("python", "secret_value"), "fence", (5, 11)),
    "indented-code": Case(
        "Para before.\n\n    indented_secret = 2\n\nPara after.\n",
        ("before", "after"), ("indented_secret",), "after", (5, 6)),
    "html-inline": Case(
        'Text <span class="muted">shown words</span> end\n',
        ("Text", "shown words", "end"), ("span", "class", "muted"), "end", (1, 45)),
    "html-block": Case(
        '<div class="box">\n<p>block html</p>\n</div>\n\nOutside words\n',
        ("Outside",), ("box", "block", "div"), "words", (5, 9)),
    "html-comments": Case(
        "Shown <!-- hidden remark --> text\n\n<!-- block remark -->\n",
        ("Shown", "text"), ("hidden", "remark", "<!--"), "text", (1, 30)),
    "entities": Case(
        "Tom &amp; Jerry &copy; it&#39;s caf&eacute; time\n",
        ("Tom & Jerry", "©", "it's", "café", "time"), ("amp", "copy", "#39", "eacute"),
        "time", (1, 45)),
    "backslash-escapes": Case(
        "\\*not emphasis\\* and \\# plain\n",
        ("*not emphasis*", "# plain"), ("\\",), "plain", (1, 25)),
    "hard-breaks": Case(
        "first line  \nsecond line\\\nthird line\n",
        ("first line", "second line", "third line"), ("\\",), "third", (3, 1)),
    "footnote": Case(
        "A claim[^note] here.\n\n[^note]: Footnote body words.\n",
        ("A claim here.", "Footnote body words."), ("[^", "note]"), "body", (3, 19)),
    "inline-footnote": Case(
        "Text^[an inline aside] ends\n",
        ("Text", "an inline aside", "ends"), ("^[",), "aside", (1, 17)),
    "math-versus-money": Case(
        "Energy $E=mc^2$ costs $5 and $10 today\n",
        ("Energy", "costs $5 and $10 today"), ("mc", "E="), "today", (1, 34)),
    "display-math": Case(
        "Before.\n\n$$\nhidden_math + 1\n$$\n\nAfter.\n",
        ("Before", "After"), ("hidden_math",), "After", (7, 1)),
    "liquid-tags": Case(
        "Hello {{ page.title }} and {% include note.html %} bye\n",
        ("Hello", "and", "bye"), ("page", "title", "include", "note", "{"), "bye", (1, 52)),
    "liquid-raw-region": Case(
        "{% raw %}\nLiteral {{ braces }} shown\n{% endraw %}\n",
        ("Literal", "shown"), ("raw", "braces", "{"), "shown", (2, 22)),
    "liquid-highlight-region": Case(
        "{% highlight ruby %}\nputs greeting\n{% endhighlight %}\n\nAfter code\n",
        ("After code",), ("ruby", "puts", "greeting", "highlight"), "code", (5, 7)),
    "hugo-shortcode": Case(
        "Watch {{< youtube w7Ft2ymGmfc >}} now\n",
        ("Watch", "now"), ("youtube", "w7Ft2ymGmfc", "{"), "now", (1, 35)),
    "hugo-shortcode-with-markdown": Case(
        "{{% notice tip %}}\nRemember **this** point\n{{% /notice %}}\n",
        ("Remember this point",), ("notice", "tip", "**", "{"), "point", (2, 19)),
    "kramdown-attribute-lists": Case(
        "Lead paragraph\n{: .intro}\n\n## Section {#sec-anchor}\n",
        ("Lead paragraph", "Section"), ("intro", "sec-anchor", "{"), "Section", (4, 4)),
    "mdx-import-export-jsx": Case(
        "import Chart from './chart'\n"
        "export const meta = {\n  title: 'x',\n}\n"
        "\n# MDX heading\n\n"
        "<Chart points={data} />\n\n"
        "Text with {props.count} items\n\n"
        "<Note>\nInside note words\n</Note>\n",
        ("MDX heading", "Text with", "items", "Inside note words"),
        ("import", "Chart", "export", "meta", "points", "props", "{", "<"),
        "Inside", (13, 1), path="post.mdx"),
    "crlf-line-endings": Case(
        "First line\r\nsecond word\r\n\r\n# Head\r\n",
        ("First line", "second word", "Head"), ("\r",), "word", (2, 8)),
    "lone-cr-line-endings": Case(
        "Mac line\rnext word\r\rLast para\r",
        ("Mac line", "next word", "Last para"), ("\r",), "Last", (4, 1)),
    "byte-order-mark": Case(
        "\ufeffStarts with a mark\n",
        ("Starts with a mark",), ("\ufeff",), "Starts", (1, 1)),
    "tabs": Case(
        "Tab\tseparated words\n\n-\ttabbed item\n\tcontinued here\n",
        ("separated", "tabbed item", "continued"), (), "continued", (4, 2)),
    "non-ascii-and-emoji": Case(
        "Café déjà vu 😀 naïve résumé\n\n日本語の文章\n",
        ("Café", "déjà", "😀", "résumé", "日本語の文章"), (), "résumé", (1, 22)),
    "yaml-front-matter": Case(
        "---\ntitle: Post\n---\n\nBody starts here\n",
        ("Body starts",), ("title", "Post", "---"), "starts", (5, 6)),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_prose_and_positions(case: Case) -> None:
    doc = parse_document(case.path, case.source)
    text = prose(doc)
    for words in case.prose:
        assert words in text, f"{words!r} should be prose: {text!r}"
    for syntax in case.hidden:
        assert syntax not in text, f"{syntax!r} should not be prose: {text!r}"
    line, column, end_line, end_column = word_span(doc, case.word)
    assert (line, column) == case.at
    assert (end_line, end_column) == (line, column + len(case.word))
    assert_exact_map(doc)


def test_position_of_every_word_in_a_mixed_post() -> None:
    source = (
        "---\r\ntitle: Mixed\r\n---\r\n"
        "# The *first* heading\r\n\r\n"
        "> Quoted **words** with a [link](https://example.com) and `code`\r\n"
        "> lazy &amp; more\r\n\r\n"
        "1. Step one\r\n"
        "   - nested *two*\r\n\r\n"
        "| Col | Other |\r\n| --- | --- |\r\n| a \\| b | cell |\r\n"
    )
    doc = parse_document("post.md", source)
    assert_exact_map(doc)
    # Every word of prose is found at the same spot of the file, read line by line.
    lines = normalize_newlines(source).split("\n")
    for block in doc.blocks:
        for match in re.finditer(r"\w+", block.text):
            line, column, end_line, end_column = doc.span(block, match.start(), match.end())
            assert end_line == line
            assert lines[line - 1][column - 1 : end_column - 1] == match.group(0)


def test_block_kinds_and_quoting() -> None:
    doc = parse_document("post.md", (
        "# Title\n\n"
        "Paragraph.\n\n"
        "- Listed\n\n"
        "> Quoted\n\n"
        "| Cell |\n|---|\n| Body |\n\n"
        "![Alt words](x.png)\n\n"
        "Claim[^1].\n\n[^1]: Noted.\n"
    ))
    kinds = {block.text.strip(): (block.kind, block.quoted) for block in doc.blocks}
    assert kinds["Title"] == (BlockKind.HEADING, False)
    assert kinds["Paragraph."] == (BlockKind.PARAGRAPH, False)
    assert kinds["Listed"] == (BlockKind.LIST_ITEM, False)
    assert kinds["Quoted"] == (BlockKind.QUOTE, True)
    assert kinds["Cell"] == (BlockKind.TABLE_CELL, False)
    assert kinds["Body"] == (BlockKind.TABLE_CELL, False)
    assert kinds["Alt words"] == (BlockKind.ALT_TEXT, False)
    assert kinds["Noted."] == (BlockKind.FOOTNOTE, False)
    assert [block.text for block in doc.iter_prose(quoted=False)].count("Quoted") == 0


def test_table_cells_after_an_escaped_pipe_keep_their_columns() -> None:
    source = "| A | B | C |\n|---|---|---|\n| a \\| a | a | tail a |\n"
    doc = parse_document("post.md", source)
    cells = [block for block in doc.blocks if block.line == 3]
    assert [cell.text for cell in cells] == ["a | a", "a", "tail a"]
    assert [doc.position(cell.source_offset(0)) for cell in cells] == [(3, 3), (3, 12), (3, 16)]
    # The escaped pipe maps to the pipe, not to its backslash.
    assert doc.position(cells[0].source_offset(2)) == (3, 6)
    assert_exact_map(doc)


def test_blocks_are_in_source_order_with_their_section() -> None:
    doc = parse_document("post.md", (
        "# One\n\nClaim[^n].\n\n[^n]: A note in the middle.\n\n## Two\n\nLast words.\n"
    ))
    assert [block.text for block in doc.blocks] == [
        "One", "Claim.", "A note in the middle.", "Two", "Last words."]
    sections = {block.text: doc.headings[block.section].text for block in doc.blocks}
    assert sections["A note in the middle."] == "One"
    assert sections["Last words."] == "Two"
    assert all(doc.blocks[heading.block].text == heading.text for heading in doc.headings)


def test_links() -> None:
    doc = parse_document("post.md", (
        "An [external guide](https://example.com/guide \"Guide\") and "
        "[a local page](/about/) and [`code` text](docs.html).\n\n"
        "Mail <mailto:me@example.com> or <https://auto.example.net>.\n\n"
        "Sponsored <a href=\"https://shop.example.com\" rel=\"nofollow sponsored\">shop "
        "<em>now</em></a>.\n\n"
        "[ref link][r]\n\n[r]: http://ref.example.org\n"
    ))
    links = {link.href: link for link in doc.links}
    guide = links["https://example.com/guide"]
    assert (guide.text, guide.title, guide.external) == ("external guide", "Guide", True)
    assert (guide.line, guide.column) == (1, 4)
    assert links["/about/"].external is False
    assert links["/about/"].text == "a local page"
    assert links["docs.html"].text == "code text"
    assert links["mailto:me@example.com"].external is False
    assert links["https://auto.example.net"].external is True
    shop = links["https://shop.example.com"]
    assert (shop.rel, shop.text, shop.external) == ("nofollow sponsored", "shop now", True)
    assert (shop.line, shop.column) == (5, 11)
    assert links["http://ref.example.org"].text == "ref link"
    assert links["http://ref.example.org"].line == 7
    assert all(link.rel == "" for link in doc.links if link is not shop)


def test_links_in_html_blocks() -> None:
    doc = parse_document("post.md", (
        "Intro.\n\n<p>See <a href='https://partner.example.com' rel=nofollow>our partner</a></p>\n"
    ))
    [link] = doc.links
    assert (link.href, link.rel, link.text) == (
        "https://partner.example.com", "nofollow", "our partner")
    assert (link.line, link.column) == (3, 8)


def test_images() -> None:
    doc = parse_document("post.md", (
        "Text\n\n![A *red* chart](charts/red.png \"Red\") and [![Logo](logo.svg)](/home)\n"
    ))
    assert [(image.src, image.alt, image.line, image.column) for image in doc.images] == [
        ("charts/red.png", "A red chart", 3, 1), ("logo.svg", "Logo", 3, 45)]
    assert doc.links[0].text == "Logo"


def test_headings() -> None:
    doc = parse_document("post.md", (
        "# Top\n\n## Second *level*\n\n### Third\n\nSetext two\n----------\n\n> #### Quoted four\n"
    ))
    assert [(h.level, h.text, h.line) for h in doc.headings] == [
        (1, "Top", 1), (2, "Second level", 3), (3, "Third", 5), (2, "Setext two", 7),
        (4, "Quoted four", 10)]
    assert [doc.blocks[h.block].level for h in doc.headings] == [1, 2, 3, 2, 4]


def test_code_blocks() -> None:
    doc = parse_document("post.md", (
        "Intro.\n\n"
        "```python\nimport os\nprint(os.sep)\n```\n\n"
        "    indented one\n    indented two\n    indented three\n\n"
        "~~~\n~~~\n\n"
        "{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n\n"
        "{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\n\n"
        "Inline `one` and `two`.\n"
    ))
    assert [(code.info, code.line, code.lines) for code in doc.code_blocks] == [
        ("python", 3, 2), ("", 8, 3), ("", 12, 0), ("ruby", 15, 1), ("go", 19, 1)]
    assert doc.inline_code == 2


def test_template_code_shown_inside_a_fence_is_one_code_block() -> None:
    doc = parse_document("post.md", (
        "How to highlight in Jekyll:\n\n"
        "```liquid\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n```\n"
    ))
    assert [(code.info, code.line, code.lines) for code in doc.code_blocks] == [
        ("liquid", 3, 3)]


def test_comments() -> None:
    doc = parse_document("post.md", (
        "<!-- valuelint-disable THIN001 -->\n\n"
        "Text <!-- inline note --> more.\n\n"
        "<!--\nspans\nlines\n-->\n\n"
        "> quoted <!-- in a quote -->\n"
    ))
    assert [(c.text, c.line, c.end_line) for c in doc.comments] == [
        ("valuelint-disable THIN001", 1, 1), ("inline note", 3, 3), ("spans\nlines", 5, 8),
        ("in a quote", 10, 10)]


def test_word_count_counts_prose_only() -> None:
    doc = parse_document("post.md", (
        "---\ntitle: Not counted here\n---\n"
        "# Two words\n\n"
        "Three more words with `code` [and a link](https://example.com/a/b/c).\n\n"
        "```\nnot counted at all\n```\n\n"
        "{{< shortcode not counted >}}\n\n"
        "It's well-known.\n"
    ))
    # "Two words" + "Three more words with and a link" + "It's well-known"
    assert doc.word_count == 2 + 7 + 2


@pytest.mark.parametrize(
    ("source", "title", "line"),
    [
        ("---\ntitle: From front matter\n---\n# Heading\n", "From front matter", 2),
        ("---\ndraft: true\n---\n\nIntro.\n\n# First H1\n\n# Second H1\n", "First H1", 7),
        ("## Only an H2\n", "", 1),
        ("---\ntitle: 1984\n---\n# Heading\n", "1984", 2),
        ("---\ntitle: [a, b]\n---\n# The heading\n", "The heading", 4),
        ("---\ntitle: {nested: map}\n---\nNo heading.\n", "", 1),
        ("---\ntitle: '   '\n---\n# Blank title\n", "Blank title", 4),
        ('+++\ndraft = false\ntitle = "Toml title"\n+++\n', "Toml title", 3),
        ('{\n  "title": "Json title"\n}\n', "Json title", 2),
        ("Setext\ntitle\n=====\n", "Setext title", 1),
    ],
)
def test_title(source: str, title: str, line: int) -> None:
    doc = parse_document("post.md", source)
    assert doc.title == title
    assert doc.title_line == line


def test_metadata_from_yaml_toml_and_json() -> None:
    yaml_doc = parse_document("post.md", (
        "---\ntitle: Y\ndescription: About\ndate: 2024-03-01\ndraft: false\n"
        "tags: [python, cli]\ncategories:\n  - tools\nauthor: Ann\nlang: en\nseries: x\n---\nBody\n"
    ))
    assert yaml_doc.metadata == {
        "title": "Y", "description": "About", "date": date(2024, 3, 1), "draft": False,
        "tags": ["python", "cli"], "categories": ["tools"], "author": "Ann", "lang": "en",
        "series": "x"}
    toml_doc = parse_document("post.md", (
        '+++\ntitle = "T"\ndate = 2024-03-01\ndraft = true\ntags = ["a"]\n'
        '[params]\nhero = "h.png"\n+++\nBody\n'
    ))
    assert toml_doc.metadata == {
        "title": "T", "date": date(2024, 3, 1), "draft": True, "tags": ["a"],
        "params": {"hero": "h.png"}}
    json_doc = parse_document(
        "post.md", '{\n"title": "J",\n"tags": ["x"],\n"draft": true\n}\nBody\n')
    assert json_doc.metadata == {"title": "J", "tags": ["x"], "draft": True}
    for doc in (yaml_doc, toml_doc, json_doc):
        assert prose(doc) == "Body"
    none_doc = parse_document("post.md", "Just text.\n")
    assert none_doc.metadata == {}
    assert none_doc.front_matter.format == ""


def test_post_that_opens_with_template_syntax_has_no_front_matter() -> None:
    for source in ("{% include toc.html %}\n\nFirst words.\n",
                   "{{< figure src=\"a.png\" >}}\n\nFirst words.\n",
                   "{: .lead}\nFirst words.\n"):
        doc = parse_document("post.md", source)
        assert doc.front_matter.format == ""
        assert "First words." in prose(doc)


def test_front_matter_errors_reach_the_caller() -> None:
    with pytest.raises(FrontMatterError):
        parse_document("post.md", "---\ntitle: [unclosed\n---\nBody\n")


def test_mask_templates_keeps_offsets_and_lines() -> None:
    text = (
        "Hi {{ name }} and {% if x %}yes{% endif %}.\n"
        "{% comment %}\nhidden\n{% endcomment %}\n"
        "{{< tweet 1 >}}\nEnd {: .x}\n"
    )
    masked = mask_templates(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"]
    assert "name" not in masked and "hidden" not in masked and "tweet" not in masked
    assert masked.split("\n")[0].replace(MASK, "") == "Hi  and yes."
    # Lines of nothing but template syntax become blank lines.
    assert masked.split("\n")[1:5] == [" " * 13, " " * 6, " " * 16, " " * 15]
    assert mask_templates("import x from 'y'\n", mdx=False) == "import x from 'y'\n"
    assert mask_templates("import x from 'y'\n", mdx=True).strip() == ""


def test_normalize_newlines() -> None:
    assert normalize_newlines("\ufeffa\r\nb\rc\n\0") == "a\nb\nc\n\ufffd"
