"""Running valuelint over paths: find the posts, check each, keep going on errors.

Files are found in a stable order (sorted, folder by folder), so output is the
same on every machine. A path that does not exist, a folder with no Markdown
and a file that cannot be read each become a :class:`PostResult` with an error;
the other files are still checked.

With ``jobs`` above 1 the files are checked by worker processes and the
results still come out in that order, the same as a run in this process; with
a :class:`~valuelint.cache.ResultCache` a file whose result is stored is not
checked again (and, when every file is, no worker is started and spaCy is
never imported).
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from valuelint.config import Config, ConfigError
from valuelint.engine import check_text
from valuelint.parallel import (
    Job,
    Outcome,
    PostHook,
    can_fork,
    check_job,
    lookup,
    start_workers,
    stop_workers,
    work,
)
from valuelint.result import PostResult
from valuelint.rule import Rule
from valuelint.source import InputError, listed_path, read_bytes, resolved

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from valuelint.cache import ResultCache

__all__ = ["RunStats", "Skipped", "Target", "discover", "display_path", "run", "run_stdin"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


class ConfigSource(Protocol):
    """Anything that gives the configuration governing a path."""

    def for_path(self, path: Path) -> Config: ...


class Attachments(Protocol):
    """What a later phase of the run asks of the posts while they are checked.

    :meth:`hook` says, by displayed path, what to work out of a post where it
    is checked (a :class:`~valuelint.parallel.PostHook`, or None); :meth:`keep`
    receives, in this process and in file order, what the hook returned.
    """

    def hook(self, display: str) -> PostHook | None: ...

    def keep(self, display: str, attached: Any) -> None: ...


@dataclass(frozen=True, slots=True)
class Target:
    """A file to check, or a path that produced an error before any file was found."""

    path: Path
    display: str
    error: str = ""
    stdin: bool = False
    """True for ``-``: the post is read from standard input."""


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to the working folder where possible, with ``/`` separators.

    A name that is not valid UTF-8 is shown with its odd bytes escaped
    (``caf\\xe9.md``), so every report stays valid UTF-8.
    """
    cwd = cwd or Path.cwd()
    try:
        shown = path.absolute().relative_to(cwd.absolute()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return _readable(shown)


def _readable(shown: str) -> str:
    """``shown`` with the bytes of a name that is not valid UTF-8 escaped."""
    if shown.isprintable() or not any("\udc80" <= c <= "\udcff" for c in shown):
        return shown
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file named on the command line and left out under ``force-exclude``."""

    display: str
    reason: str


def discover(
    paths: Sequence[Path], loader: ConfigSource, reported: set[str] | None = None, *,
    implicit: Collection[Path] = (), skipped: list[Skipped] | None = None,
    not_a_post: Callable[[Path], str] | None = None,
) -> Iterator[Target]:
    """The files to check under ``paths``, each once, in a stable order.

    Files named on the command line are checked, unless their configuration
    sets ``force-exclude`` (:func:`skip_reason`); files found in a folder must
    match ``include`` and not ``exclude``. ``-`` stands for standard input. A
    folder whose configuration is broken is not walked: the broken file
    becomes one error target (once, however many folders it governs;
    ``reported`` holds the files already reported). A folder with nothing to
    check is an error, unless it is among ``implicit`` (folders valuelint chose
    itself, such as a site's empty drafts folder). Files left out are added to
    ``skipped``. ``not_a_post`` says why a file is not a post of the site it
    belongs to, or "" (see :func:`_skip_reason`).
    """
    seen: set[str] = set()
    reported = set() if reported is None else reported
    for path in paths:
        if str(path) == "-":
            if "-" not in seen:
                seen.add("-")
                yield Target(path, "-", stdin=True)
            continue
        display = display_path(path)
        if not os.path.lexists(path):
            yield Target(path, display, "no such file or directory")
            continue
        if not path.is_dir():
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            reason = _skip_reason(path, loader, not_a_post)
            if reason:
                if skipped is not None:
                    skipped.append(Skipped(display, reason))
                continue
            yield Target(path, display)
            continue
        found = False
        for target in _walk(path, loader, reported):
            found = True
            if target.error:
                yield target
                continue
            key = str(resolved(target.path))
            if key not in seen:
                seen.add(key)
                yield target
        if not found and path not in implicit:
            yield Target(path, display, "no Markdown files (.md, .markdown, .mdx) found here")


def _skip_reason(path: Path, loader: ConfigSource,
                 not_a_post: Callable[[Path], str] | None) -> str:
    """Why a file named on the command line is left out, or "" to check it.

    Only under ``force-exclude`` (the pre-commit hook's default): the file must
    match ``include`` and not ``exclude``, as in a folder; and, unless the
    configuration's own ``include`` names it, ``not_a_post`` (given the
    resolved file) must find no reason to leave it out: the command line's
    says when it belongs to a static site whose posts folders valuelint
    knows and is not a post or draft there (a page such as ``README.md``,
    ``index.md`` or ``about.md``, or Hugo's ``_index.md``).
    """
    try:
        config = loader.for_path(path)
    except ConfigError:
        return ""  # checking it reports the broken configuration
    if not config.force_exclude:
        return ""
    if config.excludes(path):
        return "matches 'exclude'"
    if not config.is_included(path):
        return "does not match 'include'"
    if config.include_given:
        return ""  # the user's own `include` names it: checked, wherever it is
    return not_a_post(resolved(path)) if not_a_post is not None else ""


def config_error_target(exc: ConfigError, path: Path, reported: set[str]) -> Target | None:
    """The error target for a broken configuration, or None when it was already reported."""
    where = exc.path or display_path(path)
    if where in reported:
        return None
    reported.add(where)
    return Target(Path(where), where, exc.detail)


def _walk(root: Path, loader: ConfigSource, reported: set[str]) -> Iterator[Target]:
    unreadable: list[OSError] = []

    def folder_errors() -> Iterator[Target]:
        """A folder that cannot be listed is one error; the walk goes on without it."""
        while unreadable:
            error = unreadable.pop(0)
            folder = Path(error.filename) if error.filename else root
            reason = error.strerror or str(error)
            yield Target(folder, display_path(folder) + "/", f"cannot list folder: {reason}")

    for folder, dirs, files in os.walk(root, onerror=unreadable.append, followlinks=False):
        yield from folder_errors()
        base = Path(folder)
        try:
            config = loader.for_path(base)
        except ConfigError as exc:
            dirs[:] = []
            target = config_error_target(exc, base, reported)
            if target is not None:
                yield target
            continue
        dirs[:] = sorted(d for d in dirs if not config.is_excluded(base / d))
        shown = display_path(base)
        shown = "" if shown == "." else shown if shown.endswith("/") else shown + "/"
        for name in sorted(files):
            file, is_folder = listed_path(base, name)
            if config.is_included(file) and not config.is_excluded(file) and not is_folder:
                yield Target(file, shown + _readable(name))
    yield from folder_errors()


@dataclass(slots=True)
class RunStats:
    """What a run did, for ``VALUELINT_PROFILE=1``."""

    files: int = 0
    """Files checked or taken from the cache."""
    cached: int = 0
    workers: int = 0
    """Worker processes started (0: everything ran in this process)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase, added up over every process."""

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        self.cached += outcome.cached
        for phase, seconds in outcome.timings.items():
            self.timings[phase] = self.timings.get(phase, 0.0) + seconds


def _plan(
    paths: Sequence[Path], loader: ConfigSource, reported: set[str],
    stdin: Callable[[], PostResult] | None, implicit: Collection[Path] = (),
    skipped: list[Skipped] | None = None, not_a_post: Callable[[Path], str] | None = None,
) -> Iterator[PostResult | Job]:
    """Each target in order: a result already known (an error, stdin) or a file to check."""
    for target in discover(paths, loader, reported, implicit=implicit, skipped=skipped,
                           not_a_post=not_a_post):
        if target.error:
            yield PostResult(path=target.display, errors=(target.error,))
            continue
        if target.stdin:
            if stdin is not None:
                yield stdin()
            continue
        try:
            config = loader.for_path(target.path)
        except ConfigError as exc:
            failed = config_error_target(exc, target.path, reported)
            if failed is not None:
                yield PostResult(path=failed.display, errors=(failed.error,))
            continue
        yield Job(target.path, target.display, config)


#: Results waiting to be handed out in order, per worker: bounds memory on large runs.
WINDOW_PER_WORKER = 32
WORKER_LOST = ("could not be checked: the worker process checking it stopped "
               "unexpectedly")


def run(
    paths: Sequence[Path], loader: ConfigSource, rules: Mapping[str, type[Rule]],
    stdin: Callable[[], PostResult] | None = None, *, jobs: int = 1,
    cache: ResultCache | None = None, stats: RunStats | None = None,
    start_method: str | None = None, attachments: Attachments | None = None,
    implicit: Collection[Path] = (), skipped: list[Skipped] | None = None,
    not_a_post: Callable[[Path], str] | None = None,
) -> Iterator[PostResult]:
    """Check every post under ``paths``; one result per file or failed path, in order.

    ``-`` among ``paths`` is checked, in its place, by calling ``stdin``. A
    broken configuration file becomes one result that names it (and the
    posts it governs are skipped); every other post is still checked.
    ``jobs`` is the most worker processes to use (1: check in this process);
    what the engine prints on stderr is printed once, in file order.
    ``attachments`` says what a later phase (the site checks) needs worked out
    of each post checked (not taken from the cache), and receives it.
    ``implicit``, ``skipped`` and ``not_a_post`` are as for :func:`discover`.
    """
    printed: set[str] = set()

    def emit(outcome: Outcome) -> PostResult:
        for line in outcome.notices:
            if line not in printed:
                printed.add(line)
                print(line, file=sys.stderr)
        if stats is not None:
            stats.add(outcome)
        if attachments is not None and outcome.attached is not None:
            attachments.keep(outcome.result.path, outcome.attached)
        return outcome.result

    planned = _plan(paths, loader, set(), stdin, implicit, skipped, not_a_post)
    # Look ahead only as far as needed to know how many workers are worth starting:
    # files stream through, however many there are.
    ahead: list[PostResult | Job] = []
    files = 0
    if jobs > 1:
        for item in planned:
            ahead.append(item)
            files += isinstance(item, Job)
            if files == jobs:
                break
    items = itertools.chain(ahead, planned)
    hooks = attachments.hook if attachments is not None else None
    if files <= 1:
        for item in items:
            yield emit(check_job(item, rules, cache, hooks)) if isinstance(item, Job) else item
        return
    yield from _run_parallel(items, rules, cache, files, emit, stats, start_method, hooks)


def _run_parallel(
    planned: Iterable[PostResult | Job], rules: Mapping[str, type[Rule]],
    cache: ResultCache | None, workers: int, emit: Callable[[Outcome], PostResult],
    stats: RunStats | None, start_method: str | None,
    hooks: Callable[[str], PostHook | None] | None = None,
) -> Iterator[PostResult]:
    """Look each file up here, check the misses in workers, hand results out in order."""
    executor: ProcessPoolExecutor | None = None
    pending: deque[tuple[PostResult | Outcome | Future[Outcome], str]] = deque()
    window = workers * WINDOW_PER_WORKER

    def submit(job: Job) -> Future[Outcome]:
        nonlocal executor
        for _ in range(2):
            if executor is None:
                started = time.perf_counter()
                executor = start_workers(workers, rules, cache, start_method)
                if stats is not None:
                    stats.workers += workers
                    stats.timings["workers-start"] = (stats.timings.get("workers-start", 0.0)
                                                      + time.perf_counter() - started)
            try:
                future: Future[Outcome] = work(executor, job)
                return future
            except BrokenProcessPool:
                # A worker died since the last submission: start a fresh pool.
                executor.shutdown(wait=False, cancel_futures=True)
                executor = None
        lost: Future[Outcome] = Future()
        lost.set_exception(BrokenProcessPool(WORKER_LOST))
        return lost

    def settle(item: PostResult | Outcome | Future[Outcome], display: str) -> PostResult:
        if isinstance(item, PostResult):
            return item
        if isinstance(item, Future):
            try:
                item = item.result()
            except BrokenProcessPool:
                item = Outcome(PostResult(path=display, errors=(WORKER_LOST,)))
        return emit(item)

    warm_up = start_method is None
    try:
        for item in planned:
            if isinstance(item, PostResult):
                pending.append((item, item.path))
                continue
            done = lookup(item, cache) if cache is not None else None
            if done is None and warm_up and executor is None:
                # The first file to check is checked here, so that what it loads
                # (the language pipeline, dictionaries, word lists) is loaded
                # once and shared by the forked workers.
                warm_up = False
                if can_fork():
                    done = check_job(item, rules, cache, hooks)
            if done is None and hooks is not None:
                item = replace(item, hook=hooks(item.display))
            pending.append((done if done is not None else submit(item), item.display))
            while pending and (len(pending) > window or _ready(pending[0][0])):
                yield settle(*pending.popleft())
        while pending:
            yield settle(*pending.popleft())
    finally:
        if executor is not None:
            stop_workers(executor)


def _ready(item: object) -> bool:
    return not isinstance(item, Future) or item.done()


def run_stdin(
    data: bytes, display: str, config: Config, rules: Mapping[str, type[Rule]],
) -> PostResult:
    """Check a post read from standard input, reported under ``display``.

    The bytes go through the same checks as a file's: size limit, binary
    content, encoding and emptiness.
    """
    try:
        text = read_bytes(data, int(config.max_file_size_mb * 1_000_000))
    except InputError as exc:
        return PostResult(path=display, errors=(str(exc),))
    return check_text(text, display, config, rules, Path(display))
