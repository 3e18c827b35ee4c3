"""What a site rule sees and how it reports: :class:`SiteContext`, and the figures it fills.

A site rule (:class:`valuelint.site.rules.SiteRule`) looks at a whole blog
through its :meth:`~valuelint.site.rules.SiteRule.check_site`, given a
:class:`SiteContext`: the site's posts (:class:`~valuelint.site.posts.SitePost`,
their features) and each post's check result, the rule's options, and a way to
report a finding on a post or on the site. What a rule measures on the way
(the near-duplicate clusters, the posts per month, the score per quarter) it
writes into :class:`~valuelint.site.analysis.SiteAnalysis`, which the text overview and the HTML
report draw.

This module is imported with the rules, by every command: it imports nothing
heavy (the posts, the analysis and the engine only for their types).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from valuelint.rule import Category, Finding, Rule, Severity

if TYPE_CHECKING:
    from valuelint.result import PostResult
    from valuelint.site.analysis import SiteAnalysis
    from valuelint.site.posts import SitePost
    from valuelint.site.store import SiteStore

__all__ = ["Cluster", "DraftAge", "SiteContext"]


@dataclass(frozen=True, slots=True)
class Cluster:
    """Posts that are near-duplicates of each other (linked pair by pair)."""

    paths: tuple[str, ...]
    similarity: float
    """The highest similarity between two of them (0-1)."""


@dataclass(frozen=True, slots=True)
class DraftAge:
    """A draft reported as stale (SITE009): when it last changed, and how that is known."""

    path: str
    changed: date
    age_days: int
    how: str
    """Where the date came from: ``last commit`` or ``file modified``."""


@dataclass(slots=True)
class SiteContext:
    """What one site rule's ``check_site`` reads, and how it reports.

    A rule runs when it is selected, and also, with ``selected`` False, when
    the site's figures are wanted (``valuelint site``, ``valuelint report``):
    it then fills its figures in :attr:`site` and what it reports is dropped.
    """

    rule: type[Rule]
    site: SiteAnalysis
    """The site's posts and results; the figures the rule measures go here too."""
    options: Mapping[str, Any]
    """The rule's options, as configured for the site (``severity`` included)."""
    selected: bool
    """True when the rule's findings are reported."""
    today: date
    store: SiteStore
    """The posts' features kept in the result cache, and what rules keep there."""
    allowed: Callable[[SitePost, type[Rule]], bool]
    """False when a post's ``per-file-ignores`` or front matter turn a rule off."""
    site_codes: frozenset[str]
    """The codes of the site rules, whose findings :meth:`own_warnings` leaves out."""

    @property
    def published(self) -> list[SitePost]:
        return self.site.published

    @property
    def drafts(self) -> list[SitePost]:
        return self.site.drafts

    def result(self, post: SitePost) -> PostResult | None:
        """The post's own check result."""
        return self.site.results.get(post.path)

    def own_warnings(self, post: SitePost, category: Category) -> list[Finding]:
        """The findings of ``category`` at warning or above of the post's own check.

        Findings of site rules are left out: a run over several sites adds each
        site's findings to the results the next site's analysis reads.
        """
        result = self.result(post)
        if result is None:
            return []
        return [f for f in result.findings
                if f.category is category and f.severity.rank >= Severity.WARNING.rank
                and f.code not in self.site_codes]

    def finding(self, message: str, line: int = 1, end_column: int = 1, *,
                advice: bool = False) -> Finding:
        """A finding of the rule at the start of ``line``, up to ``end_column``.

        An ``advice`` finding is reported as ``info`` unless the rule's severity
        is configured to something other than its default.
        """
        rule = self.rule
        severity = Severity(self.options["severity"])
        if advice and severity is rule.severity:
            severity = Severity.INFO
        return Finding(
            code=rule.code, name=rule.name, category=rule.category, severity=severity,
            message=message, line=line, column=1, end_line=line,
            end_column=max(end_column, 1), url=rule.url())

    def report(self, post: SitePost, message: str, line: int = 1, *,
               advice: bool = False) -> None:
        """Report a finding on ``post`` at ``line`` (unless the post turns the rule off)."""
        if not self.selected or not self.allowed(post, self.rule):
            return
        found = self.finding(message, line, post.line_end(line), advice=advice)
        self.site.file_findings.setdefault(post.path, []).append(found)

    def report_site(self, message: str) -> None:
        """Report a finding on the whole site (shown on its folder)."""
        if self.selected:
            self.site.site_findings.append(self.finding(message))
