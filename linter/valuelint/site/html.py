"""``valuelint report``: one self-contained HTML page showing how a whole site is doing.

Everything is inline: the style sheet, and every chart drawn as SVG here (no
script, no font, no image and no link to fetch), so the file opens the same
offline, in a mail attachment or as a CI artifact. The page is deterministic:
the same posts and configuration give the same bytes.

Each chart is an ``<svg class="chart">`` with an ``id`` and a ``data-points``
attribute giving the number of marks it draws (bars or dots), so that tests
and other tools can check what it shows.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from statistics import median

from valuelint import __version__
from valuelint.result import PostResult
from valuelint.rule import Finding, Rule
from valuelint.site.analysis import SiteAnalysis
from valuelint.site.generators import describe
from valuelint.site.posts import SitePost

__all__ = ["band", "render_report"]

WIDTH = 960
#: How many of the lowest-scoring posts the report lists.
WORST = 10

_CSS = """
:root{--ink:#1f2430;--muted:#5c6373;--line:#e3e6ec;--bg:#f6f7f9;--card:#fff;
--red:#d1434b;--amber:#e39b2d;--lime:#7db46c;--green:#2b8a57;--blue:#3b6fd8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,
"Noto Sans",sans-serif}
main{max-width:1040px;margin:0 auto;padding:28px 20px 48px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:0 0 4px}
.sub,.note{color:var(--muted);margin:0}.note{font-size:13.5px;margin-bottom:12px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:18px 20px;margin-top:18px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(128px,1fr));gap:10px;
margin-top:18px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.card b{display:block;font-size:26px;line-height:1.2}.card span{color:var(--muted);font-size:13px}
.card.bad b{color:var(--red)}.card.warn b{color:var(--amber)}.card.good b{color:var(--green)}
svg.chart{width:100%;height:auto;display:block}
svg text{font:12px -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Arial,sans-serif;
fill:#5c6373}
svg .value{fill:#1f2430;font-weight:600}
.axis{stroke:#c9ced8;stroke-width:1}.grid{stroke:#eef0f4;stroke-width:1}
.b-red{fill:var(--red)}.b-amber{fill:var(--amber)}.b-lime{fill:var(--lime)}
.b-green{fill:var(--green)}.b-blue{fill:var(--blue)}
.point{fill-opacity:.6;stroke:#fff;stroke-width:.6}
.trend{fill:none;stroke:var(--ink);stroke-width:2}
.avg{stroke:var(--ink);stroke-dasharray:4 4;stroke-width:1}
.fail{stroke:var(--red);stroke-dasharray:6 4;stroke-width:1.2}svg .fail-label{fill:var(--red)}
.silence{fill:#fbe9e9}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:7px 8px;border-top:1px solid var(--line)}
th{color:var(--muted);font-weight:600;font-size:12.5px;text-transform:uppercase;
letter-spacing:.03em;border-top:0}
.score{display:inline-block;min-width:38px;text-align:center;border-radius:6px;color:#fff;
font-weight:700;padding:1px 6px}
.s-red{background:var(--red)}.s-amber{background:var(--amber)}.s-lime{background:var(--lime)}
.s-green{background:var(--green)}
code,.path{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#3a4150;
overflow-wrap:anywhere}td code,.nowrap{white-space:nowrap}
details{margin:6px 0}summary{cursor:pointer;padding:4px 0}
.simbar{display:inline-block;width:120px;height:10px;background:#eef0f4;border-radius:5px;
vertical-align:middle;margin-right:8px;overflow:hidden}
.simbar i{display:block;height:100%;background:var(--amber)}
ul.reasons{margin:0;padding-left:18px}ul.reasons li{margin:1px 0}
.empty{color:var(--muted);font-style:italic}
.cluster{border-left:4px solid var(--amber);padding:4px 0 4px 12px;margin:10px 0}
.pct{font-weight:700}
footer{color:var(--muted);font-size:13px;margin-top:22px}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def band(score: int) -> str:
    """The colour band of a score: red below 50, amber below 70, lime below 90, else green."""
    if score < 50:
        return "red"
    if score < 70:
        return "amber"
    if score < 90:
        return "lime"
    return "green"


def _ticks(peak: float, count: int = 4) -> list[float]:
    """Round ticks from 0 to at least ``peak``: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if peak <= 0:
        return [0.0, 1.0]
    raw = peak / count
    power = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1.0
    ticks = [0.0]
    while ticks[-1] < peak:
        ticks.append(ticks[-1] + step)
    return ticks


def _value_grid(ticks: list[float], top: float, plot_h: float, left: float,
                right_x: float) -> list[str]:
    """A bar chart's horizontal grid lines, one per tick, labelled on the left."""
    peak = ticks[-1]
    lines: list[str] = []
    for value in ticks:
        y = top + plot_h - plot_h * value / peak
        lines.append(f'<line class="grid" x1="{left}" x2="{right_x}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/><text x="{left - 8}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{_num(value)}</text>')
    return lines


def _label_width(label: str) -> float:
    """About how wide a label is drawn (12px digits are about 7px wide)."""
    return 7.0 * len(label)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# --------------------------------------------------------------------------- charts

def _histogram(scores: Sequence[int]) -> str:
    bins = [0] * 10
    for score in scores:
        bins[min(score // 10, 9)] += 1
    height, top, bottom, left = 240, 24, 34, 44
    plot_h = height - top - bottom
    step = (WIDTH - left - 10) / 10
    ticks = _ticks(max(bins))
    peak = ticks[-1]
    parts = [f'<svg class="chart" id="chart-histogram" data-points="10" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="How many posts score in each band of ten points">']
    parts += _value_grid(ticks, top, plot_h, left, WIDTH - 10)
    for index, count in enumerate(bins):
        low = index * 10
        high = 100 if index == 9 else low + 9
        bar_h = max(plot_h * count / peak, 3.0) if count else 0.0
        x = left + index * step + 4
        y = top + plot_h - bar_h
        parts.append(
            f'<rect class="bar b-{band(low)}" x="{x:.1f}" y="{y:.1f}" width="{step - 8:.1f}" '
            f'height="{bar_h:.1f}" rx="3"><title>{count} post{"s" if count != 1 else ""} '
            f'scoring {low}-{high}</title></rect>')
        if count:
            parts.append(f'<text class="value" x="{x + (step - 8) / 2:.1f}" y="{y - 6:.1f}" '
                         f'text-anchor="middle">{count}</text>')
        parts.append(f'<text x="{x + (step - 8) / 2:.1f}" y="{height - 12}" '
                     f'text-anchor="middle">{low}-{high}</text>')
    parts.append(f'<line class="axis" x1="{left}" x2="{WIDTH - 10}" y1="{top + plot_h}" '
                 f'y2="{top + plot_h}"/></svg>')
    return "".join(parts)


def _ordinal(day: date) -> int:
    return day.toordinal()


#: Steps between the date ticks of the timeline, finest first.
_DATE_STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1), ("day", 2), ("day", 7), ("day", 14), ("month", 1), ("month", 2), ("month", 3),
    ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20),
    ("year", 50), ("year", 100), ("year", 250), ("year", 500), ("year", 1000))
_STEP_DAYS = {"day": 1.0, "month": 30.44, "year": 365.25}
#: The most date ticks the timeline shows: fewer for full dates, the widest labels.
_MOST_TICKS = {"day": 8, "month": 12, "year": 12}


def _tick_dates(kind: str, step: int, first: date, last: date) -> list[date]:
    if kind == "day":
        # Weeks start on Monday: ordinal 1 (0001-01-01) is a Monday.
        return [date.fromordinal(o) for o in range(_ordinal(first), _ordinal(last) + 1)
                if (o - 1) % step == 0]
    if kind == "month":
        found = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            day = date(year, month, 1)
            if first <= day and (month - 1) % step == 0:
                found.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found
    return [date(year, 1, 1) for year in range(first.year, last.year + 1)
            if year % step == 0 and first <= date(year, 1, 1)]


def _date_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Dates to mark on a time axis from ``first`` to ``last``, with their labels.

    The finest step (days, weeks, months, quarters, years, decades...) that
    gives no more ticks than fit: a few weeks of posts get days, a spring of
    posts gets months, years of posts get years."""
    span = _ordinal(last) - _ordinal(first)
    ticks: list[date] = []
    kind = "year"
    for kind, step in _DATE_STEPS:
        if span / (_STEP_DAYS[kind] * step) > _MOST_TICKS[kind] + 1:
            continue
        ticks = _tick_dates(kind, step, first, last)
        if len(ticks) <= _MOST_TICKS[kind]:
            break
    if kind == "day":
        return [(day, day.isoformat()) for day in ticks]
    if kind == "month":
        return [(day, f"{day.year:04d}-{day.month:02d}") for day in ticks]
    return [(day, f"{day.year:04d}") for day in ticks]


def _timeline(posts: Sequence[tuple[SitePost, int]],
              trend: Sequence[tuple[str, float, int]], period: str, fail_under: float,
              short: Callable[[str], str]) -> str:
    height, top, bottom, left, right = 300, 16, 34, 44, 16
    # The axis starts at 0, or higher when every post scores well, but always
    # shows the fail-under line.
    floor = min(fail_under, min(score for _, score in posts)) // 10 * 10
    floor = max(0.0, min(floor, fail_under - 10))
    plot_h = height - top - bottom
    first = min(p.date for p, _ in posts if p.date is not None)
    last = max(p.date for p, _ in posts if p.date is not None)
    # A margin of days on each side keeps the first and last dots off the
    # chart's edges, and a site with one day of posts in the middle.
    margin = max(3, round((_ordinal(last) - _ordinal(first)) * 0.025))
    start = _ordinal(first) - margin
    span = _ordinal(last) + margin - start
    plot_w = WIDTH - left - right

    def x_of(day: date) -> float:
        return left + plot_w * (_ordinal(day) - start) / span

    def y_of(score: float) -> float:
        return top + plot_h * (1 - (score - floor) / (100 - floor))

    parts = [f'<svg class="chart" id="chart-timeline" data-points="{len(posts)}" '
             f'data-trend-points="{len(trend)}" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="Each post\'s score by its date, and the mean by {period}">']
    for score in sorted({*range(int(floor), 101, 10 if floor >= 50 else 20), 100}):
        y = y_of(score)
        parts.append(f'<line class="grid" x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/><text x="{left - 8}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{score}</text>')
    edge_first = date.fromordinal(max(start, 1))
    edge_last = date.fromordinal(min(start + span, date.max.toordinal()))
    for day, label in _date_ticks(edge_first, edge_last):
        x = x_of(day)
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" '
                     f'y2="{top + plot_h}"/>')
        half = _label_width(label) / 2
        if half <= x <= WIDTH - half:  # a label that would be cut at the edge is left out
            parts.append(f'<text class="tick" x="{x:.1f}" y="{height - 12}" '
                         f'text-anchor="middle">{label}</text>')
    y = y_of(fail_under)
    parts.append(f'<line class="fail" x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" '
                 f'y2="{y:.1f}"/><text class="fail-label" x="{WIDTH - right}" y="{y - 5:.1f}" '
                 f'text-anchor="end">fail-under {_num(fail_under)}</text>')
    if trend:
        points = []
        for key, mean, _ in trend:
            middle = _period_middle(key, period)
            points.append(f"{x_of(min(max(middle, first), last)):.1f},{y_of(mean):.1f}")
        parts.append(f'<polyline class="trend" points="{" ".join(points)}"/>')
    parts.append(f'<line class="axis" x1="{left}" x2="{WIDTH - right}" y1="{top + plot_h}" '
                 f'y2="{top + plot_h}"/>')
    # The dots last, so that no line is drawn over one.
    for post, score in posts:
        assert post.date is not None
        parts.append(
            f'<circle class="point b-{band(score)}" cx="{x_of(post.date):.1f}" '
            f'cy="{y_of(score):.1f}" r="3.5"><title>{_e(post.title or short(post.path))} '
            f'({post.date.isoformat()}): {score}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _period_middle(key: str, period: str) -> date:
    if period == "month":
        year, month = key.split("-")
        return date(int(year), int(month), 15)
    year, quarter = key.split("Q")
    return date(int(year), (int(quarter) - 1) * 3 + 2, 15)


#: Months between two labels of the cadence chart, fewest first.
_MONTH_STRIDES = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200)


def _month_labels(months: Sequence[str], step: float) -> dict[str, str]:
    """The months of the cadence chart to label, and their labels.

    Every month when the bars are wide enough, else every second, third or
    sixth month, else every year or decade: the fewest months between labels
    for which no two labels run into each other."""
    for stride in _MONTH_STRIDES:
        sample = "2024" if stride >= 12 else "2024-01"
        if stride * step >= _label_width(sample) + 8:
            break
    labels: dict[str, str] = {}
    for month in months:
        year, number = (int(part) for part in month.split("-"))
        if stride < 12 and (number - 1) % stride == 0:
            labels[month] = month
        elif stride >= 12 and number == 1 and year % (stride // 12) == 0:
            labels[month] = f"{year:04d}"
    return labels


def _cadence(months: Sequence[tuple[str, int]], silent: set[str]) -> str:
    height, top, bottom, left, right = 230, 18, 34, 44, 16
    plot_h = height - top - bottom
    plot_w = WIDTH - left - right
    step = plot_w / len(months)
    ticks = _ticks(max(count for _, count in months))
    peak = ticks[-1]
    average = sum(count for _, count in months) / len(months)
    parts = [f'<svg class="chart" id="chart-cadence" data-points="{len(months)}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="Posts published each month">']
    parts += _value_grid(ticks, top, plot_h, left, WIDTH - right)
    gap = min(2.0, step * 0.25)
    labels = _month_labels([month for month, _ in months], step)
    for index, (month, count) in enumerate(months):
        x = left + index * step
        if month in silent:
            parts.append(f'<rect class="silence" x="{x:.2f}" y="{top}" width="{step:.2f}" '
                         f'height="{plot_h}"/>')
        bar_h = max(plot_h * count / peak, 2.0) if count else 0.0
        parts.append(
            f'<rect class="bar b-blue" x="{x + gap / 2:.2f}" y="{top + plot_h - bar_h:.2f}" '
            f'width="{max(step - gap, 0.5):.2f}" height="{bar_h:.2f}"><title>{month}: {count} '
            f'post{"s" if count != 1 else ""}</title></rect>')
        label = labels.get(month)
        if label is not None:
            middle = x + step / 2
            half = _label_width(label) / 2
            at = min(max(middle, half + 2), WIDTH - half - 2)
            parts.append(f'<line class="axis" x1="{middle:.1f}" x2="{middle:.1f}" '
                         f'y1="{top + plot_h}" y2="{top + plot_h + 4}"/><text class="tick" '
                         f'x="{at:.1f}" y="{height - 12}" text-anchor="middle">{label}</text>')
    y = top + plot_h - plot_h * average / peak
    parts.append(f'<line class="avg" x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" '
                 f'y2="{y:.1f}"><title>average: {average:.1f} posts a month</title></line>')
    parts.append(f'<line class="axis" x1="{left}" x2="{WIDTH - right}" y1="{top + plot_h}" '
                 f'y2="{top + plot_h}"/></svg>')
    return "".join(parts)


def _rule_bars(counts: Sequence[tuple[str, int]], rules: Mapping[str, type[Rule]]) -> str:
    row, left, label_w = 26, 270, 60
    height = row * len(counts) + 8
    peak = max(count for _, count in counts) or 1
    plot_w = WIDTH - left - label_w
    parts = [f'<svg class="chart" id="chart-rules" data-points="{len(counts)}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="The most frequent findings, by rule">']
    for index, (code, count) in enumerate(counts):
        y = 4 + index * row
        rule = rules.get(code)
        name = f"{code} {rule.name}" if rule else code
        width = plot_w * count / peak
        parts.append(f'<text x="{left - 10}" y="{y + 16}" text-anchor="end">{_e(name)}</text>'
                     f'<rect class="bar b-amber" x="{left}" y="{y + 3}" width="{width:.1f}" '
                     f'height="{row - 8}" rx="3"><title>{_e(name)}: {count}</title></rect>'
                     f'<text class="value" x="{left + width + 6:.1f}" y="{y + 16}">{count}'
                     f'</text>')
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------- sections

def _card(value: str, label: str, tone: str = "") -> str:
    return f'<div class="card {tone}"><b>{_e(value)}</b><span>{_e(label)}</span></div>'


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _reason(finding: Finding) -> str:
    message = finding.message if len(finding.message) <= 150 else \
        finding.message[:147].rstrip() + "..."
    return f"<li><code>{_e(finding.code)}</code> {_e(message)} <span class=\"note\">" \
           f"(line {finding.line})</span></li>"


def _shortener(analysis: SiteAnalysis) -> Callable[[str], str]:
    """Paths as shown in the report: relative to the site's folder."""
    prefix = "" if analysis.display in ("./", "/") else analysis.display

    def short(path: str) -> str:
        return path[len(prefix):] if prefix and path.startswith(prefix) else path

    return short


def _needs_work(analysis: SiteAnalysis, posts: Sequence[SitePost]) -> list[SitePost]:
    """The scored posts that have a finding or fail the configured limits, worst first."""
    found = []
    for post in posts:
        result = analysis.results[post.path]
        if result.score is not None and (result.findings or result.failing):
            found.append(post)
    return sorted(found, key=lambda p: (analysis.results[p.path].score or 0, p.path))


def _worst(analysis: SiteAnalysis, ranked: Sequence[SitePost],
           short: Callable[[str], str]) -> str:
    rows = []
    for post in ranked[:WORST]:
        result = analysis.results[post.path]
        score = result.score or 0
        reasons = "".join(_reason(f) for f in result.reasons) or \
            '<li class="empty">no finding; it fails the configured limits</li>'
        when = post.date.isoformat() if post.date else "undated"
        rows.append(
            f'<tr class="worst-post"><td><span class="score s-{band(score)}">{score}</span></td>'
            f'<td><b>{_e(post.title or "(no title)")}</b><br><span class="path">'
            f'{_e(short(post.path))}</span><br><span class="note">{when} · {result.words} '
            f'words</span></td><td><ul class="reasons">{reasons}</ul></td></tr>')
    return ('<table id="worst-posts"><thead><tr><th>score</th><th>post</th>'
            '<th>top reasons it is not higher</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _path_list(paths: Sequence[str], short: Callable[[str], str]) -> str:
    return ", ".join(f'<span class="path">{_e(short(p))}</span>' for p in paths)


def _duplicates(analysis: SiteAnalysis, short: Callable[[str], str]) -> str:
    parts: list[str] = []
    if analysis.duplicates:
        rows = "".join(
            f'<tr class="duplicate-cluster"><td class="nowrap"><span class="simbar"><i '
            f'style="width:{round(c.similarity * 100)}%"></i></span>'
            f"<b>{round(c.similarity * 100)}%</b></td>"
            f"<td>{len(c.paths)}</td><td>{_path_list(c.paths, short)}</td></tr>"
            for c in analysis.duplicates)
        parts.append('<h3>Near-duplicate posts</h3><table id="duplicate-clusters"><thead><tr>'
                     "<th>wording shared</th><th>posts</th><th>which</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    for heading, groups in (("Same or nearly the same title", analysis.title_groups),
                            ("Same or nearly the same description",
                             analysis.description_groups)):
        if groups:
            items = "".join(f"<li>{_path_list(group, short)}</li>" for group in groups)
            parts.append(f"<details><summary><b>{heading}</b>: {len(groups)} group"
                         f"{'s' if len(groups) != 1 else ''}</summary><ul>{items}</ul>"
                         "</details>")
    if analysis.boilerplate:
        items = "".join(f"<li><b>{len(paths)} posts:</b> {_e(_cut(text, 160))}</li>"
                        for text, paths in analysis.boilerplate[:30])
        more = len(analysis.boilerplate) - 30
        tail = f"<li class=\"empty\">and {more} more</li>" if more > 0 else ""
        parts.append(f"<details><summary><b>Paragraphs repeated across posts</b>: "
                     f"{len(analysis.boilerplate)}</summary><ul>{items}{tail}</ul></details>")
    return "".join(parts) or '<p class="empty">No near-duplicate posts, titles or ' \
        'descriptions, and no repeated paragraphs.</p>'


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


#: How many findings of one rule the report lists before "and N more".
FINDINGS_SHOWN = 40


def _site_findings(analysis: SiteAnalysis, rules: Mapping[str, type[Rule]],
                   short: Callable[[str], str]) -> str:
    found = analysis.findings()
    if not found:
        return '<p class="empty">The site checks found nothing.</p>'
    by_code: dict[str, list[tuple[str, Finding]]] = {}
    for path, finding in found:
        by_code.setdefault(finding.code, []).append((path, finding))
    parts = []
    for code in sorted(by_code):
        items = by_code[code]
        rule = rules.get(code)
        rows = "".join(
            f'<tr><td><span class="path">{_e(short(path))}:{f.line}</span></td>'
            f"<td>{_e(f.message)}</td></tr>" for path, f in items[:FINDINGS_SHOWN])
        more = len(items) - FINDINGS_SHOWN
        if more > 0:
            rows += (f'<tr><td colspan="2" class="empty">and {more} more: '
                     "<code>valuelint site</code> lists them all</td></tr>")
        summary = rule.summary() if rule else ""
        parts.append(
            f'<details class="site-rule" data-code="{_e(code)}"><summary><code>{_e(code)}'
            f"</code> <b>{_e(rule.name if rule else '')}</b> · {len(items)} finding"
            f"{'s' if len(items) != 1 else ''} ({_e(items[0][1].severity.value)}) · "
            f'<span class="note">{_e(summary)}</span></summary><table><tbody>{rows}'
            "</tbody></table></details>")
    return "".join(parts)


def render_report(
    analysis: SiteAnalysis, rules: Mapping[str, type[Rule]], title: str,
    errors: Sequence[PostResult] = (),
) -> str:
    """The HTML report of a site."""
    published = analysis.published
    scored = [(p, analysis.results[p.path].score) for p in published]
    scores = [s for _, s in scored if s is not None]
    dated = sorted(((p, s) for p, s in scored if p.date is not None and s is not None),
                   key=lambda item: (item[0].date, item[0].path))
    mean = sum(scores) / len(scores) if scores else 0.0
    short = _shortener(analysis)
    limits = Counter(analysis.results[p.path].fail_under for p in published)
    fail_under = max(limits.items(), key=lambda kv: (kv[1], kv[0] or 0))[0] if limits else None
    fail_under = 50.0 if fail_under is None else fail_under
    below = sum(1 for s in scores if s < 50)
    failing = sum(1 for p in published if analysis.results[p.path].failing)
    span = ""
    if dated:
        span = f" from {dated[0][0].date} to {dated[-1][0].date}"
    head = (f'<p class="sub">{_e(describe(analysis.generator))} · {len(published)} '
            f'published post{"s" if len(published) != 1 else ""}{_e(span)} · '
            f'{len(analysis.drafts)} draft{"s" if len(analysis.drafts) != 1 else ""}</p>')
    cards = [
        _card(str(len(published)), "published posts"),
        _card(_num(mean) if scores else "-", f"mean score (median {_num(median(scores))})"
              if scores else "mean score",
              "good" if mean >= 80 else "warn" if mean >= 60 else "bad"),
        _card(str(below), "posts scoring below 50", "bad" if below else "good"),
        _card(_share(len(analysis.thin), len(published)),
              f"thin posts ({len(analysis.thin)})", "warn" if analysis.thin else "good"),
        _card(_share(len(analysis.promotional), len(published)),
              f"promotional posts ({len(analysis.promotional)})",
              "warn" if analysis.promotional else "good"),
        _card(str(len(analysis.duplicates)), "near-duplicate groups",
              "warn" if analysis.duplicates else "good"),
        _card(str(len(analysis.findings())), "site findings"),
    ]
    sections: list[str] = []
    if scores:
        top = sum(1 for s in scores if s >= 90)
        sections.append(
            '<section id="distribution"><h2>Score distribution</h2><p class="note">'
            f"How many posts score in each band of ten points (0-100, higher is better): "
            f"{_share(top, len(scores))} score 90 or more, {below} below 50, "
            f"{failing} fail the configured limits.</p>{_histogram(scores)}</section>")
    if dated:
        sections.append(
            f'<section id="over-time"><h2>Scores over time</h2><p class="note">Each dot is a '
            f'post, placed by its date and score; the line is the mean by {analysis.period}. '
            f"{len(dated)} of {len(published)} posts have a date.</p>"
            f"{_timeline(dated, analysis.trend, analysis.period, fail_under, short)}"
            "</section>")
    else:
        sections.append('<section id="over-time"><h2>Scores over time</h2><p class="empty">'
                        "No post has a date (front matter <code>date</code> or a "
                        "<code>YYYY-MM-DD-</code> file name), so there is no timeline."
                        "</p></section>")
    if analysis.months:
        silent = {month for s in analysis.silences for month, _ in analysis.months
                  if s.first <= month <= s.last}
        busiest = max(analysis.months, key=lambda m: (m[1], m[0]))
        empty = sum(1 for _, count in analysis.months if not count)
        note = (f"Posts published each month, {analysis.months[0][0]} to "
                f"{analysis.months[-1][0]}: {len(dated)} posts over {len(analysis.months)} "
                f"months, {sum(c for _, c in analysis.months) / len(analysis.months):.1f} a "
                f"month on average (dashed line); busiest {busiest[0]} ({busiest[1]}); "
                f"{empty} month{'s' if empty != 1 else ''} without a post")
        if analysis.silences:
            note += "; long silences are shaded"
        sections.append(f'<section id="cadence"><h2>Publishing cadence</h2><p class="note">'
                        f"{_e(note)}.</p>{_cadence(analysis.months, silent)}</section>")
    needing = _needs_work(analysis, published)
    if needing:
        shown = min(WORST, len(needing))
        of = (f" of the {len(needing)} that have a finding or fail the configured limits"
              if len(needing) > WORST else "")
        worst = (f'<p class="note">The {shown} lowest-scoring post{"s" if shown != 1 else ""}'
                 f"{of}, with the findings that cost each the most.</p>"
                 f"{_worst(analysis, needing, short)}")
    elif scores:
        worst = ('<p class="empty">Every post passes the configured limits with no finding: '
                 "none needs work.</p>")
    else:
        worst = '<p class="empty">No post could be scored.</p>'
    sections.append(f'<section id="worst"><h2>Posts that need the most work</h2>{worst}'
                    "</section>")
    sections.append('<section id="duplicates"><h2>Duplicates</h2><p class="note">Posts that '
                    "say nearly the same thing (the share of their five-word phrases they "
                    "have in common), titles and descriptions used twice, and paragraphs "
                    "pasted into many posts.</p>"
                    f"{_duplicates(analysis, short)}</section>")
    counts = Counter(f.code for p in published for f in analysis.results[p.path].findings)
    if counts:
        common = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
        sections.append('<section id="rules"><h2>Most frequent findings</h2>'
                        '<p class="note">Findings across all posts, by rule.</p>'
                        f"{_rule_bars(common, rules)}</section>")
    sections.append('<section id="site-checks"><h2>Site findings</h2><p class="note">What '
                    "the site-level rules report, by rule (open one to see its findings); "
                    "<code>valuelint site</code> prints them all.</p>"
                    f"{_site_findings(analysis, rules, short)}</section>")
    if errors:
        items = "".join(f'<li><span class="path">{_e(short(r.path))}</span>: {_e(e)}</li>'
                        for r in errors for e in r.errors)
        sections.append(f'<section id="errors"><h2>Could not be checked</h2><ul>{items}'
                        "</ul></section>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}: valuelint site report</title><style>{_CSS}</style></head>"
        f"<body><main><header><h1>{_e(title)}</h1>{head}</header>"
        f'<div class="cards">{"".join(cards)}</div>'
        + "".join(sections)
        + f"<footer>valuelint {_e(__version__)} site report. Scores are 0-100 reader-value "
        "scores: 90 or more is a post with little or nothing to fix, below 50 one that fails "
        "by default. Run <code>valuelint score FILE</code> for a post's score card.</footer>"
        "</main></body></html>\n"
    )
