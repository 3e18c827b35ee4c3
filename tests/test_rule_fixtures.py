"""Every rule's passing and failing cases, read from tests/fixtures/rules/CODE.yml.

A case is either ``fail`` text (the rule must report, at the listed
``line``/``column`` places when given) or ``pass`` text (it must stay quiet),
with optional rule ``options``, ``path`` and ``metadata`` front matter. Every
installed built-in rule must have at least one case of each kind. A rule that
needs part-of-speech tags runs on a real trained pipeline (tests/tiny_tagger.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from valuelint.config import Config, parse_config
from valuelint.engine import check_text
from valuelint.plugins import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RULES = load_rules()
BUILTIN = {code: rule for code, rule in RULES.items()
           if rule.__module__.startswith("valuelint_rules.")}


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


def _config(code: str, options: dict[str, Any] | None, model: str = "") -> Config:
    table: dict[str, Any] = {"select": [code]}
    if model:
        table["model"] = model
    if options:
        table["rules"] = {code: options}
    return parse_config(table, None, RULES)


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    text = case.get("fail", case.get("pass"))
    assert isinstance(text, str), "a case needs 'fail' or 'pass' text"
    # A rule that reads part-of-speech tags runs on a real trained pipeline (trained
    # once per session: see tiny_tagger.py), never on the blank one that skips it.
    model = str(request.getfixturevalue("tagger")) if RULES[code].needs_tagger else ""
    path = case.get("path", "post.md")
    result = check_text(text, path, _config(code, case.get("options"), model), RULES, Path(path))
    assert not result.errors
    found = [f for f in result.findings if f.code == code]
    if "pass" in case:
        assert found == [], [f.message for f in found]
        return
    assert found, f"{code} should report on this text"
    if "places" in case:
        assert [[f.line, f.column] for f in found] == case["places"]
    if "message" in case:
        assert any(case["message"] in f.message for f in found), [f.message for f in found]
    if "severity" in case:
        assert [f.severity.value for f in found] == [case["severity"]] * len(found), found


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_every_rule_has_passing_and_failing_cases(code: str) -> None:
    path = FIXTURES / f"{code}.yml"
    assert path.exists(), f"{code} has no fixture file {path.name}"
    cases = yaml.safe_load(path.read_text("utf-8"))["cases"]
    assert any("fail" in c for c in cases), f"{code} has no failing case"
    assert any("pass" in c for c in cases), f"{code} has no passing case"
