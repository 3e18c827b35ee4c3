"""Figures every reporter shows: counts by severity, scores, files that fail."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from valuelint.result import PostResult

__all__ = ["Summary", "code_ranges", "skipped_note", "summarize"]


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
    languages: tuple[tuple[str, int], ...] = ()
    """Files checked in each language, by language code."""


def summarize(results: Sequence[PostResult]) -> Summary:
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
        languages=tuple(sorted(Counter(r.language for r in results if r.language).items())),
    )


def code_ranges(codes: Sequence[str]) -> str:
    """Rule codes by family, with runs shortened: ``BAIT001-003, PROM002, THIN007-009``."""
    parts: list[str] = []
    run: list[tuple[str, int]] = []

    def close() -> None:
        if run:
            (prefix, first), (_, last) = run[0], run[-1]
            parts.append(f"{prefix}{first:03d}" + (f"-{last:03d}" if last != first else ""))
            run.clear()

    for code in sorted(codes):
        prefix, number = code.rstrip("0123456789"), code[len(code.rstrip("0123456789")):]
        if not number:
            close()
            parts.append(code)
            continue
        value = int(number)
        if run and (run[-1][0] != prefix or run[-1][1] != value - 1):
            close()
        run.append((prefix, value))
    close()
    return ", ".join(parts)


def skipped_note(result: PostResult) -> str:
    """One line on the rules a post's language kept from running, or "" when none were."""
    if not result.skipped:
        return ""
    count = len(result.skipped)
    return (f"checked as language '{result.language}': {count} rule{'s' if count != 1 else ''} "
            f"written for other languages did not run ({code_ranges(result.skipped)})")
