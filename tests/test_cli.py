"""The ``valuelint`` command line: finding posts, options, exit codes and bad input.

Most cases run the command in-process through typer's CliRunner; a handful
run the installed command in a real subprocess (exit codes, stdin, a
terminal, no traceback on bad input).
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, Outcome
from sample_posts import SELLING, SHORT
from valuelint import __version__
from valuelint.cli import app

#: A long, useful post that none of the rules below reports.
GOOD = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")
#: The rules these tests look at, so that rules added later do not change them.
CORE = 'select = ["THIN001", "PROM001", "BAIT001"]\n'


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli(*args: str | Path, stdin: str | bytes | None = None) -> Run:
    """Run ``valuelint ARGS`` in this process, in the current folder."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder (a git root, so no outside configuration applies)."""
    (tmp_path / ".git").mkdir()
    configure(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def configure(root: Path, text: str = "") -> None:
    """Write the project's valuelint.toml: the core rules, then ``text``."""
    put(root, "valuelint.toml", CORE + text)


def put(root: Path, name: str, text: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def checked_paths(run: Run) -> list[str]:
    return [f["path"] for f in run.json()["files"]]


# --------------------------------------------------------------------------- reporting


def test_findings_are_reported_with_file_line_column_code_and_name(project: Path) -> None:
    put(project, "launch.md", SELLING)
    run = cli("check", "launch.md")
    assert run.code == 1
    lines = run.stdout.splitlines()
    assert any(re.fullmatch(r"launch\.md:1:1: THIN001 \[too-short\] post has \d+ words.*", line)
               for line in lines), run.stdout
    assert any(re.fullmatch(r'launch\.md:3:1: PROM001 \[hard-sell\] "Buy now": .*', line)
               for line in lines), run.stdout
    assert re.search(r"^launch\.md: score \d+/100 "
                     r"\(fails: 1 error and 1 warning at or above fail-on=warning\)$",
                     run.stdout, re.MULTILINE), run.stdout
    assert re.search(r"^Checked 1 file: 1 error, 1 warning, 0 info", run.stdout, re.MULTILINE)


def test_a_good_post_passes_with_a_score_and_no_finding(project: Path) -> None:
    put(project, "profile.md", GOOD)
    run = cli("check", "profile.md")
    assert run.code == 0, run.stdout
    assert re.search(r"^profile\.md: score \d+/100 \(ok\)$", run.stdout, re.M), run.stdout
    assert ":" not in run.stdout.split("profile.md: score")[0]


def test_default_path_is_the_current_folder_and_finds_every_markdown_suffix(
    project: Path,
) -> None:
    for name in ("a.md", "b.markdown", "c.mdx", "notes.txt", "sub/d.md", "page.html"):
        put(project, name, SHORT)
    run = cli("check", "--format", "json")
    assert checked_paths(run) == ["a.md", "b.markdown", "c.mdx", "sub/d.md"]


def test_files_are_checked_in_a_stable_sorted_order(project: Path) -> None:
    for name in ("z.md", "b/2.md", "a.md", "b/1.md", "B.md"):
        put(project, name, SHORT)
    first = cli("check", "--format", "json")
    assert checked_paths(first) == ["B.md", "a.md", "z.md", "b/1.md", "b/2.md"]
    assert cli("check", "--format", "json").stdout == first.stdout


def test_a_file_named_twice_is_checked_once(project: Path) -> None:
    put(project, "post.md", SHORT)
    assert checked_paths(cli("check", "post.md", ".", "./post.md", "--format", "json")) == [
        "post.md"
    ]


def test_a_post_reached_through_a_symbolic_link_is_checked_once(project: Path) -> None:
    put(project, "posts/post.md", SHORT)
    (project / "posts/alias.md").symlink_to("post.md")
    (project / "mirror").symlink_to("posts", target_is_directory=True)
    (project / "mirror-post.md").symlink_to("posts/post.md")
    # The first name met in sorted order is the one reported.
    assert checked_paths(cli("check", "--format", "json")) == ["mirror-post.md"]
    assert checked_paths(cli("check", "posts", "--format", "json")) == ["posts/alias.md"]


def test_build_and_dependency_folders_are_skipped(project: Path) -> None:
    put(project, "post.md", SHORT)
    for folder in ("node_modules/pkg", "_site", ".venv", "public"):
        put(project, f"{folder}/README.md", SELLING)
    assert checked_paths(cli("check", "--format", "json")) == ["post.md"]


def test_a_folder_named_on_the_command_line_is_checked_whatever_its_name(
    project: Path,
) -> None:
    # "public" is skipped while walking a project, but a blog kept under a
    # folder of that name must still be checked when the user names it.
    put(project, "public/blog/post.md", SHORT)
    assert checked_paths(cli("check", "public", "--format", "json")) == ["public/blog/post.md"]
    assert checked_paths(cli("check", "public/blog", "--format", "json")) == [
        "public/blog/post.md"
    ]


def test_configured_include_and_exclude_choose_the_files(project: Path) -> None:
    configure(project, 'include = ["*.md", "*.txt"]\nexclude = ["drafts"]\n')
    for name in ("post.md", "notes.txt", "drafts/wip.md", "old/drafts/x.md", "old/keep.md"):
        put(project, name, SHORT)
    assert checked_paths(cli("check", "--format", "json")) == [
        "notes.txt", "post.md", "old/keep.md"]


def test_exclude_globs_match_paths_from_the_configuration_folder(project: Path) -> None:
    configure(project, 'exclude = ["posts/2019-*.md"]\n')
    for name in ("posts/2019-old.md", "posts/2024-new.md", "2019-top.md"):
        put(project, name, SHORT)
    assert checked_paths(cli("check", "--format", "json")) == [
        "2019-top.md", "posts/2024-new.md"]


# --------------------------------------------------------------------------- stdin


def test_stdin_is_checked_under_the_stdin_filename(project: Path) -> None:
    run = cli("check", "-", "--stdin-filename", "posts/launch.md", stdin=SELLING)
    assert run.code == 1
    assert "posts/launch.md:3:1: PROM001 [hard-sell]" in run.stdout


def test_stdin_without_a_name_is_reported_as_stdin(project: Path) -> None:
    run = cli("check", "-", "--format", "json", stdin=SELLING)
    assert checked_paths(run) == ["<stdin>"]


def test_stdin_filename_alone_reads_stdin(project: Path) -> None:
    put(project, "other.md", SELLING)  # must not be checked
    run = cli("check", "--stdin-filename", "draft.md", "--format", "json", stdin=SHORT)
    assert checked_paths(run) == ["draft.md"]


def test_stdin_is_configured_by_its_filename(project: Path) -> None:
    configure(project, '[per-file-ignores]\n"news/*.md" = ["THIN"]\n')
    news = cli("check", "-", "--stdin-filename", "news/x.md", "--format", "json", stdin=SHORT)
    blog = cli("check", "-", "--stdin-filename", "blog/x.md", "--format", "json", stdin=SHORT)
    assert news.json()["files"][0]["findings"] == []
    assert [f["code"] for f in blog.json()["files"][0]["findings"]] == ["THIN001"]


def test_stdin_keeps_its_place_among_paths(project: Path) -> None:
    put(project, "a.md", SHORT)
    put(project, "z.md", SHORT)
    run = cli("check", "z.md", "-", "a.md", "--stdin-filename", "mid.md", "--format", "json",
              stdin=SHORT)
    assert checked_paths(run) == ["z.md", "mid.md", "a.md"]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "file is empty"),
    (b"  \n\n", "file is empty"),
    (b"# Caf\xe9\n", "not valid UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_bad_stdin_is_an_error_like_a_bad_file(project: Path, data: bytes, message: str) -> None:
    run = cli("check", "-", "--stdin-filename", "draft.md", stdin=data)
    assert run.code == 2
    errors = [line for line in run.stdout.splitlines() if "error:" in line]
    assert len(errors) == 1 and errors[0].startswith("draft.md: error: "), run.stdout
    assert message in errors[0]


# --------------------------------------------------------------------------- options


def test_select_and_ignore_choose_rules_by_code_prefix_or_name(project: Path) -> None:
    put(project, "launch.md", SELLING)

    def codes(*options: str) -> list[str]:
        """The codes of the core rules reported (other rules a prefix selects are left out)."""
        run = cli("check", "launch.md", "--format", "json", *options)
        return [f["code"] for f in run.json()["files"][0]["findings"]
                if f["code"] in ("THIN001", "PROM001", "BAIT001")]

    assert codes() == ["THIN001", "PROM001"]
    assert codes("--select", "PROM") == ["PROM001"]
    assert codes("--select", "too-short") == ["THIN001"]
    assert codes("--ignore", "hard-sell") == ["THIN001"]
    # The configuration selects PROM001 by its full code; the command line still wins.
    assert codes("--ignore", "PROM") == ["THIN001"]
    assert codes("--ignore", "THIN001,PROM001") == []
    assert codes("--select", "THIN001", "--select", "PROM001") == ["THIN001", "PROM001"]
    assert codes("--ignore", "PROM", "--extend-select", "PROM001") == ["THIN001", "PROM001"]


def test_an_unknown_rule_on_the_command_line_is_a_usage_error(project: Path) -> None:
    put(project, "post.md", SHORT)
    run = cli("check", "post.md", "--ignore", "NOPE9")
    assert run.code == 2
    assert run.stderr.strip() == (
        "valuelint: error: --ignore: 'NOPE9' matches no installed rule code, prefix or name")


def test_fail_under_sets_the_lowest_passing_score(project: Path) -> None:
    put(project, "short.md", SHORT)  # one warning; scores between 50 and 100
    score = cli("check", "short.md", "--format", "json").json()["files"][0]["score"]
    assert 50 < score < 100
    # fail-on error: the warning alone does not fail, only the score can.
    assert cli("check", "short.md", "--fail-on", "error",
               "--fail-under", str(score)).code == 0
    assert cli("check", "short.md", "--fail-on", "error",
               "--fail-under", str(score + 1)).code == 1


def test_fail_on_chooses_which_severity_fails(project: Path) -> None:
    put(project, "short.md", SHORT)  # a warning
    assert cli("check", "short.md").code == 1  # default: warning fails
    assert cli("check", "short.md", "--fail-on", "error").code == 0
    assert cli("check", "short.md", "--fail-on", "info").code == 1
    bad = cli("check", "short.md", "--fail-on", "loud")
    assert bad.code == 2
    assert "--fail-on" in bad.stderr and "loud" in bad.stderr


def test_info_findings_never_fail_by_default(project: Path) -> None:
    configure(project, '[rules.THIN001]\nseverity = "info"\n')
    put(project, "short.md", SHORT)
    run = cli("check", "short.md")
    assert "THIN001" in run.stdout
    assert run.code == 0


def test_fail_under_out_of_range_is_a_usage_error(project: Path) -> None:
    put(project, "post.md", SHORT)
    run = cli("check", "post.md", "--fail-under", "101")
    assert run.code == 2
    assert "--fail-under" in run.stderr


def test_exit_zero_passes_failing_posts_but_not_errors(project: Path) -> None:
    put(project, "launch.md", SELLING)
    assert cli("check", "launch.md", "--exit-zero").code == 0
    assert cli("check", "launch.md", "missing.md", "--exit-zero").code == 2


def test_statistics_count_findings_per_rule(project: Path) -> None:
    put(project, "a.md", SELLING)
    put(project, "b.md", SELLING + "\nBuy now, again.\n")
    run = cli("check", "--statistics")
    stats = [line.split() for line in run.stdout.splitlines()
             if re.fullmatch(r"\s*\d+\s+[A-Z]+\d{3}\s+\S+", line)]
    assert stats == [["3", "PROM001", "hard-sell"], ["2", "THIN001", "too-short"]]


def test_quiet_shows_only_what_fails_errors_and_summary(project: Path) -> None:
    put(project, "launch.md", SELLING)
    put(project, "profile.md", GOOD)
    run = cli("check", "launch.md", "profile.md", "missing.md", "--quiet", "--fail-on", "error")
    assert run.code == 2
    lines = run.stdout.splitlines()
    # The failing post is named, with the finding that fails it, its score and why.
    assert any(re.fullmatch(r'launch\.md:3:1: PROM001 \[hard-sell\] "Buy now": .*', line)
               for line in lines), run.stdout
    assert re.search(r"^launch\.md: score \d+/100 \(fails: 1 error at or above "
                     r"fail-on=error\)$", run.stdout, re.MULTILINE), run.stdout
    # A warning below fail-on and a passing post are left out.
    assert "THIN001" not in run.stdout
    assert "profile.md" not in run.stdout
    assert "missing.md: error: no such file or directory" in run.stdout
    assert "Checked 3 files" in run.stdout


def test_quiet_names_a_failing_post_that_has_no_error(project: Path) -> None:
    put(project, "launch.md", SELLING)
    run = cli("check", "-q", "launch.md")
    assert run.code == 1
    assert re.search(r"^launch\.md: score \d+/100 \(fails: 1 error and 1 warning at or "
                     r"above fail-on=warning\)$", run.stdout, re.MULTILINE), run.stdout


def test_rules_that_need_a_trained_pipeline_are_skipped_quietly_unless_named(
    project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from valuelint.plugins import load_rules

    tagger_rules = [rule for rule in load_rules().values() if rule.needs_tagger]
    if not tagger_rules:
        pytest.skip("no installed rule needs a trained pipeline")
    monkeypatch.setattr("valuelint.engine._warned", set())  # a fresh process's state
    put(project, "profile.md", GOOD)
    (project / "valuelint.toml").unlink()  # every rule, as without configuration
    assert cli("check", "profile.md").stderr == ""
    code = tagger_rules[0].code
    named = cli("check", "profile.md", "--select", code)
    assert named.stderr == (f"valuelint: {code} needs a trained spaCy pipeline (set 'model', "
                            "for example en_core_web_sm) and is skipped\n")


def test_unknown_format_is_a_usage_error(project: Path) -> None:
    put(project, "post.md", SHORT)
    run = cli("check", "post.md", "--format", "xml")
    assert run.code == 2
    assert "--format 'xml'" in run.stderr
    assert run.stdout == ""


def test_machine_formats_still_name_unreadable_files_on_stderr(project: Path) -> None:
    put(project, "post.md", SHORT)
    run = cli("check", "post.md", "gone.md", "--format", "json")
    assert run.code == 2
    assert run.stderr == "gone.md: error: no such file or directory\n"
    assert run.json()["files"][1]["errors"] == ["no such file or directory"]


# --------------------------------------------------------------------------- output file


def test_output_file_receives_the_report_and_stdout_stays_empty(project: Path) -> None:
    put(project, "launch.md", SELLING)
    printed = cli("check", "launch.md", "--format", "json")
    run = cli("check", "launch.md", "--format", "json", "--output-file", "report.json")
    assert run.code == 1
    assert run.stdout == ""
    assert (project / "report.json").read_text("utf-8") == printed.stdout
    assert sorted(p.name for p in project.iterdir()) == [
        ".git", ".valuelint_cache", "launch.md", "report.json", "valuelint.toml"]


def test_output_file_replaces_an_existing_report_and_keeps_its_permissions(
    project: Path,
) -> None:
    put(project, "post.md", SHORT)
    report = put(project, "report.txt", "old report\n")
    report.chmod(0o640)
    assert cli("check", "post.md", "-o", "report.txt").code == 1
    text = report.read_text("utf-8")
    assert "old report" not in text and "post.md:" in text
    assert report.stat().st_mode & 0o777 == 0o640


def test_a_new_output_file_is_readable_as_the_umask_allows(project: Path) -> None:
    put(project, "post.md", SHORT)
    old = os.umask(0o022)
    try:
        cli("check", "post.md", "-o", "report.txt")
    finally:
        os.umask(old)
    assert (project / "report.txt").stat().st_mode & 0o777 == 0o644


def test_an_unwritable_output_file_is_an_error(project: Path) -> None:
    put(project, "post.md", SHORT)
    run = cli("check", "post.md", "-o", "no/such/folder/report.txt")
    assert run.code == 2
    assert "cannot write no/such/folder/report.txt" in run.stderr


# --------------------------------------------------------------------------- bad input


BAD_INPUTS: list[tuple[str, Callable[[Path], Any], str]] = [
    ("missing.md", lambda root: None, "no such file or directory"),
    ("nothing-here", lambda root: put(root, "nothing-here/notes.txt", "text"),
     "no Markdown files"),
    ("latin1.md", lambda root: put(root, "latin1.md", b"# Caf\xe9\n\nSome text.\n"),
     "not valid UTF-8 (byte 0xe9 on line 1)"),
    ("image.md", lambda root: put(root, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
     "binary file"),
    ("utf16-binary.md", lambda root: put(root, "utf16-binary.md", b"\xff\xfe\x00\x00\x01\x02"),
     "binary file"),
    ("empty.md", lambda root: put(root, "empty.md", ""), "file is empty"),
    ("bom-only.md", lambda root: put(root, "bom-only.md", b"\xef\xbb\xbf\n"), "file is empty"),
    ("broken-front.md",
     lambda root: put(root, "broken-front.md", "---\ntitle: [unclosed\n---\n# Post\n"),
     "YAML front matter does not parse"),
    ("unclosed-front.md",
     lambda root: put(root, "unclosed-front.md", "---\ntitle: Post\n# Post\n\nText.\n"),
     "never closed"),
    ("huge.md", lambda root: put(root, "huge.md", "word " * 1_200_000),
     "over the 5 MB limit"),
]


@pytest.mark.parametrize(("name", "make", "message"), BAD_INPUTS,
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_one_error_line_and_other_files_are_still_checked(
    project: Path, name: str, make: Callable[[Path], Any], message: str,
) -> None:
    put(project, "good.md", GOOD)
    make(project)
    run = cli("check", "good.md", name)
    assert run.code == 2
    errors = [line for line in run.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1, run.stdout
    assert errors[0].startswith(f"{name}: error: ")
    assert message in errors[0]
    assert re.search(r"^good\.md: score \d+/100 \(ok\)$", run.stdout, re.M), run.stdout


def test_errors_exit_2_even_when_other_posts_fail(project: Path) -> None:
    put(project, "launch.md", SELLING)
    assert cli("check", "launch.md", "missing.md").code == 2


def test_the_size_limit_is_configurable(project: Path) -> None:
    configure(project, "max-file-size-mb = 0.001\n")
    put(project, "long.md", GOOD)
    run = cli("check", "long.md")
    assert run.code == 2
    assert "over the 0.001 MB limit (max-file-size-mb)" in run.stdout


def test_every_kind_of_bad_input_at_once_in_a_real_process(
    tmp_path: Path, valuelint: Callable[..., Outcome],
) -> None:
    (tmp_path / ".git").mkdir()
    configure(tmp_path)
    put(tmp_path, "good.md", GOOD)
    for _, make, _ in BAD_INPUTS:
        make(tmp_path)
    put(tmp_path, "huge.md", b"a" * 6_000_000)
    names = [case[0] for case in BAD_INPUTS]
    result = valuelint("check", "good.md", *names, cwd=tmp_path)
    assert result.code == 2
    assert "Traceback" not in result.stdout + result.stderr
    for name in names:
        assert sum(line.startswith(f"{name}: error: ")
                   for line in result.stdout.splitlines()) == 1, name
    assert re.search(r"^good\.md: score \d+/100 \(ok\)$", result.stdout, re.M)


# --------------------------------------------------------------------------- exit codes end to end


def test_exit_codes_of_the_real_command(tmp_path: Path,
                                        valuelint: Callable[..., Outcome]) -> None:
    (tmp_path / ".git").mkdir()
    configure(tmp_path)
    put(tmp_path, "good.md", GOOD)
    put(tmp_path, "launch.md", SELLING)
    assert valuelint("check", "good.md", cwd=tmp_path).code == 0
    assert valuelint("check", "launch.md", cwd=tmp_path).code == 1
    assert valuelint("check", "--no-such-option", cwd=tmp_path).code == 2


def test_stdin_in_a_real_process(tmp_path: Path, valuelint: Callable[..., Outcome]) -> None:
    (tmp_path / ".git").mkdir()
    configure(tmp_path)
    result = valuelint("check", "-", "--stdin-filename", "post.md", "--format", "github",
                       cwd=tmp_path, stdin=SELLING)
    assert result.code == 1
    assert "::error file=post.md,line=3,col=1," in result.stdout


# --------------------------------------------------------------------------- colour


def _run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run valuelint with stdout on a pseudo-terminal; return what it printed."""
    main, secondary = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env)
    proc = subprocess.Popen([sys.executable, "-m", "valuelint", *args], cwd=cwd,
                            stdout=secondary, stderr=subprocess.DEVNULL, env=full_env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8")


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    configure(tmp_path)
    put(tmp_path, "launch.md", SELLING)
    coloured = _run_on_terminal(["check", "launch.md"], tmp_path, {})
    assert "\x1b[" in coloured and "PROM001" in coloured
    assert "\x1b[" not in _run_on_terminal(["check", "launch.md", "--no-color"], tmp_path, {})
    assert "\x1b[" not in _run_on_terminal(["check", "launch.md"], tmp_path, {"NO_COLOR": "1"})


def test_no_colour_when_output_is_not_a_terminal(project: Path) -> None:
    put(project, "launch.md", SELLING)
    assert "\x1b[" not in cli("check", "launch.md").stdout
    cli("check", "launch.md", "-o", "report.txt")
    assert "\x1b[" not in (project / "report.txt").read_text("utf-8")


# --------------------------------------------------------------------------- score, rules, rule


def test_score_card_shows_dimensions_and_top_reasons_with_lines(project: Path) -> None:
    first = GOOD.count("\n") + 2
    put(project, "launch.md", GOOD + "\nBuy now.\n\nOrder today.\n\nAct now!\n\nBuy now.\n")
    run = cli("score", "launch.md")
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert re.fullmatch(r"launch\.md: reader-value score \d+/100", lines[0])
    for dimension in ("substance", "promotion", "bait", "evidence", "structure", "readability"):
        assert any(line.split()[:1] == [dimension] for line in lines), dimension
    reasons = [line for line in lines if re.match(r"\s+\d+\. line \d+: ", line)]
    # Four equal findings: the earlier ones cost more and come first, in order.
    assert [r.split(":")[0].strip() for r in reasons] == [
        f"1. line {first}", f"2. line {first + 2}", f"3. line {first + 4}"]
    assert all("PROM001 [hard-sell]" in r for r in reasons)


def test_score_card_of_a_good_post_says_no_finding_holds_it_back(project: Path) -> None:
    put(project, "profile.md", GOOD)
    run = cli("score", "profile.md")
    assert re.fullmatch(r"profile\.md: reader-value score \d+/100", run.stdout.splitlines()[0])
    assert "No finding holds this post back." in run.stdout


def test_score_json_matches_check_json(project: Path) -> None:
    put(project, "launch.md", SELLING)
    scored = cli("score", "launch.md", "--format", "json").json()
    checked = cli("check", "launch.md", "--format", "json").json()["files"][0]
    assert scored == checked


def test_score_of_a_missing_file_is_an_error(project: Path) -> None:
    run = cli("score", "missing.md")
    assert run.code == 2
    assert run.stderr == "missing.md: error: no such file or directory\n"


def test_score_rejects_an_unknown_format(project: Path) -> None:
    put(project, "post.md", SHORT)
    run = cli("score", "post.md", "--format", "sarif")
    assert run.code == 2
    assert "--format 'sarif'" in run.stderr


def test_rules_lists_every_installed_rule(project: Path) -> None:
    run = cli("rules")
    assert run.code == 0
    rows = run.stdout.splitlines()
    assert rows[0].split()[:4] == ["CODE", "NAME", "CATEGORY", "SEVERITY"]
    codes = [row.split()[0] for row in rows[1:]]
    assert {"THIN001", "PROM001", "BAIT001"} <= set(codes)
    assert codes == sorted(codes)


def test_rules_as_json(project: Path) -> None:
    listed = {r["code"]: r for r in cli("rules", "--format", "json").json()}
    thin = listed["THIN001"]
    assert thin["name"] == "too-short"
    assert thin["category"] == "thin"
    assert thin["severity"] == "warning"
    options = {option["name"]: option["default"] for option in thin["options"]}
    assert options["min-words"] == 150


@pytest.mark.parametrize("spelling", ["PROM001", "prom001", "hard-sell"])
def test_rule_shows_its_documentation(project: Path, spelling: str) -> None:
    run = cli("rule", spelling)
    assert run.code == 0
    assert run.stdout.startswith("PROM001 (hard-sell), promotion, default severity error")
    for section in ("What it does", "Why it matters to readers", "Example", "Use instead"):
        assert f"## {section}" in run.stdout


def test_rule_unknown_code_is_an_error(project: Path) -> None:
    run = cli("rule", "NOPE001")
    assert run.code == 2
    assert "no rule 'NOPE001'" in run.stderr


def test_version(project: Path) -> None:
    run = cli("--version")
    assert run.code == 0
    assert run.stdout == f"valuelint {__version__}\n"
