"""The documentation says what the code does: rule pages and the README's commands."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

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
