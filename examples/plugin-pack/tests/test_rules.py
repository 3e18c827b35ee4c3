"""The pack's rules against their YAML cases, with valuelint's own test harness."""

from pathlib import Path

import pytest

from valuelint.testing import RuleCase, assert_case, load_cases


@pytest.mark.parametrize("case", load_cases(Path(__file__).parent / "fixtures"), ids=str)
def test_rule(case: RuleCase) -> None:
    assert_case(case)
