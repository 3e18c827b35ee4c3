"""Safe fixes: what PROM010 and PROM009 offer, ``apply_fixes`` and ``fix_text``, and
``valuelint check --fix`` on real files (and standard input), as a writer runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke, put
from test_reporters import _validate
from valuelint import Linter
from valuelint.fixes import MAX_PASSES, apply_fixes, fix_text
from valuelint.rule import Category, Edit, Finding, Fix, Severity

FIXABLE = ("--select", "PROM009,PROM010")

SHOUTING = """\
# Launch day

This release is HUGE FOR EVERY TEAM!!! Try it today.
"""


@pytest.fixture
def blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fixed(text: str, name: str = "post.md") -> str:
    """``text`` after ``fix_text`` with the fixable rules."""
    return fix_text(Linter(select=["PROM009", "PROM010"]), text, name).text


def findings(text: str) -> list[Finding]:
    return list(Linter(select=["PROM009", "PROM010"]).lint_text(text, "post.md").findings)


def stamp(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --------------------------------------------------------------------------- PROM010


@pytest.mark.parametrize(("row", "one"), [("!!!", "!"), ("!!", "!"), ("?!?!", "?!"),
                                          ("!!?", "!?"), ("!!!!!!", "!")])
def test_a_row_of_marks_collapses_and_its_finding_is_gone(row: str, one: str) -> None:
    text = f"# Notes\n\nThe build finally passed{row} We can ship on Monday.\n"
    assert any(row in f.message for f in findings(text))
    assert fixed(text) == f"# Notes\n\nThe build finally passed{one} We can ship on Monday.\n"
    assert findings(fixed(text)) == []


def test_a_row_of_marks_before_a_bracket_is_not_fixed_as_it_could_make_an_image() -> None:
    # "It works![sic]" would be an image wherever a "[sic]" reference is defined.
    text = "# Notes\n\nIt works!!![sic] as the docs say.\n"
    [finding] = [f for f in findings(text) if f.code == "PROM010"]
    assert finding.fix is None
    assert fixed(text) == text


def test_a_shouted_run_is_written_in_lower_case_with_its_sentence_capital() -> None:
    text = "# Launch\n\nTHIS CHANGES EVERYTHING for the team. We also think it is HUGE FOR " \
           "EVERY TEAM out there.\n"
    assert fixed(text) == ("# Launch\n\nThis changes everything for the team. We also think "
                           "it is huge for every team out there.\n")
    assert findings(fixed(text)) == []


def test_lower_casing_keeps_acronyms_technical_words_names_and_i() -> None:
    text = ("# Cloud notes\n\nNASA and our friends in London read this. I THINK THE NEW API "
            "FROM AWS IS GREAT FOR CSS AND NASA IN LONDON. YOU MUST NOT MISS THIS ONE TODAY.\n")
    assert fixed(text) == (
        "# Cloud notes\n\nNASA and our friends in London read this. I think the new API "
        "from AWS is great for CSS and NASA in London. You MUST NOT miss this one today.\n")


def test_a_shouted_heading_becomes_sentence_case() -> None:
    text = "# THE BEST RELEASE WE EVER MADE\n\nIt adds incremental builds.\n"
    assert fixed(text).startswith("# The best release we ever made\n")


def test_quoted_text_code_and_blockquotes_are_never_changed() -> None:
    text = ('# Shouting\n\nThe banner said "BUY THE NEW PHONE TODAY!!!" and we laughed.\n\n'
            "> WHAT A GREAT DAY FOR ALL OF US!!!\n\n"
            "Run `SELECT ALL THE THINGS NOW!!!` first.\n\n"
            "```text\nTHIS IS A LOG LINE FOR YOU!!!\n```\n")
    assert fixed(text) == text


def test_words_split_by_markup_are_fixed_word_by_word() -> None:
    text = "# Sale\n\nWe said **BUY THE NEW** PRODUCT TODAY, and meant it.\n"
    assert fixed(text) == "# Sale\n\nWe said **buy the new** product today, and meant it.\n"


def test_no_lower_case_for_runs_that_are_not_a_sentence_shouted() -> None:
    # Column headings of pasted output (no word a sentence needs, or wide spaces), a
    # post in another language and an image's alt text keep their capitals.
    for text in (
        "# Docker\n\nThe list reads\nCONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES\n",
        "# Docker\n\nREPOSITORY          TAG IS THE          IMAGE ID\n",
        "---\nlang: de\n---\n# Tag\n\nWIR HABEN DIE BESTE SOFTWARE GEBAUT und mehr.\n",
        "# Photo\n\n![OPENING OF THE CAMPUS TODAY](campus.jpg)\n",
    ):
        shouted = [f for f in findings(text) if "capitals" in f.message]
        assert shouted, text
        assert all(f.fix is None for f in shouted), text


def test_lower_casing_reads_the_sentence_around_the_run() -> None:
    # A sentence going on over a line break stays lower case; a hyphenated word is one
    # word; a capital in Title Case elsewhere (a title) is no evidence of a name.
    text = ("# Notes\n\nBy default the results from the function\nDO NOT CHANGE AT ALL "
            "when you rerun it. Read the (PRE-RELEASE NOTES FOR YOU) first.\n\n"
            "* Silva (2020). Climate Change in the Cloud Forest.\n"
            "* Santos (2021). THE CLOUD FOREST AND ITS TREES.\n")
    assert fixed(text) == (
        "# Notes\n\nBy default the results from the function\ndo not change at all "
        "when you rerun it. Read the (pre-release notes for you) first.\n\n"
        "* Silva (2020). Climate Change in the Cloud Forest.\n"
        "* Santos (2021). The cloud forest and its trees.\n")


# --------------------------------------------------------------------------- PROM009


@pytest.mark.parametrize(("url", "clean"), [
    ("https://example.com/guide?utm_source=blog&page=2#setup",
     "https://example.com/guide?page=2#setup"),
    ("https://example.com/guide?utm_source=blog&utm_medium=post&utm_campaign=x",
     "https://example.com/guide"),
    ("https://example.com/guide?a=1&UTM_Source=blog&b=2", "https://example.com/guide?a=1&b=2"),
    ("https://example.com/?utm_source=blog#top", "https://example.com/#top"),
])
def test_utm_tracking_is_dropped_from_a_link_and_the_finding_is_gone(url: str,
                                                                   clean: str) -> None:
    text = f"# Guide\n\nRead [the guide]({url}) first, or <{url}>.\n"
    assert [f.code for f in findings(text)] == ["PROM009", "PROM009"]
    assert fixed(text) == f"# Guide\n\nRead [the guide]({clean}) first, or <{clean}>.\n"
    assert findings(fixed(text)) == []


def test_utm_tracking_is_dropped_where_a_reference_definition_or_html_gives_it() -> None:
    text = ("# Guide\n\nRead [the guide][g], and [the 👉 tour](<https://example.com/tour?"
            "utm_source=x>) and <a href=\"https://example.com/a?utm_medium=y\">this</a>.\n\n"
            "[g]: https://example.com/guide?utm_source=blog \"Guide\"\n")
    assert fixed(text) == (
        "# Guide\n\nRead [the guide][g], and [the 👉 tour](<https://example.com/tour>) and "
        "<a href=\"https://example.com/a\">this</a>.\n\n"
        "[g]: https://example.com/guide \"Guide\"\n")


@pytest.mark.parametrize("url", [
    "https://amzn.to/3xYz12?utm_source=blog",  # affiliate: a disclosure is needed
    "https://example.com/?ref=me&utm_source=blog",  # referral tracking stays
    "https://example.com/?utm_medium=affiliate",  # an affiliate campaign
])
def test_no_fix_for_links_that_need_a_disclosure(url: str) -> None:
    text = f"# Gear\n\nI use [this desk]({url}) every day.\n"
    [finding] = findings(text)
    assert finding.fix is None
    assert fixed(text) == text


def test_no_fix_where_the_address_is_not_written_as_it_reads() -> None:
    # An entity in an HTML link, an escape in a Markdown one: the address as read is
    # not the text in the file.
    text = ('# Guide\n\n<a href="https://example.com/g?utm_source=a&amp;page=2">the guide</a>\n'
            "and [the tour](https://example.com/t?utm_source=blog&x=\\_1).\n")
    assert [f.code for f in findings(text)] == ["PROM009", "PROM009"]
    assert all(f.fix is None for f in findings(text))
    assert fixed(text) == text


# --------------------------------------------------------------------------- apply_fixes


def finding(line: int, column: int, end_column: int, new: str, code: str = "PROM010") -> Finding:
    edit = Edit(line, column, line, end_column, new)
    return Finding(code, "shouting", Category.PROMOTION, Severity.INFO, "m", line, column,
                   line, end_column, fix=Fix(f"to {new}", (edit,)))


def test_apply_fixes_keeps_the_bom_and_crlf_line_endings() -> None:
    text = "\ufeff# Title\r\n\r\nWow!!! and more!!!\r\n"
    done = apply_fixes(text, [finding(3, 4, 7, "!"), finding(3, 16, 19, "!")])
    assert done.text == "\ufeff# Title\r\n\r\nWow! and more!\r\n"
    assert len(done.applied) == 2


def test_apply_fixes_counts_columns_in_code_points_after_emoji_and_cjk() -> None:
    text = "# T\n\n🎉漢字 Wow!!!\n"
    assert apply_fixes(text, [finding(3, 8, 11, "!")]).text == "# T\n\n🎉漢字 Wow!\n"


def test_apply_fixes_skips_a_fix_overlapping_one_applied_before_it() -> None:
    text = "# T\n\nabcdef\n"
    first, overlapping, apart = finding(3, 1, 4, "X"), finding(3, 3, 5, "Y"), finding(3, 5, 7, "Z")
    done = apply_fixes(text, [apart, overlapping, first])
    assert done.text == "# T\n\nXdZ\n"
    assert done.applied == (first, apart)
    # The same fix offered by two findings is applied once and fixes both.
    twin = finding(3, 1, 4, "X", code="PROM009")
    assert set(apply_fixes(text, [first, twin]).applied) == {first, twin}


def test_apply_fixes_skips_edits_outside_the_text() -> None:
    text = "# T\n\nabc\n"
    assert apply_fixes(text, [finding(3, 2, 9, "X"), finding(7, 1, 2, "Y")]).text == text


def test_fix_text_takes_overlapping_fixes_in_later_passes_and_stops() -> None:
    # A shouted run and the row of marks after it: both fixed, whatever the order.
    text = "# T\n\nTHIS IS THE BEST DAY EVER!!!\n"
    done = fix_text(Linter(select=["PROM010"]), text, "post.md")
    assert done.text == "# T\n\nThis is the best day ever!\n"
    assert sorted(f.message.split(":")[0] for f in done.applied) == [
        '"!!!"', '"THIS IS THE BEST DAY EVER"']
    assert done.result is not None and done.result.findings == ()
    assert MAX_PASSES == 10


# --------------------------------------------------------------------------- check --fix


def test_check_fix_writes_the_fixes_says_what_it_did_and_reports_what_remains(
        blog: Path) -> None:
    post = put(blog, "posts/launch.md", SHOUTING)
    calm = put(blog, "posts/calm.md", "# Calm\n\nA quiet post about our build times.\n")
    before = stamp(calm)
    code, out, _ = invoke("check", *FIXABLE, "posts")
    assert code == 1
    assert "PROM010 [shouting] [*] " in out and "[*] 2 findings fixable with --fix." in out
    assert stamp(post)[0] == SHOUTING.encode()  # never written without --fix
    code, out, err = invoke("check", *FIXABLE, "--fix", "posts")
    assert code == 0, out + err
    assert post.read_text("utf-8") == ("# Launch day\n\nThis release is huge for every "
                                       "team! Try it today.\n")
    assert err.splitlines() == ["Fixed 2 findings in 1 file:",
                                "  posts/launch.md: 2 x PROM010 (shouting)"]
    assert "PROM010" not in out and "Checked 2 files: 0 errors, 0 warnings, 0 info" in out
    assert stamp(calm) == before  # not written: same bytes, same modification time


def test_a_second_fix_changes_nothing_and_touches_nothing(blog: Path) -> None:
    post = put(blog, "launch.md", SHOUTING)
    assert invoke("check", *FIXABLE, "--fix", "launch.md")[0] == 0
    after = stamp(post)
    code, _, err = invoke("check", *FIXABLE, "--fix", "launch.md")
    assert code == 0 and err.strip() == "No fixes applied."
    assert stamp(post) == after


def test_check_fix_keeps_bom_crlf_and_the_text_around_emoji(blog: Path) -> None:
    post = blog / "post.md"
    post.write_bytes("\ufeff# Notes\r\n\r\n🎉漢字 It shipped!!! Read "
                     "[this](https://example.com/a?utm_source=x&b=2).\r\n".encode())
    code, _, _ = invoke("check", *FIXABLE, "--fix", "post.md")
    assert code == 0
    assert post.read_bytes() == ("\ufeff# Notes\r\n\r\n🎉漢字 It shipped! Read "
                                 "[this](https://example.com/a?b=2).\r\n").encode()


def test_check_fix_keeps_old_mac_line_endings(blog: Path) -> None:
    post = blog / "post.md"
    post.write_bytes(b"# Notes\r\rIt shipped!!! Really.\r")
    assert invoke("check", *FIXABLE, "--fix", "post.md")[0] == 0
    assert post.read_bytes() == b"# Notes\r\rIt shipped! Really.\r"


def test_check_fix_with_json_keeps_stdout_valid_and_exits_on_what_remains(blog: Path) -> None:
    post = put(blog, "post.md", "# Gear\n\nI use [this desk](https://amzn.to/3xYz12) daily!!!\n")
    code, out, err = invoke("check", *FIXABLE, "--fix", "--format", "json", "post.md")
    assert code == 1  # the undisclosed affiliate link is left: only the writer can disclose
    report = json.loads(out)
    [left] = report["files"][0]["findings"]
    assert left["code"] == "PROM009" and left["fix"] is None
    assert "Fixed 1 finding in 1 file:" in err
    assert post.read_text("utf-8").endswith("daily!\n")


def test_check_fix_quiet_says_nothing_about_fixes(blog: Path) -> None:
    put(blog, "launch.md", SHOUTING)
    code, _, err = invoke("check", *FIXABLE, "--fix", "--quiet", "launch.md")
    assert code == 0 and err == ""


def test_check_fix_writes_through_a_symbolic_link(blog: Path) -> None:
    real = put(blog, "drafts/launch.md", SHOUTING)
    (blog / "launch.md").symlink_to(real)
    assert invoke("check", *FIXABLE, "--fix", "launch.md")[0] == 0
    assert (blog / "launch.md").is_symlink()
    assert "huge for every team!" in real.read_text("utf-8")


def test_check_fix_leaves_a_utf16_file_alone_and_says_so(blog: Path) -> None:
    post = blog / "post.md"
    post.write_bytes(SHOUTING.encode("utf-16"))
    before = stamp(post)
    code, _, err = invoke("check", *FIXABLE, "--fix", "post.md")
    assert code == 1
    assert "post.md: warning: not fixed: --fix writes UTF-8 files only" in err
    assert stamp(post) == before


def test_fix_refuses_a_table_and_other_paths_beside_stdin(blog: Path) -> None:
    put(blog, "posts.csv", "text\nHello\n")
    code, out, err = invoke("check", "--fix", "--table", "posts.csv")
    assert code == 2 and out == ""
    assert err == "valuelint: error: --fix changes Markdown files: it cannot be used with " \
                  "--table\n"
    code, _, err = invoke("check", "--fix", "-", "post.md")
    assert code == 2 and err.count("\n") == 1 and "standard output" in err


def run_bytes(*args: str, stdin: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "valuelint", *args], input=stdin, cwd=cwd,
                          capture_output=True, env={**os.environ, "NO_COLOR": "1"},
                          check=False, timeout=120)


def test_fix_from_stdin_writes_only_the_fixed_post_to_stdout(blog: Path) -> None:
    given = "\ufeff# Launch day\r\n\r\nThis release is HUGE FOR EVERY TEAM!!! Try it.\r\n"
    done = run_bytes("check", *FIXABLE, "--fix", "--stdin-filename", "posts/launch.md", "-",
                     stdin=given.encode(), cwd=blog)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("\ufeff# Launch day\r\n\r\nThis release is huge for every team! "
                           "Try it.\r\n").encode()
    err = done.stderr.decode()
    assert "posts/launch.md: score" in err and "2 x PROM010 (shouting)" in err


def test_fix_from_stdin_echoes_what_it_cannot_read(blog: Path) -> None:
    done = run_bytes("check", "--fix", "-", stdin=b"# Old\n\nCaf\xe9 notes.\n", cwd=blog)
    assert done.returncode == 2
    assert done.stdout == b"# Old\n\nCaf\xe9 notes.\n"
    assert b"not valid UTF-8" in done.stderr


def test_cached_and_fresh_runs_offer_the_same_fixes(blog: Path) -> None:
    text = SHOUTING + "\nRead [the guide](https://example.com/g?utm_source=a&p=1).\n"
    put(blog, "a.md", text)
    put(blog, "b.md", text)
    fresh = invoke("check", *FIXABLE, "--no-cache", "--format", "json", "a.md")[1]
    stored = invoke("check", *FIXABLE, "--format", "json", "a.md")[1]
    cached = invoke("check", *FIXABLE, "--format", "json", "a.md")[1]
    assert (blog / ".valuelint_cache").is_dir()
    assert json.loads(fresh)["files"] == json.loads(stored)["files"] \
        == json.loads(cached)["files"]
    assert sum(f["fix"] is not None for f in json.loads(cached)["files"][0]["findings"]) == 3
    invoke("check", *FIXABLE, "--fix", "a.md")  # its result is in the cache
    invoke("check", *FIXABLE, "--fix", "--no-cache", "b.md")
    assert (blog / "a.md").read_text("utf-8") == (blog / "b.md").read_text("utf-8") != text


def test_sarif_carries_the_fixes_and_stays_valid(blog: Path) -> None:
    put(blog, "launch.md", SHOUTING)
    document = json.loads(invoke("check", *FIXABLE, "--format", "sarif", "launch.md")[1])
    _validate(document)
    fixes = [r["fixes"][0] for r in document["runs"][0]["results"] if "fixes" in r]
    assert len(fixes) == 2
    change = fixes[1]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "launch.md"
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 3, "startColumn": 36, "endLine": 3, "endColumn": 39},
        "insertedContent": {"text": "!"}}]


def test_a_fix_on_the_first_line_of_a_file_with_a_bom_lands_after_it(blog: Path) -> None:
    post = blog / "post.md"
    post.write_bytes("\ufeff# THE BEST RELEASE WE EVER MADE\n\nIt adds builds.\n".encode())
    assert invoke("check", *FIXABLE, "--fix", "post.md")[0] == 0
    assert post.read_bytes() == "\ufeff# The best release we ever made\n\nIt adds builds.\n" \
        .encode()


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=A Writer", "-c", "user.email=w@example.com",
                    "-c", "commit.gpgsign=false", *args], cwd=root, check=True,
                   capture_output=True)


def test_fix_with_diff_fixes_only_the_posts_changed_since_the_base(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "--quiet")
    old = put(tmp_path, "old.md", SHOUTING)
    new = put(tmp_path, "new.md", "# New\n\nA calm post.\n")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "Posts")
    new.write_text(SHOUTING, encoding="utf-8")
    before = stamp(old)
    code, _, err = invoke("check", *FIXABLE, "--fix", "--diff", "HEAD")
    assert code == 0, err
    assert "new.md: 2 x PROM010 (shouting)" in err
    assert "huge for every team!" in new.read_text("utf-8")
    assert stamp(old) == before


@pytest.mark.parametrize("folder", [False, True], ids=["files", "folder"])
def test_the_report_after_fixing_is_the_report_of_the_fixed_files(blog: Path,
                                                                  folder: bool) -> None:
    put(blog, "posts/a.md", SHOUTING)
    put(blog, "posts/b.md", "# Gear\n\nI use [this desk](https://amzn.to/3xYz12) daily!!!\n")
    put(blog, "posts/c.md", "# Calm\n\nA quiet post about our build times.\n")
    targets = ["posts"] if folder else ["posts/a.md", "posts/b.md", "posts/c.md"]
    code, fixing, _ = invoke("check", "--no-cache", "--format", "json", "--fix", *targets)
    again, report, _ = invoke("check", "--no-cache", "--format", "json", *targets)
    assert code == again
    assert json.loads(fixing) == json.loads(report)
    assert "daily!\n" in (blog / "posts/b.md").read_text("utf-8")
