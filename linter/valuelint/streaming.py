"""``valuelint check --format jsonl``: each post's line written as soon as it is judged.

A run over 100,000 posts holds what one post needs, not 100,000 results: the
results go to :class:`~valuelint.reporters.jsonl.LineWriter` one by one and
the summary is counted as they pass. Only the site checks (a folder with
``SITE`` rules selected) need something of every post once all are judged;
:class:`SiteRecords` keeps that much, a slim copy of each result of a site
(its path, score, whether it failed and its findings at warning or above), and
the site phase keeps each post's site features (see :mod:`valuelint.site.phase`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from valuelint.reporters.jsonl import LineWriter
from valuelint.reporters.summary import Summary
from valuelint.result import PostResult
from valuelint.rule import Severity

if TYPE_CHECKING:
    from valuelint.cache import ResultCache
    from valuelint.runner import ConfigSource
    from valuelint.site.phase import SiteFeatures

__all__ = ["SiteRecords", "print_errors", "stream"]


def slim(result: PostResult) -> PostResult:
    """What the site checks read of a post's result: its path, score, errors, whether
    it fails, and its findings at warning or above (those the share rules count)."""
    return PostResult(
        path=result.path, score=result.score, errors=result.errors, failing=result.failing,
        fail_on=result.fail_on, fail_under=result.fail_under, language=result.language,
        findings=tuple(f for f in result.findings
                       if f.severity.rank >= Severity.WARNING.rank))


class SiteRecords:
    """The posts of the sites being checked with site rules, as :func:`slim` results."""

    def __init__(self, targets: Sequence[Path], loader: ConfigSource,
                 features: SiteFeatures, cache: ResultCache | None) -> None:
        self._targets = targets
        self._loader = loader
        self._features = features
        self._cache = cache
        self.kept: dict[str, PostResult] = {}

    def keep(self, result: PostResult) -> None:
        """Keep ``result`` if a site check will read it."""
        if result.errors or result.score is None:
            return  # the site checks leave out what could not be checked
        if self._features.hook(result.path) is not None:
            self.kept[result.path] = slim(result)

    def write(self, writer: LineWriter, notice: Callable[[PostResult], None]) -> None:
        """Analyse each site and write its lines: each post's site findings, then the
        site's own entry (as :func:`valuelint.site.phase.add_site_results` adds them)."""
        from valuelint.site.phase import fail_on_for, site_analyses

        fail_on = fail_on_for(self._loader)
        analyses = site_analyses(self._targets, list(self.kept.values()), self._loader,
                                 cache=self._cache, features=self._features)
        for analysis in analyses:
            for path, record in self.kept.items():
                extra = analysis.file_findings.get(path)
                if not extra:
                    continue
                limit = fail_on(path)
                found = PostResult(
                    path=path, findings=tuple(extra), fail_on=limit,
                    failing=any(f.severity.rank >= limit.rank for f in extra))
                writer.site_findings(found, was_failing=record.failing)
                if found.failing and not record.failing:
                    self.kept[path] = replace(record, failing=True)
            own = analysis.site_result(fail_on(analysis.display))
            if own is not None:
                notice(own)
                writer.entry(own)


def print_errors(result: PostResult) -> None:
    """Say on standard error what could not be checked (the report goes to a tool)."""
    for error in result.errors:
        print(f"{result.path}: error: {error}", file=sys.stderr)


def stream(
    results: Iterable[PostResult], writer: LineWriter, *, site: SiteRecords | None = None,
    skipped: Callable[[], int] = lambda: 0,
    notice: Callable[[PostResult], None] = print_errors,
) -> Summary:
    """Write a line per result as it comes, then the site lines, then the summary line
    (``skipped()``: the files left out, known once every result has come)."""
    for result in results:
        notice(result)
        writer.entry(result)
        if site is not None:
            site.keep(result)
    if site is not None:
        site.write(writer, notice)
    return writer.summary(skipped())
