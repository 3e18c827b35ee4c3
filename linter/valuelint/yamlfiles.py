"""Reading YAML: posts' front matter and static sites' configuration files.

PyYAML is imported with this module, which is imported where a YAML block or
file is first read (:func:`valuelint.frontmatter.split_front_matter`,
``valuelint.site.generators``): about 0.02 s, most of it the large pattern its
reader compiles. A run where every post comes from the cache reads none, and
neither do ``valuelint --help`` and ``valuelint rules``.

Only safe loaders are used: no tag ever builds a Python object.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import YAMLError

from valuelint.frontmatter import (
    MAX_YAML_ALIASES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    FrontMatterError,
)

__all__ = ["YAMLError", "load_front_matter", "load_site_config"]


# --------------------------------------------------------------------------- front matter

def _fast_loader() -> type[Any]:
    """libyaml's parser when PyYAML was built with it: several times faster."""
    loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a node graph that uses many aliases, refers to itself, or would
    expand past :data:`MAX_YAML_NODES` ("billion laughs").

    An alias is the node it names, so each distinct node is measured once and
    the document is never expanded.
    """
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


def load_front_matter(text: str) -> Any:
    """A YAML front matter block's value, read with the safe loader.

    Raises :class:`~valuelint.frontmatter.FrontMatterError` for a block that
    nests too deeply, holds too many values or uses too many aliases, and
    :class:`YAMLError` for one that does not parse.
    """
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


# --------------------------------------------------------------------------- site configuration

def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None  # pragma: no cover - every node is one of the three


class _LenientLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs's ``!!python/name:`` and ``!ENV`` tags as plain values."""


_LenientLoader.add_multi_constructor("!", _any_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def load_site_config(text: str) -> Any:
    """A site's YAML configuration file, with any tag read as a plain value."""
    return yaml.load(text, Loader=_LenientLoader)  # a SafeLoader subclass
