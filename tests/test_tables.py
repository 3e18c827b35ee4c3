"""``valuelint check --table``: posts held in Parquet, CSV and JSON Lines files, judged as
``Linter.lint_text`` and ``valuelint check`` judge the same texts, keyed by the id column,
with errors that name the row."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from conftest import EXAMPLES, invoke, put
from valuelint import Linter

POSTS = sorted(EXAMPLES.glob("*.md"))
#: The rules the example configuration selects, so that both sides run the same ones.
EXAMPLE_CONFIG = (EXAMPLES / "valuelint.toml").read_text("utf-8")


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    names = list(dict.fromkeys(name for row in rows for name in row))
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=names)
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return path


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row, default=str) + "\n" for row in rows),
                    encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict[str, Any]]) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=2)
    return path


WRITERS: dict[str, Callable[[Path, list[dict[str, Any]]], Path]] = {
    "parquet": write_parquet, "csv": write_csv, "jsonl": write_jsonl}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the examples' configuration, the working folder."""
    (tmp_path / ".git").mkdir()
    put(tmp_path, "valuelint.toml", EXAMPLE_CONFIG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_json(*args: str | Path) -> tuple[int, dict[str, Any], str]:
    code, out, err = invoke("check", "--format", "json", "--no-cache", "-j", "1", *args)
    return code, json.loads(out) if out else {}, err


def without_path(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "path"}


@pytest.mark.parametrize("kind", ["parquet", "csv", "jsonl"])
def test_whole_posts_are_judged_as_the_same_files_are(project: Path, kind: str) -> None:
    """Each row holds a whole post, front matter and all: its entry is the file's, key for
    key, under the row's id."""
    rows = [{"slug": p.stem, "body": p.read_text("utf-8")} for p in POSTS]
    table = WRITERS[kind](project / f"posts.{kind}", rows)
    for post in POSTS:
        put(project, f"files/{post.stem}.md", post.read_text("utf-8"))
    code, report, err = check_json("--table", table, "--text-column", "body",
                                   "--id-column", "slug")
    files_code, files, _ = check_json(*(f"files/{p.stem}.md" for p in POSTS))
    assert [f["path"] for f in report["files"]] == [p.stem for p in POSTS]
    assert [without_path(f) for f in report["files"]] == [
        without_path(f) for f in files["files"]]
    assert report["summary"] == files["summary"] and code == files_code == 1, err
    linter = Linter()
    assert [without_path(f) for f in report["files"]] == [
        without_path(linter.lint_text(p.read_text("utf-8"), f"{p.stem}.md").to_dict())
        for p in POSTS]


def split(post: Path) -> tuple[dict[str, Any], str]:
    """The post's front matter (title, date, lang) and its text without front matter."""
    text = post.read_text("utf-8")
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    data = yaml.safe_load(front)
    meta = {"title": data.get("title"), "date": data.get("date"), "lang": data.get("lang", "en")}
    return meta, body


@pytest.mark.parametrize("kind", ["parquet", "csv", "jsonl"])
def test_metadata_columns_are_the_posts_front_matter(project: Path, kind: str) -> None:
    parts = [split(p) for p in POSTS]
    assert all(isinstance(meta["date"], date) for meta, _ in parts)
    rows = [{"id": p.stem, "text": body, "path": f"blog/{p.name}", **meta}
            for p, (meta, body) in zip(POSTS, parts, strict=True)]
    table = WRITERS[kind](project / f"posts.{kind}", rows)
    code, report, err = check_json("--table", table, "--id-column", "id", "--path-column",
                                   "path", "--metadata-columns", "title,date", "--metadata-columns",
                                   "lang")
    assert code == 1, err
    linter = Linter()
    expected = [linter.lint_text(body, f"blog/{p.name}", lang=meta["lang"],
                                 metadata={"title": meta["title"], "date": meta["date"]})
                for p, (meta, body) in zip(POSTS, parts, strict=True)]
    assert [f["path"] for f in report["files"]] == [p.stem for p in POSTS]
    assert [without_path(f) for f in report["files"]] == [
        without_path(r.to_dict()) for r in expected]
    # The same judgement as the files with that front matter, whose lines are counted
    # from the front matter's first (a column has no line).
    for post, (meta, body) in zip(POSTS, parts, strict=True):
        put(project, f"files/{post.name}", f"---\ntitle: {json.dumps(meta['title'])}\n"
            f"date: {meta['date']}\nlang: {meta['lang']}\n---\n{body}")
    _, files, _ = check_json("files")

    def judgement(entry: dict[str, Any]) -> Any:
        return (entry["score"], entry["breakdown"], entry["words"], entry["failing"],
                entry["language"], sorted((f["code"], f["severity"], f["message"])
                                          for f in entry["findings"]),
                sorted((c["signal"], c["dimension"], c["points"]) for c in entry["contributions"]))

    assert [judgement(f) for f in report["files"]] == [judgement(f) for f in files["files"]]


def test_the_path_column_picks_the_configuration(project: Path) -> None:
    put(project, "valuelint.toml", EXAMPLE_CONFIG + '\n[per-file-ignores]\n"news/*" = ["PROM"]\n')
    text = (EXAMPLES / "promo-launch.md").read_text("utf-8")
    table = write_jsonl(project / "posts.jsonl", [
        {"text": text, "path": "blog/launch.md"}, {"text": text, "path": "news/launch.md"},
        {"text": text}])
    _, report, _ = check_json("--table", table, "--path-column", "path")
    # Without an id column, a row is keyed by its path, else by its number.
    assert [f["path"] for f in report["files"]] == ["blog/launch.md", "news/launch.md",
                                                     "row 3"]
    codes = [{x["code"][:4] for x in f["findings"]} for f in report["files"]]
    assert "PROM" in codes[0] and "PROM" not in codes[1] and "PROM" in codes[2]


def test_rows_that_cannot_be_judged_name_the_row_and_the_rest_are_judged(
    project: Path,
) -> None:
    good = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")
    rows: list[dict[str, Any]] = [
        {"slug": "guide", "body": good, "date": "2024-05-01"},
        {"slug": "launch", "body": ""},
        {"slug": "nulled", "body": None},
        {"slug": "number", "body": 42},
        {"slug": "later", "body": good, "date": "next tuesday"},
        {"slug": None, "body": good},
        {"slug": "last", "body": good},
    ]
    table = write_jsonl(project / "posts.jsonl", rows)
    code, report, err = check_json("--table", table, "--text-column", "body", "--id-column",
                                   "slug", "--metadata-columns", "date")
    assert code == 2
    assert [f["path"] for f in report["files"]] == [
        "guide", "launch", "nulled", "number", "later", "row 6", "last"]
    assert [f["score"] is not None for f in report["files"]] == [
        True, False, False, False, False, False, True]
    assert err.splitlines() == [
        "launch: error: posts.jsonl: row 2 (id 'launch'): text column 'body' is empty",
        "nulled: error: posts.jsonl: row 3 (id 'nulled'): text column 'body' is empty",
        "number: error: posts.jsonl: row 4 (id 'number'): text column 'body' holds a number, "
        "not text",
        "later: error: posts.jsonl: row 5 (id 'later'): date column 'date' holds "
        "'next tuesday', not a date (write it as 2024-05-01)",
        "row 6: error: posts.jsonl: row 6: id column 'slug' is empty",
    ]
    # CSV has no null: an empty field is a missing value; rows count from the first
    # after the header, however many lines a field spans.
    csv_table = write_csv(project / "posts.csv", [
        {"slug": "guide", "body": good}, {"slug": "launch", "body": ""}])
    code, report, err = check_json("--table", csv_table, "--text-column", "body",
                                   "--id-column", "slug")
    assert code == 2 and err.splitlines() == [
        "launch: error: posts.csv: row 2 (id 'launch'): text column 'body' is empty"]


def test_a_line_of_json_lines_that_is_not_an_object_is_one_rows_error(project: Path) -> None:
    good = json.dumps({"text": (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")})
    table = project / "posts.ndjson"
    table.write_text(f"{good}\n\n{{not json\n[1, 2]\n{good}\n", encoding="utf-8")
    code, report, err = check_json("--table", table)
    assert code == 2
    assert [f["path"] for f in report["files"]] == ["row 1", "row 3", "row 4", "row 5"]
    assert "posts.ndjson: row 3: not JSON" in err
    assert "posts.ndjson: row 4: a list, not an object of columns" in err


@pytest.mark.parametrize("kind", ["parquet", "csv", "jsonl"])
def test_a_missing_column_is_one_error_before_any_row_is_judged(
    project: Path, kind: str,
) -> None:
    table = WRITERS[kind](project / f"posts.{kind}", [{"slug": "a", "body": "Text."}])
    code, out, err = invoke("check", "--table", table, "--text-column", "content",
                            "--id-column", "slug", "--format", "json")
    assert (code, out) == (2, "")
    assert err == (f"valuelint: error: posts.{kind}: no column 'content' (the columns are "
                   "'slug', 'body')\n")


def test_files_that_are_not_tables_valuelint_reads(project: Path) -> None:
    put(project, "posts.txt", "a,b\n")
    put(project, "broken.parquet", "this is not Parquet\n")
    (project / "latin.csv").write_bytes(b"text\nCaf\xe9\n")
    for name, message in (
        ("posts.txt", "posts.txt: not a table valuelint reads: name it .parquet, .csv, "
                      ".jsonl or .ndjson"),
        ("broken.parquet", "broken.parquet: cannot read it as Parquet: "),
        ("missing.csv", "missing.csv: cannot read it: No such file or directory"),
        ("latin.csv", "latin.csv: not valid UTF-8 (byte 0xe9) before its first row; save it "
                      "as UTF-8"),
    ):
        code, out, err = invoke("check", "--table", name)
        assert code == 2 and out == "", name
        assert err.startswith(f"valuelint: error: {message}") and err.count("\n") == 1, err


def test_large_csv_fields_are_read(project: Path) -> None:
    body = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")
    long = body + "\n" + "\n\n".join([body.split("\n---\n", 1)[1]] * 40)
    assert len(long) > 200_000  # over the csv module's default field limit
    table = write_csv(project / "posts.csv", [{"text": long}])
    code, report, err = check_json("--table", table)
    assert code in (0, 1) and report["files"][0]["words"] > 30_000, err


def test_every_output_format_and_paths_are_a_usage_error(project: Path) -> None:
    text = (EXAMPLES / "promo-launch.md").read_text("utf-8")
    table = write_csv(project / "posts.csv", [{"slug": "launch", "text": text}])
    markers = {"text": "launch:", "json": '"path": "launch"', "jsonl": '"path":"launch"',
               "sarif": '"uri": "launch"', "github": "file=launch,",
               "gitlab": '"path": "launch"'}
    for fmt, marker in markers.items():
        code, out, err = invoke("check", "--table", table, "--id-column", "slug",
                                "--format", fmt)
        assert code == 1 and marker in out, (fmt, out[:500], err)
    code, out, err = invoke("check", "--table", table, "posts.md")
    assert code == 2 and "--table checks the posts of a table: give no paths with it" in err


def test_without_pyarrow_a_parquet_table_is_one_line_naming_the_extra(project: Path) -> None:
    table = write_parquet(project / "posts.parquet", [{"text": "Text."}])
    # pyarrow made impossible to import in a fresh interpreter, as when it is not installed.
    probe = ("import sys; sys.modules['pyarrow'] = None; sys.argv = ['valuelint', 'check', "
             "'--table', 'posts.parquet']; from valuelint.cli import run; run()")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=120,
                          check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == ('valuelint: error: reading Parquet needs pyarrow: '
                           'pip install "valuelint[parquet]"\n')
    assert table.exists()


def test_checking_markdown_never_imports_pyarrow(project: Path) -> None:
    put(project, "post.md", (EXAMPLES / "how-to-profile-python.md").read_text("utf-8"))
    probe = ("import sys; sys.argv = ['valuelint', 'check', '--no-cache', 'post.md']\n"
             "from valuelint.cli import exit_code\ncode = exit_code()\n"
             "assert 'pyarrow' not in sys.modules, 'pyarrow imported'\nsys.exit(code)")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stderr
