"""``--format gitlab``: GitLab's Code Quality report, and the CI examples that use it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO
from valuelint.cli import app

SELLING = "# Launch day\n\nBuy now and save. Buy now and save.\n"
CORE = 'select = ["THIN001", "PROM001"]\nfail-under = 90\n'
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "valuelint.toml").write_text(CORE, encoding="utf-8")
    (tmp_path / "launch.md").write_text(SELLING, encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"# x\n\x00\x01 binary")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def gitlab(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(app, ["check", "--format", "gitlab", "--jobs", "1",
                                      "--no-cache", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, json.loads(result.stdout)


def test_every_issue_has_the_fields_gitlab_requires(project: Path) -> None:
    code, issues = gitlab("launch.md", "broken.md")
    assert code == 2  # broken.md cannot be read
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity",
                              "location"}
        assert issue["severity"] in SEVERITIES
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert isinstance(issue["location"]["path"], str)
        assert issue["location"]["lines"]["begin"] >= 1
    names = [(i["location"]["path"], i["check_name"], i["severity"]) for i in issues]
    result = CliRunner().invoke(app, ["check", "--format", "json", "--jobs", "1",
                                      "--no-cache", "launch.md"])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    expected = {"error": "major", "warning": "minor", "info": "info"}
    assert [n for n in names if n[1] in ("PROM001", "THIN001")] == [
        ("launch.md", f["code"], expected[f["severity"]]) for f in findings]
    assert ("launch.md", "PROM001", "major") in names
    assert ("launch.md", "valuelint-score", "major") in names  # below fail-under 90
    assert ("broken.md", "valuelint-error", "critical") in names
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_fingerprints_survive_lines_added_above_a_finding(project: Path) -> None:
    _, before = gitlab("launch.md")
    (project / "launch.md").write_text("# Launch day\n\nSome context first.\n\n"
                                       "Buy now and save. Buy now and save.\n", "utf-8")
    _, after = gitlab("launch.md")
    lines = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in before}
    moved = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in after}
    prom = [i["fingerprint"] for i in before if i["check_name"] == "PROM001"]
    assert len(prom) == 2 and all(fp in moved for fp in prom)
    assert all(moved[fp] == lines[fp] + 2 for fp in prom)


def test_a_clean_run_is_an_empty_array(project: Path) -> None:
    (project / "valuelint.toml").write_text('select = ["BAIT001"]\n', encoding="utf-8")
    code, issues = gitlab("launch.md")
    assert (code, issues) == (0, [])


def test_the_ci_examples_are_valid_and_use_the_formats() -> None:
    gitlab_ci = yaml.safe_load((EXAMPLES / "ci" / "gitlab-ci.yml").read_text("utf-8"))
    job = gitlab_ci["valuelint"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "--format gitlab --output-file gl-code-quality-report.json" in "".join(job["script"])
    workflow = yaml.safe_load((EXAMPLES / "ci" / "github-workflow.yml").read_text("utf-8"))
    steps = workflow["jobs"]["lint-posts"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["uses"].startswith("valuelint/valuelint@")
    hooks = yaml.safe_load((EXAMPLES / "ci" / "pre-commit-config.yaml").read_text("utf-8"))
    assert hooks["repos"][0]["rev"] and hooks["repos"][0]["hooks"][0]["id"] == "valuelint"
    ci_doc = (REPO / "docs" / "ci.md").read_text("utf-8")
    assert "(pre-commit.md)" in ci_doc and "--format gitlab" in ci_doc
