"""``--force-exclude``: files named on the command line that are not posts of the site.

The pre-commit hook passes every staged Markdown file; in a static site those
include pages (README.md, index.md, about.md, Hugo's ``_index.md``) that
``valuelint check`` with no path never looks at. Under ``--force-exclude`` (the
hook's entry) they are left out, and ``-v`` says so, file by file. Real sites
on disk; the command runs in this process.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, put
from conftest import invoke as cli
from sample_posts import SELLING, SHORT

GOOD = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")
CORE = 'select = ["THIN001", "PROM001", "BAIT001"]\n'
#: What a blog's front page and README typically hold: too short, and one sells.
PAGE = "# Home\n\nWelcome to my blog.\n"




@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository checking three rules, as the current folder."""
    (tmp_path / ".git").mkdir()
    put(tmp_path, "valuelint.toml", CORE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def jekyll(project: Path) -> Path:
    """A Jekyll blog: one good post, an empty drafts folder, and pages that are not posts."""
    tmp_path = project
    put(tmp_path, "_config.yml", "title: Notes\n")
    put(tmp_path, "_posts/2024-04-01-profiling.md", GOOD)
    (tmp_path / "_drafts").mkdir()
    put(tmp_path, "README.md", SELLING)
    put(tmp_path, "index.md", PAGE)
    put(tmp_path, "about.md", SHORT)
    return tmp_path


@pytest.fixture
def hugo(project: Path) -> Path:
    """A Hugo site: a section index and a page beside the posts section."""
    tmp_path = project
    put(tmp_path, "hugo.toml", 'baseURL = "https://example.org/"\ntitle = "Notes"\n')
    put(tmp_path, "content/_index.md", PAGE)
    put(tmp_path, "content/about.md", SHORT)
    put(tmp_path, "content/posts/_index.md", PAGE)
    put(tmp_path, "content/posts/profiling.md", GOOD)
    put(tmp_path, "content/posts/launch/index.md", SELLING)  # a page bundle: a post
    return tmp_path


def report(*args: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = cli("check", "--format", "json", "--no-cache", "-j", "1", *args)
    assert code in (0, 1), out + err
    return code, json.loads(out), err


def checked(*args: str) -> tuple[int, list[str], str]:
    code, data, err = report(*args)
    return code, [f["path"] for f in data["files"]], err


JEKYLL_FILES = ("README.md", "index.md", "about.md", "_posts/2024-04-01-profiling.md")


def test_pages_of_a_jekyll_blog_are_left_out_and_its_posts_checked(jekyll: Path) -> None:
    code, data, _ = report("--force-exclude", *JEKYLL_FILES)
    assert [f["path"] for f in data["files"]] == ["_posts/2024-04-01-profiling.md"]
    assert data["summary"]["files_left_out"] == 3
    assert code == 0


def test_the_text_report_counts_what_was_left_out_and_v_names_each_file(jekyll: Path) -> None:
    code, out, err = cli("check", "--no-cache", "--force-exclude", *JEKYLL_FILES)
    assert code == 0, out
    assert out.rstrip().endswith("3 left out as not posts (-v names them).")
    assert err == ""
    code, out, err = cli("check", "--no-cache", "--force-exclude", "-v", *JEKYLL_FILES)
    assert code == 0, out
    for name in ("README.md", "index.md", "about.md"):
        assert (f"valuelint: skipped {name}: not a post of the Jekyll site (its posts are in "
                "_posts/, _drafts/); name it in 'include' to check it") in err.splitlines()
    assert "profiling" not in err


def test_a_file_named_without_force_exclude_is_checked_whatever_it_is(jekyll: Path) -> None:
    code, paths, _ = checked("README.md", "_posts/2024-04-01-profiling.md")
    assert paths == ["README.md", "_posts/2024-04-01-profiling.md"]
    assert code == 1


def test_only_pages_named_is_nothing_to_check_and_no_failure(jekyll: Path) -> None:
    code, out, _ = cli("check", "--no-cache", "--force-exclude", "README.md", "index.md")
    assert code == 0
    assert out == ("No posts to check: 2 files left out as not posts of the site or by "
                   "'include' and 'exclude' (-v names them).\n")
    code, out, _ = cli("check", "--no-cache", "--force-exclude", "-q", "README.md")
    assert (code, out) == (0, "")


def test_include_in_the_configuration_brings_a_page_back(jekyll: Path) -> None:
    put(jekyll, "valuelint.toml", CORE + 'include = ["_posts/*.md", "about.md"]\n')
    _, paths, _ = checked("--force-exclude", *JEKYLL_FILES)
    assert paths == ["about.md", "_posts/2024-04-01-profiling.md"]


def test_force_exclude_holds_named_files_to_exclude_too(jekyll: Path) -> None:
    put(jekyll, "_posts/2015-01-01-old.md", SELLING)
    put(jekyll, "valuelint.toml", CORE + 'exclude = ["_posts/2015-*"]\n')
    _, paths, err = checked("--force-exclude", "-v", "_posts/2015-01-01-old.md",
                            "_posts/2024-04-01-profiling.md")
    assert paths == ["_posts/2024-04-01-profiling.md"]
    assert "valuelint: skipped _posts/2015-01-01-old.md: matches 'exclude'" in err


def test_the_setting_turns_it_on_and_the_command_line_has_the_last_word(jekyll: Path) -> None:
    put(jekyll, "valuelint.toml", CORE + "force-exclude = true\n")
    _, paths, _ = checked(*JEKYLL_FILES)
    assert paths == ["_posts/2024-04-01-profiling.md"]
    _, paths, _ = checked("--no-force-exclude", *JEKYLL_FILES)
    assert paths == list(JEKYLL_FILES)


def test_a_wrong_force_exclude_setting_is_a_configuration_error(jekyll: Path) -> None:
    put(jekyll, "valuelint.toml", CORE + 'force-exclude = "yes"\n')
    code, out, _ = cli("check", "--no-cache", "--force-exclude", "README.md")
    assert code == 2
    assert "valuelint.toml: error: 'force-exclude': expected true or false, got 'yes'" in out


def test_hugo_section_indexes_and_pages_are_left_out_page_bundles_kept(hugo: Path) -> None:
    names = ("content/_index.md", "content/about.md", "content/posts/_index.md",
             "content/posts/profiling.md", "content/posts/launch/index.md")
    code, paths, err = checked("--force-exclude", "-v", *names)
    assert paths == ["content/posts/profiling.md", "content/posts/launch/index.md"]
    assert code == 1  # the bundle sells
    skipped = re.findall(r"^valuelint: skipped (\S+): not a post of the Hugo site \(its "
                         r"posts are in content/posts/\)", err, re.MULTILINE)
    assert skipped == ["content/_index.md", "content/about.md", "content/posts/_index.md"]


def test_outside_a_static_site_every_named_markdown_file_is_checked(project: Path) -> None:
    put(project, "README.md", SHORT)
    put(project, "notes/today.md", GOOD)
    _, paths, _ = checked("--force-exclude", "README.md", "notes/today.md")
    assert paths == ["README.md", "notes/today.md"]
