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

__all__ = ["DocumentError", "FrontMatter", "FrontMatterError", "split_front_matter"]

_TOML_FENCE = re.compile(r"\+\+\+[ \t]*\n")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_YAML_FENCE = re.compile(r"---[ \t]*\n")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# Hugo's JSON front matter is an object; a post may also open with a Liquid
# tag, a shortcode or an attribute list, which are not front matter.
_JSON_OPEN = re.compile(r"\{\s*[\"}]")
_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")

#: How many alias nodes a YAML front matter may use before it is refused.
MAX_YAML_ALIASES = 100
#: How many nodes a YAML front matter may hold once its aliases are expanded.
MAX_YAML_NODES = 10_000


class DocumentError(ValueError):
    """A post's text cannot be read as a post; the message says why, in one line."""


class FrontMatterError(DocumentError):
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


#: How deeply a YAML front matter may nest sequences and mappings.
MAX_YAML_DEPTH = 100


_KIND_NAMES: dict[type, str] = {
    list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false",
}


def _one_line(message: str) -> str:
    return " ".join(message.split())


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
        # PyYAML is imported on the first YAML front matter (see valuelint.yamlfiles).
        from valuelint import yamlfiles

        try:
            data = yamlfiles.load_front_matter(body)
        except yamlfiles.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).strip() or type(exc).__name__
            if "nesting depth" in str(problem):
                # Recent PyYAML releases (6.0.4 here) stop at a depth limit of their own.
                raise FrontMatterError("YAML front matter is nested too deeply") from None
            raise FrontMatterError(
                _one_line(f"YAML front matter does not parse{where}: {problem}")
            ) from None
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
        except RecursionError:
            raise FrontMatterError("TOML front matter is nested too deeply") from None
        except tomllib.TOMLDecodeError as exc:
            # tomllib counts lines from the first line after '+++'.
            message = _TOML_WHERE.sub(
                lambda m: f"(line {int(m.group(1)) + 1}, column {m.group(2)})", str(exc)
            )
            raise FrontMatterError(
                _one_line(f"TOML front matter does not parse: {message}")
            ) from None
        fmt = "toml"
        end = close.end()
    elif text.startswith("{") and _JSON_OPEN.match(text):
        try:
            data, end = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError as exc:
            raise FrontMatterError(
                _one_line(f"JSON front matter does not parse: {exc}")
            ) from None
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
            f"not {_KIND_NAMES.get(type(data), 'a ' + type(data).__name__)}"
        )
    return FrontMatter(
        format=fmt,
        metadata={str(key): value for key, value in data.items()},
        end_line=text.count("\n", 0, end) + 1,
    )
