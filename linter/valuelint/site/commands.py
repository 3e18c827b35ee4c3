"""What the ``site`` and ``report`` commands and ``check DIR`` do.

The command line (:mod:`valuelint.cli`) only declares the options and calls
these functions; everything here reports bad input as one line on standard
error and exit code 2, never as a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from valuelint.atomic import write_atomic
from valuelint.source import resolved

if TYPE_CHECKING:
    from valuelint.cache import ResultCache
    from valuelint.config import Config
    from valuelint.engine import FileResult
    from valuelint.rule import Rule
    from valuelint.runner import ConfigSource
    from valuelint.site.analysis import FeatureRequest, SiteAnalysis
    from valuelint.site.generators import Generator
    from valuelint.site.posts import Features
    from valuelint.site.store import KnownPost

__all__ = [
    "SiteFeatures",
    "add_site_results",
    "not_a_post",
    "report",
    "site",
    "site_analyses",
]

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def _fatal(message: str) -> NoReturn:
    print(f"valuelint: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR)


def _shown(path: Path) -> str:
    from valuelint.runner import display_path

    return display_path(path)


def _folder_display(path: Path) -> str:
    shown = _shown(path)
    return shown if shown.endswith("/") else shown + "/"


# --------------------------------------------------------------------------- grouping into sites

@dataclass(slots=True)
class _Site:
    root: Path
    generator: Generator | None
    folders: list[Path]
    """The folders given for this site (absolute)."""


def _sites(targets: Sequence[Path]) -> list[_Site]:
    """The sites the folders among ``targets`` belong to, in the order first named."""
    from valuelint.site.generators import find_generator

    sites: dict[Path, _Site] = {}
    for target in targets:
        if str(target) == "-" or not target.is_dir():
            continue
        folder = resolved(target)
        generator = find_generator(folder)
        root = resolved(generator.root) if generator is not None else folder
        if root not in sites:
            sites[root] = _Site(root, generator, [])
        sites[root].folders.append(folder)
    return list(sites.values())


def _membership(site: _Site, display: str) -> tuple[Path, bool] | None:
    """(resolved file, in a drafts folder) of a post of ``site``; None for any other path."""
    from valuelint.site.generators import is_section_index, is_within

    if display == "-" or display.endswith("/"):
        return None
    file = resolved(Path(display))
    if not any(is_within(file, folder) for folder in site.folders) or is_section_index(file):
        return None
    generator = site.generator
    if generator is not None and generator.folders:
        if not generator.holds(file):
            return None
        return file, generator.in_drafts_folder(file)
    return file, False


def _members(site: _Site, results: Sequence[FileResult]) -> Iterator[Any]:
    from valuelint.site.analysis import Member

    for result in results:
        found = _membership(site, result.path)
        if found is not None:
            yield Member(result, *found)


def _site_rules_selected(config: Config) -> bool:
    from valuelint.site.rules import RULES

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
        self._planned: list[tuple[_Site, Features]] | None = None
        self.known: dict[str, KnownPost] = {}
        """The features worked out, by displayed path."""

    def _plan(self) -> list[tuple[_Site, Features]]:
        from valuelint.site.analysis import features_for

        found = []
        for site in _sites(self._targets):
            config = _config_or_none(self._loader, site.root)
            if config is not None and (not self._require_rules
                                       or _site_rules_selected(config)):
                found.append((site, features_for(config)))
        return found

    def hook(self, display: str) -> FeatureRequest | None:
        from valuelint.site.analysis import FeatureRequest

        if self._planned is None:
            self._planned = self._plan()
        for site, features in self._planned:
            found = _membership(site, display)
            if found is not None:
                return FeatureRequest(found[0], found[1], features)
        return None

    def keep(self, display: str, attached: Any) -> None:
        self.known[display] = attached


def not_a_post() -> Callable[[Path], str]:
    """For files named on the command line under ``force-exclude``: why a (resolved)
    file is not a post or draft of the static site it belongs to, or "" when it is one
    or belongs to no site whose posts folders valuelint knows."""
    from valuelint.site.generators import find_generator

    sites: dict[Path, Generator | None] = {}

    def reason(file: Path) -> str:
        if file.parent not in sites:
            sites[file.parent] = find_generator(file.parent)
        site = sites[file.parent]
        if site is None or not site.folders or site.holds(file):
            return ""
        folders = ", ".join(_shown(folder) + "/" for folder in site.folders)
        return (f"not a post of the {site.label} site (its posts are in {folders}); "
                "name it in 'include' to check it")

    return reason


def _config_or_none(loader: ConfigSource, path: Path) -> Config | None:
    from valuelint.config import ConfigError

    try:
        return loader.for_path(path)
    except ConfigError:
        return None


def site_analyses(
    targets: Sequence[Path], results: Sequence[FileResult], loader: ConfigSource,
    *, figures: bool = False, require_rules: bool = True, cache: ResultCache | None = None,
    features: SiteFeatures | None = None,
) -> list[SiteAnalysis]:
    """Analyse each site among the folders in ``targets``.

    With ``require_rules``, a site where no site rule is selected is skipped
    (as ``valuelint check`` does); a site whose configuration is broken is
    skipped too (the check has already reported it). ``features`` holds the
    posts' features worked out while they were checked.
    """
    from valuelint.site.analysis import analyse_site
    from valuelint.site.timeline import today

    analyses = []
    for site in _sites(targets):
        config = _config_or_none(loader, site.root)
        if config is None:
            continue
        if require_rules and not _site_rules_selected(config):
            continue
        members = list(_members(site, results))
        analyses.append(analyse_site(
            site.root, _folder_display(site.root), site.generator, members, config,
            lambda path: _config_or_none(loader, path), today(), figures=figures, cache=cache,
            known=features.known if features is not None else None))
    return analyses


def _fail_on(loader: ConfigSource) -> Any:
    from valuelint.rule import Severity

    def fail_on(path: str) -> Severity:
        config = _config_or_none(loader, Path(path))
        return config.fail_on if config is not None else Severity.WARNING

    return fail_on


def add_site_results(
    targets: Sequence[Path], results: list[FileResult], loader: ConfigSource,
    cache: ResultCache | None = None, features: SiteFeatures | None = None,
) -> list[FileResult]:
    """``valuelint check``'s results with the site findings of every folder it was given."""
    if not any(str(t) != "-" and t.is_dir() for t in targets):
        return results
    for analysis in site_analyses(targets, results, loader, cache=cache, features=features):
        results = analysis.apply(results, _fail_on(loader))
    return results


# --------------------------------------------------------------------------- running a check

def _load_rules() -> dict[str, type[Rule]]:
    from valuelint.plugins import PluginError, load_rules

    try:
        return load_rules()
    except PluginError as exc:
        _fatal(str(exc))


def _check(
    targets: Sequence[Path], loader: ConfigSource, rules: Mapping[str, type[Rule]],
    jobs: int | None, no_cache: bool, cache_dir: Path | None, implicit: Sequence[Path] = (),
    features: SiteFeatures | None = None,
) -> tuple[list[FileResult], ResultCache | None]:
    from valuelint.parallel import available_cpus
    from valuelint.runner import run

    cache = None
    if not no_cache:
        from valuelint.cache import ResultCache, default_cache_dir

        directory = cache_dir or default_cache_dir()
        try:
            cache = ResultCache.open(directory, rules)
        except OSError as exc:
            print(f"valuelint: warning: cannot use the cache folder {directory}: "
                  f"{exc.strerror or exc}; checking without the cache", file=sys.stderr)
    return list(run(targets, loader, rules, jobs=jobs or available_cpus(), cache=cache,
                    implicit=implicit, attachments=features)), cache


def _site_targets(directory: Path) -> tuple[list[Path], list[Path]]:
    """The folders to check for the site at ``directory`` (its generator's posts and
    drafts folders, else ``directory``), and those of them valuelint found itself (an
    empty one is not an error)."""
    from valuelint.site.generators import detect

    generator = detect(directory)
    if generator is None or not generator.folders:
        return [directory], []
    found = [Path(_shown(folder)) for folder in generator.folders]
    return found, found


def _prepare(directory: Path, config: Path | None) -> tuple[dict[str, type[Rule]], Any]:
    from valuelint.config import ConfigError, ConfigLoader

    if not directory.exists():
        _fatal(f"{_shown(directory)}: no such file or directory")
    if not directory.is_dir():
        _fatal(f"{_shown(directory)}: not a folder (give the folder that holds the site)")
    rules = _load_rules()
    try:
        loader = ConfigLoader(rules, explicit=config)
    except ConfigError as exc:
        _fatal(str(exc))
    return rules, loader


def _emit(text: str, output_file: Path | None) -> None:
    if output_file is None or str(output_file) == "-":
        sys.stdout.write(text)
        return
    try:
        write_atomic(output_file, text)
    except OSError as exc:
        _fatal(f"cannot write {output_file}: {exc.strerror or exc}")


# --------------------------------------------------------------------------- valuelint site

FORMATS = "text, json, sarif, github or gitlab"

DirectoryArg = Annotated[Path, typer.Argument(
    help="The site's folder (default: the current folder).", readable=False,
    show_default=False)]
ConfigOpt = Annotated[Path | None, typer.Option(
    help="Use this configuration file for every post.")]
JobsOpt = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, show_default=False,
    help="Worker processes to check posts with (default: the number of CPUs).")]
NoCacheOpt = Annotated[bool, typer.Option(
    "--no-cache", help="Neither read nor write the result cache.")]
CacheDirOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", envvar="VALUELINT_CACHE_DIR", show_default=False,
    help="Keep the result cache here (default: .valuelint_cache in the project root).")]


def _site_only(analysis: SiteAnalysis, results: Sequence[FileResult],
               fail_on: Any) -> list[FileResult]:
    """One result per post with site findings (those findings only), errors, then the site."""
    from valuelint.engine import FileResult

    shown: list[FileResult] = []
    for result in results:
        findings = analysis.file_findings.get(result.path, [])
        if result.errors or findings:
            limit = fail_on(result.path)
            shown.append(FileResult(
                path=result.path, findings=list(findings), errors=list(result.errors),
                failing=any(f.severity.rank >= limit.rank for f in findings), fail_on=limit))
    own = analysis.site_result(fail_on(analysis.display))
    if own is not None:
        shown.append(own)
    return shown


def site(
    directory: DirectoryArg = Path("."),
    output_format: Annotated[str, typer.Option(
        "--format", help=f"Output format: {FORMATS}.")] = "text",
    output_file: Annotated[Path | None, typer.Option(
        "--output-file", "-o", help="Write the report to this file (atomically).")] = None,
    exit_zero: Annotated[bool, typer.Option(
        help="Exit 0 even when site findings fail (errors still exit 2).")] = False,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Check a whole site: duplicates, cadence, thin and promotional share, trend, drafts."""
    from valuelint.reporters import Format, ReportOptions, render
    from valuelint.site.text import overview

    try:
        fmt = Format(output_format.lower())
    except ValueError:
        _fatal(f"unknown --format '{output_format}' (choose {FORMATS})")
    rules, loader = _prepare(directory, config)
    targets, implicit = _site_targets(directory)
    features = SiteFeatures([directory], loader, require_rules=False)
    results, cache = _check(targets, loader, rules, jobs, no_cache, cache_dir, implicit,
                            features)
    analyses = site_analyses([directory], results, loader, figures=True, require_rules=False,
                             cache=cache, features=features)
    fail_on = _fail_on(loader)
    shown: list[FileResult] = []
    for analysis in analyses:
        shown.extend(_site_only(analysis, results, fail_on))
    if not analyses:
        shown = [r for r in results if r.errors]
    if fmt is Format.TEXT:
        text = "".join(overview(analysis, shown) for analysis in analyses)
        if not analyses:
            text = "".join(f"{r.path}: error: {e}\n" for r in shown for e in r.errors)
    else:
        for result in shown:
            for error in result.errors:
                print(f"{result.path}: error: {error}", file=sys.stderr)
        text = render(fmt, shown, rules, ReportOptions())
    _emit(text, output_file)
    if any(r.errors for r in shown):
        raise typer.Exit(EXIT_ERROR)
    if not exit_zero and any(r.failing for r in shown):
        raise typer.Exit(EXIT_FAIL)
    raise typer.Exit(EXIT_OK)


# --------------------------------------------------------------------------- valuelint report

def report(
    directory: DirectoryArg = Path("."),
    output_file: Annotated[Path, typer.Option(
        "--output-file", "-o", help="Where to write the HTML report ('-': standard output).")]
    = Path("valuelint-report.html"),
    title: Annotated[str | None, typer.Option(
        help="The report's title (default: the site's title in its generator's "
             "configuration, else the site folder's name).")] = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Write one self-contained HTML page showing how the whole site is doing."""
    from valuelint.site.generators import site_title
    from valuelint.site.html import render_report

    rules, loader = _prepare(directory, config)
    targets, implicit = _site_targets(directory)
    features = SiteFeatures([directory], loader, require_rules=False)
    results, cache = _check(targets, loader, rules, jobs, no_cache, cache_dir, implicit,
                            features)
    analyses = site_analyses([directory], results, loader, figures=True, require_rules=False,
                             cache=cache, features=features)
    if not analyses:
        _fatal(f"{_shown(directory)}: the configuration could not be read")
    analysis = analyses[0]
    name = (title or site_title(analysis.generator) or analysis.root.name
            or directory.resolve().name or "site")
    errors = [r for r in results if r.errors]
    for result in errors:
        for error in result.errors:
            print(f"{result.path}: error: {error}", file=sys.stderr)
    html = render_report(analysis, rules, name, errors)
    _emit(html, output_file)
    if str(output_file) != "-":
        posts = len(analysis.published)
        print(f"Wrote {output_file}: {posts} post{'s' if posts != 1 else ''}, "
              f"{len(analysis.findings())} site finding"
              f"{'s' if len(analysis.findings()) != 1 else ''}", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_OK)

