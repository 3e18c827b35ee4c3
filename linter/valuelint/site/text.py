"""``valuelint site``'s text output: the site's figures, then its findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from statistics import median

from valuelint.result import PostResult
from valuelint.site.analysis import SiteAnalysis
from valuelint.site.generators import describe

__all__ = ["overview"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _month_table(months: Sequence[tuple[str, int]]) -> list[str]:
    by_year: dict[str, dict[int, int]] = {}
    for key, count in months:
        year, month = key.split("-")
        by_year.setdefault(year, {})[int(month)] = count
    lines = ["        " + " ".join(f"{m:>3}" for m in _MONTHS) + "  total"]
    for year, counts in by_year.items():
        cells = [f"{counts[m]:>3}" if m in counts else "   " for m in range(1, 13)]
        lines.append(f"  {year}  " + " ".join(cells) + f"  {sum(counts.values()):>5}")
    return lines


def _trend_table(trend: Sequence[tuple[str, float, int]], period: str) -> list[str]:
    if period == "month":
        return [f"  {key}  {mean:5.1f}  ({count} post{'s' if count != 1 else ''})"
                for key, mean, count in trend]
    by_year: dict[str, dict[int, float]] = {}
    for key, mean, _ in trend:
        year, quarter = key.split("Q")
        by_year.setdefault(year, {})[int(quarter)] = mean
    lines = ["           Q1     Q2     Q3     Q4"]
    for year, means in by_year.items():
        cells = [f"{means[q]:6.1f}" if q in means else "      " for q in range(1, 5)]
        lines.append(f"  {year}  " + " ".join(cells))
    return lines


def overview(analysis: SiteAnalysis, shown: Sequence[PostResult]) -> str:
    """The figures of a site, its findings as the text report prints them, and a summary."""
    published = analysis.published
    drafts = analysis.drafts
    dated = [p for p in published if p.date is not None]
    scores = [analysis.results[p.path].score for p in published]
    values = [s for s in scores if s is not None]
    lines = [f"Site {analysis.display}: {describe(analysis.generator)}"]
    posts = (f"Posts: {len(published)} published, {len(drafts)} "
             f"draft{'s' if len(drafts) != 1 else ''}")
    if dated:
        first = min(p.date for p in dated if p.date is not None)
        last = max(p.date for p in dated if p.date is not None)
        posts += f"; {len(dated)} dated, from {first.isoformat()} to {last.isoformat()}"
    lines.append(posts)
    if values:
        thin, promotional = len(analysis.thin), len(analysis.promotional)
        lines.append(f"Scores: mean {sum(values) / len(values):.1f}, median {median(values):g}; "
                     f"thin posts {thin} ({_share(thin, len(published))}), "
                     f"promotional posts {promotional} ({_share(promotional, len(published))})")
    if analysis.months:
        lines += ["", "Posts per month:", *_month_table(analysis.months)]
        if analysis.silences:
            lines.append("  Silences: " + ", ".join(
                f"{s.first}..{s.last} ({s.months} months)" for s in analysis.silences))
    if analysis.trend:
        lines += ["", f"Mean score by {analysis.period}:",
                  *_trend_table(analysis.trend, analysis.period)]
    sections = (
        ("Near-duplicate posts", [f"  {round(c.similarity * 100)}%  " + ", ".join(c.paths)
                                  for c in analysis.duplicates]),
        ("Posts sharing a title", ["  " + ", ".join(g) for g in analysis.title_groups]),
        ("Posts sharing a description", ["  " + ", ".join(g)
                                         for g in analysis.description_groups]),
        ("Boilerplate paragraphs", [f"  {len(paths)} posts: " + _cut(text)
                                    for text, paths in analysis.boilerplate]),
        ("Stale drafts", [f"  {s.path}: {s.age_days} days ({s.how} {s.changed.isoformat()})"
                          for s in analysis.stale]),
    )
    for heading, rows in sections:
        if rows:
            lines += ["", f"{heading}:", *rows]
    lines.append("")
    severities: Counter[str] = Counter()
    for result in shown:
        for error in result.errors:
            lines.append(f"{result.path}: error: {error}")
        for f in result.findings:
            severities[f.severity.value] += 1
            lines.append(f"{result.path}:{f.line}:{f.column}: {f.code} [{f.name}] {f.message}")
    total = sum(severities.values())
    if total:
        lines.append("")
    lines.append(
        f"Site checks: {total} finding{'s' if total != 1 else ''} "
        f"({severities['error']} error{'s' if severities['error'] != 1 else ''}, "
        f"{severities['warning']} warning{'s' if severities['warning'] != 1 else ''}, "
        f"{severities['info']} info) in {len(published)} "
        f"post{'s' if len(published) != 1 else ''}.")
    return "\n".join(lines) + "\n"


def _cut(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
