"""Front matter: find it at the top of a post and read it into metadata.

YAML (``---``), TOML (``+++``, as Hugo and Zola write it) and JSON (a
``{ ... }`` object, as Hugo accepts it) are recognised. YAML is only ever read
with the safe loader, and aliases that would expand a document exponentially
are refused before any expansion happens.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["FrontMatter", "FrontMatterError", "split_front_matter"]

_TOML_FENCE = re.compile(r"\+\+\+[ \t]*\n")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_YAML_FENCE = re.compile(r"---[ \t]*\n")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

#: How many alias nodes a YAML front matter may use before it is refused.
MAX_YAML_ALIASES = 100


class FrontMatterError(ValueError):
    """Front matter is present but cannot be read."""


@dataclass(slots=True)
class FrontMatter:
    """The front matter block of a post."""

    format: str
    """``yaml``, ``toml``, ``json`` or ``""`` when the post has none."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """Every key the block holds, as loaded."""
    end_line: int = 0
    """Number of source lines the block takes (0 when there is none)."""


class _AliasLimitedLoader(yaml.SafeLoader):
    """The safe loader, with a cap on alias use ("billion laughs")."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise FrontMatterError(
                    f"YAML front matter uses more than {MAX_YAML_ALIASES} aliases"
                )
        return super().compose_node(parent, index)


def _load_yaml(text: str) -> Any:
    loader = _AliasLimitedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def split_front_matter(text: str) -> FrontMatter:
    """Find and read the front matter at the start of ``text``.

    ``text`` has ``\\n`` line endings. Raises :class:`FrontMatterError` when a
    block opens but does not close, or does not parse, or is not a mapping.
    """
    if text.startswith("---") and _YAML_FENCE.match(text):
        close = _YAML_CLOSE.search(text, text.index("\n") + 1)
        if close is None:
            raise FrontMatterError("YAML front matter opened with '---' is never closed")
        body = text[text.index("\n") + 1 : close.start()]
        try:
            data = _load_yaml(body)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise FrontMatterError(f"YAML front matter does not parse{where}: {problem}") from None
        except RecursionError:
            raise FrontMatterError("YAML front matter is nested too deeply") from None
        fmt = "yaml"
        end = close.end()
    elif text.startswith("+++") and _TOML_FENCE.match(text):
        close = _TOML_CLOSE.search(text, text.index("\n") + 1)
        if close is None:
            raise FrontMatterError("TOML front matter opened with '+++' is never closed")
        try:
            data = tomllib.loads(text[text.index("\n") + 1 : close.start()])
        except tomllib.TOMLDecodeError as exc:
            raise FrontMatterError(f"TOML front matter does not parse: {exc}") from None
        fmt = "toml"
        end = close.end()
    elif text.startswith("{"):
        try:
            data, end = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError as exc:
            raise FrontMatterError(f"JSON front matter does not parse: {exc}") from None
        except RecursionError:
            raise FrontMatterError("JSON front matter is nested too deeply") from None
        fmt = "json"
    else:
        return FrontMatter(format="")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"{fmt.upper()} front matter must be a mapping of keys to values, "
            f"not a {type(data).__name__}"
        )
    return FrontMatter(
        format=fmt,
        metadata={str(key): value for key, value in data.items()},
        end_line=text.count("\n", 0, end) + 1,
    )
