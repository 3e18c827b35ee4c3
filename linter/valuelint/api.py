"""The Python API: :class:`Linter`, the one way valuelint judges a post.

A :class:`Linter` loads the configuration and the rule packs once; then
:meth:`Linter.lint_text` judges a post held in memory (a CMS export, a row of a
table, a Dask partition), :meth:`Linter.lint_path` one file and
:meth:`Linter.lint_many` files and folders, in worker processes if asked.
``valuelint check`` builds a :class:`Linter` from its options and checks every
post through the same engine function (:func:`valuelint.engine.check_text`), so
a post gets the same judgement from the command line and from Python.

Results are :class:`~valuelint.result.PostResult` objects: frozen, picklable,
and with :meth:`~valuelint.result.PostResult.to_dict` equal to the post's entry
of the JSON report. See docs/api.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from valuelint.config import (
    Config,
    ConfigError,
    ConfigLoader,
    check_selector,
    parse_config,
)
from valuelint.engine import check_path, check_text
from valuelint.plugins import load_rules
from valuelint.result import PostResult
from valuelint.rule import Rule, Severity
from valuelint.runner import display_path, run

__all__ = ["Linter"]

PathLike = str | os.PathLike[str]


def _selectors(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """``"THIN,PROM001"``, ``["THIN", "PROM001"]`` or None, as a tuple of selectors."""
    if values is None:
        return ()
    items = [values] if isinstance(values, str) else list(values)
    return tuple(part.strip() for item in items for part in item.split(",") if part.strip())


class _Layered:
    """A configuration source with the caller's choices over each file's configuration.

    The caller (the command line's options, or :class:`Linter`'s arguments) has the
    last word: ``ignore=["PROM"]`` turns off PROM001 even where the configuration
    selects it by its full code, and ``select=["PROM001"]`` runs it even where it is
    ignored.
    """

    def __init__(self, loader: ConfigLoader, changes: Mapping[str, Any]) -> None:
        self._loader = loader
        self._changes = dict(changes)
        self._seen: dict[int, tuple[Config, Config]] = {}

    def for_path(self, path: Path) -> Config:
        config = self._loader.for_path(path)
        key = id(config)
        seen = self._seen.get(key)
        if seen is None:
            layered = replace(config, **self._changes) if self._changes else config
            seen = self._seen[key] = (config, layered)
        return seen[1]


class Linter:
    """valuelint's judgement of posts, with one configuration and set of rules.

    ``config`` is a configuration file (``pyproject.toml``, ``valuelint.toml``,
    ``.valuelint.toml``) used for every post, a mapping of settings as in a
    ``[tool.valuelint]`` table, or None to use the configuration file that
    governs each post (looked for from its folder up, as ``valuelint check``
    does). ``select``, ``ignore`` and ``extend_select`` choose rules by code,
    prefix or name over what the configuration selects, as the command line's
    options do; ``fail_on`` and ``fail_under`` replace the configuration's.
    ``root`` is the folder the relative paths of :meth:`lint_text` and the
    globs of a ``config`` mapping are taken from (default: the working folder).

    Raises :class:`~valuelint.config.ConfigError` (a ``ValueError``) for a
    configuration that cannot be used or a selector that names no rule, and
    :class:`~valuelint.plugins.PluginError` for a broken rule pack.

    A ``Linter`` never writes a file. :meth:`lint_text` reads nothing but the
    configuration files and may be called from several threads at once. A
    ``Linter`` pickles as its arguments: unpickled (in a worker process), it
    loads its configuration and rules again, and the language pipeline is
    loaded by the first post it checks there.
    """

    def __init__(
        self, config: PathLike | Mapping[str, Any] | None = None, *,
        select: Iterable[str] | str | None = None, ignore: Iterable[str] | str | None = None,
        root: PathLike | None = None, extend_select: Iterable[str] | str | None = None,
        fail_on: Severity | str | None = None, fail_under: float | None = None,
        force_exclude: bool | None = None,
    ) -> None:
        self._arguments: dict[str, Any] = {
            "config": dict(config) if isinstance(config, Mapping) else config,
            "select": select if select is None or isinstance(select, str) else list(select),
            "ignore": ignore if ignore is None or isinstance(ignore, str) else list(ignore),
            "root": root,
            "extend_select": (extend_select if extend_select is None
                              or isinstance(extend_select, str) else list(extend_select)),
            "fail_on": fail_on, "fail_under": fail_under, "force_exclude": force_exclude,
        }
        self.root = Path(root).absolute() if root is not None else Path.cwd()
        self.rules: dict[str, type[Rule]] = load_rules()
        chosen = {"select": _selectors(select), "ignore": _selectors(ignore),
                  "extend-select": _selectors(extend_select)}
        for option, values in chosen.items():
            for value in values:
                check_selector(value, self.rules, option)
        overrides: dict[str, Any] = {}
        if fail_on is not None:
            try:
                overrides["fail_on"] = Severity(str(fail_on).lower())
            except ValueError:
                raise ConfigError(f"fail-on: expected error, warning or info, "
                                  f"got '{fail_on}'") from None
        if fail_under is not None:
            if not 0 <= fail_under <= 100:
                raise ConfigError(f"fail-under: expected a number from 0 to 100, "
                                  f"got {fail_under}")
            overrides["fail_under"] = float(fail_under)
        if isinstance(config, Mapping):
            given = replace(parse_config(config, None, self.rules), root=self.root)
            loader = ConfigLoader(self.rules, explicit=given, overrides=overrides)
        else:
            loader = ConfigLoader(
                self.rules, explicit=None if config is None else self._resolve(config),
                overrides=overrides)
        changes: dict[str, Any] = {}
        if chosen["select"]:
            changes["cli_select"] = chosen["select"]
        if chosen["ignore"]:
            changes["cli_ignore"] = chosen["ignore"]
        if chosen["extend-select"]:
            changes["cli_extend_select"] = chosen["extend-select"]
        if force_exclude is not None:
            changes["force_exclude"] = force_exclude
        self.configs = _Layered(loader, changes)
        """The configuration governing each path: ``self.configs.for_path(path)``."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Made again from its arguments where it is unpickled: rules, configuration
        # and (on the first post) the language pipeline load in that process.
        return (_rebuild, (self._arguments,))

    def __repr__(self) -> str:
        given = ", ".join(f"{key}={value!r}" for key, value in self._arguments.items()
                          if value is not None)
        return f"Linter({given})"

    def _resolve(self, path: PathLike) -> Path:
        file = Path(path)
        return file if file.is_absolute() else self.root / file

    def config_for(self, path: PathLike) -> Config:
        """The configuration a post at ``path`` (relative to :attr:`root`) is checked with.

        Raises :class:`~valuelint.config.ConfigError` when it cannot be read.
        """
        return self.configs.for_path(self._resolve(path))

    def lint_text(
        self, text: str, path: PathLike = "post.md", *, lang: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> PostResult:
        """Judge a post held in memory, as if it were the file at ``path``.

        ``path`` (relative to :attr:`root`) names the post in the result and
        picks its configuration (``per-file-ignores`` and the configuration
        file that governs its folder); ``.mdx`` is read as MDX. ``metadata``
        (``title``, ``date``, ``description``...) is front matter given
        apart from the text: it takes the place of the same keys in the
        text's own front matter. ``lang`` is the language the post is checked
        in, over its front matter's and the configuration's. Bad input (front
        matter that does not parse, a post too large, a configuration that
        cannot be read) comes back as the result's ``errors``; nothing is
        raised, printed to standard output or written.
        """
        shown = Path(path).as_posix()
        try:
            config = self.config_for(path)
        except ConfigError as exc:
            return PostResult(path=shown, errors=(str(exc),))
        extra = dict(metadata or {})
        if lang is not None:
            extra["lang"] = lang
        return check_text(text, shown, config, self.rules, self._resolve(path),
                          metadata=extra or None)

    def lint_path(self, path: PathLike) -> PostResult:
        """Read and judge one file; a file that cannot be read (missing, binary, not
        UTF-8, too large) comes back as the result's ``errors``.

        The result's path is ``path`` relative to the working folder where it is inside it,
        as ``valuelint check`` shows it.
        """
        file = Path(path)
        shown = display_path(file)
        try:
            config = self.configs.for_path(file)
        except ConfigError as exc:
            return PostResult(path=shown, errors=(str(exc),))
        return check_path(file, shown, config, self.rules)

    def lint_many(self, paths: Iterable[PathLike], *, jobs: int = 1) -> Iterator[PostResult]:
        """Judge every post under ``paths`` (files and folders), in order, as they are judged.

        Folders are walked as ``valuelint check`` walks them (``include``,
        ``exclude``, sorted by name). ``jobs`` above 1 checks in that many
        worker processes; results still come in order. A path that does not
        exist or a folder with no posts gives a result with an error. Site
        checks (``valuelint site``) are not run.
        """
        yield from run([Path(p) for p in paths], self.configs, self.rules, jobs=jobs)


def _rebuild(arguments: dict[str, Any]) -> Linter:
    return Linter(**arguments)

