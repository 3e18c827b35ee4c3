"""``valuelint report``: one self-contained HTML page, checked in a real headless browser.

The browser test opens the report in Chromium (Debian's ``chromium``, driven
by Playwright), blocks and records every request the page makes, checks that
each chart draws the right number of marks and is visible, and saves a
screenshot under ``test-artifacts/``. Without Chromium or Playwright it is
skipped, saying why, on a developer's machine; where a browser is required
(``VALUELINT_REQUIRE_BROWSER=1``, which ``.ci/run`` sets in CI) it fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
from itertools import pairwise
from pathlib import Path
from typing import Any, NoReturn

import pytest

from conftest import REPO, assert_skipped_unless_required, run_valuelint
from site_fixtures import BODY
from test_site import unique_text
from valuelint.site.generators import detect, site_title

TODAY = {"SOURCE_DATE_EPOCH": "1735689600"}
ARTIFACTS = REPO / "test-artifacts"


def _find_chromium() -> str | None:
    """Debian's Chromium, or the browser ``VALUELINT_CHROMIUM`` names."""
    override = os.environ.get("VALUELINT_CHROMIUM")
    candidates = [override] if override is not None else [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or ""]
    return next((path for path in candidates if path and os.path.exists(path)), None)


CHROMIUM = _find_chromium()
#: Set where the browser test must run (CI): a missing browser fails it.
BROWSER_REQUIRED = os.environ.get("VALUELINT_REQUIRE_BROWSER", "") == "1"


def _no_browser(reason: str) -> NoReturn:
    """Skip the browser test with ``reason`` on a developer's machine; fail it where required."""
    if BROWSER_REQUIRED:
        pytest.fail(f"{reason}; VALUELINT_REQUIRE_BROWSER=1 requires the browser test to run",
                    pytrace=False)
    pytest.skip(reason)


def _sync_api() -> Any:
    """Playwright's sync API, with a browser to drive, or a skip (a failure where required)."""
    if CHROMIUM is None:
        _no_browser("no Chromium installed (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        _no_browser("Playwright is not installed (pip install playwright)")
    return sync_api


def _post(root: Path, name: str, title: str, body: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: \"{title}\"\n---\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Jekyll blog over 14 months, with a silence, a duplicate and weak posts."""
    root = tmp_path_factory.mktemp("report") / "notes-blog"
    (root / ".git").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Notes\n", encoding="utf-8")
    months = ["2023-01", "2023-01", "2023-02", "2023-03", "2023-03", "2023-03", "2023-04",
              "2023-11", "2023-12", "2024-01", "2024-02"]
    for i, month in enumerate(months):
        _post(root, f"_posts/{month}-{10 + i}-post-{i}.md", f"Build notes, part {i}",
              unique_text(i, words=260))
    _post(root, "_posts/2023-05-05-launch.md", "Launch <special> & offer",
          "Buy now and save. Limited time offer, buy now!")
    _post(root, "_posts/2023-06-06-copy.md", "A copy of part 2",
          (root / "_posts/2023-02-12-post-2.md").read_text("utf-8").split("---\n", 2)[2])
    _post(root, "_drafts/idea.md", "An idea", BODY)
    return root


@pytest.fixture(scope="module")
def report(site: Path) -> Path:
    out = site.parent / "report.html"
    outcome = run_valuelint("report", str(site), "-o", str(out), "--no-cache",
                            cwd=site.parent, env=TODAY)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr.startswith(f"Wrote {out}: 13 posts, ")
    return out


def test_the_report_is_self_contained_and_deterministic(site: Path, report: Path) -> None:
    html = report.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for forbidden in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src=",
                      "http://", "https://"):
        assert forbidden not in html, forbidden
    # The title is the site's own, from _config.yml, not the folder's name.
    assert "<title>Notes: valuelint site report</title>" in html
    assert "<h1>Notes</h1>" in html
    # Special characters in titles are escaped, never markup.
    assert "<special>" not in html
    again = site.parent / "again.html"
    outcome = run_valuelint("report", str(site), "-o", str(again), "--no-cache",
                            cwd=site.parent, env=TODAY)
    assert outcome.code == 0
    assert again.read_bytes() == report.read_bytes()


def test_the_report_shows_the_figures(report: Path) -> None:
    html = report.read_text("utf-8")
    assert re.search(r'id="chart-timeline" data-points="13" data-trend-points="\d+"', html)
    # 2023-01 to 2024-02: 14 months, with 2023-07..2023-10 silent.
    assert 'id="chart-cadence" data-points="14"' in html
    assert 'id="chart-histogram" data-points="10"' in html
    assert html.count('class="worst-post"') == 10
    assert "Launch &lt;special&gt; &amp; offer" in html
    assert 'class="duplicate-cluster"' in html and "post-2.md" in html and "copy.md" in html


@pytest.fixture(scope="module")
def spring(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Hugo blog from March to May, where all posts but one have nothing to fix."""
    root = tmp_path_factory.mktemp("spring") / "spring-site"
    (root / ".git").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n'
                                    'title = "Spring & Notes"\n', encoding="utf-8")
    (root / "valuelint.toml").write_text('select = ["SITE", "THIN001", "PROM001"]\n',
                                         encoding="utf-8")
    days = ["2024-03-05", "2024-03-20", "2024-04-10", "2024-05-02", "2024-05-28"]
    for i, day in enumerate(days):
        body = "Buy now and save. Limited time offer, buy now!" if i == 3 else \
            unique_text(40 + i, words=200)
        path = root / "content" / "posts" / f"post-{i}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: \"Spring note {i}\"\ndate: {day}\n---\n\n{body}\n",
                        encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def spring_report(spring: Path) -> Path:
    out = spring.parent / "spring.html"
    outcome = run_valuelint("report", str(spring), "-o", str(out), "--no-cache",
                            cwd=spring.parent, env=TODAY)
    assert outcome.code == 0, outcome.stderr
    return out


def _chart(html: str, chart: str) -> str:
    found = re.search(rf'<svg class="chart" id="{chart}".*?</svg>', html)
    assert found, chart
    return found.group(0)


def _ticks(html: str, chart: str) -> list[str]:
    return re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', _chart(html, chart))


def test_a_spring_of_posts_gets_month_labels_and_a_dated_axis(spring_report: Path) -> None:
    html = spring_report.read_text("utf-8")
    assert 'id="chart-cadence" data-points="3"' in html
    assert _ticks(html, "chart-cadence") == ["2024-03", "2024-04", "2024-05"]
    # Twelve weeks of posts: the time axis is marked every two weeks, on Mondays.
    assert _ticks(html, "chart-timeline") == ["2024-03-04", "2024-03-18", "2024-04-01",
                                              "2024-04-15", "2024-04-29", "2024-05-13",
                                              "2024-05-27"]


def test_a_longer_blog_labels_every_month_and_marks_months_on_its_time_axis(
        report: Path) -> None:
    html = report.read_text("utf-8")
    months = [f"2023-{m:02d}" for m in range(1, 13)] + ["2024-01", "2024-02"]
    assert _ticks(html, "chart-cadence") == months
    assert _ticks(html, "chart-timeline") == ["2023-01", "2023-03", "2023-05", "2023-07",
                                              "2023-09", "2023-11", "2024-01"]


def test_the_posts_that_need_work_are_only_those_with_findings(
        spring_report: Path, report: Path) -> None:
    html = spring_report.read_text("utf-8")
    worst = html[html.index('<section id="worst">'):]
    worst = worst[:worst.index("</section>")]
    assert worst.count('class="worst-post"') == 1
    assert "Spring note 3" in worst and "PROM001" in worst
    assert "Spring note 0" not in worst and "no finding" not in worst
    assert "The 1 lowest-scoring post," in worst
    # All 13 posts of the notes blog have a finding: the ten lowest are listed.
    html = report.read_text("utf-8")
    assert "The 10 lowest-scoring posts of the 13 that have a finding or fail the " \
        "configured limits" in html


def test_a_post_whose_only_finding_is_an_info_that_fails_needs_work(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    (root / ".git").mkdir(parents=True)
    # An info finding costs a readability point at most and, with fail-on = "info",
    # fails the post.
    (root / "valuelint.toml").write_text('select = ["READ002"]\nfail-on = "info"\n',
                                         encoding="utf-8")
    _post(root, "_posts/2024-01-02-wall.md", "A wall of text", unique_text(1, words=260))
    _post(root, "_posts/2024-01-09-fine.md", "Fine", unique_text(2, words=100))
    out = tmp_path / "report.html"
    outcome = run_valuelint("report", str(root), "-o", str(out), "--no-cache", cwd=tmp_path,
                            env=TODAY)
    assert outcome.code == 0, outcome.stderr
    html = out.read_text("utf-8")
    assert html.count('class="worst-post"') == 1
    row = html[html.index('class="worst-post"'):]
    assert "A wall of text" in row
    assert "READ002" in row and "Fine" not in row


def test_a_site_where_no_post_has_a_finding_says_none_needs_work(
        spring: Path, tmp_path: Path) -> None:
    config = tmp_path / "valuelint.toml"
    config.write_text('select = ["THIN001"]\n', encoding="utf-8")
    out = tmp_path / "report.html"
    (spring / "content/posts/post-3.md").rename(tmp_path / "post-3.md")
    try:
        outcome = run_valuelint("report", str(spring), "-o", str(out), "--no-cache",
                                "--config", str(config), cwd=tmp_path, env=TODAY)
    finally:
        (tmp_path / "post-3.md").rename(spring / "content/posts/post-3.md")
    assert outcome.code == 0, outcome.stderr
    html = out.read_text("utf-8")
    assert 'class="worst-post"' not in html
    assert "Every post passes the configured limits with no finding: none needs work." in html


def test_the_title_is_the_sites_own_and_escaped(spring_report: Path, spring: Path,
                                                tmp_path: Path) -> None:
    html = spring_report.read_text("utf-8")
    assert "<title>Spring &amp; Notes: valuelint site report</title>" in html
    assert "<h1>Spring &amp; Notes</h1>" in html
    # --title still wins over the site's title.
    out = tmp_path / "titled.html"
    outcome = run_valuelint("report", str(spring), "-o", str(out), "--title", "Q2 review",
                            cwd=tmp_path, env=TODAY)
    assert outcome.code == 0, outcome.stderr
    assert "<title>Q2 review: valuelint site report</title>" in out.read_text("utf-8")


SITE_TITLES = {
    "jekyll": ({"_config.yml": "title: Build notes\nmarkdown: kramdown\n",
                "_posts/2024-01-01-a.md": "# A\n"}, "Build notes"),
    "jekyll-toml": ({"_config.toml": 'title = "Toml notes"\n', "_posts/a.md": "# A\n"},
                    "Toml notes"),
    "jekyll-untitled": ({"_config.yml": "markdown: kramdown\n", "_posts/a.md": "# A\n"},
                        None),
    "hugo": ({"hugo.toml": 'baseURL = "https://example.org/"\ntitle = "Hugo notes"\n',
              "content/posts/a.md": "# A\n"}, "Hugo notes"),
    "hugo-yaml-config": ({"config.yaml": "baseURL: https://example.org/\ntitle: Old Hugo\n",
                          "content/posts/a.md": "# A\n"}, "Old Hugo"),
    "hugo-languages": ({"hugo.toml": 'defaultContentLanguage = "de"\n[languages.en]\n'
                                     'title = "Notes"\n[languages.de]\ntitle = "Notizen"\n',
                        "content/posts/a.md": "# A\n"}, "Notizen"),
    "hugo-config-folder": ({"archetypes/default.md": "", "content/posts/a.md": "# A\n",
                            "config/_default/hugo.toml": 'title = "Split config"\n'},
                           "Split config"),
    "zola": ({"config.toml": 'base_url = "https://example.org"\ntitle = "Zola notes"\n',
              "content/blog/a.md": "# A\n"}, "Zola notes"),
    "mkdocs": ({"mkdocs.yml": "site_name: Docs  notes\nplugins:\n  - blog\n"
                              "theme:\n  name: !ENV [THEME, material]\n",
                "docs/blog/posts/a.md": "# A\n"}, "Docs notes"),
    "docusaurus": ({"docusaurus.config.js": "const config = {\n  title: 'Docusaurus notes',\n"
                                            "  tagline: 'x',\n  themeConfig: {navbar: {\n"
                                            "    title: 'Navbar'}},\n};\n",
                    "blog/a.md": "# A\n"}, "Docusaurus notes"),
    "eleventy": ({"eleventy.config.js": 'export default function () {\n  return {dir: '
                                        '{input: "src"}};\n}\n',
                  "src/_data/metadata.json": '{"title": "Eleventy notes"}',
                  "src/posts/a.md": "# A\n"}, "Eleventy notes"),
    "eleventy-js-data": ({"package.json": '{"devDependencies": {"@11ty/eleventy": "3"}}',
                          "_data/metadata.js": 'export default {\n\ttitle: "JS notes",\n};\n',
                          "posts/a.md": "# A\n"}, "JS notes"),
    "astro": ({"astro.config.mjs": "export default {};\n",
               "src/consts.ts": "export const SITE_TITLE = 'Astro notes';\n",
               "src/content/blog/a.md": "# A\n"}, "Astro notes"),
}


@pytest.mark.parametrize("name", sorted(SITE_TITLES))
def test_each_generators_site_title_is_read(name: str, tmp_path: Path) -> None:
    files, expected = SITE_TITLES[name]
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    generator = detect(tmp_path)
    assert generator is not None and generator.name == name.split("-")[0]
    assert site_title(generator) == expected


def test_without_a_site_title_the_report_is_named_after_the_sites_folder(
        tmp_path: Path) -> None:
    root = tmp_path / "plain-blog"
    (root / ".git").mkdir(parents=True)
    _post(root, "_posts/2024-01-02-one.md", "One", BODY)
    out = tmp_path / "report.html"
    outcome = run_valuelint("report", str(root / "_posts"), "-o", str(out), "--no-cache",
                            cwd=tmp_path, env=TODAY)
    assert outcome.code == 0, outcome.stderr
    assert "<title>plain-blog: valuelint site report</title>" in out.read_text("utf-8")


def _launch(playwright: Any) -> Any:
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"])


#: What the page shows, measured in the browser: each chart's marks and size, the
#: labels of its axes as drawn, and every dot that something else is drawn over.
_MEASURE = """() => {
    const charts = Object.fromEntries([...document.querySelectorAll('svg.chart')].map(svg => {
        const box = svg.getBoundingClientRect();
        const marks = svg.querySelectorAll('circle.point, rect.bar').length;
        const ticks = [...svg.querySelectorAll('text.tick')].map(t => {
            const b = t.getBoundingClientRect();
            return {text: t.textContent, left: b.left - box.left, right: b.right - box.left,
                    width: b.width};
        });
        return [svg.id, {marks, points: Number(svg.dataset.points), width: box.width,
                         height: box.height, ticks,
                         trend: svg.querySelectorAll('polyline.trend').length}];
    }));
    const dots = [...document.querySelectorAll('circle.point')];
    const visible = dots.filter(c => {
        const b = c.getBoundingClientRect(); return b.width > 0 && b.height > 0;
    }).length;
    const covered = [];
    for (const dot of dots) {
        dot.scrollIntoView({block: 'center'});
        const b = dot.getBoundingClientRect();
        const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        if (!top || !top.classList.contains('point')) {
            covered.push(dot.querySelector('title').textContent + ' under ' +
                         (top ? top.tagName + '.' + top.getAttribute('class') : 'nothing'));
        }
    }
    return {charts, visible, covered};
}"""


def _browse(report: Path, screenshot: str) -> tuple[list[str], dict[str, Any]]:
    """Open ``report`` in Chromium: the requests it made, and what ``_MEASURE`` found."""
    sync_api = _sync_api()
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})

            def record(route: Any) -> None:
                url = route.request.url
                requests.append(url)
                if url.startswith("file://"):
                    route.continue_()
                else:
                    route.abort()

            page.route("**/*", record)
            page.goto(report.as_uri())
            measured: dict[str, Any] = page.evaluate(_MEASURE)
            page.evaluate("() => window.scrollTo(0, 0)")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / screenshot).stat().st_size > 10_000
    return requests, measured


def _assert_readable_axis(chart: dict[str, Any]) -> list[str]:
    """The labels under a chart, checked to be drawn whole, inside it and apart."""
    ticks = chart["ticks"]
    for tick in ticks:
        assert tick["width"] > 0 and tick["left"] >= 0 and tick["right"] <= chart["width"], tick
    for before, after in pairwise(ticks):
        assert before["right"] < after["left"], (before, after)
    return [tick["text"] for tick in ticks]


def test_the_charts_render_in_a_real_browser(report: Path) -> None:
    requests, measured = _browse(report, "report.png")
    counts = measured["charts"]
    assert requests == [report.as_uri()], requests  # nothing but the file itself
    assert set(counts) == {"chart-histogram", "chart-timeline", "chart-cadence", "chart-rules"}
    assert counts["chart-timeline"]["marks"] == counts["chart-timeline"]["points"] == 13
    assert counts["chart-timeline"]["trend"] == 1
    assert counts["chart-cadence"]["marks"] == 14
    assert counts["chart-histogram"]["marks"] == 10
    assert counts["chart-rules"]["marks"] == counts["chart-rules"]["points"] >= 2
    for chart, figures in counts.items():
        assert figures["width"] > 500 and figures["height"] > 60, (chart, figures)
    assert measured["visible"] == 13
    # No line or label is drawn over a dot: the first post's dot, where the trend
    # line starts, is in front of it.
    assert measured["covered"] == []
    # Every month of the cadence is labelled, and the time axis has one label
    # every two months; none overlaps another or runs off the chart.
    assert _assert_readable_axis(counts["chart-cadence"]) == \
        [f"2023-{m:02d}" for m in range(1, 13)] + ["2024-01", "2024-02"]
    assert len(_assert_readable_axis(counts["chart-timeline"])) == 7


def test_a_spring_of_posts_reads_in_a_real_browser(spring_report: Path) -> None:
    requests, measured = _browse(spring_report, "report-spring.png")
    counts = measured["charts"]
    assert requests == [spring_report.as_uri()], requests
    assert counts["chart-timeline"]["marks"] == 5 and measured["visible"] == 5
    assert measured["covered"] == []
    assert _assert_readable_axis(counts["chart-cadence"]) == ["2024-03", "2024-04", "2024-05"]
    assert len(_assert_readable_axis(counts["chart-timeline"])) == 7


@pytest.mark.parametrize("required", [False, True])
def test_a_missing_browser_skips_the_browser_test_unless_it_is_required(
        required: bool, tmp_path: Path) -> None:
    assert_skipped_unless_required(
        Path(__file__).name, "test_a_spring_of_posts_reads_in_a_real_browser",
        tool_variable="VALUELINT_CHROMIUM", missing=tmp_path / "no-chromium",
        require_variable="VALUELINT_REQUIRE_BROWSER",
        reason="no Chromium installed (apt-get install chromium)",
        required_message="VALUELINT_REQUIRE_BROWSER=1 requires the browser test to run",
        required=required)
