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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

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


def _fast_loader() -> type[Any]:
    """libyaml's parser when PyYAML was built with it: several times faster.

    PyYAML is imported when a YAML front matter is first read (0.02 s, with the
    large pattern its reader compiles): a run where every post comes from the
    cache reads none."""
    import yaml

    loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a node graph that uses many aliases, refers to itself, or would
    expand past :data:`MAX_YAML_NODES` ("billion laughs").

    An alias is the node it names, so each distinct node is measured once and
    the document is never expanded.
    """
    import yaml

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    aliases = 0

    def size(node: yaml.Node) -> int:
        nonlocal aliases
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise FrontMatterError(
                    f"YAML front matter uses more than {MAX_YAML_ALIASES} aliases"
                )
            return known
        if key in open_nodes:
            raise FrontMatterError("YAML front matter refers to itself through an alias")
        total = 1
        if isinstance(node, yaml.SequenceNode):
            open_nodes.add(key)
            for item in node.value:
                total += size(item)
                if total > MAX_YAML_NODES:
                    break
            open_nodes.discard(key)
        elif isinstance(node, yaml.MappingNode):
            open_nodes.add(key)
            for pair_key, pair_value in node.value:
                total += size(pair_key) + size(pair_value)
                if total > MAX_YAML_NODES:
                    break
            open_nodes.discard(key)
        if total > MAX_YAML_NODES:
            raise FrontMatterError(
                f"YAML front matter expands to more than {MAX_YAML_NODES} values"
            )
        sizes[key] = total
        return total

    size(root)


def _check_events(text: str) -> None:
    """Read the YAML's events (no values are built) and refuse it, as soon as
    that shows, when it nests deeper than :data:`MAX_YAML_DEPTH` or holds more
    than :data:`MAX_YAML_NODES` values.

    libyaml's parser keeps its own stack, so this pass cannot overflow; the
    composer that builds the nodes recurses, and only ever sees a document
    that passed. Time and memory stay in proportion to what was read, however
    large the front matter is.
    """
    import yaml

    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    loader = _fast_loader()(text)
    try:
        depth = nodes = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, opening):
                depth += 1
                nodes += 1
                if depth > MAX_YAML_DEPTH:
                    raise FrontMatterError("YAML front matter is nested too deeply")
            elif isinstance(event, closing):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
            if nodes > MAX_YAML_NODES:
                raise FrontMatterError(
                    f"YAML front matter expands to more than {MAX_YAML_NODES} values"
                )
    finally:
        loader.dispose()


def _load_yaml(text: str) -> Any:
    _check_events(text)
    loader = _fast_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


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
        import yaml

        try:
            data = _load_yaml(body)
        except yaml.YAMLError as exc:
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
