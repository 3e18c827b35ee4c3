"""Every rule's passing and failing cases, read from tests/fixtures/rules/CODE.yml.

The cases run through :mod:`valuelint.testing`, the harness rule-pack authors
use for their own rules: a case is ``fail`` text (the rule must report, at the
listed ``places`` when given) or ``pass`` text (it must stay quiet), with
optional rule ``options`` and a ``path``. Every installed built-in rule must
have at least one case of each kind. A rule that needs part-of-speech tags runs
on a real trained pipeline (tests/tiny_tagger.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from valuelint.plugins import load_rules
from valuelint.testing import CaseError, RuleCase, assert_case, load_cases

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RULES = load_rules()
BUILTIN = {code: rule for code, rule in RULES.items()
           if rule.__module__.startswith("valuelint_rules.")}
CASES = load_cases(FIXTURES)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_case(case: RuleCase, request: pytest.FixtureRequest) -> None:
    # A rule that reads part-of-speech tags runs on a real trained pipeline (trained
    # once per session: see tiny_tagger.py), never on the blank one that skips it.
    model = str(request.getfixturevalue("tagger")) if RULES[case.code].needs_tagger else ""
    assert_case(case, RULES, model)


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_every_rule_has_passing_and_failing_cases(code: str) -> None:
    cases = [case for case in CASES if case.code == code]
    assert cases, f"{code} has no fixture file {code}.yml"
    assert any(case.fails for case in cases), f"{code} has no failing case"
    assert any(not case.fails for case in cases), f"{code} has no passing case"


def test_a_case_that_the_rule_contradicts_fails_with_what_differs(tmp_path: Path) -> None:
    cases = tmp_path / "THIN001.yml"
    cases.write_text("rule: THIN001\ncases:\n  - name: long-enough\n    pass: |\n"
                     "      Too short.\n  - name: wrong-place\n    fail: |\n"
                     "      Too short.\n    places: [[3, 1]]\n", encoding="utf-8")
    quiet, placed = load_cases(cases)
    with pytest.raises(AssertionError, match="THIN001-long-enough: THIN001 should stay quiet"):
        assert_case(quiet, RULES)
    with pytest.raises(AssertionError, match=r"reported at \(\(1, 1\),\), expected \(\(3, 1\),\)"):
        assert_case(placed, RULES)


@pytest.mark.parametrize(("text", "problem"), [
    ("rule: THIN001\ncases: nope\n", "expected a mapping with 'rule'"),
    ("rule: THIN001\ncases:\n  - name: x\n", "give either 'fail' or 'pass' text"),
    ("rule: THIN001\ncases:\n  - pass: hi\n    expect: 1\n", "unknown key expect"),
    ("rule: [\n", "THIN900.yml"),
])
def test_a_malformed_case_file_is_named_with_its_problem(
    tmp_path: Path, text: str, problem: str,
) -> None:
    cases = tmp_path / "THIN900.yml"
    cases.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError, match=problem):
        load_cases(cases)
