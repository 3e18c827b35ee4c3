"""Property-based tests: whatever Markdown a post holds, valuelint reports on it correctly.

Posts are generated from the pieces blogs are made of: headings (ATX and setext),
paragraphs, bullet and ordered lists (nested, with tasks), block quotes, emphasis,
links, images, autolinks, code spans and fences (closed or not), indented code,
inline and block HTML, HTML comments and valuelint directives, tables, footnotes,
entities and escapes, math, front matter in YAML, TOML and JSON (well-formed or
broken), Liquid ``{% %}``/``{{ }}`` tags and regions, Hugo shortcodes
``{{< >}}``/``{{% %}}``, kramdown attribute lists and admonitions; with LF, CRLF or
lone CR line endings and an optional byte-order mark. The words are drawn from a
vocabulary that makes the rules fire (sales talk, bait, placeholders, shouting,
claims, numbers, non-ASCII and astral characters).

For every post, checked in process with the default configuration and every
installed rule:

* checking never raises, and no rule fails (a failing rule becomes a file error);
  a well-formed post gets a score and no error, a broken one one-line errors;
* every finding's line and column lie inside the file, its end lies after its
  start and inside the file too;
* the text at a finding's position is the text the finding is about: the first and
  last characters of the stretch of prose the rule reported are the characters at
  the finding's start and just before its end, the words of that stretch appear, in
  order, in the source between the two, and a message that quotes the text quotes
  that stretch; a finding about a whole line (the title, a front matter key, a
  link) names a line that holds something, and spans the whole line;
* the source map of the document model is exact: every run of prose text stands
  unchanged at the place in the source it maps to (an entity such as ``&copy;``
  maps to the place it is written);
* checking the same post twice gives the same result.

The Hypothesis settings are fixed (``derandomize=True``, no example database), so
every run, on every machine, tries the same posts. A few real command-line runs
over a folder of generated posts check that the JSON report is the same byte for
byte with ``--jobs 1`` and ``--jobs 2`` and under two ``PYTHONHASHSEED`` values.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import run_valuelint
from valuelint.config import Config
from valuelint.document import Document, ProseBlock, normalize_newlines, parse_document
from valuelint.engine import check_text
from valuelint.plugins import load_rules
from valuelint.result import PostResult
from valuelint.rule import Finding, RuleContext

RULES = load_rules()
CONFIG = Config()

T = TypeVar("T")

#: Bounded and deterministic: the same posts on every run, no database written.
SETTINGS = settings(
    max_examples=150, deadline=None, derandomize=True, database=None, print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------- the posts


class Chooser:
    """Where a generated post's choices come from: Hypothesis, or a seeded random."""

    def pick(self, options: Sequence[T]) -> T:  # pragma: no cover - interface
        raise NotImplementedError

    def number(self, low: int, high: int) -> int:  # pragma: no cover - interface
        raise NotImplementedError

    def chance(self, in_ten: int) -> bool:
        """True about ``in_ten`` times in ten."""
        return self.number(0, 9) < in_ten


class Drawn(Chooser):
    """Choices drawn by Hypothesis (so that a failing post shrinks)."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self.draw = draw

    def pick(self, options: Sequence[T]) -> T:
        chosen: T = self.draw(st.sampled_from(options))
        return chosen

    def number(self, low: int, high: int) -> int:
        chosen: int = self.draw(st.integers(low, high))
        return chosen


class Seeded(Chooser):
    """Choices from a seeded random generator (for the command-line runs)."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def pick(self, options: Sequence[T]) -> T:
        return self.random.choice(options)

    def number(self, low: int, high: int) -> int:
        return self.random.randint(low, high)


WORDS = (
    # plain prose
    "the", "a", "and", "of", "to", "in", "it", "is", "was", "we", "our", "us", "you", "your",
    "I", "me", "my", "post", "build", "cache", "release", "server", "query", "index", "bug",
    "fixed", "measured", "latency", "reader", "Python", "Linux", "PostgreSQL", "Kubernetes",
    "because", "then", "when", "which", "writes", "reads", "takes", "seconds",
    # numbers and claims
    "42", "3.5", "2024", "90%", "$10", "10x", "1,000", "studies show", "experts agree",
    "research proves", "everyone knows",
    # sales talk, puffery, bait
    "best", "ever", "amazing", "revolutionary", "game-changing", "world-class", "guaranteed",
    "Buy now", "Act now", "click here", "Sign up today", "limited time", "don't miss out",
    "use code SAVE20", "20% off", "you won't believe", "what happens next", "this one trick",
    "FREE", "AMAZING DEAL", "BUY IT NOW", "!!!", "?!", "shocking", "insane", "hurry",
    "offer ends tonight", "only 3 left", "the best product ever", "the fastest",
    "100% guaranteed", "like and subscribe", "leave a comment below", "share this post",
    "follow me on Twitter", "smash that like button",
    # placeholders and draft markers
    "TODO", "TBD", "FIXME", "XXX", "lorem ipsum dolor sit amet", "[insert link]",
    "[citation needed]", "coming soon", "<placeholder>",
    # characters that count
    "café", "naïve", "日本語", "🎉", "—", "“quoted”", "it\u2019s", "e.g.", "etc.", "x_y",
    "https://example.com/a?ref=abc", "www.example.org", "https://amzn.to/3xYz",
    "&amp;", "&copy;", "&#8212;", "&ngE;", "\\*", "\\_", "\\|", "\\[", "a\tb", "\u00a0",
    "::", "~", "^", "|", "*", "_", "`", "<", ">", "{", "}", "%", "#", "=", "+",
)
URLS = ("https://example.com/guide", "https://github.com/valuelint/valuelint", "/about/",
        "../other-post.md", "https://amzn.to/3xYz?tag=me-20", "mailto:me@example.com",
        "https://example.com/a_(b)", "<https://example.com/with space>", "#section", "")
CODES = ("PROM001", "PROM", "THIN", "BAIT002", "hard-sell", "EVID", "READ001")
LANGUAGES = ("", "python", "js", "bash", "text", "python {linenos=true}", "```")


def words(c: Chooser, low: int = 1, high: int = 8) -> str:
    return " ".join(c.pick(WORDS) for _ in range(c.number(low, high)))


def inline(c: Chooser) -> str:
    """One inline element (or a broken attempt at one)."""
    t = words(c, 1, 4)
    return c.pick(INLINES)(c, t)


def _url(c: Chooser) -> str:
    return c.pick(URLS)


Inline = Callable[[Chooser, str], str]
INLINES: tuple[Inline, ...] = (
    lambda c, t: t, lambda c, t: t, lambda c, t: t, lambda c, t: t, lambda c, t: t,
    lambda c, t: f"*{t}*", lambda c, t: f"_{t}_", lambda c, t: f"**{t}**",
    lambda c, t: f"__{t}__", lambda c, t: f"***{t}***", lambda c, t: f"~~{t}~~",
    lambda c, t: f"`{t}`", lambda c, t: f"`` {t} ` {t} ``",
    lambda c, t: f"[{t}]({_url(c)})", lambda c, t: f'[{t}]({_url(c)} "{words(c, 1, 2)}")',
    lambda c, t: f"[{t}][ref]", lambda c, t: f"[{t}]", lambda c, t: f"![{t}]({_url(c)})",
    lambda c, t: "<https://example.com/auto>", lambda c, t: "<me@example.com>",
    lambda c, t: f'<span class="x">{t}</span>',
    lambda c, t: f'<a href="{_url(c)}" rel="sponsored">{t}</a>', lambda c, t: "<br>",
    lambda c, t: f"{{{{ page.{c.pick(('title', 'date', 'x'))} }}}}",
    lambda c, t: f"{{% include {c.pick(('note.html', 'x'))} %}}",
    lambda c, t: f'{{{{< ref "{t}" >}}}}', lambda c, t: f"{{{{% note %}}}}{t}{{{{% /note %}}}}",
    lambda c, t: f"[^{c.number(1, 3)}]", lambda c, t: f"^[{t}]",
    lambda c, t: f"${c.pick(('x^2', 'a', '5 and $10'))}$", lambda c, t: "{: .lead}",
    lambda c, t: f"{{# {t} #}}",
    # unbalanced
    lambda c, t: c.pick((f"*{t}", f"[{t}", f"`{t}", f"<span {t}", "{{ never closed",
                         "{% if x", "{{< x", "<!--", "](", "**", f"[{t}](", "&", "\\")),
)


def line(c: Chooser) -> str:
    return " ".join(inline(c) for _ in range(c.number(1, 5)))


def paragraph(c: Chooser) -> str:
    lines = [line(c) for _ in range(c.number(1, 3))]
    breaks = ["\n", "\n", "  \n", "\\\n"]
    out = lines[0]
    for more in lines[1:]:
        out += c.pick(breaks) + more
    return out


def list_block(c: Chooser, depth: int) -> str:
    marker = c.pick(("-", "*", "+", "1.", "2)"))
    items = []
    for _ in range(c.number(1, 4)):
        task = c.pick(("", "", "[ ] ", "[x] "))
        item = f"{marker} {task}{line(c)}"
        if c.chance(2):
            item += "\n  " + line(c)
        if depth < 2 and c.chance(2):
            indent = c.pick(("  ", "    ", "\t"))
            item += "\n" + "\n".join(indent + part for part in
                                     list_block(c, depth + 1).split("\n"))
        items.append(item)
    return c.pick(("\n", "\n\n")).join(items)


def block(c: Chooser, depth: int = 0) -> str:
    """One block of a post."""
    kind = c.number(0, 24)
    if kind <= 3:
        return paragraph(c)
    if kind == 4:  # a wall of text
        return "\n".join(" ".join(c.pick(WORDS) for _ in range(c.number(8, 14)))
                         for _ in range(c.number(4, 10)))
    if kind == 5:
        return f"{'#' * c.number(1, 6)} {line(c)}{c.pick(('', ' ##', ' {#id}'))}"
    if kind == 6:
        return f"{line(c)}\n{c.pick(('===', '---'))}"
    if kind == 7:
        return list_block(c, 0)
    if kind == 8:
        inner = block(c, depth + 1) if depth < 2 else paragraph(c)
        prefix = c.pick(("> ", ">", "> > "))
        quoted = "\n".join(prefix + part for part in inner.split("\n"))
        return quoted + (f"\n{line(c)}" if c.chance(2) else "")  # a lazy continuation
    if kind == 9:
        fence = c.pick(("```", "~~~", "````"))
        body = "\n".join(words(c) for _ in range(c.number(0, 3)))
        closing = c.pick((fence, fence, ""))
        return f"{fence}{c.pick(LANGUAGES)}\n{body}\n{closing}".rstrip("\n")
    if kind == 10:
        return "\n".join("    " + words(c) for _ in range(c.number(1, 3)))
    if kind == 11:
        return c.pick((f"<div>\n{line(c)}\n</div>",
                       f"<details><summary>{words(c)}</summary>\n\n{paragraph(c)}\n\n</details>",
                       f"<p>{words(c)}\n\n{words(c)}</p>", f"<!-- {words(c)} -->",
                       f"<!--\n{words(c)}\n-->", f"<!-- {words(c)}"))
    if kind == 12:
        directive = c.pick(("disable", "enable", "disable-next-line", "disable-line",
                            "disable-file"))
        codes = " ".join(c.pick(CODES) for _ in range(c.number(0, 2)))
        return f"<!-- valuelint-{directive} {codes} -->\n{line(c)}"
    if kind == 13:
        cells = " | ".join(words(c, 1, 3) for _ in range(2))
        return f"| {words(c, 1, 2)} | {words(c, 1, 2)} |\n|---|:--:|\n| {cells} |"
    if kind == 14:
        return c.pick(("---", "***", "___", "- - -"))
    if kind == 15:
        return c.pick((
            f"{{% highlight {c.pick(LANGUAGES)} %}}\n{words(c)}\n{{% endhighlight %}}",
            f"{{% comment %}}\n{paragraph(c)}\n{{% endcomment %}}",
            f"{{% raw %}}{{{{ {words(c, 1, 2)} }}}}{{% endraw %}}",
            f"{{% if page.x %}}\n{paragraph(c)}\n{{% endif %}}",
            f"{{% highlight python %}}\n{words(c)}",
        ))
    if kind == 16:
        return c.pick((
            f"{{{{< highlight go >}}}}\n{words(c)}\n{{{{< /highlight >}}}}",
            '{{< figure src="x.png" caption="A figure" >}}',
            f"{{{{% notice tip %}}}}\n{paragraph(c)}\n{{{{% /notice %}}}}",
            f"{{{{< code lang=\"js\" >}}}}\n{words(c)}",
        ))
    if kind == 17:
        return f"[^{c.number(1, 3)}]: {line(c)}"
    if kind == 18:
        return f"[ref]: {c.pick(URLS) or '/x'} \"{words(c, 1, 2)}\""
    if kind == 19:
        return c.pick((f'!!! note "{words(c, 1, 3)}"\n    {line(c)}',
                       f":::tip {words(c, 1, 2)}\n{paragraph(c)}\n:::",
                       f"??? warning\n    {line(c)}"))
    if kind == 20:
        return f"$$\n{words(c, 1, 3)}\n$$"
    if kind == 21:
        return f"{line(c)}\n{{: .class #id}}"
    if kind == 22:
        return c.pick(("", " ", "\t", "\n"))
    return paragraph(c)


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def front_matter(c: Chooser) -> tuple[str, bool]:
    """Front matter (or none), and whether it is broken (the post is then an error)."""
    title = words(c, 1, 6)
    description = words(c, 0, 12)
    kind = c.number(0, 12)
    if kind <= 2:
        return "", False
    if kind <= 6:
        title_value = c.pick((_yaml_string(title), _yaml_string(title), "[a, b]", "42", "",
                              "null", "2024-01-02"))
        extra = c.pick(("", "tags: [a, b]\n", "date: 2024-01-02\n", "draft: true\n",
                        "valuelint:\n  ignore: [THIN001]\n", "lang: en\n",
                        "anchors: &x [1, 2]\nagain: *x\n"))
        return (f"---\ntitle: {title_value}\ndescription: {_yaml_string(description)}\n"
                f"{extra}---\n"), False
    if kind <= 8:
        return (f"+++\ntitle = {_yaml_string(title)}\n"
                f"description = {_yaml_string(description)}\n+++\n"), False
    if kind == 9:
        return (f'{{\n  "title": {_yaml_string(title)},\n  "tags": ["a"]\n}}\n'), False
    return c.pick((
        "---\ntitle: [unclosed\n---\n",
        f"---\ntitle: {_yaml_string(title)}\n",
        "+++\ntitle = \n+++\n",
        '{\n"title": "x",\n}\n',
        "---\n- a list\n---\n",
        "---\ntitle: !!python/object/apply:os.system ['true']\n---\n",
        "---\nvaluelint: 3\n---\n",
    )), True


@dataclass(frozen=True)
class Post:
    text: str
    broken: bool
    """True when the post is meant to give a file error (broken front matter)."""


def make_post(c: Chooser) -> Post:
    head, broken = front_matter(c)
    blocks: list[str] = []
    for _ in range(c.number(0, 10)):
        # Now and then a block said again (repeated text, boilerplate).
        blocks.append(c.pick(blocks) if blocks and c.chance(1) else block(c))
    body = ""
    for index, text in enumerate(blocks):
        if index:
            body += c.pick(("\n\n", "\n\n", "\n\n", "\n", "\n\n\n"))
        body += text
    if not head and body.startswith(("---", "+++", "{")):
        # Not front matter by mistake: a post opening with a rule or a brace.
        body = "Intro.\n\n" + body
    text = head + body + c.pick(("\n", "\n", "", "\n\n"))
    ending = c.number(0, 9)
    if ending == 8:
        text = text.replace("\n", "\r\n")
    elif ending == 9:
        text = text.replace("\n", "\r")
    if c.chance(1):
        text = "\ufeff" + text
    return Post(text, broken)


@st.composite
def posts(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Post:
    return make_post(Drawn(draw))


#: Text with no structure at all: Markdown's and the templates' punctuation, blanks,
#: line endings, non-ASCII, astral and private-use characters, NUL and a BOM.
RAW = st.lists(
    st.sampled_from([
        *"#*_`[]()<>!{}%-+=|\\~:^$&;/.,'\"?",
        " ", "\t", "\n", "\n", "\r", "\r\n", "a", "b", "Z", "1", "é", "日", "🎉", "\u00a0",
        "\ue000", "\ufeff", "\x00", "best ", "Buy now ", "TODO ", "{{< ", "{% ", "<!-- ",
        "-->", "---\n", "+++\n", "```\n", "> ", "- ", "1. ", "&amp;", "http://x.co/y ",
    ]),
    max_size=200,
).map("".join)


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Made:
    """A finding as a rule made it, with the stretch of prose it was made about."""

    finding: Finding
    block: ProseBlock | None
    start: int
    stop: int
    document: Document


@contextmanager
def recording() -> Iterator[list[Made]]:
    """Every finding the rules make while the block runs, with what it was made about."""
    made: list[Made] = []
    original = RuleContext.finding

    def finding(self: RuleContext, message: str, *, block: ProseBlock | None = None,
                start: int = 0, end: int | None = None, **kwargs: Any) -> Finding:
        result = original(self, message, block=block, start=start, end=end, **kwargs)
        stop = (len(block.text) if end is None else end) if block is not None else 0
        made.append(Made(result, block, start, stop, self.document))
        return result

    RuleContext.finding = finding  # type: ignore[method-assign]
    try:
        yield made
    finally:
        RuleContext.finding = original  # type: ignore[method-assign]


def check(text: str) -> tuple[PostResult, list[Made]]:
    with recording() as made:
        result = check_text(text, "post.md", CONFIG, RULES)
    return result, made


def report(result: PostResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)


def _line_starts(source: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", source)]


def _line_length(source: str, starts: list[int], line: int) -> int:
    end = starts[line] - 1 if line < len(starts) else len(source)
    return end - starts[line - 1]


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def stands_at(source: str, offset: int, text: str) -> bool:
    """True when ``text`` (from prose) is what the source holds at ``offset``.

    Prose holds an entity decoded (``&copy;`` is ``©``); its place is the ``&``.
    """
    if source.startswith(text, offset):
        return True
    entity = _ENTITY.match(source, offset)
    return entity is not None and html.unescape(entity.group(0)).startswith(text)


def _squash(text: str) -> str:
    return " ".join(text.split())


def assert_findings_point_at_their_text(source: str, result: PostResult,
                                        made: list[Made]) -> None:
    """Positions inside the file, and the text at each the text the finding is about."""
    starts = _line_starts(source)
    lines = len(starts)
    for f in result.findings:
        where = f"{f.code} {f.message!r} at {f.line}:{f.column}-{f.end_line}:{f.end_column}"
        assert 1 <= f.line <= f.end_line <= lines, where
        assert 1 <= f.column <= _line_length(source, starts, f.line) + 1, where
        assert 1 <= f.end_column <= _line_length(source, starts, f.end_line) + 1, where
        assert (f.end_line, f.end_column) >= (f.line, f.column), where
    for m in made:
        f = m.finding
        where = f"{f.code} {f.message!r} at {f.line}:{f.column}-{f.end_line}:{f.end_column}"
        assert m.document.source == source
        if m.block is None:
            # About a whole line: the title, a front matter key, a link, the post.
            assert f.column == 1, where
            assert f.end_line == f.line, where
            assert f.end_column == _line_length(source, starts, f.line) + 1, where
            if f.line != 1:
                assert source.split("\n")[f.line - 1].strip(), f"{where}: a blank line"
            continue
        text = m.block.text
        assert 0 <= m.start < m.stop <= len(text), f"{where}: [{m.start}:{m.stop}] of {text!r}"
        said = text[m.start:m.stop]
        first = starts[f.line - 1] + f.column - 1
        last = starts[f.end_line - 1] + f.end_column - 2
        assert first <= last, where
        assert stands_at(source, first, said[0]), (
            f"{where}: starts at {source[first:first + 20]!r}, is about {said!r}")
        # Blanks at the end of the stretch (a sentence's line break) are left out.
        ending = said.rstrip() or said
        assert stands_at(source, last, ending[-1]), (
            f"{where}: ends at {source[max(last - 20, 0):last + 1]!r}, is about {said!r}")
        # The words of the stretch, in order, between the start and the end.
        between = source[first:last + 1]
        at = 0
        for word in re.findall(r"\w+", said):
            found = between.find(word, at)
            assert found >= 0, f"{where}: {word!r} of {said!r} not in {between!r}"
            at = found + len(word)
        if f.message.startswith('"') and '": ' in f.message:
            quoted = f.message[1:f.message.index('": ')]
            squashed = _squash(said)
            assert quoted == squashed or (
                quoted.endswith("…") and squashed.startswith(quoted[:-1].rstrip())
            ), f"{where}: quotes {quoted!r}, is about {said!r}"


def assert_one_line_errors(result: PostResult) -> None:
    for error in result.errors:
        assert error and "\n" not in error and "\r" not in error, error
        assert " failed: " not in error, f"a rule crashed: {error}"
        assert "nested too deeply to parse" not in error, error


# --------------------------------------------------------------------------- in process


@SETTINGS
@given(posts())
@example(Post("# Best ever\n\nBuy now!!! It is the best product ever. TODO\n", False))
@example(Post("---\ntitle: \"Buy now\"\n---\n\r\n> **Buy now** &copy; [TBD](x)\r\n", False))
@example(Post("- a\n\t- *Buy now* and `x` &amp; \\* best ever\n", False))
@example(Post("the the the the the the the the the the\n`x`\n\n"
              "the the the the the the the the the the\n`x`\n", False))
def test_generated_posts(post: Post) -> None:
    """Never raises; errors only where the front matter is broken; findings point right."""
    result, made = check(post.text)
    assert_one_line_errors(result)
    if not post.broken:
        assert result.errors == (), result.errors
        assert result.score is not None
    else:
        assert result.errors, "broken front matter gave no error"
    source = normalize_newlines(post.text)
    assert_findings_point_at_their_text(source, result, made)
    again, _ = check(post.text)
    assert report(again) == report(result)


@SETTINGS
@given(RAW)
def test_arbitrary_text(text: str) -> None:
    """Text with no structure at all: never raises, one-line errors, findings point right."""
    result, made = check(text)
    assert_one_line_errors(result)
    assert_findings_point_at_their_text(normalize_newlines(text), result, made)
    again, _ = check(text)
    assert report(again) == report(result)


def assert_source_map_exact(doc: Document) -> None:
    for block in doc.blocks:
        covered = 0
        for run in block.runs:
            assert run.start == covered, (block.text, block.runs)
            covered += run.length
            piece = block.text[run.start:run.start + run.length]
            assert stands_at(doc.source, run.source, piece), (
                f"{block.kind} {block.text!r}: {piece!r} maps to "
                f"{doc.source[run.source:run.source + run.length + 10]!r}")
        assert covered == len(block.text), (block.text, block.runs)
        assert 1 <= block.line <= len(doc.line_starts)


@settings(SETTINGS, max_examples=200)
@given(posts())
@example(Post("A backslash \\ that escapes nothing, and one that does: \\*.\n", False))
def test_source_map_is_exact(post: Post) -> None:
    """Every character of prose maps to the place in the source where it is written."""
    if post.broken:
        return
    assert_source_map_exact(parse_document("post.md", post.text))


# --------------------------------------------------------------------------- the command line


def _blog(root: Path, seed: int, count: int) -> tuple[Path, int]:
    """``count`` generated posts (from a seed), a broken one and an empty one, in a git root;
    and how many of the posts cannot be checked."""
    blog = root / "blog"
    (blog / ".git").mkdir(parents=True)
    chooser = Seeded(seed)
    broken = 2
    for number in range(count):
        post = make_post(chooser)
        folder = blog / ("drafts" if number % 3 == 0 else "posts")
        folder.mkdir(exist_ok=True)
        # Posts long enough for the rules that count: several generated bodies each.
        text = post.text + "".join("\n\n" + make_post(chooser).text.lstrip("\ufeff")
                                   for _ in range(3) if not post.broken)
        (folder / f"post-{number:02d}.md").write_bytes(text.encode("utf-8"))
        broken += post.broken
    (blog / "posts" / "broken.md").write_text("---\ntitle: [\n---\n# X\n", "utf-8")
    (blog / "posts" / "empty.md").write_text("", "utf-8")
    return blog, broken


def _report(blog: Path, cache: Path, jobs: int, hash_seed: str) -> tuple[int, bytes, str]:
    out = blog.parent / f"report-{jobs}-{hash_seed}.json"
    outcome = run_valuelint("check", ".", "--format", "json", "--jobs", str(jobs),
                            "--cache-dir", str(cache), "--output-file", str(out),
                            cwd=blog, env={"PYTHONHASHSEED": hash_seed})
    assert "Traceback" not in outcome.stderr, outcome.stderr
    return outcome.code, out.read_bytes(), outcome.stderr


@pytest.mark.slow
def test_report_is_the_same_across_jobs_and_hash_seeds(tmp_path: Path) -> None:
    """``--jobs 1``/``--jobs 2`` and two PYTHONHASHSEED values: the same bytes.

    Each run has a cache folder of its own, fresh, so every post is really checked.
    """
    blog, broken = _blog(tmp_path, seed=20240501, count=12)
    runs = {}
    for jobs, hash_seed in ((1, "0"), (2, "0"), (1, "12345"), (2, "12345")):
        cache = tmp_path / f"cache-{jobs}-{hash_seed}"
        runs[jobs, hash_seed] = _report(blog, cache, jobs, hash_seed)
        shutil.rmtree(cache)
    first = runs[1, "0"]
    assert first[0] == 2, first[2]  # posts that cannot be checked
    files = json.loads(first[1])["files"]
    assert len([f for f in files if f["path"].endswith(".md")]) == 14
    assert sum(1 for f in files if f["errors"]) == broken, [f["errors"] for f in files]
    assert any(f["findings"] for f in files)
    for key, (code, data, stderr) in runs.items():
        assert code == first[0], (key, stderr)
        assert data == first[1], f"report with --jobs {key[0]} PYTHONHASHSEED={key[1]} differs"
        assert stderr == first[2], key


def test_cached_report_is_the_same_as_a_fresh_one(tmp_path: Path) -> None:
    """A second run, from the cache, under another hash seed, with workers: the same bytes."""
    blog, _ = _blog(tmp_path, seed=7, count=5)
    cache = tmp_path / "cache"
    fresh = _report(blog, cache, 1, "0")
    cached = _report(blog, cache, 2, "12345")
    assert fresh == cached
    assert os.listdir(cache)
