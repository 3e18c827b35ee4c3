"""An example valuelint rule pack.

valuelint finds this pack through the entry point declared in its
``pyproject.toml``::

    [project.entry-points."valuelint.rules"]
    example = "valuelint_example_pack:RULES"
"""

from __future__ import annotations

from valuelint_example_pack.links import NoClickHere

__all__ = ["RULES", "NoClickHere"]

RULES = (NoClickHere,)
"""Every rule this pack adds, in the order ``valuelint rules`` should not care about."""
