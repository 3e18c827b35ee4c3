"""The result cache: a post's findings and score, kept until anything they depend on changes.

One entry per checked file, stored as JSON (never pickle: a cache folder may
have been written by someone else) under ``.valuelint_cache/`` at the project
root, or wherever ``--cache-dir`` points. The project root is the nearest
folder, from the working folder up, that holds a valuelint configuration file
or a ``.git``; without either it is the working folder itself.

An entry's *name* comes from what places the file (its display path, the
selectors ``per-file-ignores`` applies to it, the configuration fingerprint)
and the *salt* of the run (the cache format, valuelint's version, the
installed rule packs and their versions, the source files of valuelint and of
every rule pack, and the versions of the libraries results depend on). The
entry holds a *key* that adds the SHA-256 of the file's bytes: an entry whose
key differs is stale and is checked again and overwritten, so a file that
keeps changing keeps one entry.

Every write goes to a temporary file in the entry's folder and is renamed into
place, so a reader sees a whole entry or none and two runs sharing the folder
cannot corrupt it. An entry that cannot be read, is not valid JSON, or does
not have the expected shape is treated as missing and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from enum import Enum
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, get_type_hints

from valuelint import __version__
from valuelint.atomic import write_atomic
from valuelint.config import CONFIG_FILES, Config, declares_valuelint
from valuelint.plugins import PluginError, pack_versions
from valuelint.result import PostResult
from valuelint.rule import Edit, Finding, Fix, Rule, Severity
from valuelint.scoring import Contribution

__all__ = [
    "CACHE_DIR_NAME",
    "CachedResult",
    "ResultCache",
    "cache_salt",
    "clean_cache",
    "default_cache_dir",
    "finding_from_json",
    "finding_to_json",
    "open_cache",
    "project_root",
    "result_from_json",
    "result_to_json",
]

CACHE_DIR_NAME = ".valuelint_cache"
#: Bumped whenever the layout or the JSON shape of an entry changes.
CACHE_FORMAT = 3
ENTRIES = f"results-v{CACHE_FORMAT}"
GITIGNORE = "# Created by valuelint: this folder is a cache and safe to delete.\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by valuelint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
#: Libraries whose version can change what valuelint reports.
DEPENDENCIES = (
    "markdown-it-py", "mdit-py-plugins", "PyYAML", "spacy", "spacy-lookups-data",
    "textstat", "pyphen",
)


# --------------------------------------------------------------------------- locations


def project_root(start: Path | None = None) -> Path:
    """The folder that holds the cache: see the module documentation."""
    folder = (start or Path.cwd()).absolute()
    for candidate in (folder, *folder.parents):
        try:
            if (candidate / ".git").exists() or any(
                (candidate / name).is_file() and declares_valuelint(candidate / name)
                for name in CONFIG_FILES
            ):
                return candidate
        except OSError:
            continue
    return folder


def default_cache_dir(start: Path | None = None) -> Path:
    """``.valuelint_cache`` in the project root."""
    return project_root(start) / CACHE_DIR_NAME


def is_cache_dir(directory: Path) -> bool:
    """True when ``directory`` was created by valuelint as a cache."""
    try:
        tag = (directory / "CACHEDIR.TAG").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "created by valuelint" in tag


def clean_cache(directory: Path) -> bool:
    """Remove a valuelint cache folder; False when there is none.

    Raises ``ValueError`` when ``directory`` exists but is not a valuelint
    cache (it is left alone), ``OSError`` when it cannot be removed.
    """
    if not directory.exists():
        return False
    if not directory.is_dir() or not is_cache_dir(directory):
        raise ValueError(f"{directory} is not a valuelint cache folder (no CACHEDIR.TAG "
                         "written by valuelint); not removing it")
    shutil.rmtree(directory)
    return True


# --------------------------------------------------------------------------- fingerprints


def _package_files(module_name: str) -> list[tuple[str, Path]]:
    """(name inside the package, path) of each file of the package ``module_name`` is in."""
    top_name = module_name.split(".")[0]
    top = sys.modules.get(top_name)
    if top is None:
        return []
    roots = [Path(p) for p in getattr(top, "__path__", ()) or ()]
    if not roots:
        file = getattr(top, "__file__", None)
        return [(Path(file).name, Path(file))] if file else []
    found: list[tuple[str, Path]] = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if not name.endswith((".pyc", ".pyo")):
                    path = Path(folder) / name
                    found.append((f"{top_name}/{path.relative_to(root).as_posix()}", path))
    return found


def _source_stamp(modules: Iterable[str]) -> list[tuple[str, str]]:
    """(file, SHA-256) of the source of valuelint and of every rule pack.

    Installed packs carry a version, but a pack installed in editable mode (as
    valuelint's own rules are in a checkout) changes without one. Contents,
    not modification times or places: a fresh clone of the same commit (as on
    CI, with the cache folder restored) still finds its entries.
    """
    stamp: list[tuple[str, str]] = []
    for top in sorted({module.split(".")[0] for module in modules}):
        for name, path in _package_files(top):
            try:
                stamp.append((name, hashlib.sha256(path.read_bytes()).hexdigest()))
            except OSError:
                continue
    return stamp


def _versions(names: Iterable[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in names:
        try:
            found.append((name, version(name)))
        except (PackageNotFoundError, ValueError):
            found.append((name, ""))
    return found


def _model_stamp(model: str) -> list[Any]:
    """What identifies the trained pipeline ``model`` names, as spaCy finds it.

    An installed package by its version; otherwise a pipeline folder (what
    ``nlp.to_disk`` writes) by its ``meta.json``, which holds the pipeline's
    name and version and the scores training left, so a pipeline trained again
    into the same folder has other entries. Neither loads spaCy.
    """
    stamp: list[Any] = list(_versions([model]))
    if stamp[0][1]:
        return stamp
    try:
        meta = (Path(model) / "meta.json").read_bytes()
    except (OSError, ValueError):
        return stamp
    return [*stamp, ("meta.json", hashlib.sha256(meta).hexdigest())]


def cache_salt(rules: Mapping[str, type[Rule]]) -> str:
    """What every entry of a run depends on, as one hash."""
    try:
        packs: Any = pack_versions()
    except PluginError:
        packs = ()
    material = {
        "format": CACHE_FORMAT,
        "valuelint": __version__,
        "python": list(sys.version_info[:2]),
        "packs": [list(p) for p in packs],
        "rules": [[code, rule.__module__, rule.__qualname__] for code, rule in rules.items()],
        "sources": _source_stamp(["valuelint", *(r.__module__ for r in rules.values())]),
        "dependencies": _versions(DEPENDENCIES),
    }
    return _digest(json.dumps(material, sort_keys=True))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- entries


@cache
def _finding_fields() -> tuple[tuple[str, type], ...]:
    """(name, type) of every field of :class:`Finding`, in declaration order."""
    hints = get_type_hints(Finding)
    return tuple((f.name, hints[f.name]) for f in fields(Finding))


def finding_to_json(finding: Finding) -> list[Any]:
    """A :class:`Finding` as a JSON list, its fields in declaration order."""
    values: list[Any] = []
    for name, kind in _finding_fields():
        value = getattr(finding, name)
        if name == "fix":
            values.append(_fix_to_json(value))
            continue
        values.append(value.value if isinstance(value, Enum) else value)
        if kind not in _PLAIN and not (isinstance(kind, type) and issubclass(kind, Enum)):
            raise TypeError(f"Finding.{name} has a type the cache cannot store")
    return values


_PLAIN: dict[Any, tuple[type, ...]] = {str: (str,), int: (int,), float: (int, float),
                                       bool: (bool,)}


def _fix_to_json(fix: Fix | None) -> list[Any] | None:
    """A finding's fix as ``[title, [[line, column, end_line, end_column, text], ...]]``."""
    if fix is None:
        return None
    return [fix.title, [[e.line, e.column, e.end_line, e.end_column, e.text]
                        for e in fix.edits]]


def _fix_from_json(value: Any) -> Fix | None:
    """The inverse of :func:`_fix_to_json`; raises ``TypeError`` on bad data."""
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and isinstance(value[1], list)):
        raise TypeError("finding field fix is not a fix")
    edits = []
    for edit in value[1]:
        if not (isinstance(edit, list) and len(edit) == 5
                and all(type(n) is int for n in edit[:4]) and isinstance(edit[4], str)):
            raise TypeError("finding field fix has a bad edit")
        edits.append(Edit(*edit))
    return Fix(value[0], tuple(edits))


def _reader(name: str, kind: type) -> Callable[[Any], Any]:
    """What turns a stored value back into a :class:`Finding` field of type ``kind``;
    it raises ``TypeError`` or ``ValueError`` on a value of another type."""
    if name == "fix":
        return _fix_from_json
    if issubclass(kind, Enum):
        return kind
    exact = _PLAIN[kind]  # JSON gives exactly these types: never a bool for a number

    def read(value: Any) -> Any:
        if type(value) not in exact:
            raise TypeError(f"finding field {name} is not a {kind.__name__}")
        return float(value) if kind is float else value

    return read


@cache
def _finding_readers() -> tuple[Callable[[Any], Any], ...]:
    return tuple(_reader(name, kind) for name, kind in _finding_fields())


def finding_from_json(data: Any) -> Finding:
    """The inverse of :func:`finding_to_json`; raises ``TypeError``/``ValueError`` on bad
    data."""
    readers = _finding_readers()
    if not isinstance(data, list) or len(data) != len(readers):
        raise TypeError("finding has the wrong number of fields")
    return Finding(*[read(value) for read, value in zip(readers, data, strict=True)])


#: The fields of :class:`PostResult` this module stores; a result with others is not cached.
RESULT_FIELDS = ("path", "findings", "score", "breakdown", "reasons", "errors", "words",
                 "failing", "fail_under", "fail_on", "site", "language", "skipped",
                 "contributions")


def result_to_json(result: PostResult) -> dict[str, Any]:
    """A :class:`PostResult` as JSON-ready data (everything reporters read).

    Raises ``TypeError`` when :class:`PostResult` or :class:`Finding` has
    grown a field this module does not know how to store.
    """
    if tuple(f.name for f in fields(PostResult)) != RESULT_FIELDS:
        raise TypeError("PostResult has fields the cache does not know")
    return {
        "path": result.path,
        "findings": [finding_to_json(f) for f in result.findings],
        "score": result.score,
        "breakdown": list(result.breakdown.items()),
        "reasons": [finding_to_json(f) for f in result.reasons],
        "errors": list(result.errors),
        "words": result.words,
        "failing": result.failing,
        "fail_under": result.fail_under,
        "fail_on": None if result.fail_on is None else result.fail_on.value,
        "site": result.site,
        "language": result.language,
        "skipped": list(result.skipped),
        "contributions": [[c.dimension, c.signal, c.points, c.value, c.typical, list(c.lines)]
                          for c in result.contributions],
    }


def result_from_json(data: Any) -> PostResult:
    """The inverse of :func:`result_to_json`; raises ``TypeError``/``ValueError`` on bad data."""
    if not isinstance(data, dict) or tuple(data) != RESULT_FIELDS:
        raise TypeError("entry does not hold a result")
    score, words, failing = data["score"], data["words"], data["failing"]
    fail_under = data["fail_under"]
    if score is not None and (not isinstance(score, int) or isinstance(score, bool)):
        raise TypeError("score is not an integer")
    if not isinstance(words, int) or isinstance(words, bool) or not isinstance(failing, bool):
        raise TypeError("bad words or failing")
    if fail_under is not None and (isinstance(fail_under, bool)
                                   or not isinstance(fail_under, int | float)):
        raise TypeError("bad fail_under")
    fail_on, site = data["fail_on"], data["site"]
    if (fail_on is not None and not isinstance(fail_on, str)) or not isinstance(site, bool):
        raise TypeError("bad fail_on or site")
    breakdown: dict[str, int] = {}
    for name, value in data["breakdown"]:
        if not isinstance(name, str) or not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("bad breakdown")
        breakdown[name] = value
    errors = data["errors"]
    if not isinstance(errors, list) or not all(isinstance(e, str) for e in errors):
        raise TypeError("bad errors")
    if not isinstance(data["path"], str):
        raise TypeError("bad path")
    language, skipped = data["language"], data["skipped"]
    if not isinstance(language, str) or not isinstance(skipped, list) \
            or not all(isinstance(code, str) for code in skipped):
        raise TypeError("bad language or skipped rules")
    return PostResult(
        path=data["path"],
        findings=tuple(finding_from_json(f) for f in data["findings"]),
        score=score, breakdown=breakdown,
        reasons=tuple(finding_from_json(f) for f in data["reasons"]),
        errors=tuple(errors), words=words, failing=failing,
        fail_under=None if fail_under is None else float(fail_under),
        fail_on=None if fail_on is None else Severity(fail_on), site=site,
        language=language, skipped=tuple(skipped),
        contributions=tuple(_contribution_from_json(c) for c in data["contributions"]),
    )


def _contribution_from_json(data: Any) -> Contribution:
    if not isinstance(data, list) or len(data) != 6:
        raise TypeError("bad contribution")
    dimension, signal, points, value, typical, lines = data
    if not isinstance(dimension, str) or not isinstance(signal, str) \
            or not all(isinstance(v, int | float) and not isinstance(v, bool)
                       for v in (points, value)) \
            or not (typical is None or isinstance(typical, int | float)) \
            or not isinstance(lines, list) \
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in lines):
        raise TypeError("bad contribution")
    return Contribution(dimension, signal, float(points), float(value),
                        None if typical is None else float(typical), tuple(lines))


@dataclass(frozen=True, slots=True)
class CachedResult:
    """A result read from the cache, and what was printed on stderr while it was made."""

    result: PostResult
    notices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntryKey:
    """Where an entry lives (``name``) and what it must hold to be current (``key``)."""

    name: str
    key: str


class ResultCache:
    """The cache folder of one run; cheap to copy into worker processes."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = salt
        self._entries = directory / ENTRIES
        self._config_keys: dict[str, str] = {}
        self._looked_up: dict[str, tuple[str, str]] = {}
        """(SHA-256 of the bytes, result entry key) of each file looked up, by display."""

    def __getstate__(self) -> tuple[Path, str]:
        return self.directory, self.salt

    def __setstate__(self, state: tuple[Path, str]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    @classmethod
    def open(cls, directory: Path, rules: Mapping[str, type[Rule]]) -> ResultCache:
        """Create the folder (with its ``.gitignore`` and ``CACHEDIR.TAG``) if needed.

        Raises ``OSError`` when it cannot be created.
        """
        if directory.exists() and not directory.is_dir():
            raise NotADirectoryError(f"{directory} is not a folder")
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
            if not (directory / name).is_file():
                write_atomic(directory / name, text, durable=False)
        (directory / ENTRIES).mkdir(exist_ok=True)
        return cls(directory, cache_salt(rules))

    def _config_key(self, config: Config) -> str:
        fingerprint = config.fingerprint()
        found = self._config_keys.get(fingerprint)
        if found is None:
            model = _model_stamp(config.model) if config.model else []
            found = self._config_keys[fingerprint] = _digest(repr((fingerprint, model)))
        return found

    def key(self, config: Config, display: str, path: Path | None, data: bytes) -> EntryKey:
        """The entry for a file read as ``data``, reported as ``display``."""
        ignored = config.ignored_for(path) if path is not None and config.per_file_ignores \
            else ()
        name = _digest(json.dumps([self.salt, self._config_key(config), display,
                                   list(ignored)]))
        digest = hashlib.sha256(data).hexdigest()
        entry = EntryKey(name, _digest(name + digest))
        if path is not None:
            self._looked_up[display] = (digest, entry.key)
        return entry

    def digest_of(self, display: str) -> str | None:
        """The SHA-256 of the bytes a file shown as ``display`` had when this process
        looked its result up, or None when it did not."""
        found = self._looked_up.get(display)
        return None if found is None else found[0]

    def result_key_of(self, display: str) -> str | None:
        """The key of the result entry this process looked up for ``display`` (it
        fixes the result: the file's bytes, configuration and everything in the
        salt), or None when it did not."""
        found = self._looked_up.get(display)
        return None if found is None else found[1]

    def _path(self, name: str) -> str:
        return os.path.join(self._entries, name[:2], f"{name[2:]}.json")

    def load(self, entry: EntryKey) -> CachedResult | None:
        """The stored result, or None when it is missing, stale, corrupt or foreign."""
        data = self._read(entry)
        if data is None:
            return None
        try:
            notices = data["notices"]
            if not isinstance(notices, list) or not all(isinstance(n, str) for n in notices):
                return None
            return CachedResult(result_from_json(data["result"]), tuple(notices))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None

    def store(self, entry: EntryKey, result: PostResult, notices: Iterable[str]) -> None:
        """Save a result; a cache that cannot be written is quietly skipped."""
        try:
            payload = {"notices": list(notices), "result": result_to_json(result)}
        except (TypeError, ValueError):
            return
        self._write(entry, payload)

    def site_key(self, parts: Sequence[Any], digest: str) -> EntryKey:
        """The entry for a value the site checks derive: ``digest`` is the SHA-256 of
        what it is made from (a post's bytes), ``parts`` what else it depends on."""
        name = _digest(json.dumps(["site", self.salt, *parts]))
        return EntryKey(name, _digest(name + digest))

    def load_value(self, entry: EntryKey) -> Any:
        """The JSON value :meth:`store_value` saved, or None."""
        data = self._read(entry)
        return None if data is None else data.get("value")

    def store_value(self, entry: EntryKey, value: Any) -> None:
        """Save a JSON value; a cache that cannot be written is quietly skipped."""
        self._write(entry, {"value": value})

    def _read(self, entry: EntryKey) -> dict[str, Any] | None:
        try:
            with open(self._path(entry.name), "rb") as handle:
                raw = handle.read()
        except OSError:
            return None
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("valuelint_cache") != CACHE_FORMAT \
                or data.get("key") != entry.key:
            return None
        return data

    def _write(self, entry: EntryKey, payload: dict[str, Any]) -> None:
        try:
            data = {"valuelint_cache": CACHE_FORMAT, "key": entry.key, **payload}
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return
        path = Path(self._path(entry.name))
        try:
            # Only the shard folder is created here: when the cache folder has been
            # removed meanwhile (valuelint clean), nothing is written.
            path.parent.mkdir(exist_ok=True)
            write_atomic(path, text, durable=False, prefix=".tmp-", suffix=".json")
        except (OSError, UnicodeEncodeError):
            return


def open_cache(directory: Path | None, rules: Mapping[str, type[Rule]]) -> ResultCache | None:
    """The result cache of a run in ``directory`` (default: :func:`default_cache_dir`),
    or None, after a warning on stderr, when that folder cannot be used: the run
    then checks every file."""
    directory = directory or default_cache_dir()
    try:
        return ResultCache.open(directory, rules)
    except OSError as exc:
        print(f"valuelint: warning: cannot use the cache folder {directory}: "
              f"{exc.strerror or exc}; checking without the cache", file=sys.stderr)
        return None
