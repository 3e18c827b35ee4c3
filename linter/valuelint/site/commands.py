"""The ``site`` and ``report`` commands.

The command line (:mod:`valuelint.cli`) registers these functions, so this
module is imported with it, for every command and for ``--help``: it holds
only the commands' options. What a command runs (:mod:`valuelint.site.checking`
and :mod:`valuelint.site.phase`: the engine, the runner, the site analysis,
with the Markdown parser and PyYAML behind them; and the text or HTML report)
is imported when the command starts, in one block at the top of its function.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from valuelint.result import PostResult

__all__ = ["report", "site"]

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


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
    from valuelint.site.checking import emit, fatal
    from valuelint.site.phase import check_whole_site, fail_on_for, site_only
    from valuelint.site.text import overview

    try:
        fmt = Format(output_format.lower())
    except ValueError:
        fatal(f"unknown --format '{output_format}' (choose {FORMATS})")
    checked = check_whole_site(directory, config, jobs, no_cache, cache_dir)
    rules, loader, results, analyses = (checked.rules, checked.loader, checked.results,
                                        checked.analyses)
    fail_on = fail_on_for(loader)
    shown: list[PostResult] = []
    for analysis in analyses:
        shown.extend(site_only(analysis, results, fail_on))
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
    emit(text, output_file)
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
    from valuelint.site.checking import emit, fatal, shown_path
    from valuelint.site.generators import site_title
    from valuelint.site.html import render_report
    from valuelint.site.phase import check_whole_site

    checked = check_whole_site(directory, config, jobs, no_cache, cache_dir)
    rules, results, analyses = checked.rules, checked.results, checked.analyses
    if not analyses:
        fatal(f"{shown_path(directory)}: the configuration could not be read")
    analysis = analyses[0]
    name = (title or site_title(analysis.generator) or analysis.root.name
            or directory.resolve().name or "site")
    errors = [r for r in results if r.errors]
    for result in errors:
        for error in result.errors:
            print(f"{result.path}: error: {error}", file=sys.stderr)
    html = render_report(analysis, rules, name, errors)
    emit(html, output_file)
    if str(output_file) != "-":
        posts = len(analysis.published)
        print(f"Wrote {output_file}: {posts} post{'s' if posts != 1 else ''}, "
              f"{len(analysis.findings())} site finding"
              f"{'s' if len(analysis.findings()) != 1 else ''}", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_OK)

