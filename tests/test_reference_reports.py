"""The bundled examples' JSON reports stay byte for byte what they were.

A change that reshapes or speeds up valuelint must not change what it
reports. The references in ``tests/fixtures/reports/`` were written by the
same command lines; when a change means to alter a report, write the new
reference with the command in the failure message and say why in the commit.
``benchmarks/reports.py`` does the same over the real posts beside the
repository, against any revision.
"""

from __future__ import annotations

import pytest

from conftest import REPO, run_valuelint

REFERENCES = REPO / "tests" / "fixtures" / "reports"


@pytest.mark.parametrize("command", ["check", "site"])
def test_the_examples_report_is_byte_identical_to_its_reference(command: str) -> None:
    argv = (command, "--format", "json", "--no-cache", "--exit-zero", "examples")
    outcome = run_valuelint(*argv, cwd=REPO)
    assert outcome.code == 0, outcome.stderr
    reference = REFERENCES / f"{command}-examples.json"
    expected = reference.read_text(encoding="utf-8")
    assert outcome.stdout == expected, (
        f"the {command} report of examples/ changed; if that is meant, write the new reference "
        f"with: python -m valuelint {' '.join(argv)} > {reference.relative_to(REPO)}")
