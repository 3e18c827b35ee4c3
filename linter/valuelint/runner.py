"""Running valuelint over paths: find the posts, check each, keep going on errors.

Files are found in a stable order (sorted, folder by folder), so output is the
same on every machine. A path that does not exist, a folder with no Markdown
and a file that cannot be read each become a :class:`FileResult` with an error;
the other files are still checked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from valuelint.config import Config, ConfigError
from valuelint.engine import FileResult, check_path, check_text
from valuelint.rule import Rule
from valuelint.source import InputError, read_bytes

__all__ = ["Target", "discover", "display_path", "run", "run_stdin"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


class ConfigSource(Protocol):
    """Anything that gives the configuration governing a path."""

    def for_path(self, path: Path) -> Config: ...


@dataclass(frozen=True, slots=True)
class Target:
    """A file to check, or a path that produced an error before any file was found."""

    path: Path
    display: str
    error: str = ""
    stdin: bool = False
    """True for ``-``: the post is read from standard input."""


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to the working folder where possible, with ``/`` separators."""
    cwd = cwd or Path.cwd()
    try:
        return path.absolute().relative_to(cwd.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(
    paths: Sequence[Path], loader: ConfigSource, reported: set[str] | None = None,
) -> Iterator[Target]:
    """The files to check under ``paths``, each once, in a stable order.

    Files named on the command line are always checked; files found in a
    folder must match ``include`` and not ``exclude``. ``-`` stands for
    standard input. A folder whose configuration is broken is not walked: the
    broken file becomes one error target (once, however many folders it
    governs; ``reported`` holds the files already reported).
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
            if key not in seen:
                seen.add(key)
                yield Target(path, display)
            continue
        found = False
        for target in _walk(path, loader, reported):
            found = True
            if target.error:
                yield target
                continue
            key = os.path.realpath(target.path)
            if key not in seen:
                seen.add(key)
                yield target
        if not found:
            yield Target(path, display, "no Markdown files (.md, .markdown, .mdx) found here")


def config_error_target(exc: ConfigError, path: Path, reported: set[str]) -> Target | None:
    """The error target for a broken configuration, or None when it was already reported."""
    where = exc.path or display_path(path)
    if where in reported:
        return None
    reported.add(where)
    return Target(Path(where), where, exc.detail)


def _walk(root: Path, loader: ConfigSource, reported: set[str]) -> Iterator[Target]:
    def on_error(_: OSError) -> None:
        return None

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
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
        for name in sorted(files):
            file = base / name
            if config.is_included(file) and not config.is_excluded(file) and (
                not file.is_dir()
            ):
                yield Target(file, display_path(file))


def run(
    paths: Sequence[Path], loader: ConfigSource, rules: Mapping[str, type[Rule]],
    stdin: Callable[[], FileResult] | None = None,
) -> Iterator[FileResult]:
    """Check every post under ``paths``; one result per file or failed path.

    ``-`` among ``paths`` is checked, in its place, by calling ``stdin``. A
    broken configuration file becomes one result that names it (and the
    posts it governs are skipped); every other post is still checked.
    """
    reported: set[str] = set()
    for target in discover(paths, loader, reported):
        if target.error:
            yield FileResult(path=target.display, errors=[target.error])
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
                yield FileResult(path=failed.display, errors=[failed.error])
            continue
        yield check_path(target.path, target.display, config, rules)


def run_stdin(
    data: bytes, display: str, config: Config, rules: Mapping[str, type[Rule]],
) -> FileResult:
    """Check a post read from standard input, reported under ``display``.

    The bytes go through the same checks as a file's: size limit, binary
    content, encoding and emptiness.
    """
    try:
        text = read_bytes(data, int(config.max_file_size_mb * 1_000_000))
    except InputError as exc:
        return FileResult(path=display, errors=[str(exc)])
    return check_text(text, display, config, rules, Path(display))
