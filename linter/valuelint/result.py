"""What valuelint says about one post: :class:`PostResult`, the unit every reporter reads.

A result is immutable and pickles as plain data, so it crosses from worker
processes, Dask workers or threads unchanged. :meth:`PostResult.to_dict` is
the post's entry of the JSON report (docs/json-format.md), key for key: the
report and the Python API are one contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from valuelint.rule import Finding, Severity
from valuelint.scoring import Contribution

__all__ = ["PostResult"]


@dataclass(frozen=True, slots=True)
class PostResult:
    """Everything valuelint has to say about one post (or one path that failed)."""

    path: str
    """The path as the user should see it (relative where possible, ``/`` separators)."""
    findings: tuple[Finding, ...] = ()
    score: int | None = None
    """0-100 reader-value score; None when the post could not be checked."""
    breakdown: dict[str, int] = field(default_factory=dict)
    """The score of each dimension (``substance``, ``promotion``...), 0-100."""
    reasons: tuple[Finding, ...] = ()
    """The findings that cost the score most, largest first."""
    errors: tuple[str, ...] = ()
    """One-line problems that stopped or limited the check (exit code 2)."""
    words: int = 0
    failing: bool = False
    """True when a finding is at or above ``fail-on`` or the score is below ``fail-under``."""
    fail_under: float | None = None
    """The ``fail-under`` the score was held to (None when the post was not scored)."""
    fail_on: Severity | None = None
    """The ``fail-on`` its findings were held to (None when the post was not checked)."""
    site: bool = False
    """True for the entry of a whole site (its folder), holding the site's own findings."""
    language: str = ""
    """The language the post was checked as (``en``, ``de``); empty when it was not checked."""
    skipped: tuple[str, ...] = ()
    """Codes of selected rules that did not run because they do not support ``language``."""
    contributions: tuple[Contribution, ...] = ()
    """What moved the score from a typical post's by :data:`~valuelint.scoring.SHOWN_POINTS`
    or more, largest first (see :mod:`valuelint.scoring`)."""

    def __post_init__(self) -> None:
        # Lists given by a caller become tuples: a result never changes once made,
        # and two equal results compare equal however they were built.
        for name in ("findings", "reasons", "errors", "skipped", "contributions"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    @property
    def failing_findings(self) -> list[Finding]:
        """The findings at or above ``fail-on``."""
        if self.fail_on is None:
            return []
        limit = self.fail_on.rank
        return [f for f in self.findings if f.severity.rank >= limit]

    @property
    def score_fails(self) -> bool:
        """True when the score itself is below ``fail-under``."""
        return (self.score is not None and self.fail_under is not None
                and self.score < self.fail_under)

    def to_dict(self) -> dict[str, Any]:
        """The post's entry of the JSON report (docs/json-format.md#file-objects)."""
        return {
            "path": self.path,
            "score": self.score,
            "breakdown": dict(self.breakdown),
            "words": self.words,
            "failing": self.failing,
            "findings": [f.to_dict() for f in self.findings],
            "reasons": [f.to_dict() for f in self.reasons],
            "contributions": [c.to_dict() for c in self.contributions],
            "errors": list(self.errors),
            "language": self.language,
            "skipped_rules": list(self.skipped),
        }
