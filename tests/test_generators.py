"""Static-site generators: each one recognised, its posts found, its syntax never read as prose.

Every generator gets a small, real-looking site (see ``site_fixtures``): its
configuration file, its posts and drafts where it keeps them, pages and a
README that are not posts, and posts that hold the generator's own syntax.
That syntax carries a hard sell ("Buy now") that PROM001 reports wherever it
is prose; each post also says it once in prose, where it must be reported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import site_fixtures
from conftest import invoke as cli
from conftest import run_valuelint
from site_fixtures import BUILDERS, SELL, Site
from valuelint.document import parse_document
from valuelint.site.generators import default_targets, detect, find_generator
from valuelint.site.posts import read_post
from valuelint.site.syntax import MASK, mask_generator_syntax


def check_json(*args: str) -> Any:
    code, out, err = cli("check", "--format", "json", "--jobs", "1", "--no-cache", *args)
    assert code in (0, 1), err
    return json.loads(out)


@pytest.fixture(params=sorted(BUILDERS))
def site(request: pytest.FixtureRequest, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Site:
    built = BUILDERS[request.param](tmp_path)
    monkeypatch.chdir(built.root)
    return built


# --------------------------------------------------------------------------- detection

def test_each_generator_is_recognised_with_its_posts_and_drafts_folders(site: Site) -> None:
    generator = detect(site.root)
    assert generator is not None
    assert generator.name == site.generator
    folders = {p.relative_to(site.root).as_posix() for p in generator.folders}
    for post in site.posts + site.drafts:
        assert any(post.startswith(folder + "/") for folder in folders), (post, folders)
    for other in site.others:
        assert not generator.holds((site.root / other).absolute()), other


def test_check_with_no_path_lints_the_posts_folders_only(site: Site) -> None:
    checked = [f["path"] for f in check_json("--select", "PROM001")["files"]]
    # A section's list page (_index.md) in a posts folder is checked as a page.
    sections = [p for p in site.others if Path(p).name == "_index.md"
                and any(Path(p).parent == Path(post).parent for post in site.posts)]
    assert sorted(checked) == sorted(site.posts + site.drafts + sections)
    assert "README.md" not in checked
    assert not any(path.endswith(("authors.yml", ".json", ".toml", ".js")) for path in checked)


def test_force_exclude_keeps_only_the_posts_and_drafts_among_files_named(site: Site) -> None:
    """As the pre-commit hook names every Markdown file of a commit."""
    named = site.others + site.posts + site.drafts
    report = check_json("--select", "PROM001", "--force-exclude", *named)
    assert [f["path"] for f in report["files"]] == site.posts + site.drafts
    assert report["summary"]["files_left_out"] == len(site.others)


def test_generator_syntax_is_never_read_as_prose(site: Site) -> None:
    report = check_json("--select", "PROM001")
    by_path = {f["path"]: f for f in report["files"]}
    for post in site.posts + site.drafts:
        lines = {f["line"] for f in by_path[post]["findings"] if f["code"] == "PROM001"}
        # The hard sell written as prose is found: the check can see this post...
        assert set(site.prose.get(post, [])) <= lines, (post, lines)
        # ...and the same words inside template syntax never are.
        assert not lines & set(site.syntax.get(post, [])), (post, lines)
        assert lines <= set(site.prose.get(post, [])), (post, lines)
        document = parse_document(post, (site.root / post).read_text("utf-8"))
        for block in document.blocks:
            for marker in ("{%", "{{", "{#", "@SYNTAX", ":::", "!!!", "???", "import ",
                           "export const", "<Callout", "<TabItem", "+++"):
                assert marker not in block.text, (post, block.text)


def test_the_fixtures_hold_syntax_with_a_hard_sell_in_it(tmp_path: Path) -> None:
    # The test above is only as good as its fixtures: every generator with a
    # template or component syntax has such lines, and every site a prose one.
    for name, build in BUILDERS.items():
        built = build(tmp_path / name)
        assert built.prose, name
        if name != "mkdocs":  # admonition markers hold no words
            assert built.syntax, name
        for post, lines in built.syntax.items():
            text = (built.root / post).read_text("utf-8").splitlines()
            assert all(SELL in text[line - 1] for line in lines), post


def test_mkdocs_admonition_title_and_body_are_prose(tmp_path: Path) -> None:
    site = site_fixtures.mkdocs(tmp_path)
    post = "docs/blog/posts/faster-builds.md"
    document = parse_document(post, (site.root / post).read_text("utf-8"))
    texts = [block.text for block in document.blocks]
    assert any(text.startswith("In short, Buy now.") for text in texts)
    assert any(text.startswith("Keep the cache warm.") for text in texts)
    assert document.code_blocks == []  # the indented body is not code


@pytest.mark.parametrize(("generator", "post", "day", "source"), [
    ("jekyll", "_posts/2024-03-04-faster-builds.md", "2024-03-04", "file name"),
    ("hugo", "content/posts/faster-builds.md", "2024-03-04", "front matter 'date'"),
    ("eleventy", "src/posts/cache-notes.md", "2024-05-10", "front matter 'date'"),
    ("astro", "src/content/blog/faster-builds.mdx", "2024-03-04", "front matter 'pubDate'"),
    ("docusaurus", "blog/2024-05-10-cache-notes/index.mdx", "2024-05-10", "folder name"),
    ("mkdocs", "docs/blog/posts/faster-builds.md", "2024-03-04", "front matter 'date'"),
    ("zola", "content/blog/2024-03-04-faster-builds.md", "2024-03-04", "file name"),
])
def test_each_generators_post_dates_are_read(
    tmp_path: Path, generator: str, post: str, day: str, source: str,
) -> None:
    site = BUILDERS[generator](tmp_path)
    found = read_post(site.root / post, post)
    assert found is not None
    assert (found.date.isoformat() if found.date else None, found.date_source) == (day, source)


@pytest.mark.parametrize(("generator", "draft", "reason"), [
    ("jekyll", "_drafts/next-steps.md", "it is in a drafts folder"),
    ("hugo", "content/posts/ideas.md", "front matter 'draft' is true"),
    ("mkdocs", "docs/blog/posts/cache-notes.md", "front matter 'draft' is true"),
    ("zola", "content/blog/cache-notes.md", "front matter 'draft' is true"),
])
def test_drafts_are_recognised(tmp_path: Path, generator: str, draft: str,
                               reason: str) -> None:
    site = BUILDERS[generator](tmp_path)
    found = read_post(site.root / draft, draft)
    assert found is not None and found.draft and found.draft_reason == reason


# --------------------------------------------------------------------------- edge cases

Writer = Callable[[str, str], Path]


def test_a_sub_folder_or_a_plain_folder_defaults_to_the_current_folder(
    tmp_path: Path, write: Writer,
) -> None:
    write("_config.yml", "title: x\n")
    write("_posts/2024-01-01-a.md", "# A\n")
    assert [p.as_posix() for p in default_targets(tmp_path)] == ["_posts"]
    assert default_targets(tmp_path / "_posts") == [Path(".")]
    assert find_generator(tmp_path / "_posts") is not None
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / ".git").mkdir()
    assert detect(plain) is None and default_targets(plain) == [Path(".")]
    assert find_generator(plain) is None


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("config.toml", 'base_url = "https://x.org"\n', "zola"),
    ("config.toml", 'baseURL = "https://x.org/"\n', "hugo"),
    ("config.yaml", "baseURL: https://x.org/\n", "hugo"),
    ("config.toml", "not = [valid toml\n", None),
    ("mkdocs.yml", "site_name: [broken\n", "mkdocs"),
    ("_config.yml", ": : :\n", "jekyll"),
])
def test_configuration_files_decide_between_generators_and_bad_ones_do_not_crash(
    tmp_path: Path, name: str, text: str, expected: str | None,
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "docs").mkdir()
    found = detect(tmp_path)
    assert (found.name if found else None) == expected


def test_hugo_content_dir_and_jekyll_collections_dir_are_followed(
    tmp_path: Path, write: Writer,
) -> None:
    write("hugo/hugo.toml", 'baseURL = "/"\ncontentDir = "pages"\n')
    write("hugo/pages/blog/a.md", "# A\n")
    hugo = detect(tmp_path / "hugo")
    assert hugo is not None and [p.name for p in hugo.posts] == ["blog"]
    write("jekyll/_config.yml", "collections_dir: my_collections\n")
    write("jekyll/my_collections/_posts/2024-01-01-a.md", "# A\n")
    write("jekyll/my_collections/_drafts/b.md", "# B\n")
    jekyll = detect(tmp_path / "jekyll")
    assert jekyll is not None
    assert [p.relative_to(tmp_path).as_posix() for p in jekyll.folders] == [
        "jekyll/my_collections/_posts", "jekyll/my_collections/_drafts"]


def test_check_with_no_path_in_a_real_process(tmp_path: Path) -> None:
    site = site_fixtures.jekyll(tmp_path)
    outcome = run_valuelint("check", "--format", "json", "--select", "PROM001", "--no-cache",
                            cwd=site.root)
    assert outcome.code == 1, outcome.stderr
    assert "Traceback" not in outcome.stderr
    paths = [f["path"] for f in outcome.json()["files"]]
    assert paths == ["_posts/2024-03-04-faster-builds.md",
                     "_posts/2024-05-10-cache-notes.markdown", "_drafts/next-steps.md"]


# --------------------------------------------------------------------------- the masking itself

@pytest.mark.parametrize("text", [
    '!!! warning "Read this first"\n    Body line one\n    body line two.\n\nAfter.\n',
    "??? tip\n\n    ```python\n    print('x')\n    ```\n\n    Prose.\n",
    ":::note[Heads up]\n\nInside.\n\n:::\n",
    ":::danger Take care\nInside.\n:::\n",
    "Text {# a Tera comment #} more.\n{#\nmulti\nline #}\n",
    "```\n!!! note\n:::tip\n```\n",
])
def test_masking_keeps_every_offset_and_line(text: str) -> None:
    masked = mask_generator_syntax(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"]
    for keep in ("Read this first", "Body line one", "Heads up", "Take care", "Inside.",
                 "Prose.", "After.", "Text ", " more."):
        if keep in text:
            assert keep in masked, keep
    for gone in ("!!!", "???", ":::", "print(", "{#", "Tera comment", "multi"):
        if gone in text and not text.startswith("```"):
            assert gone not in masked.replace(MASK, ""), gone


def test_admonition_markers_inside_a_fenced_code_block_are_left_alone() -> None:
    text = "```\n!!! note\n:::tip\n```\n"
    assert mask_generator_syntax(text) == text
