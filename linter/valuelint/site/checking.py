"""Sites and their posts, for ``check`` and the ``site`` and ``report`` commands.

Which static sites the folders checked belong to and which of their files are
posts (:func:`sites`, :func:`membership`, :func:`not_a_post`), and the steps of
the ``site`` and ``report`` commands: read the configuration, check a site's
posts, write the report. Bad input is reported as one line on standard error
and exit code 2, never as a traceback.

The command line imports this module when a command that checks posts starts,
not with itself (see :mod:`valuelint.site.commands`); the site checks proper
are in :mod:`valuelint.site.phase`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from valuelint.api import Linter
from valuelint.atomic import write_atomic
from valuelint.cache import ResultCache, open_cache
from valuelint.config import Config, ConfigError
from valuelint.parallel import available_cpus
from valuelint.plugins import PluginError
from valuelint.result import PostResult
from valuelint.rule import Rule
from valuelint.runner import ConfigSource, display_path, run
from valuelint.site.generators import (
    Generator,
    detect,
    find_generator,
    is_section_index,
    is_within,
)
from valuelint.source import resolved

if TYPE_CHECKING:
    from valuelint.site.phase import SiteFeatures

__all__ = [
    "Site",
    "check_posts",
    "config_or_none",
    "emit",
    "fatal",
    "folder_display",
    "membership",
    "not_a_post",
    "prepare",
    "shown_path",
    "site_targets",
    "sites",
]

EXIT_ERROR = 2


def fatal(message: str) -> NoReturn:
    """Say what is wrong in one line on standard error and exit with code 2."""
    print(f"valuelint: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR)


def shown_path(path: Path) -> str:
    """``path`` as reports show it (relative to the working folder where possible)."""
    return display_path(path)


def folder_display(path: Path) -> str:
    shown = shown_path(path)
    return shown if shown.endswith("/") else shown + "/"


# --------------------------------------------------------------------------- grouping into sites

@dataclass(slots=True)
class Site:
    root: Path
    generator: Generator | None
    folders: list[Path]
    """The folders given for this site (absolute)."""


def sites(targets: Sequence[Path]) -> list[Site]:
    """The sites the folders among ``targets`` belong to, in the order first named."""
    found: dict[Path, Site] = {}
    for target in targets:
        if str(target) == "-" or not target.is_dir():
            continue
        folder = resolved(target)
        generator = find_generator(folder)
        root = resolved(generator.root) if generator is not None else folder
        if root not in found:
            found[root] = Site(root, generator, [])
        found[root].folders.append(folder)
    return list(found.values())


def membership(site: Site, display: str) -> tuple[Path, bool] | None:
    """(resolved file, in a drafts folder) of a post of ``site``; None for any other path."""
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


def not_a_post() -> Callable[[Path], str]:
    """For files named on the command line under ``force-exclude``: why a (resolved)
    file is not a post or draft of the static site it belongs to, or "" when it is one
    or belongs to no site whose posts folders valuelint knows."""
    sites: dict[Path, Generator | None] = {}

    def reason(file: Path) -> str:
        if file.parent not in sites:
            sites[file.parent] = find_generator(file.parent)
        site = sites[file.parent]
        if site is None or not site.folders or site.holds(file):
            return ""
        folders = ", ".join(shown_path(folder) + "/" for folder in site.folders)
        return (f"not a post of the {site.label} site (its posts are in {folders}); "
                "name it in 'include' to check it")

    return reason


def config_or_none(loader: ConfigSource, path: Path) -> Config | None:
    """The configuration governing ``path``, or None when it cannot be read (checking
    the posts has reported that)."""
    try:
        return loader.for_path(path)
    except ConfigError:
        return None


def check_posts(
    targets: Sequence[Path], loader: ConfigSource, rules: Mapping[str, type[Rule]],
    jobs: int | None, no_cache: bool, cache_dir: Path | None, implicit: Sequence[Path] = (),
    features: SiteFeatures | None = None,
) -> tuple[list[PostResult], ResultCache | None]:
    """Check a site's posts (with the result cache unless ``no_cache``): the results,
    in file order, and the cache used."""
    cache = None if no_cache else open_cache(cache_dir, rules)
    return list(run(targets, loader, rules, jobs=jobs or available_cpus(), cache=cache,
                    implicit=implicit, attachments=features)), cache


def site_targets(directory: Path) -> tuple[list[Path], list[Path]]:
    """The folders to check for the site at ``directory`` (its generator's posts and
    drafts folders, else ``directory``), and those of them valuelint found itself (an
    empty one is not an error)."""
    generator = detect(directory)
    if generator is None or not generator.folders:
        return [directory], []
    found = [Path(shown_path(folder)) for folder in generator.folders]
    return found, found


def prepare(directory: Path, config: Path | None) -> tuple[dict[str, type[Rule]], Any]:
    """The rules and the configuration loader for the site at ``directory``, or exit 2
    when that is not a folder or the configuration cannot be read."""
    if not directory.exists():
        fatal(f"{shown_path(directory)}: no such file or directory")
    if not directory.is_dir():
        fatal(f"{shown_path(directory)}: not a folder (give the folder that holds the site)")
    try:
        linter = Linter(config)
    except (ConfigError, PluginError) as exc:
        fatal(str(exc))
    return linter.rules, linter.configs


def emit(text: str, output_file: Path | None) -> None:
    """Write a report to standard output, or atomically to ``output_file``."""
    if output_file is None or str(output_file) == "-":
        sys.stdout.write(text)
        return
    try:
        write_atomic(output_file, text)
    except OSError as exc:
        fatal(f"cannot write {output_file}: {exc.strerror or exc}")


