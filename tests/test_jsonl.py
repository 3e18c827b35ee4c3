"""``valuelint check --format jsonl``: a line per post as it is judged, then the site's
lines, then the summary; the same entries and summary as the JSON report."""

from __future__ import annotations

import json
import os
import random
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, invoke, put

SITE = 'select = ["SITE", "THIN001", "PROM001"]\n'
TOPICS = ["caching", "profiling", "logging", "testing", "packaging", "tracing", "indexing",
          "batching", "sharding", "retries"]


def lines(stdout: str) -> list[dict[str, Any]]:
    assert stdout.endswith("\n")
    return [json.loads(line) for line in stdout.splitlines()]


def without(line: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in line.items() if key not in keys}


def both(*args: str | Path) -> tuple[tuple[int, dict[str, Any]], tuple[int, list[dict[str, Any]]]]:
    """(exit code, JSON report) and (exit code, JSON Lines) of ``check ARGS``."""
    code, out, err = invoke("check", "--format", "json", "--no-cache", "-j", "1", *args)
    assert code in (0, 1, 2) and out, err
    streamed_code, streamed, err = invoke("check", "--format", "jsonl", "--no-cache", "-j", "1",
                                          *args)
    return (code, json.loads(out)), (streamed_code, lines(streamed))


def sort_key(finding: dict[str, Any]) -> tuple[int, int, str, str]:
    return finding["line"], finding["column"], finding["code"], finding["message"]


def merged(streamed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The JSON report's ``files`` from the lines: each post's site findings merged into
    its entry, as docs/json-format.md tells a reader to."""
    entries: dict[str, dict[str, Any]] = {}
    for line in streamed[:-1]:
        entry = without(line, "type")
        if line["type"] == "file" or entry["path"].endswith("/"):
            assert entry["path"] not in entries
            entries[entry["path"]] = entry
        elif line["type"] == "site":
            post = entries[entry["path"]]
            post["findings"] = sorted([*post["findings"], *entry["findings"]], key=sort_key)
            post["failing"] = post["failing"] or entry["failing"]
    return list(entries.values())


def test_each_line_is_the_json_reports_entry_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    (code, report), (streamed_code, streamed) = both("examples")
    assert [line["type"] for line in streamed] == ["file"] * len(report["files"]) + ["summary"]
    assert [without(line, "type") for line in streamed[:-1]] == report["files"]
    assert len(report["files"]) >= 5
    summary = streamed[-1]
    assert without(summary, "type", "version", "format_version") == report["summary"]
    assert (summary["version"], summary["format_version"]) == (report["version"],
                                                               report["format_version"])
    assert streamed_code == code == 1


def unique_text(seed: int, words: int = 160) -> str:
    """A post body no other seed shares five words in a row with."""
    rng = random.Random(seed)
    vocabulary = [f"{a}{b}" for a in ("mor", "tal", "ven", "sir", "pol", "dex", "rua", "kin")
                  for b in ("ba", "co", "de", "fi", "gu", "ha", "jo", "ka", "lu", "mi")]
    return " ".join(" ".join(rng.choice(vocabulary) for _ in range(10)).capitalize() + "."
                    for _ in range(words // 10))


def blog_post(root: Path, name: str, title: str, body: str) -> None:
    put(root, name, f'---\ntitle: "{title}"\n---\n\n{body}\n')


def write_blog(root: Path) -> None:
    """A Jekyll blog with a near-duplicate post, a boilerplate paragraph on six posts and
    enough thin, selling posts for findings about the whole site."""
    (root / ".git").mkdir()
    put(root, "valuelint.toml", SITE)
    put(root, "_config.yml", "title: Notes\n")
    pitch = ("Want more notes like these? Join our newsletter and get the best articles of "
             "the month in your inbox every first Monday.")
    for i, topic in enumerate(TOPICS):
        body = unique_text(i) + (f"\n\n{pitch}" if i < 6 else "")
        blog_post(root, f"_posts/2023-{i + 1:02d}-10-{topic}.md", f"Notes on {topic}", body)
    blog_post(root, "_posts/2023-12-01-caching-again.md", "Caching, revisited",
              "An intro written for the second version. " + unique_text(0)[60:])
    for i in range(6):
        blog_post(root, f"_posts/2024-0{i + 1}-01-short-{i}.md", f"Quick update {i}",
                  f"A short note about release {i}. Buy now and save.")


@pytest.fixture
def blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """:func:`write_blog` in a temporary folder, the working folder, on a fixed day."""
    write_blog(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    return tmp_path


def test_site_findings_come_as_their_own_lines_after_the_posts(blog: Path) -> None:
    (code, report), (streamed_code, streamed) = both(".")
    types = [line["type"] for line in streamed]
    posts = len(report["files"]) - report["summary"]["sites"]
    assert types[:posts] == ["file"] * posts and types[-1] == "summary"
    site_lines = streamed[posts:-1]
    assert site_lines and all(line["type"] == "site" for line in site_lines)
    codes = {f["code"] for line in site_lines for f in line["findings"]}
    assert {"SITE001", "SITE002", "SITE006", "SITE007"} <= codes
    # A post's own line has none of its site findings; the site's folder is its own entry.
    assert not [f for line in streamed[:posts] for f in line["findings"]
                if f["code"].startswith("SITE")]
    assert site_lines[-1]["path"] == "./" and without(site_lines[-1], "type") in report["files"]
    assert merged(streamed) == report["files"]
    assert without(streamed[-1], "type", "version", "format_version") == report["summary"]
    assert streamed_code == code


def test_site_findings_that_fail_a_passing_post_count_it_as_failing(blog: Path) -> None:
    put(blog, "valuelint.toml", SITE + "[rules.SITE002]\nseverity = \"error\"\n"
        "[rules.SITE006]\nmax-share = 1.0\n[rules.SITE007]\nmax-share = 1.0\n")
    (code, report), (streamed_code, streamed) = both("_posts")
    own = {line["path"]: line for line in streamed if line["type"] == "file"}
    turned = [line["path"] for line in streamed
              if line["type"] == "site" and line["failing"] and not own[line["path"]]["failing"]]
    # The six posts with the boilerplate paragraph (an error now), the near-duplicate.
    assert turned == [f"_posts/2023-{i + 1:02d}-10-{topic}.md"
                      for i, topic in enumerate(TOPICS[:6])] + [
        "_posts/2023-12-01-caching-again.md"]
    assert merged(streamed) == report["files"]
    assert streamed[-1]["failing_files"] == report["summary"]["failing_files"]
    assert streamed_code == code == 1


def test_errors_are_lines_and_on_stderr_and_exit_2(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    put(tmp_path, "post.md", (EXAMPLES / "how-to-profile-python.md").read_text("utf-8"))
    code, out, err = invoke("check", "--format", "jsonl", "--no-cache", "post.md", "gone.md")
    streamed = lines(out)
    assert code == 2 and "gone.md: error: no such file or directory" in err
    assert [line["path"] for line in streamed[:-1]] == ["post.md", "gone.md"]
    assert streamed[1]["errors"] and streamed[-1]["files_not_checked"] == 1
    code, out, _ = invoke("check", "--format", "jsonl", "--no-cache", "--select", "THIN001",
                          "post.md")
    assert code == 0 and lines(out)[-1]["failing_files"] == 0


def test_failing_posts_exit_1_unless_exit_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    assert invoke("check", "--format", "jsonl", "--no-cache", "examples/promo-launch.md")[0] == 1
    assert invoke("check", "--format", "jsonl", "--no-cache", "--exit-zero",
                  "examples/promo-launch.md")[0] == 0


def test_output_file_gets_the_same_lines_written_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    target = tmp_path / "out" / "report.jsonl"
    target.parent.mkdir()
    target.write_text("old report\n", encoding="utf-8")
    code, out, _ = invoke("check", "--format", "jsonl", "--no-cache", "-o", target, "examples")
    assert code == 1 and out == ""
    _, printed, _ = invoke("check", "--format", "jsonl", "--no-cache", "examples")
    assert target.read_text("utf-8") == printed
    assert [p.name for p in target.parent.iterdir()] == ["report.jsonl"]  # no temporary file
    code, _, err = invoke("check", "--format", "jsonl", "-o", tmp_path / "missing" / "r.jsonl",
                          "examples")
    assert code == 2 and "cannot write" in err and "Traceback" not in err


def test_a_line_is_written_as_soon_as_its_post_is_judged(tmp_path: Path) -> None:
    """The second post comes on standard input, held open: the first post's line must
    arrive before valuelint can finish."""
    (tmp_path / ".git").mkdir()
    put(tmp_path, "first.md", (EXAMPLES / "thin-update.md").read_text("utf-8"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "valuelint", "check", "--format", "jsonl", "--no-cache",
         "-j", "1", "first.md", "-"],
        cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # Standard output is a pipe, so block-buffered unless valuelint flushes each line.
        env={**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
             "NO_COLOR": "1"})
    assert proc.stdin is not None and proc.stdout is not None
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "no line within a minute of starting"
        first = json.loads(proc.stdout.readline())
        assert first["type"] == "file" and first["path"] == "first.md"
        assert proc.poll() is None  # still waiting for the second post
        proc.stdin.write((EXAMPLES / "thin-update.md").read_bytes())
        proc.stdin.close()
        rest = [json.loads(line) for line in proc.stdout.read().splitlines()]
    finally:
        proc.kill() if proc.poll() is None else None
        proc.wait(timeout=60)
    assert [line["type"] for line in rest] == ["file", "summary"]
    assert rest[0]["path"] == "<stdin>" and without(rest[0], "path") == without(first, "path")
