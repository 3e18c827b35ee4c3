"""Static-site generators: which one a repository uses, and where it keeps posts and drafts.

Each generator is recognised by the files it needs at the root of a site:

=========== ======================================================= ==========================
generator   recognised by                                           posts (drafts)
=========== ======================================================= ==========================
Jekyll      ``_config.yml`` / ``_config.toml``, or a ``_posts/``    ``_posts/`` (``_drafts/``)
Hugo        ``hugo.toml|yaml|json``, or ``config.*`` with           ``content/posts``,
            ``baseURL``, or ``archetypes/``                         ``content/post``,
                                                                    ``content/blog``, else
                                                                    ``content/``
Eleventy    ``eleventy.config.*``, ``.eleventy.js``, or             ``posts/`` or ``blog/``
            ``@11ty/eleventy`` in ``package.json``                  under the input folder
Astro       ``astro.config.*``                                      ``src/content/blog`` ...
Docusaurus  ``docusaurus.config.*``                                 ``blog/``, else ``docs/``
MkDocs      ``mkdocs.yml``                                          the Material blog plugin's
                                                                    ``docs/blog/posts``, else
                                                                    ``docs/``
Zola        ``config.toml`` / ``zola.toml`` with ``base_url``       ``content/blog``, ... else
                                                                    ``content/``
=========== ======================================================= ==========================

Drafts are also recognised from front matter (``draft: true``, Jekyll's
``published: false``) by :mod:`valuelint.site.posts`. A site is found at a
folder or the nearest folder above it, up to the root of the git repository.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from valuelint.source import relative_within, resolved

__all__ = [
    "Generator", "default_targets", "describe", "detect", "find_generator", "is_section_index",
    "is_within", "site_title",
]


@dataclass(frozen=True, slots=True)
class Generator:
    """A static site: its generator, its root and where its posts are."""

    name: str
    """``jekyll``, ``hugo``, ``eleventy``, ``astro``, ``docusaurus``, ``mkdocs`` or ``zola``."""
    label: str
    """The generator's name as its users write it (``Jekyll``, ``MkDocs``)."""
    root: Path
    """The site's root folder (absolute)."""
    marker: str
    """The file or folder it was recognised by, relative to the root."""
    posts: tuple[Path, ...]
    """Folders that hold posts (absolute, existing), in a stable order."""
    drafts: tuple[Path, ...] = ()
    """Folders that hold drafts only (absolute, existing)."""

    @property
    def folders(self) -> tuple[Path, ...]:
        """The posts folders, then the drafts folders."""
        return self.posts + self.drafts

    def holds(self, path: Path) -> bool:
        """True when ``path`` (absolute) is a post or draft of this site."""
        if is_section_index(path):
            return False
        return any(is_within(path, folder) for folder in self.folders)

    def in_drafts_folder(self, path: Path) -> bool:
        return any(is_within(path, folder) for folder in self.drafts)


def is_within(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or inside it (both absolute and resolved)."""
    return relative_within(path, folder) is not None


def is_section_index(path: Path) -> bool:
    """Hugo's and Zola's ``_index.md``: a section's list page, not a post."""
    return path.stem == "_index"


# --------------------------------------------------------------------------- reading configs

def _read(path: Path, limit: int = 1_000_000) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(limit).decode("utf-8", "replace")
    except OSError:
        return ""


def _load_mapping(path: Path) -> dict[str, Any]:
    """A configuration file (TOML, YAML or JSON) as a mapping; empty when unreadable."""
    text = _read(path)
    data: Any = None
    try:
        if path.suffix == ".toml":
            data = tomllib.loads(text)
        elif path.suffix in (".yml", ".yaml"):
            # PyYAML is imported on the first YAML configuration (see valuelint.yamlfiles).
            from valuelint import yamlfiles

            try:
                data = yamlfiles.load_site_config(text)
            except yamlfiles.YAMLError:
                return {}
        elif path.suffix == ".json":
            data = json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, RecursionError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _first_file(root: Path, names: Iterable[str]) -> Path | None:
    for name in names:
        candidate = root / name
        if candidate.is_file():
            return candidate
    return None


def _existing(root: Path, names: Iterable[str]) -> tuple[Path, ...]:
    return tuple(root / name for name in names if (root / name).is_dir())


def _first_dir(root: Path, names: Iterable[str]) -> tuple[Path, ...]:
    found = _existing(root, names)
    return found[:1]


def _relative_dir(value: Any, default: str) -> str:
    if isinstance(value, str) and value.strip() and not Path(value).is_absolute() \
            and ".." not in Path(value).parts:
        return value.strip().strip("/") or default
    return default


# --------------------------------------------------------------------------- detectors

def _mkdocs(root: Path) -> Generator | None:
    config = _first_file(root, ("mkdocs.yml", "mkdocs.yaml"))
    if config is None:
        return None
    data = _load_mapping(config)
    docs = root / _relative_dir(data.get("docs_dir"), "docs")
    blog_dir = ""
    plugins = data.get("plugins")
    for plugin in plugins if isinstance(plugins, list) else []:
        if plugin == "blog" or plugin == "material/blog":
            blog_dir = "blog"
        elif isinstance(plugin, dict):
            for key in ("blog", "material/blog"):
                if key in plugin:
                    options = plugin[key] if isinstance(plugin[key], dict) else {}
                    blog_dir = _relative_dir(options.get("blog_dir"), "blog")
    posts: tuple[Path, ...] = ()
    if blog_dir:
        posts = _existing(docs / blog_dir, ("posts",))
    if not posts and docs.is_dir():
        posts = (docs,)
    return Generator("mkdocs", "MkDocs", root, config.name, posts)


def _docusaurus(root: Path) -> Generator | None:
    config = _first_file(root, ("docusaurus.config.js", "docusaurus.config.ts",
                                "docusaurus.config.mjs", "docusaurus.config.cjs"))
    if config is None:
        return None
    posts = _first_dir(root, ("blog",)) or _first_dir(root, ("docs",))
    return Generator("docusaurus", "Docusaurus", root, config.name, posts)


def _astro(root: Path) -> Generator | None:
    config = _first_file(root, ("astro.config.mjs", "astro.config.ts", "astro.config.js",
                                "astro.config.mts", "astro.config.cjs"))
    if config is None:
        return None
    posts = (_existing(root, ("src/content/blog", "src/content/posts", "src/data/blog",
                              "src/data/posts", "src/pages/blog", "src/pages/posts"))
             or _first_dir(root, ("src/content", "src/pages")))
    return Generator("astro", "Astro", root, config.name, posts)


_ELEVENTY_INPUT = re.compile(r"""\binput\s*:\s*["'`]([^"'`]+)["'`]""")


def _eleventy(root: Path) -> Generator | None:
    config = _first_file(root, ("eleventy.config.js", "eleventy.config.mjs",
                                "eleventy.config.cjs", "eleventy.config.ts", ".eleventy.js",
                                ".eleventy.cjs", ".eleventy.mjs"))
    marker = config.name if config is not None else ""
    if config is None:
        package = root / "package.json"
        if not package.is_file() or "@11ty/eleventy" not in _read(package):
            return None
        marker = "package.json"
    text = _read(config) if config is not None else ""
    match = _ELEVENTY_INPUT.search(text)
    source = root / _relative_dir(match.group(1) if match else None, ".")
    posts = _first_dir(source, ("posts", "blog", "_posts", "content/posts", "content/blog"))
    if not posts and source.is_dir():
        posts = (source,)
    return Generator("eleventy", "Eleventy", root, marker, posts)


def _toml_site(root: Path) -> Generator | None:
    """Hugo or Zola: both keep posts under ``content/``."""
    hugo = _first_file(root, ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"))
    zola = None
    marker = hugo.name if hugo is not None else ""
    data: dict[str, Any] = _load_mapping(hugo) if hugo is not None else {}
    if hugo is None:
        for name in ("config.toml", "zola.toml", "config.yaml", "config.yml", "config.json"):
            candidate = root / name
            if not candidate.is_file():
                continue
            loaded = _load_mapping(candidate)
            keys = {str(key).lower() for key in loaded}
            if "base_url" in keys and candidate.suffix == ".toml":
                zola, data, marker = candidate, loaded, name
                break
            if "baseurl" in keys or "contentdir" in keys:
                hugo, data, marker = candidate, loaded, name
                break
        if hugo is None and zola is None:
            if (root / "archetypes").is_dir() and (root / "content").is_dir():
                marker = "archetypes"
            else:
                return None
    if zola is not None:
        content = root / "content"
        posts = (_first_dir(content, ("blog", "posts", "post"))
                 or _existing(root, ("content",)))
        return Generator("zola", "Zola", root, marker, posts)
    content_key = next((key for key in data if str(key).lower() == "contentdir"), None)
    content = root / _relative_dir(data.get(content_key) if content_key else None, "content")
    posts = _first_dir(content, ("posts", "post", "blog")) or (
        (content,) if content.is_dir() else ())
    return Generator("hugo", "Hugo", root, marker, posts)


def _jekyll(root: Path) -> Generator | None:
    config = _first_file(root, ("_config.yml", "_config.yaml", "_config.toml"))
    if config is None and not (root / "_posts").is_dir():
        return None
    data = _load_mapping(config) if config is not None else {}
    base = root / _relative_dir(data.get("collections_dir"), ".")
    posts = list(_existing(base, ("_posts",)))
    # Posts may also sit in category folders: blog/_posts/, news/_posts/.
    try:
        children = sorted(child for child in base.iterdir() if child.is_dir()
                          and not child.name.startswith((".", "_")))
    except OSError:
        children = []
    posts.extend(child / "_posts" for child in children if (child / "_posts").is_dir())
    drafts = _existing(base, ("_drafts",))
    return Generator("jekyll", "Jekyll", root, config.name if config else "_posts",
                     tuple(posts), drafts)


_DETECTORS = (_mkdocs, _docusaurus, _astro, _eleventy, _toml_site, _jekyll)


def detect(root: Path) -> Generator | None:
    """The generator of the site whose root is ``root``, or None."""
    root = root.absolute()
    if not root.is_dir():
        return None
    for detector in _DETECTORS:
        found = detector(root)
        if found is not None:
            return found
    return None


def find_generator(start: Path) -> Generator | None:
    """The site ``start`` (a file or folder) belongs to: at it or above, within its repository."""
    folder = resolved(start)
    if not folder.is_dir():
        folder = folder.parent
    while True:
        found = detect(folder)
        if found is not None:
            return found
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent


def default_targets(cwd: Path) -> list[Path]:
    """What ``valuelint check`` with no path checks: a site's posts folders, else ``.``.

    The folders are given relative to ``cwd`` so that paths are shown as usual.
    Only a site whose root is ``cwd`` itself counts: in a sub-folder, or in a
    folder with no generator, it is the current folder.
    """
    generator = detect(cwd)
    if generator is None or not generator.folders:
        return [Path(".")]
    here = cwd.absolute()
    return [_relative_to(folder, here) for folder in generator.folders]


def _relative_to(path: Path, base: Path) -> Path:
    try:
        return path.relative_to(base)
    except ValueError:
        return path


def describe(generator: Generator | None) -> str:
    """One line naming the generator and its posts folders, for people."""
    if generator is None:
        return "no static-site generator recognised"
    shown = ", ".join(_relative_to(f, generator.root).as_posix() + "/"
                      for f in generator.folders) or "no posts folder found"
    return f"{generator.label} (found {generator.marker}); posts in {shown}"


# --------------------------------------------------------------------------- the site's title

#: The longest site title kept; a longer one is cut with "...".
TITLE_LIMIT = 120

_JS_TITLE = re.compile(r"""^\s*title\s*:\s*(["'`])((?:(?!\1).){1,300})\1""", re.MULTILINE)
_ASTRO_TITLE = re.compile(r"""\bSITE_TITLE\b[^=\n]*=\s*(["'`])((?:(?!\1).){1,300})\1""")


def _key(data: dict[str, Any], name: str) -> Any:
    """The value of ``name`` in ``data``, its case ignored (Hugo's keys are case-insensitive)."""
    return next((value for key, value in data.items() if str(key).lower() == name), None)


def _hugo_title(root: Path, marker: str) -> Any:
    names = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml",
             "config.yml", "config.json")
    config = root / marker if (root / marker).is_file() else (
        _first_file(root, names) or _first_file(root / "config" / "_default", names))
    if config is None:
        return None
    data = _load_mapping(config)
    title = _key(data, "title")
    languages = _key(data, "languages")
    if not title and isinstance(languages, dict) and languages:
        # A multilingual site: the default language's title.
        default = str(_key(data, "defaultcontentlanguage") or "en")
        chosen = languages.get(default) or next(iter(languages.values()))
        title = _key(chosen, "title") if isinstance(chosen, dict) else None
    return title


def _eleventy_title(root: Path, marker: str) -> Any:
    text = _read(root / marker) if marker != "package.json" else ""
    match = _ELEVENTY_INPUT.search(text)
    data_dir = root / _relative_dir(match.group(1) if match else None, ".") / "_data"
    for name in ("metadata.json", "site.json"):
        if (data_dir / name).is_file():
            return _load_mapping(data_dir / name).get("title")
    for name in ("metadata.js", "metadata.mjs", "metadata.cjs", "site.js", "site.mjs"):
        found = _JS_TITLE.search(_read(data_dir / name)) if (data_dir / name).is_file() else None
        if found:
            return found.group(2)
    return None


def _raw_title(generator: Generator) -> Any:
    root, marker = generator.root, generator.marker
    if generator.name in ("jekyll", "zola"):
        config = root / marker if (root / marker).is_file() else None
        return _load_mapping(config).get("title") if config is not None else None
    if generator.name == "hugo":
        return _hugo_title(root, marker)
    if generator.name == "mkdocs":
        return _load_mapping(root / marker).get("site_name")
    if generator.name == "docusaurus":
        found = _JS_TITLE.search(_read(root / marker))
        return found.group(2) if found else None
    if generator.name == "eleventy":
        return _eleventy_title(root, marker)
    if generator.name == "astro":
        for name in ("src/consts.ts", "src/consts.js", "src/config.ts", "src/config.js"):
            found = _ASTRO_TITLE.search(_read(root / name)) if (root / name).is_file() else None
            if found:
                return found.group(2)
    return None


def site_title(generator: Generator | None) -> str | None:
    """The site's title as its generator's configuration gives it, or None.

    Jekyll's and Zola's ``title``, Hugo's ``title`` (or its default
    language's), MkDocs's ``site_name``, the first ``title:`` of
    ``docusaurus.config.*``, Eleventy's ``_data/metadata.*`` or ``_data/site.*``
    ``title``, and Astro's ``SITE_TITLE`` in ``src/consts.*``.
    """
    if generator is None:
        return None
    raw = _raw_title(generator)
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
        return None
    title = " ".join(str(raw).split())
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 3].rstrip() + "..."
    return title or None
