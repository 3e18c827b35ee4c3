"""Rule discovery: every rule pack registers through the ``valuelint.rules`` entry points.

The built-in rules register exactly as a third-party pack does::

    [project.entry-points."valuelint.rules"]
    mypack = "mypack.rules:RULES"   # a sequence of Rule subclasses

A pack that fails to load, or declares a malformed rule, stops the run with
an error that names the package: a rule must never go missing silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import EntryPoint, entry_points

from valuelint.rule import (
    CODE_PATTERN,
    LANGUAGE_PATTERN,
    NAME_PATTERN,
    Category,
    Rule,
    Severity,
    doc_headings,
)

__all__ = ["ENTRY_POINT_GROUP", "PluginError", "RulePack", "load_rules", "pack_versions"]

ENTRY_POINT_GROUP = "valuelint.rules"
#: The sections a rule's docstring must have. *Options* is not one of them: it is
#: generated from the rule's ``Option`` declarations (:meth:`Rule.documentation`).
DOC_SECTIONS = ("What it does", "Why it matters to readers", "Example", "Use instead")


class PluginError(RuntimeError):
    """A rule pack could not be loaded."""


@dataclass(frozen=True, slots=True)
class RulePack:
    """A loaded pack: where it came from and its rules."""

    name: str
    package: str
    version: str
    rules: tuple[type[Rule], ...]


def _package_of(entry_point: EntryPoint) -> tuple[str, str]:
    dist = entry_point.dist
    if dist is None:
        return entry_point.module.split(".")[0], ""
    metadata = dist.metadata  # read and parsed on each access: once, not twice
    return metadata["Name"], metadata["Version"]


def validate_rule(rule: type[Rule]) -> None:
    """Raise ``ValueError`` naming what a rule class declares wrongly."""
    label = getattr(rule, "__name__", repr(rule))
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise ValueError(f"{label} is not a valuelint.rule.Rule subclass")
    code = getattr(rule, "code", "")
    if not CODE_PATTERN.match(code):
        raise ValueError(f"{label}: code {code!r} is not 3-4 capital letters and 3 digits")
    if not NAME_PATTERN.match(getattr(rule, "name", "")):
        raise ValueError(f"{label}: name {getattr(rule, 'name', '')!r} is not kebab-case")
    if not isinstance(getattr(rule, "category", None), Category):
        raise ValueError(f"{label}: category must be a valuelint.rule.Category")
    if not isinstance(rule.severity, Severity):
        raise ValueError(f"{label}: severity must be a valuelint.rule.Severity")
    languages = getattr(rule, "languages", ())
    if not isinstance(languages, tuple) or not all(
            isinstance(lang, str) and LANGUAGE_PATTERN.match(lang) for lang in languages):
        raise ValueError(f"{label}: languages must be a tuple of language codes such as "
                         f"('en',), got {languages!r}")
    headings = {title for _, title in doc_headings(rule.doc())}
    missing = [section for section in DOC_SECTIONS if section not in headings]
    if missing:
        raise ValueError(f"{label}: docstring lacks the section(s) "
                         f"{', '.join(f'## {s}' for s in missing)}")


@cache
def load_packs() -> tuple[RulePack, ...]:
    """Every installed rule pack, sorted by name; raises :class:`PluginError`."""
    packs: list[RulePack] = []
    seen: dict[str, str] = {}
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        package, version = _package_of(entry_point)
        try:
            loaded = entry_point.load()
            if isinstance(loaded, type | str) or not isinstance(loaded, Iterable):
                what = "a class" if isinstance(loaded, type) else type(loaded).__name__
                raise TypeError(f"{entry_point.value} is {what}, not a sequence of Rule "
                                "subclasses such as RULES = (MyRule,)")
            rules = tuple(loaded)
            for rule in rules:
                validate_rule(rule)
        except Exception as exc:  # any failure, named with its package
            raise PluginError(
                f"rule pack '{entry_point.name}' from package '{package}' failed to load: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        for rule in rules:
            for key, what in ((rule.code, "code"), (rule.name, "name")):
                if key in seen:
                    raise PluginError(
                        f"rule {what} {key} is declared by both '{seen[key]}' "
                        f"and '{package}'"
                    )
                seen[key] = package
        packs.append(RulePack(entry_point.name, package, version, rules))
    return tuple(packs)


def load_rules() -> dict[str, type[Rule]]:
    """Every installed rule by code, in code order."""
    rules = {rule.code: rule for pack in load_packs() for rule in pack.rules}
    return dict(sorted(rules.items()))


def pack_versions() -> tuple[tuple[str, str, str], ...]:
    """(pack, package, version) of every installed pack, for cache keys."""
    return tuple((pack.name, pack.package, pack.version) for pack in load_packs())
