"""The ``valuelint`` command line.

Exit codes: 0 when nothing is at or above ``fail-on`` and every score is at or
above ``fail-under``; 1 otherwise; 2 for usage, configuration or input errors
(reported after every other file has been checked).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, NamedTuple, NoReturn, TextIO

import typer

from valuelint import __version__
from valuelint.atomic import open_atomic, write_atomic
from valuelint.gctuning import tune_gc
from valuelint.site import commands as site_commands
from valuelint.source import paths_remembered

app = typer.Typer(
    name="valuelint",
    help="Lint blog drafts for thin, promotional and bait-driven writing, "
    "and score each post's value to readers (0-100).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def _write_report(report: str, output_file: Path | None, stream: TextIO) -> None:
    """Write ``report`` atomically to ``output_file``, or else to ``stream``."""
    if output_file is None:
        stream.write(report)
        return
    try:
        write_atomic(output_file, report)
    except OSError as exc:
        _fatal(f"cannot write {output_file}: {exc.strerror or exc}")


def _fatal(message: str) -> NoReturn:
    print(f"valuelint: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR)


def _text_or_json(output_format: str) -> str:
    """``text`` or ``json``, the formats of ``score`` and ``rules``; exit 2 on any other."""
    chosen = output_format.lower()
    if chosen not in ("text", "json"):
        _fatal(f"unknown --format '{chosen}' (choose text or json)")
    return chosen


def _rules() -> dict[str, Any]:
    # Imported for the commands that need the rules, not for --help or --version:
    # reading the entry points and importing every rule pack take about 0.17 s of CPU.
    from valuelint.plugins import PluginError, load_rules

    try:
        return load_rules()
    except PluginError as exc:
        _fatal(str(exc))


def _linter(config: Path | None, **options: Any) -> Any:
    """The :class:`valuelint.Linter` a command checks posts with, from its options;
    exits 2 when the configuration, a selector or a rule pack cannot be used."""
    from valuelint.api import Linter
    from valuelint.config import ConfigError
    from valuelint.plugins import PluginError

    try:  # the Linter splits "THIN,PROM" selectors as the options give them
        return Linter(config, **options)
    except ConfigError as exc:
        message = str(exc)
        if message.startswith(("select:", "ignore:", "extend-select:", "fail-on:")):
            message = "--" + message  # the Linter's argument is this command's option
        _fatal(message)
    except PluginError as exc:
        _fatal(str(exc))


def _version(value: bool) -> None:
    if value:
        print(f"valuelint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """valuelint: readers, not numbers, make a blog worth having."""


def _split(values: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for item in values or () for v in item.split(",") if v.strip())


def _use_color(no_color: bool, output_file: Path | None) -> bool:
    if no_color or output_file is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files and folders to check (default: the site's posts folder, else the "
        "current folder); '-' reads stdin.",
        # valuelint reports an unreadable path itself, in one line, and checks the rest.
        readable=False, show_default=False)] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help="Output format: text, json, jsonl, sarif, github or gitlab.")]
    = "text",
    output_file: Annotated[Path | None, typer.Option(
        "--output-file", "-o", help="Write the report to this file (atomically).")] = None,
    select: Annotated[list[str] | None, typer.Option(
        help="Rules to run, by code, prefix or name (instead of the configured ones).")] = None,
    extend_select: Annotated[list[str] | None, typer.Option(
        help="Rules to run in addition to the configured ones.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        help="Rules to skip, by code, prefix or name, whatever the configuration "
        "selects.")] = None,
    fail_under: Annotated[float | None, typer.Option(
        min=0, max=100, help="Fail when a post scores below this (default 50).")] = None,
    fail_on: Annotated[str | None, typer.Option(
        help="Fail on findings of this severity or worse: error, warning, info "
        "(default warning).")] = None,
    exit_zero: Annotated[bool, typer.Option(
        help="Exit 0 even when findings or scores fail (errors still exit 2).")] = False,
    statistics: Annotated[bool, typer.Option(help="Count findings per rule.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q",
                                        help="Only show errors and the summary.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour output.")] = False,
    config: Annotated[Path | None, typer.Option(
        help="Use this configuration file for every path.")] = None,
    stdin_filename: Annotated[str | None, typer.Option(
        help="Name to report (and configure) stdin input as.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, show_default=False,
        help="Worker processes to check files with (default: the number of CPUs; "
        "1 checks in this process).")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Neither read nor write the result cache.")] = False,
    cache_dir: Annotated[Path | None, typer.Option(
        "--cache-dir", envvar="VALUELINT_CACHE_DIR", show_default=False,
        help="Keep the result cache here (default: .valuelint_cache in the project "
        "root).")] = None,
    diff: Annotated[str | None, typer.Option(
        "--diff", "--changed-since", metavar="BASE", show_default=False,
        help="Check only the posts changed since this git revision (under PATHS when "
        "given).")] = None,
    force_exclude: Annotated[bool | None, typer.Option(
        "--force-exclude/--no-force-exclude", show_default=False,
        help="Hold files named on the command line to 'include' and 'exclude', and in a "
        "static site to its posts and drafts folders (the pre-commit hook's default; "
        "default: the 'force-exclude' setting, else off).")] = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also say which site was found and which files were "
        "left out, and why (on standard error).")] = False,
    table: Annotated[Path | None, typer.Option(
        "--table", show_default=False, help="Check the posts held in this table, one a row: "
        "a .parquet, .csv or .jsonl/.ndjson file (instead of PATHS).")] = None,
    text_column: Annotated[str, typer.Option(
        help="The --table column holding each post's Markdown.")] = "text",
    id_column: Annotated[str | None, typer.Option(
        show_default=False, help="The --table column to key results by (their 'path'; "
        "default: the path column, else 'row N').")] = None,
    path_column: Annotated[str | None, typer.Option(
        show_default=False, help="The --table column holding the path each post is "
        "configured as (default: ID.md).")] = None,
    metadata_columns: Annotated[list[str] | None, typer.Option(
        show_default=False, help="--table columns given to each post as front matter, "
        "such as title,date,lang ('lang' is the language it is checked in).")] = None,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Apply the safe fixes the rules offer (findings marked [*]) to the "
        "files, atomically, say on standard error what changed, then report what is "
        "left. With '-', write the fixed post to standard output and the report to "
        "standard error.")] = False,
) -> None:
    """Check posts and report findings and scores."""
    started = time.perf_counter()
    # What checking runs, imported when it starts (``--help`` and ``rules`` need none
    # of it): the engine with the Markdown parser and PyYAML behind it, the runner
    # with the worker pool, the cache, the site checks and the reporters.
    from valuelint.cache import open_cache
    from valuelint.changes import ChangesError, changed_since
    from valuelint.config import ConfigError
    from valuelint.engine import PROFILE
    from valuelint.parallel import available_cpus
    from valuelint.reporters import Format, ReportOptions, render
    from valuelint.result import PostResult
    from valuelint.runner import RunStats, Skipped, display_path, run, run_stdin
    from valuelint.site.checking import not_a_post
    from valuelint.site.generators import default_targets, describe, detect

    try:
        fmt = Format(output_format.lower())
    except ValueError:
        _fatal(f"unknown --format '{output_format}' (choose text, json, jsonl, sarif, github "
               "or gitlab)")
    if fix and table is not None:
        _fatal("--fix changes Markdown files: it cannot be used with --table")
    linter = _linter(config, select=select, ignore=ignore, extend_select=extend_select,
                     fail_on=fail_on, fail_under=fail_under, force_exclude=force_exclude)
    rules, cli_loader = linter.rules, linter.configs
    if fix and table is None and (any(str(p) == "-" for p in paths or ())
                                  or (not paths and diff is None and stdin_filename)):
        if len(paths or ()) > 1:
            _fatal("--fix with '-' writes the fixed post to standard output: give no other "
                   "path with it")
        _fix_stdin(linter, stdin_filename or "<stdin>", fmt, output_file, ReportOptions(
            color=False, quiet=quiet, statistics=statistics), exit_zero)
    implicit: list[Path] = []
    fix_failed = False
    features: Any = None
    cache: Any = None
    stats: Any = None
    skipped: list[Skipped] = []
    if table is not None:
        targets: list[Path] = []
        checking = _table_checking(linter, table, paths, diff, stdin_filename, text_column,
                                   id_column, path_column, metadata_columns)
    else:
        targets = list(paths or ())
        if diff is not None:
            if not targets:
                # As with no path and no --diff: in a recognised site, only its posts.
                targets = [t for t in default_targets(Path(".")) if str(t) != "."]
            def wanted(file: Path) -> bool:
                """Files matching ``include`` and not ``exclude``; a broken configuration's
                too (checking them reports it)."""
                try:
                    found = cli_loader.for_path(file)
                except ConfigError:
                    return True
                return found.is_included(file) and not found.excludes(file)

            try:
                changed = changed_since(diff, targets, wanted)
            except ChangesError as exc:
                _fatal(str(exc))
            targets = [Path(display_path(file)) for file in changed]
        elif not targets:
            targets = [Path("-")] if stdin_filename else default_targets(Path("."))
            # A site's posts and drafts folders, found rather than named: an empty one
            # (a new blog's _drafts/) is nothing to report.
            implicit = [t for t in targets if str(t) not in ("-", ".")]
            if verbose and implicit:
                print(f"valuelint: {describe(detect(Path('.')))}", file=sys.stderr)

        def from_stdin() -> Any:
            display = stdin_filename or "<stdin>"
            try:
                cfg = cli_loader.for_path(Path(display).absolute())
            except ConfigError as exc:
                return PostResult(path=exc.path or display, errors=(exc.detail,))
            return run_stdin(sys.stdin.buffer.read(), display, cfg, rules)

        stats = RunStats() if PROFILE else None
        cache = None if no_cache or all(str(t) == "-" for t in targets) else open_cache(
            cache_dir, rules)

        def start() -> Iterator[PostResult]:
            """Check the targets; run again after --fix has changed files."""
            nonlocal features
            skipped.clear()
            if any(str(t) != "-" and t.is_dir() for t in targets):
                # Only a run over folders has site checks: a run over files never imports
                # them (the site analysis, the post features and the site store: 0.03-0.05 s).
                from valuelint.site.phase import SiteFeatures

                features = SiteFeatures(targets, cli_loader)
            return run(targets, cli_loader, rules, stdin=from_stdin,
                       jobs=jobs or available_cpus(), cache=cache, stats=stats,
                       attachments=features, implicit=implicit, skipped=skipped,
                       not_a_post=not_a_post())

        checking = start()
        if fix:
            # Fix what the first check offers to fix, then report on the files as they
            # are now. Fixing checked each changed file as it is now; site checks (a run
            # over folders) see every post again, served by the cache where it is on.
            first = list(checking)
            outcome = _fix_files(linter, first, quiet)
            fix_failed = outcome.failed
            if outcome.results and features is not None:
                checking = start()
            else:
                checking = iter([outcome.results.get(r.path, r) for r in first])
    if fmt is Format.JSONL:
        from valuelint.streaming import SiteRecords

        site = None if features is None else SiteRecords(targets, cli_loader, features, cache)
        _stream_report(checking, output_file, site, skipped, verbose, stats, started,
                       exit_zero, fix_failed)
    results = list(checking)
    if verbose:
        for left_out in skipped:
            print(f"valuelint: skipped {left_out.display}: {left_out.reason}", file=sys.stderr)
    site_started = time.perf_counter()
    if features is not None:
        from valuelint.site.phase import add_site_results

        results = add_site_results(targets, results, cli_loader, cache, features)
    checked = time.perf_counter()
    if stats is not None:
        stats.timings["site"] = stats.timings.get("site", 0.0) + checked - site_started
    if fmt is not Format.TEXT or output_file is not None:
        # The report goes to a tool or a file: say on the terminal what could not be checked.
        for result in results:
            for error in result.errors:
                print(f"{result.path}: error: {error}", file=sys.stderr)
    if fmt is Format.TEXT and not results:
        # Nothing was checked, so nothing failed: --quiet has nothing to say.
        report = "" if quiet else _nothing_to_check(diff, implicit, len(skipped))
    else:
        report = render(fmt, results, rules, ReportOptions(
            color=_use_color(no_color, output_file), quiet=quiet, statistics=statistics,
            skipped=len(skipped)))
    if stats is not None:
        _print_timings(stats, checked - started, time.perf_counter() - checked)
    _write_report(report, output_file, sys.stdout)
    if fix_failed or any(r.errors for r in results):
        raise typer.Exit(EXIT_ERROR)
    if not exit_zero and any(r.failing for r in results):
        raise typer.Exit(EXIT_FAIL)
    raise typer.Exit(EXIT_OK)


def _table_checking(
    linter: Any, table: Path, paths: Sequence[Path] | None, diff: str | None,
    stdin_filename: str | None, text_column: str, id_column: str | None,
    path_column: str | None, metadata_columns: Sequence[str] | None,
) -> Iterator[Any]:
    """``check --table``: each row's result, as it is judged (see :mod:`valuelint.tables`);
    exits 2 when the table cannot be read or lacks a column, before judging any row."""
    if paths:
        _fatal("--table checks the posts of a table: give no paths with it")
    if diff is not None or stdin_filename is not None:
        given = "--diff" if diff is not None else "--stdin-filename"
        _fatal(f"--table cannot be used with {given}")
    from valuelint.tables import Columns, TableError, lint_table, read_table

    columns = Columns(text_column, id_column, path_column, _split(metadata_columns))
    try:
        rows = read_table(table, columns)
    except TableError as exc:
        _fatal(str(exc))
    return lint_table(linter, rows)


def _stream_report(
    results: Iterable[Any], output_file: Path | None, site: Any, skipped: list[Any],
    verbose: bool, stats: Any, started: float, exit_zero: bool, fix_failed: bool = False,
) -> NoReturn:
    """``check --format jsonl``: write each result as it comes (see
    :mod:`valuelint.streaming`), then exit as ``check`` does."""
    from valuelint.reporters.jsonl import LineWriter
    from valuelint.streaming import stream

    def report(out: TextIO) -> Any:
        return stream(results, LineWriter(out), site=site, skipped=lambda: len(skipped))

    if output_file is None:
        summary = report(sys.stdout)
    else:
        # Streamed into a temporary file beside OUTPUT_FILE, renamed into place at the end
        # (checking reports a post it cannot read in its result: an OSError is the file's).
        try:
            with open_atomic(output_file) as out:
                summary = report(out)
        except OSError as exc:
            _fatal(f"cannot write {output_file}: {exc.strerror or exc}")
    if verbose:
        for left_out in skipped:
            print(f"valuelint: skipped {left_out.display}: {left_out.reason}", file=sys.stderr)
    if stats is not None:
        _print_timings(stats, time.perf_counter() - started, 0.0)
    if fix_failed or summary.files_with_errors:
        raise typer.Exit(EXIT_ERROR)
    if not exit_zero and summary.failing_files:
        raise typer.Exit(EXIT_FAIL)
    raise typer.Exit(EXIT_OK)


class _FixOutcome(NamedTuple):
    """What ``check --fix`` did to the files."""

    results: dict[str, Any]
    """The result of each file changed, as it is now, by its shown path."""
    failed: bool
    """True when a file could not be written (exit 2)."""


def _fix_files(linter: Any, results: Sequence[Any], quiet: bool) -> _FixOutcome:
    """Apply the fixes offered in ``results`` to their files and say on stderr what
    changed (``--quiet``: nothing). A file is written, atomically, only when its
    text changes; one that changed on disk meanwhile is left as it is."""
    from valuelint.fixfiles import NotFixed, fix_file, fixed_summary

    fixed: list[tuple[str, Any]] = []
    failed = False
    for result in results:
        if result.site or not any(f.fix is not None for f in result.findings):
            continue
        try:
            outcome = fix_file(linter, Path(result.path))
        except NotFixed as exc:
            failed = failed or exc.failed
            print(f"{result.path}: {'error' if exc.failed else 'warning'}: {exc}",
                  file=sys.stderr)
            continue
        if outcome is not None:
            fixed.append((result.path, outcome))
    if not quiet:
        print(fixed_summary([(shown, outcome.applied) for shown, outcome in fixed]),
              file=sys.stderr)
    now = {shown: replace(outcome.result, path=shown) for shown, outcome in fixed}
    return _FixOutcome(now, failed)


def _fix_stdin(linter: Any, display: str, fmt: Any, output_file: Path | None,
               options: Any, exit_zero: bool) -> NoReturn:
    """``check --fix -``: the fixed post on standard output and nothing else there; the
    report of what is left on standard error (or in ``--output-file``). A post that
    cannot be read or fixed is written out as it came."""
    from valuelint.config import ConfigError
    from valuelint.fixes import fix_text
    from valuelint.fixfiles import fixed_summary, text_as_written
    from valuelint.reporters import render
    from valuelint.result import PostResult
    from valuelint.source import InputError, read_bytes

    data = sys.stdin.buffer.read()
    result: PostResult | None = None
    applied: tuple[Any, ...] = ()
    try:
        decoded = read_bytes(data, int(linter.config_for(display).max_file_size_mb
                                       * 1_000_000))
    except ConfigError as exc:
        result = PostResult(path=exc.path or display, errors=(exc.detail,))
    except InputError as exc:
        result = PostResult(path=display, errors=(str(exc),))
    text = None if result is not None else text_as_written(data)
    if text is None:
        sys.stdout.buffer.write(data)
        if result is None:  # UTF-16: checked, not fixed
            result = linter.lint_text(decoded, display)
    else:
        outcome = fix_text(linter, text, display)
        sys.stdout.buffer.write(outcome.text.encode("utf-8"))
        applied = outcome.applied
        result = outcome.result or linter.lint_text(outcome.text, display)
    sys.stdout.flush()
    report = render(fmt, [result], linter.rules, options)
    _write_report(report, output_file, sys.stderr)
    if not options.quiet:
        print(fixed_summary([(display, applied)] if applied else []),
              file=sys.stderr)
    if result.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FAIL if result.failing and not exit_zero else EXIT_OK)


def _nothing_to_check(diff: str | None, folders: Sequence[Path], skipped: int) -> str:
    """The text report when no file was checked, saying why (there is no error)."""
    if skipped:
        files = f"{skipped} file{'s' if skipped != 1 else ''}"
        return (f"No posts to check: {files} left out as not posts of the site or by "
                "'include' and 'exclude' (-v names them).\n")
    if diff is not None:
        return f"No changed posts since {diff}: nothing to check.\n"
    if folders:
        shown = ", ".join(folder.as_posix().rstrip("/") + "/" for folder in folders)
        return f"No posts yet in {shown}: nothing to check.\n"
    return "Nothing to check.\n"


def _print_timings(stats: Any, checking: float, reporting: float) -> None:
    """One line of JSON on stderr: where the time went (``VALUELINT_PROFILE=1``)."""
    phases = dict(stats.timings)
    phases["report"] = reporting
    print("valuelint: timings " + json.dumps({
        "files": stats.files, "cached": stats.cached, "workers": stats.workers,
        "check_wall": round(checking, 4), "report_wall": round(reporting, 4),
        "phases": {name: round(value, 4) for name, value in sorted(phases.items())},
    }), file=sys.stderr)


@app.command()
def score(
    file: Annotated[Path, typer.Argument(help="The post to score.", readable=False)],
    config: Annotated[Path | None, typer.Option(help="Configuration file to use.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Show a post's score card: each dimension and the top reasons it is not higher."""
    # What scoring a post runs, imported when it starts (see check).
    from valuelint.config import ConfigError
    from valuelint.engine import check_path
    from valuelint.runner import display_path

    output_format = _text_or_json(output_format)
    linter = _linter(config)
    try:
        shared: dict[str, Any] = {}
        result = check_path(file, display_path(file), linter.config_for(file), linter.rules,
                            shared)
    except ConfigError as exc:
        _fatal(str(exc))
    if result.errors:
        for error in result.errors:
            print(f"{result.path}: error: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    if output_format == "json":
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        raise typer.Exit(EXIT_OK)
    print(score_card(result, shared["score"]))


def score_card(result: Any, scored: Any) -> str:
    """The text ``valuelint score`` prints for a checked post: its score, each
    dimension, what moved the score and the findings that cost it most.

    ``result`` is the post's :class:`~valuelint.result.PostResult` and ``scored``
    its :class:`~valuelint.scoring.Score` (``shared["score"]`` of the check); the
    language server shows the same card.
    """
    from valuelint.engine import MODEL_LANGUAGES
    from valuelint.reporters.summary import skipped_note
    from valuelint.scoring import SHOWN_POINTS, WEIGHTS

    lines = [f"{result.path}: reader-value score {result.score}/100", ""]
    for name in sorted(WEIGHTS, key=lambda n: (-WEIGHTS[n], n)):
        value = result.breakdown[name]
        bar = "#" * round(value / 5)
        lines.append(f"  {name:<12} {value:3d}  {bar:<20}  (weight {WEIGHTS[name]:.2f})")
    lines.append("")
    note = scored.limit_note()
    if note:
        lines.extend([note, ""])
    if result.language not in MODEL_LANGUAGES:
        lines.extend([f"The value model is fitted on English posts: this post, checked as "
                      f"language '{result.language}', is scored as a typical post less what "
                      "its findings cost.", ""])
    lines.extend(_contribution_lines(scored, SHOWN_POINTS))
    if result.reasons:
        lines.append("Findings that cost it most:")
        for i, f in enumerate(result.reasons, 1):
            lines.append(f"  {i}. line {f.line}: {f.code} [{f.name}] {f.message}")
    else:
        lines.append("No finding holds this post back.")
    note = skipped_note(result)
    if note:
        lines.extend(["", note[0].upper() + note[1:] + "."])
    return "\n".join(lines)


#: Contributions shown each way on the score card.
TOP_CONTRIBUTIONS = 5


def _contribution_lines(scored: Any, shown_points: float) -> list[str]:
    """The score card's account of what raised and what lowered the score (the
    contributions of at least ``shown_points``)."""
    def points(value: float) -> str:
        return f"{value:+.0f}" if abs(value) >= 0.95 else f"{value:+.1f}"

    shown = [c for c in scored.contributions if abs(c.points) >= shown_points]
    raised = [c for c in shown if c.points > 0][:TOP_CONTRIBUTIONS]
    lowered = [c for c in shown if c.points < 0][:TOP_CONTRIBUTIONS]
    lines = [f"Against a typical post ({scored.typical:.0f}), the signals that moved this one "
             "(points, dimension, signal):"]
    for title, chosen in (("Raised it:", raised), ("Lowered it:", lowered)):
        lines.append(f"  {title}" + ("" if chosen else " nothing"))
        lines.extend(f"    {points(c.points):>4}  {c.dimension:<11} {c.describe()}" for c in chosen)
    return [*lines, ""]


@app.command("rules")
def list_rules(
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List every installed rule."""
    output_format = _text_or_json(output_format)
    rules = _rules()
    if output_format == "json":
        print(json.dumps([{
            "code": r.code, "name": r.name, "category": r.category.value,
            "severity": r.severity.value, "summary": r.summary(),
            "languages": list(r.languages),
            "options": [{"name": o.name, "default": o.default, "description": o.description}
                        for o in r.options],
        } for r in rules.values()], indent=2))
        return
    print(f"{'CODE':<8} {'NAME':<28} {'CATEGORY':<12} {'SEVERITY':<8} SUMMARY")
    for r in rules.values():
        print(f"{r.code:<8} {r.name:<28} {r.category.value:<12} {r.severity.value:<8} "
              f"{r.summary()}")


@app.command("rule")
def show_rule(code: Annotated[str, typer.Argument(help="A rule code or name.")]) -> None:
    """Show a rule's documentation."""
    rules = _rules()
    found = rules.get(code.upper()) or next(
        (r for r in rules.values() if r.name == code), None)
    if found is None:
        _fatal(f"no rule '{code}' (see 'valuelint rules')")
    print(f"{found.code} ({found.name}), {found.category.value}, default severity "
          f"{found.severity.value}\n")
    print(found.documentation())


@app.command()
def clean(
    cache_dir: Annotated[Path | None, typer.Option(
        "--cache-dir", envvar="VALUELINT_CACHE_DIR", show_default=False,
        help="The cache folder to remove (default: .valuelint_cache in the project "
        "root).")] = None,
) -> None:
    """Remove the result cache."""
    # The cache module brings the engine with it (see check).
    from valuelint.cache import clean_cache, default_cache_dir

    directory = cache_dir or default_cache_dir()
    try:
        removed = clean_cache(directory)
    except ValueError as exc:
        _fatal(str(exc))
    except OSError as exc:
        _fatal(f"cannot remove {directory}: {exc.strerror or exc}")
    print(f"Removed {directory}" if removed else f"No cache at {directory}")


app.command("site")(site_commands.site)
app.command("report")(site_commands.report)


class Terminated(BaseException):
    """SIGTERM arrived: unwind (stopping worker processes on the way) and exit."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    """Console-script entry point."""
    # `kill PID` and CI runners cancelling a job send SIGTERM: unwinding through the
    # runner's `finally` stops the worker processes instead of orphaning them, and
    # the report file is never half written (it is written atomically, at the end).
    signal.signal(signal.SIGTERM, _terminate)

    try:
        with paths_remembered():
            app()
    except KeyboardInterrupt:
        print("valuelint: interrupted", file=sys.stderr)
        sys.exit(130)
    except Terminated:
        print("valuelint: terminated", file=sys.stderr)
        sys.exit(128 + signal.SIGTERM)


def exit_code() -> int:
    """Run :func:`main` and return the code it would end the process with.

    ``sys.exit(None)`` is 0 and ``sys.exit("message")`` prints the message on
    stderr and is 1, as the interpreter has it.
    """
    try:
        main()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1
    return 0


def run() -> NoReturn:
    """The ``valuelint`` command: :func:`main`, then a quick exit.

    A normal exit frees every module and object one by one; after a post has
    been checked that is spaCy, numpy and the word lists, 0.14 s of
    a one-post run (as mypy, valuelint skips it). By then every file valuelint
    writes has been written and renamed into place, and the worker processes
    have been stopped. When output cannot be flushed, or a child process is
    still alive, the interpreter exits the usual way.

    The garbage collector runs less often than Python's default (see
    :mod:`valuelint.gctuning`).
    """
    tune_gc()
    code = exit_code()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    # Only a run that started workers has imported multiprocessing.
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.active_children():
        sys.exit(code)
    os._exit(code)


@app.command()
def server() -> None:
    """Run the language server (LSP over stdin and stdout) for editors: findings
    while you type, quick fixes, the score (see docs/server.md)."""
    # pygls and the server's modules are imported only by this command.
    from valuelint.server import serve

    serve()


if __name__ == "__main__":  # pragma: no cover
    run()
