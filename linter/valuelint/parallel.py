"""Checking one file, in this process or in a worker process, with the result cache.

:func:`check_job` is the unit of work: read the file's bytes once, look the
result up in the cache, and on a miss decode, parse, analyse, run the rules,
score and store. Whatever the engine prints on stderr while checking (a
warning that a rule is skipped, a spaCy pipeline that is not installed) is
captured and handed back as *notices*, so the caller prints each one once and
in file order, however many processes did the work, and a cache hit prints the
same notices as the run that stored it.

Worker processes are started with ``fork`` where that is safe (Linux, and a
parent with no other thread) and otherwise with ``forkserver`` or ``spawn``.
With ``fork``, the parent checks the first file that needs checking itself
before it starts the workers (see :func:`can_fork`): the language pipeline,
the syllable data and the compiled word lists are then loaded once and
shared by every worker, instead of loaded again in each (about 3 s of CPU and
200 MB each). Otherwise each worker loads them once, on its first post. A
worker ignores Ctrl-C: the parent stops the run.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from valuelint import engine
from valuelint.cache import EntryKey, ResultCache
from valuelint.config import Config
from valuelint.engine import check_text
from valuelint.gctuning import tune_gc
from valuelint.result import PostResult
from valuelint.rule import Rule
from valuelint.source import InputError, read_bytes, read_file

if TYPE_CHECKING:
    from valuelint.document import Document

__all__ = [
    "CheckedPost", "Job", "Outcome", "PostHook", "available_cpus", "can_fork", "check_job",
    "lookup", "start_workers",
]


@dataclass(frozen=True, slots=True)
class CheckedPost:
    """A post just checked, with what checking it read: what a :class:`PostHook` gets."""

    display: str
    data: bytes
    """The file's bytes."""
    text: str
    """Its decoded text."""
    document: Document
    result: PostResult


class PostHook(Protocol):
    """What a later phase of the run needs of a post, worked out while it is checked.

    Called by :func:`check_job` where the post was checked (in a worker, or in
    this process), for a post checked without errors, with the result cache
    (None without one); what it returns comes back in :attr:`Outcome.attached`.
    It must pickle, to go to a worker with its :class:`Job`, and so must what
    it returns. The site checks use one to work out each post's features from
    the text and document the check already has (see
    :class:`valuelint.site.analysis.FeatureRequest`).
    """

    def __call__(self, post: CheckedPost, cache: ResultCache | None) -> Any: ...


@dataclass(frozen=True, slots=True)
class Job:
    """A file to check: where it is, how it is shown, and its configuration."""

    path: Path
    display: str
    config: Config
    hook: PostHook | None = None
    """What a later phase asks of the post while it is checked."""


@dataclass(slots=True)
class Outcome:
    """A file's result and what came with it."""

    result: PostResult
    notices: tuple[str, ...] = ()
    """Lines printed on stderr while the file was checked."""
    cached: bool = False
    """True when the result came from the cache."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase spent on this file (only with ``VALUELINT_PROFILE=1``)."""
    attached: Any = None
    """What the job's :class:`PostHook` returned (None when it did not run: a cache
    hit, a post with errors, no hook)."""


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the system has one)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


def _add(timings: dict[str, float], phase: str, since: float) -> float:
    now = time.perf_counter()
    timings[phase] = timings.get(phase, 0.0) + now - since
    return now


@dataclass(slots=True)
class _Read:
    """A file read and looked up: its outcome when that settles it, else what checking needs."""

    outcome: Outcome | None
    data: bytes = b""
    entry: EntryKey | None = None
    timings: dict[str, float] = field(default_factory=dict)


def _read(job: Job, cache: ResultCache | None) -> _Read:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    limit = int(job.config.max_file_size_mb * 1_000_000)
    try:
        data = read_file(job.path, limit)
    except InputError as exc:
        return _Read(Outcome(PostResult(path=job.display, errors=(str(exc),))))
    if engine.PROFILE:
        started = _add(timings, "read", started)
    if cache is None:
        return _Read(None, data, None, timings)
    entry = cache.key(job.config, job.display, job.path, data)
    hit = cache.load(entry)
    if engine.PROFILE:
        _add(timings, "cache", started)
    if hit is not None:
        return _Read(Outcome(hit.result, hit.notices, cached=True, timings=timings))
    return _Read(None, data, entry, timings)


def lookup(job: Job, cache: ResultCache) -> Outcome | None:
    """The outcome of ``job`` when no checking is needed (a cache hit, an unreadable file)."""
    return _read(job, cache).outcome


def check_job(
    job: Job, rules: Mapping[str, type[Rule]], cache: ResultCache | None,
    hooks: Callable[[str], PostHook | None] | None = None,
) -> Outcome:
    """Check one file (or take its result from the cache); never raises for bad input.

    A checked post goes through ``job.hook``, or the hook ``hooks`` gives for its
    displayed path.
    """
    read = _read(job, cache)
    if read.outcome is not None:
        return read.outcome
    timings = read.timings
    before = dict(engine.TIMINGS) if engine.PROFILE else {}
    limit = int(job.config.max_file_size_mb * 1_000_000)
    captured = io.StringIO()
    text = ""
    shared: dict[str, Any] = {}
    with redirect_stderr(captured):
        try:
            text = read_bytes(read.data, limit)
        except InputError as exc:
            result = PostResult(path=job.display, errors=(str(exc),))
        else:
            result = check_text(text, job.display, job.config, rules, job.path, shared)
    notices = tuple(captured.getvalue().splitlines())
    started = time.perf_counter()
    if engine.PROFILE:
        for phase, seconds in engine.TIMINGS.items():
            delta = seconds - before.get(phase, 0.0)
            if delta:
                timings[phase] = timings.get(phase, 0.0) + delta
    if cache is not None and read.entry is not None:
        cache.store(read.entry, result, notices)
        if engine.PROFILE:
            started = _add(timings, "cache", started)
    hook = job.hook if job.hook is not None or hooks is None else hooks(job.display)
    attached = None
    if hook is not None and not result.errors and result.score is not None:
        attached = hook(CheckedPost(job.display, read.data, text, shared["document"], result),
                        cache)
        if engine.PROFILE:
            _add(timings, "site", started)
    return Outcome(result, notices, timings=timings, attached=attached)


# --------------------------------------------------------------------------- workers

_worker: tuple[Mapping[str, type[Rule]], ResultCache | None] | None = None


#: The signals valuelint turns into exceptions that unwind the main process.
_UNWINDING = frozenset({signal.SIGINT, signal.SIGTERM})


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back until the block ends (where the system allows it).

    valuelint turns both into exceptions that unwind the main process and stop its
    workers on the way. Raised while the pool is starting its worker processes,
    before the thread that tells them to stop exists, such an exception would leave
    workers waiting for work that never comes, and the process waiting for them at
    exit, for ever. Held back, the signal arrives when the block ends.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _UNWINDING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _init_worker(rules: Mapping[str, type[Rule]], cache: ResultCache | None) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The main process's SIGTERM handler unwinds it; a worker just ends.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        # A forked worker starts with the signals its parent held (see signals_held).
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _UNWINDING)
    tune_gc()  # a forked worker has it already, a spawned one not
    _worker = (rules, cache)


def _work(job: Job) -> Outcome:
    assert _worker is not None, "worker not initialised"
    rules, cache = _worker
    return check_job(job, rules, cache)


def _single_threaded() -> bool:
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def can_fork() -> bool:
    """True when workers will be forked from this process (and so share what it loaded).

    Only a process running no other thread is forked. Loading spaCy loads
    numpy, whose BLAS library would start a pool of threads; valuelint keeps it
    to one thread (:func:`valuelint.language.one_blas_thread`, called when spaCy
    is imported), so checking the first post here leaves the process forkable.
    """
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return _single_threaded()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and _single_threaded():
        # Objects loaded so far stay where they are: the garbage collector
        # must not touch (and so copy) the pages the workers share.
        gc.freeze()
        return multiprocessing.get_context("fork")
    if "forkserver" in methods and sys.platform != "darwin":
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def start_workers(
    count: int, rules: Mapping[str, type[Rule]], cache: ResultCache | None,
    start_method: str | None = None,
) -> ProcessPoolExecutor:
    """A pool of ``count`` worker processes that run :func:`check_job`."""
    context = multiprocessing.get_context(start_method) if start_method else _context()
    return ProcessPoolExecutor(max_workers=count, mp_context=context,
                               initializer=_init_worker, initargs=(rules, cache))


def stop_workers(executor: ProcessPoolExecutor) -> None:
    """Stop the workers (after their current file) and let the collector see everything."""
    executor.shutdown(wait=True, cancel_futures=True)
    gc.unfreeze()


def work(executor: ProcessPoolExecutor, job: Job) -> Any:
    """Submit ``job`` to ``executor``; the future's result is an :class:`Outcome`.

    The first submission starts the worker processes: signals are held meanwhile.
    """
    with signals_held():
        return executor.submit(_work, job)
