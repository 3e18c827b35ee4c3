"""The site phase of a run over folders: the site checks.

While the posts are checked, :class:`SiteFeatures` says what to work out of
each (by the site it belongs to) and keeps it; then each site is analysed and
its findings are added to the results (:func:`add_site_results`), or shown on
their own by ``valuelint site``.

A run over files, not folders, has no site phase, and does not import this
module, nor the site analysis, the post features and the site store behind it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from valuelint.cache import ResultCache
from valuelint.config import Config
from valuelint.result import PostResult
from valuelint.rule import Rule, Severity
from valuelint.runner import ConfigSource
from valuelint.site.analysis import (
    FeatureRequest,
    Member,
    SiteAnalysis,
    analyse_site,
    features_for,
)
from valuelint.site.checking import (
    Site,
    check_posts,
    config_or_none,
    folder_display,
    membership,
    prepare,
    site_targets,
    sites,
)
from valuelint.site.posts import Features
from valuelint.site.rules import RULES
from valuelint.site.store import KnownPost
from valuelint.site.timeline import today

__all__ = [
    "CheckedSite",
    "SiteFeatures",
    "add_site_results",
    "check_whole_site",
    "fail_on_for",
    "site_analyses",
    "site_only",
]


def _members(site: Site, results: Sequence[PostResult]) -> Iterator[Member]:
    for result in results:
        found = membership(site, result.path)
        if found is not None:
            yield Member(result, *found)


def _site_rules_selected(config: Config) -> bool:
    return any(config.selects(r.code, r.name) for r in RULES)


class SiteFeatures:
    """For ``check DIR``, ``site`` and ``report``: the posts' site features, worked out
    while the posts are checked (a :class:`valuelint.runner.Attachments`).

    :meth:`hook` says, by displayed path, what the site checks will need of a
    post (None for a post of no site with site rules on, or with
    ``require_rules`` False, of no site); :meth:`keep` keeps what came back,
    which :func:`site_analyses` hands to the analysis. The sites are looked for
    on the first call only: a run served from the cache never makes one.
    """

    def __init__(self, targets: Sequence[Path], loader: ConfigSource, *,
                 require_rules: bool = True) -> None:
        self._targets = targets
        self._loader = loader
        self._require_rules = require_rules
        self._planned: list[tuple[Site, Features]] | None = None
        self.known: dict[str, KnownPost] = {}
        """The features worked out, by displayed path."""

    def _plan(self) -> list[tuple[Site, Features]]:
        found = []
        for site in sites(self._targets):
            config = config_or_none(self._loader, site.root)
            if config is not None and (not self._require_rules
                                       or _site_rules_selected(config)):
                found.append((site, features_for(config)))
        return found

    def hook(self, display: str) -> FeatureRequest | None:
        if self._planned is None:
            self._planned = self._plan()
        for site, features in self._planned:
            found = membership(site, display)
            if found is not None:
                return FeatureRequest(found[0], found[1], features)
        return None

    def keep(self, display: str, attached: Any) -> None:
        self.known[display] = attached


def site_analyses(
    targets: Sequence[Path], results: Sequence[PostResult], loader: ConfigSource,
    *, figures: bool = False, require_rules: bool = True, cache: ResultCache | None = None,
    features: SiteFeatures | None = None,
) -> list[SiteAnalysis]:
    """Analyse each site among the folders in ``targets``.

    With ``require_rules``, a site where no site rule is selected is skipped
    (as ``valuelint check`` does); a site whose configuration is broken is
    skipped too (the check has already reported it). ``features`` holds the
    posts' features worked out while they were checked.
    """
    analyses = []
    for site in sites(targets):
        config = config_or_none(loader, site.root)
        if config is None:
            continue
        if require_rules and not _site_rules_selected(config):
            continue
        members = list(_members(site, results))
        analyses.append(analyse_site(
            site.root, folder_display(site.root), site.generator, members, config,
            lambda path: config_or_none(loader, path), today(), figures=figures, cache=cache,
            known=features.known if features is not None else None))
    return analyses


def fail_on_for(loader: ConfigSource) -> Any:
    def fail_on(path: str) -> Severity:
        config = config_or_none(loader, Path(path))
        return config.fail_on if config is not None else Severity.WARNING

    return fail_on


def add_site_results(
    targets: Sequence[Path], results: list[PostResult], loader: ConfigSource,
    cache: ResultCache | None = None, features: SiteFeatures | None = None,
) -> list[PostResult]:
    """``valuelint check``'s results with the site findings of every folder it was given."""
    if not any(str(t) != "-" and t.is_dir() for t in targets):
        return results
    for analysis in site_analyses(targets, results, loader, cache=cache, features=features):
        results = analysis.apply(results, fail_on_for(loader))
    return results


def site_only(analysis: SiteAnalysis, results: Sequence[PostResult],
              fail_on: Any) -> list[PostResult]:
    """One result per post with site findings (those findings only), errors, then the site."""
    shown: list[PostResult] = []
    for result in results:
        findings = analysis.file_findings.get(result.path, [])
        if result.errors or findings:
            limit = fail_on(result.path)
            shown.append(PostResult(
                path=result.path, findings=tuple(findings), errors=tuple(result.errors),
                failing=any(f.severity.rank >= limit.rank for f in findings), fail_on=limit))
    own = analysis.site_result(fail_on(analysis.display))
    if own is not None:
        shown.append(own)
    return shown


@dataclass(frozen=True)
class CheckedSite:
    """A whole site checked: its rules and configuration, every post's result, and the
    analysis of the site (none when its configuration could not be read)."""

    rules: dict[str, type[Rule]]
    loader: ConfigSource
    results: list[PostResult]
    analyses: list[SiteAnalysis]


def check_whole_site(directory: Path, config: Path | None, jobs: int | None, no_cache: bool,
                     cache_dir: Path | None) -> CheckedSite:
    """Check every post of the site at ``directory`` and analyse the site, with its
    figures (what ``site`` and ``report`` show); exits 2 when ``directory`` is not a
    folder or the configuration cannot be read."""
    rules, loader = prepare(directory, config)
    targets, implicit = site_targets(directory)
    features = SiteFeatures([directory], loader, require_rules=False)
    results, cache = check_posts(targets, loader, rules, jobs, no_cache, cache_dir, implicit,
                                 features)
    analyses = site_analyses([directory], results, loader, figures=True, require_rules=False,
                             cache=cache, features=features)
    return CheckedSite(rules, loader, results, analyses)
