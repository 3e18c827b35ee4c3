"""Front matter: YAML, TOML and JSON read into metadata; bad blocks refused
with a message a user can act on; hostile YAML refused without harm."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from valuelint.document import parse_document
from valuelint.frontmatter import FrontMatterError, split_front_matter


def test_yaml() -> None:
    front = split_front_matter(
        "---\n"
        "title: \"Hello: world\"\n"
        "description: >\n  Folded\n  text\n"
        "date: 2024-05-06\n"
        "draft: true\n"
        "tags: [a, b]\n"
        "categories:\n  - guides\n"
        "author: Ann\n"
        "lang: de\n"
        "weight: 3\n"
        "---\n"
        "Body\n"
    )
    assert front.format == "yaml"
    assert front.metadata == {
        "title": "Hello: world", "description": "Folded text\n", "date": date(2024, 5, 6),
        "draft": True, "tags": ["a", "b"], "categories": ["guides"], "author": "Ann",
        "lang": "de", "weight": 3}
    assert front.end_line == 14


def test_yaml_closed_with_dots() -> None:
    front = split_front_matter("---\ntitle: Dots\n...\nBody\n")
    assert (front.format, front.metadata, front.end_line) == ("yaml", {"title": "Dots"}, 3)


def test_yaml_keys_are_text() -> None:
    front = split_front_matter("---\n2024: year\ntrue: yes\n---\n")
    assert front.metadata == {"2024": "year", "True": True}


def test_toml() -> None:
    front = split_front_matter(
        '+++\ntitle = "T"\ndate = 2024-05-06T10:00:00Z\ndraft = false\n'
        'tags = ["x", "y"]\n\n[params]\nhero = "h.png"\n+++\nBody\n'
    )
    assert front.format == "toml"
    assert front.metadata == {
        "title": "T", "date": datetime(2024, 5, 6, 10, tzinfo=UTC), "draft": False,
        "tags": ["x", "y"], "params": {"hero": "h.png"}}
    assert front.end_line == 9


def test_json() -> None:
    front = split_front_matter('{\n  "title": "J",\n  "tags": ["a"]\n}\n\nBody\n')
    assert (front.format, front.metadata, front.end_line) == (
        "json", {"title": "J", "tags": ["a"]}, 4)


@pytest.mark.parametrize("text", ["", "Just a post.\n", "# Heading\n", "----\n\nText\n",
                                  "{% include toc.html %}\n", "{{< figure >}}\n", "{: .x}\n"])
def test_no_front_matter(text: str) -> None:
    front = split_front_matter(text)
    assert (front.format, front.metadata, front.end_line) == ("", {}, 0)


@pytest.mark.parametrize(
    ("text", "fmt"), [("---\n---\nBody\n", "yaml"), ("---\n\n---\n", "yaml"),
                      ("+++\n+++\n", "toml"), ("{}\nBody\n", "json")])
def test_empty_front_matter_is_fine(text: str, fmt: str) -> None:
    front = split_front_matter(text)
    assert (front.format, front.metadata) == (fmt, {})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("---\ntitle: Never closed\n\nBody text\n", "'---' is never closed"),
        ('+++\ntitle = "Never closed"\n', "'+++' is never closed"),
    ],
)
def test_unclosed_front_matter(text: str, words: str) -> None:
    with pytest.raises(FrontMatterError, match=re.escape(words)):
        split_front_matter(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: ok\ntags: [a, b\nauthor: x\n---\n", ("YAML", "line 4")),
        ("---\ntitle: a: b\n---\n", ("YAML", "line 2", "mapping values are not allowed")),
        ("---\ntitle: ok\n\tbad: tab\n---\n", ("YAML", "line 3")),
        ('+++\ntitle = "ok"\ndraft = \n+++\n', ("TOML", "line 3")),
        ('+++\ntitle = "a"\ntitle = "b"\n+++\n', ("TOML", "line 3")),
        ('{\n  "title": "a",\n  "draft" true\n}\n', ("JSON", "line 3")),
        ('{"title": "a",}\nBody\n', ("JSON", "line 1")),
    ],
)
def test_invalid_front_matter_gives_a_one_line_message(
    text: str, expected: tuple[str, ...]
) -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(text)
    message = str(caught.value)
    assert "\n" not in message
    assert "does not parse" in message
    for words in expected:
        assert words in message


def test_yaml_python_tags_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "created-by-yaml"
    text = (
        "---\n"
        f"title: !!python/object/apply:builtins.open [{str(target)!r}, w]\n"
        "---\n"
    )
    with pytest.raises(FrontMatterError, match="line 2"):
        split_front_matter(text)
    assert not target.exists()
    with pytest.raises(FrontMatterError, match="constructor"):
        split_front_matter("---\nx: !!python/object:collections.OrderedDict {}\n---\n")


def _laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "---\n" + "\n".join(lines) + "\n---\nBody\n"


def test_billion_laughs_is_refused_quickly() -> None:
    # Nine levels of nine aliases: 72 aliases that would expand to 9**9 strings.
    started = time.perf_counter()
    with pytest.raises(FrontMatterError, match="expands to more than"):
        split_front_matter(_laughs(9))
    assert time.perf_counter() - started < 2.0


def test_many_aliases_are_refused() -> None:
    text = "---\nbase: &b x\nall: [" + ", ".join(["*b"] * 150) + "]\n---\n"
    with pytest.raises(FrontMatterError, match="aliases"):
        split_front_matter(text)


def test_a_few_aliases_are_fine() -> None:
    front = split_front_matter(
        "---\ndefaults: &d {lang: en, draft: false}\npost:\n  <<: *d\n  title: T\n---\n"
    )
    assert front.metadata["post"] == {"lang": "en", "draft": False, "title": "T"}
    assert split_front_matter(_laughs(3)).metadata["a2"][0][0][0] == "lol"


def test_self_referring_yaml_is_refused() -> None:
    with pytest.raises(FrontMatterError, match="refers to itself"):
        split_front_matter("---\nloop: &l [1, *l]\n---\n")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("---\n" + "[" * 5000 + "]" * 5000 + "\n---\n", "YAML"),
        ("---\na: " + "[" * 1900 + "]" * 1900 + "\n---\n", "YAML"),
        ("---\na: " + "{a: " * 100_000 + "}" * 100_000 + "\n---\n", "YAML"),
        ("---\na:\n" + "- " * 100_000 + "x\n---\n", "YAML"),
        ("{\"a\": " + "[" * 100_000 + "]" * 100_000 + "}\n", "JSON"),
    ],
    ids=["yaml-flow-5000", "yaml-flow-1900", "yaml-mappings-100000",
         "yaml-sequences-100000", "json-100000"],
)
def test_deep_nesting_is_refused(text: str, fmt: str) -> None:
    started = time.perf_counter()
    with pytest.raises(FrontMatterError, match=f"{fmt} front matter is nested too deeply"):
        split_front_matter(text)
    assert time.perf_counter() - started < 5.0


def test_long_but_shallow_yaml_is_read() -> None:
    tags = "".join(f"  - tag-{n}\n" for n in range(1500))
    front = split_front_matter(f"---\ntitle: Many tags\ntags:\n{tags}---\n")
    assert len(front.metadata["tags"]) == 1500
    assert front.metadata["tags"][-1] == "tag-1499"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("---\n- a\n- b\n---\n",
         "YAML front matter must be a mapping of keys to values, not a list"),
        ("---\njust words\n---\n", "not a string"),
        ("---\n42\n---\n", "not a number"),
        ("---\n- [nested]\n---\n", "not a list"),
    ],
)
def test_front_matter_that_is_not_a_mapping_is_refused(text: str, kind: str) -> None:
    with pytest.raises(FrontMatterError, match=kind):
        split_front_matter(text)


@pytest.mark.parametrize(
    ("title", "expected"),
    [("[one, two]", "Fallback heading"), ("{a: 1}", "Fallback heading"), ("42", "42"),
     ("3.5", "3.5"), ("true", "Fallback heading"), ("", "Fallback heading"),
     ("~", "Fallback heading"), ("2024-01-02", "2024-01-02")],
)
def test_odd_title_values_do_not_break_the_title(title: str, expected: str) -> None:
    doc = parse_document("post.md", f"---\ntitle: {title}\n---\n# Fallback heading\n")
    assert doc.title == expected


def test_crlf_front_matter_through_parse_document() -> None:
    doc = parse_document("post.md", "---\r\ntitle: Windows\r\n---\r\nBody\r\n")
    assert doc.metadata == {"title": "Windows"}
    assert [block.text for block in doc.blocks] == ["Body"]
    assert doc.blocks[0].line == 4
