"""The coefficients table in docs/scoring.md is the shipped value model, rendered."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO

MODEL = REPO / "rules" / "valuelint_rules" / "data" / "value_model.json"
SCORING = REPO / "docs" / "scoring.md"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_scoring_table", REPO / "docs" / "generate_scoring_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _generator()


def test_the_table_in_the_docs_is_the_shipped_model() -> None:
    """Run `python docs/generate_scoring_table.py` (or the fit script) when this fails."""
    assert SCORING.read_text("utf-8") == generator.expected(MODEL, SCORING)


def test_the_table_shows_every_term_of_every_dimension_with_its_meaning() -> None:
    model = json.loads(MODEL.read_text("utf-8"))
    table = SCORING.read_text("utf-8").split(generator.START, 1)[1].split(generator.END, 1)[0]
    for name, dimension in model["dimensions"].items():
        assert f"### `{name}`" in table
        for term in dimension["terms"]:
            assert f"| `{term['signal']}` | {generator.meaning(term['signal'])} |" in table
    assert "### Combining the dimensions (set by hand)" in table


def test_a_changed_weight_changes_the_table(tmp_path: Path) -> None:
    model = json.loads(MODEL.read_text("utf-8"))
    term = model["dimensions"]["promotion"]["terms"][0]
    term["weight"] = term["weight"] + 0.5
    changed = tmp_path / "value_model.json"
    changed.write_text(json.dumps(model), "utf-8")
    assert generator.expected(changed, SCORING) != SCORING.read_text("utf-8")


def test_a_page_without_markers_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "scoring.md"
    page.write_text("# Scoring\n", "utf-8")
    with pytest.raises(ValueError, match="markers"):
        generator.expected(MODEL, page)
