"""Site-level checks on real folders of posts: duplicates, boilerplate, titles, cadence,
shares, trend and stale drafts, reported like any finding in every format."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import invoke as cli
from conftest import run_valuelint, split_timings
from site_fixtures import BODY
from valuelint.cache import ResultCache
from valuelint.config import ConfigLoader
from valuelint.parallel import Job, check_job
from valuelint.plugins import load_rules
from valuelint.result import PostResult
from valuelint.rule import Severity
from valuelint.runner import display_path
from valuelint.site.analysis import Member, SiteAnalysis, analyse_site
from valuelint.site.context import SiteContext
from valuelint.site.phase import SiteFeatures
from valuelint.site.posts import Features, SitePost
from valuelint.site.rules import DuplicateTitle
from valuelint.site.similarity import Shingler, fingerprint, jaccard, near_duplicates
from valuelint.site.store import SiteStore

#: A fixed "today" for reproducible ages: 2025-01-01.
TODAY = str(1735689600)
SITE = 'select = ["SITE", "THIN001", "PROM001"]\n'

TOPICS = ["caching", "profiling", "logging", "testing", "packaging", "tracing", "indexing",
          "batching", "sharding", "retries", "timeouts", "backups"]


def unique_text(seed: int, words: int = 160) -> str:
    """A post body no other seed shares five words in a row with."""
    rng = random.Random(seed)
    vocabulary = [f"{a}{b}" for a in ("mor", "tal", "ven", "sir", "pol", "dex", "rua", "kin")
                  for b in ("ba", "co", "de", "fi", "gu", "ha", "jo", "ka", "lu", "mi")]
    sentences = []
    for _ in range(words // 10):
        sentences.append(" ".join(rng.choice(vocabulary) for _ in range(10)).capitalize() + ".")
    return " ".join(sentences)


def post(root: Path, name: str, title: str, body: str, **meta: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = "".join(f"{key}: {value}\n" for key, value in meta.items())
    path.write_text(f"---\ntitle: \"{title}\"\n{extra}---\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Jekyll blog of twelve distinct, dated posts."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "valuelint.toml").write_text(SITE, encoding="utf-8")
    (tmp_path / "_config.yml").write_text("title: Notes\n", encoding="utf-8")
    for i, topic in enumerate(TOPICS):
        post(tmp_path, f"_posts/2023-{i % 12 + 1:02d}-10-{topic}.md", f"Notes on {topic}",
             unique_text(i), description=f"What we learned about {topic} in month {i}.")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY)
    return tmp_path



def check(*args: str) -> dict[str, Any]:
    code, out, err = cli("check", "--format", "json", "--jobs", "1", "--no-cache", *args)
    assert code in (0, 1), err
    return json.loads(out)


def site_findings(report: dict[str, Any]) -> list[tuple[str, str, int, str]]:
    return [(f["path"], x["code"], x["line"], x["message"]) for f in report["files"]
            for x in f["findings"] if x["code"].startswith("SITE")]


# --------------------------------------------------------------------------- duplicates

def test_a_distinct_blog_has_no_site_findings(blog: Path) -> None:
    assert site_findings(check(".")) == []


def test_a_near_duplicate_post_is_reported_on_the_later_one_with_the_other_path(
    blog: Path,
) -> None:
    original = (blog / "_posts/2023-01-10-caching.md").read_text("utf-8")
    copy = original.replace('title: "Notes on caching"', 'title: "Caching, revisited"')
    copy = copy.replace(unique_text(0)[:60], "An intro written for the second version. ")
    (blog / "_posts/2023-06-20-caching-again.md").write_text(copy, encoding="utf-8")
    found = [f for f in site_findings(check(".")) if f[1] == "SITE001"]
    # The writer of the later post repeated the earlier one and can act on it; the
    # earlier post was fine when it was published.
    assert [(path, line) for path, _, line, _ in found] == [
        ("_posts/2023-06-20-caching-again.md", 2)]
    assert "near-duplicate of _posts/2023-01-10-caching.md (" in found[0][3]
    (blog / "valuelint.toml").write_text(SITE + "[rules.SITE001]\nthreshold = 0.99\n",
                                         encoding="utf-8")
    assert not [f for f in site_findings(check(".")) if f[1] == "SITE001"]


def test_boilerplate_paragraphs_are_reported_unless_allowed(blog: Path) -> None:
    pitch = ("Want more notes like these? Join our newsletter and get the best articles of "
             "the month in your inbox every first Monday.")
    bio = ("About the author: Ana has kept this blog since 2015 and writes about the "
           "systems she runs at work.")
    posts = sorted((blog / "_posts").glob("*.md"))
    for path in posts[:6]:
        path.write_text(path.read_text("utf-8") + f"\n{pitch}\n\n{bio}\n", encoding="utf-8")
    found = [f for f in site_findings(check(".")) if f[1] == "SITE002"]
    assert len(found) == 6
    assert all("repeated word for word in 6 posts" in f[3] for f in found)
    assert all("1 more repeated paragraph" in f[3] for f in found)
    (blog / "valuelint.toml").write_text(
        SITE + '[rules.SITE002]\nallow = ["About the author:", "Want more notes"]\n',
        encoding="utf-8")
    assert not [f for f in site_findings(check(".")) if f[1] == "SITE002"]


def test_duplicate_titles_and_descriptions_but_not_a_numbered_series(blog: Path) -> None:
    post(blog, "_posts/2023-02-11-caching-2.md", "Notes on caching", unique_text(50),
         description="What we learned about caching in month 0.")
    post(blog, "_posts/2024-01-01-release-1-4.md", "Release notes for version 1.4",
         unique_text(51))
    post(blog, "_posts/2024-02-01-release-1-5.md", "Release notes for version 1.5",
         unique_text(52))
    found = site_findings(check("."))
    titles = {(f[0], f[2]) for f in found if f[1] == "SITE003"}
    assert titles == {("_posts/2023-02-11-caching-2.md", 2)}  # the later one
    descriptions = [f for f in found if f[1] == "SITE004"]
    assert {f[0] for f in descriptions} == {"_posts/2023-02-11-caching-2.md"}
    assert "_posts/2023-01-10-caching.md" in descriptions[0][3]
    assert descriptions[0][2] == 3  # the line of the description key


def test_a_title_repeated_a_year_later_is_a_recurring_post_and_advice(blog: Path) -> None:
    post(blog, "_posts/2024-02-03-lang-update.md", "Lang team February update",
         unique_text(62), description="What the language team decided in its meetings")
    post(blog, "_posts/2025-02-18-lang-update.md", "Lang team February update",
         unique_text(63), description="What the language team decided in its meetings")
    found = [(f["path"], x["code"], x["severity"], x["message"]) for f in check(".")["files"]
             for x in f["findings"] if x["code"] in ("SITE003", "SITE004")]
    assert [(path, code, severity) for path, code, severity, _ in found] == [
        ("_posts/2025-02-18-lang-update.md", "SITE003", "info"),
        ("_posts/2025-02-18-lang-update.md", "SITE004", "info")]
    assert "at least 120 days earlier" in found[0][3]
    code, out, _ = cli("check", "--jobs", "1", "--no-cache", ".")
    assert code == 0, out


def test_descriptions_differing_in_an_ordinal_are_a_series(blog: Path) -> None:
    post(blog, "_posts/2024-01-01-survey.md", "Launching the 2024 survey", unique_text(60),
         description="Hearing from you about the first year of the project")
    post(blog, "_posts/2025-01-01-survey.md", "Launching the 2025 survey", unique_text(61),
         description="Hearing from you about the second year of the project")
    assert not [f for f in site_findings(check(".")) if f[1] == "SITE004"]


def test_near_duplicates_in_a_numbered_series_are_advice(blog: Path) -> None:
    body = unique_text(70)
    post(blog, "_posts/2024-01-01-prerelease.md", "1.58.0 pre-release testing", body)
    post(blog, "_posts/2024-02-01-prerelease.md", "1.59.0 pre-release testing", body)
    other = unique_text(71)
    post(blog, "_posts/2024-03-01-council.md", "Council March 2024 selections", other)
    post(blog, "_posts/2024-09-01-council.md", "Council September 2024 selections", other)
    found = [(f["path"], x) for f in check(".")["files"] for x in f["findings"]
             if x["code"] == "SITE001"]
    assert [(path, x["severity"]) for path, x in found] == [
        ("_posts/2024-02-01-prerelease.md", "info"), ("_posts/2024-09-01-council.md", "info")]
    assert "numbered series" in found[0][1]["message"]
    code, out, _ = cli("check", "--jobs", "1", "--no-cache", ".")
    assert code == 0, out


# --------------------------------------------------------------------------- the cache

def cached_check(*args: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """``check --format json`` with the cache on, in a real process: (report, timings)."""
    outcome = run_valuelint("check", "--format", "json", *args, cwd=Path.cwd(),
                            env={"VALUELINT_PROFILE": "1", "SOURCE_DATE_EPOCH": TODAY})
    assert outcome.code in (0, 1), outcome.stderr
    _, timings = split_timings(outcome.stderr)
    return json.loads(outcome.stdout), timings


def site_entries(root: Path) -> list[Path]:
    """The cache entries holding a post's site features."""
    return sorted(path for path in (root / ".valuelint_cache").rglob("*.json")
                  if '"value":{"title":' in path.read_text("utf-8"))


def test_site_findings_from_the_cache_follow_every_edit(blog: Path) -> None:
    posts = sorted((blog / "_posts").glob("*.md"))
    pitch = ("Want more notes like these? Join our newsletter and get the best articles of "
             "the month in your inbox every first Monday.")
    for path in posts[:5]:
        path.write_text(path.read_text("utf-8") + f"\n{pitch}\n", encoding="utf-8")
    copy = posts[0].read_text("utf-8").replace('title: "Notes on caching"',
                                               'title: "Caching, revisited"')
    (blog / "_posts/2023-06-20-caching-again.md").write_text(copy, encoding="utf-8")
    fresh = check(".")
    codes = [f[1] for f in site_findings(fresh)]
    assert codes.count("SITE001") == 1 and codes.count("SITE002") == 6
    cold, _ = cached_check(".")
    assert cold == fresh
    assert len(site_entries(blog)) == len(posts) + 1  # one per post, next to its result
    warm, timings = cached_check(".")
    assert timings["cached"] == timings["files"] == len(posts) + 1
    assert warm == fresh
    # An edit is seen: the copy is rewritten, so it is neither a near-duplicate
    # nor does it repeat the newsletter pitch any more.
    post(blog, "_posts/2023-06-20-caching-again.md", "Caching, revisited", unique_text(99))
    edited, _ = cached_check(".")
    codes = [f[1] for f in site_findings(edited)]
    assert codes.count("SITE001") == 0 and codes.count("SITE002") == 5
    assert edited == check(".")
    # So is a changed option: a longer minimum leaves the pitch out.
    (blog / "valuelint.toml").write_text(SITE + "[rules.SITE002]\nmin-words = 30\n",
                                         encoding="utf-8")
    optioned, _ = cached_check(".")
    assert not [f for f in site_findings(optioned) if f[1] == "SITE002"]
    assert optioned == check(".")
    # And so are per-file-ignores.
    post(blog, "_posts/2023-06-20-caching-again.md", "Notes on caching", unique_text(99))
    assert [f[0] for f in site_findings(cached_check(".")[0]) if f[1] == "SITE003"] == [
        "_posts/2023-06-20-caching-again.md"]
    (blog / "valuelint.toml").write_text(
        SITE + '[per-file-ignores]\n"_posts/2023-06-*" = ["SITE003"]\n', encoding="utf-8")
    ignored, _ = cached_check(".")
    assert [f[0] for f in site_findings(ignored) if f[1] == "SITE003"] == []
    assert ignored == check(".")


def test_damaged_site_entries_are_ignored_and_rebuilt(blog: Path) -> None:
    posts = sorted((blog / "_posts").glob("*.md"))
    # Near, not exact: a pair with the same shingles is never read again.
    (blog / "_posts/2023-06-20-caching-again.md").write_text(
        posts[0].read_text("utf-8") + "\nA closing line written for the second version.\n",
        encoding="utf-8")
    reference = check(".")
    cached_check(".")
    stored = site_entries(blog)
    damage = [b"", b"[1, 2]", b"\x80 not json",
              stored[0].read_bytes().replace(b'"sketch":[', b'"sketch":["x",'),
              stored[0].read_bytes().replace(b'"title":', b'"title":7,"x":'),
              stored[0].read_bytes().replace(b'"draft":false', b'"draft":"no"')]
    for path, data in zip(stored, damage, strict=False):
        path.write_bytes(data)
    for path in stored[len(damage):]:
        path.write_bytes(stored[-1].read_bytes())  # another post's features
    # The near-duplicate pair's packed shingles: not base64, and cut short.
    packed = sorted(path for path in (blog / ".valuelint_cache").rglob("*.json")
                    if b'"value":"' in path.read_bytes())
    assert len(packed) == 2
    for path, value in zip(packed, ("@@not base64@@", "AAAA"), strict=True):
        data = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps({**data, "value": value}), "utf-8")
    # The site's measured pairs, which would otherwise spare reading the shingles.
    pairs = [path for path in (blog / ".valuelint_cache").rglob("*.json")
             if b'"value":[[' in path.read_bytes()]
    assert len(pairs) == 1
    stored_pairs = json.loads(pairs[0].read_text("utf-8"))
    assert len(stored_pairs["value"]) == 1
    pairs[0].write_text(json.dumps({**stored_pairs, "value": [[0, "1", 0.9]]}), "utf-8")
    # Without the site's findings kept, every post's features are read.
    for path in (blog / ".valuelint_cache").rglob("*.json"):
        if b'"value":{"files":' in path.read_bytes():
            path.unlink()
    rebuilt, _ = cached_check(".")
    assert rebuilt == reference
    again, _ = cached_check(".")
    assert again == reference
    # Pairs that name posts the site does not have, or an impossible similarity.
    for value in ([[0, 10_000, 0.9]], [[1, 0, 0.9]], [[0, 1, 1.5]], [[0, 1]], {"0": 1}, 7):
        pairs[0].write_text(json.dumps({**stored_pairs, "value": value}), "utf-8")
        assert cached_check(".")[0] == reference, value
    # The site's findings, which would otherwise spare reading the posts' features.
    verdicts = [path for path in (blog / ".valuelint_cache").rglob("*.json")
                if b'"value":{"files":' in path.read_bytes()]
    assert len(verdicts) == 1
    stored_verdict = json.loads(verdicts[0].read_text("utf-8"))
    kept = stored_verdict["value"]
    assert [row[0] for row in kept["files"]] == ["_posts/2023-06-20-caching-again.md"]
    for value in ({**kept, "files": [["_posts/nowhere.md", []]]},
                  {**kept, "files": kept["files"] * 2},
                  {**kept, "files": [[kept["files"][0][0], [["SITE001"]]]]},
                  {**kept, "site": [["SITE006", "x"]]},
                  {**kept, "errors": [7]},
                  {**kept, "drafts": ["_posts/nowhere.md"]},
                  {**kept, "drafts": None},
                  {"files": []}, [], "x"):
        verdicts[0].write_text(json.dumps({**stored_verdict, "value": value}), "utf-8")
        assert cached_check(".")[0] == reference, value


# --------------------------------------------------------------------------- cadence, shares

def test_a_burst_followed_by_a_long_silence_is_advice_with_the_figures(blog: Path) -> None:
    for i in range(4):
        post(blog, f"_posts/2024-0{i + 1}-0{i + 1}-burst-{i}.md", f"Burst post number {i}",
             unique_text(100 + i))
    post(blog, "_posts/2024-12-01-back.md", "Back after a break", unique_text(200))
    found = [f for f in site_findings(check(".")) if f[1] == "SITE005"]
    assert len(found) == 1
    path, _, _, message = found[0]
    # The rhythm is the site's: no post's writer can act on it, so it is on the site.
    assert path == "./"
    assert message.startswith("3 posts in 2024-02..2024-04 (2024-02: 1, 2024-03: 1, "
                              "2024-04: 1), then none for 7 months (2024-05 to 2024-11)")
    assert "posts a month" in message
    code, out, _ = cli("check", "--jobs", "1", "--no-cache", ".")
    assert code == 0, out  # advice (info) never fails a run by default


def test_a_site_where_most_posts_are_thin_or_selling_is_reported_on_its_folder(
    blog: Path,
) -> None:
    for i in range(8):
        post(blog, f"_posts/2024-0{i + 1}-01-short-{i}.md", f"Quick update {i}",
             f"A short note about release {i}. Buy now and save.")
    report = check(".")
    site = [f for f in report["files"] if f["path"] == "./"]
    assert len(site) == 1 and site[0]["score"] is None and not site[0]["failing"]
    codes = {x["code"]: x["message"] for x in site[0]["findings"]}
    assert codes["SITE006"].startswith("40% of posts are thin (8 of 20; over 25%)")
    assert codes["SITE007"].startswith("40% of posts are promotional (8 of 20; over 10%)")
    assert "THIN001 (8)" in codes["SITE006"] and "PROM001 (8)" in codes["SITE007"]


def test_the_site_entry_is_counted_as_the_site_not_as_a_file(blog: Path) -> None:
    for i in range(8):
        post(blog, f"_posts/2024-0{i + 1}-01-short-{i}.md", f"Quick update {i}",
             f"A short note about release {i}. Buy now and save.")
    assert check(".")["summary"]["sites"] == 1
    _, out, _ = cli("check", "--jobs", "1", "--no-cache", ".")
    assert re.search(r"^Checked 20 files and the site: ", out, re.MULTILINE), out


def test_a_falling_score_trend_is_reported_with_the_figures_by_quarter(blog: Path) -> None:
    for i in range(6):
        post(blog, f"_posts/2024-{(i % 4) * 3 + 1:02d}-15-weak-{i}.md", f"Weak post {i}",
             f"Buy now: the offer {i} ends soon. Buy now.")
    (blog / "valuelint.toml").write_text(SITE + "[rules.SITE006]\nmax-share = 1.0\n"
                                         "[rules.SITE007]\nmax-share = 1.0\n", encoding="utf-8")
    found = [f for f in site_findings(check(".")) if f[1] == "SITE008"]
    assert len(found) == 1 and found[0][0] == "./"
    assert "in the last 4 quarters (2024Q1..2024Q4, 6 posts); by quarter: 2024Q1" in found[0][3]


# --------------------------------------------------------------------------- drafts (real git)

def git(root: Path, *args: str, when: str = "") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_stale_drafts_by_last_commit_or_modification_time(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "_config.yml").write_text("title: x\n", encoding="utf-8")
    post(root, "_posts/2024-01-01-hello.md", "Hello", BODY)
    post(root, "_drafts/old-idea.md", "An old idea", BODY)
    post(root, "_drafts/fresh.md", "Fresh", BODY)
    post(root, "content/hugo-style.md", "Hugo style", BODY, draft="true")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "old", when="2024-01-01T12:00:00+00:00")
    (root / "_drafts/fresh.md").write_text("---\ntitle: Fresh\n---\n\nEdited today.\n",
                                           encoding="utf-8")
    outcome = run_valuelint("check", "_posts", "_drafts", "--select", "SITE", "--format",
                            "json", "--no-cache", cwd=root,
                            env={"SOURCE_DATE_EPOCH": TODAY})
    assert outcome.code == 0, outcome.stderr
    found = [(f["path"], x["message"]) for f in outcome.json()["files"] for x in f["findings"]]
    assert found == [("_drafts/old-idea.md", "draft last committed 2024-01-01, 366 days ago "
                      "(it is in a drafts folder); finish it, merge it into another post or "
                      "delete it")]


def test_stale_drafts_follow_the_date_and_git_when_the_site_findings_are_cached(
    tmp_path: Path,
) -> None:
    root = tmp_path / "blog"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "_config.yml").write_text("title: x\n", encoding="utf-8")
    for i in range(3):
        post(root, f"_posts/2024-0{i + 1}-01-post-{i}.md", f"Post {i}", unique_text(300 + i))
    post(root, "_drafts/idea.md", "An idea", BODY)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first", when="2024-01-01T12:00:00+00:00")

    def stale(day: str) -> tuple[list[tuple[str, str]], dict[str, Any]]:
        epoch = str(int(datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()))
        outcome = run_valuelint("check", "_posts", "_drafts", "--select", "SITE", "--format",
                                "json", cwd=root,
                                env={"SOURCE_DATE_EPOCH": epoch, "VALUELINT_PROFILE": "1"})
        assert outcome.code in (0, 1), outcome.stderr
        _, timings = split_timings(outcome.stderr)
        found = [(f["path"], x["message"].split(";")[0]) for f in outcome.json()["files"]
                 for x in f["findings"] if x["code"] == "SITE009"]
        return found, timings

    assert stale("2024-03-01")[0] == []
    assert stale("2024-03-01")[0] == []  # the site's findings now come from the cache
    found, timings = stale("2024-12-31")
    assert timings["cached"] == timings["files"] == 4
    assert found == [("_drafts/idea.md", "draft last committed 2024-01-01, 365 days ago "
                      "(it is in a drafts folder)")]
    # A later commit that leaves the draft's text as it was: only git knows.
    git(root, "commit", "-q", "--amend", "-m", "first", when="2024-11-01T12:00:00+00:00")
    assert stale("2024-12-31")[0] == []
    assert stale("2025-06-01")[0] == [
        ("_drafts/idea.md", "draft last committed 2024-11-01, 212 days ago "
         "(it is in a drafts folder)")]


# --------------------------------------------------------------------------- every format

def test_site_findings_appear_in_every_output_format(blog: Path) -> None:
    for i in range(2):
        post(blog, f"_posts/2024-0{i + 1}-01-dup-{i}.md", "Notes on caching", unique_text(70 + i))
    for fmt, marker in (("text", "SITE003 [duplicate-title]"),
                        ("json", '"code": "SITE003"'), ("sarif", '"ruleId": "SITE003"'),
                        ("github", "title=SITE003 duplicate-title::same title as"),
                        ("gitlab", '"check_name": "SITE003"')):
        code, out, err = cli("check", ".", "--format", fmt, "--jobs", "1", "--no-cache")
        assert code == 1, (fmt, err)  # duplicate titles are warnings: the run fails
        assert marker in out, (fmt, out[:500])


def test_files_named_one_by_one_get_no_site_checks(blog: Path) -> None:
    post(blog, "_posts/2024-01-01-dup.md", "Notes on caching", unique_text(80))
    files = [str(p.relative_to(blog)) for p in sorted((blog / "_posts").glob("*.md"))]
    assert site_findings(check(*files)) == []
    assert site_findings(check(".", "--ignore", "SITE")) == []
    assert site_findings(check("."))


def test_per_file_ignores_and_front_matter_turn_site_findings_off(blog: Path) -> None:
    post(blog, "_posts/2024-01-01-dup.md", "Notes on caching", unique_text(81),
         valuelint="{ignore: [SITE003]}")
    post(blog, "_posts/2024-02-01-dup.md", "Notes on caching", unique_text(82))
    found = {f[0] for f in site_findings(check(".")) if f[1] == "SITE003"}
    assert found == {"_posts/2024-02-01-dup.md"}
    (blog / "valuelint.toml").write_text(
        SITE + '[per-file-ignores]\n"_posts/2024-*" = ["duplicate-title"]\n', encoding="utf-8")
    assert not [f for f in site_findings(check(".")) if f[1] == "SITE003"]


# --------------------------------------------------------------------------- valuelint site

def test_site_command_prints_figures_then_findings_and_is_deterministic(blog: Path) -> None:
    post(blog, "_posts/2023-02-11-again.md", "Notes on caching", unique_text(90))
    first = cli("site", "--jobs", "1", "--no-cache")
    assert first[0] == 1, first[2]
    text = first[1]
    assert text.startswith("Site ./: Jekyll (found _config.yml); posts in _posts/\n"), text
    assert "Posts: 13 published, 0 drafts; 13 dated, from 2023-01-10 to 2023-12-10" in text
    assert "  2023    1   2   1   1   1   1   1   1   1   1   1   1     13" in text
    assert "Posts sharing a title:" in text
    assert "SITE003 [duplicate-title] same title as _posts/2023-01-10-caching.md" in text
    assert text.rstrip().endswith("Site checks: 1 finding (0 errors, 1 warning, 0 info) "
                                  "in 13 posts.")
    assert cli("site", "--jobs", "1", "--no-cache") == first
    as_json = json.loads(cli("site", "--format", "json", "--jobs", "1", "--no-cache")[1])
    assert [f["path"] for f in as_json["files"]] == ["_posts/2023-02-11-again.md"]


@pytest.mark.parametrize(("args", "message"), [
    (("site", "missing"), "valuelint: error: missing: no such file or directory\n"),
    (("site", "valuelint.toml"), "valuelint: error: valuelint.toml: not a folder"),
    (("site", ".", "--format", "xml"), "unknown --format 'xml'"),
    (("report", "missing"), "valuelint: error: missing: no such file or directory\n"),
])
def test_bad_input_is_one_line_and_exit_code_2(blog: Path, args: tuple[str, ...],
                                                message: str) -> None:
    code, _, err = cli(*args)
    assert code == 2 and message in err and "Traceback" not in err


def test_a_bad_trend_period_is_a_configuration_error(blog: Path) -> None:
    (blog / "valuelint.toml").write_text(SITE + '[rules.SITE008]\nperiod = "year"\n',
                                         encoding="utf-8")
    code, out, err = cli("check", ".", "--format", "json", "--jobs", "1", "--no-cache")
    assert code == 2 and "Traceback" not in err
    assert json.loads(out)["files"][-1]["errors"] == [
        "'rules.SITE008.period': expected \"quarter\" or \"month\", got 'year'"]


# --------------------------------------------------------------------------- MinHash

def test_minhash_finds_exactly_the_pairs_an_exhaustive_comparison_finds() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(400)]
    texts = [[rng.choice(vocabulary) for _ in range(rng.randint(60, 400))] for _ in range(150)]
    for source in range(0, 150, 10):  # plant edited copies
        copy = list(texts[source])
        for _ in range(rng.randint(1, 12)):
            copy[rng.randrange(len(copy))] = rng.choice(vocabulary)
        texts[source + 1] = copy
    shingler = Shingler(5)
    sets = [shingler.shingles(words) for words in texts]
    exhaustive = {(i, j) for i in range(150) for j in range(i + 1, 150)
                  if jaccard(sets[i], sets[j]) >= 0.5}
    found = {(p.first, p.second) for p in near_duplicates(sets, 0.5)}
    assert found == exhaustive
    assert len(found) >= 10
    assert near_duplicates(sets, 0.5) == near_duplicates(
        [Shingler(5).shingles(words) for words in texts], 0.5)


def test_a_checked_post_s_site_features_are_cached_before_the_site_checks_run(
    blog: Path, tmp_path: Path,
) -> None:
    # On a cold `check DIR`, a post's site features are worked out while it is
    # checked and kept in the cache, where the site checks look first: they do
    # not read the post again (here, it is even gone by then).
    rules = load_rules()
    loader = ConfigLoader(rules)
    features = SiteFeatures([blog], loader)
    first = sorted((blog / "_posts").glob("*.md"))[0]
    display = display_path(first)
    wanted = features.hook(display)
    assert wanted is not None and wanted.file == first.resolve()
    assert features.hook("_config.yml") is None and features.hook("elsewhere/post.md") is None
    cache = ResultCache.open(tmp_path / "cache", rules)
    config = loader.for_path(first)
    outcome = check_job(Job(first, display, config, wanted), rules, cache)
    assert not outcome.result.errors
    first.unlink()
    site = analyse_site(blog, "./", None, [Member(outcome.result, first.resolve())],
                        loader.for_path(blog), loader.for_path, date(2024, 1, 1),
                        figures=True, cache=cache)
    assert [(p.path, p.title) for p in site.posts] == [(display, "Notes on " +
                                                        first.stem.split("-", 3)[3])]
    # Without the request, nothing is kept: the post is read again, and is gone.
    second = sorted((blog / "_posts").glob("*.md"))[0]
    shown = display_path(second)
    outcome = check_job(Job(second, shown, config), rules, cache)
    second.unlink()
    site = analyse_site(blog, "./", None, [Member(outcome.result, second.resolve())],
                        loader.for_path(blog), loader.for_path, date(2024, 1, 1),
                        figures=True, cache=cache)
    assert site.posts == []


def test_without_a_cache_a_checked_post_s_features_come_back_with_its_result(
    blog: Path,
) -> None:
    # `check DIR --no-cache`: the features worked out where the post was checked
    # come back with the outcome, and the site checks do not read the post again
    # (here, it is gone by then).
    rules = load_rules()
    loader = ConfigLoader(rules)
    features = SiteFeatures([blog], loader)
    first = sorted((blog / "_posts").glob("*.md"))[0]
    display = display_path(first)
    outcome = check_job(Job(first, display, loader.for_path(first), features.hook(display)),
                        rules, None)
    assert not outcome.result.errors and outcome.attached is not None
    features.keep(display, outcome.attached)
    first.unlink()
    site = analyse_site(blog, "./", None, [Member(outcome.result, first.resolve())],
                        loader.for_path(blog), loader.for_path, date(2024, 1, 1),
                        figures=True, known=features.known)
    assert [(p.path, p.title) for p in site.posts] == [(display, "Notes on " +
                                                        first.stem.split("-", 3)[3])]
    # What was worked out for other options is not used: the post is read again.
    other = SiteFeatures([blog], loader)
    other.known[display] = replace(outcome.attached, drafts_folder=True)
    site = analyse_site(blog, "./", None, [Member(outcome.result, first.resolve())],
                        loader.for_path(blog), loader.for_path, date(2024, 1, 1),
                        figures=True, known=other.known)
    assert site.posts == []


def test_posts_with_the_same_words_pair_at_100_percent_without_being_read_again(
    blog: Path, tmp_path: Path,
) -> None:
    # A post copied to a second file (cross-posted, or left in two sections) has
    # the same shingles: the site checks pair the two from their cached features
    # alone. Here both files are gone by the time the pairs are measured.
    original = sorted((blog / "_posts").glob("*.md"))[0]
    copy = blog / "_posts" / "2024-02-02-the-same-again.md"
    copy.write_text(original.read_text("utf-8").replace("title: \"Notes", "title: \"More notes"),
                    encoding="utf-8")
    rules = load_rules()
    loader = ConfigLoader(rules)
    features = SiteFeatures([blog], loader)
    cache = ResultCache.open(tmp_path / "cache", rules)
    members = []
    for file in (original, copy):
        display = display_path(file)
        outcome = check_job(Job(file, display, loader.for_path(file), features.hook(display)),
                            rules, cache)
        members.append(Member(outcome.result, file.resolve()))
    original.unlink()
    copy.unlink()
    site = analyse_site(blog, "./", None, members, loader.for_path(blog), loader.for_path,
                        date(2024, 3, 1), figures=True, cache=cache)
    assert [(cluster.paths, cluster.similarity) for cluster in site.duplicates] == [
        ((display_path(original), display_path(copy)), 1.0)]


def test_a_site_rule_checks_a_site_through_its_check_site(tmp_path: Path) -> None:
    # SITE003 given three posts by hand: the later post of each pair is reported,
    # a repeat at least 'recurring-days' later is advice (info), and a rule run
    # only for the figures fills them and reports nothing.
    def site_with(*posts: tuple[str, str, date]) -> SiteAnalysis:
        site = SiteAnalysis(root=tmp_path, display="./", generator=None)
        for path, title, when in posts:
            site.posts.append(SitePost(path=path, file=tmp_path / path, title=title,
                                       title_line=2, date=when, line_ends={2: 30}))
            site.results[path] = PostResult(path=path, score=80)
        return site

    def check(site: SiteAnalysis, selected: bool = True, **options: Any) -> None:
        DuplicateTitle().check_site(SiteContext(
            DuplicateTitle, site, {"severity": "warning", "threshold": 0.85,
                                   "recurring-days": 120, **options},
            selected, date(2024, 6, 1), SiteStore(None, Features(), 1_000_000),
            lambda post, rule: post.path != "c.md", frozenset({"SITE003"})))

    site = site_with(("b.md", "Getting started", date(2024, 1, 2)),
                     ("a.md", "Getting started", date(2024, 1, 1)),
                     ("c.md", "Getting started", date(2024, 1, 3)))
    check(site)
    assert {path: [(f.code, f.severity, f.line, f.end_column, f.message) for f in found]
            for path, found in site.file_findings.items()} == {
        "b.md": [("SITE003", Severity.WARNING, 2, 30,
                  'same title as a.md: "Getting started"')]}
    assert site.title_groups == [("b.md", "a.md", "c.md")]
    later = site_with(("a.md", "Getting started", date(2023, 1, 1)),
                      ("b.md", "Getting started", date(2024, 1, 1)))
    check(later)
    assert [(f.severity, f.message) for f in later.file_findings["b.md"]] == [
        (Severity.INFO, "same title as a.md, at least 120 days earlier: "
                        '"Getting started"; say what this one adds')]
    configured = site_with(("a.md", "Getting started", date(2023, 1, 1)),
                           ("b.md", "Getting started", date(2024, 1, 1)))
    check(configured, severity="error")
    assert [f.severity for f in configured.file_findings["b.md"]] == [Severity.ERROR]
    figures = site_with(("a.md", "Getting started", date(2024, 1, 1)),
                        ("b.md", "Getting started", date(2024, 1, 2)))
    check(figures, selected=False)
    assert figures.file_findings == {} and figures.title_groups == [("a.md", "b.md")]


def test_a_fingerprint_is_the_same_only_for_the_same_shingles() -> None:
    shingler = Shingler(5)
    words = unique_text(3).split()
    same = shingler.shingles(list(words))
    assert fingerprint(same) == fingerprint(shingler.shingles(words))
    edited = shingler.shingles([*words[:-1], "different"])
    assert fingerprint(edited) != fingerprint(same)
    assert fingerprint(frozenset()) == ""
