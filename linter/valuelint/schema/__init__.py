"""The JSON Schema of valuelint's JSON report, shipped with the package.

``report.schema.json`` (draft 2020-12) describes ``valuelint check --format
json`` (docs/json-format.md); its ``$defs`` describe one post's entry
(``post``: ``PostResult.to_dict()``, ``valuelint score --format json``) and
each line of ``--format jsonl`` (``line``).
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

__all__ = ["report_schema"]


def report_schema() -> dict[str, Any]:
    """The report's JSON Schema, as a new dict (the caller may change it)."""
    text = files(__name__).joinpath("report.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
