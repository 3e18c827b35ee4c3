"""Configuration: discovered upward from each file, validated strictly.

valuelint reads ``.valuelint.toml``, ``valuelint.toml`` or the
``[tool.valuelint]`` table of ``pyproject.toml``, whichever it meets first
walking up from a file's folder (in that order within one folder);
``--config`` names one file for every path instead. Every key and value is
checked: an unknown key, a rule code that no installed pack declares, a value
of the wrong type or out of range is an error naming the file and the key.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from valuelint.rule import Rule, Severity
from valuelint.selection import is_selected_layered
from valuelint.source import relative_within, resolved

__all__ = [
    "CONFIG_FILES",
    "Config",
    "ConfigError",
    "ConfigLoader",
    "declares_valuelint",
    "load_config_file",
]

CONFIG_FILES = (".valuelint.toml", "valuelint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdx")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox",
    "_site", "public", "site", ".valuelint_cache", "__pycache__", "vendor",
    ".pre-commit-hooks.yaml",
)


class ConfigError(ValueError):
    """A configuration file or option is wrong; the message names the file and key.

    ``path`` is the configuration file as the user should see it (None for a
    command-line option) and ``detail`` the problem without the file name.
    """

    def __init__(self, detail: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {detail}" if path else detail)
        self.detail = detail
        self.path = path


def shown_path(path: Path) -> str:
    """``path`` relative to the working folder when it is under it, else absolute."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration for one file."""

    path: Path | None = None
    """The file it came from (None: built-in defaults)."""
    root: Path = field(default_factory=Path.cwd)
    """Folder globs are relative to: the config file's folder."""
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_under: float = 50.0
    fail_on: Severity = Severity.WARNING
    include: tuple[str, ...] = DEFAULT_INCLUDE
    include_given: bool = False
    """True when the configuration sets ``include`` itself (not the default)."""
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    """Hold files named on the command line to ``include``, ``exclude`` and the site's
    posts folders too, as files found in a folder are (see :func:`valuelint.runner.discover`)."""
    language: str = "en"
    model: str = ""
    max_file_size_mb: float = 5.0
    rules: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    """Per-rule settings: (rule code, ((option, value), ...))."""
    cli_select: tuple[str, ...] | None = None
    """The command line's ``--select`` (None: not given); it replaces ``select``."""
    cli_ignore: tuple[str, ...] = ()
    cli_extend_select: tuple[str, ...] = ()

    def selects(self, code: str, name: str) -> bool:
        """True when this configuration (and the command line) turn the rule on."""
        return is_selected_layered(
            code, name, (self.select, self.ignore, self.extend_select),
            self.cli_select, self.cli_ignore, self.cli_extend_select)

    def names_rule(self, code: str, name: str) -> bool:
        """True when a select list names the rule by its full code or name."""
        chosen = {*self.select, *self.extend_select, *(self.cli_select or ()),
                  *self.cli_extend_select}
        return code in chosen or name in chosen

    def rule_options(self, rule: type[Rule]) -> dict[str, Any]:
        """The rule's options: its defaults, then what this configuration sets."""
        options = rule.default_options()
        options["severity"] = rule.severity.value
        for code, values in self.rules:
            if code == rule.code:
                options.update(values)
        return options

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """Selectors ``per-file-ignores`` turns off for ``path``."""
        relative = _relative(path, self.root)
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            matches = _globs((pattern,))
            if matches(relative) or matches(path.name):
                found.extend(selectors)
        return tuple(found)

    def is_excluded(self, path: Path) -> bool:
        """True when ``path``'s own name or its path from :attr:`root` matches ``exclude``.

        Only the last part is matched by name: folders are pruned one by one
        as they are walked, and the folders above a path the user named are
        never excluded (a blog under ``~/public/`` is still checked).
        """
        matches = _globs((*DEFAULT_EXCLUDE, *self.exclude))
        return matches(path.name) or matches(_relative(path, self.root))

    def is_included(self, path: Path) -> bool:
        matches = _globs(self.include)
        return matches(path.name) or matches(_relative(path, self.root))

    def excludes(self, file: Path) -> bool:
        """True when ``exclude`` (or a default exclusion) matches ``file`` or a folder
        above it, up to :attr:`root`."""
        top = resolved(self.root)
        relative = relative_within(resolved(file), top)
        if relative is None or relative == ".":
            return self.is_excluded(file)
        at = top
        for part in relative.split("/"):
            at = at / part
            if self.is_excluded(at):
                return True
        return False

    def fingerprint(self) -> str:
        """A stable text of every setting that changes a file's result (for cache keys).

        ``include`` and ``exclude`` only decide which files are checked, and
        ``path`` only where the settings came from; everything else is here,
        ``fail-under`` and ``fail-on`` included (they decide ``failing``).
        """
        return repr((self.select, self.ignore, self.extend_select, self.per_file_ignores,
                     self.fail_under, self.fail_on.value, self.language, self.model,
                     self.max_file_size_mb, self.rules, self.cli_select, self.cli_ignore,
                     self.cli_extend_select, str(self.root)))


def _relative(path: Path, root: Path) -> str:
    """``path`` from ``root`` (both resolved), with ``/``; ``path`` itself when outside."""
    found = relative_within(resolved(path), resolved(root))
    return path.as_posix() if found is None else found


@cache
def _globs(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a name or relative path matches one of ``patterns``, as one regular
    expression: a trailing ``/`` is ignored, and ``**/x`` also matches ``x``."""
    variants: list[str] = []
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        variants.append(pattern)
        if pattern.startswith("**/"):
            variants.append(pattern[3:])
    if not variants:
        return lambda text: False
    match = re.compile("|".join(fnmatch.translate(v) for v in variants)).match
    return lambda text: match(text) is not None


# --------------------------------------------------------------------------- validation

def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


_TOP_KEYS = {
    "select", "ignore", "extend-select", "per-file-ignores", "fail-under", "fail-on",
    "include", "exclude", "force-exclude", "language", "model", "max-file-size-mb", "rules",
}


def parse_config(
    data: Mapping[str, Any], path: Path | None, rules: Mapping[str, type[Rule]],
) -> Config:
    """Validate a ``[tool.valuelint]``-style mapping into a :class:`Config`."""
    label = shown_path(path) if path else "configuration"
    try:
        return _parse_config(data, path, rules)
    except ConfigError as exc:
        raise ConfigError(exc.detail, label) from None


def _parse_config(
    data: Mapping[str, Any], path: Path | None, rules: Mapping[str, type[Rule]],
) -> Config:
    for key in data:
        if key not in _TOP_KEYS:
            fixed = key.replace("_", "-")
            hint = (f" (did you mean '{fixed}'?)" if fixed in _TOP_KEYS
                    else did_you_mean(key, sorted(_TOP_KEYS)))
            raise ConfigError(f"unknown key '{key}'{hint}")
    names = {rule.name: code for code, rule in rules.items()}
    settings: dict[str, Any] = {}

    def selectors(key: str) -> tuple[str, ...]:
        values = _strings(data[key], f"'{key}'")
        for value in values:
            check_selector(value, rules, f"'{key}'")
        return values

    for key in ("select", "ignore", "extend-select"):
        if key in data:
            settings[key.replace("-", "_")] = selectors(key)
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError("'per-file-ignores': expected a table of glob = [codes]")
        entries = []
        for glob, codes in table.items():
            values = _strings(codes, f"'per-file-ignores.\"{glob}\"'")
            for value in values:
                check_selector(value, rules, f"'per-file-ignores.\"{glob}\"'")
            entries.append((str(glob), values))
        settings["per_file_ignores"] = tuple(entries)
    if "fail-under" in data:
        value = data["fail-under"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise ConfigError(f"'fail-under': expected a number from 0 to 100, "
                              f"got {value!r}")
        settings["fail_under"] = float(value)
    if "fail-on" in data:
        value = data["fail-on"]
        try:
            # As on the command line, the case of a choice does not matter.
            settings["fail_on"] = Severity(value.lower() if isinstance(value, str) else value)
        except ValueError:
            raise ConfigError(f"'fail-on': expected one of error, warning, info, "
                              f"got {value!r}") from None
    for key in ("include", "exclude"):
        if key in data:
            settings[key] = _strings(data[key], f"'{key}'")
    settings["include_given"] = "include" in data
    if "force-exclude" in data:
        if not isinstance(data["force-exclude"], bool):
            raise ConfigError(f"'force-exclude': expected true or false, "
                              f"got {data['force-exclude']!r}")
        settings["force_exclude"] = data["force-exclude"]
    for key in ("language", "model"):
        if key in data:
            if not isinstance(data[key], str):
                raise ConfigError(f"'{key}': expected a string, got {data[key]!r}")
            settings[key] = data[key]
    if "max-file-size-mb" in data:
        value = data["max-file-size-mb"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1024:
            raise ConfigError(f"'max-file-size-mb': expected a number above 0 "
                              f"and at most 1024, got {value!r}")
        settings["max_file_size_mb"] = float(value)
    if "rules" in data:
        table = data["rules"]
        if not isinstance(table, dict):
            raise ConfigError("'rules': expected a table of rule settings")
        entries_: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
        for key, values in table.items():
            code = key if key in rules else names.get(key)
            if code is None:
                hint = did_you_mean(key, [*rules, *names]) or " (see 'valuelint rules')"
                raise ConfigError(f"'rules.{key}': no installed rule has this code "
                                  f"or name{hint}")
            if not isinstance(values, dict):
                raise ConfigError(f"'rules.{key}': expected a table of options")
            entries_.append((code, tuple(sorted(
                _rule_option(rules[code], name, value, f"'rules.{key}.{name}'")
                for name, value in values.items()
            ))))
        settings["rules"] = tuple(sorted(entries_))
    root = path.parent if path else Path.cwd()
    return Config(path=path, root=root, **settings)


def _rule_option(rule: type[Rule], name: str, value: Any, where: str) -> tuple[str, Any]:
    if name == "severity":
        try:
            return name, Severity(value).value
        except ValueError:
            raise ConfigError(f"{where}: expected one of error, warning, info, "
                              f"got {value!r}") from None
    for option in rule.options:
        if option.name == name:
            try:
                return name, option.validate(value)
            except ValueError as exc:
                raise ConfigError(f"{where}: {exc}") from None
    known = ", ".join(["severity", *(o.name for o in rule.options)])
    raise ConfigError(f"{where}: {rule.code} has no option '{name}' (it has: {known})")


def check_selector(value: str, rules: Mapping[str, type[Rule]], where: str) -> None:
    """Raise :class:`ConfigError` unless ``value`` selects at least one rule."""
    if value == "ALL":
        return
    if any(code.startswith(value) or rule.name == value for code, rule in rules.items()):
        return
    prefixes = {code.rstrip("0123456789") for code in rules}
    hint = did_you_mean(value, [*rules, *prefixes, *(rule.name for rule in rules.values())])
    raise ConfigError(f"{where}: '{value}' matches no installed rule code, prefix or "
                      f"name{hint}")


def did_you_mean(value: str, candidates: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the candidate closest to ``value``, or nothing.

    Codes are compared without regard to case (``thin01`` is near ``THIN001``)."""
    if value in candidates:
        return ""
    by_upper = {c.upper(): c for c in candidates}
    close = difflib.get_close_matches(value.upper(), sorted(by_upper), n=1, cutoff=0.6)
    return f" (did you mean '{by_upper[close[0]]}'?)" if close else ""


# --------------------------------------------------------------------------- discovery

def load_config_file(path: Path, rules: Mapping[str, type[Rule]]) -> Config:
    """Read and validate one configuration file."""
    shown = shown_path(path.resolve())
    try:
        raw = path.read_bytes().decode("utf-8")
        data = tomllib.loads(raw)
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", shown) from None
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", shown) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", shown) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("valuelint", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError("[tool.valuelint] must be a table", shown)
    return parse_config(data, path.resolve(), rules)


def declares_valuelint(path: Path) -> bool:
    """True when ``path`` is a valuelint configuration file (a ``pyproject.toml`` only
    with a ``[tool.valuelint]`` table)."""
    if path.name != "pyproject.toml":
        return True
    try:
        raw = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError:
        # A broken pyproject.toml that configures valuelint must be reported,
        # not skipped (which would silently fall back to another configuration).
        return "tool.valuelint" in raw
    tool = data.get("tool")
    return isinstance(tool, dict) and "valuelint" in tool


class ConfigLoader:
    """Finds the configuration of each file, caching by folder."""

    def __init__(
        self, rules: Mapping[str, type[Rule]], *, explicit: Path | Config | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        """``explicit`` is the configuration of every path (a file, or one already
        read), else each path's is looked for from its folder up."""
        self.rules = rules
        self.overrides = dict(overrides or {})
        self._by_dir: dict[Path, Config | ConfigError] = {}
        if isinstance(explicit, Path):
            explicit = load_config_file(explicit, rules)
        self._explicit = self._apply(explicit) if explicit is not None else None

    def _apply(self, config: Config) -> Config:
        return replace(config, **self.overrides) if self.overrides else config

    def for_path(self, path: Path) -> Config:
        """The configuration governing ``path`` (a file or a folder)."""
        if self._explicit is not None:
            return self._explicit
        folder = resolved(path)
        if not folder.is_dir():
            folder = folder.parent
        return self._for_dir(folder)

    def _for_dir(self, folder: Path) -> Config:
        cached = self._by_dir.get(folder)
        if cached is None:
            try:
                cached = self._find(folder)
            except ConfigError as exc:
                cached = exc
            self._by_dir[folder] = cached
        if isinstance(cached, ConfigError):
            raise cached
        return cached

    def _find(self, folder: Path) -> Config:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and declares_valuelint(candidate):
                return self._apply(load_config_file(candidate, self.rules))
        parent = folder.parent
        if parent == folder or (folder / ".git").exists():
            return self._apply(Config(root=folder))
        return self._for_dir(parent)
