"""Running valuelint over paths: find the posts, check each, keep going on errors.

Files are found in a stable order (sorted, folder by folder), so output is the
same on every machine. A path that does not exist, a folder with no Markdown
and a file that cannot be read each become a :class:`FileResult` with an error;
the other files are still checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from valuelint.config import Config
from valuelint.engine import FileResult, check_path, check_text
from valuelint.rule import Rule

__all__ = ["Target", "discover", "display_path", "run"]

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


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to the working folder where possible, with ``/`` separators."""
    cwd = cwd or Path.cwd()
    try:
        return path.absolute().relative_to(cwd.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: Sequence[Path], loader: ConfigSource) -> Iterator[Target]:
    """The files to check under ``paths``, each once, in a stable order."""
    seen: set[str] = set()
    for path in paths:
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
        for file in _walk(path, loader):
            key = os.path.realpath(file)
            if key in seen:
                continue
            seen.add(key)
            found = True
            yield Target(file, display_path(file))
        if not found:
            yield Target(path, display, "no Markdown files (.md, .markdown, .mdx) found here")


def _walk(root: Path, loader: ConfigSource) -> Iterator[Path]:
    def on_error(_: OSError) -> None:
        return None

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        base = Path(folder)
        config = loader.for_path(base)
        dirs[:] = sorted(d for d in dirs if not config.is_excluded(base / d))
        for name in sorted(files):
            file = base / name
            if config.is_included(file) and not config.is_excluded(file) and (
                not file.is_dir()
            ):
                yield file


def run(
    paths: Sequence[Path], loader: ConfigSource, rules: Mapping[str, type[Rule]],
) -> Iterator[FileResult]:
    """Check every post under ``paths``; one result per file or failed path."""
    for target in discover(paths, loader):
        if target.error:
            yield FileResult(path=target.display, errors=[target.error])
            continue
        yield check_path(target.path, target.display, loader.for_path(target.path), rules)


def run_stdin(
    text: str, display: str, config: Config, rules: Mapping[str, type[Rule]],
) -> FileResult:
    """Check a post read from standard input, reported under ``display``."""
    return check_text(text, display, config, rules, Path(display))
