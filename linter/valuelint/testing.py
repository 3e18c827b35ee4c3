"""Test a rule from YAML cases, as valuelint's own rule packs are tested.

A rule pack keeps one YAML file per rule, named after its code::

    rule: EXMP001
    cases:
      - name: click-here
        fail: |
          Read the guide [click here](https://example.com/guide).
        places: [[1, 16]]          # [line, column] of every finding, in order
        message: "does not say where the link goes"   # part of a finding's message
        severity: warning          # the severity of every finding
      - name: named-link
        options: {link-texts: ["click here"]}          # the rule's options
        pass: |
          Read [the install guide](https://example.com/guide).

A case has ``fail`` text (the rule must report) or ``pass`` text (it must stay
quiet), and may give ``options``, a ``path`` to check the text as, and, for a
failing case, the ``places``, a ``message`` and the ``severity`` expected.
With pytest::

    import pytest
    from valuelint.testing import RuleCase, assert_case, load_cases

    @pytest.mark.parametrize("case", load_cases("tests/fixtures"), ids=str)
    def test_rule(case: RuleCase) -> None:
        assert_case(case)

Each case runs through the real engine with only its rule selected, on the
rules installed in the environment (pass ``rules`` to check others). A rule
that reads part-of-speech tags (``needs_tagger``) needs a trained spaCy
pipeline: pass its path or package name as ``model``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from valuelint.config import Config, parse_config
from valuelint.engine import check_text
from valuelint.plugins import load_rules
from valuelint.rule import Finding, Rule

__all__ = ["CaseError", "RuleCase", "assert_case", "case_findings", "load_cases"]

_KEYS = frozenset({"name", "fail", "pass", "options", "path", "places", "message", "severity"})


class CaseError(ValueError):
    """A case file that cannot be read as cases: names the file and the problem."""


@dataclass(frozen=True)
class RuleCase:
    """One case of a rule: text it must report on (``fails``) or stay quiet on."""

    code: str
    name: str
    text: str
    fails: bool
    options: Mapping[str, Any] = field(default_factory=dict)
    path: str = "post.md"
    places: tuple[tuple[int, int], ...] | None = None
    message: str | None = None
    severity: str | None = None
    source: str = ""
    """The YAML file the case was read from."""

    def __str__(self) -> str:
        return f"{self.code}-{self.name}"


def load_cases(location: str | Path) -> list[RuleCase]:
    """The cases of one YAML file, or of every ``*.yml`` file in a folder, in name order."""
    where = Path(location)
    files = sorted(where.glob("*.yml")) if where.is_dir() else [where]
    if not files:
        raise CaseError(f"{where}: no *.yml case files")
    return [case for file in files for case in _read(file)]


def _read(file: Path) -> list[RuleCase]:
    try:
        data = yaml.safe_load(file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CaseError(f"{file}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rule"), str) \
            or not isinstance(data.get("cases"), list):
        raise CaseError(f"{file}: expected a mapping with 'rule' (a code) and 'cases' (a list)")
    return [_case(data["rule"], index, raw, file) for index, raw in enumerate(data["cases"], 1)]


def _case(code: str, index: int, raw: Any, file: Path) -> RuleCase:
    where = f"{file}: case {index}"
    if not isinstance(raw, dict):
        raise CaseError(f"{where}: expected a mapping")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise CaseError(f"{where}: unknown key {', '.join(unknown)}")
    if ("fail" in raw) == ("pass" in raw):
        raise CaseError(f"{where}: give either 'fail' or 'pass' text")
    text = raw.get("fail", raw.get("pass"))
    if not isinstance(text, str):
        raise CaseError(f"{where}: the text must be a string")
    places = raw.get("places")
    return RuleCase(
        code=code, name=str(raw.get("name", index)), text=text, fails="fail" in raw,
        options=dict(raw.get("options") or {}), path=str(raw.get("path", "post.md")),
        places=None if places is None else tuple((int(line), int(col)) for line, col in places),
        message=raw.get("message"), severity=raw.get("severity"), source=str(file),
    )


def case_findings(case: RuleCase, rules: Mapping[str, type[Rule]] | None = None,
                  model: str = "") -> list[Finding]:
    """What the case's rule reports on the case's text, with only that rule selected."""
    installed = load_rules() if rules is None else rules
    if case.code not in installed:
        raise CaseError(f"{case.source}: no installed rule has the code {case.code}")
    table: dict[str, Any] = {"select": [case.code]}
    if model:
        table["model"] = model
    if case.options:
        table["rules"] = {case.code: dict(case.options)}
    config: Config = parse_config(table, None, installed)
    result = check_text(case.text, case.path, config, installed, Path(case.path))
    if result.errors:
        raise AssertionError(f"{case}: valuelint could not check the text: {result.errors}")
    return [finding for finding in result.findings if finding.code == case.code]


def assert_case(case: RuleCase, rules: Mapping[str, type[Rule]] | None = None,
                model: str = "") -> None:
    """Fail with a message saying what differs when the rule does not do what the case says."""
    found = case_findings(case, rules, model)
    said = [f"{f.line}:{f.column} {f.message}" for f in found]
    if not case.fails:
        assert not found, f"{case}: {case.code} should stay quiet, but reported {said}"
        return
    assert found, f"{case}: {case.code} should report on this text"
    if case.places is not None:
        places = tuple((f.line, f.column) for f in found)
        assert places == case.places, f"{case}: reported at {places}, expected {case.places}"
    if case.message is not None:
        assert any(case.message in f.message for f in found), \
            f"{case}: no message contains {case.message!r}: {said}"
    if case.severity is not None:
        severities = [f.severity.value for f in found]
        assert severities == [case.severity] * len(found), \
            f"{case}: severities {severities}, expected {case.severity}"
