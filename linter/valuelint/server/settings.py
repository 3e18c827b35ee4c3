"""The client's settings, and the :class:`~valuelint.api.Linter` of each workspace folder.

Settings come from ``initializationOptions`` and ``workspace/configuration``
(section ``valuelint``), for each workspace folder::

    {"select": ["PROM", "BAIT"], "ignore": ["THIN001"], "failOn": "warning",
     "run": "onType"}

``select`` and ``ignore`` take the place of the command line's ``--select`` and
``--ignore`` over each post's configuration file, ``failOn`` of ``--fail-on``;
``run`` says when documents are checked: ``onType`` (on open, on change after a
pause, on save), ``onSave`` (on open and save) or ``manual`` (only through the
``valuelint.check`` command).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from valuelint.api import Linter

__all__ = ["RUN_MODES", "Settings", "SettingsError", "parse_settings"]

RUN_MODES = ("onType", "onSave", "manual")
KEYS = ("select", "ignore", "failOn", "run")


class SettingsError(ValueError):
    """A setting cannot be used; the message names the key."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the client's settings change over each post's configuration file."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    run: str = "onType"

    def linter(self, root: Path | None) -> Linter:
        """The Linter for a folder under these settings (each post's configuration file
        is found from its folder up, as ``valuelint check`` finds it); raises
        :class:`~valuelint.config.ConfigError` for a selector that names no rule."""
        return Linter(None, select=self.select or None, ignore=self.ignore or None,
                      fail_on=self.fail_on, root=root)


def _selectors(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SettingsError(f"valuelint.{key}: expected a list of rule codes, prefixes or "
                            f"names, got {value!r}")
    return tuple(value)


def parse_settings(data: Any) -> Settings:
    """The settings in ``data`` (a mapping of the keys above, or one holding them under
    ``valuelint``; None for none); raises :class:`SettingsError`."""
    if data is None:
        return Settings()
    if isinstance(data, Mapping) and isinstance(data.get("valuelint"), Mapping):
        data = data["valuelint"]
    if not isinstance(data, Mapping):
        raise SettingsError(f"valuelint: expected an object of settings, got {data!r}")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise SettingsError(f"valuelint.{unknown[0]}: unknown setting (valuelint takes "
                            f"{', '.join(KEYS)})")
    fail_on = data.get("failOn")
    if fail_on is not None and (not isinstance(fail_on, str)
                                or fail_on.lower() not in ("error", "warning", "info")):
        raise SettingsError(f"valuelint.failOn: expected error, warning or info, "
                            f"got {fail_on!r}")
    run = data.get("run") or "onType"
    if run not in RUN_MODES:
        raise SettingsError(f"valuelint.run: expected {', '.join(RUN_MODES)}, got {run!r}")
    return Settings(select=_selectors(data.get("select"), "select"),
                    ignore=_selectors(data.get("ignore"), "ignore"),
                    fail_on=fail_on.lower() if isinstance(fail_on, str) else None, run=run)
