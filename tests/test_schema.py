"""The report's JSON Schema, shipped in the package, holds for every JSON valuelint writes:
``check --format json`` and ``jsonl``, ``score --format json``, ``site --format json``
and ``PostResult.to_dict()``; and it catches a report that breaks the format."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import EXAMPLES, invoke, put
from test_jsonl import write_blog
from valuelint import Linter
from valuelint.schema import report_schema

SCHEMA = report_schema()
POSTS = sorted(EXAMPLES.glob("*.md"))


def validator(definition: str | None = None) -> Draft202012Validator:
    """The validator of the whole report, or of one of its ``$defs``."""
    if definition is None:
        return Draft202012Validator(SCHEMA)
    return Draft202012Validator({"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"],
                                 "$ref": f"#/$defs/{definition}"})


def problems(document: Any, definition: str | None = None) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(definition).iter_errors(document)]


def run_json(*args: str | Path) -> Any:
    code, out, err = invoke(*args)
    assert code in (0, 1), err
    return json.loads(out)


@pytest.fixture
def blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_blog(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    return tmp_path


def test_the_schema_is_a_valid_draft_2020_12_schema_shipped_in_the_package() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert report_schema() is not SCHEMA  # a fresh copy each time: changing it is harmless
    assert {"file", "post", "finding", "contribution", "summary", "line", "file_line",
            "site_line", "summary_line"} <= set(SCHEMA["$defs"])


def test_the_json_report_of_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    report = run_json("check", "--format", "json", "--no-cache", "examples")
    assert problems(report) == []
    assert sum(len(f["findings"]) for f in report["files"]) > 20
    assert all(f["contributions"] for f in report["files"])


def test_a_report_with_errors_site_findings_and_the_site_entry(blog: Path) -> None:
    put(blog, "_posts/2024-08-01-latin.md", "---\ntitle: x\n---\n").write_bytes(
        b"---\ntitle: Caf\xe9\n---\n\nNot UTF-8.\n")
    code, out, _ = invoke("check", "--format", "json", "--no-cache", "-j", "1", ".", "gone.md")
    report = json.loads(out)
    assert code == 2 and problems(report) == []
    codes = {x["code"] for f in report["files"] for x in f["findings"]}
    assert {"SITE001", "SITE002", "SITE006"} <= codes
    assert report["summary"]["sites"] == 1 and report["summary"]["files_not_checked"] == 2
    assert [f["path"] for f in report["files"] if f["score"] is None] == [
        "_posts/2024-08-01-latin.md", "gone.md", "./"]


def test_site_and_score_json(blog: Path) -> None:
    site = run_json("site", "--format", "json", "--no-cache", "-j", "1", ".")
    assert problems(site) == [] and site["files"]
    for post in (*POSTS, blog / "_posts/2023-01-10-caching.md"):
        card = run_json("score", "--format", "json", post)
        assert problems(card, "post") == []


def test_every_json_lines_line(blog: Path) -> None:
    code, out, _ = invoke("check", "--format", "jsonl", "--no-cache", "-j", "1", ".",
                          EXAMPLES, "gone.md")
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["type"] for line in lines} == {"file", "site", "summary"}
    for line in lines:
        assert problems(line, "line") == [], line
        assert problems(line, f"{line['type']}_line") == [], line
    # The type says which shape the line has: a summary is not a file.
    assert problems({**lines[-1], "type": "file"}, "line") != []
    assert problems({**lines[0], "type": "summary"}, "line") != []


def test_post_results_of_the_python_api() -> None:
    linter = Linter()
    results = [linter.lint_text(p.read_text("utf-8"), p.name) for p in POSTS]
    results.append(linter.lint_text("---\ntitle: [unclosed\n---\nText.\n", "broken.md"))
    assert results[-1].errors and results[-1].score is None
    for result in results:
        assert problems(result.to_dict(), "post") == [], result.path


def test_the_schema_catches_a_report_that_breaks_the_format(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    report = run_json("check", "--format", "json", "--no-cache", "examples")

    def broken(change: Any) -> list[str]:
        changed = copy.deepcopy(report)
        change(changed)
        return problems(changed)

    entry = report["files"][0]
    for key in entry:
        assert broken(lambda r, key=key: r["files"][0].pop(key)), f"file without {key}"
    for key in entry["findings"][0]:
        assert broken(lambda r, key=key: r["files"][0]["findings"][0].pop(key)), key
    for key in entry["contributions"][0]:
        assert broken(lambda r, key=key: r["files"][0]["contributions"][0].pop(key)), key
    for key in report["summary"]:
        assert broken(lambda r, key=key: r["summary"].pop(key)), f"summary without {key}"
    for key in ("version", "format_version", "files", "summary"):
        assert broken(lambda r, key=key: r.pop(key)), key
    assert broken(lambda r: r["files"][0].update(score="80"))
    assert broken(lambda r: r["files"][0].update(score=101))
    assert broken(lambda r: r["files"][0]["findings"][0].update(severity="fatal"))
    assert broken(lambda r: r["files"][0]["findings"][0].update(line=0))
    assert broken(lambda r: r["files"][0]["breakdown"].pop("bait"))
    assert broken(lambda r: r["files"][0]["contributions"][0].update(lines=["3"]))
    assert broken(lambda r: r["summary"]["findings_by_severity"].pop("info"))
    assert broken(lambda r: r.update(format_version=2))
    # New keys may be added at any level (docs/json-format.md).
    assert broken(lambda r: (r.update(extra=1), r["files"][0].update(extra=[]),
                             r["files"][0]["findings"][0].update(fix=None),
                             r["summary"].update(seconds=1.5))) == []
