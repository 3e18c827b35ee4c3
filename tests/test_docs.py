"""The documentation says what the code does: rule pages and the README's commands."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from valuelint.plugins import load_rules

REPO = Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "generate_rule_pages", REPO / "docs" / "generate_rule_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_rule_page_is_present_and_up_to_date() -> None:
    for path, text in _generator().expected_pages().items():
        assert path.exists(), f"missing {path.relative_to(REPO)}: run docs/generate_rule_pages.py"
        assert path.read_text("utf-8") == text, (
            f"{path.relative_to(REPO)} is out of date: run docs/generate_rule_pages.py")


def test_rule_pages_link_from_findings_exist() -> None:
    for code in load_rules():
        assert (REPO / "docs" / "rules" / f"{code}.md").exists()


_LINK = re.compile(r"\[`([^`]+)`\]\(\.\./\.\./([^)]+)\)")


def test_every_built_in_rule_page_ends_with_the_files_of_its_rule() -> None:
    """A rule's page names its code, its word lists and its test cases, and they exist."""
    for code in load_rules():
        page = (REPO / "docs" / "rules" / f"{code}.md").read_text("utf-8")
        files = page.rsplit("\n## Files\n", 1)
        assert len(files) == 2, f"{code}.md has no Files section at its end"
        links = dict(_LINK.findall(files[1]))
        assert links, f"{code}.md lists no files"
        for shown, target in links.items():
            assert shown == target
            assert (REPO / target).is_file(), f"{code}.md links {target}, which does not exist"
        source = next(iter(links))
        assert f'code = "{code}"' in (REPO / source).read_text("utf-8")
        fixture = f"tests/fixtures/rules/{code}.yml"
        assert (fixture in links) == (REPO / fixture).exists()


def test_rule_pages_name_the_word_lists_a_rule_reads() -> None:
    def lists(code: str) -> list[str]:
        page = (REPO / "docs" / "rules" / f"{code}.md").read_text("utf-8")
        return re.findall(r"- Word list: \[`rules/valuelint_rules/wordlists/(\w+)\.txt`\]", page)

    assert lists("PROM001") == ["hard_sell"]
    assert lists("BAIT003") == ["bait_follow", "engagement_bait"]
    assert lists("PROM004")[:2] == ["promo_loaded", "promo_editorial"]
    assert {"clickbait", "bait_title_hype"} <= set(lists("BAIT002"))
    assert lists("READ001") == []


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    assert len(blocks) >= 2
    assert "valuelint check examples/" in blocks[0]
    assert "pytest" in blocks[1]
    first_prose = readme.index("valuelint is a content linter")
    assert readme.index(blocks[1]) < first_prose
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert blocks[1].strip() in ci


# Where the docs and examples name the valuelint to install or run.
_PIN_PATTERNS = (
    re.compile(r"^\s*rev:\s*([^\s#`]+)", re.MULTILINE),
    re.compile(r"uses:\s*valuelint/valuelint@([^\s#`]+)"),
    re.compile(r"\bvaluelint==([^\s\"'`\],]+)"),
    re.compile(r"git\+https://github\.com/valuelint/valuelint@([^\s\"'`]+)"),
)
_PLACEHOLDER = re.compile(r"^(SHA|<.*|\$\{?\w+\}?)$")


def _pinned_refs() -> list[tuple[str, str]]:
    files = [REPO / "README.md", REPO / "action.yml", *sorted((REPO / "docs").glob("*.md")),
             *sorted((REPO / "examples" / "ci").iterdir())]
    found = []
    for path in files:
        text = path.read_text("utf-8")
        for pattern in _PIN_PATTERNS:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start(1)) + 1
                found.append((f"{path.relative_to(REPO)}:{line}", match.group(1)))
    return found


def test_docs_and_examples_pin_a_valuelint_that_exists() -> None:
    """A pinned ``rev``, ``uses:`` ref or pip requirement names a tag or commit of valuelint.

    Copying an example must give a working configuration: a version is only
    pinned once its release tag exists in this repository, a SHA must be one of
    its commits, and ``main`` is the default branch the docs tell users to pin
    with ``pre-commit autoupdate --freeze``.
    """
    git = shutil.which("git")
    inside = git is not None and subprocess.run(
        [git, "-C", str(REPO), "rev-parse", "--git-dir"], capture_output=True,
        check=False).returncode == 0
    if not inside:
        pytest.skip("not a git checkout: its tags and commits cannot be listed")
    assert git is not None
    tags = set(subprocess.run([git, "-C", str(REPO), "tag", "--list"], capture_output=True,
                              text=True, check=True).stdout.split())
    refs = _pinned_refs()
    assert refs, "no pinned valuelint found in the docs: the patterns are out of date"
    for where, ref in refs:
        if ref == "main" or _PLACEHOLDER.match(ref):
            continue
        if re.fullmatch(r"[0-9a-f]{40}", ref):
            exists = subprocess.run([git, "-C", str(REPO), "cat-file", "-e", f"{ref}^{{commit}}"],
                                    capture_output=True, check=False).returncode == 0
            assert exists, f"{where}: {ref} is not a commit of valuelint"
            continue
        tag = ref if ref.startswith("v") else f"v{ref}"
        assert tag in tags, (f"{where}: pins {ref}, but valuelint has no tag {tag} "
                             f"(tags: {sorted(tags) or 'none'})")
