"""``valuelint report``: one self-contained HTML page, checked in a real headless browser.

The browser test opens the report in Chromium (Debian's ``chromium``, driven
by Playwright), blocks and records every request the page makes, checks that
each chart draws the right number of marks and is visible, and saves a
screenshot under ``test-artifacts/``. It is skipped, saying why, only when no
Chromium or Playwright is installed (``.ci/run`` installs both).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_valuelint
from site_fixtures import BODY
from test_site import unique_text

TODAY = {"SOURCE_DATE_EPOCH": "1735689600"}
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = next((path for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser",
                                   shutil.which("chromium") or "") if path and
                 os.path.exists(path)), None)


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
    assert "<title>notes-blog: valuelint site report</title>" in html
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


def _launch(playwright: object) -> object:
    return playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=CHROMIUM,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"])


def test_the_charts_render_in_a_real_browser(report: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("no Chromium installed (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            page = browser.new_page(  # type: ignore[attr-defined]
                viewport={"width": 1200, "height": 900})

            def record(route: object) -> None:
                url = route.request.url  # type: ignore[attr-defined]
                requests.append(url)
                if url.startswith("file://"):
                    route.continue_()  # type: ignore[attr-defined]
                else:
                    route.abort()  # type: ignore[attr-defined]

            page.route("**/*", record)
            page.goto(report.as_uri())
            counts = page.evaluate("""() => Object.fromEntries(
                [...document.querySelectorAll('svg.chart')].map(svg => {
                    const box = svg.getBoundingClientRect();
                    const marks = svg.querySelectorAll('circle.point, rect.bar').length;
                    return [svg.id, {marks, points: Number(svg.dataset.points),
                                     width: box.width, height: box.height,
                                     trend: svg.querySelectorAll('polyline.trend').length}];
                }))""")
            visible = page.evaluate("""() =>
                [...document.querySelectorAll('circle.point')].filter(c => {
                    const b = c.getBoundingClientRect(); return b.width > 0 && b.height > 0;
                }).length""")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        finally:
            browser.close()  # type: ignore[attr-defined]
    assert requests == [report.as_uri()], requests  # nothing but the file itself
    assert set(counts) == {"chart-histogram", "chart-timeline", "chart-cadence", "chart-rules"}
    assert counts["chart-timeline"]["marks"] == counts["chart-timeline"]["points"] == 13
    assert counts["chart-timeline"]["trend"] == 1
    assert counts["chart-cadence"]["marks"] == 14
    assert counts["chart-histogram"]["marks"] == 10
    assert counts["chart-rules"]["marks"] == counts["chart-rules"]["points"] >= 2
    for chart, figures in counts.items():
        assert figures["width"] > 500 and figures["height"] > 60, (chart, figures)
    assert visible == 13
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
