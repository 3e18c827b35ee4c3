"""Figures every reporter shows: counts by severity, scores, files that fail."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from valuelint.result import PostResult
from valuelint.rule import Finding

__all__ = ["Summary", "Tally", "code_ranges", "skipped_note", "summarize"]


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


class Tally:
    """A :class:`Summary` counted one result at a time, holding counters only: a report
    streamed post by post (``--format jsonl``) keeps no result to sum up at the end."""

    def __init__(self) -> None:
        self.files = 0
        self.findings = 0
        self.severities: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self.files_with_errors = 0
        self.failing_files = 0
        self.score_total = 0
        self.scored = 0
        self.sites = 0
        self.files_not_checked = 0
        self.languages: Counter[str] = Counter()

    def add(self, result: PostResult) -> None:
        """Count one entry of the report."""
        self.files += 1
        self.add_findings(result.findings)
        self.files_with_errors += bool(result.errors)
        self.failing_files += result.failing
        if result.score is not None:
            self.score_total += result.score
            self.scored += 1
        self.sites += result.site
        self.files_not_checked += bool(result.errors and result.score is None
                                       and not result.site)
        if result.language:
            self.languages[result.language] += 1

    def add_findings(self, findings: Iterable[Finding], *, now_failing: bool = False) -> None:
        """Count findings added to an entry already counted (a post's site findings);
        ``now_failing`` when they make a passing entry fail."""
        for finding in findings:
            self.findings += 1
            self.severities[finding.severity.value] += 1
            self.codes[finding.code] += 1
        self.failing_files += now_failing

    def summary(self) -> Summary:
        return Summary(
            files=self.files,
            findings=self.findings,
            errors=self.severities["error"],
            warnings=self.severities["warning"],
            infos=self.severities["info"],
            files_with_errors=self.files_with_errors,
            failing_files=self.failing_files,
            mean_score=round(self.score_total / self.scored, 1) if self.scored else None,
            by_code=tuple(sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0]))),
            sites=self.sites,
            files_not_checked=self.files_not_checked,
            languages=tuple(sorted(self.languages.items())),
        )


def summarize(results: Iterable[PostResult]) -> Summary:
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.summary()


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
