"""The site checks: from every post's result and features to site findings and figures.

:func:`analyse_site` gathers the posts of one site (their features, see
:mod:`valuelint.site.posts`), runs the selected ``SITE`` rules' ``check_site``
(:mod:`valuelint.site.rules`) over them and returns a :class:`SiteAnalysis`:
the findings on each post, the findings on the site as a whole, and the
figures the text overview and the HTML report draw. :meth:`SiteAnalysis.apply`
adds the findings to the results of ``valuelint check`` so that every
reporter shows them.

Site findings do not change a post's score (the score is the post's own value
to a reader); like any finding, one at or above ``fail-on`` fails the run.
Findings about the whole site (the share of thin posts, the score trend) are
reported on the site's folder, shown with a trailing ``/``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from valuelint.cache import finding_from_json, finding_to_json
from valuelint.config import Config
from valuelint.result import PostResult
from valuelint.rule import Finding, Rule, Severity
from valuelint.selection import specificity
from valuelint.site.context import Cluster, DraftAge, SiteContext
from valuelint.site.generators import Generator
from valuelint.site.posts import Features, SitePost, post_from_text, post_to_json, words_of
from valuelint.site.rules import RULES, BoilerplateParagraph, NearDuplicatePost, SiteRule
from valuelint.site.store import KnownPost, SiteStore, digest_of, feature_parts
from valuelint.site.timeline import Silence

if TYPE_CHECKING:
    from valuelint.cache import EntryKey, ResultCache
    from valuelint.parallel import CheckedPost

__all__ = [
    "Cluster", "FeatureRequest", "Member", "SiteAnalysis", "analyse_site", "features_for",
]

#: The version of the site's findings kept in the cache: change it with their shape.
SITE_VERDICT = "site-findings-1"


@dataclass(slots=True)
class SiteAnalysis:
    """Everything the site checks found, and the figures behind them."""

    root: Path
    display: str
    """The site's folder as shown in reports, ending in ``/``."""
    generator: Generator | None
    posts: list[SitePost] = field(default_factory=list)
    results: dict[str, PostResult] = field(default_factory=dict)
    """Each post's check result, by path."""
    enabled: tuple[str, ...] = ()
    """The site rules that ran."""
    file_findings: dict[str, list[Finding]] = field(default_factory=dict)
    site_findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    months: list[tuple[str, int]] = field(default_factory=list)
    """Published posts per month, from the first dated post's month to the last's."""
    silences: list[Silence] = field(default_factory=list)
    period: str = "quarter"
    trend: list[tuple[str, float, int]] = field(default_factory=list)
    """(period, mean score, posts) for every period with dated, scored posts."""
    duplicates: list[Cluster] = field(default_factory=list)
    title_groups: list[tuple[str, ...]] = field(default_factory=list)
    description_groups: list[tuple[str, ...]] = field(default_factory=list)
    boilerplate: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(paragraph, the posts that hold it), most repeated first."""
    thin: list[str] = field(default_factory=list)
    promotional: list[str] = field(default_factory=list)
    stale: list[DraftAge] = field(default_factory=list)

    @property
    def published(self) -> list[SitePost]:
        return [post for post in self.posts if not post.draft]

    @property
    def drafts(self) -> list[SitePost]:
        return [post for post in self.posts if post.draft]

    def findings(self) -> list[tuple[str, Finding]]:
        """Every site finding with the path it is on, in report order."""
        found = [(path, finding) for path in self.results
                 for finding in self.file_findings.get(path, [])]
        found.extend((self.display, finding) for finding in self.site_findings)
        return found

    def site_result(self, fail_on: Severity) -> PostResult | None:
        """The result for the site's folder: the findings about the whole site."""
        if not self.site_findings and not self.errors:
            return None
        return PostResult(path=self.display, findings=tuple(self.site_findings),
                          errors=tuple(self.errors),
                          failing=any(f.severity.rank >= fail_on.rank
                                      for f in self.site_findings),
                          fail_on=fail_on, site=True)

    def apply(
        self, results: Sequence[PostResult], fail_on: Callable[[str], Severity],
    ) -> list[PostResult]:
        """``results`` with the site findings added, then the site's own result.

        ``fail_on`` gives the ``fail-on`` severity governing a path.
        """
        merged: list[PostResult] = []
        for result in results:
            extra = self.file_findings.get(result.path)
            if not extra:
                merged.append(result)
                continue
            limit = fail_on(result.path)
            merged.append(replace(
                result, findings=tuple(sorted([*result.findings, *extra], key=Finding.sort_key)),
                failing=result.failing or any(f.severity.rank >= limit.rank for f in extra)))
        site = self.site_result(fail_on(self.display))
        if site is not None:
            merged.append(site)
        return merged


@dataclass(frozen=True, slots=True)
class Member:
    """A file of the site: its check result and where it is."""

    result: PostResult
    file: Path
    drafts_folder: bool = False


def features_for(config: Config) -> Features:
    """What a site's configuration asks of each post's features: the shingles of
    SITE001 (near-duplicate-post), the paragraphs of SITE002 (boilerplate-paragraph)."""
    shingles = config.rule_options(NearDuplicatePost)
    boilerplate = config.rule_options(BoilerplateParagraph)
    return Features(
        shingle_size=max(1, int(shingles["shingle-size"])),
        min_words=int(boilerplate["min-words"]),
        allow=tuple(words for words in (words_of(str(text)) for text in boilerplate["allow"])
                    if words))


@dataclass(frozen=True, slots=True)
class FeatureRequest:
    """A post of a site being checked, whose features are worked out while it is checked.

    A :class:`~valuelint.parallel.PostHook`: ``check DIR``, ``site`` and
    ``report`` read each post once for its check, in a worker; the site
    analysis afterwards, in the main process, would read, decode and split
    every post again. Working the features out where the text and its front
    matter already are takes that second pass off the main process; they come
    back with the post's result, and are kept in the cache (beside the result)
    for the next run.
    """

    file: Path
    """The post, resolved (as the site analysis names its members)."""
    drafts_folder: bool
    features: Features

    def __call__(self, post: CheckedPost, cache: ResultCache | None) -> KnownPost | None:
        made = post_from_text(post.text, self.file, post.display, self.features,
                              self.drafts_folder, post.document.front_matter)
        if made is None:
            return None
        if cache is not None:
            digest = cache.digest_of(post.display) or hashlib.sha256(post.data).hexdigest()
            parts = feature_parts(post.display, self.drafts_folder, self.features)
            cache.store_value(cache.site_key(parts, digest), post_to_json(made))
        return KnownPost(self.features, self.drafts_folder, made)


def _verdict_entry(
    site: SiteAnalysis, config: Config, members: Sequence[Member], cache: ResultCache,
) -> EntryKey | None:
    """The cache entry of the site's findings (SITE009's apart), or None when a
    member's result was not looked up in this process.

    The result entry keys fix each post's bytes, result and configuration
    (``per-file-ignores`` included); with the site's configuration and which
    posts it holds, they fix every finding but SITE009's, which depend on
    today's date and on git.
    """
    posts: list[list[Any]] = []
    for member in members:
        key = cache.result_key_of(member.result.path)
        if key is None:
            return None
        posts.append([member.result.path, key, str(member.file), member.drafts_folder])
    return cache.site_key([SITE_VERDICT, site.display],
                          digest_of([str(site.root), config.fingerprint(), posts]))


def _verdict_to_json(site: SiteAnalysis) -> dict[str, Any]:
    return {
        "files": [[path, [finding_to_json(f) for f in findings]]
                  for path, findings in site.file_findings.items()],
        "site": [finding_to_json(f) for f in site.site_findings],
        "errors": list(site.errors),
        "drafts": [post.path for post in site.drafts],
    }


def _verdict_from_json(
    stored: Any, site: SiteAnalysis, members: Sequence[Member],
) -> list[Member]:
    """Fill ``site`` with the findings :func:`_verdict_to_json` saved; the members that
    are drafts. Raises ``TypeError``, ``ValueError`` or ``KeyError`` on anything else."""
    by_path = {member.result.path: member for member in members}
    file_findings: dict[str, list[Finding]] = {}
    for path, findings in stored["files"]:
        if path not in by_path or path in file_findings or not isinstance(findings, list):
            raise TypeError("not the findings of this site's posts")
        file_findings[path] = [finding_from_json(f) for f in findings]
    site_findings = [finding_from_json(f) for f in stored["site"]]
    errors, drafts = stored["errors"], stored["drafts"]
    if not isinstance(errors, list) or not all(type(e) is str for e in errors) \
            or not isinstance(drafts, list) or not all(type(d) is str for d in drafts):
        raise TypeError("not the errors and drafts of a site")
    draft_members = [by_path[path] for path in drafts]
    site.file_findings, site.site_findings, site.errors = file_findings, site_findings, errors
    site.results = {member.result.path: member.result for member in members}
    return draft_members


def _allowed(
    file_config: Callable[[Path], Config | None],
) -> Callable[[SitePost, type[Rule]], bool]:
    """Whether a post's ``per-file-ignores`` and front matter leave a site rule on."""
    def allowed(post: SitePost, rule: type[Rule]) -> bool:
        selectors = list(post.ignored)
        config = file_config(post.file)
        if config is not None:
            selectors.extend(config.ignored_for(post.file))
        return not any(specificity(rule.code, rule.name, s) >= 0 for s in selectors)

    return allowed


def analyse_site(
    root: Path, display: str, generator: Generator | None, members: Sequence[Member],
    config: Config, file_config: Callable[[Path], Config | None], today: date,
    *, figures: bool = False, cache: ResultCache | None = None,
    known: Mapping[str, KnownPost] | None = None,
    measured: Mapping[tuple[str, str], float] | None = None,
) -> SiteAnalysis:
    """Run the site rules selected by ``config`` over ``members`` (the site's files).

    ``file_config`` gives the configuration governing a post (for its
    ``per-file-ignores``), or None. Files that could not be checked are left
    out. With ``figures``, the rules that are not selected run too, for their
    figures (for the overview and the report); they report nothing.

    ``known`` holds, by path, the features of posts worked out while they were
    checked (see :class:`FeatureRequest`): those posts are not read again.
    With ``cache``, each post's features are kept next to its result and read
    back while the post's bytes are unchanged. Without ``figures``, the
    site's findings are kept too, and while nothing they depend on changes
    only the rules that are not :attr:`~valuelint.site.rules.SiteRule.cached`
    run again, over the drafts (SITE009): the analysis then holds the
    findings and the drafts, not the figures.

    ``measured`` holds the near-duplicate pairs (SITE001) when they were measured
    elsewhere, by the paths of their two posts (see :mod:`valuelint.dask`): the
    posts' shingles are then never read.
    """
    site = SiteAnalysis(root=root, display=display, generator=generator)
    options = {rule: config.rule_options(rule) for rule in RULES}
    site.enabled = tuple(rule.code for rule in RULES if config.selects(rule.code, rule.name))
    store = SiteStore(cache, features_for(config), int(config.max_file_size_mb * 1_000_000),
                      known or {}, measured)
    checked = [member for member in members
               if not member.result.errors and member.result.score is not None]
    verdict = None if figures or cache is None else _verdict_entry(site, config, checked, cache)
    # The drafts, when the site's findings (all but SITE009's) are read back from the
    # cache: only they are read again, for the rules that run every time. None when
    # every post is analysed.
    cached_drafts: list[Member] | None = None
    if verdict is not None and cache is not None:
        stored = cache.load_value(verdict)
        if stored is not None:
            try:
                cached_drafts = _verdict_from_json(stored, site, checked)
            except (TypeError, ValueError, KeyError):
                cached_drafts = None  # damaged, or made by another version: analysed again
    for member in checked if cached_drafts is None else cached_drafts:
        post = store.post(member.file, member.result.path, member.drafts_folder)
        if post is None:
            continue
        site.posts.append(post)
        if cached_drafts is None:
            site.results[post.path] = member.result
    allowed = _allowed(file_config)
    site_codes = frozenset(rule.code for rule in RULES)

    def run(rules: Sequence[type[SiteRule]]) -> None:
        for rule in rules:
            selected = rule.code in site.enabled
            if selected or figures:
                rule().check_site(SiteContext(rule, site, options[rule], selected, today,
                                              store, allowed, site_codes))

    if cached_drafts is None:
        for rule in RULES:
            site.errors.extend(rule.option_errors(options[rule]))
        run([rule for rule in RULES if rule.cached])
        if verdict is not None and cache is not None:
            cache.store_value(verdict, _verdict_to_json(site))
    run([rule for rule in RULES if not rule.cached])
    for findings in site.file_findings.values():
        findings.sort(key=Finding.sort_key)
    return site
