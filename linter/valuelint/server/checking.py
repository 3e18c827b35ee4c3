"""Checking a document from the editor's buffer, with its workspace folder's settings.

A document is checked as ``valuelint check`` checks a file named on its command
line: with the configuration file found from its folder up (``untitled:``
documents: as ``untitled.md`` in their workspace folder), under ``force-exclude``
only when it matches ``include`` and not ``exclude``, and only when it is a
Markdown document (``markdown`` or ``mdx`` to the editor, or a name ``include``
matches). A configuration that breaks while the server runs is reported, and
documents go on being checked with the last configuration that worked.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock, Thread
from typing import Any
from urllib.parse import urlparse

from pygls.uris import to_fs_path

from valuelint.api import Linter
from valuelint.config import CONFIG_FILES, Config, ConfigError
from valuelint.engine import check_text
from valuelint.result import PostResult
from valuelint.rule import Rule
from valuelint.runner import MARKDOWN_SUFFIXES
from valuelint.scoring import Score
from valuelint.server.settings import Settings

__all__ = ["Check", "Checker", "Folder"]

#: Language ids editors give Markdown documents.
MARKDOWN_LANGUAGES = frozenset({"markdown", "mdx", "markdown.mdx"})
UNTITLED = "untitled.md"


@dataclass(slots=True)
class Check:
    """One check of one version of a document."""

    uri: str
    version: int | None
    text: str
    result: PostResult | None = None
    """None when the document is not checked (``skipped`` says why)."""
    score: Score | None = None
    front_matter_lines: int = 0
    rules: Mapping[str, type[Rule]] = field(default_factory=dict)
    config_error: ConfigError | None = None
    """The configuration that could not be read (the check used the last one that worked)."""
    config_file: Path | None = None
    """Where ``config_error`` is, as a path."""
    skipped: str = ""
    crash: str = ""
    """A traceback when valuelint itself failed on this document."""


@dataclass(slots=True)
class Folder:
    """A workspace folder: its settings, Linter and last good configurations."""

    root: Path | None
    settings: Settings
    linter: Linter
    good: dict[Path, Config] = field(default_factory=dict)
    """The last configuration read from each configuration file (by absolute path)."""
    defaults: Linter | None = None


def uri_path(uri: str, root: Path | None) -> Path:
    """The file a document stands for: its path, or ``untitled.md`` in ``root``."""
    if urlparse(uri).scheme == "file":
        found = to_fs_path(uri)
        if found:
            return Path(found)
    return (root or Path.cwd()) / UNTITLED


class Checker:
    """Checks documents; thread-safe (checks run in a worker thread)."""

    def __init__(self) -> None:
        self._lock = Lock()
        self.folders: dict[str, Folder] = {}
        """By folder URI ("" for documents outside every folder)."""
        self._stamps: dict[Path, tuple[tuple[str, int, int], ...]] = {}

    def set_folder(self, uri: str, root: Path | None, settings: Settings) -> Folder:
        """Build (or rebuild, reading configuration files again) a folder's Linter;
        raises :class:`ConfigError` for settings that name no rule."""
        linter = settings.linter(root)
        with self._lock:
            old = self.folders.get(uri)
            folder = Folder(root, settings, linter, dict(old.good) if old else {})
            self.folders[uri] = folder
        return folder

    def reload(self) -> None:
        """Read every configuration file again (one changed)."""
        with self._lock:
            folders = list(self.folders.items())
        for uri, folder in folders:
            # The settings were valid when set, and rules do not change while serving.
            with suppress(ConfigError):
                self.set_folder(uri, folder.root, folder.settings)

    def folder_of(self, uri: str) -> Folder:
        """The workspace folder holding a document (the first for ``untitled:``)."""
        with self._lock:
            folders = dict(self.folders)
        parsed = urlparse(uri)
        if parsed.scheme != "file":
            named = [f for key, f in folders.items() if key]
            return named[0] if named else folders[""]
        path = uri_path(uri, None)
        best: tuple[int, Folder] | None = None
        for key, folder in folders.items():
            if not key or folder.root is None:
                continue
            root = str(folder.root)
            inside = str(path) == root or str(path).startswith(root.rstrip(os.sep) + os.sep)
            if inside and (best is None or len(root) > best[0]):
                best = (len(root), folder)
        return best[1] if best else folders[""]

    def _config(self, folder: Folder, path: Path) -> tuple[Config, ConfigError | None, Path | None]:
        try:
            config = folder.linter.config_for(path)
        except ConfigError as exc:
            broken = Path(exc.path).resolve() if exc.path else None
            kept = folder.good.get(broken) if broken else None
            if kept is None:
                if folder.defaults is None:
                    folder.defaults = Linter({}, select=folder.settings.select or None,
                                             ignore=folder.settings.ignore or None,
                                             fail_on=folder.settings.fail_on, root=folder.root)
                kept = folder.defaults.config_for(path)
            return kept, exc, broken
        if config.path is not None:
            folder.good[config.path.resolve()] = config
        return config, None, None

    def check(self, uri: str, version: int | None, text: str, language_id: str | None) -> Check:
        """Check a document's text; never raises."""
        check = Check(uri, version, text)
        try:
            self._check(check, language_id)
        except Exception:  # valuelint must not take the editor's server down with it
            check.crash = traceback.format_exc()
            check.result = None
        return check

    def _check(self, check: Check, language_id: str | None) -> None:
        folder = self.folder_of(check.uri)
        path = uri_path(check.uri, folder.root)
        config, check.config_error, check.config_file = self._config(folder, path)
        check.rules = folder.linter.rules
        check.skipped = _skip_reason(path, language_id, config)
        if check.skipped:
            return
        root = folder.root or Path.cwd()
        try:
            display = path.relative_to(root).as_posix()
        except ValueError:
            display = path.as_posix()
        limit = int(config.max_file_size_mb * 1_000_000)
        size = len(check.text.encode("utf-8", "surrogatepass"))
        if size > limit:
            check.result = PostResult(path=display, errors=(
                f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit "
                "(max-file-size-mb): not checked",))
            return
        shared: dict[str, Any] = {}
        check.result = check_text(check.text, display, config, folder.linter.rules, path, shared)
        check.score = shared.get("score")
        document = shared.get("document")
        if document is not None:
            check.front_matter_lines = document.front_matter.end_line

    def configuration_moved(self, uri: str) -> bool:
        """True when a configuration file that may govern the document was created,
        changed or deleted since its last check (for clients that watch no files)."""
        folder = self.folder_of(uri)
        start = uri_path(uri, folder.root).parent
        stamp = configuration_stamp(start)
        with self._lock:
            before = self._stamps.get(start)
            self._stamps[start] = stamp
        return before is not None and before != stamp

    def warm(self, preload: Thread | None = None) -> None:
        """Load the language pipeline now, so that the first document is checked fast
        (after ``preload``, a thread already loading it, has finished)."""
        if preload is not None:
            preload.join()
        folder = next(iter(self.folders.values()), None)
        if folder is not None:
            folder.linter.lint_text("# Warming up\n\nThis post loads the language pipeline.\n",
                                    (folder.root or Path.cwd()) / UNTITLED)


def configuration_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, modification time, size) of every configuration file from ``folder`` up to
    the top of its project (a folder holding ``.git``) or of the file system."""
    found: list[tuple[str, int, int]] = []
    while True:
        for name in CONFIG_FILES:
            candidate = folder / name
            try:
                status = candidate.stat()
            except OSError:
                continue
            found.append((str(candidate), status.st_mtime_ns, status.st_size))
        if folder.parent == folder or (folder / ".git").exists():
            return tuple(found)
        folder = folder.parent


def _skip_reason(path: Path, language_id: str | None, config: Config) -> str:
    """Why a document is not checked, or "" to check it."""
    markdown = (language_id or "").lower() in MARKDOWN_LANGUAGES
    if not (markdown or path.suffix.lower() in MARKDOWN_SUFFIXES or config.is_included(path)):
        return "not a Markdown document"
    if config.force_exclude:
        if config.excludes(path):
            return "matches 'exclude' (force-exclude is on)"
        if not config.is_included(path):
            return "does not match 'include' (force-exclude is on)"
    return ""
