"""Figures every reporter shows: counts by severity, scores, files that fail."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from valuelint.engine import FileResult

__all__ = ["Summary", "summarize"]


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    findings: int
    errors: int
    warnings: int
    infos: int
    files_with_errors: int
    """Files that could not be checked fully (input or configuration problems)."""
    failing_files: int
    mean_score: float | None
    by_code: tuple[tuple[str, int], ...]
    sites: int = 0
    """Entries for a whole site (its folder), which hold the site's own findings."""
    files_not_checked: int = 0
    """Entries with errors and no score: nothing in them could be checked."""


def summarize(results: Sequence[FileResult]) -> Summary:
    severities = Counter(f.severity.value for r in results for f in r.findings)
    codes = Counter(f.code for r in results for f in r.findings)
    scores = [r.score for r in results if r.score is not None]
    return Summary(
        files=len(results),
        findings=sum(len(r.findings) for r in results),
        errors=severities["error"],
        warnings=severities["warning"],
        infos=severities["info"],
        files_with_errors=sum(1 for r in results if r.errors),
        failing_files=sum(1 for r in results if r.failing),
        mean_score=round(sum(scores) / len(scores), 1) if scores else None,
        by_code=tuple(sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))),
        sites=sum(1 for r in results if r.site),
        files_not_checked=sum(1 for r in results if r.errors and r.score is None
                              and not r.site),
    )
